package ui

import (
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// KeyMap is the one description of the keys: Update matches against it and
// the ? help is generated from it, so the help never lies.
type KeyMap struct {
	Pages                              []key.Binding // one per page, in pages order
	PrevQuarter, NextQuarter, Quarters key.Binding
	Up, Down, PageUp, PageDown         key.Binding
	Present, Glyphs, Help, Quit        key.Binding
	NextPage, PrevPage, Back           key.Binding // presentation mode
	Entry, Setup, Export               key.Binding

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

	// Quarter picker (t): printable keys type the quarter; these act
	// (and Erase, Backspace, deletes a typed character).
	Open, DeleteQuarter, Close key.Binding
}

// DefaultKeyMap returns the keys of the README's keys table.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	var pageKeys []key.Binding
	for _, p := range pages {
		pageKeys = append(pageKeys, b(p.key, p.title, p.key))
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
		NextPage:    b("右/空格", "下一页（放映）", "right", "space", "pgdown"),
		PrevPage:    b("左", "上一页（放映）", "left", "pgup"),
		Back:        b("Esc", "退出放映", "esc"),
		Entry:       b("e", "录入得分", "e"),
		Setup:       b("s", "设置", "s"),
		Export:      b("x", "导出本页到文件", "x"),
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

		Open:          b("Enter", "打开或新建季度", "enter"),
		DeleteQuarter: b("Delete", "删除选中的季度（无效的或空的）", "delete"),
		Close:         b("Esc", "返回看板", "esc"),
	}
}

// helpGroups orders the bindings for the ? screen.
func (k KeyMap) helpGroups() [][]key.Binding {
	return [][]key.Binding{
		k.Pages,
		{k.PrevQuarter, k.NextQuarter, k.Quarters, k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Present, k.NextPage, k.PrevPage, k.Back, k.Entry, k.Setup, k.Export, k.Glyphs, k.Help, k.Quit},
	}
}

// entryHelp groups the entry grid's keys for its help screen: editing,
// then moving.
func (k KeyMap) entryHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Save, k.Edit, k.Cancel, k.Clear, k.Erase, k.Undo, k.Redo, k.Help},
		append([]key.Binding{k.NextCell, k.PrevCell}, k.entryMoves()...),
	}
}

// entryMoves are the grid's moving keys other than Tab and Enter.
func (k KeyMap) entryMoves() []key.Binding {
	return []key.Binding{k.CellUp, k.CellDown, k.Left, k.Right, k.RowStart, k.RowEnd, k.GridStart, k.GridEnd, k.PageUp, k.PageDown}
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
