package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"starflag/exchange"
	"starflag/internal/golden"
	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
)

// TestDemoExportEveryKindTextFormats exports every kind of the demo's
// 2023Q4 (and the year 2023) as md, txt and html through the built binary.
// The bytes must equal the expected files of the exchange package, which
// renders the same demo data without a database: the command line adds
// nothing and loses nothing (commendations included). Every kind of
// model.ExportKinds is exported: a new kind needs its expected files.
func TestDemoExportEveryKindTextFormats(t *testing.T) {
	for _, k := range model.ExportKinds {
		kind := k.Name
		for _, f := range []string{"md", "txt", "html"} {
			if !slices.Contains(exchange.FormatsFor(k), exchange.Format(f)) {
				continue // the kit is html and docx only
			}
			t.Run(kind+"."+f, func(t *testing.T) {
				args := []string{"--demo", "export", kind, "--format", f}
				if k.Yearly {
					args = append(args, "--year", "2023")
				} else {
					args = append(args, "--quarter", "2023Q4", "--date", "2023-12-31")
				}
				r := mustRun(t, args...)
				golden.Equal(t, filepath.Join("exchange", "testdata", "demo-"+kind+"."+f), []byte(r.stdout))
			})
		}
	}
}

// TestExportCSVUnchangedWithFormatFlag: --format csv is the contract, byte
// for byte what export wrote before the other formats existed.
func TestExportCSVUnchangedWithFormatFlag(t *testing.T) {
	r := mustRun(t, "--demo", "export", "ranking", "--quarter", "2023Q4", "--format", "csv")
	golden.Check(t, "testdata/cli/expected/demo-2023Q4-ranking.csv", []byte(r.stdout))
}

func TestExportBulletinOtherQuarterGolden(t *testing.T) {
	// 2023Q2 of the demo: three units share the top two places and two
	// units rose, so both clauses of the flag sentence appear, as the
	// published 2023Q3 bulletin words them.
	for _, f := range []string{"md", "txt"} {
		r := mustRun(t, "--demo", "export", "bulletin", "--quarter", "2023Q2", "--format", f, "--date", "2023-07-05")
		golden.Check(t, "testdata/cli/expected/demo-2023Q2-bulletin."+f, []byte(r.stdout))
	}
	want, err := os.ReadFile("testdata/cli/expected/demo-2023Q2-bulletin.txt")
	if err != nil {
		t.Fatal(err) // a missing expected file is a failure, never a skip
	}
	for _, s := range []string{
		"青岛市综合考核委员会关于", "2023年二季度全市经济运行及重点工作", "“摘星夺旗”考核结果的通报",
		"近期，根据《2023年度经济运行及重点工作季度“摘星夺旗”考核办法》，组织开展了2023年二季度“摘星夺旗”考核。现将考核结果通报如下。",
		// Ties written out, 夺得, the rise stated, the 公文用名 (黄岛区).
		"黄岛区居第1位，市南区、李沧区并列第2位，均夺得“真抓实干、勇当排头”红旗；李沧区前进6位，胶州市前进4位，均夺得“加压奋进、进位赶超”红旗。",
		"青岛市综合考核委员会", "2023年7月5日",
	} {
		if !strings.Contains(string(want), s) {
			t.Errorf("expected bulletin lacks %q", s)
		}
	}
}

