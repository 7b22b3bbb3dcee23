package model

import (
	"fmt"
	"strconv"
	"strings"
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
	bad := fmt.Errorf("季度“%s”格式不对，应写成 2023Q1（年份四位，季度 1–4）：%w", s, ErrInvalid)
	if !ok || len(y) != 4 || len(q) != 1 || !allDigits(y) || !allDigits(q) {
		return Quarter{}, bad
	}
	year, _ := strconv.Atoi(y)
	qq, _ := strconv.Atoi(q)
	if year < 1000 || qq < 1 || qq > 4 {
		return Quarter{}, bad
	}
	return Quarter{Year: year, Q: qq}, nil
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

// Before reports whether q comes before o.
func (q Quarter) Before(o Quarter) bool { return q.Index() < o.Index() }

// ChineseName is "2023年一季度", as the bulletin writes it.
func (q Quarter) ChineseName() string {
	return fmt.Sprintf("%d年%s季度", q.Year, []string{"一", "二", "三", "四"}[q.Q-1])
}
