package exchange

import (
	"bytes"
	"html/template"
	"strconv"

	"starflag/model"
)

// kitCSS: the kit's sheets are A4 landscape (the charts, the placards) and
// portrait (the lists and the 主持词, in the bulletin's typography).
const kitCSS = `
.chart + .chart { break-before: page; page-break-before: always; }
@page list { size: A4 portrait; margin: 30mm 26mm 30mm 28mm; }
.list { page: list; break-before: page; page-break-before: always; }
@media screen { .list { width: 210mm; min-height: 297mm; padding: 30mm 26mm 30mm 28mm; } }
.list h1 { font-family: "方正小标宋简体", "宋体", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; margin-bottom: 10mm; }
.list h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 8mm 0 4mm; }
.list p { font-family: "仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.95pt; margin: 0; text-indent: 2em; text-align: justify; }
.list p.noindent { text-indent: 0; }
.list td, .list th { font-size: 14pt; }
.person { display: block; font-size: 9mm; margin-top: 6mm; white-space: nowrap; }
.half { flex-direction: column; }
`

var kitTemplate = page("kit", seatParts+`{{template "head" .}}<body>
<section class="page chart">
<h1>{{.Title}} 座次图（就座者视角）</h1>
{{template "chart" .FromSeats}}</section>
<section class="page chart">
<h1>{{.Title}} 座次图（主席台视角）</h1>
{{template "chart" .FromPodium}}</section>
{{range .Placards}}{{template "placard" .}}{{end}}<section class="page list">
<h1>授旗名单</h1>
{{if .Awards.Rows}}{{template "grid" .Awards}}{{else}}<p class="noindent">本季度没有区市夺得红旗。</p>{{end}}
<h2>发言顺序（{{.Speak}}）</h2>
{{template "grid" .Speakers}}
</section>
<section class="page list">
<h1>主持词</h1>
{{range $i, $p := .Host}}<p{{if not $i}} class="noindent"{{end}}>{{$p}}</p>
{{end}}</section>
</body>
</html>
`)

// KitHTML renders the meeting kit as one print file: the seating chart as
// the seated see it and, on the next sheet, as the 主席台 sees it; a
// placard per unit with its 出席人 and 职务; the 授旗名单 and the order of
// speaking; the one-page 主持词.
func KitHTML(k model.Kit) ([]byte, error) {
	var b bytes.Buffer
	err := kitTemplate().Execute(&b, struct {
		Title                 string
		CSS                   template.CSS
		FromSeats, FromPodium htmlChart
		Placards              []htmlPlacard
		Awards, Speakers      htmlTable
		Speak                 string
		Host                  []string
	}{k.Title, template.CSS(baseCSS + seatsCSS + kitCSS), chartOf(k.Chart, false), chartOf(k.Chart, true),
		placardsOf(k.Chart, true), toHTMLTable(awardsTable(k)), toHTMLTable(speakersTable(k)), k.Speak, k.Host})
	return b.Bytes(), err
}

// awardsTable is the 授旗名单: who receives which flag, in order.
func awardsTable(k model.Kit) model.Table {
	t := model.Table{Header: []string{"序号", "红旗", "区市"}}
	for i, a := range k.Awards {
		t.Rows = append(t.Rows, []model.Cell{{Text: strconv.Itoa(i + 1)}, {Text: "“" + a.Flag + "”红旗"}, {Text: a.Unit.DocumentName()}})
	}
	return t
}

// speakersTable is the order of speaking, with who speaks for each unit.
func speakersTable(k model.Kit) model.Table {
	t := model.Table{Header: []string{"序号", "区市", "出席人"}}
	for i, u := range k.Speakers {
		t.Rows = append(t.Rows, []model.Cell{{Text: strconv.Itoa(i + 1)}, {Text: u.DocumentName()}, {Text: person(u)}})
	}
	return t
}

// kitSheet is the landscape page of the kit's charts and placards: 15 mm
// margins all round, no page numbers.
var kitSheet = docxPage{landscape: true, top: 851, right: 851, bottom: 851, left: 851}

// placardSheet is a placard's sheet: the text boxes are placed on the
// page, the body holds one line at the foot.
var placardSheet = docxPage{landscape: true, top: mmTwips(190), right: 851, bottom: 284, left: 851}

// kitLists is the portrait page of the 授旗名单, the order of speaking and
// the 主持词: the bulletin's page, numbered from 1.
var kitLists = func() docxPage { p := officialPage; p.restart = true; return p }()

// mmTwips is a length in millimetres as twips.
func mmTwips(v float64) int { return int(v * 1440 / 25.4) }

