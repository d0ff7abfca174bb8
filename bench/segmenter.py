"""The word analyser's cost and units: each SudachiPy dictionary installed for this Python, measured
in a fresh process — installed size, load time, resident memory after loading and after cutting the
sample versions' text, and how it cuts the golden cases of the comparison (issue 31).

    python bench/segmenter.py            # the dictionaries in this environment (the project pins core)
    python bench/segmenter.py --build 40 # the analyser's share of a full build of the bench corpus

To compare with a dictionary the project does not install, run it with another environment's Python
that has SudachiPy and, say, SudachiDict-small. Not part of `make bench`; not a test.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DICTIONARIES = ("small", "core", "full")
# The golden cases' words (house notes, issue 31): how each dictionary cuts them in mode B.
GOLDEN = ["操作ログ", "以下、「動作ログ」", "本契約書", "宇宙線の観測", "付加", "負荷", "4か月前", "30日前", "本サービス",
          "電子メール", "個人情報保護方針", "1,000円", "e-mailing"]

CHILD = """
import json, resource, sys, time
from pathlib import Path
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
from sudachipy import Dictionary, SplitMode
tokenizer = Dictionary(dict=sys.argv[1]).tokenizer(mode=SplitMode.B)
loaded = time.perf_counter() - start
rss_loaded = rss()
text = "".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("versions/*/*.yaml")))
start = time.perf_counter()
for line in text.splitlines():
    tokenizer.tokenize(line)
cut = time.perf_counter() - start
golden = {w: [m.surface() for m in tokenizer.tokenize(w)] for w in json.loads(sys.argv[3])}
print(json.dumps({"load_s": loaded, "rss_loaded_mb": rss_loaded, "chars": len(text), "cut_s": cut,
                  "rss_after_mb": rss(), "golden": golden}, ensure_ascii=False))
"""


BUILD = """
import json, sys, time
from datetime import date
from pathlib import Path
from termsite.comparison import words
from termsite.comparison.fingerprint import check_marks, update_marks
from termsite.source.loading import load_corpus
from termsite.workflow.build import build_site
root = Path(sys.argv[1])
spent = [0.0]
analysed = words._analysed
def timed(text):
    t = time.perf_counter()
    try:
        return analysed(text)
    finally:
        spent[0] += time.perf_counter() - t
words._analysed = timed
start = time.perf_counter()
words._tokenizer()
load = time.perf_counter() - start
start = time.perf_counter()
build_site(root, root / "site")
build = time.perf_counter() - start
today = date.fromisoformat(sys.argv[2])
start = time.perf_counter()
check_marks(root, load_corpus(root), today)
check = time.perf_counter() - start
print(json.dumps({"load_s": load, "analyse_s": spent[0], "build_s": build, "check_marks_s": check}))
"""


def build_share(versions: int) -> None:
    """A full build of the bench corpus (bench/corpus.py) with its tables fingerprinted: the time
    spent loading the analyser and cutting words, against the whole build (fresh process, cache warm)."""
    import os
    import tempfile
    from datetime import date

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import write_corpus

    today = "2026-11-24"
    os.environ["TERMS_TODAY"] = today
    with tempfile.TemporaryDirectory() as work:
        project = write_corpus(Path(work) / "corpus", versions)
        from termsite.comparison.fingerprint import update_marks
        from termsite.source.loading import load_corpus
        fingerprinted, _ = update_marks(project, load_corpus(project), date.fromisoformat(today), None)
        runs = []
        for _ in range(2):  # the first run fills the PDF cache, as the bench's warm-up does
            runs.append(json.loads(subprocess.run([sys.executable, "-c", BUILD, str(project), today], capture_output=True,
                                                  text=True, check=True).stdout.splitlines()[-1]))
        r = runs[-1]
        print(f"{versions} versions: build {r['build_s']:.2f} s; analyser load {r['load_s'] * 1000:.0f} ms before it, "
              f"cutting words {r['analyse_s']:.2f} s = {r['analyse_s'] / r['build_s']:.1%} of the build; "
              f"(load + cut) / build = {(r['load_s'] + r['analyse_s']) / (r['load_s'] + r['build_s']):.1%}; "
              f"{len(fingerprinted)} published tables fingerprinted; the marks check run again after the build "
              f"(comparisons already made): {r['check_marks_s']:.2f} s")


def installed_mb(dictionary: str) -> float | None:
    spec = importlib.util.find_spec(f"sudachidict_{dictionary}")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--build":
        build_share(int(sys.argv[2]))
        return
    for dictionary in DICTIONARIES:
        size = installed_mb(dictionary)
        if size is None:
            continue
        runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, dictionary, str(ROOT), json.dumps(GOLDEN)],
                                          capture_output=True, text=True, check=True).stdout) for _ in range(3)]
        best = min(runs, key=lambda r: r["load_s"])
        print(f"sudachidict-{dictionary}: installed {size:.0f} MB; load {best['load_s'] * 1000:.0f} ms (fastest of 3); "
              f"resident {best['rss_loaded_mb']:.0f} MB loaded, {best['rss_after_mb']:.0f} MB after cutting "
              f"{best['chars']} characters in {best['cut_s'] * 1000:.0f} ms")
        for word, cut in best["golden"].items():
            print(f"    {word}: {' / '.join(cut)}")


if __name__ == "__main__":
    main()
