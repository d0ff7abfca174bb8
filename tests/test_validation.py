"""Checks between versions that file names alone cannot reach (the model is built directly)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from conftest import ROOT
from termsite.source.loading import load_corpus
from termsite.source.validation import validate_sequence


def samples():
    corpus = load_corpus(ROOT)
    doc = corpus.documents[0]
    initial, revised = corpus.versions["your-connect"]
    return doc, initial, revised


def test_effective_dates_must_increase() -> None:
    doc, _, revised = samples()
    later = replace(revised, effective=date(2026, 6, 1), published=date(2026, 4, 1), path="versions/your-connect/2026-06-01.yaml",
                    supplementary=revised.supplementary + (replace(revised.supplementary[0], id="suppl-2026-06-01",
                                                                   effective=date(2026, 6, 1)),))
    messages = [p.message for p in validate_sequence(doc, later, revised)]
    assert "effective date 2026-03-01 is not after the previous version's (2026-06-01)" in messages


def test_two_versions_on_the_same_date() -> None:
    doc, _, revised = samples()
    twin = replace(revised, path="versions/your-connect/2026-03-01-b.yaml", preamble=revised.preamble[1:],
                   supplementary=revised.supplementary + (replace(revised.supplementary[0], id="suppl-b"),))
    messages = [p.message for p in validate_sequence(doc, revised, twin)]
    assert messages == ["effective date 2026-03-01 is not after the previous version's (2026-03-01)"]


def test_the_samples_pass() -> None:
    doc, initial, revised = samples()
    assert validate_sequence(doc, initial, revised) == []


def test_comparison_layout_is_a_document_setting() -> None:
    """改正後 left (as government tables do) and 改正前/改正後 labels, from content/documents/."""
    from termsite.model import Corpus
    from termsite.pages.views import comparison_view

    doc, initial, revised = samples()
    corpus = load_corpus(ROOT)
    government = replace(doc, comparison_order="new-old", comparison_labels="before-after")
    view = comparison_view(Corpus((government,), corpus.versions), government, corpus.revisions(doc.slug)[0], "ja")
    assert view.columns == (("new", "改正後"), ("old", "改正前"))
    view = comparison_view(Corpus((doc,), corpus.versions), doc, corpus.revisions(doc.slug)[0], "ja")
    assert view.columns == (("old", "～2026年2月28日"), ("new", "2026年3月1日～"))
    old_new = replace(doc, comparison_labels="old-new")
    view = comparison_view(Corpus((old_new,), corpus.versions), old_new, corpus.revisions(doc.slug)[0], "en")
    assert view.columns == (("old", "Old"), ("new", "New"))
