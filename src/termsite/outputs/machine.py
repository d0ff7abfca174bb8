"""Machine-readable outputs for customers' lawyers and procurement tools: ``versions.json``, the
full text of each version and the changes of each revision as JSON (each with a JSON Schema
published under ``schema/``), an Atom feed of revisions per language, and gzipped sitemaps that
do not carry MkDocs' build-day time stamp.

Everything is deterministic (sorted keys, no build timestamps), so two builds of one commit for one
day are byte-identical.
"""
from __future__ import annotations

import gzip
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from termsite import labels
from termsite.comparison.clause_history import ClauseHistory, comparisons_for
from termsite.comparison.compare import Comparison, SideBlock, SideItem, SideUnit, compare, is_marked, paragraph_unit
from termsite.timeline.dates import long_date
from termsite.comparison.diff import Span
from termsite.pages.i18n import gettext
from termsite.model import (
    LANGS,
    ArticleNumber,
    BulletList,
    Corpus,
    Document,
    ItemList,
    Lang,
    Revision,
    TextBlock,
    Version,
)
from termsite.pages.notice import SITE_URL, as_text, changed_articles, later_days, notice
from termsite.problems import Location
from termsite.source.schema import SCHEMA_DIR
from termsite.pages.site import LANG_ROOT, clause_url, comparison_url, cumulative_url, history_url, version_url
from termsite.timeline.commencement import (
    clause_period, commencement, commencement_dates, deferred, wording_withdrawn,
)
from termsite.timeline.status import Period, in_force, period
from termsite.declarations import declared
from termsite.outputs.declared_machine import (
    FeedEntry, clause_corrections, correction_record, feed_entries, version_declarations, withdrawn_entries,
    withdrawn_revisions,
)

SCHEMAS = ("version", "document", "versions-index", "version-text", "changes", "clause-history", "search-index")
ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:portal.your-connect.com,2026:"


def schema_url(name: str) -> str:
    """The published address of a schema (its ``$id``), which every JSON file names as ``$schema``."""
    return f"{SITE_URL}schema/{name}.schema.json"


def _dump(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"$schema": schema_url(schema), **data}, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                    encoding="utf-8")


def _url(lang: str, rel: str) -> str:
    return SITE_URL + LANG_ROOT[lang] + rel


def _plain(obj: Any) -> Any:
    """The model as JSON data: dataclasses to objects (block kinds named), dates to ISO strings."""
    if isinstance(obj, (TextBlock, ItemList, BulletList)):
        kind = {"TextBlock": "text", "ItemList": "items", "BulletList": "bullets"}[type(obj).__name__]
        return {"kind": kind, **{f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}}
    if isinstance(obj, ArticleNumber):
        return obj.key
    if isinstance(obj, Location):
        return None
    if is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)
                if f.name not in ("location", "path", "en_reviewed")
                and not (f.name == "defers" and not getattr(obj, f.name))}  # only a 附則 that defers says so
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def version_text(v: Version) -> dict[str, Any]:
    """The version as published. Which of its deferred amendments were withdrawn is the timeline's
    record, not its text: ``versions.json`` says it (``withdrawn_amendments``)."""
    data = _plain(v)
    data.pop("slug")
    data.pop("cancelled", None)
    return {"slug": v.slug, **data}


def _spans(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)


def _side_text(units: list[SideUnit], lang: str) -> str:
    """One side of a row as plain text, the way the comparison table reads it (gaps are empty)."""
    def item(i: SideItem) -> list[str]:
        out = [f"{_spans(i.label)} {_spans(i.text)}"] + [f"• {_spans(b)}" for b in i.bullets]
        for sub in i.items:
            out += item(sub)
        return out

    def block(b: SideBlock) -> list[str]:
        if b.kind == "text":
            return [_spans(b.text)]
        if b.kind == "bullets":
            return [f"• {_spans(x)}" for x in b.bullets]
        return [line for i in b.items for line in item(i)]

    lines = []
    for u in units:
        body = [line for b in u.blocks for line in block(b)]
        if u.omitted and not body:
            body = [labels.omitted(lang)]
        if u.caption:
            lines.append(_spans(u.caption))
        label = _spans(u.label)
        if body and label:
            body[0] = f"{label} {body[0]}"
        lines += body
    return "\n".join(lines)


