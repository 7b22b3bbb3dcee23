package exchange

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"starflag/model"
)

// ChartView says how the seating chart is drawn (docs/rules.md: left and right
// are judged from the seated person's own view).
const ChartView = "主席台在上方；本图按就座者本人的视角绘制（从座位后方面向主席台），图上的左右即就座者本人的左右；座号从图的左侧数起。"

// ChartViewFromPodium says how the meeting kit's second chart is drawn: the
// first one turned round, as the 主席台 sees the seats.
const ChartViewFromPodium = "主席台在下方；本图按主席台的视角绘制（从主席台面向座位），图上的左右与就座者本人的左右相反；座号仍按第一张图从左数起。"

func chartTitle(c model.SeatingChart) string { return c.Quarter.String() + " 会议座次图" }

func rowLabel(r int) string  { return "第" + strconv.Itoa(r) + "排" }
func seatLabel(s int) string { return strconv.Itoa(s) + "座" }

// SeatsText draws the chart in plain text (podium on top, one column per
// seat, the seat order under each name) followed by the seat list.
func SeatsText(c model.SeatingChart, list model.Table) []byte {
	var b bytes.Buffer
	b.WriteString(chartTitle(c) + "\n\n" + ChartView + "\n\n")
	perRow := 0
	for _, row := range c.Grid {
		perRow = max(perRow, len(row))
	}
	cw := 6 // "座次10"
	for _, s := range c.Seats {
		cw = max(cw, width(textCell(s.Unit.Name)))
	}
	cw += 2
	label := 0
	for r := range c.Grid {
		label = max(label, width(rowLabel(r+1)))
	}
	indent := strings.Repeat(" ", label+2)
	total := cw * perRow
	line := func(s string) { b.WriteString(strings.TrimRight(s, " ") + "\n") }
	line(indent + centre("【 主 席 台 】", total))
	line(indent + strings.Repeat("=", total))
	var nums strings.Builder
	for k := range perRow {
		nums.WriteString(centre(seatLabel(k+1), cw))
	}
	line(indent + nums.String())
	for r, row := range c.Grid {
		var names, orders strings.Builder
		for k := range row {
			s := c.At(r, k)
			if s == nil {
				names.WriteString(centre("（空）", cw))
				orders.WriteString(strings.Repeat(" ", cw))
				continue
			}
			names.WriteString(centre(textCell(s.Unit.Name), cw))
			orders.WriteString(centre("座次"+strconv.Itoa(s.Order), cw))
		}
		line(pad(rowLabel(r+1), label, false) + "  " + names.String())
		line(indent + orders.String())
	}
	b.WriteString("\n")
	list.Title = c.Quarter.String() + " 座次表"
	b.Write(TableText(list))
	return b.Bytes()
}

