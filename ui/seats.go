package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// seatsCaption says which way the chart is seen: from behind the seats, so
// the chart's left is the seated person's own left (docs/rules.md).
const seatsCaption = "图示方向：与座位上的人同向（面向主席台），左右以就座者自己的左右为准"

// seatsBody is screen 4, 座次: the seating chart (podium on top, front row
// nearest it) and the seat order list. The order and the chart positions
// come from the model (Standing.Seat, Layout.Chart, Layout.Places); this
// page only draws them.
func (c *common) seatsBody(w, h int) body {
	r := c.current()
	var b body
	b.fixed = c.notice(r, w)
	if r == nil || !hasScores(r) {
		return b
	}
	ranked := r.Ranked()
	provisional := !r.Complete()
	if len(ranked) == 0 {
		b.fixed = append(b.fixed, "", c.styles.Muted.Render("  还没有得分完整的区市，无法排座次。"))
		return b
	}
	narrow := w < 100

	var top []string
	if provisional {
		top = append(top, c.styles.Warning.Render(padRight("  暂定座次：本季度未完成，仅供参考，不是正式座次。", w)))
	}
	chart := c.seatChart(r, ranked, w, narrow, false)
	if tall := c.seatChart(r, ranked, w, narrow, true); !narrow && len(b.fixed)+len(top)+len(tall)+2+len(r.Standings)+1 <= h {
		chart = tall // a big screen: roomier boxes
	}
	top = append(top, chart...)
	top = append(top, "")

	places, _ := r.Rules.Layout.Places(len(ranked)) // nil when the layout is too small: the chart says so
	indent := "  "
	t := c.seatTable(r, places, w-len(indent))
	head := t.head()

	tied := false
	for i, s := range r.Standings {
		tied = tied || i > 0 && s.Rank != 0 && s.Rank == r.Standings[i-1].Rank
	}

	// The chart and the list header stay on screen while the list scrolls,
	// unless the chart is so tall that too few list rows would be left.
	if len(b.fixed)+len(top)+1+3 <= h {
		b.fixed = append(append(b.fixed, top...), indent+head)
	} else {
		b.rows = append(top, indent+head)
	}
	b.unitRows(t.lines, false, func(i, k int) string { return indent + t.line(r.Standings[i], k) })
	if tied {
		b.addNotes(c.styles.Muted.Render(padRight("  名次并列的区市，按上季度名次、再按区市顺序排座次。", w)))
	}
	return b
}

// seatTable is the seat order list: seat, unit, rank, composite, last
// quarter's rank, row and seat in the chart, flags and warnings. Columns are
// as wide as their data; when the marks need room, unit names shorten, then
// the headers (上季名次 → 上季).
func (c *common) seatTable(r *model.Result, places []model.Place, w int) *markTable {
	m := c.marksOf(r)
	zs := make([]markSizes, len(r.Standings))
	nameW := [2]int{lipgloss.Width("区市"), lipgloss.Width("区市")}
	for i, s := range r.Standings {
		zs[i] = m.sizes(s)
		nameW[0] = max(nameW[0], c.textW(s.Unit.Name))
		nameW[1] = max(nameW[1], c.textW(s.Unit.Label()))
	}
	seatTitle := "座次"
	if !r.Complete() {
		seatTitle = "暂定座次"
	}
	numW := max(len(strconv.Itoa(len(r.Standings))), lipgloss.Width(c.glyphs.Dash))
	num := func(title string) column { return column{title, max(lipgloss.Width(title), numW), true} }
	var widths []int
	var colsOf [][]column
	for _, v := range []struct {
		short    bool
		prevHead string
	}{{false, "上季名次"}, {true, "上季名次"}, {true, "上季"}} {
		cols := []column{num(seatTitle), {"区市", nameW[b2i(v.short)], false}, num("名次"),
			{"综合得分", lipgloss.Width("综合得分"), true}, num(v.prevHead), num("排"), num("座")}
		colsOf = append(colsOf, cols)
		widths = append(widths, tableWidth(cols, 1))
	}
	i, f, avail := layoutMarks(widths, len(widths), w, zs)
	short := i > 0
	t := &markTable{c: c, cols: colsOf[i], sep: " ", marks: m, fit: f}
	t.finish(r.Standings, zs, avail)
	t.cells = func(s model.Standing) []cell {
		dash := c.glyphs.Dash
		seat, row, pos, comp, prev := dash, "", "", dash, dash
		if s.Seat > 0 {
			seat = strconv.Itoa(s.Seat)
			if p := s.Seat - 1; p < len(places) {
				row, pos = strconv.Itoa(places[p].Row), strconv.Itoa(places[p].Seat)
			}
		}
		if s.Complete {
			comp = s.Composite.String()
		}
		if s.PrevRank > 0 {
			prev = strconv.Itoa(s.PrevRank)
		}
		return []cell{plainCell(seat), plainCell(unitName(s.Unit, short)), c.rankCellOf(s, r.SeatRank(s)), plainCell(comp),
			plainCell(prev), plainCell(row), plainCell(pos)}
	}
	return t
}

