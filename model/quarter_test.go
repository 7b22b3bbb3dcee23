package model

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Quarter
	}{
		{"plain", "2023Q1", Quarter{2023, 1}},
		{"fourth", "2022Q4", Quarter{2022, 4}},
		{"lower-case q", "2023q1", Quarter{2023, 1}},
		{"full-width", "２０２３Ｑ１", Quarter{2023, 1}},
		{"full-width lower-case q", "２０２３ｑ３", Quarter{2023, 3}},
		{"spaces", " 2023Q2 ", Quarter{2023, 2}},
		{"ideographic spaces", "\u30002023Q2\u3000", Quarter{2023, 2}},
		{"earliest four-digit year", "1000Q1", Quarter{1000, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQuarter(tt.in)
			if err != nil {
				t.Fatalf("ParseQuarter(%q) error %v, want %v", tt.in, err, tt.want)
			}
			if got != tt.want {
				t.Errorf("ParseQuarter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseQuarterRefuses(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"quarter five", "2023Q5"},
		{"quarter zero", "2023Q0"},
		{"two-digit year", "23Q1"},
		{"dash", "2023-Q1"},
		{"space inside", "2023 Q1"},
		{"empty", ""},
		{"year only", "2023"},
		{"quarter only", "Q1"},
		{"no quarter number", "2023Q"},
		{"two-digit quarter", "2023Q12"},
		{"no Q", "20231"},
		{"letters for year", "abcdQ1"},
		{"year below 1000", "0999Q1"},
		{"five-digit year", "20231Q1"},
		{"negative year", "-023Q1"},
		{"two Qs", "2023Q1Q2"},
		{"Chinese name", "2023年一季度"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQuarter(tt.in)
			if err == nil {
				t.Fatalf("ParseQuarter(%q) = %v, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseQuarter(%q) error %v, want one wrapping ErrInvalid", tt.in, err)
			}
		})
	}
}

func TestMustQuarterPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("MustQuarter(%q) did not panic", "2023Q5")
		}
	}()
	MustQuarter("2023Q5")
}

func TestQuarterPrevNext(t *testing.T) {
	tests := []struct {
		name       string
		q          string
		prev, next string
	}{
		{"first quarter goes back a year", "2023Q1", "2022Q4", "2023Q2"},
		{"second", "2023Q2", "2023Q1", "2023Q3"},
		{"third", "2023Q3", "2023Q2", "2023Q4"},
		{"fourth goes forward a year", "2023Q4", "2023Q3", "2024Q1"},
		{"2022Q4 next is 2023Q1", "2022Q4", "2022Q3", "2023Q1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := MustQuarter(tt.q)
			if got := q.Prev(); got != MustQuarter(tt.prev) {
				t.Errorf("%s.Prev() = %s, want %s", q, got, tt.prev)
			}
			if got := q.Next(); got != MustQuarter(tt.next) {
				t.Errorf("%s.Next() = %s, want %s", q, got, tt.next)
			}
			if !q.Prev().Before(q) || !q.Before(q.Next()) || q.Before(q) {
				t.Errorf("%s: Before disagrees with Prev/Next", q)
			}
		})
	}
}

func TestQuarterProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 2000 {
		q := Quarter{Year: 1001 + rng.IntN(8998), Q: 1 + rng.IntN(4)}
		if got := q.Next().Prev(); got != q {
			t.Fatalf("%v.Next().Prev() = %v", q, got)
		}
		if got := q.Prev().Next(); got != q {
			t.Fatalf("%v.Prev().Next() = %v", q, got)
		}
		if got := QuarterAt(q.Index()); got != q {
			t.Fatalf("QuarterAt(%v.Index()) = %v", q, got)
		}
		if got, err := ParseQuarter(q.String()); err != nil || got != q {
			t.Fatalf("ParseQuarter(%q) = %v, %v", q.String(), got, err)
		}
		if q.Next().Index() != q.Index()+1 {
			t.Fatalf("%v: Next is not the next index", q)
		}
	}
}

