package model

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bigQuarter is one quarter of n units and four sections with random scores.
func bigQuarter(n int, q Quarter, seed uint64) QuarterData {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := QuarterData{Quarter: q, Adjustments: ctItems(), Rules: DefaultRules(),
		Scores: map[ScoreKey]Hundredths{}, Adjust: map[AdjustKey]Hundredths{}}
	for i := range n {
		d.Units = append(d.Units, Unit{ID: int64(i + 1), Name: fmt.Sprintf("区市%03d", i+1), Order: i + 1})
	}
	for j := range 4 {
		s := NewSection(fmt.Sprintf("板块%d", j+1), j+1)
		s.ID = int64(j + 1)
		d.Sections = append(d.Sections, s)
	}
	for _, u := range d.Units {
		for _, s := range d.Sections {
			d.Scores[ScoreKey{u.ID, s.ID}] = Hundredths(6000 + rng.IntN(4000))
		}
		d.Adjust[AdjustKey{u.ID, ctItem}] = Hundredths(rng.IntN(201))
	}
	return d
}

// BenchmarkComputeQuarter200 has a README target: recomputing everything
// for one quarter of 200 units (with its previous quarter) under 0.2 ms.
func BenchmarkComputeQuarter200(b *testing.B) {
	prevData := bigQuarter(200, MustQuarter("2023Q3"), 1)
	cur := bigQuarter(200, MustQuarter("2023Q4"), 2)
	prev := Compute(prevData, nil)
	b.ReportAllocs()
	for b.Loop() {
		r := Compute(cur, &prev)
		if len(r.Ranked()) != 200 {
			b.Fatal("not all ranked")
		}
	}
}

