package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// Presentation mode (放映) is for the projector, judged from the back of a
// meeting room: who ranks where (ranks in big pixel digits), who holds which
// flag (flag names in words) and who got a warning (警示 / 红牌). The frame
// is a heading band, the page and a discreet caption for the operator; there
// is no cursor, tab row or key hint line. It is read-only: the keys are
// handled in app.go.

func init() { // after pages.go's init (file order), which builds pages
	pages[0].present = (*App).rankingPresent
	pages[2].present = (*App).flagsPresent
}

// Spacing of presentation layouts, in cells.
const (
	presentDigitGap = 3 // between the big digits and the text beside them
	presentMinText  = 12
)

// presentView draws the whole screen. A page's present func draws the area
// between the heading and the caption (w × h-2); pages without one show
// their ordinary body centred with blank margins.
func (a *App) presentView(w, h int) string {
	areaH := h - 2
	var area []string
	switch p := pages[a.page]; {
	case a.help: // ? works here too; any key closes it
		area = placeBlock(a.helpLines(w), w, areaH)
	case !a.loaded:
		area = placeBlock([]string{a.styles.Muted.Render("正在读取数据")}, w, areaH)
	case p.present != nil:
		area = strings.Split(p.present(a, w, areaH), "\n")
	default:
		area = a.presentBody(w, areaH)
	}
	lines := append([]string{a.presentHeading(w)}, area...)
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:h-1], a.presentCaption(w))
	return fitLines(lines, w, h)
}

// presentHeading is the band on top: the quarter in words and the page.
func (a *App) presentHeading(w int) string {
	t := pages[a.page].name
	if !a.quarter.IsZero() { // zero until the first load
		t = a.quarter.ChineseName() + "  " + t
	}
	if r := a.current(); hasScores(r) && !r.Complete() {
		t += "  （未完成，暂定）"
	}
	return a.styles.Title.Render(center(t, w))
}

// presentCaption is the operator's line at the bottom: quarter, page x/5
// and the keys. The arrows are East Asian Ambiguous, so the line keeps two
// cells of slack for consoles that draw them wide.
func (a *App) presentCaption(w int) string {
	left := fmt.Sprintf(" %s  %s  %d/%d", a.quarter, pages[a.page].name, a.page+1, len(pages))
	if a.opts.Interval > 0 {
		left += "  每 " + a.opts.Interval.String() + " 自动翻页"
	}
	right := "左右键 翻页  Esc 返回 "
	gap := w - 2 - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return a.styles.Muted.Render(padRight(left, w-2))
	}
	return a.styles.Muted.Render(left + strings.Repeat(" ", gap) + right)
}

// presentBody is a page's ordinary body, centred with blank margins; rows
// that do not fit end in a count.
func (a *App) presentBody(w, h int) []string {
	mx, my := max(2, w/16), max(1, h/12)
	bw, bh := w-2*mx, h-2*my
	b := pages[a.page].body(a, bw, bh)
	lines := append([]string{}, b.fixed...)
	room := max(bh-len(lines), 0)
	if b.size() <= room {
		lines = append(lines, b.window(0, b.size())...)
	} else if room > 0 {
		lines = append(lines, b.window(0, room-1)...)
		lines = append(lines, a.styles.Muted.Render(fmt.Sprintf("（共 %d 行，完整内容见看板）", b.size())))
	}
	return placeBlock(lines, w, h)
}

// placeBlock centres a block of lines on a w × h area, keeping the block's
// own left alignment. Lines wider than w are cut.
func placeBlock(lines []string, w, h int) []string {
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	bw := 0
	for _, l := range lines {
		bw = max(bw, lipgloss.Width(l))
	}
	left := strings.Repeat(" ", max((w-bw)/2, 0))
	out := make([]string, 0, h)
	for range max((h-len(lines))/2, 0) {
		out = append(out, "")
	}
	for _, l := range lines {
		if l != "" {
			l = left + l
		}
		if lipgloss.Width(l) > w {
			l = ansi.Truncate(l, w, "")
		}
		out = append(out, l)
	}
	return out
}

