"""Legal text reaches the model exactly as the editor meant it, or the check refuses the file.

A property test over arbitrary clause texts — with the characters that break YAML (``#``, ``:``,
``,``, ``{``, quotes, backslashes, line breaks) and the ones nobody can see — written into a version
file in every quoting style an editor might use: either the loaded text equals the intended text,
or the check reports a problem. Nothing in between.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from termsite.source.loading import load_version
from termsite.model import ItemList
from termsite.source.validation import validate_version

ORIGINAL = "                text: {ja: ソフトフォン機能, en: Softphone}\n"
INDENT = " " * 18

# Pieces an editor's text is made of: ordinary Japanese and English, YAML's syntax characters, and
# what arrives by copy and paste (invisible characters, unusual spaces, decomposed kana).
PIECES = [
    "ソフトフォン機能", "甲", "乙", "の", "、", "。", "（", "）", "「", "」", "4か月", "30日前", "CRM",
    "Your Connect", "Party A's", "a", "Z", "0", "1", " ", "\u3000",
    "#", " #", "# ", ":", ": ", ",", ", ", "{", "}", "[", "]", "'", "''", '"', "\\", "\\n", "&", "*", "!",
    "|", ">", "%", "@", "`", "-", "- ", "?", "~", "true", "null", "yes", "no", "2026-03-01", "0x1F", "1e3",
    "\n", "\r\n", "\t", "\u00a0", "\u2002", "\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066",
    "\u2028", "ｿﾌﾄ", "カ\u3099", "e\u0301", "\uf0b7", "\ufffd", "\x07", "\x85",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12),
)


def block(value: str) -> str:
    return f"                text:\n{INDENT}ja: {value}\n{INDENT}en: Softphone\n"


def flow(value: str) -> str:
    return f"                text: {{ja: {value}, en: Softphone}}\n"


def multiline(text: str) -> str:
    """Continuation lines are indented, as an editor's wrapped text would be."""
    return text.replace("\r\n", "\n").replace("\n", "\n" + INDENT + "  ")


def plain_typable(text: str) -> bool:
    return text == text.strip(" \t\r\n") and not text.startswith(("'", '"'))


