"""Every clause's history: its wordings across the versions, each with its period, and the
revisions that changed it.

Built from the comparisons of consecutive versions — the very rows the revision tables show — so
"changed in 2026-03-01" here means exactly "marked in the 2026-03-01 table", and nothing is
diffed a second time: :class:`Comparisons` computes each (revision, language) once per build and
every page (revision table, version page markers, clause history) reuses it. Work grows with the
number of versions, never with its square.

The site shows one history page per article, a section per paragraph (anchored by the paragraph's
own id, so ``#art-5-p4`` lands the same on a version page and on the history). An article is what
readers cite and what carries the heading; its paragraphs are short and read with their siblings
("前項"); and a page per paragraph would multiply pages that mostly say "unchanged".
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from termsite.comparison.compare import Comparison, Group, Row, compare
from termsite.model import Corpus, Revision, Version
from termsite.timeline.commencement import ends, same_wording
from termsite.timeline.status import period

ClauseKind = Literal["preamble", "article", "paragraph"]
AmendmentKind = Literal["added", "changed", "removed"]


# Comparisons of consecutive versions by content, kept across the rebuilds of `termsite serve`:
# saving one version re-compares only the pairs it is part of. Bounded; oldest dropped first.
_BY_CONTENT: OrderedDict[tuple[Version, Version, str], Comparison] = OrderedDict()
_BY_CONTENT_MAX = 256


class Comparisons:
    """compare(revision, lang), once per pair of versions and language for the whole build."""

    def __init__(self, lang: str):
        self.lang = lang
        self._done: dict[tuple[str, str, str], Comparison] = {}
        self._histories: dict[str, tuple[tuple[Version, ...], dict[str, ClauseHistory]]] = {}

    def histories(self, versions: tuple[Version, ...]) -> dict[str, ClauseHistory]:
        """``clause_histories(versions, self)``, made once per document for the build: the pages
        of both language builds and clauses.json all read them. Callers must not modify them."""
        key = versions[0].document
        found = self._histories.get(key)
        if found is None or found[0] is not versions:
            found = self._histories[key] = (versions, clause_histories(versions, self))
        return found[1]

    def get(self, revision: Revision, keep: bool = True) -> Comparison:
        """``keep=False`` for a pair needed once (a cumulative table): made, used, not held."""
        key = (revision.new.document, revision.old.slug, revision.new.slug)
        found = self._done.get(key)
        if found is None or found.revision.old is not revision.old or found.revision.new is not revision.new:
            found = self._by_content(revision) if keep else compare(revision, self.lang)
            if keep:
                self._done[key] = found
        return found

    def _by_content(self, revision: Revision) -> Comparison:
        content = (revision.old, revision.new, self.lang)  # equal texts, whatever their line numbers
        earlier = _BY_CONTENT.get(content)
        if earlier is not None:
            _BY_CONTENT.move_to_end(content)
            return replace(earlier, revision=revision)
        made = _BY_CONTENT[content] = compare(revision, self.lang)
        while len(_BY_CONTENT) > _BY_CONTENT_MAX:
            _BY_CONTENT.popitem(last=False)
        return made


_shared: list[tuple[Corpus, dict[str, Comparisons]]] = []


def comparisons_for(corpus: Corpus, lang: str) -> Comparisons:
    """The build's comparisons for ``corpus`` (the loader hands both language builds and the
    machine outputs the same corpus object), so each pair is compared once per language."""
    if not _shared or _shared[0][0] is not corpus:
        _shared[:] = [(corpus, {})]
    return _shared[0][1].setdefault(lang, Comparisons(lang))


@dataclass(frozen=True)
class Amendment:
    """One revision's change to one clause, and where its revision table shows it."""

    revision: Revision
    kind: AmendmentKind
    anchor: str          # the id on the revision's comparison page: row-art-5-p4, cmp-art-14_2
    group: Group         # the article's group in that table (heading, all its rows)
    row: Row | None      # the row showing just this clause (None for an article as a whole)


@dataclass
class Wording:
    """A run of consecutive versions in which the clause reads the same (in one language)."""

    first: Version
    last: Version
    amendment: Amendment | None  # what made this wording; None: the first recorded version


@dataclass
class ClauseHistory:
    id: str
    kind: ClauseKind
    article: str                      # the article id ("preamble" for the preamble)
    wordings: list[Wording] = field(default_factory=list)
    removed: Amendment | None = None  # the revision that deleted the clause, if any

    def amendments(self) -> list[Amendment]:
        out = [w.amendment for w in self.wordings if w.amendment is not None]
        return out + ([self.removed] if self.removed else [])


def _clauses(v: Version) -> list[tuple[str, ClauseKind, str]]:
    """Every clause with a history of its own: preamble paragraphs, articles, paragraphs
    (placeholders for text not reproduced are left out: their wording is unknown)."""
    out: list[tuple[str, ClauseKind, str]] = [(p.id, "preamble", "preamble") for p in v.preamble]
    for a in v.articles:
        if a.omitted:
            continue
        out.append((a.id, "article", a.id))
        out += [(p.id, "paragraph", a.id) for p in a.paragraphs if not p.omitted]
    return out


