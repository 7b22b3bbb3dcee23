package model

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// needOf is the need of target through lever among ns.
func needOf(t *testing.T, ns []Need, target, lever string) Need {
	t.Helper()
	for _, n := range ns {
		if n.Target == target && n.Lever == lever {
			return n
		}
	}
	t.Fatalf("no need %s / %s in %v", target, lever, ns)
	return Need{}
}

// wantNeeds checks needs of unit id in s: "target|lever" → 0.97, 已达到 or 无法达到.
func wantNeeds(t *testing.T, s Scenario, id int64, want map[string]string) {
	t.Helper()
	ns, err := s.Needed(id)
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		target, lever, _ := strings.Cut(k, "|")
		if got := needOf(t, ns, target, lever).Text(); got != w {
			t.Errorf("unit %d, %s through %s: %s, want %s", id, target, lever, got, w)
		}
	}
}

const (
	tFlagA = "红旗“真抓实干、勇当排头”"
	tFlagB = "红旗“加压奋进、进位赶超”"
	tLeave = "摆脱警示“约谈提醒”"
)

// TestNeededTiesAtTheBoundary: a tie shares the rank, so reaching "top 2"
// takes a tie with the second and no more; leaving "the last 2" takes
// passing, because tied units share their place from the bottom too.
func TestNeededTiesAtTheBoundary(t *testing.T) {
	s := NewScenario(ctQuarter("2023Q1", 90, 85, 85, 80), nil)
	wantNeeds(t, s, 4, map[string]string{
		tFlagA + "|经济运行": "5.00", tFlagA + "|综合": "5.00",
		tLeave + "|经济运行": "5.01", tLeave + "|综合": "5.01",
		tFlagB + "|综合": "无法达到", // no previous rank: a rise cannot be reached
		"经济运行 3星|经济运行": "5.00", // a tie with the two at rank 2: 3 stars, never 2
	})
	// U02 is tied second: it holds the flag and, tied for the last 2 from
	// the bottom, the warning; passing U03 by 0.01 leaves it.
	wantNeeds(t, s, 2, map[string]string{
		tFlagA + "|经济运行": "已达到", tFlagA + "|综合": "已达到",
		tLeave + "|经济运行": "0.01", tLeave + "|综合": "0.01",
	})
}

// TestNeededWithWeights: a section counts with its weight, so its points
// are the composite gap divided by the weight, rounded up to the hundredth.
func TestNeededWithWeights(t *testing.T) {
	d := ctGrid("2023Q1", ctUnits(3), ctSections([]string{"经济运行", "项目签约落地"}, []Weight{5000, 20000}),
		[][]Hundredths{{8000, 8000}, {7898, 8000}, {1000, 1000}}) // 200.00, 199.49, 25.00
	d.Rules.Flags = []Rule{{Name: "第一", When: []Condition{{Kind: RankAtMost, Threshold: 1}}}}
	wantNeeds(t, NewScenario(d, nil), 2, map[string]string{
		"红旗“第一”|经济运行": "1.02", "红旗“第一”|项目签约落地": "0.26", "红旗“第一”|综合": "0.51",
	})
}

// TestNeededSectionAtItsMaximum: a section rises at most to its maximum:
// at it, or with too little room, the section cannot reach the target.
func TestNeededSectionAtItsMaximum(t *testing.T) {
	d := ctGrid("2023Q1", ctUnits(3), ctSections([]string{"经济运行", "项目签约落地"}, nil),
		[][]Hundredths{{10000, 5000}, {9000, 7000}, {9500, 2000}}) // 150, 160, 115
	d.Rules.Flags = []Rule{{Name: "第一", When: []Condition{{Kind: RankAtMost, Threshold: 1}}}}
	s := NewScenario(d, nil)
	wantNeeds(t, s, 1, map[string]string{"红旗“第一”|经济运行": "无法达到", "红旗“第一”|项目签约落地": "10.00", "红旗“第一”|综合": "10.00"})
	wantNeeds(t, s, 3, map[string]string{"红旗“第一”|经济运行": "无法达到", "红旗“第一”|项目签约落地": "45.00", "红旗“第一”|综合": "45.00"})
	// The composite rises at most to the most a unit can reach (202.00).
	wantNeeds(t, s, 2, map[string]string{"红旗“第一”|综合": "已达到"})
	d.Rules.Flags = []Rule{{Name: "高分", When: []Condition{{Kind: ScoreAtLeast, Score: 20100}}}}
	wantNeeds(t, NewScenario(d, nil), 2, map[string]string{"红旗“高分”|综合": "41.00", "红旗“高分”|经济运行": "无法达到"})
}

