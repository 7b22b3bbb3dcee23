package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// typeValue types s into the what-if (or entry) and presses Enter.
func typeValue(t testing.TB, a *App, s string) {
	t.Helper()
	for _, r := range s {
		keys(t, a, string(r))
	}
	keys(t, a, "enter")
}

// flat is the frame's text with all white space removed: wrapped lines
// join up.
func flat(a *App) string { return strings.Join(strings.Fields(plain(a)), "") }

// TestWhatIfRecomputes: from 莱西市's card, w opens the what-if under its
// banner; a slip (9o.5) is refused in red as entry refuses it and changes
// nothing; 100 in every section lifts 莱西市 from last to first, and the
// what-if says so for the whole quarter: its rank and seat, the flag it
// gains and the warning and 红牌 it leaves, the units it passes; Right
// changes another unit's value; Delete restores a value; Esc drops it all
// and the real result is as it was.
func TestWhatIfRecomputes(t *testing.T) {
	a := newTestApp(t, 160, 45, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	real := a.current().Find(10).Composite // 莱西市
	openCardOf(t, a, "莱西市")
	keys(t, a, "w")
	if a.mode != modeWhatIf || !strings.Contains(plain(a), whatIfBanner) || !strings.Contains(plain(a), "还没有假设的值") {
		t.Fatalf("w did not open the what-if:\n%s", plain(a))
	}
	typeValue(t, a, "9o.5")
	if len(a.whatIf.assumed) != 0 || !a.status.err || !strings.Contains(plain(a), "“9o.5”未采用") {
		t.Fatalf("the slip 9o.5 was not refused (assumed %v, status %q):\n%s", a.whatIf.assumed, a.status.text, plain(a))
	}
	if !strings.Contains(a.render(), a.styles.Error.Render("  "+a.whatIf.refused)) {
		t.Error("the refusal is not drawn as an error")
	}
	typeValue(t, a, "101")
	if len(a.whatIf.assumed) != 0 || !strings.Contains(a.status.text, "超出范围") && !strings.Contains(a.status.text, "100") {
		t.Fatalf("101 over the maximum taken: %v, %q", a.whatIf.assumed, a.status.text)
	}
	for range a.whatIf.card.scen.Data.Sections {
		typeValue(t, a, "１００") // full-width, as an input method sends it
		keys(t, a, "down")
	}
	out := flat(a)
	for _, want := range []string{"莱西市/经济运行", "改为100.00", "莱西市：第10名升至第1名", "得到红旗“真抓实干、勇当排头”",
		"不再警示“约谈提醒”、红牌", "座次10变为1", "市南区：第1名降至第2名"} {
		if !strings.Contains(out, want) {
			t.Errorf("the what-if lacks %q:\n%s", want, plain(a))
		}
	}
	if s := a.whatIf.result.Find(10); s.Rank != 1 || len(s.Warnings) != 0 {
		t.Fatalf("莱西市 assumed: rank %d, warnings %v", s.Rank, s.Warnings)
	}
	// Another unit: 市南区 (after 莱西市, round the end) loses 50 in 经济运行.
	keys(t, a, "right")
	if a.whatIf.unit != a.current().Standings[0].Unit.ID {
		t.Fatalf("Right lists unit %d", a.whatIf.unit)
	}
	for range len(a.whatIf.card.scen.Data.Sections) {
		keys(t, a, "up")
	}
	typeValue(t, a, "40")
	if n := len(a.whatIf.assumed); n != 5 {
		t.Fatalf("%d values assumed, want 5", n)
	}
	keys(t, a, "delete") // restore 市南区/经济运行
	if n := len(a.whatIf.assumed); n != 4 {
		t.Fatalf("Delete left %d values assumed, want 4", n)
	}
	keys(t, a, "esc")
	if a.mode != modeCard || !strings.Contains(a.status.text, "已放弃假设") {
		t.Fatalf("Esc: mode %d, status %q", a.mode, a.status.text)
	}
	if got := a.current().Find(10).Composite; got != real {
		t.Fatalf("the real result changed: %s, was %s", got, real)
	}
	keys(t, a, "w")
	if len(a.whatIf.assumed) != 0 {
		t.Fatal("a new what-if starts with the dropped values")
	}
}

// hidingFake is the demo with warnings hidden in presentation.
func hidingFake() *fakeData {
	f := newFakeData()
	d := model.Demo(1)
	for i := range d.Quarters {
		d.Quarters[i].Rules.PresentHideWarnings = true
	}
	f.results = model.ComputeSeries(d.Quarters)
	f.qdata = quarterMap(d.Quarters)
	return f
}

// TestPresentationCard: in presentation ↑/↓ highlight a unit (named on a
// band above the caption) and Enter opens its card drawn large over the
// whole screen, without the frame; Esc returns to presentation.
func TestPresentationCard(t *testing.T) {
	a := newTestApp(t, 160, 45, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	keys(t, a, "p", "down", "down")
	name := a.current().Find(a.board.pick).Unit.Name
	if out := plain(a); !strings.Contains(out, "选中："+name) {
		t.Fatalf("presentation does not name the highlighted %s:\n%s", name, out)
	}
	keys(t, a, "enter")
	out := plain(a)
	if a.mode != modeCard || !a.card.large || strings.Contains(out, "摘星夺旗") || !strings.Contains(out, name+"  2023年四季度  区市卡片") {
		t.Fatalf("the large card of %s:\n%s", name, out)
	}
	checkFits(t, a)
	keys(t, a, "esc")
	if a.mode != modePresent {
		t.Fatalf("Esc from the large card: mode %d", a.mode)
	}
	keys(t, a, "esc")
	if a.mode != modePresent || a.board.pick != 0 {
		t.Fatalf("the first Esc in presentation clears the highlight: mode %d, pick %d", a.mode, a.board.pick)
	}
	keys(t, a, "esc")
	if a.mode != modeBoard {
		t.Fatal("the second Esc leaves presentation")
	}
}

// TestPresentationHidesWarnings: with Rules.PresentHideWarnings the
// projector shows no warning, 红牌 or its reasons (ranking, flags and the
// large card), while the board and its card still show them; without it
// presentation shows them.
func TestPresentationHidesWarnings(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	for _, hide := range []bool{false, true} {
		f := newFakeData()
		if hide {
			f = hidingFake()
		}
		a := appOn(t, f, 160, 45, q)
		if out := plain(a); !strings.Contains(out, "红牌：约谈提醒") {
			t.Fatalf("hide %v: the board hides the warnings:\n%s", hide, out)
		}
		openCardOf(t, a, "平度市")
		if out := flat(a); !strings.Contains(out, "警示“约谈提醒”") || !strings.Contains(out, "红牌：连续") {
			t.Fatalf("hide %v: the board's card hides the warning:\n%s", hide, plain(a))
		}
		keys(t, a, "esc", "esc", "p")
		for _, p := range []int{0, 2} {
			a.board.page = p
			out := plain(a)
			if shown := strings.Contains(out, "约谈提醒") || strings.Contains(out, "红牌"); shown == hide {
				t.Errorf("hide %v: presentation page %d shows warnings: %v\n%s", hide, p+1, shown, out)
			}
		}
		a.board.page = 0
		for a.board.pick == 0 || a.current().Find(a.board.pick).Unit.Name != "平度市" {
			keys(t, a, "down")
		}
		keys(t, a, "enter")
		out := flat(a)
		if shown := strings.Contains(out, "约谈提醒") || strings.Contains(out, "红牌"); shown == hide {
			t.Errorf("hide %v: the large card shows warnings: %v\n%s", hide, shown, plain(a))
		}
		if !strings.Contains(out, "距“真抓实干、勇当排头”差") {
			t.Errorf("hide %v: the large card lost its flags:\n%s", hide, plain(a))
		}
	}
}

// TestCardKeysFromTheKeyMap: the ? screens of the board, the card and the
// what-if list the new keys from the key map, and a rebound key is what
// acts and what the key line names.
func TestCardKeysFromTheKeyMap(t *testing.T) {
	a := newTestApp(t, 120, 40, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	k := &a.keys
	help := func(where string, bs ...string) {
		t.Helper()
		keys(t, a, "?")
		out := plain(a)
		for _, b := range bs {
			if !strings.Contains(out, b) {
				t.Errorf("%s: the ? screen lacks %q:\n%s", where, b, out)
			}
		}
		keys(t, a, "?") // any key closes it
	}
	desc := func(b ...string) []string { return b }
	help("board", desc(k.OpenCard.Help().Desc, k.ClearPick.Help().Desc)...)
	rebind(&k.WhatIf, "f9", "F9")
	openCardOf(t, a, "平度市")
	help("card", desc(k.WhatIf.Help().Desc, k.CloseCard.Help().Desc, "F9")...)
	if l := lastLine(a); !strings.Contains(l, "F9 假设") {
		t.Errorf("the card's key line %q", l)
	}
	keys(t, a, "w")
	if a.mode != modeCard {
		t.Fatal("the old key w still opens the what-if")
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	if a.mode != modeWhatIf {
		t.Fatal("the rebound F9 does not open the what-if")
	}
	help("what-if", desc(k.Assume.Help().Desc, k.Restore.Help().Desc, k.DropWhatIf.Help().Desc)...)
}

// TestCardGolden draws 平度市's card, its what-if with 100 assumed in
// 经济运行, and the card drawn large in presentation, at 80×24 and on a
// projector (160×45); the what-if also without colour (reverse video marks
// the cursor and the changed units).
func TestCardGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		for _, nocolor := range []bool{false, true} {
			profile, suffix := colorprofile.TrueColor, ""
			if nocolor {
				profile, suffix = colorprofile.Ascii, "-nocolor"
			}
			a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), profile)
			shot := func(name string) {
				goldenShot(t, a, fmt.Sprintf("%s-%dx%d%s", name, size[0], size[1], suffix), nocolor)
			}
			openCardOf(t, a, "平度市")
			shot("card")
			keys(t, a, "w")
			typeValue(t, a, "100")
			shot("whatif")
			keys(t, a, "esc", "esc", "esc", "p")
			for a.board.pick == 0 || a.current().Find(a.board.pick).Unit.Name != "平度市" {
				keys(t, a, "down")
			}
			shot("present-pick")
			keys(t, a, "enter")
			shot("card-present")
		}
	}
}

