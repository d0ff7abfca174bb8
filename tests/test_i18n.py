"""Every UI string in the templates and the code has a Japanese translation in the catalog."""
from __future__ import annotations

from babel.messages.extract import extract_from_dir

from conftest import ROOT
from termsite.pages.i18n import translations


def ui_strings() -> set[str]:
    found: set[str] = set()
    method_map = [("src/**.py", "python"), ("hooks/**.py", "python"), ("overrides/**.html", "jinja2")]
    options = {"overrides/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"_": None, "t": None, "_t": (2,), "gettext": (2,)}
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT), method_map, options, keywords=keywords):
        if isinstance(message, str):
            found.add(message)
    return found


def test_all_strings_are_translated() -> None:
    strings = ui_strings()
    assert len(strings) > 40
    ja = translations("ja")
    missing = sorted(s for s in strings if ja.gettext(s) == s)
    assert missing == []


def test_catalog_keeps_placeholders() -> None:
    ja = translations("ja")
    for s in ui_strings():
        for name in ("%(date)s", "%(title)s", "%(q)s", "%(period)s"):
            assert (name in s) == (name in ja.gettext(s)), s