// presentEmpty explains an empty quarter in the middle of the screen.
func (a *App) presentEmpty(r *model.Result, w, h int) string {
	var lines []string
	for _, l := range a.notice(r, w-4) {
		for i, part := range strings.Split(ansi.Wrap(l, w-6, ""), "\n") {
			if i > 0 {
				part = "  " + part // continue under the first line's indent
			}
			lines = append(lines, part)
		}
	}
	return strings.Join(placeBlock(lines, w, h), "\n")
}

// A card is one unit in large type: its rank in big digits, and beside it
// the name, composite and movement, flags in words and the warning mark.
type cardLayout struct {
	font   bigFont
	digitW int // width of the digit block (ranks right-aligned in it)
	textW  int
}

func (c cardLayout) width() int { return c.digitW + presentDigitGap + c.textW }

// cardMinText is the narrowest text a card of s may have: short name,
// composite, short flag labels on lines of their own, the warning mark.
func (a *App) cardMinText(s model.Standing) int {
	n := max(lipgloss.Width(s.Unit.Label()), lipgloss.Width(a.compositeText(s)), presentMinText)
	for _, f := range s.Flags {
		n = max(n, lipgloss.Width(a.glyphs.Flag+flagLabel(f, true)))
	}
	return n
}

// cardFullText is the width at which everything of s is written in full.
func (a *App) cardFullText(s model.Standing) int {
	n := max(lipgloss.Width(s.Unit.Name), lipgloss.Width("综合得分 "+a.compositeText(s)+"  "+a.movement(s).text))
	for _, f := range s.Flags {
		n = max(n, lipgloss.Width(a.glyphs.Flag+" "+f))
	}
	if s.Warned() {
		n = max(n, lipgloss.Width(a.glyphs.Red+" "+strings.Join(s.Warnings, "、")))
	}
	return n
}

// compositeText is the composite rounded for display, a dash without one.
func (a *App) compositeText(s model.Standing) string {
	if !s.Complete {
		return a.glyphs.Dash
	}
	return s.Composite.String()
}

// fit returns the first of the choices that fits w cells (the last one cut
// to w if none does).
func fit(w int, choices ...string) string {
	for _, c := range choices {
		if lipgloss.Width(c) <= w {
			return c
		}
	}
	return padRight(choices[len(choices)-1], w)
}

// cardText is the text beside the big rank: at most lines lines of at most
// tw cells, as full as the width allows.
func (a *App) cardText(s model.Standing, tw, lines int) []string {
	bold := lipgloss.NewStyle().Bold(true)
	comp, move := a.compositeText(s), a.movement(s)
	styleMove := func(t string) string {
		if move.style != nil {
			return move.style.Render(t)
		}
		return t
	}
	var out []string
	out = append(out, bold.Render(fit(tw, s.Unit.Name, s.Unit.Label())))
	switch {
	case lipgloss.Width("综合得分 "+comp+"  "+move.text) <= tw:
		out = append(out, "综合得分 "+bold.Render(comp)+"  "+styleMove(move.text))
	case lipgloss.Width(comp+" "+move.text) <= tw:
		out = append(out, bold.Render(comp)+" "+styleMove(move.text))
	default:
		out = append(out, bold.Render(fit(tw, comp)))
	}
	for _, f := range s.Flags {
		out = append(out, a.styles.Flag.Render(fit(tw, a.glyphs.Flag+" "+f, a.glyphs.Flag+flagLabel(f, false), a.glyphs.Flag+flagLabel(f, true))))
	}
	if s.Warned() {
		mark, st := a.glyphs.Warn, a.styles.Warning
		if s.RedMark {
			mark, st = a.glyphs.Red, a.styles.RedMark
		}
		why := strings.Join(s.Warnings, "、")
		if lipgloss.Width(mark+" "+why) <= tw {
			out = append(out, st.Render(mark)+" "+a.styles.Warning.Render(why))
		} else {
			out = append(out, st.Render(fit(tw, mark)))
		}
	}
	if len(out) < lines { // room to breathe: a blank line under the name
		out = append(out[:1], append([]string{""}, out[1:]...)...)
	}
	if len(out) > lines {
		out = out[:lines]
	}
	return out
}

