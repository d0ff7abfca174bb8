"""Nothing of the comparison is lost in the Word file or the PDF, as a reader sees them printed.

The sample revision holds a row taller than a page (第14条: six new paragraphs). The .docx is laid
out by LibreOffice (``soffice --headless --convert-to pdf``) and its text read back, and so is the
PDF: every cell of the site's HTML table must be there, whole and in order, in its column —
including the end of a row that runs onto the next page. Read back the same way: no Latin word is
broken inside, no line starts with a closing bracket or a comma/full stop, and a deletion point (the
underlined blank) extracts as nothing, not as a space.
"""
from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import ROOT, make_project
from termsite.model import LANGS, Corpus
from termsite.outputs.export.docx import write_docx
from termsite.outputs.export.files import request, table_for
from termsite.outputs.export.pdf import write_pdf
from termsite.outputs.export.table import ExportTable
from termsite.pages.templating import render, standalone_env
from termsite.pages.views import comparison_view
from termsite.source.loading import load_corpus

TODAY = date(2026, 12, 1)
MARGIN = 40  # pt: the page header and footer (title, page number) are above and below it
CLOSING = "、。，．）」』】〕］｝〉》)]},.:;!?"


def norm(text: str) -> str:
    """NFKC without white space; the fonts name ～ 〜, – ‒ and ／ ∕; a list's "•" is drawn by the site's CSS."""
    text = text.replace("〜", "～").replace("‒", "–").replace("∕", "/")
    return re.sub(r"[\s•]", "", unicodedata.normalize("NFKC", text))


def _text(node: Tag) -> str:
    out = []
    for child in node.children:
        if isinstance(child, NavigableString):
            out.append(str(child))
        elif isinstance(child, Tag):
            classes = child.get("class") or []
            if {"terms-sr", "terms-cmp-side", "terms-elided__body", "terms-gap"} & set(classes):
                continue
            out.append(_text(child))
    return "".join(out)


def html_cells(corpus: Corpus, table: ExportTable, lang: str) -> list[dict[str, str]]:
    """Per row of the site's table, per side, the text the row shows (an elision closed: （略））."""
    req = request(corpus, corpus.root_document.slug, "2026-03-01")
    view = comparison_view(corpus, req.doc, req.revision, lang)
    html = render(standalone_env(lang), "partials/terms/comparison_table.html", view=view, lang=lang)
    grid = BeautifulSoup(html, "html.parser").find("table", class_="terms-cmp")
    assert isinstance(grid, Tag)
    rows = []
    for tr in grid.find("tbody").find_all("tr", recursive=False):  # type: ignore[union-attr]
        row = {}
        for side in ("old", "new"):
            pair = tr.find("td", class_="terms-cmp-pair")
            cell = (pair.select_one(f"summary .terms-cmp-{side}, .terms-elided--placeholder .terms-cmp-{side}")
                    if pair is not None else tr.find("td", class_=f"terms-cmp-{side}"))
            assert isinstance(cell, Tag)
            row[side] = norm(_text(cell))
        rows.append(row)
    assert len(rows) == len(table.rows)
    return rows


