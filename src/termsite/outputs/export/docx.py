"""The 新旧対照表 as a Word file (python-docx) that legal can comment on and circulate.

python-docx writes underlines, tables and sections directly; four things it has no property for
are set on the XML underneath: the East Asian font of every run (``w:rFonts/@w:eastAsia`` —
``Font.name`` sets only the Latin one, and Word would set Japanese in a Latin font), the header
row repeated on every page (``w:tblHeader``), rows kept on one page (``w:cantSplit``) and the page
number fields. A4 landscape is the orientation flag *and* the page size swapped: Word and
LibreOffice use the size, not the flag.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from termsite.outputs.export.table import ExportTable, Para, caption_lines

EAST_ASIAN_FONT = "游明朝"      # Word's default Japanese serif since Office 2016 (Yu Mincho)
LATIN_FONT = "Times New Roman"
GAP_STYLE = "Termsite Gap"       # the underlined blank where the other side has text
GAP_TEXT = "\u3000"              # one ideographic space wide, as the site's blank
PAGE = (Mm(297), Mm(210))        # A4 landscape: width, height
MARGIN = Mm(15)
SIZE = Pt(10)


def _fonts(run: DocxRun, lang: str) -> None:
    """Latin and East Asian font and the language on a run made by python-docx (``w:rFonts``, ``w:lang``)."""
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in _FONTS:
        fonts.set(attr, value)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), "ja-JP" if lang == "ja" else "en-US")
    language.set(qn("w:eastAsia"), "ja-JP")


_FONTS = ((qn("w:ascii"), LATIN_FONT), (qn("w:hAnsi"), LATIN_FONT), (qn("w:cs"), LATIN_FONT),
          (qn("w:eastAsia"), EAST_ASIAN_FONT))


def _run(paragraph: DocxParagraph, text: str, lang: str, underline: bool = False, bold: bool = False,
         style_id: str | None = None) -> DocxRun:
    """One run, its properties written in the schema's order (rStyle, rFonts, b, u, lang). Built as
    XML directly: python-docx's add_run looks a character style up by name on every call, which made
    a 200-article table take half a minute."""
    if "\n" in text or "\t" in text:  # line breaks and tabs as Word writes them (w:br, w:tab)
        run = paragraph.add_run(text)
        run.font.underline = WD_UNDERLINE.SINGLE if underline else None
        run.font.bold = bold or None
        if style_id:
            run._r.style = style_id
        _fonts(run, lang)
        return run
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if style_id:
        rpr.append(OxmlElement("w:rStyle", {qn("w:val"): style_id}))
    rpr.append(OxmlElement("w:rFonts", dict(_FONTS)))
    if bold:
        rpr.append(OxmlElement("w:b"))
    if underline:
        rpr.append(OxmlElement("w:u", {qn("w:val"): "single"}))
    rpr.append(OxmlElement("w:lang", {qn("w:val"): "ja-JP" if lang == "ja" else "en-US", qn("w:eastAsia"): "ja-JP"}))
    r.append(rpr)
    t = OxmlElement("w:t", {qn("xml:space"): "preserve"})
    t.text = text
    r.append(t)
    paragraph._p.append(r)
    return DocxRun(r, paragraph)


def _paragraph(container: DocxDocument | _Cell, para: Para, lang: str, first: bool, gap_style: str) -> None:
    p = container.paragraphs[0] if first else container.add_paragraph()
    if para.kind == "item":
        p.paragraph_format.left_indent = Pt(10 * (para.depth + 1))
        p.paragraph_format.first_line_indent = Pt(-10)
    elif para.kind == "bullet":
        p.paragraph_format.left_indent = Pt(10 * (para.depth + 1))
    for r in para.runs:
        if r.mark == "gap":
            _run(p, GAP_TEXT, lang, underline=True, style_id=gap_style)
        elif r.text:
            _run(p, r.text, lang, underline=r.mark == "mark", bold=para.kind == "heading")


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


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = SIZE  # type: ignore[union-attr]
    fmt = normal.paragraph_format  # type: ignore[union-attr]
    fmt.space_after = Pt(2)
    fmt.space_before = Pt(0)
    gap = doc.styles.add_style(GAP_STYLE, WD_STYLE_TYPE.CHARACTER)
    gap.font.underline = WD_UNDERLINE.SINGLE  # type: ignore[union-attr]


def write_docx(table: ExportTable, path: Path) -> Path:
    doc = new_document()
    _styles(doc)
    _page_setup(doc, table)
    doc.core_properties.title = table.title
    doc.core_properties.language = "ja-JP" if table.lang == "ja" else "en-US"
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
    head = grid.rows[0]
    _flag(head._tr, "w:tblHeader")
    _flag(head._tr, "w:cantSplit")
    for cell, (_side, label) in zip(head.cells, table.columns):
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], label, lang, bold=True)
    gap_style = doc.styles[GAP_STYLE].style_id
    for row in table.rows:
        cells = grid.add_row()
        _flag(cells._tr, "w:cantSplit")
        for cell, (side, _label) in zip(cells.cells, table.columns):
            cell.width = width
            for i, para in enumerate(row.cells[side]):
                _paragraph(cell, para, lang, i == 0, gap_style)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