// BenchmarkSeatsTable200 is building one export table (seats: ranks plus
// the chart positions) from a computed quarter of 200 units.
func BenchmarkSeatsTable200(b *testing.B) {
	r := Compute(bigQuarter(200, MustQuarter("2023Q4"), 2), nil)
	for b.Loop() {
		if _, err := SeatsTable(&r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanImportNewSections checks files whose header names new
// sections at growing widths: every section of a quarter that has none
// ("new"), or --add-sections after the quarter's own ("added"). The time
// per column stays flat (linear), where each column was compared with
// every section before.
func BenchmarkPlanImportNewSections(b *testing.B) {
	for _, added := range []bool{false, true} {
		for _, n := range []int{1000, 2000, 4000, 8000} {
			b.Run(fmt.Sprintf("added=%v/columns=%d", added, n), func(b *testing.B) {
				in := importFixture()
				in.AddSections = added
				if !added {
					in.Data.Sections = nil
				}
				head := []string{"区市"}
				for i := range n {
					head = append(head, fmt.Sprintf("板块%d", i+1))
				}
				in.Rows = []Row{{Line: 1, Cells: head}}
				for i, u := range in.Data.Units[:5] {
					row := []string{u.Name}
					for range n {
						row = append(row, "90")
					}
					in.Rows = append(in.Rows, Row{Line: i + 2, Cells: row})
				}
				for b.Loop() {
					if _, err := PlanImport(in); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/column")
			})
		}
	}
}

// BenchmarkPlanPasteHugeAndHostile checks pastes over the size limit and
// hostile ones under it (TestPlanPasteHugeAndHostile checks the refusals).
// Target: under 100 ms a paste.
func BenchmarkPlanPasteHugeAndHostile(b *testing.B) {
	d := importFixture().Data
	for _, pastes := range []map[string]string{hugePastes, hostilePastes} {
		for name, text := range pastes {
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					if _, err := PlanPaste(d, 0, 0, text); err == nil {
						b.Fatal("accepted")
					}
				}
			})
		}
	}
}

// bigRules are twelve rules over four groups of the units of bigQuarter:
// flags within each group, among all units, in one group, on a section,
// on a score; warnings, one looking back two quarters; anti-awards.
func bigRules(units int) Rules {
	r := DefaultRules()
	for g := range 4 {
		var ids []int64
		for i := g; i < units; i += 4 {
			ids = append(ids, int64(i+1))
		}
		r.Groups = append(r.Groups, Group{Name: fmt.Sprintf("第%d组", g+1), Units: ids})
	}
	last := Condition{Kind: InLast, Threshold: 3}
	sec := func(k ConditionKind) Condition {
		return Condition{Kind: k, Threshold: 3, Section: 1, Scope: "板块1", Score: 9000}
	}
	r.Flags = append(r.Flags,
		Rule{Name: "全市前十", AllUnits: true, When: []Condition{{Kind: RankAtMost, Threshold: 10}}},
		Rule{Name: "第一组前三", Group: "第1组", When: []Condition{{Kind: RankAtMost, Threshold: 3}}},
		Rule{Name: "板块之星", Match: MatchAll, When: []Condition{sec(SectionFirst), {Kind: RankAtMost, Threshold: 20}}},
		Rule{Name: "高分", When: []Condition{{Kind: ScoreAtLeast, Score: 35000}, sec(SectionScoreAtLeast)}},
		Rule{Name: "板块前三", When: []Condition{sec(SectionRankAtMost)}},
	)
	r.Warnings = append(r.Warnings,
		Rule{Name: "连续末位", When: []Condition{{Kind: HeldLast, Threshold: 2, Of: &last}}},
		Rule{Name: "本年两次末位", When: []Condition{{Kind: HeldInYear, Threshold: 2, Of: &last}}},
	)
	r.AntiAwards = []Rule{
		{Name: "蜗牛奖", When: []Condition{{Kind: InLast, Threshold: 1}}},
		{Name: "全市末位", AllUnits: true, When: []Condition{{Kind: InLast, Threshold: 1}}},
	}
	return r
}

// BenchmarkComputeGroups200 has a README target: recomputing one quarter
// of 200 units in 4 groups with 12 rules (two looking back) under 0.2 ms.
func BenchmarkComputeGroups200(b *testing.B) {
	rules := bigRules(200)
	var ds []QuarterData
	for k, q := range []string{"2023Q2", "2023Q3", "2023Q4"} {
		d := bigQuarter(200, MustQuarter(q), uint64(k+1))
		d.Rules = rules
		ds = append(ds, d)
	}
	rs := ComputeSeries(ds[:2])
	past := []*Result{&rs[1], &rs[0]}
	if n := len(rules.All()); n != 12 {
		b.Fatalf("%d rules", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		r := compute(ds[2], past)
		if len(r.Ranked()) != 200 || len(r.Groups) != 4 {
			b.Fatal("not all ranked")
		}
	}
}

// BenchmarkAnnual20y200 has a README target: the annual view of each of 20
// years of 200 units (按比例, with its previous year for 进位显著奖) under
// 20 ms in all.
func BenchmarkAnnual20y200(b *testing.B) {
	d := DemoLarge(200, 20, 1)
	d.Quarters[len(d.Quarters)-1].Rules.AnnualMethod = AnnualPercent
	rs := ComputeSeries(d.Quarters)
	b.ReportAllocs()
	for b.Loop() {
		for y := 2004; y <= 2023; y++ {
			if a := AnnualView(y, rs, rs); len(a.Rows) != 200 {
				b.Fatalf("%d: %d rows", y, len(a.Rows))
			}
		}
	}
}

// BenchmarkCard200 has a README target: the unit card of one unit in a
// quarter of 200 units (its flags and warnings explained, the points it
// lacks for each mark found by computing the quarter again) under 1 ms.
func BenchmarkCard200(b *testing.B) {
	prev := Compute(bigQuarter(200, MustQuarter("2023Q3"), 1), nil)
	s := NewScenario(bigQuarter(200, MustQuarter("2023Q4"), 2), []Result{prev})
	r := s.Result()
	unit := r.Standings[100].Unit.ID
	b.ReportAllocs()
	for b.Loop() {
		if c, err := s.Card(&r, unit); err != nil || len(c.Lines) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkWhatIf200 has a README target: one what-if step in a quarter
// of 200 units (a value assumed, the quarter computed again, what changed
// against the real result) under 1 ms.
func BenchmarkWhatIf200(b *testing.B) {
	prev := Compute(bigQuarter(200, MustQuarter("2023Q3"), 1), nil)
	s := NewScenario(bigQuarter(200, MustQuarter("2023Q4"), 2), []Result{prev})
	real := s.Result()
	me := real.Standings[150]
	as := []Assumed{{Unit: me.Unit.ID, Section: s.Data.Sections[0].ID, Value: 10000}}
	b.ReportAllocs()
	for b.Loop() {
		w, err := s.With(as)
		if err != nil {
			b.Fatal(err)
		}
		r := w.Result()
		if len(Differences(&real, &r)) == 0 {
			b.Fatal("nothing changed")
		}
	}
}
