package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// Presentation mode (放映) is for the projector, judged from the back of a
// meeting room: who ranks where (ranks in big pixel digits), who holds which
// flag (flag names in words) and who got a warning (警示 / 红牌). The frame
// is a heading band, the page and a discreet caption for the operator; there
// is no cursor, tab row or key hint line. It shows the board's pages and
// turns them, and has no editing.

// Pages with their own presentation layout (pages.go names them):
// rankingPresent and flagsPresent below.

// Spacing of presentation layouts, in cells.
const (
	presentDigitGap = 3 // between the big digits and the text beside them
	presentMinText  = 12
)

// presentation is the projector screen: the board's page in large type.
type presentation struct {
	*common
	board         *board // whose pages it shows and turns
	width, height int    // the whole screen
	help          bool
	gen           int // invalidates auto-advance ticks of an earlier page
}

type presentTickMsg struct{ gen int }

// SetSize sets the screen's size: presentation draws all of it.
func (p *presentation) SetSize(w, h int) { p.width, p.height = w, h }

func (p *presentation) withTabs() bool { return false } // it has no frame at all

// open starts presentation on the board's page.
func (p *presentation) open() tea.Cmd {
	p.mode = modePresent
	p.gen++
	return p.tick()
}

// leave returns to the board.
func (p *presentation) leave() {
	p.mode = modeBoard
	p.gen++
}

// tick schedules the next automatic page turn, if asked for.
func (p *presentation) tick() tea.Cmd {
	if p.mode != modePresent || p.opts.Interval <= 0 {
		return nil
	}
	p.gen++
	gen := p.gen
	return tea.Tick(p.opts.Interval, func(time.Time) tea.Msg { return presentTickMsg{gen} })
}

// Update takes presentation's keys and its page-turning ticks.
func (p *presentation) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return p.key(msg)
	case presentTickMsg:
		if p.mode == modePresent && msg.gen == p.gen {
			p.board.turnPage(1)
			return p.tick()
		}
	}
	return nil
}

// key turns pages and quarters; the keys that edit, pick or export do
// nothing here.
func (p *presentation) key(msg tea.KeyPressMsg) tea.Cmd {
	k, b := p.keys, p.board
	if cmd, done := p.helpAndQuit(&p.help, msg); done {
		return cmd
	}
	if b.pageKey(msg) {
		return nil
	}
	switch {
	case key.Matches(msg, k.ClearPick) && b.pick != 0 && pages[b.page].cards:
		b.pick = 0
	case key.Matches(msg, k.OpenCard) && pages[b.page].cards && b.pick == 0:
		// No status line here: highlight the first unit, and the band
		// says how to open its card.
		b.movePick(1)
	case key.Matches(msg, k.OpenCard) && pages[b.page].cards:
		return b.openCard(true)
	case key.Matches(msg, k.Back, k.Present):
		p.leave()
	case key.Matches(msg, k.NextPage):
		b.turnPage(1)
		return p.tick()
	case key.Matches(msg, k.PrevPage):
		b.turnPage(-1)
		return p.tick()
	case key.Matches(msg, k.PrevQuarter):
		return b.stepQuarter(-1, false)
	case key.Matches(msg, k.NextQuarter):
		return b.stepQuarter(1, false)
	case key.Matches(msg, k.Up): // the highlight, or the board's page seen after Esc
		b.movePick(-1)
	case key.Matches(msg, k.Down):
		b.movePick(1)
	case key.Matches(msg, k.Glyphs):
		return p.cycleGlyphs()
	}
	return nil
}

// ShortHelp is the caption's keys.
func (p *presentation) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{group("左右键", "翻页", k.PrevPage, k.NextPage), hint(k.Back, "返回")}
}

// FullHelp is the board's: presentation takes the same keys.
func (p *presentation) FullHelp() [][]key.Binding { return p.board.FullHelp() }

