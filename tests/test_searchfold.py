"""The search folding table (src/termsite/outputs/search-folding.json): its rules and clause-number
patterns do what their examples say, in Python here and in the browser (terms.js reads the same
table from the search page), and the index carries what the browser looks for."""
from __future__ import annotations

import json
import re

import pytest

from conftest import LATER_DAY, ROOT
from termsite import labels
from termsite.outputs import searchfold
from termsite.outputs.searchindex import keyed_clauses, records
from termsite.source.loading import load_corpus


def test_every_rule_folds_its_examples_alike_and_changes_nothing_else() -> None:
    table = searchfold.table()
    assert table["replace"], "the table has rules"
    for rule in table["replace"]:
        for group in rule["examples"]:
            assert len({searchfold.fold(e) for e in group}) == 1, (rule["why"], group)
    # legal text that only looks like a variant is left alone: ケース, カード stay as they are
    for word in ("ケース", "カード", "個別", "箇条書き", "申請", "mailbox"):
        assert searchfold.fold(word) == word.lower(), word


def test_every_reference_pattern_reads_its_examples() -> None:
    for spec in searchfold.table()["references"]["patterns"]:
        assert spec["examples"]
        for query, key in spec["examples"].items():
            assert searchfold.reference(query) == key, (query, spec["pattern"])
    for text in ("通知", "30日前", "Party B", "article", "5"):
        assert searchfold.reference(text) is None, text


def test_patterns_read_alike_in_python_and_javascript() -> None:
    """Only the regular-expression syntax both read alike: no named groups, no look-behind."""
    table = searchfold.table()
    patterns = [r["pattern"] for r in table["replace"]] + [p["pattern"] for p in table["references"]["patterns"]]
    for p in patterns:
        re.compile(p)
        assert "(?P" not in p and "(?<" not in p, p


def test_every_clause_label_reads_back_as_its_own_key() -> None:
    """The labels search results and tables show (第1条7(1), Article 5(4), 附則 1, 前文) name their clause."""
    corpus = load_corpus(ROOT)
    checked = 0
    for doc in corpus.documents:
        for v in corpus.versions[doc.slug]:
            for lang in ("ja", "en"):
                for anchor, label, heading, _text, key in keyed_clauses(v, lang):
                    if label == heading and anchor.startswith("art-"):  # an article: its number names it
                        a = v.article(anchor)
                        assert a is not None
                        label = labels.article(a.num, lang)
                    got = searchfold.reference(label)
                    assert got is not None and (key == got or key.startswith(got + ".")), (lang, label, key, got)
                    checked += 1
    assert checked > 100


def test_records_carry_their_key_and_where_the_clause_stands() -> None:
    corpus = load_corpus(ROOT)
    for lang in ("ja", "en"):
        for r in records(corpus, lang):
            assert r.key
            assert r.present_in and all(a.version in r.present_in for a in r.appearances)


@pytest.fixture(scope="module")
def search_page(browser, servers):
    pg = browser.new_page()
    pg.goto(servers[LATER_DAY].base + "search/")
    pg.wait_for_function("window.termsSearch !== undefined")
    yield pg
    pg.close()


def test_browser_folds_every_text_as_the_index_does(search_page) -> None:
    corpus = load_corpus(ROOT)
    texts = sorted({r.text for lang in ("ja", "en") for r in records(corpus, lang)})
    examples = [e for rule in searchfold.table()["replace"] for g in rule["examples"] for e in g]
    texts += examples
    got = search_page.evaluate("ts => ts.map(t => window.termsSearch.fold(t))", texts)
    assert got == [searchfold.fold(t) for t in texts]


def test_browser_reads_clause_numbers_as_the_index_does(search_page) -> None:
    queries = [q for spec in searchfold.table()["references"]["patterns"] for q in spec["examples"]]
    queries += ["通知", "Party B", "第5条 通知"]
    got = search_page.evaluate("qs => qs.map(q => window.termsSearch.reference(q))", queries)
    assert got == [searchfold.reference(q) for q in queries]


def test_browser_finds_other_forms_of_a_word_as_the_vocabulary_says(search_page) -> None:
    """The endings' examples (search-vocabulary.json): other forms of one word match, other words do not."""
    data = json.loads(searchfold.VOCABULARY.read_text(encoding="utf-8"))
    pairs = data["examples"]["forms"]
    assert any(same for *_w, same in pairs) and not all(same for *_w, same in pairs)
    for a, b, same in pairs:
        assert search_page.evaluate("([a, b]) => window.termsSearch.wordMatches(a, b)", [a, b]) is same, (a, b)
        assert search_page.evaluate("([a, b]) => window.termsSearch.wordMatches(a, b)", [b, a]) is same, (b, a)
