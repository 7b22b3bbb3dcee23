package model

import (
	"errors"
	"strings"
	"testing"
)

// departmentCSV is a file as a lead department sends it (issue 16): two
// title lines, a 序号 column, units in brackets and a line break in the
// headers, a 备注 column, a 合计 row and a note under the table.
const departmentCSV = "2024年第三季度“摘星夺旗”考核得分汇总表,,,,\n" +
	"填报单位：市发改委,,填报日期：2024年10月8日,,\n" +
	"序号,区（市）,\"经济\n运行（分）\",项目签约落地(分),备注\n" +
	"1,市南区,92.35,88.10,\n" +
	"2,市北区, 85 ,８６．２５,已复核\n" +
	"3,黄岛区,95,93,\n" +
	"合计,,272.35,267.35,\n" +
	"注：以上得分经市统计局审核。,,,,\n"

// planStrings renders a plan's cells and notes for comparison.
func planStrings(p ImportPlan) (cells, notes []string) {
	for _, c := range p.Cells {
		old := ""
		if c.Old != nil {
			old = c.Old.String()
		}
		cells = append(cells, c.Unit+"/"+c.Section+" "+old+"→"+c.New.String())
	}
	for _, n := range p.Notes {
		notes = append(notes, n.String())
	}
	return cells, notes
}

func wantLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPlanImportDepartmentFile: the header row is found under the titles,
// its cells read as a person reads them, and everything left out is
// reported with its row and cell.
func TestPlanImportDepartmentFile(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, departmentCSV)
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	cells, notes := planStrings(plan)
	wantLines(t, "cells", cells, []string{
		"市南区/经济运行 90.00→92.35", "市南区/项目签约落地 →88.10",
		"市北区/经济运行 →85.00", "市北区/项目签约落地 →86.25",
		"西海岸新区/经济运行 →95.00", "西海岸新区/项目签约落地 →93.00"})
	wantLines(t, "notes", notes, []string{
		"得分.csv：跳过表头上方 2 行（第 1–2 行）",
		"得分.csv 第 3 行「序号」列（单元格 A3）：这一列不导入（序号、备注、说明列只供查看）",
		"得分.csv 第 3 行「备注」列（单元格 E3）：这一列不导入（序号、备注、说明列只供查看）",
		"得分.csv 第 7 行「序号」列（单元格 A7）：跳过“合计”行（由各区市得分算出，不导入）",
		"得分.csv 第 8 行（单元格 A8）：跳过说明：“注：以上得分经市统计局审核。”"})
}

