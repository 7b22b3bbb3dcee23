package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// shortForms are the defined short forms of the flag names the tests use:
// the last two characters of the words after 、 (the flags read
// 勇当排头 and 进位赶超 in full, 排头 and 赶超 when short).
var shortForms = map[string]string{
	model.FlagA: "排头",
	model.FlagB: "赶超",
	"攻坚克难、奋勇争先": "争先",
	"稳中求进、持续向好": "向好",
}

// twoFlagsFake is the demo with two more flag rules, so that in 2023Q4 平度
// and 莱西 hold two flags and a 红牌, and 市南 holds two flags.
func twoFlagsFake() *fakeData {
	f := newFakeData()
	d := model.Demo(1)
	extra := []model.Rule{
		{Name: "攻坚克难、奋勇争先", Colour: "red", When: []model.Condition{{Kind: model.InLast, Threshold: 2}}},
		{Name: "稳中求进、持续向好", Colour: "red", When: []model.Condition{{Kind: model.RiseAtLeast, Threshold: 0}}},
	}
	for i := range d.Quarters {
		d.Quarters[i].Rules.Flags = append(d.Quarters[i].Rules.Flags, extra...)
	}
	f.results = model.ComputeSeries(d.Quarters)
	f.qdata = quarterMap(d.Quarters)
	return f
}

// groupsFake is the demo with the seven districts and the three
// county-level cities in two groups (分组考核) from 2023Q1, a 蜗牛奖 for the
// last of each group, and 市北区 vetoed in 2023Q4.
func groupsFake() *fakeData {
	f := newFakeData()
	d := model.Demo(1)
	for i := range d.Quarters {
		if d.Quarters[i].Quarter.Year == 2023 {
			d.Quarters[i].Rules.Groups = []model.Group{{Name: "区", Units: []int64{1, 2, 3, 4, 5, 6, 7}}, {Name: "县级市", Units: []int64{8, 9, 10}}}
			d.Quarters[i].Rules.AntiAwards = []model.Rule{{Name: "蜗牛奖", Colour: "grey", When: []model.Condition{{Kind: model.InLast, Threshold: 1}}}}
		}
	}
	d.Quarters[len(d.Quarters)-1].Vetoes = map[int64]string{2: "发生重大安全生产事故"}
	f.results = model.ComputeSeries(d.Quarters)
	f.qdata = quarterMap(d.Quarters)
	return f
}

// namedFake is a fixture of the sweeps.
type namedFake struct {
	name string
	f    *fakeData
}

// sweepFakes are the data the sweeps draw: the demo, the two-flags variant
// and the one with groups.
func sweepFakes() []namedFake {
	return []namedFake{{"demo", newFakeData()}, {"twoflags", twoFlagsFake()}, {"groups", groupsFake()}}
}

// quarterMap is the quarters by name: what a fake's QuarterData serves
// (the card and the what-if read the quarter as stored).
func quarterMap(qs []model.QuarterData) map[model.Quarter]model.QuarterData {
	m := map[model.Quarter]model.QuarterData{}
	for _, d := range qs {
		m[d.Quarter] = d
	}
	return m
}

// wantMarks lists what a unit's flags and warnings must show, each entry a
// set of alternatives of which one must appear: 红旗：, then each flag's
// words after 、 or its short form, then 红牌 or 警示 (and the warning's
// name when the quarter has several warning rules).
func wantMarks(s model.Standing, r *model.Result) [][]string {
	var want [][]string
	if s.Veto != "" {
		want = append(want, []string{"否决"})
	}
	for _, a := range s.AntiAwards {
		want = append(want, []string{a})
	}
	if len(s.Flags) > 0 {
		want = append(want, []string{"红旗："})
	}
	for _, f := range s.Flags {
		label := f[strings.LastIndex(f, "、")+len("、"):]
		want = append(want, []string{label, shortForms[f]})
	}
	if s.Warned() {
		mark := "警示"
		if s.RedMark {
			mark = "红牌"
		}
		want = append(want, []string{mark})
		if len(r.Rules.Warnings) > 1 {
			for _, w := range s.Warnings {
				want = append(want, []string{w})
			}
		}
	}
	return want
}

// hasAll reports whether text holds one alternative of every entry.
func hasAll(text string, want [][]string) bool {
	for _, alts := range want {
		ok := false
		for _, a := range alts {
			ok = ok || (a != "" && strings.Contains(text, a))
		}
		if !ok {
			return false
		}
	}
	return true
}

// nameAt finds the unit names on a line: cell columns of each occurrence.
func namesAt(line string, names []string) []int {
	var cols []int
	for _, n := range names {
		for from := 0; ; {
			i := strings.Index(line[from:], n)
			if i < 0 {
				break
			}
			cols = append(cols, lipgloss.Width(line[:from+i]))
			from += i + len(n)
		}
	}
	return cols
}

