"""The search bundle is complete before Pagefind's service is stopped (Pagefind issue #1271: it
answers WriteFiles while its last writes may still be in flight)."""
from __future__ import annotations

import asyncio
import shutil
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from termsite.source.loading import load_corpus
from termsite.outputs.searchbundle import _complete, _written, write


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(load_corpus(ROOT), tmp_path_factory.mktemp("bundle") / "pagefind")


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    """In a thread of its own: the browser tests keep an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def cut(src: Path, dest: Path, name_glob: str, keep: float) -> Path:
    """A copy of the bundle with its largest ``name_glob`` file cut to a share of its bytes, as a
    stopped service leaves it (at a 4 KiB page boundary when the file is larger)."""
    shutil.copytree(src, dest)
    victim = max(dest.rglob(name_glob), key=lambda f: f.stat().st_size)
    data = victim.read_bytes()
    end = int(len(data) * keep)
    victim.write_bytes(data[:end - end % 4096 if end > 4096 else end])
    return dest


def test_a_written_bundle_is_complete(bundle: Path) -> None:
    assert _complete(bundle)
    run(_written(bundle, tries=3))  # returns at once: nothing changes any more


@pytest.mark.parametrize("name_glob, keep", [("pagefind-entry.json", 0.0), ("pagefind-entry.json", 0.5),
                                             ("*.pf_fragment", 0.5), ("*.pf_filter", 0.6), ("*.pf_meta", 0.5)])
def test_a_file_cut_short_is_not_complete(bundle: Path, tmp_path: Path, name_glob: str, keep: float) -> None:
    damaged = cut(bundle, tmp_path / "pagefind", name_glob, keep)
    assert sum(f.stat().st_size for f in damaged.rglob("*")) < sum(f.stat().st_size for f in bundle.rglob("*"))
    assert not _complete(damaged)
    with pytest.raises(RuntimeError, match="did not finish"):
        run(_written(damaged, tries=3))
