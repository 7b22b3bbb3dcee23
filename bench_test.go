package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkImportFile10000Rows is the whole `starflag import` path in one
// process: open the database, read and decode the file, check every cell,
// write them in one transaction. The file has 10,000 unit rows × 4 sections
// (40,000 values); each op changes every value. Target: under 1 s.
func BenchmarkImportFile10000Rows(b *testing.B) {
	dir := b.TempDir()
	db := filepath.Join(dir, "bench.db")
	files := [2]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
	for k, f := range files {
		var sb strings.Builder
		sb.WriteString("区市,经济运行,项目签约落地,城市更新建设,优化营商环境\n")
		for i := range 10000 {
			fmt.Fprintf(&sb, "区市%05d,%d.%02d,%d,%d.5,%d\n", i, 60+(i+k)%40, i%100, 70+k, 80+k, 90-k)
		}
		if err := os.WriteFile(f, []byte(sb.String()), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	if code := run(ctx, []string{"--db", db, "import", "--add-units", "--quarter", "2023Q1", files[1]}, io.Discard, os.Stderr); code != 0 {
		b.Fatalf("setup import: exit %d", code)
	}
	for i := 0; b.Loop(); i++ {
		if code := run(ctx, []string{"--db", db, "import", "--quarter", "2023Q1", files[i%2]}, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("import: exit %d", code)
		}
	}
}

// BenchmarkImportTenDepartmentFiles200 is the whole `starflag import` of
// ten department files at once, as issue 16 describes them: a quarter of
// 200 units and ten sections, one file per section, each with two title
// rows, a 序号 column, a bracketed unit in its header, a 备注 column, a 合计
// row and a note; five are CSV, five workbooks with the title merged and
// the scores stored as text. Each op changes every value. Target: under 1 s.
func BenchmarkImportTenDepartmentFiles200(b *testing.B) {
	const units, sections = 200, 10
	dir := b.TempDir()
	db := filepath.Join(dir, "bench.db")
	var tmpl strings.Builder
	tmpl.WriteString("区市")
	for s := range sections {
		fmt.Fprintf(&tmpl, ",板块%d", s+1)
	}
	tmpl.WriteString("\n")
	for u := range units {
		fmt.Fprintf(&tmpl, "区市%03d%s\n", u, strings.Repeat(",50", sections))
	}
	template := filepath.Join(dir, "template.csv")
	if err := os.WriteFile(template, []byte(tmpl.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if code := run(ctx, []string{"--db", db, "import", "--add-units", "--quarter", "2023Q1", template}, io.Discard, os.Stderr); code != 0 {
		b.Fatalf("setup import: exit %d", code)
	}
	var sets [2][]string // two versions of the ten files, with other values
	for k := range sets {
		for s := range sections {
			score := func(u int) string { return fmt.Sprintf("%d.%02d", 60+(u+s+k)%40, (u*7+k)%100) }
			title := fmt.Sprintf("2023年第一季度“摘星夺旗”板块%d考核得分", s+1)
			path := filepath.Join(dir, fmt.Sprintf("v%d-部门%d", k, s+1))
			if s%2 == 0 {
				var f strings.Builder
				fmt.Fprintf(&f, "%s,,,\n填报单位：部门%d,,填报日期：2023年4月8日,\n序号,区（市）,板块%d（分）,备注\n", title, s+1, s+1)
				for u := range units {
					fmt.Fprintf(&f, "%d,区市%03d,%s,\n", u+1, u, score(u))
				}
				f.WriteString("合计,,—,\n注：以上得分经审核。,,,\n")
				path += ".csv"
				if err := os.WriteFile(path, []byte(f.String()), 0o600); err != nil {
					b.Fatal(err)
				}
			} else {
				sheet := deptSheet{name: "得分", cells: map[string]any{"A1": title, "A2": fmt.Sprintf("填报单位：部门%d", s+1),
					"A3": "序号", "B3": "区（市）", "C3": fmt.Sprintf("板块%d\n（分）", s+1), "D3": "备注"},
					merges: [][2]string{{"A1", "D1"}, {"A2", "D2"}}}
				for u := range units {
					sheet.cells[cell("A", u+4)] = float64(u + 1)
					sheet.cells[cell("B", u+4)] = fmt.Sprintf("区市%03d", u)
					sheet.cells[cell("C", u+4)] = score(u) // text
				}
				sheet.cells[cell("A", units+4)] = "合计"
				sheet.cells[cell("A", units+5)] = "注：以上得分经审核。"
				path += ".xlsx"
				if err := os.WriteFile(path, writeWorkbook(b, []deptSheet{sheet}), 0o600); err != nil {
					b.Fatal(err)
				}
			}
			sets[k] = append(sets[k], path)
		}
	}
	for i := 0; b.Loop(); i++ {
		args := append([]string{"--db", db, "import", "--quarter", "2023Q1"}, sets[i%2]...)
		if code := run(ctx, args, io.Discard, os.Stderr); code != 0 {
			b.Fatalf("import: exit %d", code)
		}
	}
}
