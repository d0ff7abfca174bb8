"""How search compares a query with the text, from one table kept as data (search-folding.json).

The browser (terms.js) reads the same table from the search page, so the index's filters and the
browser's check agree. Folding is for comparing only; the text shown stays as published.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("search-folding.json")
VOCABULARY = Path(__file__).with_name("search-vocabulary.json")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    to: str


@cache
def table() -> dict:
    return json.loads(TABLE.read_text(encoding="utf-8"))


@cache
def vocabulary() -> dict:
    """The words customers type and English endings (search-vocabulary.json), as the browser gets
    them: each synonym folded as search compares it."""
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return {"synonyms": [[fold(w) for w in group["words"]] for group in data["synonyms"]],
            "endings": list(data["endings"]["list"])}


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(re.compile(r["pattern"]), r["to"]) for r in table()["replace"])


def fold(text: str) -> str:
    """NFKC and lower case one character at a time, then the table's replacements."""
    out = "".join(unicodedata.normalize("NFKC", c).lower() for c in text)
    for rule in rules():
        out = rule.pattern.sub(rule.to, out)
    return out


def reference(query: str) -> str | None:
    """The clause key a query names (a5.p4, a1.p7.i1, a14_2, s), or None if it is not a label."""
    q = re.sub(r"\s+", " ", fold(query)).strip()
    for spec in table()["references"]["patterns"]:
        m = re.match(spec["pattern"], q)
        if not m:
            continue
        found: dict[str, str] = {}
        for name, value in zip(spec["groups"], m.groups()):
            if value and name not in found:
                found[name] = value
        if "key" in spec:
            return str(spec["key"]) + (".p" + found["paragraph"] if "paragraph" in found else "")
        key = "a" + re.sub(r"[の-]", "_", found["article"] + found.get("branch", ""))
        if "paragraph" in found:
            key += ".p" + found["paragraph"]
        elif "item" in found:  # 第3条(1): an item of the article's only paragraph
            key += ".p1"
        if "item" in found:
            key += ".i" + found["item"]
            if "subitem" in found:
                sub = found["subitem"]
                n = sub.encode()[0] - 96 if sub.isascii() else table()["references"]["subitems"].index(sub) + 1
                key += f".i{n}"
        return key
    return None
