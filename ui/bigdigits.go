package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
)

// Big digits for presentation mode: ranks drawn as a pixel font, so they read
// from the back of a meeting room. A pixel is the glyph set's Pixel (two
// spaces) in the Big style (reverse video or a background colour), so the
// digits survive NO_COLOR and need no block character such as █, which is
// East Asian Ambiguous and breaks columns on a Chinese Windows console. The
// ascii set draws a pixel as an unstyled "##".

// bigFont is a pixel font of the ten digits: rows of '#' (on) and '.' (off).
type bigFont struct {
	w, h   int
	digits [10][]string
}

// font3x5 is the small font: five lines tall.
var font3x5 = bigFont{w: 3, h: 5, digits: [10][]string{
	{"###", "#.#", "#.#", "#.#", "###"},
	{".#.", "##.", ".#.", ".#.", "###"},
	{"###", "..#", "###", "#..", "###"},
	{"###", "..#", "###", "..#", "###"},
	{"#.#", "#.#", "###", "..#", "..#"},
	{"###", "#..", "###", "..#", "###"},
	{"###", "#..", "###", "#.#", "###"},
	{"###", "..#", "..#", "..#", "..#"},
	{"###", "#.#", "###", "#.#", "###"},
	{"###", "#.#", "###", "..#", "###"},
}}

// font5x7 is the large font: seven lines tall.
var font5x7 = bigFont{w: 5, h: 7, digits: [10][]string{
	{".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."},
	{"..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."},
	{".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"},
	{"#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."},
	{"...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."},
	{"#####", "#....", "####.", "....#", "....#", "#...#", ".###."},
	{"..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."},
	{"#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."},
	{".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."},
	{".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."},
}}

// bigFonts are the fonts presentation mode chooses from, largest first.
var bigFonts = []bigFont{font5x7, font3x5}

// bigWidth is the display width of n drawn in f with pixels pw cells wide:
// one blank pixel between digits.
func (f bigFont) bigWidth(n, pw int) int {
	d := len(strconv.Itoa(n))
	return d*f.w*pw + (d-1)*pw
}

// bigNumber draws a non-negative n in f: f.h lines of equal display width,
// each "on" pixel a pixel string (styled with st when st is not nil), each
// "off" pixel blanks of the same width. Runs of on pixels are styled as one,
// which keeps the escape codes few.
func bigNumber(n int, f bigFont, pixel string, st *lipgloss.Style) []string {
	pw := max(lipgloss.Width(pixel), 1)
	blank := strings.Repeat(" ", pw)
	digits := strconv.Itoa(max(n, 0))
	// Render the style once around a marker and reuse its escape codes:
	// Style.Render per run would cost most of a frame.
	pre, post := "", ""
	if st != nil {
		r := st.Render("x")
		if i := strings.Index(r, "x"); i >= 0 {
			pre, post = r[:i], r[i+1:]
		}
	}
	lines := make([]string, f.h)
	for y := range f.h {
		var b strings.Builder
		run := 0
		flush := func() {
			if run == 0 {
				return
			}
			b.WriteString(pre)
			b.WriteString(strings.Repeat(pixel, run))
			b.WriteString(post)
			run = 0
		}
		for i, d := range digits {
			if i > 0 {
				flush()
				b.WriteString(blank)
			}
			for _, p := range f.digits[d-'0'][y] {
				if p == '#' {
					run++
					continue
				}
				flush()
				b.WriteString(blank)
			}
		}
		flush()
		lines[y] = b.String()
	}
	return lines
}

// bigNumber draws n with the App's glyph set: styled pixels, or unstyled
// "##" in the ascii set.
func (a *App) bigNumber(n int, f bigFont) []string {
	if a.glyphs.Name == GlyphsASCII {
		return bigNumber(n, f, a.glyphs.Pixel, nil)
	}
	st := a.styles.Big
	return bigNumber(n, f, a.glyphs.Pixel, &st)
}

// pixelWidth is the width of one pixel of the glyph set.
func (a *App) pixelWidth() int { return max(lipgloss.Width(a.glyphs.Pixel), 1) }
