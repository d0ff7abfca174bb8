"""The comparison skips the diff for a paragraph that reads the same in both versions (most do):
it must give exactly the sides the diff would, unmarked, for every kind of paragraph there is."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_project
from termsite.comparison.compare import _paragraph_pair, _sole, _solo_paragraph, is_marked
from termsite.source.loading import load_corpus
from termsite.model import Corpus, ItemList, Paragraph

sys.path.insert(0, str(ROOT / "bench"))
from corpus import write_corpus  # noqa: E402


def corpora(tmp: Path) -> list[Corpus]:
    """The samples with the third test version, and a generated corpus of random texts."""
    third = make_project(tmp / "third", FIXTURES / "third", with_samples=True)
    bench = write_corpus(tmp / "bench", 4, articles=6, paragraphs=3, documents=2)
    return [load_corpus(third), load_corpus(bench)]


def kinds(p: Paragraph) -> set[str]:
    if p.omitted:
        return {"omitted"}
    found = {type(b).__name__ for b in p.blocks}
    if any(i.bullets for b in p.blocks if isinstance(b, ItemList) for i in b.items):
        found.add("item bullets")
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unchanged_paragraph_gives_the_sides_the_diff_gives(tmp_path: Path, lang: str) -> None:
    seen = 0
    found: set[str] = set()
    for corpus in corpora(tmp_path):
        for versions in corpus.versions.values():
            for v in versions:
                for a in v.articles:
                    for p in a.paragraphs:
                        sole = _sole(a)
                        fast = _solo_paragraph(p, lang, "same", sole)
                        assert _paragraph_pair(p, p, lang, sole, sole) == (fast, fast), (v.slug, p.id)
                        assert not is_marked(fast)
                        seen += 1
                        found |= kinds(p)
    assert seen > 200 and {"omitted", "TextBlock", "ItemList", "item bullets"} <= found, (seen, found)
