"""Structural validation against the published JSON Schemas, in words a legal editor can act on.

The schemas in ``schema/`` are the single description of the file format: editors' YAML plugins
use them for completion, and this module uses them (through ``jsonschema``) for the check, turning
each schema failure into one message with the line it points at.
"""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Callable

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from termsite.problems import Problem
from termsite.source.yamlsource import Source

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list (lines starting with `- `)",
    "object": "a mapping (`key: value` lines)",
    "boolean": "true or false",
    "null": "null",
}


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker(["date"]))


@cache
def fast_validator(name: str) -> Callable[[Any], Any]:
    """The same schema compiled to Python code (about 70 times faster than walking it); used only
    to tell that a file is valid, never to word a problem. Dates are checked by jsonschema's own
    format checker, so both validators accept exactly the same files (tests/test_schema.py)."""
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    dates = FormatChecker(["date"])
    return fastjsonschema.compile(schema, formats={"date": lambda value: dates.conforms(value, "date")})


def check(source: Source, name: str, explained: frozenset[tuple[Any, ...]] = frozenset()) -> list[Problem]:
    """All schema problems of ``source``, one message per failure, deepest first.

    A valid file is recognised by the compiled validator; only a file with a problem goes through
    jsonschema, whose errors give the messages an editor reads. Errors at or below a path in
    ``explained`` are left out: that value already has a message (see :mod:`integrity`), and a
    second one about the same mistake would only confuse."""
    try:
        fast_validator(name)(source.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems = []
    for error in validator(name).iter_errors(source.data):
        path = tuple(error.absolute_path)
        if any(path[:len(p)] == p for p in explained):
            continue
        problems.append(_describe(error, source))
    return problems


def _field(path: tuple[Any, ...]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return f"`{part}`"
    return "this entry"


def _describe(error: ValidationError, source: Source) -> Problem:
    path = tuple(error.absolute_path)
    where = source.at(path)
    name = _field(path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        instance: dict[str, Any] = error.instance if isinstance(error.instance, dict) else {}
        extra = sorted(set(instance) - set(allowed))
        key = extra[0] if extra else "?"
        hint = f"allowed here: {', '.join(allowed)}; check the spelling"
        if instance.get(key) is None and ("ja" in allowed or " " in key):
            hint = "a comma or colon inside `{…}` or after `key:` splits the text: put the whole text in quotes"
        return Problem(source.key_at(path + (key,)), f"unknown key `{key}`", hint)
    if kind == "required":
        missing = str(error.message).split("'")[1]
        hint = "add it"
        if missing in ("ja", "en"):
            hint = f"add the {'Japanese text' if missing == 'ja' else 'English reference translation'} as `{missing}:`"
        return Problem(where, f"{name} is missing `{missing}`", hint)
    if kind == "type" and _paragraph_branch(path, error.instance):
        return Problem(where, f"paragraph number `{error.instance}` has a 枝番, which paragraphs (項) never take",
                       "number the paragraphs 1, 2, 3 …: renumber the ones after the new paragraph (繰下げ) and "
                       "give each of them its old `id:` (the check names them)")
    if kind == "type":
        expected = schema.get("type")
        words = _TYPE_WORDS.get(expected, str(expected)) if isinstance(expected, str) else str(expected)
        hint = "quote text that YAML would read otherwise" if expected == "string" else "fix the value"
        return Problem(where, f"{name} must be {words}, not {_kind_of(error.instance)}", hint)
    if kind in ("minLength",) or (kind == "pattern" and schema.get("pattern") == "\\S"):
        return Problem(where, f"{name} is empty", "write the text; a blank is not allowed")
    if kind == "pattern":
        pattern = schema.get("pattern", "")
        if "[0-9]{4}" in pattern:
            return Problem(where, f"{name} must be a date written YYYY-MM-DD, not `{error.instance}`",
                           "for example 2026-03-01")
        if pattern.startswith("^https"):
            return Problem(where, f"`{error.instance}` is not an https:// web address",
                           "link only to https:// addresses")
        if pattern.startswith("^[a-z]"):
            return Problem(where, f"{name} `{error.instance}` is not a valid name",
                           "use lowercase letters, digits and `-`, starting with a letter")
        if "_" in pattern:
            return Problem(where, f"article number `{error.instance}` is not valid",
                           "write it in ASCII digits: 14, or 14_2 for 第14条の2")
        return Problem(where, f"{name} `{error.instance}` has the wrong form", "see versions/FORMAT.md")
    if kind == "format":
        return Problem(where, f"{error.instance} is not a date on the calendar", "check the month and day")
    if kind == "minItems":
        return Problem(where, f"{name} is an empty list", "add entries, or remove the key")
    if kind in ("minimum", "maximum"):
        return Problem(where, f"{name} {error.instance} is out of range ({error.message})",
                       "numbers run from 1 to 999")
    if kind == "const":
        return Problem(where, f"{name} can only be `true`", "remove the key when it does not apply")
    if kind == "enum":
        choices = ", ".join(f"`{o}`" for o in schema.get("enum", []))
        return Problem(where, f"{name} must be one of {choices}, not `{error.instance}`", "pick one")
    if kind in ("maxProperties", "minProperties"):
        return Problem(where, "a block holds exactly one of `text`, `items` or `bullets`",
                       "start a new `- ` entry for each block")
    if kind == "oneOf":
        subs = error.context or []
        if any(sub.validator == "format" for sub in subs) and not any(sub.validator == "pattern" for sub in subs):
            return Problem(where, f"{error.instance} is not a date on the calendar", "check the month and day")
        options = [str(alt.get("$ref", "")) if isinstance(alt, dict) else "" for alt in schema.get("oneOf", [])]
        if any(o.endswith("/date") for o in options):
            return Problem(where, f"{name} must be a date written YYYY-MM-DD (or null if unknown), "
                                  f"not `{error.instance}`", "for example 2026-03-01")
        limits = [sub for sub in subs if sub.validator in ("minimum", "maximum")]
        if limits:
            return Problem(where, f"{name} {error.instance} is out of range ({limits[0].message})",
                           "numbers run from 1 to 999")
        if path and path[-1] == "num" and "items" in path[-3:]:
            return Problem(where, f"item number `{error.instance}` is not valid",
                           "write it in ASCII digits: 2, or 2_2 for 第2号の2 (an item inserted after (2) "
                           "without renumbering)")
        if any(o.endswith("/articleNum") or o.endswith("/num") for o in options):
            return Problem(where, f"article number `{error.instance}` is not valid",
                           "write it in ASCII digits: 14, or 14_2 for 第14条の2")
        if isinstance(error.instance, dict) and "text" in error.instance:
            return Problem(where, "a link needs either `href` (a web address) or `article` "
                                  "(an article id such as art-4), not both", "keep one")
        return Problem(where, f"{name} has the wrong form", "a string, or `ja:` and `en:` lines")
    return Problem(where, f"{name}: {error.message}", "see versions/FORMAT.md")  # pragma: no cover


def _paragraph_branch(path: tuple[Any, ...], value: Any) -> bool:
    """A paragraph's ``num`` written with a 枝番 (2_2, 2の2, 2-2)."""
    return (len(path) >= 3 and path[-1] == "num" and path[-3] == "paragraphs" and isinstance(value, str)
            and re.fullmatch(r"[0-9０-９]+\s*[_の\-－][0-9０-９]+", value) is not None)


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text `{value}`"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
