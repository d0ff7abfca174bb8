"""scripts/publication-issue: one issue for a live site that fails its check — opened once, commented on
while it keeps failing, closed when it passes — run with a fake GitHub CLI that keeps issues in a file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FAKE_GH = r'''#!PYTHON
"""A stand-in for `gh api`: issues and their comments in $FAKE_GH_STATE."""
import json, os, sys
path = os.environ["FAKE_GH_STATE"]
state = json.load(open(path)) if os.path.exists(path) else {"issues": [], "comments": {}}
args = sys.argv[1:]
data = json.loads(sys.stdin.read()) if "--input" in args else None
method = args[args.index("--method") + 1] if "--method" in args else "GET"
path_parts = [a for a in args if a.startswith("repos/")][0].split("?")[0].split("/")
state.setdefault("repos", []).append("/".join(path_parts[1:3]))
url = path_parts[3:]
out = ""
if method == "GET":
    out = json.dumps([[i for i in state["issues"] if i["state"] == "open"]])
elif method == "POST" and url == ["issues"]:
    issue = {"number": len(state["issues"]) + 1, "state": "open", "user": {"login": "github-actions[bot]"}, **data}
    state["issues"].append(issue)
    out = json.dumps(issue)
elif method == "POST":
    state["comments"].setdefault(url[1], []).append(data["body"])
elif method == "PATCH":
    next(i for i in state["issues"] if str(i["number"]) == url[1]).update(data)
json.dump(state, open(path, "w"))
print(out)
'''


def fake_gh(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """The environment of a run with the fake ``gh`` first on PATH, and the file it keeps its state in."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "gh").write_text(FAKE_GH.replace("PYTHON", sys.executable), encoding="utf-8")
    (folder / "gh").chmod(0o755)
    state = tmp_path / "state.json"
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "FAKE_GH_STATE": str(state)}, state


def test_one_issue_opened_updated_and_closed(tmp_path: Path) -> None:
    env, state = fake_gh(tmp_path)
    state.write_text(json.dumps({"issues": [{"number": 1, "state": "open", "title": "unrelated",
                                             "body": "something else"}], "comments": {}}))
    env |= {"GITHUB_REPOSITORY": "your-connect/terms", "RUN_URL": "https://example.invalid/run/1"}

    def run(outcome: str, text: str) -> str:
        report = tmp_path / "report.md"
        report.write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, str(ROOT / "scripts/publication-issue"), outcome, str(report)],
                                env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert run("passed", "**ok**\n") == "no open issue: nothing to close\n"
    assert run("failed", "**FAILED: stale**\n") == "opened issue #2\n"
    assert run("failed", "**FAILED: still stale**\n") == "commented on issue #2\n"  # the same issue, not a new one
    assert run("passed", "**ok**\n") == "closed issue #2\n"
    data = json.loads(state.read_text())
    ours = data["issues"][1]
    assert ours["state"] == "closed" and ours["body"].startswith("<!-- termsite-verify")
    assert "FAILED: stale" in ours["body"] and "https://example.invalid/run/1" in ours["body"]
    assert data["issues"][0]["state"] == "open"  # an issue it did not open is left alone
    assert [c.splitlines()[0] for c in data["comments"]["2"]] == ["**FAILED: still stale**",
                                                                 "The live site passes the check again."]
    assert run("failed", "**FAILED: leaking**\n") == "opened issue #3\n"  # a new failure after a close: a new issue


def test_from_another_repository_the_issue_is_kept_in_the_terms_repository(tmp_path: Path) -> None:
    """The watchdog (docs/watchdog/) runs in a repository of its own: TERMS_REPOSITORY names where the issue is."""
    env, state = fake_gh(tmp_path)
    report = tmp_path / "report.md"
    report.write_text("**FAILED: stale**\n", encoding="utf-8")
    env |= {"GITHUB_REPOSITORY": "your-connect/terms-watchdog", "TERMS_REPOSITORY": "your-connect/terms"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts/publication-issue"), "failed", str(report)],
                            env=env, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "opened issue #1\n"), result.stderr
    assert set(json.loads(state.read_text())["repos"]) == {"your-connect/terms"}