// TestWhatIfFitsEverySize: the what-if with values assumed fits every
// size from 60×16 to 300×80, its banner and the cursor's value always on
// screen, and a refusal too; the ? screens of the card and the what-if fit.
func TestWhatIfFitsEverySize(t *testing.T) {
	a, _, _ := storedWhatIf(t, 80, 24)
	typeValue(t, a, "100")
	keys(t, a, "down")
	typeValue(t, a, "9o")
	for _, w := range []int{60, 64, 72, 80, 100, 120, 160, 240, 300} {
		for _, h := range []int{16, 20, 24, 35, 45, 80} {
			a.Update(sizeMsg(w, h))
			a.mode = modeWhatIf
			checkFits(t, a)
			out := plain(a)
			for _, want := range []string{whatIfBanner, "项目签约落地", "“9o”未采用"} {
				if !strings.Contains(out, want) {
					t.Fatalf("%d×%d: %q not on screen:\n%s", w, h, want, out)
				}
			}
			for _, m := range []mode{modeWhatIf, modeCard} {
				a.mode = m
				keys(t, a, "?")
				checkFits(t, a)
				if out := plain(a); h >= 24 && !strings.Contains(out, "按任意键关闭帮助") {
					t.Errorf("%d×%d: the ? screen of mode %d is cut:\n%s", w, h, m, out)
				}
				keys(t, a, "?")
			}
		}
	}
}