// View draws the whole screen. A page's present func draws the area
// between the heading and the caption (w × h-2); pages without one show
// their ordinary body centred with blank margins.
func (p *presentation) View() []string {
	if r := p.current(); r != nil && r.Rules.PresentHideWarnings {
		shown := p.results
		p.results = p.quietResults()
		defer func() { p.results = shown }()
	}
	w, h := p.width, p.height
	areaH := h - 2
	band := p.pickBand(w)
	if band != "" && !p.help {
		areaH-- // the page is laid out above the band, never under it
	}
	var area []string
	switch pg := pages[p.board.page]; {
	case p.help: // ? works here too; any key closes it
		area = placeBlock(p.helpLines(p.FullHelp(), w), w, areaH)
	case !p.loaded:
		area = placeBlock([]string{p.styles.Muted.Render("正在读取数据")}, w, areaH)
	case pg.present != nil:
		area = strings.Split(pg.present(p.common, w, areaH), "\n")
	default:
		area = p.body(w, areaH)
	}
	lines := append([]string{p.heading(w)}, area...)
	for len(lines) < areaH+1 {
		lines = append(lines, "")
	}
	lines = lines[:areaH+1]
	if areaH < h-2 {
		lines = append(lines, band)
	}
	return append(lines, p.caption(w))
}

// pickBand is the line above the caption that names the highlighted unit
// (↑/↓ on a page with cards), in reverse video across the screen: the
// pages drawn for the projector have no rows to highlight.
func (p *presentation) pickBand(w int) string {
	b, r := p.board, p.current()
	if b.pick == 0 || r == nil || !pages[b.page].cards {
		return ""
	}
	s := r.Find(b.pick)
	if s == nil {
		return ""
	}
	who := "选中：" + s.Unit.Name + groupSuffix(*s)
	rank, composite := "", ""
	if s.Rank > 0 {
		_, rank = place(r, s)
		rank, composite = "  "+rank, "  综合得分 "+s.Composite.String()
	}
	keys := keyHint(p.keys.OpenCard, "打开区市卡片") + "  " + keyHint(p.keys.ClearPick, "取消选中")
	// the keys stay whole: on a narrow screen the composite, then the rank
	// give way
	text := who + rank + composite + "    " + keys
	for _, t := range []string{who + rank + "  " + keys, who + "  " + keys} {
		if textWidth(text) > w {
			text = t
		}
	}
	return p.styles.Selected.Render(center(text, w))
}

// quietResults are the loaded results without warnings, for the projector
// of an office that does not show the last places there
// (Rules.PresentHideWarnings): the board keeps showing them.
func (p *presentation) quietResults() []model.Result {
	m := &p.memo
	if len(m.quietFor) != len(p.results) || len(p.results) > 0 && &m.quietFor[0] != &p.results[0] {
		m.quietFor, m.quiet = p.results, make([]model.Result, len(p.results))
		for i, r := range p.results {
			m.quiet[i] = r.WithoutWarnings()
		}
	}
	return m.quiet
}

// heading is the band on top: the quarter in words and the page.
func (p *presentation) heading(w int) string {
	t := pages[p.board.page].title
	if !p.quarter.IsZero() { // zero until the first load
		t = p.quarter.ChineseName() + "  " + t
	}
	if r := p.current(); hasScores(r) && !r.Complete() {
		t += "  （未完成，暂定）"
	}
	return p.styles.Title.Render(center(t, w))
}

// caption is the operator's line at the bottom: quarter, page x/5 and the
// keys. The arrows are East Asian Ambiguous, so the line keeps two cells of
// slack for consoles that draw them wide.
func (p *presentation) caption(w int) string {
	left := fmt.Sprintf(" %s  %s  %d/%d", p.quarter, pages[p.board.page].title, p.board.page+1, len(pages))
	if p.opts.Interval > 0 {
		left += "  每 " + p.opts.Interval.String() + " 自动翻页"
	}
	right := p.shortHelp(p.ShortHelp(), keySeparator) + " "
	gap := w - 2 - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return p.styles.Muted.Render(padRight(left, w-2))
	}
	return p.styles.Muted.Render(left + strings.Repeat(" ", gap) + right)
}

