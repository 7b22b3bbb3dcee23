package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// accessApp is 2024Q1 being typed (typing2024Q1) at 120×35, for a user
// with access acc, its 报送进度 naming reporters.
func accessApp(t *testing.T, acc *Access, reporters ...model.Reporter) *App {
	t.Helper()
	q := model.MustQuarter("2024Q1")
	a := New(typing2024Q1(), Options{Quarter: q, Profile: colorprofile.Ascii, Access: acc, Reporters: reporters})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
	loadNow(t, a, q)
	return a
}

// status is the status line's text.
func statusOf(a *App) string { return a.status.text }

// openEntry presses e and runs the sheet's load, if entry opened.
func openEntry(t *testing.T, a *App) {
	t.Helper()
	if cmd := press(a, "e"); cmd != nil && a.mode == modeEntry {
		a.Update(cmd())
	}
}

var (
	viewer   = &Access{Who: "投影电脑", Role: "查看"}
	reporter = &Access{Who: "市发改委", Role: "填报", Entry: true, Sections: []string{"经济运行", "项目签约落地"}}
	editor   = &Access{Who: "秘书处", Role: "录入", Entry: true}
	admin    = &Access{Who: "管理员", Role: "管理", Entry: true, Setup: true}
)

// TestViewerMayOnlyLook: a viewer's e and s are refused, saying who may
// not and why; pages, presentation and the audit log stay open.
func TestViewerMayOnlyLook(t *testing.T) {
	a := accessApp(t, viewer)
	if !strings.Contains(plain(a), "投影电脑（查看）") {
		t.Errorf("the title bar does not name the viewer:\n%s", plain(a))
	}
	openEntry(t, a)
	if a.mode != modeBoard || !strings.Contains(statusOf(a), "投影电脑（查看）只能查看，不能录入") {
		t.Fatalf("e as a viewer: mode %d, status %q", a.mode, statusOf(a))
	}
	press(a, "s")
	if a.mode != modeBoard || !strings.Contains(statusOf(a), "设置需要管理权限") {
		t.Fatalf("s as a viewer: mode %d, status %q", a.mode, statusOf(a))
	}
	press(a, "p")
	if a.mode != modePresent {
		t.Fatalf("p as a viewer: mode %d, want presentation", a.mode)
	}
}

// TestReporterTypesOnlyItsSections: a reporter types in its sections;
// every other cell, the adjustment too, is read-only and says why, and a
// paste touching another section is refused whole, naming the cells.
func TestReporterTypesOnlyItsSections(t *testing.T) {
	a := accessApp(t, reporter)
	openEntry(t, a)
	if a.mode != modeEntry || !a.entry.ready {
		t.Fatalf("a reporter's entry did not open: mode %d, status %q", a.mode, statusOf(a))
	}
	e := a.entry
	e.row, e.col = 1, 0 // 市北区/经济运行: its own
	press(a, "8")
	if !e.editing {
		t.Fatalf("typing into its own section: not editing (status %q)", statusOf(a))
	}
	press(a, "esc")
	for _, col := range []int{2, 3, e.cols() - 1} { // 城市更新建设, 优化营商环境, the adjustment
		e.col = col
		name := e.colName(col)
		if !strings.Contains(plain(a), "：只读（市发改委（填报）只能录入 经济运行、项目签约落地 的得分，"+name+" 只读）") {
			t.Errorf("the note on %s does not say why it is read-only:\n%s", name, plain(a))
		}
		press(a, "8")
		if e.editing || !strings.Contains(statusOf(a), "没有权限：市发改委（填报）只能录入 经济运行、项目签约落地 的得分，"+name+" 只读") {
			t.Errorf("typing into %s: editing %v, status %q", name, e.editing, statusOf(a))
		}
	}
	e.col = 1 // 项目签约落地: its own; the block reaches into 城市更新建设
	a.Update(tea.PasteMsg{Content: "80\t81\r\n82\t83"})
	want := "粘贴被拒绝，没有保存任何数值：这块粘贴涉及其他板块的格：市北区/城市更新建设、李沧区/城市更新建设（市发改委（填报）只能录入 经济运行、项目签约落地）"
	if !a.status.err || statusOf(a) != "没有权限："+want && statusOf(a) != want {
		t.Errorf("a paste into another section: status %q, want %q", statusOf(a), want)
	}
	if cmd := func() tea.Cmd { _, c := a.Update(tea.PasteMsg{Content: "80\r\n82"}); return c }(); cmd == nil {
		t.Errorf("a paste into its own section saved nothing: status %q", statusOf(a))
	}
}

// TestOnlyAnAdminCreatesQuartersOrOpensSetup: an editor types anywhere
// but may not open setup, nor create a quarter past the latest; an admin
// may.
func TestOnlyAnAdminCreatesQuartersOrOpensSetup(t *testing.T) {
	a := accessApp(t, editor)
	press(a, "]")
	if a.status.confirm != nil || !strings.Contains(statusOf(a), "新建季度 2024Q2需要管理权限") {
		t.Errorf("] on the latest quarter as an editor: question %v, status %q", a.status.confirm != nil, statusOf(a))
	}
	press(a, "s")
	if a.mode != modeBoard {
		t.Errorf("an editor opened setup")
	}
	openEntry(t, a)
	a.entry.col = 3
	press(a, "8")
	if !a.entry.editing {
		t.Errorf("an editor may not type into 优化营商环境: %q", statusOf(a))
	}

	a = accessApp(t, admin)
	press(a, "]")
	if a.status.confirm == nil {
		t.Errorf("] on the latest quarter as an admin does not offer to create 2024Q2: %q", statusOf(a))
	}
}

