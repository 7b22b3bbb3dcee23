package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Issue 11 item 17: a bracketed paste whose text holds its own end marker
// \e[201~ is data up to its real end, never keys.

// bracketedPaste is what bubbletea delivers for a bracketed paste whose
// content holds the end marker \e[201~: the part before it as a paste,
// the rest as keys, then an empty paste for the real end.
func bracketedPaste(h *uiHarness, before string, rest ...string) {
	h.send(tea.PasteStartMsg{})
	h.send(tea.PasteMsg{Content: before})
	h.send(tea.PasteEndMsg{})
	h.key(rest...)
	h.send(tea.PasteMsg{})
	h.send(tea.PasteEndMsg{})
}

// TestEntryPasteWithAStrayEndIsData: a paste holding
// \e[201~ is data up to its real end: refused whole, never typed as keys.
func TestEntryPasteWithAStrayEndIsData(t *testing.T) {
	h := entryHarness(t, 100, 30)
	bracketedPaste(h, "90\r", "85", "tab", "7", "enter")
	h.shown("粘贴被拒绝")
	h.noScores("a paste holding \\e[201~")
	// Keys typed just after a whole paste still act, after it.
	h.send(tea.PasteStartMsg{})
	h.send(tea.PasteMsg{Content: "90\r"})
	h.send(tea.PasteEndMsg{})
	h.key("down", "85", "enter")
	h.waitScore("市南区", "经济运行", "90.00")
	h.waitScore("市北区", "经济运行", "85.00")
}

// TestSetupPasteWithAStrayEndIsData: in setup too, the rest of such a
// paste is not typed and its line break does not save the form.
func TestSetupPasteWithAStrayEndIsData(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.key("right", "enter")                              // 市南区's name
	h.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the input
	bracketedPaste(h, "市北新区", "x", "enter")
	h.shown("粘贴的内容里有控制字符")
	h.key("esc")
	h.settle()
	if _, ok := h.unit("市南区"); !ok {
		t.Fatalf("a paste holding \\e[201~ renamed 市南区: %v", h.units())
	}
}

// TestPasteHoldingItsEndMarkerInTmux: a bracketed paste
// whose content holds \e[201~ is data to its real end: refused whole,
// nothing typed, nothing saved.
func TestPasteHoldingItsEndMarkerInTmux(t *testing.T) {
	s, path := entryInTmux(t)
	buf := filepath.Join(t.TempDir(), "paste.txt")
	if err := os.WriteFile(buf, []byte("90\n\x1b[201~85\t7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.tmux("load-buffer", buf)
	s.tmux("paste-buffer", "-p")
	s.waitFor("粘贴被拒绝", "没有保存任何数值")
	time.Sleep(300 * time.Millisecond) // anything typed by the paste would be saved by now
	s.quit()
	checkStored(t, path, map[string]string{})
}
