"""The exports' labels say what the table holds, in both languages, as the site says it.

- An elided run the site can open is "(unchanged)" in English; "(not published here)" only where the
  site says so (text not published). Japanese writes （略） for both, as drafting does.
- The old column is headed 現行 / Current only when it holds the version in force; otherwise by the
  period it applied. A proposal's column is 改正案 / Proposed, and a table from an earlier version to
  a proposal is worded as one — never 「現行の規約」 / "the terms in force" for the proposal.
- The header line under the title says what is known of the old version: its first day, else the
  period it applied (～2026年2月28日); never that nothing is recorded.
Expected words are the catalogue's and the site's own labels, computed here from the sources.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, make_project
from termsite.labels import omitted
from termsite.model import LANGS, Corpus
from termsite.outputs.export.docx import write_docx
from termsite.outputs.export.files import request, table_for
from termsite.outputs.export.pdf import write_pdf
from termsite.outputs.export.table import ExportTable, caption_lines
from termsite.pages.i18n import gettext
from termsite.pages.templating import render, standalone_env
from termsite.pages.views import comparison_view, period_label
from termsite.source.loading import load_corpus
from termsite.timeline.dates import long_date
from termsite.timeline.status import in_force, period

docx = pytest.importorskip("docx")


def all_text(table: ExportTable) -> str:
    return "\n".join(p.text for row in table.rows for side in row.cells.values() for p in side)


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The samples and a third version (published 2026-07-15, effective 2026-09-01)."""
    return load_corpus(make_project(tmp_path_factory.mktemp("third") / "p", FIXTURES / "third", with_samples=True))


@pytest.mark.parametrize("lang", LANGS)
def test_elided_runs_are_labelled_as_the_site_labels_them(lang: str) -> None:
    corpus = load_corpus(ROOT)
    req = request(corpus, corpus.root_document.slug, "2026-03-01")
    table = table_for(corpus, req, lang, date(2026, 12, 1))
    view = comparison_view(corpus, req.doc, req.revision, lang)
    html = render(standalone_env(lang), "partials/terms/comparison_table.html", view=view, lang=lang)
    site = BeautifulSoup(html, "html.parser")
    for label in {omitted(lang, True), omitted(lang, False)}:
        shown = sum(el.get_text().count(label) for el in site.select(".terms-elided__label, .terms-cmp-unit p"))
        assert all_text(table).count(label) == shown, (lang, label)
    if lang == "en":  # the sample has both: runs left unchanged, and 1(2)–(3), not published here
        assert all_text(table).count("(unchanged)") > 0 and all_text(table).count("(not published here)") > 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_proposal_against_the_version_in_force_and_against_an_earlier_one(lang: str, third: Corpus,
                                                                           tmp_path: Path) -> None:
    doc = third.root_document
    versions = third.versions[doc.slug]
    new = versions[-1]
    today = new.published - timedelta(days=1)  # type: ignore[operator]
    current = in_force(versions, today)
    assert current is versions[-2]
    words = {w: gettext(lang, w) for w in ("Current", "Proposed", "DRAFT")}
    # against the version in force: 現行 | 改正案
    against_current = table_for(third, request(third, doc.slug, new.slug), lang, today)
    assert [label for _s, label in against_current.columns] == [words["Current"], words["Proposed"]]
    # against an earlier version: headed by the period that version applied, and worded as a proposal
    first = versions[0]
    table = table_for(third, request(third, doc.slug, new.slug, first.slug), lang, today)
    held = period(versions, first)
    assert [label for _s, label in table.columns] == [period_label(held.start, held.end, lang), words["Proposed"]]
    in_force_words = {"ja": "現行の規約", "en": "terms in force"}[lang]
    assert in_force_words not in table.title and in_force_words not in table.intro
    proposal = {"ja": "改正案", "en": "proposed revision"}[lang]
    assert proposal in table.title and proposal in table.intro
    assert long_date(new.effective, lang) in table.intro  # type: ignore[arg-type]
    to_be = gettext(lang, "To be published")
    assert to_be in caption_lines(table)[0] and gettext(lang, "Published") + ("：" if lang == "ja" else ":") \
        not in caption_lines(table)[0]
    # the same words in the files
    document = docx.Document(str(write_docx(table, tmp_path / "d.docx")))
    assert [c.text for c in document.tables[0].rows[0].cells] == [label for _s, label in table.columns]
    assert table.title in document.paragraphs[0].text and words["DRAFT"] in document.paragraphs[0].text
    import pdfplumber

    with pdfplumber.open(write_pdf(table, tmp_path / "d.pdf")) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    for label in (*[label for _s, label in table.columns], words["DRAFT"]):
        assert label.replace(" ", "") in text.replace(" ", ""), label
    assert in_force_words.replace(" ", "") not in text.replace(" ", "")
    # once published, the columns are the site's
    published = table_for(third, request(third, doc.slug, new.slug, first.slug), lang, new.published)  # type: ignore[arg-type]
    assert not published.draft and published.columns == comparison_view(
        third, doc, request(third, doc.slug, new.slug, first.slug).revision, lang, cumulative=True).columns


@pytest.mark.parametrize("lang", LANGS)
def test_the_header_says_what_is_known_of_the_first_version(lang: str, third: Corpus) -> None:
    doc = third.root_document
    versions = third.versions[doc.slug]
    first = versions[0]
    assert first.effective is None  # the samples' first version: its first day is not recorded
    held = period(versions, first)
    for version in versions[1:]:
        for today in (date(2026, 1, 1), date(2026, 12, 1)):
            req = request(third, doc.slug, version.slug, first.slug if version is not versions[1] else None)
            line = caption_lines(table_for(third, req, lang, today))[0]
            assert gettext(lang, "(start not recorded)") not in line and "記録なし" not in line
            before = gettext(lang, "Before revision") + ("：" if lang == "ja" else ": ")
            assert before + period_label(held.start, held.end, lang) in line
