package model

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// ctNone marks a cell without a score in the compute test fixtures.
const ctNone Hundredths = -1

// ctUnits returns n units U01..Unn with IDs and official order 1..n.
func ctUnits(n int) []Unit {
	us := make([]Unit, n)
	for i := range us {
		us[i] = Unit{ID: int64(i + 1), Name: fmt.Sprintf("U%02d", i+1), Order: i + 1}
	}
	return us
}

// ctSections returns sections with IDs 1..n and the given weights (nil = all 1).
func ctSections(names []string, weights []Weight) []Section {
	ss := make([]Section, len(names))
	for i, n := range names {
		ss[i] = NewSection(n, i+1)
		ss[i].ID = int64(i + 1)
		if weights != nil {
			ss[i].Weight = weights[i]
		}
	}
	return ss
}

// ctItem is the ID of the adjustment item of the test quarters.
const ctItem = 1

// ctItems are the test quarters' adjustment items: the default one, ID ctItem.
func ctItems() []Adjustment {
	a := DefaultAdjustment()
	a.ID = ctItem
	return []Adjustment{a}
}

// ctGrid builds quarter q with default rules: grid[i][j] is the score of
// unit i+1 in section j+1 (ctNone = missing).
func ctGrid(q string, units []Unit, sections []Section, grid [][]Hundredths) QuarterData {
	d := QuarterData{
		Quarter:     MustQuarter(q),
		Units:       units,
		Sections:    sections,
		Adjustments: ctItems(),
		Scores:      map[ScoreKey]Hundredths{},
		Adjust:      map[AdjustKey]Hundredths{},
		Rules:       DefaultRules(),
	}
	for i, row := range grid {
		for j, v := range row {
			if v != ctNone {
				d.Scores[ScoreKey{units[i].ID, sections[j].ID}] = v
			}
		}
	}
	return d
}

// ctQuarter is a quarter of len(scores) units and one section of weight 1;
// scores are whole points for brevity (ctNone = missing).
func ctQuarter(q string, scores ...Hundredths) QuarterData {
	grid := make([][]Hundredths, len(scores))
	for i, v := range scores {
		if v != ctNone {
			v *= 100
		}
		grid[i] = []Hundredths{v}
	}
	return ctGrid(q, ctUnits(len(scores)), ctSections([]string{"经济运行"}, nil), grid)
}

// ctOrder is a one-section quarter in which the units with these IDs finish
// in this order, best first, without ties.
func ctOrder(q string, ids ...int) QuarterData {
	scores := make([]Hundredths, len(ids))
	for pos, id := range ids {
		scores[id-1] = Hundredths(100 - pos)
	}
	return ctQuarter(q, scores...)
}

// ctPer returns f of the standing of units 1..n, in ID order.
func ctPer(res Result, n int, f func(Standing) int) []int {
	out := make([]int, n)
	for i := range out {
		if s := res.Find(int64(i + 1)); s != nil {
			out[i] = f(*s)
		}
	}
	return out
}

// ctWho returns the IDs of the units for which f holds, in ID order.
func ctWho(res Result, f func(Standing) bool) []int64 {
	out := []int64{}
	for _, s := range res.Standings {
		if f(s) {
			out = append(out, s.Unit.ID)
		}
	}
	slices.Sort(out)
	return out
}

func ctHasFlag(name string) func(Standing) bool {
	return func(s Standing) bool { return slices.Contains(s.Flags, name) }
}

func ctWarned(s Standing) bool { return s.Warned() }

func TestCompetitionRanks(t *testing.T) {
	tests := []struct {
		name   string
		values []int64
		want   []int
	}{
		{"empty", nil, []int{}},
		{"one", []int64{5}, []int{1}},
		{"distinct", []int64{40, 30, 20, 10}, []int{1, 2, 3, 4}},
		{"1, 2, 2, 4", []int64{90, 80, 80, 70}, []int{1, 2, 2, 4}},
		{"any input order", []int64{80, 90, 70, 80}, []int{2, 1, 4, 2}},
		{"all tied", []int64{5, 5, 5}, []int{1, 1, 1}},
		{"tied at the top", []int64{9, 9, 8}, []int{1, 1, 3}},
		{"tied at the bottom", []int64{9, 8, 8, 8}, []int{1, 2, 2, 2}},
		{"two ties", []int64{7, 9, 7, 9, 1}, []int{3, 1, 3, 1, 5}},
		{"negatives", []int64{-1, 0, -1}, []int{2, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CompetitionRanks(tt.values)
			if len(got) != len(tt.want) || !slices.Equal(got, tt.want) {
				t.Errorf("CompetitionRanks(%v) = %v, want %v", tt.values, got, tt.want)
			}
		})
	}
}

func TestCompetitionRanksProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for range 2000 {
		values := make([]int64, rng.IntN(25))
		spread := 1 + rng.Int64N(10) // small spreads give many ties
		for i := range values {
			values[i] = rng.Int64N(spread) - spread/2
		}
		ranks := CompetitionRanks(values)
		for i, v := range values {
			want := 1
			for _, w := range values {
				if w > v {
					want++
				}
			}
			if ranks[i] != want {
				t.Fatalf("CompetitionRanks(%v)[%d] = %d, want %d", values, i, ranks[i], want)
			}
		}
	}
}

