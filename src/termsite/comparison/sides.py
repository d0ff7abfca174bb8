"""What one column of a comparison shows: the sides, rows and groups, and a unit shown alone.

Shared by :mod:`compare` (both sides) and :mod:`matching` (the pairs the id does not settle).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from termsite import labels
from termsite.comparison.diff import Mark, Span, whole
from termsite.model import Article, Block, BulletList, Item, Paragraph, Revision, TextBlock

Spans = list[Span]
RowKind = Literal["changed", "added", "removed", "elided"]


@dataclass
class SideItem:
    id: str
    label: Spans
    text: Spans
    bullets: list[Spans] = field(default_factory=list)
    items: list["SideItem"] = field(default_factory=list)


@dataclass
class SideBlock:
    kind: Literal["text", "items", "bullets"]
    text: Spans = field(default_factory=list)
    items: list[SideItem] = field(default_factory=list)
    bullets: list[Spans] = field(default_factory=list)


@dataclass
class SideUnit:
    """One paragraph (項), preamble paragraph or 附則 paragraph as one column shows it."""

    id: str
    label: Spans
    blocks: list[SideBlock]
    caption: Spans = field(default_factory=list)
    omitted: bool = False


@dataclass
class Row:
    id: str
    kind: RowKind
    label: str  # how the summary and an elision name the row: 第1条5, 第6条～第10条
    old: list[SideUnit] = field(default_factory=list)
    new: list[SideUnit] = field(default_factory=list)
    old_label: str = ""  # the old side's name when its numbers differ (a renumbered article)

    def side_label(self, side: str) -> str:
        """Each side of an elision names the part by its own numbers."""
        return self.old_label or self.label if side == "old" else self.label

    @property
    def openable(self) -> bool:
        """Whether opening the elision shows any text: placeholders have none to show."""
        return any(not u.omitted for u in (*self.old, *self.new))


@dataclass
class Group:
    """An article, the preamble, a 附則, or a run of unchanged articles (kind "elided")."""

    id: str
    kind: Literal["preamble", "article", "supplementary", "elided"]
    status: Literal["changed", "added", "removed", "same"]
    heading_old: Spans
    heading_new: Spans
    rows: list[Row] = field(default_factory=list)
    label: str = ""
    expanded: list["Group"] = field(default_factory=list)

    @property
    def openable(self) -> bool:
        """Whether an elided run of articles has any text to show when opened."""
        return any(r.openable for g in self.expanded for r in g.rows)


@dataclass
class Comparison:
    revision: Revision
    lang: str
    groups: list[Group]

    def rows(self) -> list[Row]:
        return [r for g in self.groups for r in g.rows]

    def counts(self) -> dict[str, dict[str, int]]:
        """How many articles and paragraphs changed, were added, were removed."""
        out = {"article": {"changed": 0, "added": 0, "removed": 0},
               "paragraph": {"changed": 0, "added": 0, "removed": 0}}
        for g in self.groups:
            if g.kind == "article" and g.status in out["article"]:
                out["article"][g.status] += 1
            for r in g.rows:
                if r.kind != "elided":
                    out["paragraph"][r.kind] += max(len(r.old), len(r.new)) if r.kind != "changed" else 1
        return out


# --- one side only (added or removed units) -------------------------------------------------

def _solo_item(item: Item, depth: int, lang: str, mark: Mark) -> SideItem:
    return SideItem(item.id, whole(labels.item(item.num, depth, lang, item.branch), mark), whole(item.text[lang], mark),
                    [whole(b[lang], mark) for b in item.bullets],
                    [_solo_item(s, depth + 1, lang, mark) for s in item.items])


def _solo_block(block: Block, lang: str, mark: Mark) -> SideBlock:
    if isinstance(block, TextBlock):
        return SideBlock("text", text=whole(block.text[lang], mark))
    if isinstance(block, BulletList):
        return SideBlock("bullets", bullets=[whole(b[lang], mark) for b in block.bullets])
    return SideBlock("items", items=[_solo_item(i, 0, lang, mark) for i in block.items])


def _solo_paragraph(p: Paragraph, lang: str, mark: Mark, sole: bool = False) -> SideUnit:
    if p.omitted:
        return SideUnit(p.id, whole(labels.paragraph(p.num, lang, p.through), mark), [], omitted=True)
    return SideUnit(p.id, whole(labels.paragraph(p.num, lang, sole=sole), mark),
                    [_solo_block(b, lang, mark) for b in p.blocks])


def _sole(article: Article) -> bool:
    return len(article.paragraphs) == 1 and not article.paragraphs[0].omitted


