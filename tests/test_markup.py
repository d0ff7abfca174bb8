"""The comparison markup itself: well-formed, escaped, and giving back the exact text."""
from __future__ import annotations

import re
from html import unescape

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from termsite.comparison.diff import diff_text, sides
from termsite.pages.templating import standalone_env

ENV = standalone_env("ja")
MACRO = ENV.from_string('{% from "partials/terms/spans.html" import spans %}<div id="o">{{ spans(o) }}</div><div id="n">{{ spans(n) }}</div>')

texts = st.text(alphabet=st.sampled_from(list("本サービス乙甲のは、。4か月30日 Your<>&\"'*#{}%[]()")), max_size=40)


def visible(html: str) -> str:
    """The text a reader copies: everything but the screen-reader words (read off the markup
    itself: BeautifulSoup can fold a whitespace-only string)."""
    html = re.sub(r'<span class="terms-sr">[^<]*</span>', "", html)
    return unescape(re.sub(r"<[^>]+>", "", html))


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_markup_gives_back_exact_text_and_is_well_formed(old: str, new: str) -> None:
    o, n = sides(diff_text(old, new))
    html = MACRO.render(o=o, n=n)
    soup = BeautifulSoup(html, "html.parser")
    old_html, new_html = html.split('<div id="n">')
    assert visible(old_html) == old
    assert visible(new_html) == new
    # no markup leaks from the text: only our own elements exist
    assert {t.name for t in soup.find_all(True)} <= {"div", "del", "ins", "span"}
    # deletions only on the old side, insertions only on the new side; gaps carry no text
    assert not soup.find(id="o").find("ins") and not soup.find(id="n").find("del")
    assert all(g.get_text() == "" for g in soup.select(".terms-gap"))
    if old == new:
        assert not soup.find(["del", "ins"]) and not soup.select(".terms-gap")
