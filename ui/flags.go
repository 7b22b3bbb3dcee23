package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"starflag/model"
)

// flagsBody is screen 3, 夺旗: on top the shown quarter's flag holders per
// flag rule and the warned units (红牌 marked), pending (待定) while the
// quarter is incomplete; below, the year's flag wall: units in official
// order × Q1..Q4, each cell the flags won that quarter, with totals.
func (c *common) flagsBody(w, h int) body {
	r := c.current()
	narrow := w < 100
	indent := " "
	if !narrow {
		indent = "  "
	}
	var b body
	b.fixed = c.notice(r, w)
	wall := c.flagWall(w, narrow, indent)
	if hasScores(r) {
		// Every holder by name when the page has the room, else the first
		// lines of each and a count (a warning may hold half of 200 units).
		rules := len(r.Rules.All())
		wallH := 0
		if wall != nil {
			wallH = 1 + len(wall.fixed) + len(wall.rows) + len(wall.notes)
		}
		var lines []string
		if len(b.fixed)+1+rules+wallH <= h {
			lines = c.quarterFlags(r, w, narrow, indent, len(r.Standings))
		}
		if lines == nil || len(b.fixed)+len(lines)+wallH > h {
			maxLines := 2
			if !narrow {
				maxLines = 3
			}
			lines = c.quarterFlags(r, w, narrow, indent, maxLines)
		}
		b.fixed = append(b.fixed, lines...)
	}
	if wall == nil {
		return b
	}
	n := len(wall.rows)
	if len(b.fixed) > 0 && len(b.fixed)+1+len(wall.fixed)+n+len(wall.notes) <= h {
		b.fixed = append(b.fixed, "")
	}
	b.fixed = append(b.fixed, wall.fixed...)
	lines, unit := spaced(n, h-len(b.fixed)-len(wall.notes), narrow)
	b.count = lines + len(wall.notes)
	b.row = func(i int) string {
		if i >= lines {
			return wall.notes[i-lines]
		}
		if k := unit(i); k >= 0 {
			return wall.row(wall.rows[k])
		}
		return ""
	}
	b.unit = func(i int) int {
		if i >= lines {
			return -1
		}
		return unit(i)
	}
	b.id = func(k int) int64 { return wall.rows[k].Unit.ID }
	return b
}

// quarterFlags lists, per flag rule and then per warning rule, the holders
// of the quarter in seat order: "第1名 市南区 升2", in at most maxLines
// lines per rule.
func (c *common) quarterFlags(r *model.Result, w int, narrow bool, indent string, maxLines int) []string {
	title := r.Quarter.String() + " 红旗与警示"
	if !r.Complete() {
		title += "（本季度未完成：得分齐全后评定）"
		if narrow {
			title = r.Quarter.String() + " 红旗与警示（待定）"
		}
	}
	lines := []string{indent + c.styles.Head.Render(title)}

	type group struct {
		rule    model.Rule
		legend  string // model.RuleWords.Legend
		style   lipgloss.Style
		holders []model.Standing
	}
	var groups []group
	add := func(rules []model.Rule, k model.RuleKind, style lipgloss.Style, holders func(string) []model.Standing) {
		for _, rule := range rules {
			groups = append(groups, group{rule, model.WordsOf(rule, k, r.Grouped()).Legend(), style, holders(rule.Name)})
		}
	}
	add(r.Rules.Flags, model.KindFlag, c.styles.Flag, r.FlagHolders)
	add(r.Rules.Warnings, model.KindWarning, c.styles.Warning, r.WarnedBy)
	add(r.Rules.AntiAwards, model.KindAnti, c.styles.Warning, r.AntiAwardedBy)

	labelW, condW := 0, 0
	for _, g := range groups {
		labelW = max(labelW, lipgloss.Width(g.rule.Name))
		condW = max(condW, lipgloss.Width(g.legend))
	}
	if r.Vetoed() {
		labelW = max(labelW, lipgloss.Width(vetoTitle))
	}
	withCond := !narrow && w-len(indent)-labelW-condW-4 >= 40
	for _, g := range groups {
		head := indent + g.style.Render(padRight(g.rule.Name, labelW)) + "  "
		if withCond {
			head += c.styles.Muted.Render(padRight(g.legend, condW)) + "  "
		}
		if len(g.holders) == 0 {
			none := "本季度无"
			if !r.Complete() { // model.Compute decides no rule on provisional ranks
				none = "待得分齐全后评定"
			}
			lines = append(lines, head+c.styles.Muted.Render(none))
			continue
		}
		item := func(i int) string { return c.holderItem(g.holders[i], narrow) }
		lines = append(lines, wrapItems(head, len(g.holders), item, w, maxLines)...)
	}
	var vetoed []model.Standing
	for _, s := range r.Ranked() {
		if s.Veto != "" {
			vetoed = append(vetoed, s)
		}
	}
	if len(vetoed) > 0 { // 一票否决 with the reasons: no flag this quarter
		head := indent + c.styles.Warning.Render(padRight(vetoTitle, labelW)) + "  "
		if withCond {
			head += c.styles.Muted.Render(padRight("本季度不得红旗", condW)) + "  "
		}
		item := func(i int) string { return unitName(vetoed[i].Unit, narrow) + "（" + vetoed[i].Veto + "）" }
		lines = append(lines, wrapItems(head, len(vetoed), item, w, maxLines)...)
	}
	return lines
}

