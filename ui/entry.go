package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"starflag/model"
)

// entryState is the score grid of entry (e): rows are the quarter's units in
// official order, columns its sections and then the adjustment.
type entryState struct {
	data    model.QuarterData
	loaded  bool
	row     int // cursor
	col     int
	top     int // first visible row
	editing bool
	buf     string              // what is being typed, full-width forms as ASCII
	refused map[cellKey]refusal // typed values that were not saved
	saving  map[cellKey]string  // values sent to the database, not yet committed
	resume  cellKey             // where the cursor was when entry was left
	tabRun  bool                // the cursor moved by Tab since the last other move
	tabCol  int                 // the column where that run of Tabs began
}

// cellKey names a cell by unit and column, so it survives reloads.
type cellKey struct {
	unit int64
	col  int
}

// refusal is a value that stays in its cell, in red, with the reason.
type refusal struct{ text, why string }

type entryLoadedMsg struct {
	data model.QuarterData
	err  error
}

type savedMsg struct {
	key  cellKey
	text string // "" for a cleared cell
	what string // 市南区/经济运行
	err  error
}

type pastedMsg struct {
	n   int
	err error
}

type undoneMsg struct {
	redo bool
	what string
	err  error
}

// openEntry enters entry on the shown quarter.
func (a *App) openEntry() tea.Cmd {
	if !a.loaded {
		return nil
	}
	if !slices.Contains(a.quarters, a.quarter) {
		q := a.quarter
		a.ask(q.String()+" 还没有建立。新建并开始录入（沿用上一季度的板块和规则）？Enter 确认，Esc 取消", func() tea.Cmd {
			return a.createQuarter(q, true)
		})
		return nil
	}
	a.mode = modeEntry
	a.entry = entryState{refused: map[cellKey]refusal{}, saving: map[cellKey]string{}, resume: a.entry.cursorKey()}
	return a.loadEntry()
}

func (a *App) loadEntry() tea.Cmd {
	q := a.quarter
	return func() tea.Msg {
		d, err := a.data.QuarterData(context.Background(), q)
		return entryLoadedMsg{d, err}
	}
}

// reloadAll refreshes the grid and the live ranking beside it.
func (a *App) reloadAll() tea.Cmd {
	return tea.Batch(a.loadEntry(), a.load(a.quarter))
}

// entryMsg takes entry's command results.
func (a *App) entryMsg(msg tea.Msg) (tea.Cmd, bool) {
	e := &a.entry
	switch msg := msg.(type) {
	case entryLoadedMsg:
		if msg.err != nil {
			return a.setError("读取得分失败：" + errText(msg.err)), true
		}
		e.data, e.loaded = msg.data, true
		if e.resume != (cellKey{}) { // back in entry: the cell it was left on
			e.row = max(slices.IndexFunc(e.data.Units, func(u model.Unit) bool { return u.ID == e.resume.unit }), 0)
			e.col, e.resume = e.resume.col, cellKey{}
		}
		e.row = min(e.row, max(len(e.data.Units)-1, 0))
		e.col = min(e.col, max(a.entryCols()-1, 0))
		a.keepVisible()
		return nil, true
	case savedMsg:
		delete(e.saving, msg.key)
		if msg.err != nil {
			e.refused[msg.key] = refusal{msg.text, errText(msg.err)}
			return a.setError("未保存 " + msg.what + "：" + errText(msg.err)), true
		}
		delete(e.refused, msg.key)
		e.remember(msg.key, msg.text) // committed: show it as saved before the reload arrives
		done := "已保存 " + msg.what + " " + msg.text
		if msg.text == "" {
			done = "已清除 " + msg.what
		}
		return tea.Batch(a.reloadAll(), a.entryDone(done)), true
	case pastedMsg:
		if msg.err != nil {
			return a.setError("粘贴未保存：" + errText(msg.err)), true
		}
		return tea.Batch(a.reloadAll(), a.entryDone(fmt.Sprintf("已粘贴并保存 %d 个数值（Ctrl+Z 可整块撤销）", msg.n))), true
	case undoneMsg:
		verb := "撤销"
		if msg.redo {
			verb = "重做"
		}
		switch {
		case msg.err != nil:
			return a.setError(verb + "失败：" + errText(msg.err)), true
		case msg.what == "":
			return a.entryDone("本窗口没有可以" + verb + "的录入（只能" + verb + "本窗口的录入）"), true
		}
		return tea.Batch(a.reloadAll(), a.entryDone("已"+verb+"："+msg.what)), true
	}
	return nil, false
}

