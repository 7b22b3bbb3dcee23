package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"starflag/internal/golden"
	"starflag/model"
)

// TestScreensGolden draws every page of the demo's 2023Q4 at the sizes a
// meeting room uses, from the smallest supported to a large projector, as
// plain text and with NO_COLOR styles (bold and reverse only), plus
// presentation mode.
func TestScreensGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 35}, {160, 45}, {240, 67}} {
		for _, nocolor := range []bool{false, true} {
			profile := colorprofile.TrueColor
			suffix := ""
			if nocolor {
				profile, suffix = colorprofile.Ascii, "-nocolor"
			}
			a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), profile)
			shot := func(name string) { goldenShot(t, a, name, nocolor) }
			for i, key := range []string{"ranking", "stars", "flags", "seats", "year"} {
				a.board.page = i
				shot(fmt.Sprintf("%d-%s-%dx%d%s", i+1, key, size[0], size[1], suffix))
			}
			a.board.page, a.mode = 0, modePresent
			shot(fmt.Sprintf("present-%dx%d%s", size[0], size[1], suffix))
		}
	}
}

// goldenShot checks a's frame against testdata/name.golden: plain text,
// or with its NO_COLOR styles.
func goldenShot(t *testing.T, a *App, name string, nocolor bool) {
	t.Run(name, func(t *testing.T) {
		checkFits(t, a)
		out := a.render()
		if !nocolor {
			out = ansi.Strip(out)
		}
		golden.Check(t, filepath.Join("testdata", name+".golden"), []byte(out))
	})
}

// TestProgramSmoke runs the real bubbletea program headless (teatest v2 is
// young: this one test is the pinned, wrapped use of it): the first frame
// shows the ranking, keys switch pages, q ends the program.
func TestProgramSmoke(t *testing.T) {
	a := New(newFakeData(), Options{Profile: colorprofile.Ascii})
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithFPS(1)))
	waitFor := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	waitFor("市南")
	tm.Send(tea.KeyPressMsg{Code: '4', Text: "4"})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
	if final.board.page != 3 {
		t.Errorf("page %d after 4, want 3", final.board.page)
	}
	if !strings.Contains(ansi.Strip(final.render()), "座次") {
		t.Error("final frame is not the seats page")
	}
}