// storedWhatIf is the what-if of 莱西市's card in 2023Q4 of a stored fake
// (another window may save it: anotherWindowSaves) at w×h.
func storedWhatIf(t *testing.T, w, h int) (*App, *fakeData, model.Quarter) {
	t.Helper()
	q, f := model.MustQuarter("2023Q4"), storedFake()
	a := appOn(t, f, w, h, q)
	openCardOf(t, a, "莱西市")
	keys(t, a, "w")
	return a, f, q
}

// TestWhatIfFollowsAnotherWindow: another window saves a score of the
// what-if's quarter while it is open. The what-if computes again on the
// stored values it now reads (实际 shows the new value, the assumed one is
// kept and compared with the new real result), says so on the status
// line, and the card it returns to shows the saved value too.
func TestWhatIfFollowsAnotherWindow(t *testing.T) {
	a, f, q := storedWhatIf(t, 120, 40)
	typeValue(t, a, "95") // 莱西市/经济运行, as assumed
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) { d.Scores[model.ScoreKey{Unit: 10, Section: d.Sections[0].ID}] = 6000 })
	if a.mode != modeWhatIf {
		t.Fatalf("the what-if closed (mode %d)", a.mode)
	}
	out := flat(a)
	for _, want := range []string{"实际60.00假设95.00", "莱西市/经济运行60.00改为95.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("the what-if does not follow the saved value: %q missing\n%s", want, plain(a))
		}
	}
	if !strings.Contains(a.status.text, "其他窗口") {
		t.Errorf("the status does not say the real values changed: %q", a.status.text)
	}
	if len(a.whatIf.assumed) != 1 || a.whatIf.assumed[0].Value != 9500 {
		t.Errorf("the assumed value was lost: %v", a.whatIf.assumed)
	}
	keys(t, a, "esc")
	if out := flat(a); a.mode != modeCard || !strings.Contains(out, "经济运行60.00×1=60.00") {
		t.Errorf("the card after the what-if shows the old value:\n%s", plain(a))
	}
}

