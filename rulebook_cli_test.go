package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesExportImportDiff: `starflag rules export` writes the quarter's
// rulebook; `rules import --dry-run` lists what an edited file changes and
// writes nothing; `rules import` applies it; `rules diff` says how a file
// and a quarter, or two quarters, differ.
func TestRulesExportImportDiff(t *testing.T) {
	db := soundDB(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "办法.toml")
	mustRun(t, "--db", db, "rules", "export", "--quarter", "2023Q1", "-o", file)
	original, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if stdout := mustRun(t, "--db", db, "rules", "export", "--quarter", "2023Q1").stdout; stdout != string(original) {
		t.Errorf("-o and stdout differ:\n%s", stdout)
	}
	if r := starflag(t, "--db", db, "rules", "export", "--quarter", "2023Q1", "-o", file); r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("export over an existing file: exit %d %s", r.code, r.stderr)
	}
	if out := mustRun(t, "--db", db, "rules", "import", "--quarter", "2023Q1", file, "--dry-run").stdout; !strings.Contains(out, "2023Q1 的考核办法与文件相同，没有不同。") {
		t.Errorf("dry run of its own rulebook:\n%s", out)
	}
	edited := strings.Replace(string(original), "\ntop = 0", "\ntop = 3", 1) + `
# 板块：名称、权重、满分、顺序
[[sections]]
name = "优化营商环境"
weight = 1
max = 100
order = 4
`
	if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	want := []string{"2023Q1 新增板块“优化营商环境”（权重 1，满分 100，第 4 个）", "2023Q1 评星：全部参评区市得星 → 前 3 名得星"}
	out := mustRun(t, "--db", db, "rules", "import", "--quarter", "2023Q1", file, "--dry-run").stdout
	for _, w := range append(want, "（试运行：没有写入任何数据）") {
		if !strings.Contains(out, w) {
			t.Errorf("dry run lacks %q:\n%s", w, out)
		}
	}
	if now := mustRun(t, "--db", db, "rules", "export", "--quarter", "2023Q1").stdout; now != string(original) {
		t.Error("a dry run changed the rulebook")
	}
	diff := mustRun(t, "--db", db, "rules", "diff", "--file", file, "--quarter", "2023Q1").stdout
	for _, w := range want {
		if !strings.Contains(diff, strings.Replace(w, "2023Q1", file, 1)) {
			t.Errorf("diff lacks %q:\n%s", w, diff)
		}
	}
	out = mustRun(t, "--db", db, "rules", "import", "--quarter", "2023Q1", file).stdout
	if !strings.Contains(out, "已导入 2023Q1 的考核办法（2 处改动）。") {
		t.Errorf("import:\n%s", out)
	}
	// 2023Q2 is not created yet: it shows what it would copy, the new rulebook.
	if out := mustRun(t, "--db", db, "rules", "diff", "--quarter", "2023Q2", "--quarter", "2023Q1").stdout; !strings.Contains(out, "没有不同") {
		t.Errorf("diff of 2023Q1 and the quarter that copies it:\n%s", out)
	}
	if out := mustRun(t, "--db", db, "rules", "diff", "--quarter", "2022Q4", "--quarter", "2023Q1").stdout; !strings.Contains(out, want[0]) {
		t.Errorf("diff of 2022Q4 and 2023Q1:\n%s", out)
	}
	for _, args := range [][]string{{"rules", "diff", "--quarter", "2023Q1"}, {"rules", "import", "--quarter", "2023Q1"}, {"rules", "export"}} {
		if r := starflag(t, append([]string{"--db", db}, args...)...); r.code != 2 {
			t.Errorf("%q: exit %d %s", args, r.code, r.stderr)
		}
	}
}

// TestRulesImportRefusedWritesNothing: a file with problems is refused
// whole, each problem with its line, and nothing is written; a locked
// quarter refuses a rulebook with the command to unlock it.
func TestRulesImportRefusedWritesNothing(t *testing.T) {
	db := soundDB(t)
	before := mustRun(t, "--db", db, "rules", "export", "--quarter", "2023Q1").stdout
	bad := strings.Replace(strings.Replace(before, "min = 0", "min = 3", 1), "all_units = false", "all_unit = false", 1)
	bad = strings.Replace(bad, "\ntop = 0", "\ntop = 2", 1) // a good change among the bad ones
	file := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	r := starflag(t, "--db", db, "rules", "import", "--quarter", "2023Q1", file)
	if r.code != 1 || !strings.Contains(r.stderr, "有 2 处问题，没有导入任何内容") ||
		!strings.Contains(r.stderr, "第 33 行：加减分项“群众满意度加分”的下限 3 大于上限 2") || !strings.Contains(r.stderr, "第 39 行：未知的键“all_unit”") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if after := mustRun(t, "--db", db, "rules", "export", "--quarter", "2023Q1").stdout; after != before {
		t.Error("a refused file changed the rulebook")
	}
	good := strings.Replace(before, "\ntop = 0", "\ntop = 2", 1)
	if err := os.WriteFile(file, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	for _, dry := range []string{"--dry-run=false", "--dry-run"} {
		r = starflag(t, "--db", db, "rules", "import", "--quarter", "2023Q1", file, dry)
		if r.code != 1 || !strings.Contains(r.stderr, "starflag unlock --quarter 2023Q1") {
			t.Errorf("a locked quarter (%s): exit %d %s", dry, r.code, r.stderr)
		}
	}
}

// TestInitFromRulebook: `starflag init --rules` makes a new database from
// each example rulebook, whose export is then the file byte for byte; it
// never touches an existing database, and a bad file creates none.
func TestInitFromRulebook(t *testing.T) {
	for _, c := range []struct{ file, quarter string }{
		{"docs/rulebook-qingdao-2023.toml", "2023Q3"},
		{"docs/rulebook-groups-example.toml", "2024Q1"},
	} {
		want, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(t.TempDir(), "new.db")
		out := mustRun(t, "--db", db, "init", "--rules", c.file).stdout
		if !strings.Contains(out, "已新建数据库") || !strings.Contains(out, "10 个区市，"+c.quarter+" 的考核办法") {
			t.Errorf("%s: %s", c.file, out)
		}
		if got := mustRun(t, "--db", db, "rules", "export", "--quarter", c.quarter).stdout; got != string(want) {
			t.Errorf("%s: exported from the new database:\n%s", c.file, got)
		}
		if r := starflag(t, "--db", db, "init", "--rules", c.file); r.code != 1 || !strings.Contains(r.stderr, "已存在") {
			t.Errorf("init over an existing database: exit %d %s", r.code, r.stderr)
		}
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, bytes.Replace(must(os.ReadFile("docs/rulebook-qingdao-2023.toml")), []byte("n = 2"), []byte("n = 0"), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "new.db")
	if r := starflag(t, "--db", db, "init", "--rules", bad); r.code != 1 || !strings.Contains(r.stderr, "永远不会成立") {
		t.Errorf("init from a bad file: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a bad rulebook left a database: %v", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
