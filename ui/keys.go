package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"starflag/model"
)

// KeyMap is the one description of the keys: every screen matches against
// it, and the key line and the ? help are drawn from it (with bubbles/help),
// so neither can lie. A new key is a field here, bound in DefaultKeyMap,
// matched with key.Matches in its screen's Update and listed in that
// screen's ShortHelp or FullHelp.
type KeyMap struct {
	Pages                              []key.Binding // one per page, in pages order
	PrevQuarter, NextQuarter, Quarters key.Binding
	Up, Down, PageUp, PageDown         key.Binding
	Present, Glyphs, Help, Quit        key.Binding
	NextPage, PrevPage, Back           key.Binding // presentation mode
	Entry, Setup, Export, Audit        key.Binding
	ForceQuit                          key.Binding // Ctrl+C alone: where q is text or means nothing
	Confirm                            key.Binding // yes to the question on the status line

	// Entry grid (spreadsheet keys). Letters are avoided: a Chinese input
	// method swallows them, so entry works with digits, arrows, Enter, Tab,
	// Esc, Delete and F-keys alone. Every key with text (j and k too) types
	// into the cell: the grid moves with the arrows only.
	Save, Edit, Cancel, Clear key.Binding
	Left, Right, NextCell     key.Binding
	PrevCell, Undo, Redo      key.Binding
	CellUp, CellDown, Erase   key.Binding
	RowStart, RowEnd          key.Binding
	GridStart, GridEnd        key.Binding

	// The unit card: on the ranking, stars and flags pages (and in
	// presentation) Up and Down highlight a unit and OpenCard opens its
	// card; ClearPick (Esc) takes the highlight away. On a card Up, Down,
	// PageUp and PageDown scroll, WhatIf opens the what-if of its
	// quarter, CloseCard leaves. In the what-if CellUp and CellDown pick
	// a value, Left and Right another unit, typing (or Assume) starts a
	// value and Assume computes with it, Restore goes back to the stored
	// one, DropWhatIf drops the typing, then the what-if.
	OpenCard, ClearPick, CloseCard      key.Binding
	WhatIf, Assume, Restore, DropWhatIf key.Binding

	// Quarter picker (t): printable keys type the quarter; these act
	// (and Erase, Backspace, deletes a typed character).
	Open, DeleteQuarter, Close key.Binding

	// Setup (s): its tabs, and on a row Up, Down, Left, Right, NextCell,
	// PrevCell, PageUp, PageDown move; these act. Close leaves.
	SetupTabs          []key.Binding // one per tab, in setupTabs order
	Activate           key.Binding   // edit the field, or switch it
	MoveUp, MoveDown   key.Binding   // reorder the row
	Remove             key.Binding   // delete the row
	FormNext, FormPrev key.Binding   // the open form's inputs
	FormEnter          key.Binding   // next input; on the last, save
	FormCancel         key.Binding
}