// TestExportXLSXFile writes an xlsx with -o and reads it back.
func TestExportXLSXFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "2023Q4-排名.xlsx")
	r := mustRun(t, "--demo", "export", "ranking", "--quarter", "2023Q4", "--format", "xlsx", "-o", out)
	if !strings.Contains(r.stderr, "已导出到") {
		t.Errorf("stderr: %q", r.stderr)
	}
	if fi, err := os.Stat(out); err != nil {
		t.Fatal(err)
	} else if want := officetest.SharedMode(t, filepath.Dir(out)); fi.Mode().Perm() != want {
		t.Errorf("mode %v, want %v (a new document's)", fi.Mode().Perm(), want)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "综合排名" {
		t.Fatalf("sheets %v, want [综合排名]", got)
	}
	rows, err := f.GetRows("综合排名")
	if err != nil {
		t.Fatal(err)
	}
	// Under the title row, each column of the CSV export shows what the
	// CSV says (the section scores come between them).
	if len(rows) == 0 || rows[0][0] != "2023年四季度 综合排名" {
		t.Fatalf("title row %v", rows)
	}
	rows = rows[1:]
	csvOut := mustRun(t, "--demo", "export", "ranking", "--quarter", "2023Q4")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvOut.stdout, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) {
		t.Fatalf("%d rows, want %d", len(rows), len(recs))
	}
	for j, h := range recs[0] {
		c := slices.Index(rows[0], h)
		if c < 0 {
			t.Errorf("no column %s in %v", h, rows[0])
			continue
		}
		for i := range recs {
			got := ""
			if c < len(rows[i]) {
				got = rows[i][c]
			}
			if got != recs[i][j] {
				t.Errorf("row %d %s = %q, want %q", i+2, h, got, recs[i][j])
			}
		}
	}
}

func TestExportRefusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	// 2023Q2 gets one score only: incomplete.
	part := filepath.Join(dir, "part.csv")
	if err := os.WriteFile(part, []byte("区市,经济运行\n市南区,90\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "import", "--quarter", "2023Q2", part)
	cases := []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"xlsx to stdout", []string{"export", "ranking", "--quarter", "2023Q1", "--format", "xlsx"}, 2, []string{"xlsx", "-o"}},
		{"bulletin as csv", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "csv"}, 2, []string{"通报稿", "md、txt、html 或 docx"}},
		{"bulletin as xlsx", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "xlsx", "-o", filepath.Join(dir, "b.xlsx")}, 2, []string{"md、txt、html 或 docx"}},
		{"docx to stdout", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "docx"}, 2, []string{"docx", "-o"}},
		{"kit as md", []string{"export", "kit", "--quarter", "2023Q1", "--format", "md"}, 2, []string{"会议材料", "html 或 docx"}},
		{"kit incomplete", []string{"export", "kit", "--quarter", "2023Q2", "--format", "html"}, 1, []string{"2023Q2 未完成"}},
		{"version of a table", []string{"export", "ranking", "--quarter", "2023Q1", "--version", "简报"}, 2, []string{"--version", "bulletin"}},
		{"unknown version", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--version", "公告"}, 2, []string{"公告", "文件 或 简报"}},
		{"annual bulletin without quarters", []string{"export", "bulletin", "--year", "2019", "--format", "md"}, 1, []string{"2019 年还没有已完成的季度"}},
		{"unknown format", []string{"export", "ranking", "--quarter", "2023Q1", "--format", "pdf"}, 2, []string{"格式“pdf”未知"}},
		{"bad date", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--date", "31.12.2023"}, 2, []string{"日期", "2023-12-31"}},
		{"bulletin incomplete", []string{"export", "bulletin", "--quarter", "2023Q2", "--format", "md"}, 1, []string{"2023Q2 未完成", "市北区/经济运行"}},
		{"seats incomplete", []string{"export", "seats", "--quarter", "2023Q2", "--format", "html"}, 1, []string{"2023Q2 未完成"}},
		{"bulletin empty quarter", []string{"export", "bulletin", "--quarter", "2023Q3", "--format", "txt"}, 1, []string{"还没有任何得分"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := starflag(t, append([]string{"--db", db}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", r.code, tc.code, r.stderr)
			}
			for _, w := range tc.wants {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty: %q", r.stdout)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "b.xlsx")); err == nil {
		t.Error("a refused export wrote its file")
	}
}

func TestExportBulletinDateDefaultsToToday(t *testing.T) {
	r := mustRun(t, "--demo", "export", "bulletin", "--quarter", "2023Q4", "--format", "txt")
	if !strings.Contains(r.stdout, "青岛市综合考核委员会") || !strings.Contains(r.stdout, "年") {
		t.Errorf("bulletin: %s", r.stdout)
	}
}

// TestCommendThenBulletin records, changes and removes a commendation and
// checks the bulletin, the audit log and the refusals.
func TestCommendThenBulletin(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	r := mustRun(t, "--db", db, "commend", "--quarter", "2023Q1", "--unit", "黄岛区", "项目签约落地成效突出")
	if !strings.Contains(r.stdout, "已记录 2023Q1 西海岸新区的表扬") {
		t.Errorf("commend: %s", r.stdout)
	}
	mustRun(t, "--db", db, "commend", "李沧", "--unit", "李沧", "--quarter", "2023Q1")
	r = mustRun(t, "--db", db, "export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--date", "2023-04-10")
	// One sentence, units in official order, by their 公文用名.
	for _, s := range []string{"同时，对李沧区；对黄岛区项目签约落地成效突出，予以表扬。", "2023年4月10日"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("bulletin lacks %q:\n%s", s, r.stdout)
		}
	}
	r = mustRun(t, "--db", db, "commend", "--quarter", "2023Q1", "--unit", "李沧区", "")
	if !strings.Contains(r.stdout, "已删除") {
		t.Errorf("remove: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "export", "bulletin", "--quarter", "2023Q1", "--format", "txt", "--date", "2023-04-10")
	if !strings.Contains(r.stdout, "同时，对黄岛区项目签约落地成效突出予以表扬。") {
		t.Errorf("removed commendation still in the bulletin:\n%s", r.stdout)
	}

	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	audit, err := s.ListAudit(context.Background(), 0)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range audit {
		if e.Action == "commendation" && e.Source == store.SourceCLI {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d commendation audit rows from the command line, want 3", n)
	}

	mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	before, _ := os.ReadFile(db)
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"locked", []string{"commend", "--quarter", "2023Q1", "--unit", "市南区", "好"}, 1, []string{"定稿"}},
		{"unknown unit", []string{"commend", "--quarter", "2023Q1", "--unit", "火星区", "好"}, 1, []string{"火星区"}},
		{"no unit", []string{"commend", "--quarter", "2023Q1", "好"}, 2, []string{"--unit"}},
		{"no text", []string{"commend", "--quarter", "2023Q1", "--unit", "市南区"}, 2, []string{"表扬内容"}},
		{"no quarter", []string{"commend", "--unit", "市南区", "好"}, 2, []string{"--quarter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := starflag(t, append([]string{"--db", db}, tc.args...)...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %s", r.code, tc.code, r.stderr)
			}
			for _, w := range tc.wants {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
			if strings.Contains(r.stderr, "locked") || strings.Contains(r.stderr, "not found") {
				t.Errorf("stderr leaks code words: %q", r.stderr)
			}
		})
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused commendation changed the database file")
	}
}

// writeXLSX builds a workbook whose first sheet holds rows; cells that read
// as numbers are stored as numbers, as Excel stores typed numbers.
func writeXLSX(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, c := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var err error
			if v, perr := strconv.ParseFloat(c, 64); perr == nil {
				err = f.SetCellFloat("Sheet1", cell, v, -1, 64)
			} else if c != "" {
				err = f.SetCellStr("Sheet1", cell, c)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	// A second sheet is ignored: only the first one is read.
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr("说明", "A1", "火星区"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func csvRows(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestImportXLSXFile imports the same scores as 2023Q1.csv from a workbook:
// the ranking must be the one the CSV gives.
func TestImportXLSXFile(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "2023Q1.xlsx")
	writeXLSX(t, xlsx, csvRows(t, "testdata/cli/2023Q1.csv"))
	db := filepath.Join(dir, "s.db")
	r := mustRun(t, "--db", db, "import", "--quarter", "2023Q1", xlsx, "--dry-run")
	if !strings.Contains(r.stdout, "市南区/经济运行：— → 92.50") || !strings.Contains(r.stdout, "试运行") {
		t.Errorf("dry run: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "import", "--quarter", "2023Q1", xlsx)
	if !strings.Contains(r.stdout, "已导入 2023Q1：35 个数值") {
		t.Errorf("import: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1")
	golden.Check(t, "testdata/cli/expected/2023Q1-ranking.csv", []byte(r.stdout))
}

// TestImportTemplateXLSXRoundTrip: the template exported as xlsx (its title
// row above the header), filled in and imported, gives the ranking of the
// CSV; the import says it skipped the title.
func TestImportTemplateXLSXRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	tmpl := filepath.Join(dir, "模板.xlsx")
	mustRun(t, "--db", db, "export", "template", "--quarter", "2023Q2", "--format", "xlsx", "-o", tmpl)
	f, err := excelize.OpenFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	scores := csvRows(t, "testdata/cli/2023Q2.csv")
	rows, _ := f.GetRows(sheet)
	if rows[0][0] != "2023年二季度 录入模板" || rows[1][0] != "区市" {
		t.Fatalf("title and header rows %q", rows[:2])
	}
	for i, row := range rows {
		for _, s := range scores[1:] {
			if u, err := model.FindUnit(model.QingdaoUnits(), s[0]); err == nil && u.Name == row[0] {
				for j, v := range s[1:] {
					if v == "" {
						continue
					}
					cell, _ := excelize.CoordinatesToCellName(j+2, i+1)
					x, err := strconv.ParseFloat(model.NormalizeNumber(v), 64)
					if err != nil {
						t.Fatal(err)
					}
					if err := f.SetCellFloat(sheet, cell, x, -1, 64); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	filled := filepath.Join(dir, "填好.xlsx")
	if err := f.SaveAs(filled); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r := mustRun(t, "--db", db, "import", "--quarter", "2023Q2", filled)
	if !strings.Contains(r.stdout, "跳过表头上方 1 行（第 1 行）") {
		t.Errorf("import: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2")
	golden.Check(t, "testdata/cli/expected/2023Q2-ranking.csv", []byte(r.stdout))
}

// TestImportBOMAndPlainUTF8 imports the same file with and without a BOM.
func TestImportBOMAndPlainUTF8(t *testing.T) {
	src, err := os.ReadFile("testdata/cli/2023Q1.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		t.Fatal("testdata/cli/2023Q1.csv should start with a BOM")
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.csv")
	crlf := bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), []byte("\n"), []byte("\r\n"))
	if err := os.WriteFile(plain, crlf, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"testdata/cli/2023Q1.csv", plain} {
		db := filepath.Join(t.TempDir(), "s.db")
		mustRun(t, "--db", db, "import", "--quarter", "2023Q1", file)
		r := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1")
		golden.Check(t, "testdata/cli/expected/2023Q1-ranking.csv", []byte(r.stdout))
	}
}

// TestImportRefusalsXLSX feeds each bad input of TestRefusalsChangeNothing
// as a workbook: same messages (file, row, column, reason) with the sheet
// and the cell, nothing written.
func TestImportRefusalsXLSX(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	write := func(name string, rows ...[]string) string {
		p := filepath.Join(dir, name)
		writeXLSX(t, p, rows)
		return p
	}
	head := []string{"区市", "经济运行", "项目签约落地", "城市更新建设"}
	row := func(cells ...string) []string { return cells }
	textCells := func(name string, rows ...[]string) string {
		// Scores typed as text (a leading apostrophe in Excel).
		p := filepath.Join(dir, name)
		f := excelize.NewFile()
		defer f.Close()
		for i, r := range rows {
			for j, c := range r {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if err := f.SetCellStr("Sheet1", cell, c); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	corrupt := filepath.Join(dir, "bad.xlsx")
	if err := os.WriteFile(corrupt, []byte("PK\x03\x04 not really a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.xls")
	if err := os.WriteFile(old, []byte{0xd0, 0xcf, 0x11, 0xe0}, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		file  string
		q     string
		wants []string
	}{
		{"unknown unit", write("u.xlsx", head, row("市南区", "90", "90", "90"), row("火星区", "90", "90", "90")), "2023Q2",
			[]string{"u.xlsx 第 3 行「区市」列（工作表“Sheet1”，单元格 A3）：", "未知区市“火星区”", "没有写入任何数据"}},
		{"unknown column", write("c.xlsx", row("区市", "经济运行", "体育"), row("市南区", "90", "90")), "2023Q2",
			[]string{"c.xlsx 第 1 行「体育」列（工作表“Sheet1”，单元格 C1）：", "没有这个考核板块"}},
		{"duplicate column", write("dc.xlsx", row("区市", "经济运行", "经济运行"), row("市南区", "90", "90")), "2023Q2",
			[]string{"dc.xlsx 第 1 行「经济运行」列", "列名重复"}},
		{"duplicate unit", write("d.xlsx", head, row("市南区", "90", "90", "90"), row("市南", "80", "80", "80")), "2023Q2",
			[]string{"d.xlsx 第 3 行「区市」列", "重复（第 2 行已有）"}},
		{"non-numeric", write("n.xlsx", head, row("市南区", "九十", "90", "90")), "2023Q2",
			[]string{"n.xlsx 第 2 行「经济运行」列（工作表“Sheet1”，单元格 B2）：", "“九十”不是有效的分数"}},
		{"three decimals", write("p.xlsx", head, row("市南区", "90.125", "90", "90")), "2023Q2",
			[]string{"p.xlsx 第 2 行「经济运行」列", "“90.125”不是有效的分数"}},
		{"three decimals as text", textCells("pt.xlsx", head, row("市南区", "90.125", "90", "90")), "2023Q2",
			[]string{"pt.xlsx 第 2 行「经济运行」列", "“90.125”不是有效的分数"}},
		{"negative", write("m.xlsx", head, row("市南区", "90", "-1", "90")), "2023Q2",
			[]string{"m.xlsx 第 2 行「项目签约落地」列", "负数"}},
		{"above maximum", write("x.xlsx", head, row("市南区", "90", "90", "100.5")), "2023Q2",
			[]string{"x.xlsx 第 2 行「城市更新建设」列", "超过满分 100.00"}},
		{"adjustment range", write("a.xlsx", row("区市", "经济运行", "群众满意度加分"), row("市南区", "90", "3")), "2023Q2",
			[]string{"a.xlsx 第 2 行「群众满意度加分」列", "超出群众满意度加分范围"}},
		{"empty sheet", write("e.xlsx"), "2023Q2", []string{"e.xlsx（工作表“Sheet1”）：文件是空的"}},
		{"header only", write("h.xlsx", head), "2023Q2", []string{"h.xlsx（工作表“Sheet1”）：只有表头"}},
		{"locked quarter", write("l.xlsx", head, row("市南区", "90", "90", "90")), "2023Q1", []string{"l.xlsx：2023Q1 已定稿", "unlock"}},
		{"several problems", write("s.xlsx", head, row("火星区", "90", "90", "90"), row("市南区", "九十", "-1", "101")), "2023Q2",
			[]string{"4 个问题", "第 2 行「区市」列", "第 3 行「经济运行」列", "第 3 行「项目签约落地」列", "第 3 行「城市更新建设」列"}},
		{"not a workbook", corrupt, "2023Q2", []string{"bad.xlsx：无法打开 xlsx 文件"}},
		{"old xls", old, "2023Q2", []string{"old.xls：", "另存为"}},
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := starflag(t, "--db", db, "import", "--quarter", tc.q, tc.file)
			wantRefusedUnchanged(t, r, 1, tc.wants, db, before)
		})
	}
}
