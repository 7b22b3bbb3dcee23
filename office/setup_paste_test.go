package office_test

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// TestSetupPasteFromExcel pastes into setup's forms what Excel and WPS put
// on the clipboard: one cell (ending in a line break) into a field, a row
// of three cells into the 添加区市 form's three inputs; then the refusals
// (several lines, too many cells, no form open) change nothing.
func TestSetupPasteFromExcel(t *testing.T) {
	h := setupHarness(t, 80, 24)
	before := h.units()

	h.Paste("市北区")
	h.shown("先选中要填写的项")

	h.Key("right", "enter")                              // 市南区's name
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the input
	h.Paste("市南新区\r\n")
	h.Key("enter")
	h.Until("renamed by paste", func() bool { _, ok := h.unit("市南新区"); return ok })

	h.Key("pgdown", "pgdown", "enter") // + 添加区市
	h.shown("添加区市（Enter 下一项")
	h.Paste("市中区\t市中\t中区、老市中\r\n")
	h.shown("已粘贴 3 个单元格")
	h.Key("enter")
	h.Until("unit added by paste", func() bool { _, ok := h.unit("市中区"); return ok })
	u, _ := h.unit("市中区")
	if u.Short != "市中" || strings.Join(u.Aliases, ",") != "中区,老市中" {
		t.Fatalf("pasted unit = %+v", u)
	}

	after := h.units()
	h.Key("pgdown", "pgdown", "enter")
	h.shown("添加区市（Enter 下一项")
	h.Paste("黄岛区\r\n即墨区\r\n")
	h.shown("粘贴的内容有多行")
	h.Paste("a\tb\tc\td")
	h.shown("粘贴了 4 个单元格，这里从光标处起只有 3 个输入框")
	h.Key("esc")
	h.Settle()
	names := func(us []model.Unit) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.Name+"/"+u.Short+"/"+strings.Join(u.Aliases, ","))
		}
		return out
	}
	if got := h.units(); !slices.Equal(names(got), names(after)) || len(after) != len(before)+1 {
		t.Fatalf("refused pastes changed the units:\n%v\n%v", names(after), names(got))
	}
}
