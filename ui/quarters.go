package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"starflag/model"
)

// The quarter picker (t) reaches any quarter: it lists the stored quarters
// newest first with their state, and takes a typed quarter (2024Q1, also
// full-width) to open, or to create after a confirmation. Stored quarters
// outside 1000Q1–9999Q4, which an older starflag could create, are listed
// last so that they can be deleted.

// picker is the quarter picker screen.
type picker struct {
	*common
	width, height int

	input   string   // the typed quarter, as typed
	row     int      // the selected row of pickerRows
	top     int      // first visible row
	invalid []string // stored quarters outside the range, from InvalidQuarters
	err     string   // why the typed quarter was refused
}

// pickerRow is one listed quarter: a valid one, or an invalid stored name.
type pickerRow struct {
	status  model.QuarterStatus
	invalid string
}

func (r pickerRow) name() string {
	if r.invalid != "" {
		return r.invalid
	}
	return r.status.Quarter.String()
}

type invalidQuartersMsg struct {
	names []string
	err   error
}

type deletedQuarterMsg struct {
	name string
	err  error
}

// open shows the picker on the shown quarter's row and asks the database
// for invalid quarters.
func (p *picker) open() tea.Cmd {
	if !p.loaded {
		return nil
	}
	p.mode = modeQuarters
	p.input, p.row, p.top, p.err = "", 0, 0, ""
	for i, r := range p.rows() {
		if r.invalid == "" && r.status.Quarter == p.quarter {
			p.row = i
		}
	}
	return p.loadInvalid()
}

func (p *picker) loadInvalid() tea.Cmd {
	d := p.data
	return func() tea.Msg {
		names, err := d.InvalidQuarters(context.Background())
		return invalidQuartersMsg{names, err}
	}
}

// SetSize sets the picker's area: below the title bar, above the status
// and key lines.
func (p *picker) SetSize(w, h int) { p.width, p.height = w, h }

func (p *picker) withTabs() bool { return false }

// ShortHelp is the picker's key line (printable keys type the quarter).
func (p *picker) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{group("上下键", "选择", k.Up, k.Down), hint(k.Open, "打开或新建"), hint(k.DeleteQuarter, "删除"), hint(k.Close, "返回")}
}

// FullHelp is empty: ? is text in the picker.
func (p *picker) FullHelp() [][]key.Binding { return nil }

// rows are the stored quarters, newest first, then the invalid ones.
func (p *picker) rows() []pickerRow {
	rows := make([]pickerRow, 0, len(p.statuses)+len(p.invalid))
	for i := len(p.statuses) - 1; i >= 0; i-- {
		rows = append(rows, pickerRow{status: p.statuses[i]})
	}
	for _, n := range p.invalid {
		rows = append(rows, pickerRow{invalid: n})
	}
	return rows
}

// Update takes the picker's keys, pastes and command results.
func (p *picker) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return p.key(msg)
	case tea.PasteMsg:
		p.typeText(msg.Content)
	case invalidQuartersMsg:
		if msg.err != nil {
			return p.setError("读取季度失败：" + p.errText(msg.err))
		}
		p.invalid = msg.names
		p.row = min(p.row, max(len(p.rows())-1, 0))
	case deletedQuarterMsg:
		if msg.err != nil {
			return p.setError("未删除：" + p.errText(msg.err))
		}
		q := p.quarter
		if q.String() == msg.name {
			q = model.Quarter{} // the shown quarter is gone: open the default one
		}
		return tea.Batch(p.load(q), p.loadInvalid(), p.setStatus("已删除季度 "+model.SafeText(msg.name)))
	}
	return nil
}

// key handles a key in the picker. Printable keys type the quarter (so q,
// j and k are text here); the rest select, open, delete or leave.
func (p *picker) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	rows := p.rows()
	if msg.Text != "" && msg.Mod&^tea.ModShift == 0 {
		p.typeText(msg.Text)
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit): // q has text and is typed above: ctrl+c
		return tea.Quit
	case key.Matches(msg, k.Close):
		p.mode = modeBoard
	case key.Matches(msg, k.Up):
		p.row = max(p.row-1, 0)
	case key.Matches(msg, k.Down):
		p.row = min(p.row+1, max(len(rows)-1, 0))
	case key.Matches(msg, k.Erase):
		if r := []rune(p.input); len(r) > 0 {
			p.input, p.err = string(r[:len(r)-1]), ""
		}
	case key.Matches(msg, k.Open):
		if strings.TrimSpace(p.input) != "" {
			return p.pickTyped()
		}
		if p.row < len(rows) {
			if r := rows[p.row]; r.invalid == "" {
				p.mode = modeBoard
				return p.load(r.status.Quarter)
			}
			p.err = "这个季度超出范围，无法打开：按 Delete 删除它"
		}
	case key.Matches(msg, k.DeleteQuarter):
		if p.row < len(rows) {
			return p.askDelete(rows[p.row])
		}
	}
	return nil
}

// maxPickerInput bounds the typed text: a quarter is 6 characters.
const maxPickerInput = 20

