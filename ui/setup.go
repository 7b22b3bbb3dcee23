package ui

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// Setup (s) edits units, the shown quarter's sections, adjustment, rules
// and seating layout, and locks or unlocks the quarter. Every page is a
// list of rows of cells; a cell with a field can be edited (Enter opens it
// on the edit lines at the bottom, Enter saves, Esc cancels) or toggled.
// Each save is validated here first, with the store's rules, so a refusal
// comes with a Chinese message before anything is written; then it is one
// committed store call, after which setup and the dashboard reload.

// setup is the setup screen (s).
type setup struct {
	*common
	width, height int

	tab      int               // index into setupTabs
	row, col int               // cursor: a row of the page and a cell in it
	top      int               // first visible row
	ready    bool              // sheet, units and exists have been read
	sheet    model.QuarterData // the shown quarter as stored
	units    []model.Unit      // every unit, retired ones included, official order
	exists   bool              // the quarter has a row in the database
	edit     *setupEdit        // the open edit form, nil when none
	backup   string            // the backup taken by the last lock
	// busy is set while a change is being saved and setup reloaded; keys
	// typed and text pasted meanwhile wait in queue and are replayed on the
	// fresh data, so typing ahead never edits a stale row.
	busy  bool
	queue []tea.Msg // tea.KeyPressMsg or tea.PasteMsg
}

// setupTabs are the pages of setup, each with the key that shows it
// (DefaultKeyMap binds it).
var setupTabs = []struct {
	key, name string
	page      func(s *setup, narrow bool) setupPage
}{
	{"1", "区市", (*setup).unitsPage},
	{"2", "板块", (*setup).sectionsPage},
	{"3", "规则", (*setup).rulesPage},
	{"4", "座位", (*setup).layoutPage},
	{"5", "定稿", (*setup).lockPage},
	{"6", "本季", (*setup).groupsPage},
	{"7", "规则表", (*setup).rulesEditorPage},
}

// setupPage is what a tab shows: fixed head lines, then rows.
type setupPage struct {
	head []string
	cols []column // the rows' columns (a row may bring its own)
	rows []setupRow
	foot []string // drawn after the rows (the layout preview)
}

// setupRow is one line of a page. Rows without fields are not selectable.
type setupRow struct {
	cells []setupCell
	cols  []column          // nil: the page's columns
	line  string            // a plain line instead of cells (headings, notes)
	move  func(int) tea.Cmd // Shift+Up/Down: reorder
	del   func() tea.Cmd    // Delete: remove
}

// setupCell is one cell; field is nil for static text.
type setupCell struct {
	text  string
	field *setupField
}

// setupField says how a cell is edited and saved.
type setupField struct {
	title  string   // heading of the edit form: 修改「市南区」的简称
	labels []string // one input per label
	values []string // their starting text
	hints  []string // shown after each input
	bound  bool     // part of the quarter: read-only while it is locked
	toggle bool     // Enter saves at once (submit gets nil): switches, actions
	// preview names a layout field whose typed value the chart previews.
	preview string
	// draft gives the rules with the typed values applied, for the rule
	// editor's preview (ok false: the values would be refused).
	draft func(vals []string) (r model.Rules, ok bool)
	// submit validates the typed values and returns the command that saves
	// them, or a refusal message (nothing saved).
	submit func(vals []string) (tea.Cmd, string)
}

// setupEdit is an open edit form.
type setupEdit struct {
	field  *setupField
	inputs []textinput.Model
	focus  int
	err    string // why the last submit was refused
	saving bool   // sent to the store, waiting for its answer
}

type setupLoadedMsg struct {
	refresh bool // read again because another window saved
	data    model.QuarterData
	units   []model.Unit
	exists  bool
	err     error
}

// setupDoneMsg is the store's answer to a change.
type setupDoneMsg struct {
	done   string // status text on success
	backup string // a lock's backup path
	err    error
}

