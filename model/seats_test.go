package model

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// chartString writes a chart as "10 8 6 / 0 7 0": rows front first, each
// from the left of the chart, 0 for an empty seat.
func chartString(chart [][]int) string {
	rows := make([]string, len(chart))
	for i, row := range chart {
		seats := make([]string, len(row))
		for j, n := range row {
			seats[j] = fmt.Sprint(n)
		}
		rows[i] = strings.Join(seats, " ")
	}
	return strings.Join(rows, " / ")
}

func TestLayoutChart(t *testing.T) {
	tests := []struct {
		name   string
		layout Layout
		n      int
		want   string
	}{
		{"ten in one row centre-out", Layout{Method: CentreOut}, 10, "10 8 6 4 2 1 3 5 7 9"},
		{"empty method is centre-out", Layout{}, 10, "10 8 6 4 2 1 3 5 7 9"},
		{"default rules layout", DefaultRules().Layout, 10, "10 8 6 4 2 1 3 5 7 9"},
		{"seven: odd, No. 1 in the centre", Layout{Method: CentreOut}, 7, "6 4 2 1 3 5 7"},
		{"six: No. 2 on No. 1's left", Layout{Method: CentreOut}, 6, "6 4 2 1 3 5"},
		{"six: one-on-left variant", Layout{Method: CentreOut, OneOnLeft: true}, 6, "5 3 1 2 4 6"},
		{"ten: one-on-left variant", Layout{Method: CentreOut, OneOnLeft: true}, 10, "9 7 5 3 1 2 4 6 8 10"},
		{"odd rows ignore one-on-left", Layout{Method: CentreOut, OneOnLeft: true}, 7, "6 4 2 1 3 5 7"},
		{"one", Layout{Method: CentreOut}, 1, "1"},
		{"two", Layout{Method: CentreOut}, 2, "2 1"},
		{"two one-on-left", Layout{Method: CentreOut, OneOnLeft: true}, 2, "1 2"},
		{"three", Layout{Method: CentreOut}, 3, "2 1 3"},
		{"left to right", Layout{Method: LeftToRight}, 5, "1 2 3 4 5"},
		{"left to right ignores one-on-left", Layout{Method: LeftToRight, OneOnLeft: true}, 4, "1 2 3 4"},
		{"two rows of six for ten: back row centred", Layout{Rows: 2, PerRow: 6, Method: CentreOut}, 10,
			"6 4 2 1 3 5 / 0 10 8 7 9 0"},
		{"rows as needed", Layout{PerRow: 6, Method: CentreOut}, 10, "6 4 2 1 3 5 / 0 10 8 7 9 0"},
		{"three rows of four", Layout{Rows: 3, PerRow: 4, Method: CentreOut}, 10, "4 2 1 3 / 8 6 5 7 / 0 10 9 0"},
		{"spare rows stay empty", Layout{Rows: 4, PerRow: 3, Method: CentreOut}, 5, "2 1 3 / 5 4 0 / 0 0 0 / 0 0 0"},
		{"left to right in rows", Layout{PerRow: 4, Method: LeftToRight}, 10, "1 2 3 4 / 5 6 7 8 / 9 10 0 0"},
		{"fixed rows, one row wide enough", Layout{Rows: 1, Method: CentreOut}, 5, "4 2 1 3 5"},
		{"wide row for few", Layout{Rows: 1, PerRow: 7, Method: CentreOut}, 3, "0 0 2 1 3 0 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chart, err := tt.layout.Chart(tt.n)
			if err != nil {
				t.Fatalf("%+v.Chart(%d) error %v", tt.layout, tt.n, err)
			}
			if got := chartString(chart); got != tt.want {
				t.Errorf("%+v.Chart(%d) = %s, want %s", tt.layout, tt.n, got, tt.want)
			}
		})
	}
}

func TestLayoutPlaces(t *testing.T) {
	places, err := Layout{Method: CentreOut}.Places(10)
	if err != nil {
		t.Fatal(err)
	}
	want := []Place{{1, 6}, {1, 5}, {1, 7}, {1, 4}, {1, 8}, {1, 3}, {1, 9}, {1, 2}, {1, 10}, {1, 1}}
	if fmt.Sprint(places) != fmt.Sprint(want) {
		t.Errorf("Places(10) = %v, want %v", places, want)
	}
	if got, err := (Layout{}).Places(0); err != nil || len(got) != 0 {
		t.Errorf("Places(0) = %v, %v; want none", got, err)
	}
}

func TestLayoutTooFewSeats(t *testing.T) {
	tests := []struct {
		name   string
		layout Layout
		n      int
	}{
		{"one row of five for six", Layout{Rows: 1, PerRow: 5}, 6},
		{"two rows of four for ten", Layout{Rows: 2, PerRow: 4}, 10},
		{"left to right too", Layout{Rows: 3, PerRow: 3, Method: LeftToRight}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.layout.Places(tt.n); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v.Places(%d) error %v, want ErrInvalid", tt.layout, tt.n, err)
			}
			if _, err := tt.layout.Chart(tt.n); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v.Chart(%d) error %v, want ErrInvalid", tt.layout, tt.n, err)
			}
		})
	}
}