// manySectionsFake is the demo with eight more sections in 2023Q4 (twelve
// in all), each unit scored in them.
func manySectionsFake() *fakeData {
	f := newFakeData()
	d := model.Demo(1)
	last := &d.Quarters[len(d.Quarters)-1]
	for k, name := range []string{"科技创新", "乡村振兴", "招商引资", "生态环保", "安全生产", "民生保障", "对外开放", "数字经济"} {
		sec := model.NewSection(name, len(last.Sections)+1)
		sec.ID = int64(900 + k)
		last.Sections = append(last.Sections, sec)
		for i, u := range last.Units {
			last.Scores[model.ScoreKey{Unit: u.ID, Section: sec.ID}] = model.Hundredths(6000 + (i*701+k*1301)%4000)
		}
	}
	f.results = model.ComputeSeries(d.Quarters)
	f.qdata = quarterMap(d.Quarters)
	return f
}

// TestWhatIfValuesLeaveRoomForChanges: with twelve sections the unit's
// values would fill a short screen and push what the what-if changed off
// it; they are shown as a window around the cursor (the rest counted),
// so the cursor's value, its refusal and the first change are all on
// screen at every size.
func TestWhatIfValuesLeaveRoomForChanges(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	a := appOn(t, manySectionsFake(), 80, 24, q)
	openCardOf(t, a, "莱西市")
	keys(t, a, "w")
	for range 11 {
		keys(t, a, "down")
	}
	typeValue(t, a, "0") // 莱西市/数字经济: its composite falls
	keys(t, a, "up")
	typeValue(t, a, "9o")
	if len(a.whatIf.diffs) == 0 {
		t.Fatal("assuming 0 changed nothing")
	}
	first := a.whatIf.diffs[0].Unit.Name + "："
	for _, size := range [][2]int{{60, 16}, {80, 20}, {80, 24}, {100, 30}, {240, 67}} {
		a.Update(sizeMsg(size[0], size[1]))
		checkFits(t, a)
		out := plain(a)
		for _, want := range []string{whatIfBanner, "对外开放", "“9o”未采用", "与实际结果相比", "假设：莱西市/数字经济", first} {
			if !strings.Contains(out, want) {
				t.Errorf("%d×%d: %q not on screen:\n%s", size[0], size[1], want, out)
			}
		}
		if size[1] < 30 && !strings.Contains(out, "项：上下键选值") {
			t.Errorf("%d×%d: the values hidden are not counted:\n%s", size[0], size[1], out)
		}
	}
}

// TestWhatIfKeyLineKeepsEsc: on a narrow screen the what-if's key line
// still says how to leave it (Esc) and how to change a value (Enter): it
// was cut at the right edge, Esc last.
func TestWhatIfKeyLineKeepsEsc(t *testing.T) {
	a, _, _ := storedWhatIf(t, 60, 16)
	for _, w := range []int{60, 64, 72, 80} {
		a.Update(sizeMsg(w, 16))
		if l := lastLine(a); !strings.Contains(l, "Esc 放弃假设") || !strings.Contains(l, "Enter 改值") {
			t.Errorf("%d wide: the key line %q", w, l)
		}
	}
}

