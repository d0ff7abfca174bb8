"""Reading YAML the strict way: plain data plus the line and column of every value.

PyYAML is used through its node API because nodes carry ``start_mark`` (where each value stands),
which is what lets every message point at a line. YAML features a legal text never needs —
tags, anchors and aliases (the way to smuggle objects or build "billion laughs" bombs), YAML 1.1
booleans such as ``no``/``on`` and implicit dates — are refused or kept as plain strings, so what
an editor typed is what the model gets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.cyaml

from termsite.problems import Location, Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
_ODD_BREAKS = "\x85\u2028\u2029\r"  # line breaks to YAML 1.1 that editors hide (CR alone: not CRLF)

Path_ = tuple[str | int, ...]


class _StrictResolver(yaml.resolver.Resolver):
    """YAML 1.2-like implicit types: only null, true/false, integers; everything else is a string."""


_StrictResolver.yaml_implicit_resolvers = {}
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"), list("-+0123456789")
)
_StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""]
)


if not yaml.__with_libyaml__:  # pragma: no cover - PyYAML's wheels ship libyaml
    raise ImportError("PyYAML was built without libyaml; reinstall it from a wheel (pip install --force-reinstall PyYAML)")

from yaml._yaml import CParser  # noqa: E402 - libyaml's parser, there as checked just above


class _Loader(CParser, yaml.constructor.SafeConstructor, _StrictResolver):
    """libyaml's parser (the same events as PyYAML's, ~50 times faster) with the strict types."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)


@dataclass(frozen=True)
class Scalar:
    """How one scalar (a key or a value) was written: its style and where its source text lies.

    ``style`` is PyYAML's: ``""`` plain, ``"'"`` or ``'"'`` quoted, ``"|"`` or ``">"`` block.
    ``start``/``end`` index the file's text, so checks can see what YAML hides (a comment
    after the value, a line break folded into a space, an escape sequence)."""

    value: str
    style: str
    start: int
    end: int


@dataclass
class Source:
    """A loaded YAML document: its data, and where each value and key stands."""

    path: str
    data: Any
    marks: dict[Path_, Location] = field(default_factory=dict)
    key_marks: dict[Path_, Location] = field(default_factory=dict)
    text: str = ""
    scalars: dict[Path_, Scalar] = field(default_factory=dict)
    key_scalars: dict[Path_, Scalar] = field(default_factory=dict)

    def location_of(self, index: int) -> Location:
        """The line and column (1-based, in characters) of a position in the file's text."""
        return _loc_at(self.path, self.text, index)

    def at(self, path: Path_) -> Location:
        """The location of the value at ``path``, or of its nearest ancestor."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Location(self.path, 1, 1))

    def key_at(self, path: Path_) -> Location:
        return self.key_marks.get(path) or self.at(path)


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def read_yaml(path: str, raw: bytes) -> tuple[Source | None, list[Problem]]:
    """Parse one file; returns the source, or ``None`` and the problems that stop it."""
    where = Location(path, 1, 1)
    if len(raw) > MAX_BYTES:
        return None, [Problem(where, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                              "split the document or remove what does not belong in it")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark from a Windows editor carries no text
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(Location(path, line, 1), "the file is not UTF-8 text",
                              "save it as UTF-8 (without changing the text)")]
    # CRLF (Windows) line endings: YAML treats them as line breaks; scalars come out the same.
    odd_break = next((i for i, ch in enumerate(text) if ch in _ODD_BREAKS
                      and not (ch == "\r" and text[i + 1:i + 2] == "\n")), None)
    if odd_break is not None:
        name = {"\x85": "U+0085 NEXT LINE", "\u2028": "U+2028 LINE SEPARATOR",
                "\u2029": "U+2029 PARAGRAPH SEPARATOR",
                "\r": "U+000D CARRIAGE RETURN (without a line feed)"}[text[odd_break]]
        return None, [Problem(_loc_at(path, text, odd_break), f"the file contains {name}, an invisible "
                              "character that YAML reads as a line break", "delete it")]
    problems = _scan(path, text)
    if problems:
        return None, problems
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = _loc(path, mark) if mark else where
        what = (exc.problem or "invalid YAML").strip()
        hint = "check the indentation and quoting on this line"
        lines = text.splitlines()
        line_text = lines[loc.line - 1] if 0 < loc.line <= len(lines) else ""
        if "tab" in what.lower() or line_text[: len(line_text) - len(line_text.lstrip())].count("\t"):
            hint = "indent with spaces, not tabs"
        comment = _comment_in_flow(text, exc)
        if comment is not None:
            return None, [Problem(_loc_at(path, text, comment), "` #` inside `{…}` or `[…]` starts a comment that "
                                  "hides the rest of the line", "put the text in quotes")]
        return None, [Problem(loc, f"YAML syntax: {what}", hint)]
    except yaml.reader.ReaderError:
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        what = f"U+{ord(bad.group()):04X}" if bad else "unknown"
        return None, [Problem(_loc_at(path, text, bad.start() if bad else 0),
                              f"the file contains a control character ({what})",
                              "delete it; it is invisible in most editors")]
    finally:
        if loader is not None:
            loader.dispose()
    source = Source(path, None, text=text)
    if node is None:
        return None, [Problem(where, "the file is empty", "write the version, or delete the file")]
    problems = []
    source.data = _build(node, (), source, problems, loader, 0)  # type: ignore[arg-type]
    return (None if problems else source), problems


def _comment_in_flow(text: str, exc: yaml.MarkedYAMLError) -> int | None:
    """Where an unquoted `` #`` cut a ``{…}``/``[…]`` short, when that is what broke the syntax."""
    start, end = exc.context_mark, exc.problem_mark
    if start is None or end is None or text[start.index:start.index + 1] not in "{[":
        return None
    at = text.find(" #", start.index, end.index)
    return None if at == -1 else at + 1


