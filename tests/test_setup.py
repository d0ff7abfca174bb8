"""Setting up on a fresh machine: which Python `make` picks, that requirements.txt (compiled from
requirements.in) is the whole tested dependency set with hashes, and that a run without a browser says so in its last line."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from lock_support import locked, normal

FIND = ROOT / "tools/find-python"


def fake_python(folder: Path, name: str, version: tuple[int, int] | None) -> Path:
    """An executable that answers the version question like a Python of ``version`` (None: it fails,
    like pyenv's shim for a version that is not selected)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    body = f'echo "{version[0]} {version[1]}"' if version else 'echo "pyenv: {name}: command not found" >&2; exit 127'
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def find(path_dirs: list[Path], *args: str) -> subprocess.CompletedProcess[str]:
    # only the fake folders and the shell's own tools: no real Python is visible
    sh_tools = Path("/nonexistent-tools")
    return subprocess.run(["/bin/sh", str(FIND), *args], capture_output=True, text=True,
                          env={"PATH": os.pathsep.join(map(str, [*path_dirs, sh_tools]))})


@pytest.mark.parametrize("available, chosen", [
    ({"python3.11": (3, 11)}, "python3.11"),
    ({"python3.13": (3, 13)}, "python3.13"),                                  # a current Mac / Fedora
    ({"python3": (3, 12), "python3.12": (3, 12)}, "python3.12"),              # Ubuntu 24.04
    ({"python3.11": (3, 11), "python3.12": (3, 12), "python3.13": (3, 13)}, "python3.13"),
    ({"python3.11": (3, 11), "python3": (3, 14)}, "python3"),                 # python3 newer than any named one
    ({"python3": (3, 10), "python3.12": (3, 12)}, "python3.12"),
    ({"python3.13": None, "python3.11": (3, 11)}, "python3.11"),              # pyenv shim of an unselected version
    ({"python": (3, 13)}, "python"),
])
def test_the_newest_python_of_at_least_3_11_is_chosen(tmp_path: Path, available: dict, chosen: str) -> None:
    for name, version in available.items():
        fake_python(tmp_path / "bin", name, version)
    result = find([tmp_path / "bin"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "bin" / chosen)


def test_earlier_folders_on_path_win_for_the_same_name(tmp_path: Path) -> None:
    first = fake_python(tmp_path / "a", "python3.12", (3, 12))
    fake_python(tmp_path / "b", "python3.12", (3, 12))
    assert find([tmp_path / "a", tmp_path / "b"]).stdout.strip() == str(first)


@pytest.mark.parametrize("available", [{}, {"python3": (3, 10), "python": (2, 7)}, {"python3.13": None}])
def test_no_suitable_python_says_what_to_do(tmp_path: Path, available: dict) -> None:
    for name, version in available.items():
        fake_python(tmp_path / "bin", name, version)
    (tmp_path / "bin").mkdir(exist_ok=True)
    result = find([tmp_path / "bin"])
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("no Python 3.11 or later found")
    assert "make PYTHON=/path/to/python3" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_python_named_by_the_user_is_checked(tmp_path: Path) -> None:
    old = fake_python(tmp_path / "bin", "python3.10", (3, 10))
    good = fake_python(tmp_path / "bin", "mypython", (3, 12))
    assert find([tmp_path / "bin"], str(good)).stdout.strip() == str(good)
    refused = find([tmp_path / "bin"], str(old))
    assert refused.returncode == 1 and "is Python 3.10; the site needs Python 3.11 or later" in refused.stderr


def test_the_real_interpreter_running_the_tests_is_acceptable() -> None:
    result = subprocess.run(["/bin/sh", str(FIND), sys.executable], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == sys.executable


# --- pins -------------------------------------------------------------------------------------------

def lock_pins() -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) from requirements.txt."""
    return locked((ROOT / "requirements.txt").read_text(encoding="utf-8"))


def manifest_pins() -> dict[str, str]:
    """name → version from requirements.in, where every package this project asks for is pinned."""
    pins = {}
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            m = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[a-z,]+\])?==([0-9.]+)", requirement)
            assert m, f"requirements.in: {requirement}: pin an exact version (name==version)"
            pins[normal(m[1])] = m[2]
    return pins


def test_every_pin_of_requirements_in_is_in_the_lock_at_the_same_version() -> None:
    pins = lock_pins()
    wanted = manifest_pins()
    assert wanted and all(pins[name][0] == version for name, version in wanted.items()), \
        {name: (version, pins.get(name)) for name, version in wanted.items() if pins.get(name, ("",))[0] != version}
    assert wanted["pagefind-bin-extended"] == wanted["pagefind"]
    assert wanted["mkdocs"].startswith("1.")  # MkDocs 2 has no hooks


def test_pyproject_names_exactly_the_packages_of_requirements_in_without_versions() -> None:
    """One place for versions (requirements.in, which Dependabot recompiles into the lock): a version in
    pyproject.toml would make Dependabot edit the lock line by line instead of resolving it again."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = [*project["dependencies"], *(r for group in project["optional-dependencies"].values() for r in group)]
    for requirement in named:
        assert "==" not in requirement, f"pyproject.toml: {requirement}: pin it in requirements.in, then `make lock`"
    names = {normal(re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0]) for r in named}
    assert names == set(manifest_pins()) - {"setuptools"}
    assert "mkdocs<2" in project["dependencies"]
    assert project["optional-dependencies"].keys() == {"test", "bench"}


def _name(requirement: str) -> str:
    return normal(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0])