// entryDone reports a finished entry command on the status line, unless
// entry was left meanwhile: its messages belong to it. Failures are
// always reported.
func (a *App) entryDone(s string) tea.Cmd {
	if a.mode != modeEntry {
		return nil
	}
	return a.setStatus(s)
}

// remember puts a committed value into the loaded grid data.
func (e *entryState) remember(k cellKey, text string) {
	d := &e.data
	var v *model.Hundredths
	if text != "" {
		h, err := model.ParseHundredths(text)
		if err != nil {
			return
		}
		v = &h
	}
	if k.col < len(d.Sections) {
		sk := model.ScoreKey{Unit: k.unit, Section: d.Sections[k.col].ID}
		if v == nil {
			delete(d.Scores, sk)
		} else {
			d.Scores[sk] = *v
		}
		return
	}
	if v == nil {
		delete(d.Adjust, k.unit)
	} else {
		d.Adjust[k.unit] = *v
	}
}

// entryCols is the number of grid columns: sections, then the adjustment.
func (a *App) entryCols() int {
	n := len(a.entry.data.Sections)
	if a.entry.data.Adjustment.Name != "" {
		n++
	}
	return n
}

// colName is a column's header.
func (a *App) colName(c int) string {
	d := a.entry.data
	if c < len(d.Sections) {
		return d.Sections[c].Name
	}
	return d.Adjustment.Name
}

// stored is the saved value of a cell.
func (a *App) stored(row, col int) (model.Hundredths, bool) {
	d := a.entry.data
	u := d.Units[row]
	if col < len(d.Sections) {
		v, ok := d.Scores[model.ScoreKey{Unit: u.ID, Section: d.Sections[col].ID}]
		return v, ok
	}
	v, ok := d.Adjust[u.ID]
	return v, ok
}

func (a *App) here() cellKey {
	return cellKey{a.entry.data.Units[a.entry.row].ID, a.entry.col}
}

// cursorKey is the cell under the cursor, or where entry would resume when
// the grid never loaded.
func (e *entryState) cursorKey() cellKey {
	if !e.loaded || e.row >= len(e.data.Units) {
		return e.resume
	}
	return cellKey{e.data.Units[e.row].ID, e.col}
}