// card draws s as lines of exactly c.width() cells, c.font.h lines tall.
func (a *App) card(s model.Standing, c cardLayout) []string {
	digits := a.bigNumber(s.Rank, c.font)
	text := a.cardText(s, c.textW, c.font.h)
	gap := strings.Repeat(" ", presentDigitGap)
	out := make([]string, c.font.h)
	for y := range out {
		t := ""
		if y < len(text) {
			t = text[y]
		}
		out[y] = padLeft(digits[y], c.digitW) + gap + padRight(t, c.textW)
	}
	return out
}

// cardGrid lays cards out in cols columns, gapY blank lines between rows
// and colGap cells between columns. Down fills each column before the next
// (a ranking reads 1–5 on the left, 6–10 on the right); otherwise rows fill
// first.
func (a *App) cardGrid(ss []model.Standing, c cardLayout, cols, gapY, colGap int, down bool) []string {
	rows := (len(ss) + cols - 1) / cols
	at := func(y, k int) int {
		if down {
			return k*rows + y
		}
		return y*cols + k
	}
	// Each column's digit block is as wide as its widest rank, so a column
	// of single digits does not leave a hole for a "10" elsewhere.
	layouts := make([]cardLayout, cols)
	for k := range cols {
		layouts[k] = c
		layouts[k].digitW = 0
		for y := range rows {
			if i := at(y, k); i < len(ss) {
				layouts[k].digitW = max(layouts[k].digitW, c.font.bigWidth(ss[i].Rank, a.pixelWidth()))
			}
		}
	}
	var out []string
	for y := range rows {
		if y > 0 {
			out = append(out, make([]string, gapY)...)
		}
		var row [][]string
		for k := range cols {
			if i := at(y, k); i < len(ss) {
				row = append(row, a.card(ss[i], layouts[k]))
			}
		}
		for line := range c.font.h {
			parts := make([]string, len(row))
			for k := range row {
				parts[k] = row[k][line]
			}
			out = append(out, strings.TrimRight(strings.Join(parts, strings.Repeat(" ", colGap)), " "))
		}
	}
	return out
}

// cardLayoutFor sizes cards for ss in font f so that cols of them fit w:
// ok is false when even the narrowest text does not fit.
func (a *App) cardLayoutFor(ss []model.Standing, f bigFont, cols, colGap, w int) (cardLayout, bool) {
	digitW, need, full := 0, presentMinText, presentMinText
	for _, s := range ss {
		digitW = max(digitW, f.bigWidth(s.Rank, a.pixelWidth()))
		need = max(need, a.cardMinText(s))
		full = max(full, a.cardFullText(s))
	}
	return sizeCards(f, digitW, need, full, cols, colGap, w)
}

// sizeCards gives cards of digitW-wide ranks in font f text between need
// and full cells, so that cols of them fit w.
func sizeCards(f bigFont, digitW, need, full, cols, colGap, w int) (cardLayout, bool) {
	room := (w-(cols-1)*colGap)/cols - digitW - presentDigitGap
	return cardLayout{font: f, digitW: digitW, textW: min(room, full)}, room >= need
}

// listColumns are the columns of the normal-size list under the cards.
func listColumns(narrow bool) []column {
	if narrow {
		return []column{{"", 3, true}, {"", 4, false}, {"", 8, false}, {"", 7, true}, {"", 14, false}, {"", 4, false}}
	}
	return []column{{"", 3, true}, {"", 5, false}, {"", 12, false}, {"", 8, true}, {"", 22, false}, {"", 4, false}}
}

func listWidth(cols []column) int {
	n := len(cols) - 1
	for _, c := range cols {
		n += c.width
	}
	return n
}

// listRow is one unit at normal size: rank, movement, name, composite,
// flags and warning.
func (a *App) listRow(cols []column, s model.Standing, narrow bool) string {
	return strings.TrimRight(tableRow(cols, []cell{a.rankCell(s), a.movement(s), plainCell(unitName(s.Unit, narrow)),
		plainCell(a.compositeText(s)), a.flags(s, narrow), a.warning(s)}), " ")
}