// DefaultKeyMap returns the keys of the keys table of docs/guide.md.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	var pageKeys, tabKeys []key.Binding
	for _, p := range pages {
		pageKeys = append(pageKeys, b(p.key, p.title, p.key))
	}
	for _, t := range setupTabs {
		tabKeys = append(tabKeys, b(t.key, t.name, t.key))
	}
	return KeyMap{
		Pages:       pageKeys,
		PrevQuarter: b("[", "上一季度", "["),
		NextQuarter: b("]", "下一季度", "]"),
		Quarters:    b("t", "选择季度", "t"),
		Up:          b("上/k", "上移", "up", "k"),
		Down:        b("下/j", "下移", "down", "j"),
		PageUp:      b("PgUp", "上一页", "pgup"),
		PageDown:    b("PgDn", "下一页", "pgdown"),
		Present:     b("p", "放映模式", "p"),
		Glyphs:      b("g", "符号：默认/花样/ASCII", "g"),
		Help:        b("?", "帮助", "?"),
		Quit:        b("q", "退出", "q", "ctrl+c"),
		ForceQuit:   b("Ctrl+C", "退出", "ctrl+c"),
		Confirm:     b("Enter", "确认", "enter", "y"),
		NextPage:    b("右/空格", "下一页（放映）", "right", "space", "pgdown"),
		PrevPage:    b("左", "上一页（放映）", "left", "pgup"),
		Back:        b("Esc", "退出放映", "esc"),
		Entry:       b("e", "录入得分", "e"),
		Setup:       b("s", "设置", "s"),
		Export:      b("x", "导出本页到文件", "x"),
		Audit:       b("a", "修改记录（谁在何时改了什么）", "a"),
		Save:        b("Enter", "保存并下移", "enter"),
		Edit:        b("F2", "修改本格", "f2"),
		Cancel:      b("Esc", "取消输入 / 放弃未保存的 / 离开录入", "esc"),
		Clear:       b("Delete", "清除本格（输入时：清空）", "delete", "backspace"),
		Erase:       b("Backspace", "输入时删去最后一个字", "backspace"),
		Left:        b("左", "左移", "left"),
		Right:       b("右", "右移", "right"),
		NextCell:    b("Tab", "下一格", "tab"),
		PrevCell:    b("Shift+Tab", "上一格", "shift+tab"),
		Undo:        b("Ctrl+Z", "撤销", "ctrl+z"),
		Redo:        b("Ctrl+Y", "重做", "ctrl+y"),
		CellUp:      b("上", "上移", "up"),
		CellDown:    b("下", "下移", "down"),
		RowStart:    b("Home", "本行第一格", "home"),
		RowEnd:      b("End", "本行最后一格", "end"),
		GridStart:   b("Ctrl+Home", "表格第一格", "ctrl+home"),
		GridEnd:     b("Ctrl+End", "表格最后一格", "ctrl+end"),

		OpenCard:   b("Enter", "区市卡片", "enter"),
		ClearPick:  b("Esc", "取消选中", "esc"),
		CloseCard:  b("Esc", "关闭卡片", "esc"),
		WhatIf:     b("w", "假设：改得分看结果（不保存）", "w"),
		Assume:     b("Enter", "改值 / 代入输入的值，重新计算", "enter"),
		Restore:    b("Delete", "恢复实际值", "delete"),
		DropWhatIf: b("Esc", "取消输入 / 放弃假设（不保存）", "esc"),

		Open:          b("Enter", "打开或新建季度", "enter"),
		DeleteQuarter: b("Delete", "删除选中的季度（无效的或空的）", "delete"),
		Close:         b("Esc", "返回看板", "esc"),

		SetupTabs:  tabKeys,
		Activate:   b("Enter", "修改", "enter", "f2", "space"),
		MoveUp:     b("Shift+上", "上移一位", "shift+up", "ctrl+up", "alt+up"),
		MoveDown:   b("Shift+下", "下移一位", "shift+down", "ctrl+down", "alt+down"),
		Remove:     b("Delete", "删除", "delete"),
		FormNext:   b("Tab", "下一项", "tab", "down"),
		FormPrev:   b("Shift+Tab", "上一项", "shift+tab", "up"),
		FormEnter:  b("Enter", "保存", "enter"),
		FormCancel: b("Esc", "取消", "esc"),
	}
}

// entryMoves are the grid's moving keys other than Tab and Enter.
func (k KeyMap) entryMoves() []key.Binding {
	return []key.Binding{k.CellUp, k.CellDown, k.Left, k.Right, k.RowStart, k.RowEnd, k.GridStart, k.GridEnd, k.PageUp, k.PageDown}
}

// typing is the ? line for typing a value (desc says where): no binding
// matches these keys, every key with text types (typedText).
func typing(desc string) key.Binding {
	return key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "."), key.WithHelp("数字", desc))
}

