package model

import (
	"slices"
	"testing"
)

// wallYear is 2023 for four units of one section: Q1 without 崂山区 (it
// joins in Q2), Q2 complete, no Q3, and Q4 begun (市北区 not scored yet).
func wallYear(t *testing.T) []Result {
	t.Helper()
	units := QingdaoUnits()[:4]
	var ds []QuarterData
	for i, scores := range []map[int64]Hundredths{
		{1: 9000, 2: 8000, 3: 9500},
		{1: 9000, 2: 8000, 3: 9500, 4: 9900},
		nil, // Q3: not stored
		{1: 9000, 3: 9500, 4: 9900},
	} {
		if scores == nil {
			continue
		}
		q := Quarter{Year: 2023, Q: i + 1}
		sec := NewSection("经济运行", 1)
		sec.ID = int64(i + 1)
		d := QuarterData{Quarter: q, Sections: []Section{sec}, Rules: DefaultRules(), Adjustments: ctItems(),
			Scores: map[ScoreKey]Hundredths{}}
		for _, u := range units {
			if v, ok := scores[u.ID]; ok || i == 3 {
				d.Units = append(d.Units, u)
				if ok {
					d.Scores[ScoreKey{u.ID, sec.ID}] = v
				}
			}
		}
		ds = append(ds, d)
	}
	return ComputeSeries(ds)
}

func TestFlagWallOf(t *testing.T) {
	year := wallYear(t)
	earlier := yearOf(t, 2022, []map[int64]Hundredths{{1: 9000, 2: 8000}})
	cases := []struct {
		name    string
		year    int
		results []Result
		ok      bool
		units   []string // rows, official order
		scored  [4]bool
		prov    [4]bool
		flags   map[string][4][]string // per unit name
		in      map[string][4]bool
		total   map[string]int
	}{
		{name: "a year without scores", year: 2024, results: year},
		{name: "other years are ignored", year: 2022, results: append(append([]Result{}, year...), earlier...), ok: true,
			units: []string{"市南区", "市北区"}, scored: [4]bool{true}, flags: map[string][4][]string{
				"市南区": {{FlagA}}, "市北区": {{FlagA}}}, in: map[string][4]bool{"市南区": {true}, "市北区": {true}},
			total: map[string]int{"市南区": 1, "市北区": 1}},
		{name: "joins, a missing quarter and a provisional one", year: 2023, results: year, ok: true,
			units: []string{"市南区", "市北区", "李沧区", "崂山区"}, scored: [4]bool{true, true, false, true},
			prov: [4]bool{false, false, false, true},
			flags: map[string][4][]string{
				"市南区": {{FlagA}, nil, nil, nil},
				"市北区": {nil, nil, nil, nil},
				"李沧区": {{FlagA}, {FlagA}, nil, nil},
				"崂山区": {nil, {FlagA}, nil, nil},
			},
			in: map[string][4]bool{
				"市南区": {true, true, false, true}, "市北区": {true, true, false, true},
				"李沧区": {true, true, false, true}, "崂山区": {false, true, false, true},
			},
			total: map[string]int{"市南区": 1, "市北区": 0, "李沧区": 2, "崂山区": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var this []Result
			for _, r := range c.results {
				if r.Quarter.Year == c.year {
					this = append(this, r)
				}
			}
			annual := AnnualView(c.year, this, nil)
			w, ok := FlagWallOf(c.year, c.results, annual)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v", ok, c.ok)
			}
			if !ok {
				return
			}
			if w.Year != c.year || !slices.Equal(w.Names, []string{FlagA, FlagB}) || !slices.Equal(w.CountNames, annual.FlagNames) {
				t.Errorf("year %d names %v count names %v", w.Year, w.Names, w.CountNames)
			}
			for q := range 4 {
				if w.Quarters[q].Scored != c.scored[q] || w.Quarters[q].Provisional != c.prov[q] {
					t.Errorf("Q%d = %+v, want scored %v provisional %v", q+1, w.Quarters[q], c.scored[q], c.prov[q])
				}
			}
			var names []string
			for _, row := range w.Rows {
				names = append(names, row.Unit.Name)
				for q := range 4 {
					if !slices.Equal(row.Flags[q], c.flags[row.Unit.Name][q]) {
						t.Errorf("%s Q%d flags %v, want %v", row.Unit.Name, q+1, row.Flags[q], c.flags[row.Unit.Name][q])
					}
				}
				if row.In != c.in[row.Unit.Name] {
					t.Errorf("%s listed in %v, want %v", row.Unit.Name, row.In, c.in[row.Unit.Name])
				}
				sum := 0
				for _, n := range row.Counts {
					sum += n
				}
				if row.Total != c.total[row.Unit.Name] || sum != row.Total || len(row.Counts) != len(w.CountNames) {
					t.Errorf("%s counts %v total %d, want total %d", row.Unit.Name, row.Counts, row.Total, c.total[row.Unit.Name])
				}
			}
			if !slices.Equal(names, c.units) {
				t.Errorf("rows %v, want %v", names, c.units)
			}
		})
	}
}