// TestWhatIfPaste: a value pasted into the what-if (one cell copied from
// a spreadsheet, with its line end, full-width) is typed into the value,
// and Enter takes it; a block of several values is refused with a
// sentence and changes nothing. Before, a paste did nothing at all.
func TestWhatIfPaste(t *testing.T) {
	a, _, _ := storedWhatIf(t, 100, 30)
	paste := func(s string) {
		t.Helper()
		_, cmd := a.Update(tea.PasteMsg{Content: s})
		run(t, a, cmd)
	}
	paste("1\t2\r\n3\r\n")
	if a.whatIf.editing || !a.status.err || !strings.Contains(a.status.text, "一次只改一个值") {
		t.Fatalf("a block pasted: editing %v, status %q", a.whatIf.editing, a.status.text)
	}
	paste("８８．５\r\n")
	if !a.whatIf.editing || a.whatIf.buf != "88.5" {
		t.Fatalf("a value pasted: editing %v, typed %q", a.whatIf.editing, a.whatIf.buf)
	}
	keys(t, a, "enter")
	if len(a.whatIf.assumed) != 1 || a.whatIf.assumed[0].Value != 8850 {
		t.Fatalf("the pasted value was not assumed: %v", a.whatIf.assumed)
	}
}

// TestViewerWhatIf: a viewer of starflag serve (read-only) opens a card
// and a what-if and computes with an assumed value (it never writes); the
// what-if offers no key that would save, and entry stays refused after it.
func TestViewerWhatIf(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	a := New(newFakeData(), Options{Quarter: q, Profile: colorprofile.Ascii, Access: viewer})
	a.Update(sizeMsg(120, 35))
	loadNow(t, a, q)
	openCardOf(t, a, "莱西市")
	keys(t, a, "w")
	typeValue(t, a, "100")
	if len(a.whatIf.assumed) != 1 || a.status.err {
		t.Fatalf("a viewer's what-if: assumed %v, status %q", a.whatIf.assumed, a.status.text)
	}
	if l := lastLine(a); strings.Contains(l, "保存") || strings.Contains(l, "录入") {
		t.Errorf("the viewer's what-if key line offers a write: %q", l)
	}
	keys(t, a, "esc", "esc", "esc", "e")
	if a.mode != modeBoard || !strings.Contains(a.status.text, "没有权限") {
		t.Errorf("after the what-if, entry for a viewer: mode %d, status %q", a.mode, a.status.text)
	}
}

// TestWhatIfWordsEveryChange: each unit the what-if lists says what
// changed for it. In 2024Q1, being typed (市南区 and 市北区 complete),
// 李沧区's 经济运行 assumed between them moves 市北区 from second to third
// in that section without costing it a star: the line said only
// “市北区：第 2 名”, as if nothing had changed.
func TestWhatIfWordsEveryChange(t *testing.T) {
	f := typing2024Q1()
	q := model.MustQuarter("2024Q1")
	d := f.qdata[q]
	for _, s := range d.Sections {
		d.Scores[model.ScoreKey{Unit: 2, Section: s.ID}] = 8000
	}
	f.qdata[q] = d
	a := appOn(t, f, 160, 45, q)
	openCardOf(t, a, "市北区")
	keys(t, a, "w", "right")
	if got := a.whatIf.unitName(a.whatIf.unit); got != "李沧区" {
		t.Fatalf("Right lists %s", got)
	}
	typeValue(t, a, "90")
	for _, d := range a.whatIf.diffs {
		if d.Unit.Name == "市北区" {
			if text := a.whatIf.diffText(d); !strings.Contains(text, "经济运行 第 2 名变为第 3 名") {
				t.Errorf("市北区's change is not worded: %q", text)
			}
			return
		}
	}
	t.Fatalf("市北区 is not among the changes:\n%s", plain(a))
}

