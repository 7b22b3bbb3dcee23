package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"starflag/model"
)

// Hostile import files: each is refused quickly with a short
// sentence, holding little memory, and the database is left as it was.

// writeStreamXLSX writes a workbook through excelize's stream writer, which
// writes the given cells only, so a file with a cell in column XFD on every
// row is small (106 KB for 20,000 rows).
func writeStreamXLSX(t *testing.T, path string, rows int, cell func(row int) (string, any)) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= rows; r++ {
		ref, v := cell(r)
		if err := sw.SetRow(ref, []any{v}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestImportHugeFilesAreRefused: a 106 KB workbook (column XFD on 20,000
// rows: out of memory, exit 2) and CSV files beyond the bounds (100,000
// columns, which never finished) are refused within seconds with the bounds
// in the sentence; a file of 10,000 bad cells lists 50 and counts the rest.
func TestImportHugeFilesAreRefused(t *testing.T) {
	db := soundDB(t)
	dir := t.TempDir()
	xfd := filepath.Join(dir, "xfd.xlsx")
	writeStreamXLSX(t, xfd, 20000, func(r int) (string, any) { return fmt.Sprintf("XFD%d", r), 1 })
	if fi, err := os.Stat(xfd); err != nil || fi.Size() > 200<<10 {
		t.Fatalf("the workbook: %v, %v", fi, err)
	}
	wide := filepath.Join(dir, "wide.csv")
	var w strings.Builder
	w.WriteString("区市")
	for i := range 100_000 {
		fmt.Fprintf(&w, ",板块%d", i) // new sections: 2022Q4 has none
	}
	w.WriteString("\n市南区" + strings.Repeat(",1", 100_000) + "\n")
	if err := os.WriteFile(wide, []byte(w.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("区市,经济运行,项目签约落地\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "新区市%d,x,101\n", i)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	bounds := "最多 100000 行、1000 列、共 1000000 个单元格"
	for _, c := range []struct {
		file  string
		wants []string
	}{
		{xfd, []string{"xfd.xlsx：工作表“Sheet1”第 1 行 XFD 列（第 16384 列）有内容，超过 1000 列", bounds}},
		{wide, []string{"wide.csv 第 1 行：这一行超过 1000 列", bounds}},
		{bad, []string{"（10000 个问题）", "bad.csv 第 2 行「经济运行」列", "…还有 9950 处"}},
	} {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			start := time.Now()
			r := runFor(t, 60*time.Second, "--db", db, "import", "--add-units", "--quarter", "2022Q4", c.file)
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("the refusal took %v", took)
			}
			wantRefusedUnchanged(t, r, 1, c.wants, db, before)
			if lines := strings.Count(r.stderr, "\n"); lines > 53 {
				t.Errorf("stderr has %d lines", lines)
			}
		})
	}
}

// TestTamperedSettingsAreRefused: a seating layout of 10⁹ seats written into
// the quarters table crashed export (out of memory), and broken JSON there
// reached the user as "invalid character 'o' in literal null". Both are
// refused with a sentence naming the quarter and what to do. The run is
// held to 4 GB of address space (the layout needs 8 GB), so that a
// regression fails instead of taking the machine.
func TestTamperedSettingsAreRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ulimit is unix")
	}
	huge := model.DefaultRules()
	huge.Layout = model.Layout{Rows: 100_000, PerRow: 10_000}
	hugeJSON, err := json.Marshal(huge)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, rules, why string }{
		{"10⁹ seats", string(hugeJSON), "排数或每排座位数超出范围"},
		{"broken JSON", `{"layout": nul}`, "无法读出"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := soundDB(t)
			raw, err := sql.Open("sqlite", "file:"+db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(`UPDATE quarters SET rules = ? WHERE quarter = '2023Q1'`, c.rules); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			before, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			for _, kind := range []string{"seats", "ranking"} {
				r := runCmd(t, exec.Command("sh", "-c", `ulimit -v 4000000 && exec "$0" "$@"`, binary, "--db", db, "export", kind, "--quarter", "2023Q1"))
				wantRefusedUnchanged(t, r, 1, []string{"数据库里 2023Q1 的考核规则无效（" + c.why + "）", "请用备份恢复"}, db, before)
				for _, leak := range []string{"character", "literal", "json", "goroutine"} {
					if strings.Contains(r.stderr, leak) {
						t.Errorf("export %s: stderr leaks %q: %s", kind, leak, r.stderr)
					}
				}
			}
		})
	}
}

// TestFormulaNamesRefusedAndGuarded: a name starting with = + - @ is refused
// where names come in from the command line (an import header creating
// sections, --add-units, commend; setup is store.TestHostileNamesRefused),
// and names already stored (written by another tool) reach every CSV cell,
// headers included, with the ' guard.
func TestFormulaNamesRefusedAndGuarded(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fresh := filepath.Join(dir, "fresh.db")
	mustRun(t, "--db", fresh, "check")
	before, err := os.ReadFile(fresh)
	if err != nil {
		t.Fatal(err)
	}
	r := starflag(t, "--db", fresh, "import", "--quarter", "2023Q1",
		write("h.csv", "区市,=1+1,@SUM(1+1),+cmd|'/C calc'!A0,-1\n市南区,1,2,3,4\n"))
	wantRefusedUnchanged(t, r, 1, []string{"h.csv 第 1 行「=1+1」列（单元格 B1）：板块名称不能以“=”开头", "「@SUM(1+1)」列（单元格 C1）：板块名称不能以“@”开头",
		"「+cmd|'/C calc'!A0」列（单元格 D1）：板块名称不能以“+”开头", "「-1」列（单元格 E1）：板块名称不能以“-”开头"}, fresh, before)

	db := soundDB(t)
	before, err = os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	r = starflag(t, "--db", db, "import", "--add-units", "--quarter", "2023Q1",
		write("u.csv", "区市,经济运行\n=HYPERLINK(\"http://x\"),90\n"))
	wantRefusedUnchanged(t, r, 1, []string{"u.csv 第 2 行「区市」列（单元格 A2）：区市名称不能以“=”开头"}, db, before)
	r = starflag(t, "--db", db, "commend", "--quarter", "2023Q1", "--unit", "市南区", "@SUM(1+1)")
	wantRefusedUnchanged(t, r, 1, []string{"表扬内容不能以“@”开头"}, db, before)

	raw, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`UPDATE sections SET name = '=1+1' WHERE name = '经济运行'`,
		`UPDATE units SET name = '@SUM(1+1)' WHERE name = '市南区'`} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	for _, kind := range []string{"template", "stars", "ranking", "year"} {
		args := []string{"--db", db, "export", kind, "--quarter", "2023Q1"}
		if kind == "year" {
			args = []string{"--db", db, "export", "year", "--year", "2023"}
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(mustRun(t, args...).stdout, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			for _, c := range rec {
				if c != "" && strings.ContainsRune("=+-@", rune(c[0])) && model.GuardFormula(c) != c {
					t.Errorf("export %s: unguarded cell %q", kind, c)
				}
			}
		}
		if kind == "template" && (recs[0][1] != "'=1+1" || recs[1][0] != "'@SUM(1+1)") {
			t.Errorf("template: header %q, first row %q", recs[0], recs[1])
		}
	}
}