func TestComputeComposite(t *testing.T) {
	tests := []struct {
		name      string
		weights   []Weight
		grid      [][]Hundredths
		adjust    map[int64]Hundredths
		composite []Composite
		shown     []string
		rank      []int
	}{
		{
			name:      "weight one sums the scores",
			weights:   []Weight{WeightOne, WeightOne, WeightOne},
			grid:      [][]Hundredths{{9550, 8825, 9001}, {9000, 9000, 9000}},
			composite: []Composite{273_760_000, 270_000_000},
			shown:     []string{"273.76", "270.00"},
			rank:      []int{1, 2},
		},
		{
			name:    "ranking uses the exact value, not the shown one",
			weights: []Weight{WeightOne, 5000},
			grid:    [][]Hundredths{{9550, 8825}, {9550, 8826}},
			// 95.50 + 0.5×88.25 = 139.625, shown 139.63; 95.50 + 0.5×88.26 = 139.63
			composite: []Composite{139_625_000, 139_630_000},
			shown:     []string{"139.63", "139.63"},
			rank:      []int{2, 1},
		},
		{
			name:      "adjustment is added; missing adjustment is 0",
			weights:   []Weight{WeightOne, 5000},
			grid:      [][]Hundredths{{9000, 8000}, {9150, 8000}, {9000, 8000}},
			adjust:    map[int64]Hundredths{1: 150},
			composite: []Composite{131_500_000, 131_500_000, 130_000_000},
			shown:     []string{"131.50", "131.50", "130.00"},
			rank:      []int{1, 1, 3},
		},
		{
			name:      "0.1×1 + 0.2×1 ties 0.1×3 exactly",
			weights:   []Weight{1000, 2000},
			grid:      [][]Hundredths{{100, 100}, {300, 0}},
			composite: []Composite{300_000, 300_000},
			shown:     []string{"0.30", "0.30"},
			rank:      []int{1, 1},
		},
		{
			name:      "thirds stay exact",
			weights:   []Weight{3333, 3333, 3334},
			grid:      [][]Hundredths{{9999, 9999, 9999}, {10000, 10000, 9998}},
			composite: []Composite{99_990_000, 99_993_332},
			shown:     []string{"99.99", "99.99"},
			rank:      []int{2, 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := []string{"经济运行", "项目签约落地", "城市更新建设"}[:len(tt.weights)]
			d := ctGrid("2023Q1", ctUnits(len(tt.grid)), ctSections(names, tt.weights), tt.grid)
			for id, v := range tt.adjust {
				d.Adjust[AdjustKey{id, ctItem}] = v
			}
			res := Compute(d, nil)
			for i := range tt.grid {
				s := res.Find(int64(i + 1))
				if s.Composite != tt.composite[i] {
					t.Errorf("unit %d composite = %d, want %d", i+1, s.Composite, tt.composite[i])
				}
				if got := s.Composite.String(); got != tt.shown[i] {
					t.Errorf("unit %d composite shown %q, want %q", i+1, got, tt.shown[i])
				}
				if s.Adjust != tt.adjust[int64(i+1)] {
					t.Errorf("unit %d adjust = %d, want %d", i+1, s.Adjust, tt.adjust[int64(i+1)])
				}
			}
			if got := ctPer(res, len(tt.grid), func(s Standing) int { return s.Rank }); !slices.Equal(got, tt.rank) {
				t.Errorf("ranks = %v, want %v", got, tt.rank)
			}
		})
	}
}

func TestComputeStars(t *testing.T) {
	tests := []struct {
		name   string
		scores []Hundredths
		rank   []int
		stars  []int
	}{
		{"ten units get 10 to 1", []Hundredths{100, 99, 98, 97, 96, 95, 94, 93, 92, 91},
			[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"ten units in any order", []Hundredths{93, 100, 91, 97, 95, 99, 92, 96, 94, 98},
			[]int{8, 1, 10, 4, 6, 2, 9, 5, 7, 3}, []int{3, 10, 1, 7, 5, 9, 2, 6, 4, 8}},
		{"tied units get the same stars", []Hundredths{100, 90, 90, 80},
			[]int{1, 2, 2, 4}, []int{4, 3, 3, 1}},
		{"tied at the top", []Hundredths{90, 90, 80},
			[]int{1, 1, 3}, []int{3, 3, 1}},
		{"tied at the bottom", []Hundredths{100, 90, 80, 80},
			[]int{1, 2, 3, 3}, []int{4, 3, 2, 2}},
		{"all tied", []Hundredths{80, 80, 80},
			[]int{1, 1, 1}, []int{3, 3, 3}},
		{"only units with a score count", []Hundredths{100, ctNone, 90, 80},
			[]int{1, 0, 2, 3}, []int{3, 0, 2, 1}},
		{"one unit", []Hundredths{0}, []int{1}, []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Compute(ctQuarter("2023Q1", tt.scores...), nil)
			n := len(tt.scores)
			rank := ctPer(res, n, func(s Standing) int { return s.Sections[0].Rank })
			stars := ctPer(res, n, func(s Standing) int { return s.Sections[0].Stars })
			if !slices.Equal(rank, tt.rank) {
				t.Errorf("section ranks = %v, want %v", rank, tt.rank)
			}
			if !slices.Equal(stars, tt.stars) {
				t.Errorf("stars = %v, want %v", stars, tt.stars)
			}
			for i, v := range tt.scores {
				c := res.Find(int64(i + 1)).Sections[0]
				if c.Has != (v != ctNone) || (c.Has && c.Score != v*100) {
					t.Errorf("unit %d cell = %+v, want score %d", i+1, c, v)
				}
			}
		})
	}
}

