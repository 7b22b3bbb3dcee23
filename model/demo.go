package model

import (
	"fmt"
	"math/rand/v2"
)

// Commendation is free text praising a unit in a quarter's bulletin.
type Commendation struct {
	Quarter Quarter
	Unit    string
	Text    string
}

// DemoData is an invented but plausible history for demonstrations.
type DemoData struct {
	Units         []Unit
	Quarters      []QuarterData // oldest first
	Commendations []Commendation
}

// Demo invents 2022Q1–2023Q4 for the ten Qingdao units from a seed. The
// scores are made up, but every feature shows: ties at the top and at the
// flag boundary, a tie in a section, both flags, warnings and a red mark, a
// fourth section (优化营商环境) from 2023Q3, and all but the last quarter
// locked as published.
func Demo(seed uint64) DemoData {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	units := QingdaoUnits()
	// A rough strength per unit: the story of the demo is that the big
	// economies lead, 李沧 climbs through 2022, and 莱西 struggles.
	strength := []float64{90, 84, 78, 86, 91, 83, 85, 82, 80, 77}
	trend := []float64{0, 0, 1.6, 0, 0, 0, 0, 0.3, 0, -0.5}
	d := DemoData{Units: units}
	sectionID := int64(0)
	first, last := MustQuarter("2022Q1"), MustQuarter("2023Q4")
	for q, step := first, 0; !last.Before(q); q, step = q.Next(), step+1 {
		names := DefaultSectionNames
		if !q.Before(MustQuarter("2023Q3")) {
			names = append(append([]string{}, names...), "优化营商环境")
		}
		qd := QuarterData{Quarter: q, Units: units, Adjustments: demoAdjustment(step), Rules: DefaultRules(),
			Scores: map[ScoreKey]Hundredths{}, Adjust: map[AdjustKey]Hundredths{}, Locked: q != last}
		for i, n := range names {
			sectionID++
			qd.Sections = append(qd.Sections, Section{ID: sectionID, Name: n, Weight: WeightOne, Max: 10000, Order: i + 1})
		}
		for i, u := range units {
			for _, s := range qd.Sections {
				v := strength[i] + trend[i]*float64(step) + rng.NormFloat64()*3.5
				v = min(max(v, 55), 99.5)
				qd.Scores[ScoreKey{u.ID, s.ID}] = Hundredths(v * 100)
			}
			if rng.IntN(3) == 0 {
				qd.Adjust[AdjustKey{u.ID, qd.Adjustments[0].ID}] = Hundredths(rng.IntN(4) * 50)
			}
		}
		d.Quarters = append(d.Quarters, qd)
	}
	plantTies(&d)
	d.Commendations = []Commendation{
		{MustQuarter("2023Q4"), "西海岸新区", "经济运行板块连续两季度保持首位，重点项目签约落地成效突出"},
		{MustQuarter("2023Q4"), "李沧区", "城市更新建设攻坚有力，历史城区保护更新项目按期完工"},
	}
	return d
}

// plantTies makes the ties the demo must show: two units tied first in
// 2022Q4, a tie for second in 2023Q2 (so three units take flag A), and a tie
// in a section in 2022Q3.
func plantTies(d *DemoData) {
	copyScores := func(qd QuarterData, from, to int64) {
		for _, s := range qd.Sections {
			qd.Scores[ScoreKey{to, s.ID}] = qd.Scores[ScoreKey{from, s.ID}]
		}
		item := qd.Adjustments[0].ID
		if v, ok := qd.Adjust[AdjustKey{from, item}]; ok {
			qd.Adjust[AdjustKey{to, item}] = v
		} else {
			delete(qd.Adjust, AdjustKey{to, item})
		}
	}
	byQuarter := func(s string) QuarterData {
		for _, qd := range d.Quarters {
			if qd.Quarter.String() == s {
				return qd
			}
		}
		panic("demo: no quarter " + s)
	}
	atRank := func(qd QuarterData, k int) int64 {
		r := Compute(qd, nil)
		return r.Ranked()[k-1].Unit.ID
	}
	q := byQuarter("2022Q4")
	copyScores(q, atRank(q, 1), atRank(q, 2))
	q = byQuarter("2023Q2")
	a, b := atRank(q, 2), atRank(q, 3)
	copyScores(q, a, b)
	q = byQuarter("2022Q3")
	sec := q.Sections[0].ID
	q.Scores[ScoreKey{atRank(q, 5), sec}] = q.Scores[ScoreKey{atRank(q, 6), sec}]
}

// DemoLarge invents a large history for scale tests and benchmarks: units
// numbered 第001区…, four sections (经济运行, 项目签约落地, 城市更新建设,
// 优化营商环境) in every quarter, and years of quarters ending 2023Q4. Each
// unit's strength wanders from quarter to quarter, so ranks move, flags and
// warnings change hands; about one unit in three has an adjustment. Every
// quarter but the last is locked, as published ones are. The same seed gives
// the same data.
func DemoLarge(units, years int, seed uint64) DemoData {
	rng := rand.New(rand.NewPCG(seed, seed^0x1a76e))
	d := DemoData{}
	strength := make([]float64, units)
	for i := range units {
		d.Units = append(d.Units, Unit{ID: int64(i + 1), Name: fmt.Sprintf("第%03d区", i+1),
			Short: fmt.Sprintf("%03d区", i+1), Order: i + 1})
		strength[i] = 65 + rng.Float64()*25
	}
	names := append(append([]string{}, DefaultSectionNames...), "优化营商环境")
	last := MustQuarter("2023Q4")
	first := QuarterAt(last.Index() - 4*years + 1)
	sectionID := int64(0)
	for q, step := first, 0; !last.Before(q); q, step = q.Next(), step+1 {
		qd := QuarterData{Quarter: q, Units: d.Units, Adjustments: demoAdjustment(step), Rules: DefaultRules(),
			Scores: make(map[ScoreKey]Hundredths, units*len(names)), Adjust: map[AdjustKey]Hundredths{}, Locked: q != last}
		for i, n := range names {
			sectionID++
			qd.Sections = append(qd.Sections, Section{ID: sectionID, Name: n, Weight: WeightOne, Max: 10000, Order: i + 1})
		}
		for i, u := range d.Units {
			strength[i] = min(max(strength[i]+rng.NormFloat64()*1.5, 60), 92)
			for _, s := range qd.Sections {
				v := min(max(strength[i]+rng.NormFloat64()*3, 40), 99.99)
				qd.Scores[ScoreKey{u.ID, s.ID}] = Hundredths(v * 100)
			}
			if rng.IntN(3) == 0 {
				qd.Adjust[AdjustKey{u.ID, qd.Adjustments[0].ID}] = Hundredths(rng.IntN(5) * 50)
			}
		}
		d.Quarters = append(d.Quarters, qd)
	}
	return d
}

// demoAdjustment is the default adjustment item of the demo's quarter
// number step (0 = the first), numbered as a store would.
func demoAdjustment(step int) []Adjustment {
	a := DefaultAdjustment()
	a.ID = int64(step + 1)
	return []Adjustment{a}
}