// seatBorder is the set of characters one seat box is drawn with.
type seatBorder struct{ h, v, tl, tm, tr, bl, bm, br string }

func (c *common) seatBorder(shared bool) seatBorder {
	switch {
	case c.glyphs.Border && shared:
		return seatBorder{"─", "│", "┌", "┬", "┐", "└", "┴", "┘"}
	case c.glyphs.Border:
		return seatBorder{"─", "│", "╭", "┬", "╮", "╰", "┴", "╯"}
	}
	return seatBorder{"-", "|", "+", "+", "+", "+", "+", "+"}
}

// seatFit is one way to draw the chart: which name goes in a box, how much
// padding, and whether neighbouring boxes share their walls (a grid).
type seatFit struct {
	label  func(u model.Unit) string // nil: number only, names in a legend
	pad    int
	gap    int // spaces between boxes; -1 = shared walls
	inner  int // interior width, set by measure
	rowW   int // one row's width without the row label, set by measure
	gutter int // width of the row label column
}

// seatChart draws the podium, each row of seats (front row first, nearest
// the podium), the left/right marks and the caption saying which way the
// chart is seen. It picks the widest readable labels that fit: full names,
// short names, two characters, or numbers with a legend.
func (c *common) seatChart(r *model.Result, ranked []model.Standing, w int, narrow, tall bool) []string {
	chart, err := r.Rules.Layout.Chart(len(ranked))
	if err != nil {
		return []string{c.styles.Error.Render(padRight("  座位图无法绘制："+c.errText(err), w))}
	}
	bySeat := make(map[int]model.Unit, len(ranked))
	for _, s := range ranked {
		bySeat[s.Seat] = s.Unit
	}
	perRow := len(chart[0])
	multi := len(chart) > 1

	full := func(u model.Unit) string { return u.Name }
	short := func(u model.Unit) string { return u.Label() }
	two := func(u model.Unit) string { return firstRunes(u.Label(), 2) }
	var fits []seatFit
	if !narrow {
		fits = append(fits, seatFit{label: full, pad: 2, gap: 2}, seatFit{label: full, pad: 2, gap: 1}, seatFit{label: full, pad: 0, gap: -1})
	}
	fits = append(fits, seatFit{label: short, pad: 2, gap: 1}, seatFit{label: short, pad: 0, gap: 1},
		seatFit{label: short, pad: 0, gap: -1}, seatFit{label: two, pad: 0, gap: -1}, seatFit{pad: 0, gap: -1})

	numW := len(strconv.Itoa(len(ranked)))
	var fit seatFit
	ok := false
	for _, f := range fits {
		f.inner = numW
		if f.label != nil {
			for _, s := range ranked {
				f.inner = max(f.inner, lipgloss.Width(f.label(s.Unit)))
			}
		}
		f.inner += f.pad
		if f.gap < 0 {
			f.rowW = perRow*(f.inner+1) + 1
		} else {
			f.rowW = perRow*(f.inner+2) + (perRow-1)*f.gap
		}
		if multi {
			f.gutter = 7 // "第1排 "
			if narrow {
				f.gutter = 4 // "1排 "
			}
		}
		if f.gutter+f.rowW <= w-2 {
			fit, ok = f, true
			break
		}
	}
	if !ok {
		return []string{c.styles.Muted.Render(padRight("  窗口太窄，画不下座位图：请看下方座次表，或放大窗口。", w))}
	}

	chartW := fit.gutter + fit.rowW
	margin := strings.Repeat(" ", max((w-chartW)/2, 1))
	gutter := strings.Repeat(" ", fit.gutter)
	var out []string

	// The podium is on top, centred over the seats.
	podW := min(max(fit.rowW/2, 12), fit.rowW)
	podium := c.styles.Podium.Render(center("主 席 台", podW))
	out = append(out, margin+gutter+strings.Repeat(" ", (fit.rowW-podW)/2)+podium, "")

	bd := c.seatBorder(fit.gap < 0)
	for ri, row := range chart {
		label := ""
		if multi {
			label = "第" + strconv.Itoa(ri+1) + "排"
			if narrow {
				label = strconv.Itoa(ri+1) + "排"
			}
		}
		out = append(out, c.seatRow(row, bySeat, fit, bd, margin, padRight(label, fit.gutter), gutter, tall)...)
		if ri < len(chart)-1 && fit.gap >= 0 {
			out = append(out, "") // an aisle between rows of separate boxes
		}
	}
	// Left and right as the seated people see them, and what a box holds.
	inBox := "方框内：区市、座次"
	if fit.label == nil {
		inBox = "方框内：座次"
	}
	sides := margin + gutter + "左" + center(inBox, fit.rowW-lipgloss.Width("左右")) + "右"
	out = append(out, c.styles.Muted.Render(sides))

	if fit.label == nil {
		out = append(out, wrapLines("  座位号即座次："+seatLegend(ranked), w)...)
	}
	out = append(out, wrapLines("  "+seatsCaption, w)...)
	return out
}

