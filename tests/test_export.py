"""The 新旧対照表 as Word and PDF (termsite export): read back, each file marks exactly what the site's
HTML table marks — per row and side in the .docx (underlined runs per cell), per column in the PDF
(characters above an underline, and underlines with no character: the blanks) — for the sample
revision and for every revision the fixture projects hold, in both languages. The expected marks are
read from the site's own table template, never listed here.

How the three are put side by side: marked text is compared in NFKC without white space (the PDF's
fonts map 月 to ⽉), the "•" of a list (drawn by the site's CSS) left out, an unmarked character separates two marked stretches, and a blank (or a marked
stretch of white space only) is "▁"."""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from conftest import FIXTURES, ROOT, make_project
from termsite.model import LANGS, Corpus, Document, Revision
from termsite.outputs.export.docx import EAST_ASIAN_FONT, GAP_STYLE, LATIN_FONT, MARK_STYLE, write_docx
from termsite.outputs.export.files import Request, request, table_for
from termsite.outputs.export.table import ExportTable, export_table
from termsite.pages.templating import render, standalone_env
from termsite.pages.views import comparison_view
from termsite.source.loading import load_corpus

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402
GAP = "▁"
TODAY = date(2026, 12, 1)


# --- one canonical form for the three readings ----------------------------------------------------

def _norm(text: str) -> str:
    """NFKC without white space, and without the "•" list marker (the site's CSS draws it; the files print it).
    The PDF's fonts also name ～ as 〜, – as ‒ and ／ as ∕: compared as one."""
    return re.sub(r"[\s•]", "", unicodedata.normalize("NFKC", text.replace("〜", "～").replace("‒", "–").replace("∕", "/")))


class Marks:
    """Marked stretches in reading order: feed pieces (text, marked) and blanks, read ``segments``."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def piece(self, text: str, marked: bool) -> None:
        if marked:
            self.out.append(_norm(text) or GAP)  # a marked stretch of white space only is a blank
        elif _norm(text):
            self.out.append("|")

    def gap(self) -> None:
        self.out.append(GAP)

    def char(self, text: str, marked: bool) -> None:
        """One character at a time (the PDF): white space neither marks nor separates."""
        if _norm(text):
            self.out.append(_norm(text) if marked else "|")

    def segments(self) -> list[str]:
        joined = re.sub(f"{GAP}+", GAP, "".join(self.out))
        return [s for s in joined.split("|") if s]


# --- the site's HTML table ------------------------------------------------------------------------

def site_table(corpus: Corpus, doc: Document, revision: Revision, lang: str, cumulative: bool = False) -> Tag:
    view = comparison_view(corpus, doc, revision, lang, cumulative=cumulative)
    html = render(standalone_env(lang), "partials/terms/comparison_table.html", view=view, lang=lang)
    table = BeautifulSoup(html, "html.parser").find("table", class_="terms-cmp")
    assert isinstance(table, Tag)
    return table


def _walk(node: Tag, marks: Marks, marked: bool = False) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            marks.piece(str(child), marked)
        elif isinstance(child, Tag):
            classes = child.get("class") or []
            if "terms-sr" in classes or "terms-cmp-side" in classes:  # screen-reader words, side tags
                continue
            if "terms-gap" in classes:
                marks.gap()
            elif "terms-elided__body" in classes:  # an elision is printed closed: （略）
                continue
            else:
                _walk(child, marks, marked or child.name in ("del", "ins"))


def html_cells(table: Tag) -> list[dict[str, Marks]]:
    """Per row of the site's table, per side, what is marked in what the row shows."""
    rows = []
    for tr in table.find("tbody").find_all("tr", recursive=False):  # type: ignore[union-attr]
        row = {}
        for side in ("old", "new"):
            marks = Marks()
            pair = tr.find("td", class_="terms-cmp-pair")
            if pair is not None:  # an elided row: both halves in one cell
                half = pair.select_one(f"summary .terms-cmp-{side}, .terms-elided--placeholder .terms-cmp-{side}")
                assert half is not None
                _walk(half, marks)
            else:
                cell = tr.find("td", class_=f"terms-cmp-{side}")
                assert isinstance(cell, Tag)
                _walk(cell, marks)
            row[side] = marks
        rows.append(row)
    return rows


