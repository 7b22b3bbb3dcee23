package office_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/office"
	"starflag/office/officetest"
	"starflag/store"
)

// TestPasteOverAStaleViewSetsEveryPastedCell: a dashboard in entry pastes a
// block while its grid still shows values another window has just changed.
// The block lands whole: every pasted cell holds the pasted value, also a
// cell whose pasted value the stale grid showed as already saved (the paste
// used to leave that one out, keeping the other window's value: a mix of
// both that no order of the two pastes gives).
func TestPasteOverAStaleViewSetsEveryPastedCell(t *testing.T) {
	path := importedDB(t, "s.db")
	q := model.MustQuarter("2023Q1")
	a := attachHarness(t, openStore(t, path), 120, 30, q)
	a.Key("e")
	a.Until("entry", func() bool {
		return strings.Contains(a.Screen(), "录入 2023Q1") && strings.Contains(a.Screen(), "92.50")
	})
	// Another window pastes 60 and 61 into 市南区 and 市北区 (经济运行)…
	other := openStore(t, path)
	if err := (office.Data{DB: other}).ApplyPaste(context.Background(), model.ImportPlan{Quarter: q, Cells: []model.CellChange{
		{Unit: "市南区", Section: "经济运行", New: 6000}, {Unit: "市北区", Section: "经济运行", New: 6100}}}); err != nil {
		t.Fatal(err)
	}
	// …and before this grid reloads, it pastes 92.5 (what it still shows) and 70.
	a.Paste("92.5\r\n70\r\n")
	a.Until("the paste saved", func() bool { return strings.Contains(a.Screen(), "已粘贴并保存") })
	got := officetest.ReadSnapshot(t, path, q)
	if got["市南区/经济运行"] != "92.50" || got["市北区/经济运行"] != "70.00" {
		t.Fatalf("after the paste over a stale grid: 市南区 %s, 市北区 %s; want 92.50 and 70.00 (the paste over the other)",
			got["市南区/经济运行"], got["市北区/经济运行"])
	}
}

