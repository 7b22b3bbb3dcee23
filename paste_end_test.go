package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Issue 11 item 17: a bracketed paste whose text holds its own end marker
// \e[201~ is data up to its real end, never keys.

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
