package ui

import (
	"context"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// board is the dashboard: the pages (pages.go) of the shown quarter, one at
// a time, scrolled when a page is longer than the screen. It is the screen
// the others return to.
type board struct {
	*common
	width, height int // the page's area, below the tabs

	page   int // index into pages
	offset int // scroll offset of the page's rows
	help   bool
	// pick is the highlighted unit (0: none) on the pages with cards: it
	// stays across pages and quarters, and Enter opens its card.
	pick int64
	card *cardScreen // opened by Enter on a highlighted unit
}

// SetSize sets the page's area (below the tabs, above the status and key
// lines) and keeps the scroll offset in range.
func (b *board) SetSize(w, h int) {
	b.width, b.height = w, h
	b.clampOffset(0)
}

// open returns to the board.
func (b *board) open() tea.Cmd {
	b.mode = modeBoard
	return nil
}

// quarterLoaded takes in a new load of the shown quarter: another quarter
// starts at the top of the page.
func (b *board) quarterLoaded(newQuarter bool) {
	if newQuarter {
		b.offset = 0
	}
	if !b.picksShown() { // a unit not in this quarter, or no longer in it
		b.pick = 0
	}
	b.clampOffset(0)
	if newQuarter {
		b.revealPick()
	}
}

// picksShown reports whether the highlighted unit is one of the shown
// quarter's (true when none is highlighted).
func (b *board) picksShown() bool {
	r := b.current()
	return b.pick == 0 || r != nil && r.Find(b.pick) != nil
}

// Update takes the dashboard's keys and the answer of an export.
func (b *board) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return b.key(msg)
	case exportedMsg:
		if msg.err != nil {
			return b.setError("导出失败：" + b.errText(msg.err))
		}
		return b.setStatus("已导出到 " + msg.path)
	}
	return nil
}

func (b *board) key(msg tea.KeyPressMsg) tea.Cmd {
	k := b.keys
	if cmd, done := b.helpAndQuit(&b.help, msg); done {
		return cmd
	}
	if b.pageKey(msg) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Present):
		return b.show(modePresent)
	case key.Matches(msg, k.PrevQuarter):
		return b.stepQuarter(-1, true)
	case key.Matches(msg, k.NextQuarter):
		return b.stepQuarter(1, true)
	case key.Matches(msg, k.Quarters):
		return b.show(modeQuarters)
	case key.Matches(msg, k.Up):
		b.movePick(-1)
	case key.Matches(msg, k.Down):
		b.movePick(1)
	case key.Matches(msg, k.OpenCard) && pages[b.page].cards:
		return b.openCard(false)
	case key.Matches(msg, k.ClearPick) && b.pick != 0:
		b.pick = 0
	case key.Matches(msg, k.PageUp):
		b.scroll(-b.bodyHeight())
	case key.Matches(msg, k.PageDown):
		b.scroll(b.bodyHeight())
	case key.Matches(msg, k.Export):
		return b.export()
	case key.Matches(msg, k.Entry):
		return b.show(modeEntry)
	case key.Matches(msg, k.Setup):
		return b.show(modeSetup)
	case key.Matches(msg, k.Audit):
		return b.show(modeAudit)
	case key.Matches(msg, k.Glyphs):
		return b.cycleGlyphs()
	}
	return nil
}

// stepQuarter moves to the previous or next quarter that exists. Past the
// newest one it offers to create the next, when create is set.
func (b *board) stepQuarter(dir int, create bool) tea.Cmd {
	var target model.Quarter
	for _, q := range b.quarters {
		if (dir < 0 && q.Before(b.quarter)) || (dir > 0 && b.quarter.Before(q) && target.IsZero()) {
			target = q
		}
	}
	if target.IsZero() {
		if dir < 0 {
			return b.setStatus("已经是最早的季度")
		}
		if !create || !b.loaded {
			return b.setStatus("已经是最新的季度")
		}
		next := b.quarter.Next()
		if len(b.quarters) == 0 || b.quarters[len(b.quarters)-1].Before(b.quarter) {
			next = b.quarter // the shown quarter does not exist yet: create it
		}
		if !next.Valid() {
			return b.setStatus("已经是最后一个季度 " + model.MaxQuarter.String())
		}
		if why := b.setupDenied("新建季度 " + next.String()); why != "" {
			return b.setStatus("已经是最新的季度（" + why + "）")
		}
		b.ask("已经是最新的季度。新建 "+next.String()+"（沿用上一季度的板块和规则）？Enter 确认，Esc 取消",
			func() tea.Cmd { return b.createQuarter(next, false) })
		return nil
	}
	return b.load(target)
}

