"""UI strings in both languages through Babel message catalogs (gettext).

The source strings are English; ``locale/ja/LC_MESSAGES/messages.po`` holds the Japanese. The
catalog is compiled in memory at start-up, so no compiled ``.mo`` file is kept in the repository.
"""
from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"  # src/termsite/locale


@cache
def translations(lang: str) -> NullTranslations:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    po = folder / "messages.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for extra in sorted(folder.glob("*.po")):  # catalogs by subject (reader.po) join the main one
        if extra != po:
            with extra.open("rb") as handle:
                for message in read_po(handle, locale=lang):
                    if message.id:
                        catalog[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def translated(lang: str, message: str, **values: str) -> str:
    """``message`` in ``lang`` with its ``%(name)s`` places filled: modules import it as ``_t``, the
    keyword the message extraction (babel.cfg) looks for."""
    return gettext(lang, message) % values
