"""Rules of the exported files, on generated tables: whatever the legal text holds — characters that
mean something to Typst (``# * _ $ [ ] \\ @ < > = / ` ~``), to XML or to Word — the PDF sets it
exactly as written (read back character for character) and the Word file holds it exactly (white
space included); a deletion point adds nothing to either. And the PDF cache key changes with
anything that changes the PDF besides the table: the engine's version and the font files."""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termsite.outputs.export.docx import write_docx
from termsite.outputs.export.fonts import FontFile, japanese_fonts
from termsite.outputs.export.pdf import engine_key, typeset
from termsite.outputs.export.table import ExportTable, Para, Run, TableRow, caption_lines

docx = pytest.importorskip("docx")

ALPHABET = list("本サービス乙甲のはをにが、。（）「」第条項号ABCxyz0123456789 .,;:()#*_$[]\\@<>=/`~\"'&{}+-%!?|^")
text = st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=40)
run = st.builds(Run, text, st.sampled_from(["same", "mark"]))
runs = st.lists(st.one_of(run, st.just(Run("", "gap"))), min_size=1, max_size=6)
para = st.builds(Para, st.sampled_from(["heading", "text", "item", "bullet", "caption"]), runs,
                 st.integers(min_value=0, max_value=2))
cells = st.lists(para, min_size=1, max_size=3)
rows = st.lists(st.tuples(cells, cells), min_size=1, max_size=4)


def table_of(lang: str, body: list[tuple[list[Para], list[Para]]]) -> ExportTable:
    return ExportTable(lang=lang, title="T", draft=False, columns=(("old", "旧"), ("new", "新")),
                       old_date=date(2026, 1, 1), new_date=date(2026, 3, 1), published=date(2026, 1, 30),
                       note="n", intro="", subject="s", author="a", old_period="～2026年2月28日",
                       rows=[TableRow(f"r{i}", "changed", {"old": old, "new": new}) for i, (old, new) in enumerate(body)])


def written(paras: list[Para]) -> str:
    return "".join(r.text for p in paras for r in p.runs if r.mark != "gap")


@pytest.fixture(scope="module")
def fonts() -> tuple[FontFile, ...]:
    return japanese_fonts()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["ja", "en"]), rows)
def test_the_pdf_sets_every_character_as_written(fonts, lang: str, body) -> None:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    table = table_of(lang, body)
    with pdfplumber.open(io.BytesIO(typeset(table, fonts))) as pdf:
        got = "".join(c["text"] for page in pdf.pages for c in page.chars
                      if 40 < c["top"] < page.height - 40)
    expected = Counter(re.sub(r"\s", "", "".join(written(old) + written(new) for old, new in body)))
    found = Counter(re.sub(r"\s", "", got))
    assert expected - found == Counter()  # every character of the text is there
    furniture = set(re.sub(r"\s", "", "".join([table.title, table.note, "旧新", *caption_lines(table)])))
    assert set(found - expected) <= furniture  # and nothing else but the page's own words


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["ja", "en"]), rows)
def test_the_word_file_holds_every_character_as_written(tmp_path_factory, lang: str, body) -> None:
    table = table_of(lang, body)
    path = write_docx(table, tmp_path_factory.mktemp("d") / "t.docx")
    grid = docx.Document(str(path)).tables[0]
    for row, (old, new) in zip(grid.rows[1:], body):
        for cell, paras in zip(row.cells, (old, new)):
            assert [p.text for p in cell.paragraphs] == [written([p]) for p in paras]


def test_the_cache_key_holds_the_engine_and_the_fonts(fonts) -> None:
    key = engine_key(fonts)
    assert "typst" in key
    from importlib.metadata import version

    assert version("typst") in key
    other_file = (replace(fonts[0], sha256="0" * 64), *fonts[1:])
    other_path = (replace(fonts[0], path=Path("/elsewhere") / fonts[0].path.name), *fonts[1:])
    other_size = (replace(fonts[0], size=fonts[0].size + 1), *fonts[1:])
    assert len({key, engine_key(other_file), engine_key(other_path), engine_key(other_size)}) == 4
