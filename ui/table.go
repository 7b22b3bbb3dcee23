package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// Alignment is by display width everywhere (市南区 is 6 cells): never len().

// textWidth is lipgloss.Width with a fast path for plain ASCII (scores,
// ranks), which is most cells: grapheme segmentation is the costliest part
// of drawing a frame.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 || c == 0x7f {
			return lipgloss.Width(s)
		}
	}
	return len(s)
}

// padRight pads or truncates s to exactly w cells, text on the left.
func padRight(s string, w int) string {
	n := textWidth(s)
	if n > w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-n)
}

// padLeft pads or truncates s to exactly w cells, text on the right.
func padLeft(s string, w int) string {
	n := textWidth(s)
	if n > w {
		return ansi.Truncate(s, w, "")
	}
	return strings.Repeat(" ", w-n) + s
}

// center pads s on both sides to w cells.
func center(s string, w int) string {
	n := lipgloss.Width(s)
	if n >= w {
		return padRight(s, w)
	}
	left := (w - n) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-n-left)
}

// column is one table column: its width in cells and alignment.
type column struct {
	title string
	width int
	right bool
}

// cell is a value to put in a column, with its style.
type cell struct {
	text  string
	style *lipgloss.Style // nil: unstyled
}

func plainCell(s string) cell                 { return cell{text: s} }
func styled(s string, st lipgloss.Style) cell { return cell{text: s, style: &st} }
func styledIf(s string, st lipgloss.Style, on bool) cell {
	if on {
		return styled(s, st)
	}
	return plainCell(s)
}

// tableRow pads each cell to its column (before styling, so styles never
// change the width) and joins them with one space.
func tableRow(cols []column, cells []cell) string { return tableRowSep(cols, cells, " ") }

// tableRowSep is tableRow with another column separator (wide screens
// spread columns apart).
func tableRowSep(cols []column, cells []cell, sep string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		var v cell
		if i < len(cells) {
			v = cells[i]
		}
		t := padRight(v.text, c.width)
		if c.right {
			t = padLeft(v.text, c.width)
		}
		if v.style != nil {
			t = v.style.Render(t)
		}
		parts[i] = t
	}
	return strings.Join(parts, sep)
}

// tableHead is the header row of cols in the Head style.
func tableHead(cols []column, st lipgloss.Style) string { return tableHeadSep(cols, st, " ") }

// tableHeadSep is tableHead with another column separator.
func tableHeadSep(cols []column, st lipgloss.Style, sep string) string {
	cells := make([]cell, len(cols))
	for i, c := range cols {
		cells[i] = styled(c.title, st)
	}
	return tableRowSep(cols, cells, sep)
}

// firstRunes returns the first n runes of s (for abbreviating names).
func firstRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

// keepTitle widens column i of cols (joined by single spaces, in w cells)
// to its whole title: from the spare room first, then by narrowing the
// other columns down to min cells. It returns false when even that is not
// enough (the caller shortens the title).
func keepTitle(cols []column, i, w, min int) bool {
	need := lipgloss.Width(cols[i].title) - cols[i].width
	spare := w - tableWidth(cols, 1) + 1
	for need > spare {
		narrowed := false
		for k := range cols {
			if k != i && cols[k].width > min && need > spare {
				cols[k].width--
				spare++
				narrowed = true
			}
		}
		if !narrowed {
			return false
		}
	}
	cols[i].width += max(need, 0)
	return true
}

// drawMemo is what drawing remembers between frames: measuring CJK text and
// rendering styles are what a frame of 200 units spends its time on.
type drawMemo struct {
	widths   map[string]int // display widths of text drawn before
	paint    *paints        // escape codes of the hot paths' styles
	marksFor *model.Result  // the result marks was made for
	marks    *markSet
	keyLines map[string]string // key lines drawn before (shortHelp)
	// The loaded results without warnings (presentation under
	// Rules.PresentHideWarnings), made once per load.
	quietFor, quiet []model.Result
}

// textW is the display width of s, remembered: names and marks are
// measured on every frame.
func (c *common) textW(s string) int {
	if w, ok := c.memo.widths[s]; ok {
		return w
	}
	if c.memo.widths == nil || len(c.memo.widths) > 10000 {
		c.memo.widths = map[string]int{}
	}
	w := textWidth(s)
	c.memo.widths[s] = w
	return w
}