// pageKey shows the page whose key msg is, and reports whether it was one.
func (b *board) pageKey(msg tea.KeyPressMsg) bool {
	i := matchIndex(msg, b.keys.Pages)
	if i >= 0 {
		b.page, b.offset = i, 0
		b.revealPick()
	}
	return i >= 0
}

// turnPage moves to the next or previous page, round the end.
func (b *board) turnPage(dir int) {
	b.page = (b.page + dir + len(pages)) % len(pages)
	b.offset = 0
	b.revealPick()
}

type exportedMsg struct {
	path string
	err  error
}

// export writes the shown page's data to a file, off the Update path.
func (b *board) export() tea.Cmd {
	if b.opts.Export == nil {
		return b.setError("这个看板没有设置导出")
	}
	kind, q, export := pages[b.page].export, b.quarter, b.opts.Export
	return func() tea.Msg {
		path, err := export(context.Background(), kind, q)
		return exportedMsg{path, err}
	}
}

func (b *board) bodyHeight() int { return max(b.height, 1) }

// movePick moves the highlight to the next or previous unit of a page with
// cards (the first, or last, unit on screen when none is highlighted) and
// scrolls it into view; other pages scroll.
func (b *board) movePick(dir int) {
	ids, starts, body, room := b.pickable()
	if len(ids) == 0 {
		b.scroll(dir)
		return
	}
	at := slices.Index(ids, b.pick)
	if at < 0 {
		from, to := body.shown(b.offset, room)
		at = 0
		for k, r := range starts {
			if dir > 0 && r >= from {
				at = k
				break
			}
			if dir < 0 && r < to {
				at = k
			}
		}
	} else {
		at = min(max(at+dir, 0), len(ids)-1)
	}
	b.pick = ids[at]
	b.scrollTo(body, room, starts[at])
}

// pickable are the shown page's units in row order, each once, with the
// row each starts at, when the page has cards (none otherwise), and the
// page's body and room.
func (b *board) pickable() (ids []int64, starts []int, body body, room int) {
	if !pages[b.page].cards || !b.loaded || b.width == 0 {
		return nil, nil, body, 0
	}
	body = b.pageBody(b.width, b.bodyHeight())
	room = b.bodyHeight() - len(body.fixed)
	for i := range body.size() {
		if u := body.unitOf(i); u >= 0 && !body.inside(i) && body.id != nil && !slices.Contains(ids, body.id(u)) {
			ids, starts = append(ids, body.id(u)), append(starts, i)
		}
	}
	return ids, starts, body, room
}

// scrollTo scrolls until the unit starting at row start is on screen.
func (b *board) scrollTo(body body, room, start int) {
	if from, _ := body.shown(b.offset, room); start < from {
		b.offset = start
	}
	for b.offset < body.maxOffset(room) {
		if _, to := body.shown(b.offset, room); to > start {
			break
		}
		b.offset = body.snap(b.offset+1, 1)
	}
	b.clampOffset(0)
}

// revealPick scrolls the highlighted unit into view: after another page or
// quarter, which open at their top.
func (b *board) revealPick() {
	if b.pick == 0 {
		return
	}
	ids, starts, body, room := b.pickable()
	if at := slices.Index(ids, b.pick); at >= 0 {
		b.scrollTo(body, room, starts[at])
	}
}

// picked draws the highlighted unit's rows of body (shown from row from)
// in reverse video over the whole width, so the highlight reads on a
// projector, in the light theme and without colour alike.
func (b *board) picked(body body, from int, lines []string) {
	if b.pick == 0 || body.id == nil || !pages[b.page].cards {
		return
	}
	for k := range lines {
		if u := body.unitOf(from + k); u >= 0 && body.id(u) == b.pick {
			lines[k] = b.styles.Selected.Render(padRight(ansi.Strip(lines[k]), b.width))
		}
	}
}

