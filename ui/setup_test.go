package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/text/width"

	"starflag/model"
)

// openSetupNow opens setup and feeds its load synchronously.
func openSetupNow(t *testing.T, a *App) {
	t.Helper()
	press(a, "s")
	msg := a.setup.read()()
	if lm, ok := msg.(setupLoadedMsg); !ok || lm.err != nil {
		t.Fatalf("setup load: %#v", msg)
	}
	a.Update(msg)
}

// TestSetupFramesFitAndAvoidAmbiguousWidth draws every setup tab, with an
// edit form open, at 80×24 and 160×45: each line fits and no frame holds
// an East Asian Ambiguous character in the default glyph set.
func TestSetupFramesFitAndAvoidAmbiguousWidth(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		openSetupNow(t, a)
		for tab := range setupTabs {
			press(a, string(rune('1'+tab)))
			frames := []string{plain(a)}
			a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
			frames = append(frames, plain(a))
			a.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
			a.status.confirm = nil
			for _, f := range frames {
				lines := strings.Split(f, "\n")
				if len(lines) != size[1] {
					t.Errorf("%v tab %d: %d lines", size, tab+1, len(lines))
				}
				for _, l := range lines {
					if w := lipgloss.Width(l); w > size[0] {
						t.Errorf("%v tab %d: line of %d cells: %q", size, tab+1, w, l)
					}
				}
				for _, r := range f {
					if width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
						t.Errorf("%v tab %d: ambiguous-width %q (U+%04X)", size, tab+1, r, r)
						break
					}
				}
			}
		}
	}
}

// TestSetupEditTakesMultiRuneText checks that a word committed by an input
// method as one key message reaches the field whole, and the cursor mark
// follows it.
func TestSetupEditTakesMultiRuneText(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openSetupNow(t, a)
	press(a, "right")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	a.Update(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "市南新区"})
	if got := a.setup.edit.inputs[0].Value(); got != "市南新区" {
		t.Fatalf("input = %q", got)
	}
	if !strings.Contains(plain(a), "名称：市南新区_") {
		t.Fatalf("edit line:\n%s", plain(a))
	}
}

// TestSetupLayoutPreviewFollowsTyping: the chart previews the typed value
// before it is saved.
func TestSetupLayoutPreviewFollowsTyping(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openSetupNow(t, a)
	press(a, "4")
	if strings.Contains(plain(a), "第2排") {
		t.Fatal("default layout has one row")
	}
	press(a, "down")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	press(a, "４") // full-width, as an input method sends it
	if !strings.Contains(plain(a), "第3排") {
		t.Fatalf("preview of 4 per row:\n%s", plain(a))
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if strings.Contains(plain(a), "第2排") {
		t.Fatal("preview kept after Esc")
	}
}

// TestSetupRulesEveryFieldFits opens every field of the rules tab at
// 80×24 and 160×45: each frame fits, without East Asian Ambiguous
// characters (but in the 考核办法's own text, which the form shows as
// stored), and the star rule, quarter weights and tiers are listed.
func TestSetupRulesEveryFieldFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		openSetupNow(t, a)
		press(a, "3")
		seen := map[string]bool{}
		for range 40 {
			before := a.setup.row
			frames := []string{plain(a)}
			if f := a.setup.cursorField(a.setup.page()); f != nil && !f.toggle { // toggles would save
				a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
				frames = append(frames, plain(a))
				a.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
			}
			for _, f := range frames {
				checkFrame(t, size, f, !strings.Contains(f, "修改考核办法"))
				for _, want := range []string{"评星：前几名得星", "年度得分季度权重（一至四季度）", "年度等次「优秀」名额", "年度等次「合格」名额"} {
					if strings.Contains(f, want) {
						seen[want] = true
					}
				}
			}
			press(a, "down")
			if a.setup.row == before {
				break
			}
		}
		if len(seen) != 4 {
			t.Errorf("%v: rows seen %v", size, seen)
		}
	}
}

// checkFrame fails when frame f does not fit size or (when ambiguous is
// set) holds an East Asian Ambiguous rune.
func checkFrame(t *testing.T, size [2]int, f string, ambiguous bool) {
	t.Helper()
	lines := strings.Split(f, "\n")
	if len(lines) != size[1] {
		t.Errorf("%v: %d lines", size, len(lines))
	}
	for _, l := range lines {
		if w := lipgloss.Width(l); w > size[0] {
			t.Errorf("%v: line of %d cells: %q", size, w, l)
		}
	}
	for _, r := range f {
		if ambiguous && width.LookupRune(r).Kind() == width.EastAsianAmbiguous {
			t.Errorf("%v: ambiguous-width %q (U+%04X)", size, r, r)
			break
		}
	}
}