def double_escaped(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def single_escaped(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# name → (how the clause line is written, which intended texts that style can express at all)
STYLES: dict[str, tuple[Callable[[str], str], Callable[[str], bool]]] = {
    # Plain: spaces and line breaks at the ends belong to YAML, not to the text, and a value that
    # starts with a quote mark is a quoted value: such texts cannot be typed without quotes.
    "plain": (lambda t: block(multiline(t)), lambda t: plain_typable(t)),
    "flow plain": (lambda t: flow(multiline(t)), lambda t: plain_typable(t)),
    "single quotes, escaped as YAML requires": (lambda t: block(multiline(single_escaped(t))), lambda t: True),
    # Typed without escaping: a doubled quote is YAML's way to write one quote, so a text that
    # contains one is covered by the escaped style.
    "single quotes, typed as is": (lambda t: block("'" + multiline(t) + "'"), lambda t: "''" not in t),
    "double quotes, escaped as YAML requires": (lambda t: block(multiline(double_escaped(t))), lambda t: True),
    # Typed without escaping: `\"` is YAML's way to write a quote (allowed, used in the samples),
    # so a text that contains a backslash before a quote is covered by the escaped style.
    "double quotes, typed as is": (lambda t: block('"' + multiline(t) + '"'), lambda t: '\\"' not in t),
    "flow, double quotes": (lambda t: flow(double_escaped(t)), lambda t: True),
    "flow, single quotes": (lambda t: flow(single_escaped(t)), lambda t: True),
    "literal block |": (lambda t: f"                text:\n{INDENT}ja: |\n{INDENT}  {multiline(t)}\n"
                                  f"{INDENT}en: Softphone\n", lambda t: True),
    "folded block >-": (lambda t: f"                text:\n{INDENT}ja: >-\n{INDENT}  {multiline(t)}\n"
                                  f"{INDENT}en: Softphone\n", lambda t: True),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("integrity") / "p"
    shutil.copytree(FIXTURES / "base", dest)
    return dest


def loaded_or_refused(project: Path, clause_line: str) -> str | None:
    """The loaded text of 第1条1(1), or None when the single-file check refuses the file."""
    path = project / "versions/your-connect/2026-03-01.yaml"
    base = (FIXTURES / "base/versions/your-connect/2026-03-01.yaml").read_text(encoding="utf-8")
    assert ORIGINAL in base
    path.write_text(base.replace(ORIGINAL, clause_line), encoding="utf-8", newline="")
    version, problems = load_version(path, project)
    if version is None or problems or validate_version(version):
        return None
    blocks = version.articles[0].paragraphs[0].blocks
    items = blocks[1] if len(blocks) > 1 and isinstance(blocks[1], ItemList) else None
    return items.items[0].text.ja if items else repr(version.articles[0])


@pytest.mark.parametrize("style", list(STYLES))
@settings(max_examples=int(os.environ.get("TERMS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
@example(text="ソフトフォン機能 #1 ほか")
@example(text="#\nソフトフォン機能")  # found by this test: a comment between the key and the text
@example(text="ソフトフォン機能\n#")  # found by this test: a comment where the text continues
@example(text="ソフトフォン機能'#")  # found by this test: `'…'#` is a comment without a space
@example(text=";\r#")  # found by this test: a lone CR is a line break to YAML
@example(text='ソフトフォン機能"\n#')  # found by this test: a # line after a quoted text
@example(text='ソフトフォン機能"\n\n#')  # found by this test: … after a blank line
@example(text="ソフトフォン機能\n")
@example(text="ソフトフォン\n機能")
@example(text="C:\\Program Files")
@example(text="ソフトフォン\u200b機能")
@example(text="\u3000ソフトフォン機能")
@example(text="ｿﾌﾄﾌｫﾝ機能")
def test_the_loaded_text_is_the_intended_text_or_the_file_is_refused(project: Path, style: str, text: str) -> None:
    write, expressible = STYLES[style]
    assume(expressible(text))
    loaded = loaded_or_refused(project, write(text))
    assert loaded is None or loaded == text, (style, json.dumps(text), json.dumps(loaded))


@pytest.mark.parametrize("text", ["午後 10 時", "第1条　目的", "Party A's \"Service Agreement\"", "葛\U000e0100飾区",
                                  "100% & 50 #1", "https://portal.your-connect.com/terms"])
def test_ordinary_texts_load_unchanged_when_quoted(project: Path, text: str) -> None:
    """The refusals do not catch what legal text really contains: spaces inside (the seed's
    午後 10 時), the ideographic space, quotes, ideographic variation sequences."""
    assert loaded_or_refused(project, block(double_escaped(text))) == text
    assert loaded_or_refused(project, block(single_escaped(text))) == text


@settings(max_examples=int(os.environ.get("TERMS_EXAMPLES", "150")) * 10, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None), max_size=12) | TEXTS)
@example(text="カ\u3099")      # a 濁点 that composes with the kana before it
@example(text="\u3099カ")      # … and one with nothing to compose with (allowed)
@example(text="a\u3000b c")   # the spaces a text may hold
@example(text="a\u00a0b")     # one that only looks like a space
@example(text="\ufffd")
def test_fast_check_never_passes_a_character_the_full_check_refuses(text: str) -> None:
    """The check first asks, in C, whether a text is plainly visible; only when it is not does it
    look at each character. Whatever the fast answer lets through, the slow one must too."""
    from termsite.source.integrity import _plainly_visible, _refused

    refused = [ch for i, ch in enumerate(text) if _refused(ch, text[i - 1] if i else "")]
    if _plainly_visible(text):
        assert not refused, refused
