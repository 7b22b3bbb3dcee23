package model

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// gtGroups puts units 1–4 in 区 and 5–6 in 县级市.
func gtGroups() []Group {
	return []Group{{Name: "区", Units: []int64{1, 2, 3, 4}}, {Name: "县级市", Units: []int64{5, 6}}}
}

// gtQuarter is six units in two groups, one section; unit 5 is best
// overall, unit 6 worst, the 区 between them.
func gtQuarter(q string, scores ...Hundredths) QuarterData {
	if len(scores) == 0 {
		scores = []Hundredths{90, 85, 80, 75, 95, 60}
	}
	d := ctQuarter(q, scores...)
	d.Rules.Groups = gtGroups()
	return d
}

func TestGroupsRankStarAndJudgeWithinEachGroup(t *testing.T) {
	r := Compute(gtQuarter("2023Q1"), nil)
	if !slices.Equal(r.Groups, []string{"区", "县级市"}) {
		t.Fatalf("groups %v", r.Groups)
	}
	want := map[int64]struct {
		group               string
		rank, inGroup, star int
		flag, warned        bool
	}{
		1: {"区", 2, 1, 4, true, false},
		2: {"区", 3, 2, 3, true, false},
		3: {"区", 4, 3, 2, false, true},
		4: {"区", 5, 4, 1, false, true},
		5: {"县级市", 1, 1, 2, true, true}, // a group of two: first is also among its last two
		6: {"县级市", 6, 2, 1, true, true},
	}
	for _, s := range r.Standings {
		w := want[s.Unit.ID]
		if s.Group != w.group || s.Rank != w.rank || s.InGroup.Rank != w.inGroup || s.Sections[0].Stars != w.star ||
			s.Sections[0].GroupRank != w.inGroup || s.Sections[0].Rank != w.rank ||
			slices.Contains(s.Flags, FlagA) != w.flag || s.Warned() != w.warned {
			t.Errorf("unit %d: %s rank %d in group %d stars %d flags %v warnings %v, want %+v",
				s.Unit.ID, s.Group, s.Rank, s.InGroup.Rank, s.Sections[0].Stars, s.Flags, s.Warnings, w)
		}
	}
	// Seat order stays by the rank among all units (the default).
	if got := ctPer(r, 6, func(s Standing) int { return s.Seat }); !slices.Equal(got, []int{2, 3, 4, 5, 1, 6}) {
		t.Errorf("seats %v", got)
	}
	// ByGroup lists 区 then 县级市, each in seat order.
	var ids [][]int64
	for _, g := range r.ByGroup() {
		var gi []int64
		for _, s := range g {
			gi = append(gi, s.Unit.ID)
		}
		ids = append(ids, gi)
	}
	if !reflect.DeepEqual(ids, [][]int64{{1, 2, 3, 4}, {5, 6}}) {
		t.Errorf("by group %v", ids)
	}
}