// vetoTitle heads the flags page's line of vetoed units.
const vetoTitle = "一票否决"

// holderItem is one holder: rank (in its group, with groups), name,
// movement, and 红牌 when it applies.
func (c *common) holderItem(s model.Standing, narrow bool) string {
	mv := c.movement(s)
	if mv.style != nil {
		mv.text = mv.style.Render(mv.text)
	}
	item := "第" + strconv.Itoa(s.InGroup.Rank) + "名 " + unitName(s.Unit, narrow) + " " + mv.text // in its group, as the movement
	if s.RedMark {
		item += " " + c.styles.RedMark.Render(c.glyphs.Red)
	}
	if s.Warned() && s.Talk.Held() { // the 约谈 was held
		item += " " + c.styles.Muted.Render("已约谈")
	}
	return item
}

// wrapItems lays n items after head, continuing on lines indented to
// head's width; beyond maxLines the rest is summed up as "等共 N 个" (and
// not drawn: a warning rule may hold half of 200 units).
func wrapItems(head string, n int, item func(i int) string, w, maxLines int) []string {
	const sep = "   "
	room := max(w-lipgloss.Width(head), 10)
	var lines [][]string
	var cur []string
	used := 0
	for i := range n {
		it := item(i)
		iw := lipgloss.Width(it)
		if len(cur) > 0 && used+len(sep)+iw > room {
			if len(lines) == maxLines-1 {
				more := "等共 " + strconv.Itoa(n) + " 个"
				for len(cur) > 0 && used+len(sep)+lipgloss.Width(more) > room {
					cur = cur[:len(cur)-1]
					used = lipgloss.Width(strings.Join(cur, sep))
				}
				cur = append(cur, more)
				break
			}
			lines = append(lines, cur)
			cur, used = nil, 0
		}
		if len(cur) > 0 {
			used += len(sep)
		}
		cur = append(cur, it)
		used += iw
	}
	lines = append(lines, cur)
	out := make([]string, len(lines))
	pad := strings.Repeat(" ", lipgloss.Width(head))
	for i, l := range lines {
		out[i] = pad + strings.Join(l, sep)
		if i == 0 {
			out[i] = head + strings.Join(l, sep)
		}
	}
	return out
}

// wallTable is the laid-out flag wall; rows are drawn on demand.
type wallTable struct {
	fixed []string // title and column heads
	rows  []model.FlagWallRow
	row   func(r model.FlagWallRow) string
	notes []string // legend and footnotes under the rows
}

var wallQuarterNames = [4]string{"一季度", "二季度", "三季度", "四季度"}