// TestComputeStarsTopK: with Rules.StarsTop = K only the top K of a
// section get stars, K for the best; ties share rank and stars.
func TestComputeStarsTopK(t *testing.T) {
	tests := []struct {
		name   string
		top    int
		scores []Hundredths
		stars  []int
	}{
		{"default: ten units get 10 to 1", 0, []Hundredths{100, 99, 98, 97, 96, 95, 94, 93, 92, 91},
			[]int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
		{"default with ties", 0, []Hundredths{100, 90, 90, 80}, []int{4, 3, 3, 1}},
		{"top 3 of ten", 3, []Hundredths{100, 99, 98, 97, 96, 95, 94, 93, 92, 91},
			[]int{3, 2, 1, 0, 0, 0, 0, 0, 0, 0}},
		{"top 3, any order", 3, []Hundredths{93, 100, 91, 97, 95, 99, 92, 96, 94, 98},
			[]int{0, 3, 0, 0, 0, 2, 0, 0, 0, 1}},
		{"top 3, tie at third: both get 1", 3, []Hundredths{100, 99, 98, 98, 97},
			[]int{3, 2, 1, 1, 0}},
		{"top 3, tie at second: third place skipped", 3, []Hundredths{100, 99, 99, 98},
			[]int{3, 2, 2, 0}},
		{"top 3, tie at the top", 3, []Hundredths{90, 90, 90, 90}, []int{3, 3, 3, 3}},
		{"top 1: only the best", 1, []Hundredths{80, 90, 70}, []int{0, 1, 0}},
		// K larger than N: K − r + 1 still, so the best gets K and the last
		// more than one.
		{"top 5 of three", 5, []Hundredths{100, 90, 80}, []int{5, 4, 3}},
		{"top 3, missing scores count nothing", 3, []Hundredths{100, ctNone, 90, 80, 70},
			[]int{3, 0, 2, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ctQuarter("2023Q1", tt.scores...)
			d.Rules.StarsTop = tt.top
			res := Compute(d, nil)
			stars := ctPer(res, len(tt.scores), func(s Standing) int { return s.Sections[0].Stars })
			if !slices.Equal(stars, tt.stars) {
				t.Errorf("stars = %v, want %v", stars, tt.stars)
			}
		})
	}
}

func TestComputeFlagA(t *testing.T) {
	tests := []struct {
		name   string
		scores []Hundredths
		rank   []int
		flagA  []int64
	}{
		{"top two", []Hundredths{100, 90, 80, 70, 60}, []int{1, 2, 3, 4, 5}, []int64{1, 2}},
		{"two tied first: both rank 1, both flag A, next rank 3", []Hundredths{90, 90, 80, 70},
			[]int{1, 1, 3, 4}, []int64{1, 2}},
		{"three tied first", []Hundredths{90, 90, 90, 80}, []int{1, 1, 1, 4}, []int64{1, 2, 3}},
		{"three tied at rank 2 all get flag A", []Hundredths{100, 90, 90, 90, 80},
			[]int{1, 2, 2, 2, 5}, []int64{1, 2, 3, 4}},
		{"tie at rank 3 is outside", []Hundredths{100, 95, 90, 90, 80},
			[]int{1, 2, 3, 3, 5}, []int64{1, 2}},
		{"input order does not matter", []Hundredths{70, 90, 100, 80},
			[]int{4, 2, 1, 3}, []int64{2, 3}},
		{"a single unit", []Hundredths{50}, []int{1}, []int64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Compute(ctQuarter("2023Q1", tt.scores...), nil)
			if got := ctPer(res, len(tt.scores), func(s Standing) int { return s.Rank }); !slices.Equal(got, tt.rank) {
				t.Errorf("ranks = %v, want %v", got, tt.rank)
			}
			if got := ctWho(res, ctHasFlag(FlagA)); !slices.Equal(got, tt.flagA) {
				t.Errorf("flag A holders = %v, want %v", got, tt.flagA)
			}
			if got := ctWho(res, ctHasFlag(FlagB)); len(got) != 0 {
				t.Errorf("flag B holders without a previous quarter = %v", got)
			}
		})
	}
}

func TestComputeWarningLastTwo(t *testing.T) {
	tests := []struct {
		name       string
		scores     []Hundredths
		fromBottom []int
		warned     []int64
	}{
		{"ten units: the last two", []Hundredths{100, 99, 98, 97, 96, 95, 94, 93, 92, 91},
			[]int{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, []int64{9, 10}},
		{"two tied last", []Hundredths{100, 90, 80, 70, 60, 60},
			[]int{6, 5, 4, 3, 1, 1}, []int64{5, 6}},
		{"three tied last are all warned", []Hundredths{100, 90, 80, 70, 70, 70},
			[]int{6, 5, 4, 1, 1, 1}, []int64{4, 5, 6}},
		{"tie at second to last includes both", []Hundredths{100, 90, 80, 80, 70},
			[]int{5, 4, 2, 2, 1}, []int64{3, 4, 5}},
		{"all tied: everyone is first and last", []Hundredths{50, 50, 50},
			[]int{1, 1, 1}, []int64{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Compute(ctQuarter("2023Q1", tt.scores...), nil)
			if got := ctPer(res, len(tt.scores), func(s Standing) int { return s.FromBottom }); !slices.Equal(got, tt.fromBottom) {
				t.Errorf("FromBottom = %v, want %v", got, tt.fromBottom)
			}
			if got := ctWho(res, ctWarned); !slices.Equal(got, tt.warned) {
				t.Errorf("warned = %v, want %v", got, tt.warned)
			}
			for _, s := range res.Standings {
				if s.Warned() && (len(s.Warnings) != 1 || s.Warnings[0] != WarningTo) {
					t.Errorf("unit %d warnings = %v, want [%s]", s.Unit.ID, s.Warnings, WarningTo)
				}
				if s.RedMark {
					t.Errorf("unit %d has a red mark in its first quarter", s.Unit.ID)
				}
			}
		})
	}
}

func TestComputeMovement(t *testing.T) {
	prev := []int{1, 2, 3, 4, 5, 6, 7, 8} // 2022Q4: unit i ranked i
	tests := []struct {
		name      string
		cur       []int // 2023Q1 finishing order, best first
		oneFlag   bool
		unit      int64
		rank      int
		flags     []string
		warned    bool
		otherFlag int64 // another unit that must still hold flag B (0 = none)
	}{
		{name: "rise of exactly 2 counts", cur: []int{1, 2, 5, 3, 4, 6, 7, 8}, unit: 5, rank: 3, flags: []string{FlagB}},
		{name: "rise of 1 does not", cur: []int{1, 2, 3, 5, 4, 6, 7, 8}, unit: 5, rank: 4},
		{name: "rise of 3", cur: []int{1, 2, 6, 3, 4, 5, 7, 8}, unit: 6, rank: 3, flags: []string{FlagB}},
		{name: "unchanged", cur: prev, unit: 3, rank: 3},
		{name: "fall of exactly 3 warns", cur: []int{1, 2, 4, 5, 6, 3, 7, 8}, unit: 3, rank: 6, warned: true},
		{name: "fall of 2 does not", cur: []int{1, 2, 4, 5, 3, 6, 7, 8}, unit: 3, rank: 5},
		{name: "fall of 1 out of the top 2", cur: []int{1, 3, 2, 4, 5, 6, 7, 8}, unit: 2, rank: 3},
		{name: "rise into the top 2 takes both flags", cur: []int{1, 4, 2, 3, 5, 6, 7, 8}, unit: 4, rank: 2,
			flags: []string{FlagA, FlagB}},
		{name: "one flag per unit: A wins", cur: []int{1, 4, 2, 3, 5, 6, 7, 8}, oneFlag: true, unit: 4, rank: 2,
			flags: []string{FlagA}},
		{name: "one flag per unit leaves B to others", cur: []int{1, 4, 6, 2, 3, 5, 7, 8}, oneFlag: true, unit: 4, rank: 2,
			flags: []string{FlagA}, otherFlag: 6},
		{name: "rise out of the last 2 clears the warning", cur: []int{1, 2, 3, 4, 5, 8, 6, 7}, unit: 8, rank: 6,
			flags: []string{FlagB}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, d := ctOrder("2022Q4", prev...), ctOrder("2023Q1", tt.cur...)
			d.Rules.OneFlagPerUnit = tt.oneFlag
			res := ComputeSeries([]QuarterData{p, d})[1]
			s := res.Find(tt.unit)
			prevRank := int(tt.unit) // unit i ranked i in 2022Q4
			if s.Rank != tt.rank || s.PrevRank != prevRank {
				t.Fatalf("unit %d rank %d (prev %d), want %d (prev %d)", tt.unit, s.Rank, s.PrevRank, tt.rank, prevRank)
			}
			if !s.HasMovement() || s.Movement() != prevRank-tt.rank {
				t.Errorf("unit %d movement = %d (has %v), want %d", tt.unit, s.Movement(), s.HasMovement(), prevRank-tt.rank)
			}
			if !slices.Equal(s.Flags, tt.flags) {
				t.Errorf("unit %d flags = %v, want %v", tt.unit, s.Flags, tt.flags)
			}
			if s.Warned() != tt.warned {
				t.Errorf("unit %d warned = %v (%v), want %v", tt.unit, s.Warned(), s.Warnings, tt.warned)
			}
			if tt.otherFlag != 0 {
				if o := res.Find(tt.otherFlag); !slices.Equal(o.Flags, []string{FlagB}) {
					t.Errorf("unit %d flags = %v, want [%s]", tt.otherFlag, o.Flags, FlagB)
				}
			}
			for _, s := range res.Standings {
				if s.Flags != nil && tt.oneFlag && len(s.Flags) > 1 {
					t.Errorf("unit %d holds %v with one flag per unit", s.Unit.ID, s.Flags)
				}
			}
		})
	}
}

