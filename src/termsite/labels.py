"""How clause numbers read in each language: 第14条の2 / Article 14-2, 1. , (1), イ / (a)."""
from __future__ import annotations

from termsite.model import Article, ArticleNumber

_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"


def article(num: ArticleNumber, lang: str, through: ArticleNumber | None = None) -> str:
    if through is None:
        return num.label(lang)
    sep = "～" if lang == "ja" else "–"
    if lang == "ja":
        return f"{num.label('ja')}{sep}{through.label('ja')}"
    return f"Articles {num.label('en')[8:]}{sep}{through.label('en')[8:]}"


def article_heading(a: Article, lang: str) -> str:
    """第1条（見出し） / Article 1 (Heading); the heading text itself is the editor's."""
    label = article(a.num, lang, a.through)
    if a.heading is None:
        return label
    return f"{label}（{a.heading[lang]}）" if lang == "ja" else f"{label} ({a.heading[lang]})"


def paragraph(num: int, lang: str, through: int | None = None, sole: bool = False) -> str:
    """1. for a 項; nothing for the only paragraph of an article (Japanese drafting numbers
    paragraphs only when an article has more than one)."""
    if sole:
        return ""
    if through is not None:
        return f"{num}～{through}" if lang == "ja" else f"{num}–{through}"
    return f"{num}."


def item(num: int, depth: int, lang: str) -> str:
    if depth == 0:
        return f"({num})"
    if lang == "ja":
        return _IROHA[(num - 1) % len(_IROHA)]
    return f"({chr(ord('a') + (num - 1) % 26)})"


def omitted(lang: str, unchanged: bool = False) -> str:
    """（略） in Japanese, as drafting writes both; English says which it is: a run left unchanged
    (which the comparison can open) or text not published on this site."""
    if lang == "ja":
        return "（略）"
    return "(unchanged)" if unchanged else "(not published here)"


def supplementary_number(number: str, lang: str) -> str:
    """A 附則's enactment number: as written in Japanese; in English "No. …" without the Japanese
    第…号 around it (the identifier itself is kept as written)."""
    if lang == "ja":
        return number
    core = number.strip()
    core = core[1:] if core.startswith("第") else core
    core = core[:-1] if core.endswith("号") else core
    return f"No. {core.strip()}"


def paragraph_ref(article_num: ArticleNumber, num: int, lang: str, through: int | None = None) -> str:
    """第1条2～3 / Article 1(2)–(3): how the table names a run of paragraphs."""
    if lang == "ja":
        return f"{article_num.label('ja')}{num}" + (f"～{through}" if through and through != num else "")
    base = f"{article_num.label('en')}({num})"
    return base + (f"–({through})" if through and through != num else "")