// body is a page's ordinary body, centred with blank margins; rows that do
// not fit are counted on the last line.
func (p *presentation) body(w, h int) []string {
	mx, my := max(2, w/16), max(1, h/12)
	bw, bh := w-2*mx, h-2*my
	b := p.board.pageBody(bw, bh)
	lines := append(append([]string{}, b.fixed...), p.bodyRows(b, 0, bh-len(b.fixed), bw, presentHint)...)
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
func (c *common) presentEmpty(r *model.Result, w, h int) string {
	var lines []string
	for _, l := range c.notice(r, w-4) {
		for i, part := range strings.Split(ansi.Wrap(l, w-6, ""), "\n") {
			if i > 0 {
				part = "  " + part // continue under the first line's indent
			}
			lines = append(lines, part)
		}
	}
	return strings.Join(placeBlock(lines, w, h), "\n")
}

// A card is one unit in large type: its rank in big digits, and beside or
// under them the name, composite and movement, each flag in words
// (红旗：勇当排头) and the warning (红牌：约谈提醒).
type cardLayout struct {
	font    bigFont
	stacked bool // text under the digits instead of beside them
	digitW  int  // width of the digit block (ranks right-aligned in it when beside)
	textW   int
	textH   int // lines of text of the tallest card
	textGap int // blank lines between digits and text when stacked
}

func (c cardLayout) width() int {
	if c.stacked {
		return max(c.digitW, c.textW)
	}
	return c.digitW + presentDigitGap + c.textW
}

func (c cardLayout) height() int {
	if c.stacked {
		return c.font.h + c.textGap + c.textH
	}
	return max(c.font.h, c.textH)
}

// cardLine is a line of a card's text, styled, and its width.
type cardLine struct {
	text string
	w    int
}

// choose is the first of the choices that fits w cells (the last one when
// none does: the card's sizing makes sure it does).
func (c *common) choose(w int, choices ...string) string {
	for _, ch := range choices {
		if c.textW(ch) <= w {
			return ch
		}
	}
	return choices[len(choices)-1]
}

// cardMarks are s's flags and warnings, a line each, as full as tw allows:
// the rule's whole name, its words after 、, its short form.
func (c *common) cardMarks(s model.Standing, m *markSet, tw int) []cardLine {
	p := c.paints()
	var out []cardLine
	if s.Veto != "" {
		out = append(out, cardLine{p.Warning.on(c.glyphs.Veto), c.textW(c.glyphs.Veto)})
	}
	flag := c.glyphs.Flag + markColon
	for _, f := range s.Flags {
		t := c.choose(tw, flag+f, flag+flagLabel(f), flag+m.label(f, true))
		out = append(out, cardLine{p.Flag.on(t), c.textW(t)})
	}
	for _, a := range s.AntiAwards {
		out = append(out, cardLine{p.Warning.on(a), c.textW(a)})
	}
	if !s.Warned() {
		return out
	}
	mark, st := c.glyphs.Warn, p.Warning
	if s.RedMark {
		mark, st = c.glyphs.Red, p.RedMark
	}
	line := func(why string) cardLine {
		if why == "" {
			return cardLine{st.on(mark), c.textW(mark)}
		}
		return cardLine{st.on(mark) + p.Warning.on(markColon+why), c.textW(mark) + c.textW(markColon+why)}
	}
	room := tw - c.textW(mark+markColon)
	if len(s.Warnings) > 1 || !m.oneWarning {
		for _, w := range s.Warnings { // several rules: a line each
			out = append(out, line(c.choose(room, w, m.label(w, true))))
		}
		return out
	}
	if w := s.Warnings[0]; c.textW(w) <= room {
		return append(out, line(w))
	}
	return append(out, line("")) // the only warning rule: the mark names it
}

// cardTextH is the number of lines of s's card text: name, composite, a
// line per flag and per warning (cardMarks).
func cardTextH(s model.Standing) int {
	return 2 + b2i(s.Veto != "") + len(s.Flags) + len(s.AntiAwards) + len(s.Warnings)
}

// cardMinText is the narrowest text a card of s may have: short name,
// composite, short flag forms, the warning mark.
func (c *common) cardMinText(s model.Standing, m *markSet) int {
	n := max(c.textW(s.Unit.Label()), c.textW(c.compositeText(s)), presentMinText)
	return max(n, m.sizes(s)[1][markLevels-1].w)
}

// cardFullText is the width at which everything of s is written in full.
func (c *common) cardFullText(s model.Standing, m *markSet) int {
	n := max(c.textW(s.Unit.Name+groupSuffix(s)), c.textW("综合得分 "+c.compositeText(s)+"  "+c.movement(s).text))
	for _, f := range s.Flags {
		n = max(n, c.textW(c.glyphs.Flag+markColon+f))
	}
	return max(n, m.sizes(s)[0][markLevels-1].w)
}

// groupSuffix names s's group after its name on a card: "（县级市）".
func groupSuffix(s model.Standing) string {
	if s.Group == "" {
		return ""
	}
	return "（" + s.Group + "）"
}

// compositeText is the composite rounded for display, a dash without one.
func (c *common) compositeText(s model.Standing) string {
	if !s.Complete {
		return c.glyphs.Dash
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

// cardText is the text of s's card in tw cells, as full as the width
// allows, with a blank line under the name when lines leave room.
func (c *common) cardText(s model.Standing, m *markSet, tw, lines int) []cardLine {
	p := c.paints()
	comp, move := c.compositeText(s), c.movement(s)
	styleMove := func(t string) string {
		if move.style != nil {
			return move.style.Render(t)
		}
		return t
	}
	name := c.choose(tw, s.Unit.Name+groupSuffix(s), s.Unit.Label()+groupSuffix(s), s.Unit.Label())
	out := []cardLine{{p.Bold.on(name), c.textW(name)}}
	long, short := "综合得分 "+comp+"  "+move.text, comp+" "+move.text
	switch {
	case c.textW(long) <= tw:
		out = append(out, cardLine{"综合得分 " + p.Bold.on(comp) + "  " + styleMove(move.text), c.textW(long)})
	case c.textW(short) <= tw:
		out = append(out, cardLine{p.Bold.on(comp) + " " + styleMove(move.text), c.textW(short)})
	default:
		out = append(out, cardLine{p.Bold.on(comp), c.textW(comp)})
	}
	out = append(out, c.cardMarks(s, m, tw)...)
	if len(out) < lines { // room to breathe: a blank line under the name
		out = append(out[:1], append([]cardLine{{}}, out[1:]...)...)
	}
	return out
}

// card draws s as cl.height() lines of exactly cl.width() cells (measured
// as they are made: measuring styled CJK text is what costs).
func (c *common) card(s model.Standing, m *markSet, cl cardLayout) []string {
	digits := c.bigNumber(s.InGroup.Rank, cl.font) // in its group, as on the ranking page
	dw := cl.font.bigWidth(s.InGroup.Rank, c.pixelWidth())
	room := cl.height() // beside the digits: their height
	if cl.stacked {
		room = 0 // under them: every card's lines at the same heights
	}
	text := c.cardText(s, m, cl.textW, room)
	textAt := func(i int) cardLine {
		if i >= 0 && i < len(text) {
			return text[i]
		}
		return cardLine{}
	}
	sp := func(n int) string { return strings.Repeat(" ", max(n, 0)) }
	out := make([]string, cl.height())
	for y := range out {
		switch {
		case cl.stacked && y < cl.font.h:
			out[y] = digits[y] + sp(cl.width()-dw)
		case cl.stacked:
			t := textAt(y - cl.font.h - cl.textGap)
			out[y] = t.text + sp(cl.width()-t.w)
		default:
			d := sp(dw)
			if y < len(digits) {
				d = digits[y]
			}
			t := textAt(y)
			out[y] = sp(cl.digitW-dw) + d + sp(presentDigitGap) + t.text + sp(cl.textW-t.w)
		}
	}
	return out
}

// cardOrder says whether cards fill each column before the next (a ranking
// of 2 columns reads 1–5 on the left, 6–10 on the right) or each row before
// the next (2 rows of 5 read 1–5 on top): down when there are at least as
// many rows as columns.
func cardOrder(rows, cols int) func(y, k int) int {
	if rows >= cols {
		return func(y, k int) int { return k*rows + y }
	}
	return func(y, k int) int { return y*cols + k }
}

// digitWidths is the width of each column's digit block: a column of
// single digits does not leave a hole for a "10" elsewhere.
func (c *common) digitWidths(ss []model.Standing, f bigFont, rows, cols int) []int {
	at := cardOrder(rows, cols)
	out := make([]int, cols)
	for k := range cols {
		for y := range rows {
			if i := at(y, k); i < len(ss) {
				out[k] = max(out[k], f.bigWidth(ss[i].InGroup.Rank, c.pixelWidth()))
			}
		}
	}
	return out
}

// cardGrid lays cards out in rows × cols, gapY blank lines between rows and
// colGap cells between columns, in cardOrder.
func (c *common) cardGrid(ss []model.Standing, m *markSet, cl cardLayout, rows, cols, gapY, colGap int) []string {
	at := cardOrder(rows, cols)
	layouts := make([]cardLayout, cols)
	for k, dw := range c.digitWidths(ss, cl.font, rows, cols) {
		layouts[k] = cl
		layouts[k].digitW = dw
	}
	var out []string
	for y := range rows {
		if y > 0 {
			out = append(out, make([]string, gapY)...)
		}
		var row [][]string
		for k := range cols {
			if i := at(y, k); i < len(ss) {
				row = append(row, c.card(ss[i], m, layouts[k]))
			}
		}
		for line := range cl.height() {
			parts := make([]string, len(row))
			for k := range row {
				parts[k] = row[k][line]
			}
			out = append(out, strings.TrimRight(strings.Join(parts, strings.Repeat(" ", colGap)), " "))
		}
	}
	return out
}

// sizeCards gives cards with digit blocks of widths dws (one per column)
// the widest text between need and full that lets them fit w with colGap
// between columns; ok is false when even need does not fit.
func sizeCards(c cardLayout, dws []int, need, full, colGap, w int) (cardLayout, bool) {
	room := w - (len(dws)-1)*colGap
	total := func(t int) int {
		n := 0
		for _, d := range dws {
			if c.stacked {
				n += max(d, t)
			} else {
				n += d + presentDigitGap + t
			}
		}
		return n
	}
	if total(need) > room {
		return c, false
	}
	t := need
	for t < full && total(t+1) <= room {
		t++
	}
	c.textW, c.digitW = t, slicesMax(dws)
	return c, true
}

// cardLayoutFor sizes side cards for ss in font f, cols of them in a row,
// to fit w.
func (c *common) cardLayoutFor(ss []model.Standing, m *markSet, f bigFont, cols, colGap, w int) (cardLayout, bool) {
	need, full, textH := presentMinText, presentMinText, 0
	for _, s := range ss {
		need, full = max(need, c.cardMinText(s, m)), max(full, c.cardFullText(s, m))
		textH = max(textH, cardTextH(s))
	}
	rows := (len(ss) + cols - 1) / cols
	return sizeCards(cardLayout{font: f, textH: textH}, c.digitWidths(ss, f, rows, cols), need, full, colGap, w)
}

// listTable is the normal-size list of units under the cards: one line
// each, columns measured, flags and warnings whole in full or short words.
func (c *common) listTable(r *model.Result, ss []model.Standing, w int) *markTable {
	m := c.marksOf(r)
	zs := make([]markSizes, len(ss))
	nameW := [2]int{0, 0}
	moveW := 0
	for i, s := range ss {
		zs[i] = m.sizes(s)
		nameW[0] = max(nameW[0], c.textW(s.Unit.Name))
		nameW[1] = max(nameW[1], c.textW(s.Unit.Label()))
		moveW = max(moveW, c.textW(c.movement(s).text))
	}
	var colsOf [][]column
	var widths []int
	for _, short := range []bool{false, true} {
		cols := []column{{"", 3, true}, {"", moveW, false}, {"", nameW[b2i(short)], false}, {"", 6, true}}
		colsOf = append(colsOf, cols)
		widths = append(widths, tableWidth(cols, 1))
	}
	i, f, avail := layoutMarks(widths, len(widths), w, zs, markFits[0], markFits[2])
	t := &markTable{c: c, cols: colsOf[i], sep: " ", marks: m, fit: f}
	t.finish(ss, zs, avail)
	t.cells = func(s model.Standing) []cell {
		return []cell{c.rankCell(s), c.movement(s), plainCell(unitName(s.Unit, i == 1)), plainCell(c.compositeText(s))}
	}
	return t
}

// width is the table's width with its marks column.
func (t *markTable) width() int { return tableWidth(t.cols, len(t.sep)) + t.markW }

// presentTop is the result a large-type page draws and the notice lines
// above it (an incomplete quarter's); nil when the quarter has no scores.
func (c *common) presentTop(w int) (*model.Result, []string) {
	r := c.current()
	if r == nil || !hasScores(r) {
		return nil, nil
	}
	var top []string
	if n := c.notice(r, w-4); n != nil {
		top = append(n, "")
	}
	return r, top
}

// rankingPresent is the ranking in large type: as many units as fit get
// big rank digits (all ten from 80×24 up, larger digits on larger
// screens), the rest a normal-size list underneath, newspaper-style in
// columns.
func (c *common) rankingPresent(w, h int) string {
	r, top := c.presentTop(w)
	if r == nil {
		return c.presentEmpty(c.current(), w, h)
	}
	h -= len(top)
	ranked, all := r.Ranked(), r.Standings
	if r.Grouped() { // group after group, ranked units first
		ranked, all = nil, nil
		for _, s := range r.InGroupOrder() {
			if s.Rank != 0 {
				ranked = append(ranked, s)
			}
		}
		all = append(slices.Clip(ranked), r.Standings[len(ranked):]...)
	}
	m := c.marksOf(r)
	gw := w - 2*max(1, w/60)
	const minGap = 2
	colGap := max(minGap, w/20)
	list := c.listTable(r, all, gw)
	listCols := max(1, (gw+colGap)/(list.width()+colGap))

	type choice struct {
		cl         cardLayout
		cols, rows int
		big, shown int
		fontIndex  int
		whole      bool // flags and warnings in words, not short forms
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
		case x.whole != y.whole:
			return x.whole
		case x.fontIndex != y.fontIndex:
			return x.fontIndex < y.fontIndex
		}
		return x.cols < y.cols
	}
	// What the first k cards need, measured once: the layouts below try
	// many k, and measuring CJK text is what costs.
	most := 0
	for _, f := range bigFonts {
		most = max(most, 5*((h+1)/(f.h+1)))
	}
	most = min(most, len(ranked))
	need, full, words, textH := make([]int, most), make([]int, most), make([]int, most), make([]int, most)
	for i, s := range ranked[:most] {
		need[i], full[i], textH[i] = c.cardMinText(s, m), c.cardFullText(s, m), cardTextH(s)
		words[i] = m.sizes(s)[0][markLevels-1].w // 红旗：勇当排头, a line each
		if i > 0 {
			need[i], full[i], textH[i] = max(need[i], need[i-1]), max(full[i], full[i-1]), max(textH[i], textH[i-1])
			words[i] = max(words[i], words[i-1])
		}
	}
	for fi, f := range bigFonts {
		for _, cl := range []cardLayout{{font: f}, {font: f, stacked: true, textGap: 1}, {font: f, stacked: true}} {
			for cols := 1; cols <= 5; cols++ {
				for rows := min((h+1)/(f.h+1), (len(ranked)+cols-1)/cols); rows >= 1; rows-- {
					big := min(len(ranked), rows*cols)
					cl.textH = textH[big-1]
					used := rows*cl.height() + rows - 1
					if used > h {
						continue
					}
					cl, ok := sizeCards(cl, c.digitWidths(ranked[:big], f, rows, cols), need[big-1], full[big-1], minGap, gw)
					if !ok {
						continue // fewer cards may have narrower ranks
					}
					rest := len(all) - big
					shown := big
					if rest > 0 {
						lines := h - used - 1 // a blank line above the list
						if lines < 1 {
							continue
						}
						shown += min(rest, lines*listCols)
					}
					if ch := (&choice{cl, cols, rows, big, shown, fi, cl.textW >= words[big-1]}); better(ch, best) {
						best = ch
					}
					break // fewer rows only shows fewer cards
				}
			}
		}
	}
	if best == nil { // too small for any big digit: the plain list
		return strings.Join(placeBlock(append(top, c.unitList(list, all, listCols, colGap, h)...), w, h+len(top)), "\n")
	}
	cl := best.cl
	// Spread the spare lines: between card rows, then around the list.
	used := best.rows*cl.height() + best.rows - 1
	rest := all[best.big:]
	listH := 0
	if len(rest) > 0 {
		listH = 1 + min((len(rest)+listCols-1)/listCols, h-used-1)
	}
	gapY := 1
	if best.rows > 1 {
		gapY += min(max(2, h/15), (h-used-listH)/(best.rows+1))
	}
	// Spread the spare width too: wider text, then the gaps between columns.
	cardGap := colGap
	if best.cols > 1 {
		dws := c.digitWidths(ranked[:best.big], cl.font, best.rows, best.cols)
		if wide, ok := sizeCards(cl, dws, cl.textW, full[best.big-1], colGap, gw); ok {
			cl = wide
		} else {
			cardGap = minGap
		}
		widths := 0
		for _, d := range dws {
			widths += cardLayout{font: cl.font, stacked: cl.stacked, digitW: d, textW: cl.textW}.width()
		}
		cardGap += max(gw-widths-(best.cols-1)*cardGap, 0) / (best.cols + 1)
	}
	lines := append(top, c.cardGrid(ranked[:best.big], m, cl, best.rows, best.cols, gapY, cardGap)...)
	if len(rest) > 0 {
		lines = append(lines, "")
		lines = append(lines, c.unitList(list, rest, listCols, colGap, listH-1)...)
	}
	return strings.Join(placeBlock(lines, w, h+len(top)), "\n")
}

// unitList is ss at normal size in up to cols newspaper columns of at most
// h lines; when they do not all fit the last line says how many are left.
func (c *common) unitList(t *markTable, ss []model.Standing, cols, colGap, h int) []string {
	if h <= 0 || len(ss) == 0 {
		return nil
	}
	per := (len(ss) + cols - 1) / cols
	more := ""
	if per > h {
		per = h
		if len(ss) > per*cols {
			per = h - 1
			more = c.styles.Muted.Render(fmt.Sprintf("另有 %d 个区市未显示，完整名单见看板的综合排名页", len(ss)-per*cols))
		}
	}
	rowW := t.width()
	var out []string
	for y := range per {
		var parts []string
		for k := range cols {
			i := k*per + y
			if i >= len(ss) {
				break
			}
			parts = append(parts, padRight(t.line(ss[i], 0), rowW))
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
func (c *common) flagsPresent(w, h int) string {
	r, top := c.presentTop(w)
	if r == nil {
		return c.presentEmpty(c.current(), w, h)
	}
	h -= len(top)
	var groups []flagGroup
	var everyone []model.Standing
	add := func(head string, holders []model.Standing) {
		g := flagGroup{head: head, holders: holders}
		g.head += c.styles.Muted.Render(fmt.Sprintf("  %d 个区市", len(g.holders)))
		groups = append(groups, g)
		everyone = append(everyone, g.holders...)
	}
	for _, rule := range r.Rules.Flags {
		add(c.styles.Flag.Render(c.glyphs.Flag+markColon+rule.Name), r.FlagHolders(rule.Name))
	}
	for _, rule := range r.Rules.Warnings {
		add(c.styles.Warning.Render(c.glyphs.Warn+markColon+rule.Name), r.WarnedBy(rule.Name))
	}
	for _, rule := range r.Rules.AntiAwards {
		add(c.styles.Warning.Render(rule.Name), r.AntiAwardedBy(rule.Name))
	}
	if r.Vetoed() {
		var vetoed []model.Standing
		for _, s := range r.Ranked() {
			if s.Veto != "" {
				vetoed = append(vetoed, s)
			}
		}
		add(c.styles.Warning.Render(vetoTitle), vetoed)
	}
	m := c.marksOf(r)
	gw := w - 2*max(1, w/60)
	colGap := max(2, w/20)
	for _, f := range bigFonts {
		for _, sp := range [][2]int{{1, 2}, {0, 1}} { // generous, then tight spacing
			if lines, ok := c.flagCards(groups, m, f, gw, colGap, sp[0], sp[1]); ok && len(lines) <= h {
				return strings.Join(placeBlock(append(top, lines...), w, h+len(top)), "\n")
			}
		}
	}
	// No room for big digits: a normal-size list per group; what does not
	// fit is counted.
	list := c.listTable(r, everyone, gw-2)
	var b body
	var units []int
	for _, g := range groups {
		b.rows = append(b.rows, g.head)
		units = append(units, -1)
		if len(g.holders) == 0 {
			b.rows = append(b.rows, "  "+c.styles.Muted.Render("本季度无"))
			units = append(units, -1)
		}
		for _, s := range g.holders {
			b.rows = append(b.rows, "  "+list.line(s, 0))
			units = append(units, int(s.Unit.ID))
		}
	}
	b.unit = func(i int) int { return units[i] }
	return strings.Join(placeBlock(append(top, c.bodyRows(b, 0, h, gw, presentHint)...), w, h+len(top)), "\n")
}

// presentHint is where presentation mode sends the reader for what it
// cannot show: it does not scroll.
const presentHint = "完整内容见看板"

// flagCards draws each group's heading and its holders as cards in font f,
// as many to a row as fit gw, with afterHead blank lines under a heading and
// between blank lines between groups; ok is false when a card does not fit.
func (c *common) flagCards(groups []flagGroup, m *markSet, f bigFont, gw, colGap, afterHead, between int) ([]string, bool) {
	var lines []string
	for i, g := range groups {
		if i > 0 {
			lines = append(lines, make([]string, between)...)
		}
		lines = append(lines, g.head)
		lines = append(lines, make([]string, afterHead)...)
		if len(g.holders) == 0 {
			lines = append(lines, c.styles.Muted.Render("本季度无"))
			continue
		}
		perRow := min(len(g.holders), 4)
		cl, ok := c.cardLayoutFor(g.holders, m, f, perRow, colGap, gw)
		for !ok && perRow > 1 {
			perRow--
			cl, ok = c.cardLayoutFor(g.holders, m, f, perRow, colGap, gw)
		}
		if !ok {
			return nil, false
		}
		rows := (len(g.holders) + perRow - 1) / perRow
		lines = append(lines, c.cardGrid(g.holders, m, cl, rows, perRow, 1, colGap)...)
	}
	return lines, true
}
