package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// appOnDemo is an App on demo quarter data changed by the caller (a score
// removed, a layout set, a unit joining later), loaded at quarter q.
func appOnDemo(t *testing.T, ds []model.QuarterData, w, h int, q model.Quarter) *App {
	t.Helper()
	f := &fakeData{version: 1, results: model.ComputeSeries(ds)}
	for _, r := range f.results {
		f.quarters = append(f.quarters, r.Quarter)
	}
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	loadNow(t, a, q)
	return a
}

// bodyLines is the whole body of the current page, scrolled rows included,
// without styles.
func bodyLines(a *App) []string {
	b := pages[a.board.page].body(a.common, a.width, a.board.bodyHeight())
	lines := append(append([]string{}, b.fixed...), b.window(0, b.size())...)
	for i, l := range lines {
		lines[i] = ansi.Strip(l)
	}
	return lines
}

// checkBodyFits fails when any body line, scrolled or not, is too wide.
func checkBodyFits(t *testing.T, a *App) {
	t.Helper()
	for i, l := range bodyLines(a) {
		if lipgloss.Width(l) > a.width {
			t.Errorf("body line %d is %d cells wide at %d×%d: %q", i, lipgloss.Width(l), a.width, a.height, l)
		}
	}
}

// chartCells splits a chart line into the texts between the box walls.
func chartCells(line string) []string {
	return strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == ' ' || r == '│' })
}

// listRow is the index of the seat list row of a unit (after the list
// header), by its name or short name (the list measures which fits).
func listRow(lines []string, name string) int {
	head := findLine(lines, "区市", "名次", "排")
	if head < 0 {
		return -1
	}
	for i, l := range lines[head+1:] {
		if f := strings.Fields(l); len(f) > 1 && strings.HasPrefix(f[1], name) {
			return head + 1 + i
		}
	}
	return -1
}

// findLine is the index of the first line containing every string, or -1.
func findLine(lines []string, subs ...string) int {
	for i, l := range lines {
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(l, s)
		}
		if ok {
			return i
		}
	}
	return -1
}

func TestSeatsChartCentreOutBelowPodium(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		for _, glyphs := range []string{GlyphsDefault, GlyphsFancy, GlyphsASCII} {
			a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
			a.glyphs = NewGlyphs(glyphs)
			a.board.page = 3
			checkFits(t, a)
			checkBodyFits(t, a)
			lines := strings.Split(plain(a), "\n")

			// 10 seats in one row, from the seated view left to right.
			order := []int{10, 8, 6, 4, 2, 1, 3, 5, 7, 9}
			r := a.current()
			var want []string
			for _, k := range order {
				for _, s := range r.Ranked() {
					if s.Seat == k {
						want = append(want, unitName(s.Unit, size[0] < 100))
					}
				}
			}
			names := findLine(lines, want[0], want[len(want)-1], "市南")
			if names < 0 {
				t.Fatalf("%v %s: no chart row with %v:\n%s", size, glyphs, want, plain(a))
			}
			if got := chartCells(lines[names]); !slices.Equal(got, want) {
				t.Errorf("%v %s: chart row %v, want %v", size, glyphs, got, want)
			}
			var nums []string
			for _, k := range order {
				nums = append(nums, strconv.Itoa(k))
			}
			if got := chartCells(lines[names+1]); !slices.Equal(got, nums) {
				t.Errorf("%v %s: seat numbers %v, want %v", size, glyphs, got, nums)
			}
			podium := findLine(lines, "主 席 台")
			if podium < 0 || podium > names {
				t.Errorf("%v %s: podium on line %d, seats on line %d", size, glyphs, podium, names)
			}
			if findLine(lines, "图示方向：与座位上的人同向（面向主席台）") < 0 {
				t.Errorf("%v %s: no viewing-side caption", size, glyphs)
			}
			side := lines[findLine(lines, "左", "右", "方框内")]
			if strings.Index(side, "左") > strings.Index(side, "右") {
				t.Errorf("%v: left/right marks swapped: %q", size, side)
			}
		}
	}
}

func TestSeatsListGivesOrderRankAndPlace(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	a.board.page = 3
	lines := bodyLines(a)
	// 市南 is seat 1, rank 1, row 1, seat 6 from the left of the chart.
	i := listRow(lines, "市南")
	if i < 0 {
		t.Fatalf("no list row for 市南:\n%s", strings.Join(lines, "\n"))
	}
	// The flags and warnings follow the seat (红旗：勇当排头).
	if f := strings.Fields(lines[i]); len(f) < 8 || !slices.Equal([]string{f[0], f[1], f[2], f[5], f[6], f[7]}, []string{"1", "市南区", "1", "1", "6", "红旗：勇当排头"}) {
		t.Errorf("市南 row %q", lines[i])
	}
	if findLine(lines, "暂定") >= 0 {
		t.Error("a complete quarter marked 暂定")
	}
}

