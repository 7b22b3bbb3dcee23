package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/text/width"

	"starflag/model"
)

// openSetupNow opens setup and feeds its load synchronously.
func openSetupNow(t *testing.T, a *App) {
	t.Helper()
	press(a, "s")
	msg := a.loadSetup()()
	if lm, ok := msg.(setupLoadedMsg); !ok || lm.err != nil {
		t.Fatalf("setup load: %#v", msg)
	}
	a.Update(msg)
}

// TestSetupFramesFitAndAvoidAmbiguousWidth draws every setup tab, with an
// edit form open, at 80×24 and 160×45: each line fits and no frame holds
// an East Asian Ambiguous character in the default glyph set.
func TestSetupFramesFitAndAvoidAmbiguousWidth(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		openSetupNow(t, a)
		for tab := range setupTabs {
			press(a, string(rune('1'+tab)))
			frames := []string{plain(a)}
			a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
			frames = append(frames, plain(a))
			a.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
			a.confirm = nil
			for _, f := range frames {
				lines := strings.Split(f, "\n")
				if len(lines) != size[1] {
					t.Errorf("%v tab %d: %d lines", size, tab+1, len(lines))
				}
				for _, l := range lines {
					if w := lipgloss.Width(l); w > size[0] {
						t.Errorf("%v tab %d: line of %d cells: %q", size, tab+1, w, l)
					}
				}
				for _, r := range f {
					if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
						t.Errorf("%v tab %d: ambiguous-width %q (U+%04X)", size, tab+1, r, r)
						break
					}
				}
			}
		}
	}
}

// TestSetupEditTakesMultiRuneText checks that a word committed by an input
// method as one key message reaches the field whole, and the cursor mark
// follows it.
func TestSetupEditTakesMultiRuneText(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openSetupNow(t, a)
	press(a, "right")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	a.Update(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "市南新区"})
	if got := a.setup.edit.inputs[0].Value(); got != "市南新区" {
		t.Fatalf("input = %q", got)
	}
	if !strings.Contains(plain(a), "名称：市南新区_") {
		t.Fatalf("edit line:\n%s", plain(a))
	}
}

// TestSetupLayoutPreviewFollowsTyping: the chart previews the typed value
// before it is saved.
func TestSetupLayoutPreviewFollowsTyping(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openSetupNow(t, a)
	press(a, "4")
	if strings.Contains(plain(a), "第2排") {
		t.Fatal("default layout has one row")
	}
	press(a, "down")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	press(a, "４") // full-width, as an input method sends it
	if !strings.Contains(plain(a), "第3排") {
		t.Fatalf("preview of 4 per row:\n%s", plain(a))
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if strings.Contains(plain(a), "第2排") {
		t.Fatal("preview kept after Esc")
	}
}
