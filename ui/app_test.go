package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/width"

	"starflag/model"
)

// plain is the rendered frame without styles.
func plain(a *App) string { return ansi.Strip(a.render()) }

// checkFits fails when a line is wider than the terminal or there are too many lines.
func checkFits(t *testing.T, a *App) {
	t.Helper()
	lines := strings.Split(a.render(), "\n")
	if len(lines) > a.height {
		t.Errorf("%d lines in a %d-line terminal", len(lines), a.height)
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > a.width {
			t.Errorf("line %d is %d cells wide in a %d-cell terminal: %q", i+1, w, a.width, ansi.Strip(l))
		}
	}
}

func TestOpensOnLatestQuarterWithScores(t *testing.T) {
	a := newTestApp(t, 80, 24, model.Quarter{}, colorprofile.Ascii)
	if a.quarter != model.MustQuarter("2023Q4") {
		t.Fatalf("opened on %s, want 2023Q4", a.quarter)
	}
	out := plain(a)
	for _, want := range []string{"2023Q4", "青岛市综合考核委员会", "综合排名", "市南", "红旗：勇当排头", "红牌：约谈提醒"} {
		if !strings.Contains(out, want) {
			t.Errorf("frame lacks %q:\n%s", want, out)
		}
	}
}

func TestSwitchScreensWithDigitsAndFullWidthDigits(t *testing.T) {
	a := newTestApp(t, 80, 24, model.Quarter{}, colorprofile.Ascii)
	for i, k := range []string{"2", "3", "4", "5", "1", "２", "５", "１"} {
		press(a, k)
		want := int(model.NarrowRune([]rune(k)[0]) - '1')
		if a.board.page != want {
			t.Errorf("step %d: key %q gave page %d, want %d", i, k, a.board.page, want)
		}
		checkFits(t, a)
	}
}

func TestQuarterKeysIncludingChinesePunctuation(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q1"), colorprofile.Ascii)
	cases := []struct {
		key  string
		want string
	}{{"[", "2022Q4"}, {"【", "2022Q3"}, {"]", "2022Q4"}, {"】", "2023Q1"}}
	for _, c := range cases {
		cmd := press(a, c.key)
		if cmd == nil {
			t.Fatalf("%q returned no load command", c.key)
		}
		a.Update(cmd())
		if a.quarter.String() != c.want {
			t.Errorf("after %q: quarter %s, want %s", c.key, a.quarter, c.want)
		}
		if !strings.Contains(plain(a), c.want) {
			t.Errorf("header does not show %s", c.want)
		}
	}
	a = newTestApp(t, 80, 24, model.MustQuarter("2022Q1"), colorprofile.Ascii)
	press(a, "[")
	if !strings.Contains(plain(a), "已经是最早的季度") {
		t.Errorf("no message at the first quarter:\n%s", plain(a))
	}
}

func TestLockedQuarterShowsDingGao(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q3"), colorprofile.Ascii)
	if !strings.Contains(plain(a), "[定稿]") {
		t.Errorf("locked 2023Q3 not marked:\n%s", plain(a))
	}
	a = newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	if strings.Contains(plain(a), "定稿") {
		t.Errorf("open 2023Q4 marked as locked")
	}
}

func TestHelpListsEveryKeyAndClosesOnAnyKey(t *testing.T) {
	a := newTestApp(t, 80, 24, model.Quarter{}, colorprofile.Ascii)
	press(a, "？") // full-width question mark from a Chinese input method
	if !a.board.help {
		t.Fatal("？ did not open the help")
	}
	out := plain(a)
	for _, g := range a.board.FullHelp() {
		for _, b := range g {
			if !strings.Contains(out, b.Help().Desc) {
				t.Errorf("help lacks %q", b.Help().Desc)
			}
		}
	}
	press(a, "x")
	if a.board.help {
		t.Error("help stayed open")
	}
}