func TestSeatsTieSharesRankNotSeat(t *testing.T) {
	a := newTestApp(t, 160, 45, model.MustQuarter("2023Q2"), colorprofile.Ascii)
	a.board.page = 3
	checkFits(t, a)
	lines := bodyLines(a)
	for _, c := range []struct{ name, seat string }{{"市南区", "2"}, {"李沧区", "3"}} {
		i := listRow(lines, c.name)
		if i < 0 {
			t.Fatalf("no row for %s", c.name)
		}
		if f := strings.Fields(lines[i]); f[0] != c.seat || f[2] != "2" {
			t.Errorf("%s: seat %s rank %s, want seat %s rank 2", c.name, f[0], f[2], c.seat)
		}
	}
	if findLine(lines, "名次并列") < 0 {
		t.Error("no note on how ties are seated")
	}
}

func TestSeatsIncompleteQuarterIsProvisional(t *testing.T) {
	d := model.Demo(1)
	last := &d.Quarters[len(d.Quarters)-1]
	delete(last.Scores, model.ScoreKey{Unit: 1, Section: last.Sections[0].ID})
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := appOnDemo(t, d.Quarters, size[0], size[1], model.MustQuarter("2023Q4"))
		a.board.page = 3
		checkFits(t, a)
		checkBodyFits(t, a)
		lines := bodyLines(a)
		for _, want := range []string{"未完成（暂定排名）", "暂定座次", "主 席 台"} {
			if findLine(lines, want) < 0 {
				t.Errorf("%v: incomplete quarter lacks %q:\n%s", size, want, strings.Join(lines, "\n"))
			}
		}
		// 市南 has no composite: not seated, listed without a seat.
		i := listRow(lines, unitName(d.Units[0], size[0] < 100))
		if i < 0 || strings.Fields(lines[i])[0] != a.glyphs.Dash {
			t.Errorf("%v: unseated unit row %q", size, lines[max(i, 0)])
		}
	}
}

func TestSeatsEmptyQuarterShowsOnlyTheNotice(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2024Q1"), colorprofile.Ascii)
	a.board.page = 3
	out := plain(a)
	if !strings.Contains(out, "2024Q1 还没有得分") || strings.Contains(out, "主 席 台") {
		t.Errorf("empty quarter:\n%s", out)
	}
}

func TestSeatsSeveralRowsFrontRowNearestPodium(t *testing.T) {
	d := model.Demo(1)
	for i := range d.Quarters {
		d.Quarters[i].Rules.Layout = model.Layout{Rows: 2, PerRow: 5, Method: model.CentreOut}
	}
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := appOnDemo(t, d.Quarters, size[0], size[1], model.MustQuarter("2023Q4"))
		a.board.page = 3
		checkFits(t, a)
		checkBodyFits(t, a)
		lines := bodyLines(a)
		seatsOf := func(k int) string {
			for _, s := range a.current().Ranked() {
				if s.Seat == k {
					return unitName(s.Unit, size[0] < 100)
				}
			}
			return ""
		}
		podium := findLine(lines, "主 席 台")
		front := findLine(lines, seatsOf(4), seatsOf(2), seatsOf(1), seatsOf(3), seatsOf(5))
		back := findLine(lines, seatsOf(9), seatsOf(7), seatsOf(6), seatsOf(8), seatsOf(10))
		if !(podium >= 0 && podium < front && front < back) {
			t.Fatalf("%v: podium %d, front row %d, back row %d:\n%s", size, podium, front, back, strings.Join(lines, "\n"))
		}
		if !strings.Contains(lines[front], "1排") || !strings.Contains(lines[back], "2排") {
			t.Errorf("%v: rows not labelled: %q / %q", size, lines[front], lines[back])
		}
		want := []string{seatsOf(4), seatsOf(2), seatsOf(1), seatsOf(3), seatsOf(5)}
		if got := chartCells(lines[front])[1:]; !slices.Equal(got, want) {
			t.Errorf("%v: front row %v, want %v", size, got, want)
		}
	}
}

func TestSeatsManySeatsFallBackToNumbersWithLegend(t *testing.T) {
	d := model.Demo(1)
	a := appOnDemo(t, d.Quarters, 60, 24, model.MustQuarter("2023Q4"))
	a.board.page = 3
	checkFits(t, a)
	checkBodyFits(t, a)
	if findLine(bodyLines(a), "主 席 台") < 0 {
		t.Errorf("no chart at 60 columns:\n%s", plain(a))
	}
}
