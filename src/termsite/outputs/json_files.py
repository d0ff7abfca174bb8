"""How every machine-readable JSON file is written: it names its published schema as
``$schema``, it is dumped deterministically (sorted keys, no build time stamps, so two builds of
one commit for one day are byte-identical), the model becomes plain JSON data one way everywhere,
and the pages it points at are absolute addresses."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from termsite.model import ArticleNumber, BulletList, ItemList, TextBlock
from termsite.pages.notice import SITE_URL
from termsite.pages.site import LANG_ROOT
from termsite.problems import Location


def schema_url(name: str) -> str:
    """The published address of a schema (its ``$id``), which every JSON file names as ``$schema``."""
    return f"{SITE_URL}schema/{name}.schema.json"


def dump(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"$schema": schema_url(schema), **data}, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                    encoding="utf-8")


def page_url(lang: str, rel: str) -> str:
    return SITE_URL + LANG_ROOT[lang] + rel


def plain(obj: Any) -> Any:
    """The model as JSON data: dataclasses to objects (block kinds named), dates to ISO strings."""
    if isinstance(obj, (TextBlock, ItemList, BulletList)):
        kind = {"TextBlock": "text", "ItemList": "items", "BulletList": "bullets"}[type(obj).__name__]
        return {"kind": kind, **{f.name: plain(getattr(obj, f.name)) for f in fields(obj)}}
    if isinstance(obj, ArticleNumber):
        return obj.key
    if isinstance(obj, Location):
        return None
    if is_dataclass(obj):
        return {f.name: plain(getattr(obj, f.name)) for f in fields(obj)
                if f.name not in ("location", "path", "en_reviewed")
                and not (f.name == "defers" and not getattr(obj, f.name))}  # only a 附則 that defers says so
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
