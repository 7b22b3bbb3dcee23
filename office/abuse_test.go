package office_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
	"starflag/office/officetest"
)

// Terminal abuse: what a fidgety user or a stuck key does to the dashboard
// and entry. Nothing may panic, hang, or draw a frame larger than the
// terminal; afterwards the screens work as before.

var abuseSizes = [][2]int{{1, 1}, {2, 1}, {1, 60}, {3, 3}, {59, 15}, {500, 200}, {500, 3}, {7, 500}, {80, 24}}

// TestResizeAbuse resizes every mode (the five pages, help, presentation,
// entry with a half-typed value, setup) down to 1×1, up to 500 columns and
// back, checking each frame.
func TestResizeAbuse(t *testing.T) {
	h := demoHarness(t, 80, 24, model.MustQuarter("2023Q4"))
	modes := []struct {
		name       string
		enter, out []string
		want       string // on the frame at 80×24 afterwards
	}{
		{"ranking", []string{"1"}, nil, "综合排名"},
		{"stars", []string{"2"}, nil, "评星"},
		{"flags", []string{"3"}, nil, "夺旗"},
		{"seats", []string{"4"}, nil, "座次"},
		{"year", []string{"5"}, nil, "年度"},
		{"help", []string{"?"}, []string{"esc"}, "帮助"},
		{"present", []string{"p"}, []string{"esc"}, "市南"},
		{"entry", []string{"e", "down", "9"}, []string{"esc", "esc"}, "录入"},
		{"setup", []string{"s"}, []string{"esc"}, "设置"},
	}
	for _, m := range modes {
		h.Key(m.enter...)
		h.Settle()
		for _, size := range abuseSizes {
			h.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			officetest.CheckFrame(t, fmt.Sprintf("%s at %d×%d", m.name, size[0], size[1]), h.App.View().Content, size[0], size[1])
		}
		if s := h.Screen(); !strings.Contains(s, m.want) {
			t.Errorf("%s back at 80×24 lacks %q:\n%s", m.name, m.want, s)
		}
		h.Key(m.out...)
		h.Settle()
	}
}

// TestPasteOneMegabyte pastes a megabyte of text into entry in several
// shapes: each is refused at once with a reason, nothing is saved, and the
// frame still fits.
func TestPasteOneMegabyte(t *testing.T) {
	h := demoHarness(t, 80, 24, model.MustQuarter("2023Q4"))
	q := model.MustQuarter("2023Q4")
	before := h.QuarterData(q)
	h.Key("e")
	h.Until("entry", func() bool { return strings.Contains(h.Screen(), "市南区/") })
	for name, text := range map[string]string{
		"numbers":  strings.Repeat("90\t80.5\t70\t66\r\n", 1<<20/16),
		"one cell": strings.Repeat("9", 1<<20),
		"escapes":  strings.Repeat("\x1b[2J\x1b]0;x\x07", 1<<20/10),
		"text":     strings.Repeat("市南区的得分是九十分。", 1<<20/33),
	} {
		start := time.Now()
		h.Paste(text)
		h.Settle()
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: paste of %d KB took %v", name, len(text)/1024, took)
		}
		s := h.Screen()
		if !strings.Contains(s, "太大") {
			t.Errorf("%s: no refusal on screen:\n%s", name, s)
		}
		officetest.CheckFrame(t, "after pasting "+name, h.App.View().Content, 80, 24)
	}
	// A hostile block under the cap is refused naming the cell, safely.
	h.Paste("\x1b[2J\t\x1b]0;x\x07\r\n")
	h.Settle()
	officetest.CheckFrame(t, "after pasting escapes", h.App.View().Content, 80, 24)
	if after := h.QuarterData(q); !reflect.DeepEqual(after.Scores, before.Scores) || !reflect.DeepEqual(after.Adjust, before.Adjust) {
		t.Error("a refused paste changed the quarter")
	}
}

// TestHoldingKeysDown sends 5,000 repeats of each key, as a key held down
// (or a stuck key) does, to the dashboard and to entry: frames fit
// throughout and each key is handled quickly.
func TestHoldingKeysDown(t *testing.T) {
	const n = 5000
	h := demoHarness(t, 80, 24, model.MustQuarter("2023Q4"))
	hold := func(where, k string) {
		t.Helper()
		start := time.Now()
		for i := range n {
			h.Key(k)
			if i%500 == 0 {
				officetest.CheckFrame(t, fmt.Sprintf("%s: %s ×%d", where, k, i), h.App.View().Content, 80, 24)
			}
		}
		took := time.Since(start)
		h.Settle()
		officetest.CheckFrame(t, fmt.Sprintf("%s: %s ×%d", where, k, n), h.App.View().Content, 80, 24)
		// A repeat rate is about 30 keys a second; ten times that is ample
		// headroom even on a loaded test machine.
		if per := took / n; per > 3*time.Millisecond {
			t.Errorf("%s: %s held down: %v per key (%v for %d)", where, k, per, took, n)
		}
		t.Logf("%s: %s ×%d in %v", where, k, n, took)
	}
	for _, k := range []string{"down", "up", "pgdown", "tab", "2", "space"} {
		hold("dashboard", k)
	}
	h.Key("1")
	h.Key("e")
	h.Until("entry", func() bool { return strings.Contains(h.Screen(), "市南区/") })
	for _, k := range []string{"down", "right", "tab", "shift+tab", "up"} {
		hold("entry", k)
	}
	hold("entry", "9") // one value of 5,000 digits being typed
	h.Key("enter")
	h.Settle()
	officetest.CheckFrame(t, "entry after a 5,000-digit value", h.App.View().Content, 80, 24)
	if s := h.Screen(); !strings.Contains(s, "未保存") && !strings.Contains(s, "过大") {
		t.Errorf("a 5,000-digit value was not refused:\n%s", s)
	}
	h.Key("esc", "esc")
	h.Settle()
	if s := h.Screen(); !strings.Contains(s, "综合排名") {
		t.Errorf("the dashboard did not come back:\n%s", s)
	}
}