// hint is b named by the word a key line uses for it here.
func hint(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// group is one key-line item for several bindings: their keys, named by
// label (the quarter keys [ ], the arrows 上下键).
func group(label, desc string, bs ...key.Binding) key.Binding {
	var keys []string
	for _, b := range bs {
		keys = append(keys, b.Keys()...)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(label, desc))
}

// span is a group of a run of bindings named by the first and last key:
// 1-5 for the pages.
func span(desc string, bs []key.Binding) key.Binding {
	return group(bs[0].Help().Key+"-"+bs[len(bs)-1].Help().Key, desc, bs...)
}

// keyHint names a key by its binding, then what it does here, for the
// sentences that mention keys.
func keyHint(b key.Binding, does string) string { return b.Help().Key + " " + does }

// keySeparator stands between the items of a key line.
const keySeparator = "  "

// shortHelp draws bindings on one line, "key word" items sep apart, with
// bubbles/help and no styles of its own (the caller styles the line). A key
// line is drawn on every frame and seldom changes: it is remembered.
func (c *common) shortHelp(bs []key.Binding, sep string) string {
	var id strings.Builder
	id.WriteString(sep)
	for _, b := range bs {
		if b.Enabled() {
			id.WriteString("\x00" + b.Help().Key + "\x01" + b.Help().Desc)
		}
	}
	if line, ok := c.memo.keyLines[id.String()]; ok {
		return line
	}
	if c.memo.keyLines == nil || len(c.memo.keyLines) > 100 {
		c.memo.keyLines = map[string]string{}
	}
	line := help.Model{ShortSeparator: sep}.ShortHelpView(bs)
	c.memo.keyLines[id.String()] = line
	return line
}

// fitting is the first of the key lines (richest first) that fits w
// cells, else the last.
func (c *common) fitting(w int, lines ...[]key.Binding) []key.Binding {
	for _, line := range lines[:len(lines)-1] {
		if c.textW(c.shortHelp(line, keySeparator)) <= w {
			return line
		}
	}
	return lines[len(lines)-1]
}

// helpLines is the ? screen: the key groups (a screen's FullHelp) side by
// side when they fit (so the whole help fits 80×24), else one below the
// other, drawn with bubbles/help.
func (c *common) helpLines(groups [][]key.Binding, w int) []string {
	keyW := 0 // the widest key and two cells: keys and words align across groups
	for _, g := range groups {
		for _, b := range g {
			keyW = max(keyW, lipgloss.Width(b.Help().Key)+2)
		}
	}
	h := help.Model{FullSeparator: "  ", Styles: help.Styles{FullKey: lipgloss.NewStyle().PaddingLeft(1).Width(keyW - 1)}}
	lines := []string{c.styles.Head.Render(" 按键")}
	if all := h.FullHelpView(groups); lipgloss.Width(all)+2 <= w {
		for _, l := range strings.Split(all, "\n") {
			lines = append(lines, padRight(l, lipgloss.Width(all)+2))
		}
	} else {
		for _, g := range groups {
			for _, l := range strings.Split(h.FullHelpView([][]key.Binding{g}), "\n") {
				lines = append(lines, strings.TrimRight(l, " "))
			}
		}
	}
	return append(lines, "", c.styles.Muted.Render(" 按任意键关闭帮助"))
}

// matchIndex is the index of the binding in bs that msg matches, or -1.
func matchIndex(msg tea.KeyPressMsg, bs []key.Binding) int {
	for i, b := range bs {
		if key.Matches(msg, b) {
			return i
		}
	}
	return -1
}

// normalizeKey maps what a Chinese input method sends in Chinese
// punctuation mode to the ASCII key it stands for: 【 】 ？ and full-width
// digits act as [ ] ? and digits. Other keys pass unchanged.
func normalizeKey(msg tea.KeyPressMsg) tea.KeyPressMsg {
	if msg.Mod != 0 || utf8.RuneCountInString(msg.Text) != 1 {
		return msg
	}
	r, _ := utf8.DecodeRuneInString(msg.Text)
	n := model.NarrowRune(r)
	if n == r || n > utf8.RuneSelf {
		return msg
	}
	msg.Text = string(n)
	msg.Code = n
	return msg
}
