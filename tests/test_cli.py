"""The command line as the legal team and CI use it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, make_project

TERMSITE = [sys.executable, "-m", "termsite.cli"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TERMSITE, *args], cwd=cwd, capture_output=True, text=True)


def test_check_passes_on_the_samples() -> None:
    result = run("check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 1 document(s), 2 version(s)"


def test_check_on_a_broken_copy_prints_every_problem_and_exits_1(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    (project / "versions/lock.json").unlink()  # a draft: a published, locked file would first be refused as edited
    path = project / "versions/your-connect/2026-03-01.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    heading: {ja: \"利用中止\"", "    headng: {ja: \"利用中止\"", 1)
    text = text.replace("published: 2026-01-30", "published: 2026-02-30", 1)
    path.write_text(text, encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    heading_line = next(i for i, l in enumerate(text.splitlines(), 1) if "headng:" in l)
    assert lines == [
        "versions/your-connect/2026-03-01.yaml:6:12: error: 2026-02-30 is not a date on the calendar — check the month and day",
        f"versions/your-connect/2026-03-01.yaml:{heading_line}:5: error: unknown key `headng` — allowed here: "
        "deleted, heading, id, num, omitted, paragraphs, through; check the spelling",
        "2 problem(s); nothing can be published until they are fixed.",
    ]


def test_build_of_a_broken_copy_writes_no_site_and_keeps_the_old_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    path = project / "versions/your-connect/2026-03-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("num: 2\n    heading", "num: 3\n    heading", 1),
                    encoding="utf-8")
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert "article 第3条 follows 第1条: expected 第1条の2 or 第2条" in result.stderr
    assert "no site was written" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert not list(project.glob(".site-*"))


def test_diff_text_marks_changes() -> None:
    result = run("diff", "versions/your-connect/initial.yaml", "versions/your-connect/2026-03-01.yaml", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "  old: 4. 乙は第1項の規定によりYour Connectサービスの一部又は全部を廃止しようとするときには、その[-4か月-]前までに、あらかじめ甲に[-書面-]により通知するものとします。" in result.stdout
    assert "  new: 4. 乙は第1項の規定によりYour Connectサービスの一部又は全部を廃止しようとするときには、その{+30日+}前までに、あらかじめ甲に{+電子メール+}により通知するものとします。" in result.stdout


def test_diff_markdown_for_a_job_summary() -> None:
    result = run("diff", "versions/your-connect/initial.yaml", "versions/your-connect/2026-03-01.yaml",
                 "--format", "markdown", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("### Your Connect利用規約 【現改比較表】")
    assert "| 改正前 | 改正後 |\n|---|---|" in out
    assert "<ins>付加</ins>" in out and "<ins>負荷</ins>" in out
    assert out.rstrip().endswith("（傍線部分は改正部分）")


def test_diff_html_uses_the_site_template() -> None:
    from bs4 import BeautifulSoup

    result = run("diff", "versions/your-connect/initial.yaml", "versions/your-connect/2026-03-01.yaml",
                 "--format", "html", "--lang", "en", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(result.stdout, "html.parser")
    assert [th.get_text(strip=True) for th in soup.select("thead th")] == ["Until February 28, 2026", "From March 1, 2026"]
    assert soup.select_one("#row-art-4-p1 ins.terms-mark") is not None


def test_diff_refuses_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "versions" / "your-connect"
    bad.mkdir(parents=True)
    shutil.copy(ROOT / "versions/your-connect/2026-03-01.yaml", bad / "2026-03-01.yaml")
    (bad / "2026-03-01.yaml").write_text("document: your-connect\neffective: [\n", encoding="utf-8")
    result = run("diff", str(ROOT / "versions/your-connect/initial.yaml"), str(bad / "2026-03-01.yaml"), cwd=ROOT)
    assert result.returncode == 1
    assert "2026-03-01.yaml:3:1: error: YAML syntax" in result.stderr


def test_pr_summary_example_is_generated_by_the_tool() -> None:
    example = (ROOT / "docs/pr-summary-example.md").read_text(encoding="utf-8")
    result = run("diff", "versions/your-connect/initial.yaml", "versions/your-connect/2026-03-01.yaml",
                 "--format", "markdown", cwd=ROOT)
    body = example.split("-->\n\n", 1)[1]
    assert body.startswith(result.stdout.rstrip("\n") + "\n")  # then the publication note


def test_summary_shows_the_versions_a_branch_changed(tmp_path: Path) -> None:
    """What the pull-request check writes to the job summary: only what the branch changed."""
    project = make_project(tmp_path / "p", with_samples=True)
    (project / "versions/lock.json").unlink()  # main before 2026-03-01: not locked yet (the lock is not the subject)
    newest = project / "versions/your-connect/2026-03-01.yaml"
    saved = newest.read_bytes()
    newest.unlink()
    git = lambda *a: subprocess.run(["git", *a], cwd=project, check=True, capture_output=True, text=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    assert run("summary", "--base", "main", cwd=project).stdout.strip() == \
        "No version of the terms changed in this pull request."
    git("checkout", "-qb", "revision")
    newest.write_bytes(saved)
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "revision")
    out = run("summary", "--base", "main", cwd=project).stdout
    assert out.startswith("### Your Connect利用規約 【現改比較表】")
    assert "<ins>付加</ins>" in out
