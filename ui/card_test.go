package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// run runs cmd and feeds its message back, as the program would; batches
// are run one by one and ticks (which sleep) are left.
func run(t testing.TB, a *App, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				run(t, a, c)
			}
			return
		}
		if msg != nil {
			_, next := a.Update(msg)
			run(t, a, next)
		}
	case <-timeAfter():
	}
}

// keys presses each key in turn, running what it starts.
func keys(t testing.TB, a *App, ks ...string) {
	t.Helper()
	for _, k := range ks {
		run(t, a, press(a, k))
	}
}

// openCardOf highlights unit name on the shown page with Down and opens
// its card (Enter), running the load.
func openCardOf(t testing.TB, a *App, name string) {
	t.Helper()
	for range 12 {
		if s := a.current().Find(a.board.pick); s != nil && s.Unit.Name == name {
			keys(t, a, "enter")
			if a.mode != modeCard || !a.card.ready || a.card.card.Unit.Name != name {
				t.Fatalf("no card of %s (mode %d, ready %v, err %q)", name, a.mode, a.card.ready, a.card.err)
			}
			return
		}
		keys(t, a, "down")
	}
	t.Fatalf("%s never highlighted", name)
}

// TestPickAndCard: on the ranking, stars and flags pages Down and Up move
// a highlight (reverse video, also without colour) from unit to unit in
// the page's order, Enter opens the highlighted unit's card and Esc closes
// it back to the page with the highlight kept; Esc again clears it. On the
// seats page the arrows still scroll, and Enter with nothing highlighted
// says what to do.
func TestPickAndCard(t *testing.T) {
	a := newTestApp(t, 100, 30, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	r := a.current()
	keys(t, a, "enter")
	if a.mode != modeBoard || !strings.Contains(a.status.text, "先按上下键选中") {
		t.Fatalf("Enter without a highlight: mode %d, status %q", a.mode, a.status.text)
	}
	for p, first := range []string{r.Standings[0].Unit.Name, "市南区", "市南区"} { // seat order; official order twice
		a.board.page, a.board.pick = p, 0
		keys(t, a, "down")
		if s := r.Find(a.board.pick); s == nil || s.Unit.Name != first {
			t.Fatalf("page %d: Down highlighted %v, want %s", p+1, a.board.pick, first)
		}
		keys(t, a, "down", "down", "up")
		second := a.board.pick
		if second == 0 || r.Find(second).Unit.Name == first {
			t.Fatalf("page %d: Down Down Up stays on the first unit", p+1)
		}
		name := r.Find(second).Unit.Name
		var picked string
		for _, l := range strings.Split(a.render(), "\n") {
			if strings.Contains(l, "\x1b[7m") && strings.Contains(l, name) {
				picked = l
			}
		}
		if picked == "" {
			t.Fatalf("page %d: %s is not drawn in reverse video:\n%q", p+1, name, a.render())
		}
		keys(t, a, "enter")
		if a.mode != modeCard || a.card.card.Unit.ID != second {
			t.Fatalf("page %d: Enter did not open %s's card", p+1, name)
		}
		if out := plain(a); !strings.Contains(out, "区市卡片  "+name) || !strings.Contains(out, "综合得分构成") {
			t.Fatalf("page %d: the card of %s:\n%s", p+1, name, out)
		}
		keys(t, a, "esc")
		if a.mode != modeBoard || a.board.pick != second || a.board.page != p {
			t.Fatalf("page %d: Esc from the card: mode %d, pick %d", p+1, a.mode, a.board.pick)
		}
		keys(t, a, "esc")
		if a.board.pick != 0 || strings.Contains(a.render(), "\x1b[7m") {
			t.Fatalf("page %d: Esc kept the highlight", p+1)
		}
	}
	a.board.page, a.board.pick = 3, 0 // seats: no cards
	keys(t, a, "down", "enter")
	if a.board.pick != 0 || a.mode != modeBoard {
		t.Fatalf("the seats page took a highlight (%d) or opened a card", a.board.pick)
	}
}

// TestPickScrollsIntoView: on a screen too low for the ranking the
// highlight moving down scrolls the page so the highlighted unit is shown,
// whole, and the hidden count stays right.
func TestPickScrollsIntoView(t *testing.T) {
	a := appOn(t, twoFlagsFake(), 80, 16, model.MustQuarter("2023Q4"))
	r := a.current()
	for range len(r.Standings) {
		keys(t, a, "down")
		pickShown(t, a)
		checkFits(t, a)
	}
	if last := r.Standings[len(r.Standings)-1].Unit.ID; a.board.pick != last {
		t.Fatalf("Down to the end highlights %d, want the last unit %d", a.board.pick, last)
	}
}

// pickShown fails unless the highlighted unit's row is on screen in
// reverse video.
func pickShown(t *testing.T, a *App) {
	t.Helper()
	s := a.current().Find(a.board.pick)
	if s == nil {
		t.Fatalf("the highlight %d is not a unit of %s", a.board.pick, a.quarter)
	}
	for _, l := range strings.Split(a.render(), "\n") {
		if strings.Contains(l, "\x1b[7m") && strings.Contains(ansi.Strip(l), " "+s.Unit.Label()+" ") {
			return
		}
	}
	t.Fatalf("%s highlighted but not shown:\n%s", s.Unit.Name, plain(a))
}

// TestPickShownAfterPageAndQuarter: the last unit highlighted on a screen
// too low for the page, the highlight is scrolled into view after another
// page and after another quarter, instead of the page opening at its top
// with the highlighted unit (whose card Enter opens) out of sight.
func TestPickShownAfterPageAndQuarter(t *testing.T) {
	a := appOn(t, twoFlagsFake(), 80, 16, model.MustQuarter("2023Q4"))
	keys(t, a, "up") // the last unit on screen
	for range len(a.current().Standings) {
		keys(t, a, "down")
	}
	pickShown(t, a)
	for _, step := range []string{"2", "3", "1", "[", "2", "]"} {
		keys(t, a, step)
		pickShown(t, a)
	}
}

// TestCardShowsWhy: 平度市's card in the demo's 2023Q4 says why it holds
// its 红牌 (the warning's rule with its inputs, the streak's quarters),
// what each section's stars rest on, and how far the flags are.
func TestCardShowsWhy(t *testing.T) {
	a := newTestApp(t, 160, 45, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openCardOf(t, a, "平度市")
	out := strings.Join(strings.Fields(plain(a)), "")
	for _, want := range []string{"综合得分构成", "经济运行", "×", "合计", "板块名次与星级", "上一档", "红旗与警示",
		"警示“约谈提醒”：", "条件：", "红牌：连续3个季度受警示（2023Q2、2023Q3、2023Q4）", "差一点", "距“真抓实干、勇当排头”差"} {
		if !strings.Contains(out, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the card lacks %q:\n%s", want, plain(a))
		}
	}
}

// cardTextOf is the whole text of a's card, seen by scrolling it to the
// end, with all white space removed (wrapped lines join up), checking each
// frame fits.
func cardTextOf(t *testing.T, a *App) (string, int) {
	t.Helper()
	var seen strings.Builder
	frames := 0
	for a.card.offset = 0; frames < 200; frames++ {
		out := plain(a)
		checkFits(t, a)
		seen.WriteString(strings.Join(strings.Fields(out), ""))
		if !strings.Contains(out, "下面还有") {
			return seen.String(), frames + 1
		}
		before := a.card.offset
		keys(t, a, "down")
		if a.card.offset == before {
			t.Fatalf("the card says more is below but does not scroll:\n%s", out)
		}
	}
	t.Fatalf("the card never ends at %d×%d:\n%s", a.width, a.height, plain(a))
	return "", 0
}

// TestCardWholeAtEverySize sweeps each unit's card, in the frame and drawn
// large for presentation, over widths 60–300 and heights 16–80, on the
// demo, the two-flags variant and the one with groups: every line of the
// card (each flag, warning and 红牌 with its reasons) appears whole when
// the card is scrolled, and no frame is wider or taller than the screen.
func TestCardWholeAtEverySize(t *testing.T) {
	widths := []int{60, 72, 80, 100, 120, 160, 240, 300}
	heights := []int{16, 20, 24, 35, 45, 80}
	if testing.Short() {
		widths, heights = []int{60, 80, 160}, []int{16, 24, 45}
	}
	q := model.MustQuarter("2023Q4")
	for _, fx := range sweepFakes() {
		a := appOn(t, fx.f, 80, 24, q)
		for _, s := range a.current().Standings {
			a.board.pick = s.Unit.ID
			keys(t, a, "enter")
			card := a.card.card
			if !a.card.ready || a.card.err != "" || len(card.Lines) == 0 {
				t.Fatalf("%s %s: no card (%q)", fx.name, s.Unit.Name, a.card.err)
			}
			for _, large := range []bool{false, true} {
				a.card.large = large
				for _, w := range widths {
					for _, h := range heights {
						a.Update(sizeMsg(w, h))
						seen, _ := cardTextOf(t, a)
						for _, l := range card.Lines {
							if !strings.Contains(seen, strings.Join(strings.Fields(l.Text), "")) {
								t.Fatalf("%s %s at %d×%d (large %v): the line %q is cut or missing", fx.name, s.Unit.Name, w, h, large, l.Text)
							}
						}
					}
				}
			}
			a.card.large = false
			keys(t, a, "esc")
		}
	}
}

// TestPresentPickKeepsMarksWhole: with a unit highlighted, presentation
// lays its ranking and flags pages out above the band that names it: over
// widths 60–300 and heights 16–80 every unit's flags and warnings still
// appear whole or the page says how many units are hidden, as
// TestMarksWholeAtEverySize checks without a highlight.
func TestPresentPickKeepsMarksWhole(t *testing.T) {
	widths := []int{60, 72, 80, 100, 120, 140, 160, 200, 240, 300}
	heights := []int{16, 20, 24, 30, 35, 45, 67, 80}
	q := model.MustQuarter("2023Q4")
	for _, fx := range sweepFakes() {
		a := appOn(t, fx.f, 80, 24, q)
		r := a.current()
		a.board.pick = r.Standings[len(r.Standings)-1].Unit.ID
		presenting(a, true)
		for _, p := range []int{0, 2} {
			for _, w := range widths {
				for _, h := range heights {
					a.Update(sizeMsg(w, h))
					a.board.page, a.board.offset = p, 0
					all := strings.Split(plain(a), "\n")
					if !strings.Contains(all[len(all)-2], "选中：") {
						t.Fatalf("%s page %d %d×%d: no band above the caption:\n%s", fx.name, p+1, w, h, strings.Join(all, "\n"))
					}
					if problems := checkUnitMarks(all[1:len(all)-2], all, "", r, 8); len(problems) > 0 {
						t.Fatalf("%s page %d %d×%d: %s\n%s", fx.name, p+1, w, h, strings.Join(problems, "\n"), strings.Join(all, "\n"))
					}
					checkFits(t, a)
				}
			}
		}
	}
}

// TestPickOfAUnitGone: the highlighted unit leaves the shown quarter
// (another window retires it): after the reload nothing is highlighted and
// Enter says how to pick a unit, instead of opening a card that says only
// “这个区市不参加 2023Q4 的考核” under no name.
func TestPickOfAUnitGone(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	f := storedFake()
	a := appOn(t, f, 100, 30, q)
	keys(t, a, "up") // the last unit on screen: 莱西市
	if s := a.current().Find(a.board.pick); s == nil || s.Unit.Name != "莱西市" {
		t.Fatalf("Up highlighted %d", a.board.pick)
	}
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) {
		d.Units = slices.DeleteFunc(d.Units, func(u model.Unit) bool { return u.Name == "莱西市" })
	})
	if a.current().Find(10) != nil {
		t.Fatal("the fake still has 莱西市 in 2023Q4")
	}
	if a.board.pick != 0 {
		t.Errorf("the highlight stays on a unit not shown: %d", a.board.pick)
	}
	keys(t, a, "enter")
	if a.mode != modeBoard || !strings.Contains(a.status.text, "先按上下键选中") {
		t.Errorf("Enter: mode %d, status %q\n%s", a.mode, a.status.text, plain(a))
	}
}

