"""A synthetic terms corpus for the benchmark: N versions of a 30-article document, 4 paragraphs
each, realistic Japanese and English clause text, random edits between consecutive versions."""
from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from termsite.timeline.dates import long_date, wareki

ROOT = Path(__file__).resolve().parents[1]

JA = ["乙は、甲に対し、Your Connectサービスの提供条件を変更することがあります。", "甲は、本契約に基づき利用料金を支払うものとします。",
      "乙は、当該変更の効力発生日の30日前までに、電子メールにより通知するものとします。", "甲は、認証情報を管理する責任を負うものとします。",
      "乙は、天災、事変その他の非常事態が発生したときは、提供を中止することができます。", "前項の規定にかかわらず、乙は必要な措置をとることができます。",
      "甲は、第三者になりすましてサービスを利用する行為をしないものとします。", "乙は、甲の端末設備における動作ログを取得します。"]
EN = ["Party B may change the conditions of the Your Connect Service.", "Party A shall pay the fees under this Agreement.",
      "Party B shall notify by e-mail at least 30 days before the change takes effect.", "Party A is responsible for the authentication information.",
      "Party B may suspend the service in a natural disaster or other emergency.", "Notwithstanding the preceding paragraph, Party B may take the necessary measures.",
      "Party A shall not use the service by impersonating a third party.", "Party B collects the activity log on Party A's terminal equipment."]
WORDS_JA = [("書面", "電子メール"), ("4か月", "30日"), ("本サービス", "Your Connectサービス"), ("付加", "負荷"), ("操作", "動作")]
WORDS_EN = [("in writing", "by e-mail"), ("four months", "30 days"), ("the Service", "the Your Connect Service"),
            ("addition", "load"), ("operation", "activity")]


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(rng: random.Random) -> tuple[str, str]:
    k = rng.randrange(len(JA))
    ja = JA[k] + JA[(k + 3) % len(JA)]
    en = EN[k] + " " + EN[(k + 3) % len(EN)]
    return ja, en


def _edit(rng: random.Random, ja: str, en: str) -> tuple[str, str]:
    i = rng.randrange(len(WORDS_JA))
    old_ja, new_ja = WORDS_JA[i]
    old_en, new_en = WORDS_EN[i]
    ja = ja.replace(old_ja, new_ja) if old_ja in ja else ja + f"ただし、{new_ja}による場合を除きます。"
    en = en.replace(old_en, new_en) if old_en in en else en + f" Except where {new_en} applies."
    return ja, en


def write_corpus(dest: Path, versions: int, articles: int = 30, paragraphs: int = 4, seed: int = 7,
                 documents: int = 1, every: bool = False) -> Path:
    """A complete project in ``dest`` (configs, templates and hooks linked from this repository).
    ``every``: each version changes every paragraph (the largest revision, for the Word/PDF export).

    With ``documents`` > 1, a portal: ``your-connect`` (the root document) and ``service-2``… each
    with its own ``versions`` versions."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(ROOT / "content", dest / "content")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("overrides", "hooks"):
        (dest / name).symlink_to(ROOT / name)
    settings = (ROOT / "content/documents/your-connect.yaml").read_text(encoding="utf-8")
    for d in range(1, documents + 1):
        slug = "your-connect" if d == 1 else f"service-{d}"
        if d > 1:
            (dest / f"content/documents/{slug}.yaml").write_text(
                settings.replace("root: true", "root: false")
                .replace("ja: Your Connect利用規約", f"ja: サービス{d}利用規約")
                .replace("en: Your Connect Terms of Use", f"en: Service {d} Terms of Use"), encoding="utf-8")
        _write_document(dest, slug, versions, articles, paragraphs, seed + d - 1, every)
    return dest


def _write_document(dest: Path, slug: str, versions: int, articles: int, paragraphs: int, seed: int,
                    every: bool = False) -> None:
    rng = random.Random(seed)
    (dest / f"versions/{slug}").mkdir(parents=True)
    texts = {(a, p): _text(rng) for a in range(1, articles + 1) for p in range(1, paragraphs + 1)}
    for a in range(1, articles + 1):  # no two articles alike (that would read as a renumbering)
        ja, en = texts[(a, 1)]
        texts[(a, 1)] = (f"第{a}の事項に関し、{ja}", f"As to Matter {a}: {en}")
    supplementary: list[str] = []
    start = date(2020, 4, 1)
    for n in range(versions):
        effective = start + timedelta(days=60 * n) if n else None
        if n:
            if every:
                for key in texts:
                    texts[key] = _edit(rng, *texts[key])
            else:
                for _ in range(rng.randint(3, 8)):
                    key = rng.choice(list(texts))
                    texts[key] = _edit(rng, *texts[key])
            published = effective - timedelta(days=40)  # type: ignore[operator]
            supplementary.append(
                f"  - enacted: {published}\n    number: \"TS-{n:03d}号\"\n    effective: {effective}\n"
                f"    paragraphs:\n      - num: 1\n        caption: {{ja: \"（実施期日）\", en: \"(Effective date)\"}}\n"
                f"        text: {{ja: \"この改正規定は、{wareki(effective)}から実施します。\", "  # type: ignore[arg-type]
                f"en: \"This revision takes effect on {long_date(effective, 'en')}.\"}}\n")  # type: ignore[arg-type]
        lines = [f"document: {slug}", f"effective: {effective or 'null'}",
                 f"published: {published if n else 'null'}", "articles:"]
        for a in range(1, articles + 1):
            lines += [f"  - num: {a}", f"    heading: {{ja: \"第{a}の事項\", en: \"Matter {a}\"}}", "    paragraphs:"]
            for p in range(1, paragraphs + 1):
                ja, en = texts[(a, p)]
                lines += [f"      - num: {p}", "        blocks:", f"          - text: {{ja: {_q(ja)}, en: {_q(en)}}}"]
        if supplementary:
            lines.append("supplementary:")
            lines += [s.rstrip("\n") for s in supplementary]
        name = effective.isoformat() if effective else "initial"
        (dest / f"versions/{slug}/{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
