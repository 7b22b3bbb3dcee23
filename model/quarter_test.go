package model

import (
	"errors"
	"math/rand/v2"
	"testing"
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
