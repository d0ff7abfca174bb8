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


# --- the compiled validator (termsite.source.schema.fast_validator) accepts exactly what jsonschema accepts -----

def _data_of(path: Path) -> object | None:
    from termsite.source.yamlsource import read_yaml

    source, problems = read_yaml(path.name, path.read_bytes())
    return None if source is None else source.data


def _agree(name: str, data: object) -> None:
    import fastjsonschema

    from termsite.source.schema import fast_validator, validator

    try:
        fast_validator(name)(data)
        fast_ok = True
    except fastjsonschema.JsonSchemaException:
        fast_ok = False
    assert fast_ok == (not list(validator(name).iter_errors(data))), data


EVERY_SOURCE = sorted({*(ROOT / "versions").rglob("*.yaml"), *(FIXTURES / "bad").rglob("*.yaml"),
                       *(FIXTURES / "base").rglob("*.yaml")})


@pytest.mark.parametrize("path", EVERY_SOURCE, ids=[str(p.relative_to(ROOT)) for p in EVERY_SOURCE])
def test_compiled_validator_agrees_on_every_sample_and_fixture(path: Path) -> None:
    data = _data_of(path)
    if data is not None:
        _agree("document" if "documents" in path.parts else "version", data)


def _mutations(data: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    """Each place in the data replaced by a value of another kind: every way one field can be wrong."""
    out: list[tuple[tuple, object]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _mutations(value, path + (key,))
        out.append((path + ("extra-key",), "x"))
    elif isinstance(data, list):
        for i, value in enumerate(data[:2]):
            out += _mutations(value, path + (i,))
    for wrong in (None, True, 0, -1, 1000, "", " ", "2026-02-30", "2026-3-1", "x", [], {}):
        if wrong != data or type(wrong) is not type(data):
            out.append((path, wrong))
    return out


def _replace(data: object, path: tuple, value: object) -> object:
    import copy

    data = copy.deepcopy(data)
    if not path:
        return value
    target = data
    for part in path[:-1]:
        target = target[part]  # type: ignore[index]
    target[path[-1]] = value  # type: ignore[index]
    return data


def test_compiled_validator_agrees_on_every_single_field_mistake() -> None:
    sample = _data_of(SAMPLES[-1])
    mutations = _mutations(sample)
    assert len(mutations) > 500
    for path, value in mutations:
        _agree("version", _replace(sample, path, value))


DECLARED = {"withdrawal": sorted((FIXTURES / "withdrawn").rglob("withdrawals/*.yaml")),
            "correction": sorted((FIXTURES / "erratum").rglob("corrections/*.yaml"))}


@pytest.mark.parametrize("kind", sorted(DECLARED))
def test_declaration_schemas_accept_the_fixtures_and_editors_find_them(kind: str) -> None:
    """github.dev completes and checks withdrawals and corrections as it does versions."""
    schema = json.loads((ROOT / f"schema/{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker(["date"]))
    assert DECLARED[kind]
    for path in DECLARED[kind]:
        assert list(validator.iter_errors(load(path))) == []
        first = path.read_text(encoding="utf-8").splitlines()[0]
        ref = first.removeprefix("# yaml-language-server: $schema=")
        assert ref != first and (path.parent / ref).resolve() == (ROOT / f"schema/{kind}.schema.json").resolve()
    assert all("description" in p for p in schema["properties"].values())


@pytest.mark.parametrize("case,kind", [("withdrawal-unknown-version", "withdrawal"), ("correction-unknown-clause", "correction")])
def test_declaration_schemas_reject_a_misspelt_key(case: str, kind: str) -> None:
    schema = json.loads((ROOT / f"schema/{kind}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker(["date"]))
    data = load(next((FIXTURES / "bad" / case / "project").rglob("*.yaml")))
    assert list(validator.iter_errors(data)) == []
    assert list(validator.iter_errors({**data, "reasons" if kind == "withdrawal" else "correction": []})) != []
