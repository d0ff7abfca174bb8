"""Reading one source file strictly: YAML as written (:mod:`yamlsource`), the traps of
:mod:`integrity` (characters that would publish other than what was typed), then its JSON Schema.
Shared by the versions, the documents and the declarations."""
from __future__ import annotations

from pathlib import Path

from termsite.problems import Problem, display_path
from termsite.source import integrity, schema
from termsite.source.yamlsource import Source, read_yaml


def read_source(path: Path, root: Path, schema_name: str, raw: bytes | None = None) -> tuple[Source | None, list[Problem]]:
    shown = display_path(path, root)
    source, problems = read_yaml(shown, path.read_bytes() if raw is None else raw)
    if source is None:
        return None, problems
    traps = integrity.check(source)
    # A key with a stray character makes its whole mapping fail the schema (unknown key, missing
    # key): the trap's message covers the mapping; a stray value covers only itself.
    explained = frozenset(t.path[:-1] if t.on_key else t.path for t in traps)
    problems = [t.problem for t in traps] + schema.check(source, schema_name, explained)
    return (None if problems else source), problems
