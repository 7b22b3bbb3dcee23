package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/store"
)

// TestQuarterOutOfRangeIsRefused: --quarter takes only 1000Q1–9999Q4, in
// every command, and the file is left as it was.
func TestQuarterOutOfRangeIsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", "--quarter", "10000Q1", "testdata/cli/2023Q2.csv"},
		{"export", "template", "--quarter", "10000Q1"},
		{"lock", "--quarter", "10000Q1"},
		{"commend", "--quarter", "10000Q1", "--unit", "市南区", "好"},
		{"present", "--quarter", "10000Q1"},
		{"--quarter", "10000Q1"},
		{"export", "ranking", "--quarter", "0999Q4"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runIn(t, t.TempDir(), 10*time.Second, append([]string{"--db", db}, args...)...)
			wantRefusedUnchanged(t, r, 2, []string{"季度", "1000", "9999"}, db, before)
		})
	}
}

// plantQuarter10000 stores 10000Q1 with one section and a score by raw
// SQL, as `]` on 9999Q4 then Enter did.
func plantQuarter10000(t *testing.T, db string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, stmt := range []string{
		`INSERT INTO quarters (quarter, locked, adjustment_name, adjustment_min, adjustment_max, rules, created_at)
			SELECT '10000Q1', 0, adjustment_name, adjustment_min, adjustment_max, rules, created_at FROM quarters LIMIT 1`,
		`INSERT INTO sections (quarter, name, weight, max, ord) VALUES ('10000Q1', '经济运行', 10000, 10000, 1)`,
		`INSERT INTO scores (unit_id, section_id, value) SELECT 1, id, 9000 FROM sections WHERE quarter = '10000Q1'`,
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// TestCheckReportsAnInvalidStoredQuarter: a database that already holds
// 10000Q1 still works (check, import, export), and check names the quarter
// and how to delete it.
func TestCheckReportsAnInvalidStoredQuarter(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	plantQuarter10000(t, db)

	r := mustRun(t, "--db", db, "check")
	for _, w := range []string{"完整性：ok", "无效的季度：10000Q1", "1 个得分", "按 t", "Delete"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("check output lacks %q:\n%s", w, r.stdout)
		}
	}
	mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv")
	r = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2")
	golden(t, "cli/expected/2023Q2-ranking.csv", []byte(r.stdout))
}

// TestImportAddSections: a file with a section the quarter does not have
// is refused, naming the column and --add-sections; with the option the
// column becomes a section of that quarter only.
func TestImportAddSections(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	file := filepath.Join(dir, "q3.csv")
	body := "区市,经济运行,优化营商环境,项目签约落地,城市更新建设\n市南区,90,88.5,90,90\n市北区,80,,80,80\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	r := starflag(t, "--db", db, "import", "--quarter", "2023Q3", file)
	wantRefusedUnchanged(t, r, 1, []string{"「优化营商环境」列", "没有这个考核板块", "--add-sections"}, db, before)

	r = mustRun(t, "--db", db, "import", "--quarter", "2023Q3", file, "--add-sections", "--dry-run")
	if !strings.Contains(r.stdout, "新建板块：优化营商环境") || !strings.Contains(r.stdout, "市南区/优化营商环境：— → 88.50") {
		t.Errorf("dry run: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "import", "--quarter", "2023Q3", file, "--add-sections")
	if !strings.Contains(r.stdout, "新建 1 个板块") {
		t.Errorf("import: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "export", "template", "--quarter", "2023Q3")
	if !strings.Contains(r.stdout, "区市,经济运行,项目签约落地,城市更新建设,优化营商环境,群众满意度加分") {
		t.Errorf("2023Q3 template: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "export", "template", "--quarter", "2023Q1")
	if strings.Contains(r.stdout, "优化营商环境") {
		t.Errorf("2023Q1 got the new section too: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "export", "stars", "--quarter", "2023Q3")
	if !strings.Contains(r.stdout, "2023Q3,市南区,优化营商环境,88.50,1,") {
		t.Errorf("stars: %s", r.stdout)
	}
}

// TestTemplateOfNewDatabaseHasTheDefaultSections: the template of a new
// database's quarter has the sections setup shows for it (the defaults),
// and creating the quarter keeps them.
func TestTemplateOfNewDatabaseHasTheDefaultSections(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	const head = "区市,经济运行,项目签约落地,城市更新建设,群众满意度加分"
	r := mustRun(t, "--db", db, "export", "template", "--quarter", "2024Q1")
	if !strings.Contains(r.stdout, head) {
		t.Fatalf("template: %s", r.stdout)
	}
	mustRun(t, "--db", db, "commend", "--quarter", "2024Q1", "--unit", "市南区", "表扬") // creates the quarter
	if r2 := mustRun(t, "--db", db, "export", "template", "--quarter", "2024Q1"); r2.stdout != r.stdout {
		t.Fatalf("template changed when the quarter was created:\n%s\nwas\n%s", r2.stdout, r.stdout)
	}
}

// TestPresentOpensOnlyACompleteQuarter: present opens the latest complete
// quarter, not a newer one still being typed; with none complete it says
// so and how to name one, unless --quarter names it.
func TestPresentOpensOnlyACompleteQuarter(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	part := filepath.Join(dir, "part.csv")
	if err := os.WriteFile(part, []byte("区市,经济运行,项目签约落地,城市更新建设\n市南区,99,99,99\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", part)
	r := runIn(t, t.TempDir(), 10*time.Second, "--db", db, "present")
	if r.code != 1 || !strings.Contains(r.stderr, "没有得分齐全的季度") || !strings.Contains(r.stderr, "--quarter 2023Q1") {
		t.Errorf("present with nothing complete: exit %d, stderr %q", r.code, r.stderr)
	}

	mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q3", part)
	s := startTmux(t, 100, 30, "--db", db, "present")
	scr := s.waitFor("2023年二季度")
	if strings.Contains(scr, "未完成") || strings.Contains(scr, "2023年三季度") {
		t.Errorf("present opened an incomplete quarter:\n%s", scr)
	}
	s = startTmux(t, 100, 30, "--db", db, "present", "--quarter", "2023Q3")
	s.waitFor("2023年三季度", "未完成")
}

// TestDashboardOpensLatestCompleteQuarter: on a real file, the dashboard
// opens the latest complete quarter, not a newer one still being typed.
func TestDashboardOpensLatestCompleteQuarter(t *testing.T) {
	h := newHarness(t, 100, 30, model.Quarter{})
	ctx := context.Background()
	for _, q := range []string{"2023Q1", "2023Q2"} {
		if err := h.db.CreateQuarter(ctx, model.MustQuarter(q), store.SourceCLI); err != nil {
			t.Fatal(err)
		}
	}
	fillQuarter(t, h, model.MustQuarter("2023Q1"))
	d := h.quarterData(model.MustQuarter("2023Q2"))
	v := model.Hundredths(9000)
	if err := h.db.SetScore(ctx, d.Quarter, d.Units[0].ID, d.Sections[0].ID, &v, store.SourceEntry); err != nil {
		t.Fatal(err)
	}
	h = attachHarness(t, h.db, 100, 30, model.Quarter{})
	if scr := h.screen(); !strings.Contains(scr, "摘星夺旗  2023Q1") || strings.Contains(scr, "未完成") {
		t.Fatalf("did not open the complete 2023Q1:\n%s", scr)
	}
}

// fillQuarter gives every unit every section's score in q.
func fillQuarter(t *testing.T, h *uiHarness, q model.Quarter) {
	t.Helper()
	d := h.quarterData(q)
	plan := model.ImportPlan{Quarter: q}
	for i, u := range d.Units {
		for _, s := range d.Sections {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: model.Hundredths(9000 - 100*i)})
		}
	}
	if err := h.db.ApplyImport(context.Background(), plan, store.SourceCLI); err != nil {
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
	scr := h.screen()
	for _, w := range []string{"摘星夺旗  " + want, want + " 还没有得分", "按 e 录入", "按 s 设置", "starflag import"} {
		if !strings.Contains(scr, w) {
			t.Errorf("first screen lacks %q:\n%s", w, scr)
		}
	}
	h.key("s")
	h.until("setup", func() bool {
		return strings.Contains(h.screen(), "设置 "+want) && strings.Contains(h.screen(), "市南区")
	})
	h.tab("2", "板块名称")
	for _, w := range []string{"经济运行", "项目签约落地", "城市更新建设"} {
		if !strings.Contains(h.screen(), w) {
			t.Errorf("setup of a new database does not show the section %s:\n%s", w, h.screen())
		}
	}
	h.key("esc")
	h.until("the dashboard", func() bool { return strings.Contains(h.screen(), "t 选择季度") })

	h.key("t", "2024Q1", "enter")
	h.until("the confirmation", func() bool { return strings.Contains(h.screen(), "新建 2024Q1") })
	h.key("enter")
	h.until("2024Q1 created", func() bool {
		return strings.Contains(h.screen(), "摘星夺旗  2024Q1") && strings.Contains(h.screen(), "已新建")
	})
	d := h.quarterData(model.MustQuarter("2024Q1"))
	if len(d.Sections) != 3 || d.Sections[0].ID == 0 || d.Sections[0].Name != "经济运行" {
		t.Fatalf("2024Q1 sections = %+v", d.Sections)
	}
}

// TestPickerDeletesAnInvalidStoredQuarter: a file holding 10000Q1 opens,
// and the quarter picker deletes that quarter after a confirmation.
func TestPickerDeletesAnInvalidStoredQuarter(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	mustRun(t, "--db", path, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	plantQuarter10000(t, path)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := attachHarness(t, db, 100, 30, model.Quarter{})
	if !strings.Contains(h.screen(), "摘星夺旗  2023Q1") {
		t.Fatalf("a file with 10000Q1 did not open on 2023Q1:\n%s", h.screen())
	}
	h.key("t")
	h.until("10000Q1 listed", func() bool { return strings.Contains(h.screen(), "10000Q1  无效") })
	h.key("down", "delete")
	h.until("the confirmation", func() bool { return strings.Contains(h.screen(), "删除无效的季度 10000Q1") })
	h.key("enter")
	h.until("deleted", func() bool { return strings.Contains(h.screen(), "已删除季度 10000Q1") })
	if iqs, err := db.InvalidQuarters(context.Background()); err != nil || len(iqs) != 0 {
		t.Fatalf("after delete: %v, %v", iqs, err)
	}
	r := mustRun(t, "--db", path, "check")
	if strings.Contains(r.stdout, "10000Q1") {
		t.Errorf("check still names 10000Q1:\n%s", r.stdout)
	}
}

// TestNextQuarterOn9999Q4StoresNothing: ] then Enter on 9999Q4 stored
// 10000Q1 (after which check, import and the dashboard failed).
func TestNextQuarterOn9999Q4StoresNothing(t *testing.T) {
	h := newHarness(t, 100, 30, model.MaxQuarter)
	if err := h.db.CreateQuarter(context.Background(), model.MaxQuarter, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h = attachHarness(t, h.db, 100, 30, model.MaxQuarter)
	h.key("]")
	h.until("the refusal", func() bool { return strings.Contains(h.screen(), "已经是最后一个季度 9999Q4") })
	h.key("enter")
	h.settle()
	if iqs, _ := h.db.InvalidQuarters(context.Background()); len(iqs) != 0 {
		t.Fatalf("stored %+v", iqs)
	}
	if qs, _ := h.db.ListQuarters(context.Background()); len(qs) != 1 {
		t.Fatalf("quarters %+v", qs)
	}
}
