package model

// BumpChart is the data of a year's bump chart (the 年度 page): each unit's
// line through its composite ranks in the counted quarters, and who stands
// at either end.
type BumpChart struct {
	Year int
	// Quarters says what each quarter's column is: counted, incomplete (not
	// counted yet), or neither (no scores).
	Quarters [4]BumpQuarter
	Lines    []BumpLine // annual rank order
	// Ranks is the lowest rank of any counted quarter: the chart's depth.
	Ranks int
	// Start and End name the units ranked in Q1 and in Q4 by rank (ties
	// share a rank, in annual rank order): the chart's margins.
	Start, End map[int][]string
}

// BumpQuarter is the state of one quarter of the chart.
type BumpQuarter struct{ Counted, Incomplete bool }

// BumpLine is one unit's line.
type BumpLine struct {
	Label string
	Ranks [4]int // composite rank in Q1..Q4, 0 = not ranked in a counted quarter
	// First and Last are the quarters (0..3) the line starts and ends in,
	// -1 when it has none. A line starting after Q1 or ending before Q4 is
	// named beside that end, as the margins do not list it.
	First, Last int
}

// BumpChartOf assembles the bump chart of the year view a.
func BumpChartOf(a Annual) BumpChart {
	c := BumpChart{Year: a.Year, Ranks: 1, Start: map[int][]string{}, End: map[int][]string{}}
	for _, q := range a.Quarters {
		c.Quarters[q.Q-1].Counted = true
	}
	for _, q := range a.Incomplete {
		c.Quarters[q.Q-1].Incomplete = true
	}
	for _, r := range a.Rows {
		l := BumpLine{Label: r.Unit.Label(), Ranks: r.Ranks, First: -1, Last: -1}
		for q, k := range r.Ranks {
			if k == 0 {
				continue
			}
			if l.First < 0 {
				l.First = q
			}
			l.Last = q
			c.Ranks = max(c.Ranks, k)
		}
		if k := r.Ranks[0]; k > 0 {
			c.Start[k] = append(c.Start[k], l.Label)
		}
		if k := r.Ranks[3]; k > 0 {
			c.End[k] = append(c.End[k], l.Label)
		}
		c.Lines = append(c.Lines, l)
	}
	return c
}
