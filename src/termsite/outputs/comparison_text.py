"""A comparison table's rows as plain text and marks, for the JSON files: ``changes.json`` gives
each changed unit's two sides this way and ``clauses.json`` each wording of a clause, so both read
a clause exactly as the comparison table shows it."""
from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from termsite import labels
from termsite.comparison.compare import SideBlock, SideItem, SideUnit
from termsite.comparison.diff import Span


def spans_text(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)


def side_text(units: list[SideUnit], lang: str) -> str:
    """One side of a row as plain text, the way the comparison table reads it (gaps are empty)."""
    def item(i: SideItem) -> list[str]:
        out = [f"{spans_text(i.label)} {spans_text(i.text)}"] + [f"• {spans_text(b)}" for b in i.bullets]
        for sub in i.items:
            out += item(sub)
        return out

    def block(b: SideBlock) -> list[str]:
        if b.kind == "text":
            return [spans_text(b.text)]
        if b.kind == "bullets":
            return [f"• {spans_text(x)}" for x in b.bullets]
        return [line for i in b.items for line in item(i)]

    lines = []
    for u in units:
        body = [line for b in u.blocks for line in block(b)]
        if u.omitted and not body:
            body = [labels.omitted(lang)]
        if u.caption:
            lines.append(spans_text(u.caption))
        label = spans_text(u.label)
        if body and label:
            body[0] = f"{label} {body[0]}"
        lines += body
    return "\n".join(lines)


def marked_spans(obj: Any) -> list[list[str]]:
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


def side_record(label: str, old: str, new: str, old_marks: list[list[str]], new_marks: list[list[str]]) -> dict[str, Any]:
    """One unit's record: its label, both sides' texts and their marks."""
    return {"label": label, "old": old, "new": new, "marks": {"old": old_marks, "new": new_marks}}
