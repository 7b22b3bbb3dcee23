package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// rankingBody is screen 1, 综合排名: rank, movement, unit, composite,
// stars per section, then the unit's flags and warnings in words
// (红旗：勇当排头  红牌：约谈提醒), in seat order. Columns are sized by
// measuring the data and the screen: the richest layout that leaves the
// flags and warnings room to be written whole (markFits).
func (c *common) rankingBody(w, h int) body {
	r := c.current()
	var b body
	b.fixed = c.notice(r, w)
	if r == nil || !hasScores(r) {
		return b
	}
	t := c.rankingTable(r, w)
	b.fixed = append(b.fixed, t.head())
	room := h - len(b.fixed)
	ss, lines, heads := c.groupHeads(r, t.lines, w)
	total := len(lines) - 1
	for _, k := range lines {
		total += k
	}
	// Spread out on a big screen: a blank line between units when it fits.
	b.unitRows(lines, len(t.sep) >= 3 && total <= room, func(i, k int) string {
		if heads[i] != "" {
			if k == 0 {
				return heads[i]
			}
			k--
		}
		return t.line(ss[i], k)
	})
	b.id = func(i int) int64 { return ss[i].Unit.ID }
	return b
}

// groupHeads orders r's standings group after group (as they are, without
// groups) and puts a heading line over the first unit of each group: the
// standings, each unit's lines with its heading, and the headings ("" for
// none). lines are the units' lines in the order of r.Standings.
func (c *common) groupHeads(r *model.Result, lines []int, w int) ([]model.Standing, []int, []string) {
	heads := make([]string, len(r.Standings))
	if !r.Grouped() {
		return r.Standings, lines, heads
	}
	at := make(map[int64]int, len(r.Standings))
	for i, s := range r.Standings {
		at[s.Unit.ID] = i
	}
	var ss []model.Standing
	var out []int
	for _, g := range r.ByGroup() {
		for k, s := range g {
			if k == 0 {
				heads[len(ss)] = c.groupHead(s.Group, len(g), "组内排名", w)
			}
			ss = append(ss, s)
			out = append(out, lines[at[s.Unit.ID]]+b2i(k == 0))
		}
	}
	return ss, out, heads
}

// groupHead is the heading of a group on the ranking and stars pages: its
// name, its size and how it is judged (note).
func (c *common) groupHead(name string, n int, note string, w int) string {
	head := "【" + name + "】" + strconv.Itoa(n) + " 个区市"
	if note != "" {
		head += "，" + note
	}
	return c.styles.Head.Render(ansi.Truncate(head, w, ""))
}

// marksTitle heads the column of flags and warnings.
const marksTitle = "红旗与警示"

// markTable is a table whose last column holds each unit's flags and
// warnings, possibly on several lines; the other columns are fixed.
type markTable struct {
	c     *common
	cols  []column // without the marks column
	sep   string
	marks *markSet
	fit   markFit
	markW int
	lines []int // lines per unit
	cells func(s model.Standing) []cell
}

// head is the header row, the marks column included.
func (t *markTable) head() string {
	cols := append(t.cols[:len(t.cols):len(t.cols)], column{marksTitle, t.markW, false})
	return tableHeadSep(cols, t.c.styles.Head, t.sep)
}

// line draws line k of s's row: the cells and the first line of marks,
// then blank cells under further lines of marks.
func (t *markTable) line(s model.Standing, k int) string {
	ms := t.marks.cellLines(s, t.markW, t.fit)
	mark := ""
	if k < len(ms) {
		mark = ms[k]
	}
	var cells []cell
	if k == 0 {
		cells = t.cells(s)
	}
	return strings.TrimRight(tableRowSep(t.cols, cells, t.sep)+t.sep+mark, " ")
}

// layoutMarks picks, for the candidate tables (their widths without the
// marks column, richest first), the first that leaves room for every unit's
// marks under the first markFit that can: full words on one line before
// wrapped ones, before short forms (or the fits given). Candidates from
// resort on are last resorts, tried only when no fit works with the others.
// It returns the candidate, the fit and the marks column's width (at least
// the title's).
func layoutMarks(widths []int, resort, w int, zs []markSizes, fits ...markFit) (int, markFit, int) {
	head := lipgloss.Width(marksTitle)
	if len(fits) == 0 {
		fits = markFits
	}
	for _, cands := range [][2]int{{0, resort}, {resort, len(widths)}} {
		for _, f := range fits {
			need := f.need(zs)
			if need < 0 {
				continue
			}
			need = max(need, head)
			for i := cands[0]; i < cands[1]; i++ {
				if w-widths[i] >= need {
					return i, f, w - widths[i]
				}
			}
		}
	}
	last := len(widths) - 1
	return last, fits[len(fits)-1], max(w-widths[last], head)
}