// entryKey handles a key in the grid.
func (a *App) entryKey(msg tea.KeyPressMsg) tea.Cmd {
	e, k := &a.entry, a.keys
	if a.help {
		a.help = false
		return nil
	}
	if !e.loaded || len(e.data.Units) == 0 || a.entryCols() == 0 {
		if key.Matches(msg, k.Cancel) {
			return a.leaveEntry()
		}
		return nil
	}
	// A run of Tabs ends with any other move; Enter then returns to the
	// column where it began.
	tab := key.Matches(msg, k.NextCell, k.PrevCell)
	if tab && !e.tabRun {
		e.tabRun, e.tabCol = true, e.col
	}
	defer func(row, col int) {
		if !tab && (e.row != row || e.col != col || key.Matches(msg, k.entryMoves()...)) {
			e.tabRun = false
		}
	}(e.row, e.col)
	if e.editing {
		// Only these keys act while a value is typed; every other key
		// with text is part of the value.
		switch {
		case key.Matches(msg, k.Save):
			return a.commit(1, a.enterCol())
		case key.Matches(msg, k.CellDown):
			return a.commit(1, 0)
		case key.Matches(msg, k.CellUp):
			return a.commit(-1, 0)
		case key.Matches(msg, k.NextCell, k.Right):
			return a.commit(0, 1)
		case key.Matches(msg, k.PrevCell, k.Left):
			return a.commit(0, -1)
		case key.Matches(msg, k.Cancel):
			e.editing, e.buf = false, ""
		case key.Matches(msg, k.Erase):
			if e.buf != "" {
				_, size := lastRune(e.buf)
				e.buf = e.buf[:len(e.buf)-size]
			}
		case key.Matches(msg, k.Clear):
			e.buf = ""
		case key.Matches(msg, k.Edit): // already editing
		default:
			e.buf += typedText(msg)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Help):
		a.help = true
	case typedText(msg) != "": // typing starts a value, as in a spreadsheet
		if a.readOnly() {
			return a.lockedNotice()
		}
		e.editing, e.buf = true, typedText(msg)
		delete(e.refused, a.here())
	case key.Matches(msg, k.Edit, k.Save):
		if r, ok := e.refused[a.here()]; ok { // take the refused value up again
			e.editing, e.buf = true, r.text
			return nil
		}
		if text, ok := e.saving[a.here()]; ok && text != "" && !a.readOnly() { // being saved: edit what was typed
			e.editing, e.buf = true, text
			return nil
		}
		v, ok := a.stored(e.row, e.col)
		if !ok { // Enter on an empty cell just moves down
			if key.Matches(msg, k.Save) {
				a.move(1, a.enterCol())
			}
			return nil
		}
		if a.readOnly() {
			return a.lockedNotice()
		}
		e.editing, e.buf = true, v.String()
	case key.Matches(msg, k.Clear):
		return a.askClear()
	case key.Matches(msg, k.Undo):
		return a.undo(false)
	case key.Matches(msg, k.Redo):
		return a.undo(true)
	case key.Matches(msg, k.CellUp):
		a.move(-1, 0)
	case key.Matches(msg, k.CellDown):
		a.move(1, 0)
	case key.Matches(msg, k.Left, k.PrevCell):
		a.move(0, -1)
	case key.Matches(msg, k.Right, k.NextCell):
		a.move(0, 1)
	case key.Matches(msg, k.PageDown):
		a.move(a.gridRows(), 0)
	case key.Matches(msg, k.PageUp):
		a.move(-a.gridRows(), 0)
	case key.Matches(msg, k.RowStart):
		a.move(0, -e.col)
	case key.Matches(msg, k.RowEnd):
		a.move(0, a.entryCols()-1-e.col)
	case key.Matches(msg, k.GridStart):
		a.move(-e.row, -e.col)
	case key.Matches(msg, k.GridEnd):
		a.move(len(e.data.Units)-1-e.row, a.entryCols()-1-e.col)
	case key.Matches(msg, k.Cancel):
		if n := len(e.refused); n > 0 { // first Esc: drop what was not saved
			clear(e.refused)
			return a.setStatus(fmt.Sprintf("已放弃 %d 格未保存的输入，显示已保存的数值；再按 %s 离开录入", n, k.Cancel.Help().Key))
		}
		return a.leaveEntry()
	case key.Matches(msg, k.Quit): // ctrl+c: q has text and typed above
		return tea.Quit
	}
	return nil
}

// enterCol is Enter's column step: back to where a run of Tabs began.
func (a *App) enterCol() int {
	if e := &a.entry; e.tabRun {
		return e.tabCol - e.col
	}
	return 0
}

// typedText is the text a key types into a cell, full-width forms as ASCII
// (９ → 9, 。→ .), or "" for a key without text or with Ctrl or Alt.
func typedText(msg tea.KeyPressMsg) string {
	if msg.Text == "" || msg.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) != 0 ||
		strings.ContainsFunc(msg.Text, unicode.IsControl) {
		return ""
	}
	return strings.Map(model.NarrowRune, msg.Text)
}

func lastRune(s string) (rune, int) {
	r := []rune(s)
	last := r[len(r)-1]
	return last, len(string(last))
}

func (a *App) leaveEntry() tea.Cmd {
	a.mode = modeBoard
	a.entry.editing = false
	a.clearStatus()
	return a.load(a.quarter)
}

func (a *App) readOnly() bool { return a.entry.data.Locked }

func (a *App) lockedNotice() tea.Cmd {
	q := a.quarter.String()
	return a.setError(q + " 已定稿，只读。要修改，先在设置（s）里解锁，或运行 starflag unlock --quarter " + q)
}

// move shifts the cursor; Tab past the last column wraps to the next row.
func (a *App) move(dr, dc int) {
	e := &a.entry
	cols := a.entryCols()
	e.col += dc
	if e.col >= cols {
		e.col, dr = 0, dr+1
	}
	if e.col < 0 {
		e.col, dr = cols-1, dr-1
	}
	e.row = min(max(e.row+dr, 0), len(e.data.Units)-1)
	a.keepVisible()
}

// keepVisible scrolls the grid so that the cursor's row shows.
func (a *App) keepVisible() {
	e := &a.entry
	if e.row < e.top {
		e.top = e.row
	}
	if rows := a.gridRows(); e.row >= e.top+rows {
		e.top = e.row - rows + 1
	}
}

