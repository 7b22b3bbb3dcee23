package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Hundredths is an exact decimal with two places: a score of 92.5 is 9250.
// Scores, maxima and adjustments are kept this way so that no rule ever ranks
// on floating point.
type Hundredths int64

// Weight is an exact decimal with four places: a weight of 1 is 10000.
type Weight int64

// WeightOne is the default section weight.
const WeightOne Weight = 10000

// Composite is an exact composite score in millionths (weight × score).
type Composite int64

// String formats h with exactly two decimals, e.g. "92.50".
func (h Hundredths) String() string { return formatFixed(int64(h), 2) }

// String formats w with as few decimals as it needs, e.g. "1" or "0.25".
func (w Weight) String() string {
	s := formatFixed(int64(w), 4)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// Round returns c rounded half-up (half away from zero) to hundredths,
// which is how a composite is shown.
func (c Composite) Round() Hundredths {
	v := int64(c)
	if v < 0 {
		return -Hundredths((-v + 5000) / 10000)
	}
	return Hundredths((v + 5000) / 10000)
}

// String shows c rounded to two decimals.
func (c Composite) String() string { return c.Round().String() }

// CompositeOf converts an adjustment (or any plain value) to composite units.
func CompositeOf(h Hundredths) Composite { return Composite(h) * 10000 }

// Times returns w × h exactly, in composite units.
func (w Weight) Times(h Hundredths) Composite { return Composite(int64(w) * int64(h)) }

func formatFixed(v int64, places int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	for len(s) <= places {
		s = "0" + s
	}
	s = s[:len(s)-places] + "." + s[len(s)-places:]
	if neg {
		s = "-" + s
	}
	return s
}

// ParseHundredths reads a decimal with at most two places, such as "95",
// "95.5", "９５．５" or "-1.25". Full-width digits and punctuation are accepted;
// anything strconv would also take (NaN, 1e2, 0x10, +5, spaces inside) is not.
func ParseHundredths(s string) (Hundredths, error) {
	v, err := parseFixed(s, 2)
	return Hundredths(v), err
}

// ParseWeight reads a weight with at most four decimals ("1", "0.25").
func ParseWeight(s string) (Weight, error) {
	v, err := parseFixed(s, 4)
	if err == nil && v <= 0 {
		return 0, Errorf(ErrInvalid, "权重必须大于 0")
	}
	return Weight(v), err
}

// parseFixed is the strict number pattern: optional '-', up to 9 digits,
// optional '.' followed by 1..places digits; at least one digit before or
// after the point (".5" is 0.5, as Excel reads it).
func parseFixed(s string, places int) (int64, error) {
	typed := NormalizeNumber(s)
	bad := func(why string) (int64, error) {
		return 0, Errorf(ErrInvalid, "%s", why)
	}
	if typed == "" {
		return bad("不是数字（空）")
	}
	s, neg := strings.CutPrefix(typed, "-")
	intPart, frac, hasDot := strings.Cut(s, ".")
	if !allDigits(intPart) || (hasDot && (frac == "" || !allDigits(frac))) || (intPart == "" && !hasDot) {
		return bad(fmt.Sprintf("“%s”不是数字", Clip(typed)))
	}
	if len(frac) > places {
		return bad(fmt.Sprintf("最多 %d 位小数", places))
	}
	if len(strings.TrimLeft(intPart, "0")) > 9 {
		return bad("数值过大")
	}
	for len(frac) < places {
		frac += "0"
	}
	v, _ := strconv.ParseInt(intPart+frac, 10, 64)
	if neg {
		v = -v
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NormalizeNumber maps full-width digits and punctuation to ASCII (９５．５ →
// 95.5, 。→ ., －/— → -, ，→ ,) and trims spaces, including the ideographic
// space. It is used on every typed or imported number.
func NormalizeNumber(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.TrimSpace(s) {
		b.WriteRune(NarrowRune(r))
	}
	return strings.Trim(b.String(), " ")
}

// NarrowRune maps one full-width character (as a Chinese input method sends
// it) to its ASCII counterpart; other runes are returned unchanged.
func NarrowRune(r rune) rune {
	switch {
	case r >= '！' && r <= '～': // U+FF01..U+FF5E mirror ASCII 0x21..0x7E
		return r - '！' + '!'
	case r == '　':
		return ' '
	case r == '。', r == '｡':
		return '.'
	case r == '、':
		return ','
	case r == '【':
		return '['
	case r == '】':
		return ']'
	case r == '—', r == '－', r == '−':
		return '-'
	}
	return r
}
