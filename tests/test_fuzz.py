"""Any input gives either a model or clean problems — never a traceback."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from termsite.source.loading import load_version
from termsite.problems import Problem
from termsite.source.validation import validate_version

SAMPLE = (ROOT / "versions/your-connect/2026-03-01.yaml").read_text(encoding="utf-8")
TARGET = Path("versions/your-connect/2026-03-01.yaml")


def check_bytes(tmp: Path, raw: bytes) -> None:
    path = tmp / TARGET
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    version, problems = load_version(path, tmp)
    assert all(isinstance(p, Problem) and p.location.line >= 0 for p in problems)
    if version is not None and not problems:
        assert all(isinstance(p, Problem) for p in validate_version(version))
    for p in problems:
        assert str(p).startswith("versions/your-connect/2026-03-01.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    check_bytes(tmp_path, raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(SAMPLE) - 1), st.integers(0, 40), st.text(max_size=12))
def test_edited_sample(tmp_path: Path, at: int, cut: int, insert: str) -> None:
    """The real sample with a random span replaced: typical slips of an editor's keyboard."""
    check_bytes(tmp_path, (SAMPLE[:at] + insert + SAMPLE[at + cut:]).encode("utf-8"))


json_like = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 2000) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["num", "ja", "en", "text", "items", "blocks", "paragraphs", "articles", "id",
                         "effective", "published", "document", "links", "article", "through", "omitted", "deleted"]),
        children, max_size=5),
    max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(json_like)
def test_random_structures(tmp_path: Path, data: object) -> None:
    check_bytes(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
