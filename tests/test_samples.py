"""The sample versions reproduce the seed's two columns character for character.

The seed (tests/fixtures/seed/…2026-03-01.txt, a copy of the hand-made original) is a table: old column left, new column right,
with `<u>…</u>` and `[…](#)` as its underline marks. Every Japanese text node of a sample must
stand verbatim, in document order, in its column; and once every node is taken out, what is left
of the column may only be numbering, brackets, （略） markers and layout — so nothing was dropped.
"""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, SEED
from termsite.comparison.compare import supplementary_heading
from termsite.source.loading import load_corpus
from termsite.source.validation import texts

NEW_START = "Your Connectサービスは、[NTTドコモビジネス株式会社]"


def strip_marks(text: str) -> str:
    text = re.sub(r"</?(u|p)>", "", text)
    text = re.sub(r'<ul[^>]*>|</ul>', "", text)
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    return text


def columns() -> tuple[str, str]:
    raw = SEED.read_text(encoding="utf-8")
    raw = raw.split("2026年3月1日～", 1)[1]  # after the title and the two column headers
    head, _, rest = raw.partition("<p>5. 乙はYour Connectサービスに関し")
    rest = "<p>5. 乙はYour Connectサービスに関し" + rest
    old_head, _, new_head = head.partition(NEW_START)
    new_head = NEW_START + new_head
    old_rows, new_rows = [], []
    for line in rest.splitlines():
        if "\t" in line:
            left, right = line.split("\t", 1)
            if set(left.strip()) <= {"-"} and set(right.strip()) <= {"-"}:
                continue  # a row separator of the table
            old_rows.append(left)
            new_rows.append(right)
    new = strip_marks(new_head + "\n".join(new_rows))
    # the seed splits the new 第4条4 across two table rows (a page break): it is one paragraph
    assert new.count("当該認\n証情報") == 1
    new = new.replace("当該認\n証情報", "当該認証情報")
    return strip_marks(old_head + "\n".join(old_rows)), new


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT)


def test_the_seed_is_in_the_repository() -> None:
    """A clone anywhere has it: inside tests/fixtures/, not read from beside the checkout."""
    assert SEED.is_file() and SEED.resolve().is_relative_to(ROOT / "tests" / "fixtures")


@pytest.mark.parametrize("slug, side", [("initial", 0), ("2026-03-01", 1)])
def test_japanese_text_is_the_seed_verbatim(corpus, slug: str, side: int) -> None:
    column = columns()[side]
    version = next(v for v in corpus.versions["your-connect"] if v.slug == slug)
    nodes = [t.ja for _, t in texts(version)]
    nodes += [a.heading.ja for a in version.articles if a.heading]
    # 附則: the heading is composed from its fields (date in 和暦), captions are short labels
    nodes += [supplementary_heading(s, "ja") for s in version.supplementary]
    nodes += [p.caption.ja for s in version.supplementary for p in s.paragraphs if p.caption]
    assert len(nodes) > 40
    # each node verbatim, in order
    position = 0
    remaining = column
    for _, text in texts(version):
        found = column.find(text.ja, position)
        assert found >= 0, f"not in the seed's column (in order): {text.ja!r}"
        position = found + len(text.ja)
    for node in sorted(nodes, key=len, reverse=True):
        remaining = remaining.replace(node, "", 1)
    # what is left: numbering, brackets, elision markers, bullets and whitespace only
    leftover = re.sub(r"[\s0-9第条項～（）()．.・•\-略|]+", "", remaining)
    assert leftover == ""


def test_seed_typos_are_kept(corpus) -> None:
    new = next(v for v in corpus.versions["your-connect"] if v.slug == "2026-03-01")
    all_ja = "\n".join(t.ja for _, t in texts(new))
    for typo in ("困難なである", "変更同意したものみなし", "Your Connect サービス利用条件", "午後 10 時から 翌日 6 時",
                 "ありません。 Your Connect"):
        assert typo in all_ja, typo


def test_every_text_has_a_translation(corpus) -> None:
    for version in corpus.versions["your-connect"]:
        for key, text in texts(version):
            assert text.en.strip() and text.en != text.ja, key
