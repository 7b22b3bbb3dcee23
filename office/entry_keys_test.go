package office_test

import (
	"strings"
	"testing"

	"starflag/model"
)

// Issue 10, "Entry: what is typed is what is saved, or nothing is".

// adjust reads one stored adjustment ("" when none).
func (h *uiHarness) adjust(unit string) string {
	h.T.Helper()
	d := h.QuarterData(entryQ)
	for _, u := range d.Units {
		if v, ok := d.Adjust[model.AdjustKey{Unit: u.ID, Item: d.Adjustments[0].ID}]; ok && u.Name == unit {
			return v.String()
		}
	}
	return ""
}

// noScores fails when anything at all is stored for the quarter.
func (h *uiHarness) noScores(after string) {
	h.T.Helper()
	h.Settle()
	if d := h.QuarterData(entryQ); len(d.Scores)+len(d.Adjust) > 0 {
		h.T.Fatalf("%s saved %v %v", after, d.Scores, d.Adjust)
	}
}

// TestEntryTypedSlipsAreRefusedAsTyped: every printable key typed into a
// cell is part of its text, so a slip is refused as typed, in red with its
// reason, and nothing is saved; j and k do not move while typing.
func TestEntryTypedSlipsAreRefusedAsTyped(t *testing.T) {
	h := entryHarness(t, 100, 30)
	for _, typed := range []string{"9o.5", "9 5", "0x5A", "1e2", "88.1分", "8j.5", "8k.5", "5q", "5?", "NaN"} {
		h.Key(typed, "enter")
		scr := h.Screen()
		for _, want := range []string{"市南区/经济运行：“" + typed + "”不是数字，未保存", typed + "!"} {
			if !strings.Contains(scr, want) {
				t.Errorf("typed %q: screen lacks %q:\n%s", typed, want, scr)
			}
		}
		h.noScores("typing " + typed)
		h.Key("delete") // drop the refused text
	}
}

// TestEntryLeavingTheCellChecksTheValue: Tab, Shift+Tab and the arrows
// check the text like Enter; the cursor stays on a refused value.
func TestEntryLeavingTheCellChecksTheValue(t *testing.T) {
	h := entryHarness(t, 100, 30)
	h.Key("down", "tab") // 市北区/项目签约落地: every direction is open
	for _, leave := range []string{"tab", "shift+tab", "up", "down", "left", "right"} {
		h.Key("9o", leave)
		if scr := h.Screen(); !strings.Contains(scr, "市北区/项目签约落地：“9o”不是数字，未保存") {
			t.Errorf("9o then %s: no refusal on the cell:\n%s", leave, scr)
		}
		h.noScores("9o then " + leave)
		h.Key("delete")
	}
	// The keys that act while typing: Backspace takes the last character,
	// Delete what was typed, F2 nothing; others (Ctrl+Z, Home) type nothing.
	h.Key("9o", "backspace", "f2", "ctrl+z", "home", "enter")
	h.waitScore("市北区", "项目签约落地", "9.00")
	h.Key("8o", "delete", "75", "enter")
	h.waitScore("李沧区", "项目签约落地", "75.00")
}

// TestEntryLeadingPointAndFullWidth: .5 is 0.50 as in Excel; full-width
// digits and both kinds of point work.
func TestEntryLeadingPointAndFullWidth(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key(".5", "enter", "９５。５", "enter", "．２５", "enter")
	h.waitScore("市南区", "经济运行", "0.50")
	h.waitScore("市北区", "经济运行", "95.50")
	h.waitScore("李沧区", "经济运行", "0.25")
}

// TestEntryEscAfterARefusedValue: the first Esc discards the refused text
// and shows the saved value again, staying in the grid; the second leaves.
func TestEntryEscAfterARefusedValue(t *testing.T) {
	h := entryHarness(t, 100, 30)
	h.Key("9o.5", "enter")
	h.Key("esc")
	scr := h.Screen()
	if !strings.Contains(scr, "录入 2023Q1") || strings.Contains(scr, "9o.5") {
		t.Fatalf("Esc after a refused value did not stay in the grid with it gone:\n%s", scr)
	}
	h.Key("7", "enter") // still the same cell
	h.waitScore("市南区", "经济运行", "7.00")
	h.Key("up", "8j", "enter", "esc")
	if scr := h.Screen(); !strings.Contains(scr, "7.00") || strings.Contains(scr, "8j") {
		t.Fatalf("Esc did not show the saved value again:\n%s", scr)
	}
	h.Key("esc")
	h.shown("5 年度")
	if got := h.score("市南区", "经济运行"); got != "7.00" {
		t.Fatalf("市南区/经济运行 = %s after the refusal was discarded", got)
	}
}

