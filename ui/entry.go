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

// entry is the score grid (e): rows are the quarter's units in official
// order, columns its sections and then the adjustment.
type entry struct {
	*common
	width, height int
	help          bool // the ? screen is open

	sheet   model.QuarterData // the quarter as stored
	ready   bool              // the sheet has been read
	row     int               // cursor
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
	n     int
	err   error
	notes []model.Problem // what the block held besides values (序号, 合计), left out
}

type undoneMsg struct {
	redo bool
	what string
	err  error
}

// open enters entry on the shown quarter.
func (e *entry) open() tea.Cmd {
	if !e.loaded {
		return nil
	}
	if why := e.entryDenied(); why != "" {
		return e.refuse(why)
	}
	if !slices.Contains(e.quarters, e.quarter) {
		q := e.quarter
		if why := e.setupDenied("新建季度 " + q.String()); why != "" {
			return e.refuse(why)
		}
		e.ask(q.String()+" 还没有建立。新建并开始录入（沿用上一季度的板块和规则）？Enter 确认，Esc 取消", func() tea.Cmd {
			return e.createQuarter(q, true)
		})
		return nil
	}
	e.mode = modeEntry
	*e = entry{common: e.common, width: e.width, height: e.height,
		refused: map[cellKey]refusal{}, saving: map[cellKey]string{}, resume: e.cursorKey()}
	return e.loadSheet()
}

func (e *entry) loadSheet() tea.Cmd {
	q := e.quarter
	return func() tea.Msg {
		d, err := e.data.QuarterData(context.Background(), q)
		return entryLoadedMsg{d, err}
	}
}

// reloadAll refreshes the grid and the live ranking beside it.
func (e *entry) reloadAll() tea.Cmd {
	return tea.Batch(e.loadSheet(), e.load(e.quarter))
}

// SetSize sets entry's area: below the title bar, above the status and
// key lines.
func (e *entry) SetSize(w, h int) { e.width, e.height = w, h }

// withTabs: the grid takes the tab row; the ? screen keeps it.
func (e *entry) withTabs() bool { return e.help }

// Update takes entry's keys, pastes and command results.
func (e *entry) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return e.key(msg)
	case tea.PasteMsg:
		return e.paste(msg.Content)
	case dataChangedMsg: // another editor's values into the grid
		if e.ready && len(e.saving) == 0 {
			return e.loadSheet()
		}
	case entryLoadedMsg:
		if msg.err != nil {
			return e.setError("读取得分失败：" + e.errText(msg.err))
		}
		if e.ready { // read again: the cursor and refused values stay on their columns
			if c := columnIn(msg.data, e.sheet, e.col); c >= 0 {
				e.col = c // else its column is gone: the cursor stays where it was
			}
			refused := map[cellKey]refusal{}
			for k, r := range e.refused {
				if c := columnIn(msg.data, e.sheet, k.col); c >= 0 {
					refused[cellKey{k.unit, c}] = r
				}
			}
			e.refused = refused
		}
		e.sheet, e.ready = msg.data, true
		if e.resume != (cellKey{}) { // back in entry: the cell it was left on
			e.row = max(slices.IndexFunc(e.sheet.Units, func(u model.Unit) bool { return u.ID == e.resume.unit }), 0)
			e.col, e.resume = e.resume.col, cellKey{}
		}
		e.row = min(e.row, max(len(e.sheet.Units)-1, 0))
		e.col = min(e.col, max(e.cols()-1, 0))
		e.keepVisible()
		return nil
	case savedMsg:
		delete(e.saving, msg.key)
		if msg.err != nil {
			e.refused[msg.key] = refusal{msg.text, e.errText(msg.err)}
			return e.setError("未保存 " + msg.what + "：" + e.errText(msg.err))
		}
		delete(e.refused, msg.key)
		e.remember(msg.key, msg.text) // committed: show it as saved before the reload arrives
		done := "已保存 " + msg.what + " " + msg.text
		if msg.text == "" {
			done = "已清除 " + msg.what
		}
		return tea.Batch(e.reloadAll(), e.done(done))
	case pastedMsg:
		if msg.err != nil {
			return e.setError("粘贴未保存：" + e.errText(msg.err))
		}
		done := fmt.Sprintf("已粘贴并保存 %d 个数值（Ctrl+Z 可整块撤销）", msg.n)
		for _, n := range msg.notes {
			done += "；" + n.Reason
		}
		return tea.Batch(e.reloadAll(), e.done(done))
	case undoneMsg:
		verb := "撤销"
		if msg.redo {
			verb = "重做"
		}
		switch {
		case msg.err != nil:
			return e.setError(verb + "失败：" + e.errText(msg.err))
		case msg.what == "":
			return e.done("本窗口没有可以" + verb + "的录入（只能" + verb + "本窗口的录入）")
		}
		return tea.Batch(e.reloadAll(), e.done("已"+verb+"："+msg.what))
	}
	return nil
}

