"""The wording of one clause of a version: the texts a correction (正誤) reads and changes, and
where a wording stands in them."""
from __future__ import annotations

from termsite.model import Bilingual, BulletList, Item, ItemList, Text, TextBlock, Version

Wording = Text | Bilingual  # a text, or a heading


def clause_texts(v: Version, clause: str) -> list[Wording] | None:
    """Every text of one clause: a preamble paragraph, a paragraph or an item with what it holds; an
    article's id names its heading (its paragraphs have ids of their own); a 附則 paragraph's id its text."""
    for pre in v.preamble:
        if pre.id == clause:
            return [pre.text]
    for s in v.supplementary:
        for sp in s.paragraphs:
            if sp.id == clause:
                return [sp.text]
    for a in v.articles:
        if a.id == clause:
            return [a.heading] if a.heading is not None else []
        for p in a.paragraphs:
            if p.id == clause:
                return [t for b in p.blocks for t in _block_texts(b)]
            for b in p.blocks:
                if isinstance(b, ItemList):
                    found = _item_find(b.items, clause)
                    if found is not None:
                        return [*_item_texts(found)]
    return None


def _block_texts(b: object) -> list[Text]:
    if isinstance(b, TextBlock):
        return [b.text]
    if isinstance(b, BulletList):
        return list(b.bullets)
    assert isinstance(b, ItemList)
    return [t for i in b.items for t in _item_texts(i)]


def _item_texts(i: Item) -> list[Text]:
    return [i.text, *i.bullets, *(t for s in i.items for t in _item_texts(s))]


def _item_find(items: tuple[Item, ...], clause: str) -> Item | None:
    for i in items:
        if i.id == clause:
            return i
        found = _item_find(i.items, clause)
        if found is not None:
            return found
    return None


def occurrences(texts: list[Wording], lang: str, wording: str) -> int:
    return sum(t[lang].count(wording) for t in texts)


def spans(texts: list[Wording], lang: str, wording: str) -> list[tuple[int, int, int]]:
    """Where ``wording`` stands: (the text's identity, start, end) for each occurrence."""
    out = []
    for t in texts:
        start = t[lang].find(wording)
        while start >= 0:
            out.append((id(t), start, start + len(wording)))
            start = t[lang].find(wording, start + 1)
    return out