// TestLargeCardGroupRank: with groups, presentation ranks each unit within
// its group (莱西市 is 3rd of the 县级市), and so do the band naming the
// highlighted unit and the large card's big rank: they showed its rank
// among all units (第 10 名) beside a page that says 3.
func TestLargeCardGroupRank(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	a := appOn(t, groupsFake(), 160, 45, q)
	s := a.current().Find(10) // 莱西市
	if s.Rank == s.InGroup.Rank {
		t.Fatalf("莱西市 ranks %d in all and in its group", s.Rank)
	}
	keys(t, a, "p")
	for a.board.pick != 10 {
		keys(t, a, "down")
	}
	want := fmt.Sprintf("组内第 %d 名", s.InGroup.Rank)
	wrong := fmt.Sprintf("第 %d 名", s.Rank)
	if out := plain(a); !strings.Contains(out, "选中：莱西市（县级市）  "+want) || strings.Contains(out, wrong) {
		t.Errorf("the band does not give the group rank %q:\n%s", want, out)
	}
	keys(t, a, "enter")
	head := ansi.Strip(strings.Join(a.card.bigHead(a.height), "\n"))
	if !strings.Contains(head, want) || strings.Contains(head, wrong) || !strings.Contains(head, "莱西市（县级市）") {
		t.Errorf("the large card's head:\n%s", head)
	}
	digits := ansi.Strip(strings.Join(a.card.bigNumber(s.InGroup.Rank, font5x7), "\n"))
	for _, l := range strings.Split(digits, "\n") {
		if !strings.Contains(head, l) {
			t.Fatalf("the big digits are not the group rank %d:\n%s", s.InGroup.Rank, head)
		}
	}
}

