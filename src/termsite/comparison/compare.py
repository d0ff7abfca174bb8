"""The comparison (現改比較表) of two versions, as rows ready to render in one language.

Units are matched by stable id, never by position, so an inserted article does not make
everything after it look changed. A unit whose shown text is identical on both sides is elided
like the 2026-03-01 table does ("第1条2～3（略）", "第6条～第10条（略）"); an added unit shows
（新設） on the old side, a removed one （削る） on the new side.
"""
from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal, Protocol, TypeVar

from termsite import labels
from termsite.comparison import matching
from termsite.comparison.diff import Mark, Span, diff_text, sides, whole
from termsite.comparison.sides import (  # noqa: F401 (the sides are part of this module's interface)
    Comparison, Group, Row, RowKind, SideBlock, SideItem, SideUnit, Spans, _sole, _solo_block, _solo_item,
    _solo_paragraph,
)
from termsite.model import (
    Article, Block, BulletList, Item, ItemList, Paragraph, PreambleParagraph, Revision,
    SupplementaryParagraph, SupplementaryProvision, Text, TextBlock, Version,
)

# --- spans for one text, or one text on one side --------------------------------------------

def _pair(old: str, new: str) -> tuple[Spans, Spans]:
    return sides(diff_text(old, new))


def _label_pair(old: str, new: str) -> tuple[Spans, Spans]:
    """A changed number is marked as a whole (renumbering underlines just the number)."""
    if old == new:
        return whole(old, "same"), whole(new, "same")
    return whole(old, "del"), whole(new, "ins")


def paragraph_unit(article: Article, p: Paragraph, lang: str) -> SideUnit:
    """A paragraph as one side of a table shows it, unmarked (a wording of its own)."""
    return _solo_paragraph(p, lang, "same", _sole(article))


# --- both sides --------------------------------------------------------------------------------

def _item_pair(old: Item | None, new: Item | None, depth: int, lang: str) -> tuple[SideItem | None, SideItem | None]:
    if old is None:
        assert new is not None
        return None, _solo_item(new, depth, lang, "ins")
    if new is None:
        return _solo_item(old, depth, lang, "del"), None
    lo, ln = _label_pair(labels.item(old.num, depth, lang, old.branch), labels.item(new.num, depth, lang, new.branch))
    to, tn = _pair(old.text[lang], new.text[lang])
    bo, bn = _bullets_pair(old.bullets, new.bullets, lang)
    io, in_ = _items_pair(old.items, new.items, depth + 1, lang)
    return SideItem(old.id, lo, to, bo, io), SideItem(new.id, ln, tn, bn, in_)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


U = TypeVar("U", bound=_HasId)


def _matched(old: Sequence[U], new: Sequence[U]) -> list[tuple[U | None, U | None]]:
    """Pairs by id, in the new order, with removed entries kept at their old place."""
    old_ids = {o.id: o for o in old}
    new_ids = {n.id for n in new}
    position = {o.id: i for i, o in enumerate(old)}
    pairs: list[tuple[U | None, U | None]] = []
    pending = [o for o in old if o.id not in new_ids]
    for n in new:
        if n.id in old_ids:
            # removed entries that stood before this one in the old order come first
            while pending and position[pending[0].id] < position[n.id]:
                pairs.append((pending.pop(0), None))
            pairs.append((old_ids[n.id], n))
        else:
            pairs.append((None, n))
    pairs += [(o, None) for o in pending]
    return pairs


def _items_pair(old: tuple[Item, ...], new: tuple[Item, ...], depth: int, lang: str) -> tuple[list[SideItem], list[SideItem]]:
    out_old: list[SideItem] = []
    out_new: list[SideItem] = []
    for o, n in _matched(old, new):
        so, sn = _item_pair(o, n, depth, lang)
        if so:
            out_old.append(so)
        if sn:
            out_new.append(sn)
    return out_old, out_new


