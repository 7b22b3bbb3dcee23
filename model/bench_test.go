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
