"""Build the whole site: validate, MkDocs (ja, then en under en/), the search index, then swap into place.

Everything is built in a temporary directory next to ``site/`` and only moved into place when
every step succeeded, so a failed build never leaves a half-written site behind.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from termsite.workflow.collector import batch_collection
from termsite.pages.assets import minify_own_assets
from termsite.pages.csp import incomplete
from termsite.timeline.dates import today_in_tokyo
from termsite.source.loading import load_corpus
from termsite.comparison.fingerprint import check_marks
from termsite.comparison.words import keep_in
from termsite.problems import ValidationFailed
from termsite.outputs.machine import write_machine_outputs
from termsite.timeline.publication import for_build
from termsite.source.schema import SCHEMA_DIR
from termsite.outputs import searchwordings
from termsite.outputs.export.sitepdf import SitePdfs

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")
# The engines that render the pages from the same mkdocs.yml, hooks and theme: MkDocs 1.6, and ProperDocs
# (a maintained fork of MkDocs 1.x, README.md Maintenance → "The second engine").
ENGINES = ("mkdocs", "properdocs")


def build_site(root: Path, site_dir: Path | None = None, quiet: bool = True, engine: str = "mkdocs") -> Path:
    """Build into ``site_dir`` (default ``root/site``); raises on any problem, leaving it untouched."""
    with batch_collection():
        return _build_site(root, site_dir, quiet, engine)


def _renderer(engine: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """(load_config, build) of ``engine``. ProperDocs answers every ``mkdocs.*`` import (the hooks',
    Material's) once its ``replacement`` module is imported: one engine per process."""
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401  (mkdocs.* → properdocs.* from here on)
        from properdocs.commands.build import build as properdocs_build
        from properdocs.config import load_config as properdocs_config

        return properdocs_config, properdocs_build
    if engine != "mkdocs":
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    return load_config, build


def _build_site(root: Path, site_dir: Path | None, quiet: bool, engine: str) -> Path:
    load_config, build = _renderer(engine)

    corpus = load_corpus(root)  # fail fast with the editor's messages before MkDocs starts
    today = today_in_tokyo()
    # A published table never changes silently. Checked on the versions as locked: a declared correction (正誤)
    # changes what a table shows on purpose, an upgrade of the analyser or the diff code must not.
    keep_in(root / ".cache" / "words")  # the words earlier builds cut: a build of texts cut before loads no analyser
    changed_marks = check_marks(root.resolve(), corpus, today)
    if changed_marks:
        raise ValidationFailed(changed_marks)
    public = for_build(corpus, today)  # what the pages show: versions not yet published stay out
    target = (site_dir or root / "site").resolve()
    staging = target.parent / f".site-{os.getpid()}"
    pdfs = target.parent / f".pdf-{os.getpid()}"
    for folder in (staging, pdfs):
        shutil.rmtree(folder, ignore_errors=True)
    if quiet:
        logging.getLogger(engine).setLevel(logging.WARNING)
    # Every revision's PDF is typeset meanwhile (no browser); without the Japanese font this raises
    # before anything is started, written or cached.
    printing = SitePdfs(public, today, pdfs, root / ".cache" / "pdf")
    try:
        for name in CONFIGS:
            cfg = load_config(config_file=str(root / name))
            sub = "en" if name.endswith(".en.yml") else ""
            cfg["site_dir"] = str(staging / sub) if sub else str(staging)
            build(cfg)
        _check_policies(staging)
        _leave_out_unused(staging)
        minify_own_assets(staging)
        _share_assets(staging)
        # GitHub Pages serves only the top-level 404.html, for every missing path: it is bilingual.
        (staging / "en" / "404.html").unlink(missing_ok=True)
        write_machine_outputs(public, today, staging, SCHEMA_DIR)
        shutil.copytree(printing.wait(), staging, dirs_exist_ok=True)
        searchwordings.write(public, staging)  # made from the corpus, not from the pages
        old = target.parent / f".site-old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        printing.wait_quietly()
        for folder in (staging, pdfs):
            shutil.rmtree(folder, ignore_errors=True)
    return target


# Material ships its search (a worker and lunr with its languages) and the source maps of its
# bundles with every build; the site uses neither (its search is its own: searchwordings.py).
UNUSED = ("assets/javascripts/workers", "assets/javascripts/lunr")


def _leave_out_unused(site: Path) -> None:
    """Leave Material's unused search and the source maps out of the deploy (both languages)."""
    for root in (site, site / "en"):
        for folder in UNUSED:
            shutil.rmtree(root / folder, ignore_errors=True)
    for source_map in site.rglob("*.map"):
        source_map.unlink()


_ASSET_URL = re.compile(r'(\s(?:src|href)=")((?:\.\./)*)assets/')


def _share_assets(site: Path) -> None:
    """One set of assets for both languages: MkDocs writes the same files again under en/; the
    English pages load the site root's instead (one folder further up), and en/assets/ goes. Left
    as it is if the two sets ever differ."""
    ja, en = site / "assets", site / "en" / "assets"
    files = sorted(p.relative_to(en) for p in en.rglob("*") if p.is_file())
    if not files or any(not (ja / f).is_file() or (ja / f).read_bytes() != (en / f).read_bytes() for f in files):
        return
    for page in (site / "en").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(_ASSET_URL.sub(r"\1\2../assets/", html), encoding="utf-8")
    shutil.rmtree(en)


def _check_policies(site: Path) -> None:
    """No page leaves without its complete Content-Security-Policy, whichever way MkDocs wrote it."""
    unfinished = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                        if incomplete(p.read_text(encoding="utf-8")))
    if unfinished:
        raise RuntimeError(f"pages without their script hashes in the CSP: {', '.join(unfinished)}")
