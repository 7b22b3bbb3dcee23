package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"starflag/model"
)

// fill gives every unit a score in every section of q: unit i scores 90 − i
// in each section, so the official order is also the ranking.
func fill(t testing.TB, db *DB, q model.Quarter, secs []model.Section) {
	t.Helper()
	plan := model.ImportPlan{Quarter: q}
	for i, u := range units(t, db) {
		for _, s := range secs {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: model.Hundredths(9000 - 100*i)})
		}
	}
	if err := db.ApplyImport(ctx, plan, SourceImport("q.csv")); err != nil {
		t.Fatalf("ApplyImport: %v", err)
	}
}

func TestAuditRows(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	u := units(t, db)[0]
	if err := db.SetScore(ctx, q1, u.ID, secs[0].ID, h("92.5"), SourceEntry); err != nil {
		t.Fatal(err)
	}
	if err := db.SetScore(ctx, q1, u.ID, secs[0].ID, h("92.50"), SourceEntry); err != nil { // unchanged: no row
		t.Fatal(err)
	}
	if err := db.SetScore(ctx, q1, u.ID, secs[0].ID, nil, SourceEntry); err != nil {
		t.Fatal(err)
	}
	item := firstItem(t, db, q1)
	if err := db.SetAdjust(ctx, q1, u.ID, item.ID, h("1.5"), SourceEntry); err != nil {
		t.Fatal(err)
	}
	u.Short, u.Aliases = "南区", []string{"老市南"}
	if err := db.UpdateUnit(ctx, u, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Lock(ctx, q1, SourceCLI); err != nil {
		t.Fatal(err)
	}
	at := testNow.Format("2006-01-02T15:04:05Z07:00")
	want := []AuditEntry{
		{Action: "lock", Quarter: "2023Q1", Field: "定稿", Old: "否", New: "是", Source: SourceCLI},
		{Action: "update_unit", Unit: "市南区", Field: "别名", Old: "", New: "老市南", Source: SourceSetup},
		{Action: "update_unit", Unit: "市南区", Field: "简称", Old: "市南", New: "南区", Source: SourceSetup},
		{Action: "adjust", Quarter: "2023Q1", Unit: "市南区", Field: "群众满意度加分", Old: "", New: "1.50", Source: SourceEntry},
		{Action: "score", Quarter: "2023Q1", Unit: "市南区", Field: "经济运行", Old: "92.50", New: "", Source: SourceEntry},
		{Action: "score", Quarter: "2023Q1", Unit: "市南区", Field: "经济运行", Old: "", New: "92.50", Source: SourceEntry},
	}
	got := audit(t, db)[:len(want)]
	for i := range want {
		g := got[i]
		if g.At.Format("2006-01-02T15:04:05Z07:00") != at {
			t.Errorf("entry %d at %v", i, g.At)
		}
		g.ID, g.At = 0, want[i].At
		if g != want[i] {
			t.Errorf("entry %d =\n %+v\nwant\n %+v", i, g, want[i])
		}
	}
	if es, _ := db.ListAudit(ctx, 2); len(es) != 2 || es[0].Action != "lock" {
		t.Fatalf("ListAudit(2) = %+v", es)
	}
}

func TestLockRefusesEdits(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	fill(t, db, q1, secs)
	u := units(t, db)[0]
	item := firstItem(t, db, q1)
	backup, err := db.Lock(ctx, q1, SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(backup); err != nil {
		t.Fatalf("no backup after lock: %v", err)
	}
	before := audit(t, db)
	dataBefore, _ := db.QuarterData(ctx, q1)

	err = db.SetScore(ctx, q1, u.ID, secs[0].ID, h("10"), SourceEntry)
	wantErr(t, err, model.ErrLocked, "2023Q1 已定稿，不能修改")
	// The advice to unlock 2023Q1 is data: each surface words it.
	if e := (*model.Error)(nil); !errors.As(err, &e) || e.Advice != model.UnlockToEdit || e.Quarter != q1 {
		t.Fatalf("the refusal %q does not advise unlocking %s: %+v", err, q1, e)
	}
	err = db.ApplyImport(ctx, model.ImportPlan{Quarter: q1, Cells: []model.CellChange{{Unit: u.Name, Section: secs[0].Name, New: 1000}}}, SourceImport("x.csv"))
	wantErr(t, err, model.ErrLocked, "2023Q1 已定稿")
	for name, err := range map[string]error{
		"SetAdjust":     db.SetAdjust(ctx, q1, u.ID, item.ID, h("1"), SourceEntry),
		"DeleteSection": db.DeleteSection(ctx, q1, secs[0].ID, SourceSetup),
		"SetRules":      db.SetRules(ctx, q1, model.Rules{QuarterWeights: make([]model.Weight, 4)}, SourceSetup),
	} {
		if !errors.Is(err, model.ErrLocked) {
			t.Errorf("%s on a locked quarter: %v", name, err)
		}
	}
	if after := audit(t, db); len(after) != len(before) {
		t.Fatalf("refused edits wrote %d audit rows", len(after)-len(before))
	}
	if dataAfter, _ := db.QuarterData(ctx, q1); !reflect.DeepEqual(dataAfter, dataBefore) {
		t.Fatal("refused edits changed data")
	}

	if err := db.Unlock(ctx, q1, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if e := audit(t, db)[0]; e.Action != "unlock" || e.Quarter != "2023Q1" {
		t.Fatalf("unlock audit = %+v", e)
	}
	if err := db.SetScore(ctx, q1, u.ID, secs[0].ID, h("10"), SourceEntry); err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	if qs, _ := db.ListQuarters(ctx); len(qs) != 1 || qs[0].Locked || qs[0].Sections != 3 || qs[0].Scores != 30 {
		t.Fatalf("ListQuarters = %+v", qs)
	}
}

func TestBackupOpens(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	fill(t, db, q1, secs)
	p, err := db.Backup(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "starflag-backup-20231231-235959.db" {
		t.Fatalf("backup name %s", p)
	}
	if p2, err := db.Backup(ctx, ""); err != nil || filepath.Base(p2) != "starflag-backup-20231231-235959-2.db" {
		t.Fatalf("second backup in the same second: %s, %v", p2, err)
	}
	if _, err := db.Backup(ctx, p); !errors.Is(err, model.ErrConflict) {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if fi, _ := os.Stat(p); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup mode %v", fi.Mode())
	}
	want, _ := db.QuarterData(ctx, q1)
	b, err := Open(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, err := b.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Scores, want.Scores) || len(got.Scores) != 30 {
		t.Fatalf("backup scores differ: %d vs %d", len(got.Scores), len(want.Scores))
	}

	r, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.SchemaVersion != SchemaVersion || r.Units != 10 || r.Quarters != 1 || r.Scores != 30 || len(r.Incomplete) != 0 || r.LatestBackup == "" {
		t.Fatalf("Check = %+v", r)
	}
}

func TestApplyImportAllOrNothing(t *testing.T) {
	db := mustOpen(t)
	plan := model.ImportPlan{
		Quarter:     q1,
		NewSections: []model.Section{model.NewSection("经济运行", 1), model.NewSection("项目签约落地", 2)},
		NewUnits:    []model.Unit{{Name: "西海岸新区二"}},
		Cells: []model.CellChange{
			{Unit: "市南区", Section: "经济运行", New: 9500},
			{Unit: "西海岸新区二", Section: "经济运行", New: 9000},
			{Unit: "市南区", Item: "群众满意度加分", New: 150},
			{Unit: "不存在区", Section: "经济运行", New: 8000},
		},
	}
	err := db.ApplyImport(ctx, plan, SourceImport("bad.csv"))
	wantErr(t, err, model.ErrNotFound, "不存在区")
	if qs, _ := db.ListQuarters(ctx); len(qs) != 0 {
		t.Fatalf("failed import left quarters %+v", qs)
	}
	if n := len(units(t, db)); n != 10 {
		t.Fatalf("failed import left %d units", n)
	}
	if n := len(audit(t, db)); n != 10 { // the seed rows only
		t.Fatalf("failed import left audit rows: %d", n)
	}

	bad := plan
	bad.Cells = []model.CellChange{{Unit: "市南区", Section: "经济运行", New: 10001}}
	wantErr(t, db.ApplyImport(ctx, bad, SourceImport("bad.csv")), model.ErrInvalid, "超出范围")

	plan.Cells = plan.Cells[:3]
	if err := db.ApplyImport(ctx, plan, SourceImport("good.csv")); err != nil {
		t.Fatal(err)
	}
	d, _ := db.QuarterData(ctx, q1)
	us := units(t, db)
	newUnit := us[len(us)-1]
	if newUnit.Name != "西海岸新区二" || newUnit.From != q1 || newUnit.Order != 11 {
		t.Fatalf("new unit = %+v", newUnit)
	}
	if len(d.Sections) != 2 || d.Sections[1].Name != "项目签约落地" || len(d.Units) != 11 ||
		d.Scores[model.ScoreKey{Unit: newUnit.ID, Section: d.Sections[0].ID}] != 9000 || d.Adjust[model.AdjustKey{Unit: us[0].ID, Item: d.Adjustments[0].ID}] != 150 {
		t.Fatalf("imported data = %+v", d)
	}
	if e := audit(t, db)[0]; e.Source != "import:good.csv" || e.Action != "adjust" || e.New != "1.50" {
		t.Fatalf("last audit = %+v", e)
	}
	// A second plan with header sections for a quarter that has them is refused.
	wantErr(t, db.ApplyImport(ctx, plan, SourceImport("again.csv")), model.ErrConflict, "已有考核板块")
}

func TestResultRoundTrip(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	fill(t, db, q1, secs)
	us := units(t, db)
	if err := db.CreateQuarter(ctx, q2, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d2, _ := db.QuarterData(ctx, q2)
	fill(t, db, q2, d2.Sections)
	// In 2023Q2 the last unit jumps to the top.
	for _, s := range d2.Sections {
		if err := db.SetScore(ctx, q2, us[9].ID, s.ID, h("99"), SourceEntry); err != nil {
			t.Fatal(err)
		}
	}

	d1, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	r1, err := db.Result(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if want := model.Compute(d1, nil); !reflect.DeepEqual(r1, want) {
		t.Fatalf("Result(q1) differs from Compute")
	}
	r2, err := db.Result(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	top := r2.Standings[0]
	if !r2.Complete() || top.Unit.ID != us[9].ID || top.Rank != 1 || top.PrevRank != 10 || top.Movement() != 9 {
		t.Fatalf("2023Q2 top = %+v", top)
	}
	if top.Composite.String() != "297.00" {
		t.Fatalf("composite = %s", top.Composite)
	}
	rs, err := db.Results(ctx, q1, q2)
	if err != nil || len(rs) != 2 || !reflect.DeepEqual(rs[1], r2) {
		t.Fatalf("Results: %d, %v", len(rs), err)
	}
	if _, err := db.Results(ctx, q2, q1); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("reversed range: %v", err)
	}

	// A quarter with no row: active units, no sections, inherited settings.
	rules := model.DefaultRules()
	rules.OneFlagPerUnit = true
	if err := db.SetRules(ctx, q2, rules, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d3, err := db.QuarterData(ctx, q2.Next())
	if err != nil {
		t.Fatal(err)
	}
	// A quarter not created yet shows the sections it will inherit, with ID 0.
	if len(d3.Units) != 10 || len(d3.Sections) != 3 || d3.Sections[0].ID != 0 || d3.Sections[2].Name != d2.Sections[2].Name ||
		!d3.Rules.OneFlagPerUnit || len(d3.Adjustments) != 1 || d3.Adjustments[0] != model.DefaultAdjustment() {
		t.Fatalf("empty quarter = %+v", d3)
	}
	if ls, _ := db.LatestSections(ctx, q2.Next()); len(ls) != 3 || ls[0].ID != d2.Sections[0].ID {
		t.Fatalf("LatestSections = %+v", ls)
	}
}

func TestCreateQuarterCopies(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	if _, err := db.CreateSection(ctx, q1, model.Section{Name: "优化营商环境", Weight: 5000, Max: 5000}, SourceSetup); err != nil {
		t.Fatal(err)
	}
	adj := model.Adjustment{ID: firstItem(t, db, q1).ID, Name: "加分", Min: -100, Max: 300, Order: 1}
	if err := db.SetAdjustment(ctx, q1, adj, SourceSetup); err != nil {
		t.Fatal(err)
	}
	rules := model.DefaultRules()
	rules.Committee = "测试委员会"
	if err := db.SetRules(ctx, q1, rules, SourceSetup); err != nil {
		t.Fatal(err)
	}
	q3 := model.MustQuarter("2023Q3") // skips 2023Q2: copies from the latest earlier quarter
	if err := db.CreateQuarter(ctx, q3, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateQuarter(ctx, q3, SourceSetup); err != nil { // idempotent
		t.Fatal(err)
	}
	d, _ := db.QuarterData(ctx, q3)
	if len(d.Sections) != 4 || d.Sections[3].Name != "优化营商环境" || d.Sections[3].Weight != 5000 || d.Sections[3].Max != 5000 {
		t.Fatalf("sections = %+v", d.Sections)
	}
	if d.Sections[0].ID == secs[0].ID {
		t.Fatal("sections were shared, not copied")
	}
	if adj.ID = d.Adjustments[0].ID; len(d.Adjustments) != 1 || d.Adjustments[0] != adj || d.Rules.Committee != "测试委员会" {
		t.Fatalf("adjustment %+v, committee %q", d.Adjustments, d.Rules.Committee)
	}
	if qs, _ := db.ListQuarters(ctx); len(qs) != 2 {
		t.Fatalf("quarters = %+v", qs)
	}
}

func TestSections(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	u := units(t, db)[0]
	if err := db.SetScore(ctx, q1, u.ID, secs[1].ID, h("88"), SourceEntry); err != nil {
		t.Fatal(err)
	}
	wantErr(t, db.DeleteSection(ctx, q1, secs[1].ID, SourceSetup), model.ErrConflict, "不能删除")
	if err := db.DeleteSection(ctx, q1, secs[2].ID, SourceSetup); err != nil {
		t.Fatal(err)
	}
	_, err := db.CreateSection(ctx, q1, model.Section{Name: "经济运行"}, SourceSetup)
	wantErr(t, err, model.ErrConflict, "已有名为“经济运行”的板块")

	s := secs[1]
	s.Name, s.Max = "项目落地", 8000
	wantErr(t, db.UpdateSection(ctx, q1, s, SourceSetup), model.ErrInvalid, "高于新满分")
	s.Max = 9000
	if err := db.UpdateSection(ctx, q1, s, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d, _ := db.QuarterData(ctx, q1)
	if len(d.Sections) != 2 || d.Sections[1] != s {
		t.Fatalf("sections = %+v", d.Sections)
	}
	wantErr(t, db.SetScore(ctx, q1, u.ID, s.ID, h("95"), SourceEntry), model.ErrInvalid, "超出范围 0–90.00")
	wantErr(t, db.SetScore(ctx, q1, u.ID, 999, h("95"), SourceEntry), model.ErrNotFound, "板块")
	wantErr(t, db.SetAdjust(ctx, q1, u.ID, firstItem(t, db, q1).ID, h("3"), SourceEntry), model.ErrInvalid, "超出范围")
}

func TestUnits(t *testing.T) {
	db := mustOpen(t)
	_, err := db.CreateUnit(ctx, model.Unit{Name: "黄岛区"}, SourceSetup)
	wantErr(t, err, model.ErrConflict, "名称“黄岛区”已被区市“西海岸新区”使用")
	_, err = db.CreateUnit(ctx, model.Unit{Name: "新区", Short: "市南"}, SourceSetup)
	wantErr(t, err, model.ErrConflict, "市南")

	u, err := db.CreateUnit(ctx, model.Unit{Name: "崂山新区", Aliases: []string{"崂新"}, From: q2}, SourceSetup)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 || u.Order != 11 {
		t.Fatalf("created %+v", u)
	}
	if d, _ := db.QuarterData(ctx, q1); len(d.Units) != 10 {
		t.Fatalf("unit from 2023Q2 active in 2023Q1")
	}
	u.Name, u.Until = "崂山二区", q2
	if err := db.UpdateUnit(ctx, u, SourceSetup); err != nil {
		t.Fatal(err)
	}
	us := units(t, db)
	if got := us[10]; got.Name != "崂山二区" || got.Until != q2 || len(got.Aliases) != 1 {
		t.Fatalf("updated unit = %+v", got)
	}
	if err := db.SetCommendation(ctx, q2, u.ID, "对崂山二区予以表扬", SourceSetup); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.Commendations(ctx, q2); cs[u.ID] != "对崂山二区予以表扬" {
		t.Fatalf("commendations = %v", cs)
	}
	wantErr(t, db.UpdateUnit(ctx, model.Unit{ID: 999, Name: "x"}, SourceSetup), model.ErrNotFound, "999")
}

// TestTwoWriters opens the file twice, as two processes would, and writes
// from both at once: immediate transactions wait instead of failing.
func TestTwoWriters(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	other, err := Open(db.Path(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	us := units(t, db)
	errs := make(chan error, 2)
	for k, d := range []*DB{db, other} {
		go func() {
			for i := range 50 {
				v := model.Hundredths(100 * i)
				if err := d.SetScore(ctx, q1, us[k].ID, secs[i%3].ID, &v, SourceEntry); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadDemo(t *testing.T) {
	wantErr(t, mustOpen(t).LoadDemo(ctx, model.Demo(1)), model.ErrConflict, "空数据库")

	db, err := Open(filepath.Join(t.TempDir(), "demo.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	demo := model.Demo(1)
	if err := db.LoadDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	first, last := demo.Quarters[0].Quarter, demo.Quarters[len(demo.Quarters)-1].Quarter
	got, err := db.Results(ctx, first, last)
	if err != nil {
		t.Fatal(err)
	}
	want := model.ComputeSeries(demo.Quarters)
	for i := range want {
		if got[i].Locked != want[i].Locked || len(got[i].Standings) != len(want[i].Standings) {
			t.Fatalf("%s: locked %v, %d standings", want[i].Quarter, got[i].Locked, len(got[i].Standings))
		}
		for j, w := range want[i].Standings {
			g := got[i].Standings[j]
			if g.Unit.Name != w.Unit.Name || g.Rank != w.Rank || g.PrevRank != w.PrevRank || g.Composite != w.Composite ||
				!reflect.DeepEqual(g.Flags, w.Flags) || !reflect.DeepEqual(g.Warnings, w.Warnings) {
				t.Fatalf("%s standing %d = %+v, want %+v", want[i].Quarter, j, g, w)
			}
		}
	}
	if cs, _ := db.Commendations(ctx, last); len(cs) != len(demo.Commendations) {
		t.Fatalf("commendations = %v", cs)
	}
}

// TestReorderIsOneTransaction: setup's reorder saves every moved unit (or
// section) in one transaction, so a refusal half-way, or a kill, never
// leaves half an order.
func TestReorderIsOneTransaction(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	us := units(t, db)
	// The last change is refused (a name another unit has): none is saved.
	a, b := us[0], us[1]
	a.Order, b.Order = 2, 1
	b.Name = us[2].Name
	wantErr(t, db.UpdateUnits(ctx, []model.Unit{a, b}, SourceSetup), model.ErrConflict, us[2].Name)
	if got := units(t, db); got[0].ID != us[0].ID || got[1].ID != us[1].ID {
		t.Fatalf("a refused reorder moved units: %v, %v", got[0].Name, got[1].Name)
	}
	b.Name = us[1].Name
	if err := db.UpdateUnits(ctx, []model.Unit{a, b}, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if got := units(t, db); got[0].ID != us[1].ID || got[1].ID != us[0].ID {
		t.Fatalf("reorder not saved: %v, %v", got[0].Name, got[1].Name)
	}

	s0, s1 := secs[0], secs[1]
	s0.Order, s1.Order = 2, 1
	s1.Max = -1
	if err := db.UpdateSections(ctx, q1, []model.Section{s0, s1}, SourceSetup); err == nil {
		t.Fatal("a section with a negative maximum was saved")
	}
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if d.Sections[0].ID != secs[0].ID {
		t.Fatalf("a refused reorder moved sections: %v", d.Sections[0].Name)
	}
}

// TestImportSeveralFilesInOneTransaction: department files imported
// together are checked against each other and written in one transaction:
// a conflict between two files writes nothing; two good files write both,
// each leaving the other's section alone, audited under both names.
func TestImportSeveralFilesInOneTransaction(t *testing.T) {
	db := mustOpen(t)
	source := func(file, sheet, text string) model.ImportSource {
		rows, err := model.ReadCSV(file, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return model.ImportSource{File: file, Sheet: sheet, Rows: rows}
	}
	economy := source("发改委.csv", "", "区市,经济运行\n市南区,90\n")
	projects := source("商务局.xlsx", "得分", "二季度得分\n序号,区（市）,项目签约落地（分）\n1,市南区,80\n合计,,80\n")
	other := source("汇总.csv", "", "区市,经济运行\n市南区,91\n")

	_, err := db.Import(ctx, q1, model.ImportInput{Files: []model.ImportSource{economy, projects, other}}, SourceImport("x"))
	wantErr(t, err, model.ErrInvalid, "在 发改委.csv 第 2 行「经济运行」列（单元格 B2）是 90.00：两个文件不一致")
	if qs, _ := db.ListQuarters(ctx); len(qs) != 0 || len(audit(t, db)) != 10 {
		t.Fatalf("a refused import left quarters %+v, %d audit rows", qs, len(audit(t, db)))
	}

	plan, err := db.Import(ctx, q1, model.ImportInput{Files: []model.ImportSource{economy, projects}}, SourceImport("发改委.csv、商务局.xlsx"))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if len(plan.NewSections) != 2 || len(plan.Cells) != 2 || len(plan.Notes) != 3 {
		t.Errorf("plan: sections %+v, cells %+v, notes %+v", plan.NewSections, plan.Cells, plan.Notes)
	}
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range d.Sections {
		got = append(got, fmt.Sprintf("%s=%s", s.Name, d.Scores[model.ScoreKey{Unit: d.Units[0].ID, Section: s.ID}]))
	}
	if strings.Join(got, " ") != "经济运行=90.00 项目签约落地=80.00" {
		t.Errorf("stored %v", got)
	}
	for _, e := range audit(t, db)[:2] {
		if e.Action != "score" || e.Source != "import:发改委.csv、商务局.xlsx" {
			t.Errorf("audit %+v", e)
		}
	}

	// The department file again changes its own section only.
	if _, err := db.Import(ctx, q1, model.ImportInput{Files: []model.ImportSource{source("商务局.csv", "", "区市,项目签约落地\n市南区,85\n")}}, SourceImport("商务局.csv")); err != nil {
		t.Fatal(err)
	}
	if d, _ = db.QuarterData(ctx, q1); d.Scores[model.ScoreKey{Unit: d.Units[0].ID, Section: d.Sections[0].ID}] != 9000 ||
		d.Scores[model.ScoreKey{Unit: d.Units[0].ID, Section: d.Sections[1].ID}] != 8500 {
		t.Errorf("scores after the department file: %v", d.Scores)
	}
}
