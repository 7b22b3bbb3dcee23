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
	// Method is how the annual score was formed: AnnualMean or
	// AnnualPercent (按比例) as the rules say or, for AnnualAuto, as the
	// maxima of the counted quarters decide (rules stored before the
	// setting existed: the mean, as then).
	Method     string
	FlagPoints Hundredths // added per flag won (Rules.FlagPoints)
	Grouped    bool       // some counted quarter had groups (AnnualRow.Group)
	// Rules are the rules of the latest counted quarter: they give the
	// weights, tiers and flags counted, and the annual bulletin's words.
	Rules  Rules
	Vetoed bool // some unit was vetoed in a counted quarter
	Talks  bool // some 约谈 was recorded in a counted quarter
}

// AnnualView builds the year view from the computed quarters of the year
// (any order; quarters of other years are ignored) and of the year before,
// for 进位显著奖. Only complete quarters count. The annual score is the
// weighted mean of the unit's quarterly composites (Rules.QuarterWeights of
// the year's latest quarter), so a unit that joins mid-year is scored on the
// quarters it took part in; with the 按比例 method (Rules.AnnualMethod) each
// composite counts as a percentage of its quarter's maximum (MaxComposite),
// so a quarter of four sections does not outweigh one of three; then each
// flag won adds Rules.FlagPoints.
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
	a.Rules = rules
	// The flags counted: the last quarter's rules, then any other flag an
	// earlier quarter's rules awarded (a rule dropped or renamed during the
	// year still counts what it gave, as the flag wall lists it).
	for _, r := range rules.Flags {
		a.FlagNames = append(a.FlagNames, r.Name)
	}
	for _, q := range quarters {
		for _, r := range q.Rules.Flags {
			if !slices.Contains(a.FlagNames, r.Name) {
				a.FlagNames = append(a.FlagNames, r.Name)
			}
		}
	}
	for _, q := range quarters {
		a.Quarters = append(a.Quarters, q.Quarter)
		for _, s := range q.Sections {
			if !slices.Contains(a.Sections, s.Name) {
				a.Sections = append(a.Sections, s.Name)
			}
		}
	}

	a.Method, a.FlagPoints = annualMethod(rules, quarters), rules.FlagPoints
	// The scores are exact: each unit's Σ weight × composite × F_q over
	// the common denominator L × Σ weight, in big integers, where for
	// 按比例 F_q = 100.00 points × L / the quarter's maximum and L is the
	// least common multiple of the maxima (else F_q = L = 1).
	den, factors := annualScale(a.Method, quarters)
	rows := map[int64]*AnnualRow{}
	var order []int64
	sums := map[int64]*annualSum{}
	var term big.Int
	for qi, q := range quarters {
		w := int64(WeightOne)
		if k := q.Quarter.Q - 1; k < len(rules.QuarterWeights) && rules.QuarterWeights[k] > 0 {
			w = int64(rules.QuarterWeights[k])
		}
		secAt := make([]int, len(q.Sections)) // section j of q → its column of a.Sections
		for j, sec := range q.Sections {
			secAt[j] = slices.Index(a.Sections, sec.Name)
		}
		for _, s := range q.Ranked() {
			row, ok := rows[s.Unit.ID]
			if !ok {
				row = &AnnualRow{Unit: s.Unit, Flags: make([]int, len(a.FlagNames)), Stars: make([]int, len(a.Sections))}
				rows[s.Unit.ID] = row
				order = append(order, s.Unit.ID)
				sums[s.Unit.ID] = &annualSum{}
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
			sum := sums[s.Unit.ID]
			term.SetInt64(int64(s.Composite))
			term.Mul(&term, big.NewInt(w))
			sum.num.Add(&sum.num, term.Mul(&term, factors[qi]))
			sum.weights += w
			for _, f := range s.Flags {
				if k := slices.Index(a.FlagNames, f); k >= 0 {
					row.Flags[k]++
				}
			}
			for j := range q.Sections {
				row.Stars[secAt[j]] += s.Sections[j].Stars
				if q.SectionRank(s.Sections[j]) == 1 {
					row.FirstPlaces++
				}
			}
		}
	}
	for _, id := range order {
		r, sum := rows[id], sums[id]
		if sum.weights > 0 {
			d := new(big.Int).Mul(den, big.NewInt(sum.weights))
			if a.FlagPoints > 0 { // per flag, in the score's units
				term.SetInt64(int64(CompositeOf(a.FlagPoints)) * int64(r.FlagTotal()))
				sum.num.Add(&sum.num, term.Mul(&term, d))
			}
			r.Score = new(big.Rat).SetFrac(&sum.num, d)
		}
		a.Rows = append(a.Rows, *r)
	}

	ranks := competitionRanksFunc(len(a.Rows), scoreOrder(a.Rows, nil))
	for i := range a.Rows {
		a.Rows[i].Rank = ranks[i]
	}
	setTiers(a.Rows, rules.Tiers)
	if len(prevYear) > 0 {
		prev := AnnualView(year-1, prevYear, nil)
		prevRank := make(map[int64]int, len(prev.Rows))
		for _, p := range prev.Rows {
			prevRank[p.Unit.ID] = p.Rank
		}
		for i := range a.Rows {
			if p, ok := prevRank[a.Rows[i].Unit.ID]; ok {
				a.Rows[i].PrevRank = p
				a.Rows[i].Rise = rules.AnnualRise > 0 && p-a.Rows[i].Rank >= rules.AnnualRise
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

// annualSum is a unit's Σ weight × composite × F_q and Σ weight.
type annualSum struct {
	num     big.Int
	weights int64
}

// annualScale is the common denominator L and the factor F_q of each
// quarter (see AnnualView).
func annualScale(method string, quarters []*Result) (*big.Int, []*big.Int) {
	one := big.NewInt(1)
	factors := make([]*big.Int, len(quarters))
	for i := range factors {
		factors[i] = one
	}
	if method != AnnualPercent {
		return one, factors
	}
	mosts := make([]*big.Int, len(quarters))
	l := big.NewInt(1)
	var g big.Int
	for i, q := range quarters {
		most := MaxComposite(q.Sections, q.Adjustments)
		if most <= 0 {
			return one, factors // no maximum to scale by: the mean
		}
		mosts[i] = big.NewInt(int64(most))
		g.GCD(nil, nil, l, mosts[i])
		l.Mul(l, new(big.Int).Quo(mosts[i], &g))
	}
	hundred := big.NewInt(int64(CompositeOf(10000))) // 100.00 points = the maximum
	for i := range quarters {
		factors[i] = new(big.Int).Mul(hundred, new(big.Int).Quo(l, mosts[i]))
	}
	return l, factors
}

// scoreOrder compares the scores of rows i and j (positive when i scores
// more) by cross-multiplying with reused integers: big.Rat.Cmp allocates
// on every call, and ranking sorts. only, when set, maps the compared
// indexes to rows.
func scoreOrder(rows []AnnualRow, only []int) func(i, j int) int {
	var x, y big.Int
	return func(i, j int) int {
		if only != nil {
			i, j = only[i], only[j]
		}
		a, b := rows[i].Score, rows[j].Score
		x.Mul(a.Num(), b.Denom())
		y.Mul(b.Num(), a.Denom())
		return x.Cmp(&y)
	}
}

// annualMethod resolves the rules' annual method for the counted quarters:
// AnnualAuto is AnnualPercent when their maxima differ, else AnnualMean.
func annualMethod(r Rules, quarters []*Result) string {
	switch r.AnnualMethod {
	case "":
		return AnnualMean // rules stored before the setting: the mean, as then
	case AnnualAuto:
	default:
		return r.AnnualMethod
	}
	for _, q := range quarters[1:] {
		if MaxComposite(q.Sections, q.Adjustments) != MaxComposite(quarters[0].Sections, quarters[0].Adjustments) {
			return AnnualPercent
		}
	}
	return AnnualMean
}

// MethodText says on the year page how the annual score was formed; short
// for narrow screens ("" for a year without counted quarters).
func (a Annual) MethodText(short bool) string {
	var t string
	switch a.Method {
	case AnnualPercent:
		t = "年度成绩按比例：各季度综合得分折算为该季度满分的百分比，再加权平均"
		if short {
			t = "年度成绩按比例折算"
		}
	case AnnualMean:
		t = "年度成绩：各季度综合得分加权平均"
		if short {
			t = "年度成绩：季度平均"
		}
	default:
		return ""
	}
	if a.FlagPoints > 0 {
		t += "，每面红旗加 " + trimZeros(a.FlagPoints) + " 分"
	}
	return t
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
	cleanRank := competitionRanksFunc(len(clean), scoreOrder(rows, clean))
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
