package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starflag/internal/golden"
	"starflag/model"
	"starflag/office/officetest"
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
		`INSERT INTO quarters (quarter, locked, rules, created_at) SELECT '10000Q1', 0, rules, created_at FROM quarters LIMIT 1`,
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
	golden.Check(t, "testdata/cli/expected/2023Q2-ranking.csv", []byte(r.stdout))
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
	h := officetest.Attach(t, db, 100, 30, model.Quarter{})
	if !strings.Contains(h.Screen(), "摘星夺旗  2023Q1") {
		t.Fatalf("a file with 10000Q1 did not open on 2023Q1:\n%s", h.Screen())
	}
	h.Key("t")
	h.Until("10000Q1 listed", func() bool { return strings.Contains(h.Screen(), "10000Q1  无效") })
	h.Key("down", "delete")
	h.Until("the confirmation", func() bool { return strings.Contains(h.Screen(), "删除无效的季度 10000Q1") })
	h.Key("enter")
	h.Until("deleted", func() bool { return strings.Contains(h.Screen(), "已删除季度 10000Q1") })
	if iqs, err := db.InvalidQuarters(context.Background()); err != nil || len(iqs) != 0 {
		t.Fatalf("after delete: %v, %v", iqs, err)
	}
	r := mustRun(t, "--db", path, "check")
	if strings.Contains(r.stdout, "10000Q1") {
		t.Errorf("check still names 10000Q1:\n%s", r.stdout)
	}
}
