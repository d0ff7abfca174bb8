"""Corrections (正誤) compose, and never change meaning.

- The meaning guard (src/termsite/source/meaning.py) on examples both ways, and on generated numbers
  written in every numeral form.
- Composition, as rules over generated corrections of the real samples with the withdrawn fixture
  over them (a version withdrawn before it took effect, and the one that replaced it): a correction
  never makes a revision show a change it did not make, never rewrites a version withdrawn before
  the correction's day, and a correction naming the withdrawn version fixes the terms in force.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import FIXTURES, make_project
from numerals import written
from termsite.declarations import Correction, Declarations, Fix, declared
from termsite.model import Corpus, Version
from termsite.source.loading import load_corpus
from termsite.source.meaning import meaning_changes
from termsite.source.validation import texts
from termsite.declarations.as_of import as_of
from termsite.declarations.wording import clause_texts

DOC = "your-connect"

MISPRINTS = [  # (wrong, right, lang): fixes of a misprint, accepted
    ("困難なである", "困難である", "ja"),
    ("電子メールにより", "電子メールで", "ja"),
    ("操作ロク", "操作ログ", "ja"),
    ("三十日前", "30日前", "ja"),  # the same number, in another form
    ("統一的", "統合的", "ja"),  # 一 inside a word is no number
    ("extremely difficult to continue providing", "extremely difficult to continue to provide", "en"),
    ("e-mailing", "E-mailing", "en"),
    ("the Servce", "the Service", "en"),
]
REVISIONS = [  # (wrong, right, lang, what): changes of meaning, refused
    ("その30日前までに", "その60日前までに", "ja", "a number"),
    ("三十日前", "六十日前", "ja", "a number"),
    ("4か月前", "4か月後", "ja", "a date or period"),
    ("30日以内", "30日以上", "ja", "a date or period"),
    ("月額1,000円", "月額1,500円", "ja", "a number"),
    ("無料で", "有料で", "ja", "an amount"),
    ("甲は", "乙は", "ja", "a party"),
    ("当社は", "お客様は", "ja", "a party"),
    ("通知するものとします", "通知しないものとします", "ja", "a negation"),
    ("責任を負います", "責任を負いません", "ja", "a negation"),
    ("第3条", "第4条", "ja", "a number"),
    ("第三条", "第四条", "ja", "a number"),
    ("within 30 days", "within 60 days", "en", "a number"),
    ("30 days before", "30 days after", "en", "a date or period"),
    ("may terminate", "may not terminate", "en", "a negation"),
    ("Party A shall", "Party B shall", "en", "a party"),
    ("the fee", "the charge", "en", "an amount"),
]


@pytest.mark.parametrize("wrong, right, lang", MISPRINTS)
def test_a_misprint_fix_passes_the_guard(wrong: str, right: str, lang: str) -> None:
    assert meaning_changes(wrong, right, lang) == []


@pytest.mark.parametrize("wrong, right, lang, what", REVISIONS)
def test_a_change_of_meaning_is_refused(wrong: str, right: str, lang: str, what: str) -> None:
    found = meaning_changes(wrong, right, lang)
    assert found and any(f.startswith(what) for f in found)


@settings(max_examples=200, deadline=None)
@given(a=st.integers(1, 9999), b=st.integers(1, 9999), style_a=st.sampled_from(["ascii", "fullwidth", "kanji"]),
       style_b=st.sampled_from(["ascii", "fullwidth", "kanji"]), unit=st.sampled_from(["日", "か月", "円", "時間", "%"]))
def test_numbers_in_any_form_decide(a: int, b: int, style_a: str, style_b: str, unit: str) -> None:
    """A correction keeps the number it states (in whatever form) or is refused."""
    wrong, right = f"その{written(a, style_a)}{unit}前までに", f"その{written(b, style_b)}{unit}前までに"
    assume(wrong != right)
    assert bool(meaning_changes(wrong, right, "ja")) == (a != b)


# Composition -------------------------------------------------------------------------------------


class _Quiet:
    """The corpus, without a repr of many kilobytes in Hypothesis' reports."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus

    def __repr__(self) -> str:
        return "<samples + withdrawn fixture>"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> _Quiet:
    project = make_project(tmp_path_factory.mktemp("c") / "p", FIXTURES / "withdrawn", with_samples=True)
    return _Quiet(load_corpus(project))


@pytest.fixture
def corpus(loaded: _Quiet) -> Corpus:
    return loaded.corpus


def _clause_ids(v: Version) -> list[str]:
    ids = [p.id for p in v.preamble]
    for a in v.articles:
        for p in a.paragraphs:
            ids.append(p.id)
    return [i for i in ids if clause_texts(v, i)]