def html_column(table: Tag, side: str) -> list[str]:
    marks = Marks()
    for row in html_cells(table):
        marks.out += row[side].out
    return marks.segments()


# --- the .docx read back ---------------------------------------------------------------------------

def docx_cells(path: Path) -> tuple[list[str], list[dict[str, list[str]]]]:
    """The header labels, and per row per column label the marked segments of the cell."""
    document = docx.Document(str(path))
    grid = document.tables[0]
    labels = [c.text for c in grid.rows[0].cells]
    rows = []
    for row in grid.rows[1:]:
        out = {}
        for label, cell in zip(labels, row.cells):
            marks = Marks()
            for p in cell.paragraphs:
                for run in p.runs:
                    style = run.style.name if run.style is not None else None
                    if style == GAP_STYLE:  # a picture of the underline: no text at all
                        assert run.text == "" and run._r.find(".//" + qn("wp:inline")) is not None
                        marks.gap()
                    else:
                        assert run.font.underline is None  # marks are their character style, never direct
                        marks.piece(run.text, style == MARK_STYLE)
            out[label] = marks.segments()
        rows.append(out)
    return labels, rows


# --- the PDF read back -----------------------------------------------------------------------------

def _colour(value: object) -> float:
    """A grey level from pdfplumber's colour (a number, or a tuple of one or three equal numbers)."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (tuple, list)) and value and len(set(value)) == 1:
        return float(value[0])
    return -1.0


def pdf_columns(data: bytes, labels: list[str]) -> dict[str, list[str]]:
    """Per column (by header label), the marked segments: characters with a black underline right
    below them, and underlines with no character above (the blanks). The header cells (grey) and the
    page margins (title, page number) are left out; the two columns split at the page's middle."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    columns: dict[str, list[tuple[int, float, float, str, bool]]] = {label: [] for label in labels}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            # underlines: black strokes (the marks) or filled bars (the blanks' bottom edge), thin and flat
            lines = [r for r in page.rects if r["height"] < 1.5 and r["width"] > 2
                     and _colour(r["non_stroking_color"]) == 0.0]
            lines += [ln for ln in page.lines if ln["height"] < 0.5 and ln["width"] > 2
                      and _colour(ln["stroking_color"]) == 0.0]
            heads = [r for r in page.rects if round(_colour(r["non_stroking_color"]), 3) == 0.933]
            margin = 36  # the @page margins are 14 mm and 16 mm: the page number and title are in them
            chars = [c for c in page.chars if margin < c["top"] and c["bottom"] < page.height - margin
                     and not any(h["x0"] <= (c["x0"] + c["x1"]) / 2 <= h["x1"] and h["top"] <= c["top"] <= h["bottom"]
                                 for h in heads)]

            def under(c: dict, line: dict) -> bool:
                return line["x0"] - 0.5 <= (c["x0"] + c["x1"]) / 2 <= line["x1"] + 0.5 and 0 <= line["top"] - c["bottom"] <= 4

            for c in chars:
                side = labels[0] if (c["x0"] + c["x1"]) / 2 < page.width / 2 else labels[1]
                columns[side].append((number, c["bottom"], c["x0"], c["text"], any(under(c, ln) for ln in lines)))
            for ln in lines:
                if not any(under(c, ln) and c["text"].strip() for c in chars):
                    side = labels[0] if (ln["x0"] + ln["x1"]) / 2 < page.width / 2 else labels[1]
                    columns[side].append((number, ln["top"] - 1.5, ln["x0"], GAP, True))
    out = {}
    for label, items in columns.items():
        # reading order: page, line (bottoms within 2.5 pt), left to right
        items.sort(key=lambda i: (i[0], i[1]))
        lines: list[list[tuple[int, float, float, str, bool]]] = []
        for item in items:
            if lines and lines[-1][0][0] == item[0] and item[1] - lines[-1][-1][1] <= 2.5:
                lines[-1].append(item)
            else:
                lines.append([item])
        marks = Marks()
        for line in lines:
            for _p, _y, _x, text, marked in sorted(line, key=lambda i: i[2]):
                if text == GAP:
                    marks.gap()
                else:
                    marks.char(text, marked)
        out[label] = marks.segments()
    return out