// TestWhatIfSaysAScoreThatMovedNothing: 李沧区, first in 经济运行, assumed
// higher there stays first with its stars; its line says the score.
func TestWhatIfSaysAScoreThatMovedNothing(t *testing.T) {
	a := newTestApp(t, 160, 45, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openCardOf(t, a, "李沧区")
	keys(t, a, "w")
	typeValue(t, a, "99")
	real := a.whatIf.card.real.Find(a.whatIf.unit).Sections[0].Score
	if len(a.whatIf.diffs) == 0 {
		t.Fatal("no change listed")
	}
	if text := a.whatIf.diffText(a.whatIf.diffs[0]); !strings.Contains(text, "经济运行 "+real.String()+" 变为 99.00") {
		t.Errorf("李沧区's change: %q", text)
	}
}

// TestWhatIfHelpSaysWhatKeysDo: the what-if's ? screen says what its
// arrows do there (another value, another unit) and that typing starts a
// value; it said 左移 / 右移 for the keys that change the unit.
func TestWhatIfHelpSaysWhatKeysDo(t *testing.T) {
	a, _, _ := storedWhatIf(t, 80, 24)
	keys(t, a, "?")
	out := plain(a)
	for _, want := range []string{"上一个值", "下一个值", "上一个区市", "下一个区市", "直接输入"} {
		if !strings.Contains(out, want) {
			t.Errorf("the what-if's ? screen lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "左移") || strings.Contains(out, "右移") {
		t.Errorf("the what-if's ? screen says the arrows move left and right:\n%s", out)
	}
}

// TestWhatIfWithNoValuesLeft: another window deletes every section and
// adjustment item of the what-if's quarter while it is open; typing,
// Enter and Delete then do nothing (they indexed the first value and
// panicked), and Esc still leaves.
func TestWhatIfWithNoValuesLeft(t *testing.T) {
	a, f, q := storedWhatIf(t, 100, 30)
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) { d.Sections, d.Adjustments, d.Scores, d.Adjust = nil, nil, nil, nil })
	keys(t, a, "5", "enter", "enter", "delete", "down", "up")
	checkFits(t, a)
	keys(t, a, "esc")
	if a.mode != modeCard {
		t.Fatalf("Esc: mode %d", a.mode)
	}
}

// TestWhatIfCursorStaysOnItsValue: a value is being typed for 莱西市's
// 优化营商环境 when another window deletes 经济运行: the cursor stays on
// 优化营商环境 and Enter assumes the typed value there (it moved to the
// value that took its place in the list, 群众满意度加分).
func TestWhatIfCursorStaysOnItsValue(t *testing.T) {
	a, f, q := storedWhatIf(t, 100, 30)
	keys(t, a, "down", "down", "down", "1", "5")
	if got := a.whatIf.fieldName(a.whatIf.field); got != "优化营商环境" {
		t.Fatalf("the cursor is on %s", got)
	}
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) { d.Sections = d.Sections[1:] })
	if got := a.whatIf.fieldName(a.whatIf.field); got != "优化营商环境" || a.whatIf.buf != "15" {
		t.Fatalf("after the deletion the cursor is on %s, typing %q", got, a.whatIf.buf)
	}
	keys(t, a, "enter")
	if len(a.whatIf.assumed) != 1 || a.whatIf.data().AssumedText(a.whatIf.assumed[0]) != "莱西市/优化营商环境 73.83 改为 15.00" {
		t.Fatalf("assumed %v", a.whatIf.assumed)
	}
}

// TestWhatIfArrowsTakeTheValue: as in entry, Up or Down while a value is
// typed takes it and moves (they were swallowed: the value stayed typed
// and the cursor did not move); a refused value keeps the cursor on it.
func TestWhatIfArrowsTakeTheValue(t *testing.T) {
	a, _, _ := storedWhatIf(t, 100, 30)
	keys(t, a, "9", "5", "down")
	if a.whatIf.editing || len(a.whatIf.assumed) != 1 || a.whatIf.assumed[0].Value != 9500 || a.whatIf.field != 1 {
		t.Fatalf("9 5 Down: editing %v, assumed %v, cursor %d", a.whatIf.editing, a.whatIf.assumed, a.whatIf.field)
	}
	keys(t, a, "9", "o", "up")
	if a.whatIf.field != 1 || a.whatIf.refused == "" || len(a.whatIf.assumed) != 1 {
		t.Fatalf("9 o Up: cursor %d, refused %q, assumed %v", a.whatIf.field, a.whatIf.refused, a.whatIf.assumed)
	}
	keys(t, a, "8", "0", "up")
	if a.whatIf.field != 0 || len(a.whatIf.assumed) != 2 {
		t.Fatalf("8 0 Up: cursor %d, assumed %v", a.whatIf.field, a.whatIf.assumed)
	}
}

