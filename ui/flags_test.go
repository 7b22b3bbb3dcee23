package ui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// lineBeginning returns the first line that starts (after spaces) with s.
func lineBeginning(lines []string, s string) string {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), s) {
			return l
		}
	}
	return ""
}

func TestFlagsQuarterHolders(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := bootViaInit(t, newFakeData(), size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		lines := pageLinesOf(a, 2)
		checkFits(t, a)
		narrow := size[0] < 100
		r := a.current()
		for _, rule := range r.Rules.Flags {
			line := lineBeginning(lines, rule.Name)
			if line == "" {
				t.Fatalf("%v: no line for flag %s:\n%s", size, rule.Name, strings.Join(lines, "\n"))
			}
			n := 0
			for _, s := range r.Ranked() {
				for _, f := range s.Flags {
					if f == rule.Name {
						n++
						if want := "第" + strconv.Itoa(s.Rank) + "名 " + unitName(s.Unit, narrow); !strings.Contains(line, want) {
							t.Errorf("%v: %s line lacks %q: %q", size, rule.Name, want, line)
						}
					}
				}
			}
			if n == 0 && !strings.Contains(line, "本季度无") {
				t.Errorf("%v: %s has no holders but does not say so: %q", size, rule.Name, line)
			}
		}
		warn := lineBeginning(lines, model.WarningTo)
		for _, s := range r.Ranked() {
			if s.RedMark && !strings.Contains(warn, unitName(s.Unit, narrow)+" "+strings.TrimSpace(plainMovement(a, s))+" 红牌") {
				t.Errorf("%v: red-marked %s not marked 红牌: %q", size, s.Unit.Name, warn)
			}
		}
		if !strings.Contains(warn, "红牌") {
			t.Errorf("%v: warning line has no 红牌 (the demo's 2023Q4 has one): %q", size, warn)
		}
	}
}

// plainMovement is the plain movement text of a standing.
func plainMovement(a *App, s model.Standing) string { return a.movement(s).text }

// TestFlagWallCounts checks each unit's marks per quarter and its total
// against the model: the Standing flags of each quarter and the annual row.
func TestFlagWallCounts(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	lines := pageLinesOf(a, 2)
	out := strings.Join(lines, "\n")
	if !strings.Contains(out, "2023 年红旗榜") {
		t.Fatalf("no flag wall:\n%s", out)
	}
	head := strings.Fields(lineBeginning(lines, "区市"))
	if strings.Join(head, " ") != "区市 Q1 Q2 Q3 Q4 排头 赶超 合计" {
		t.Errorf("wall header %q", head)
	}
	totals := map[int64]int{}
	for _, row := range a.year.Rows {
		totals[row.Unit.ID] = row.FlagTotal()
	}
	for _, u := range model.QingdaoUnits() {
		f := strings.Fields(rowOfUnit(lines, u.Short))
		if len(f) < 2 {
			t.Fatalf("no wall row for %s", u.Short)
		}
		if got := f[len(f)-1]; got != strconv.Itoa(totals[u.ID]) {
			t.Errorf("%s total %s, want %d", u.Short, got, totals[u.ID])
		}
		// Count the marks in the row against the year's standings.
		want := 0
		for _, r := range a.results {
			if r.Quarter.Year == 2023 {
				if s := r.Find(u.ID); s != nil {
					want += len(s.Flags)
				}
			}
		}
		got := strings.Count(strings.Join(f, " "), "排头") + strings.Count(strings.Join(f, " "), "赶超")
		if got != want || want != totals[u.ID] {
			t.Errorf("%s shows %d marks, the quarters give %d, the year %d: %q", u.Short, got, want, totals[u.ID], f)
		}
	}
	if f := strings.Fields(rowOfUnit(lines, "市南")); strings.Count(strings.Join(f, " "), "排头") != 4 {
		t.Errorf("市南 led all four quarters of 2023: %q", f)
	}
}

func TestFlagsIncompleteQuarterIsProvisional(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := bootViaInit(t, demoMissingShinan(), size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		lines := pageLinesOf(a, 2)
		out := strings.Join(lines, "\n")
		checkFits(t, a)
		for _, want := range []string{"未完成", "红旗与警示（", "得分齐全后评定", "不计入合计"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: lacks %q:\n%s", size, want, out)
			}
		}
		q4 := "Q4待定"
		if size[0] >= 100 {
			q4 = "四季度（待定）"
		}
		if !strings.Contains(lineBeginning(lines, "区市"), q4) {
			t.Errorf("%v: wall header does not mark Q4 provisional: %q", size, lineBeginning(lines, "区市"))
		}
	}
}

func TestFlagsEmptyQuarter(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2024Q1"), colorprofile.Ascii)
	out := strings.Join(pageLinesOf(a, 2), "\n")
	if !strings.Contains(out, "2024Q1 还没有得分") {
		t.Errorf("no empty-quarter notice:\n%s", out)
	}
	if strings.Contains(out, "红旗榜") {
		t.Errorf("a flag wall for a year without scores:\n%s", out)
	}
}

// TestFlagWallLettersWhenTight: with a third flag rule at the minimum
// width the marks become letters, and a legend says what they stand for.
func TestFlagWallLettersWhenTight(t *testing.T) {
	f := newFakeData()
	d := model.Demo(1)
	for i := range d.Quarters {
		q := &d.Quarters[i] // each quarter has its own sections; the first is 经济运行
		third := model.Rule{Name: "单项争先、板块夺冠", Colour: "red",
			When: []model.Condition{{Kind: model.SectionRankAtMost, Threshold: 1, Section: q.Sections[0].ID, Scope: "经济运行"}}}
		q.Rules.Flags = append(q.Rules.Flags, third)
	}
	f.results = model.ComputeSeries(d.Quarters)
	a := bootViaInit(t, f, 60, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	lines := pageLinesOf(a, 2)
	out := strings.Join(lines, "\n")
	checkFits(t, a)
	if !strings.Contains(out, "A=真抓实干、勇当排头") || !strings.Contains(out, "C=单项争先、板块夺冠") {
		t.Errorf("no letter legend at 60 columns:\n%s", out)
	}
	a.Update(sizeMsg(160, 45))
	out = strings.Join(pageLinesOf(a, 2), "\n")
	if !strings.Contains(out, "板块夺冠") || strings.Contains(out, "A=") {
		t.Errorf("wide wall should use words:\n%s", out)
	}
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