// TestNeededOneFlagPerUnit: with one flag per unit a rise can take a flag
// away (the first flag wins): the least amount is found all the same.
func TestNeededOneFlagPerUnit(t *testing.T) {
	prev := Compute(ctQuarter("2022Q4", 90, 85, 80, 75, 70), nil) // U05 fifth
	d := ctQuarter("2023Q1", 90, 85, 80, 70, 75)                  // U05 fourth
	d.Rules.OneFlagPerUnit = true
	s := NewScenario(d, []Result{prev})
	if (target{kind: KindFlag, rule: 1}).monotone(d.Rules) {
		t.Fatal("flag B under one flag per unit taken for monotone")
	}
	// Rank 3 (a tie at 80) gives flag B; rank 2 (a tie at 85) gives A instead.
	wantNeeds(t, s, 5, map[string]string{tFlagB + "|综合": "5.00", tFlagA + "|综合": "10.00"})
}

// TestNeededVetoAndLookBack: a vetoed unit can reach no flag; a look-back
// condition keeps the quarters before as they were.
func TestNeededVetoAndLookBack(t *testing.T) {
	prev := Compute(ctQuarter("2022Q4", 70, 80, 90), nil) // U01 last, U03 first
	d := ctQuarter("2023Q1", 80, 70, 90)
	last := Condition{Kind: InLast, Threshold: 1}
	first := Condition{Kind: RankAtMost, Threshold: 1}
	d.Rules.Flags = []Rule{{Name: "连冠", When: []Condition{{Kind: HeldLast, Threshold: 2, Of: &first}}}}
	d.Rules.Warnings = []Rule{{Name: "连续末位", When: []Condition{{Kind: HeldLast, Threshold: 2, Of: &last}}}}
	d.Vetoes = map[int64]string{3: "安全事故"}
	s := NewScenario(d, []Result{prev})
	wantNeeds(t, s, 1, map[string]string{"红旗“连冠”|综合": "无法达到", "摆脱警示“连续末位”|综合": "已达到"})
	wantNeeds(t, s, 2, map[string]string{"红旗“连冠”|综合": "无法达到", "摆脱警示“连续末位”|综合": "已达到"})
	wantNeeds(t, s, 3, map[string]string{"红旗“连冠”|综合": "无法达到"}) // first both times, but vetoed
	d.Vetoes = nil
	wantNeeds(t, NewScenario(d, []Result{prev}), 3, map[string]string{"红旗“连冠”|综合": "已达到"})
	// U01 was last before: leaving 连续末位 in 2023Q1 needs only passing…
	prev2 := Compute(ctQuarter("2022Q4", 70, 80, 90), nil)
	d2 := ctQuarter("2023Q1", 60, 70, 90)
	d2.Rules.Warnings = d.Rules.Warnings
	wantNeeds(t, NewScenario(d2, []Result{prev2}), 1, map[string]string{"摆脱警示“连续末位”|综合": "10.01"})
}

// TestNeededStarsAndGroups: the next star under StarsTop, and a flag
// judged within a group needs the group's leader, not the city's.
func TestNeededStarsAndGroups(t *testing.T) {
	d := ctQuarter("2023Q1", 95, 90, 85, 80, 75, 70)
	d.Rules.StarsTop = 3
	wantNeeds(t, NewScenario(d, nil), 6, map[string]string{"经济运行 1星|经济运行": "15.00"})

	d.Rules.StarsTop = 0
	d.Rules.Groups = []Group{{Name: "县级市", Units: []int64{4, 5, 6}}}
	d.Rules.Flags = []Rule{{Name: "组内第一", When: []Condition{{Kind: RankAtMost, Threshold: 1}}}}
	wantNeeds(t, NewScenario(d, nil), 6, map[string]string{"红旗“组内第一”|综合": "10.00", "经济运行 2星|经济运行": "5.00"})
}

// TestNeededRefusesAnIncompleteQuarter: flags and warnings are decided on
// complete quarters only.
func TestNeededRefusesAnIncompleteQuarter(t *testing.T) {
	if _, err := NewScenario(ctQuarter("2023Q1", 90, ctNone), nil).Needed(1); ErrorCode(err) != ErrIncomplete {
		t.Errorf("incomplete quarter: %v", err)
	}
	if _, err := NewScenario(ctQuarter("2023Q1", 90, 80), nil).Needed(9); ErrorCode(err) != ErrNotFound {
		t.Errorf("a unit not taking part: %v", err)
	}
}

// raise is d with the unit's lever raised by x, done apart from needed.go:
// a section's score, or for the composite an extra item worth x.
func raise(d QuarterData, unit int64, l lever, x Hundredths) QuarterData {
	if l.section >= 0 {
		s := Scenario{Data: d}
		key := ScoreKey{unit, d.Sections[l.section].ID}
		s, err := s.With([]Assumed{{Unit: unit, Section: key.Section, Value: d.Scores[key] + x}})
		if err != nil {
			panic(err)
		}
		return s.Data
	}
	d.Adjustments = append(slices.Clip(d.Adjustments), Adjustment{ID: 999, Name: "假设", Max: 1 << 40})
	adjust := map[AdjustKey]Hundredths{{unit, 999}: x}
	for k, v := range d.Adjust {
		adjust[k] = v
	}
	d.Adjust = adjust
	return d
}