// TestEntryComesBackToTheSameCell: leaving entry and coming back returns to
// the cell it left.
func TestEntryComesBackToTheSameCell(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("down", "down", "tab", "esc")
	h.shown("5 年度")
	h.Key("e")
	h.shown("李沧区/项目签约落地（") // the cursor's cell, named under the grid
	h.Key("77", "enter")
	h.waitScore("李沧区", "项目签约落地", "77.00")
}

// TestEntryHomeEndKeys: Home/End go to the row's first/last cell,
// Ctrl+Home/Ctrl+End to the grid's.
func TestEntryHomeEndKeys(t *testing.T) {
	h := entryHarness(t, 100, 30)
	h.Key("down", "tab", "end", "1", "enter") // 市北区's last cell: the adjustment
	h.Until("市北区's adjustment", func() bool { return h.adjust("市北区") == "1.00" })
	h.Key("home", "60", "enter") // 李沧区's first cell
	h.waitScore("李沧区", "经济运行", "60.00")
	h.Key("ctrl+end", "2", "enter")
	h.Until("莱西市's adjustment", func() bool { return h.adjust("莱西市") == "2.00" })
	h.Key("ctrl+home", "50", "enter")
	h.waitScore("市南区", "经济运行", "50.00")
}

// TestEntryEnterAfterTabsReturnsToTheFirstColumn: typing a row with Tab and
// ending it with Enter goes to the next row in the column the Tabs began.
func TestEntryEnterAfterTabsReturnsToTheFirstColumn(t *testing.T) {
	h := entryHarness(t, 100, 30)
	h.Key("90", "tab", "80", "tab", "70", "enter", "60", "enter", "50", "enter")
	h.waitScore("市南区", "城市更新建设", "70.00")
	h.waitScore("市北区", "经济运行", "60.00")
	h.waitScore("李沧区", "经济运行", "50.00")
	h.Key("right", "tab", "tab", "enter", "40", "enter") // a run of Tabs over empty cells, from column 2
	h.waitScore("西海岸新区", "项目签约落地", "40.00")
}

// TestStatusBelongsToItsScreen: leaving entry or setup clears its message.
func TestStatusBelongsToItsScreen(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("90", "enter")
	h.shown("已保存 市南区/经济运行")
	h.Key("esc")
	h.shown("5 年度")
	if scr := h.Screen(); strings.Contains(scr, "已保存") {
		t.Errorf("entry's message stayed on the dashboard:\n%s", scr)
	}
	h.Key("e")
	h.shown("市北区/经济运行（")
	h.Key("80", "enter", "esc") // left before the save came back
	h.waitScore("市北区", "经济运行", "80.00")
	h.Settle()
	if scr := h.Screen(); strings.Contains(scr, "已保存") {
		t.Errorf("a save reported after leaving entry shows on the dashboard:\n%s", scr)
	}
	h.Key("s")
	h.shown("设置 2023Q1")
	h.Paste("市北区")
	h.shown("先选中要填写的项")
	h.Key("esc")
	h.shown("5 年度")
	if scr := h.Screen(); strings.Contains(scr, "先选中要填写的项") {
		t.Errorf("setup's message stayed on the dashboard:\n%s", scr)
	}
}

// TestEntryPastePlacedByNames: a block with unit names in its first column
// goes to those units; one with section names in its first row to those
// columns; a terminal's CR CR line ends are one row break.
func TestEntryPastePlacedByNames(t *testing.T) {
	h := entryHarness(t, 100, 30)
	h.Paste("黄岛区\t90\r\n市南\t80\r\n")
	h.shown("已粘贴并保存 2 个数值")
	h.waitScore("西海岸新区", "经济运行", "90.00")
	h.waitScore("市南区", "经济运行", "80.00")
	h.Paste("城市更新建设\r\r70\r\r71\r\r")
	h.shown("已粘贴并保存 2 个数值")
	h.waitScore("市南区", "城市更新建设", "70.00")
	h.waitScore("市北区", "城市更新建设", "71.00")
}
