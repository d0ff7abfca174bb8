"""The 新旧対照表 as a Word file (python-docx) that legal can comment on, edit and circulate.

What an editor types into it looks like the rest: the fonts (Latin and East Asian), the languages
(``w:lang w:val="en-US" w:eastAsia="ja-JP"``: Latin words are never broken inside, Japanese lines
break by its rules) and the size are the document defaults and the Normal style, not properties of
each run; the 傍線 marks and the deletion points are character styles of their own (find, restyle).
python-docx has no property for some of it, set on the XML underneath: the East Asian font
(``w:rFonts/@w:eastAsia``), the header row repeated on every page (``w:tblHeader``), a heading kept
with its first line (``w:keepNext``), the fixed table layout and its column widths, the page number
fields and Word 2013+ layout (``compatibilityMode`` 15). Rows may break across pages: a row taller
than a page that could not would be cut off. A4 landscape is the orientation flag *and* the page
size swapped: Word and LibreOffice use the size, not the flag.
"""
from __future__ import annotations

import copy
import io
import os
import struct
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable, _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from termsite.outputs.export.table import ExportTable, Para, caption_lines, stamp
from termsite.pages.i18n import gettext

EAST_ASIAN_FONT = "游明朝"      # Word's default Japanese serif since Office 2016 (Yu Mincho)
LATIN_FONT = "Times New Roman"
MARK_STYLE = "Termsite Mark"     # 傍線: the revised words, underlined
GAP_STYLE = "Termsite Gap"       # the underlined blank where the other side has text
LANG = ("en-US", "ja-JP")        # w:lang's w:val (Latin text) and w:eastAsia (Japanese text), every run
GAP_SIZE = Pt(10)                # the blank: one character wide, as the site's
GAP_DROP = 3                     # half-points: its line sits where the underlines do, below the baseline
PAGE = (Mm(297), Mm(210))        # A4 landscape: width, height
MARGIN = Mm(15)
SIZE = Pt(10)


_FONTS = ((qn("w:ascii"), LATIN_FONT), (qn("w:hAnsi"), LATIN_FONT), (qn("w:cs"), LATIN_FONT),
          (qn("w:eastAsia"), EAST_ASIAN_FONT))


def _run(paragraph: DocxParagraph, text: str, lang: str, bold: bool = False,
         style_id: str | None = None) -> DocxRun:
    """One run, its properties in the schema's order (rStyle, b); fonts and languages are the
    document's defaults. Built as XML directly: python-docx's add_run looks a character style up by
    name on every call, which made a 200-article table take half a minute."""
    if "\n" in text or "\t" in text:  # line breaks and tabs as Word writes them (w:br, w:tab)
        run = paragraph.add_run(text)
        run.font.bold = bold or None
        if style_id:
            run._r.style = style_id
        return run
    r = OxmlElement("w:r")
    if style_id or bold:
        rpr = OxmlElement("w:rPr")
        if style_id:
            rpr.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
        if bold:
            rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    t.text = text
    r.append(t)
    paragraph._p.append(r)
    return DocxRun(r, paragraph)


