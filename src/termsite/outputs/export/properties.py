"""Who publishes the terms, as the site's configuration says (``site_author`` in ``mkdocs.yml`` and
``mkdocs.en.yml``): the author the Word and PDF files name in their properties."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
CONFIG = {"ja": "mkdocs.yml", "en": "mkdocs.en.yml"}
_AUTHOR = re.compile(r"^site_author:[ \t]*(.+?)[ \t]*$", re.M)


@cache
def site_author(lang: str, root: Path = ROOT) -> str:
    """The language's ``site_author`` (the English configuration inherits the Japanese one's)."""
    for name in (CONFIG.get(lang, CONFIG["ja"]), CONFIG["ja"]):
        try:
            found = _AUTHOR.search((root / name).read_text(encoding="utf-8"))
        except OSError:
            continue
        if found:
            return found.group(1).strip("\"'")
    return ""
