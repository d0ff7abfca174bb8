"""What search finds: each clause (article heading, paragraph, item, 附則 paragraph) of every
version, in each language, with the clause's own text, anchor, label and period.

A record per clause, not per page, so a result can link the paragraph or item that holds the words
and say which version it is from. A clause that reads the same in several versions is one record
listing those versions (most clauses do not change from one version to the next: at 20 versions
this is about a tenth of the records); ``searchwordings`` groups them by clause into the index the
browser reads. Framework-free. The text is the legal text exactly as shown.
"""
from __future__ import annotations

from datetime import timedelta
from collections.abc import Iterator
from dataclasses import dataclass

from termsite import labels
from termsite.comparison.compare import supplementary_heading
from termsite.timeline.dates import long_date
from termsite.model import Article, BulletList, Corpus, Item, ItemList, Paragraph, TextBlock, Version
from termsite.pages.site import LANG_ROOT, version_url
from termsite.timeline.commencement import clause_commences, deferred
from termsite.timeline.status import period

@dataclass(frozen=True)
class Appearance:
    """One version a clause's wording stands in, with what a result says of that version."""

    version: str      # version slug
    url: str          # below the site root: your-connect/2026-03-01/#art-1-p7, en/your-connect/…
    start: str        # first day in force, ISO ("" if not recorded)
    end: str          # last day in force, ISO ("" if open)
    start_label: str  # the same dates as the reader's language writes them
    end_label: str
    order: int        # position in the version, for a stable order of results


@dataclass(frozen=True)
class SearchRecord:
    lang: str
    label: str        # 第1条7 / Article 1(7)
    heading: str      # the article heading the clause belongs to
    text: str         # the clause's own text, exactly as published; blocks joined by "\n"
    document: str     # the document's title
    appearances: tuple[Appearance, ...]  # every version where this clause reads so, oldest first
    key: str = ""     # the clause's number as search reads a label: a5.p4, a1.p7.i1, s.p1 (searchfold)
    present_in: tuple[str, ...] = ()  # every version (slug) that has a clause at this anchor, in any wording

    @property
    def anchor(self) -> str:
        """The clause's anchor (art-1-p7), the same in every version the record lists."""
        return self.url.rsplit("#", 1)[1]

    @property
    def url(self) -> str:
        """The record's own address: its first version's; no two records share one."""
        return self.appearances[0].url

def _item_texts(item: Item, lang: str) -> str:
    return "\n".join([item.text[lang], *(b[lang] for b in item.bullets)])


def _items(prefix: str, items: tuple[Item, ...], lang: str, depth: int, key: str) -> Iterator[tuple[str, str, str, str]]:
    for item in items:
        label = prefix + labels.item(item.num, depth, lang, item.branch)
        own = f"{key}.i{item.num}" + "".join(f"_{b}" for b in item.branch)
        yield item.id, label, _item_texts(item, lang), own
        yield from _items(label, item.items, lang, depth + 1, own)


def keyed_clauses(v: Version, lang: str) -> Iterator[tuple[str, str, str, str, str]]:
    """As :func:`clauses`, each with the key a label query finds it by (searchfold.reference)."""
    preamble = "前文" if lang == "ja" else "Preamble"
    for pre in v.preamble:
        yield pre.id, preamble, preamble, pre.text[lang], "pre"
    for a in v.articles:
        if a.omitted:
            continue
        heading = labels.article_heading(a, lang)
        akey = "a" + a.num.key
        yield a.id, heading, heading, heading, akey
        for p in a.paragraphs:
            if p.omitted:
                continue
            label = _paragraph_label(a, p, lang)
            pkey = f"{akey}.p{p.num}"
            own = [b.text[lang] for b in p.blocks if isinstance(b, TextBlock)]
            own += [t[lang] for b in p.blocks if isinstance(b, BulletList) for t in b.bullets]
            if own:
                yield p.id, label, heading, "\n".join(own), pkey
            for b in p.blocks:
                if isinstance(b, ItemList):
                    for anchor, item_label, text, ikey in _items(label, b.items, lang, 0, pkey):
                        yield anchor, item_label, heading, text, ikey
    for s in v.supplementary:
        heading = supplementary_heading(s, lang)
        for sp in s.paragraphs:
            text = "\n".join(([sp.caption[lang]] if sp.caption else []) + [sp.text[lang]])
            yield sp.id, f"{'附則' if lang == 'ja' else 'Supplementary Provisions'} {sp.num}", heading, text, f"s.p{sp.num}"


def clauses(v: Version, lang: str) -> Iterator[tuple[str, str, str, str]]:
    """(anchor id, label, heading, own text) of every clause of a version, in document order."""
    for anchor, label, heading, text, _key in keyed_clauses(v, lang):
        yield anchor, label, heading, text


def _paragraph_label(a: Article, p: Paragraph, lang: str) -> str:
    if len(a.paragraphs) == 1:
        return labels.article(a.num, lang)
    return labels.paragraph_ref(a.num, p.num, lang)


def records(corpus: Corpus, lang: str) -> list[SearchRecord]:
    """Every clause of every version, each wording once, listing the versions it stands in at their
    permanent URLs; records in order of their first appearance."""
    out: list[SearchRecord] = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        found: dict[tuple[str, str, str, str, str], list[Appearance]] = {}
        present: dict[str, list[str]] = {}
        for i, v in enumerate(versions):
            p = period(versions, v)
            previous = versions[i - 1] if i else None
            following = versions[i + 1] if i + 1 < len(versions) else None
            for order, (anchor, label, heading, text, key) in enumerate(keyed_clauses(v, lang)):
                if v.slug not in present.setdefault(anchor, []):
                    present[anchor].append(v.slug)
                start, end = p.start, p.end
                if deferred(v) or (following is not None and deferred(following)):  # 一部施行: the clause's own days
                    start = clause_commences(previous, v, anchor)
                    after = clause_commences(v, following, anchor) if following is not None else None
                    end = after - timedelta(days=1) if after else None
                found.setdefault((anchor, label, heading, text, key), []).append(Appearance(
                    v.slug, f"{LANG_ROOT[lang]}{version_url(doc, v)}#{anchor}",
                    start.isoformat() if start else "", end.isoformat() if end else "",
                    long_date(start, lang) if start else "", long_date(end, lang) if end else "", order))
        out.extend(SearchRecord(lang, label, heading, text, doc.title[lang], tuple(seen), key, tuple(present[anchor]))
                   for (anchor, label, heading, text, key), seen in found.items())
    return out