func TestQuitAndPresentKeys(t *testing.T) {
	a := newTestApp(t, 80, 24, model.Quarter{}, colorprofile.Ascii)
	press(a, "p")
	if a.mode != modePresent {
		t.Fatal("p did not start presentation mode")
	}
	press(a, "right")
	if a.board.page != 1 {
		t.Errorf("→ in presentation: page %d, want 1", a.board.page)
	}
	press(a, "esc")
	if a.mode == modePresent {
		t.Error("Esc did not leave presentation mode")
	}
	cmd := press(a, "q")
	if cmd == nil {
		t.Fatal("q returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Errorf("q did not quit")
	}
}

func TestEmptyQuarterHint(t *testing.T) {
	f := newFakeData()
	a := New(f, Options{Quarter: model.MustQuarter("2024Q1"), Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, model.MustQuarter("2024Q1"))
	out := plain(a)
	if !strings.Contains(out, "2024Q1 还没有得分") || !strings.Contains(out, "starflag import --quarter 2024Q1") {
		t.Errorf("no hint for an empty quarter:\n%s", out)
	}
}

func TestIncompleteQuarterIsMarked(t *testing.T) {
	f := newFakeData()
	d := model.Demo(1)
	last := &d.Quarters[len(d.Quarters)-1]
	delete(last.Scores, model.ScoreKey{Unit: 1, Section: last.Sections[0].ID})
	f.results = model.ComputeSeries(d.Quarters)
	q := last.Quarter // named: by default the latest complete quarter opens
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, q)
	out := plain(a)
	for _, want := range []string{"[未完成]", "未完成（暂定排名）", "市南区/经济运行"} {
		if !strings.Contains(out, want) {
			t.Errorf("incomplete quarter lacks %q:\n%s", want, out)
		}
	}
}

func TestTinyAndHugeWindows(t *testing.T) {
	a := newTestApp(t, 80, 24, model.Quarter{}, colorprofile.Ascii)
	for _, size := range [][2]int{{1, 1}, {59, 24}, {80, 15}, {20, 5}, {500, 200}, {80, 24}, {160, 45},
		{2, 1}, {1, 60}, {500, 3}, {7, 500}, {1, 1}, {80, 24}} {
		a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for page := range pages {
			a.board.page = page
			checkFits(t, a)
			// Help and presentation are drawn differently: they must fit too.
			a.board.help = true
			checkFits(t, a)
			a.board.help, a.mode = false, modePresent
			checkFits(t, a)
			a.mode = modeBoard
		}
		if size[0] < minWidth && !strings.Contains(plain(a), "窗口太小") && size[0] >= 10 {
			t.Errorf("%v: no 窗口太小 message", size)
		}
	}
}

func TestFirstFrameBeforeSize(t *testing.T) {
	a := New(newFakeData(), Options{Profile: colorprofile.Ascii})
	if got := a.View().Content; got != "" {
		t.Errorf("frame before the first WindowSizeMsg = %q", got)
	}
}

func TestAnotherProcessChangeReloads(t *testing.T) {
	f := newFakeData()
	a := New(f, Options{Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, model.Quarter{})
	_, cmd := a.Update(versionMsg{version: 1})
	if isBatchWithLoad(cmd) {
		t.Error("an unchanged data version reloaded")
	}
	_, cmd = a.Update(versionMsg{version: 2})
	if !isBatchWithLoad(cmd) {
		t.Error("a changed data version did not reload")
	}
}

// isBatchWithLoad reports whether cmd is a batch holding more than the poll.
func isBatchWithLoad(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	// poll alone is a tick (one command); a reload batches poll and load.
	// Running a tick would sleep, so only look at the batch's shape.
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		b, ok := msg.(tea.BatchMsg)
		return ok && len(b) == 2
	case <-timeAfter():
		return false // a lone tick sleeping: no reload
	}
}

func TestGlyphKeyCyclesSets(t *testing.T) {
	a := newTestApp(t, 80, 24, model.Quarter{}, colorprofile.Ascii)
	for _, want := range []string{GlyphsFancy, GlyphsASCII, GlyphsDefault} {
		press(a, "g")
		if a.glyphs.Name != want {
			t.Errorf("glyphs %s, want %s", a.glyphs.Name, want)
		}
		checkFits(t, a)
	}
}

// TestDefaultGlyphsAvoidAmbiguousWidth guards the glyph rule: in the default
// glyph set no frame may hold an East Asian Ambiguous character (★ ▲ — │ …),
// which the classic Windows console draws two cells wide.
func TestDefaultGlyphsAvoidAmbiguousWidth(t *testing.T) {
	for _, q := range []string{"2023Q2", "2023Q4", "2024Q1"} {
		for _, size := range [][2]int{{80, 24}, {160, 45}} {
			a := newTestApp(t, size[0], size[1], model.MustQuarter(q), colorprofile.Ascii)
			frames := []string{}
			for i := range pages {
				a.board.page = i
				frames = append(frames, plain(a))
				a.mode = modePresent
				frames = append(frames, plain(a))
				a.mode = modeBoard
			}
			a.board.help = true
			frames = append(frames, plain(a))
			for _, f := range frames {
				for _, r := range f {
					if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
						t.Errorf("%s %v: ambiguous-width %q (U+%04X) in the default glyph set", q, size, r, r)
						break
					}
				}
			}
		}
	}
}

