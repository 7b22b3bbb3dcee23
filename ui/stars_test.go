package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// bootViaInit builds an App on f the way the program starts it: the size
// first, then the commands of Init; only the load's message is fed back
// (the poll is a tick that would sleep).
func bootViaInit(t *testing.T, f *fakeData, w, h int, q model.Quarter, p colorprofile.Profile) *App {
	t.Helper()
	a := New(f, Options{Quarter: q, Profile: p})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	var run func(cmd tea.Cmd) bool
	run = func(cmd tea.Cmd) bool {
		done := make(chan tea.Msg, 1)
		go func() { done <- cmd() }()
		select {
		case msg := <-done:
			switch msg := msg.(type) {
			case tea.BatchMsg:
				loaded := false
				for _, c := range msg {
					if c != nil && run(c) {
						loaded = true
					}
				}
				return loaded
			case loadedMsg:
				if msg.err != nil {
					t.Fatalf("load: %v", msg.err)
				}
				a.Update(msg)
				return true
			}
		case <-time.After(200 * time.Millisecond): // a tick
		}
		return false
	}
	if !run(a.Init()) {
		t.Fatal("Init ran no load")
	}
	return a
}

// pageLinesOf is the plain frame of a page, line by line.
func pageLinesOf(a *App, page int) []string {
	a.board.page = page
	return strings.Split(plain(a), "\n")
}

// rowOfUnit returns the first line whose first field is unit, or "".
func rowOfUnit(lines []string, unit string) string {
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 0 && f[0] == unit {
			return l
		}
	}
	return ""
}

// standingNamed finds a unit's standing by name in the shown quarter.
func standingNamed(t *testing.T, a *App, name string) model.Standing {
	t.Helper()
	for _, s := range a.current().Standings {
		if s.Unit.Name == name {
			return s
		}
	}
	t.Fatalf("no standing of %s", name)
	return model.Standing{}
}

func TestStarsGridShowsScoreAndStarsPerSection(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := bootViaInit(t, newFakeData(), size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		lines := pageLinesOf(a, 1)
		checkFits(t, a)
		name := "市南"
		if size[0] >= 100 {
			name = "市南区"
		}
		row := strings.Fields(rowOfUnit(lines, name))
		r := a.current()
		if len(row) != 1+2*len(r.Sections) {
			t.Fatalf("%v: 市南 row %q, want a score and stars per section", size, row)
		}
		for j, sec := range r.Sections {
			c := standingNamed(t, a, "市南区").Sections[j]
			if got, want := row[1+2*j]+" "+row[2+2*j], c.Score.String()+" "+strconv.Itoa(c.Stars)+"星"; got != want {
				t.Errorf("%v: 市南 %s = %q, want %q", size, sec.Name, got, want)
			}
			if sec.Name == "城市更新建设" && row[2+2*j] != "10星" {
				t.Errorf("%v: 市南 城市更新建设 = %s, want 10星 (the demo's section leader)", size, row[2+2*j])
			}
		}
		out := strings.Join(lines, "\n")
		for _, want := range []string{"城市更新建设", "优化营商环境", "第 1 名 10星"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: stars screen lacks %q:\n%s", size, want, out)
			}
		}
	}
}

func TestStarsRowsInOfficialOrder(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	lines := pageLinesOf(a, 1)
	var got []string
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 0 {
			for _, u := range model.QingdaoUnits() {
				if f[0] == u.Short {
					got = append(got, f[0])
				}
			}
		}
	}
	var want []string
	for _, u := range model.QingdaoUnits() {
		want = append(want, u.Short)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rows in order %v, want official order %v", got, want)
	}
}

