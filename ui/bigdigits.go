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

// bigFont is a pixel font of the ten digits: rows of '#' (on) and '.' (off),
// gap blank pixels between digits.
type bigFont struct {
	w, h, gap int
	digits    [10][]string
}

// font3x5 is the small font: five lines tall.
var font3x5 = bigFont{w: 3, h: 5, gap: 1, digits: [10][]string{
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
var font5x7 = bigFont{w: 5, h: 7, gap: 1, digits: [10][]string{
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

// scaled is f with every pixel k × k: larger digits for larger screens.
func (f bigFont) scaled(k int) bigFont {
	out := bigFont{w: f.w * k, h: f.h * k, gap: f.gap * k}
	for d, rows := range f.digits {
		for _, row := range rows {
			var b strings.Builder
			for _, p := range row {
				b.WriteString(strings.Repeat(string(p), k))
			}
			for range k {
				out.digits[d] = append(out.digits[d], b.String())
			}
		}
	}
	return out
}

// bigFonts are the fonts presentation mode chooses from, tallest first: the
// larger the screen, the larger the ranks (28 lines tall down to 5).
var bigFonts = []bigFont{font5x7.scaled(4), font5x7.scaled(3), font5x7.scaled(2), font3x5.scaled(2), font5x7, font3x5}

// bigWidth is the display width of n drawn in f with pixels pw cells wide.
func (f bigFont) bigWidth(n, pw int) int {
	d := len(strconv.Itoa(n))
	return d*f.w*pw + (d-1)*f.gap*pw
}

// bigNumber draws a non-negative n in f: f.h lines of equal display width,
// each "on" pixel a pixel string (styled with st when st is not nil), each
// "off" pixel blanks of the same width. Runs of on pixels are styled as one,
// which keeps the escape codes few.
func bigNumber(n int, f bigFont, pixel string, st *lipgloss.Style) []string {
	var p paint
	if st != nil {
		p.pre, p.post = styleCodes(*st)
	}
	return paintNumber(n, f, pixel, p)
}

// paintNumber is bigNumber with the style's escape codes: Style.Render per
// run of pixels would cost most of a frame.
func paintNumber(n int, f bigFont, pixel string, p paint) []string {
	pw := max(lipgloss.Width(pixel), 1)
	blank := strings.Repeat(" ", pw)
	digits := strconv.Itoa(max(n, 0))
	pre, post := p.pre, p.post
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
				b.WriteString(strings.Repeat(blank, f.gap))
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
func (c *common) bigNumber(n int, f bigFont) []string {
	if c.glyphs.Name == GlyphsASCII {
		return paintNumber(n, f, c.glyphs.Pixel, paint{})
	}
	return paintNumber(n, f, c.glyphs.Pixel, c.paints().Big)
}

// pixelWidth is the width of one pixel of the glyph set.
func (c *common) pixelWidth() int { return max(lipgloss.Width(c.glyphs.Pixel), 1) }

// styleCodes are the escape codes st puts before and after a text, found
// by rendering it once around a marker: cheap to reuse where Style.Render
// would be called for many short texts of a frame.
func styleCodes(st lipgloss.Style) (pre, post string) {
	r := st.Render("x")
	if i := strings.Index(r, "x"); i >= 0 {
		return r[:i], r[i+1:]
	}
	return "", ""
}
