package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestErrorsInTheDashboard: on the status line, an error of every code
// reads as its sentence, without the code's word or its cause's text, and
// every advice names the dashboard's keys, never a command to type.
func TestErrorsInTheDashboard(t *testing.T) {
	a := newTestApp(t, 160, 30, model.Quarter{}, colorprofile.Ascii)
	status := func(err error) string {
		a.Update(loadedMsg{gen: a.loadGen, err: err})
		for _, l := range strings.Split(plain(a), "\n") {
			if _, s, ok := strings.Cut(l, "读取数据库失败："); ok {
				return strings.TrimSpace(s)
			}
		}
		t.Fatalf("no status line after %q:\n%s", err, plain(a))
		return ""
	}
	q := model.MustQuarter("2023Q2")
	for _, code := range model.Codes {
		if got := status(&model.Error{Code: code, Message: "2023Q2 不行", Err: errors.New("disk I/O error")}); got != "2023Q2 不行" {
			t.Errorf("%v: the dashboard says %q", code, got)
		}
	}
	for _, adv := range model.Advices {
		got := status(fmt.Errorf("%w", model.Errorf(model.ErrLocked, "句子").Advise(adv, q)))
		advice, _ := strings.CutPrefix(got, "句子")
		if advice == "" || advice == got || strings.Contains(got, "unlock") ||
			strings.Contains(advice, "解锁") && !strings.Contains(advice, "设置（s）") {
			t.Errorf("advice %d: the dashboard says %q", adv, got)
		}
	}
}

// TestLongStatusIsWhole: a refusal longer than the screen is wide goes on
// over the lines above the key line instead of being cut at the edge
// (at 80 columns the locked quarter's advice lost its command).
func TestLongStatusIsWhole(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	for _, why := range []string{"2023Q4 已定稿，板块、规则和座位只读；要修改，先在「5 定稿」页解锁，或运行 starflag unlock --quarter 2023Q4",
		"2023Q4 已定稿，只读。要修改，先在设置（s）里解锁，或运行 starflag unlock --quarter 2023Q4"} {
		longStatusIsWhole(t, a, why)
	}
}

func longStatusIsWhole(t *testing.T, a *App, why string) {
	t.Helper()
	a.setError(why) // the status is set at once; the command only clears it later
	lines := strings.Split(plain(a), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines", len(lines))
	}
	text := ""
	for _, l := range lines[len(lines)-4 : len(lines)-1] {
		text += strings.TrimSpace(l)
	}
	if !strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(why, " ", "")) {
		t.Errorf("status cut:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(plain(a), "starflag unlock --quarter 2023Q4") {
		t.Errorf("the command is broken over two lines:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[23], "帮助") {
		t.Errorf("the key line is gone:\n%s", strings.Join(lines, "\n"))
	}
}

// TestEntryCellNoteWhole: the line under the entry grid naming the cell
// and its range gives as many of its key hints as fit, each whole (at 100
// columns it ended in “Esc” without 离开; at 80 in “Delete 清”).
func TestEntryCellNoteWhole(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 45}} {
		a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
		openEntry(t, a)
		note := shownLine(a, "（0–100.00）")
		whole := strings.HasSuffix(note, "）")
		for _, end := range []string{"保存并下移", "修改", "清除", "撤销", "离开"} {
			whole = whole || strings.HasSuffix(note, end)
		}
		if !whole {
			t.Errorf("%v: note %q", size, note)
		}
	}
}

// TestEntryLockedHeadingWhole: entry's heading in a locked quarter says
// how to unlock whole at every width: at 80 columns it ended in
// “--quarter 2024” (the command loses its place to the key first).
func TestEntryLockedHeadingWhole(t *testing.T) {
	for _, w := range []int{80, 100, 160} {
		f := storedFake()
		q := model.MustQuarter("2023Q4")
		d := f.qdata[q]
		d.Locked = true
		f.qdata[q] = d
		a := appOn(t, f, w, 24, q)
		openEntry(t, a)
		head := strings.Split(plain(a), "\n")[1]
		if !strings.Contains(head, "已定稿，只读") || !strings.HasSuffix(strings.TrimSpace(head), "解锁") && !strings.HasSuffix(strings.TrimSpace(head), "--quarter 2023Q4") {
			t.Errorf("%d: heading %q", w, head)
		}
	}
}
