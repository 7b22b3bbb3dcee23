package model

import (
	"math/big"
	"slices"
)

// AnnualRow is one unit's year.
type AnnualRow struct {
	Unit        Unit
	Ranks       [4]int   // composite rank in Q1..Q4, 0 = none
	Score       *big.Rat // annual score in composite units (exact); nil = unranked
	Rank        int      // annual rank, 0 = none
	PrevRank    int      // last year's annual rank, 0 = none
	Tier        string
	Flags       []int  // count per flag rule, parallel to Annual.FlagNames
	Stars       []int  // stars summed per section, parallel to Annual.Sections
	FirstPlaces int    // section rankings won outright or tied first
	Rise        bool   // 进位显著奖: rose Rules.AnnualRise or more annual places
	Group       string // the unit's group in the latest counted quarter that had groups
	Vetoed      int    // counted quarters in which the unit was vetoed (一票否决): no top tier
	Warned      int    // counted quarters in which a warning applied
	Talks       []Talk // the 约谈 recorded in the counted quarters, in order
}

// FlagTotal is the number of flags the unit won in the year.
func (r AnnualRow) FlagTotal() int {
	n := 0
	for _, f := range r.Flags {
		n += f
	}
	return n
}

// ScoreRounded is the annual score as shown, rounded half-up to hundredths.
func (r AnnualRow) ScoreRounded() Hundredths {
	if r.Score == nil {
		return 0
	}
	v := new(big.Rat).Quo(r.Score, big.NewRat(10000, 1)) // composite units → hundredths
	num, den := v.Num(), v.Denom()
	// half-up: floor((2·num + den) / (2·den)) for num ≥ 0
	n := new(big.Int).Add(new(big.Int).Lsh(num, 1), den)
	q := new(big.Int).Quo(n, new(big.Int).Lsh(den, 1))
	return Hundredths(q.Int64())
}

// Annual is the year view: who led the year, by how much, with what.
type Annual struct {
	Year       int
	Quarters   []Quarter // complete quarters of the year that count
	Incomplete []Quarter // quarters of the year that exist but are incomplete
	Sections   []string  // section names in order of first appearance
	FlagNames  []string
	Rows       []AnnualRow // annual rank order, unranked units last
	Grouped    bool        // some counted quarter had groups (AnnualRow.Group)
	Vetoed     bool        // some unit was vetoed in a counted quarter
	Talks      bool        // some 约谈 was recorded in a counted quarter
}