def _with(corpus: Corpus, *corrections: Correction) -> Corpus:
    d = declared(corpus, DOC)
    made = Declarations(d.withdrawals, tuple(sorted(corrections, key=lambda c: c.date)), d.withdrawn)
    return Corpus(corpus.documents, corpus.versions, {**corpus.declarations, DOC: made})


def _all_versions(corpus: Corpus) -> list[Version]:
    d = declared(corpus, DOC)
    return sorted((*corpus.versions[DOC], *d.withdrawn), key=lambda v: (v.effective is not None, v.effective or date.min))


@st.composite
def corrections(draw: st.DrawFn, versions: list[Version]) -> Correction:
    """A correction of a wording that occurs once in a clause of some version, on some day."""
    v = draw(st.sampled_from(versions))
    clause = draw(st.sampled_from(_clause_ids(v)))
    text = "".join(t.ja for t in clause_texts(v, clause) or [])
    start = draw(st.integers(0, max(0, len(text) - 4)))
    wrong = text[start:start + draw(st.integers(2, 6))]
    assume(len(wrong) >= 2 and sum(t.ja.count(wrong) for t in clause_texts(v, clause) or []) == 1)
    day = (v.published or date(2026, 1, 1)) + timedelta(days=draw(st.integers(0, 400)))
    return Correction(DOC, day, v.slug, clause, Fix(wrong, wrong[0] + "※" + wrong[1:]), None)


def _texts(v: Version) -> dict[str, str]:
    return {k: t.ja for k, t in texts(v)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.filter_too_much])
@given(data=st.data())
def test_a_correction_never_shows_a_change_a_revision_did_not_make(loaded: _Quiet, data: st.DataObject) -> None:
    """Wherever two consecutive versions read the same as published, they read the same once
    corrected, on every day; a withdrawn version's record never changes from its withdrawal on."""
    corpus = loaded.corpus
    versions = _all_versions(corpus)
    c = data.draw(corrections(versions))
    day = c.date + timedelta(days=data.draw(st.integers(0, 200)))
    d = declared(corpus, DOC)
    shown = as_of(_with(corpus, c), day)
    plain = as_of(corpus, day)
    chain, original = shown.versions[DOC], plain.versions[DOC]
    for (a, b), (a0, b0) in zip(zip(chain, chain[1:]), zip(original, original[1:])):
        same = {k for k, t in _texts(a0).items() if _texts(b0).get(k) == t}
        for k in same:
            assert _texts(a)[k] == _texts(b)[k], (c, a.slug, b.slug, k)
    named = next((v for v in chain if v.slug == c.version), None)
    if named is not None:  # the version named reads as corrected
        assert c.ja is not None and c.ja.right in "".join(t.ja for t in clause_texts(named, c.clause) or [])
    for w in d.withdrawals:
        if w.date <= c.date and w.date <= day:
            record = next(v for v in declared(shown, DOC).withdrawn if v.slug == w.version)
            published = next(v for v in d.withdrawn if v.slug == w.version)
            assert _texts(record) == _texts(published)  # the record as it was when withdrawn


def test_a_correction_after_the_withdrawal_of_words_both_carry_fixes_the_terms_in_force(corpus: Corpus) -> None:
    d = declared(corpus, DOC)
    (w,) = d.withdrawals
    (withdrawn,) = d.withdrawn
    chain = corpus.versions[DOC]
    instead = [v for v in chain if v.effective is None or v.effective <= withdrawn.effective][-1]
    shared = next(k for k, t in _texts(withdrawn).items() if _texts(instead).get(k) == t and len(t) > 8
                  and k in _clause_ids(withdrawn))
    text = _texts(withdrawn)[shared]
    wording = next(text[i:i + 4] for i in range(len(text) - 4)
                   if sum(t.ja.count(text[i:i + 4]) for t in clause_texts(withdrawn, shared) or []) == 1)
    c = Correction(DOC, w.date + timedelta(days=5), withdrawn.slug, shared, Fix(wording, wording + "※"), None)
    shown = as_of(_with(corpus, c), c.date)
    fixed = next(v for v in shown.versions[DOC] if v.slug == instead.slug)
    assert wording + "※" in _texts(fixed)[shared]  # the terms in force read as corrected
    record = next(v for v in declared(shown, DOC).withdrawn if v.slug == withdrawn.slug)
    assert _texts(record) == _texts(withdrawn)  # the withdrawn record is not rewritten,
    from termsite.pages.withdrawn import withdrawn_revision

    document = shown.documents[0]
    announced = withdrawn_revision(shown, document, record)
    assert announced is not None and announced.old.slug == instead.slug
    assert _texts(announced.old) == _texts(instead)  # nor its comparison: the old side as announced
    assert _texts(announced.old)[shared] == _texts(announced.new)[shared]  # no change shown there
    # Before the withdrawal, the same correction applies to the upcoming version itself.
    early = replace(c, date=w.date - timedelta(days=1))
    upcoming = next(v for v in as_of(_with(corpus, early), early.date).versions[DOC] if v.slug == withdrawn.slug)
    assert wording + "※" in _texts(upcoming)[shared]


