"""What legal wrote is what gets published: traps between the typed text and the loaded text.

YAML silently changes some texts (a ``#`` after a space starts a comment, a line break becomes a
space, ``|`` keeps a trailing newline, ``\\\\`` becomes ``\\``), and some characters change
nothing a reader can see (zero-width and bidirectional controls, unusual spaces, decomposed
kana) yet make the stored text differ from what is shown or compared. Each such value is refused
with the character and its column, before the structure is checked, so no site is built from it.

The checks read :class:`~termsite.source.yamlsource.Scalar` records — the style and source span of every
scalar — and never change a value: legal text is reported, not repaired.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from termsite.problems import Location, Problem
from termsite.source.yamlsource import Path_, Scalar, Source

# Spaces a reader sees as spaces and that Japanese and English legal text use inside a text.
ALLOWED_SPACES = {" ", "\u3000"}
_AS_SPACE = {ord(c): " " for c in ALLOWED_SPACES}
_CONTROL_NAMES = {"\t": "CHARACTER TABULATION", "\n": "LINE FEED", "\r": "CARRIAGE RETURN"}
_HALF_WIDTH_KATAKANA = range(0xFF61, 0xFFA0)
_BLOCK_STYLES = ("|", ">")


def char_name(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: how a message names a character nobody can see."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")
    if not name:
        category = unicodedata.category(ch)
        name = {"Cc": "control character", "Co": "private-use character"}.get(category, "unnamed character")
    return f"U+{ord(ch):04X} {name}"


def is_text(path: Path_) -> bool:
    """Values that are legal text shown to readers: ``ja``/``en`` anywhere (texts, headings,
    captions, bullets, link words), a link's words given once for both, and a 附則's number."""
    if not path or not isinstance(path[-1], str):
        return False
    last = path[-1]
    if last in ("ja", "en"):
        return True
    if last == "text" and len(path) >= 3 and path[-3] == "links":
        return True
    return last == "number" and path[0] == "supplementary"


def is_japanese(path: Path_) -> bool:
    """Of the text values, those in Japanese: ``ja``, and link words and 附則 numbers (shared)."""
    return bool(path) and path[-1] in ("ja", "text", "number")


@dataclass(frozen=True)
class Trap:
    """One refused value: ``path`` is where it stands; ``on_key`` when the key itself is wrong."""

    path: Path_
    problem: Problem
    on_key: bool = False


def check(source: Source) -> list[Trap]:
    """Every trap in ``source``, at most one per key or value."""
    found: list[Trap] = []
    for path, scalar in source.key_scalars.items():
        shown = "".join(ch for ch in scalar.value if not _refused(ch, ""))
        problem = _invisible(source, scalar, f"the key `{shown}`")
        if problem:
            found.append(Trap(path, problem, on_key=True))
    for path, scalar in source.scalars.items():
        text_value = is_text(path)
        key = source.key_scalars.get(path)
        problem = (_comment_before(source, key.end, scalar) if text_value and key else None) or \
            (_written(source, scalar) if text_value else None) or \
            _invisible(source, scalar, "the text" if text_value else f"`{path[-1]}`" if path else "the value")
        if problem is None and text_value:
            problem = _ends(source, scalar)
        if problem is None and text_value and is_japanese(path):
            problem = _half_width_katakana(source, scalar)
        if problem:
            found.append(Trap(path, problem))
    return found


# --- how the value was written --------------------------------------------------------------

def _written(source: Source, s: Scalar) -> Problem | None:
    raw = source.text[s.start:s.end]
    if s.style in _BLOCK_STYLES:
        return Problem(source.location_of(s.start),
                       f"the text is written as a `{s.style}` block, which "
                       + ("keeps its line breaks" if s.style == "|" else "turns its line breaks into spaces")
                       + " and can add a line break at the end",
                       "write the whole text on one line after the key, in quotes; "
                       "start a new `- text:` block for a new paragraph")
    if "\n" in raw:  # other line breaks YAML knows (U+0085, U+2028, U+2029, a lone CR) are refused when read
        next_line = source.location_of(s.start + raw.index("\n") + 1).line
        return Problem(source.location_of(s.start),
                       f"the text continues on line {next_line}, and YAML joins the lines with a space",
                       "write the whole text on one line")
    continued = _comment_continuing(source, s)
    if continued is not None:
        return Problem(source.location_of(continued), "the line after the text starts with `#`: YAML reads "
                       "it as a comment, not as the rest of the text", "put the whole text in quotes, on one line")
    comment = _comment_after(source.text, s.end)
    if comment is not None:
        if s.style == "":
            return Problem(source.location_of(comment),
                           f"the text is cut at ` #`: YAML reads `{_line_rest(source.text, comment)}` "
                           "as a comment, so it would not be published",
                           "put the whole text in quotes")
        return Problem(source.location_of(comment), "a comment shares the line with the text",
                       "move the comment to a line of its own")
    if s.style == '"':
        escape = _escape(raw)
        if escape is not None:
            return Problem(source.location_of(s.start + escape),
                           f"`{raw[escape:escape + 2]}` inside double quotes is an escape sequence: "
                           "YAML publishes something else than what is typed",
                           "use single quotes ('…') around a text with a backslash, or write the character itself")
    return None


def _comment_before(source: Source, key_end: int, s: Scalar) -> Problem | None:
    """A comment between the key and its text (``ja: #1 …`` wrapped onto the next line): YAML
    drops it and reads the text from the next line."""
    at = source.text.find("#", key_end, s.start)
    if at == -1:
        return None
    return Problem(source.location_of(at), f"YAML reads `{_line_rest(source.text, at)}` as a comment, "
                   "not as the start of the text", "put the whole text in quotes, on the line of its key")


def _comment_continuing(source: Source, s: Scalar) -> int | None:
    """A comment on the next line that is not blank, indented deeper than the text's key: it reads
    as the text's continuation to the editor, and is dropped by YAML."""
    text = source.text
    line_start = text.rfind("\n", 0, s.start) + 1
    key_indent = len(text[line_start:s.start]) - len(text[line_start:s.start].lstrip(" -"))
    at = text.find("\n", s.end)
    while at != -1:
        end = text.find("\n", at + 1)
        line = text[at + 1:len(text) if end == -1 else end].rstrip("\r")
        body = line.lstrip(" ")
        if body:
            indent = len(line) - len(body)
            return at + 1 + indent if body.startswith("#") and indent > key_indent else None
        at = end
    return None


def _comment_after(text: str, end: int) -> int | None:
    """Where a comment starts on the rest of the line after a value, if one does."""
    i = end
    while i < len(text) and text[i] in " \t":
        i += 1
    if i < len(text) and text[i] == "#":  # libyaml takes `'text'#…` as a comment too
        return i
    return None


def _line_rest(text: str, start: int) -> str:
    stop = len(text)
    for newline in ("\r", "\n"):
        at = text.find(newline, start)
        if at != -1:
            stop = min(stop, at)
    return text[start:stop]


def _escape(raw: str) -> int | None:
    """The first backslash escape in a double-quoted source other than ``\\"`` (a quote mark)."""
    i = raw.find("\\")
    while i != -1:
        if raw[i + 1:i + 2] != '"':
            return i
        i = raw.find("\\", i + 2)
    return None


# --- characters -----------------------------------------------------------------------------

def _refused(ch: str, previous: str) -> str | None:
    """Why ``ch`` cannot stand in a text, or None. Visible characters are never refused."""
    category = unicodedata.category(ch)
    if ch in ALLOWED_SPACES:
        return None
    if ch == "\ufffd":
        return "the text was damaged by a wrong encoding"
    if category in ("Cf", "Cc", "Zl", "Zp"):
        return "it is invisible, or changes how the text around it is shown"
    if category == "Zs":
        return "it looks like a space but is not one"
    if category == "Co":
        return "each device shows it differently, or not at all (often a bullet or symbol pasted from a word processor)"
    if category == "Mn" and previous and len(unicodedata.normalize("NFC", previous + ch)) == 1:
        return "it is a separate accent or 濁点 mark; the text looks the same with the composed character"
    return None


def _plainly_visible(value: str) -> bool:
    """True when no character of ``value`` can be refused, decided in C for the common case: every
    character printable (str.isprintable is False for Cc, Cf, Zl, Zp, Zs but the space, Co, Cs, Cn),
    no U+FFFD, and no accent that would compose with the character before it (NFC would change it).
    When False, ``_refused`` looks at each character."""
    return (value.translate(_AS_SPACE).isprintable() and "\ufffd" not in value
            and unicodedata.is_normalized("NFC", value))


def _invisible(source: Source, s: Scalar, what: str) -> Problem | None:
    value = s.value
    if _plainly_visible(value):
        return None
    bad = [(i, ch, why) for i, ch in enumerate(value) if (why := _refused(ch, value[i - 1] if i else ""))]
    if not bad:
        return None
    i, ch, why = bad[0]
    location = _position(source, s, i)
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    if unicodedata.category(ch) == "Mn":
        composed = unicodedata.normalize("NFC", value[i - 1:i + 1])
        return Problem(location, f"{what} contains {char_name(ch)} after `{value[i - 1]}`{more}: {why}",
                       f"retype `{composed}` as one character")
    if ch in "\n\r" or unicodedata.category(ch) in ("Zl", "Zp"):
        return Problem(location, f"{what} contains a line break ({char_name(ch)}){more}",
                       "write the text on one line; start a new `- text:` block for a new paragraph")
    hint = "replace it with an ordinary space" if unicodedata.category(ch) == "Zs" else "delete it"
    if ch == "\ufffd":
        hint = "copy the text again from the original document"
    return Problem(location, f"{what} contains {char_name(ch)}{more}: {why}", hint)


def _ends(source: Source, s: Scalar) -> Problem | None:
    """Spaces around a text (a blank text is the schema's "empty" message)."""
    value = s.value
    if value.strip() and (value[0].isspace() or value[-1].isspace()):
        at = 0 if value[0].isspace() else len(value) - 1
        where = "starts" if at == 0 else "ends"
        return Problem(_position(source, s, at), f"the text {where} with {char_name(value[at])}",
                       "remove it; spaces are allowed only inside a text")
    return None


def _half_width_katakana(source: Source, s: Scalar) -> Problem | None:
    value = s.value
    start = next((i for i, ch in enumerate(value) if ord(ch) in _HALF_WIDTH_KATAKANA), None)
    if start is None:
        return None
    end = start
    while end < len(value) and ord(value[end]) in _HALF_WIDTH_KATAKANA:
        end += 1
    run = value[start:end]
    return Problem(_position(source, s, start), f"half-width katakana `{run}` in Japanese text",
                   f"write it in full-width: `{unicodedata.normalize('NFKC', run)}`")


def _position(source: Source, s: Scalar, index: int) -> Location:
    """The file position of ``s.value[index]``: the same character found in the value's source.

    Quoting adds characters before it (the quote, doubled quotes, ``\\"``), so the n-th
    occurrence of the character in the value is looked up as the n-th occurrence in the source."""
    ch = s.value[index]
    nth = s.value.count(ch, 0, index)
    at = s.start - 1
    for _ in range(nth + 1):
        at = source.text.find(ch, at + 1, s.end)
        if at == -1:
            return source.location_of(s.start)
    return source.location_of(at)