// cellSlice is the part of line between cell columns from and to.
func cellSlice(line string, from, to int) string {
	return ansi.Cut(line, from, to)
}

// regions returns the text that belongs to each occurrence of name in
// lines: the rest of its line up to the next unit name on it, and the same
// columns of up to depth following lines, stopping at a line that names a
// unit there (a table's next row, a card's neighbour below).
func regions(lines []string, name string, names []string, depth int) []string {
	var out []string
	for y, l := range lines {
		for _, c := range namesAt(l, []string{name}) {
			end := 1 << 20 // the right edge, when no unit is named further right
			for _, o := range namesAt(l, names) {
				if o > c && o < end {
					end = o
				}
			}
			text := cellSlice(l, c, end)
			for k := y + 1; k < len(lines) && k <= y+depth; k++ {
				part := cellSlice(lines[k], c, end)
				if len(namesAt(part, names)) > 0 {
					break
				}
				text += "\n" + part
			}
			out = append(out, text)
		}
	}
	return out
}

var hiddenNotice = regexp.MustCompile(`还有 \d+ 个区市|另有 \d+ 个区市|\d+ 个区市未显示`)

// checkUnitMarks: every unit with a flag or warning shows them whole in
// one of its regions below the line holding marker, or is not shown at all
// while the frame says units are hidden.
func checkUnitMarks(frame, all []string, marker string, r *model.Result, depth int) (problems []string) {
	from := 0
	if marker != "" {
		from = findLine(frame, marker)
		if from < 0 && hiddenNotice.MatchString(strings.Join(all, "\n")) {
			return nil // the table is below the screen's edge, and it says so
		}
		if from < 0 {
			return []string{fmt.Sprintf("no line with %q", marker)}
		}
	}
	lines := frame[from:]
	var names []string
	for _, s := range r.Standings {
		names = append(names, s.Unit.Label())
	}
	for _, s := range r.Standings {
		want := wantMarks(s, r)
		if len(want) == 0 {
			continue
		}
		rs := regions(lines, s.Unit.Label(), names, depth)
		ok := false
		for _, text := range rs {
			ok = ok || hasAll(text, want)
		}
		switch {
		case ok:
		case len(rs) == 0 && hiddenNotice.MatchString(strings.Join(all, "\n")):
		case len(rs) == 0:
			problems = append(problems, fmt.Sprintf("%s (%v) is not shown and no line says units are hidden", s.Unit.Name, want))
		default:
			problems = append(problems, fmt.Sprintf("%s does not show %v whole; it shows %q", s.Unit.Name, want, rs))
		}
	}
	return problems
}

// checkUnitsShown: every unit has a line below marker, or the frame says
// units are hidden.
func checkUnitsShown(frame, all []string, marker string, r *model.Result) []string {
	from := findLine(frame, marker)
	if from < 0 && hiddenNotice.MatchString(strings.Join(all, "\n")) {
		return nil
	}
	if from < 0 {
		return []string{fmt.Sprintf("no line with %q", marker)}
	}
	rest := strings.Join(frame[from+1:], "\n")
	for _, s := range r.Standings {
		if !strings.Contains(rest, s.Unit.Label()) && !hiddenNotice.MatchString(strings.Join(all, "\n")) {
			return []string{s.Unit.Name + " is not shown and no line says units are hidden"}
		}
	}
	return nil
}

