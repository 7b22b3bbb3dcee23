package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// presentApp is an App on the demo data in presentation mode, with options.
func presentApp(t *testing.T, w, h int, o Options) *App {
	t.Helper()
	o.Present = true
	if o.Profile == 0 {
		o.Profile = colorprofile.Ascii
	}
	a := New(newFakeData(), o)
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	loadNow(t, a, o.Quarter)
	return a
}

// hasBlock reports whether the lines of block appear one under the other,
// starting at the same cell column, somewhere in frame.
func hasBlock(frame string, block []string) bool {
	lines := strings.Split(ansi.Strip(frame), "\n")
	col := func(line, s string, from int) (int, int) { // cell column and byte index of s at or after byte from
		i := strings.Index(line[from:], s)
		if i < 0 {
			return -1, -1
		}
		return lipgloss.Width(line[:from+i]), from + i
	}
	for y := 0; y+len(block) <= len(lines); y++ {
		for from := 0; from < len(lines[y]); {
			c, i := col(lines[y], block[0], from)
			if c < 0 {
				break
			}
			ok := true
			for k := 1; k < len(block) && ok; k++ {
				l := lines[y+k]
				ok = false
				for f := 0; ; {
					ck, ik := col(l, block[k], f)
					if ck < 0 || ck > c {
						break
					}
					if ck == c {
						ok = true
						break
					}
					f = ik + 1
				}
			}
			if ok {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// bigIn reports whether rank n appears in big digits (either font, ascii
// pixels) in the frame.
func bigIn(frame string, n int) bool {
	for _, f := range bigFonts {
		block := bigNumber(n, f, "##", nil)
		for i := range block {
			block[i] = strings.TrimRight(block[i], " ")
		}
		if hasBlock(frame, block) {
			return true
		}
	}
	return false
}

func TestBigNumberLinesHaveEqualWidth(t *testing.T) {
	st := lipgloss.NewStyle().Reverse(true)
	for _, f := range bigFonts {
		for _, n := range []int{0, 1, 7, 10, 42, 123, 200} {
			for _, styledPx := range []bool{false, true} {
				var s *lipgloss.Style
				px := "##"
				if styledPx {
					s, px = &st, "  "
				}
				lines := bigNumber(n, f, px, s)
				if len(lines) != f.h {
					t.Fatalf("%d in %dx%d: %d lines", n, f.w, f.h, len(lines))
				}
				for i, l := range lines {
					if got := lipgloss.Width(l); got != f.bigWidth(n, 2) {
						t.Errorf("%d in %dx%d, line %d: width %d, want %d", n, f.w, f.h, i, got, f.bigWidth(n, 2))
					}
					if strings.ContainsAny(l, "█▀▄■") {
						t.Errorf("block character in %q", l)
					}
				}
			}
		}
	}
	// The pixels of 1 in the small font: .#. ##. .#. .#. ###
	got := strings.Join(bigNumber(1, font3x5, "##", nil), "|")
	if want := "  ##  |####  |  ##  |  ##  |######"; got != want {
		t.Errorf("1 in 3x5 = %q, want %q", got, want)
	}
}

func TestPresentKeysStepPagesAndEscReturns(t *testing.T) {
	a := newTestApp(t, 160, 45, model.Quarter{}, colorprofile.Ascii)
	press(a, "p")
	if a.mode != modePresent {
		t.Fatal("p did not start presentation mode")
	}
	for i, step := range []struct {
		key  string
		want int
	}{{"right", 1}, {"space", 2}, {"left", 1}, {"left", 0}, {"left", 4}, {"space", 0}} {
		press(a, step.key)
		if a.board.page != step.want {
			t.Errorf("step %d (%s): page %d, want %d", i, step.key, a.board.page, step.want)
		}
		if !strings.Contains(plain(a), pages[a.board.page].title) {
			t.Errorf("step %d: the frame does not name page %s", i, pages[a.board.page].title)
		}
	}
	press(a, "?")
	if !strings.Contains(plain(a), a.keys.Back.Help().Desc) {
		t.Errorf("? in presentation mode shows no help:\n%s", plain(a))
	}
	press(a, "x") // closes the help only
	if a.mode != modePresent || a.present.help {
		t.Fatal("closing the help left presentation mode or kept the help")
	}
	press(a, "esc")
	if a.mode == modePresent {
		t.Fatal("Esc did not leave presentation mode")
	}
	if !strings.Contains(plain(a), "p 放映") {
		t.Error("after Esc the normal frame (key hints) is not back")
	}
	press(a, "p")
	cmd := press(a, "q")
	if cmd == nil {
		t.Fatal("q in presentation mode returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q in presentation mode did not quit")
	}
}

func TestPresentHasNoNormalFrame(t *testing.T) {
	a := presentApp(t, 80, 24, Options{})
	out := plain(a)
	for _, unwanted := range []string{"1-5 页面", "? 帮助", " 1 排名 "} {
		if strings.Contains(out, unwanted) {
			t.Errorf("presentation shows %q of the normal frame:\n%s", unwanted, out)
		}
	}
	for _, want := range []string{"2023年四季度", "综合排名", "1/5", "Esc 返回"} {
		if !strings.Contains(out, want) {
			t.Errorf("presentation lacks %q:\n%s", want, out)
		}
	}
}

func TestPresentRankingWideShowsEveryUnitInBigDigits(t *testing.T) {
	a := presentApp(t, 160, 45, Options{Glyphs: GlyphsASCII})
	out := a.render()
	r := a.current()
	for _, s := range r.Standings {
		if !strings.Contains(ansi.Strip(out), s.Unit.Name) {
			t.Errorf("unit %s missing at 160×45", s.Unit.Name)
		}
		if !bigIn(out, s.Rank) {
			t.Errorf("rank %d (%s) not in big digits at 160×45:\n%s", s.Rank, s.Unit.Name, ansi.Strip(out))
		}
	}
	// The ascii set replaces symbols, not words: 红牌 stays 红牌.
	for _, want := range []string{"真抓实干、勇当排头", "红牌", "约谈提醒"} {
		if !strings.Contains(ansi.Strip(out), want) {
			t.Errorf("ranking presentation lacks %q", want)
		}
	}
	// The default glyphs draw pixels in reverse video, which NO_COLOR keeps.
	a.glyphs = NewGlyphs(GlyphsDefault)
	if out := a.render(); !strings.Contains(out, "\x1b[7m") || !strings.Contains(ansi.Strip(out), "红牌") {
		t.Error("default glyphs: no reverse-video pixels or no 红牌 under NO_COLOR")
	}
}

func TestPresentRankingNarrowFallsBack(t *testing.T) {
	a := presentApp(t, 80, 24, Options{Glyphs: GlyphsASCII})
	out := a.render()
	r := a.current()
	for _, s := range r.Standings {
		if !strings.Contains(ansi.Strip(out), s.Unit.Label()) {
			t.Errorf("unit %s missing at 80×24:\n%s", s.Unit.Label(), ansi.Strip(out))
		}
	}
	if bigIn(out, 11) {
		t.Error("bigIn finds a rank that is not there")
	}
	for rank := 1; rank <= 3; rank++ {
		if !bigIn(out, rank) {
			t.Errorf("rank %d not in big digits at 80×24:\n%s", rank, ansi.Strip(out))
		}
	}
}

func TestPresentFlagsPageNamesHoldersAndWarnings(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := presentApp(t, size[0], size[1], Options{Quarter: model.MustQuarter("2023Q2")})
		a.board.page = 2
		out := plain(a)
		r := a.current()
		for _, want := range []string{model.FlagA, model.FlagB, model.WarningTo, "警示", "红牌"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: flags presentation lacks %q:\n%s", size, want, out)
			}
		}
		for _, s := range r.Standings {
			if (len(s.Flags) > 0 || s.Warned()) && !strings.Contains(out, unitName(s.Unit, size[0] < 100)) &&
				!strings.Contains(out, s.Unit.Label()) {
				t.Errorf("%v: %s (flag or warning) missing:\n%s", size, s.Unit.Name, out)
			}
		}
	}
}

func TestPresentFitsEveryPageAndSize(t *testing.T) {
	quarters := []model.Quarter{model.MustQuarter("2023Q2"), model.MustQuarter("2023Q4"), model.MustQuarter("2024Q1")}
	for _, q := range quarters {
		for _, g := range []string{GlyphsDefault, GlyphsFancy, GlyphsASCII} {
			a := presentApp(t, 80, 24, Options{Quarter: q, Glyphs: g, Profile: colorprofile.TrueColor})
			for _, size := range [][2]int{{80, 24}, {160, 45}, {200, 60}, {60, 16}, {100, 30}, {120, 20}} {
				a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				for p := range pages {
					a.board.page = p
					checkFits(t, a)
					if n := len(strings.Split(a.render(), "\n")); n != size[1] {
						t.Errorf("%s %v page %d: %d lines, want the full height %d", q, size, p, n, size[1])
					}
				}
			}
		}
	}
}

func TestPresentBeforeLoad(t *testing.T) {
	a := New(newFakeData(), Options{Present: true, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if out := plain(a); !strings.Contains(out, "正在读取数据") {
		t.Errorf("presentation before the first load:\n%s", out)
	}
	checkFits(t, a)
}

func TestPresentEmptyQuarterExplains(t *testing.T) {
	a := presentApp(t, 80, 24, Options{Quarter: model.MustQuarter("2024Q1")})
	if out := plain(a); !strings.Contains(out, "2024Q1 还没有得分") {
		t.Errorf("empty quarter not explained:\n%s", out)
	}
}

func TestPresentAutoAdvanceIgnoresStaleTicks(t *testing.T) {
	a := presentApp(t, 160, 45, Options{Interval: 20 * time.Second})
	a.mode = modeBoard
	if cmd := press(a, "p"); cmd == nil {
		t.Fatal("p with an interval scheduled no tick")
	}
	if !strings.Contains(plain(a), "自动翻页") {
		t.Error("caption does not say the pages turn by themselves")
	}
	gen := a.present.gen
	if _, cmd := a.Update(presentTickMsg{gen: gen}); cmd == nil || a.board.page != 1 {
		t.Fatalf("current tick: page %d (want 1), next tick scheduled %v", a.board.page, cmd != nil)
	}
	if _, cmd := a.Update(presentTickMsg{gen: gen}); cmd != nil || a.board.page != 1 {
		t.Errorf("stale tick turned the page to %d", a.board.page)
	}
	press(a, "right") // turning by hand restarts the clock
	a.Update(presentTickMsg{gen: a.present.gen - 1})
	if a.board.page != 2 {
		t.Errorf("tick from before the manual turn moved the page to %d", a.board.page)
	}
	press(a, "esc")
	a.Update(presentTickMsg{gen: a.present.gen})
	if a.board.page != 2 {
		t.Errorf("tick after Esc turned the page to %d", a.board.page)
	}
}

// bigHeight is the height of the tallest font in which rank n appears in
// big digits (ascii pixels) in the frame, 0 if none.
func bigHeight(frame string, n int) int {
	for _, f := range bigFonts { // tallest first
		block := bigNumber(n, f, "##", nil)
		for i := range block {
			block[i] = strings.TrimRight(block[i], " ")
		}
		if hasBlock(frame, block) {
			return f.h
		}
	}
	return 0
}

// TestPresentRankingUsesTheWholeScreen: from 80×24 up every place, the 10th
// included, is in big digits (at 80×24 the 10th was a small line); the
// digits grow with the screen and the cards spread over it (at 240×67 they
// stayed in the middle third).
func TestPresentRankingUsesTheWholeScreen(t *testing.T) {
	prev := 0
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 35}, {160, 45}, {240, 67}, {300, 80}} {
		w, h := size[0], size[1]
		a := presentApp(t, w, h, Options{Glyphs: GlyphsASCII})
		checkFits(t, a)
		out := a.render()
		for _, s := range a.current().Standings {
			if !bigIn(out, s.Rank) {
				t.Errorf("%d×%d: rank %d (%s) not in big digits:\n%s", w, h, s.Rank, s.Unit.Name, ansi.Strip(out))
			}
		}
		dh := bigHeight(out, 1)
		if dh < prev {
			t.Errorf("%d×%d: digits %d lines tall, smaller than %d on a smaller screen", w, h, dh, prev)
		}
		prev = dh
		if w >= 160 && dh < 14 {
			t.Errorf("%d×%d: digits only %d lines tall", w, h, dh)
		}
		// The area used: from the leftmost to the rightmost cell drawn, and
		// from the first to the last line, between heading and caption.
		lines := strings.Split(ansi.Strip(out), "\n")
		left, right, top, bottom := w, 0, h, 0
		for y, l := range lines[1 : len(lines)-1] {
			if strings.TrimSpace(l) == "" {
				continue
			}
			left = min(left, lipgloss.Width(l)-lipgloss.Width(strings.TrimLeft(l, " ")))
			right = max(right, lipgloss.Width(strings.TrimRight(l, " ")))
			top, bottom = min(top, y), max(bottom, y+1)
		}
		if right-left < 2*w/3 || bottom-top < 2*(h-2)/3 {
			t.Errorf("%d×%d: the cards use columns %d–%d and lines %d–%d, not the screen:\n%s", w, h, left, right, top, bottom, ansi.Strip(out))
		}
	}
}

// TestPresentHasNoEditing: presentation is read-only (DOMAIN.md: "no
// editing"). e and s did open entry and setup behind the projector's
// screen, so the next keys typed into a grid nobody could see.
func TestPresentHasNoEditing(t *testing.T) {
	for _, k := range []string{"e", "s", "t", "x"} {
		a := presentApp(t, 80, 24, Options{})
		before := plain(a)
		if cmd := press(a, k); cmd != nil {
			t.Errorf("%s in presentation returned a command", k)
		}
		if a.mode != modePresent || plain(a) != before {
			t.Errorf("%s in presentation: mode %d\n%s", k, a.mode, plain(a))
		}
	}
}