// flagWall lays out the year's flag wall (model.FlagWallOf): rows = units
// in official order, columns = Q1..Q4 with the flags won as short marks,
// then the annual counts. nil when no quarter of the year has scores.
func (c *common) flagWall(w int, narrow bool, indent string) *wallTable {
	fw, ok := model.FlagWallOf(c.quarter.Year, c.results, c.year)
	if !ok {
		return nil
	}
	names := fw.Names
	combos := map[string][]string{} // the distinct sets of flags won, to size the columns
	nameW := lipgloss.Width(unitHeader)
	for _, r := range fw.Rows {
		nameW = max(nameW, lipgloss.Width(unitName(r.Unit, narrow)))
		for _, fs := range r.Flags {
			if len(fs) > 0 {
				combos[strings.Join(fs, "\x00")] = fs
			}
		}
	}
	provisional := func(q int) bool { return fw.Quarters[q].Provisional }
	qTitle := func(q int) string {
		switch {
		case narrow && provisional(q):
			return "Q" + strconv.Itoa(q+1) + "待定"
		case narrow:
			return "Q" + strconv.Itoa(q+1)
		case provisional(q):
			return wallQuarterNames[q] + "（待定）"
		}
		return wallQuarterNames[q]
	}

	// Marks: the richest that fit: 勇当排头 → the short form 排头 → A
	// (with a legend).
	short := shortLabels(names)
	label := func(level int, name string) string {
		switch level {
		case 0:
			return flagLabel(name)
		case 1:
			return short[name]
		}
		return string(rune('A' + slices.Index(names, name)))
	}
	marks := func(level int, fs []string) string {
		parts := make([]string, len(fs))
		for i, f := range fs {
			parts[i] = label(level, f)
		}
		return strings.Join(parts, " ")
	}
	gap := 2
	if !narrow {
		gap = 3
	}
	totalW := lipgloss.Width("合计")
	avail := w - len(indent) - nameW
	level, colW := 0, 0
	for level = 0; level <= 2; level++ {
		colW = 0
		for q := range 4 {
			colW = max(colW, lipgloss.Width(qTitle(q)))
		}
		for _, fs := range combos {
			colW = max(colW, lipgloss.Width(marks(level, fs)))
		}
		if 4*(colW+gap)+gap+totalW <= avail {
			break
		}
	}
	level = min(level, 2)
	// Per-flag counts beside the total, when they fit.
	perFlag := len(fw.CountNames) > 1
	flagColW := make([]int, len(fw.CountNames))
	need := 4*(colW+gap) + gap + totalW
	for i, f := range fw.CountNames {
		flagColW[i] = max(lipgloss.Width(label(level, f)), 2)
		need += gap + flagColW[i]
	}
	if need > avail {
		perFlag = false
		need = 4*(colW+gap) + gap + totalW
	}
	if !narrow { // use the room, within reason
		colW += min(max((avail-need)/4, 0), 6)
	}

	sp := strings.Repeat(" ", gap)
	head := indent + c.styles.Head.Render(padRight(unitHeader, nameW))
	for q := range 4 {
		head += sp + c.styles.Head.Render(padRight(qTitle(q), colW))
	}
	if perFlag {
		for i, f := range fw.CountNames {
			head += sp + c.styles.Head.Render(padLeft(label(level, f), flagColW[i]))
		}
	}
	head += sp + c.styles.Head.Render(padLeft("合计", totalW))

	title := strconv.Itoa(fw.Year) + " 年红旗榜"
	note := "合计只计已完成的季度"
	if !narrow {
		note = "各季度所得红旗；" + note + "，与年度页一致"
	}
	titleLine := indent + c.styles.Head.Render(title)
	if lipgloss.Width(titleLine)+2+lipgloss.Width(note) <= w {
		titleLine += "  " + c.styles.Muted.Render(note)
	}
	wall := &wallTable{fixed: []string{titleLine}, rows: fw.Rows}
	if level == 2 { // the letters' legend stays in sight with the rows
		legend := make([]string, len(names))
		for i, n := range names {
			legend[i] = label(2, n) + "=" + n
		}
		for _, l := range wrapItems(indent, len(legend), func(i int) string { return legend[i] }, w, len(legend)) {
			wall.fixed = append(wall.fixed, c.styles.Muted.Render(l))
		}
	}
	wall.fixed = append(wall.fixed, head)
	wall.row = func(r model.FlagWallRow) string {
		line := indent + padRight(unitName(r.Unit, narrow), nameW)
		for q := range 4 {
			line += sp
			switch {
			case !r.In[q]:
				line += c.styles.Muted.Render(padRight(c.glyphs.Dash, colW))
			case provisional(q):
				line += c.styles.Muted.Render(padRight(marks(level, r.Flags[q]), colW))
			default:
				line += c.styles.Flag.Render(padRight(marks(level, r.Flags[q]), colW))
			}
		}
		if perFlag {
			for i, n := range r.Counts {
				count := ""
				if n > 0 {
					count = strconv.Itoa(n)
				}
				line += sp + padLeft(count, flagColW[i])
			}
		}
		total := padLeft("0", totalW)
		if r.Total > 0 {
			total = c.styles.RankTop.Render(padLeft(strconv.Itoa(r.Total), totalW))
		}
		return line + sp + total
	}

	// Footnotes: what 待定 and the dash mean.
	var notes []string
	for q := range 4 {
		if provisional(q) {
			notes = append(notes, indent+qTitle(q)+"：季度未完成，得分齐全后评定红旗，不计入合计")
			break
		}
	}
	for _, q := range fw.Quarters {
		if !q.Scored {
			notes = append(notes, indent+c.glyphs.Dash+" 表示该季度没有得分")
			break
		}
	}
	for _, n := range notes {
		if lipgloss.Width(n) > w {
			n = padRight(n, w)
		}
		wall.notes = append(wall.notes, c.styles.Muted.Render(n))
	}
	return wall
}