// finish measures every unit's marks in the chosen column: the lines per
// unit, and the column narrowed to the widest marks drawn.
func (t *markTable) finish(ss []model.Standing, zs []markSizes, avail int) {
	t.lines = make([]int, len(ss))
	t.markW = lipgloss.Width(marksTitle)
	for i, z := range zs {
		t.lines[i] = 1
		if z[0][0].n == 0 {
			continue
		}
		short, level, ok := t.fit.fit(z, avail)
		if !ok {
			short, level = true, markLevels-1
		}
		c := z[b2i(short)][level]
		t.lines[i], t.markW = max(c.n, 1), max(t.markW, c.w)
	}
	t.markW = min(t.markW, max(avail, lipgloss.Width(marksTitle)))
}

// tableWidth is the width of cols joined by sep, before the marks column.
func tableWidth(cols []column, sep int) int {
	n := 0
	for _, c := range cols {
		n += c.width + sep
	}
	return n
}

// rankingTable lays the ranking out for width w. Candidates, richest
// first: full unit names and section names, section names of four and then
// two characters, short unit names, each with column gaps of 4 down to 1
// cells; the last resort leaves out the stars (the 评星 page has them).
func (c *common) rankingTable(r *model.Result, w int) *markTable {
	m := c.marksOf(r)
	zs := make([]markSizes, len(r.Standings))
	nameW := [2]int{lipgloss.Width("区市"), lipgloss.Width("区市")} // full, short
	up, down, stars := 0, 0, 0
	for i, s := range r.Standings {
		zs[i] = m.sizes(s)
		nameW[0] = max(nameW[0], c.textW(s.Unit.Name))
		nameW[1] = max(nameW[1], c.textW(s.Unit.Label()))
		up, down = max(up, s.InGroup.Movement()), max(down, -s.InGroup.Movement())
		for _, cd := range s.Sections {
			stars = max(stars, cd.Stars)
		}
	}
	g := c.glyphs
	moveW := max(lipgloss.Width("变化"), c.textW(g.New), c.textW(g.Same),
		c.textW(g.Up+strconv.Itoa(up)), c.textW(g.Down+strconv.Itoa(down)))
	starW := c.textW(g.Stars(stars))
	type cand struct {
		full     bool
		runes    int // section titles shortened to this many characters, 0 = whole
		sections bool
		sep      int
	}
	var cands []cand
	var widths []int
	var colsOf [][]column
	for _, cd := range []cand{{true, 0, true, 0}, {true, 4, true, 0}, {false, 4, true, 0}, {false, 2, true, 0}, {false, 2, false, 0}} {
		seps := []int{4, 3, 2, 1}
		if !cd.sections {
			seps = []int{1}
		}
		cols := []column{{"名次", lipgloss.Width("名次"), true}, {"变化", moveW, false},
			{"区市", nameW[b2i(!cd.full)], false}, {"综合得分", lipgloss.Width("综合得分"), true}}
		if cd.sections {
			for _, s := range r.Sections {
				title := s.Name
				if cd.runes > 0 {
					title = firstRunes(title, cd.runes)
				}
				cols = append(cols, column{title, max(c.textW(title), starW), true})
			}
		}
		for _, sep := range seps {
			cd.sep = sep
			cands = append(cands, cd)
			colsOf = append(colsOf, cols)
			widths = append(widths, tableWidth(cols, sep))
		}
	}
	i, f, avail := layoutMarks(widths, len(widths)-1, w, zs)
	cd := cands[i]
	t := &markTable{c: c, cols: colsOf[i], sep: strings.Repeat(" ", cd.sep), marks: m, fit: f}
	t.finish(r.Standings, zs, avail)
	t.cells = func(s model.Standing) []cell {
		comp := c.glyphs.Dash
		if s.Complete {
			comp = s.Composite.String()
		}
		cells := []cell{c.rankCell(s), c.movement(s), plainCell(unitName(s.Unit, !cd.full)), plainCell(comp)}
		if cd.sections {
			for _, sc := range s.Sections {
				cells = append(cells, plainCell(starMark(sc.Stars, c.glyphs))) // blank: no score, or no stars
			}
		}
		return cells
	}
	return t
}
