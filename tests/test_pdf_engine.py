"""The site's PDFs need no browser, and never lack their Japanese font.

- With no browser anywhere on PATH the whole site builds, PDFs included (Typst typesets them).
- With the Japanese font hidden from fontconfig the build and the export stop with one message that
  names the font and the package to install; no site, no PDF, nothing in the PDF cache.
- Every PDF the site and the export make embeds every font it uses, none of them Type 3.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_project
from termsite.outputs.export.fonts import FAMILY, PACKAGE

TERMSITE = [sys.executable, "-m", "termsite.cli"]


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TERMSITE, *args], cwd=cwd, capture_output=True, text=True, env=env)


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts``' table: one dict per font (name, type, emb)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    fonts = []
    for row in rows:
        # the columns after the name: type (may hold spaces), encoding, emb, sub, uni, object, generation
        parts = row.split()
        fonts.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5]})
    return fonts


def assert_fonts_embedded(path: Path) -> None:
    fonts = pdf_fonts(path)
    assert fonts, path
    assert all(f["emb"] == "yes" for f in fonts), (path, fonts)
    assert not any("Type 3" in f["type"] for f in fonts), (path, fonts)
    assert any(f["name"].split("+")[-1].startswith("NotoSerifCJK") for f in fonts), (path, fonts)


def without_browser(tmp_path: Path) -> dict[str, str]:
    """The environment with a PATH holding only fontconfig's fc-list and fc-query: no chromium, no
    browser at all."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("fc-list", "fc-query"):
        found = shutil.which(name)
        assert found is not None, f"fontconfig's {name} is needed (Debian: fontconfig)"
        (bin_dir / name).symlink_to(found)
    env = {k: v for k, v in os.environ.items() if k not in ("TERMS_CHROMIUM", "PLAYWRIGHT_BROWSERS_PATH")}
    env["PATH"] = str(bin_dir)
    env["PLAYWRIGHT_BROWSERS_PATH"] = str(tmp_path / "no-browsers")
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        assert shutil.which(name, path=env["PATH"]) is None
    return env


@pytest.fixture(scope="module")
def built_without_browser(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    tmp = tmp_path_factory.mktemp("nobrowser")
    project = make_project(tmp / "p", with_samples=True)
    return project, run("build", cwd=project, env=without_browser(tmp))


def test_the_site_builds_with_its_pdfs_where_there_is_no_browser(built_without_browser) -> None:
    from bs4 import BeautifulSoup

    project, result = built_without_browser
    assert result.returncode == 0, result.stderr
    site = project / "site"
    links = 0
    for page in sorted(site.rglob("comparison/**/index.html")) + sorted(site.rglob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a.terms-pdf"):
            target = (page.parent / str(a["href"])).resolve()
            assert target.is_file() and target.read_bytes().startswith(b"%PDF-"), (page, a["href"])
            links += 1
    assert links >= 2  # the sample revision, in both languages
    assert len(list(site.rglob("*.pdf"))) >= 2


def test_every_site_pdf_embeds_its_fonts_and_none_is_type_3(built_without_browser) -> None:
    project, result = built_without_browser
    assert result.returncode == 0, result.stderr
    pdfs = sorted((project / "site").rglob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert_fonts_embedded(path)


def hidden_fonts(tmp_path: Path) -> dict[str, str]:
    """fontconfig configured with no font folder at all: the Japanese font is not there."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(conf)
    assert FAMILY not in subprocess.run(["fc-list"], capture_output=True, text=True, env=env).stdout
    return env


def test_without_the_japanese_font_the_build_stops_with_one_clear_message_and_caches_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    result = run("build", cwd=project, env=hidden_fonts(tmp_path))
    assert result.returncode == 1
    message = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(message) == 1, result.stderr
    assert FAMILY in message[0] and f"apt-get install {PACKAGE}" in message[0]
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
    assert not list((project / ".cache").rglob("*.pdf")) if (project / ".cache").exists() else True
    assert not list(project.glob(".site-*")) and not list(project.glob(".pdf-*"))


def test_without_the_japanese_font_the_export_writes_no_pdf(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    out = tmp_path / "out.pdf"
    result = run("export", "your-connect", "2026-03-01", "--format", "pdf", "-o", str(out),
                 cwd=project, env=hidden_fonts(tmp_path))
    assert result.returncode == 2
    assert FAMILY in result.stderr and f"apt-get install {PACKAGE}" in result.stderr
    assert not out.exists()


def test_exported_pdfs_embed_their_fonts_in_both_languages(tmp_path: Path) -> None:
    from termsite.outputs.export.files import request, write
    from termsite.source.loading import load_corpus
    from datetime import date

    project = make_project(tmp_path / "p", with_samples=True)
    corpus = load_corpus(project)
    for lang in ("ja", "en"):
        for version, against in (("2026-03-01", None),):
            req = request(corpus, "your-connect", version, against)
            for today in (date(2026, 1, 1), date(2026, 12, 1)):  # a draft and a published revision
                path = write(corpus, req, lang, "pdf", tmp_path / f"{lang}-{today}.pdf", today)
                assert_fonts_embedded(path)


def test_a_character_the_font_lacks_stops_the_pdf_and_names_it(tmp_path: Path) -> None:
    """Typst would set an empty box for it and say nothing: the PDF is not made, the message says
    which character, in which table."""
    from dataclasses import replace
    from datetime import date

    from termsite.outputs.export.files import request, table_for
    from termsite.outputs.export.fonts import MissingGlyphs, japanese_fonts, missing_glyphs
    from termsite.outputs.export.pdf import write_pdf
    from termsite.outputs.export.table import Para, Run, TableRow
    from termsite.source.loading import load_corpus

    fonts = japanese_fonts()
    lacking = next(c for c in "\U0001F004\uFDFD\u2FFF\U0010FFFD" if missing_glyphs(c, fonts))
    corpus = load_corpus(make_project(tmp_path / "p", with_samples=True))
    table = table_for(corpus, request(corpus, "your-connect", "2026-03-01"), "ja", date(2026, 12, 1))
    assert missing_glyphs("".join(p.text for r in table.rows for c in r.cells.values() for p in c), fonts) == []
    odd = replace(table, rows=[*table.rows, TableRow("x", "changed", {"old": [Para("text", [Run("甲" + lacking)])],
                                                                        "new": [Para("text", [Run("乙")])]})])
    with pytest.raises(MissingGlyphs) as raised:
        write_pdf(odd, tmp_path / "x.pdf", fonts)
    assert f"U+{ord(lacking):04X}" in str(raised.value) and table.subject in str(raised.value)
    assert not (tmp_path / "x.pdf").exists()


def test_make_build_asks_for_no_browser() -> None:
    """`make build` runs only the setup and the build: no step of it fetches or looks for a browser
    (`make browser` is the browser tests' alone), so it works on a machine that has none."""
    root = Path(__file__).resolve().parents[1]
    steps = subprocess.run(["make", "-n", "-W", "pyproject.toml", "build"], cwd=root, capture_output=True,
                           text=True, check=True).stdout
    assert "termsite build" in steps
    assert "get-browser" not in steps and "playwright install" not in steps, steps