func openStore(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestUndoTakesBackOnlyThisDashboardsChanges: two dashboards in entry on one
// file. Ctrl+Z in one takes back its own latest value, not the other's later
// one; it refuses, saying why, to take back a value the other has changed
// since; and each window's Ctrl+Y redoes only its own.
func TestUndoTakesBackOnlyThisDashboardsChanges(t *testing.T) {
	path := importedDB(t, "s.db")
	q := model.MustQuarter("2023Q1")
	var hs []*uiHarness
	for range 2 {
		h := attachHarness(t, openStore(t, path), 120, 30, q)
		h.Key("e")
		h.Until("entry", func() bool {
			return strings.Contains(h.Screen(), "录入 2023Q1") && strings.Contains(h.Screen(), "市南")
		})
		hs = append(hs, h) // both cursors on 市南区/经济运行
	}
	a, b := hs[0], hs[1]
	cell := func(c string) string { return officetest.ReadSnapshot(t, path, q)[c] }
	save := func(h *uiHarness, keys ...string) {
		t.Helper()
		h.Key(keys...)
		h.Until("saved", func() bool { return strings.Contains(h.Screen(), "已保存") })
		h.Settle()
	}
	status := func(h *uiHarness, want string) {
		t.Helper()
		h.Until(want, func() bool { return strings.Contains(h.Screen(), want) })
		h.Settle()
	}
	save(a, "71.11", "enter")         // A: 市南区 92.50 → 71.11
	save(b, "down", "72.22", "enter") // B, later: 市北区 85.00 → 72.22
	a.Key("ctrl+z")
	status(a, "已撤销：市南区/经济运行")
	if cell("市南区/经济运行") != "92.50" || cell("市北区/经济运行") != "72.22" {
		t.Fatalf("A's Ctrl+Z: 市南区 %s (want 92.50), 市北区 %s (want B's 72.22)", cell("市南区/经济运行"), cell("市北区/经济运行"))
	}
	a.Key("ctrl+y")
	status(a, "已重做：市南区/经济运行")
	save(b, "up", "up", "73.33", "enter") // B overwrites A's value
	a.Key("ctrl+z")
	status(a, "撤销失败")
	if scr := a.Screen(); !strings.Contains(scr, "市南区") || !strings.Contains(scr, "其他") {
		t.Errorf("the refusal does not say why:\n%s", scr)
	}
	if got := cell("市南区/经济运行"); got != "73.33" {
		t.Fatalf("A's refused Ctrl+Z changed 市南区 to %s; want B's 73.33", got)
	}
	b.Key("ctrl+z")
	status(b, "已撤销：市南区/经济运行")
	b.Key("ctrl+z")
	status(b, "已撤销：市北区/经济运行")
	if cell("市南区/经济运行") != "71.11" || cell("市北区/经济运行") != "85.00" {
		t.Fatalf("B's two Ctrl+Z: 市南区 %s (want 71.11), 市北区 %s (want 85.00)", cell("市南区/经济运行"), cell("市北区/经济运行"))
	}
}

// TestLockedQuartersKeepTheirResults: on the demo data, whose quarters up to
// 2023Q3 are published (定稿), 2023Q1 is unlocked for a correction. No edit
// may change what 2023Q2 and 2023Q3 published (their ranking, stars, flags
// and seats exports): one that would is refused naming them, and one that
// would not (a rename, a new unit, a small correction that moves nobody) is
// saved. A new unit without a first quarter takes part from the first
// quarter after the published ones.
func TestLockedQuartersKeepTheirResults(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, filepath.Join(t.TempDir(), "demo.db"))
	if err := db.LoadDemo(ctx, model.Demo(1)); err != nil {
		t.Fatal(err)
	}
	q1, q2, q3 := model.MustQuarter("2023Q1"), model.MustQuarter("2023Q2"), model.MustQuarter("2023Q3")
	if err := db.Unlock(ctx, q1, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	exports := func() string {
		var sb strings.Builder
		for _, q := range []model.Quarter{q2, q3} {
			for _, kind := range []model.ExportKind{model.ExportRanking, model.ExportStars, model.ExportFlags, model.ExportSeats} {
				doc, err := office.Document(ctx, db, kind, q, time.Time{})
				if err != nil {
					t.Fatal(err)
				}
				sb.Write(doc.Table.CSV())
			}
		}
		return sb.String()
	}
	published := exports()
	data := office.Data{DB: db}
	refused := func(what string, err error, quarters string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), quarters) || !strings.Contains(err.Error(), "已定稿") {
			t.Errorf("%s: %v; want it refused naming %s", what, err, quarters)
		}
		if got := exports(); got != published {
			t.Fatalf("%s changed a published quarter's exports", what)
		}
	}
	unchanged := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v; want it saved", what, err)
		}
		if got := exports(); got != published {
			t.Fatalf("%s changed a published quarter's exports", what)
		}
	}
	units, err := db.ListUnits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u := units[0]
	u.Until = q1 // 退出自 2023Q2
	refused("a unit's last quarter set to 2023Q1", data.UpdateUnits(ctx, u), "2023Q2、2023Q3")
	u = units[1]
	u.From = q3
	refused("a unit's first quarter set to 2023Q3", data.UpdateUnits(ctx, u), "2022Q1、2022Q2、2022Q3 等 6 个季度")
	// A rename relabels the published tables, and changes nothing else.
	u = units[2]
	u.Name = "改名区"
	if err := data.UpdateUnits(ctx, u); err != nil {
		t.Errorf("a rename: %v", err)
	}
	if got := strings.ReplaceAll(exports(), "改名区", units[2].Name); got != published {
		t.Fatal("a rename changed more than the name in a published quarter's exports")
	}
	u.Name = units[2].Name
	unchanged("the name back", data.UpdateUnits(ctx, u))
	nu, err := data.CreateUnit(ctx, model.Unit{Name: "新设区"})
	unchanged("a new unit", err)
	if want := model.MustQuarter("2023Q4"); nu.From != want {
		t.Errorf("the new unit takes part from %v, want %v (the first quarter after the published ones)", nu.From, want)
	}
	_, err = data.CreateUnit(ctx, model.Unit{Name: "旧设区", From: q1})
	refused("a new unit taking part from 2023Q1", err, "2023Q2")

	r1, err := db.Result(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	top, last := r1.Standings[0], r1.Standings[len(r1.Standings)-1]
	sec := r1.Sections[0]
	v := top.Sections[0].Score - 1 // one hundredth: 2023Q1's ranks stay
	unchanged("a correction in 2023Q1 that moves nobody", data.SetScore(ctx, q1, top.Unit.ID, sec.ID, &v))
	var zero model.Hundredths
	refused("the first of 2023Q1 scoring 0 in a section", data.SetScore(ctx, q1, top.Unit.ID, sec.ID, &zero), "2023Q2")
	refused("a 2023Q1 score cleared", data.SetScore(ctx, q1, last.Unit.ID, sec.ID, nil), "2023Q2")

	stored := func(q model.Quarter) model.Rules { // what setup read
		d, err := data.QuarterData(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return d.Rules
	}
	rules := r1.Rules
	rules.Warnings = []model.Rule{{Name: model.WarningTo, Colour: "amber", When: []model.Condition{{Kind: model.InLast, Threshold: 10}}}}
	refused("everyone warned in 2023Q1 (红牌 in 2023Q2)", data.SetRules(ctx, q1, stored(q1), rules), "2023Q2")
	sec.Weight *= 3
	refused("a 2023Q1 section's weight tripled", data.UpdateSections(ctx, q1, sec), "2023Q2")
	_, err = data.CreateSection(ctx, q1, model.Section{Name: "新板块"})
	refused("a new 2023Q1 section (nobody complete)", err, "2023Q2")

	// Unlocked, 2023Q2 may change: the user chose to republish it. Its
	// warnings still hold 2023Q3's 红牌 streak.
	if err := db.Unlock(ctx, q2, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	rules.Warnings = nil
	err = data.SetRules(ctx, q2, stored(q2), rules)
	if err == nil || !strings.Contains(err.Error(), "2023Q3 已定稿") {
		t.Errorf("with 2023Q2 unlocked, nobody warned in 2023Q2: %v; want it refused for 2023Q3 (its 红牌)", err)
	}
}
