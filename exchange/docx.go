package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"starflag/model"
)

// DOCX files are written as WordprocessingML from an embedded template:
// the fixed parts (styles, settings, fonts, the two page-number footers)
// are constants here, and the document part is built from escaped text.
// github.com/gomutex/godocx (MIT) was read for this and cannot express the
// layout: it has no footer parts, no complex fields (the PAGE number), no
// settings part (odd and even footers), and sets a run's font for Latin
// text only (ascii/hAnsi, not eastAsia), so every Chinese font would be
// raw XML anyway; it has no tagged release either.

// The page of GB/T 9704-2012 in twentieths of a point: A4, 天头 37 mm,
// 订口 28 mm, a text area of 156 × 225 mm holding 22 lines of 28 characters
// of 3号 (16 pt): a line grid of 22 lines (pitch 579) and the characters
// 0.25 pt closer (charSpacing), so that 28 fit in 156 mm and 29 do not.
// A character grid (docGrid linesAndChars with charSpace -849) does the
// same in Word, but LibreOffice gives a 16 pt character two cells of such
// a grid (14 to a line), so the spacing is set on the text instead.
const (
	a4W, a4H         = 11906, 16838
	marginTop        = 2098 // 37 mm
	marginLeft       = 1588 // 28 mm
	marginRight      = 1474 // 26 mm: 156 mm of text
	marginBottom     = 1984 // 35 mm: 225 mm of text
	textWidth        = a4W - marginLeft - marginRight
	linePitch        = 579
	charTwips        = 315  // one character: 16 pt less charSpacing
	charSpacing      = -5   // twentieths of a point between characters
	footerFromBottom = 1247 // the page number 7 mm under the text area
)

// Fonts with the names Chinese offices have; fontTable gives each the
// common fallback (altName) Word and WPS use when it is missing.
const (
	fontBody    = "仿宋_GB2312"
	fontTitle   = "方正小标宋简体"
	fontHei     = "黑体"
	fontKai     = "楷体_GB2312"
	fontSong    = "宋体"
	fontLatin   = "Times New Roman"
	sizeTitle   = 44 // 2号, in half points
	sizeBody    = 32 // 3号
	sizeSmall   = 28 // 4号: tables, page numbers, 版记
	docxCreator = "starflag"
)

// docxBuilder writes the body of document.xml.
type docxBuilder struct{ b strings.Builder }

// esc writes s escaped as XML text (characters XML cannot hold become U+FFFD).
func (d *docxBuilder) esc(s string) { xml.EscapeText(&d.b, []byte(s)) }

func (d *docxBuilder) raw(s string) { d.b.WriteString(s) }

// run writes a run of text with optional run properties (rPr content).
func (d *docxBuilder) run(text, rPr string) {
	d.raw("<w:r>")
	if rPr != "" {
		d.raw("<w:rPr>" + rPr + "</w:rPr>")
	}
	d.raw(`<w:t xml:space="preserve">`)
	d.esc(text)
	d.raw("</w:t></w:r>")
}

// para writes a paragraph of style with extra paragraph properties and one
// run of text.
func (d *docxBuilder) para(style, pPr, text, rPr string) {
	d.open(style, pPr)
	if text != "" {
		d.run(text, rPr)
	}
	d.raw("</w:p>")
}

// open starts a paragraph (the caller writes its runs and </w:p>).
func (d *docxBuilder) open(style, pPr string) {
	d.raw("<w:p><w:pPr>")
	if style != "" {
		d.raw(`<w:pStyle w:val="` + style + `"/>`)
	}
	d.raw(pPr + "</w:pPr>")
}

// lines writes a paragraph whose lines are broken with <w:br/>.
func (d *docxBuilder) lines(style, pPr string, lines []string, rPr string) {
	d.open(style, pPr)
	for i, l := range lines {
		if i > 0 {
			d.raw("<w:r><w:br/></w:r>")
		}
		d.run(l, rPr)
	}
	d.raw("</w:p>")
}

// keepNext keeps a paragraph on the page of the next one.
const keepNext = "<w:keepNext/>"

