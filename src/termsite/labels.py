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
    """第1条（見出し） / Article 1 (Heading); the heading text itself is the editor's. An article
    deleted in place reads 第9条　削除 / Article 9 Deleted."""
    if a.deleted:
        return deleted_article(a.num, lang)
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


def item(num: int, depth: int, lang: str, branch: tuple[int, ...] = ()) -> str:
    """(1); a 枝番 item 第2号の2 reads (2の2) in Japanese and (2-2) in English, as Article 14-2 does."""
    if depth == 0:
        sep = "の" if lang == "ja" else "-"
        return f"({num}" + "".join(f"{sep}{b}" for b in branch) + ")"
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


def deleted(lang: str) -> str:
    """The words of an article kept in place after its deletion: 「第9条　削除」."""
    return "削除" if lang == "ja" else "Deleted"


def deleted_article(num: ArticleNumber, lang: str) -> str:
    return f"{num.label(lang)}\u3000{deleted(lang)}" if lang == "ja" else f"{num.label(lang)} {deleted(lang)}"


def paragraph_ref(article_num: ArticleNumber, num: int, lang: str, through: int | None = None,
                  sole: bool = False) -> str:
    """第1条2～3 / Article 1(2)–(3): how the table names a run of paragraphs. The only paragraph of
    an article is the article (第3条の2, never 第3条の21); a paragraph of a 枝番 article takes 項
    (第3条の2第1項～第2項), since 第3条の21 would read as Article 3-21."""
    if sole:
        return article_num.label(lang)
    if lang == "ja":
        if len(article_num.parts) > 1:
            return f"{article_num.label('ja')}第{num}項" + (f"～第{through}項" if through and through != num else "")
        return f"{article_num.label('ja')}{num}" + (f"～{through}" if through and through != num else "")
    base = f"{article_num.label('en')}({num})"
    return base + (f"–({through})" if through and through != num else "")


def heading_ref(num: ArticleNumber, lang: str) -> str:
    """第2条の見出し / the heading of Article 2: where a corrected heading is."""
    return f"{num.label('ja')}の見出し" if lang == "ja" else f"the heading of {num.label('en')}"


def supplementary_ref(number: str, num: int, lang: str) -> str:
    """附則（SSDS …号）第1項 / Supplementary Provisions (No. …)(1): a 附則 paragraph."""
    if lang == "ja":
        return f"附則（{number}）第{num}項"
    return f"Supplementary Provisions ({supplementary_number(number, 'en')})({num})"
