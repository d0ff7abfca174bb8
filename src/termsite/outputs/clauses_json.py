"""``clauses.json``: each clause's life across a document's versions — its wordings, the days
each governed, the revisions and corrections that touched it — for tools that follow one clause
rather than one revision. The same histories as the site's clause-history pages."""
from __future__ import annotations

from typing import Any

from termsite import labels
from termsite.comparison.clause_history import ClauseHistory, comparisons_for
from termsite.comparison.compare import paragraph_unit
from termsite.model import LANGS, Corpus, Document, Version
from termsite.outputs.comparison_text import side_text
from termsite.declarations import declared
from termsite.outputs.json_files import page_url, plain
from termsite.outputs.versions_json import correction_record
from termsite.pages.site import clause_url, comparison_url
from termsite.timeline.commencement import clause_period, same_wording, wording_withdrawn
from termsite.timeline.status import Period


def _wording_text(v: Version, h: ClauseHistory, lang: str) -> str:
    """A clause as it reads in ``v``, in plain text: the heading line of an article, a paragraph
    as the comparison table shows one side of it."""
    if h.kind == "preamble":
        return next(p.text[lang] for p in v.preamble if p.id == h.id)
    a = v.article(h.article)
    assert a is not None
    if h.kind == "article":
        return labels.article_heading(a, lang)
    p = next(p for p in a.paragraphs if p.id == h.id)
    return side_text([paragraph_unit(a, p, lang)], lang)


def clause_corrections(corpus: Corpus, doc: Document) -> dict[str, list[dict[str, Any]]]:
    """``clauses.json``: clause id (the paragraph or preamble paragraph holding it) → its corrections."""
    out: dict[str, list[dict[str, Any]]] = {}
    for c in declared(corpus, doc.slug).corrections:
        record = correction_record(corpus, doc, c)
        if record["paragraph"] and record["versions"]:
            out.setdefault(record["paragraph"], []).append(record)
    return out


def clause_history(corpus: Corpus, doc: Document) -> dict[str, Any]:
    """Every clause of a document (preamble paragraph, article, paragraph): its wordings with
    their periods and texts in both languages, and the revisions that changed it, each with the
    languages it changed and the row of the comparison table that shows it.

    A wording is a run of versions in which neither language changed; an English-only fix starts
    a new wording whose revision lists only ``en``."""
    versions = corpus.versions[doc.slug]
    per_lang = {lang: comparisons_for(corpus, lang).histories(versions) for lang in LANGS}
    order = {v.slug: i for i, v in enumerate(versions)}
    ids = list(dict.fromkeys(cid for lang in LANGS for cid in per_lang[lang]))
    clauses = []
    corrected = clause_corrections(corpus, doc)
    for cid in ids:
        hs = {lang: per_lang[lang][cid] for lang in LANGS if cid in per_lang[lang]}
        any_h = next(iter(hs.values()))
        events: dict[str, dict[str, Any]] = {}  # version slug → revision entry
        for lang, h in hs.items():
            for a in h.amendments():
                e = events.setdefault(a.revision.new.slug, {
                    "version": a.revision.new.slug, "from": a.revision.old.slug, "kind": a.kind,
                    "languages": [], "comparison": {}})
                e["languages"].append(lang)
                e["comparison"][lang] = page_url(lang, comparison_url(doc, a.revision)) + "#" + a.anchor
        revisions = sorted(events.values(), key=lambda e: order[e["version"]])
        covered = {order[w.first.slug] + k for h in hs.values() for w in h.wordings
                   for k in range(order[w.last.slug] - order[w.first.slug] + 1)}
        present = [versions[i] for i in sorted(covered)]
        wordings: list[dict[str, Any]] = []
        for v in present:
            starts = v.slug in events and events[v.slug]["kind"] != "removed"
            contiguous = wordings and order[wordings[-1]["versions"][-1]] == order[v.slug] - 1
            if wordings and contiguous and not starts:
                last = versions[order[wordings[-1]["versions"][-1]]]
                first = versions[order[wordings[-1]["versions"][0]]]
                if same_wording(last, v, cid) or wording_withdrawn(versions, cid, first, last) is None:
                    wordings[-1]["versions"].append(v.slug)
                    continue
                # the last wording never applied (its deferred amendment was withdrawn) and ``v`` carries
                # on the one before it, which went on applying: its run goes on (listed last, as latest)
                earlier = next((w for w in reversed(wordings[:-1])
                                if same_wording(versions[order[w["versions"][-1]]], v, cid)), None)
                if earlier is not None and order[earlier["versions"][-1]] == order[first.slug] - 1:
                    wordings.remove(earlier)
                    earlier["versions"].append(v.slug)
                    wordings.append(earlier)
                    continue
            wordings.append({"versions": [v.slug], "introduced_by": v.slug if starts else None,
                             "text": {lang: _wording_text(v, any_h, lang) for lang in LANGS}})
        for w in wordings:
            first, last = versions[order[w["versions"][0]]], versions[order[w["versions"][-1]]]
            w["period"] = plain(Period(*clause_period(versions, cid, first, last)))
            gone = wording_withdrawn(versions, cid, first, last)
            if gone is not None:  # its deferred amendment was withdrawn before its day: it never applied
                w["period"], w["withdrawn"] = {"start": None, "end": None}, gone.isoformat()
        clauses.append({"id": cid, "kind": any_h.kind, "article": any_h.article, "wordings": wordings,
                        "revisions": revisions, "corrections": corrected.get(cid, []),
                        "history": {lang: page_url(lang, clause_url(doc, any_h.article))
                                    + ("" if any_h.kind == "article" else f"#{cid}") for lang in LANGS}})
    return {"document": doc.slug, "versions": [v.slug for v in versions], "clauses": clauses}
