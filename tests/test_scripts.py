"""The scripts the workflows call, run here against a temporary git repository with a fake GitHub
CLI (`gh`) on PATH that records what it is asked and keeps comments in a JSON file."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_project
from termsite.workflow.newversion import new_version
from termsite.outputs.review import COMMENT_MARKER, NOTHING_MARKER

FAKE_GH = r'''#!PYTHON
"""A stand-in for `gh`: records each call; `gh api` keeps issue comments in $FAKE_GH_STATE."""
import json, os, sys
state_path = os.environ["FAKE_GH_STATE"]
state = json.load(open(state_path)) if os.path.exists(state_path) else {"calls": [], "comments": []}
args = sys.argv[1:]
stdin = "" if sys.stdin.isatty() else sys.stdin.read()
state["calls"].append({"args": args, "stdin": stdin})
out = ""
if args[:1] == ["api"]:
    method = args[args.index("--method") + 1] if "--method" in args else "GET"
    path = [a for a in args[1:] if a.startswith("repos/")][0]
    if method == "GET":
        out = json.dumps([state["comments"][:1], state["comments"][1:]])  # two pages, as --slurp gives
    elif method == "POST":
        state["comments"].append({"id": 100 + len(state["comments"]), "user": {"login": "github-actions[bot]"},
                                  "body": json.loads(stdin)["body"]})
    elif method == "PATCH":
        target = int(path.rsplit("/", 1)[1])
        for c in state["comments"]:
            if c["id"] == target:
                c["body"] = json.loads(stdin)["body"]
json.dump(state, open(state_path, "w"))
print(out)
'''


@pytest.fixture()
def fake_bin(tmp_path: Path) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, text in (("gh", FAKE_GH.replace("PYTHON", sys.executable)),
                       ("termsite", f'#!/bin/sh\nexec "{sys.executable}" -m termsite.cli "$@"\n')):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return folder


def env_with(fake_bin: Path, state: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}", "FAKE_GH_STATE": str(state),
            "TERMSITE": str(fake_bin / "termsite"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", **extra}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True,
                          text=True, env=env_with(Path("/nonexistent"), Path("/nonexistent"))).stdout


def calls(state: Path) -> list[dict]:
    return json.loads(state.read_text())["calls"] if state.exists() else []


# --- scripts/start-version ---------------------------------------------------------------------------

@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A clone of the samples whose `origin` is a bare repository, on main."""
    project = make_project(tmp_path / "work", with_samples=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "main")
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(project, "remote", "add", "origin", str(origin))
    git(project, "push", "-q", "origin", "main")
    return project


def start_version(repo: Path, fake_bin: Path, state: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / "scripts/start-version"), *args], cwd=repo, capture_output=True, text=True,
                          env=env_with(fake_bin, state))


def test_start_version_commits_the_new_file_on_a_branch_and_opens_a_pull_request(
        repo: Path, fake_bin: Path, tmp_path: Path) -> None:
    state = tmp_path / "gh.json"
    result = start_version(repo, fake_bin, state, "your-connect", "2026-09-01", "2026-07-15")
    assert result.returncode == 0, result.stderr
    branch = "new-version/your-connect-2026-09-01"
    origin = tmp_path / "origin.git"
    # exactly one commit on the branch, adding exactly the new version file ...
    assert git(origin, "rev-list", "--count", f"main..{branch}").strip() == "1"
    assert git(origin, "diff", "--name-status", f"main..{branch}").split() == ["A", "versions/your-connect/2026-09-01.yaml"]
    # ... whose text is what `termsite new` writes
    expected = make_project(tmp_path / "expected", with_samples=True)
    new_version(expected, "your-connect", "2026-09-01", "2026-07-15")
    assert git(origin, "show", f"{branch}:versions/your-connect/2026-09-01.yaml") == \
        (expected / "versions/your-connect/2026-09-01.yaml").read_text(encoding="utf-8")
    [call] = calls(state)
    args = call["args"]
    assert args[:2] == ["pr", "create"]
    assert args[args.index("--base") + 1] == "main" and args[args.index("--head") + 1] == branch
    assert "2026-09-01" in args[args.index("--title") + 1]
    assert "versions/your-connect/2026-09-01.yaml" in call["stdin"] and "Edit file" in call["stdin"]
    assert "附則の番号" in call["stdin"]


