package exchange

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// width is the display width of s in terminal cells, measured as the
// dashboard measures its screens: ansi.StringWidth is what lipgloss.Width
// calls for each line (grapheme clusters, clipperhouse/displaywidth's
// table), so an aligned text export lines up wherever the dashboard's
// columns do. Plain ASCII, most cells, is its length.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 || c == 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// pad fills s with spaces to w cells, on the right (left-aligned) or on the
// left (right-aligned).
func pad(s string, w int, right bool) string {
	n := w - width(s)
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
	n := w - width(s)
	if n <= 0 {
		return s
	}
	return strings.Repeat(" ", n/2) + s + strings.Repeat(" ", n-n/2)
}
