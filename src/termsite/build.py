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
from pathlib import Path

from .dates import today_in_tokyo
from .loading import load_corpus
from .machine import write_machine_outputs
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
        write_machine_outputs(corpus, today_in_tokyo(), staging, SCHEMA_DIR)
        index_search(staging)
        old = target.parent / f".site-old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


# Only version pages carry data-pagefind-body, and they sit at most two folders below a language
# root (your-connect/2026-03-01/, en/your-connect/2026-03-01/). Pagefind is pointed at those alone:
# the same index, without reading every comparison table, clause history and notice (tested).
PAGEFIND_GLOB = "{index.html,*/index.html,*/*/index.html,en/*/*/index.html}"


def index_search(site: Path) -> None:
    """Pagefind (extended build: Japanese segmentation) indexes the built HTML, per language."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
                             "--glob", PAGEFIND_GLOB], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    # Pagefind writes its language table in hash-map order; sorted, two builds are byte-identical.
    entry = site / "pagefind" / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
