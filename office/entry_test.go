package office_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
)

var entryQ = officetest.EntryQuarter

// entryHarness is a fresh database whose 2023Q1 has the three default
// sections and no scores, with the dashboard in entry on it.
func entryHarness(t *testing.T, w, h int) *uiHarness {
	t.Helper()
	h2 := attachHarness(t, officetest.EntryDB(t, t.TempDir()+"/s.db"), w, h, entryQ)
	h2.Key("e")
	h2.Until("the entry grid", func() bool {
		return strings.Contains(h2.Screen(), "录入 2023Q1") && strings.Contains(h2.Screen(), "市南")
	})
	return h2
}

// score reads one stored score ("" when none).
func (h *uiHarness) score(unit, section string) string {
	h.T.Helper()
	d := h.QuarterData(entryQ)
	for _, u := range d.Units {
		for _, s := range d.Sections {
			if u.Name == unit && s.Name == section {
				if v, ok := d.Scores[model.ScoreKey{Unit: u.ID, Section: s.ID}]; ok {
					return v.String()
				}
			}
		}
	}
	return ""
}

func (h *uiHarness) waitScore(unit, section, want string) {
	h.T.Helper()
	h.Until(unit+"/"+section+" = "+want, func() bool { return h.score(unit, section) == want })
}

func TestEntryTypedValuesAreSavedAndMoveDown(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("92.5", "enter")
	h.waitScore("市南区", "经济运行", "92.50")
	h.Key("88", "enter") // the cursor moved down to 市北区
	h.waitScore("市北区", "经济运行", "88.00")
	h.Key("tab", "７５．５", "enter") // full-width digits and point from a Chinese input method
	h.waitScore("李沧区", "项目签约落地", "75.50")
	h.Until("saved message", func() bool { return strings.Contains(h.Screen(), "已保存") })
}

func TestEntryRefusedValueIsNotSavedAndStaysWithReason(t *testing.T) {
	h := entryHarness(t, 80, 24)
	cases := []struct{ typed, why string }{
		{"101", "超过满分 100.00"},
		{"95.555", "最多 2 位小数"},
		{"-3", "负数"},
		{"1-2", "不是数字"},
	}
	for _, c := range cases {
		h.Key(c.typed, "enter")
		scr := h.Screen()
		if !strings.Contains(scr, c.why) || !strings.Contains(scr, "未保存") || !strings.Contains(scr, c.typed+"!") {
			t.Errorf("typed %q: screen lacks the refusal %q:\n%s", c.typed, c.why, scr)
		}
		h.Settle()
		if got := h.score("市南区", "经济运行"); got != "" {
			t.Fatalf("refused %q was saved as %s", c.typed, got)
		}
		h.Key("delete") // drop the refused text
	}
	// Letters never reach a cell (an input method would swallow them anyway).
	h.Key("NaN", "enter")
	h.Settle()
	if got := h.score("市南区", "经济运行"); got != "" {
		t.Fatalf("NaN saved as %s", got)
	}
}

func TestEntryEditClearUndoRedo(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("90", "enter")
	h.waitScore("市南区", "经济运行", "90.00")
	h.Key("up", "f2", "backspace", "backspace", "backspace", "backspace", "backspace", "85", "enter") // F2 edits the saved value "90.00"
	h.waitScore("市南区", "经济运行", "85.00")
	h.Key("up", "delete")
	if !strings.Contains(h.Screen(), "清除 市南区/经济运行") {
		t.Fatalf("Delete did not ask:\n%s", h.Screen())
	}
	h.Key("enter")
	h.waitScore("市南区", "经济运行", "")
	h.Key("ctrl+z")
	h.waitScore("市南区", "经济运行", "85.00")
	h.Key("ctrl+z")
	h.waitScore("市南区", "经济运行", "90.00")
	h.Key("ctrl+y")
	h.waitScore("市南区", "经济运行", "85.00")
	// Esc while typing cancels; Esc in the grid leaves entry.
	h.Key("7", "esc")
	if h.Settle(); h.score("市南区", "经济运行") != "85.00" {
		t.Fatal("Esc while typing saved something")
	}
	h.Key("esc")
	h.Until("the dashboard", func() bool { return strings.Contains(h.Screen(), "1 排名") })
}