// KitDOCX renders the meeting kit as one Word document: the two charts and
// the placards on A4 landscape sheets, then the lists and the 主持词 on
// pages laid out as the bulletin.
func KitDOCX(k model.Kit) ([]byte, error) {
	var d docxBuilder
	d.chart(k.Title+" 座次图（就座者视角）", chartOf(k.Chart, false))
	d.chart(k.Title+" 座次图（主席台视角）", chartOf(k.Chart, true))
	for i, p := range placardsOf(k.Chart, true) {
		d.placard(i+1, p, placardSheet)
	}

	d.para("SFTitle", "", "授旗名单", "")
	d.para("", "", "", "")
	if awards := awardsTable(k); len(awards.Rows) > 0 {
		d.table(awards, textWidth, false)
	} else {
		d.para("SFBody", "", "本季度没有区市夺得红旗。", "")
	}
	d.para("", "", "", "")
	d.para("Heading1", "", "发言顺序（"+k.Speak+"）", "")
	d.table(speakersTable(k), textWidth, false)
	d.pageBreak()
	d.para("SFTitle", "", "主持词", "")
	d.para("", "", "", "")
	for i, p := range k.Host {
		style := "SFBody"
		if i == 0 {
			style = "" // the salutation (同志们：) at the margin
		}
		d.para(style, "", p, "")
	}
	d.raw(kitLists.sectPr())
	return packDOCX(d.b.String(), k.Title)
}

// plain is a paragraph's properties off the grid with single spacing, for
// the kit's landscape sheets, where text is larger than a line of the grid.
const plain = `<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>`

// maxChartColumns is the most seats a band of the chart holds: Word's
// tables take at most 63 columns, and a seat narrower than a twentieth of
// the sheet is unreadable. A longer row goes on in the next band.
const maxChartColumns = 20

