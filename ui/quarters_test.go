package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// typing2024Q1 is the demo history with 2024Q1 begun: only 市南区's
// scores are in, as after the first row typed in entry.
func typing2024Q1() *fakeData {
	f := newFakeData()
	d := model.Demo(1)
	last := d.Quarters[len(d.Quarters)-1]
	q := last
	q.Quarter, q.Locked = model.MustQuarter("2024Q1"), false
	q.Scores, q.Adjust = map[model.ScoreKey]model.Hundredths{}, map[model.AdjustKey]model.Hundredths{}
	for _, s := range q.Sections {
		q.Scores[model.ScoreKey{Unit: q.Units[0].ID, Section: s.ID}] = 9900
	}
	f.results = model.ComputeSeries(append(d.Quarters, q))
	f.quarters = append(f.quarters, q.Quarter)
	f.qdata = map[model.Quarter]model.QuarterData{q.Quarter: q}
	return f
}

// TestOpensOnLatestCompleteQuarter: a quarter still being typed does not
// open by default; the latest complete one does.
func TestOpensOnLatestCompleteQuarter(t *testing.T) {
	a := New(typing2024Q1(), Options{Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, model.Quarter{})
	if a.quarter != model.MustQuarter("2023Q4") {
		t.Fatalf("opened on %s, want 2023Q4 (2024Q1 is still being typed)", a.quarter)
	}
	if strings.Contains(plain(a), "未完成") {
		t.Errorf("the opening quarter is marked incomplete:\n%s", plain(a))
	}
}

// TestIncompleteQuarterShowsProvisionalRanksOnly: the first unit typed in
// is ranked provisionally, with no flag and no warning (it showed as
// `1 新 市南 … 警示`), on every width.
func TestIncompleteQuarterShowsProvisionalRanksOnly(t *testing.T) {
	q := model.MustQuarter("2024Q1")
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		a := New(typing2024Q1(), Options{Quarter: q, Profile: colorprofile.Ascii})
		a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		loadNow(t, a, q)
		for _, page := range []int{0, 2} { // ranking, flags
			a.board.page = page
			out := plain(a)
			if !strings.Contains(out, "暂定") {
				t.Errorf("%v page %d: not marked 暂定:\n%s", size, page+1, out)
			}
			for _, l := range strings.Split(out, "\n") {
				if strings.Contains(l, "市南") && strings.ContainsAny(l, "旗警牌") {
					t.Errorf("%v page %d: provisional 市南 holds a flag or warning: %q", size, page+1, l)
				}
			}
		}
		a.board.page, a.mode = 0, modePresent
		if out := plain(a); strings.Contains(out, "勇当排头") || strings.Contains(out, "约谈") {
			t.Errorf("%v presentation of an incomplete quarter shows a flag or warning:\n%s", size, out)
		}
	}
}

// TestEmptyDatabaseOpensTheQuarterBeingAssessed: with no quarter at all
// the dashboard opens the quarter before today's, and says which keys
// start the work as well as the commands.
func TestEmptyDatabaseOpensTheQuarterBeingAssessed(t *testing.T) {
	f := &fakeData{version: 1}
	now := func() time.Time { return time.Date(2026, 11, 15, 9, 0, 0, 0, time.Local) }
	a := New(f, Options{Profile: colorprofile.Ascii, Now: now})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, model.Quarter{})
	if a.quarter != model.MustQuarter("2026Q3") {
		t.Fatalf("an empty database opened on %s, want 2026Q3", a.quarter)
	}
	out := plain(a)
	for _, want := range []string{"2026Q3 还没有得分", "按 e 录入", "按 s 设置", "按 t", "starflag import --quarter 2026Q3"} {
		if !strings.Contains(out, want) {
			t.Errorf("empty screen lacks %q:\n%s", want, out)
		}
	}
	checkFits(t, a)
}