func TestGroupsScopeOfRulesAndStars(t *testing.T) {
	d := gtQuarter("2023Q1")
	d.Rules.Flags = []Rule{
		{Name: "全市前二", AllUnits: true, When: []Condition{{Kind: RankAtMost, Threshold: 2}}},
		{Name: "县级市第一", Group: "县级市", When: []Condition{{Kind: RankAtMost, Threshold: 1}}},
		{Name: "区前二", Group: "区", When: []Condition{{Kind: RankAtMost, Threshold: 2}}},
	}
	d.Rules.Warnings = []Rule{{Name: "全市末位", AllUnits: true, When: []Condition{{Kind: InLast, Threshold: 1}}}}
	d.Rules.StarsAllUnits = true
	r := Compute(d, nil)
	holders := func(name string) []int64 { return ctWho(r, ctHasFlag(name)) }
	for name, want := range map[string][]int64{"全市前二": {1, 5}, "县级市第一": {5}, "区前二": {1, 2}} {
		if got := holders(name); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	if got := ctWho(r, ctWarned); !slices.Equal(got, []int64{6}) {
		t.Errorf("warned %v, want [6]", got)
	}
	// Stars among all six units: unit 5 gets 6, unit 6 gets 1.
	if got := ctPer(r, 6, func(s Standing) int { return s.Sections[0].Stars }); !slices.Equal(got, []int{5, 4, 3, 2, 6, 1}) {
		t.Errorf("stars %v", got)
	}
}

// TestGroupsTiesAtTheBoundary: units tied across groups are ranked each in
// its own group; a tie for second in a group gives the flag to both; seat
// order by group puts a whole group before the next even when a unit of
// the later group scores the same.
func TestGroupsTiesAtTheBoundary(t *testing.T) {
	d := gtQuarter("2023Q1", 90, 80, 80, 70, 80, 60)
	r := Compute(d, nil)
	type place struct{ rank, inGroup, fromBottom int }
	got := map[int64]place{}
	for _, s := range r.Standings {
		got[s.Unit.ID] = place{s.Rank, s.InGroup.Rank, s.InGroup.FromBottom}
	}
	want := map[int64]place{1: {1, 1, 4}, 2: {2, 2, 2}, 3: {2, 2, 2}, 4: {5, 4, 1}, 5: {2, 1, 2}, 6: {6, 2, 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("places %v, want %v", got, want)
	}
	if got := ctWho(r, ctHasFlag(FlagA)); !slices.Equal(got, []int64{1, 2, 3, 5, 6}) {
		t.Errorf("flag A %v", got)
	}
	// Warned: 区's last two are 4 and, tied second from the bottom, 2 and 3.
	if got := ctWho(r, ctWarned); !slices.Equal(got, []int64{2, 3, 4, 5, 6}) {
		t.Errorf("warned %v", got)
	}
	// By the rank among all units the three tied at 80 sit by official order.
	if got := ctPer(r, 6, func(s Standing) int { return s.Seat }); !slices.Equal(got, []int{1, 2, 3, 5, 4, 6}) {
		t.Errorf("seats %v", got)
	}
	d.Rules.SeatByGroup = true
	r = Compute(d, nil)
	if got := ctPer(r, 6, func(s Standing) int { return s.Seat }); !slices.Equal(got, []int{1, 2, 3, 4, 5, 6}) {
		t.Errorf("seats by group %v", got)
	}
}

// TestGroupsMovementAndEscalation: movement in a group is against the
// unit's place among the same group's units the quarter before, also when
// the groups are new; a warning in the group two quarters in a row turns
// 红牌, and the streak is configurable.
func TestGroupsMovementAndEscalation(t *testing.T) {
	q1 := ctQuarter("2023Q1", 90, 85, 80, 75, 95, 60) // no groups yet
	q2 := gtQuarter("2023Q2", 75, 85, 80, 90, 60, 95)
	q3 := gtQuarter("2023Q3", 75, 85, 80, 90, 60, 95)
	rs := ComputeSeries([]QuarterData{q1, q2, q3})
	r2 := rs[1]
	// 区 in Q1 by composite: 1, 2, 3, 4; in Q2: 4, 2, 3, 1.
	move := ctPer(r2, 6, func(s Standing) int { return s.InGroup.Movement() })
	if !slices.Equal(move, []int{-3, 0, 0, 3, -1, 1}) {
		t.Errorf("movement in group %v", move)
	}
	if got := ctWho(r2, ctHasFlag(FlagB)); !slices.Equal(got, []int64{4}) {
		t.Errorf("flag B %v, want [4]", got)
	}
	red := func(r Result) []int64 { return ctWho(r, func(s Standing) bool { return s.RedMark }) }
	// Q2 warnings: 区's last two (1, 3) and all of 县级市; Q1's warnings
	// (among all: 4 and 6, and nobody fell) count for the streak.
	if got := red(rs[1]); !slices.Equal(got, []int64{6}) {
		t.Errorf("red marks in Q2 %v, want [6]", got)
	}
	if got := red(rs[2]); !slices.Equal(got, []int64{1, 3, 5, 6}) {
		t.Errorf("red marks in Q3 %v", got)
	}
	q3.Rules.RedMarkStreak = 3
	rs = ComputeSeries([]QuarterData{q1, q2, q3})
	if got := red(rs[2]); !slices.Equal(got, []int64{6}) {
		t.Errorf("red marks after 3 in a row %v, want [6]", got)
	}
}

func TestGroupsUngroupedUnitsFormAGroup(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 85, 80, 75)
	d.Rules.Groups = []Group{{Name: "区", Units: []int64{1, 2}}}
	r := Compute(d, nil)
	if !slices.Equal(r.Groups, []string{"区", Ungrouped}) {
		t.Fatalf("groups %v", r.Groups)
	}
	if s := r.Find(3); s.Group != Ungrouped || s.InGroup.Rank != 1 {
		t.Errorf("unit 3: %s %d", s.Group, s.InGroup.Rank)
	}
	if got := d.Rules.GroupOf(4); got != Ungrouped {
		t.Errorf("GroupOf(4) = %q", got)
	}
}

func TestGroupsRefused(t *testing.T) {
	for name, gs := range map[string][]Group{
		"empty name":  {{Name: "", Units: []int64{1}}},
		"reserved":    {{Name: Ungrouped, Units: []int64{1}}},
		"twice":       {{Name: "区", Units: []int64{1}}, {Name: "区", Units: []int64{2}}},
		"no units":    {{Name: "区"}},
		"unit shared": {{Name: "区", Units: []int64{1, 2}}, {Name: "县", Units: []int64{2}}},
	} {
		r := DefaultRules()
		r.Groups = gs
		if err := r.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	r := DefaultRules()
	r.Flags[0].Group = "县级市"
	if err := r.Validate(); err == nil {
		t.Error("a rule of a group that is not there: accepted")
	}
}

// TestOneGroupOfEveryUnitIsToday is the property of groups and of the
// rule kinds: one group holding every unit, with the default rules, gives
// every result as without groups, over random series in which units join
// and leave, and those results are DOMAIN.md's default rules word for word
// (ctDefaultRulesAsDomain: the 约谈提醒 of "last 2 or fell 3" still holds on
// either condition).
func TestOneGroupOfEveryUnitIsToday(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	for iter := range 300 {
		n := 2 + rng.IntN(12)
		units := ctUnits(n)
		all := make([]int64, n)
		for i := range all {
			all[i] = int64(i + 1)
		}
		var plain, grouped []QuarterData
		for q := MustQuarter("2022Q4"); !MustQuarter("2023Q4").Before(q); q = q.Next() {
			var active []Unit
			for _, u := range units {
				if rng.IntN(8) != 0 {
					active = append(active, u)
				}
			}
			rules := DefaultRules()
			rules.RedMarkStreak = 1 + rng.IntN(3)
			d := ctRandom(rng, q.String(), active, rules)
			plain = append(plain, d)
			d.Rules.Groups = []Group{{Name: "全部", Units: all}}
			grouped = append(grouped, d)
		}
		want, got := ComputeSeries(plain), ComputeSeries(grouped)
		for k := range want {
			for i := range got[k].Standings {
				if got[k].Standings[i].Group != "全部" {
					t.Fatalf("iter %d: group %q", iter, got[k].Standings[i].Group)
				}
				got[k].Standings[i].Group = ""
			}
			if !reflect.DeepEqual(got[k].Standings, want[k].Standings) {
				t.Fatalf("iter %d %s:\n got %+v\nwant %+v", iter, want[k].Quarter, got[k].Standings, want[k].Standings)
			}
			ctDefaultRulesAsDomain(t, got[k])
		}
	}
}

// ctDefaultRulesAsDomain checks r's flags and warnings against DOMAIN.md's
// words for the default rules, written out independently: flag A for a
// composite rank ≤ 2, flag B for a rise of 2 or more, 约谈提醒 for the last 2
// (ties share) *or* a fall of 3 or more. The default warning's two
// conditions stay "any" (Match ""), as every stored rule before Match.
func ctDefaultRulesAsDomain(t *testing.T, r Result) {
	t.Helper()
	if !r.Complete() {
		return
	}
	for _, s := range r.Ranked() {
		below := 0
		for _, o := range r.Ranked() {
			if o.Composite < s.Composite {
				below++
			}
		}
		moved := s.PrevRank != 0
		want := [3]bool{s.Rank <= 2, moved && s.PrevRank-s.Rank >= 2, below+1 <= 2 || moved && s.Rank-s.PrevRank >= 3}
		got := [3]bool{slices.Contains(s.Flags, FlagA), slices.Contains(s.Flags, FlagB), slices.Contains(s.Warnings, WarningTo)}
		if got != want {
			t.Fatalf("%s unit %d (rank %d, previous %d, %d below): flags %v warnings %v, want A %v B %v warned %v",
				r.Quarter, s.Unit.ID, s.Rank, s.PrevRank, below, s.Flags, s.Warnings, want[0], want[1], want[2])
		}
	}
}

// TestGroupsInExports: with groups, the tables append a 组别 column and
// the ranking lists group after group with the rank in the group; without
// groups the headers are as before.
func TestGroupsInExports(t *testing.T) {
	r := Compute(gtQuarter("2023Q1"), nil)
	rt, err := RankingTable(&r)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rt.Header, ","); got != "季度,名次,区市,综合得分,位次变化,红旗,警示,组别" {
		t.Errorf("ranking header %s", got)
	}
	var rows []string
	for _, row := range rt.Rows {
		rows = append(rows, row[1].Text+row[2].Text+row[7].Text)
	}
	if got := strings.Join(rows, " "); got != "1U01区 2U02区 3U03区 4U04区 1U05县级市 2U06县级市" {
		t.Errorf("ranking rows %s", got)
	}
	st := StarsTable(&r)
	if h := st.Header[len(st.Header)-1]; h != GroupHeader || st.Rows[4][4].Text != "1" || st.Rows[4][6].Text != "县级市" {
		t.Errorf("stars table %v %v", st.Header, st.Rows[4])
	}
	for _, table := range []func(*Result) (Table, error){FlagsTable, SeatsTable} {
		tb, err := table(&r)
		if err != nil || tb.Header[len(tb.Header)-1] != GroupHeader || tb.Rows[0][len(tb.Header)-1].Text == "" {
			t.Errorf("%s: %v %v", tb.Kind, tb.Header, err)
		}
	}
	plain := Compute(ctQuarter("2023Q1", 90, 85, 80, 75, 95, 60), nil)
	rt, _ = RankingTable(&plain)
	if got := strings.Join(rt.Header, ","); got != "季度,名次,区市,综合得分,位次变化,红旗,警示" {
		t.Errorf("ranking header without groups %s", got)
	}
}