# --- which revisions: the sample's, and every one the fixture projects hold ------------------------

def fixture_projects(base: Path) -> list[Path]:
    """The sample project, the base fixture, and each scenario fixture overlaid on the samples as the
    tests that own them do (tests/fixtures/*; bad/ excepted: those never load)."""
    projects = [ROOT, make_project(base / "base")]
    for overlay in scenario_overlays():
        name = overlay.relative_to(FIXTURES).as_posix()
        under = [FIXTURES / u for u in BUILT_ON.get(name, ())]
        projects.append(make_project(base / name.replace("/", "-"), *under, overlay, with_samples=True))
    return projects


# A scenario written over another (its lock holds both): a withdrawal of part of the partial revision.
BUILT_ON = {"cancelled": ("partial",)}


# The scenarios the check refuses on purpose — a paragraph moved to another article under its old id
# (tests/test_moved_clauses.py), a deferral that leaves a cross-reference behind (tests/test_stages.py):
# they never build, so they have no table to export.
REFUSED = {"moved", "stages/renumber-undragged"}


def scenario_overlays() -> list[Path]:
    """Each folder of tests/fixtures that holds versions/ (a group such as stages/ holds several)."""
    found = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name not in ("base", "bad")):
        found += [folder] if (folder / "versions").is_dir() else \
            sorted(p for p in folder.iterdir() if (p / "versions").is_dir())
    return [p for p in found if p.relative_to(FIXTURES).as_posix() not in REFUSED]


@pytest.fixture(scope="module")
def revisions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Corpus, Request]]:
    """Every revision of every document, and each version against the first (a changes-since table)."""
    found = []
    for project in fixture_projects(tmp_path_factory.mktemp("projects")):
        corpus = load_corpus(project)
        for doc in corpus.documents:
            versions = corpus.versions[doc.slug]
            for i, v in enumerate(versions[1:], 1):
                found.append((f"{project.name}:{doc.slug}:{v.slug}", corpus, request(corpus, doc.slug, v.slug)))
                if i > 1:
                    found.append((f"{project.name}:{doc.slug}:{v.slug}-since-{versions[0].slug}", corpus,
                                  request(corpus, doc.slug, v.slug, versions[0].slug)))
    assert any(r.revision.new.slug == "2026-03-01" and not r.cumulative for _n, _c, r in found)  # the sample
    assert any(r.cumulative for _n, _c, r in found)
    return found


def _labels(table: ExportTable) -> dict[str, str]:
    return {label: side for side, label in table.columns}


def test_docx_marks_equal_the_site_table_for_every_revision(revisions, tmp_path: Path) -> None:
    checked = 0
    for name, corpus, req in revisions:
        for lang in LANGS:
            table = table_for(corpus, req, lang, TODAY)
            path = write_docx(table, tmp_path / f"{checked}.docx")
            labels, rows = docx_cells(path)
            assert labels == [label for _s, label in table.columns], name
            expected = html_cells(site_table(corpus, req.doc, req.revision, lang, req.cumulative))
            assert len(rows) == len(expected), name
            side_of = _labels(table)
            for i, (got, want) in enumerate(zip(rows, expected)):
                for label, segments in got.items():
                    assert segments == want[side_of[label]].segments(), (name, lang, i, label)
            checked += 1
    assert checked == 2 * len(revisions)