func TestComputeSeriesPreviousQuarter(t *testing.T) {
	tests := []struct {
		name     string
		quarters []string
		compared bool
	}{
		{"Q1 against the previous Q4", []string{"2022Q4", "2023Q1"}, true},
		{"within a year", []string{"2023Q2", "2023Q3"}, true},
		{"a gap is no previous quarter", []string{"2022Q3", "2023Q1"}, false},
		{"same quarter twice is no previous quarter", []string{"2023Q1", "2023Q1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := ComputeSeries([]QuarterData{
				ctOrder(tt.quarters[0], 1, 2, 3, 4, 5),
				ctOrder(tt.quarters[1], 4, 5, 1, 2, 3),
			})
			if len(rs) != 2 || rs[0].Quarter != MustQuarter(tt.quarters[0]) || rs[1].Quarter != MustQuarter(tt.quarters[1]) {
				t.Fatalf("ComputeSeries quarters = %v, %v", rs[0].Quarter, rs[1].Quarter)
			}
			if got := ctPer(rs[0], 5, func(s Standing) int { return s.PrevRank }); !slices.Equal(got, []int{0, 0, 0, 0, 0}) {
				t.Errorf("first quarter PrevRank = %v, want all 0 (新)", got)
			}
			wantPrev := []int{0, 0, 0, 0, 0}
			wantB := []int64{}
			if tt.compared {
				wantPrev = []int{1, 2, 3, 4, 5}
				wantB = []int64{4, 5} // 4→1 and 5→2
			}
			if got := ctPer(rs[1], 5, func(s Standing) int { return s.PrevRank }); !slices.Equal(got, wantPrev) {
				t.Errorf("PrevRank = %v, want %v", got, wantPrev)
			}
			if got := ctWho(rs[1], ctHasFlag(FlagB)); !slices.Equal(got, wantB) {
				t.Errorf("flag B = %v, want %v", got, wantB)
			}
			// 1→3 and 2→4 are falls of 2; 3→5 is last: only last-2 warnings.
			if got := ctWho(rs[1], ctWarned); !slices.Equal(got, []int64{2, 3}) {
				t.Errorf("warned = %v, want [2 3]", got)
			}
		})
	}
	if rs := ComputeSeries(nil); len(rs) != 0 {
		t.Errorf("ComputeSeries(nil) = %v", rs)
	}
}

func TestComputeNoPreviousRank(t *testing.T) {
	tests := []struct {
		name   string
		prev   QuarterData
		cur    QuarterData
		unit   int64
		rank   int
		flags  []string
		warned bool
	}{
		{
			// Without a previous rank a "fall" of 5 − 0 would warn.
			name: "unit joins mid-year in the middle",
			prev: ctOrder("2023Q1", 1, 2, 3, 4, 5, 6, 7, 8),
			cur:  ctOrder("2023Q2", 1, 2, 3, 4, 9, 5, 6, 7, 8),
			unit: 9, rank: 5,
		},
		{
			name: "unit joins mid-year at the top",
			prev: ctOrder("2023Q1", 1, 2, 3, 4, 5, 6, 7, 8),
			cur:  ctOrder("2023Q2", 9, 1, 2, 3, 4, 5, 6, 7, 8),
			unit: 9, rank: 1, flags: []string{FlagA},
		},
		{
			name: "unit joins mid-year at the bottom",
			prev: ctOrder("2023Q1", 1, 2, 3, 4, 5, 6, 7, 8),
			cur:  ctOrder("2023Q2", 1, 2, 3, 4, 5, 6, 7, 8, 9),
			unit: 9, rank: 9, warned: true,
		},
		{
			name: "unit incomplete last quarter",
			prev: ctQuarter("2023Q1", 100, 99, ctNone, 97, 96, 95, 94, 93),
			cur:  ctOrder("2023Q2", 1, 2, 4, 5, 6, 3, 7, 8),
			unit: 3, rank: 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.cur.Units {
				if tt.cur.Units[i].ID == 9 {
					tt.cur.Units[i].From = tt.cur.Quarter
				}
			}
			res := ComputeSeries([]QuarterData{tt.prev, tt.cur})[1]
			s := res.Find(tt.unit)
			if s.Rank != tt.rank || s.PrevRank != 0 || s.HasMovement() {
				t.Errorf("unit %d rank %d prev %d has movement %v; want rank %d, prev 0 (新), no movement",
					tt.unit, s.Rank, s.PrevRank, s.HasMovement(), tt.rank)
			}
			if !slices.Equal(s.Flags, tt.flags) {
				t.Errorf("unit %d flags = %v, want %v", tt.unit, s.Flags, tt.flags)
			}
			if s.Warned() != tt.warned {
				t.Errorf("unit %d warnings = %v, want warned %v", tt.unit, s.Warnings, tt.warned)
			}
		})
	}
}