// gridRows is how many unit rows the grid shows.
func (a *App) gridRows() int {
	extra := 5 // header, column titles, note line, status, key hints
	if a.width < entryWideMin {
		extra += 2 // the live-ranking summary under the grid
	}
	return max(a.height-extra, 1)
}

// commit checks the typed value and saves it (one transaction, in a
// command); a refused value stays in the cell with its reason and nothing
// is saved. Then the cursor moves.
func (a *App) commit(dr, dc int) tea.Cmd {
	e := &a.entry
	text, k, row, col := strings.TrimSpace(e.buf), a.here(), e.row, e.col
	e.editing, e.buf = false, ""
	what := e.data.Units[row].Name + "/" + a.colName(col)
	if text == "" {
		a.move(dr, dc)
		return nil
	}
	var v model.Hundredths
	var err error
	if col < len(e.data.Sections) {
		v, err = model.CheckScore(text, e.data.Sections[col])
	} else {
		v, err = model.CheckAdjustment(text, e.data.Adjustment)
	}
	if err != nil {
		e.refused[k] = refusal{text, errText(err)}
		return a.setError("未保存 " + what + "：" + errText(err))
	}
	if old, ok := a.stored(row, col); ok && old == v {
		a.move(dr, dc)
		return nil
	}
	delete(e.refused, k)
	e.saving[k] = v.String()
	a.move(dr, dc)
	return a.save(k, row, col, &v, what)
}

// save writes one cell (nil clears it) and reports back.
func (a *App) save(k cellKey, row, col int, v *model.Hundredths, what string) tea.Cmd {
	d, q := a.entry.data, a.quarter
	u := d.Units[row]
	text := ""
	if v != nil {
		text = v.String()
	}
	return func() tea.Msg {
		var err error
		if col < len(d.Sections) {
			err = a.data.SetScore(context.Background(), q, u.ID, d.Sections[col].ID, v)
		} else {
			err = a.data.SetAdjust(context.Background(), q, u.ID, v)
		}
		return savedMsg{key: k, text: text, what: what, err: err}
	}
}

// askClear asks once before clearing a saved value.
func (a *App) askClear() tea.Cmd {
	e := &a.entry
	k := a.here()
	if _, ok := e.refused[k]; ok {
		delete(e.refused, k)
		return nil
	}
	_, saved := a.stored(e.row, e.col)
	if pending, ok := e.saving[k]; !saved && (!ok || pending == "") {
		return nil // nothing saved or being saved here
	}
	if a.readOnly() {
		return a.lockedNotice()
	}
	row, col := e.row, e.col
	what := e.data.Units[row].Name + "/" + a.colName(col)
	a.ask("清除 "+what+" 的得分？Enter 确认，Esc 取消", func() tea.Cmd {
		a.entry.saving[k] = ""
		return a.save(k, row, col, nil, what)
	})
	return nil
}

func (a *App) undo(redo bool) tea.Cmd {
	if a.readOnly() {
		return a.lockedNotice()
	}
	q := a.quarter
	return func() tea.Msg {
		var what string
		var err error
		if redo {
			what, err = a.data.Redo(context.Background(), q)
		} else {
			what, err = a.data.Undo(context.Background(), q)
		}
		return undoneMsg{redo, what, err}
	}
}

// entryPaste checks a pasted block whole and saves it in one transaction,
// or refuses all of it listing the first problems.
func (a *App) entryPaste(text string) tea.Cmd {
	e := &a.entry
	if !e.loaded || len(e.data.Units) == 0 {
		return nil
	}
	e.editing, e.buf = false, ""
	plan, err := model.PlanPaste(e.data, e.row, e.col, text)
	var ie *model.ImportError
	if errors.As(err, &ie) {
		ps := ie.Problems
		parts := make([]string, 0, 3)
		for i, p := range ps {
			if i == 3 {
				parts = append(parts, fmt.Sprintf("等共 %d 处", len(ps)))
				break
			}
			col := ""
			if p.Column != "" {
				col = "「" + p.Column + "」"
			}
			parts = append(parts, col+p.Reason)
		}
		return a.setError("粘贴被拒绝，没有保存任何数值：" + strings.Join(parts, "；"))
	}
	if plan.Changes() == 0 {
		return a.setStatus("粘贴的数值与已保存的相同，没有改动")
	}
	return func() tea.Msg {
		return pastedMsg{plan.Changes(), a.data.ApplyPaste(context.Background(), plan)}
	}
}