// TestEnterOnAPageWithoutUnits: Enter on a quarter without scores (no unit
// on the page) says there is no unit to open, instead of asking to
// highlight one with the arrows.
func TestEnterOnAPageWithoutUnits(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	f := storedFake()
	a := appOn(t, f, 100, 30, q)
	anotherWindowSaves(t, a, f, q, func(d *model.QuarterData) { d.Scores = nil })
	keys(t, a, "down", "enter")
	if a.mode != modeBoard || !strings.Contains(a.status.text, "这一页没有区市") {
		t.Fatalf("Enter on an empty page: mode %d, status %q", a.mode, a.status.text)
	}
}

// TestPickBandWholeAt80: the presentation's band naming the highlighted
// unit keeps its keys whole at 80 columns (with a group and a composite of
// six digits it lost 取消选中).
func TestPickBandWholeAt80(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	a := appOn(t, groupsFake(), 80, 24, q)
	keys(t, a, "p")
	for range 10 {
		keys(t, a, "down")
		band := ""
		for _, l := range strings.Split(plain(a), "\n") {
			if strings.Contains(l, "选中：") {
				band = l
			}
		}
		if !strings.HasSuffix(strings.TrimSpace(band), "取消选中") || !strings.Contains(band, "打开区市卡片") {
			t.Errorf("band %q", band)
		}
	}
}