// TestLateLoadDoesNotOverwriteNewer: loads run off the Update path and can
// finish out of order (a poll-triggered reload of the shown quarter, then
// a quarter switch): only the newest load is shown.
func TestLateLoadDoesNotOverwriteNewer(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q2"), colorprofile.Ascii)
	older := a.load(model.MustQuarter("2023Q2")) // e.g. after another process's commit
	newer := a.load(model.MustQuarter("2023Q3")) // the user pressed ]
	a.Update(newer())
	a.Update(older())
	if a.quarter != model.MustQuarter("2023Q3") {
		t.Fatalf("shown quarter %s after a late load of 2023Q2, want 2023Q3", a.quarter)
	}
}

// TestLightThemeSetsItsOwnBackground: --theme light paints the terminal's
// background and text colours itself (dark text on white), so it reads on a
// dark terminal too; the projector theme and NO_COLOR keep the terminal's.
func TestLightThemeSetsItsOwnBackground(t *testing.T) {
	luminance := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
	}
	for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.ANSI} {
		a := New(newFakeData(), Options{Theme: ThemeLight, Profile: p})
		a.Update(sizeMsg(80, 24))
		v := a.View()
		if v.BackgroundColor == nil || v.ForegroundColor == nil {
			t.Fatalf("profile %v: light theme sets background %v, text %v", p, v.BackgroundColor, v.ForegroundColor)
		}
		if bg, fg := luminance(v.BackgroundColor), luminance(v.ForegroundColor); bg < 0.85 || fg > 0.2 {
			t.Errorf("profile %v: background luminance %.2f, text %.2f: not dark on light", p, bg, fg)
		}
	}
	for _, o := range []Options{{Profile: colorprofile.TrueColor}, {Theme: ThemeLight, Profile: colorprofile.Ascii}} {
		a := New(newFakeData(), o)
		a.Update(sizeMsg(80, 24))
		if v := a.View(); v.BackgroundColor != nil || v.ForegroundColor != nil {
			t.Errorf("%+v: sets the terminal's colours", o)
		}
	}
}

// TestEntryAdjustmentHeaderIsWhole: the entry grid's adjustment column is
// headed by its whole name at every size (it read 群众满意度加).
func TestEntryAdjustmentHeaderIsWhole(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}, {120, 35}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		a.Update(a.entry.open()())
		checkFits(t, a)
		if out := plain(a); !strings.Contains(out, model.DefaultAdjustment().Name) {
			t.Errorf("%v: entry lacks the header %q:\n%s", size, model.DefaultAdjustment().Name, out)
		}
	}
}

// TestLoadErrorIsASentence: a failed load shows the Chinese sentence without
// the sentinel word code reads (it showed "：invalid").
func TestLoadErrorIsASentence(t *testing.T) {
	a := newTestApp(t, 120, 30, model.Quarter{}, colorprofile.Ascii)
	_, err := model.ParseQuarter("10000Q1")
	a.Update(loadedMsg{gen: a.loadGen, err: err})
	if s := plain(a); !strings.Contains(s, "读取数据库失败：季度“10000Q1”") || strings.Contains(s, "invalid") {
		t.Errorf("status after a failed load:\n%s", s)
	}
}

