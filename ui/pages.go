package ui

import (
	"cmp"
	"sort"
	"strconv"

	"starflag/model"
)

// body is a page's content: fixed lines (headings, table header) stay on
// top, rows scroll. Long tables add count lazy rows drawn by row after the
// eager rows, so only the visible rows are drawn (200 units must render in
// well under 2 ms).
type body struct {
	fixed []string
	rows  []string
	count int
	row   func(i int) string
	// unit says which unit row i (eager rows first) belongs to, -1 for
	// none (a blank line, a note): a unit's lines are shown or hidden
	// together, and hidden units are counted. nil: no row is a unit. A
	// unit's consecutive rows share an id; it may be listed again later.
	unit func(i int) int
	// id is the unit ID of unit u (unit's value): on the pages whose units
	// can be highlighted and open a card. nil: none can.
	id func(u int) int64
	// noun counts hidden units ("" = 个区市): a card's wrapped lines are
	// kept whole as units are, and counted as 条.
	noun string
}

// size is the number of scrollable rows.
func (b body) size() int { return len(b.rows) + b.count }

// window draws rows [from, to).
func (b body) window(from, to int) []string {
	out := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		if i < len(b.rows) {
			out = append(out, b.rows[i])
		} else {
			out = append(out, b.row(i-len(b.rows)))
		}
	}
	return out
}

// unitOf is the unit of row i, -1 for none.
func (b body) unitOf(i int) int {
	if b.unit == nil || i < 0 || i >= b.size() {
		return -1
	}
	return b.unit(i)
}

// inside reports whether row i continues the unit of the row above it.
func (b body) inside(i int) bool {
	u := b.unitOf(i)
	return i > 0 && u >= 0 && u == b.unitOf(i-1)
}

// unitStart moves i back to the first row of its unit.
func (b body) unitStart(i int) int {
	for b.inside(i) {
		i--
	}
	return i
}

// room is how many rows a page shows in h lines: all of them when they
// fit, else h-1 (the last line says what is hidden).
func (b body) room(h int) int {
	if b.size() <= h {
		return h
	}
	return max(h-1, 0)
}

// demote moves the fixed lines into the scrolling rows when they leave
// fewer than two of h lines for the rows (a tall heading on a small
// screen): what does not fit then scrolls and is counted, never cut.
func (b body) demote(h int) body {
	n := len(b.fixed)
	if n == 0 || n+min(b.size(), 2) <= h {
		return b
	}
	out := body{rows: append(append([]string{}, b.fixed...), b.rows...), count: b.count, row: b.row, id: b.id, noun: b.noun}
	if unit := b.unit; unit != nil {
		out.unit = func(i int) int {
			if i < n {
				return -1
			}
			return unit(i - n)
		}
	}
	return out
}

// maxOffset is the largest useful scroll offset in h lines.
func (b body) maxOffset(h int) int { return max(b.size()-b.room(h), 0) }

// snap moves a scroll offset off the middle of a unit: forward when
// scrolling down (dir > 0), else back to the unit's first row.
func (b body) snap(offset, dir int) int {
	if dir > 0 {
		for offset < b.size() && b.inside(offset) {
			offset++
		}
		return offset
	}
	return b.unitStart(offset)
}

// shown is the range of rows shown in h lines from offset: whole units
// only, a unit cut by the bottom edge is left for the next screen.
func (b body) shown(offset, h int) (from, to int) {
	n, room := b.size(), b.room(h)
	end := max(n-room, 0)
	from = b.unitStart(min(max(offset, 0), end))
	if offset >= end && from < end && room > 0 {
		// The end asked for, but the last screenful starts inside a unit:
		// start after it, or the last unit would never be shown.
		from = b.snap(end, 1)
	}
	to = min(from+room, n)
	if room == 0 {
		return from, from
	}
	if s := b.unitStart(to); to < n && s > from {
		to = s
	}
	return from, to
}

// hidden counts what is not shown outside [from, to): the units that have
// no row on screen (a unit listed twice counts once), else rows.
func (b body) hidden(from, to int) (above, below int, units bool) {
	seen := map[int]bool{}
	for i := from; i < to; i++ {
		seen[b.unitOf(i)] = true
	}
	count := func(lo, hi int) (u, r int) {
		for i := lo; i < hi; i++ {
			if id := b.unitOf(i); id >= 0 && !seen[id] {
				seen[id] = true
				u++
			}
			r++
		}
		return u, r
	}
	ua, ra := count(0, from)
	ub, rb := count(to, b.size())
	if ua+ub > 0 {
		return ua, ub, true
	}
	return ra, rb, false
}

