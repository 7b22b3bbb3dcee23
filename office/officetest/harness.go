// Package officetest drives the real dashboard on a real database for the
// tests of office and of the command line, and holds the fixtures both
// use: the entry database, quarter snapshots, the hostile and the large
// demo databases, and the checks that a frame is safe for a terminal.
package officetest

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

// Harness drives the real dashboard (ui.App through its exported Update
// and View) on a real database file, the way bubbletea would: commands run
// in the background and their messages come back through Update on the test
// goroutine. Ticks (polling, status timeouts) simply never come back within
// a test's waits, which is what a fast user sees too, unless the options
// ask for a short poll interval.
type Harness struct {
	T         testing.TB
	DB        *store.DB
	App       *ui.App
	ExportDir string // where x writes
	msgs      chan tea.Msg
}

// New opens a fresh seeded database (ten units) in a temp folder and the
// dashboard on it at w×h, on quarter q (zero: the latest with scores).
func New(t testing.TB, w, h int, q model.Quarter) *Harness {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return Attach(t, db, w, h, q)
}

// Attach opens the dashboard on an existing database, drawn without colour.
func Attach(t testing.TB, db *store.DB, w, h int, q model.Quarter) *Harness {
	t.Helper()
	return AttachWith(t, db, w, h, ui.Options{Quarter: q, Profile: colorprofile.Ascii})
}

// AttachWith is Attach with the dashboard's options (quarter, colour
// profile, poll interval); x writes into the harness's ExportDir.
func AttachWith(t testing.TB, db *store.DB, w, h int, o ui.Options) *Harness {
	t.Helper()
	hs := &Harness{T: t, DB: db, msgs: make(chan tea.Msg, 64), ExportDir: t.TempDir()}
	o.Export = office.ExportFunc(db, hs.ExportDir)
	hs.App = ui.New(office.Data{DB: db}, o)
	hs.Run(hs.App.Init())
	hs.Send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.Until("the first load", func() bool { return !strings.Contains(hs.Screen(), "正在读取数据") })
	return hs
}

// Run starts cmd in the background; a batch runs each of its commands.
func (h *Harness) Run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if m := cmd(); m != nil {
			h.msgs <- m
		}
	}()
}

// Send feeds one message to Update and starts the command it returns.
func (h *Harness) Send(msg tea.Msg) {
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			h.Run(c)
		}
		return
	}
	_, cmd := h.App.Update(msg)
	h.Run(cmd)
}

// Pump handles the messages that have arrived, waiting at most d for one.
func (h *Harness) Pump(d time.Duration) bool {
	select {
	case m := <-h.msgs:
		h.Send(m)
		return true
	case <-time.After(d):
		return false
	}
}

// Until handles messages until cond holds, or fails the test after 5 s.
func (h *Harness) Until(what string, cond func() bool) {
	h.T.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.T.Fatalf("timed out waiting for %s; screen:\n%s", what, h.Screen())
		}
		h.Pump(20 * time.Millisecond)
	}
}

// Settle handles messages until none arrives for a short while.
func (h *Harness) Settle() {
	for h.Pump(60 * time.Millisecond) {
	}
}

// Screen is the current frame as plain text.
func (h *Harness) Screen() string { return ansi.Strip(h.App.View().Content) }

// Key sends keys: named ones ("enter", "tab", "shift+tab", "esc", "up",
// "down", "left", "right", "delete", "backspace", "f2", "ctrl+z", "ctrl+y",
// "space", "home", "end", "ctrl+home", "ctrl+end") or text typed rune by rune (as an input method commits it).
func (h *Harness) Key(keys ...string) {
	for _, k := range keys {
		if m, ok := namedKey(k); ok {
			h.Send(m)
			continue
		}
		for _, r := range k {
			h.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
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

// Paste sends a bracketed paste, as a terminal delivers a block copied from Excel.
func (h *Harness) Paste(text string) { h.Send(tea.PasteMsg{Content: text}) }

// QuarterData reads the quarter back from the database.
func (h *Harness) QuarterData(q model.Quarter) model.QuarterData {
	h.T.Helper()
	d, err := h.DB.QuarterData(context.Background(), q)
	if err != nil {
		h.T.Fatal(err)
	}
	return d
}

// PumpBoth handles both dashboards' messages (their data_version polls
// included) until cond holds, and says how long that took; it fails the
// test after limit.
func PumpBoth(t *testing.T, a, b *Harness, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v\n--- first dashboard ---\n%s\n--- second dashboard ---\n%s", what, limit, a.Screen(), b.Screen())
		}
		a.Pump(5 * time.Millisecond)
		b.Pump(5 * time.Millisecond)
	}
	return time.Since(start)
}
