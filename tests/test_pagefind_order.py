"""Pagefind's filter indexes, rewritten in sorted order: the rewrite changes nothing but the order."""
from __future__ import annotations

import gzip
from pathlib import Path

from conftest import ROOT
from termsite.source.loading import load_corpus
from termsite.outputs.pagefind_order import SIGNATURE, _decode, _encode, _read, stabilise
from termsite.outputs.searchbundle import write


def test_codec_reads_and_writes_pagefinds_own_bytes(tmp_path: Path) -> None:
    """Decoding and encoding again gives Pagefind's exact bytes, so only the sorting differs."""
    write(load_corpus(ROOT), tmp_path)
    files = list(tmp_path.glob("*.pf_meta")) + list((tmp_path / "filter").glob("*.pf_filter"))
    assert len(files) == 8  # two languages: metadata, characters, word prefixes, clause numbers
    for f in files:
        raw = gzip.decompress(f.read_bytes())
        value, end = _decode(raw, len(SIGNATURE))
        assert end == len(raw) and SIGNATURE + _encode(value) == raw, f


def test_stabilised_index_keeps_every_value(tmp_path: Path) -> None:
    write(load_corpus(ROOT), tmp_path)

    def filters() -> dict[tuple[str, str], list]:
        return {(f.name[:2], _read(f)[0]): _read(f)[1] for f in (tmp_path / "filter").glob("*.pf_filter")}

    before = filters()
    stabilise(tmp_path)
    after = filters()
    assert len(before) == len(after) == 6 and set(before) == set(after)
    for key, values in after.items():
        assert [v[0] for v in values] == sorted(v[0] for v in values), key
        assert sorted(values) == sorted(before[key]), key