// TestScreensAreComponents: each screen (board, presentation, entry,
// setup, the quarter picker) is a component with its own state, keys,
// Update, View and size; the App routes keys to the shown one only, so
// driving entry leaves the board's page, scroll offset and help as they
// were. (All screens' behaviour was on App, and help, offset and page
// were changed from every mode.)
func TestScreensAreComponents(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	for m, want := range map[mode]component{modeBoard: a.board, modePresent: a.present, modeEntry: a.entry,
		modeSetup: a.setup, modeQuarters: a.picker} {
		a.mode = m
		if a.screen() != want {
			t.Errorf("mode %d routes to %T", m, a.screen())
		}
	}
	a.mode = modeBoard
	sizes := map[component][2]int{a.board: {a.board.width, a.board.height}, a.present: {a.present.width, a.present.height},
		a.entry: {a.entry.width, a.entry.height}, a.setup: {a.setup.width, a.setup.height}, a.picker: {a.picker.width, a.picker.height}}
	for s, want := range map[component][2]int{a.board: {80, 20}, a.present: {80, 24}, a.entry: {80, 21}, a.setup: {80, 21}, a.picker: {80, 21}} {
		if sizes[s] != want {
			t.Errorf("%T is %v, want its area %v", s, sizes[s], want)
		}
	}

	press(a, "5")
	press(a, "down") // the year page scrolls at 80×24
	page, offset := a.board.page, a.board.offset
	if offset == 0 {
		t.Fatal("the year page did not scroll")
	}
	a.Update(press(a, "e")())
	for _, k := range []string{"?", "x", "down", "1", "esc", "up", "esc"} {
		press(a, k)
	}
	if a.mode != modeBoard || a.board.page != page || a.board.offset != offset || a.board.help {
		t.Errorf("after entry: mode %d, page %d offset %d help %v; want the board's page %d offset %d",
			a.mode, a.board.page, a.board.offset, a.board.help, page, offset)
	}
}

// TestEmptyQuarterHintIsWhole: the hint on a quarter without scores names
// the keys from the key map and the import and template commands whole at
// every width (the template command was cut at 100 columns).
func TestEmptyQuarterHintIsWhole(t *testing.T) {
	for _, w := range []int{60, 72, 80, 100, 120, 160} {
		a := newTestApp(t, w, 24, model.MustQuarter("2024Q1"), colorprofile.Ascii)
		checkFits(t, a)
		var words []string
		for _, l := range strings.Split(plain(a), "\n") {
			words = append(words, strings.Fields(l)...)
		}
		text := strings.Join(words, " ")
		for _, want := range []string{"按 e 录入得分", "按 s 设置", "按 t 选择或新建", "starflag import --quarter 2024Q1 得分.csv",
			"starflag export template --quarter 2024Q1 -o 模板.csv"} {
			if !strings.Contains(text, want) {
				t.Errorf("width %d: the hint lacks %q:\n%s", w, want, plain(a))
			}
		}
	}
}

// TestEntryCursorFollowsItsColumn: when another window or process adds a
// section before the cursor's column (a rulebook imported meanwhile), the
// cursor and a refused value stay on their column, not on its index: the
// next value typed went into the column that took its place.
func TestEntryCursorFollowsItsColumn(t *testing.T) {
	f := storedFake()
	q := model.MustQuarter("2023Q4")
	a := appOn(t, f, 100, 30, q)
	openEntry(t, a)
	press(a, "end")
	want := a.entry.colName(a.entry.col)
	a.entry.refused[cellKey{a.entry.sheet.Units[1].ID, a.entry.col}] = refusal{"9o", "不是数字"}
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) {
		d.Sections = append([]model.Section{{ID: 99, Name: "民生保障", Weight: model.WeightOne, Max: 10000}}, d.Sections...)
	})
	if got := a.entry.colName(a.entry.col); got != want {
		t.Errorf("the cursor is on %q, was on %q", got, want)
	}
	if _, ok := a.entry.refused[cellKey{a.entry.sheet.Units[1].ID, a.entry.col}]; !ok {
		t.Errorf("the refused value left its column: %v", a.entry.refused)
	}
}