func TestComputeRedMark(t *testing.T) {
	series := []QuarterData{
		ctOrder("2023Q1", 1, 2, 3, 4, 5, 6, 7, 8), // warned: 7, 8
		ctOrder("2023Q2", 1, 2, 3, 4, 7, 5, 6, 8), // warned: 6, 8
		ctOrder("2023Q3", 8, 1, 2, 3, 4, 5, 6, 7), // warned: 6, 7 (7 also fell 5→8)
	}
	tests := []struct {
		name    string
		streak  int // RedMarkStreak
		quarter int
		unit    int64
		warns   int
		red     bool
	}{
		{"first warning is yellow", 2, 0, 8, 1, false},
		{"not warned", 2, 0, 6, 0, false},
		{"warned two quarters in a row is red", 2, 1, 8, 2, true},
		{"warned again after a clean quarter is yellow", 2, 2, 7, 1, false},
		{"a clean quarter clears the streak", 2, 2, 8, 0, false},
		{"another unit's second warning in a row", 2, 2, 6, 2, true},
		{"streak of 3 needed: 2 is not red", 3, 1, 8, 2, false},
		{"red marks switched off", 0, 1, 8, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := slices.Clone(series)
			for i := range ds {
				ds[i].Rules.RedMarkStreak = tt.streak
			}
			s := ComputeSeries(ds)[tt.quarter].Find(tt.unit)
			if s.WarnStreak != tt.warns || s.RedMark != tt.red {
				t.Errorf("%s unit %d: streak %d red %v, want %d %v", ds[tt.quarter].Quarter, tt.unit, s.WarnStreak, s.RedMark, tt.warns, tt.red)
			}
			if s.Warned() != (tt.warns > 0) {
				t.Errorf("%s unit %d: warnings %v with streak %d", ds[tt.quarter].Quarter, tt.unit, s.Warnings, s.WarnStreak)
			}
		})
	}
	// A gap between quarters breaks the streak.
	rs := ComputeSeries([]QuarterData{series[0], ctOrder("2023Q3", 1, 2, 3, 4, 5, 6, 7, 8)})
	if s := rs[1].Find(8); s.WarnStreak != 1 || s.RedMark {
		t.Errorf("after a gap: streak %d red %v, want 1 false", s.WarnStreak, s.RedMark)
	}
}

func TestComputeSeatOrder(t *testing.T) {
	// 2023Q1: U1 100, U7 95, U3 90, U2 80, U5 80, U6 70, U4 missing
	//   → ranks U1 1, U7 2, U3 3, U2 4, U5 4, U6 6, U4 none.
	prev := ctQuarter("2023Q1", 100, 80, 90, ctNone, 80, 70, 95)
	// 2023Q2: U2–U5 tie first; U1 fifth; U6 and U7 incomplete.
	cur := ctQuarter("2023Q2", 80, 90, 90, 90, 90, ctNone, ctNone)
	slices.Reverse(cur.Units) // input order must not matter
	res := Compute(cur, new(Compute(prev, nil)))

	var order []int64
	var seats, ranks []int
	for _, s := range res.Standings {
		order = append(order, s.Unit.ID)
		seats = append(seats, s.Seat)
		ranks = append(ranks, s.Rank)
	}
	// Rank 1: U3 (prev 3), then U2 and U5 (prev 4, official order), then U4
	// (no previous rank); U1; unranked U6, U7 last in official order.
	if want := []int64{3, 2, 5, 4, 1, 6, 7}; !slices.Equal(order, want) {
		t.Errorf("seat order = %v, want %v", order, want)
	}
	if want := []int{1, 2, 3, 4, 5, 0, 0}; !slices.Equal(seats, want) {
		t.Errorf("seats = %v, want %v", seats, want)
	}
	if want := []int{1, 1, 1, 1, 5, 0, 0}; !slices.Equal(ranks, want) {
		t.Errorf("ranks = %v, want %v", ranks, want)
	}
	if got := len(res.Ranked()); got != 5 {
		t.Errorf("Ranked() has %d standings, want 5", got)
	}
}

func TestComputeSeatOrderUnrankedOfficialOrder(t *testing.T) {
	// Unranked units follow in official order whatever their previous rank.
	units := ctUnits(4)
	units[0].Order, units[1].Order, units[2].Order, units[3].Order = 4, 3, 2, 1
	sec := ctSections([]string{"经济运行"}, nil)
	prev := ctGrid("2023Q1", units, sec, [][]Hundredths{{9000}, {8000}, {7000}, {6000}})
	cur := ctGrid("2023Q2", units, sec, [][]Hundredths{{ctNone}, {ctNone}, {ctNone}, {5000}})
	res := ComputeSeries([]QuarterData{prev, cur})[1]
	var order []int64
	for _, s := range res.Standings {
		order = append(order, s.Unit.ID)
	}
	if want := []int64{4, 3, 2, 1}; !slices.Equal(order, want) {
		t.Errorf("standings order = %v, want %v (ranked U4, then unranked by official order)", order, want)
	}
}