def _marks(obj: Any) -> list[list[str]]:
    """Every marked span (deleted, inserted, or the blank standing for the other side's text)."""
    out: list[list[str]] = []

    def walk(x: Any) -> None:
        if isinstance(x, Span):
            if x.mark != "same":
                out.append([x.mark, x.text])
        elif isinstance(x, list):
            for y in x:
                walk(y)
        elif isinstance(x, SideUnit):  # in reading order: （見出し）, number, text
            walk([x.caption, x.label, x.blocks])
        elif is_dataclass(x):
            for f in fields(x):
                walk(getattr(x, f.name))

    walk(obj)
    return out


def _unit_labels(v: Version, lang: str) -> dict[str, str]:
    """How the comparison names each unit of ``v`` on its own: 前文, 第1条, 第1条2, 附則."""
    out = {p.id: gettext(lang, "Preamble") for p in v.preamble}
    for a in v.articles:
        out[a.id] = labels.article(a.num, lang, a.through)
        sole = len(a.paragraphs) == 1 and not a.paragraphs[0].omitted
        for p in a.paragraphs:
            out[p.id] = labels.article(a.num, lang) if sole else labels.paragraph_ref(a.num, p.num, lang, p.through)
    for s in v.supplementary:
        out[s.id] = gettext(lang, "Supplementary Provisions")
    return out


def _side(label: str, old: str, new: str, old_marks: list[list[str]], new_marks: list[list[str]]) -> dict[str, Any]:
    return {"label": label, "old": old, "new": new, "marks": {"old": old_marks, "new": new_marks}}


def _changed_units(comparison: Comparison) -> tuple[dict[str, tuple[str, dict[str, Any]]], dict[str, str], list[str]]:
    """The changed units of one language's comparison by id (kind and texts), the plain text of
    every unchanged unit, and every unit id in reading order."""
    lang = comparison.lang
    changed: dict[str, tuple[str, dict[str, Any]]] = {}
    same: dict[str, str] = {}
    order: list[str] = []
    for top in comparison.groups:
        for group in [top, *top.expanded]:
            if group.kind in ("article", "supplementary"):
                order.append(group.id)
            heading = group.kind in ("article", "supplementary") and group.status != "same" and (
                is_marked(group.heading_old) or is_marked(group.heading_new))
            if heading:  # a changed heading; an added / removed article or 附則 starts with its heading
                changed[group.id] = ("changed", _side(group.label, _spans(group.heading_old), _spans(group.heading_new),
                                                      _marks(group.heading_old), _marks(group.heading_new)))
            elif group.kind == "article":
                same[group.id] = _spans(group.heading_new)
            for row in group.rows:
                if row.kind == "elided":
                    for unit in row.new:
                        order.append(unit.id)
                        same[unit.id] = _side_text([unit], lang)
                    continue
                uid = row.id.removeprefix("row-")
                side = _side(row.label, _side_text(row.old, lang), _side_text(row.new, lang),
                             _marks(row.old), _marks(row.new))
                if uid in changed:  # the row of an added / removed article: its heading first
                    _, head = changed[uid]
                    side = _side(row.label, "\n".join(x for x in (head["old"], side["old"]) if x),
                                 "\n".join(x for x in (head["new"], side["new"]) if x),
                                 head["marks"]["old"] + side["marks"]["old"], head["marks"]["new"] + side["marks"]["new"])
                order.append(uid)
                changed[uid] = (row.kind, side)
    return changed, same, order


