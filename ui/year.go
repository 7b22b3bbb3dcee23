package ui

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// yearBody is screen 5, 年度: a bump chart of the quarterly composite ranks
// of the shown quarter's year, then the annual table (annual rank, score,
// tier, flags, first places, 进位显著奖). Everything shown is a field of
// a.year (model.AnnualView); the page computes no rule.
func (c *common) yearBody(w, h int) body {
	y := c.year
	narrow := w < 100
	var b body
	// On a small screen the year stands in the chart header instead, unless
	// there is something more to say.
	if !narrow || len(y.Incomplete) > 0 || len(y.Rows) == 0 {
		b.fixed = []string{c.yearTitle(w, narrow)}
	}
	if t := y.MethodText(narrow); t != "" && len(y.Rows) > 0 { // how the annual score is formed
		b.fixed = append(b.fixed, c.styles.Muted.Render(ansi.Truncate("  "+t+"。", w, "")))
	}
	if len(y.Rows) == 0 {
		b.fixed = append(b.fixed, "", "  "+strconv.Itoa(y.Year)+" 年还没有得分完整的季度，年度排名暂无。",
			c.styles.Muted.Render("  用 [ ] 查看其他季度。"))
		return b
	}

	cols, tableRowAt := c.yearTable(w, narrow)
	var notes []string
	if c.yearHasBlank() {
		notes = append(notes, c.styles.Muted.Render(padRight("  名次空白：该区市当季未参加考核。", w)))
	}
	rowsN := len(y.Rows) + len(notes)
	rowAt := func(i int) string {
		if i < len(y.Rows) {
			return tableRowAt(i)
		}
		return notes[i-len(y.Rows)]
	}
	head := " " + tableHead(cols, c.styles.Head)

	// The chart grows taller (more lines per rank) when the table still fits
	// below it; on small screens it is one line per rank and the table scrolls.
	bump := model.BumpChartOf(y)
	n := bump.Ranks
	// Past a screenful of ranks a bump chart is a tangle: draw the top ones.
	capped := n > bumpMaxRanks
	n = min(n, bumpMaxRanks)
	gap := []string{""}
	if narrow {
		gap = nil
	}
	avail := h - len(b.fixed) - 1 - len(gap) - 1 - rowsN // chart header, gap, table header
	vs := 1
	for vs < 3 && (n-1)*(vs+1)+1 <= avail {
		vs++
	}
	chart := c.bumpChart(bump, w, n, vs, narrow)
	if capped {
		chart = append(chart, c.styles.Muted.Render(padRight("  走势图只画前 "+strconv.Itoa(n)+" 名；完整名次见下表。", w)))
	}

	chart = append(chart, gap...)
	b.count, b.row = rowsN, rowAt
	if len(b.fixed)+len(chart)+1+3 <= h {
		b.fixed = append(append(b.fixed, chart...), head)
	} else {
		b.rows = append(chart, head)
	}
	eager := len(b.rows)
	b.unit = func(i int) int {
		if i -= eager; i >= 0 && i < len(y.Rows) {
			return i
		}
		return -1
	}
	return b
}

// yearTitle names the year, the quarters that count and those that do not.
func (c *common) yearTitle(w int, narrow bool) string {
	y := c.year
	t := "  " + strconv.Itoa(y.Year) + " 年度"
	if len(y.Quarters) > 0 {
		qs := make([]string, len(y.Quarters))
		for i, q := range y.Quarters {
			qs[i] = "Q" + strconv.Itoa(q.Q)
		}
		t += "  计入：" + strings.Join(qs, "、")
	}
	if len(y.Incomplete) > 0 {
		qs := make([]string, len(y.Incomplete))
		for i, q := range y.Incomplete {
			qs[i] = "Q" + strconv.Itoa(q.Q)
		}
		t += "  " + c.styles.Warning.Render("未完成（不计入）："+strings.Join(qs, "、"))
	}
	if !narrow {
		t += c.styles.Muted.Render("  图：各季度综合名次，自上而下第 1 名至末名")
	}
	return t
}

// yearHasBlank reports whether a unit lacks a rank in a quarter that counts
// (it joined or left during the year).
func (c *common) yearHasBlank() bool {
	for _, r := range c.year.Rows {
		for _, q := range c.year.Quarters {
			if r.Ranks[q.Q-1] == 0 {
				return true
			}
		}
	}
	return false
}