// typeText adds typed or pasted text (its first line) to the input.
func (p *picker) typeText(text string) {
	text, _, _ = strings.Cut(strings.ReplaceAll(text, "\r", "\n"), "\n")
	r := []rune(p.input + text)
	p.input, p.err = string(r[:min(len(r), maxPickerInput)]), ""
}

// pickTyped opens the typed quarter, or offers to create it.
func (p *picker) pickTyped() tea.Cmd {
	q, err := model.ParseQuarter(p.input)
	if err != nil {
		p.err = p.errText(err)
		return nil
	}
	p.mode = modeBoard
	if slices.Contains(p.quarters, q) {
		return p.load(q)
	}
	if why := p.setupDenied("新建季度 " + q.String()); why != "" {
		return p.refuse(why)
	}
	p.ask("新建 "+q.String()+"（沿用上一季度的板块和规则）？Enter 确认，Esc 取消", func() tea.Cmd { return p.createQuarter(q, false) })
	return nil
}

// askDelete deletes a listed quarter after a confirmation: an invalid one
// with what it holds, a valid one only while it is unlocked and has no
// score (the store also refuses adjustments and commendations).
func (p *picker) askDelete(r pickerRow) tea.Cmd {
	name := r.name()
	if why := p.setupDenied("删除季度"); why != "" {
		return p.refuse(why)
	}
	prompt := "删除无效的季度 " + model.SafeText(name) + "（连同它的板块和得分）？Enter 确认，Esc 取消"
	if r.invalid == "" {
		switch {
		case r.status.Locked:
			return p.setError(name + " 已定稿，不能删除")
		case r.status.Scores > 0:
			return p.setError(fmt.Sprintf("%s 已有 %d 个得分，不能删除；只能删除无效的或空的季度", name, r.status.Scores))
		}
		prompt = "删除空的季度 " + name + "（它的板块和规则一并删除）？Enter 确认，Esc 取消"
	}
	d := p.data
	p.ask(prompt, func() tea.Cmd {
		return func() tea.Msg {
			return deletedQuarterMsg{name, d.DeleteQuarter(context.Background(), name)}
		}
	})
	return nil
}

// View draws the picker: the typed quarter, then the list.
func (p *picker) View() []string {
	w, h := p.width, p.height
	st := p.styles
	lines := []string{st.Head.Render(" 选择季度"), ""}
	typed := "  季度：" + model.SafeText(p.input) + "_"
	if p.input == "" {
		typed += st.Muted.Render("  输入如 2024Q1（全角也可），或用上下键选择")
	}
	lines = append(lines, padRight(typed, w))
	switch q, err := model.ParseQuarter(p.input); {
	case p.err != "":
		lines = append(lines, st.Error.Render(padRight("  "+p.err, w)))
	case p.input == "":
		lines = append(lines, st.Muted.Render("  Enter 打开选中的季度"))
	case err != nil:
		lines = append(lines, st.Muted.Render(fmt.Sprintf("  季度写成 2024Q1，在 %s 至 %s 之间", model.MinQuarter, model.MaxQuarter)))
	case slices.Contains(p.quarters, q):
		lines = append(lines, st.Muted.Render("  Enter 打开 "+q.String()))
	default:
		lines = append(lines, st.Muted.Render("  Enter 新建 "+q.String()+"（确认后沿用上一季度的板块和规则）"))
	}
	lines = append(lines, "")

	rows := p.rows()
	if len(rows) == 0 {
		return append(lines, st.Muted.Render("  还没有任何季度：输入一个季度新建，或按 Esc 返回后用 e 录入"))
	}
	nameW := 9 // 2024Q1 and 10000Q1 with a gap
	for _, r := range rows {
		nameW = max(nameW, min(lipgloss.Width(model.SafeText(r.name()))+2, w/2))
	}
	room := max(h-len(lines), 1)
	if p.row < p.top {
		p.top = p.row
	}
	if p.row >= p.top+room {
		p.top = p.row - room + 1
	}
	p.top = max(min(p.top, len(rows)-room), 0)
	for i := p.top; i < min(p.top+room, len(rows)); i++ {
		r := rows[i]
		line := "  " + padRight(model.SafeText(r.name()), nameW) + quarterState(r)
		if r.invalid == "" && r.status.Quarter == p.quarter {
			line += "  （当前）"
		}
		line = padRight(line, w)
		if i == p.row {
			line = st.Selected.Render(line)
		}
		lines = append(lines, line)
	}
	return lines
}

// quarterState says how far a listed quarter is.
func quarterState(r pickerRow) string {
	if r.invalid != "" {
		return fmt.Sprintf("无效（超出 %s 至 %s）：按 Delete 删除", model.MinQuarter, model.MaxQuarter)
	}
	s := r.status
	var state string
	switch {
	case s.Complete():
		state = "已完成"
	case s.Scores == 0:
		state = "未录入"
	default:
		state = fmt.Sprintf("未完成（缺 %d 项）", s.Cells-s.Scores)
	}
	if s.Locked {
		state += "  定稿"
	}
	return state
}
