"""Build the whole site: validate, MkDocs (ja, then en under en/) while Pagefind indexes, then swap into place.

Everything is built in a temporary directory next to ``site/`` and only moved into place when
every step succeeded, so a failed build never leaves a half-written site behind.
"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from termsite.workflow.collector import batch_collection
from termsite.pages.csp import incomplete
from termsite.timeline.dates import today_in_tokyo
from termsite.source.loading import load_corpus
from termsite.outputs.machine import write_machine_outputs
from termsite.timeline.publication import for_build
from termsite.source.schema import SCHEMA_DIR
from termsite.outputs.searchbundle import Writer
from termsite.outputs.export.sitepdf import SitePdfs

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")


def build_site(root: Path, site_dir: Path | None = None, quiet: bool = True) -> Path:
    """Build into ``site_dir`` (default ``root/site``); raises on any problem, leaving it untouched."""
    with batch_collection():
        return _build_site(root, site_dir, quiet)


def _build_site(root: Path, site_dir: Path | None, quiet: bool) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    corpus = load_corpus(root)  # fail fast with the editor's messages before MkDocs starts
    today = today_in_tokyo()
    public = for_build(corpus, today)  # what the pages show: versions not yet published stay out
    target = (site_dir or root / "site").resolve()
    staging = target.parent / f".site-{os.getpid()}"
    search = target.parent / f".search-{os.getpid()}"
    pdfs = target.parent / f".pdf-{os.getpid()}"
    for folder in (staging, search, pdfs):
        shutil.rmtree(folder, ignore_errors=True)
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    # The search index is made from the corpus, not from the pages: it is written by a process of
    # its own while MkDocs renders (searchbundle.py).
    # Every revision's PDF is typeset meanwhile (no browser); without the Japanese font this raises
    # before anything is started, written or cached.
    printing = SitePdfs(public, today, pdfs, root / ".cache" / "pdf")
    indexing = Writer(public, search / "pagefind", search)
    try:
        for name in CONFIGS:
            cfg = load_config(config_file=str(root / name))
            sub = "en" if name.endswith(".en.yml") else ""
            cfg["site_dir"] = str(staging / sub) if sub else str(staging)
            build(cfg)
        _check_policies(staging)
        # GitHub Pages serves only the top-level 404.html, for every missing path: it is bilingual.
        (staging / "en" / "404.html").unlink(missing_ok=True)
        write_machine_outputs(public, today, staging, SCHEMA_DIR)
        shutil.copytree(printing.wait(), staging, dirs_exist_ok=True)
        indexing.wait().rename(staging / "pagefind")  # waited for last: it may still be writing
        old = target.parent / f".site-old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        indexing.stop()  # a no-op once it has finished
        printing.wait_quietly()
        for folder in (staging, search, pdfs):
            shutil.rmtree(folder, ignore_errors=True)
    return target


def _check_policies(site: Path) -> None:
    """No page leaves without its complete Content-Security-Policy, whichever way MkDocs wrote it."""
    unfinished = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                        if incomplete(p.read_text(encoding="utf-8")))
    if unfinished:
        raise RuntimeError(f"pages without their script hashes in the CSP: {', '.join(unfinished)}")