// yearColumn is one column of the annual table and how to fill it; the
// columns with drop > 0 are left out, highest first, when the table is too
// wide for the screen.
type yearColumn struct {
	column
	drop int
	cell func(r model.AnnualRow) cell
}

// yearTable is the annual table: its columns and one line per unit.
func (c *common) yearTable(w int, narrow bool) ([]column, func(i int) string) {
	y := c.year
	incomplete := map[int]bool{}
	for _, q := range y.Incomplete {
		incomplete[q.Q] = true
	}
	num := func(n int) string {
		if n <= 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	topTier := y.Rows[0].Tier
	nameW, qW := lipgloss.Width("区市"), 3
	if !narrow {
		qW = 4
	}
	for _, r := range y.Rows {
		nameW = max(nameW, c.textW(unitName(r.Unit, narrow)))
	}
	rankTitle := "年度名次"
	if narrow {
		rankTitle = "名次"
	}
	all := []yearColumn{
		{column{rankTitle, lipgloss.Width(rankTitle), true}, 0, func(r model.AnnualRow) cell {
			if r.Rank == 0 {
				return plainCell(c.glyphs.Dash)
			}
			return styledIf(strconv.Itoa(r.Rank), c.styles.RankTop, r.Rank == 1)
		}},
		{column{"区市", nameW, false}, 0, func(r model.AnnualRow) cell { return plainCell(unitName(r.Unit, narrow)) }},
	}
	for q := range 4 {
		title, width := "Q"+strconv.Itoa(q+1), qW
		if !narrow && incomplete[q+1] {
			title, width = title+"未完成", 8
		}
		all = append(all, yearColumn{column{title, width, true}, 0, func(r model.AnnualRow) cell { return plainCell(num(r.Ranks[q])) }})
	}
	all = append(all,
		yearColumn{column{"年度得分", 8, true}, 0, func(r model.AnnualRow) cell {
			if r.Score == nil {
				return plainCell(c.glyphs.Dash)
			}
			return plainCell(r.ScoreRounded().String())
		}},
		yearColumn{column{"等次", 4, false}, 0, func(r model.AnnualRow) cell {
			return styledIf(r.Tier, c.styles.RankTop, r.Tier == topTier)
		}},
		yearColumn{column{"红旗", 4, true}, 0, func(r model.AnnualRow) cell {
			return styledIf(strconv.Itoa(r.FlagTotal()), c.styles.Flag, r.FlagTotal() > 0)
		}})
	if !narrow {
		for k, f := range y.FlagNames {
			title := flagLabel(f)
			all = append(all, yearColumn{column{title, max(lipgloss.Width(title), 4), true}, 3, func(r model.AnnualRow) cell {
				return plainCell(strconv.Itoa(r.Flags[k]))
			}})
		}
		all = append(all, yearColumn{column{"星数", 4, true}, 4, func(r model.AnnualRow) cell {
			stars := 0
			for _, s := range r.Stars {
				stars += s
			}
			return plainCell(strconv.Itoa(stars))
		}})
	}
	firstTitle, riseTitle, riseMark := "第一", "进位奖", "获奖"
	if !narrow {
		firstTitle, riseTitle, riseMark = "板块第一", "进位显著奖", "进位显著奖"
	}
	all = append(all, yearColumn{column{firstTitle, lipgloss.Width(firstTitle), true}, 0, func(r model.AnnualRow) cell {
		return plainCell(strconv.Itoa(r.FirstPlaces))
	}})
	if !narrow {
		all = append(all, yearColumn{column{"上年名次", 8, true}, 2, func(r model.AnnualRow) cell {
			if r.PrevRank == 0 {
				return plainCell(c.glyphs.Dash)
			}
			return plainCell(strconv.Itoa(r.PrevRank))
		}})
	}
	all = append(all, yearColumn{column{riseTitle, lipgloss.Width(riseTitle), false}, 0, func(r model.AnnualRow) cell {
		if r.Rise {
			return styled(riseMark, c.styles.Flag)
		}
		return plainCell("")
	}})
	if y.Vetoed { // 一票否决 in a counted quarter: no top tier
		all = append(all, yearColumn{column{c.glyphs.Veto, lipgloss.Width(c.glyphs.Veto), false}, 0, func(r model.AnnualRow) cell {
			if r.Vetoed > 0 {
				return styled(c.glyphs.Veto, c.styles.Warning)
			}
			return plainCell("")
		}})
	}

	// Leave out optional columns until the table fits (1 indent, 1 space
	// between columns).
	width := func(cs []yearColumn) int {
		n := 1
		for _, col := range cs {
			n += col.width + 1
		}
		return n - 1
	}
	for level := 4; level > 0 && width(all) > w; level-- {
		kept := all[:0:0]
		for _, col := range all {
			if col.drop != level {
				kept = append(kept, col)
			}
		}
		all = kept
	}

	cols := make([]column, len(all))
	for i, col := range all {
		cols[i] = col.column
	}
	cells := make([]cell, len(all))
	return cols, func(i int) string {
		for k, col := range all {
			cells[k] = col.cell(y.Rows[i])
		}
		return " " + tableRow(cols, cells)
	}
}

// bumpMaxRanks is how many ranks the bump chart draws at most.
const bumpMaxRanks = 20

// bumpChart draws the year's bump chart (model.BumpChartOf): x = Q1..Q4,
// y = rank 1 (top) to n, vs lines per rank, ASCII strokes between the
// nodes, the units at either end in the margins, and units whose line
// starts or ends inside the year named beside that node.
func (c *common) bumpChart(bc model.BumpChart, w, n, vs int, narrow bool) []string {
	if !slices.ContainsFunc(bc.Quarters[:], func(q model.BumpQuarter) bool { return q.Counted }) {
		return nil
	}
	const first, last = 0, 3
	capW := 14
	if narrow {
		capW = 10
	}
	labelW := func(m map[int][]string) int {
		lw := 0
		for _, v := range m {
			lw = max(lw, lipgloss.Width(strings.Join(v, "、")))
		}
		return min(lw, capW)
	}
	lw, rw := labelW(bc.Start), labelW(bc.End)
	rankW := len(strconv.Itoa(n))
	pre := 1 + rankW + 1 + lw + 1 // " 10 西海岸 "
	cw := w - pre - 1 - rw - 1
	if !narrow {
		cw = min(cw, 4+3*36) // very long flat strokes read badly
	}
	if cw < 13 {
		return []string{c.styles.Muted.Render(padRight("  窗口太窄，画不下名次走势图。", w))}
	}
	xs := [4]int{}
	for q := range 4 {
		xs[q] = q * (cw - 1) / 3
	}

	rowsN := (n-1)*vs + 1
	grid := make([][]string, rowsN)
	for i := range grid {
		grid[i] = make([]string, cw)
	}
	put := func(x, yy int, ch string) {
		if yy < 0 || yy >= rowsN || x < 0 || x >= cw {
			return
		}
		old := grid[yy][x]
		switch {
		case old == "" || old == ch:
			grid[yy][x] = ch
		case (old == "/" && ch == `\`) || (old == `\` && ch == "/"):
			grid[yy][x] = "X"
		case (old == "-" && ch == "|") || (old == "|" && ch == "-"):
			grid[yy][x] = "+"
		default:
			grid[yy][x] = ch
		}
	}
	ypos := func(rank int) int { return (rank - 1) * vs }
	for _, l := range bc.Lines {
		for q := range 3 {
			if l.Ranks[q] > 0 && l.Ranks[q+1] > 0 {
				if min(l.Ranks[q], l.Ranks[q+1]) <= n {
					stroke(put, xs[q], ypos(l.Ranks[q]), xs[q+1], ypos(l.Ranks[q+1]), rowsN-1)
				}
			}
		}
	}
	node := c.glyphs.Node
	if lipgloss.Width(node) != 1 {
		node = "o"
	}
	for _, l := range bc.Lines {
		for q := range 4 {
			if l.Ranks[q] > 0 && l.Ranks[q] <= n {
				grid[ypos(l.Ranks[q])][xs[q]] = node
			}
		}
	}
	for _, l := range bc.Lines {
		if l.First > first {
			writeLabel(grid, ypos(l.Ranks[l.First]), xs[l.First]-1-lipgloss.Width(l.Label), l.Label)
		}
		if l.Last >= 0 && l.Last < last {
			writeLabel(grid, ypos(l.Ranks[l.Last]), xs[l.Last]+2, l.Label)
		}
	}

	out := []string{c.bumpHeader(bc, pre, xs, cw, rw)}
	for yy := range grid {
		rankLabel, l, rt := "", "", ""
		if yy%vs == 0 {
			k := yy/vs + 1
			rankLabel = strconv.Itoa(k)
			l = strings.Join(bc.Start[k], "、")
			rt = strings.Join(bc.End[k], "、")
		}
		var line strings.Builder
		line.WriteString(" " + c.styles.Muted.Render(padLeft(rankLabel, rankW)) + " " + padLeft(l, lw) + " ")
		for _, ch := range grid[yy] {
			switch ch {
			case "":
				line.WriteByte(' ')
			case "\x00": // the second cell of a wide character
			default:
				line.WriteString(ch)
			}
		}
		line.WriteString(" " + padRight(rt, rw))
		out = append(out, line.String())
	}
	return out
}

// bumpHeader labels the quarter columns; incomplete quarters say 未完成
// and quarters that do not count yet are muted.
func (c *common) bumpHeader(bc model.BumpChart, pre int, xs [4]int, cw, rw int) string {
	var line strings.Builder
	line.WriteString(padRight(" "+strconv.Itoa(bc.Year)+"年", pre))
	at := 0 // cells written after the prefix
	for q := range 4 {
		label := "Q" + strconv.Itoa(q+1)
		if bc.Quarters[q].Incomplete {
			label += "未完成"
		}
		lw := lipgloss.Width(label)
		start := 0
		if q > 0 {
			start = min(max(xs[q]-lw/2, at+1), cw+1+rw-lw) // may run into the right margin
			if start <= at {
				continue
			}
		}
		line.WriteString(strings.Repeat(" ", start-at))
		switch {
		case bc.Quarters[q].Incomplete:
			line.WriteString(c.styles.Warning.Render(label))
		case bc.Quarters[q].Counted:
			line.WriteString(c.styles.Head.Render(label))
		default:
			line.WriteString(c.styles.Muted.Render(label))
		}
		at = start + lw
	}
	return line.String()
}

// stroke draws the segment between two nodes: a run of '-' on the first
// node's row, a 45° diagonal of '\' (down the chart, a worse rank) or '/'
// (up) centred in the gap, and a run of '-' to the second node. Two units
// that swap places draw a cross (\/ over /\). When the gap is too narrow
// for a 45° diagonal, each column takes a steeper share with '|'.
func stroke(put func(x, y int, c string), x1, y1, x2, y2, maxY int) {
	dx, dy := x2-x1, y2-y1
	k := max(dy, -dy)
	if k == 0 {
		for x := x1 + 1; x < x2; x++ {
			put(x, y1, "-")
		}
		return
	}
	slope, step := `\`, 1
	if dy < 0 {
		slope, step = "/", -1
	}
	if k+1 <= dx-1 {
		cx := x1 + 1 + (dx-1-(k+1))/2 // first column of the diagonal
		for x := x1 + 1; x < cx; x++ {
			put(x, y1, "-")
		}
		for j := 0; j <= k; j++ {
			put(cx+j, y1+j*step, slope)
		}
		for x := cx + k + 1; x < x2; x++ {
			put(x, y2, "-")
		}
		return
	}
	at := func(x float64) float64 { return float64(y1) + float64(dy)*(x-float64(x1))/float64(dx) }
	round := func(v float64) int { return int(math.Floor(v + 0.5)) }
	for x := x1 + 1; x < x2; x++ {
		ra, rb := round(at(float64(x)-0.5)), round(at(float64(x)+0.5))
		lo, hi := min(ra, rb), max(ra, rb)
		for yy := max(lo, 0); yy <= min(hi, maxY); yy++ { // off-chart parts are not drawn
			c := "|"
			if yy == lo || yy == hi {
				c = slope
			}
			put(x, yy, c)
		}
	}
}

// writeLabel writes a name into the chart from column x, skipping it when it
// would leave the chart or cover a node.
func writeLabel(grid [][]string, y, x int, label string) {
	if y < 0 || y >= len(grid) || x < 0 {
		return
	}
	end := x + lipgloss.Width(label)
	if end > len(grid[y]) {
		return
	}
	for i := x; i < end; i++ {
		if c := grid[y][i]; c != "" && c != "-" && c != "/" && c != `\` && c != "|" && c != "X" && c != "+" {
			return
		}
	}
	i := x
	for _, r := range label {
		s := string(r)
		grid[y][i] = s
		if cw := lipgloss.Width(s); cw == 2 {
			grid[y][i+1] = "\x00"
			i += 2
		} else {
			i++
		}
	}
}