// done reports a finished entry command on the status line, unless
// entry was left meanwhile: its messages belong to it. Failures are
// always reported.
func (e *entry) done(s string) tea.Cmd {
	if e.mode != modeEntry {
		return nil
	}
	return e.setStatus(s)
}

// remember puts a committed value into the loaded grid data.
func (e *entry) remember(k cellKey, text string) {
	d := &e.sheet
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
	ak := model.AdjustKey{Unit: k.unit, Item: e.item(k.col).ID}
	if v == nil {
		delete(d.Adjust, ak)
	} else {
		d.Adjust[ak] = *v
	}
}

// item is the adjustment item of grid column col (after the sections).
func (e *entry) item(col int) model.Adjustment {
	return e.sheet.Adjustments[col-len(e.sheet.Sections)]
}

// columnIn is the index in d of column c of was (a section or an item,
// by ID), or -1 when d has no such column; max(c, 0) for a cursor past
// the end, clamped later.
func columnIn(d, was model.QuarterData, c int) int {
	switch {
	case c < 0 || c >= len(was.Sections)+len(was.Adjustments):
		return max(c, 0)
	case c < len(was.Sections):
		return slices.IndexFunc(d.Sections, func(s model.Section) bool { return s.ID == was.Sections[c].ID })
	}
	id := was.Adjustments[c-len(was.Sections)].ID
	if i := slices.IndexFunc(d.Adjustments, func(a model.Adjustment) bool { return a.ID == id }); i >= 0 {
		return len(d.Sections) + i
	}
	return -1
}

// cols is the number of grid columns: sections, then the adjustment items.
func (e *entry) cols() int { return len(e.sheet.Sections) + len(e.sheet.Adjustments) }

// colName is a column's header.
func (e *entry) colName(c int) string {
	d := e.sheet
	if c < len(d.Sections) {
		return d.Sections[c].Name
	}
	return e.item(c).Name
}

// stored is the saved value of a cell.
func (e *entry) stored(row, col int) (model.Hundredths, bool) {
	d := e.sheet
	u := d.Units[row]
	if col < len(d.Sections) {
		v, ok := d.Scores[model.ScoreKey{Unit: u.ID, Section: d.Sections[col].ID}]
		return v, ok
	}
	v, ok := d.Adjust[model.AdjustKey{Unit: u.ID, Item: e.item(col).ID}]
	return v, ok
}

func (e *entry) here() cellKey {
	return cellKey{e.sheet.Units[e.row].ID, e.col}
}

// cursorKey is the cell under the cursor, or where entry would resume when
// the grid never loaded.
func (e *entry) cursorKey() cellKey {
	if !e.ready || e.row >= len(e.sheet.Units) {
		return e.resume
	}
	return cellKey{e.sheet.Units[e.row].ID, e.col}
}