func TestLayoutShape(t *testing.T) {
	tests := []struct {
		name         string
		layout       Layout
		n            int
		rows, perRow int
	}{
		{"default: one row of everyone", Layout{}, 10, 1, 10},
		{"nobody", Layout{}, 0, 1, 1},
		{"rows as needed", Layout{PerRow: 6}, 10, 2, 6},
		{"exact fit", Layout{PerRow: 5}, 10, 2, 5},
		{"fixed rows", Layout{Rows: 3, PerRow: 4}, 10, 3, 4},
		{"fixed rows, default width", Layout{Rows: 2}, 10, 2, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, perRow := tt.layout.Shape(tt.n)
			if rows != tt.rows || perRow != tt.perRow {
				t.Errorf("%+v.Shape(%d) = %d×%d, want %d×%d", tt.layout, tt.n, rows, perRow, tt.rows, tt.perRow)
			}
		})
	}
}

func TestLayoutValidate(t *testing.T) {
	tests := []struct {
		name   string
		layout Layout
		ok     bool
	}{
		{"zero value", Layout{}, true},
		{"centre-out", Layout{Rows: 2, PerRow: 6, Method: CentreOut}, true},
		{"left to right", Layout{Method: LeftToRight}, true},
		{"negative rows", Layout{Rows: -1}, false},
		{"negative per row", Layout{PerRow: -1}, false},
		{"too many rows", Layout{Rows: 101}, false},
		{"too many per row", Layout{PerRow: 201}, false},
		{"unknown method", Layout{Method: "random"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.layout.Validate()
			if tt.ok && err != nil {
				t.Errorf("%+v.Validate() = %v, want nil", tt.layout, err)
			}
			if !tt.ok && !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v.Validate() = %v, want ErrInvalid", tt.layout, err)
			}
		})
	}
}

// TestLayoutPlacesProperty checks, for many random layouts, that the places
// are a permutation of seats: inside the chart, no seat used twice, rows
// filled front first, and the chart shows every seat order exactly once.
func TestLayoutPlacesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	methods := []SeatMethod{"", CentreOut, LeftToRight}
	for i := range 3000 {
		l := Layout{
			Rows:      rng.IntN(6),
			PerRow:    rng.IntN(14),
			Method:    methods[rng.IntN(len(methods))],
			OneOnLeft: rng.IntN(2) == 0,
		}
		n := rng.IntN(40)
		rows, perRow := l.Shape(n)
		places, err := l.Places(n)
		if rows*perRow < n {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("case %d: %+v.Places(%d) error %v, want ErrInvalid", i, l, n, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("case %d: %+v.Places(%d) error %v", i, l, n, err)
		}
		if len(places) != n {
			t.Fatalf("case %d: %+v.Places(%d) has %d places", i, l, n, len(places))
		}
		seen := map[Place]int{}
		for k, p := range places {
			if p.Row < 1 || p.Row > rows || p.Seat < 1 || p.Seat > perRow {
				t.Fatalf("case %d: %+v.Places(%d): No. %d at %v outside %d×%d", i, l, n, k+1, p, rows, perRow)
			}
			if prev, dup := seen[p]; dup {
				t.Fatalf("case %d: %+v.Places(%d): No. %d and No. %d share %v", i, l, n, prev, k+1, p)
			}
			seen[p] = k + 1
			if p.Row != k/perRow+1 {
				t.Fatalf("case %d: %+v.Places(%d): No. %d in row %d, want %d", i, l, n, k+1, p.Row, k/perRow+1)
			}
		}
		chart, err := l.Chart(n)
		if err != nil {
			t.Fatalf("case %d: %+v.Chart(%d) error %v", i, l, n, err)
		}
		count := make([]int, n+1)
		for _, row := range chart {
			if len(row) != perRow {
				t.Fatalf("case %d: chart row has %d seats, want %d", i, len(row), perRow)
			}
			for _, v := range row {
				count[v]++
			}
		}
		for v := 1; v <= n; v++ {
			if count[v] != 1 {
				t.Fatalf("case %d: %+v.Chart(%d) shows No. %d %d times", i, l, n, v, count[v])
			}
		}
	}
}

// TestCentreOutProperty checks that in a full centre-out row nobody sits
// further from the centre than someone seated after them, and that No. 2
// is on No. 1's left by default.
func TestCentreOutProperty(t *testing.T) {
	for w := 1; w <= 30; w++ {
		for _, oneOnLeft := range []bool{false, true} {
			l := Layout{Method: CentreOut, OneOnLeft: oneOnLeft}
			places, err := l.Places(w)
			if err != nil {
				t.Fatal(err)
			}
			// Twice the distance from the middle of the row, so even rows are exact.
			dist := func(p Place) int { return max(2*p.Seat-(w+1), (w+1)-2*p.Seat) }
			for k := 1; k < w; k++ {
				if dist(places[k]) < dist(places[k-1]) {
					t.Errorf("w=%d oneOnLeft=%v: No. %d nearer the centre than No. %d", w, oneOnLeft, k+1, k)
				}
			}
			if w >= 2 && w%2 == 0 {
				left := places[1].Seat < places[0].Seat
				if left == oneOnLeft {
					t.Errorf("w=%d oneOnLeft=%v: No. 2 at seat %d, No. 1 at seat %d", w, oneOnLeft, places[1].Seat, places[0].Seat)
				}
			}
			if w%2 == 1 && places[0].Seat != (w+1)/2 {
				t.Errorf("w=%d: No. 1 at seat %d, want the centre", w, places[0].Seat)
			}
		}
	}
}