func TestQuarterString(t *testing.T) {
	tests := []struct {
		name string
		q    Quarter
		want string
	}{
		{"first", Quarter{2023, 1}, "2023Q1"},
		{"fourth", Quarter{2022, 4}, "2022Q4"},
		{"zero is none", Quarter{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.String(); got != tt.want {
				t.Errorf("%#v.String() = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
	if !(Quarter{}).IsZero() || MustQuarter("2023Q1").IsZero() {
		t.Errorf("IsZero is wrong")
	}
}

func TestQuarterChineseName(t *testing.T) {
	tests := []struct {
		name string
		q    string
		want string
	}{
		{"first", "2023Q1", "2023年一季度"},
		{"second", "2023Q2", "2023年二季度"},
		{"third", "2023Q3", "2023年三季度"},
		{"fourth", "2022Q4", "2022年四季度"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustQuarter(tt.q).ChineseName(); got != tt.want {
				t.Errorf("%s.ChineseName() = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

// TestQuarterRange: one valid range, 1000Q1–9999Q4, for every quarter
// starflag stores (four-digit years keep stored quarters sorted as text).
func TestQuarterRange(t *testing.T) {
	tests := []struct {
		name  string
		q     Quarter
		valid bool
	}{
		{"first", MinQuarter, true},
		{"last", MaxQuarter, true},
		{"an ordinary one", Quarter{2023, 1}, true},
		{"after the last", MaxQuarter.Next(), false},
		{"before the first", MinQuarter.Prev(), false},
		{"quarter five", Quarter{2023, 5}, false},
		{"quarter zero", Quarter{2023, 0}, false},
		{"none", Quarter{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Valid(); got != tt.valid {
				t.Errorf("%v.Valid() = %v, want %v", tt.q, got, tt.valid)
			}
			err := CheckQuarter(tt.q)
			if (err == nil) != tt.valid {
				t.Errorf("CheckQuarter(%v) = %v", tt.q, err)
			}
			if err != nil && (!errors.Is(err, ErrInvalid) || (!tt.q.IsZero() && !strings.Contains(err.Error(), "9999Q4"))) {
				t.Errorf("CheckQuarter(%v) = %v, want ErrInvalid naming the range", tt.q, err)
			}
		})
	}
	if _, err := ParseQuarter("10000Q1"); err == nil {
		t.Errorf("ParseQuarter accepted 10000Q1")
	}
	if MinQuarter.String() != "1000Q1" || MaxQuarter.String() != "9999Q4" {
		t.Errorf("range %s–%s", MinQuarter, MaxQuarter)
	}
}

func TestQuarterOf(t *testing.T) {
	for _, tt := range []struct {
		date string
		want string
	}{
		{"2024-01-01", "2024Q1"}, {"2024-03-31", "2024Q1"}, {"2024-04-01", "2024Q2"},
		{"2024-09-30", "2024Q3"}, {"2024-12-31", "2024Q4"},
	} {
		d, _ := time.Parse("2006-01-02", tt.date)
		if got := QuarterOf(d); got != MustQuarter(tt.want) {
			t.Errorf("QuarterOf(%s) = %v, want %s", tt.date, got, tt.want)
		}
	}
}

// TestOpeningQuarter: the dashboard opens the latest complete quarter,
// else the latest locked one, else the latest with scores, else the latest
// that exists, else the quarter before today's (the one being assessed).
func TestOpeningQuarter(t *testing.T) {
	st := func(q string, locked bool, cells, scores int) QuarterStatus {
		return QuarterStatus{Quarter: MustQuarter(q), Locked: locked, Cells: cells, Scores: scores}
	}
	today := MustQuarter("2024Q3")
	tests := []struct {
		name string
		qs   []QuarterStatus
		want string
	}{
		{"empty database: the quarter before today's", nil, "2024Q2"},
		{"latest complete, not the newer incomplete one",
			[]QuarterStatus{st("2023Q3", false, 30, 30), st("2023Q4", false, 30, 29), st("2024Q1", false, 30, 1)}, "2023Q3"},
		{"latest complete among several", []QuarterStatus{st("2023Q3", true, 30, 30), st("2023Q4", false, 30, 30)}, "2023Q4"},
		{"no complete one: the latest locked",
			[]QuarterStatus{st("2023Q3", true, 30, 12), st("2023Q4", false, 30, 20)}, "2023Q3"},
		{"nothing complete or locked: the latest with scores",
			[]QuarterStatus{st("2023Q3", false, 30, 12), st("2023Q4", false, 30, 0)}, "2023Q3"},
		{"only empty quarters: the latest", []QuarterStatus{st("2023Q3", false, 30, 0), st("2023Q4", false, 0, 0)}, "2023Q4"},
		{"no sections is not complete", []QuarterStatus{st("2023Q3", false, 0, 0), st("2023Q2", false, 30, 30)}, "2023Q2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OpeningQuarter(tt.qs, today); got != MustQuarter(tt.want) {
				t.Errorf("OpeningQuarter = %v, want %s", got, tt.want)
			}
		})
	}
	if got := LatestComplete([]QuarterStatus{st("2023Q3", true, 30, 12)}); !got.IsZero() {
		t.Errorf("LatestComplete of an incomplete locked quarter = %v, want none", got)
	}
}