def _loc_at(path: str, text: str, index: int) -> Location:
    return Location(path, text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1)


def _scan(path: str, text: str) -> list[Problem]:
    """Refuse tags, anchors and aliases before anything is built from them: one message each,
    at the first use, however many there are (a "billion laughs" file gets two lines, fast).
    Every tag starts with `!`, every anchor with `&`, every alias with `*`: a file with none of
    those characters has none of them, and is not scanned token by token."""
    if not any(c in text for c in "!&*"):
        return []
    first: dict[str, tuple[object, int]] = {}
    try:
        for token in yaml.scan(text, Loader=yaml.CBaseLoader):
            if isinstance(token, yaml.TagToken):
                kind = "tag"
            elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                kind = "anchor"
            else:
                continue
            mark, count = first.get(kind, (token.start_mark, 0))
            first[kind] = (mark, count + 1)
    except yaml.YAMLError:
        pass  # syntax errors are reported by the parser with better words
    problems = []
    if "tag" in first:
        mark, count = first["tag"]
        problems.append(Problem(_loc(path, mark), "YAML tags (`!…`) are not allowed"
                                + (f" ({count} in this file)" if count > 1 else ""), "write the value as plain text"))
    if "anchor" in first:
        mark, count = first["anchor"]
        problems.append(Problem(_loc(path, mark), "YAML anchors and aliases (`&…`, `*…`) are not allowed"
                                + (f" ({count} in this file)" if count > 1 else ""),
                                "write the text out in full where it is needed; quote text that starts with & or *"))
    return problems


def _build(node: Any, path: Path_, source: Source, problems: list[Problem], loader: _Loader,
           depth: int) -> Any:
    loc = _loc(source.path, node.start_mark)
    source.marks[path] = loc
    if depth > MAX_DEPTH:
        problems.append(Problem(loc, f"nesting is deeper than {MAX_DEPTH} levels",
                                "flatten the structure"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_loc = _loc(source.path, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                problems.append(Problem(key_loc, f"key {_show(key_node)} is not a name",
                                        "keys are plain words such as `ja` or `num`"))
                continue
            key = key_node.value
            if key in result:
                first = source.key_marks[path + (key,)]
                problems.append(Problem(key_loc, f"duplicate key `{key}` (first at line {first.line})",
                                        "keep one of them; YAML would silently drop the first"))
                continue
            source.key_marks[path + (key,)] = key_loc
            source.key_scalars[path + (key,)] = Scalar(key, key_node.style or "", key_node.start_mark.index,
                                                       key_node.end_mark.index)
            result[key] = _build(value_node, path + (key,), source, problems, loader, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), source, problems, loader, depth + 1)
                for i, child in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:str":
        source.scalars[path] = Scalar(node.value, node.style or "", node.start_mark.index, node.end_mark.index)
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        problems.append(Problem(loc, f"value cannot be read: {exc.problem}", "write plain text"))
        return None


def _show(node: Any) -> str:
    if isinstance(node, yaml.ScalarNode):
        return f"`{node.value}`"
    return "(a list or mapping)"
