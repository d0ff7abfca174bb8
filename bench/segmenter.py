"""The word analyser's cost and units: each SudachiPy dictionary installed for this Python, measured
in a fresh process — installed size, load time, resident memory after loading and after cutting the
sample versions' text, and how it cuts the golden cases of the comparison (issue 31).

    python bench/segmenter.py            # the dictionaries in this environment (the project pins core)

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


def installed_mb(dictionary: str) -> float | None:
    spec = importlib.util.find_spec(f"sudachidict_{dictionary}")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def main() -> None:
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
