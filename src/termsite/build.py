"""Build the whole site: validate, MkDocs (ja, then en under en/), Pagefind, then swap into place.

Everything is built in a temporary directory next to ``site/`` and only moved into place when
every step succeeded, so a failed build never leaves a half-written site behind.
"""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .csp import incomplete
from .dates import today_in_tokyo
from .loading import load_corpus
from .machine import write_machine_outputs
from .model import Corpus
from .publication import for_build
from .schema import SCHEMA_DIR
from .pagefind_order import stabilise
from .searchindex import records

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")


def build_site(root: Path, site_dir: Path | None = None, quiet: bool = True) -> Path:
    """Build into ``site_dir`` (default ``root/site``); raises on any problem, leaving it untouched."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    corpus = load_corpus(root)  # fail fast with the editor's messages before MkDocs starts
    today = today_in_tokyo()
    public = for_build(corpus, today)  # what the pages show: versions not yet published stay out
    target = (site_dir or root / "site").resolve()
    staging = target.parent / f".site-{os.getpid()}"
    search = target.parent / f".search-{os.getpid()}"
    for folder in (staging, search):
        shutil.rmtree(folder, ignore_errors=True)
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        with ThreadPoolExecutor(1) as pool:
            # The search index is made from the corpus, not from the pages: Pagefind (a process of
            # its own) indexes while MkDocs renders, on the other core.
            indexing = pool.submit(index_search, public, search)
            for name in CONFIGS:
                cfg = load_config(config_file=str(root / name))
                sub = "en" if name.endswith(".en.yml") else ""
                cfg["site_dir"] = str(staging / sub) if sub else str(staging)
                build(cfg)
            indexing.result()
        _check_policies(staging)
        # GitHub Pages serves only the top-level 404.html, for every missing path: it is bilingual.
        (staging / "en" / "404.html").unlink(missing_ok=True)
        write_machine_outputs(public, today, staging, SCHEMA_DIR)
        (search / "pagefind").rename(staging / "pagefind")
        old = target.parent / f".site-old-{os.getpid()}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        for folder in (staging, search):
            shutil.rmtree(folder, ignore_errors=True)
    return target


def _check_policies(site: Path) -> None:
    """No page leaves without its complete Content-Security-Policy, whichever way MkDocs wrote it."""
    unfinished = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                        if incomplete(p.read_text(encoding="utf-8")))
    if unfinished:
        raise RuntimeError(f"pages without their script hashes in the CSP: {', '.join(unfinished)}")


def index_search(corpus: Corpus, site: Path) -> None:
    """Pagefind (extended build: Japanese segmentation) indexes each clause of every version, per
    language, so a result names and links the clause itself: one record per wording, listing the
    versions it stands in (searchindex.py)."""
    write_index(corpus, site / "pagefind")
    # Pagefind writes its language table and filter indexes in hash-map order; sorted, two builds
    # are byte-identical.
    stabilise(site / "pagefind")


def write_index(corpus: Corpus, out: Path) -> None:
    """Pagefind's index of every clause, as Pagefind writes it (index_search then sorts it)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_index(corpus, out))
    else:  # called from inside an event loop (a browser test driving Playwright): its own thread
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, _index(corpus, out)).result()


class _WithoutPollDelay:
    """asyncio for Pagefind's Python service, with ``sleep`` taken to zero.

    The service (pagefind 1.5.2, ``pagefind/service/__init__.py`` ``_wait_for_responses``) waits
    0.1 s before reading each response, so every record costs 0.1 s however many are in flight:
    the 602 records of the sample site took 61 s, and 1.3 s without the wait. The read after it
    awaits the data by itself, so nothing else changes; the index is the same (tests)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    @staticmethod
    def sleep(delay: float, result: Any = None) -> Any:
        return asyncio.sleep(0, result)


async def _index(corpus: Corpus, out: Path) -> None:
    import pagefind.service
    from pagefind.index import IndexConfig, PagefindIndex

    pagefind.service.asyncio = _WithoutPollDelay()  # type: ignore[assignment]
    async with PagefindIndex(config=IndexConfig(output_path=str(out))) as index:
        for lang in ("ja", "en"):  # one at a time: the service's replies are not safe to interleave
            for record in records(corpus, lang):
                # The browser finds clauses with the filters and checks the text each carries
                # (meta "text"); Pagefind's word index is never read (it misses 4か月). So its
                # content is the anchor alone: segmenting Japanese text for that index cost
                # Pagefind about 4 ms a record and 330 MB for its dictionary. (Empty content
                # would drop the record.)
                await index.add_custom_record(url=record.url, content=record.anchor, language=lang,
                                              meta=record.meta(), filters=record.filters())
