package model

import (
	"slices"
	"strings"
	"testing"
)

// ktFlag is a quarter's rules with one flag rule "旗" of these conditions
// (all must hold), no warnings, and, when groups are given, those groups.
func ktFlag(match Match, cs ...Condition) Rules {
	r := DefaultRules()
	r.Flags = []Rule{{Name: "旗", Colour: "red", Match: match, When: cs}}
	r.Warnings = nil
	return r
}

// ktHolders computes quarters with rules (the last quarter is judged) and
// returns its holders of 旗.
func ktHolders(rules Rules, ds ...QuarterData) []int64 {
	for i := range ds {
		ds[i].Rules = rules
	}
	rs := ComputeSeries(ds)
	return ctWho(rs[len(rs)-1], ctHasFlag("旗"))
}

// TestConditionKinds holds each kind against a small fixture: five units
// of two sections (经济运行 ID 1, 项目签约落地 ID 2).
func TestConditionKinds(t *testing.T) {
	sections := ctSections([]string{"经济运行", "项目签约落地"}, nil)
	// Composites: U01 180, U02 170, U03 170, U04 150, U05 140.
	grid := [][]Hundredths{{9000, 9000}, {9500, 7500}, {8000, 9000}, {7500, 7500}, {9500, 4500}}
	q := func(name string, g [][]Hundredths) QuarterData { return ctGrid(name, ctUnits(5), sections, g) }
	sec := func(k ConditionKind, id int64, name string) Condition {
		return Condition{Kind: k, Section: id, Scope: name}
	}
	tests := []struct {
		name string
		c    Condition
		want []int64
	}{
		{"top 2, a tie for second", Condition{Kind: RankAtMost, Threshold: 2}, []int64{1, 2, 3}},
		{"bottom 1", Condition{Kind: InLast, Threshold: 1}, []int64{5}},
		{"bottom 3, ties share", Condition{Kind: InLast, Threshold: 3}, []int64{2, 3, 4, 5}},
		{"composite at least 170", Condition{Kind: ScoreAtLeast, Score: 17000}, []int64{1, 2, 3}},
		{"composite at least 170.01", Condition{Kind: ScoreAtLeast, Score: 17001}, []int64{1}},
		{"section score at least 90", func() Condition { c := sec(SectionScoreAtLeast, 2, "项目签约落地"); c.Score = 9000; return c }(), []int64{1, 3}},
		{"first in a section, tied", sec(SectionFirst, 1, "经济运行"), []int64{2, 5}},
		{"first in a section gone", sec(SectionFirst, 0, "招商引资"), []int64{}},
		{"section top 1", func() Condition { c := sec(SectionRankAtMost, 2, "项目签约落地"); c.Threshold = 1; return c }(), []int64{1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ktHolders(ktFlag(MatchAll, tt.c), q("2023Q2", grid)); !slices.Equal(got, tt.want) {
				t.Errorf("holders %v, want %v", got, tt.want)
			}
		})
	}

	// Rise and fall against the previous quarter, where U05 was first and
	// U01 last.
	prev := [][]Hundredths{{5000, 5000}, {8000, 8000}, {7000, 7000}, {6000, 6000}, {9000, 9000}}
	for _, tt := range []struct {
		name string
		c    Condition
		want []int64
	}{
		{"rise at least 4", Condition{Kind: RiseAtLeast, Threshold: 4}, []int64{1}},
		{"rise at least 1", Condition{Kind: RiseAtLeast, Threshold: 1}, []int64{1, 3}},
		{"fall at least 4", Condition{Kind: FallAtLeast, Threshold: 4}, []int64{5}},
	} {
		if got := ktHolders(ktFlag(MatchAll, tt.c), q("2023Q1", prev), q("2023Q2", grid)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: holders %v, want %v", tt.name, got, tt.want)
		}
	}

	// All must hold (top 3 and 经济运行 at least 90), or any (the old
	// meaning, and that of rules stored without Match).
	top3 := Condition{Kind: RankAtMost, Threshold: 3}
	eco90 := sec(SectionScoreAtLeast, 1, "经济运行")
	eco90.Score = 9000
	if got := ktHolders(ktFlag(MatchAll, top3, eco90), q("2023Q2", grid)); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("all: %v", got)
	}
	for _, m := range []Match{MatchAny, ""} {
		if got := ktHolders(ktFlag(m, top3, eco90), q("2023Q2", grid)); !slices.Equal(got, []int64{1, 2, 3, 5}) {
			t.Errorf("any (%q): %v", m, got)
		}
	}
}