// scrollHint is how the dashboard says what to press to see hidden rows.
const scrollHint = "按上下键或 PgUp/PgDn 滚动"

// bodyRows draws b's rows in h lines from offset. When rows are hidden the
// last line says how many units (or rows) above and below, and how to see
// them: a page never hides a unit silently.
func (c *common) bodyRows(b body, offset, h, w int, how string) []string {
	if h <= 0 {
		return nil
	}
	from, to := b.shown(offset, h)
	out := b.window(from, to)
	above, below, units := b.hidden(from, to)
	if above+below == 0 {
		return out
	}
	what := "行"
	if units {
		what = cmp.Or(b.noun, "个区市")
	}
	var long, short string
	switch {
	case above > 0 && below > 0:
		measure := "个"
		if units && b.noun != "" {
			measure = b.noun
		}
		long = "上面还有 " + strconv.Itoa(above) + " " + measure + "、下面还有 " + strconv.Itoa(below) + " " + what + "：" + how
		short = "上 " + strconv.Itoa(above) + "、下 " + strconv.Itoa(below) + " " + what + "未显示"
	case above > 0:
		long = "上面还有 " + strconv.Itoa(above) + " " + what + "：" + how
		short = strconv.Itoa(above) + " " + what + "未显示（在上面）"
	default:
		long = "下面还有 " + strconv.Itoa(below) + " " + what + "：" + how
		short = strconv.Itoa(below) + " " + what + "未显示（在下面）"
	}
	for len(out) < b.room(h) {
		out = append(out, "")
	}
	return append(out, c.styles.Muted.Render(fit(w, " "+long, " "+short)))
}

// unitRows makes b's lazy rows n units of lines[i] lines each, with a blank
// line between units when spaced: line(i, k) draws line k of unit i.
func (b *body) unitRows(lines []int, spaced bool, line func(i, k int) string) {
	n := len(lines)
	starts := make([]int, n+1) // first row of each unit; starts[n] = count
	for i, k := range lines {
		starts[i+1] = starts[i] + k
		if spaced && i < n-1 {
			starts[i+1]++
		}
	}
	b.count = starts[n]
	at := func(j int) (int, int) { // unit and line in it (>= lines: the blank)
		i := sort.Search(n, func(i int) bool { return starts[i+1] > j })
		return i, j - starts[i]
	}
	b.row = func(j int) string {
		i, k := at(j)
		if k >= lines[i] {
			return ""
		}
		return line(i, k)
	}
	eager := len(b.rows)
	b.unit = func(j int) int {
		if j < eager {
			return -1
		}
		i, k := at(j - eager)
		if i >= n || k >= lines[i] {
			return -1
		}
		return i
	}
}

// addNotes puts lines that belong to no unit under the lazy rows.
func (b *body) addNotes(notes ...string) {
	n, row, unit, eager := b.count, b.row, b.unit, len(b.rows)
	b.count += len(notes)
	b.row = func(i int) string {
		if i >= n {
			return notes[i-n]
		}
		return row(i)
	}
	b.unit = func(i int) int {
		if i-eager >= n {
			return -1
		}
		return unit(i)
	}
}

// page is one page of the dashboard: everything the tabs, the keys, the
// export and presentation need to know about it. A new page is an entry in
// pages plus its own file with its body.
type page struct {
	title  string           // in the tabs and the title bar
	short  string           // in the tabs on narrow screens
	key    string           // the key that shows it (DefaultKeyMap binds it)
	export model.ExportKind // what x writes of the page's data
	body   func(c *common, w, h int) body
	// present draws the page for the projector (full screen, large type);
	// nil means the ordinary body, centred.
	present func(c *common, w, h int) string
	// cards: ↑/↓ highlight the page's units and Enter opens a unit's card
	// (card.go); the body's id names them.
	cards bool
}

// pages are the dashboard's pages, in tab order.
var pages = []page{
	{title: "综合排名", short: "排名", key: "1", export: model.ExportRanking, body: (*common).rankingBody, present: (*common).rankingPresent, cards: true},
	{title: "评星", short: "评星", key: "2", export: model.ExportStars, body: (*common).starsBody, cards: true},
	{title: "夺旗", short: "夺旗", key: "3", export: model.ExportFlags, body: (*common).flagsBody, present: (*common).flagsPresent, cards: true},
	{title: "座次", short: "座次", key: "4", export: model.ExportSeats, body: (*common).seatsBody},
	{title: "年度", short: "年度", key: "5", export: model.ExportYear, body: (*common).yearBody},
}