def changes(revision: Revision, made: Mapping[Lang, Comparison] | None = None) -> dict[str, Any]:
    """Every unit that changed in either language, in reading order, with both languages' texts.

    A unit whose Japanese changed while its English did not (``en_reviewed``) is listed with the
    English text unchanged on both sides and no marks, and the other way round. ``made``: the
    build's comparisons of this revision, by language (else compared here)."""
    per_lang = {lang: _changed_units(made[lang] if made else compare(revision, lang)) for lang in LANGS}
    names = {lang: {**_unit_labels(revision.old, lang), **_unit_labels(revision.new, lang)} for lang in LANGS}
    ids = set(per_lang["ja"][0]) | set(per_lang["en"][0])
    order = [i for i in dict.fromkeys(per_lang["ja"][2] + per_lang["en"][2]) if i in ids]
    out = []
    for uid in order:
        kind = (per_lang["ja"][0].get(uid) or per_lang["en"][0][uid])[0]
        entry: dict[str, Any] = {"id": uid, "kind": kind, "label": {}, "old": {}, "new": {}, "marks": {}}
        for lang in LANGS:
            changed, same, _ = per_lang[lang]
            if uid in changed:
                side = changed[uid][1]
            else:
                text = same.get(uid, "")
                side = _side(names[lang].get(uid, ""), text, text, [], [])
            entry["label"][lang] = side["label"]
            entry["old"][lang] = side["old"]
            entry["new"][lang] = side["new"]
            entry["marks"][lang] = side["marks"]
        out.append(entry)
    return {"document": revision.new.document, "from": revision.old.slug, "to": revision.new.slug, "changes": out}


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
    return _side_text([paragraph_unit(a, p, lang)], lang)


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
                e["comparison"][lang] = _url(lang, comparison_url(doc, a.revision)) + "#" + a.anchor
        revisions = sorted(events.values(), key=lambda e: order[e["version"]])
        covered = {order[w.first.slug] + k for h in hs.values() for w in h.wordings
                   for k in range(order[w.last.slug] - order[w.first.slug] + 1)}
        present = [versions[i] for i in sorted(covered)]
        wordings: list[dict[str, Any]] = []
        for v in present:
            starts = v.slug in events and events[v.slug]["kind"] != "removed"
            contiguous = wordings and order[wordings[-1]["versions"][-1]] == order[v.slug] - 1
            if wordings and contiguous and not starts:
                wordings[-1]["versions"].append(v.slug)
                continue
            wordings.append({"versions": [v.slug], "introduced_by": v.slug if starts else None,
                             "text": {lang: _wording_text(v, any_h, lang) for lang in LANGS}})
        for w in wordings:
            first, last = versions[order[w["versions"][0]]], versions[order[w["versions"][-1]]]
            w["period"] = _plain(Period(*clause_period(versions, cid, first, last)))
            gone = wording_withdrawn(versions, cid, first, last)
            if gone is not None:  # its deferred amendment was withdrawn before its day: it never applied
                w["period"], w["withdrawn"] = {"start": None, "end": None}, gone.isoformat()
        clauses.append({"id": cid, "kind": any_h.kind, "article": any_h.article, "wordings": wordings,
                        "revisions": revisions, "corrections": corrected.get(cid, []),
                        "history": {lang: _url(lang, clause_url(doc, any_h.article))
                                    + ("" if any_h.kind == "article" else f"#{cid}") for lang in LANGS}})
    return {"document": doc.slug, "versions": [v.slug for v in versions], "clauses": clauses}


