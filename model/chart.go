package model

// ChartSeat is one occupied seat of the seating chart.
type ChartSeat struct {
	Order int // seat order (座次), 1-based
	Unit  Unit
	Rank  int   // the rank seat order follows (Result.SeatRank: in the group when seats go group after group)
	Place Place // row from the front, seat counted from the left of the chart
}

// SeatingChart is the review meeting's seating chart of a quarter: the grid
// as it is drawn (podium on top, seen from behind the seats, which is each
// seated person's own view) and the seats in seat order.
type SeatingChart struct {
	Quarter Quarter
	// Grid holds the rows, front row first, each from the left of the chart:
	// a seat order (index into Seats plus one), or 0 for an empty seat.
	Grid  [][]int
	Seats []ChartSeat
}

// At returns the seat at the chart position, or nil when it is empty.
func (c SeatingChart) At(row, col int) *ChartSeat {
	if row < 0 || row >= len(c.Grid) || col < 0 || col >= len(c.Grid[row]) || c.Grid[row][col] == 0 {
		return nil
	}
	return &c.Seats[c.Grid[row][col]-1]
}

// SeatingChartOf lays out the ranked units of r with the quarter's layout.
// An incomplete quarter is refused with the list of missing scores.
func SeatingChartOf(r *Result) (SeatingChart, error) {
	if err := r.IncompleteError(); err != nil {
		return SeatingChart{}, err
	}
	ranked := r.Ranked()
	grid, err := r.Rules.Layout.Chart(len(ranked))
	if err != nil {
		return SeatingChart{}, err
	}
	places, err := r.Rules.Layout.Places(len(ranked))
	if err != nil {
		return SeatingChart{}, err
	}
	c := SeatingChart{Quarter: r.Quarter, Grid: grid, Seats: make([]ChartSeat, len(ranked))}
	for i, s := range ranked {
		c.Seats[i] = ChartSeat{Order: s.Seat, Unit: s.Unit, Rank: r.SeatRank(s), Place: places[i]}
	}
	return c, nil
}