// SeatsMarkdown gives the chart as a table (a column per seat, podium
// above) followed by the seat list.
func SeatsMarkdown(c model.SeatingChart, list model.Table) []byte {
	var b bytes.Buffer
	b.WriteString("# " + mdEscape(chartTitle(c)) + "\n\n" + mdLine(ChartView) + "\n\n")
	perRow := 0
	for _, row := range c.Grid {
		perRow = max(perRow, len(row))
	}
	b.WriteString("**【 主 席 台 】**\n\n")
	b.WriteString("| 排 \\\\ 座 |")
	for k := range perRow {
		b.WriteString(" " + seatLabel(k+1) + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat(":---:|", perRow) + "\n")
	for r, row := range c.Grid {
		b.WriteString("| " + rowLabel(r+1) + " |")
		for k := range row {
			if s := c.At(r, k); s != nil {
				fmt.Fprintf(&b, " %s（座次%d） |", mdEscape(s.Unit.Name), s.Order)
			} else {
				b.WriteString(" （空） |")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n## 座次表\n\n")
	writeMarkdownTable(&b, list)
	return b.Bytes()
}

// seatsCSS: the sheets are exactly A4 landscape with no printer margin, so
// each placard fills its sheet; the chart page keeps its own margin.
const seatsCSS = `
@page { size: A4 landscape; margin: 0; }
.page { width: 297mm; }
.chart { padding: 12mm 12mm 10mm; }
.podium { margin: 0 auto 6mm; width: 45%; padding: 2.5mm 0; border: 0.6mm solid #333; background: #f2f2f2;
  text-align: center; font-size: 6mm; font-weight: bold; letter-spacing: 0.6em; text-indent: 0.6em; }
.row { display: flex; align-items: stretch; margin-bottom: 4mm; break-inside: avoid; page-break-inside: avoid; }
.rowlabel { flex: 0 0 14mm; display: flex; align-items: center; font-size: 3.6mm; color: #444; }
.seats { flex: 1 1 auto; display: grid; gap: 1.5mm; }
.seat { border: 0.4mm solid #333; border-radius: 1mm; padding: 2mm 0.5mm; text-align: center; min-width: 0; }
.seat.empty { border-style: dashed; border-color: #aaa; }
.sname { font-weight: bold; white-space: nowrap; overflow: hidden; }
.sinfo, .snum { font-size: 2.8mm; color: #444; white-space: nowrap; margin-top: 1mm; }
.sinfo { white-space: normal; }
.sinfo span { white-space: nowrap; }
.snum { color: #888; }
.seatnums { display: flex; margin-bottom: 1mm; }
.band { height: 4mm; }
.view { font-size: 3.4mm; color: #333; margin: 2mm 0 5mm; text-align: center; }
.placard { position: relative; height: 210mm; overflow: hidden; break-before: page; page-break-before: always; }
.half { height: 105mm; display: flex; align-items: center; justify-content: center; overflow: hidden; }
.upper { transform: rotate(180deg); }
.pname { font-weight: 900; white-space: nowrap; line-height: 1; }
.fold { position: absolute; left: 0; right: 0; top: 105mm; border-top: 0.3mm dashed #999; }
.foldnote { position: absolute; right: 6mm; top: 106mm; font-size: 2.6mm; color: #999; }
.corner { position: absolute; left: 8mm; bottom: 6mm; font-size: 3.2mm; color: #666; }
@media screen { .placard { height: 210mm; } }
`

// seatParts draw the seating chart ("chart": its rows with the podium on
// top, or at the bottom when seen from the podium) and a placard; the
// seats page and the meeting kit both use them.
const seatParts = `{{define "chart"}}{{if not .FromPodium}}<div class="podium">主席台</div>
{{end}}{{range $i, $band := .Bands}}{{if $i}}<div class="band"></div>
{{end}}{{range $band}}<div class="row"><div class="rowlabel">{{.Label}}</div><div class="seats" style="grid-template-columns: repeat({{$.PerRow}}, minmax(0, 1fr))">
{{range .Seats}}{{if .Name}}<div class="seat"><div class="sname" style="font-size: {{$.NameSize}}mm">{{.Name}}</div><div class="sinfo"><span>座次 {{.Order}}</span> <span>名次 {{.Rank}}</span></div><div class="snum">{{.Seat}}</div></div>
{{else}}<div class="seat empty"><div class="sname" style="font-size: {{$.NameSize}}mm">&nbsp;</div><div class="sinfo">&nbsp;</div><div class="snum">{{.Seat}}</div></div>
{{end}}{{end}}</div></div>
{{end}}{{end}}{{if .FromPodium}}<div class="podium">主席台</div>
{{end}}<p class="view">{{.View}}</p>
{{end}}{{define "placard"}}<section class="page placard">
<div class="half upper"><span class="pname" style="font-size: {{.Size}}mm">{{.Name}}</span>{{template "person" .}}</div>
<div class="fold"></div><div class="foldnote">沿此线对折</div>
<div class="half lower"><span class="pname" style="font-size: {{.Size}}mm">{{.Name}}</span>{{template "person" .}}</div>
<div class="corner">{{.Where}}</div>
</section>
{{end}}{{define "person"}}{{if .Person}}<span class="person">{{.Person}}</span>{{end}}{{end}}`

var seatsTemplate = page("seats", seatParts+`{{template "head" .}}<body>
<section class="page chart">
<h1>{{.Title}}</h1>
{{template "chart" .Chart}}{{template "grid" .List}}
</section>
{{range .Placards}}{{template "placard" .}}{{end}}</body>
</html>
`)

type htmlSeat struct {
	Name        string
	Order, Rank int
	Seat        string
}

type htmlRow struct {
	Label string
	Seats []htmlSeat
}

// htmlChart is the seating chart as drawn: from the seats (the podium on
// top) or from the podium (the chart turned round, the podium below). Its
// rows are drawn in bands of at most PerRow seats, one under the other: a
// row longer than maxChartColumns goes on in the next band.
type htmlChart struct {
	FromPodium bool
	PerRow     int
	NameSize   string
	Bands      [][]htmlRow
	View       string
}

type htmlPlacard struct {
	Name   string
	Person string // 出席人 and 职务 (the meeting kit), or ""
	Size   string // font size in mm
	Where  string
}

// ems is the width of s printed large in a heavy Chinese font, in em, as
// the widest of the usual renderers prints it: a Chinese character is one
// em; a narrow one (a digit, a Latin letter) half an em in 黑体 but 0.7 in
// the Latin font LibreOffice or a browser falls back to when 黑体 is
// missing (DejaVu Sans Bold); and LibreOffice puts 0.2 em between Chinese
// and narrow text whatever the document says (wideGaps). At least one em.
func ems(s string) float64 {
	e := 0.0
	for _, r := range s {
		switch width(string(r)) {
		case 0:
		case 1:
			e += 0.7
		default:
			e++
		}
	}
	return max(1, e+0.2*float64(wideGaps(s)))
}

// mm formats a length with one decimal.
func mm(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// SeatsHTML is the print-ready page: the chart and the seat list on the
// first A4 landscape sheet, then one placard (桌签) per unit in seat order,
// each on its own sheet, to be folded along the long middle line into a
// tent: the name on both halves, the upper half rotated 180°, so it reads
// upright from the seat and from the podium; row and seat small in a corner
// for the staff who lay them out.
func SeatsHTML(c model.SeatingChart, list model.Table) ([]byte, error) {
	list.Title = ""
	var b bytes.Buffer
	err := seatsTemplate().Execute(&b, struct {
		Title    string
		CSS      template.CSS
		Chart    htmlChart
		List     htmlTable
		Placards []htmlPlacard
	}{chartTitle(c), template.CSS(baseCSS + seatsCSS), chartOf(c, false), toHTMLTable(list), placardsOf(c, false)})
	return b.Bytes(), err
}

// chartOf lays out c for the page, from the seats or from the podium.
func chartOf(c model.SeatingChart, fromPodium bool) htmlChart {
	full := 1
	for _, row := range c.Grid {
		full = max(full, len(row))
	}
	perRow := min(full, maxChartColumns)
	longest := 3.0
	for _, s := range c.Seats {
		longest = max(longest, ems(s.Unit.Name))
	}
	// 273 mm of sheet inside the margins, less the row label and gaps.
	box := (273.0-14.0)/float64(perRow) - 1.5
	h := htmlChart{FromPodium: fromPodium, PerRow: perRow, NameSize: mm(max(1.0, min(7.0, (box-4)/longest))), View: ChartView}
	if fromPodium {
		h.View = ChartViewFromPodium
	}
	var rows []htmlRow
	for r, grid := range c.Grid {
		hr := htmlRow{Label: rowLabel(r + 1)}
		for k := range grid {
			hs := htmlSeat{Seat: seatLabel(k + 1)}
			if s := c.At(r, k); s != nil {
				hs.Name, hs.Order, hs.Rank = s.Unit.Name, s.Order, s.Rank
			}
			hr.Seats = append(hr.Seats, hs)
		}
		if fromPodium {
			slices.Reverse(hr.Seats)
		}
		rows = append(rows, hr)
	}
	if fromPodium {
		slices.Reverse(rows)
	}
	for lo := 0; lo < full; lo += perRow {
		band := make([]htmlRow, len(rows))
		for i, r := range rows {
			band[i] = htmlRow{Label: r.Label, Seats: r.Seats[min(lo, len(r.Seats)):min(lo+perRow, len(r.Seats))]}
		}
		h.Bands = append(h.Bands, band)
	}
	return h
}

// placardsOf is a placard per unit in seat order; with people, the 出席人
// and 职务 under the name.
func placardsOf(c model.SeatingChart, people bool) []htmlPlacard {
	var placards []htmlPlacard
	for _, s := range c.Seats {
		// The name fills 255 mm of width at most and 78 mm of height (60
		// with a person's line under it).
		size := min(78.0, 255.0/ems(s.Unit.Name))
		p := htmlPlacard{Name: s.Unit.Name, Where: fmt.Sprintf("%s %s %s · 座次 %d", c.Quarter, rowLabel(s.Place.Row), seatLabel(s.Place.Seat), s.Order)}
		if people {
			p.Person = person(s.Unit)
		}
		if p.Person != "" {
			size = min(size, 60.0)
		}
		p.Size = mm(size)
		placards = append(placards, p)
	}
	return placards
}

// person is the line under a unit's name on its placard: 职务 and 出席人
// ("区委书记　张三"), either alone, or "".
func person(u model.Unit) string {
	return strings.TrimSpace(u.Post + "\u3000" + u.Attendee)
}
