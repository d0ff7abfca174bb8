"""Every built page checked with the Nu HTML Checker (npm ``vnu-jar``, run with Java).

No error may come from the project's markup. Errors that come from Material's own templates are
listed below with the reason; they are matched by message and must not hide anything else.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DAYS = ("2026-02-15", "2026-11-24")  # an upcoming version exists on the first, a superseded one on the second

MATERIAL = {
    "Attribute “autocomplete” is only allowed when the input type is":
        "Material's base.html: its drawer and search toggles are <input type=checkbox autocomplete=off>",
    "Bad value “” for attribute “tabindex” on element “label”":
        "Material's partials/nav-item.html writes tabindex=\"\" on section labels (navigation.sections)",
}
# Not on every page: Material's partials/toc.html labels `for="__toc"`, an input that its nav-item.html
# writes only for a page in the navigation; versions, comparisons and clause histories are kept out
# of the (deliberately short) sidebar, so their table of contents has a label without its input.
MATERIAL_SOME = {
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.":
        "Material's partials/toc.html on pages outside the navigation",
}


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        if os.environ.get("CI"):
            pytest.fail("no Java or no vnu.jar: .ci/run installs default-jre-headless, `make test` runs npm ci")
        pytest.skip("needs Java (apt-get install default-jre-headless) and `npm ci` (vnu-jar)")
    return [java, "-jar", str(VNU), "--format", "json", "--errors-only"]


@pytest.mark.parametrize("day", DAYS)
def test_every_page_is_conforming_html(sites, day: str) -> None:
    command = _checker()
    site = sites.get(day)
    pages = sorted(str(p) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    kinds = ("/404.html", "/search/", "/about/", "/comparison/", "/notice/", "/history/", "/initial/", "/en/")
    assert all(any(k in p for p in pages) for k in kinds)
    result = subprocess.run(command + pages, capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    ours = []
    for m in errors:
        page = m["url"].split(str(site), 1)[-1]
        if any(known in m["message"] for known in (*MATERIAL, *MATERIAL_SOME)):
            continue
        ours.append(f"{page}:{m.get('lastLine')}: {m['message']}")
    assert ours == []
    # the known ones are really there (so this list is kept honest) and on every page
    for known in MATERIAL:
        assert sum(known in m["message"] for m in errors) >= len(pages), known
    for known in MATERIAL_SOME:
        assert any(known in m["message"] for m in errors), known
