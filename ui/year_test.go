package ui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// yearTableRow is the index of a unit's row in the annual table.
func yearTableRow(lines []string, name string) int {
	head := findLine(lines, "区市", "年度得分", "等次")
	if head < 0 {
		return -1
	}
	if i := findLine(lines[head+1:], " "+name+" "); i >= 0 {
		return head + 1 + i
	}
	return -1
}

func TestYearTableRanksTiersAndAwards(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		a.board.page = 4
		checkFits(t, a)
		checkBodyFits(t, a)
		narrow := size[0] < 100
		lines := bodyLines(a)
		if len(a.year.Rows) != 10 {
			t.Fatalf("%d annual rows, want 10", len(a.year.Rows))
		}
		excellent := 0
		for _, r := range a.year.Rows {
			i := yearTableRow(lines, unitName(r.Unit, narrow))
			if i < 0 {
				t.Fatalf("%v: no annual row for %s:\n%s", size, r.Unit.Name, strings.Join(lines, "\n"))
			}
			f := strings.Fields(lines[i])
			if f[0] != strconv.Itoa(r.Rank) {
				t.Errorf("%v: %s annual rank %s, want %d", size, r.Unit.Name, f[0], r.Rank)
			}
			for _, want := range []string{r.ScoreRounded().String(), r.Tier} {
				if !strings.Contains(lines[i], " "+want+" ") {
					t.Errorf("%v: %s row %q lacks %q", size, r.Unit.Name, lines[i], want)
				}
			}
			if strings.Contains(lines[i], "优秀") {
				excellent++
			}
			rise := strings.Contains(lines[i], "获奖") || strings.Contains(lines[i], " 进位显著奖")
			if rise != r.Rise {
				t.Errorf("%v: %s 进位显著奖 shown %v, want %v", size, r.Unit.Name, rise, r.Rise)
			}
		}
		if excellent != 3 {
			t.Errorf("%v: %d units 优秀, want 3", size, excellent)
		}
	}
}

func TestYearBumpChartNamesEndsAndRanks(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		a.board.page = 4
		lines := strings.Split(plain(a), "\n")
		head := findLine(lines, "Q1", "Q2", "Q3", "Q4")
		if head < 0 {
			t.Fatalf("%v: no quarter axis:\n%s", size, plain(a))
		}
		// Each rank's line starts with its Q1 holder and ends with its Q4
		// holder: in the demo 西海岸 led Q1..Q3 and 市南 took Q4.
		byRank := func(q int) map[int]string {
			m := map[int]string{}
			for _, r := range a.year.Rows {
				m[r.Ranks[q]] = r.Unit.Label()
			}
			return m
		}
		q1, q4 := byRank(0), byRank(3)
		nodes := func(k int) int { // quarters in which some unit holds rank k
			n := 0
			for q := range 4 {
				for _, r := range a.year.Rows {
					if r.Ranks[q] == k {
						n++
						break
					}
				}
			}
			return n
		}
		table := findLine(lines, "年度得分")
		if table < head {
			t.Fatalf("%v: chart below the table", size)
		}
		seen := 0
		for _, l := range lines[head+1 : table] {
			f := strings.Fields(l)
			if len(f) < 3 {
				continue
			}
			k, err := strconv.Atoi(f[0])
			if err != nil || q1[k] == "" {
				continue
			}
			seen++
			if f[1] != q1[k] || f[len(f)-1] != q4[k] {
				t.Errorf("%v: rank %d line %q, want %s … %s", size, k, l, q1[k], q4[k])
			}
			if n := strings.Count(l, a.glyphs.Node); n != nodes(k) {
				t.Errorf("%v: rank %d line has %d nodes, want %d: %q", size, k, n, nodes(k), l)
			}
		}
		if seen != 10 {
			t.Errorf("%v: %d rank lines, want 10", size, seen)
		}
	}
}

func TestYearSmallScreenScrollsTableUnderFixedHeader(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	a.board.page = 4
	if yearTableRow(strings.Split(plain(a), "\n"), "莱西") >= 0 {
		t.Fatalf("at 80×24 the whole annual table fits under the chart: nothing scrolls\n%s", plain(a))
	}
	for range 10 {
		press(a, "down")
	}
	lines := strings.Split(plain(a), "\n")
	if yearTableRow(lines, "莱西") < 0 || findLine(lines, "年度得分") < 0 {
		t.Errorf("after scrolling the last row or the header is missing:\n%s", plain(a))
	}
	checkFits(t, a)
}

func TestYearIncompleteQuarterAndUnitJoiningMidYear(t *testing.T) {
	d := model.Demo(1)
	for i := range d.Quarters { // 莱西 joins in 2023Q2
		if d.Quarters[i].Quarter.Before(model.MustQuarter("2023Q2")) {
			d.Quarters[i].Units = d.Quarters[i].Units[:9]
		}
	}
	last := &d.Quarters[len(d.Quarters)-1]
	delete(last.Scores, model.ScoreKey{Unit: 1, Section: last.Sections[0].ID})
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := appOnDemo(t, d.Quarters, size[0], size[1], model.MustQuarter("2023Q4"))
		a.board.page = 4
		checkFits(t, a)
		checkBodyFits(t, a)
		lines := bodyLines(a)
		if findLine(lines, "未完成（不计入）：Q4") < 0 || findLine(lines, "Q4未完成") < 0 {
			t.Errorf("%v: Q4 not marked 未完成:\n%s", size, strings.Join(lines, "\n"))
		}
		name := unitName(d.Units[9], size[0] < 100)
		i := yearTableRow(lines, name)
		if i < 0 {
			t.Fatalf("%v: no row for %s", size, name)
		}
		// Rank, name, then the Q2 and Q3 ranks: Q1 is blank.
		if f := strings.Fields(lines[i]); f[2] != "10" || f[3] != "10" || !strings.Contains(lines[i], name+"     ") {
			t.Errorf("%v: joiner row %q", size, lines[i])
		}
		if findLine(lines, "名次空白") < 0 {
			t.Errorf("%v: blank ranks not explained", size)
		}
	}
}

func TestYearWithoutCompleteQuarters(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2024Q1"), colorprofile.Ascii)
	a.board.page = 4
	checkFits(t, a)
	if !strings.Contains(plain(a), "2024 年还没有得分完整的季度") {
		t.Errorf("empty year:\n%s", plain(a))
	}
}

func TestYearFitsAtOtherSizesAndGlyphs(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {100, 30}, {160, 45}, {240, 60}} {
		for _, g := range []string{GlyphsDefault, GlyphsFancy, GlyphsASCII} {
			for _, q := range []string{"2022Q4", "2023Q2", "2023Q4"} {
				a := newTestApp(t, size[0], size[1], model.MustQuarter(q), colorprofile.TrueColor)
				a.glyphs = NewGlyphs(g)
				for _, p := range []int{3, 4} {
					a.board.page = p
					checkFits(t, a)
					checkBodyFits(t, a)
				}
			}
		}
	}
}

func TestYearChartCapsManyUnits(t *testing.T) {
	a := New(bigFake(200), Options{Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	loadNow(t, a, model.MustQuarter("2023Q4"))
	a.board.page = 4
	out := plain(a)
	if !strings.Contains(out, "走势图只画前 20 名") {
		t.Errorf("200-unit year chart not capped:\n%s", out)
	}
	checkFits(t, a)
	for range 30 {
		a.Update(tea.KeyPressMsg{Code: tea.KeyPgDown})
	}
	checkFits(t, a)
	if !strings.Contains(plain(a), "第") {
		t.Errorf("scrolled table shows no unit:\n%s", plain(a))
	}
}