// TestStarsSectionLeaderIsBoldWithoutColour: with NO_COLOR only bold is
// left, so first places must be bold and other cells not.
func TestStarsSectionLeaderIsBoldWithoutColour(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	a.board.page = 1
	var row string
	for _, l := range strings.Split(a.render(), "\n") {
		if strings.HasPrefix(ansi.Strip(l), " 市南 ") {
			row = l
		}
	}
	if row == "" {
		t.Fatal("no 市南 row")
	}
	// Split the row into bold and plain runs.
	var bold, rest []string
	for k, part := range strings.Split(row, "\x1b[1m") {
		if k == 0 {
			rest = append(rest, part)
			continue
		}
		end := strings.Index(part, "\x1b[m")
		if end < 0 {
			t.Fatalf("bold run without a reset: %q", row)
		}
		bold = append(bold, ansi.Strip(part[:end]))
		rest = append(rest, part[end:])
	}
	// 市南 leads 城市更新建设 and 优化营商环境 in the demo's 2023Q4.
	if len(bold) != 2 || !strings.Contains(bold[0], "96.30 10星") || !strings.Contains(bold[1], "10星") {
		t.Errorf("bold cells of 市南 = %q, want its two 10星 cells", bold)
	}
	if plain := ansi.Strip(strings.Join(rest, "")); strings.Contains(plain, "10星") {
		t.Errorf("a 10星 cell is not bold: %q", plain)
	}
}

// demoMissingShinan is the demo with 市南区's 经济运行 score of 2023Q4 missing.
func demoMissingShinan() *fakeData {
	f := newFakeData()
	d := model.Demo(1)
	last := &d.Quarters[len(d.Quarters)-1]
	delete(last.Scores, model.ScoreKey{Unit: 1, Section: last.Sections[0].ID})
	f.results = model.ComputeSeries(d.Quarters)
	return f
}

func TestStarsIncompleteQuarterStillShowsStars(t *testing.T) {
	a := bootViaInit(t, demoMissingShinan(), 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	lines := pageLinesOf(a, 1)
	out := strings.Join(lines, "\n")
	checkFits(t, a)
	if !strings.Contains(out, "未完成") || !strings.Contains(out, "市南区/经济运行") {
		t.Errorf("incomplete quarter not explained:\n%s", out)
	}
	row := strings.Fields(rowOfUnit(lines, "市南"))
	if len(row) < 2 || row[1] != "－" {
		t.Errorf("市南's missing 经济运行 is not a dash: %q", row)
	}
	// Nine units are scored in 经济运行, so its first place has 9星.
	found := false
	for _, u := range model.QingdaoUnits()[1:] {
		if f := strings.Fields(rowOfUnit(lines, u.Short)); len(f) > 2 && f[2] == "9星" {
			found = true
		}
		if f := strings.Fields(rowOfUnit(lines, u.Short)); len(f) > 2 && f[2] == "10星" {
			t.Errorf("%s has 10星 in 经济运行, which only 9 units scored", u.Short)
		}
	}
	if !found {
		t.Errorf("nobody has 9星 in 经济运行:\n%s", out)
	}
}

func TestStarsEmptyQuarter(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2024Q1"), colorprofile.Ascii)
	out := strings.Join(pageLinesOf(a, 1), "\n")
	if !strings.Contains(out, "2024Q1 还没有得分") {
		t.Errorf("no empty-quarter notice:\n%s", out)
	}
	checkFits(t, a)
}

// TestStarsAndFlagsFit draws both pages for every demo quarter, glyph set
// and the two design sizes (and the minimum) without a line too wide.
func TestStarsAndFlagsFit(t *testing.T) {
	f := newFakeData()
	for _, size := range [][2]int{{80, 24}, {160, 45}, {60, 16}, {100, 30}} {
		for _, glyphs := range []string{GlyphsDefault, GlyphsFancy, GlyphsASCII} {
			for _, q := range append(f.quarters, model.MustQuarter("2024Q1")) {
				a := New(f, Options{Quarter: q, Profile: colorprofile.TrueColor, Glyphs: glyphs})
				a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				loadNow(t, a, q)
				for _, page := range []int{1, 2} {
					a.board.page = page
					checkFits(t, a)
				}
			}
		}
	}
}
