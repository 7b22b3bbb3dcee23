package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
	"starflag/office"
	"starflag/store"
	"starflag/ui"
)

// uiHarness drives the real dashboard (ui.App through its exported Update
// and View) on a real database file, the way bubbletea would: commands run
// in the background and their messages come back through Update on the test
// goroutine. Ticks (polling, status timeouts) simply never come back within
// a test's waits, which is what a fast user sees too.
type uiHarness struct {
	t         *testing.T
	db        *store.DB
	app       *ui.App
	msgs      chan tea.Msg
	exportDir string // where x writes
}

// newHarness opens a fresh seeded database (ten units) in a temp folder and
// the dashboard on it at w×h, on quarter q (zero: the latest with scores).
func newHarness(t *testing.T, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return attachHarness(t, db, w, h, q)
}

// attachHarness opens the dashboard on an existing database.
func attachHarness(t *testing.T, db *store.DB, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	return attachHarnessWith(t, db, w, h, q, colorprofile.Ascii)
}

// attachHarnessWith is attachHarness drawing with colour profile p.
func attachHarnessWith(t *testing.T, db *store.DB, w, h int, q model.Quarter, p colorprofile.Profile) *uiHarness {
	t.Helper()
	hs := &uiHarness{t: t, db: db, msgs: make(chan tea.Msg, 64), exportDir: t.TempDir()}
	hs.app = ui.New(office.Data{DB: db}, ui.Options{Quarter: q, Profile: p,
		Export: office.ExportFunc(db, hs.exportDir)})
	hs.run(hs.app.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.until("the first load", func() bool { return !strings.Contains(hs.screen(), "正在读取数据") })
	return hs
}

// run starts cmd in the background; a batch runs each of its commands.
func (h *uiHarness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if m := cmd(); m != nil {
			h.msgs <- m
		}
	}()
}

// send feeds one message to Update and starts the command it returns.
func (h *uiHarness) send(msg tea.Msg) {
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			h.run(c)
		}
		return
	}
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

// pump handles the messages that have arrived, waiting at most d for one.
func (h *uiHarness) pump(d time.Duration) bool {
	select {
	case m := <-h.msgs:
		h.send(m)
		return true
	case <-time.After(d):
		return false
	}
}

// until handles messages until cond holds, or fails the test after 5 s.
func (h *uiHarness) until(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; screen:\n%s", what, h.screen())
		}
		h.pump(20 * time.Millisecond)
	}
}

// settle handles messages until none arrives for a short while.
func (h *uiHarness) settle() {
	for h.pump(60 * time.Millisecond) {
	}
}

// screen is the current frame as plain text.
func (h *uiHarness) screen() string { return ansi.Strip(h.app.View().Content) }

// key sends keys: named ones ("enter", "tab", "shift+tab", "esc", "up",
// "down", "left", "right", "delete", "backspace", "f2", "ctrl+z", "ctrl+y",
// "space", "home", "end", "ctrl+home", "ctrl+end") or text typed rune by rune (as an input method commits it).
func (h *uiHarness) key(keys ...string) {
	for _, k := range keys {
		if m, ok := namedKey(k); ok {
			h.send(m)
			continue
		}
		for _, r := range k {
			h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

func namedKey(k string) (tea.KeyPressMsg, bool) {
	named := map[string]tea.KeyPressMsg{
		"enter": {Code: tea.KeyEnter}, "tab": {Code: tea.KeyTab}, "shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"esc": {Code: tea.KeyEscape}, "up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft},
		"right": {Code: tea.KeyRight}, "delete": {Code: tea.KeyDelete}, "backspace": {Code: tea.KeyBackspace},
		"f2": {Code: tea.KeyF2}, "ctrl+z": {Code: 'z', Mod: tea.ModCtrl}, "ctrl+y": {Code: 'y', Mod: tea.ModCtrl},
		"space": {Code: tea.KeySpace, Text: " "}, "pgdown": {Code: tea.KeyPgDown}, "pgup": {Code: tea.KeyPgUp},
		"home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd}, "ctrl+home": {Code: tea.KeyHome, Mod: tea.ModCtrl},
		"ctrl+end": {Code: tea.KeyEnd, Mod: tea.ModCtrl},
	}
	m, ok := named[k]
	return m, ok
}

// paste sends a bracketed paste, as a terminal delivers a block copied from Excel.
func (h *uiHarness) paste(text string) { h.send(tea.PasteMsg{Content: text}) }

// quarterData reads the quarter back from the database.
func (h *uiHarness) quarterData(q model.Quarter) model.QuarterData {
	h.t.Helper()
	d, err := h.db.QuarterData(context.Background(), q)
	if err != nil {
		h.t.Fatal(err)
	}
	return d
}
