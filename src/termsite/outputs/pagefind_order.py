"""Make Pagefind's filter indexes byte-identical from one build to the next.

Pagefind 1.5 writes each filter's values, and the list of filters in its language metadata, in
hash-map order, which changes on every run (Pagefind issue #638: fragments are stable, filter and
metadata indexes are not). The files are gzipped CBOR after a ``pagefind_dcd`` signature; this
rewrites them with their entries sorted, names them by their content again, and points the
metadata and ``pagefind-entry.json`` at the new names. Nothing else in them changes.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def _decode(b: bytes, i: int = 0) -> tuple[Any, int]:
    major, info = b[i] >> 5, b[i] & 31
    i += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n, i = int.from_bytes(b[i:i + size], "big"), i + size
    else:
        raise ValueError(f"unexpected CBOR item {b[i - 1]:#x} at {i - 1}")
    if major == 0:
        return n, i
    if major in (2, 3):
        raw = b[i:i + n]
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(b, i)
            items.append(item)
        return items, i
    raise ValueError(f"unexpected CBOR major type {major} at {i}")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(n)


def _encode(value: Any) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(v) for v in value)


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(SIGNATURE), path
    value, end = _decode(raw, len(SIGNATURE))
    assert end == len(raw), path
    return value


def _write(folder: Path, prefix: str, suffix: str, value: Any, length: int) -> str:
    """Write ``value`` as Pagefind does, named by its content; returns the name's hash part."""
    data = gzip.compress(SIGNATURE + _encode(value), mtime=0)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{suffix.format(name)}").write_bytes(data)
    return name


def stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, file hash], …]
        for pair in filters:
            old = bundle / "filter" / f"{pair[1]}.pf_filter"
            name, values = _read(old)
            old.unlink()
            pair[1] = _write(bundle / "filter", lang, "{}.pf_filter", [name, sorted(values)], 7)
        filters.sort()
        meta_path.unlink()
        info["hash"] = _write(bundle, lang, "pagefind.{}.pf_meta", meta, 10)
    entry_path.write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