// key handles a key in the grid.
func (e *entry) key(msg tea.KeyPressMsg) tea.Cmd {
	k := e.keys
	if e.help {
		e.help = false
		return nil
	}
	if !e.ready || len(e.sheet.Units) == 0 || e.cols() == 0 {
		if key.Matches(msg, k.Cancel) {
			return e.leave()
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
			return e.commit(1, e.enterCol())
		case key.Matches(msg, k.CellDown):
			return e.commit(1, 0)
		case key.Matches(msg, k.CellUp):
			return e.commit(-1, 0)
		case key.Matches(msg, k.NextCell, k.Right):
			return e.commit(0, 1)
		case key.Matches(msg, k.PrevCell, k.Left):
			return e.commit(0, -1)
		case key.Matches(msg, k.Cancel):
			e.editing, e.buf = false, ""
		case key.Matches(msg, k.Erase):
			e.buf = eraseLast(e.buf)
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
		e.help = true
	case typedText(msg) != "": // typing starts a value, as in a spreadsheet
		if cmd := e.refuseHere(); cmd != nil {
			return cmd
		}
		e.editing, e.buf = true, typedText(msg)
		delete(e.refused, e.here())
	case key.Matches(msg, k.Edit, k.Save):
		if r, ok := e.refused[e.here()]; ok { // take the refused value up again
			e.editing, e.buf = true, r.text
			return nil
		}
		if text, ok := e.saving[e.here()]; ok && text != "" && e.writable() { // being saved: edit what was typed
			e.editing, e.buf = true, text
			return nil
		}
		v, ok := e.stored(e.row, e.col)
		if !ok { // Enter on an empty cell just moves down
			if key.Matches(msg, k.Save) {
				e.move(1, e.enterCol())
			}
			return nil
		}
		if cmd := e.refuseHere(); cmd != nil {
			return cmd
		}
		e.editing, e.buf = true, v.String()
	case key.Matches(msg, k.Clear):
		return e.askClear()
	case key.Matches(msg, k.Undo):
		return e.undo(false)
	case key.Matches(msg, k.Redo):
		return e.undo(true)
	case key.Matches(msg, k.CellUp):
		e.move(-1, 0)
	case key.Matches(msg, k.CellDown):
		e.move(1, 0)
	case key.Matches(msg, k.Left, k.PrevCell):
		e.move(0, -1)
	case key.Matches(msg, k.Right, k.NextCell):
		e.move(0, 1)
	case key.Matches(msg, k.PageDown):
		e.move(e.gridRows(), 0)
	case key.Matches(msg, k.PageUp):
		e.move(-e.gridRows(), 0)
	case key.Matches(msg, k.RowStart):
		e.move(0, -e.col)
	case key.Matches(msg, k.RowEnd):
		e.move(0, e.cols()-1-e.col)
	case key.Matches(msg, k.GridStart):
		e.move(-e.row, -e.col)
	case key.Matches(msg, k.GridEnd):
		e.move(len(e.sheet.Units)-1-e.row, e.cols()-1-e.col)
	case key.Matches(msg, k.Cancel):
		if n := len(e.refused); n > 0 { // first Esc: drop what was not saved
			clear(e.refused)
			return e.setStatus(fmt.Sprintf("已放弃 %d 格未保存的输入，显示已保存的数值；再按 %s 离开录入", n, k.Cancel.Help().Key))
		}
		return e.leave()
	case key.Matches(msg, k.Quit): // ctrl+c: q has text and typed above
		return tea.Quit
	}
	return nil
}

// enterCol is Enter's column step: back to where a run of Tabs began.
func (e *entry) enterCol() int {
	if e.tabRun {
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

// eraseLast is s without its last character (Backspace while typing).
func eraseLast(s string) string {
	if s == "" {
		return s
	}
	_, size := lastRune(s)
	return s[:len(s)-size]
}

func lastRune(s string) (rune, int) {
	r := []rune(s)
	last := r[len(r)-1]
	return last, len(string(last))
}

func (e *entry) leave() tea.Cmd {
	e.mode = modeBoard
	e.editing = false
	e.clearStatus()
	return e.load(e.quarter)
}

func (e *entry) readOnly() bool { return e.sheet.Locked }

// cellDenied says why the cursor's cell may not be written by this
// dashboard's user (a reporter's other sections), "" when it may.
func (e *entry) cellDenied() string {
	return e.sectionDenied(e.colName(e.col), e.col < len(e.sheet.Sections))
}

// writable reports whether the cursor's cell may be changed.
func (e *entry) writable() bool { return !e.readOnly() && e.cellDenied() == "" }

// refuseHere says why the cursor's cell is read-only (locked quarter, no
// rights), or returns nil when it may be changed.
func (e *entry) refuseHere() tea.Cmd {
	if e.readOnly() {
		return e.lockedNotice()
	}
	if why := e.cellDenied(); why != "" {
		return e.refuse(why)
	}
	return nil
}

func (e *entry) lockedNotice() tea.Cmd {
	q := e.quarter.String()
	return e.setError(q + " 已定稿，只读。要修改，先在设置（" + e.keys.Setup.Help().Key + "）里解锁，或运行 starflag unlock --quarter " + q)
}

// move shifts the cursor; Tab past the last column wraps to the next row.
func (e *entry) move(dr, dc int) {
	cols := e.cols()
	e.col += dc
	if e.col >= cols {
		e.col, dr = 0, dr+1
	}
	if e.col < 0 {
		e.col, dr = cols-1, dr-1
	}
	e.row = min(max(e.row+dr, 0), len(e.sheet.Units)-1)
	e.keepVisible()
}

// keepVisible scrolls the grid so that the cursor's row shows.
func (e *entry) keepVisible() {
	if e.row < e.top {
		e.top = e.row
	}
	if rows := e.gridRows(); e.row >= e.top+rows {
		e.top = e.row - rows + 1
	}
}

// gridRows is how many unit rows the grid shows: the area less the header
// and column titles above and the note line under the grid (the cell's
// range, a refusal's reason), which must stay on the screen.
func (e *entry) gridRows() int {
	extra := 3 // header, column titles, note line
	if e.width < entryWideMin {
		extra += 2 // the live-ranking summary under the grid
	}
	return max(e.height-extra, 1)
}

// commit checks the typed value and saves it (one transaction, in a
// command); a refused value stays in the cell with its reason and nothing
// is saved. Then the cursor moves.
func (e *entry) commit(dr, dc int) tea.Cmd {
	text, k, row, col := strings.TrimSpace(e.buf), e.here(), e.row, e.col
	e.editing, e.buf = false, ""
	what := e.sheet.Units[row].Name + "/" + e.colName(col)
	if text == "" {
		e.move(dr, dc)
		return nil
	}
	var v model.Hundredths
	var err error
	if col < len(e.sheet.Sections) {
		v, err = model.CheckScore(text, e.sheet.Sections[col])
	} else {
		v, err = model.CheckAdjustment(text, e.item(col))
	}
	if err != nil {
		e.refused[k] = refusal{text, e.errText(err)}
		return e.setError("未保存 " + what + "：" + e.errText(err))
	}
	if old, ok := e.stored(row, col); ok && old == v {
		e.move(dr, dc)
		return nil
	}
	delete(e.refused, k)
	e.saving[k] = v.String()
	e.move(dr, dc)
	return e.save(k, row, col, &v, what)
}

// save writes one cell (nil clears it) and reports back.
func (e *entry) save(k cellKey, row, col int, v *model.Hundredths, what string) tea.Cmd {
	d, q := e.sheet, e.quarter
	u := d.Units[row]
	text := ""
	if v != nil {
		text = v.String()
	}
	return func() tea.Msg {
		var err error
		if col < len(d.Sections) {
			err = e.data.SetScore(context.Background(), q, u.ID, d.Sections[col].ID, v)
		} else {
			err = e.data.SetAdjust(context.Background(), q, u.ID, e.item(col).ID, v)
		}
		return savedMsg{key: k, text: text, what: what, err: err}
	}
}

// askClear asks once before clearing a saved value.
func (e *entry) askClear() tea.Cmd {
	k := e.here()
	if _, ok := e.refused[k]; ok {
		delete(e.refused, k)
		return nil
	}
	_, saved := e.stored(e.row, e.col)
	if pending, ok := e.saving[k]; !saved && (!ok || pending == "") {
		return nil // nothing saved or being saved here
	}
	if cmd := e.refuseHere(); cmd != nil {
		return cmd
	}
	row, col := e.row, e.col
	what := e.sheet.Units[row].Name + "/" + e.colName(col)
	e.ask("清除 "+what+" 的得分？Enter 确认，Esc 取消", func() tea.Cmd {
		e.saving[k] = ""
		return e.save(k, row, col, nil, what)
	})
	return nil
}

func (e *entry) undo(redo bool) tea.Cmd {
	if e.readOnly() {
		return e.lockedNotice()
	}
	q := e.quarter
	return func() tea.Msg {
		var what string
		var err error
		if redo {
			what, err = e.data.Redo(context.Background(), q)
		} else {
			what, err = e.data.Undo(context.Background(), q)
		}
		return undoneMsg{redo, what, err}
	}
}

// paste checks a pasted block whole and saves it in one transaction,
// or refuses all of it listing the first problems.
func (e *entry) paste(text string) tea.Cmd {
	if !e.ready || len(e.sheet.Units) == 0 {
		return nil
	}
	e.editing, e.buf = false, ""
	plan, err := model.PlanPaste(e.sheet, e.row, e.col, text)
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
		return e.setError("粘贴被拒绝，没有保存任何数值：" + strings.Join(parts, "；"))
	}
	if why := e.pasteDenied(plan); why != "" {
		return e.setError("粘贴被拒绝，没有保存任何数值：" + why)
	}
	if plan.Changes() == 0 {
		return e.setStatus("粘贴的数值与已保存的相同，没有改动")
	}
	return func() tea.Msg {
		return pastedMsg{plan.Changes(), e.data.ApplyPaste(context.Background(), plan), plan.Notes}
	}
}

// entryWideMin is the width from which the live ranking stands beside the grid.
const entryWideMin = 120

// View draws the grid and the live ranking, or the ? screen.
func (e *entry) View() []string {
	w := e.width
	if e.help {
		return e.helpLines(e.FullHelp(), w)
	}
	lines := []string{e.styles.Head.Render(padRight(" 录入 "+e.quarter.String(), w))}
	switch {
	case !e.ready:
		return append(lines, e.styles.Muted.Render("  正在读取得分"))
	case len(e.sheet.Units) == 0:
		return append(lines, "  这个季度没有参加考核的区市。按 Esc 返回，在设置（s）里添加区市。")
	case e.cols() == 0:
		return append(lines, "  "+e.quarter.String()+" 还没有考核板块。按 Esc 返回，在设置（s）里添加板块，或用 starflag import 导入带表头的文件。")
	}
	if p := e.progressText(w - 12 - lipgloss.Width(e.quarter.String())); p != "" && !e.sheet.Locked {
		lines[0] = e.styles.Head.Render(padRight(" 录入 "+e.quarter.String()+"    "+p, w))
	}
	if e.sheet.Locked {
		head := " 录入 " + e.quarter.String() + "  已定稿，只读：在设置（" + e.keys.Setup.Help().Key + "）里解锁"
		if long := head + "，或 starflag unlock --quarter " + e.quarter.String(); textWidth(long) <= w {
			head = long
		}
		lines[0] = e.styles.Locked.Render(padRight(head, w))
	}
	gridW := w
	if w >= entryWideMin {
		gridW = w - 44
	}
	grid := e.grid(gridW)
	side := e.liveRanking(w-gridW-2, len(grid))
	for i, g := range grid {
		if i < len(side) && w >= entryWideMin {
			g = padRight(g, gridW) + "  " + side[i]
		}
		lines = append(lines, g)
	}
	lines = append(lines, e.cellNote(w))
	if w < entryWideMin {
		lines = append(lines, e.liveSummary(w)...)
	}
	return lines
}

// grid draws the column titles and the visible unit rows.
func (e *entry) grid(w int) []string {
	narrow := w < 100
	nameW, cellW := 12, 12
	if narrow {
		nameW = 8
		cellW = max(min((w-nameW-1)/max(e.cols(), 1)-1, 12), 7)
	}
	cols := []column{{"区市", nameW, false}}
	for c := range e.cols() {
		cols = append(cols, column{e.colName(c), cellW, true})
	}
	for k := range e.sheet.Adjustments { // never cut (群众满意度加分)
		keepTitle(cols[1:], len(e.sheet.Sections)+k, w-nameW-1, 7)
	}
	for i := range cols {
		if lipgloss.Width(cols[i].title) > cols[i].width {
			cols[i].title = firstRunes(cols[i].title, cols[i].width/2)
		}
	}
	out := []string{tableHead(cols, e.styles.Head)}
	rows := e.gridRows()
	for r := e.top; r < min(e.top+rows, len(e.sheet.Units)); r++ {
		u := e.sheet.Units[r]
		cells := []cell{plainCell(unitName(u, narrow))}
		for c := range e.cols() {
			cells = append(cells, e.gridCell(r, c))
		}
		out = append(out, tableRow(cols, cells))
	}
	return out
}

// gridCell is one cell: the typed text while editing, a refused value in
// red, a value being saved muted, or the saved value; the cursor reversed.
func (e *entry) gridCell(r, c int) cell {
	k := cellKey{e.sheet.Units[r].ID, c}
	cursor := r == e.row && c == e.col
	var text string
	st := e.styles.Muted
	plain := true
	switch {
	case cursor && e.editing:
		text, st, plain = e.buf+"_", e.styles.Selected, false
	case e.refused[k] != refusal{}:
		text, st, plain = e.refused[k].text+"!", e.styles.Error, false
	case hasKey(e.saving, k): // sent, not yet committed: muted until saved
		text, plain = e.saving[k], false
	default:
		if v, ok := e.stored(r, c); ok {
			text = v.String()
		}
	}
	if cursor {
		if text == "" {
			text = " "
		}
		return styled(text, e.styles.Selected)
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
func (e *entry) cellNote(w int) string {
	k := e.here()
	what := e.sheet.Units[e.row].Name + "/" + e.colName(e.col)
	keys := e.keys
	if r, ok := e.refused[k]; ok {
		note := "“" + r.text + "”未保存：" + r.why
		if strings.Contains(r.why, "“"+r.text+"”") { // the reason quotes it already
			note = r.why + "，未保存"
		}
		return e.styles.Error.Render(padRight(" "+what+"："+note+
			"（"+keyHint(keys.Save, "修改")+"，"+keyHint(keys.Cancel, "放弃")+"）", w))
	}
	if why := e.cellDenied(); why != "" {
		return e.styles.Muted.Render(padRight(" "+what+"：只读（"+why+"）", w))
	}
	rng := ""
	if e.col < len(e.sheet.Sections) {
		rng = "0–" + e.sheet.Sections[e.col].Max.String()
	} else {
		a := e.item(e.col)
		rng = a.Min.String() + "–" + a.Max.String() + "，可空"
	}
	// as many key hints as fit, each whole (the key line has them all)
	hints := []string{keyHint(keys.Save, "保存并下移"), keyHint(keys.Edit, "修改"),
		keyHint(keys.Clear, "清除"), keyHint(keys.Undo, "撤销"), keyHint(keys.Cancel, "离开")}
	note := " " + what + "（" + rng + "）"
	for n := len(hints); n > 0; n-- {
		if t := note + "  直接输入数值，" + strings.Join(hints[:n], "，"); textWidth(t) <= w {
			note = t
			break
		}
	}
	return e.styles.Muted.Render(padRight(note, w))
}

// ShortHelp is entry's key line: the keys that act while typing, else
// the grid's.
func (e *entry) ShortHelp() []key.Binding {
	k := e.keys
	if e.editing {
		return []key.Binding{hint(k.Save, "保存"), hint(k.NextCell, "保存并右移"), hint(k.Erase, "删字"),
			hint(k.Clear, "清空"), hint(k.Cancel, "取消输入")}
	}
	leave := "离开"
	if len(e.refused) > 0 {
		leave = "放弃"
	}
	return []key.Binding{hint(k.Save, "保存"), hint(k.Edit, "修改"), hint(k.Clear, "清除"), hint(k.Undo, "撤销"),
		hint(k.Redo, "重做"), k.Help, hint(k.Cancel, leave)}
}

// FullHelp is entry's ? screen: editing, then moving.
func (e *entry) FullHelp() [][]key.Binding {
	k := e.keys
	return [][]key.Binding{
		{k.Save, k.Edit, k.Cancel, k.Clear, k.Erase, k.Undo, k.Redo, k.Help},
		append([]key.Binding{k.NextCell, k.PrevCell}, k.entryMoves()...),
	}
}

// liveRanking is the ranking beside the grid, recomputed from the saved
// values after every save.
func (e *entry) liveRanking(w, h int) []string {
	r := e.current()
	if r == nil || w < 30 {
		return nil
	}
	title := "实时排名"
	if !r.Complete() {
		title += "（未完成，暂定）"
	}
	out := []string{e.styles.Head.Render(padRight(title, w))}
	cols := []column{{"名次", 4, true}, {"变化", 5, false}, {"区市", 10, false}, {"综合", 7, true}, {"", 10, false}}
	for _, s := range r.Standings {
		if len(out) >= h {
			break
		}
		comp := e.glyphs.Dash
		if s.Complete {
			comp = s.Composite.String()
		}
		mark := e.flags(s, true)
		if s.Warned() {
			mark = e.warning(s)
		}
		out = append(out, tableRow(cols, []cell{e.rankCell(s), e.movement(s), plainCell(s.Unit.Label()), plainCell(comp), mark}))
	}
	return out
}

// liveSummary is the narrow screen's one-line view of the live ranking:
// where the cursor's unit stands, and what is still missing.
func (e *entry) liveSummary(w int) []string {
	r := e.current()
	if r == nil {
		return nil
	}
	u := e.sheet.Units[e.row]
	s := r.Find(u.ID)
	line := " " + u.Name + "："
	switch {
	case s == nil || s.Rank == 0:
		line += "尚无名次（得分未录全）"
	default:
		line += "第 " + strconv.Itoa(s.Rank) + " 名  综合 " + s.Composite.String() + "  " + e.movement(*s).text
		if len(s.Flags) > 0 {
			line += "  " + e.flags(*s, true).text
		}
		if s.Warned() {
			line += "  " + e.warning(*s).text
		}
	}
	missing := " 已录全，排名、星级、红旗已更新"
	if !r.Complete() {
		missing = missingFit(" 还缺 "+strconv.Itoa(len(r.Missing))+" 项", r.Missing, 3, w)
	}
	return []string{padRight(line, w), e.styles.Muted.Render(padRight(missing, w))}
}
