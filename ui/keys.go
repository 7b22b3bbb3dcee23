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
	Ranking, Stars, Flags, Seats, Year key.Binding
	PrevQuarter, NextQuarter           key.Binding
	Up, Down, PageUp, PageDown         key.Binding
	Present, Glyphs, Help, Quit        key.Binding
	NextPage, PrevPage, Back           key.Binding // presentation mode
}

// DefaultKeyMap returns the keys of DOMAIN.md.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Ranking:     b("1", "综合排名", "1"),
		Stars:       b("2", "评星", "2"),
		Flags:       b("3", "夺旗", "3"),
		Seats:       b("4", "座次", "4"),
		Year:        b("5", "年度", "5"),
		PrevQuarter: b("[", "上一季度", "["),
		NextQuarter: b("]", "下一季度", "]"),
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
	}
}

// helpGroups orders the bindings for the ? screen.
func (k KeyMap) helpGroups() [][]key.Binding {
	return [][]key.Binding{
		{k.Ranking, k.Stars, k.Flags, k.Seats, k.Year},
		{k.PrevQuarter, k.NextQuarter, k.Up, k.Down, k.PageUp, k.PageDown},
		{k.Present, k.NextPage, k.PrevPage, k.Back, k.Glyphs, k.Help, k.Quit},
	}
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
