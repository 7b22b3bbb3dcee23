package office_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"starflag/office/officetest"
)

// exportRanking presses x on the ranking page and returns the file's bytes
// (removed afterwards, so the next export is read fresh).
func (h *uiHarness) exportRanking() []byte {
	h.T.Helper()
	h.Key("1", "x")
	var path string
	h.Until("the export", func() bool {
		es, _ := os.ReadDir(h.ExportDir)
		if len(es) == 1 {
			path = filepath.Join(h.ExportDir, es[0].Name())
		}
		return path != "" && strings.Contains(h.Screen(), "已导出")
	})
	b, err := os.ReadFile(path)
	if err != nil {
		h.T.Fatal(err)
	}
	os.Remove(path)
	return b
}

// fileBytes are the database file and its WAL, as they are on disk.
func fileBytes(t *testing.T, path string) [2][]byte {
	t.Helper()
	var out [2][]byte
	for i, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		out[i] = b
	}
	return out
}

// TestDashboardWhatIfNeverWrites drives a whole what-if session on a real database
// file: a card, a refused slip, values assumed for two units (the ranking
// changes on screen), one restored, the what-if dropped. The database file
// and its WAL are byte for byte as before, the audit log has no new row,
// and the ranking export is the same file as before the session.
func TestDashboardWhatIfNeverWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db := officetest.EntryDB(t, path)
	h := attachHarness(t, db, 120, 40, setupQ)
	fillScores(t, h)
	h.Until("the ranking", func() bool { return strings.Contains(h.Screen(), "红旗：勇当排头") })
	h.Settle()
	export := h.exportRanking()
	ctx := context.Background()
	audit, err := db.ListAudit(ctx, 10000)
	if err != nil {
		t.Fatal(err)
	}
	before := fileBytes(t, path)

	last := h.QuarterData(setupQ).Units[9].Name // the last by score (fillScores)
	h.Key("1")
	for range 10 {
		h.Key("down")
	}
	h.Key("enter")
	h.Until("the card", func() bool { return strings.Contains(h.Screen(), "区市卡片  "+last) })
	h.Key("w")
	h.Until("the what-if", func() bool { return strings.Contains(h.Screen(), "假设（未保存）") })
	h.Key("9o.5", "enter")
	h.Until("the refusal", func() bool { return strings.Contains(h.Screen(), "“9o.5”未采用") })
	for range len(h.QuarterData(setupQ).Sections) {
		h.Key("100", "enter", "down")
	}
	h.Until("the change", func() bool { return strings.Contains(h.Screen(), last+"：第 10 名升至第 1 名") })
	h.Key("right", "up", "up", "up", "50", "enter", "delete")
	h.Key("esc")
	h.Until("back on the card", func() bool { return strings.Contains(h.Screen(), "已放弃假设") })
	h.Key("esc", "esc")
	h.Settle()

	if after := fileBytes(t, path); !reflect.DeepEqual(before, after) {
		t.Errorf("the what-if changed the database file (%d→%d bytes) or its WAL (%d→%d bytes)",
			len(before[0]), len(after[0]), len(before[1]), len(after[1]))
	}
	if now, err := db.ListAudit(ctx, 10000); err != nil || !reflect.DeepEqual(now, audit) {
		t.Errorf("the audit log changed: %d rows, was %d (%v)", len(now), len(audit), err)
	}
	if again := h.exportRanking(); string(again) != string(export) {
		t.Errorf("the export after the what-if differs:\n%s\nwas\n%s", again, export)
	}
}

// TestPresentHideWarningsInSetup: the rule editor's 放映时的警示和反向奖
// switches Rules.PresentHideWarnings (saved, copied forward); then
// presentation shows no warning while the board still does.
func TestPresentHideWarningsInSetup(t *testing.T) {
	h := setupHarness(t, 120, 40)
	fillScores(t, h)
	h.tab("7", "添加规则")
	h.downTo("放映时的警示和反向奖")
	h.Key("enter")
	h.Until("saved", func() bool { return h.rules().PresentHideWarnings })
	h.shown("不显示（末位不上大屏")
	h.Key("esc")
	h.Until("the board", func() bool {
		return strings.Contains(h.Screen(), "红牌：约谈提醒") || strings.Contains(h.Screen(), "警示：约谈提醒")
	})
	h.Settle()
	h.Key("p")
	h.Until("presentation", func() bool { return strings.Contains(h.Screen(), "2023年一季度  综合排名") })
	for _, page := range []string{"1", "3"} {
		h.Key(page)
		h.Settle()
		out := h.Screen()
		if strings.Contains(out, "约谈提醒") || strings.Contains(out, "警示") || strings.Contains(out, "红牌") {
			t.Errorf("presentation page %s shows a warning:\n%s", page, out)
		}
		if !strings.Contains(out, "勇当排头") {
			t.Errorf("presentation page %s lost the flags:\n%s", page, out)
		}
	}
	h.Key("esc")
	h.Key("1")
	h.Until("the board again", func() bool { return strings.Contains(h.Screen(), "约谈提醒") })
	if r := h.QuarterData(setupQ).Rules; !r.PresentHideWarnings {
		t.Fatal("not stored")
	}
}