// rankingPresent is the ranking in large type: as many units as fit get
// big rank digits (all ten at 160×45, in two columns of five), the rest a
// normal-size list underneath, newspaper-style in columns.
func (a *App) rankingPresent(w, h int) string {
	r := a.current()
	if r == nil || !hasScores(r) {
		return a.presentEmpty(r, w, h)
	}
	var top []string
	if n := a.notice(r, w-4); n != nil {
		top = append(n, "")
	}
	h -= len(top)
	ranked, all := r.Ranked(), r.Standings
	mx := max(2, w/20)
	gw := w - 2*mx
	colGap := max(4, w/20)
	narrow := w < 100
	lcols := listColumns(narrow)
	listCols := max(1, (gw+colGap)/(listWidth(lcols)+colGap))

	type choice struct {
		c          cardLayout
		cols, rows int
		big, shown int
		fontIndex  int
	}
	var best *choice
	better := func(x, y *choice) bool {
		if y == nil {
			return true
		}
		xa, ya := x.shown == len(all), y.shown == len(all)
		switch {
		case xa != ya:
			return xa
		case x.big != y.big:
			return x.big > y.big
		case x.fontIndex != y.fontIndex:
			return x.fontIndex < y.fontIndex
		}
		return x.cols < y.cols
	}
	// The widths the first k cards need, measured once: the layouts below
	// try many k, and measuring CJK text is what costs.
	most := 0
	for _, f := range bigFonts {
		most = max(most, 4*((h+1)/(f.h+1)))
	}
	most = min(most, len(ranked))
	need, full := make([]int, most), make([]int, most)
	for i, s := range ranked[:most] {
		need[i], full[i] = max(a.cardMinText(s), presentMinText), a.cardFullText(s)
		if i > 0 {
			need[i], full[i] = max(need[i], need[i-1]), max(full[i], full[i-1])
		}
	}
	for fi, f := range bigFonts {
		maxRows := (h + 1) / (f.h + 1)
		for cols := 1; cols <= 4; cols++ {
			for rows := min(maxRows, (len(ranked)+cols-1)/cols); rows >= 1; rows-- {
				big := min(len(ranked), rows*cols)
				digitW := 0
				for _, s := range ranked[:big] {
					digitW = max(digitW, f.bigWidth(s.Rank, a.pixelWidth()))
				}
				c, ok := sizeCards(f, digitW, need[big-1], full[big-1], cols, colGap, gw)
				if !ok {
					continue // fewer cards may have narrower ranks
				}
				used := rows*f.h + rows - 1
				rest := len(all) - big
				shown := big
				if rest > 0 {
					lines := h - used - 1 // a blank line above the list
					if lines < 1 {
						continue
					}
					shown += min(rest, lines*listCols)
				}
				ch := &choice{c, cols, rows, big, shown, fi}
				if better(ch, best) {
					best = ch
				}
				break // fewer rows only shows fewer cards
			}
		}
	}
	if best == nil { // too small for any big digit: the plain list
		return strings.Join(placeBlock(append(top, a.unitList(all, lcols, listCols, colGap, h, narrow)...), w, h+len(top)), "\n")
	}
	// Spread the spare lines: between card rows, then around the list.
	used := best.rows*best.c.font.h + best.rows - 1
	rest := all[best.big:]
	listH := 0
	if len(rest) > 0 {
		listH = 1 + min((len(rest)+listCols-1)/listCols, h-used-1)
	}
	gapY := 1
	if best.rows > 1 {
		gapY += min(2, (h-used-listH)/(best.rows+1))
	}
	// Spread the spare width too: part to the gaps between columns, the
	// rest to the margins.
	if best.cols > 1 {
		colGap += max(gw-best.cols*best.c.width()-(best.cols-1)*colGap, 0) / (best.cols + 1)
	}
	lines := append(top, a.cardGrid(ranked[:best.big], best.c, best.cols, gapY, colGap, true)...)
	if len(rest) > 0 {
		lines = append(lines, "")
		lines = append(lines, a.unitList(rest, lcols, listCols, colGap, listH-1, narrow)...)
	}
	return strings.Join(placeBlock(lines, w, h+len(top)), "\n")
}