// TestChangedMsgReloadsAtOnce: starflag serve's broadcast of another
// session's save reloads the quarter at once, without waiting for the poll.
func TestChangedMsgReloadsAtOnce(t *testing.T) {
	f := typing2024Q1()
	q := model.MustQuarter("2024Q1")
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii, PollInterval: time.Hour})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
	loadNow(t, a, q)
	before := plain(a)
	full := newFakeData().results // 2024Q1 gone: as if every score but 市南区's were deleted…
	for i := range f.results {
		if f.results[i].Quarter == q {
			f.results[i].Missing = nil // …rather: now complete
			f.results[i].Standings = full[len(full)-1].Standings
		}
	}
	_, cmd := a.Update(ChangedMsg{})
	if cmd == nil {
		t.Fatal("ChangedMsg started no reload")
	}
	for _, msg := range runBatch(cmd) {
		a.Update(msg)
	}
	if plain(a) == before || strings.Contains(plain(a), "暂定") {
		t.Errorf("after ChangedMsg the ranking still shows the old data:\n%s", plain(a))
	}
}

// runBatch runs cmd and the commands of a batch, returning their messages.
func runBatch(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runBatch(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// TestProgressOnRankingAndEntry: 报送进度 names the complete and the
// missing sections and whether each reporter's are in, on the ranking page
// of an incomplete quarter and in entry's heading.
func TestProgressOnRankingAndEntry(t *testing.T) {
	a := accessApp(t, nil, model.Reporter{Name: "市发改委", Sections: []string{"经济运行"}},
		model.Reporter{Name: "市城建局", Sections: []string{"城市更新建设"}})
	short := "报送进度：板块 0/4 已齐；报送单位 0/2 已报齐"
	if !strings.Contains(plain(a), short) {
		t.Errorf("the ranking page at 120 columns has no 报送进度 line %q:\n%s", short, plain(a))
	}
	a.Update(tea.WindowSizeMsg{Width: 240, Height: 67})
	want := "报送进度：经济运行 缺 9，项目签约落地 缺 9，城市更新建设 缺 9，优化营商环境 缺 9；市发改委 未报齐（缺 9），市城建局 未报齐（缺 9）"
	if !strings.Contains(plain(a), want) {
		t.Errorf("the ranking page at 240 columns has no 报送进度 line %q:\n%s", want, plain(a))
	}
	openEntry(t, a)
	if !strings.Contains(plain(a), "录入 2024Q1    报送进度：") {
		t.Errorf("entry's heading has no 报送进度:\n%s", plain(a))
	}
}

// TestAuditScreenSaysWhoChangedWhatWhen: a lists the shown quarter's
// changes, newest first, naming people over SSH by name and role.
func TestAuditScreenSaysWhoChangedWhatWhen(t *testing.T) {
	f := typing2024Q1()
	q := model.MustQuarter("2024Q1")
	at := time.Date(2024, 4, 3, 9, 30, 0, 0, time.Local)
	f.changes = map[model.Quarter][]model.Change{q: {
		{At: at.Add(time.Minute), Action: "score", Unit: "市北区", Field: "经济运行", Old: "80.00", New: "", Source: "ssh:市发改委:reporter:undo"},
		{At: at, Action: "score", Unit: "市北区", Field: "经济运行", Old: "", New: "80.00", Source: "ssh:市发改委:reporter"},
		{At: at, Action: "lock", Field: "定稿", Old: "否", New: "是", Source: "setup"},
	}}
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 35})
	loadNow(t, a, q)
	cmd := press(a, "a")
	if a.mode != modeAudit || cmd == nil {
		t.Fatalf("a did not open the audit log: mode %d", a.mode)
	}
	a.Update(cmd())
	out := plain(a)
	for _, want := range []string{"修改记录 2024Q1（最新的在上，共 3 条）", "2024-04-03 09:31 市发改委（填报）撤销 市北区",
		"经济运行       80.00 → （空）", "市发改委（填报）     市北区     经济运行       （空） → 80.00", "本机设置"} {
		if !strings.Contains(out, want) {
			t.Errorf("the audit log lacks %q:\n%s", want, out)
		}
	}
	press(a, "esc")
	if a.mode != modeBoard {
		t.Errorf("Esc did not leave the audit log")
	}
}

// TestAuditValuesWholeAt80: at 80 columns the old and new values stay
// whole; a long 修改人 (an import of several files) gives way instead
// (the new value was cut to 83.).
func TestAuditValuesWholeAt80(t *testing.T) {
	f := typing2024Q1()
	q := model.MustQuarter("2024Q1")
	at := time.Date(2024, 4, 3, 9, 30, 0, 0, time.Local)
	f.changes = map[model.Quarter][]model.Change{q: {
		{At: at, Action: "score", Unit: "李沧区", Field: "项目签约落地", Old: "78.50", New: "83.00", Source: "entry"},
		{At: at, Action: "score", Unit: "莱西市", Field: "群众满意度加分", Old: "", New: "0.50", Source: "import:发改委.xlsx、住建局.xlsx、商务局.xlsx"},
	}}
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	loadNow(t, a, q)
	a.Update(press(a, "a")())
	out := plain(a)
	for _, want := range []string{"78.50 → 83.00", "（空） → 0.50"} {
		if !strings.Contains(out, want) {
			t.Errorf("the audit log lacks %q:\n%s", want, out)
		}
	}
}
