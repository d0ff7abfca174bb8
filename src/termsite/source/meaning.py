"""The meaning guard of a 正誤: a correction fixes a misprint (誤記), never what the terms say.

A correction is not a revision: it has no notice period and reads as what was always meant. So it
must leave untouched everything that carries the terms' meaning; a correction that changes any of
these is refused ("that is a revision — write a new version"):

- **numbers**, in any numeral form: ASCII and full-width digits always; kanji numerals
  (一二三…十百千万億, 〇, 壱弐参拾) when they count something (followed by a counter such as 日, か月,
  年, 円, 時間, 条, 項, 号, %, or preceded by 第), so that 統一 or 一般 are words, not numbers. The
  values are compared, so 三十日 → 30日 keeps the number and passes;
- **dates and periods**: 日, 月, 年, 週, 時, 期間, 期日, 期限, まで, から, 以内, 以上, 以下, 未満, 超,
  前, 後, 経過, 満了, 翌, 毎; day(s), week(s), month(s), year(s), hour(s), within, before, after,
  until, from, by, prior, later, period, term, deadline, at least, more, less;
- **amounts and currency**: 円, ¥/￥, $, 料金, 金額, 費用, 税, 無料, 有料; yen, dollar(s), fee(s),
  charge(s), price(s), amount(s), tax, free, paid, cost(s);
- **parties**: 甲, 乙, 丙, 当社, 弊社, お客様, 利用者, 契約者, 会員, 第三者, ユーザー; Party A/B/…, we,
  us, our, you, your, Company, customer(s), user(s), third party;
- **negations**: ない, ません, ず, ぬ, 不, 非, 無, 禁止; not, no, never, nor, neither, none, without,
  cannot, unless, except, n't.

Each guarded word must occur as often in the right wording as in the wrong one (and the numbers be
the same, in order): a fix inside other words passes (困難なである → 困難である; "continue providing"
→ "continue to provide"), a change of any of them does not (30日 → 60日, 前 → 後, 甲 → 乙, できる →
できない, "may" → "may not").
"""
from __future__ import annotations

import re
from collections import Counter

from termsite.timeline.dates import numeral

_COUNTERS = ("か月|ヶ月|ケ月|カ月|箇月|ヵ月|営業日|日間|日|週間|週|月|年|時間|時|分|秒|円|条|項|号|回|名|人|件|割|倍|"
             "%|％|パーセント|歳|個|台|本|GB|MB|TB|桁|文字|通")
_ASCII_NUMBER = re.compile(r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*")
_KANJI_NUMBER = re.compile(f"(?<=第)[〇一二三四五六七八九十百千万億壱弐参拾]+|[〇一二三四五六七八九十百千万億壱弐参拾]+(?={_COUNTERS})")

_JA: dict[str, tuple[str, ...]] = {
    "a date or period": ("日", "月", "年", "週", "時", "期間", "期日", "期限", "まで", "から", "以内", "以上", "以下",
                         "未満", "超", "前", "後", "経過", "満了", "翌", "毎"),
    "an amount": ("円", "¥", "￥", "$", "＄", "料金", "金額", "費用", "税", "無料", "有料"),
    "a party": ("甲", "乙", "丙", "当社", "弊社", "お客様", "利用者", "契約者", "会員", "第三者", "ユーザー"),
    "a negation": ("ない", "ません", "ず", "ぬ", "不", "非", "無", "禁止"),
}
_EN: dict[str, tuple[str, ...]] = {
    "a date or period": ("day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
                         "within", "before", "after", "until", "from", "by", "prior", "later", "period", "term",
                         "deadline", "least", "more", "less", "earlier", "daily", "monthly", "annually"),
    "an amount": ("yen", "jpy", "usd", "dollar", "dollars", "fee", "fees", "charge", "charges", "price", "prices",
                  "amount", "amounts", "tax", "taxes", "free", "paid", "cost", "costs"),
    "a party": ("party", "parties", "we", "us", "our", "you", "your", "company", "customer", "customers", "user",
                "users", "third"),
    "a negation": ("not", "no", "never", "nor", "neither", "none", "without", "cannot", "unless", "except"),
}
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_PARTY_LETTER = re.compile(r"\bParty\s+([A-Z])\b")


def numbers(text: str) -> list[float]:
    """The numbers ``text`` states, in order, as values (30 for 30, ３０ and 三十 before 日)."""
    found: list[tuple[int, float]] = []
    for m in _ASCII_NUMBER.finditer(text):
        plain = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in m.group(0))
        plain = plain.replace("，", "").replace(",", "").replace("．", ".")
        found.append((m.start(), float(plain)))
    for m in _KANJI_NUMBER.finditer(text):
        found.append((m.start(), float(_kanji_value(m.group(0)))))
    return [v for _, v in sorted(found)]


def _kanji_value(words: str) -> int:
    """Kanji numbers with 万/億 and the formal 壱弐参拾 too; what is no number counts as itself (-1)."""
    words = words.replace("壱", "一").replace("弐", "二").replace("参", "三").replace("拾", "十")
    total = 0
    for unit, mark in ((100_000_000, "億"), (10_000, "万")):
        if mark in words:
            head, words = words.split(mark, 1)
            total += (_small(head) if head else 1) * unit
    return total + (_small(words) if words else 0)


def _small(words: str) -> int:
    try:
        return numeral(words)
    except (ValueError, KeyError):
        return -1


def _japanese_counts(text: str) -> Counter[tuple[str, str]]:
    return Counter({(kind, w): text.count(w) for kind, ws in _JA.items() for w in ws})


def _english_counts(text: str) -> Counter[tuple[str, str]]:
    words = [w.lower() for w in _WORD.findall(text)]
    counts: Counter[tuple[str, str]] = Counter()
    for kind, ws in _EN.items():
        for w in ws:
            counts[(kind, w)] = words.count(w)
    counts[("a negation", "n't")] = sum(w.endswith("n't") for w in words)
    for letter in _PARTY_LETTER.findall(text):
        counts[("a party", f"party {letter}")] += 1
    return counts


def meaning_changes(wrong: str, right: str, lang: str) -> list[str]:
    """What a correction of ``wrong`` into ``right`` would change besides a misprint, in words
    ("a number: 30 → 60", "a negation: ない"); empty when it is a misprint fix."""
    out = []
    before, after = numbers(wrong), numbers(right)
    if before != after:
        shown = lambda vs: ", ".join(f"{v:g}" for v in vs) or "none"  # noqa: E731
        out.append(f"a number ({shown(before)} → {shown(after)})")
    count = _japanese_counts if lang == "ja" else _english_counts
    a, b = count(wrong), count(right)
    for key in sorted(set(a) | set(b)):
        if a[key] != b[key]:
            kind, word = key
            out.append(f"{kind} (「{word}」)" if lang == "ja" else f"{kind} (\"{word}\")")
    return out