func TestComputeIncomplete(t *testing.T) {
	units := QingdaoUnits()[:4] // 市南区 市北区 李沧区 崂山区
	secs := ctSections(DefaultSectionNames, nil)
	d := ctGrid("2023Q1", units, secs, [][]Hundredths{
		{9000, 9000, 9000},
		{9500, ctNone, 9000},
		{8000, 8000, 8000},
		{ctNone, 7000, ctNone},
	})
	res := Compute(d, nil)

	var missing []string
	for _, m := range res.Missing {
		missing = append(missing, m.Unit.Name+"/"+m.Section.Name)
	}
	if want := []string{"市北区/项目签约落地", "崂山区/经济运行", "崂山区/城市更新建设"}; !slices.Equal(missing, want) {
		t.Errorf("Missing = %v, want %v", missing, want)
	}
	if res.Complete() {
		t.Errorf("Complete() = true for an incomplete quarter")
	}
	err := res.IncompleteError()
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("IncompleteError() = %v, want ErrIncomplete", err)
	}
	for _, want := range []string{"2023Q1", "3", "市北区/项目签约落地", "崂山区/经济运行", "崂山区/城市更新建设"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("IncompleteError() = %q, want it to mention %q", err, want)
		}
	}

	// Provisional ranking of the complete units; incomplete ones have none.
	if got := ctPer(res, 4, func(s Standing) int { return s.Rank }); !slices.Equal(got, []int{1, 0, 2, 0}) {
		t.Errorf("ranks = %v, want [1 0 2 0]", got)
	}
	for _, id := range []int64{2, 4} {
		s := res.Find(id)
		if s.Complete || s.Composite != 0 || s.FromBottom != 0 || s.Seat != 0 || s.Flags != nil || s.Warnings != nil || s.HasMovement() {
			t.Errorf("incomplete unit %s = %+v, want no composite, rank, seat, flags or warnings", s.Unit.Name, *s)
		}
	}
	if got := len(res.Ranked()); got != 2 {
		t.Errorf("Ranked() has %d standings, want 2", got)
	}
	var order []string
	for _, s := range res.Standings {
		order = append(order, s.Unit.Short)
	}
	if want := []string{"市南", "李沧", "市北", "崂山"}; !slices.Equal(order, want) {
		t.Errorf("standings order = %v, want %v", order, want)
	}

	// Stars of a section use the units that have a score in it, complete or not.
	stars := func(j int) []int { return ctPer(res, 4, func(s Standing) int { return s.Sections[j].Stars }) }
	if got := stars(0); !slices.Equal(got, []int{2, 3, 1, 0}) {
		t.Errorf("经济运行 stars = %v, want [2 3 1 0]", got)
	}
	if got := stars(1); !slices.Equal(got, []int{3, 0, 2, 1}) {
		t.Errorf("项目签约落地 stars = %v, want [3 0 2 1]", got)
	}
	if got := stars(2); !slices.Equal(got, []int{3, 3, 1, 0}) {
		t.Errorf("城市更新建设 stars = %v, want [3 3 1 0]", got)
	}

	// Filling the gaps completes the quarter.
	d.Scores[ScoreKey{2, 2}] = 8000
	d.Scores[ScoreKey{4, 1}] = 7000
	d.Scores[ScoreKey{4, 3}] = 7000
	res = Compute(d, nil)
	if !res.Complete() || res.IncompleteError() != nil || len(res.Missing) != 0 {
		t.Errorf("complete quarter: Complete %v, error %v, missing %v", res.Complete(), res.IncompleteError(), res.Missing)
	}
	if got := ctPer(res, 4, func(s Standing) int { return s.Rank }); !slices.Equal(got, []int{1, 2, 3, 4}) {
		t.Errorf("ranks = %v, want [1 2 3 4]", got)
	}
}

func TestComputeIncompleteShapes(t *testing.T) {
	tests := []struct {
		name    string
		d       QuarterData
		mention string
		missing int
		ranked  int
	}{
		{"no sections yet", ctGrid("2023Q1", ctUnits(3), nil, nil), "考核板块", 0, 0},
		{"no units", ctGrid("2023Q1", nil, ctSections(DefaultSectionNames, nil), nil), "没有参加考核的区市", 0, 0},
		{"nothing entered", ctGrid("2023Q1", ctUnits(5), ctSections(DefaultSectionNames, nil), nil), "还没有任何得分", 15, 0},
		{"many missing lists the first 12", ctGrid("2023Q1", ctUnits(6), ctSections(DefaultSectionNames, nil),
			[][]Hundredths{{9000, 9000, 9000}}), "等共 15 项", 15, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Compute(tt.d, nil)
			if res.Complete() {
				t.Fatalf("Complete() = true")
			}
			if len(res.Missing) != tt.missing {
				t.Errorf("%d missing, want %d", len(res.Missing), tt.missing)
			}
			err := res.IncompleteError()
			if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("IncompleteError() = %v, want ErrIncomplete mentioning %q", err, tt.mention)
			}
			if len(res.Ranked()) != tt.ranked {
				t.Errorf("Ranked() = %v, want %d", res.Ranked(), tt.ranked)
			}
		})
	}
}

func TestMissingList(t *testing.T) {
	us, ss := QingdaoUnits(), ctSections(DefaultSectionNames, nil)
	ms := []Missing{{us[0], ss[0]}, {us[1], ss[1]}, {us[2], ss[2]}}
	tests := []struct {
		name  string
		ms    []Missing
		limit int
		want  string
	}{
		{"none", nil, 12, ""},
		{"all fit", ms, 12, "市南区/经济运行、市北区/项目签约落地、李沧区/城市更新建设"},
		{"exactly the limit", ms, 3, "市南区/经济运行、市北区/项目签约落地、李沧区/城市更新建设"},
		{"over the limit", ms, 2, "市南区/经济运行、市北区/项目签约落地等共 3 项"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MissingList(tt.ms, tt.limit); got != tt.want {
				t.Errorf("MissingList(%d) = %q, want %q", tt.limit, got, tt.want)
			}
		})
	}
}