func TestHeaderKey(t *testing.T) {
	same := [][2]string{
		{"经济\n运行", "经济运行"}, {" 经济运行 ", "经济运行"}, {"经济　运行", "经济运行"},
		{"经济运行（分）", "经济运行"}, {"经济运行(分)", "经济运行"}, {"经济运行 （ 分 ）", "经济运行"},
		{"经济运行（满分100分）", "经济运行"}, {"经济运行(100分)", "经济运行"}, {"经济运行（得分）", "经济运行"},
		{"区（市）", "区(市)"}, {"UNIT", "unit"}, {"ｕｎｉｔ", "unit"}, {"\ufeff区市", "区市"},
	}
	for _, c := range same {
		if headerKey(c[0]) != headerKey(c[1]) {
			t.Errorf("headerKey(%q) = %q, headerKey(%q) = %q: want the same", c[0], headerKey(c[0]), c[1], headerKey(c[1]))
		}
	}
	different := [][2]string{{"城市更新建设（含棚改）", "城市更新建设"}, {"区（市）", "区"}, {"经济运行（一）", "经济运行"}}
	for _, c := range different {
		if headerKey(c[0]) == headerKey(c[1]) {
			t.Errorf("headerKey(%q) = headerKey(%q): a bracket that is not a unit is part of the name", c[0], c[1])
		}
	}
	for in, want := range map[string]string{"经济\n运行（分）": "经济运行", "Section  A": "Section A", "优化 营商 环境 (分)": "优化营商环境"} {
		if got := headerName(in); got != want {
			t.Errorf("headerName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPlanImportFindsTheHeaderRow: the header is the first row whose unit
// cell names the unit column and whose other cells name the quarter's
// columns; a title row that happens to start with 单位 is not it.
func TestPlanImportFindsTheHeaderRow(t *testing.T) {
	cases := []struct {
		name, csv string
		edit      func(*ImportInput)
		cells     string // the planned cells, joined
		notes     []string
	}{
		{"unit-column names", "地区,经济运行\n市北区,80\n", nil, "市北区/经济运行 →80.00", nil},
		{"区市名称", "区市名称,经济运行\n市北区,80\n", nil, "市北区/经济运行 →80.00", nil},
		{"half-width brackets", "区(市),经济运行\n市北区,80\n", nil, "市北区/经济运行 →80.00", nil},
		{"blank rows and a leading blank column", "\n,考核得分表\n\n,区市,经济运行\n,市北区,80\n", nil, "市北区/经济运行 →80.00",
			[]string{"得分.csv：跳过表头上方 1 行（第 2 行）"}},
		{"a title row starting with 单位", "单位,市发改委\n单位,经济运行\n市北区,80\n", nil, "市北区/经济运行 →80.00",
			[]string{"得分.csv：跳过表头上方 1 行（第 1 行）"}},
		{"a new section under a title", "考核得分表\n区市,经济运行,招商引资\n市北区,80,70\n", func(in *ImportInput) { in.AddSections = true },
			"市北区/经济运行 →80.00 市北区/招商引资 →70.00", []string{"得分.csv：跳过表头上方 1 行（第 1 行）"}},
		{"a header over two rows", "区市,经济运行,项目签约落地\n区市,（分）,（分）\n市北区,80,70\n", nil,
			"市北区/经济运行 →80.00 市北区/项目签约落地 →70.00",
			[]string{"得分.csv 第 2 行「区市」列（单元格 A2）：这一行是表头的第二行，已与上一行合起来读"}},
		{"a blank column inside", "区市,,经济运行\n市北区,,80\n", nil, "市北区/经济运行 →80.00", nil},
		{"an empty column of another name", "区市,经济运行,填报人\n市北区,80,\n", nil, "市北区/经济运行 →80.00",
			[]string{"得分.csv 第 1 行「填报人」列（单元格 C1）：这一列不是考核板块，也没有任何数值，不导入"}},
		{"说明 column with text", "区市,经济运行,说明\n市北区,80,已核\n", nil, "市北区/经济运行 →80.00",
			[]string{"得分.csv 第 1 行「说明」列（单元格 C1）：这一列不导入（序号、备注、说明列只供查看）"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := importFixture()
			if tc.edit != nil {
				tc.edit(&in)
			}
			in.Rows = csvRows(t, tc.csv)
			plan, err := PlanImport(in)
			if err != nil {
				t.Fatalf("PlanImport: %v", err)
			}
			cells, notes := planStrings(plan)
			if got := strings.Join(cells, " "); got != tc.cells {
				t.Errorf("cells %q, want %q", got, tc.cells)
			}
			wantLines(t, "notes", notes, tc.notes)
		})
	}
}

// TestPlanImportSkipsTotalsAndNotes: rows computed from the units and
// notes under the table are skipped and reported, never read as units.
func TestPlanImportSkipsTotalsAndNotes(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, "区市,经济运行\n市北区,80\n合 计,80\n总计,80\n全市平均,80\n平均分：,80\n"+
		"说明：1. 得分保留两位小数；\n2. 以上得分已经审核。\n\n注,另见附件\n")
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	cells, notes := planStrings(plan)
	wantLines(t, "cells", cells, []string{"市北区/经济运行 →80.00"})
	wantLines(t, "notes", notes, []string{
		"得分.csv 第 3 行「区市」列（单元格 A3）：跳过“合 计”行（由各区市得分算出，不导入）",
		"得分.csv 第 4 行「区市」列（单元格 A4）：跳过“总计”行（由各区市得分算出，不导入）",
		"得分.csv 第 5 行「区市」列（单元格 A5）：跳过“全市平均”行（由各区市得分算出，不导入）",
		"得分.csv 第 6 行「区市」列（单元格 A6）：跳过“平均分：”行（由各区市得分算出，不导入）",
		"得分.csv 第 7 行（单元格 A7）：跳过说明（共 2 行）：“说明：1. 得分保留两位小数；”",
		"得分.csv 第 10 行（单元格 A10）：跳过说明：“注”"})

	// A row after a note that holds scores is read, and refused if wrong.
	in.Rows = csvRows(t, "区市,经济运行\n市北区,80\n注：下表为补报\n火星区,80\n")
	_, err = PlanImport(in)
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Problems[0].String() != "得分.csv 第 4 行「区市」列（单元格 A4）：未知区市“火星区”（可用全称、简称或别名；新区市加 --add-units）" {
		t.Errorf("a unit row after a note: %v", err)
	}
}

// TestPlanImportRefusesWithTheCell: each refusal of a department file names
// the file, the sheet, the row, the column and the cell; a number with a
// unit, a percentage or two numbers say so.
func TestPlanImportRefusesWithTheCell(t *testing.T) {
	head := "得分汇总表\n序号,区（市）,经济运行（分）,项目签约落地（分）\n"
	cases := []struct{ name, csv, want string }{
		{"percentage", head + "1,市南区,95%,80\n", "得分.xlsx 第 3 行「经济运行」列（工作表“汇总”，单元格 C3）：“95%”不是有效的分数（这是百分数：请填写分数本身，如 95）"},
		{"with its unit", head + "1,市南区,90,95分\n", "得分.xlsx 第 3 行「项目签约落地」列（工作表“汇总”，单元格 D3）：“95分”不是有效的分数（请去掉“分”，只填数字）"},
		{"two numbers", head + "1,市南区,92.5 88,80\n", "得分.xlsx 第 3 行「经济运行」列（工作表“汇总”，单元格 C3）：“92.5 88”不是有效的分数（一格里只能填一个数）"},
		{"two numbers with a slash", head + "1,市南区,90,92.5/88\n", "得分.xlsx 第 3 行「项目签约落地」列（工作表“汇总”，单元格 D3）：“92.5/88”不是有效的分数（一格里只能填一个数）"},
		{"a point too many", head + "1,市南区,95.5。,80\n", "得分.xlsx 第 3 行「经济运行」列（工作表“汇总”，单元格 C3）：“95.5。”不是有效的分数（数字，最多两位小数）"},
		{"unknown column", "得分汇总表\n序号,区（市）,经济运行,体育\n1,市南区,90,80\n", "得分.xlsx 第 2 行「体育」列（工作表“汇总”，单元格 D2）：2023Q1 没有这个考核板块（现有：经济运行、项目签约落地、城市更新建设；要新增这个板块，导入时加 --add-sections）"},
		{"no header row", "得分汇总表\n名称,经济运行\n", "得分.xlsx 第 2 行「名称」列（工作表“汇总”，单元格 A2）：找不到表头行：第一列的表头应为“区市”（也可写 区（市）、单位、地区、区市名称或 unit，前面可有“序号”列），其余各列为板块名称"},
		{"blank header over values", "区市,,经济运行\n市南区,3,90\n", "得分.xlsx 第 1 行「第 2 列」列（工作表“汇总”，单元格 B1）：表头为空"},
		{"extra cells", "区市,经济运行\n市南区,90,,7\n", "得分.xlsx 第 2 行（工作表“汇总”，单元格 D2）：这一行比表头多出 2 列"},
		{"header only", "得分汇总表\n区市,经济运行\n合计,0\n", "得分.xlsx（工作表“汇总”）：只有表头，没有数据行"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := importFixture()
			in.File, in.Sheet, in.Rows = "得分.xlsx", "汇总", csvRows(t, tc.csv)
			_, err := PlanImport(in)
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("err %v, want an *ImportError", err)
			}
			if got := ie.Problems[0].String(); got != tc.want {
				t.Errorf("problem\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestPlanImportNumbersAsFilesHoldThem: spaces around, full-width digits
// and a point typed with the Chinese input method are numbers.
func TestPlanImportNumbersAsFilesHoldThem(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, "区市,经济运行,项目签约落地,城市更新建设\n市北区,\u00a092.5 ,９１．２５,９０。５\n")
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	cells, _ := planStrings(plan)
	wantLines(t, "cells", cells, []string{"市北区/经济运行 →92.50", "市北区/项目签约落地 →91.25", "市北区/城市更新建设 →90.50"})
}

// TestPlanImportSeveralFiles: department files each holding their own
// sections are planned as one import; a cell given twice with the same
// value is one change, with two values a problem naming both places.
func TestPlanImportSeveralFiles(t *testing.T) {
	economy := ImportSource{File: "发改委.xlsx", Sheet: "得分", Rows: csvRows(t, "三季度得分\n区（市）,经济运行（分）\n市南区,90\n市北区,85\n")}
	projects := ImportSource{File: "商务局.csv", Rows: csvRows(t, "序号,区市,项目签约落地\n1,市南区,88\n2,市北区,86\n合计,,174\n")}
	in := importFixture()
	in.Files = []ImportSource{economy, projects}
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	cells, notes := planStrings(plan)
	// 市南区/经济运行 is stored as 90.00: unchanged, left out.
	wantLines(t, "cells", cells, []string{"市北区/经济运行 →85.00", "市南区/项目签约落地 →88.00", "市北区/项目签约落地 →86.00"})
	wantLines(t, "notes", notes, []string{
		"发改委.xlsx（工作表“得分”）：跳过表头上方 1 行（第 1 行）",
		"商务局.csv 第 1 行「序号」列（单元格 A1）：这一列不导入（序号、备注、说明列只供查看）",
		"商务局.csv 第 4 行「序号」列（单元格 A4）：跳过“合计”行（由各区市得分算出，不导入）"})

	// The same value twice (an unchanged one included) is no conflict.
	again := ImportSource{File: "汇总.csv", Rows: csvRows(t, "区市,经济运行,项目签约落地\n市南区,90,88\n")}
	in.Files = []ImportSource{economy, projects, again}
	if plan2, err := PlanImport(in); err != nil || len(plan2.Cells) != 3 {
		t.Fatalf("same values again: %d cells, %v", len(plan2.Cells), err)
	}

	// Two values for one cell: refused, naming both files and cells.
	other := ImportSource{File: "汇总.csv", Rows: csvRows(t, "区市,经济运行\n市北区,84.5\n市南区,90\n")}
	in.Files = []ImportSource{economy, projects, other}
	_, err = PlanImport(in)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("conflict: %v, want one problem", err)
	}
	if got, want := ie.Problems[0].String(), "汇总.csv 第 2 行「经济运行」列（单元格 B2）：市北区的“经济运行”在这里是 84.50，"+
		"在 发改委.xlsx 第 4 行「经济运行」列（工作表“得分”，单元格 B4）是 85.00：两个文件不一致，请核对后只保留一个"; got != want {
		t.Errorf("conflict\n%s\nwant\n%s", got, want)
	}
}

// TestPlanImportSeveralFilesNewSectionsAndUnits: a quarter without sections
// takes them from all the files' headers; a unit new to the database in
// two files is added once.
func TestPlanImportSeveralFilesNewSectionsAndUnits(t *testing.T) {
	in := importFixture()
	in.Data.Sections = nil
	in.AddUnits = true
	in.Files = []ImportSource{
		{File: "a.csv", Rows: csvRows(t, "区市,经济运行,群众满意度加分\n新区,90,1\n市南区,80,\n")},
		{File: "b.csv", Rows: csvRows(t, "区市,项目签约落地,经济运行\n新区,70,90\n")},
	}
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	var secs []string
	for _, s := range plan.NewSections {
		secs = append(secs, s.Name)
	}
	if strings.Join(secs, " ") != "经济运行 项目签约落地" || len(plan.NewUnits) != 1 || plan.NewUnits[0].Name != "新区" {
		t.Errorf("new sections %v, new units %+v", secs, plan.NewUnits)
	}
	cells, _ := planStrings(plan)
	wantLines(t, "cells", cells, []string{"新区/经济运行 →90.00", "新区/ →1.00", "市南区/经济运行 →80.00", "新区/项目签约落地 →70.00"})

	in.Data.Locked, in.Data.Sections = true, importFixture().Data.Sections
	if _, err := PlanImport(in); err == nil || !strings.Contains(err.Error(), "a.csv、b.csv：2023Q1 已定稿，不能导入") {
		t.Errorf("locked: %v", err)
	}
}

// TestReadCSVNumbersRowsAsASpreadsheet: a cell holding a line break is one
// row in Excel, so the rows below keep the numbers Excel shows.
func TestReadCSVNumbersRowsAsASpreadsheet(t *testing.T) {
	rows := csvRows(t, "区市,\"经济\r\n运行\"\n市南区,\"9\n\n0\"\n\n市北区,80\n")
	var lines []int
	for _, r := range rows {
		lines = append(lines, r.Line)
	}
	if len(lines) != 3 || lines[0] != 1 || lines[1] != 2 || lines[2] != 4 {
		t.Errorf("rows numbered %v, want [1 2 4]", lines)
	}
}

func TestCellName(t *testing.T) {
	for col, want := range map[int]string{0: "A7", 1: "B7", 25: "Z7", 26: "AA7", 701: "ZZ7", 702: "AAA7", 16383: "XFD7"} {
		if got := CellName(7, col); got != want {
			t.Errorf("CellName(7, %d) = %q, want %q", col, got, want)
		}
	}
	if CellName(0, 1) != "" || CellName(3, -1) != "" {
		t.Error("a place that is not a cell has a cell name")
	}
}
