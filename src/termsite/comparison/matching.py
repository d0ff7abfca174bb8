"""Which old clause a new clause is compared with, when the old one is not plainly there.

Two cases the id alone does not settle:

- **Old text not in our sources.** A version may give the text of a clause that the earlier
  version held only inside a （略） placeholder (第6条～第10条（略））. The clause existed; only its
  earlier wording is not published here. The placeholder is split along the new version's
  numbers, so each new placeholder meets an identical old one (splitting is not a change), and
  each clause with text meets an old placeholder of its own: shown as "the earlier text is not
  published here" beside the new text — amended (改正), never 新設.
- **Deletion kept in place** (「第9条　削除」): a substitution of the whole article by 削除, not
  （削る）: the old text is marked deleted and the new side reads 第9条　削除 with 削除 marked.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from termsite import labels
from termsite.comparison.diff import Span, whole
from termsite.comparison.sides import Group, Row, SideBlock, SideUnit, _sole, _solo_paragraph
from termsite.model import Article, ArticleNumber, Paragraph

P = TypeVar("P", Article, Paragraph)


def unpublished(lang: str) -> str:
    """What the old side says where the earlier text of a clause is not in our sources."""
    return ("（改正前の規定は、このサイトには掲載していません）" if lang == "ja"
            else "(The earlier text of this provision is not published on this site.)")


def _within(num: tuple[int, ...], start: tuple[int, ...], end: tuple[int, ...]) -> bool:
    return start <= num <= end


def _article_range(a: Article) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return a.num.parts, (a.through or a.num).parts


def _paragraph_range(p: Paragraph) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return (p.num,), (p.through or p.num,)


def split_articles(old: tuple[Article, ...], new: tuple[Article, ...]) -> tuple[Article, ...]:
    """``old`` with each placeholder that covers an article given in ``new`` cut along ``new``'s
    numbers (see the module docstring); other articles as they are."""
    return _split(old, new, _article_range, lambda n: replace(n, heading=None, paragraphs=(), omitted=True,
                                                                 through=n.through if n.omitted else None,
                                                                 deleted=False))


def split_paragraphs(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """The same for the paragraph placeholders of one article (第1条2～3（略））."""
    return _split(old, new, _paragraph_range, lambda n: replace(n, blocks=(), omitted=True,
                                                                   through=n.through if n.omitted else None))


def _split(old: tuple[P, ...], new: tuple[P, ...], span, piece) -> tuple[P, ...]:  # type: ignore[no-untyped-def]
    out: list[P] = []
    old_ids = {o.id for o in old}
    for o in old:
        if not o.omitted:
            out.append(o)
            continue
        start, end = span(o)
        # a clause paired by its id with another old clause (renumbered into the range) is not in it
        inside = [n for n in new if _within(span(n)[0], start, end) and (n.id == o.id or n.id not in old_ids)]
        if not any(not n.omitted for n in inside):
            out.append(o)  # nothing given in full: a changed range stays a change of the placeholder
            continue
        out += [piece(n) for n in inside]
    return tuple(out)


def is_unpublished_pair(old: Article | Paragraph | None, new: Article | Paragraph | None) -> bool:
    """An old placeholder meeting text: the earlier wording is not in our sources."""
    return old is not None and new is not None and old.omitted and not new.omitted and \
        not getattr(new, "deleted", False)


def note_blocks(lang: str) -> list[SideBlock]:
    return [SideBlock("text", text=[Span("same", unpublished(lang))])]


def deleted_heading(num: ArticleNumber, lang: str, mark: str) -> list[Span]:
    """第9条　削除, with 削除 marked ``mark`` (ins where the article is deleted, same afterwards)."""
    sep = "\u3000" if lang == "ja" else " "
    return [Span("same", num.label(lang) + sep), *whole(labels.deleted(lang), mark)]  # type: ignore[arg-type]


def substituted_group(old: Article, new: Article, lang: str) -> Group:
    """An article deleted in place (「第9条　削除」, a substitution, not （削る）), one revived from
    削除, or one whose earlier text sat inside a placeholder (see :mod:`matching`)."""
    label = labels.article(new.num, lang)
    if old.deleted and new.deleted:
        heading = deleted_heading(new.num, lang, "same")
        return Group(new.id, "article", "same", heading, heading, [], label)
    sole = _sole(new)
    if is_unpublished_pair(old, new):
        ho = whole(labels.article(old.num, lang), "same")
        hn = whole(labels.article_heading(new, lang), "same")
        olds = [SideUnit(old.id, [], note_blocks(lang))]
        news = [_solo_paragraph(p, lang, "same", sole) for p in new.paragraphs]
    elif new.deleted:
        ho = whole(labels.article_heading(old, lang), "del")
        hn = deleted_heading(new.num, lang, "ins")
        olds, news = [_solo_paragraph(p, lang, "del", _sole(old)) for p in old.paragraphs], []
    else:
        ho = deleted_heading(old.num, lang, "del")
        hn = whole(labels.article_heading(new, lang), "ins")
        olds, news = [], [_solo_paragraph(p, lang, "ins", sole) for p in new.paragraphs]
    return Group(new.id, "article", "changed", ho, hn, [Row(f"row-{new.id}", "changed", label, olds, news)], label)