def read_columns(data: bytes, labels: list[str]) -> tuple[dict[str, list[str]], dict[str, list[list[str]]]]:
    """Per column (split at the page's middle), each page's text in reading order without the page
    margins and without the repeated header label; and each page's lines as printed."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: dict[str, list[str]] = {label: [] for label in labels}
    lines_of: dict[str, list[list[str]]] = {label: [] for label in labels}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["top"] > MARGIN and c["bottom"] < page.height - MARGIN]
            for i, label in enumerate(labels):
                mine = sorted((c for c in chars if ((c["x0"] + c["x1"]) / 2 < page.width / 2) == (i == 0)),
                              key=lambda c: (c["bottom"], c["x0"]))
                lines: list[list[dict]] = []
                for c in mine:
                    if lines and c["bottom"] - lines[-1][-1]["bottom"] <= 2.5:
                        lines[-1].append(c)
                    else:
                        lines.append([c])
                printed = ["".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines]
                text = norm("".join(printed))
                head = text.find(norm(label))
                if head != -1 and head < 200:  # the header row, repeated at the top of the table on each page
                    text = text[head + len(norm(label)):]
                pages[label].append(text)
                lines_of[label].append(printed)
    return pages, lines_of


def check_every_cell(corpus: Corpus, table: ExportTable, data: bytes, what: str, tall: bool) -> None:
    labels = [label for _s, label in table.columns]
    pages, lines = read_columns(data, labels)
    expected = html_cells(corpus, table, table.lang)
    split = 0
    for label, side in ((label, side) for side, label in table.columns):
        column = "".join(pages[label])
        at = 0
        for i, row in enumerate(expected):
            cell = row[side]
            found = column.find(cell, at)
            assert found != -1, (what, table.lang, label, i, cell[-60:])
            at = found + len(cell)
            split += len(cell) > 0 and not any(cell in page for page in pages[label])
        check_lines(lines[label], table, what)
    if tall:
        assert split, f"{what}: no row runs onto a second page, though one is taller than a page"


def latin_words(table: ExportTable) -> set[str]:
    text = " ".join(r.text for row in table.rows for paras in row.cells.values() for p in paras for r in p.runs)
    return set(re.findall(r"[A-Za-z]{2,}", text))


def check_lines(pages: list[list[str]], table: ExportTable, what: str) -> None:
    words = latin_words(table)
    for lines in pages:
        for before, after in zip(lines, lines[1:]):
            assert after.lstrip()[:1] not in CLOSING or not after.strip(), (what, before, after)
            end = re.search(r"[A-Za-z]+$", before.rstrip("-"))
            start = re.match(r"[A-Za-z]+", after.lstrip())
            if end and start and not before.endswith((" ", "\u3000")):
                joined = end.group() + start.group()
                assert joined not in words, (what, "a Latin word broken inside", before, after)


def tall_project(dest: Path) -> Path:
    """The samples, with 第14条 of the new version three times as long (its six paragraphs again as
    7–12 and 13–18): a new article whose row is taller than a page in both files."""
    project = make_project(dest, with_samples=True)
    (project / "versions/lock.json").unlink()  # a draft of the revision: the locked file is changed here
    path = project / "versions/your-connect/2026-03-01.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - num: 14\n")
    body_at = text.index("    paragraphs:\n", start) + len("    paragraphs:\n")
    end = text.index("\nsupplementary:", body_at)
    body = text[body_at:end].rstrip("\n") + "\n"
    more = "".join(re.sub(r"^      - num: (\d+)$", lambda m: f"      - num: {int(m.group(1)) + k}", body, flags=re.M)
                   for k in (6, 12))
    path.write_text(text[:end].rstrip("\n") + "\n" + more + text[end:], encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Corpus]:
    return {"sample": load_corpus(ROOT), "tall": load_corpus(tall_project(tmp_path_factory.mktemp("tall") / "p"))}


def table_of(corpus: Corpus, lang: str) -> ExportTable:
    return table_for(corpus, request(corpus, corpus.root_document.slug, "2026-03-01"), lang, TODAY)


CASES = [(name, lang) for name in ("sample", "tall") for lang in LANGS]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_character_of_the_comparison_is_in_the_pdf(name: str, lang: str, corpora, tmp_path: Path) -> None:
    table = table_of(corpora[name], lang)
    check_every_cell(corpora[name], table, write_pdf(table, tmp_path / "s.pdf").read_bytes(), "pdf", name == "tall")


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: it lays the Word file out for this test "
                    "(.ci/run installs libreoffice-writer-nogui)")
    return found


def laid_out(soffice: str, docx_path: Path) -> bytes:
    """The Word file as LibreOffice prints it."""
    out = docx_path.parent / "lo"
    profile = docx_path.parent / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(docx_path)], check=True, capture_output=True, timeout=180)
    return (out / docx_path.with_suffix(".pdf").name).read_bytes()


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_every_character_of_the_comparison_is_in_the_word_file_as_laid_out(name: str, lang: str, corpora,
                                                                          soffice: str, tmp_path: Path) -> None:
    table = table_of(corpora[name], lang)
    data = laid_out(soffice, write_docx(table, tmp_path / "s.docx"))
    check_every_cell(corpora[name], table, data, "docx", name == "tall")


@pytest.mark.parametrize("lang", LANGS)
def test_a_deletion_point_extracts_as_nothing_and_is_drawn(lang: str, corpora, tmp_path: Path) -> None:
    """Under each blank's underline there is no character at all (not a space)."""
    import pdfplumber

    table = table_of(corpora["sample"], lang)
    assert any(r.mark == "gap" for row in table.rows for paras in row.cells.values() for p in paras for r in p.runs)
    path = write_pdf(table, tmp_path / "s.pdf")
    blanks = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            bars = [r for r in page.rects if r["height"] < 1.5 and 5 < r["width"] < 15]
            for bar in bars:
                above = [c for c in page.chars if bar["x0"] - 0.5 < (c["x0"] + c["x1"]) / 2 < bar["x1"] + 0.5
                         and 0 <= bar["top"] - c["bottom"] <= 4]
                assert above == [], (page.page_number, [c["text"] for c in above])
                blanks += 1
    assert blanks >= sum(r.mark == "gap" for row in table.rows for paras in row.cells.values() for p in paras
                         for r in p.runs) > 0
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "\u3000" not in text or "\u3000" in "".join(
        r.text for row in table.rows for paras in row.cells.values() for p in paras for r in p.runs)
