"""The customer notice for the 2026-03-01 revision, generated from the comparison."""
from __future__ import annotations

import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import ROOT


def notice(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "termsite.cli", "notice", "your-connect", "2026-03-01", *args],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_japanese_notice() -> None:
    text = notice()
    assert text.splitlines()[0] == "Your Connect利用規約 改定のお知らせ"
    assert "令和8年3月1日（2026年3月1日）から実施します。" in text
    lines = [l for l in text.splitlines() if l.startswith("・")]
    assert lines == ["・前文：改正", "・第1条（Your Connectサービスの内容）：改正", "・第2条（利用中止）：改正",
                     "・第3条（利用停止）：改正", "・第4条（甲の義務）：改正", "・第5条（Your Connectサービスの廃止）：改正",
                     "・第11条（ログの取得）：改正", "・第14条（CRM連携機能に関する条件）：新設", "・附則：新設"]
    assert "改正後の規約：https://portal.your-connect.com/terms/your-connect/2026-03-01/" in text
    assert "現改比較表：https://portal.your-connect.com/terms/your-connect/2026-03-01/comparison/" in text


def test_english_notice() -> None:
    text = notice("--lang", "en")
    assert "take effect on March 1, 2026" in text
    assert "- Article 14 (Conditions for the CRM Integration Function): newly established" in text


def test_html_notice_and_page(sites) -> None:
    soup = BeautifulSoup(notice("--format", "html"), "html.parser")
    assert len(soup.select("li")) == 9
    page = BeautifulSoup((sites.get("2026-11-24") / "your-connect/2026-03-01/notice/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = [a["href"] for a in page.select(".terms-notice li a")]
    assert links[7] == "https://portal.your-connect.com/terms/your-connect/2026-03-01/comparison/#cmp-art-14"
    comparison = BeautifulSoup((sites.get("2026-11-24") / "your-connect/2026-03-01/comparison/index.html")
                               .read_text(encoding="utf-8"), "html.parser")
    for href in links:
        assert comparison.find(id=href.split("#")[1]) is not None, href