@pytest.mark.parametrize("effective, published, message", [
    ("2026-02-30", "2026-01-01", "is not a date on the calendar"),
    ("2026-09-01", "2026-08-20", "days' notice; your-connect requires 30"),
    ("2026-01-01", "2025-12-01", "is not after the latest version's"),
])
def test_start_version_refused_dates_push_nothing(repo: Path, fake_bin: Path, tmp_path: Path, effective: str,
                                                  published: str, message: str) -> None:
    state = tmp_path / "gh.json"
    result = start_version(repo, fake_bin, state, "your-connect", effective, published)
    assert result.returncode == 2
    assert message in result.stderr
    assert git(tmp_path / "origin.git", "branch", "--list").split() == ["main"]
    assert git(repo, "status", "--porcelain") == ""
    assert calls(state) == []


def test_start_version_twice_for_the_same_date(repo: Path, fake_bin: Path, tmp_path: Path) -> None:
    state = tmp_path / "gh.json"
    assert start_version(repo, fake_bin, state, "your-connect", "2026-09-01", "2026-07-15").returncode == 0
    git(repo, "switch", "-q", "main")
    again = start_version(repo, fake_bin, state, "your-connect", "2026-09-01", "2026-07-15")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert len(calls(state)) == 1


def test_start_version_without_arguments_says_how() -> None:
    result = subprocess.run([str(ROOT / "scripts/start-version")], capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.startswith("usage: scripts/start-version DOCUMENT")


# --- scripts/pr-comment ------------------------------------------------------------------------------

def pr_comment(fake_bin: Path, state: Path, body: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    body_file = tmp_path / "comment.md"
    body_file.write_text(body, encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "scripts/pr-comment"), "7", str(body_file)],
                          capture_output=True, text=True, env=env_with(fake_bin, state, GITHUB_REPOSITORY="o/terms"))


def test_pr_comment_posts_once_then_updates_the_same_comment(fake_bin: Path, tmp_path: Path) -> None:
    state = tmp_path / "gh.json"
    other = {"id": 5, "user": {"login": "legal-person"}, "body": COMMENT_MARKER + " quoted by a person"}
    state.write_text(json.dumps({"calls": [], "comments": [other]}))
    first = pr_comment(fake_bin, state, f"{COMMENT_MARKER}\nfirst push\n", tmp_path)
    assert first.returncode == 0, first.stderr
    second = pr_comment(fake_bin, state, f"{COMMENT_MARKER}\nsecond push\n", tmp_path)
    assert second.returncode == 0, second.stderr
    comments = json.loads(state.read_text())["comments"]
    assert comments == [other, {"id": 101, "user": {"login": "github-actions[bot]"},
                                "body": f"{COMMENT_MARKER}\nsecond push\n"}]
    methods = [c["args"][c["args"].index("--method") + 1] if "--method" in c["args"] else "GET"
               for c in calls(state)]
    assert methods == ["GET", "POST", "GET", "PATCH"]
    assert [a for a in calls(state)[3]["args"] if a.startswith("repos/")] == ["repos/o/terms/issues/comments/101"]


def test_pr_comment_posts_nothing_when_no_version_changed(fake_bin: Path, tmp_path: Path) -> None:
    state = tmp_path / "gh.json"
    result = pr_comment(fake_bin, state, f"{COMMENT_MARKER}\n{NOTHING_MARKER}\nNo version changed.\n", tmp_path)
    assert result.returncode == 0
    assert json.loads(state.read_text())["comments"] == []
    # but an earlier comparison comment is updated to say so
    pr_comment(fake_bin, state, f"{COMMENT_MARKER}\nchanged\n", tmp_path)
    pr_comment(fake_bin, state, f"{COMMENT_MARKER}\n{NOTHING_MARKER}\nreverted\n", tmp_path)
    assert [c["body"] for c in json.loads(state.read_text())["comments"]] == \
        [f"{COMMENT_MARKER}\n{NOTHING_MARKER}\nreverted\n"]


def test_pr_comment_refuses_a_file_that_is_not_the_comment(fake_bin: Path, tmp_path: Path) -> None:
    state = tmp_path / "gh.json"
    result = pr_comment(fake_bin, state, "hello\n", tmp_path)
    assert result.returncode == 2 and calls(state) == []