// seatRow draws one row of the chart: top walls, names, seat orders, bottom.
func (c *common) seatRow(row []int, bySeat map[int]model.Unit, f seatFit, bd seatBorder, margin, label, gutter string, tall bool) []string {
	var top, names, nums, bottom, blank strings.Builder
	for _, b := range []*strings.Builder{&top, &names, &nums, &bottom, &blank} {
		b.WriteString(margin)
	}
	top.WriteString(gutter)
	blank.WriteString(gutter)
	names.WriteString(label)
	nums.WriteString(gutter)
	bottom.WriteString(gutter)
	wall := strings.Repeat(bd.h, f.inner)
	for i, order := range row {
		name, num := "", ""
		if order > 0 {
			num = strconv.Itoa(order)
			if f.label != nil {
				name = f.label(bySeat[order])
			} else {
				name, num = num, ""
			}
		}
		nameCell, numCell := center(name, f.inner), center(num, f.inner)
		if order == 1 {
			nameCell = c.styles.RankTop.Render(nameCell)
		}
		if f.gap < 0 { // a grid: each box owns its left wall, the last one closes the row
			tl, bl := bd.tm, bd.bm
			if i == 0 {
				tl, bl = bd.tl, bd.bl
			}
			top.WriteString(tl + wall)
			names.WriteString(bd.v + nameCell)
			nums.WriteString(bd.v + numCell)
			blank.WriteString(bd.v + strings.Repeat(" ", f.inner))
			bottom.WriteString(bl + wall)
			if i == len(row)-1 {
				top.WriteString(bd.tr)
				names.WriteString(bd.v)
				nums.WriteString(bd.v)
				blank.WriteString(bd.v)
				bottom.WriteString(bd.br)
			}
			continue
		}
		if i > 0 {
			sp := strings.Repeat(" ", f.gap)
			for _, b := range []*strings.Builder{&top, &names, &nums, &bottom, &blank} {
				b.WriteString(sp)
			}
		}
		top.WriteString(bd.tl + wall + bd.tr)
		names.WriteString(bd.v + nameCell + bd.v)
		nums.WriteString(bd.v + numCell + bd.v)
		blank.WriteString(bd.v + strings.Repeat(" ", f.inner) + bd.v)
		bottom.WriteString(bd.bl + wall + bd.br)
	}
	out := []string{top.String()}
	if tall {
		out = append(out, blank.String())
	}
	out = append(out, names.String())
	if f.label != nil {
		out = append(out, nums.String())
	}
	if tall {
		out = append(out, blank.String())
	}
	return append(out, bottom.String())
}

// seatLegend is "1 市南区  2 西海岸新区 …" for a number-only chart.
func seatLegend(ranked []model.Standing) string {
	parts := make([]string, len(ranked))
	for i, s := range ranked {
		parts[i] = strconv.Itoa(s.Seat) + " " + s.Unit.Label()
	}
	return strings.Join(parts, "  ")
}

// wrapLines wraps s to w cells (by display width) and indents follow-on
// lines like the first.
func wrapLines(s string, w int) []string {
	lines := strings.Split(ansi.Wrap(s, max(w-2, 10), ""), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = "  " + strings.TrimLeft(lines[i], " ")
	}
	return lines
}
