"""Build the whole site: validate, MkDocs (ja, then en under en/), Pagefind, then swap into place.

Everything is built in a temporary directory next to ``site/`` and only moved into place when
every step succeeded, so a failed build never leaves a half-written site behind.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .csp import incomplete
from .dates import today_in_tokyo
from .loading import load_corpus
from .machine import write_machine_outputs
from .publication import for_build
from .schema import SCHEMA_DIR

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")


def build_site(root: Path, site_dir: Path | None = None, quiet: bool = True) -> Path:
    """Build into ``site_dir`` (default ``root/site``); raises on any problem, leaving it untouched."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    corpus = load_corpus(root)  # fail fast with the editor's messages before MkDocs starts
    target = (site_dir or root / "site").resolve()
    staging = target.parent / f".site-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        for name in CONFIGS:
            cfg = load_config(config_file=str(root / name))
            sub = "en" if name.endswith(".en.yml") else ""
            cfg["site_dir"] = str(staging / sub) if sub else str(staging)
            build(cfg)
        _check_policies(staging)
        today = today_in_tokyo()
        write_machine_outputs(for_build(corpus, today), today, staging, SCHEMA_DIR)
        index_search(staging)
        old = target.parent / f".site-old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _check_policies(site: Path) -> None:
    """No page leaves without its complete Content-Security-Policy, whichever way MkDocs wrote it."""
    unfinished = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                        if incomplete(p.read_text(encoding="utf-8")))
    if unfinished:
        raise RuntimeError(f"pages without their script hashes in the CSP: {', '.join(unfinished)}")


def index_search(site: Path) -> None:
    """Pagefind (extended build: Japanese segmentation) indexes the built HTML, per language."""
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as pages:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(_indexed_pages(site, Path(pages))),
                                 "--output-path", str(site / "pagefind"), "--silent"], capture_output=True, text=True)
    if result.returncode != 0:  # pragma: no cover
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    # Pagefind writes its language table in hash-map order; sorted, two builds are byte-identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _indexed_pages(site: Path, mirror: Path) -> Path:
    """The pages Pagefind would index, linked into ``mirror`` at the same paths.

    Once any page marks its searchable part (``data-pagefind-body``), Pagefind indexes only pages
    that do, but still parses every other page to find that out; a third of its time went there.
    Given only the marked pages it writes the same index. A site without the mark is given whole."""
    marked = [p for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes()]
    if not marked:
        return site
    for page in marked:
        target = mirror / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, target)
        except OSError:  # pragma: no cover - a file system without hard links
            shutil.copyfile(page, target)
    return mirror