// entryWideMin is the width from which the live ranking stands beside the grid.
const entryWideMin = 120

// entryView draws the grid and the live ranking in w×h (below the title bar).
func (a *App) entryView(w, h int) []string {
	e := &a.entry
	lines := []string{a.styles.Head.Render(padRight(" 录入 "+a.quarter.String(), w))}
	switch {
	case !e.loaded:
		return append(lines, a.styles.Muted.Render("  正在读取得分"))
	case len(e.data.Units) == 0:
		return append(lines, "  这个季度没有参加考核的区市。按 Esc 返回，在设置（s）里添加区市。")
	case a.entryCols() == 0:
		return append(lines, "  "+a.quarter.String()+" 还没有考核板块。按 Esc 返回，在设置（s）里添加板块，或用 starflag import 导入带表头的文件。")
	}
	if e.data.Locked {
		lines[0] = a.styles.Locked.Render(padRight(" 录入 "+a.quarter.String()+"  已定稿，只读：在设置（s）里解锁，或 starflag unlock --quarter "+a.quarter.String(), w))
	}
	gridW := w
	if w >= entryWideMin {
		gridW = w - 44
	}
	grid := a.grid(gridW)
	side := a.liveRanking(w-gridW-2, len(grid))
	for i, g := range grid {
		if i < len(side) && w >= entryWideMin {
			g = padRight(g, gridW) + "  " + side[i]
		}
		lines = append(lines, g)
	}
	lines = append(lines, a.cellNote(w))
	if w < entryWideMin {
		lines = append(lines, a.liveSummary(w)...)
	}
	return lines
}

// grid draws the column titles and the visible unit rows.
func (a *App) grid(w int) []string {
	e := &a.entry
	narrow := w < 100
	nameW, cellW := 12, 12
	if narrow {
		nameW = 8
		cellW = max(min((w-nameW-1)/max(a.entryCols(), 1)-1, 12), 7)
	}
	cols := []column{{"区市", nameW, false}}
	for c := range a.entryCols() {
		cols = append(cols, column{a.colName(c), cellW, true})
	}
	if a.entry.data.Adjustment.Name != "" { // never cut (群众满意度加分)
		keepTitle(cols[1:], len(cols)-2, w-nameW-1, 7)
	}
	for i := range cols {
		if lipgloss.Width(cols[i].title) > cols[i].width {
			cols[i].title = firstRunes(cols[i].title, cols[i].width/2)
		}
	}
	out := []string{tableHead(cols, a.styles.Head)}
	rows := a.gridRows()
	for r := e.top; r < min(e.top+rows, len(e.data.Units)); r++ {
		u := e.data.Units[r]
		cells := []cell{plainCell(unitName(u, narrow))}
		for c := range a.entryCols() {
			cells = append(cells, a.gridCell(r, c))
		}
		out = append(out, tableRow(cols, cells))
	}
	return out
}

// gridCell is one cell: the typed text while editing, a refused value in
// red, a value being saved muted, or the saved value; the cursor reversed.
func (a *App) gridCell(r, c int) cell {
	e := &a.entry
	k := cellKey{e.data.Units[r].ID, c}
	cursor := r == e.row && c == e.col
	var text string
	st := a.styles.Muted
	plain := true
	switch {
	case cursor && e.editing:
		text, st, plain = e.buf+"_", a.styles.Selected, false
	case e.refused[k] != refusal{}:
		text, st, plain = e.refused[k].text+"!", a.styles.Error, false
	case hasKey(e.saving, k): // sent, not yet committed: muted until saved
		text, plain = e.saving[k], false
	default:
		if v, ok := a.stored(r, c); ok {
			text = v.String()
		}
	}
	if cursor {
		if text == "" {
			text = " "
		}
		return styled(text, a.styles.Selected)
	}
	if plain {
		return plainCell(text)
	}
	return styled(text, st)
}

func hasKey(m map[cellKey]string, k cellKey) bool {
	_, ok := m[k]
	return ok
}

