"""Where a build's resident memory goes: anonymous (heap) against file-backed (mapped files: the
word analyser's dictionary, shared libraries), sampled from /proc/self/smaps_rollup while a full
build of the bench corpus runs in a fresh process — a cold build (no kept words, no PDFs) and then
a warm one (everything an earlier build of the same texts kept in ``.cache/``).

    python bench/memory.py 20 40

Each figure is the peak over samples taken every 20 ms, beside ``ru_maxrss`` (what `make bench`
reads) and whether the analyser was loaded at all. Linux only. Not part of `make bench`; not a test.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"

CHILD = """
import json, resource, sys, threading, time
from pathlib import Path
peak = {"rss": 0, "anon": 0, "file": 0}
def sample():
    fields = {}
    for line in open("/proc/self/smaps_rollup"):
        parts = line.split()
        if len(parts) >= 3 and parts[-1] == "kB":
            fields[parts[0].rstrip(":")] = int(parts[1])
    rss, anon = fields.get("Rss", 0), fields.get("Anonymous", 0)
    for key, value in (("rss", rss), ("anon", anon), ("file", rss - anon)):
        peak[key] = max(peak[key], value)
stop = threading.Event()
def sampler():
    while not stop.wait(0.02):
        sample()
threading.Thread(target=sampler, daemon=True).start()
from termsite.workflow.build import build_site
from termsite.comparison import words
start = time.perf_counter()
build_site(Path(sys.argv[1]), Path(sys.argv[2]))
seconds = time.perf_counter() - start
stop.set()
sample()
print(json.dumps({"seconds": seconds, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_mb": peak["rss"] / 1024, "anon_mb": peak["anon"] / 1024, "file_mb": peak["file"] / 1024,
                  "analyser_loaded": words._tokenizer.cache_info().currsize > 0}))
"""


def build(project: Path, site: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(project), str(site)], capture_output=True, text=True,
                         env={**os.environ, "TERMS_TODAY": TODAY})
    if out.returncode:
        raise RuntimeError(out.stderr)
    result: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return result


def main(counts: list[int]) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    with tempfile.TemporaryDirectory() as work:
        for versions in counts:
            project = write_corpus(Path(work) / f"corpus{versions}", versions)
            for state in ("cold", "warm"):
                r = build(project, Path(work) / f"site{versions}")
                print(f"{versions} versions, {state}: ru_maxrss {r['maxrss_mb']:.0f} MB; peak resident "
                      f"{r['rss_mb']:.0f} MB = anonymous {r['anon_mb']:.0f} MB + file-backed {r['file_mb']:.0f} MB "
                      f"(peaks of each); analyser loaded: {'yes' if r['analyser_loaded'] else 'no'}; "
                      f"build {r['seconds']:.1f} s", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 40])
