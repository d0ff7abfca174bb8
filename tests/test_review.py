"""What reviewers get from the pull-request check: the comment text (Markdown of the comparison,
cut to GitHub's limit with a link to the full table) and one self-contained comparison file per
changed version (opens from disk, fetches nothing, underlines visible, A4 landscape in print)."""
from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, project_with_branch_adding
from termsite.comparison.compare import compare
from termsite.comparison.diff import Span
from termsite.source.loading import load_corpus
from termsite.model import Revision
from termsite.outputs.output import markdown_parts
from termsite.outputs.review import (
    COMMENT_LIMIT, COMMENT_MARKER, NOTHING_MARKER, Changed, _size, comment, comparison_file, job_summary, section,
)

CORPUS = load_corpus(ROOT)
DOC = CORPUS.root_document
PREVIOUS, NEWEST = CORPUS.versions[DOC.slug][-2:]
CHANGE = Changed(DOC, NEWEST, PREVIOUS)
TODAY = NEWEST.published - timedelta(days=1)
URL = "https://github.com/o/terms/actions/runs/1#artifacts"
SHOTS = ROOT / "test-artifacts"  # screenshots for a person to look at, as tests/test_browser.py keeps them


def rows_of_the_sample() -> list[str]:
    return markdown_parts(compare(Revision(PREVIOUS, NEWEST), "ja"), DOC)[1]


# --- the comment ------------------------------------------------------------------------------------

def test_comment_holds_the_whole_comparison_when_it_fits() -> None:
    s = section(CHANGE, TODAY)
    body = comment([s], URL)
    assert body.startswith(COMMENT_MARKER + "\n")
    assert body.endswith(job_summary([s]))       # the same text as the job summary
    assert all(row in body for row in rows_of_the_sample())
    assert f"]({URL})" in body and "more row(s)" not in body
    assert _size(body) <= COMMENT_LIMIT


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_a_long_comparison_is_cut_at_a_row_with_a_link_to_the_full_table(fraction: float) -> None:
    s = section(CHANGE, TODAY)
    whole = comment([s], URL)
    limit = int(_size(whole) * fraction)
    body = comment([s], URL, limit=limit)
    assert _size(body) <= limit
    rows = rows_of_the_sample()
    shown = [r for r in rows if r in body]
    assert shown == rows[:len(shown)] and 0 < len(shown) < len(rows)  # whole rows, in order, from the top
    assert f"**… {len(rows) - len(shown)} more row(s) of this table are not shown here**" in body
    assert f"[the full table]({URL})" in body
    assert "（傍線部分は改正部分）" in body and "**Not yet published.**" in body  # the note survives the cut


def test_github_limit_with_many_changed_versions() -> None:
    s = section(CHANGE, TODAY)
    many = [s] * (COMMENT_LIMIT // _size(s.text()) + 3)   # longer than a comment can be
    assert _size(job_summary(many)) > COMMENT_LIMIT
    body = comment(many, URL)
    assert _size(body) <= COMMENT_LIMIT and body.startswith(COMMENT_MARKER)
    assert f"]({URL})" in body


def test_nothing_changed_says_so_and_is_marked_so_no_new_comment_is_opened() -> None:
    body = comment([], URL)
    assert body.startswith(COMMENT_MARKER) and NOTHING_MARKER in body


def test_first_version_has_nothing_to_compare() -> None:
    first = CORPUS.versions[DOC.slug][0]
    s = section(Changed(DOC, first, None), TODAY)
    assert s.rows == () and "nothing to compare" in s.text()


# --- the comparison file ----------------------------------------------------------------------------

def marked_texts(lang: str, marks: tuple[str, ...] = ("del", "ins")) -> Counter[str]:
    """Every deleted or inserted run of the revision, from the comparison itself."""
    found: Counter[str] = Counter()

    def walk(x: object) -> None:
        if isinstance(x, Span):
            if x.mark in marks:
                found[x.text] += 1
        elif dataclasses.is_dataclass(x):
            for f in dataclasses.fields(x):
                walk(getattr(x, f.name))
        elif isinstance(x, (list, tuple)):
            for y in x:
                walk(y)

    walk(compare(Revision(PREVIOUS, NEWEST), lang).groups)
    return found


@pytest.fixture(scope="module")
def comparison_html() -> str:
    return comparison_file(CORPUS, CHANGE)


def test_comparison_file_is_self_contained(comparison_html: str) -> None:
    soup = BeautifulSoup(comparison_html, "html.parser")
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy
    assert soup.find_all(["script", "link", "img", "iframe", "object"]) == []
    refs = [t.get(a) for t in soup.find_all(True) for a in ("src", "href") if t.get(a)]
    assert all(r.startswith("#") for r in refs), refs
    style = soup.find("style").get_text()
    assert "url(" not in re.sub(r"var\(--md-details-icon\)", "", style) and "@import" not in style
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape", style)


def test_comparison_file_marks_every_change_in_both_languages(comparison_html: str) -> None:
    soup = BeautifulSoup(comparison_html, "html.parser")
    tables = soup.select("table.terms-cmp")
    assert [t["lang"] for t in tables] == ["ja", "en"]
    for table in tables:
        for sr in table.select(".terms-sr"):
            sr.decompose()
        shown = Counter(m.get_text() for m in table.select("del.terms-mark, ins.terms-mark"))
        assert shown == marked_texts(table["lang"])


def test_comparison_file_opens_from_disk_in_chromium(comparison_html: str, tmp_path: Path, browser) -> None:
    path = tmp_path / "your-connect-comparison.html"
    path.write_text(comparison_html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert requests == [path.as_uri()]  # the file itself and nothing else
    marks = page.locator("table.terms-cmp[lang=ja] ins.terms-mark")
    assert marks.count() == sum(marked_texts("ja", ("ins",)).values())
    first = marks.first
    style = first.evaluate("e => { const s = getComputedStyle(e); "
                           "return [s.textDecorationLine, s.textDecorationStyle, s.display] }")
    assert style[0] == "underline" and style[1] == "solid" and style[2] != "none"
    box = first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "comparison-file.png"), full_page=False)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    width, height = (float(x) for x in re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


# --- through the command line, as the check runs it ---------------------------------------------------

def test_summary_writes_the_comment_and_one_file_per_changed_version(tmp_path: Path) -> None:
    project = project_with_branch_adding(tmp_path / "p", NEWEST.path)
    out = tmp_path / "comparison"
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "summary", "--base", "main", "--comment",
                             "--full-url", URL, "--files", str(out)], cwd=project, capture_output=True, text=True,
                            env={**__import__("os").environ, "TERMS_TODAY": TODAY.isoformat()})
    assert result.returncode == 0, result.stderr
    assert result.stdout == comment([section(CHANGE, TODAY)], URL)
    # the HTML file, and the table as Word and PDF in both languages (tests/test_export.py reads them)
    exports = [f"{DOC.slug}-{NEWEST.slug}-comparison-{lang}.{fmt}" for lang in ("ja", "en") for fmt in ("docx", "pdf")]
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{DOC.slug}-{NEWEST.slug}-comparison.html", *exports])
    assert all(f"`{name}`" in result.stdout for name in exports)  # the comment names them