// newTopKApp is the demo at a size with stars for the top k of each
// section in every quarter.
func newTopKApp(t *testing.T, w, h, k int, glyphs string) *App {
	t.Helper()
	f := newFakeData()
	qs := model.Demo(1).Quarters
	f.qdata = map[model.Quarter]model.QuarterData{}
	for i := range qs {
		qs[i].Rules.StarsTop = k
		f.qdata[qs[i].Quarter] = qs[i]
	}
	f.results = model.ComputeSeries(qs)
	a := New(f, Options{Quarter: model.MustQuarter("2023Q4"), Profile: colorprofile.Ascii, Glyphs: glyphs})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	loadNow(t, a, model.MustQuarter("2023Q4"))
	return a
}

// TestStarsTopKScreens: with stars for the top 3 the stars page says so,
// units below the top 3 show no stars (never "0＊"), and the ranking shows
// them blank; every frame fits.
func TestStarsTopKScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		for _, glyphs := range []string{GlyphsDefault, GlyphsASCII} {
			a := newTopKApp(t, size[0], size[1], 3, glyphs)
			star := a.glyphs.Star
			for _, page := range []int{0, 1} {
				a.board.page = page
				f := plain(a)
				checkFrame(t, size, f, glyphs == GlyphsDefault)
				if strings.Contains(f, " 0"+star) || strings.Contains(f, "-1"+star) {
					t.Errorf("%v %s page %d shows zero stars:\n%s", size, glyphs, page+1, f)
				}
				if strings.Contains(f, "4"+star) {
					t.Errorf("%v %s page %d shows 4 stars with K=3:\n%s", size, glyphs, page+1, f)
				}
				if !strings.Contains(f, "3"+star) {
					t.Errorf("%v %s page %d shows no 3 stars:\n%s", size, glyphs, page+1, f)
				}
			}
			a.board.page = 1
			if f := plain(a); !strings.Contains(f, "第 1 名 3"+star) {
				t.Errorf("%v %s: stars rule not shown:\n%s", size, glyphs, f)
			}
		}
	}
}

// TestSetupCellsWhole draws every setup tab at 80×24 and 100×30 on a
// quarter with groups and a two-condition rule on a long section name:
// every cell and column heading fits its column (a cut list of a group's
// units reads as a group without its last unit), and the edit form's
// heading with its keys fits the screen.
func TestSetupCellsWhole(t *testing.T) {
	f := groupsFake()
	q := model.MustQuarter("2023Q4")
	d := f.qdata[q]
	d.Rules.AnnualMethod = model.AnnualPercent // the longest setting: 按比例（各季度…再加权平均）
	d.Rules.Flags = append(d.Rules.Flags, model.Rule{Name: "营商环境之星", Colour: "red", When: []model.Condition{
		{Kind: model.SectionFirst, Section: d.Sections[len(d.Sections)-1].ID, Scope: d.Sections[len(d.Sections)-1].Name},
		{Kind: model.SectionScoreAtLeast, Section: d.Sections[len(d.Sections)-1].ID, Scope: d.Sections[len(d.Sections)-1].Name, Score: 9000}}})
	f.qdata[q] = d
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
		a.Update(sizeMsg(size[0], size[1]))
		loadNow(t, a, q)
		openSetupNow(t, a)
		for tab := range setupTabs {
			press(a, string(rune('1'+tab)))
			p := a.setup.page()
			for _, r := range p.rows {
				cols := r.cols
				if cols == nil {
					cols = p.cols
				}
				for j, c := range r.cells {
					if j < len(cols) && textWidth(quotesAsCorners(c.text)) > cols[j].width {
						t.Errorf("%v tab %d: %q in a column of %d", size, tab+1, c.text, cols[j].width)
					}
					if size[0] >= 100 && strings.HasSuffix(c.text, "...") { // room for every value but free text
						t.Errorf("%v tab %d: %q cut", size, tab+1, c.text)
					}
				}
				if r.line != "" && textWidth(r.line) > size[0] {
					t.Errorf("%v tab %d: line %q", size, tab+1, r.line)
				}
				for _, c := range cols {
					if textWidth(c.title) > c.width {
						t.Errorf("%v tab %d: heading %q in a column of %d", size, tab+1, c.title, c.width)
					}
				}
			}
		}
		press(a, "1")
		for range 7 {
			press(a, "right")
		}
		a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
		if fr := plain(a); !strings.Contains(fr, "取消）") {
			t.Errorf("%v: the form's heading is cut:\n%s", size, fr)
		}
		a.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	}
}

