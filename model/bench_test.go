package model

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bigQuarter is one quarter of n units and four sections with random scores.
func bigQuarter(n int, q Quarter, seed uint64) QuarterData {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := QuarterData{Quarter: q, Adjustment: DefaultAdjustment(), Rules: DefaultRules(),
		Scores: map[ScoreKey]Hundredths{}, Adjust: map[int64]Hundredths{}}
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
		d.Adjust[u.ID] = Hundredths(rng.IntN(201))
	}
	return d
}

// BenchmarkComputeQuarter200 is the target: recomputing everything
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