func TestComputeSectionVariant(t *testing.T) {
	star := Rule{Name: "经济运行之星", Colour: "red"}
	snail := Rule{Name: "蜗牛奖", Colour: "grey", When: []Condition{{Kind: InLast, Threshold: 1}}}
	tests := []struct {
		name    string
		section int64 // ctSections: 1 经济运行, 2 项目签约落地
		oneFlag bool
		flags   [][]string // per unit
	}{
		{"top of the section, ties included", 1, false,
			[][]string{{FlagA}, {FlagA, "经济运行之星"}, {"经济运行之星"}, nil}},
		{"one flag per unit: the first rule wins", 1, true,
			[][]string{{FlagA}, {FlagA}, {"经济运行之星"}, nil}},
		{"another section", 2, false,
			[][]string{{FlagA, "经济运行之星"}, {FlagA}, nil, nil}},
		{"unknown section gives nobody the flag", 9, false,
			[][]string{{FlagA}, {FlagA}, nil, nil}},
		{"a section that is gone gives nobody the flag", 0, false,
			[][]string{{FlagA}, {FlagA}, nil, nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// (An incomplete quarter gets no flags at all: see
			// TestComputeIncompleteIsProvisional.)
			d := ctGrid("2023Q1", ctUnits(4), ctSections([]string{"经济运行", "项目签约落地"}, nil), [][]Hundredths{
				{9000, 10000}, // 190, rank 1
				{9500, 8000},  // 175, rank 2, tied top of 经济运行
				{9500, 7000},  // 165, rank 3, tied top of 经济运行
				{6000, 6000},  // 120, rank 4, last
			})
			r := star
			r.When = []Condition{{Kind: SectionRankAtMost, Threshold: 1, Section: tt.section}}
			d.Rules.Flags = append(d.Rules.Flags, r)
			d.Rules.Warnings = append(d.Rules.Warnings, snail)
			d.Rules.OneFlagPerUnit = tt.oneFlag
			res := Compute(d, nil)
			for i, want := range tt.flags {
				if got := res.Find(int64(i + 1)).Flags; !slices.Equal(got, want) {
					t.Errorf("unit %d flags = %v, want %v", i+1, got, want)
				}
			}
			if got := res.Find(4).Warnings; !slices.Equal(got, []string{WarningTo, "蜗牛奖"}) {
				t.Errorf("last unit warnings = %v, want [%s 蜗牛奖]", got, WarningTo)
			}
			if got := res.Find(3).Warnings; !slices.Equal(got, []string{WarningTo}) {
				t.Errorf("second to last warnings = %v, want [%s]", got, WarningTo)
			}
		})
	}
}

// TestStarsSumProperty: in a section without ties, stars are a permutation
// of 1..N and sum to N(N+1)/2; with ties each unit's stars are N minus the
// number of units strictly ahead of it.
func TestStarsSumProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for range 500 {
		n := 1 + rng.IntN(30)
		scores := make([]Hundredths, n)
		for i, p := range rng.Perm(n) {
			scores[i] = Hundredths(50 + p)
		}
		res := Compute(ctQuarter("2023Q1", scores...), nil)
		sum := 0
		for _, s := range res.Standings {
			sum += s.Sections[0].Stars
		}
		if sum != n*(n+1)/2 {
			t.Fatalf("n=%d scores %v: stars sum to %d, want %d", n, scores, sum, n*(n+1)/2)
		}

		for i := range scores {
			scores[i] = Hundredths(50 + rng.IntN(4))
		}
		res = Compute(ctQuarter("2023Q1", scores...), nil)
		for i, v := range scores {
			ahead := 0
			for _, w := range scores {
				if w > v {
					ahead++
				}
			}
			if got := res.Find(int64(i + 1)).Sections[0].Stars; got != n-ahead {
				t.Fatalf("scores %v: unit %d has %d stars, want %d", scores, i+1, got, n-ahead)
			}
		}
	}
}

// ctRandom builds a random quarter over units: small score ranges for ties,
// some missing cells, adjustments and rule variants.
func ctRandom(rng *rand.Rand, q string, units []Unit, rules Rules) QuarterData {
	weights := []Weight{WeightOne, 5000, 15000, 3333, 20000}
	nSec := 1 + rng.IntN(4)
	ws := make([]Weight, nSec)
	for j := range ws {
		ws[j] = weights[rng.IntN(len(weights))]
	}
	names := []string{"经济运行", "项目签约落地", "城市更新建设", "优化营商环境"}[:nSec]
	grid := make([][]Hundredths, len(units))
	for i := range grid {
		grid[i] = make([]Hundredths, nSec)
		for j := range grid[i] {
			grid[i][j] = Hundredths(8000 + 250*rng.IntN(6))
			if rng.IntN(15) == 0 {
				grid[i][j] = ctNone
			}
		}
	}
	d := ctGrid(q, units, ctSections(names, ws), grid)
	for _, u := range units {
		if rng.IntN(3) == 0 {
			d.Adjust[AdjustKey{u.ID, ctItem}] = Hundredths(50 * rng.IntN(5))
		}
	}
	d.Rules = rules
	return d
}

// TestComputeProperties checks, on random quarters, that Compute does not
// depend on the input order of units and that its ranks, bottom ranks and
// stars agree with their definitions.
func TestComputeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	for iter := range 400 {
		n := 1 + rng.IntN(12)
		units := ctUnits(n)
		for i, o := range rng.Perm(n) { // official order differs from ID
			units[i].Order = o + 1
		}
		rules := DefaultRules()
		rules.OneFlagPerUnit = rng.IntN(2) == 0
		if rng.IntN(2) == 0 {
			rules.Flags = append(rules.Flags, Rule{Name: "单项第一", When: []Condition{{Kind: SectionRankAtMost, Threshold: 1, Section: 1, Scope: "经济运行"}}})
		}
		if rng.IntN(3) == 0 {
			rules.StarsTop = 1 + rng.IntN(6) // top-K stars, K sometimes above N
		}
		series := ComputeSeries([]QuarterData{
			ctRandom(rng, "2023Q1", units, rules),
			ctRandom(rng, "2023Q2", units, rules),
		})
		prev := &series[1]
		d := ctRandom(rng, "2023Q3", units, rules)
		want := Compute(d, prev)

		shuffled := d
		shuffled.Units = slices.Clone(d.Units)
		rng.Shuffle(n, func(i, j int) { shuffled.Units[i], shuffled.Units[j] = shuffled.Units[j], shuffled.Units[i] })
		got := Compute(shuffled, prev)
		if !reflect.DeepEqual(got.Standings, want.Standings) {
			t.Fatalf("iter %d: standings depend on the input order of units:\n got %+v\nwant %+v", iter, got.Standings, want.Standings)
		}
		key := func(m Missing) string { return fmt.Sprint(m.Unit.ID, "/", m.Section.ID) }
		gm, wm := make([]string, 0), make([]string, 0)
		for _, m := range got.Missing {
			gm = append(gm, key(m))
		}
		for _, m := range want.Missing {
			wm = append(wm, key(m))
		}
		slices.Sort(gm)
		slices.Sort(wm)
		if !slices.Equal(gm, wm) {
			t.Fatalf("iter %d: missing %v, want %v", iter, gm, wm)
		}

		// Definitions.
		seat := 0
		for k, s := range want.Standings {
			above, below := 0, 0
			for _, o := range want.Standings {
				if !o.Complete {
					continue
				}
				if o.Composite > s.Composite {
					above++
				}
				if o.Composite < s.Composite {
					below++
				}
			}
			if s.Complete {
				seat++
				if s.Rank != above+1 || s.FromBottom != below+1 || s.Seat != seat {
					t.Fatalf("iter %d: unit %d rank %d frombottom %d seat %d, want %d %d %d",
						iter, s.Unit.ID, s.Rank, s.FromBottom, s.Seat, above+1, below+1, seat)
				}
				if slices.Contains(s.Flags, FlagA) != (s.Rank <= 2 && want.Complete()) { // provisional ranks hold no flags
					t.Fatalf("iter %d: unit %d rank %d flags %v", iter, s.Unit.ID, s.Rank, s.Flags)
				}
			} else if s.Rank != 0 || s.Seat != 0 || s.Flags != nil || s.Warnings != nil {
				t.Fatalf("iter %d: incomplete unit %d has %+v", iter, s.Unit.ID, s)
			}
			if k > 0 && seatOrder(&want.Standings[k-1], &s) > 0 {
				t.Fatalf("iter %d: standings not in seat order at %d", iter, k)
			}
			for j := range d.Sections {
				c := s.Sections[j]
				if !c.Has {
					if c.Rank != 0 || c.Stars != 0 {
						t.Fatalf("iter %d: unit %d section %d has no score but %+v", iter, s.Unit.ID, j, c)
					}
					continue
				}
				n, ahead := 0, 0
				for _, o := range want.Standings {
					if o.Sections[j].Has {
						n++
						if o.Sections[j].Score > c.Score {
							ahead++
						}
					}
				}
				top := n // stars go to the top n, or the top K
				if rules.StarsTop > 0 {
					top = rules.StarsTop
				}
				if c.Rank != ahead+1 || c.Stars != max(top-ahead, 0) {
					t.Fatalf("iter %d: unit %d section %d = %+v, want rank %d stars %d", iter, s.Unit.ID, j, c, ahead+1, max(top-ahead, 0))
				}
			}
			if p := prev.Find(s.Unit.ID); p == nil || s.PrevRank != p.Rank {
				t.Fatalf("iter %d: unit %d PrevRank %d", iter, s.Unit.ID, s.PrevRank)
			}
		}
	}
}