// TestLookBackKinds: "in the last 1 in each of the last 2 quarters" (连续两
// 个季度末位) and "in the last 1 in at least 2 quarters of the year so
// far", across a year boundary (2024Q1 looks at 2023Q4) and over a
// missing or incomplete quarter (which breaks a run).
func TestLookBackKinds(t *testing.T) {
	last := Condition{Kind: InLast, Threshold: 1}
	run := Condition{Kind: HeldLast, Threshold: 2, Of: &last}
	year := Condition{Kind: HeldInYear, Threshold: 2, Of: &last}
	// ctOrder: the units with these IDs finish in this order, best first.
	q := func(name string, ids ...int) QuarterData { return ctOrder(name, ids...) }
	for _, tt := range []struct {
		name string
		c    Condition
		ds   []QuarterData
		want []int64
	}{
		{"last twice, across the year", run, []QuarterData{q("2023Q4", 1, 2, 3, 4), q("2024Q1", 2, 1, 3, 4)}, []int64{4}},
		{"last once only", run, []QuarterData{q("2023Q4", 1, 2, 4, 3), q("2024Q1", 2, 1, 3, 4)}, []int64{}},
		{"a missing quarter breaks the run", run, []QuarterData{q("2023Q3", 1, 2, 3, 4), q("2024Q1", 2, 1, 3, 4)}, []int64{}},
		{"three in a row", Condition{Kind: HeldLast, Threshold: 3, Of: &last},
			[]QuarterData{q("2023Q2", 4, 1, 3, 2), q("2023Q3", 1, 2, 4, 3), q("2023Q4", 1, 2, 4, 3)}, []int64{}},
		{"three in a row, held", Condition{Kind: HeldLast, Threshold: 3, Of: &last},
			[]QuarterData{q("2023Q2", 4, 1, 2, 3), q("2023Q3", 1, 2, 4, 3), q("2023Q4", 1, 2, 4, 3)}, []int64{3}},
		{"year: Q1 cannot count 2023Q4", year, []QuarterData{q("2023Q4", 1, 2, 3, 4), q("2024Q1", 2, 1, 3, 4)}, []int64{}},
		{"year: Q1 and Q3, not in a row", year, []QuarterData{q("2024Q1", 1, 2, 3, 4), q("2024Q2", 1, 2, 4, 3), q("2024Q3", 2, 1, 3, 4)}, []int64{4}},
	} {
		if got := ktHolders(ktFlag(MatchAll, tt.c), tt.ds...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: holders %v, want %v", tt.name, got, tt.want)
		}
	}

	// An incomplete quarter in between holds nothing: the run breaks.
	inc := q("2024Q1", 1, 2, 3, 4)
	delete(inc.Scores, ScoreKey{1, 1})
	if got := ktHolders(ktFlag(MatchAll, run), q("2023Q4", 1, 2, 3, 4), inc, q("2024Q2", 2, 1, 3, 4)); !slices.Equal(got, []int64{}) {
		t.Errorf("over an incomplete quarter: %v", got)
	}
	// The look-back reads a section by its name in the quarters before (each
	// quarter has its own section IDs).
	q1, q2 := q("2024Q1", 3, 1, 2, 4), q("2024Q2", 3, 2, 1, 4)
	q2.Sections = ctSections([]string{"优化营商环境", "经济运行"}, nil) // 经济运行 is ID 2 now
	for k, v := range q2.Scores {
		q2.Scores[ScoreKey{k.Unit, 2}] = v
		q2.Scores[ScoreKey{k.Unit, 1}] = 5000
	}
	c := Condition{Kind: HeldLast, Threshold: 2, Of: &Condition{Kind: SectionFirst, Section: 2, Scope: "经济运行"}}
	if got := ktHolders(ktFlag(MatchAll, c), q1, q2); !slices.Equal(got, []int64{3}) {
		t.Errorf("first in 经济运行 twice: %v", got)
	}
	if d := (Rules{Flags: []Rule{{Name: "x", When: []Condition{run}}}}); d.Lead() != 4 {
		t.Errorf("Lead = %d", d.Lead())
	}
}

