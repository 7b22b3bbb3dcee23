package office_test

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// bracketedPaste is what bubbletea delivers for a bracketed paste whose
// content holds the end marker \e[201~: the part before it as a paste,
// the rest as keys, then an empty paste for the real end.
func bracketedPaste(h *uiHarness, before string, rest ...string) {
	h.Send(tea.PasteStartMsg{})
	h.Send(tea.PasteMsg{Content: before})
	h.Send(tea.PasteEndMsg{})
	h.Key(rest...)
	h.Send(tea.PasteMsg{})
	h.Send(tea.PasteEndMsg{})
}

// TestEntryPasteWithAStrayEndIsData: a paste holding
// \e[201~ is data up to its real end: refused whole, never typed as keys.
func TestEntryPasteWithAStrayEndIsData(t *testing.T) {
	h := entryHarness(t, 100, 30)
	bracketedPaste(h, "90\r", "85", "tab", "7", "enter")
	h.shown("粘贴被拒绝")
	h.noScores("a paste holding \\e[201~")
	// Keys typed just after a whole paste still act, after it.
	h.Send(tea.PasteStartMsg{})
	h.Send(tea.PasteMsg{Content: "90\r"})
	h.Send(tea.PasteEndMsg{})
	h.Key("down", "85", "enter")
	h.waitScore("市南区", "经济运行", "90.00")
	h.waitScore("市北区", "经济运行", "85.00")
}

// TestSetupPasteWithAStrayEndIsData: in setup too, the rest of such a
// paste is not typed and its line break does not save the form.
func TestSetupPasteWithAStrayEndIsData(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.Key("right", "enter")                              // 市南区's name
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the input
	bracketedPaste(h, "市北新区", "x", "enter")
	h.shown("粘贴的内容里有控制字符")
	h.Key("esc")
	h.Settle()
	if _, ok := h.unit("市南区"); !ok {
		t.Fatalf("a paste holding \\e[201~ renamed 市南区: %v", h.units())
	}
}
