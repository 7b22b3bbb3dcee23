package office_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/store"
)

// TestDashboardOpensLatestCompleteQuarter: on a real file, the dashboard
// opens the latest complete quarter, not a newer one still being typed.
func TestDashboardOpensLatestCompleteQuarter(t *testing.T) {
	h := newHarness(t, 100, 30, model.Quarter{})
	ctx := context.Background()
	for _, q := range []string{"2023Q1", "2023Q2"} {
		if err := h.DB.CreateQuarter(ctx, model.MustQuarter(q), store.SourceCLI); err != nil {
			t.Fatal(err)
		}
	}
	fillQuarter(t, h, model.MustQuarter("2023Q1"))
	d := h.QuarterData(model.MustQuarter("2023Q2"))
	v := model.Hundredths(9000)
	if err := h.DB.SetScore(ctx, d.Quarter, d.Units[0].ID, d.Sections[0].ID, &v, store.SourceEntry); err != nil {
		t.Fatal(err)
	}
	h = attachHarness(t, h.DB, 100, 30, model.Quarter{})
	if scr := h.Screen(); !strings.Contains(scr, "摘星夺旗  2023Q1") || strings.Contains(scr, "未完成") {
		t.Fatalf("did not open the complete 2023Q1:\n%s", scr)
	}
}

// fillQuarter gives every unit every section's score in q.
func fillQuarter(t *testing.T, h *uiHarness, q model.Quarter) {
	t.Helper()
	d := h.QuarterData(q)
	plan := model.ImportPlan{Quarter: q}
	for i, u := range d.Units {
		for _, s := range d.Sections {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: model.Hundredths(9000 - 100*i)})
		}
	}
	if err := h.DB.ApplyImport(context.Background(), plan, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
}

// TestNewDatabaseOpensWithDefaultSectionsAndKeys: a new database opens on
// the quarter being assessed (the one before today's), its empty screen
// names the keys, setup shows the default sections before any score, and
// the quarter picker creates a quarter after a confirmation.
func TestNewDatabaseOpensWithDefaultSectionsAndKeys(t *testing.T) {
	h := newHarness(t, 100, 30, model.Quarter{})
	want := model.QuarterOf(time.Now()).Prev().String()
	scr := h.Screen()
	for _, w := range []string{"摘星夺旗  " + want, want + " 还没有得分", "按 e 录入", "按 s 设置", "starflag import"} {
		if !strings.Contains(scr, w) {
			t.Errorf("first screen lacks %q:\n%s", w, scr)
		}
	}
	h.Key("s")
	h.Until("setup", func() bool {
		return strings.Contains(h.Screen(), "设置 "+want) && strings.Contains(h.Screen(), "市南区")
	})
	h.tab("2", "板块名称")
	for _, w := range []string{"经济运行", "项目签约落地", "城市更新建设"} {
		if !strings.Contains(h.Screen(), w) {
			t.Errorf("setup of a new database does not show the section %s:\n%s", w, h.Screen())
		}
	}
	h.Key("esc")
	h.Until("the dashboard", func() bool { return strings.Contains(h.Screen(), "t 选择季度") })

	h.Key("t", "2024Q1", "enter")
	h.Until("the confirmation", func() bool { return strings.Contains(h.Screen(), "新建 2024Q1") })
	h.Key("enter")
	h.Until("2024Q1 created", func() bool {
		return strings.Contains(h.Screen(), "摘星夺旗  2024Q1") && strings.Contains(h.Screen(), "已新建")
	})
	d := h.QuarterData(model.MustQuarter("2024Q1"))
	if len(d.Sections) != 3 || d.Sections[0].ID == 0 || d.Sections[0].Name != "经济运行" {
		t.Fatalf("2024Q1 sections = %+v", d.Sections)
	}
}

// TestNextQuarterOn9999Q4StoresNothing: ] then Enter on 9999Q4 stored
// 10000Q1 (after which check, import and the dashboard failed).
func TestNextQuarterOn9999Q4StoresNothing(t *testing.T) {
	h := newHarness(t, 100, 30, model.MaxQuarter)
	if err := h.DB.CreateQuarter(context.Background(), model.MaxQuarter, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h = attachHarness(t, h.DB, 100, 30, model.MaxQuarter)
	h.Key("]")
	h.Until("the refusal", func() bool { return strings.Contains(h.Screen(), "已经是最后一个季度 9999Q4") })
	h.Key("enter")
	h.Settle()
	if iqs, _ := h.DB.InvalidQuarters(context.Background()); len(iqs) != 0 {
		t.Fatalf("stored %+v", iqs)
	}
	if qs, _ := h.DB.ListQuarters(context.Background()); len(qs) != 1 {
		t.Fatalf("quarters %+v", qs)
	}
}