// open enters setup for the shown quarter.
func (s *setup) open() tea.Cmd {
	if !s.loaded {
		return nil
	}
	if why := s.setupDenied("设置"); why != "" {
		return s.refuse(why)
	}
	s.mode = modeSetup
	*s = setup{common: s.common, width: s.width, height: s.height, tab: s.tab}
	return s.read()
}

// SetSize sets setup's area: below the title bar, above the status and key
// lines.
func (s *setup) SetSize(w, h int) { s.width, s.height = w, h }

func (s *setup) withTabs() bool { return false }

func (s *setup) read() tea.Cmd {
	q, d := s.quarter, s.data
	return func() tea.Msg {
		ctx := context.Background()
		var m setupLoadedMsg
		if m.data, m.err = d.QuarterData(ctx, q); m.err != nil {
			return m
		}
		if m.units, m.err = d.ListUnits(ctx); m.err != nil {
			return m
		}
		qs, err := d.Quarters(ctx)
		m.exists, m.err = slices.ContainsFunc(qs, func(st model.QuarterStatus) bool { return st.Quarter == q }), err
		return m
	}
}

// Update takes setup's keys, pastes and command results.
func (s *setup) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.PasteMsg:
		return s.paste(msg.Content)
	case dataChangedMsg: // another window or process saved: show (and edit) what is stored now
		read := s.read()
		return func() tea.Msg {
			m := read().(setupLoadedMsg)
			m.refresh = true
			return m
		}
	case setupLoadedMsg:
		if msg.err != nil {
			return s.setError("读取设置失败：" + s.errText(msg.err))
		}
		changed := msg.refresh && s.edit != nil && !s.edit.saving && !sameSettings(s.sheet, msg.data, s.units, msg.units)
		s.sheet, s.units, s.exists, s.ready = msg.data, msg.units, msg.exists, true
		s.fixCursor(0)
		if changed { // the open form was made from the settings as they were
			s.edit = nil
			return s.setError("另一个窗口刚修改了 " + s.quarter.String() + " 的设置，已重新读取，请重新修改")
		}
		if msg.refresh { // a save of ours may be under way: it ends it
			return nil
		}
		return s.idle()
	case setupDoneMsg:
		if stale, ok := msg.err.(staleError); ok { // read again, the form is void
			s.edit = nil
			return tea.Batch(s.setError(stale.Error()), s.read())
		}
		if msg.err != nil {
			if s.edit != nil {
				s.edit.saving, s.edit.err = false, s.setupErrText(msg.err)
			}
			return tea.Batch(s.setError("未保存："+s.setupErrText(msg.err)), s.idle())
		}
		s.edit = nil
		if msg.backup != "" {
			s.backup = msg.backup
		}
		return tea.Batch(s.read(), s.load(s.quarter), s.setStatus(msg.done))
	}
	return nil
}

// sameSettings reports whether a and b, with the units of each, hold the
// same settings, whatever their scores: what setup's forms edit.
func sameSettings(a, b model.QuarterData, ua, ub []model.Unit) bool {
	a.Scores, a.Adjust, b.Scores, b.Adjust = nil, nil, nil, nil
	return reflect.DeepEqual(a, b) && reflect.DeepEqual(ua, ub)
}

// save runs one store change off the Update path; setup is busy
// until the answer (and, on success, the reload) arrives.
func (s *setup) save(done string, f func(ctx context.Context) error) tea.Cmd {
	s.busy = true
	return func() tea.Msg { return setupDoneMsg{done: done, err: f(context.Background())} }
}