// checkFlagsPage: each rule's line (and its continuation lines) names its
// holders, a red-marked unit there reads 红牌, and the year's wall row of each
// flag holder shows the quarter's flags whole (words, short form or a letter
// with its legend).
func checkFlagsPage(frame, all []string, r *model.Result) (problems []string) {
	var names, ruleNames []string
	for _, s := range r.Standings {
		names = append(names, s.Unit.Label())
	}
	for _, rule := range append(append([]model.Rule{}, r.Rules.Flags...), r.Rules.Warnings...) {
		ruleNames = append(ruleNames, rule.Name)
	}
	block := func(rule string) string {
		start := -1
		for i, l := range frame {
			if strings.HasPrefix(strings.TrimSpace(l), rule) {
				start = i
				break
			}
		}
		if start < 0 {
			return ""
		}
		text := frame[start]
		for _, l := range frame[start+1:] {
			tl := strings.TrimSpace(l)
			if tl == "" || strings.Contains(l, "年红旗榜") || !strings.HasPrefix(l, "    ") {
				break
			}
			stop := false
			for _, rn := range ruleNames {
				stop = stop || strings.HasPrefix(tl, rn)
			}
			if stop {
				break
			}
			text += "\n" + l
		}
		return text
	}
	for _, rule := range r.Rules.Flags {
		b := block(rule.Name)
		if b == "" {
			problems = append(problems, "no whole line for "+rule.Name)
			continue
		}
		for _, s := range r.FlagHolders(rule.Name) {
			if !strings.Contains(b, s.Unit.Label()) && !strings.Contains(b, "等共") {
				problems = append(problems, fmt.Sprintf("%s line lacks %s: %q", rule.Name, s.Unit.Name, b))
			}
		}
	}
	for _, rule := range r.Rules.Warnings {
		b := strings.Split(block(rule.Name), "\n")
		for _, s := range r.WarnedBy(rule.Name) {
			ok := false
			for _, text := range regions(b, s.Unit.Label(), names, 0) {
				ok = ok || !s.RedMark || strings.Contains(text, "红牌")
			}
			if !ok {
				problems = append(problems, fmt.Sprintf("%s line lacks %s (红牌 %v): %q", rule.Name, s.Unit.Name, s.RedMark, b))
			}
		}
	}
	wall := findLine(frame, "年红旗榜")
	if wall < 0 {
		return append(problems, "no flag wall")
	}
	whole := strings.Join(all, "\n")
	for _, s := range r.Standings {
		if len(s.Flags) == 0 {
			continue
		}
		row := rowOfUnit(frame[wall+2:], s.Unit.Label())
		if row == "" {
			row = rowOfUnit(frame[wall+2:], s.Unit.Name)
		}
		if row == "" {
			if !hiddenNotice.MatchString(whole) {
				problems = append(problems, "wall row of "+s.Unit.Name+" not shown and no line says units are hidden")
			}
			continue
		}
		for _, f := range s.Flags {
			label := f[strings.LastIndex(f, "、")+len("、"):]
			ok := strings.Contains(row, label) || strings.Contains(row, shortForms[f])
			for _, letter := range "ABCDEF" {
				ok = ok || strings.Contains(whole, string(letter)+"="+f) && strings.Contains(row, string(letter))
			}
			if !ok {
				problems = append(problems, fmt.Sprintf("wall row of %s lacks %s: %q", s.Unit.Name, f, row))
			}
		}
	}
	return problems
}

// TestMarksWholeAtEverySize sweeps every page, on the dashboard and in
// presentation mode, over widths 60–300 (every fourth column through the
// 100–140 band where the ranking lost its 警示 column) and heights 16–80,
// on the demo's 2023Q4, on a variant where units hold two flags and a
// 红牌, and on one with groups: each unit's flags and warnings appear whole, or the unit is not shown
// and the page says how many are hidden.
func TestMarksWholeAtEverySize(t *testing.T) {
	widths := []int{60, 64, 72, 79, 80, 90, 99, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136, 140, 150, 160, 180, 200, 240, 270, 300}
	heights := []int{16, 20, 24, 30, 35, 45, 67, 80}
	q := model.MustQuarter("2023Q4")
	for _, fx := range sweepFakes() {
		a := New(fx.f, Options{Quarter: q, Profile: colorprofile.Ascii})
		a.Update(sizeMsg(80, 24))
		loadNow(t, a, q)
		r := a.current()
		for _, present := range []bool{false, true} {
			for p := range pages {
				// Failures of one page are summed up: the first in full,
				// then the sizes that fail.
				var first string
				var failed []string
				for _, w := range widths {
					for _, h := range heights {
						a.Update(sizeMsg(w, h))
						a.board.page, a.board.offset = p, 0
						presenting(a, present)
						all := strings.Split(plain(a), "\n")
						frame := all[:len(all)-2] // without the status and key lines
						if present {
							frame = all[1 : len(all)-1] // without the heading and caption
						}
						var problems []string
						switch {
						case p == 0 && !present:
							problems = checkUnitMarks(frame, all, "综合得分", r, 3)
						case p == 0:
							problems = checkUnitMarks(frame, all, "", r, 8)
						case p == 3:
							problems = checkUnitMarks(frame, all, "综合得分", r, 3)
						case p == 2 && !present:
							problems = checkFlagsPage(frame, all, r)
						case p == 2:
							problems = checkUnitMarks(frame, all, "", r, 8)
						case p == 1:
							problems = checkUnitsShown(frame, all, "区市", r)
						case p == 4:
							problems = checkUnitsShown(frame, all, "年度得分", r)
						}
						if len(problems) > 0 {
							if first == "" {
								first = fmt.Sprintf("%d×%d: %s\n%s", w, h, strings.Join(problems, "\n"), strings.Join(all, "\n"))
							}
							failed = append(failed, fmt.Sprintf("%d×%d", w, h))
						}
					}
				}
				if len(failed) > 0 {
					t.Errorf("%s page %d present %v fails at %d of %d sizes (%s); the first:\n%s",
						fx.name, p+1, present, len(failed), len(widths)*len(heights), strings.Join(failed, " "), first)
				}
			}
		}
	}
}
