"""The rule of the search index (search/<lang>.json, outputs/searchwordings.py), checked against the
timeline: every wording it offers applied on at least one day, and its periods are exactly the days it
applied — the days on which the text in force (timeline.commencement.stage_on) read so at that clause.

The text in force only changes where a stage starts, so the days checked are every stage's first and
last day with the days either side, and one day long before and long after; every period of the
index begins and ends on such a day or it is wrong on one of them."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from termsite.model import Version
from termsite.outputs.searchindex import keyed_clauses
from termsite.timeline.commencement import stage_on, stages

Wording = tuple[str, str]  # (anchor, the clause's own text)


def days_to_check(versions: tuple[Version, ...]) -> list[date]:
    edges = {d for s in stages(versions) for d in (s.start, s.end) if d is not None}
    if not edges:
        return []
    around = {d + timedelta(days=k) for d in edges for k in (-1, 0, 1)}
    return sorted(around | {min(edges) - timedelta(days=400), max(edges) + timedelta(days=400)})


def applied(versions: tuple[Version, ...], lang: str, days: list[date]) -> dict[Wording, set[date]]:
    """Each clause's wording in force, with the days (of ``days``) it was in force."""
    out: dict[Wording, set[date]] = {}
    for day in days:
        s = stage_on(versions, day)
        if s is not None:
            for anchor, _label, _heading, text, _key in keyed_clauses(s.text, lang):
                out.setdefault((anchor, text), set()).add(day)
    return out


def holds(day: date, period: list[str]) -> bool:
    start, end = period[0], period[1]
    return (not start or date.fromisoformat(start) <= day) and (not end or day <= date.fromisoformat(end))


def offered(index: dict[str, Any], document: int) -> dict[Wording, list[list[str]]]:
    """The index's wordings of one document (its position in ``index["documents"]``), with their periods."""
    out: dict[Wording, list[list[str]]] = {}
    for doc, anchor, _present, wordings in index["clauses"]:
        if doc == document:
            for w in wordings:
                assert (anchor, w[2]) not in out, f"{anchor}: one wording listed twice"
                out[(anchor, w[2])] = w[5]
    return out


def assert_every_wording_applied_exactly_on_its_days(index: dict[str, Any], versions: tuple[Version, ...],
                                                     lang: str, document: int = 0) -> None:
    days = days_to_check(versions)
    truth = applied(versions, lang, days)
    shown = offered(index, document)
    published = [{a: t for a, _l, _h, t, _k in keyed_clauses(v, lang)} for v in versions]
    slugs = {v.slug: i for i, v in enumerate(versions)}
    for (anchor, text), periods in shown.items():
        assert periods, f"{anchor}: {text!r} is offered with no period: it never applied"
        for p in periods:
            assert not (p[0] and p[1]) or p[0] <= p[1], (anchor, p)
            for slug in (p[4], p[5]):  # the version a result links shows that wording there (or, for a
                # number that stood only while a deferred renumbering waited, that clause: no version
                # until then published the article under that number)
                shows = published[slugs[slug]].get(anchor)
                assert shows == text or shows is not None and all(
                    t.get(anchor) != text for t in published[:slugs[slug] + 1]), (anchor, text, p)
        for a, b in zip(periods, periods[1:]):  # one stretch of days is one period
            assert a[1] and b[0] and date.fromisoformat(a[1]) + timedelta(days=1) < date.fromisoformat(b[0]), (anchor, periods)
    for wording in set(truth) | set(shown):
        on = {d for d in days if any(holds(d, p) for p in shown.get(wording, []))}
        assert on == truth.get(wording, set()), (lang, wording, sorted(on ^ truth.get(wording, set())))