// TestHoldersOfFlagsAndWarnings: the units a rule applies to, in seat
// order, read from the computed standings (the one place screens,
// exports and the bulletin ask).
func TestHoldersOfFlagsAndWarnings(t *testing.T) {
	rs := ComputeSeries(Demo(1).Quarters)
	r := &rs[len(rs)-1]
	names := func(ss []Standing) (out []string) {
		for _, s := range ss {
			out = append(out, s.Unit.Name)
		}
		return out
	}
	var wantA, wantWarn []string
	for _, s := range r.Ranked() {
		if s.Rank <= 2 {
			wantA = append(wantA, s.Unit.Name)
		}
		if s.Warned() {
			wantWarn = append(wantWarn, s.Unit.Name)
		}
	}
	if got := names(r.FlagHolders(FlagA)); !slices.Equal(got, wantA) || len(got) < 2 {
		t.Errorf("FlagHolders(%s) = %v, want %v", FlagA, got, wantA)
	}
	if got := names(r.WarnedBy(WarningTo)); !slices.Equal(got, wantWarn) || len(got) == 0 {
		t.Errorf("WarnedBy(%s) = %v, want %v", WarningTo, got, wantWarn)
	}
	if got := r.FlagHolders(WarningTo); got != nil {
		t.Errorf("a warning's name as a flag: %v", names(got))
	}
}

// TestComputeIncompleteIsProvisional: while a quarter is incomplete its
// complete units get provisional ranks and nothing else: no rule decides on
// a ranking that will change (the first unit typed in must not show as
// 勇当排头 and 约谈提醒 at once, as 市南区 did on the projector).
func TestComputeIncompleteIsProvisional(t *testing.T) {
	units := QingdaoUnits()
	secs := ctSections(DefaultSectionNames, nil)
	grid := make([][]Hundredths, len(units))
	for i := range grid {
		grid[i] = []Hundredths{ctNone, ctNone, ctNone}
	}
	grid[0] = []Hundredths{9000, 9000, 9000} // only 市南区 typed in
	prevGrid := make([][]Hundredths, len(units))
	for i := range prevGrid {
		v := Hundredths(9000 - 100*i) // 市南区 first, 莱西市 last
		prevGrid[i] = []Hundredths{v, v, v}
	}
	prevGrid[0] = []Hundredths{5000, 5000, 5000} // 市南区 was last, so rank 1 now is a rise of 9
	series := ComputeSeries([]QuarterData{ctGrid("2023Q1", units, secs, prevGrid), ctGrid("2023Q2", units, secs, grid)})
	res := series[1]
	s := res.Find(1)
	if res.Complete() || s.Rank != 1 {
		t.Fatalf("市南区 rank %d, complete %v: want a provisional rank 1 in an incomplete quarter", s.Rank, res.Complete())
	}
	if s.Flags != nil || s.Warnings != nil || s.RedMark || s.WarnStreak != 0 {
		t.Errorf("provisional 市南区 holds flags %v warnings %v red %v: want none until the quarter is complete", s.Flags, s.Warnings, s.RedMark)
	}
	for _, name := range []string{FlagA, FlagB} {
		if got := res.FlagHolders(name); got != nil {
			t.Errorf("%s holders in an incomplete quarter: %v", name, got)
		}
	}
	if got := res.WarnedBy(WarningTo); got != nil {
		t.Errorf("warned in an incomplete quarter: %v", got)
	}

	// The last score in makes the quarter complete, and the rules apply.
	for i := range grid {
		grid[i] = []Hundredths{8000, 8000, Hundredths(8000 - 100*i)}
	}
	res = ComputeSeries([]QuarterData{ctGrid("2023Q1", units, secs, prevGrid), ctGrid("2023Q2", units, secs, grid)})[1]
	if !res.Complete() || len(res.FlagHolders(FlagA)) != 2 || len(res.WarnedBy(WarningTo)) == 0 {
		t.Errorf("complete quarter: flag A %d, warned %d", len(res.FlagHolders(FlagA)), len(res.WarnedBy(WarningTo)))
	}
}
