package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"starflag/internal/golden"
)

// The files in testdata/import/ are score files as the lead departments
// send them (issue 16): title rows, 序号 and 备注 columns, units in
// brackets in the headers, 合计 rows and notes under the table, numbers
// stored as text. 2023Q2-发改委.csv and 2023Q2-住建局.xlsx together hold
// the scores of testdata/cli/2023Q2.csv; the 坏-… files are broken copies.

const importDir = "testdata/import/"

// deptSheet is one worksheet of a test workbook: cells by reference
// (a string is stored as text, a float64 as a number), merged ranges, and
// number formats by reference.
type deptSheet struct {
	name    string
	cells   map[string]any
	merges  [][2]string
	formats map[string]int
}

// deptWorkbooks are the .xlsx files of testdata/import/, written from
// these values by UPDATE_GOLDEN=1 go test -run TestImportTestdataWorkbooks.
var deptWorkbooks = map[string][]deptSheet{
	"2023Q2-住建局.xlsx": {housing(nil)},
	// The score of 西海岸新区 as a percentage.
	"坏-百分数.xlsx": {housing(func(s *deptSheet) {
		s.cells["C9"] = 0.93
		s.formats = map[string]int{"C9": 9} // 0%
	})},
	// A title merged across the columns, and no unit column.
	"坏-无表头.xlsx": {{name: "Sheet1", cells: map[string]any{
		"A1": "2023年第二季度城市更新建设考核得分", "A2": "名称", "B2": "城市更新建设", "A3": "市南区", "B3": 90.0},
		merges: [][2]string{{"A1", "B1"}}}},
	// A sheet of instructions, active, before the scores.
	"两个工作表.xlsx": {
		{name: "填表说明", cells: map[string]any{"A1": "请在“得分”工作表填写各区市的城市更新建设得分。"}},
		{name: "得分", cells: map[string]any{"A1": "区市", "B1": "城市更新建设", "A2": "市南区", "B2": 90.0}},
	},
}

// housing is the city-renewal department's sheet: a title merged across
// the columns and a second title line, a blank row, 序号 and 说明 columns,
// the unit column called 单位, scores stored as numbers and as text (with
// spaces, in full-width digits), 合计 merged over two cells, and a note
// of two lines under the table.
func housing(edit func(*deptSheet)) deptSheet {
	s := deptSheet{name: "城市更新", cells: map[string]any{
		"A1": "2023年第二季度“摘星夺旗”城市更新建设考核得分", "A2": "填报单位：市住房城乡建设局（盖章）",
		"A4": "序号", "B4": "单位", "C4": "城市更新建设\n（分）", "D4": "说明",
		"A15": "合计", "C15": 861.0,
		"A16": "说明：得分依据各区市报送材料核定。", "A17": "以上数据已经局务会审议。",
	}, merges: [][2]string{{"A1", "D1"}, {"A2", "D2"}, {"A15", "B15"}, {"A16", "D16"}, {"A17", "D17"}}}
	units := []string{"市南区", "市北区", "李沧区", "崂山区", "西海岸新区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市"}
	scores := []any{90.0, "89", " 90 ", 86.0, 93.0, "８７", 85.0, 83.0, 77.0, 81.0}
	for i, u := range units {
		row := i + 5
		s.cells[cell("A", row)] = float64(i + 1)
		s.cells[cell("B", row)] = u
		s.cells[cell("C", row)] = scores[i]
	}
	s.cells["D9"] = "含原黄岛区"
	if edit != nil {
		edit(&s)
	}
	return s
}

func cell(col string, row int) string {
	name, _ := excelize.JoinCellName(col, row)
	return name
}

