"""Machine-readable outputs for customers' lawyers and procurement tools: ``versions.json``, the
full text of each version and the changes of each revision as JSON (each with a JSON Schema
published under ``schema/``), and an Atom feed of revisions per language.

Everything is deterministic (sorted keys, no build timestamps), so two builds of one commit for one
day are byte-identical.
"""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .compare import Comparison, SideBlock, SideItem, SideUnit, compare
from .dates import long_date
from .diff import Span
from .i18n import gettext
from .model import ArticleNumber, BulletList, Corpus, ItemList, Revision, TextBlock, Version
from .notice import SITE_URL, changed_articles
from .problems import Location
from .site import LANG_ROOT, comparison_url, history_url, version_url
from .status import period, state

SCHEMAS = ("version", "document", "versions-index", "version-text", "changes")
ATOM = "http://www.w3.org/2005/Atom"


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")


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
                if f.name not in ("location", "path", "en_reviewed")}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def version_text(v: Version) -> dict[str, Any]:
    data = _plain(v)
    data.pop("slug")
    return {"slug": v.slug, **data}


def _side_text(units: list[SideUnit]) -> str:
    def spans(ss: list[Span]) -> str:
        return "".join(s.text for s in ss)

    def item(i: SideItem) -> list[str]:
        out = [f"{spans(i.label)} {spans(i.text)}"] + [f"• {spans(b)}" for b in i.bullets]
        for sub in i.items:
            out += item(sub)
        return out

    def block(b: SideBlock) -> list[str]:
        if b.kind == "text":
            return [spans(b.text)]
        if b.kind == "bullets":
            return [f"• {spans(x)}" for x in b.bullets]
        return [line for i in b.items for line in item(i)]

    lines = []
    for u in units:
        body = [line for b in u.blocks for line in block(b)]
        if u.caption:
            lines.append(spans(u.caption))
        label = spans(u.label)
        if body and label:
            body[0] = f"{label} {body[0]}"
        lines += body
    return "\n".join(lines)


def _marks(units: list[SideUnit]) -> list[list[str]]:
    out: list[list[str]] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, Span):
            if obj.mark != "same":
                out.append([obj.mark, obj.text])
        elif isinstance(obj, list):
            for x in obj:
                walk(x)
        elif is_dataclass(obj):
            for f in fields(obj):
                walk(getattr(obj, f.name))

    walk(units)
    return out


def changes(revision: Revision) -> dict[str, Any]:
    by_lang: dict[str, Comparison] = {lang: compare(revision, lang) for lang in ("ja", "en")}
    rows: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for lang, comparison in by_lang.items():
        for row in comparison.rows():
            if row.kind == "elided":
                continue
            entry = rows.setdefault(row.id, {"id": row.id.removeprefix("row-"), "kind": row.kind,
                                             "label": {}, "old": {}, "new": {}, "marks": {}})
            if row.id not in order:
                order.append(row.id)
            entry["label"][lang] = row.label
            entry["old"][lang] = _side_text(row.old)
            entry["new"][lang] = _side_text(row.new)
            entry["marks"][lang] = {"old": _marks(row.old), "new": _marks(row.new)}
    return {"document": revision.new.document, "from": revision.old.slug, "to": revision.new.slug,
            "changes": [rows[r] for r in order]}


def versions_index(corpus: Corpus, today: date) -> dict[str, Any]:
    docs = []
    for doc in corpus.documents:
        versions = corpus.versions[doc.slug]
        revisions = {r.new.slug: r for r in corpus.revisions(doc.slug)}
        entries = []
        for v in versions:
            p = period(versions, v)
            own = [s.number for s in v.supplementary if s.effective == v.effective]
            revision = revisions.get(v.slug)
            entries.append({
                "slug": v.slug,
                "effective": v.effective.isoformat() if v.effective else None,
                "published": v.published.isoformat() if v.published else None,
                "period": {"start": p.start.isoformat() if p.start else None, "end": p.end.isoformat() if p.end else None},
                "state": state(versions, v, today),
                "change": v.change,
                "supplementary_number": own[0] if own else None,
                "url": {lang: _url(lang, version_url(doc, v)) for lang in ("ja", "en")},
                "comparison": {lang: _url(lang, comparison_url(doc, revision)) for lang in ("ja", "en")} if revision else None,
                "text": SITE_URL + version_url(doc, v) + "version.json",
                "changes": SITE_URL + version_url(doc, v) + "changes.json" if revision else None,
            })
        docs.append({"slug": doc.slug, "title": {"ja": doc.title.ja, "en": doc.title.en},
                     "operator": {"ja": doc.operator.ja, "en": doc.operator.en},
                     "governing_language": doc.governing_language,
                     "history": {lang: _url(lang, history_url(doc)) for lang in ("ja", "en")},
                     "versions": entries})
    return {"generated_for": today.isoformat(), "site": SITE_URL, "documents": docs}


def atom_feed(corpus: Corpus, lang: str) -> bytes:
    """Revisions, newest first. Entry ids are tag URIs of the revision and language: stable forever."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    root = SITE_URL + LANG_ROOT[lang]

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    revisions = sorted(((doc, r) for doc in corpus.documents for r in corpus.revisions(doc.slug)),
                       key=lambda dr: (dr[1].new.published or date.min, dr[1].new.slug), reverse=True)
    stamp = lambda d: f"{(d or date(2000, 1, 1)).isoformat()}T00:00:00+09:00"  # noqa: E731
    sub(feed, "id", f"tag:portal.your-connect.com,2026:terms/{lang}")
    sub(feed, "title", gettext(lang, "Revisions of the terms"))
    sub(feed, "updated", stamp(revisions[0][1].new.published if revisions else None))
    sub(feed, "link", rel="self", href=root + "feed.xml")
    sub(feed, "link", rel="alternate", href=root)
    author = sub(feed, "author")
    sub(author, "name", corpus.root_document.operator[lang])
    for doc, revision in revisions:
        v = revision.new
        entry = sub(feed, "entry")
        sub(entry, "id", f"tag:portal.your-connect.com,2026:terms/{doc.slug}/{v.slug}/{lang}")
        when = long_date(v.effective, lang) if v.effective else ""
        sub(entry, "title", gettext(lang, "%(title)s: revision effective %(date)s") % {"title": doc.title[lang], "date": when})
        sub(entry, "published", stamp(v.published))
        sub(entry, "updated", stamp(v.published))
        sub(entry, "link", rel="alternate", href=root + comparison_url(doc, revision))
        sep, join = ("：", "、") if lang == "ja" else (": ", "; ")
        lines = [f"{line.label}{sep}{line.kind}" for line in changed_articles(revision, lang)]
        summary = gettext(lang, "Effective %(date)s.") % {"date": when} + " " + join.join(lines)
        sub(entry, "summary", summary)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def write_machine_outputs(corpus: Corpus, today: date, site: Path, schema_dir: Path) -> None:
    _dump(site / "versions.json", versions_index(corpus, today))
    for doc in corpus.documents:
        for v in corpus.versions[doc.slug]:
            _dump(site / version_url(doc, v) / "version.json", version_text(v))
        for revision in corpus.revisions(doc.slug):
            _dump(site / version_url(doc, revision.new) / "changes.json", changes(revision))
    for lang in ("ja", "en"):
        (site / LANG_ROOT[lang] / "feed.xml").write_bytes(atom_feed(corpus, lang))
    (site / "schema").mkdir(exist_ok=True)
    for name in SCHEMAS:
        shutil.copy(schema_dir / f"{name}.schema.json", site / "schema" / f"{name}.schema.json")