def versions_index(corpus: Corpus, today: date) -> dict[str, Any]:
    docs = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
        current = in_force(versions, today)
        superseded = {v.slug for v in versions[:versions.index(current)]} if current else set()
        entries = []
        for v in versions:
            p = period(versions, v)
            own = [s.number for s in v.supplementary if s.effective == v.effective]
            revision = revisions.get(v.slug)
            entries.append({
                "slug": v.slug,
                "effective": _plain(v.effective),
                "published": _plain(v.published),
                "period": _plain(p),
                "state": commencement(versions, v, today).state,
                "change": v.change,
                "supplementary_number": own[0] if own else None,
                "url": {lang: _url(lang, version_url(doc, v)) for lang in LANGS},
                "comparison": {lang: _url(lang, comparison_url(doc, revision)) for lang in LANGS} if revision else None,
                "changes_since": ({lang: _url(lang, cumulative_url(doc, v)) for lang in LANGS}
                                  if v.slug in superseded else None),
                "text": SITE_URL + version_url(doc, v) + "version.json",
                "changes": SITE_URL + version_url(doc, v) + "changes.json" if revision else None,
                **version_declarations(corpus, doc, v),
            })
            if v.cancelled:  # 一部施行 withdrawn in part: which deferred amendments never take effect, and why
                entries[-1]["withdrawn_amendments"] = [
                    {"date": w.date.isoformat(), "clauses": list(w.clauses),
                     "reason": {"ja": w.reason.ja, "en": w.reason.en}}
                    for w in declared(corpus, doc.slug).cancellations if w.version == v.slug]
            if deferred(v):  # 一部施行: each day part of it takes effect (a version without says nothing new)
                entries[-1]["commencement"] = [{"effective": _plain(day),
                                                "clauses": sorted(c for c, d in deferred(v).items() if d == day)}
                                               for day in commencement_dates(v)]
        entries += withdrawn_entries(corpus, doc)
        docs.append({"slug": doc.slug, "title": {"ja": doc.title.ja, "en": doc.title.en},
                     "operator": {"ja": doc.operator.ja, "en": doc.operator.en},
                     "governing_language": doc.governing_language,
                     "history": {lang: _url(lang, history_url(doc)) for lang in LANGS},
                     "clauses": SITE_URL + doc.slug + "/clauses.json",
                     "corrections": [correction_record(corpus, doc, c) for c in declared(corpus, doc.slug).corrections],
                     "versions": entries})
    return {"$schema": schema_url("versions-index"), "generated_for": today.isoformat(), "site": SITE_URL, "documents": docs}


def _revision_day(revision: Revision) -> date:
    """When a revision became known: its publication date (the effective date if none is recorded)."""
    v = revision.new
    return v.published or v.effective or date(2000, 1, 1)


def feed_url(document: Document | None = None) -> str:
    """Below a language root: the combined feed (feed.xml), or one document's (your-connect/feed.xml)."""
    return f"{document.slug}/feed.xml" if document is not None else "feed.xml"


