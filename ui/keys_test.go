package ui

import (
	"strconv"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// rebind gives b the key k, named name.
func rebind(b *key.Binding, k, name string) {
	b.SetKeys(k)
	b.SetHelp(name, b.Help().Desc)
}

// lastLine is the frame's key line.
func lastLine(a *App) string {
	lines := strings.Split(plain(a), "\n")
	return lines[len(lines)-1]
}

// TestKeysComeFromTheKeyMap rebinds keys in the App's KeyMap: every screen
// then acts on the new key and not the old one, and the key line, the
// setup hint line and the presentation caption name the new key. (Setup
// switched on raw key strings and the key line was written by hand.)
func TestKeysComeFromTheKeyMap(t *testing.T) {
	a := newTestApp(t, 100, 30, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	k := &a.keys
	rebind(&k.Entry, "f4", "F4")
	rebind(&k.Close, "f10", "F10")
	rebind(&k.Back, "f11", "F11")
	// moved checks that the old key no longer does what, and the new one does.
	moved := func(old, rebound tea.KeyPressMsg, done func() bool, what string) {
		t.Helper()
		if a.Update(old); done() {
			t.Fatalf("the old key still does: %s", what)
		}
		if a.Update(rebound); !done() {
			t.Fatalf("the rebound key does not: %s", what)
		}
	}
	if line := lastLine(a); !strings.Contains(line, "F4 录入") || strings.Contains(line, "e 录入") {
		t.Errorf("the key line does not follow the rebound entry key: %q", line)
	}

	// Setup: leaving, switching tabs, opening a field, deleting a row.
	openSetupNow(t, a)
	if line := lastLine(a); line != "F10 返回看板" {
		t.Errorf("setup's key line %q", line)
	}
	rebind(&k.SetupTabs[1], "f2", "F2")
	rebind(&k.Activate, "f5", "F5")
	rebind(&k.Remove, "f6", "F6")
	moved(tea.KeyPressMsg{Code: '2', Text: "2"}, tea.KeyPressMsg{Code: tea.KeyF2}, func() bool { return a.setup.tab == 1 },
		"switch setup's tab")
	if out := plain(a); !strings.Contains(out, "1-"+strconv.Itoa(len(setupTabs))+" 切换") || !strings.Contains(out, "F5 修改") || !strings.Contains(out, "F6 删除") {
		t.Errorf("setup's hint line does not name the rebound keys:\n%s", out)
	}
	moved(tea.KeyPressMsg{Code: tea.KeyEnter}, tea.KeyPressMsg{Code: tea.KeyF5}, func() bool { return a.setup.edit != nil },
		"open a field")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEscape}) // the form's own Esc
	moved(tea.KeyPressMsg{Code: tea.KeyDelete}, tea.KeyPressMsg{Code: tea.KeyF6}, func() bool { return a.status.confirm != nil },
		"ask to delete the section")
	rebind(&k.Confirm, "f7", "F7")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter}) // now a no
	if a.status.confirm != nil || !strings.Contains(plain(a), "已取消") {
		t.Fatalf("Enter did not answer no:\n%s", plain(a))
	}
	if cmd := press(a, "q"); cmd != nil {
		t.Fatal("q acts in setup")
	}
	moved(tea.KeyPressMsg{Code: tea.KeyEscape}, tea.KeyPressMsg{Code: tea.KeyF10}, func() bool { return a.mode == modeBoard },
		"leave setup")

	// The picker's key line, and presentation's caption and Esc.
	rebind(&k.Open, "f8", "F8")
	press(a, "t")
	if line := lastLine(a); !strings.Contains(line, "F8 打开或新建") || !strings.Contains(line, "F10 返回") {
		t.Errorf("the picker's key line: %q", line)
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyF10})
	press(a, "p")
	if line := lastLine(a); !strings.Contains(line, "F11 返回") {
		t.Errorf("the caption does not name the rebound key: %q", line)
	}
	moved(tea.KeyPressMsg{Code: tea.KeyEscape}, tea.KeyPressMsg{Code: tea.KeyF11}, func() bool { return a.mode == modeBoard },
		"leave presentation")
}

// TestCtrlCQuitsEveryScreen: Ctrl+C ends the program from the board,
// entry, setup (with a form open) and the picker, where q is text or
// means nothing.
func TestCtrlCQuitsEveryScreen(t *testing.T) {
	ctrlC := tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	for _, open := range []string{"", "e", "s", "t", "p"} {
		a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
		if open != "" {
			if cmd := press(a, open); cmd != nil && open == "e" {
				a.Update(cmd())
			}
		}
		if open == "s" {
			a.Update(a.setup.read()())
			a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		}
		_, cmd := a.Update(ctrlC)
		if cmd == nil {
			t.Fatalf("%q: Ctrl+C returned no command", open)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%q: Ctrl+C did not quit", open)
		}
	}
}
