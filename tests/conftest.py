"""Shared fixtures: the project root, temporary projects, and built sites for a given day."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The hand-made 新旧対照表 of the 2026-03-01 revision, kept in the repository so that a clone anywhere
# passes its own tests (tests/test_samples.py checks that it is the samples' published Japanese text).
SEED = FIXTURES / "seed" / "your-connect-terms-comparison-2026-03-01.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def make_project(dest: Path, *overlays: Path, with_samples: bool = False) -> Path:
    """A project folder: the small base corpus (or the real samples) with ``overlays`` copied over."""
    if with_samples:
        shutil.copytree(ROOT / "versions", dest / "versions")
        shutil.copytree(ROOT / "content", dest / "content")
    else:
        shutil.copytree(FIXTURES / "base", dest)
        for lang in ("ja", "en"):  # the hand-written pages
            shutil.copytree(ROOT / "content" / lang, dest / "content" / lang)
    for overlay in overlays:
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("overrides", "hooks"):
        if not (dest / name).exists():
            (dest / name).symlink_to(ROOT / name)
    return dest


def project_with_branch_adding(dest: Path, version_path: str, message: str = "revision") -> Path:
    """The samples in a git repository whose `main` lacks ``version_path`` and whose branch
    `revision` adds it: what the pull-request check sees for a new version."""
    project = make_project(dest, with_samples=True)
    commit_branch_adding(project, project / version_path, "revision", message)
    return project


def commit_branch_adding(project: Path, added: Path, branch: str, message: str) -> None:
    """Make ``project`` a git repository whose `main` lacks ``added`` and whose ``branch`` adds it."""
    import subprocess

    saved = added.read_bytes()
    added.unlink()

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                        *args], cwd=project, check=True, capture_output=True, text=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "main")
    git("checkout", "-qb", branch)
    added.write_bytes(saved)
    git("add", "-A")
    git("commit", "-qm", message)


def build_on(project: Path, today: str, dest: Path) -> Path:
    """``project`` built into ``dest`` as on ``today`` (TERMS_TODAY, put back as it was afterwards)."""
    from termsite.workflow.build import build_site

    old = os.environ.get("TERMS_TODAY")
    os.environ["TERMS_TODAY"] = today
    try:
        return build_site(project, dest)
    finally:
        if old is None:
            os.environ.pop("TERMS_TODAY", None)
        else:
            os.environ["TERMS_TODAY"] = old


class SiteCache:
    """Builds of a project (the real one unless given) per TERMS_TODAY, each made once."""

    def __init__(self, base: Path, project: Path = ROOT):
        self.base = base
        self.project = project
        self.sites: dict[str, Path] = {}

    def get(self, today: str) -> Path:
        if today not in self.sites:
            self.sites[today] = build_on(self.project, today, self.base / f"site-{today}")
        return self.sites[today]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole session: Playwright's sync API allows one at a time per thread.
    When CI is set a missing browser fails the run; elsewhere it skips with the way to install one."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from browser_support import LAUNCH_ARGS, chromium_path

    executable = chromium_path()
    if executable is None and os.environ.get("CI"):
        pytest.fail("no Chromium: CI installs Debian's chromium (.ci/run); set TERMS_CHROMIUM to another one")
    with playwright_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        except Exception as exc:  # no browser on a laptop: say how to get one
            if os.environ.get("CI"):
                raise
            pytest.skip(f"no browser ({exc}); apt-get install chromium, or `playwright install chromium`")
        yield b
        b.close()


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteCache]:
    yield SiteCache(tmp_path_factory.mktemp("sites"))


# --- the browser tests' shared browser and servers (one Playwright per session) -----------------

BUILD_DAY = "2026-02-15"   # before the revision: the old terms at the root
LATER_DAY = "2026-11-24"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole session (Playwright allows one sync session at a time). Without a
    browser: a failure when CI is set, else a skip that the closing line counts."""
    from browser_support import LAUNCH_ARGS, NO_BROWSER, chromium_path

    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        except Exception as exc:  # no browser on a laptop: say how to get one
            if os.environ.get("CI"):
                pytest.fail(f"no browser on CI ({exc}); `make browser` gets one (Playwright's, or apt-get install chromium)")
            pytest.skip(f"{NO_BROWSER} ({str(exc).splitlines()[0]})")
        yield b
        b.close()


@pytest.fixture(scope="session")
def servers(sites) -> Iterator[dict[str, "SiteServer"]]:
    from browser_support import SiteServer

    out = {day: SiteServer(sites.get(day)) for day in (BUILD_DAY, LATER_DAY)}
    yield out
    for s in out.values():
        s.close()


def browser_tests_not_run(terminalreporter: pytest.TerminalReporter) -> int:
    """Tests skipped because no browser could be started (their skip reason starts with NO_BROWSER)."""
    from browser_support import NO_BROWSER

    count = 0
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        count += reason.startswith(f"Skipped: {NO_BROWSER}") or reason.startswith(NO_BROWSER)
    return count


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    config.stash[_NOT_RUN] = browser_tests_not_run(terminalreporter)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """The very last line when browser tests were skipped, so a pass is not mistaken for a full one."""
    from browser_support import FIX_BROWSER

    count = config.stash.get(_NOT_RUN, 0)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if count and reporter is not None:
        reporter.write_line(f"{count} browser test(s) did not run: no browser could be started — fix: {FIX_BROWSER}",
                            red=True, bold=True)


_NOT_RUN = pytest.StashKey[int]()


def shown_banner(soup: BeautifulSoup) -> tuple[str, str]:
    """The one effective-date banner a built page shows (the others wait, hidden, for the reader's
    clock): its state and its words."""
    shown = [b for b in soup.select(".terms-banner") if not b.has_attr("hidden")]
    assert len(shown) == 1
    return shown[0]["data-terms-state"], shown[0].get_text(" ", strip=True)
