package exchange

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Width is the display width of s in terminal cells: East Asian wide and
// full-width characters (市南区, （, ＊) count 2, combining marks, zero-width
// joiners and variation selectors 0, everything else 1. Ambiguous characters
// (“ ★ ─) count 1, as the libraries and Windows Terminal draw them.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case r == '\u200d' || r == '\ufe0f' || r == '\u200b' || r == '\ufeff':
		return 0
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return 0
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// pad fills s with spaces to w cells, on the right (left-aligned) or on the
// left (right-aligned).
func pad(s string, w int, right bool) string {
	n := w - Width(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// centre puts s in the middle of w cells (the extra cell on the right).
func centre(s string, w int) string {
	n := w - Width(s)
	if n <= 0 {
		return s
	}
	return strings.Repeat(" ", n/2) + s + strings.Repeat(" ", n-n/2)
}
