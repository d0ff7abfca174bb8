"""The largest revision as Word and PDF: a 200-article document whose every paragraph changes,
exported with `termsite export` (both formats, Japanese), timed against `termsite build` of the
same corpus; and what printing the site's PDFs adds to `termsite build` of the sample site. Not part
of `make bench`; run it on its own:

    .venv/bin/python bench/export.py [ARTICLES]     the large revision
    .venv/bin/python bench/export.py --sample       the sample site: no PDFs / PDFs printed / PDFs cached

Each command runs in a fresh process, alternately, BENCH_RUNS times (default 3); the fastest of
each is kept. The PDF cache is emptied before each build so the build prints its PDFs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


_BUILD = r"""
import sys, time
from pathlib import Path
import termsite.workflow.build as build
if sys.argv[2] == "none":  # the build without its PDFs, for comparison only
    class NoPdfs:
        def __init__(self, corpus, today, folder, cache=None):
            folder.mkdir(parents=True, exist_ok=True)
            self.folder = folder
        def wait(self):
            return self.folder
        def wait_quietly(self):
            pass
    build.SitePdfs = NoPdfs
start = time.perf_counter()
build.build_site(Path(sys.argv[1]), Path(sys.argv[3]))
print(time.perf_counter() - start)
"""


def sample(runs: int) -> None:
    """The sample site built three ways, alternately: without PDFs, printing them (cache emptied),
    and with every PDF in the cache."""
    out = Path(tempfile.mkdtemp(prefix="export-sample-")) / "site"
    best: dict[str, float] = {}
    for _ in range(runs):
        for mode in ("none", "printed", "cached"):
            if mode == "printed":
                shutil.rmtree(ROOT / ".cache" / "pdf", ignore_errors=True)
            done = subprocess.run([sys.executable, "-c", _BUILD, str(ROOT), mode, str(out)], capture_output=True,
                                  text=True, check=True)
            best[mode] = min(best.get(mode, 1e9), float(done.stdout.split()[-1]))
    print(f"sample site, fastest of {runs}: " + ", ".join(f"{k} {v:.2f} s" for k, v in best.items()))
    print(f"  the PDFs add {best['printed'] - best['none']:+.2f} s printed ({best['printed'] / best['none']:.2f}×), "
          f"{best['cached'] - best['none']:+.2f} s cached ({best['cached'] / best['none']:.2f}×)")


def main() -> None:
    if sys.argv[1:] == ["--sample"]:
        sample(int(os.environ.get("BENCH_RUNS", "3")))
        return
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    work = Path(tempfile.mkdtemp(prefix="export-bench-"))
    project = write_corpus(work / "project", versions=2, articles=articles, every=True)
    termsite = str(BIN / "termsite")
    version = sorted(p.stem for p in (project / "versions/your-connect").glob("2*.yaml"))[-1]
    best: dict[str, float] = {}
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        best["build"] = min(best.get("build", 1e9), timed([termsite, "build"], project))
        for fmt in ("docx", "pdf"):
            out = work / f"large.{fmt}"
            best[fmt] = min(best.get(fmt, 1e9), timed([termsite, "export", "your-connect", version, "--format", fmt,
                                                         "-o", str(out)], project))
    pages = subprocess.run(["pdfinfo", str(work / "large.pdf")], capture_output=True, text=True).stdout
    print(f"{articles} articles, every paragraph changed; fastest of {runs}:")
    for key, value in best.items():
        print(f"  {key:6} {value:6.2f} s" + ("" if key == "build" else f"   {value / best['build']:.2f} of the build"))
    print("  " + next((line for line in pages.splitlines() if line.startswith("Pages")), "Pages: ?"))
    print(f"files in {work}")


if __name__ == "__main__":
    main()