class Typesetter:
    """The exporter's PDF engine (Typst, no browser), with the machine's Japanese font."""

    def __init__(self) -> None:
        from termsite.outputs.export.fonts import japanese_fonts

        self.fonts = japanese_fonts()

    def print_table(self, table: ExportTable, path: Path) -> Path:
        from termsite.outputs.export.pdf import write_pdf

        return write_pdf(table, path, self.fonts)


@pytest.fixture(scope="module")
def printer() -> Typesetter:
    return Typesetter()


def test_pdf_marks_equal_the_site_table_for_every_revision(revisions, printer, tmp_path: Path) -> None:
    for n, (name, corpus, req) in enumerate(revisions):
        for lang in LANGS:
            table = table_for(corpus, req, lang, TODAY)
            path = printer.print_table(table, tmp_path / f"{n}-{lang}.pdf")
            labels = [label for _s, label in table.columns]
            got = pdf_columns(path.read_bytes(), labels)
            html = site_table(corpus, req.doc, req.revision, lang, req.cumulative)
            for label, side in _labels(table).items():
                want = html_column(html, side)
                assert want, (name, lang, side)  # every revision here marks something on each side
                assert got[label] == want, (name, lang, side)


# --- the Word file's page, fonts and rows ----------------------------------------------------------

def sample(lang: str, today: date = TODAY) -> ExportTable:
    corpus = load_corpus(ROOT)
    return table_for(corpus, request(corpus, corpus.root_document.slug, "2026-03-01"), lang, today)