// TestSetupFollowsAnotherWindow: setup reads the quarter again when another
// window or process saves; it kept showing (and, on the next save of any
// field, wrote back) the rules as they were when it opened, undoing a
// `rules import` made meanwhile.
func TestSetupFollowsAnotherWindow(t *testing.T) {
	f, q := storedFake(), model.MustQuarter("2023Q4")
	a := setupTabOn(t, f, q, "7")
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) {
		d.Rules.Flags = slices.Clone(d.Rules.Flags)
		d.Rules.Flags[0].When = []model.Condition{{Kind: model.RankAtMost, Threshold: 4}}
	})
	if got := a.setup.sheet.Rules.Flags[0].When[0].Threshold; got != 4 {
		t.Errorf("setup's rules hold N = %d, want the saved 4", got)
	}
	if !strings.Contains(plain(a), "N = 4") {
		t.Errorf("the rule editor shows:\n%s", plain(a))
	}
}

// TestSetupFormAfterAnotherWindow: a form open while another window saves
// stays open when what it edits is as it was (a score typed elsewhere), and
// closes, saying why, when the settings changed under it: its save would
// have written to a group that is gone (an index out of range) or undone
// the other window's change.
func TestSetupFormAfterAnotherWindow(t *testing.T) {
	f, q := groupsFake(), model.MustQuarter("2023Q4")
	a := setupTabOn(t, f, q, "6")
	press(a, "down") // the second group's name
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if a.setup.edit == nil {
		t.Fatalf("no form:\n%s", plain(a))
	}
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) {
		d.Scores[model.ScoreKey{Unit: 1, Section: d.Sections[0].ID}] = 5000
	})
	if a.setup.edit == nil {
		t.Fatal("a score saved elsewhere closed the form")
	}
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) {
		d.Rules.Groups = d.Rules.Groups[:1]
	})
	if a.setup.edit != nil {
		t.Fatal("the form on a group that is gone is still open")
	}
	if !strings.Contains(plain(a), "另一个窗口") {
		t.Errorf("no word of why:\n%s", plain(a))
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter}) // must not save into the old form
}

// setupTabOn is an App on f at 80×24 showing setup's tab of quarter q.
func setupTabOn(t *testing.T, f *fakeData, q model.Quarter, tab string) *App {
	t.Helper()
	a := appOn(t, f, 80, 24, q)
	openSetupNow(t, a)
	press(a, tab)
	return a
}

// TestSetupFormInputAndHintWhole: a form's input longer than the screen
// shows the part around the cursor, and a hint that does not fit beside
// it goes on its own line: the units of a group of ten ran off the screen
// with the cursor, and the hint was cut (名称、简称).
func TestSetupFormInputAndHintWhole(t *testing.T) {
	a := setupTabOn(t, groupsFake(), model.MustQuarter("2023Q4"), "6")
	press(a, "right")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "、胶州市、平度市、莱西市、市南区"})
	frame := plain(a)
	if !strings.Contains(frame, "名称、简称或别名，用顿号或空格隔开") {
		t.Errorf("the hint is cut:\n%s", frame)
	}
	if input := shownLine(a, "区市："); !strings.HasSuffix(input, "市南区_") {
		t.Errorf("the cursor is off the screen: %q", input)
	}
}

// TestSetupRefusesToSaveOverAnotherWindow: a rule saved in setup is
// refused, saying why, when the stored rules changed since setup read them
// and no word of it has come yet (another process's commit is seen by a
// poll once a second): the save wrote its stale copy over that change.
func TestSetupRefusesToSaveOverAnotherWindow(t *testing.T) {
	f, q := storedFake(), model.MustQuarter("2023Q4")
	a := setupTabOn(t, f, q, "3")
	d := f.qdata[q] // another process imports a rulebook, unseen so far
	d.Rules.Committee = "青岛市考核委员会"
	f.qdata[q] = d
	press(a, "down") // 红旗1 的 N
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	_, cmd := a.Update(tea.KeyPressMsg{Code: '3', Text: "3"})
	_, cmd = a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	run(t, a, cmd)
	if out := plain(a); !strings.Contains(out, "另一个窗口") || strings.Contains(out, "只读的测试数据") {
		t.Errorf("the save was not refused as stale:\n%s", out)
	}
}