def _png(width: int, height: int, line: int) -> bytes:
    """A transparent RGBA image whose bottom ``line`` pixel rows are black."""
    clear, black = b"\x00\x00\x00\x00", b"\x00\x00\x00\xff"
    raw = b"".join(b"\x00" + (black if y >= height - line else clear) * width for y in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


BLANK_IMAGE = _png(40, 40, 3)  # 1 em square, its bottom 0.75 pt drawn


class _Blanks:
    """The deletion points (the underlined blank where the other side has text): each a small picture
    of an underline, not a character, so copying the text gives the legal text alone, a PDF made
    from the file has nothing there to extract, and no space is there to vanish at a line's end and
    let a closing bracket start the next line. Their character style (which lowers them to the
    underlines) finds them all; their description says what they are. The first is made by
    python-docx, the others are copies with ids of their own (python-docx scans the whole document
    for a free id on every picture)."""

    def __init__(self, style_id: str, lang: str) -> None:
        self.style_id, self.lang = style_id, lang
        self._inline: Any = None
        self._next_id = 0

    def add(self, paragraph: DocxParagraph) -> None:
        run = _run(paragraph, "", self.lang, style_id=self.style_id)
        for t in run._r.findall(qn("w:t")):
            run._r.remove(t)
        if self._inline is None:
            shape = run.add_picture(io.BytesIO(BLANK_IMAGE), width=GAP_SIZE, height=GAP_SIZE)
            self._inline = shape._inline
            self._inline.docPr.set("name", "blank")
            self._inline.docPr.set("descr", gettext(self.lang, "(text added or removed here)"))
            self._next_id = int(self._inline.docPr.get("id")) + 1000
            return
        inline = copy.deepcopy(self._inline)
        inline.docPr.set("id", str(self._next_id))
        self._next_id += 1
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        run._r.append(drawing)


def _paragraph(container: DocxDocument | _Cell, para: Para, lang: str, first: bool, mark_style: str,
               blanks: _Blanks) -> None:
    p = container.paragraphs[0] if first else container.add_paragraph()
    if para.kind == "heading":
        p.paragraph_format.keep_with_next = True  # never alone at the foot of a page
    if para.kind == "item":
        p.paragraph_format.left_indent = Pt(10 * (para.depth + 1))
        p.paragraph_format.first_line_indent = Pt(-10)
    elif para.kind == "bullet":
        p.paragraph_format.left_indent = Pt(10 * (para.depth + 1))
    for r in para.runs:
        if r.mark == "gap":
            blanks.add(p)
        elif r.text:
            _run(p, r.text, lang, bold=para.kind == "heading", style_id=mark_style if r.mark == "mark" else None)


def _flag(row_element: object, name: str) -> None:
    trpr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def _field(paragraph: DocxParagraph, instruction: str, lang: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay the pages out."""
    run = _run(paragraph, "", lang)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def _page_setup(doc: DocxDocument, table: ExportTable) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    words = table.t("Page %(page)s of %(pages)s")
    before, _, rest = words.partition("%(page)s")
    middle, _, after = rest.partition("%(pages)s")
    _run(footer, before, table.lang)
    _field(footer, "PAGE", table.lang)
    _run(footer, middle, table.lang)
    _field(footer, "NUMPAGES", table.lang)
    _run(footer, after, table.lang)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(header, table.title, table.lang)
    if table.draft:
        _run(header, f"　【{table.t('DRAFT')}】" if table.lang == "ja" else f"  [{table.t('DRAFT')}]",
             table.lang, bold=True)


def _defaults(doc: DocxDocument) -> None:
    """Fonts, languages and size as the document's defaults (``w:docDefaults``), replacing the
    template's theme fonts and its en-US-only language."""
    rpr = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    assert rpr is not None
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(OxmlElement("w:rFonts", dict(_FONTS)))
    half_points = str(int(SIZE.pt * 2))
    rpr.append(OxmlElement("w:sz", {qn("w:val"): half_points}))
    rpr.append(OxmlElement("w:szCs", {qn("w:val"): half_points}))
    rpr.append(OxmlElement("w:lang", {qn("w:val"): LANG[0], qn("w:eastAsia"): LANG[1]}))


def _styles(doc: DocxDocument) -> tuple[str, str]:
    """The Normal style and the two character styles; their style ids (mark, gap)."""
    _defaults(doc)
    normal = doc.styles["Normal"]
    font = normal.font  # type: ignore[union-attr]
    font.size = SIZE
    font.name = LATIN_FONT
    normal_rpr = normal.element.get_or_add_rPr()
    normal_rpr.rFonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    normal_rpr.rFonts.set(qn("w:cs"), LATIN_FONT)
    normal_rpr.append(OxmlElement("w:lang", {qn("w:val"): LANG[0], qn("w:eastAsia"): LANG[1]}))
    fmt = normal.paragraph_format  # type: ignore[union-attr]
    fmt.space_after = Pt(2)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.0
    mark = doc.styles.add_style(MARK_STYLE, WD_STYLE_TYPE.CHARACTER)
    mark.font.underline = WD_UNDERLINE.SINGLE  # type: ignore[union-attr]
    gap = doc.styles.add_style(GAP_STYLE, WD_STYLE_TYPE.CHARACTER)
    gap.element.get_or_add_rPr().append(OxmlElement("w:position", {qn("w:val"): str(-GAP_DROP)}))
    for style in (mark, gap):
        style.quick_style = True  # listed in the style gallery
    return mark.style_id, gap.style_id


def _word_2013(doc: DocxDocument) -> None:
    """``compatibilityMode`` 15: Word opens the file in its own layout, not 互換モード."""
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _properties(doc: DocxDocument, table: ExportTable) -> None:
    """Title, subject (document and version), author (the site's ``site_author``), language and
    dates: SOURCE_DATE_EPOCH when it is set, else the day the table is dated by (its publication)."""
    props = doc.core_properties
    props.title = table.title
    props.subject = table.subject
    props.author = table.author
    props.last_modified_by = table.author
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.language = "ja-JP" if table.lang == "ja" else "en-US"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        when = datetime.fromtimestamp(int(epoch), timezone.utc).replace(tzinfo=None)
    else:
        day = stamp(table)
        when = datetime(day.year, day.month, day.day)
    props.created = props.modified = props.last_printed = when


def _table_layout(grid: DocxTable, widths: list[int]) -> None:
    """Fixed layout with the columns' widths (``w:tblLayout``, ``w:tblW``, ``w:gridCol``): Word
    does not re-fit the columns to their text as an editor types."""
    tbl = grid._tbl
    tblpr = tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(w // 635 for w in widths)))  # EMU → twentieths of a point
    layout = OxmlElement("w:tblLayout", {qn("w:type"): "fixed"})
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(layout)
    else:
        tblpr.append(layout)
    grid.autofit = False
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w // 635))


def write_docx(table: ExportTable, path: Path) -> Path:
    doc = new_document()
    styles = _styles(doc)
    _word_2013(doc)
    _page_setup(doc, table)
    _properties(doc, table)
    lang = table.lang
    title = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, table.title, lang, bold=True).font.size = Pt(14)
    if table.draft:
        _run(title, f"（{table.t('DRAFT')}）" if lang == "ja" else f" ({table.t('DRAFT')})", lang, bold=True).font.size = Pt(14)
    for line in caption_lines(table):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, line, lang)
    if table.intro:
        _run(doc.add_paragraph(), table.intro, lang)
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(note, table.note, lang)
    if table.days_note:
        _run(doc.add_paragraph(), table.days_note, lang)

    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = (PAGE[0] - 2 * MARGIN) // len(table.columns)
    _table_layout(grid, [width] * len(table.columns))
    head = grid.rows[0]
    _flag(head._tr, "w:tblHeader")  # the only row repeated on every page
    _flag(head._tr, "w:cantSplit")
    for cell, (_side, label) in zip(head.cells, table.columns):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], label, lang, bold=True)
    blanks = _Blanks(styles[1], lang)
    for row in table.rows:
        cells = grid.add_row()  # may break across pages: a row taller than a page must
        for cell, (side, _label) in zip(cells.cells, table.columns):
            cell.width = width
            for i, para in enumerate(row.cells[side]):
                _paragraph(cell, para, lang, i == 0, styles[0], blanks)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
