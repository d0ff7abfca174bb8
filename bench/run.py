"""make bench: what a build costs against an honest floor, how it grows, and how fast a preview is.

The floor (bench/floor.py) is the same pages' text as plain Markdown, built by plain MkDocs +
Material with the same theme, languages and navigation, plus the same Pagefind run. Prints a table
for people and, as its last line, one JSON object (``JSON_KEYS``); exits non-zero only when a ratio
or the memory bound misses its target (``TARGETS``). Absolute times are printed, never targets.
Not a test: the numbers depend on the machine; ratios measured in one run are what to watch.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, write_corpus  # noqa: E402
from floor import honest_floor  # noqa: E402
from search import THROTTLE, measure as measure_search  # noqa: E402

RESULTS = ROOT / "bench" / "results"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TODAY = date(2026, 11, 24)

CHILD_BUILD = """
import resource, sys, time
from pathlib import Path
t = time.perf_counter()
{body}
elapsed = time.perf_counter() - t
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print(elapsed, cpu, me.ru_maxrss, kids.ru_maxrss)
"""
FULL = "from termsite.workflow.build import build_site\nbuild_site(Path({root!r}), Path({out!r}))"
FLOOR = """
from mkdocs.commands.build import build
from mkdocs.config import load_config
import logging
logging.getLogger('mkdocs').setLevel(logging.ERROR)
for name in ('mkdocs.yml', 'mkdocs.en.yml'):
    cfg = load_config(config_file=str(Path({root!r}) / name))
    sub = 'en' if name.endswith('.en.yml') else ''
    cfg['site_dir'] = str(Path({out!r}) / sub) if sub else {out!r}
    build(cfg)
import subprocess  # Pagefind over the built HTML: the plain way to index a static site
subprocess.run([sys.executable, "-m", "pagefind", "--site", {out!r}, "--silent"], check=True)
"""


@dataclass
class Run:
    seconds: float
    cpu: float        # processor time of the build and its children (less sensitive to a busy machine)
    python_mb: float  # peak resident memory of the build's own Python process
    child_mb: float   # of its largest child process (the PDF printer; Pagefind in the floor)


def child(code: str) -> Run:
    out = subprocess.run([sys.executable, "-c", CHILD_BUILD.format(body=code)], capture_output=True, text=True,
                         env={**os.environ, "TERMS_TODAY": TODAY.isoformat()})
    if out.returncode:
        raise RuntimeError(out.stderr)
    seconds, cpu, own, children = out.stdout.split()[-4:]
    return Run(float(seconds), float(cpu), float(own) / 1024, float(children) / 1024)


def best_of(runs: list[Run]) -> Run:
    """The fastest run: other work on the machine only ever adds time. Memory: the largest."""
    return Run(min(r.seconds for r in runs), min(r.cpu for r in runs), max(r.python_mb for r in runs),
               max(r.child_mb for r in runs))


def old_floor_project(site: Path, dest: Path) -> Path:
    """The previous floor: each built page's HTML pushed through Python-Markdown as a raw block."""
    shutil.rmtree(dest, ignore_errors=True)
    for lang, sub in (("ja", ""), ("en", "en")):
        base = site / sub if sub else site
        for page in base.rglob("index.html"):
            rel = page.relative_to(base)
            if rel.parts and rel.parts[0] in ("en", "pagefind"):
                continue
            html = page.read_text(encoding="utf-8")
            match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
            md = dest / "content" / lang / rel.parent / "index.md"
            md.parent.mkdir(parents=True, exist_ok=True)
            md.write_text("<div markdown=\"0\">\n" + (match.group(1) if match else "") + "\n</div>\n", encoding="utf-8")
    base_cfg = (
        "site_name: floor\nsite_url: https://portal.your-connect.com/terms/\ndocs_dir: content/ja\nsite_dir: site\n"
        "theme:\n  name: material\n  language: ja\n  font: false\nplugins: []\n"
        "markdown_extensions:\n  - md_in_html\n")
    (dest / "mkdocs.yml").write_text(base_cfg, encoding="utf-8")
    (dest / "mkdocs.en.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_url: https://portal.your-connect.com/terms/en/\ndocs_dir: content/en\n"
        "site_dir: site/en\ntheme:\n  language: en\n", encoding="utf-8")
    return dest


def compare_time(project: Path) -> tuple[float, int]:
    from termsite.comparison.compare import compare  # the work itself (a build makes each pair once)
    from termsite.source.loading import load_corpus

    revision = load_corpus(project).revisions("your-connect")[-1]
    paragraphs = sum(len(a.paragraphs) for a in revision.new.articles)
    times = []
    for _ in range(20):
        t = time.perf_counter()
        compare(revision, "ja")
        times.append(time.perf_counter() - t)
    return statistics.median(times), paragraphs


