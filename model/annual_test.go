package model

import (
	"strings"
	"testing"
)

// yearOf builds complete quarters of one section where composites follow
// the given scores per quarter (unit ID → score).
func yearOf(t *testing.T, year int, perQuarter []map[int64]Hundredths) []Result {
	t.Helper()
	units := QingdaoUnits()[:4]
	var ds []QuarterData
	for i, scores := range perQuarter {
		q := Quarter{Year: year, Q: i + 1}
		sec := NewSection("经济运行", 1)
		sec.ID = int64(100*year + i)
		d := QuarterData{Quarter: q, Sections: []Section{sec}, Rules: DefaultRules(), Adjustments: ctItems(),
			Scores: map[ScoreKey]Hundredths{}}
		for _, u := range units {
			if v, ok := scores[u.ID]; ok {
				d.Units = append(d.Units, u)
				d.Scores[ScoreKey{u.ID, sec.ID}] = v
			}
		}
		d.Rules.Tiers = []Tier{{"优秀", 1}, {"良好", 2}, {"合格", 1}}
		ds = append(ds, d)
	}
	return ComputeSeries(ds)
}

func TestAnnualView(t *testing.T) {
	prev := yearOf(t, 2022, []map[int64]Hundredths{{1: 9000, 2: 8000, 3: 7000, 4: 6000}})
	cur := yearOf(t, 2023, []map[int64]Hundredths{
		{1: 9000, 2: 8000, 3: 9500},
		{1: 9000, 2: 8000, 3: 9500, 4: 8000}, // unit 4 joins in Q2
		{1: 9000, 2: 8000, 3: 9500, 4: 9900},
		{1: 9000, 2: 8001, 3: 9500, 4: 9900},
	})
	a := AnnualView(2023, cur, prev)
	if len(a.Quarters) != 4 {
		t.Fatalf("quarters %v", a.Quarters)
	}
	type row struct {
		name  string
		score string
		rank  int
		tier  string
		ranks [4]int
		rise  bool
		first int
		flags int
	}
	var got []row
	for _, r := range a.Rows {
		got = append(got, row{r.Unit.Name, r.ScoreRounded().String(), r.Rank, r.Tier, r.Ranks, r.Rise, r.FirstPlaces, r.FlagTotal()})
	}
	want := []row{
		// 崂山区 joins in Q2: mean of its three quarters (80+99+99)/3 = 92.666… → 92.67
		{"李沧区", "95.00", 1, "优秀", [4]int{1, 1, 2, 2}, true, 2, 4},
		{"崂山区", "92.67", 2, "良好", [4]int{0, 3, 1, 1}, true, 2, 3}, // rose 4→2; Q3 took both flags
		{"市南区", "90.00", 3, "良好", [4]int{2, 2, 3, 3}, false, 0, 2},
		{"市北区", "80.00", 4, "合格", [4]int{3, 3, 4, 4}, false, 0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if a.Rows[0].Stars[0] != 3+4+3+3 {
		t.Errorf("李沧 stars = %v", a.Rows[0].Stars)
	}
}

func TestAnnualViewQuarterWeightsAndIncomplete(t *testing.T) {
	cur := yearOf(t, 2023, []map[int64]Hundredths{{1: 9000, 2: 8000}, {1: 7000, 2: 9000}})
	for i := range cur {
		cur[i].Rules.QuarterWeights = []Weight{WeightOne, 3 * WeightOne, WeightOne, WeightOne}
	}
	a := AnnualView(2023, cur, nil)
	// 市南 (90 + 3·70)/4 = 75, 市北 (80 + 3·90)/4 = 87.5
	if a.Rows[0].Unit.Name != "市北区" || a.Rows[0].ScoreRounded() != 8750 || a.Rows[1].ScoreRounded() != 7500 {
		t.Errorf("rows %+v", a.Rows)
	}
	cur[1].Missing = []Missing{{}}
	a = AnnualView(2023, cur, nil)
	if len(a.Quarters) != 1 || len(a.Incomplete) != 1 || a.Incomplete[0] != MustQuarter("2023Q2") {
		t.Errorf("quarters %v incomplete %v", a.Quarters, a.Incomplete)
	}
}

func TestAnnualScoreRoundsHalfUp(t *testing.T) {
	cur := yearOf(t, 2023, []map[int64]Hundredths{{1: 9001}, {1: 9000}})
	a := AnnualView(2023, cur, nil) // (90.01+90.00)/2 = 90.005 → 90.01
	if got := a.Rows[0].ScoreRounded(); got != 9001 {
		t.Errorf("rounded = %s, want 90.01", got)
	}
}

func TestTierOf(t *testing.T) {
	tiers := DefaultRules().Tiers
	for rank, want := range map[int]string{1: "优秀", 3: "优秀", 4: "良好", 7: "良好", 8: "合格", 10: "合格", 12: "合格"} {
		if got := tierOf(tiers, rank); got != want {
			t.Errorf("tierOf(%d) = %s, want %s", rank, got, want)
		}
	}
}

// TestAnnualViewCountsFlagsOfEveryQuarter: a flag rule dropped or renamed
// during the year (Q4's rulebook has none, or another name) still counts
// the flags its quarters awarded, as the flag wall lists them; before, the
// year counted only Q4's rules, and the annual bulletin said
// 本年度没有区市夺得红旗 of a year whose first three quarters awarded flags.
func TestAnnualViewCountsFlagsOfEveryQuarter(t *testing.T) {
	d := Demo(1)
	won := 0
	for i := range d.Quarters {
		if q := d.Quarters[i].Quarter; q.Year == 2023 && q.Q == 4 {
			d.Quarters[i].Rules.Flags = []Rule{{Name: "营商环境之星", Colour: "red", Match: MatchAll,
				When: []Condition{{Kind: RankAtMost, Threshold: 1}}}}
		}
	}
	rs := ComputeSeries(d.Quarters)
	for _, r := range rs {
		if r.Quarter.Year == 2023 {
			for _, s := range r.Standings {
				won += len(s.Flags)
			}
		}
	}
	a := AnnualView(2023, rs, rs)
	counted := 0
	for _, row := range a.Rows {
		counted += row.FlagTotal()
	}
	if counted != won || len(a.FlagNames) != 3 || a.FlagNames[0] != "营商环境之星" {
		t.Errorf("the year counts %d flags of %v, want all %d awarded, 营商环境之星 first", counted, a.FlagNames, won)
	}
	b, err := AnnualBulletinOf(a, DocOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, blk := range b.Body {
		if strings.Contains(blk.Text, "没有区市夺得红旗") || strings.Contains(blk.Text, "真抓实干、勇当排头”红旗0面") {
			t.Errorf("the annual bulletin says %q", blk.Text)
		}
	}
}
