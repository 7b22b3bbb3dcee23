package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a calendar quarter such as 2023Q1. The zero value means "none".
type Quarter struct {
	Year int
	Q    int // 1..4
}

// ParseQuarter reads "2023Q1" (also "2023q1" and full-width "２０２３Ｑ１").
func ParseQuarter(s string) (Quarter, error) {
	n := strings.ToUpper(NormalizeNumber(s))
	y, q, ok := strings.Cut(n, "Q")
	bad := Errorf(ErrInvalid, "季度“%s”格式不对，应写成 2023Q1（年份 1000–9999，季度 1–4）", s)
	if !ok || len(y) != 4 || len(q) != 1 || !allDigits(y) || !allDigits(q) {
		return Quarter{}, bad
	}
	year, _ := strconv.Atoi(y)
	qq, _ := strconv.Atoi(q)
	if out := (Quarter{Year: year, Q: qq}); out.Valid() {
		return out, nil
	}
	return Quarter{}, bad
}

// MinQuarter and MaxQuarter bound every quarter starflag reads or stores:
// years of four digits, as written, so that stored quarters also sort as
// text ("10000Q1" would sort before "2023Q1").
var (
	MinQuarter = Quarter{Year: 1000, Q: 1}
	MaxQuarter = Quarter{Year: 9999, Q: 4}
)

// Valid reports whether q lies in MinQuarter..MaxQuarter (the zero
// quarter does not).
func (q Quarter) Valid() bool {
	return q.Q >= 1 && q.Q <= 4 && !q.Before(MinQuarter) && !MaxQuarter.Before(q)
}

// CheckQuarter refuses a quarter outside the valid range with a sentence.
func CheckQuarter(q Quarter) error {
	switch {
	case q.IsZero():
		return Errorf(ErrInvalid, "没有指定季度")
	case !q.Valid():
		return Errorf(ErrInvalid, "季度 %s 超出范围：季度只能在 %s 至 %s 之间", q, MinQuarter, MaxQuarter)
	}
	return nil
}

// QuarterOf is the calendar quarter of t.
func QuarterOf(t time.Time) Quarter {
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// MustQuarter is ParseQuarter for constants in tests and demo data.
func MustQuarter(s string) Quarter {
	q, err := ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return q
}

// String formats q as "2023Q1"; the zero quarter is "".
func (q Quarter) String() string {
	if q.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04dQ%d", q.Year, q.Q)
}

// IsZero reports whether q is the "none" value.
func (q Quarter) IsZero() bool { return q.Year == 0 }

// Index is a running number that orders quarters (and makes Prev/Next exact).
func (q Quarter) Index() int { return q.Year*4 + q.Q - 1 }

// QuarterAt is the inverse of Index.
func QuarterAt(i int) Quarter { return Quarter{Year: i / 4, Q: i%4 + 1} }

// Prev is the quarter before q (2023Q1 → 2022Q4).
func (q Quarter) Prev() Quarter { return QuarterAt(q.Index() - 1) }

// Next is the quarter after q (2022Q4 → 2023Q1).
func (q Quarter) Next() Quarter { return QuarterAt(q.Index() + 1) }

// Compare orders quarters, for slices.SortFunc and binary search.
func (q Quarter) Compare(o Quarter) int { return q.Index() - o.Index() }

// Before reports whether q comes before o.
func (q Quarter) Before(o Quarter) bool { return q.Index() < o.Index() }

// ChineseName is "2023年一季度", as the bulletin writes it.
func (q Quarter) ChineseName() string {
	return fmt.Sprintf("%d年%s季度", q.Year, []string{"一", "二", "三", "四"}[q.Q-1])
}

// QuarterStatus is a stored quarter as lists show it: how far its scores
// are, and whether it is locked.
type QuarterStatus struct {
	Quarter Quarter
	Locked  bool
	Cells   int // section scores the quarter needs: units taking part × sections
	Scores  int // of those, the ones stored
}

// Complete reports whether every unit taking part has every section's
// score (as Result.Complete, without computing the quarter).
func (s QuarterStatus) Complete() bool { return s.Cells > 0 && s.Scores == s.Cells }

// LatestComplete is the latest complete quarter of qs (zero when none):
// the one `starflag present` shows.
func LatestComplete(qs []QuarterStatus) Quarter {
	return latestWhere(qs, QuarterStatus.Complete)
}

// OpeningQuarter is the quarter the dashboard opens on: the latest complete
// quarter, else the latest locked one, else the latest with any score (an
// incomplete quarter, shown under a 未完成 banner), else the latest that
// exists, else the quarter before today's: the one normally being assessed.
func OpeningQuarter(qs []QuarterStatus, today Quarter) Quarter {
	for _, ok := range []func(QuarterStatus) bool{
		QuarterStatus.Complete,
		func(s QuarterStatus) bool { return s.Locked },
		func(s QuarterStatus) bool { return s.Scores > 0 },
		func(QuarterStatus) bool { return true },
	} {
		if q := latestWhere(qs, ok); !q.IsZero() {
			return q
		}
	}
	return today.Prev()
}

func latestWhere(qs []QuarterStatus, ok func(QuarterStatus) bool) Quarter {
	var out Quarter
	for _, s := range qs {
		if ok(s) && (out.IsZero() || out.Before(s.Quarter)) {
			out = s.Quarter
		}
	}
	return out
}