def serve_rebuild(project: Path, edits: int = RUNS) -> float:  # raises RuntimeError if never shown
    """From saving a YAML file to the changed page being served by `termsite serve` (median of edits)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "termsite.cli", "--root", str(project), "serve",
                             "--addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "TERMS_TODAY": TODAY.isoformat()})
    url = f"http://127.0.0.1:{port}/terms/"
    times = []
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        latest = sorted((project / "versions/your-connect").glob("2*.yaml"))[-1]  # the version in force
        for n in range(edits):
            time.sleep(1)  # let the server settle after the previous build
            marker = f"ベンチマーク{n}x{int(time.time())}"
            text = latest.read_text(encoding="utf-8")
            text = re.sub(r'heading: \{ja: "第1の事項[^"]*"', f'heading: {{ja: "第1の事項{marker}"', text, count=1)
            start = time.perf_counter()
            latest.write_text(text, encoding="utf-8")
            while True:
                if time.perf_counter() - start > 120:
                    raise RuntimeError("the served page never changed")
                try:
                    if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                        times.append(time.perf_counter() - start)
                        break
                except OSError:
                    pass
                time.sleep(0.02)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return statistics.median(times)


TARGETS = {  # ratio (or bound) → the most it may be
    "build_over_floor_20": 1.0, "build_over_floor_40": 1.0, "growth_40_over_20": 2.1,
    "preview_over_build_40": 0.3, "scale_10_documents_over_floor": 1.0, "peak_rss_python_mb_40": 150.0,
    # search on a phone-class processor (Chromium throttled 4×), served compressed (bench/search.py)
    "search_first_ms_40": 300.0, "search_next_ms_40": 100.0, "search_kb_per_query_40": 100.0,
    "search_longest_task_ms_40": 200.0,
}


def search_rows(site: Path, row: Callable[..., None]) -> None:
    """Search at 40 versions: each figure the best of RUNS measurements (other work only adds time),
    each measurement the worst over its queries."""
    runs = [measure_search(site) for _ in range(RUNS)]
    best = {k: min(r[k] for r in runs) for k in ("first_ms", "next_ms", "kb", "requests", "longest_task_ms")}
    label = f"search, 40 versions, CPU throttled {THROTTLE}×, worst of {len(runs[0]['rows'])} queries"
    row(f"{label}: first result after the query is committed (search not loaded before the page opened)",
        f"{best['first_ms']:.0f} ms", "search_first_ms_40", best["first_ms"])
    row(f"{label}: result of a following query", f"{best['next_ms']:.0f} ms", "search_next_ms_40", best["next_ms"])
    row(f"{label}: transferred for a query (compressed; the first is charged the index)", f"{best['kb']:.1f} KB "
        f"in {best['requests']} request(s)", "search_kb_per_query_40", best["kb"])
    row(f"search, 40 versions: longest main-thread task while a query is typed (throttled {THROTTLE}×)",
        f"{best['longest_task_ms']:.0f} ms", "search_longest_task_ms_40", best["longest_task_ms"])


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="terms-bench-"))
    rows: list[tuple[str, str, str, bool]] = []
    result: dict[str, float] = {}

    def row(name: str, value: str, key: str | None = None, number: float | None = None) -> None:
        target = TARGETS.get(key or "")
        if key is not None and number is not None:
            result[key] = round(number, 3)
        ok = target is None or (number is not None and number <= target)
        rows.append((name, value, f"≤ {target:g}" if target is not None else "", ok))
        print(f"  {name}: {value}", file=sys.stderr, flush=True)

    builds: dict[int, Run] = {}
    cases = [(20, 1, f"{RUNS}"), (40, 1, f"{RUNS}"), (20, 10, "1")]
    for versions, documents, runs in cases:
        label = f"{versions} versions" if documents == 1 else f"{documents} documents × {versions} versions"
        project = write_corpus(work / f"corpus{versions}x{documents}", versions, documents=documents)
        site = work / f"site{versions}x{documents}"
        full_code = FULL.format(root=str(project), out=str(site))
        fulls = [child(full_code)]  # the floor is made from what this build wrote
        first = fulls[0]  # nothing kept yet: the analyser's dictionary is loaded to cut every compared line
        floor_dir = honest_floor(project, site, work / f"floor{versions}x{documents}", TODAY)
        floor_code = FLOOR.format(root=str(floor_dir), out=str(work / f"floorsite{versions}x{documents}"))
        floors = [child(floor_code)]
        if int(runs) > 1:  # those two were warm-ups (cold disk caches, first imports, no PDFs or words kept
            # from an earlier build: the first build's memory is reported): timed runs follow
            fulls, floors = [], []
        for _ in range(int(runs) - len(fulls)):  # alternately, so both see the same load on a shared machine
            fulls.append(child(full_code))
            floors.append(child(floor_code))
        full, floor = best_of(fulls), best_of(floors)
        pages = sum(1 for _ in site.rglob("index.html"))
        row(f"full build, {label} ({pages} pages)", f"{full.seconds:.2f} s (processor {full.cpu:.2f} s)")
        row(f"honest floor (plain Markdown, MkDocs + Material + Pagefind), {label}",
            f"{floor.seconds:.2f} s (processor {floor.cpu:.2f} s)")
        ratio = full.seconds / floor.seconds
        row(f"build / honest floor in processor time, {label}", f"{full.cpu / floor.cpu:.2f}")
        if documents == 1:
            builds[versions] = full
            row(f"build / honest floor, {label}", f"{ratio:.2f}", f"build_over_floor_{versions}", ratio)
            old = child(FLOOR.format(root=str(old_floor_project(site, work / f"oldfloor{versions}")),
                                     out=str(work / f"oldfloorsite{versions}")))
            row(f"previous floor (built HTML as Markdown), {label}", f"{old.seconds:.2f} s")
            row(f"peak memory, {label}: Python", f"{full.python_mb:.0f} MB",
                "peak_rss_python_mb_40" if versions == 40 else None, full.python_mb)
            row(f"peak memory, {label}, first build (no words kept from an earlier build: the analyser's "
                f"dictionary is loaded and its mapped pages count): Python", f"{first.python_mb:.0f} MB",
                "peak_rss_python_mb_40_first" if versions == 40 else None, first.python_mb)
            row(f"peak memory, {label}: largest child process (the PDF printer)", f"{full.child_mb:.0f} MB",
                "peak_rss_child_mb_40" if versions == 40 else None, full.child_mb)
            if versions == 40:
                search_rows(site, row)
            row(f"floor peak memory, {label}: Python / Pagefind", f"{floor.python_mb:.0f} MB / {floor.child_mb:.0f} MB")
        else:
            row(f"build / honest floor, {label}", f"{ratio:.2f}", "scale_10_documents_over_floor", ratio)
            row(f"peak memory, {label}: Python / largest child", f"{full.python_mb:.0f} MB / {full.child_mb:.0f} MB")
        shutil.rmtree(site, ignore_errors=True)
    growth = builds[40].seconds / builds[20].seconds
    row("build 40 versions / build 20 versions", f"{growth:.2f}", "growth_40_over_20", growth)
    project40 = work / "corpus40x1"
    seconds, paragraphs = compare_time(project40)
    row(f"compare two {paragraphs}-paragraph versions (ja)", f"{seconds * 1000:.1f} ms")
    try:
        rebuild: float | None = serve_rebuild(project40)
    except RuntimeError as exc:  # reported as a miss, and the JSON line is still printed
        print(f"  preview: {exc}", file=sys.stderr)
        rebuild = None
    row("YAML edit → changed page served by `termsite serve`, 40 versions",
        f"{rebuild:.2f} s" if rebuild is not None else "never shown")
    preview = rebuild / builds[40].seconds if rebuild is not None else None
    row("preview / full build, 40 versions", f"{preview:.2f}" if preview is not None else "—",
        "preview_over_build_40", preview)
    from termsite.workflow.build import build_site

    seed_site = build_site(ROOT, work / "seed-site")
    size = (seed_site / "your-connect/2026-03-01/comparison/index.html").stat().st_size
    row("seed revision comparison page (HTML)", f"{size / 1024:.0f} KB")

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    lines = ["| figure | value | target | ok |", "|---|---|---|---|"]
    lines += [f"| {name} | {value} | {target} | {'' if not target else 'yes' if ok else 'NO'} |"
              for name, value, target, ok in rows]
    table = "\n".join(lines)
    footer = (f"machine: {machine}; best of {RUNS} alternating runs per build after a warm-up (one run for "
              f"the portal and the previous floor); preview: median of {RUNS} edits")
    summary = summary_line(result)
    print(table)
    print(f"\n{footer}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(f"{table}\n\n{footer}\n\n{summary}\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    print(summary)
    return 0 if passed(result) else 1


def summary_line(result: dict[str, float]) -> str:
    """The last line `make bench` prints: one JSON object, every key present (null if not measured)."""
    return json.dumps({key: result.get(key) for key in JSON_KEYS})


def passed(result: dict[str, float]) -> bool:
    """Only the ratios and the memory bound have targets; a figure that was not measured fails."""
    return all(result.get(key) is not None and result[key] <= limit for key, limit in TARGETS.items())


JSON_KEYS = ("build_over_floor_20", "build_over_floor_40", "growth_40_over_20", "preview_over_build_40",
             "scale_10_documents_over_floor", "peak_rss_python_mb_40", "peak_rss_python_mb_40_first",
             "peak_rss_child_mb_40", "search_first_ms_40", "search_next_ms_40", "search_kb_per_query_40", "search_longest_task_ms_40")


if __name__ == "__main__":
    sys.exit(main())