// AnnualView builds the year view from the computed quarters of the year
// (any order; quarters of other years are ignored) and of the year before,
// for 进位显著奖. Only complete quarters count. The annual score is the
// weighted mean of the unit's quarterly composites (Rules.QuarterWeights of
// the year's latest quarter), so a unit that joins mid-year is scored on the
// quarters it took part in.
func AnnualView(year int, results, prevYear []Result) Annual {
	a := Annual{Year: year}
	var quarters []*Result
	for i := range results {
		r := &results[i]
		if r.Quarter.Year != year {
			continue
		}
		if !r.Complete() {
			a.Incomplete = append(a.Incomplete, r.Quarter)
			continue
		}
		quarters = append(quarters, r)
	}
	slices.SortFunc(quarters, func(x, y *Result) int { return x.Quarter.Index() - y.Quarter.Index() })
	if len(quarters) == 0 {
		return a
	}
	rules := quarters[len(quarters)-1].Rules
	for _, r := range rules.Flags {
		a.FlagNames = append(a.FlagNames, r.Name)
	}
	for _, q := range quarters {
		a.Quarters = append(a.Quarters, q.Quarter)
		for _, s := range q.Sections {
			if !slices.Contains(a.Sections, s.Name) {
				a.Sections = append(a.Sections, s.Name)
			}
		}
	}

	rows := map[int64]*AnnualRow{}
	var order []int64
	sum := map[int64]*big.Rat{}
	wsum := map[int64]*big.Rat{}
	for _, q := range quarters {
		w := weightRat(rules.QuarterWeights, q.Quarter.Q)
		for _, s := range q.Ranked() {
			row, ok := rows[s.Unit.ID]
			if !ok {
				row = &AnnualRow{Unit: s.Unit, Flags: make([]int, len(a.FlagNames)), Stars: make([]int, len(a.Sections))}
				rows[s.Unit.ID] = row
				order = append(order, s.Unit.ID)
				sum[s.Unit.ID], wsum[s.Unit.ID] = new(big.Rat), new(big.Rat)
			}
			row.Unit = s.Unit
			row.Ranks[q.Quarter.Q-1] = s.Rank
			if s.Veto != "" {
				row.Vetoed++
				a.Vetoed = true
			}
			if s.Warned() {
				row.Warned++
			}
			if s.Talk.Held() {
				row.Talks = append(row.Talks, s.Talk)
				a.Talks = true
			}
			if s.Group != "" {
				row.Group, a.Grouped = s.Group, true
			}
			sum[s.Unit.ID].Add(sum[s.Unit.ID], new(big.Rat).Mul(w, big.NewRat(int64(s.Composite), 1)))
			wsum[s.Unit.ID].Add(wsum[s.Unit.ID], w)
			for _, f := range s.Flags {
				if k := slices.Index(a.FlagNames, f); k >= 0 {
					row.Flags[k]++
				}
			}
			for j, sec := range q.Sections {
				row.Stars[slices.Index(a.Sections, sec.Name)] += s.Sections[j].Stars
				if q.SectionRank(s.Sections[j]) == 1 {
					row.FirstPlaces++
				}
			}
		}
	}
	for _, id := range order {
		r := rows[id]
		if wsum[id].Sign() > 0 {
			r.Score = new(big.Rat).Quo(sum[id], wsum[id])
		}
		a.Rows = append(a.Rows, *r)
	}

	ranks := competitionRanksFunc(len(a.Rows), func(i, j int) int { return a.Rows[i].Score.Cmp(a.Rows[j].Score) })
	for i := range a.Rows {
		a.Rows[i].Rank = ranks[i]
	}
	setTiers(a.Rows, rules.Tiers)
	if len(prevYear) > 0 {
		prev := AnnualView(year-1, prevYear, nil)
		for i := range a.Rows {
			for _, p := range prev.Rows {
				if p.Unit.ID == a.Rows[i].Unit.ID {
					a.Rows[i].PrevRank = p.Rank
					a.Rows[i].Rise = rules.AnnualRise > 0 && p.Rank-a.Rows[i].Rank >= rules.AnnualRise
				}
			}
		}
	}
	slices.SortStableFunc(a.Rows, func(x, y AnnualRow) int {
		if x.Rank != y.Rank {
			return x.Rank - y.Rank
		}
		return x.Unit.Order - y.Unit.Order
	})
	return a
}

func weightRat(ws []Weight, q int) *big.Rat {
	if q-1 < len(ws) && ws[q-1] > 0 {
		return big.NewRat(int64(ws[q-1]), int64(WeightOne))
	}
	return big.NewRat(1, 1)
}

// setTiers grades rows (their ranks set) into tiers. A vetoed unit cannot
// take the top tier: it is skipped while the top tier is filled, which then
// goes on to the next units (ranked among the units not vetoed), and it
// takes the tier its rank gives below the top one. Without vetoes every
// unit gets tierOf its rank.
func setTiers(rows []AnnualRow, tiers []Tier) {
	var clean []int // rows not vetoed
	for i, r := range rows {
		if r.Vetoed == 0 {
			clean = append(clean, i)
		}
	}
	cleanRank := competitionRanksFunc(len(clean), func(i, j int) int {
		return rows[clean[i]].Score.Cmp(rows[clean[j]].Score)
	})
	top := map[int]bool{}
	for k, i := range clean {
		if len(tiers) > 1 && cleanRank[k] <= tiers[0].Size {
			top[i] = true
		}
	}
	for i := range rows {
		rows[i].Tier = tierOf(tiers, rows[i].Rank)
		switch {
		case len(tiers) < 2:
		case top[i]:
			rows[i].Tier = tiers[0].Name
		case rows[i].Tier == tiers[0].Name:
			rows[i].Tier = tiers[1].Name
		}
	}
}

// tierOf gives the tier of an annual rank: bands are filled in order, the
// last band takes everyone after the others.
func tierOf(tiers []Tier, rank int) string {
	limit := 0
	for i, t := range tiers {
		limit += t.Size
		if rank <= limit || i == len(tiers)-1 {
			return t.Name
		}
	}
	return ""
}

// competitionRanksFunc is CompetitionRanks for values compared by cmp
// (positive when i is better than j).
func competitionRanksFunc(n int, cmp func(i, j int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp(j, i) })
	ranks := make([]int, n)
	for k, i := range order {
		if k > 0 && cmp(i, order[k-1]) == 0 {
			ranks[i] = ranks[order[k-1]]
		} else {
			ranks[i] = k + 1
		}
	}
	return ranks
}