def _only(row: Row, unit_id: str) -> Row:
    """The part of a row about one unit (an added article's row holds all its paragraphs)."""
    if len(row.old) + len(row.new) <= 2 and all(u.id == unit_id for u in row.old + row.new):
        return row
    return replace(row, old=[u for u in row.old if u.id == unit_id], new=[u for u in row.new if u.id == unit_id])


def _events(comparison: Comparison) -> list[tuple[str, AmendmentKind, str, Group, Row | None]]:
    """(clause id, kind, anchor, group, row) for every clause the table marks."""
    out: list[tuple[str, AmendmentKind, str, Group, Row | None]] = []
    for g in comparison.groups:
        if g.kind == "preamble":
            out += [(r.id.removeprefix("row-"), r.kind, r.id, g, r) for r in g.rows if r.kind != "elided"]  # type: ignore[misc]
        elif g.kind == "article" and g.status != "same":
            kind: AmendmentKind = g.status  # type: ignore[assignment]
            out.append((g.id, kind, f"cmp-{g.id}", g, None))
            for r in g.rows:
                if r.kind == "elided":
                    continue
                for uid in dict.fromkeys(u.id for u in r.old + r.new):
                    out.append((uid, r.kind, r.id, g, _only(r, uid)))  # type: ignore[arg-type]
    return out


def clause_histories(versions: tuple[Version, ...], comparisons: Comparisons) -> dict[str, ClauseHistory]:
    """Every clause id that appears in any version → its history in ``comparisons.lang``."""
    order = {v.slug: i for i, v in enumerate(versions)}
    histories: dict[str, ClauseHistory] = {}
    for cid, clause_kind, article in _clauses(versions[0]):
        histories[cid] = ClauseHistory(cid, clause_kind, article, [Wording(versions[0], versions[0], None)])
    amended = ends(versions)  # each revision amends the text in force the day before it
    for i, (old, new) in enumerate(zip(versions, versions[1:])):
        present = {cid: (kind, article) for cid, kind, article in _clauses(new)}
        touched: set[str] = set()
        revision = Revision(amended[i], new)
        for cid, kind, anchor, group, row in _events(comparisons.get(revision)):
            if cid in touched:
                continue
            if cid not in present and cid in histories:
                # a clause gone from the new version ends there, whether the table shows （削る）
                # or a substitution (「第9条　削除」 marks its paragraphs' text deleted)
                kind = "removed"
            amendment = Amendment(revision, kind, anchor, group, row)
            if kind == "removed":
                if cid in histories:
                    histories[cid].removed = amendment
                touched.add(cid)
                continue
            if cid not in present:
                continue  # a placeholder (omitted text) has no wording of its own
            ckind, article = present[cid]
            history = histories.setdefault(cid, ClauseHistory(cid, ckind, article))
            history.removed = None
            history.wordings.append(Wording(new, new, amendment))
            touched.add(cid)
        for cid, (ckind, article) in present.items():
            if cid in touched:
                continue
            seen = histories.get(cid)
            if seen is None or not seen.wordings or seen.removed is not None:
                # first seen without a mark (e.g. text that was a placeholder before): a wording of its own
                history = histories.setdefault(cid, ClauseHistory(cid, ckind, article))
                history.removed = None
                history.wordings.append(Wording(new, new, None))
            elif order[seen.wordings[-1].last.slug] == order[old.slug] and same_wording(old, amended[i], cid):
                seen.wordings[-1].last = new
            elif _carried_past_withdrawn(seen.wordings, old, new, order, cid):
                # ``old``'s amendment of the clause was withdrawn before its day: the wording before it
                # went on applying, and ``new`` carries it on (listed last, as the wording latest in force)
                carried = seen.wordings.pop(-2)
                carried.last = new
                seen.wordings.append(carried)
            else:  # back after a gap
                seen.wordings.append(Wording(new, new, None))
    return histories


def _carried_past_withdrawn(wordings: list[Wording], old: Version, new: Version, order: dict[str, int],
                            cid: str) -> bool:
    """Whether ``new`` reads as the wording before the last one, which ``old`` brought and which never
    applied (its deferred amendment withdrawn): the two wordings follow each other, and ``old``'s text
    on its last day reads as the earlier one."""
    if len(wordings) < 2:
        return False
    earlier, withdrawn = wordings[-2], wordings[-1]
    return (withdrawn.first is old and withdrawn.last is old
            and order[earlier.last.slug] + 1 == order[old.slug]
            and same_wording(earlier.last, new, cid))


def wording_for(history: ClauseHistory, v: Version, order: dict[str, int]) -> Wording | None:
    """The wording of the clause that ``v`` contains (``order``: version slug → position)."""
    i = order[v.slug]
    for w in history.wordings:
        if order[w.first.slug] <= i <= order[w.last.slug]:
            return w
    return None


@dataclass(frozen=True)
class WordingPeriod:
    start: date | None
    end: date | None


def wording_period(w: Wording, versions: tuple[Version, ...]) -> WordingPeriod:
    return WordingPeriod(period(versions, w.first).start, period(versions, w.last).end)