def atom_feed(corpus: Corpus, lang: str, document: Document | None = None) -> bytes:
    """Revisions, newest first (RFC 4287). Entry ids are tag URIs of the revision and language,
    stable forever; ``updated`` is the latest publication date, never the build time. With
    ``document``, that document's feed (its own id and address; the same entries)."""
    # plain tag names under a literal default xmlns: no prefixes, and ElementTree's global
    # namespace registry is left alone
    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": lang})
    root = SITE_URL + LANG_ROOT[lang]

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, tag, attrs)
        if text is not None:
            el.text = text
        return el

    def stamp(day: date) -> str:
        return f"{day.isoformat()}T00:00:00+09:00"  # the day begins in Asia/Tokyo

    # a withdrawn revision keeps its entry (same id), updated on the day of its withdrawal, and the
    # withdrawal and each day's corrections get entries of their own: the feed never goes back
    withdrawn = {r.new.slug: declared(corpus, doc.slug).withdrawal(r.new.slug)
                 for doc in corpus.documents for r in withdrawn_revisions(corpus, doc)}
    documents = [document] if document is not None else list(corpus.documents)
    revisions = [(doc, r) for doc in documents
                 for r in (*corpus.revisions(doc.slug), *withdrawn_revisions(corpus, doc))]
    extra = [e for e in feed_entries(corpus, lang, TAG)
             if document is None or e.id.startswith(f"{TAG}terms/{document.slug}/")]

    def updated(revision: Revision) -> date:
        w = withdrawn.get(revision.new.slug)
        return w.date if w else _revision_day(revision)

    order: list[tuple[date, str, Any]] = [(updated(r), f"{doc.slug}/{r.new.slug}", (doc, r)) for doc, r in revisions]
    order += [(e.day, e.id, e) for e in extra]
    order.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if document is None:
        sub(feed, "id", f"{TAG}terms/{lang}")
        sub(feed, "title", gettext(lang, "Revisions of the terms"))
    else:
        sub(feed, "id", f"{TAG}terms/{document.slug}/{lang}")
        sub(feed, "title", gettext(lang, "Revisions of the %(title)s") % {"title": document.title[lang]})
    known = [d for doc in documents for v in corpus.versions[doc.slug] for d in (v.published, v.effective) if d is not None]
    sub(feed, "updated", stamp(order[0][0] if order else min(known, default=date(2000, 1, 1))))
    sub(feed, "link", rel="self", type="application/atom+xml", href=root + feed_url(document))
    sub(feed, "link", rel="alternate", type="text/html", href=root + (history_url(document) if document else ""))
    author = sub(feed, "author")
    sub(author, "name", corpus.root_document.operator[lang])
    sep, join = ("：", "、") if lang == "ja" else (": ", "; ")
    for day, _key, item in order:
        entry = sub(feed, "entry")
        if isinstance(item, FeedEntry):
            sub(entry, "id", item.id)
            sub(entry, "title", item.title)
            sub(entry, "published", stamp(item.day))
            sub(entry, "updated", stamp(item.day))
            sub(entry, "link", rel="alternate", type="text/html", href=item.link)
            sub(entry, "link", rel="related", type="text/html", href=item.related)
            sub(entry, "summary", item.summary)
            sub(entry, "content", item.content, type="text")
            continue
        doc, revision = item
        v = revision.new
        sub(entry, "id", f"{TAG}terms/{doc.slug}/{v.slug}/{lang}")
        when = long_date(v.effective, lang) if v.effective else ""
        title = gettext(lang, "%(title)s: revision effective %(date)s") % {"title": doc.title[lang], "date": when}
        sub(entry, "title", (gettext(lang, "[Withdrawn]") + " " + title) if v.slug in withdrawn else title)
        sub(entry, "published", stamp(_revision_day(revision)))
        sub(entry, "updated", stamp(day))
        sub(entry, "link", rel="alternate", type="text/html", href=root + comparison_url(doc, revision))
        sub(entry, "link", rel="related", type="text/html", href=root + version_url(doc, v))
        lines = [f"{line.label}{sep}{line.kind}" for line in changed_articles(revision, lang, comparisons_for(corpus, lang).get(revision))]
        summary = gettext(lang, "Effective %(date)s.") % {"date": when} + later_days(corpus, doc, revision, lang) \
            + ("" if lang == "ja" else " ") + join.join(lines)
        sub(entry, "summary", summary)
        sub(entry, "content", as_text(notice(corpus, doc, revision, lang)), type="text")
    ET.indent(feed)
    return (b'<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(feed, encoding="utf-8") + b"\n")


def _sitemap_gz(site: Path) -> None:
    """MkDocs gzips each sitemap with the build day as the gzip time stamp: written again from
    the sitemap itself with a fixed one, so the file depends only on the sitemap's content."""
    for sitemap in (site / "sitemap.xml", site / "en" / "sitemap.xml"):
        if sitemap.exists():
            with (sitemap.parent / "sitemap.xml.gz").open("wb") as raw, \
                    gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=0) as gz:
                gz.write(sitemap.read_bytes())


def write_machine_outputs(corpus: Corpus, today: date, site: Path, schema_dir: Path = SCHEMA_DIR) -> None:
    """Into a built site (both languages already there): the JSON files, their schemas, the
    feeds, and byte-stable gzipped sitemaps."""
    _dump(site / "versions.json", versions_index(corpus, today), "versions-index")
    for doc in corpus.documents:
        for v in (*corpus.versions[doc.slug], *declared(corpus, doc.slug).withdrawn):
            _dump(site / version_url(doc, v) / "version.json", {**version_text(v), **version_declarations(corpus, doc, v)},
                  "version-text")
        for revision in (*corpus.revisions(doc.slug), *withdrawn_revisions(corpus, doc)):
            made = {lang: comparisons_for(corpus, lang).get(revision) for lang in LANGS}
            _dump(site / version_url(doc, revision.new) / "changes.json", changes(revision, made), "changes")
        _dump(site / doc.slug / "clauses.json", clause_history(corpus, doc), "clause-history")
    for lang in LANGS:
        (site / LANG_ROOT[lang] / "feed.xml").write_bytes(atom_feed(corpus, lang))
        for doc in corpus.documents:  # a feed per document beside the combined one
            (site / LANG_ROOT[lang] / feed_url(doc)).write_bytes(atom_feed(corpus, lang, doc))
    (site / "schema").mkdir(exist_ok=True)
    for name in SCHEMAS:
        shutil.copy(schema_dir / f"{name}.schema.json", site / "schema" / f"{name}.schema.json")
    _sitemap_gz(site)
