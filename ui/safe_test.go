package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestHostileNamesAreSanitisedBeforeDrawing: names holding escape
// sequences and bidi overrides (as another tool could store them) reach no
// screen verbatim; office's hostile_test.go does the same on a
// real database, through entry and setup too.
func TestHostileNamesAreSanitisedBeforeDrawing(t *testing.T) {
	demo := model.Demo(1)
	for i := range demo.Quarters {
		qd := &demo.Quarters[i]
		units := append([]model.Unit(nil), qd.Units...)
		units[0].Name, units[0].Short = "市南\x1b[2J\x1b[H区", "\x1b[5m市南"
		units[1].Name, units[1].Short = "\u202e区北市", "市北\u200b"
		qd.Units = units
		secs := append([]model.Section(nil), qd.Sections...)
		secs[0].Name = "经济\x1b]0;x\x07运行"
		qd.Sections = secs
		qd.Rules.Committee = "\x1b[?1049l委员会"
	}
	f := newFakeData()
	f.results = model.ComputeSeries(demo.Quarters)
	a := New(f, Options{Profile: colorprofile.TrueColor})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	loadNow(t, a, model.Quarter{})
	for page := range pages {
		for _, present := range []bool{false, true} {
			a.board.page = page
			presenting(a, present)
			out := a.View().Content
			for _, bad := range []string{"\x1b[2J", "\x1b[H", "\x1b[5m", "\x1b]", "\x07", "\x1b[?1049l", "\u202e", "\u200b"} {
				if strings.Contains(out, bad) {
					t.Errorf("page %d (present %v) holds %q", page, present, bad)
				}
			}
			if page == 0 && !present && !strings.Contains(out, "\ufffd[5m市南") && !strings.Contains(out, "\ufffd[2J") {
				t.Errorf("page %d: the sanitised name is not shown:\n%s", page, plain(a))
			}
		}
	}
}