func TestLookBackValidation(t *testing.T) {
	last := Condition{Kind: InLast, Threshold: 1}
	for name, c := range map[string]Condition{
		"no Of":       {Kind: HeldLast, Threshold: 2},
		"nested":      {Kind: HeldLast, Threshold: 2, Of: &Condition{Kind: HeldInYear, Threshold: 2, Of: &last}},
		"N too large": {Kind: HeldInYear, Threshold: 5, Of: &last},
		"N 0":         {Kind: HeldLast, Threshold: 0, Of: &last},
	} {
		if err := ktFlag(MatchAll, c).Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := ktFlag(MatchAll, Condition{Kind: SectionFirst, Section: 1, Scope: "经济运行"}).Validate(); err != nil {
		t.Errorf("first in a section has no N: %v", err)
	}
	bad := ktFlag("some", last)
	if err := bad.Validate(); err == nil {
		t.Error("an unknown match: accepted")
	}
}

// TestAntiAwards: an anti-award (蜗牛奖) is given like a warning but is
// neither a warning nor a flag (no 红牌, no veto): the ranking export
// appends a 反向奖 column and the bulletin names the holders.
func TestAntiAwards(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 80, 70, 60)
	d.Rules.AntiAwards = []Rule{{Name: "蜗牛奖", Colour: "grey", When: []Condition{{Kind: InLast, Threshold: 1}}}}
	d.Vetoes = map[int64]string{4: "x"}
	r := Compute(d, nil)
	s := r.Find(4)
	if !slices.Equal(s.AntiAwards, []string{"蜗牛奖"}) || !s.Warned() || len(r.AntiAwardedBy("蜗牛奖")) != 1 {
		t.Fatalf("unit 4: %+v", s)
	}
	rt, _ := RankingTable(&r)
	if h := rt.Header[len(rt.Header)-1]; h != AntiHeader || rt.Rows[3][len(rt.Header)-1].Text != "蜗牛奖" {
		t.Fatalf("ranking %v %v", rt.Header, rt.Rows[3])
	}
	b, _ := BulletinOf(&r, nil, signed)
	if got := b.MarkText[len(b.MarkText)-1]; got != "U04综合成绩位列后1名，获评“蜗牛奖”。" {
		t.Fatalf("bulletin %q", got)
	}
}

// TestCheckRulesRefusesRulesThatNeverHold: setup refuses, with the
// reason, a rule without conditions, one on a section the quarter lacks, a
// score above the most a unit can reach (composite or section), a rise of
// as many places as there are units, and a group without units in the
// quarter; a rule stored before as it is passes.
func TestCheckRulesRefusesRulesThatNeverHold(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 80, 70, 60) // one section, max 100; items: none
	d.Adjustments = itItems()                // +2 at most
	for name, c := range map[string]struct {
		c   []Condition
		why string
	}{
		"no condition":     {nil, "没有条件"},
		"gone section":     {[]Condition{{Kind: SectionFirst, Scope: "招商引资"}}, "没有板块「招商引资」"},
		"other section":    {[]Condition{{Kind: SectionFirst, Section: 7, Scope: "招商引资"}}, "没有板块「招商引资」"},
		"composite 102.01": {[]Condition{{Kind: ScoreAtLeast, Score: 10201}}, "综合得分最高为 102.00"},
		"section 100.01":   {[]Condition{{Kind: SectionScoreAtLeast, Section: 1, Scope: "经济运行", Score: 10001}}, "满分为 100.00"},
		"rise 4 of 4":      {[]Condition{{Kind: RiseAtLeast, Threshold: 4}}, "最多升降 3 位"},
		"looked-back gone": {[]Condition{{Kind: HeldLast, Threshold: 2, Of: &Condition{Kind: SectionFirst, Scope: "招商引资"}}}, "没有板块"},
	} {
		r := ktFlag(MatchAll, c.c...)
		err := d.CheckRules(r, DefaultRules())
		if err == nil || !strings.Contains(err.Error(), c.why) {
			t.Errorf("%s: %v, want %q", name, err, c.why)
		}
		if err := d.CheckRules(r, r); err != nil {
			t.Errorf("%s stored before: %v", name, err)
		}
	}
	ok := ktFlag(MatchAll, Condition{Kind: ScoreAtLeast, Score: 10200}, Condition{Kind: RiseAtLeast, Threshold: 3})
	if err := d.CheckRules(ok, DefaultRules()); err != nil {
		t.Errorf("a rule that can hold: %v", err)
	}
	g := DefaultRules()
	g.Groups = []Group{{Name: "已退出", Units: []int64{99}}}
	if err := d.CheckRules(g, DefaultRules()); err == nil || !strings.Contains(err.Error(), "没有参加考核的区市") {
		t.Errorf("a group without units in the quarter: %v", err)
	}
}