def test_the_sites_own_packages_are_the_ones_it_runs_on() -> None:
    """pyproject.toml's `dependencies` are what the site runs on: each is imported by src/ or hooks/, or
    used by name where it is named (the theme in mkdocs.yml, the dictionary in words.py). A package
    only the benchmark uses is in the `bench` group, named by bench/; one only the tests use, in `test`."""
    import ast
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    imported: set[str] = set()
    for path in [*ROOT.glob("src/**/*.py"), *ROOT.glob("hooks/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    distributions = packages_distributions()
    used = {normal(d) for module in imported for d in distributions.get(module, [])}
    by_name = {"mkdocs-material": (ROOT / "mkdocs.yml", "name: material"),
               "sudachidict-core": (ROOT / "src/termsite/comparison/words.py", 'DICTIONARY = "core"')}
    for requirement in project["dependencies"]:
        name = _name(requirement)
        if name in by_name:
            path, needle = by_name[name]
            assert needle in path.read_text(encoding="utf-8"), (name, path)
        else:
            assert name in used, f"pyproject.toml: {name} is not used by the site — name it in the group of what uses it"
    bench = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("bench/*.py"))
    for requirement in project["optional-dependencies"]["bench"]:
        assert _name(requirement) not in used and _name(requirement).split("-")[0] in bench, requirement


def test_the_lock_has_hashes_for_everything_including_the_build_backend() -> None:
    pins = lock_pins()
    assert len(pins) > 30 and "setuptools" in pins  # `pip install --no-build-isolation -e .` needs it
    assert all(hashes for _version, hashes in pins.values())


def test_make_installs_from_the_lock_with_hashes_and_finds_its_python() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(STAMP): pyproject.toml requirements.txt\n" in makefile
    assert "pip install --quiet --require-hashes -r requirements.txt" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
    assert "$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile\n" in makefile
    assert "tools/find-python $(PYTHON)" in makefile and "python3.11 -m venv $(VENV)" not in makefile


# --- a run without a browser -------------------------------------------------------------------------

@pytest.mark.parametrize("parallel", [[], ["-n", "2", "--dist", "loadfile"]], ids=["one-process", "as-make-test"])
def test_without_a_browser_the_last_line_says_how_many_tests_did_not_run(tmp_path: Path, parallel: list[str]) -> None:
    """A copy of the browser fixture's skip in a small suite, run with the real conftest — in one process, and
    with the workers `make test` starts (the skips are counted where the results come together)."""
    suite = tmp_path / "suite"
    suite.mkdir()
    for name in ("conftest.py", "browser_support.py"):
        (suite / name).write_text((ROOT / "tests" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (suite / "test_x.py").write_text(
        "import pytest\nfrom browser_support import NO_BROWSER\n\n"
        "@pytest.fixture(scope='session')\ndef browser():\n    pytest.skip(f'{NO_BROWSER} (Executable does not exist)')\n\n"
        "@pytest.mark.parametrize('n', range(3))\ndef test_in_browser(browser, n):\n    pass\n\n"
        "def test_other():\n    pytest.skip('something else')\n\n"
        "def test_plain():\n    pass\n", encoding="utf-8")
    (suite / "test_y.py").write_text((suite / "test_x.py").read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *parallel, str(suite)],
                            capture_output=True, text=True, cwd=suite, env=env)
    assert result.returncode == 0, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last == ("6 browser test(s) did not run: no browser could be started — fix: make browser  "
                    "(Playwright's download: .venv/bin/python -m playwright install chromium)")


# --- editing in the browser (github.dev) or VS Code ---------------------------------------------------

DECLARATIONS = [Path("versions/your-connect/withdrawals/2026-10-01.yaml"), Path("versions/your-connect/corrections/2026-08-10.yaml")]


def test_editor_settings_map_every_source_to_its_schema() -> None:
    import fnmatch
    import json

    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert all((ROOT / path).is_file() for path in schemas)
    covered = {}
    for schema, globs in schemas.items():
        for path in [*ROOT.glob("versions/*/*.yaml"), *ROOT.glob("content/documents/*.yaml"), *DECLARATIONS]:
            rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()
            # as the editor's glob reads it: `*` never crosses a `/`
            if any(fnmatch.fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs):
                covered.setdefault(rel, []).append(Path(schema).name)
    for path in ROOT.glob("versions/*/*.yaml"):
        assert covered[path.relative_to(ROOT).as_posix()] == ["version.schema.json"]
    assert covered["versions/your-connect/withdrawals/2026-10-01.yaml"] == ["withdrawal.schema.json"]
    assert covered["versions/your-connect/corrections/2026-08-10.yaml"] == ["correction.schema.json"]
    for path in ROOT.glob("content/documents/*.yaml"):
        assert covered[path.relative_to(ROOT).as_posix()] == ["document.schema.json"]
    assert settings["yaml.format.enable"] is False  # a formatter must never rewrite legal text
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