def test_docx_page_is_a4_landscape_with_the_header_row_repeated_rows_free_to_break_and_its_fonts_in_the_styles(
        tmp_path: Path) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    path = write_docx(sample("ja"), tmp_path / "s.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    assert section.page_width > section.page_height >= Mm(200)
    rows = document.tables[0].rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    # only the header row is repeated, and every other row may break across pages (one taller than a
    # page would otherwise be cut off)
    assert all(r._tr.trPr is None or (r._tr.trPr.find(qn("w:cantSplit")) is None
                                      and r._tr.trPr.find(qn("w:tblHeader")) is None) for r in rows[1:])
    body = document.element.body
    runs = body.findall(".//" + qn("w:r"))
    footer = section.footer._element
    # fonts and languages come from the document's defaults and the Normal style, never from a run:
    # what an editor types in looks like the rest, and no Latin text is marked Japanese
    assert runs and not any(r.find(qn("w:rPr") + "/" + qn("w:rFonts")) is not None
                            or r.find(qn("w:rPr") + "/" + qn("w:lang")) is not None
                            for r in [*runs, *footer.findall(".//" + qn("w:r"))])
    defaults = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    normal = document.styles["Normal"].element.rPr
    for rpr in (defaults, normal):
        fonts, lang = rpr.find(qn("w:rFonts")), rpr.find(qn("w:lang"))
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT and fonts.get(qn("w:ascii")) == LATIN_FONT
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "ja-JP")
    assert document.styles["Normal"].font.size.pt == 10
    assert not any(r.get(qn("w:val")) == "ja-JP" for r in document.element.iter(qn("w:lang")))
    # the marks and the blanks are character styles of their own
    assert document.styles[MARK_STYLE].font.underline and document.styles[MARK_STYLE].type == 2
    marked = [r for r in runs if r.find(qn("w:rPr") + "/" + qn("w:rStyle")) is not None]
    assert {r.find(qn("w:rPr") + "/" + qn("w:rStyle")).get(qn("w:val")) for r in marked} == {
        document.styles[MARK_STYLE].style_id, document.styles[GAP_STYLE].style_id}
    assert body.findall(".//" + qn("w:u")) == []  # no direct underline: the style draws it
    # a fixed layout with set column widths; Word 2013+ layout (no 互換モード)
    tblpr = document.tables[0]._tbl.tblPr
    assert tblpr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = [int(c.get(qn("w:w"))) for c in document.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(set(widths)) == 1 and sum(widths) == int(tblpr.find(qn("w:tblW")).get(qn("w:w")))
    assert sum(widths) == pytest.approx((297 - 2 * 15) / 25.4 * 1440, abs=2)
    modes = [s.get(qn("w:val")) for s in document.settings.element.iter(qn("w:compatSetting"))
             if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]
    # a heading is kept with its first line
    headings = [p for row in rows[1:] for c in row.cells for p in c.paragraphs
                if p.runs and p.runs[0].bold and p.text.startswith("第")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    instructions = " ".join(i.text for i in footer.findall(".//" + qn("w:instrText")))
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    text = "\n".join(p.text for p in document.paragraphs)
    corpus = load_corpus(ROOT)
    doc = corpus.root_document
    old, new = corpus.versions[doc.slug][-2:]
    assert doc.title["ja"] in text and doc.comparison_title["ja"] in text
    assert f"{new.effective.year}年{new.effective.month}月{new.effective.day}日" in text  # type: ignore[union-attr]
    assert f"公開日：{new.published.year}年{new.published.month}月{new.published.day}日" in text  # type: ignore[union-attr]
    assert "（傍線部分は改正部分）" in text


def test_elided_rows_and_supplementary_provisions_are_in_the_word_file(tmp_path: Path) -> None:
    corpus = load_corpus(ROOT)
    table = sample("ja")
    document = docx.Document(str(write_docx(table, tmp_path / "s.docx")))
    cells = [row.cells[0].text + "\n" + row.cells[1].text for row in document.tables[0].rows[1:]]
    elided = [r for r in table.rows if r.kind == "elided"]
    assert elided and all("（略）" in cells[table.rows.index(r)] for r in elided)
    new = corpus.versions[corpus.root_document.slug][-1]
    added = new.supplementary[-1]
    assert any("附 則" in c and added.number in c and added.paragraphs[0].text["ja"] in c for c in cells)


@pytest.mark.parametrize("lang", LANGS)
def test_a_version_not_yet_published_is_a_proposal(lang: str, tmp_path: Path) -> None:
    corpus = load_corpus(ROOT)
    new = corpus.versions[corpus.root_document.slug][-1]
    draft = sample(lang, new.published - timedelta(days=1))  # type: ignore[operator]
    adopted = sample(lang, new.published)  # type: ignore[arg-type]
    words = {"ja": ("現行", "改正案", "案"), "en": ("Current", "Proposed", "DRAFT")}[lang]
    assert draft.draft and [label for _s, label in draft.columns] == list(words[:2])
    assert not adopted.draft and [label for _s, label in adopted.columns] != list(words[:2])
    labels = comparison_view(corpus, corpus.root_document, Revision(*corpus.versions[corpus.root_document.slug][-2:]),
                             lang).columns
    assert adopted.columns == labels  # the layout's labels once published
    document = docx.Document(str(write_docx(draft, tmp_path / "d.docx")))
    assert [c.text for c in document.tables[0].rows[0].cells] == list(words[:2])
    assert words[2] in document.paragraphs[0].text and words[2] in document.sections[0].header.paragraphs[0].text
    assert words[2] not in docx.Document(str(write_docx(adopted, tmp_path / "a.docx"))).paragraphs[0].text


def test_new_old_layout_puts_the_new_text_left_in_both_files(tmp_path: Path, printer) -> None:
    project = make_project(tmp_path / "p")
    settings = project / "content/documents/your-connect.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "order: old-new" in text
    settings.write_text(text.replace("order: old-new", "order: new-old").replace("labels: period", "labels: before-after"),
                        encoding="utf-8")
    corpus = load_corpus(project)
    req = request(corpus, "your-connect", "2026-03-01")
    table = table_for(corpus, req, "ja", TODAY)
    assert table.columns == (("new", "改正後"), ("old", "改正前"))
    labels, rows = docx_cells(write_docx(table, tmp_path / "n.docx"))
    assert labels == ["改正後", "改正前"]
    expected = html_cells(site_table(corpus, req.doc, req.revision, "ja"))
    assert [r["改正後"] for r in rows] == [e["new"].segments() for e in expected]
    got = pdf_columns(printer.print_table(table, tmp_path / "n.pdf").read_bytes(), labels)
    assert got["改正後"] == html_column(site_table(corpus, req.doc, req.revision, "ja"), "new")


# --- the PDF's page --------------------------------------------------------------------------------

def test_pdf_is_a4_landscape_with_page_numbers_header_on_every_page_and_nothing_outside(printer, tmp_path: Path) -> None:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    table = sample("ja")
    with pdfplumber.open(printer.print_table(table, tmp_path / "s.pdf")) as pdf:
        pages = pdf.pages
        assert len(pages) > 1
        for n, page in enumerate(pages, 1):
            assert (round(page.width), round(page.height)) == (842, 595)  # A4 landscape, in points
            text = _norm(page.extract_text())
            assert _norm(f"{n}／{len(pages)}ページ") in text
            assert all(_norm(label) in text for _s, label in table.columns)  # the header, repeated
            assert all(0 <= c["x0"] and c["x1"] <= page.width and 0 <= c["top"] and c["bottom"] <= page.height
                       for c in page.chars)


def test_the_same_table_prints_the_same_bytes(printer, tmp_path: Path) -> None:
    table = sample("en")
    first = printer.print_table(table, tmp_path / "a.pdf").read_bytes()
    time.sleep(1.1)  # the PDF's dates are in seconds
    assert printer.print_table(table, tmp_path / "b.pdf").read_bytes() == first


# --- the command --------------------------------------------------------------------------------------

def test_export_command_writes_both_formats_and_says_what_is_wrong(tmp_path: Path) -> None:
    run = lambda *a: subprocess.run([sys.executable, "-m", "termsite.cli", "--root", str(ROOT), "export", *a],  # noqa: E731
                                    cwd=tmp_path, capture_output=True, text=True)
    ok = run("your-connect", "2026-03-01", "--format", "docx", "--lang", "en")
    assert ok.returncode == 0, ok.stderr
    written = tmp_path / "your-connect-2026-03-01-comparison-en.docx"
    assert written.is_file() and docx.Document(str(written)).tables[0].rows[0].cells[0].text
    first = run("your-connect", "initial", "--format", "docx")
    assert first.returncode == 2 and "first version" in first.stderr and "--against" in first.stderr
    unknown = run("your-connect", "2099-01-01", "--format", "pdf")
    assert unknown.returncode == 2 and "2026-03-01" in unknown.stderr  # names the versions there are


# --- the site's PDFs ---------------------------------------------------------------------------------

def test_the_site_links_the_pdf_of_each_published_revision_and_it_marks_what_the_page_marks(sites, printer) -> None:
    from termsite.outputs.export.sitepdf import pdf_url
    from termsite.pages.site import LANG_ROOT, comparison_url
    from termsite.timeline.publication import public

    site = sites.get(TODAY.isoformat())
    corpus = public(load_corpus(ROOT), TODAY)
    revisions = [(doc, r) for doc in corpus.documents for r in corpus.revisions(doc.slug)]
    assert revisions
    for doc, revision in revisions:
        for lang in LANGS:
            folder = site / LANG_ROOT[lang] / comparison_url(doc, revision)
            page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
            link = page.select_one("a.terms-pdf")
            assert link is not None and link.get_text() == {"ja": "PDFで見る", "en": "View as PDF"}[lang]
            assert folder / str(link["href"]) == site / LANG_ROOT[lang] / pdf_url(doc, revision, lang)
            data = (folder / str(link["href"])).read_bytes()
            assert data.startswith(b"%PDF-")
            table = export_table(corpus, doc, revision, lang, TODAY)
            assert not table.draft  # published: the layout's labels
            got = pdf_columns(data, [label for _s, label in table.columns])
            built = page.find("table", class_="terms-cmp")
            assert isinstance(built, Tag)
            for label, side in _labels(table).items():
                assert got[label] == html_column(built, side), (lang, side)  # the page's own marks