// idle ends a save and replays the keys typed meanwhile.
func (s *setup) idle() tea.Cmd {
	s.busy = false
	var cmds []tea.Cmd
	for len(s.queue) > 0 && !s.busy && s.mode == modeSetup && s.status.confirm == nil {
		m := s.queue[0]
		s.queue = s.queue[1:]
		switch m := m.(type) {
		case tea.KeyPressMsg:
			cmds = append(cmds, s.key(m))
		case tea.PasteMsg:
			cmds = append(cmds, s.paste(m.Content))
		}
	}
	if s.mode != modeSetup || s.status.confirm != nil {
		s.queue = nil
	}
	return tea.Batch(cmds...)
}

// setupErrText is errText with the model's curly quotes as corner brackets.
func (s *setup) setupErrText(err error) string { return quotesAsCorners(s.errText(err)) }

// quotesAsCorners shows curly quotes (East Asian Ambiguous: two cells on
// the classic Windows console) as corner brackets. Only the table shows it
// so; the edit field shows the stored text.
func quotesAsCorners(s string) string {
	return strings.NewReplacer("“", "「", "”", "」", "‘", "『", "’", "』").Replace(s)
}

// key handles a key while setup is open.
func (s *setup) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.keys
	if key.Matches(msg, k.ForceQuit) { // q means nothing here
		return tea.Quit
	}
	if s.busy {
		s.queue = append(s.queue, msg)
		return nil
	}
	if s.edit != nil {
		return s.editKey(msg)
	}
	if key.Matches(msg, k.Close) {
		s.mode = modeBoard
		s.clearStatus()
		return s.load(s.quarter)
	}
	if !s.ready {
		return nil
	}
	if i := matchIndex(msg, k.SetupTabs); i >= 0 {
		s.tab, s.row, s.col, s.top = i, 0, 0, 0
		s.fixCursor(1)
		return nil
	}
	p := s.page()
	switch {
	case key.Matches(msg, k.Up):
		s.stepRow(p, -1)
	case key.Matches(msg, k.Down):
		s.stepRow(p, 1)
	case key.Matches(msg, k.PageUp):
		for range 10 {
			s.stepRow(p, -1)
		}
	case key.Matches(msg, k.PageDown):
		for range 10 {
			s.stepRow(p, 1)
		}
	case key.Matches(msg, k.Left):
		s.stepCell(p, -1, false)
	case key.Matches(msg, k.Right):
		s.stepCell(p, 1, false)
	case key.Matches(msg, k.NextCell):
		s.stepCell(p, 1, true)
	case key.Matches(msg, k.PrevCell):
		s.stepCell(p, -1, true)
	case key.Matches(msg, k.MoveUp, k.MoveDown):
		if r := s.cursorRow(p); r != nil && r.move != nil {
			dir := 1
			if key.Matches(msg, k.MoveUp) {
				dir = -1
			}
			return r.move(dir)
		}
	case key.Matches(msg, k.Remove):
		if r := s.cursorRow(p); r != nil && r.del != nil {
			return r.del()
		}
	case key.Matches(msg, k.Activate):
		return s.activate(p)
	}
	return nil
}

// page builds the current tab's page.
func (s *setup) page() setupPage {
	return setupTabs[s.tab].page(s, s.width < 100)
}

func (s *setup) cursorRow(p setupPage) *setupRow {
	if s.row < 0 || s.row >= len(p.rows) {
		return nil
	}
	return &p.rows[s.row]
}

func (s *setup) cursorField(p setupPage) *setupField {
	r := s.cursorRow(p)
	if r == nil || s.col < 0 || s.col >= len(r.cells) {
		return nil
	}
	return r.cells[s.col].field
}

func selectable(r setupRow) bool {
	for _, c := range r.cells {
		if c.field != nil {
			return true
		}
	}
	return false
}

// stepRow moves to the next selectable row up or down, keeping the column
// when the new row has a field there.
func (s *setup) stepRow(p setupPage, dir int) {
	for r := s.row + dir; r >= 0 && r < len(p.rows); r += dir {
		if selectable(p.rows[r]) {
			s.row = r
			s.fixCol(p)
			return
		}
	}
}