// TestEntryUndoEndsWithTheDashboard: undo history lives in the database,
// but a restarted dashboard is a new session: Ctrl+Z does not reach what
// the one before typed (it says so), and takes back what it types itself.
func TestEntryUndoEndsWithTheDashboard(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("90", "enter")
	h.waitScore("市南区", "经济运行", "90.00")
	h2 := attachHarness(t, openStore(t, h.DB.Path()), 80, 24, entryQ) // the dashboard started again
	h2.Key("e")
	h2.Until("the grid", func() bool {
		return strings.Contains(h2.Screen(), "录入 2023Q1") && strings.Contains(h2.Screen(), "90.00")
	})
	h2.Key("ctrl+z")
	h2.Until("nothing to undo", func() bool { return strings.Contains(h2.Screen(), "本窗口没有可以撤销的录入") })
	if got := h2.score("市南区", "经济运行"); got != "90.00" {
		t.Fatalf("the restarted dashboard's Ctrl+Z changed 市南区 to %q", got)
	}
	h2.Key("91", "enter")
	h2.waitScore("市南区", "经济运行", "91.00")
	h2.Key("ctrl+z")
	h2.waitScore("市南区", "经济运行", "90.00")
}

func TestEntryPasteBlockFromExcel(t *testing.T) {
	h := entryHarness(t, 160, 45)
	var rows []string
	for i := range 10 {
		// ten units × three sections plus the adjustment: a 10×4 block
		rows = append(rows, strings.Join([]string{"9" + string(rune('0'+i)), "8" + string(rune('0'+i)) + ".5", "70", "1"}, "\t"))
	}
	h.Paste(strings.Join(rows, "\r\n") + "\r\n")
	h.Until("the paste saved", func() bool { return strings.Contains(h.Screen(), "已粘贴并保存 40 个数值") })
	d := h.QuarterData(entryQ)
	if len(d.Scores) != 30 || len(d.Adjust) != 10 {
		t.Fatalf("after paste: %d scores, %d adjustments", len(d.Scores), len(d.Adjust))
	}
	if got := h.score("莱西市", "项目签约落地"); got != "89.50" {
		t.Errorf("莱西市/项目签约落地 = %s, want 89.50", got)
	}
	// The live ranking beside the grid is complete now.
	h.Until("the live ranking", func() bool {
		return strings.Contains(h.Screen(), "实时排名") && !strings.Contains(h.Screen(), "暂定")
	})
	// One Ctrl+Z takes the whole block back.
	h.Key("ctrl+z")
	h.Until("the paste undone", func() bool { return len(h.QuarterData(entryQ).Scores) == 0 })
}

func TestEntryPasteWithOneBadCellWritesNothing(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Paste("90\t80\n91\tabc\n92\t101\n")
	h.Until("the refusal", func() bool { return strings.Contains(h.Screen(), "粘贴被拒绝") })
	scr := h.Screen()
	for _, want := range []string{"没有保存任何数值", "市北区", "“abc”"} {
		if !strings.Contains(scr, want) {
			t.Errorf("refusal lacks %q:\n%s", want, scr)
		}
	}
	h.Settle()
	if d := h.QuarterData(entryQ); len(d.Scores) != 0 {
		t.Fatalf("a refused paste saved %d scores", len(d.Scores))
	}
}

func TestEntryLockedQuarterIsReadOnly(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("90", "enter")
	h.waitScore("市南区", "经济运行", "90.00")
	if _, err := h.DB.Lock(context.Background(), entryQ, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h.Key("esc")
	h.Settle()
	h.Key("e")
	h.Until("the locked banner", func() bool { return strings.Contains(h.Screen(), "已定稿，只读") })
	h.Key("up", "55", "enter")
	h.Until("the refusal", func() bool { return strings.Contains(h.Screen(), "unlock") })
	h.Key("ctrl+z")
	h.Settle()
	if got := h.score("市南区", "经济运行"); got != "90.00" {
		t.Fatalf("locked quarter changed to %s", got)
	}
	// The store refuses too, whatever the screen does.
	v := model.Hundredths(100)
	d := h.QuarterData(entryQ)
	if err := h.DB.SetScore(context.Background(), entryQ, d.Units[0].ID, d.Sections[0].ID, &v, store.SourceEntry); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("store accepted an edit of a locked quarter: %v", err)
	}
}

func TestNewQuarterWithConfirmationCopiesSections(t *testing.T) {
	h := entryHarness(t, 80, 24)
	h.Key("esc")
	h.Until("the dashboard", func() bool { return strings.Contains(h.Screen(), "1 排名") })
	h.Key("]")
	if !strings.Contains(h.Screen(), "新建 2023Q2") {
		t.Fatalf("] past the last quarter did not offer a new one:\n%s", h.Screen())
	}
	h.Key("enter")
	h.Until("2023Q2", func() bool {
		return strings.Contains(h.Screen(), "2023Q2") && strings.Contains(h.Screen(), "已新建")
	})
	d := h.QuarterData(model.MustQuarter("2023Q2"))
	if len(d.Sections) != 3 || d.Sections[0].ID == 0 || d.Sections[2].Name != "城市更新建设" {
		t.Fatalf("2023Q2 sections = %+v", d.Sections)
	}
	h.Key("e")
	h.Until("entry on 2023Q2", func() bool { return strings.Contains(h.Screen(), "录入 2023Q2") })
}
