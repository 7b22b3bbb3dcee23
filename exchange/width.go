package exchange

import (
	"strings"

	"starflag/model"
)

// pad fills s with spaces to w cells, on the right (left-aligned) or on the
// left (right-aligned).
func pad(s string, w int, right bool) string {
	n := w - model.Width(s)
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
	n := w - model.Width(s)
	if n <= 0 {
		return s
	}
	return strings.Repeat(" ", n/2) + s + strings.Repeat(" ", n-n/2)
}
