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

// wideGaps counts the places in s where wide (Chinese) and narrow text
// meet: 第001区 has two. LibreOffice sets a gap there (about 0.2 em) even
// when a document turns that off (autoSpaceDE), so printed text is wider
// than its cells.
func wideGaps(s string) int {
	gaps, last := 0, 0
	for _, r := range s {
		w := width(string(r))
		switch {
		case w == 0:
			continue
		case strings.ContainsRune("“”‘’", r): // printed full width (printWidth)
			w = 2
		}
		if last != 0 && w != last {
			gaps++
		}
		last = w
	}
	return gaps
}