# A misprint in a heading or a 附則 ----------------------------------------------------------------

HEADING_AND_SUPPLEMENTARY = """corrections:
  - version: 2026-03-01
    clause: art-2
    ja: {wrong: 利用中止, right: 利用の中止}
    en: {wrong: Suspension of use, right: Suspension of Use}
  - version: 2026-03-01
    clause: suppl-2026-03-01-p1
    ja: {wrong: 改正規定は, right: 改正の規定は}
"""


@pytest.fixture(scope="module")
def heading_sites(tmp_path_factory: pytest.TempPathFactory):
    from conftest import SiteCache

    base = tmp_path_factory.mktemp("heading")
    project = make_project(base / "p", with_samples=True)
    (project / "versions/your-connect/corrections").mkdir()
    (project / "versions/your-connect/corrections/2026-04-15.yaml").write_text(HEADING_AND_SUPPLEMENTARY, encoding="utf-8")
    return SiteCache(base, project)


def test_a_misprint_in_a_heading_or_a_supplementary_provision_is_corrected_with_a_note(
        heading_sites, monkeypatch: pytest.MonkeyPatch) -> None:
    from bs4 import BeautifulSoup

    with monkeypatch.context() as day:  # read as on that day; TERMS_TODAY put back as it was
        day.setenv("TERMS_TODAY", "2026-04-15")
        corpus = load_corpus(heading_sites.project)
    heading, supplementary = declared(corpus, DOC).corrections
    day = heading.date
    named = next(v for v in corpus.versions[DOC] if v.slug == heading.version)
    article = named.article(heading.clause)
    assert article is not None and article.heading is not None
    for when, fixed in ((day - timedelta(days=1), False), (day, True)):
        site = heading_sites.get(when.isoformat())
        for lang, prefix in (("ja", ""), ("en", "en/")):
            soup = BeautifulSoup((site / prefix / DOC / named.slug / "index.html").read_text(encoding="utf-8"),
                                 "html.parser")
            h2 = soup.select_one(f"h2#{heading.clause}")
            assert h2 is not None
            fix = heading.fix(lang)
            assert fix is not None
            shown = h2.get_text()
            assert (fix.right in shown) == fixed and (fix.wrong in shown) != fixed or fix.wrong in fix.right
            notes = soup.select(f'.terms-erratum[data-clause="{heading.clause}"]')
            assert len(notes) == (1 if fixed else 0)
            paragraph = soup.select_one(f"#{supplementary.clause}")
            assert paragraph is not None
            if lang == "ja" and supplementary.ja is not None:
                assert (supplementary.ja.right in paragraph.get_text()) == fixed
            notes = soup.select(f'.terms-erratum[data-clause="{supplementary.clause}"]')
            assert len(notes) == (1 if fixed else 0)  # a Japanese-only correction is noted in English too


def test_the_same_text_is_corrected_even_where_its_clause_holds_the_words_twice(corpus: Corpus) -> None:
    """Found by the property above: 2026-03-01 第1条7 holds 「、本」 once; the initial version's same
    paragraph holds the very same sentence and 「、本」 once more elsewhere. The sentence is corrected in
    both (so the 2026-03-01 comparison shows no change there), and nothing else is."""
    chain = corpus.versions[DOC]
    initial, named = chain[0], chain[1]
    c = Correction(DOC, date(2026, 4, 1), named.slug, "art-1-p7", Fix("、本", "、※本"), None)
    holding = [t.ja for t in clause_texts(named, c.clause) or [] if "、本" in t.ja]
    assert len(holding) == 1  # the scenario, read from the samples
    assert holding[0] in [t.ja for t in clause_texts(initial, c.clause) or []]
    assert sum(t.ja.count("、本") for t in clause_texts(initial, c.clause) or []) > 1
    shown = as_of(_with(corpus, c), c.date).versions[DOC]
    for before, after in zip(chain[:2], shown[:2]):
        for key, text in _texts(before).items():
            expected = text.replace("、本", "、※本") if text == holding[0] else text
            assert _texts(after)[key] == expected, (before.slug, key)
