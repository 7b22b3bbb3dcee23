package model

// SeatMethod is how a row is filled.
type SeatMethod string

const (
	// CentreOut seats No. 1 in the centre and alternates outward, left
	// (from the seated person's own view) before right.
	CentreOut SeatMethod = "centre_out"
	// LeftToRight fills each row from the left of the chart.
	LeftToRight SeatMethod = "left_to_right"
)

// Layout is the seating layout of the review meeting. Rows are filled front
// row (nearest the podium) first.
type Layout struct {
	Rows   int        `json:"rows"`    // 0 = as many as needed
	PerRow int        `json:"per_row"` // 0 = everyone in one row
	Method SeatMethod `json:"method"`
	// OneOnLeft picks the other even-row variant: No. 1 takes the
	// left-centre seat and No. 2 the right-centre one. By default No. 2 sits
	// on No. 1's left.
	OneOnLeft bool `json:"one_on_left"`
}

// Place is a seat on the chart: row 1 is the front row, seat 1 the leftmost
// seat as the chart is drawn (podium on top, seen from behind the seats, which
// is the seated person's own view).
type Place struct{ Row, Seat int }

// Validate checks a layout entered in setup.
func (l Layout) Validate() error {
	if l.Rows < 0 || l.PerRow < 0 || l.Rows > 100 || l.PerRow > 200 {
		return Errorf(ErrInvalid, "排数或每排座位数超出范围")
	}
	switch l.Method {
	case "", CentreOut, LeftToRight:
	default:
		return Errorf(ErrInvalid, "排座方式“%s”未知", l.Method)
	}
	return nil
}

// Shape returns the rows and seats per row used for n people.
func (l Layout) Shape(n int) (rows, perRow int) {
	perRow = l.PerRow
	if perRow == 0 {
		perRow = max(n, 1)
	}
	rows = l.Rows
	if rows == 0 {
		rows = max((n+perRow-1)/perRow, 1)
	}
	return rows, perRow
}

// Places gives the chart position of seat order 1..n: places[i] is where
// No. i+1 sits. The last row may be partly filled; its people are seated
// with the same method across the full row, so centre-out keeps them central.
func (l Layout) Places(n int) ([]Place, error) {
	rows, perRow := l.Shape(n)
	if rows*perRow < n {
		return nil, Errorf(ErrInvalid, "座位不够：%d 排 × %d 座 = %d，需要 %d 个", rows, perRow, rows*perRow, n)
	}
	out := make([]Place, n)
	for i := range out {
		row, k := i/perRow, i%perRow+1
		out[i] = Place{Row: row + 1, Seat: l.seatInRow(k, perRow)}
	}
	return out, nil
}

// seatInRow is the seat (from the left) of the k-th person in a row of w.
func (l Layout) seatInRow(k, w int) int {
	if l.Method == LeftToRight {
		return k
	}
	centre := w/2 + 1 // odd w: the middle; even w: right-centre, so No. 2 is on No. 1's left
	leftFirst := true
	if w%2 == 0 && l.OneOnLeft {
		centre, leftFirst = w/2, false
	}
	if k == 1 {
		return centre
	}
	off := k / 2
	if (k%2 == 0) == leftFirst {
		return centre - off
	}
	return centre + off
}

// Chart returns the seating chart as rows of seat orders (0 = empty seat),
// row 1 first, each row from the left of the chart.
func (l Layout) Chart(n int) ([][]int, error) {
	places, err := l.Places(n)
	if err != nil {
		return nil, err
	}
	rows, perRow := l.Shape(n)
	chart := make([][]int, rows)
	for r := range chart {
		chart[r] = make([]int, perRow)
	}
	for i, p := range places {
		chart[p.Row-1][p.Seat-1] = i + 1
	}
	return chart, nil
}
