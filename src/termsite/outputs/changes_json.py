"""``changes.json``: what one revision changed, unit by unit, in both languages — for tools that
read a revision without the comparison table. Built from the same comparisons as the table, so a
unit listed here is a row marked there."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from termsite import labels
from termsite.comparison.compare import Comparison, compare, is_marked
from termsite.model import LANGS, Lang, Revision, Version
from termsite.outputs.comparison_text import marked_spans, side_record, side_text, spans_text
from termsite.pages.i18n import gettext


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
                changed[group.id] = ("changed", side_record(group.label, spans_text(group.heading_old),
                                                            spans_text(group.heading_new),
                                                            marked_spans(group.heading_old), marked_spans(group.heading_new)))
            elif group.kind == "article":
                same[group.id] = spans_text(group.heading_new)
            for row in group.rows:
                if row.kind == "elided":
                    for unit in row.new:
                        order.append(unit.id)
                        same[unit.id] = side_text([unit], lang)
                    continue
                uid = row.id.removeprefix("row-")
                side = side_record(row.label, side_text(row.old, lang), side_text(row.new, lang),
                                   marked_spans(row.old), marked_spans(row.new))
                if uid in changed:  # the row of an added / removed article: its heading first
                    _, head = changed[uid]
                    side = side_record(row.label, "\n".join(x for x in (head["old"], side["old"]) if x),
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
                side = side_record(names[lang].get(uid, ""), text, text, [], [])
            entry["label"][lang] = side["label"]
            entry["old"][lang] = side["old"]
            entry["new"][lang] = side["new"]
            entry["marks"][lang] = side["marks"]
        out.append(entry)
    return {"document": revision.new.document, "from": revision.old.slug, "to": revision.new.slug, "changes": out}