// cellNote says where the cursor is, its range, and why a value was refused.
func (a *App) cellNote(w int) string {
	e := &a.entry
	k := a.here()
	what := e.data.Units[e.row].Name + "/" + a.colName(e.col)
	keys := a.keys
	if r, ok := e.refused[k]; ok {
		note := "“" + r.text + "”未保存：" + r.why
		if strings.Contains(r.why, "“"+r.text+"”") { // the reason quotes it already
			note = r.why + "，未保存"
		}
		return a.styles.Error.Render(padRight(" "+what+"："+note+
			"（"+keyHint(keys.Save, "修改")+"，"+keyHint(keys.Cancel, "放弃")+"）", w))
	}
	rng := ""
	if e.col < len(e.data.Sections) {
		rng = "0–" + e.data.Sections[e.col].Max.String()
	} else {
		rng = e.data.Adjustment.Min.String() + "–" + e.data.Adjustment.Max.String() + "，可空"
	}
	keyNote := "  直接输入数值，" + strings.Join([]string{keyHint(keys.Save, "保存并下移"), keyHint(keys.Edit, "修改"),
		keyHint(keys.Clear, "清除"), keyHint(keys.Undo, "撤销"), keyHint(keys.Cancel, "离开")}, "，")
	return a.styles.Muted.Render(padRight(" "+what+"（"+rng+"）"+keyNote, w))
}

// keyHint names a key by its binding, then what it does here.
func keyHint(b key.Binding, does string) string { return b.Help().Key + " " + does }

// entryHints is entry's key line: the keys that act while typing, else
// the grid's.
func (a *App) entryHints() string {
	k, e := a.keys, &a.entry
	hs := []string{keyHint(k.Save, "保存"), keyHint(k.Edit, "修改"), keyHint(k.Clear, "清除"), keyHint(k.Undo, "撤销"),
		keyHint(k.Redo, "重做"), keyHint(k.Help, "帮助"), keyHint(k.Cancel, "离开")}
	switch {
	case e.editing:
		hs = []string{keyHint(k.Save, "保存"), keyHint(k.NextCell, "保存并右移"), keyHint(k.Erase, "删字"),
			keyHint(k.Clear, "清空"), keyHint(k.Cancel, "取消输入")}
	case len(e.refused) > 0:
		hs[len(hs)-1] = keyHint(k.Cancel, "放弃")
	}
	return strings.Join(hs, "  ")
}

// liveRanking is the ranking beside the grid, recomputed from the saved
// values after every save.
func (a *App) liveRanking(w, h int) []string {
	r := a.current()
	if r == nil || w < 30 {
		return nil
	}
	title := "实时排名"
	if !r.Complete() {
		title += "（未完成，暂定）"
	}
	out := []string{a.styles.Head.Render(padRight(title, w))}
	cols := []column{{"名次", 4, true}, {"变化", 5, false}, {"区市", 10, false}, {"综合", 7, true}, {"", 10, false}}
	for _, s := range r.Standings {
		if len(out) >= h {
			break
		}
		comp := a.glyphs.Dash
		if s.Complete {
			comp = s.Composite.String()
		}
		mark := a.flags(s, true)
		if s.Warned() {
			mark = a.warning(s)
		}
		out = append(out, tableRow(cols, []cell{a.rankCell(s), a.movement(s), plainCell(s.Unit.Label()), plainCell(comp), mark}))
	}
	return out
}

// liveSummary is the narrow screen's one-line view of the live ranking:
// where the cursor's unit stands, and what is still missing.
func (a *App) liveSummary(w int) []string {
	r := a.current()
	if r == nil {
		return nil
	}
	u := a.entry.data.Units[a.entry.row]
	s := r.Find(u.ID)
	line := " " + u.Name + "："
	switch {
	case s == nil || s.Rank == 0:
		line += "尚无名次（得分未录全）"
	default:
		line += "第 " + strconv.Itoa(s.Rank) + " 名  综合 " + s.Composite.String() + "  " + a.movement(*s).text
		if len(s.Flags) > 0 {
			line += "  " + a.flags(*s, true).text
		}
		if s.Warned() {
			line += "  " + a.warning(*s).text
		}
	}
	missing := " 已录全，排名、星级、红旗已更新"
	if !r.Complete() {
		missing = " 还缺 " + strconv.Itoa(len(r.Missing)) + " 项：" + model.MissingList(r.Missing, 3)
	}
	return []string{padRight(line, w), a.styles.Muted.Render(padRight(missing, w))}
}