// chart writes a seating chart on its own landscape sheet (a section) as
// tables: the 主席台 across the seats (above them, or below when seen from
// the podium), a column of row labels, each seat with its unit, seat order
// and rank and its seat number.
func (d *docxBuilder) chart(title string, c htmlChart) {
	d.para("", plain, title, fonts(fontHei)+size(36))
	d.para("", plain, "", "")
	label := 1100
	seat := (a4H - 2*kitSheet.left - label) / c.PerRow
	// The name's size in half points: the longest name fills 90% of a seat.
	nameHalf := min(44, max(12, int(float64(seat)/20/ems(longestName(c))*2*0.9)))
	podium := func(n int) {
		d.raw(`<w:tr><w:trPr><w:trHeight w:val="680"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(label) + `" w:type="dxa"/><w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/></w:tcBorders></w:tcPr>`)
		d.para("", plain, "", "")
		d.raw(`</w:tc><w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(seat*n) + `" w:type="dxa"/><w:gridSpan w:val="` + strconv.Itoa(n) + `"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/><w:vAlign w:val="center"/></w:tcPr>`)
		d.para("", plain, "主　席　台", fonts(fontHei)+size(32))
		d.raw("</w:tc></w:tr>")
	}
	for band, rows := range c.Bands {
		n := 0
		for _, r := range rows {
			n = max(n, len(r.Seats))
		}
		cols := []int{label}
		for range n {
			cols = append(cols, seat)
		}
		d.tableStart(cols, `w:sz="6" w:space="0" w:color="333333"`, `<w:top w:w="60" w:type="dxa"/><w:left w:w="30" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="30" w:type="dxa"/>`)
		if !c.FromPodium && band == 0 {
			podium(n)
		}
		for _, r := range rows {
			d.raw(`<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(label) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
			d.para("", plain, r.Label, size(21))
			d.raw("</w:tc>")
			for k := range n {
				var s htmlSeat
				if k < len(r.Seats) {
					s = r.Seats[k]
				}
				d.raw(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(seat) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
				info := ""
				if s.Name != "" {
					info = "座次 " + strconv.Itoa(s.Order) + " · 名次 " + strconv.Itoa(s.Rank)
				}
				d.para("", plain, s.Name, fonts(fontHei)+`<w:b/>`+size(nameHalf))
				d.para("", plain, info, size(16))
				d.para("", plain, s.Seat, `<w:color w:val="888888"/>`+size(16))
				d.raw("</w:tc>")
			}
			d.raw("</w:tr>")
		}
		if c.FromPodium && band == len(c.Bands)-1 {
			podium(n)
		}
		d.raw("</w:tbl>")
		d.para("", plain, "", "")
	}
	d.para("", plain+kitSheet.sectPr(), c.View, size(20))
}

// longestName is the widest unit name of a chart.
func longestName(c htmlChart) string {
	long := ""
	for _, band := range c.Bands {
		for _, r := range band {
			for _, s := range r.Seats {
				if ems(s.Name) > ems(long) {
					long = s.Name
				}
			}
		}
	}
	return long
}

// placard writes a placard on its own landscape sheet (a section of sheet): the name in two text boxes placed on the page, the lower half
// upright and the upper half turned 180°, so the tent reads upright from
// the seat and from the podium; a dashed fold line between them; where it
// goes in small type at the foot.
func (d *docxBuilder) placard(n int, p htmlPlacard, sheet docxPage) {
	sizeMM, _ := strconv.ParseFloat(p.Size, 64)
	var texts docxBuilder
	texts.para("", plain, p.Name, fonts(fontHei)+`<w:b/>`+size(int(sizeMM*72/25.4*2)))
	if p.Person != "" {
		texts.para("", `<w:snapToGrid w:val="0"/><w:spacing w:before="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`, p.Person, fonts(fontHei)+size(52))
	}
	box := func(id int, y float64, turned bool) {
		rot, vrot := "", ""
		if turned {
			rot, vrot = ` rot="10800000"`, "rotation:180;"
		}
		d.shape(id, 15, y, 267, 95, false,
			`<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm`+rot+`><a:off x="0" y="0"/><a:ext cx="`+emu(267)+`" cy="`+emu(95)+`"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>`+
				`<wps:txbx><w:txbxContent>`+texts.b.String()+`</w:txbxContent></wps:txbx><wps:bodyPr rot="0" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr>`,
			`<v:rect style="position:absolute;`+vmlBox(15, y, 267, 95)+vrot+`mso-position-horizontal-relative:page;mso-position-vertical-relative:page" filled="f" stroked="f"><v:textbox inset="0,0,0,0"><w:txbxContent>`+texts.b.String()+`</w:txbxContent></v:textbox></v:rect>`)
	}
	d.open("", `<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>`+sheet.sectPr())
	box(3*n, 5, true)
	box(3*n+1, 110, false)
	// The fold line across the sheet, 105 mm down.
	d.shape(3*n+2, 0, 105, 297, 0, true,
		`<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="`+emu(297)+`" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>`+
			`<a:ln w="6350"><a:solidFill><a:srgbClr val="999999"/></a:solidFill><a:prstDash val="dash"/></a:ln></wps:spPr><wps:bodyPr/>`,
		`<v:line from="0,297.6pt" to="841.9pt,297.6pt" style="position:absolute;mso-position-horizontal-relative:page;mso-position-vertical-relative:page" strokecolor="#999999" strokeweight="0.5pt"><v:stroke dashstyle="dash"/></v:line>`)
	d.raw(`<w:r><w:rPr><w:color w:val="666666"/>` + size(18) + `</w:rPr><w:t xml:space="preserve">`)
	d.esc(p.Where + "　（沿虚线对折）")
	d.raw(`</w:t></w:r></w:p>`)
}

// emu is a length in millimetres as DrawingML's English Metric Units.
func emu(mm float64) string { return strconv.Itoa(int(mm * 36000)) }

// vmlBox is a VML shape's place on the page in points.
func vmlBox(x, y, w, h float64) string {
	pt := func(mm float64) string { return strconv.FormatFloat(mm*72/25.4, 'f', 1, 64) + "pt" }
	return "margin-left:" + pt(x) + ";margin-top:" + pt(y) + ";width:" + pt(w) + ";height:" + pt(h) + ";"
}

// shape writes a shape placed on the page (x, y, w, h in mm) as Word
// writes one: a DrawingML shape (wsp, the content of wps:wsp) for Word 2010
// and later, WPS and LibreOffice, and the same in VML (pict) for older
// readers.
func (d *docxBuilder) shape(id int, x, y, w, h float64, behind bool, wsp, pict string) {
	n, back := strconv.Itoa(id), "0"
	if behind {
		back = "1"
	}
	d.raw(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>` +
		`<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="` + n + `" behindDoc="` + back + `" locked="1" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>` + emu(x) + `</wp:posOffset></wp:positionH>` +
		`<wp:positionV relativeFrom="page"><wp:posOffset>` + emu(y) + `</wp:posOffset></wp:positionV>` +
		`<wp:extent cx="` + emu(w) + `" cy="` + emu(h) + `"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
		`<wp:docPr id="` + n + `" name="shape ` + n + `"/><wp:cNvGraphicFramePr/>` +
		`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>` + wsp + `</wps:wsp></a:graphicData></a:graphic>` +
		`</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>` + pict + `</w:pict></mc:Fallback></mc:AlternateContent></w:r>`)
}
