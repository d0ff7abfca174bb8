"""What search finds: each clause (article heading, paragraph, item, 附則 paragraph) of the terms
as they applied, day by day, in each language, with the clause's own text, anchor, label and the
days it applied. A wording that never applied on any day (a deferred amendment withdrawn before
its day, a version withdrawn before its day) is not offered as a wording of the terms; the clause's
history page keeps it on record as withdrawn.

A record per clause, not per page, so a result can link the paragraph or item that holds the words
and say which version it is from. A clause that reads the same in several versions is one record
listing those versions (most clauses do not change from one version to the next: at 20 versions
this is about a tenth of the records); ``searchwordings`` groups them by clause into the index the
browser reads. Framework-free. The text is the legal text exactly as shown.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from termsite import labels
from termsite.comparison.compare import supplementary_heading
from termsite.timeline.dates import long_date
from termsite.model import Article, BulletList, Corpus, Item, ItemList, Paragraph, TextBlock, Version
from termsite.pages.site import LANG_ROOT, version_url
from termsite.timeline.commencement import Stage, find, stages

@dataclass(frozen=True)
class Appearance:
    """A run of consecutive stages in which a clause read so, with the version that shows it and what
    a result says of those days."""

    version: str      # slug of the version whose page shows the wording
    url: str          # below the site root: your-connect/2026-03-01/#art-1-p7, en/your-connect/…
    start: str        # first day it applied, ISO ("" if not recorded)
    end: str          # last day it applied, ISO ("" if open)
    start_label: str  # the same dates as the reader's language writes them
    end_label: str
    order: int        # position in the version, for a stable order of results
    stages: tuple[int, int] = (0, 0)  # the first and last of the document's stages it spans (timeline.commencement)


@dataclass(frozen=True)
class SearchRecord:
    lang: str
    label: str        # 第1条7 / Article 1(7)
    heading: str      # the article heading the clause belongs to
    text: str         # the clause's own text, exactly as published; blocks joined by "\n"
    document: str     # the document's title
    appearances: tuple[Appearance, ...]  # every run of days on which this clause read so, oldest first
    key: str = ""     # the clause's number as search reads a label: a5.p4, a1.p7.i1, s.p1 (searchfold)
    present_in: tuple[str, ...] = ()  # every version (slug) whose text in force has a clause at this anchor, in any wording

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
    """Every wording a clause had on some day, each once, with the days it applied: read from the
    document's stages (the text in force, stretch by stretch: timeline.commencement), so a deferred
    amendment counts from its own day and one withdrawn before its day, which never applied, is not
    here at all (nor is a version withdrawn before its day: it is no stage). Each run of stages in
    which a clause read so is an :class:`Appearance` linking the version whose page shows that
    wording: the stage's own version, or, while its amendment of the clause waits (or was withdrawn),
    the earlier version that reads so. Records in order of their first appearance."""
    out: list[SearchRecord] = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        at = {id(v): i for i, v in enumerate(versions)}
        published = _Published(versions, lang)
        found: dict[tuple[str, str, str, str, str], list[Appearance]] = {}
        present: dict[str, list[str]] = {}
        for j, s in enumerate(stages(versions)):
            i = at[id(s.version)]
            start = s.start.isoformat() if s.start else ""
            end = s.end.isoformat() if s.end else ""
            end_label = long_date(s.end, lang) if s.end else ""
            for order, (anchor, label, heading, text, key) in enumerate(keyed_clauses(s.text, lang)):
                if s.version.slug not in present.setdefault(anchor, []):
                    present[anchor].append(s.version.slug)
                source = _source(versions, published, i, s, anchor, text)
                seen = found.setdefault((anchor, label, heading, text, key), [])
                if seen and seen[-1].stages[1] == j - 1 and seen[-1].version == source.slug:
                    seen[-1] = replace(seen[-1], end=end, end_label=end_label, stages=(seen[-1].stages[0], j))
                    continue
                seen.append(Appearance(
                    source.slug, f"{LANG_ROOT[lang]}{version_url(doc, source)}#{anchor}", start, end,
                    long_date(s.start, lang) if s.start else "", end_label, order, (j, j)))
        out.extend(SearchRecord(lang, label, heading, text, doc.title[lang], tuple(seen), key, tuple(present[anchor]))
                   for (anchor, label, heading, text, key), seen in found.items())
    return out


class _Published:
    """Each version's clauses as published (anchor → own text), read when first asked for: a stage
    that is its version's whole text (no amendment waiting or withdrawn) never asks."""

    def __init__(self, versions: tuple[Version, ...], lang: str):
        self.versions, self.lang = versions, lang
        self._texts: dict[int, dict[str, str]] = {}

    def __getitem__(self, i: int) -> dict[str, str]:
        found = self._texts.get(i)
        if found is None:
            found = self._texts[i] = {a: t for a, _l, _h, t, _k in keyed_clauses(self.versions[i], self.lang)}
        return found


def _source(versions: tuple[Version, ...], published: _Published, i: int, s: Stage, anchor: str,
            text: str) -> Version:
    """The version whose page shows ``anchor`` as it stands in stage ``s`` (of ``versions[i]``): that
    version when the clause stands there whole as published (an article or paragraph holding an
    amendment still waiting does not), else the latest earlier version that reads so."""
    if s.text is s.version or published[i].get(anchor) == text and find(s.text, anchor) == find(s.version, anchor):
        return s.version
    return next((versions[k] for k in range(i - 1, -1, -1) if published[k].get(anchor) == text), s.version)
