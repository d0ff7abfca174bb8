"""Write the Pagefind bundle of the search records, in a Python process of its own.

The build renders pages while the bundle is written. In a thread of the build's own process the
two competed for one interpreter lock (the Pagefind service is driven record by record from
Python); as a separate process the bundle is written on another core. The records are made in
the build (``searchindex.records``) and handed over as one JSON file, so the corpus is loaded once.

    python -m termsite.outputs.searchbundle RECORDS.json OUT   # writes OUT (a Pagefind bundle)
"""
from __future__ import annotations

import asyncio
import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

from termsite.model import LANGS, Corpus
from termsite.outputs.pagefind_order import stabilise
from termsite.outputs.searchindex import records

def payload(corpus: Corpus) -> list[dict[str, Any]]:
    """Every record as Pagefind's ``add_custom_record`` takes it.

    The browser finds clauses with the filters and checks the text each carries (meta "text");
    Pagefind's word index is never read (it misses 4か月). So its content is the anchor alone:
    segmenting Japanese text for that index cost Pagefind about 4 ms a record and 330 MB for its
    dictionary. (Empty content would drop the record.)"""
    return [{"url": r.url, "content": r.anchor, "language": lang, "meta": r.meta(), "filters": r.filters()}
            for lang in LANGS for r in records(corpus, lang)]


class Writer:
    """A bundle being written by its own process; ``wait`` raises if it failed."""

    def __init__(self, corpus: Corpus, out: Path, work: Path) -> None:
        work.mkdir(parents=True, exist_ok=True)
        source = work / "records.json"
        source.write_text(json.dumps(payload(corpus), ensure_ascii=False), encoding="utf-8")
        self.out, self._source = out, source
        package_root = str(Path(__file__).resolve().parents[2])  # this termsite, installed or not
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_root, os.environ.get("PYTHONPATH"))))}
        self._process = subprocess.Popen([sys.executable, "-m", "termsite.outputs.searchbundle", str(source), str(out)],
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)

    def wait(self) -> Path:
        output, _ = self._process.communicate()
        self._source.unlink(missing_ok=True)
        if self._process.returncode:
            raise RuntimeError(f"the search index was not written:\n{output.decode('utf-8', 'replace')}")
        return self.out

    def stop(self) -> None:
        """When the build failed: the bundle is not needed."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._source.unlink(missing_ok=True)


def write(corpus: Corpus, out: Path) -> Path:
    """The bundle for ``corpus`` at ``out``, written now (``out.parent`` holds the records meanwhile)."""
    return Writer(corpus, out, out.parent).wait()


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


async def _index(items: list[dict[str, Any]], out: Path) -> None:
    import pagefind.service
    from pagefind.index import IndexConfig, PagefindIndex

    pagefind.service.asyncio = _WithoutPollDelay()  # type: ignore[assignment]
    index = await PagefindIndex(config=IndexConfig(output_path=str(out))).__aenter__()
    try:
        for item in items:  # one at a time: the service's replies are not safe to interleave
            await index.add_custom_record(**item)
        await index.write_files()
        await _written(out)
    finally:
        # Leaving the context as after an error only skips its own second write; then it stops
        # the service.
        await index.__aexit__(RuntimeError, None, None)


async def _written(out: Path, tries: int = 200) -> None:
    """Wait until Pagefind's files are on disk before its service is stopped.

    Pagefind 1.5.2 answers WriteFiles while its last writes may still be in flight, and stopping
    the service then leaves them cut short (Pagefind issue #1271, fixed by pull request #1272,
    not yet released): a build here once failed on an empty ``pagefind-entry.json``. Done when
    the files' sizes stay the same over one more look, the entry file reads as JSON and every
    compressed file decompresses whole (gzip checks its length and checksum)."""
    before: dict[str, int] | None = None
    for _ in range(tries):
        sizes = {str(f): f.stat().st_size for f in sorted(out.rglob("*")) if f.is_file()}
        if sizes == before and _complete(out):
            return
        before = sizes
        await asyncio.sleep(0.02)
    raise RuntimeError(f"Pagefind did not finish writing {out}")


def _complete(out: Path) -> bool:
    try:
        json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
        for f in out.rglob("*.pf_*"):
            gzip.decompress(f.read_bytes())
    except (OSError, ValueError, EOFError, zlib.error):
        return False
    return True


def main(argv: list[str]) -> int:
    source, out = Path(argv[0]), Path(argv[1])
    items = json.loads(source.read_text(encoding="utf-8"))
    asyncio.run(_index(items, out))
    # Pagefind writes its language table and filter indexes in hash-map order; sorted, two builds
    # are byte-identical.
    stabilise(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