// randomNeedQuarter is a small random quarter with ties likely, random
// weights, small maxima and a rule set drawn from a pool, after a random
// previous quarter.
func randomNeedQuarter(rng *rand.Rand) (QuarterData, []Result) {
	n := 3 + rng.IntN(6)
	weights := []Weight{5000, 10000, 15000, 20000}
	secs := ctSections([]string{"经济运行", "项目签约落地"}, []Weight{weights[rng.IntN(4)], weights[rng.IntN(4)]})
	for i := range secs {
		secs[i].Max = 300
	}
	grid := func() [][]Hundredths {
		g := make([][]Hundredths, n)
		for i := range g {
			g[i] = []Hundredths{Hundredths(rng.IntN(7) * 50), Hundredths(rng.IntN(7) * 50)}
		}
		return g
	}
	prev := ctGrid("2022Q4", ctUnits(n), secs, grid())
	d := ctGrid("2023Q1", ctUnits(n), secs, grid())
	d.Adjustments[0].Max = 50
	last := Condition{Kind: InLast, Threshold: 1}
	switch rng.IntN(6) {
	case 1:
		d.Rules.OneFlagPerUnit = true
	case 2:
		d.Rules.Groups = []Group{{Name: "甲", Units: []int64{1, 2, 3}}}
		d.Rules.Flags[0].AllUnits = rng.IntN(2) == 0
	case 3:
		d.Rules.Flags = append(d.Rules.Flags, Rule{Name: "之星", Match: MatchAll, When: []Condition{
			{Kind: SectionFirst, Section: 1, Scope: "经济运行"}, {Kind: ScoreAtLeast, Score: 300}}})
	case 4:
		d.Rules.AntiAwards = []Rule{{Name: "蜗牛奖", When: []Condition{{Kind: HeldLast, Threshold: 2, Of: &last}}}}
	case 5:
		d.Rules.StarsTop = 2
		d.Rules.Flags = append(d.Rules.Flags, Rule{Name: "高分", When: []Condition{
			{Kind: SectionScoreAtLeast, Section: 2, Scope: "项目签约落地", Score: 275}, {Kind: InLast, Threshold: 1}}})
	}
	prev.Rules = d.Rules
	return d, []Result{Compute(prev, nil)}
}

// TestNeededIsTheLeastAmount is the property: on random quarters, for
// every unit, target and lever, the amount found reaches the target when
// applied (computed with every rule, apart from the search) and 0.01 less
// does not; 已达到 holds as it is; 无法达到 and every amount below the
// one found fail at each hundredth (checked by brute force on a part).
func TestNeededIsTheLeastAmount(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	rounds := 60
	if testing.Short() {
		rounds = 15
	}
	for round := range rounds {
		d, before := randomNeedQuarter(rng)
		s := NewScenario(d, before)
		base := s.Result()
		brute := round%4 == 0
		for _, u := range d.Units {
			me := base.Find(u.ID)
			for _, tg := range targets(&base, me) {
				for _, l := range levers(d, &base, me, tg, base.sectionPart(d.Units)) {
					n := s.need(&base, me, tg, l)
					reached := func(x Hundredths) bool {
						r := compute(raise(d, u.ID, l, x), s.past)
						return tg.reached(r.Find(u.ID))
					}
					where := fmt.Sprintf("round %d, %s, %s through %s: %s", round, u.Name, tg.label, l.name, n.Text())
					switch n.State {
					case NeedReached:
						if !reached(0) {
							t.Fatalf("%s, but it is not", where)
						}
						continue
					case NeedPoints:
						if n.Points > l.most || !reached(n.Points) || reached(n.Points-1) {
							t.Fatalf("%s does not reach it exactly (most %s)", where, l.most)
						}
					}
					if !brute {
						continue
					}
					top := l.most
					if n.State == NeedPoints {
						top = n.Points - 1
					}
					for x := Hundredths(0); x <= top; x++ {
						if reached(x) {
							t.Fatalf("%s, but %s reaches it", where, x)
						}
					}
				}
			}
		}
	}
}

// TestComputeOnTheSectionPart: computing a quarter again on the section
// part of its result, with an adjustment changed, gives exactly what the
// full computation gives (points needed through the composite relies on
// it), on random quarters with groups, look-back rules and incomplete
// units.
func TestComputeOnTheSectionPart(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 17))
	for round := range 40 {
		d, before := randomNeedQuarter(rng)
		if round%5 == 0 { // an incomplete quarter
			d.Scores = maps.Clone(d.Scores)
			delete(d.Scores, ScoreKey{d.Units[0].ID, d.Sections[0].ID})
		}
		s := NewScenario(d, before)
		base := s.Result()
		part := base.sectionPart(d.Units)
		u := d.Units[rng.IntN(len(d.Units))].ID
		changed, err := s.With([]Assumed{{Unit: u, Item: d.Adjustments[0].ID, Value: Hundredths(rng.IntN(51))}})
		if err != nil {
			t.Fatal(err)
		}
		want := compute(changed.Data, s.past)
		if got := computeOn(changed.Data, s.past, part); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: computing on the section part differs:\n%+v\nwant\n%+v", round, got, want)
		}
	}
}
