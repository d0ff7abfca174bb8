"""The JSON Schema editors get (yaml-language-server) agrees with the checker on structure."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from conftest import FIXTURES, ROOT

SCHEMA = json.loads((ROOT / "schema/version.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker(["date"]))
SAMPLES = sorted((ROOT / "versions").rglob("*.yaml"))

# Mistakes of structure (what a YAML editor with the schema underlines as you type).
STRUCTURAL = ["unknown-key", "missing-en", "empty-ja", "blank-ja", "num-as-kanji", "impossible-date", "slash-date",
              "block-with-two-kinds", "link-href-and-article", "link-http", "comma-in-flow-text", "bool-for-text",
              "absurd-number", "fullwidth-number"]


class _EditorLoader(yaml.SafeLoader):
    """What an editor's YAML 1.2 language server sees: dates stay strings."""


_EditorLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_schema_accepts_the_samples_and_editors_find_it(path: Path) -> None:
    assert list(VALIDATOR.iter_errors(load(path))) == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/version.schema.json"
    assert (path.parent / "../../schema/version.schema.json").resolve().exists()


@pytest.mark.parametrize("case", STRUCTURAL)
def test_schema_rejects_what_the_checker_rejects_structurally(case: str) -> None:
    path = next((FIXTURES / "bad" / case / "project").rglob("*.yaml"))
    assert list(VALIDATOR.iter_errors(load(path))) != []


def test_schema_is_valid_and_documented() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["additionalProperties"] is False
