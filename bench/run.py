"""make bench: what a build costs against the framework's own floor, and how it grows.

Prints a table (figure, target, verdict) and writes bench/results/latest.md. Not a test: the
numbers depend on the machine; the ratios are what to watch.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, write_corpus  # noqa: E402

RESULTS = ROOT / "bench" / "results"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))

CHILD_BUILD = """
import resource, sys, time
from pathlib import Path
t = time.perf_counter()
{body}
elapsed = time.perf_counter() - t
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(elapsed, peak_kb)
"""
FULL = "from termsite.build import build_site\nbuild_site(Path({root!r}), Path({out!r}))"
FLOOR = """
from mkdocs.commands.build import build
from mkdocs.config import load_config
import logging
logging.getLogger('mkdocs').setLevel(logging.WARNING)
for name, sub in (('mkdocs.yml', ''), ('mkdocs.en.yml', 'en')):
    cfg = load_config(config_file=str(Path({root!r}) / name))
    cfg['site_dir'] = str(Path({out!r}) / sub) if sub else {out!r}
    build(cfg)
import subprocess  # Pagefind over the built HTML: the plain way to index a static site
subprocess.run([sys.executable, "-m", "pagefind", "--site", {out!r}, "--silent"], check=True)
"""


def child(code: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", CHILD_BUILD.format(body=code)], capture_output=True, text=True,
                         env={**os.environ, "TERMS_TODAY": "2026-11-24"})
    if out.returncode:
        raise RuntimeError(out.stderr)
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), float(peak) / 1024


def median_run(code: str) -> tuple[float, float]:
    runs = [child(code) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def floor_project(project: Path, site: Path, dest: Path) -> Path:
    """The same pages as static Markdown (their built HTML), built by plain MkDocs + Material."""
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
    from termsite.compare import compare
    from termsite.loading import load_corpus

    revision = load_corpus(project).revisions("your-connect")[-1]
    paragraphs = sum(len(a.paragraphs) for a in revision.new.articles)
    times = []
    for _ in range(20):
        t = time.perf_counter()
        compare(revision, "ja")
        times.append(time.perf_counter() - t)
    return statistics.median(times), paragraphs


def serve_rebuild(project: Path) -> float:
    """From saving a YAML file to the changed page being served by `termsite serve`."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "termsite.cli", "--root", str(project), "serve",
                             "--addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "TERMS_TODAY": "2026-11-24"})
    url = f"http://127.0.0.1:{port}/terms/"
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        latest = sorted((project / "versions/your-connect").glob("2*.yaml"))[-1]  # the version in force
        marker = f"ベンチマーク{int(time.time())}"
        text = latest.read_text(encoding="utf-8")
        start = time.perf_counter()
        latest.write_text(text.replace('heading: {ja: "第1の事項"', f'heading: {{ja: "第1の事項{marker}"', 1)
                          .replace('en: "Matter 1"}', f'en: "Matter 1 {marker}"}}', 1), encoding="utf-8")
        while time.perf_counter() - start < 60:
            try:
                if marker in urllib.request.urlopen(url, timeout=2).read().decode("utf-8"):
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("the served page never changed")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="terms-bench-"))
    rows: list[tuple[str, str, str, bool]] = []
    builds = {}
    for n in (20, 40):
        project = write_corpus(work / f"corpus{n}", n)
        full, peak = median_run(FULL.format(root=str(project), out=str(work / f"site{n}")))
        floor_dir = floor_project(project, work / f"site{n}", work / f"floor{n}")
        floor, _ = median_run(FLOOR.format(root=str(floor_dir), out=str(work / f"floorsite{n}")))
        builds[n] = (full, floor, peak, project)
        rows.append((f"full build, {n} versions", f"{full:.2f} s", "", True))
        rows.append((f"floor (plain MkDocs + Material + Pagefind), {n} versions", f"{floor:.2f} s", "", True))
        ratio = full / floor
        rows.append((f"build / floor, {n} versions", f"{ratio:.2f}", "≤ 1.15", ratio <= 1.15))
        rows.append((f"peak memory, {n} versions", f"{peak:.0f} MB", "< 500 MB", peak < 500))
    growth = builds[40][0] / builds[20][0]
    rows.append(("build 40 versions / build 20 versions", f"{growth:.2f}", "≤ 2.2", growth <= 2.2))
    seconds, paragraphs = compare_time(builds[40][3])
    rows.append((f"compare two {paragraphs}-paragraph versions (ja)", f"{seconds * 1000:.1f} ms", "< 100 ms", seconds < 0.1))
    rebuild = serve_rebuild(builds[20][3])
    rows.append(("YAML edit → rebuilt page under serve (20 versions)", f"{rebuild:.2f} s", "< 2 s", rebuild < 2))
    from termsite.build import build_site

    seed_site = build_site(ROOT, work / "seed-site")
    size = (seed_site / "your-connect/2026-03-01/comparison/index.html").stat().st_size
    rows.append(("seed revision comparison page (HTML)", f"{size / 1024:.0f} KB", "< 150 KB", size < 150 * 1024))

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    lines = ["| figure | value | target | ok |", "|---|---|---|---|"]
    lines += [f"| {name} | {value} | {target} | {'yes' if ok or not target else 'NO'} |" for name, value, target, ok in rows]
    table = "\n".join(lines)
    print(table)
    print(f"\nmachine: {machine}; median of {RUNS} runs per build")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(f"{table}\n\nmachine: {machine}; median of {RUNS} runs per build\n",
                                        encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(ok or not target for _, _, target, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