// openCard opens the highlighted unit's card (large: for presentation).
func (b *board) openCard(large bool) tea.Cmd {
	if ids, _, _, _ := b.pickable(); len(ids) == 0 {
		return b.setStatus("这一页没有区市，没有卡片可以打开")
	}
	if b.pick == 0 || !b.picksShown() {
		return b.setStatus("先按上下键选中一个区市，再按 " + keyHint(b.keys.OpenCard, "打开它的卡片"))
	}
	return b.card.start(b.pick, large)
}

func (b *board) scroll(n int) {
	b.offset += n
	b.clampOffset(n)
}

// clampOffset keeps the scroll offset in range and off the middle of a
// unit (dir: the direction of the scroll that moved it).
func (b *board) clampOffset(dir int) {
	if !b.loaded || b.width == 0 {
		return
	}
	body := b.pageBody(b.width, b.bodyHeight())
	room := b.bodyHeight() - len(body.fixed)
	b.offset = body.snap(min(max(b.offset, 0), body.maxOffset(room)), dir)
}

// pageBody is the shown page's body in w × h, its fixed lines demoted to
// rows when they would not leave room for any.
func (b *board) pageBody(w, h int) body {
	return pages[b.page].body(b.common, w, h).demote(h)
}

// ShortHelp is the dashboard's key line: the richest that fits the width.
func (b *board) ShortHelp() []key.Binding {
	k := b.keys
	quarters := group(k.PrevQuarter.Help().Key+" "+k.NextQuarter.Help().Key, "切换季度", k.PrevQuarter, k.NextQuarter)
	pageKeys := span("页面", k.Pages)
	var lines [][]key.Binding
	if pages[b.page].cards { // where there is room: how to open a card
		card := group("上下键 "+k.OpenCard.Help().Key, "区市卡片", k.Up, k.Down, k.OpenCard)
		lines = append(lines, []key.Binding{quarters, k.Quarters, pageKeys, card, hint(k.Entry, "录入"), k.Setup, hint(k.Export, "导出"), hint(k.Present, "放映"), k.Help, k.Quit})
	}
	return b.fitting(b.width, append(lines,
		[]key.Binding{quarters, k.Quarters, pageKeys, hint(k.Entry, "录入"), k.Setup, hint(k.Export, "导出"), hint(k.Present, "放映"), k.Help, k.Quit},
		[]key.Binding{hint(quarters, "季度"), k.Quarters, pageKeys, hint(k.Entry, "录入"), k.Setup, hint(k.Export, "导出"), hint(k.Present, "放映"), k.Help, k.Quit},
		[]key.Binding{hint(quarters, "季度"), hint(k.Quarters, "选择"), pageKeys, hint(k.Entry, "录入"),
			hint(k.Export, "导出"), hint(k.Present, "放映"), k.Help})...)
}

// FullHelp is the ? screen: pages; quarters and scrolling; the rest.
func (b *board) FullHelp() [][]key.Binding {
	k := b.keys
	return [][]key.Binding{
		append(slices.Clip(k.Pages), k.OpenCard, k.ClearPick),
		{k.PrevQuarter, k.NextQuarter, k.Quarters, k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Present, k.NextPage, k.PrevPage, k.Back, k.Entry, k.Setup, k.Export, k.Audit, k.Glyphs, k.Help, k.Quit},
	}
}

// withTabs reports that the page tabs are drawn above the board.
func (b *board) withTabs() bool { return true }

// View draws the page (or the ? screen) in the board's area.
func (b *board) View() []string {
	switch {
	case b.help:
		return b.helpLines(b.FullHelp(), b.width)
	case !b.loaded:
		return []string{"", b.styles.Muted.Render("  正在读取数据")}
	}
	body := b.pageBody(b.width, b.bodyHeight())
	lines := append([]string{}, body.fixed...)
	room := b.bodyHeight() - len(body.fixed)
	rows := b.bodyRows(body, b.offset, room, b.width, scrollHint)
	from, to := body.shown(b.offset, room)
	b.picked(body, from, rows[:min(to-from, len(rows))])
	return append(lines, rows...)
}