// fixCol puts the column on the nearest field of the cursor's row.
func (s *setup) fixCol(p setupPage) {
	cells := p.rows[s.row].cells
	best, dist := -1, 1<<30
	for i, c := range cells {
		if c.field != nil && abs(i-s.col) < dist {
			best, dist = i, abs(i-s.col)
		}
	}
	if best >= 0 {
		s.col = best
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// stepCell moves to the next field left or right; wrap (Tab) continues on
// the next or previous row.
func (s *setup) stepCell(p setupPage, dir int, wrap bool) {
	if len(p.rows) == 0 {
		return
	}
	row, col := s.row, s.col
	for range 1000 {
		col += dir
		if col < 0 || col >= len(p.rows[row].cells) {
			if !wrap {
				return
			}
			row += dir
			if row < 0 || row >= len(p.rows) {
				return
			}
			col = -1
			if dir < 0 {
				col = len(p.rows[row].cells)
			}
			continue
		}
		if p.rows[row].cells[col].field != nil {
			s.row, s.col = row, col
			return
		}
	}
}

// fixCursor keeps the cursor on a selectable row after the page
// changed (dir: where to look first).
func (s *setup) fixCursor(dir int) {
	p := s.page()
	if len(p.rows) == 0 {
		s.row, s.col = 0, 0
		return
	}
	s.row = min(max(s.row, 0), len(p.rows)-1)
	if selectable(p.rows[s.row]) {
		s.fixCol(p)
		return
	}
	if dir == 0 {
		dir = 1
	}
	old := s.row
	s.stepRow(p, dir)
	if s.row == old {
		s.stepRow(p, -dir)
	}
	if selectable(p.rows[s.row]) {
		s.fixCol(p)
	}
}

// activate opens the cursor's field for editing, or toggles it.
func (s *setup) activate(p setupPage) tea.Cmd {
	f := s.cursorField(p)
	if f == nil {
		return nil
	}
	if f.bound && s.sheet.Locked {
		return s.lockedNotice()
	}
	if f.toggle {
		cmd, why := f.submit(nil)
		if why != "" {
			return s.setError(why)
		}
		return cmd
	}
	e := &setupEdit{field: f}
	for i := range f.labels {
		in := textinput.New()
		in.Prompt = ""
		in.SetVirtualCursor(false) // View draws its own cursor mark
		if i < len(f.values) {
			in.SetValue(f.values[i])
		}
		in.CursorEnd()
		e.inputs = append(e.inputs, in)
	}
	e.inputs[0].Focus()
	s.edit = e
	return nil
}

func (s *setup) lockedNotice() tea.Cmd {
	q := s.quarter.String()
	return s.setError(q + " 已定稿，板块、规则和座位只读；要修改，先在「5 定稿」页解锁，或运行 starflag unlock --quarter " + q)
}

// editKey drives the open edit form: Enter moves to the next input and
// saves on the last, Tab/arrows move between inputs, Esc cancels; every
// other key (Chinese text committed by an input method included, one or
// more runes a message) goes to the text input.
func (s *setup) editKey(msg tea.KeyPressMsg) tea.Cmd {
	e, k := s.edit, s.keys
	switch {
	case key.Matches(msg, k.FormCancel):
		s.edit = nil
		return s.setStatus("已取消，没有修改")
	case key.Matches(msg, k.FormEnter):
		if e.focus < len(e.inputs)-1 {
			e.setFocus(e.focus + 1)
			return nil
		}
		vals := make([]string, len(e.inputs))
		for i, in := range e.inputs {
			vals[i] = strings.TrimSpace(in.Value())
		}
		cmd, why := e.field.submit(vals)
		if why != "" {
			e.err = why
			return s.setError(why)
		}
		if cmd == nil { // nothing changed
			s.edit = nil
			return s.setStatus("没有改动")
		}
		e.saving, e.err = true, ""
		return cmd
	case key.Matches(msg, k.FormNext):
		e.setFocus(min(e.focus+1, len(e.inputs)-1))
		return nil
	case key.Matches(msg, k.FormPrev):
		e.setFocus(max(e.focus-1, 0))
		return nil
	}
	var cmd tea.Cmd
	e.inputs[e.focus], cmd = e.inputs[e.focus].Update(msg)
	e.err = ""
	return cmd
}

// paste puts text copied from Excel, WPS or a document into the open
// form: one cell goes in at the cursor; a row of tab-separated cells fills
// the inputs from the focused one on (a unit's 名称, 简称, 别名 in one
// paste). Several lines, or more cells than inputs, are refused whole.
// Nothing is saved until Enter, as when typing.
func (s *setup) paste(text string) tea.Cmd {
	if s.busy {
		s.queue = append(s.queue, tea.PasteMsg{Content: text})
		return nil
	}
	e := s.edit
	if e == nil {
		return s.setError("先选中要填写的项，按 Enter 打开后再粘贴")
	}
	if len(text) > model.MaxPaste {
		return s.setError(fmt.Sprintf("粘贴的内容太大（%d KB），这里只能粘贴一行文字", (len(text)+1023)/1024))
	}
	// A cell copied from Excel ends with a line break: drop it.
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\r\n")
	if strings.ContainsAny(text, "\r\n") {
		return s.setError("粘贴的内容有多行；这里一次只能粘贴一行（一个单元格或同一行的几个单元格）")
	}
	if strings.ContainsFunc(text, func(r rune) bool { return r != '\t' && unicode.IsControl(r) }) {
		return s.setError("粘贴的内容里有控制字符（如终端的转义序列），没有粘贴")
	}
	cells := strings.Split(text, "\t")
	if room := len(e.inputs) - e.focus; len(cells) > room {
		return s.setError(fmt.Sprintf("粘贴了 %d 个单元格，这里从光标处起只有 %d 个输入框，没有粘贴", len(cells), room))
	}
	e.err = ""
	if len(cells) == 1 {
		var cmd tea.Cmd
		e.inputs[e.focus], cmd = e.inputs[e.focus].Update(tea.PasteMsg{Content: text})
		return cmd
	}
	for i, c := range cells {
		in := &e.inputs[e.focus+i]
		in.SetValue(strings.TrimSpace(c))
		in.CursorEnd()
	}
	e.setFocus(e.focus + len(cells) - 1)
	return s.setStatus(fmt.Sprintf("已粘贴 %d 个单元格，检查后按 Enter 保存", len(cells)))
}

func (e *setupEdit) setFocus(i int) {
	e.inputs[e.focus].Blur()
	e.focus = i
	e.inputs[i].Focus()
}

// previewValue is the typed text of a layout field while it is being
// edited, for the live preview.
func (s *setup) previewValue(name string) (string, bool) {
	e := s.edit
	if e == nil || e.field.preview != name {
		return "", false
	}
	return e.inputs[0].Value(), true
}

// View draws setup: its tabs, the page's rows, the open form and hints.
func (s *setup) View() []string {
	w, h := s.width, s.height
	lines := strings.Split(s.tabsLine(w), "\n")
	if !s.ready {
		return append(lines, s.styles.Muted.Render("  正在读取设置"))
	}
	p := s.page()
	lines = append(lines, p.head...)
	bottom := s.editLines(w)
	bottom = append(bottom, s.keysLine(p, w))
	room := max(h-len(lines)-len(bottom)-len(p.foot), 3)
	// keep the cursor row visible
	if s.row < s.top {
		s.top = s.row
	}
	if s.row >= s.top+room {
		s.top = s.row - room + 1
	}
	s.top = max(min(s.top, len(p.rows)-room), 0)
	for i := s.top; i < min(s.top+room, len(p.rows)); i++ {
		lines = append(lines, s.rowLine(p, i, w))
	}
	lines = append(lines, p.foot...)
	for len(lines) < h-len(bottom) {
		lines = append(lines, "")
	}
	return append(lines[:max(h-len(bottom), 0)], bottom...)
}

func (s *setup) tabsLine(w int) string {
	parts := []string{s.styles.Head.Render(" 设置 " + s.quarter.String())}
	for i, t := range setupTabs {
		label := " " + t.key + " " + t.name + " "
		if i == s.tab {
			parts = append(parts, s.styles.TabOn.Render(label))
		} else {
			parts = append(parts, s.styles.Tab.Render(label))
		}
	}
	line := strings.Join(parts, " ")
	if s.sheet.Locked && s.tab > 0 && s.tab != 4 {
		note := "  已定稿，只读"
		if lipgloss.Width(line+note) <= w {
			line += s.styles.Locked.Render(note)
		} else { // on a line of its own
			line += "\n" + s.styles.Locked.Render(note)
		}
	}
	return line
}

// rowLine draws row i, the cursor's cell reversed.
func (s *setup) rowLine(p setupPage, i, w int) string {
	r := p.rows[i]
	if r.cells == nil {
		return padRight(r.line, w)
	}
	cols := r.cols
	if cols == nil {
		cols = p.cols
	}
	cells := make([]cell, len(r.cells))
	for j, c := range r.cells {
		switch {
		case i == s.row && j == s.col && c.field != nil && s.edit == nil:
			t := quotesAsCorners(c.text)
			if t == "" {
				t = " "
			}
			cells[j] = styled(t, s.styles.Selected)
		case i == s.row && j == s.col && c.field != nil:
			cells[j] = styled(quotesAsCorners(c.text), s.styles.Head) // being edited below
		default:
			cells[j] = plainCell(quotesAsCorners(c.text))
		}
	}
	mark := "  "
	if i == s.row {
		mark = "> "
	}
	return mark + tableRowSep(cols, cells, "  ")
}

// editLines draw the open form: one line per input, the refusal below.
func (s *setup) editLines(w int) []string {
	e := s.edit
	if e == nil {
		return nil
	}
	f, k := e.field, s.keys
	keys := "（" + keyHint(k.FormEnter, "保存") + "，" + keyHint(k.FormCancel, "取消") + "）"
	if len(e.inputs) > 1 {
		keys = "（" + keyHint(k.FormEnter, "下一项") + "，最后一项 " + keyHint(k.FormEnter, "保存") + "，" + keyHint(k.FormCancel, "取消") + "）"
	}
	heads := []string{" " + f.title + keys}
	if textWidth(heads[0]) > w { // the keys on a line of their own rather than cut
		heads = []string{" " + f.title, " " + keys}
	}
	var out []string
	for _, h := range heads {
		out = append(out, s.styles.Head.Render(padRight(h, w)))
	}
	labelW := 0
	for _, l := range f.labels {
		labelW = max(labelW, lipgloss.Width(l))
	}
	for i, in := range e.inputs {
		line := "   " + padRight(f.labels[i], labelW) + "："
		room := max(w-textWidth(line), 8)
		if i == e.focus {
			line += s.inputView(in, room)
		} else {
			line += ansi.Truncate(in.Value(), room, "")
		}
		if i < len(f.hints) && f.hints[i] != "" {
			hint := s.styles.Muted.Render(f.hints[i])
			if textWidth(line)+2+textWidth(f.hints[i]) <= w {
				line += "  " + hint
			} else { // under the input rather than cut
				line += "\n" + strings.Repeat(" ", labelW+5) + hint
			}
		}
		out = append(out, strings.Split(line, "\n")...)
	}
	switch {
	case e.saving:
		out = append(out, s.styles.Muted.Render("   正在保存"))
	case e.err != "":
		out = append(out, s.styles.Error.Render(padRight("   未保存："+e.err, w)))
	}
	return out
}

// inputView draws a text input with our own cursor mark: the rune under
// the cursor reversed, or "_" at the end (the input's own cursor counts
// runes, not cells, which misplaces it after Chinese text).
// A value wider than room shows the part around the cursor.
func (s *setup) inputView(in textinput.Model, room int) string {
	r := []rune(in.Value())
	pos := min(in.Position(), len(r))
	under := "_"
	if pos < len(r) {
		under = string(r[pos])
	}
	start := 0 // the first rune shown: the cursor stays on screen
	for textWidth(string(r[start:pos]))+textWidth(under) > room {
		start++
	}
	after := ""
	if pos < len(r) {
		after = ansi.Truncate(string(r[pos+1:]), max(room-textWidth(string(r[start:pos]))-textWidth(under), 0), "")
	}
	return string(r[start:pos]) + s.styles.Selected.Render(under) + after
}

// keysLine is the hint line at the bottom of setup: the keys of the page
// and of the row under the cursor, drawn from the key map.
func (s *setup) keysLine(p setupPage, w int) string {
	k := s.keys
	if s.edit != nil {
		return s.styles.Muted.Render(padRight(" 输入后 "+keyHint(k.FormEnter, "保存")+"；左右键移动光标，"+
			keyHint(k.Erase, "删除")+"，"+keyHint(k.FormCancel, "取消"), w))
	}
	enter := hint(k.Activate, "修改")
	if f := s.cursorField(p); f != nil && f.toggle {
		enter = hint(k.Activate, "切换")
		if len(f.hints) > 0 {
			enter = hint(k.Activate, f.hints[0])
		}
	}
	items := []key.Binding{span("切换", k.SetupTabs),
		group("上下左右/Tab", "移动", k.Up, k.Down, k.Left, k.Right, k.NextCell, k.PrevCell), enter}
	if r := s.cursorRow(p); r != nil {
		if r.move != nil {
			items = append(items, group("Shift+上下", "调整顺序", k.MoveUp, k.MoveDown))
		}
		if r.del != nil {
			items = append(items, hint(k.Remove, "删除"))
		}
	}
	items = append(items, hint(k.Close, "返回"))
	line := " " + s.shortHelp(items, "  ")
	if lipgloss.Width(line) > w {
		line = " " + s.shortHelp(items, " ")
	}
	return s.styles.Muted.Render(padRight(line, w))
}

// ShortHelp is setup's key line; its own keys are on its hint line.
func (s *setup) ShortHelp() []key.Binding { return []key.Binding{s.keys.Close} }

// FullHelp is empty: setup has no ? screen (? is text in its forms).
func (s *setup) FullHelp() [][]key.Binding { return nil }

// formRow is a label and one value cell, for the form pages. A value too
// long for its cell (a 考核办法's name, a 主送机关) ends in "..." to say it
// goes on; Enter opens it whole.
func formRow(labelW, valueW int, label, value string, f *setupField) setupRow {
	if shown := quotesAsCorners(value); textWidth(shown) > valueW {
		value = ansi.Truncate(shown, valueW, "...")
	}
	return setupRow{
		cols:  []column{{"", labelW, false}, {"", valueW, false}},
		cells: []setupCell{{text: label}, {text: value, field: f}},
	}
}

// textRow is a plain line (a heading or a note).
func textRow(s string) setupRow { return setupRow{line: s} }

// parseCount reads a whole number typed in setup (full-width digits too).
func parseCount(s, what string, lo, hi int) (int, string) {
	n := model.NormalizeNumber(s)
	if n == "" {
		return 0, what + "不能为空"
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return 0, what + "「" + s + "」不是整数"
		}
	}
	v, err := strconv.Atoi(n)
	if err != nil || v < lo || v > hi {
		return 0, what + "必须在 " + strconv.Itoa(lo) + " 到 " + strconv.Itoa(hi) + " 之间"
	}
	return v, ""
}