// unitList is ss at normal size in up to cols newspaper columns of at most
// h lines; when they do not all fit the last line says how many are left.
func (a *App) unitList(ss []model.Standing, lcols []column, cols, colGap, h int, narrow bool) []string {
	if h <= 0 || len(ss) == 0 {
		return nil
	}
	per := (len(ss) + cols - 1) / cols
	more := ""
	if per > h {
		per = h
		if len(ss) > per*cols {
			per = h - 1
			more = a.styles.Muted.Render(fmt.Sprintf("另有 %d 个区市，见综合排名页", len(ss)-per*cols))
		}
	}
	rowW := listWidth(lcols)
	var out []string
	for y := range per {
		var parts []string
		for c := range cols {
			i := c*per + y
			if i >= len(ss) {
				break
			}
			parts = append(parts, padRight(a.listRow(lcols, ss[i], narrow), rowW))
		}
		out = append(out, strings.TrimRight(strings.Join(parts, strings.Repeat(" ", colGap)), " "))
	}
	if more != "" {
		out = append(out, more)
	}
	return out
}

// flagGroup is a flag or warning rule with the units it applies to.
type flagGroup struct {
	head    string
	holders []model.Standing
}

// flagsPresent is the flags page in large type: for each flag, its holders
// as cards; then each warning with the warned units (警示 or 红牌).
func (a *App) flagsPresent(w, h int) string {
	r := a.current()
	if r == nil || !hasScores(r) {
		return a.presentEmpty(r, w, h)
	}
	var top []string
	if n := a.notice(r, w-4); n != nil {
		top = append(n, "")
	}
	h -= len(top)
	var groups []flagGroup
	var everyone []model.Standing
	add := func(head string, holders []model.Standing) {
		g := flagGroup{head: head, holders: holders}
		g.head += a.styles.Muted.Render(fmt.Sprintf("  %d 个区市", len(g.holders)))
		groups = append(groups, g)
		everyone = append(everyone, g.holders...)
	}
	for _, rule := range r.Rules.Flags {
		add(a.styles.Flag.Render(a.glyphs.Flag+" "+rule.Name), r.FlagHolders(rule.Name))
	}
	for _, rule := range r.Rules.Warnings {
		add(a.styles.Warning.Render(a.glyphs.Warn+" "+rule.Name), r.WarnedBy(rule.Name))
	}
	gw := w - 2*max(2, w/20)
	colGap := max(4, w/20)
	for _, f := range bigFonts {
		for _, sp := range [][2]int{{1, 2}, {0, 1}} { // generous, then tight spacing
			if lines, ok := a.flagCards(groups, f, gw, colGap, sp[0], sp[1]); ok && len(lines) <= h {
				return strings.Join(placeBlock(append(top, lines...), w, h+len(top)), "\n")
			}
		}
	}
	// No room for big digits: a normal-size list per group.
	narrow := w < 100
	lcols := listColumns(narrow)
	var lines []string
	for _, g := range groups {
		lines = append(lines, g.head)
		if len(g.holders) == 0 {
			lines = append(lines, "  "+a.styles.Muted.Render("本季度无"))
		}
		for _, s := range g.holders {
			lines = append(lines, "  "+a.listRow(lcols, s, narrow))
		}
	}
	return strings.Join(placeBlock(append(top, lines...), w, h+len(top)), "\n")
}

// flagCards draws each group's heading and its holders as cards in font f,
// as many to a row as fit gw, with afterHead blank lines under a heading and
// between blank lines between groups; ok is false when a card does not fit.
func (a *App) flagCards(groups []flagGroup, f bigFont, gw, colGap, afterHead, between int) ([]string, bool) {
	var lines []string
	for i, g := range groups {
		if i > 0 {
			lines = append(lines, make([]string, between)...)
		}
		lines = append(lines, g.head)
		lines = append(lines, make([]string, afterHead)...)
		if len(g.holders) == 0 {
			lines = append(lines, a.styles.Muted.Render("本季度无"))
			continue
		}
		perRow := min(len(g.holders), 4)
		c, ok := a.cardLayoutFor(g.holders, f, perRow, colGap, gw)
		for !ok && perRow > 1 {
			perRow--
			c, ok = a.cardLayoutFor(g.holders, f, perRow, colGap, gw)
		}
		if !ok {
			return nil, false
		}
		lines = append(lines, a.cardGrid(g.holders, c, perRow, 1, colGap, false)...)
	}
	return lines, true
}
