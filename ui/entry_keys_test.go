package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// entryApp is the demo's 2023Q4 in entry at w×h.
func entryApp(t *testing.T, w, h int) *App {
	t.Helper()
	a := newTestApp(t, w, h, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	a.Update(a.entry.open()())
	if !a.entry.ready {
		t.Fatal("entry not loaded")
	}
	return a
}

// TestEntryHelpAndHintsComeFromTheKeyMap: the ? screen lists every entry
// key whole at 80×24, and the key line and the note under the grid name
// keys by their bindings, so a rebound key is described as it is.
func TestEntryHelpAndHintsComeFromTheKeyMap(t *testing.T) {
	a := entryApp(t, 80, 24)
	press(a, "?")
	out := plain(a)
	for _, g := range a.entry.FullHelp() {
		for _, b := range g {
			if h := b.Help(); !strings.Contains(out, h.Key) || !strings.Contains(out, h.Desc) {
				t.Errorf("entry help lacks %q %q:\n%s", h.Key, h.Desc, out)
			}
		}
	}
	checkFits(t, a)
	press(a, "x") // any key closes the help, and types nothing
	if a.entry.help || a.entry.editing {
		t.Fatalf("after the help: help %v, typing %v", a.entry.help, a.entry.editing)
	}

	a.keys.Save = key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", "保存并下移"))
	a.keys.Cancel = key.NewBinding(key.WithKeys("f10"), key.WithHelp("F10", "离开"))
	out = plain(a)
	for _, want := range []string{"F9 保存", "F10 离开", "F9 保存并下移"} {
		if !strings.Contains(out, want) {
			t.Errorf("entry screen lacks %q after rebinding:\n%s", want, out)
		}
	}
	press(a, "9")
	press(a, "o")
	a.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	if out := plain(a); !strings.Contains(out, "F10 放弃") || !strings.Contains(out, "“9o”不是数字") {
		t.Errorf("the refusal does not name the rebound keys:\n%s", out)
	}
}

// TestEntryGridKeysWhenNotTyping: a key with text starts a value (j, k
// and q too), ? opens the help; moving keys move.
func TestEntryGridKeysWhenNotTyping(t *testing.T) {
	for _, k := range []string{"j", "k", "q", "e", "1", "．", " "} {
		a := entryApp(t, 100, 30)
		press(a, k)
		if !a.entry.editing || a.entry.row != 0 || a.mode != modeEntry {
			t.Errorf("%q in the grid: typing %v, row %d, mode %d", k, a.entry.editing, a.entry.row, a.mode)
		}
	}
	a := entryApp(t, 100, 30)
	press(a, "？")
	if !a.entry.help || a.entry.editing {
		t.Errorf("？ in the grid: help %v, typing %v", a.entry.help, a.entry.editing)
	}
}

// TestEntryNoteShowsWhenUnitsFillTheGrid: with more units than rows (a
// district's streets, 200 units), the note under the grid (the cell's
// range, a refusal's reason) is still on the screen; it fell one line off.
func TestEntryNoteShowsWhenUnitsFillTheGrid(t *testing.T) {
	big := model.DemoLarge(40, 1, 1)
	last := big.Quarters[len(big.Quarters)-1]
	f := newFakeData()
	f.results = model.ComputeSeries(big.Quarters)
	f.quarters = nil
	for _, r := range f.results {
		f.quarters = append(f.quarters, r.Quarter)
	}
	f.qdata = map[model.Quarter]model.QuarterData{last.Quarter: last}
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := New(f, Options{Quarter: last.Quarter, Profile: colorprofile.Ascii})
		a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		loadNow(t, a, last.Quarter)
		a.Update(a.entry.open()())
		press(a, "9")
		press(a, "o")
		a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		out := plain(a)
		lines := strings.Split(out, "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		if !strings.Contains(out, "“9o”不是数字，未保存（") {
			t.Errorf("%v: the note with the refusal is not on the screen:\n%s", size, out)
		}
	}
}