def _bullets_pair(old: tuple[Text, ...], new: tuple[Text, ...], lang: str) -> tuple[list[Spans], list[Spans]]:
    out_old: list[Spans] = []
    out_new: list[Spans] = []
    matcher = SequenceMatcher(None, [t[lang] for t in old], [t[lang] for t in new], autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                so, sn = _pair(olds[k][lang], news[k][lang])
                out_old.append(so)
                out_new.append(sn)
            elif k < len(olds):
                out_old.append(whole(olds[k][lang], "del"))
            else:
                out_new.append(whole(news[k][lang], "ins"))
    return out_old, out_new


def _kind(block: Block) -> str:
    return "text" if isinstance(block, TextBlock) else "bullets" if isinstance(block, BulletList) else "items"


def _block_pair(old: Block, new: Block, lang: str) -> tuple[SideBlock, SideBlock]:
    if isinstance(old, TextBlock) and isinstance(new, TextBlock):
        so, sn = _pair(old.text[lang], new.text[lang])
        return SideBlock("text", text=so), SideBlock("text", text=sn)
    if isinstance(old, BulletList) and isinstance(new, BulletList):
        bo, bn = _bullets_pair(old.bullets, new.bullets, lang)
        return SideBlock("bullets", bullets=bo), SideBlock("bullets", bullets=bn)
    assert isinstance(old, ItemList) and isinstance(new, ItemList)
    io, in_ = _items_pair(old.items, new.items, 0, lang)
    return SideBlock("items", items=io), SideBlock("items", items=in_)


def _blocks_pair(old: tuple[Block, ...], new: tuple[Block, ...], lang: str) -> tuple[list[SideBlock], list[SideBlock]]:
    out_old: list[SideBlock] = []
    out_new: list[SideBlock] = []
    matcher = SequenceMatcher(None, [_kind(b) for b in old], [_kind(b) for b in new], autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old[i1:i2], new[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news) and _kind(olds[k]) == _kind(news[k]):
                so, sn = _block_pair(olds[k], news[k], lang)
                out_old.append(so)
                out_new.append(sn)
            else:
                if k < len(olds):
                    out_old.append(_solo_block(olds[k], lang, "del"))
                if k < len(news):
                    out_new.append(_solo_block(news[k], lang, "ins"))
    return out_old, out_new


@lru_cache(maxsize=4096)
def _paragraph_pair(old: Paragraph, new: Paragraph, lang: str, old_sole: bool = False,
                    new_sole: bool = False) -> tuple[SideUnit, SideUnit]:
    """Kept by value: the "changes since" tables pair the same two wordings over and over (at 40
    versions 5,274 pairs, 418 distinct). Paragraphs are frozen and compare without their line
    numbers, which the sides never show; the sides are shared, so no caller may modify them."""
    if old.omitted or new.omitted:
        if old == new:
            return _solo_paragraph(old, lang, "same"), _solo_paragraph(new, lang, "same")
        return _solo_paragraph(old, lang, "del"), _solo_paragraph(new, lang, "ins")
    lo, ln = _label_pair(labels.paragraph(old.num, lang, sole=old_sole), labels.paragraph(new.num, lang, sole=new_sole))
    bo, bn = _blocks_pair(old.blocks, new.blocks, lang)
    return SideUnit(old.id, lo, bo), SideUnit(new.id, ln, bn)


def is_marked(unit: SideUnit | SideItem | SideBlock | list | Span) -> bool:
    """Whether anything in a side carries a mark."""
    if isinstance(unit, Span):
        return unit.mark != "same"
    if isinstance(unit, list):
        return any(is_marked(u) for u in unit)
    if isinstance(unit, SideUnit):
        return is_marked(unit.label) or is_marked(unit.caption) or is_marked(unit.blocks)
    if isinstance(unit, SideItem):
        return any(is_marked(x) for x in (unit.label, unit.text, unit.bullets, unit.items))
    return any(is_marked(x) for x in (unit.text, unit.items, unit.bullets))


# --- groups ----------------------------------------------------------------------------------

def _article_rows(old: Article, new: Article, lang: str) -> list[Row]:
    rows: list[Row] = []
    old_sole, new_sole = _sole(old), _sole(new)
    paragraphs = {p.id: p for p in new.paragraphs}
    run: list[tuple[SideUnit, SideUnit]] = []

    def flush() -> None:
        if run:
            first, last = paragraphs[run[0][1].id], paragraphs[run[-1][1].id]
            end = last.through or last.num
            through = end if end != first.num else None
            label = labels.paragraph_ref(new.num, first.num, lang, through, new_sole)
            old_label = labels.paragraph_ref(old.num, first.num, lang, through, old_sole)
            rows.append(Row(f"row-{first.id}", "elided", label, [u for u, _ in run], [u for _, u in run],
                            old_label if old_label != label else ""))
            run.clear()

    for o, n in _matched(matching.split_paragraphs(old.paragraphs, new.paragraphs), new.paragraphs):
        if matching.is_unpublished_pair(o, n):
            assert o is not None and n is not None
            flush()
            label = labels.paragraph_ref(new.num, n.num, lang, sole=new_sole)
            rows.append(Row(f"row-{n.id}", "changed", label, [SideUnit(o.id, [], matching.note_blocks(lang))],
                            [_solo_paragraph(n, lang, "same", new_sole)]))
        elif o is None:
            assert n is not None
            flush()
            rows.append(Row(f"row-{n.id}", "added", labels.paragraph_ref(new.num, n.num, lang),
                            [], [_solo_paragraph(n, lang, "ins")]))
        elif n is None:
            flush()
            rows.append(Row(f"row-{o.id}", "removed", labels.paragraph_ref(old.num, o.num, lang),
                            [_solo_paragraph(o, lang, "del")], []))
        elif o == n and old_sole == new_sole:
            # most paragraphs do not change between two versions: nothing to diff, nothing marked
            # (the same sides as _paragraph_pair gives; tests/test_compare_fast.py)
            run.append((_solo_paragraph(o, lang, "same", old_sole), _solo_paragraph(n, lang, "same", new_sole)))
        else:
            so, sn = _paragraph_pair(o, n, lang, old_sole, new_sole)
            if is_marked(so) or is_marked(sn):
                flush()
                label = labels.article(new.num, lang) if new_sole else labels.paragraph_ref(new.num, n.num, lang)
                rows.append(Row(f"row-{n.id}", "changed", label, [so], [sn]))
            else:
                run.append((so, sn))
    flush()
    return rows


def _article_group(old: Article | None, new: Article | None, lang: str) -> Group:
    if old is not None and new is not None and (old.deleted or new.deleted or matching.is_unpublished_pair(old, new)):
        return matching.substituted_group(old, new, lang)
    if old is None or new is None:
        article = new or old
        assert article is not None
        mark: Mark = "ins" if old is None else "del"
        units = [_solo_paragraph(p, lang, mark, _sole(article)) for p in article.paragraphs]
        heading = whole(labels.article_heading(article, lang), mark)
        label = labels.article(article.num, lang, article.through)
        row = Row(f"row-{article.id}", "added" if old is None else "removed", label,
                  [] if old is None else units, units if old is None else [])
        return Group(article.id, "article", "added" if old is None else "removed",
                     [] if old is None else heading, heading if old is None else [], [row], label)
    ho, hn = _heading_pair(old, new, lang)
    label = labels.article(new.num, lang, new.through)
    if old.omitted or new.omitted:
        same = old == new
        # a changed placeholder range (第6条～第10条 → 第6条～第9条) is a change, not （新設）/（削る）
        rows = [] if same else [Row(f"row-{new.id}", "changed", label,
                                    [SideUnit(old.id, [], [], omitted=True)], [SideUnit(new.id, [], [], omitted=True)])]
        return Group(new.id, "article", "same" if same else "changed", ho, hn, rows, label)
    rows = _article_rows(old, new, lang)
    changed = is_marked(ho) or is_marked(hn) or any(r.kind != "elided" for r in rows)
    return Group(new.id, "article", "changed" if changed else "same", ho, hn, rows, label)


def _heading_pair(old: Article, new: Article, lang: str) -> tuple[Spans, Spans]:
    """第N条（見出し）: the number and the heading are diffed separately."""
    lo, ln = _label_pair(labels.article(old.num, lang, old.through), labels.article(new.num, lang, new.through))
    if old.heading is None and new.heading is None:
        return lo, ln
    open_, close = ("（", "）") if lang == "ja" else (" (", ")")
    ho, hn = _pair(old.heading[lang] if old.heading else "", new.heading[lang] if new.heading else "")
    wrap_o = [Span("same", open_), *ho, Span("same", close)] if old.heading else ho
    wrap_n = [Span("same", open_), *hn, Span("same", close)] if new.heading else hn
    return lo + wrap_o, ln + wrap_n


def _elide_articles(groups: list[Group], lang: str) -> list[Group]:
    """Merge runs of unchanged articles into one "第6条～第10条（略）" group."""
    out: list[Group] = []
    run: list[Group] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        start = first.label.split("～")[0].split("–")[0]
        end = last.label.split("～")[-1] if lang == "ja" else last.label.split("–")[-1]
        if lang == "ja":
            label = start if first is last and "～" not in first.label else f"{start}～{end}"
        else:
            nums = [g.label.replace("Articles ", "").replace("Article ", "") for g in (first, last)]
            a, b = nums[0].split("–")[0], nums[1].split("–")[-1]
            label = f"Article {a}" if a == b else f"Articles {a}–{b}"
        out.append(Group(f"elided-{first.id}", "elided", "same", [], [], [], label, list(run)))
        run.clear()

    for g in groups:
        if g.kind == "article" and g.status == "same":
            run.append(g)
        else:
            flush()
            out.append(g)
    flush()
    return out


def _preamble_group(old: tuple[PreambleParagraph, ...], new: tuple[PreambleParagraph, ...], lang: str) -> Group | None:
    if not old and not new:
        return None
    rows: list[Row] = []
    title = "前文" if lang == "ja" else "Preamble"
    for o, n in _matched(old, new):
        if o is None or n is None:
            present = o or n
            assert present is not None
            unit = SideUnit(present.id, [], [SideBlock("text", whole(present.text[lang], "del" if n is None else "ins"))])
            kind: RowKind = "removed" if n is None else "added"
            rows.append(Row(f"row-{present.id}", kind, title, [unit] if n is None else [], [] if n is None else [unit]))
            continue
        so, sn = _pair(o.text[lang], n.text[lang])
        uo, un = SideUnit(n.id, [], [SideBlock("text", so)]), SideUnit(n.id, [], [SideBlock("text", sn)])
        if is_marked(uo) or is_marked(un):
            rows.append(Row(f"row-{n.id}", "changed", title, [uo], [un]))
        elif rows and rows[-1].kind == "elided":  # consecutive unchanged paragraphs: one 前文（略）
            rows[-1].old.append(uo)
            rows[-1].new.append(un)
        else:
            rows.append(Row(f"row-{n.id}", "elided", title, [uo], [un]))
    status: Literal["changed", "same"] = "changed" if any(r.kind != "elided" for r in rows) else "same"
    return Group("preamble", "preamble", status, [], [], rows, title)


def supplementary_heading(s: SupplementaryProvision, lang: str) -> str:
    """附　則（令和8年1月27日 S S D S 000400007747-01号）, with the date in 和暦 as the text uses it."""
    from termsite.timeline.dates import long_date, wareki

    if lang == "ja":
        return f"附 則（{wareki(s.enacted)} {s.number}）"
    return f"Supplementary Provisions ({long_date(s.enacted, 'en')}, {labels.supplementary_number(s.number, 'en')})"


def _supplementary_unit(p: SupplementaryParagraph, lang: str, mark: Mark) -> SideUnit:
    caption = whole(p.caption[lang], mark) if p.caption else []
    return SideUnit(p.id, whole(str(p.num), mark), [SideBlock("text", whole(p.text[lang], mark))], caption)


def _supplementary_groups(old: Version, new: Version, lang: str) -> list[Group]:
    kept = {s.id for s in old.supplementary}
    groups = []
    for s in new.supplementary:
        if s.id in kept:
            continue  # earlier 附則 are unchanged by validation
        units = [_supplementary_unit(p, lang, "ins") for p in s.paragraphs]
        label = "附則" if lang == "ja" else "Supplementary Provisions"
        groups.append(Group(s.id, "supplementary", "added", [], whole(supplementary_heading(s, lang), "ins"),
                            [Row(f"row-{s.id}", "added", label, [], units)], label))
    return groups


def compare(revision: Revision, lang: str) -> Comparison:
    """Every difference between the two versions, in ``lang``; unchanged runs elided.

    Computed afresh on each call: a build asks for each pair through
    ``clause_history.Comparisons``, which makes it once per pair and language."""
    old, new = revision.old, revision.new
    groups: list[Group] = []
    preamble = _preamble_group(old.preamble, new.preamble, lang)
    if preamble:
        groups.append(preamble)
    pairs = _matched(matching.split_articles(old.articles, new.articles), new.articles)
    article_groups = [_article_group(o, n, lang) for o, n in pairs]
    groups += _elide_articles(article_groups, lang)
    groups += _supplementary_groups(old, new, lang)
    return Comparison(revision, lang, groups)