func (d *docxBuilder) pageBreak() { d.raw(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`) }

// fonts is run properties naming one font for every script.
func fonts(name string) string {
	return `<w:rFonts w:ascii="` + name + `" w:hAnsi="` + name + `" w:eastAsia="` + name + `" w:cs="` + name + `"/>`
}

// size is run properties of a size in half points.
func size(half int) string {
	n := strconv.Itoa(half)
	return `<w:sz w:val="` + n + `"/><w:szCs w:val="` + n + `"/>`
}

// printWidth is the width of s in half characters as a CJK font prints
// it: the quotation marks a terminal shows narrow (“” ‘’) are full width,
// and where Chinese and narrow text meet LibreOffice adds a gap (wideGaps:
// counted as half a character, so 第001区 is not broken in its cell).
func printWidth(s string) int {
	return width(s) + strings.Count(s, "“") + strings.Count(s, "”") + strings.Count(s, "‘") + strings.Count(s, "’") + wideGaps(s)
}

// table writes t as a bordered table in the text width, header row in
// 黑体 repeated on each page, cells in 4号 centred. Columns are as wide as
// their longest text, scaled down to the text width when wider. With
// keepLast its last row stays on the page of what follows.
func (d *docxBuilder) table(t model.Table, avail int, keepLast bool) {
	cols := columnWidths(t, avail)
	d.tableStart(cols, `w:sz="4" w:space="0" w:color="000000"`, `<w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>`)
	row := func(cells []string, head, keep bool) {
		pPr := ""
		if keep {
			pPr = keepNext
		}
		d.raw("<w:tr>")
		if head {
			d.raw(`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
		} else {
			d.raw(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for i, c := range cells {
			d.raw(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(cols[i]) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
			style := "SFTable"
			if head {
				style = "SFTableHead"
			}
			d.para(style, pPr, c, "")
			d.raw("</w:tc>")
		}
		d.raw("</w:tr>")
	}
	row(t.Header, true, keepLast && len(t.Rows) == 0)
	for j, r := range t.Rows {
		cells := make([]string, len(t.Header))
		for i := range cells {
			if i < len(r) {
				cells[i] = r[i].Text
			}
		}
		row(cells, false, keepLast && j == len(t.Rows)-1)
	}
	d.raw("</w:tbl>")
}

// columnWidths are the widths (twips) of t's columns in a table of at most
// avail: each as wide as its longest text; when that is wider than avail,
// the widest are narrowed to one width (their text wraps) and the others
// keep theirs, so a long heading wraps rather than a name breaking.
func columnWidths(t model.Table, avail int) []int {
	cols := make([]int, len(t.Header))
	total := 0
	for i, h := range t.Header {
		w := printWidth(h)
		for _, row := range t.Rows {
			if i < len(row) {
				w = max(w, printWidth(row[i].Text))
			}
		}
		cols[i] = max(w*sizeSmall*10/2+2*85+60, 700) // half cells × 7 pt, plus the cell margins
		total += cols[i]
	}
	if total <= avail {
		return cols
	}
	// The cap: the widest width such that the columns, none wider, fit;
	// when even equal columns do not fit, every column shares avail.
	sorted := slices.Sorted(slices.Values(cols))
	rest, capW := avail, avail/len(cols)
	for i, w := range sorted {
		if c := rest / (len(sorted) - i); w > c {
			capW = c
			break
		}
		rest -= w
	}
	for i := range cols {
		cols[i] = min(cols[i], capW)
	}
	return cols
}

// tableStart opens a centred table of fixed columns (twips) with single
// borders (border: their attributes) and cell margins (tblCellMar content).
func (d *docxBuilder) tableStart(cols []int, border, margins string) {
	total := 0
	for _, w := range cols {
		total += w
	}
	d.raw(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(total) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		d.raw(`<w:` + side + ` w:val="single" ` + border + `/>`)
	}
	d.raw(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>` + margins + `</w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range cols {
		d.raw(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.raw("</w:tblGrid>")
}

// BulletinDOCX renders a bulletin as a Word document laid out as GB/T
// 9704-2012 sets an official document: A4, the margins and grid of 22 lines
// of 28 characters of 3号 仿宋_GB2312, the title in 2号 方正小标宋简体 broken
// at phrases, 一、 headings in 黑体 and （一） in 楷体_GB2312, tables in 4号,
// page numbers "— 1 —" in 4号 宋体 at the outer edge (odd pages on the
// right, even on the left, one character in), the 成文日期 four characters
// from the right with the 署名 centred above it, and the 文件's 发文字号,
// 主送机关 and 版记.
func BulletinDOCX(bl model.Bulletin) ([]byte, error) {
	var d docxBuilder
	if bl.Number != "" {
		d.para("SFNumber", "", bl.Number, "")
		d.para("", "", "", "")
	}
	d.lines("SFTitle", "", bl.TitleLines, "")
	d.para("", "", "", "")
	if bl.Addressee != "" {
		d.para("", "", bl.Addressee, "")
	}
	d.para("SFBody", "", bl.Opening, "")
	// The end of the body, the blank lines, the 署名 and the 成文日期 keep
	// together: a page never holds only the signature (GB/T 9704 7.3.5).
	for i, blk := range bl.Body {
		last, keep := i == len(bl.Body)-1, ""
		if last {
			keep = keepNext
		}
		switch {
		case blk.Table != nil:
			d.table(*blk.Table, textWidth, last)
		case blk.Level == 1:
			d.para("Heading1", keep, blk.Text, "")
		case blk.Level == 2:
			d.para("Heading2", keep, blk.Text, "")
		default:
			d.para("SFBody", keep, blk.Text, "")
		}
	}
	d.para("", keepNext, "", "")
	d.para("", keepNext, "", "")
	sig, date := signature(bl.Committee, bl.Date)
	d.para("", keepNext+rightIndent(sig)+`<w:jc w:val="right"/>`, bl.Committee, "")
	d.para("", rightIndent(date)+`<w:jc w:val="right"/>`, bl.Date, "")
	if r := recordLines(bl); len(r) > 0 {
		d.para("", "", "", "")
		for i, l := range r {
			top, bottom := "4", "4" // the 版记's rules: thick outside, thin between
			if i == 0 {
				top = "8"
			}
			if i == len(r)-1 {
				bottom = "8"
			}
			pPr := `<w:pBdr><w:top w:val="single" w:sz="` + top + `" w:space="1" w:color="000000"/><w:bottom w:val="single" w:sz="` + bottom + `" w:space="1" w:color="000000"/></w:pBdr>`
			org, date := l.Left, l.Right
			if date == "" {
				d.para("SFRecord", pPr, org, "")
				continue
			}
			// 印发机关 at the left, the date at the right, one character in;
			// when both do not fit on the line (28 characters of 4号 less the
			// indents, and a character between), the date goes whole to the
			// right of the next line.
			d.open("SFRecord", pPr+`<w:tabs><w:tab w:val="right" w:pos="`+strconv.Itoa(textWidth-280)+`"/></w:tabs>`)
			d.run(org, "")
			if (printWidth(org)+printWidth(date)+2)*sizeSmall*10/2 > textWidth-2*280 {
				d.raw("<w:r><w:br/></w:r>")
			}
			d.raw("<w:r><w:tab/></w:r>")
			d.run(date, "")
			d.raw("</w:p>")
		}
	}
	d.raw(officialPage.sectPr())
	return packDOCX(d.b.String(), bl.Title)
}

// rightIndent is a paragraph's right indent of cells (half characters) of
// the body grid.
func rightIndent(cells int) string {
	return `<w:ind w:right="` + strconv.Itoa(cells*charTwips/2) + `" w:rightChars="` + strconv.Itoa(cells*50) + `"/>`
}

// docxPage is a section's page: A4 portrait or landscape, its margins in
// twips, and whether it has page numbers (then the body grid too), counted
// again from 1 when restart.
type docxPage struct {
	landscape                bool
	top, right, bottom, left int
	numbered, restart        bool
}

// officialPage is the page of GB/T 9704-2012, numbered.
var officialPage = docxPage{top: marginTop, right: marginRight, bottom: marginBottom, left: marginLeft, numbered: true}

// sectPr is the section properties of p: the page, the body grid, and the
// page-number footers when numbered.
func (p docxPage) sectPr() string {
	var b strings.Builder
	b.WriteString("<w:sectPr>")
	if p.numbered {
		b.WriteString(`<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>`)
	}
	if p.landscape {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, a4H, a4W)
	} else {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, a4W, a4H)
	}
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`,
		p.top, p.right, p.bottom, p.left, footerFromBottom)
	if p.restart {
		b.WriteString(`<w:pgNumType w:start="1"/>`)
	}
	if p.numbered {
		fmt.Fprintf(&b, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, linePitch)
	} else {
		b.WriteString(`<w:docGrid w:linePitch="312"/>`)
	}
	b.WriteString("</w:sectPr>")
	return b.String()
}

const (
	nsW   = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsR   = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	nsWP  = `xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"`
	nsA   = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	nsWPS = `xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`
	nsMC  = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
	nsV   = `xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"`
	xmlHd = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

const contentTypesXML = xmlHd + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRelsXML = xmlHd + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRelsXML = xmlHd + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>`

const appXML = xmlHd + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>starflag</Application></Properties>`

// settingsXML: different footers on odd and even pages (the page number
// at the outer edge), punctuation not compressed (each character keeps its
// place in the grid), Word 2013 layout.
const settingsXML = xmlHd + `<w:settings ` + nsW + `><w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`

// fontTableXML names each font with the fallback a machine without it
// uses (altName: 仿宋 for 仿宋_GB2312, 宋体 for 方正小标宋简体 …) and the
// GB2312 character set.
var fontTableXML = func() string {
	var b strings.Builder
	b.WriteString(xmlHd + `<w:fonts ` + nsW + `>`)
	for _, f := range [][3]string{
		{fontBody, "仿宋", "modern"}, {"仿宋", "FangSong", "modern"}, {fontTitle, fontSong, "auto"},
		{fontHei, "SimHei", "modern"}, {fontKai, "楷体", "modern"}, {"楷体", "KaiTi", "modern"},
		{fontSong, "SimSun", "auto"},
	} {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:altName w:val="%s"/><w:charset w:val="86"/><w:family w:val="%s"/><w:pitch w:val="fixed"/></w:font>`, f[0], f[1], f[2])
	}
	b.WriteString(`<w:font w:name="` + fontLatin + `"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`)
	return b.String()
}()

// stylesXML: Normal is the body (3号 仿宋_GB2312, exact line pitch of the
// grid, justified); SFTitle the 2号 title, off the grid so that its lines
// hold what BreakTitle put in them; Heading1 黑体 and Heading2 楷体 (in the
// navigation pane, indented two characters); SFBody a paragraph indented
// two characters; SFTable and SFTableHead table cells in 4号; Footer the
// page number in 4号 宋体; SFRecord the 版记.
var stylesXML = xmlHd + `<w:styles ` + nsW + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + fontBody + `" w:cs="` + fontLatin + `"/>` +
	`<w:kern w:val="2"/>` + size(sizeBody) + `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style("paragraph", "Normal", "Normal", "", `<w:spacing w:line="`+strconv.Itoa(linePitch)+`" w:lineRule="exact"/>`, `<w:rFonts w:hint="eastAsia"/><w:spacing w:val="`+strconv.Itoa(charSpacing)+`"/>`+size(sizeBody), true) +
	style("paragraph", "SFTitle", "公文标题", "Normal", `<w:snapToGrid w:val="0"/><w:spacing w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="9"/>`, fonts(fontTitle)+size(sizeTitle), false) +
	style("paragraph", "SFNumber", "发文字号", "Normal", `<w:jc w:val="center"/>`, "", false) +
	style("paragraph", "SFBody", "公文正文", "Normal", `<w:ind w:firstLineChars="200" w:firstLine="632"/>`, "", false) +
	style("paragraph", "Heading1", "heading 1", "Normal", `<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="632"/><w:outlineLvl w:val="0"/>`, fonts(fontHei), false) +
	style("paragraph", "Heading2", "heading 2", "Normal", `<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="632"/><w:outlineLvl w:val="1"/>`, fonts(fontKai), false) +
	style("paragraph", "SFTable", "表格文字", "Normal", `<w:snapToGrid w:val="0"/><w:spacing w:line="400" w:lineRule="exact"/><w:jc w:val="center"/>`, size(sizeSmall), false) +
	style("paragraph", "SFTableHead", "表格标题行", "SFTable", "", fonts(fontHei), false) +
	style("paragraph", "Footer", "footer", "Normal", `<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>`, fonts(fontSong)+size(sizeSmall), false) +
	style("paragraph", "SFRecord", "版记", "Normal", `<w:snapToGrid w:val="0"/><w:spacing w:line="480" w:lineRule="exact"/><w:ind w:left="280" w:right="280"/><w:jc w:val="left"/>`, size(sizeSmall), false) +
	style("paragraph", "SFPlain", "会议材料", "Normal", `<w:snapToGrid w:val="0"/><w:spacing w:line="360" w:lineRule="auto"/>`, size(sizeSmall), false) +
	`</w:styles>`

// style is one style of styles.xml.
func style(kind, id, name, basedOn, pPr, rPr string, isDefault bool) string {
	def := ""
	if isDefault {
		def = ` w:default="1"`
	}
	s := `<w:style w:type="` + kind + `"` + def + ` w:styleId="` + id + `"><w:name w:val="` + name + `"/>`
	if basedOn != "" {
		s += `<w:basedOn w:val="` + basedOn + `"/>`
	}
	s += `<w:qFormat/>`
	if pPr != "" {
		s += "<w:pPr>" + pPr + "</w:pPr>"
	}
	if rPr != "" {
		s += "<w:rPr>" + rPr + "</w:rPr>"
	}
	return s + "</w:style>"
}

// footerXML is the page number "— 1 —" (the PAGE field between two 一字线)
// at one edge, one character in: right on odd pages, left on even ones.
func footerXML(right bool) string {
	pPr := `<w:ind w:left="280"/><w:jc w:val="left"/>`
	if right {
		pPr = `<w:ind w:right="280"/><w:jc w:val="right"/>`
	}
	return xmlHd + `<w:ftr ` + nsW + ` ` + nsR + `><w:p><w:pPr><w:pStyle w:val="Footer"/>` + pPr + `</w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}

var footerOdd, footerEven = footerXML(true), footerXML(false)

// docxEpoch dates every part of the package, so the same document gives
// the same bytes (and expected files stay comparable).
var docxEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// packDOCX zips the package around body (the content of <w:body>).
func packDOCX(body, title string) ([]byte, error) {
	var core bytes.Buffer
	core.WriteString(xmlHd + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`)
	xml.EscapeText(&core, []byte(title))
	core.WriteString(`</dc:title><dc:creator>` + docxCreator + `</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>`)
	doc := xmlHd + `<w:document ` + nsW + ` ` + nsR + ` ` + nsWP + ` ` + nsA + ` ` + nsWPS + ` ` + nsMC + ` ` + nsV + `><w:body>` + body + `</w:body></w:document>`
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", packageRelsXML},
		{"docProps/core.xml", core.String()},
		{"docProps/app.xml", appXML},
		{"word/document.xml", doc},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", fontTableXML},
		{"word/footer1.xml", footerOdd},
		{"word/footer2.xml", footerEven},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: docxEpoch})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(part.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// DOCXText reads back the text of the document and footers of a DOCX: one
// line per paragraph or line break, a table's cells as paragraphs. The tests check what a
// document says with it; it reads any package, not only starflag's.
func DOCXText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, f := range zr.File {
		if f.Name != "word/document.xml" && !strings.HasPrefix(f.Name, "word/footer") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		dec := xml.NewDecoder(rc)
		inText, inTabs := false, false // <w:tabs> holds tab stops, not tabs
		for {
			tok, err := dec.Token()
			if err != nil {
				rc.Close()
				if errors.Is(err, io.EOF) {
					break
				}
				return "", fmt.Errorf("%s: %w", f.Name, err)
			}
			switch t := tok.(type) {
			case xml.StartElement:
				inText = t.Name.Local == "t" || t.Name.Local == "instrText"
				switch t.Name.Local {
				case "br":
					b.WriteString("\n")
				case "tabs":
					inTabs = true
				case "tab":
					if !inTabs {
						b.WriteString(" ")
					}
				}
			case xml.EndElement:
				inText = false
				if t.Name.Local == "tabs" {
					inTabs = false
				}
				if t.Name.Local == "p" {
					b.WriteString("\n")
				}
			case xml.CharData:
				if inText {
					b.Write(t)
				}
			}
		}
	}
	return b.String(), nil
}