// TestQuarterPicker: t lists the quarters with their state and opens a
// typed one (full-width too); a quarter that does not exist is created only
// after a confirmation; a bad one is refused in the picker.
func TestQuarterPicker(t *testing.T) {
	f := typing2024Q1()
	f.invalid = []string{"10000Q1"}
	a := New(f, Options{Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, model.Quarter{})
	for _, w := range []int{80, 160} {
		a.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		if !strings.Contains(plain(a), "t 选择季度") {
			t.Errorf("%d columns: the key line lacks t 选择季度:\n%s", w, plain(a))
		}
	}
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	open := func() {
		t.Helper()
		cmd := press(a, "t")
		if a.mode != modeQuarters || cmd == nil {
			t.Fatalf("t did not open the picker")
		}
		a.Update(cmd()) // the invalid quarters
	}
	open()
	out := plain(a)
	for _, want := range []string{"选择季度", "2024Q1   未完成（缺 36 项）", "2023Q4   已完成  （当前）", "2023Q3   已完成  定稿",
		"10000Q1  无效"} {
		if !strings.Contains(out, want) {
			t.Errorf("picker lacks %q:\n%s", want, out)
		}
	}
	for _, size := range [][2]int{{60, 16}, {300, 80}, {80, 24}} {
		a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFits(t, a)
	}

	// A typed quarter, full-width as a Chinese input method sends it.
	for _, r := range "２０２３Ｑ２" {
		press(a, string(r))
	}
	if !strings.Contains(plain(a), "Enter 打开 2023Q2") {
		t.Errorf("no preview of the typed quarter:\n%s", plain(a))
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if a.mode != modeBoard {
		t.Fatalf("Enter on a stored quarter left the picker open")
	}
	loadNow(t, a, model.MustQuarter("2023Q2"))
	if a.quarter != model.MustQuarter("2023Q2") {
		t.Fatalf("opened %s, want 2023Q2", a.quarter)
	}

	// A bad quarter is refused in the picker, with the reason.
	open()
	for _, k := range []string{"1", "0", "0", "0", "0", "q", "1"} {
		press(a, k)
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if a.mode != modeQuarters || !strings.Contains(plain(a), "“10000q1”格式不对") {
		t.Errorf("10000q1 was not refused in the picker:\n%s", plain(a))
	}
	for range 7 {
		a.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}

	// A new quarter asks first; Esc cancels and nothing is created.
	for _, r := range "2030q1" {
		press(a, string(r))
	}
	if cmd := func() tea.Cmd { _, c := a.Update(tea.KeyPressMsg{Code: tea.KeyEnter}); return c }(); cmd != nil {
		t.Fatalf("Enter on a new quarter acted without asking")
	}
	if !strings.Contains(plain(a), "新建 2030Q1（沿用上一季度的板块和规则）？") {
		t.Errorf("no confirmation for a new quarter:\n%s", plain(a))
	}
	press(a, "esc")
	if a.quarter != model.MustQuarter("2023Q2") || !strings.Contains(plain(a), "已取消") {
		t.Errorf("after Esc: quarter %s\n%s", a.quarter, plain(a))
	}

	// Arrows select a listed quarter; Enter opens it; Esc leaves.
	open()
	press(a, "up")
	a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	loadNow(t, a, model.MustQuarter("2023Q3"))
	if a.quarter != model.MustQuarter("2023Q3") {
		t.Errorf("up, Enter from 2023Q2 opened %s, want 2023Q3", a.quarter)
	}
	open()
	a.Update(tea.PasteMsg{Content: "2023Q2\r\n2023Q1"}) // a cell copied from Excel: its first line
	if !strings.Contains(plain(a), "Enter 打开 2023Q2") {
		t.Errorf("a pasted quarter:\n%s", plain(a))
	}
	press(a, "esc")
	if a.mode != modeBoard {
		t.Errorf("Esc did not close the picker")
	}
}

// TestPickerDeletesOnlyWithConfirmation: Delete on the invalid quarter asks
// first; a quarter with scores is refused at once.
func TestPickerDeletesOnlyWithConfirmation(t *testing.T) {
	f := newFakeData()
	f.invalid = []string{"10000Q1"}
	a := newTestAppOn(t, f, model.Quarter{})
	cmd := press(a, "t")
	a.Update(cmd())
	a.Update(tea.KeyPressMsg{Code: tea.KeyDelete}) // 2023Q4 has scores
	if a.status.confirm != nil || !strings.Contains(plain(a), "不能删除") {
		t.Errorf("Delete on a scored quarter:\n%s", plain(a))
	}
	for range 10 {
		press(a, "down")
	}
	a.Update(tea.KeyPressMsg{Code: tea.KeyDelete})
	if a.status.confirm == nil || !strings.Contains(a.status.confirm.prompt, "删除无效的季度 10000Q1") {
		t.Fatalf("no confirmation for deleting 10000Q1:\n%s", plain(a))
	}
	_, cmd = a.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	a.Update(cmd())
	if !strings.Contains(plain(a), "未删除：只读的测试数据") { // the fake refuses every change
		t.Errorf("the delete did not reach the data:\n%s", plain(a))
	}
}

// TestNextQuarterStopsAt9999Q4: ] on the last valid quarter offers nothing
// (it stored 10000Q1, which bricked the database).
func TestNextQuarterStopsAt9999Q4(t *testing.T) {
	f := newFakeData()
	f.quarters = append(f.quarters, model.MaxQuarter)
	a := newTestAppOn(t, f, model.MaxQuarter)
	press(a, "]")
	if a.status.confirm != nil || !strings.Contains(plain(a), "已经是最后一个季度 9999Q4") {
		t.Errorf("] on 9999Q4: confirm %+v\n%s", a.status.confirm, plain(a))
	}
}

// newTestAppOn is an App on f at 80×24, loaded at q (zero: the default).
func newTestAppOn(t *testing.T, f *fakeData, q model.Quarter) *App {
	t.Helper()
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, q)
	return a
}