// TestPresentationEnterWithoutHighlight: presentation has no status line,
// so Enter with nothing highlighted highlights the first unit (the band
// then says Enter opens its card) instead of doing nothing visible.
func TestPresentationEnterWithoutHighlight(t *testing.T) {
	a := newTestApp(t, 160, 45, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	keys(t, a, "p", "enter")
	if a.mode != modePresent || a.board.pick == 0 || !strings.Contains(plain(a), "选中："+a.current().Standings[0].Unit.Name) {
		t.Fatalf("Enter without a highlight in presentation: mode %d, pick %d\n%s", a.mode, a.board.pick, plain(a))
	}
	keys(t, a, "enter")
	if a.mode != modeCard || !a.card.large {
		t.Fatalf("Enter on the highlight: mode %d", a.mode)
	}
}

// TestWhatIfRankingHasGroupHeads: with groups, the what-if's ranking is
// headed group by group as the ranking page is (【县级市】…); its ranks
// restarted at 1 under no heading.
func TestWhatIfRankingHasGroupHeads(t *testing.T) {
	a := appOn(t, groupsFake(), 120, 45, model.MustQuarter("2023Q4"))
	openCardOf(t, a, "莱西市")
	keys(t, a, "w")
	typeValue(t, a, "90")
	out := plain(a)
	for _, want := range []string{"【区】7 个区市，组内排名", "【县级市】3 个区市，组内排名"} {
		if !strings.Contains(out, want) {
			t.Errorf("the what-if's ranking lacks %q:\n%s", want, out)
		}
	}
	checkFits(t, a)
}

// TestWhatIfPasteDropsControls: a paste carrying an escape sequence does
// not reach the screen through the typed value (it was drawn raw, and the
// terminal ran it).
func TestWhatIfPasteDropsControls(t *testing.T) {
	a, _, _ := storedWhatIf(t, 100, 30)
	a.Update(tea.PasteMsg{Content: "8\x1b[2J8\x07"})
	if a.whatIf.buf != "8[2J8" || strings.Contains(a.render(), "\x1b[2J") {
		t.Fatalf("typed %q; the screen carries the escape: %v", a.whatIf.buf, strings.Contains(a.render(), "\x1b[2J"))
	}
}

// TestWhatIfRefusalStaysWithItsValue: a refused 9o typed for 经济运行 is
// shown under 经济运行 after the cursor moves on; it moved with the
// cursor and stood under the next value, as if that one were refused.
func TestWhatIfRefusalStaysWithItsValue(t *testing.T) {
	a, _, _ := storedWhatIf(t, 100, 30)
	typeValue(t, a, "9o")
	keys(t, a, "down")
	lines := strings.Split(plain(a), "\n")
	for i, l := range lines {
		if strings.Contains(l, "“9o”未采用") {
			if !strings.Contains(lines[i-1], "经济运行") {
				t.Fatalf("the refusal stands under %q", lines[i-1])
			}
			return
		}
	}
	t.Fatalf("the refusal is gone:\n%s", plain(a))
}

// TestWhatIfRefusesAHugePaste: a paste over model.MaxPaste (one "cell" of
// megabytes, no tab or line break) is refused with a sentence, as entry
// and setup refuse it, and nothing is typed. It went whole into the typed
// value and every frame drew it.
func TestWhatIfRefusesAHugePaste(t *testing.T) {
	a, _, _ := storedWhatIf(t, 100, 30)
	_, cmd := a.Update(tea.PasteMsg{Content: strings.Repeat("1", model.MaxPaste+1)})
	run(t, a, cmd)
	if a.whatIf.editing || a.whatIf.buf != "" || !a.status.err || !strings.Contains(a.status.text, "太大") {
		t.Fatalf("editing %v, typed %d bytes, status %q", a.whatIf.editing, len(a.whatIf.buf), a.status.text)
	}
}