// writeWorkbook saves sheets as an .xlsx file, the first one active.
func writeWorkbook(t testing.TB, sheets []deptSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		// In a fixed order, so that the file is the same each time.
		for _, ref := range slices.Sorted(maps.Keys(s.cells)) {
			if err := f.SetCellValue(s.name, ref, s.cells[ref]); err != nil {
				t.Fatal(err)
			}
		}
		for _, ref := range slices.Sorted(maps.Keys(s.formats)) {
			style, err := f.NewStyle(&excelize.Style{NumFmt: s.formats[ref]})
			if err == nil {
				err = f.SetCellStyle(s.name, ref, ref, style)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportTestdataWorkbooks: the workbooks in testdata/import/ are the
// ones deptWorkbooks describes (UPDATE_GOLDEN=1 writes them).
func TestImportTestdataWorkbooks(t *testing.T) {
	for name, sheets := range deptWorkbooks {
		golden.Check(t, importDir+name, writeWorkbook(t, sheets))
	}
}

// newQuarterDB is a database holding 2023Q1 as imported from the template
// file, and so 2023Q2's sections and adjustment.
func newQuarterDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	return db
}

// TestImportDepartmentFiles: each department file is read as a person
// reads it, and --dry-run says what is skipped and what would change (the
// expected reports in testdata/import/expected/). Imported together in one
// command, or one after the other (each leaving the other's sections
// alone), they give the ranking of the template file with the same scores.
func TestImportDepartmentFiles(t *testing.T) {
	files := []string{importDir + "2023Q2-发改委.csv", importDir + "2023Q2-住建局.xlsx"}
	db := newQuarterDB(t)
	for _, f := range files {
		r := mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "--dry-run", f)
		golden.Check(t, importDir+"expected/"+filepath.Base(f)+".txt", []byte(r.stdout))
	}

	r := mustRun(t, "--db", db, "import", "--quarter", "2023Q2", files[0], files[1])
	golden.Check(t, importDir+"expected/together.txt", []byte(r.stdout))
	r = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2")
	golden.Equal(t, "testdata/cli/expected/2023Q2-ranking.csv", []byte(r.stdout))

	db = newQuarterDB(t)
	for _, f := range files {
		mustRun(t, "--db", db, "import", "--quarter", "2023Q2", f)
	}
	r = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2")
	golden.Equal(t, "testdata/cli/expected/2023Q2-ranking.csv", []byte(r.stdout))
	// The housing file again leaves the economy file's scores alone.
	mustRun(t, "--db", db, "import", "--quarter", "2023Q2", files[1])
	r = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2")
	golden.Equal(t, "testdata/cli/expected/2023Q2-ranking.csv", []byte(r.stdout))
}

// TestImportDepartmentFilesRefused: each broken department file, alone or
// beside a good one, is refused with a message naming the file, the sheet,
// the row, the column and the cell (the expected messages in
// testdata/import/expected/), and nothing is written.
func TestImportDepartmentFilesRefused(t *testing.T) {
	db := newQuarterDB(t)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	good := importDir + "2023Q2-发改委.csv"
	for _, tc := range []struct {
		name  string
		files []string
		cell  string
	}{
		{"坏-带单位", []string{importDir + "坏-带单位.csv"}, "单元格 C7"},
		{"坏-两个数", []string{importDir + "坏-两个数.csv"}, "单元格 D10"},
		{"坏-未知列", []string{importDir + "坏-未知列.csv"}, "单元格 F3"},
		{"坏-百分数", []string{good, importDir + "坏-百分数.xlsx"}, "工作表“城市更新”，单元格 C9"},
		{"坏-无表头", []string{importDir + "坏-无表头.xlsx"}, "工作表“Sheet1”，单元格 A2"},
		{"冲突", []string{good, importDir + "冲突-汇总.csv"}, "单元格 B3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := starflag(t, append([]string{"--db", db, "import", "--quarter", "2023Q2"}, tc.files...)...)
			wantRefusedUnchanged(t, r, 1, []string{tc.cell}, db, before)
			golden.Check(t, importDir+"expected/"+tc.name+".txt", []byte(r.stderr))
		})
	}
}

// TestImportSheetOption: --sheet reads the sheet it names; without it the
// active sheet is read, and a sheet of instructions is refused naming it.
func TestImportSheetOption(t *testing.T) {
	db := newQuarterDB(t)
	book := importDir + "两个工作表.xlsx"
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		code  int
		wants []string
	}{
		{[]string{book}, 1, []string{"两个工作表.xlsx 第 1 行", "（工作表“填表说明”，单元格 A1）：找不到表头行"}},
		{[]string{book, "--sheet", "汇总"}, 1, []string{"两个工作表.xlsx：没有名为“汇总”的工作表（可见的工作表：填表说明、得分）"}},
		{[]string{"--sheet", "得分", "testdata/cli/2023Q2.csv"}, 2, []string{"--sheet 只用于 .xlsx 文件"}},
	} {
		r := starflag(t, append([]string{"--db", db, "import", "--quarter", "2023Q2"}, tc.args...)...)
		wantRefusedUnchanged(t, r, tc.code, tc.wants, db, before)
	}
	r := mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "--sheet", "得分", book)
	if !strings.Contains(r.stdout, "已导入 2023Q2：1 个数值") {
		t.Errorf("import --sheet 得分: %s", r.stdout)
	}
}

// TestImportDryRunNamesTheAdjustment: a file of the groups example's two
// adjustments lists each change under its item's name (the dry run said
// 加分项 for both, so 督查扣分 read as a bonus).
func TestImportDryRunNamesTheAdjustment(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	mustRun(t, "--db", db, "init", "--rules", "docs/rulebook-groups-example.toml")
	file := filepath.Join(dir, "商务局.csv")
	if err := os.WriteFile(file, []byte("区市,群众满意度加分,督查扣分\n市南区,1.5,-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--db", db, "import", "--quarter", "2024Q1", file, "--dry-run").stdout
	for _, want := range []string{"市南区/群众满意度加分：— → 1.50", "市南区/督查扣分：— → -1.00"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
}
