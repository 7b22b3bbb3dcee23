package exchange

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"starflag/model"
)

func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestXLSXRanking reads the ranking workbook back cell by cell: the title
// row, then the header, bold and frozen; every column of the CSV with its
// cells, the section scores after 综合得分; numbers are numbers with their
// formats, the sheet has a Chinese name, flags and warnings are coloured.
func TestXLSXRanking(t *testing.T) {
	doc := demoDocument(t, "ranking", "2023Q4")
	data, err := Render(doc, XLSX)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, data)
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "综合排名" {
		t.Fatalf("sheets %v, want [综合排名]", got)
	}
	const sh = "综合排名"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(doc.Table.Rows)+2 {
		t.Fatalf("%d rows, want %d", len(rows), len(doc.Table.Rows)+2)
	}
	if rows[0][0] != "2023年四季度 综合排名" {
		t.Errorf("title %q", rows[0][0])
	}
	wantHead := []string{"季度", "名次", "区市", "综合得分", "经济运行", "项目签约落地", "城市更新建设", "优化营商环境", "位次变化", "红旗", "警示"}
	if !slices.Equal(rows[1], wantHead) {
		t.Errorf("header %v, want %v", rows[1], wantHead)
	}
	// Every cell shows what the table (and so the CSV) says.
	for i, h := range doc.Table.Header {
		c := slices.Index(rows[1], h)
		if c < 0 {
			t.Errorf("no column %s", h)
			continue
		}
		for r, row := range doc.Table.Rows {
			got := ""
			if c < len(rows[r+2]) {
				got = rows[r+2][c]
			}
			if got != row[i].Text {
				t.Errorf("row %d %s shows %q, want %q", r+3, h, got, row[i].Text)
			}
		}
	}
	for r, row := range doc.Sheets[0].Rows {
		for c, cell := range row[4:8] {
			if got := rows[r+2][4+c]; got != cell.Text {
				t.Errorf("row %d section %d shows %q, want %q", r+3, c, got, cell.Text)
			}
		}
	}

	// Header: bold, frozen below row 2.
	hs, _ := f.GetCellStyle(sh, "A2")
	st, err := f.GetStyle(hs)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style %+v (err %v), want bold", st, err)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes %+v (err %v), want frozen at A3", panes, err)
	}

	cases := []struct {
		cell   string
		typ    excelize.CellType
		raw    string
		numFmt int
		custom string
	}{
		{"B3", excelize.CellTypeNumber, "1", 0, ""},         // rank: integer
		{"D3", excelize.CellTypeNumber, "368.49", 2, ""},    // composite: 0.00
		{"E3", excelize.CellTypeNumber, "90.77", 2, ""},     // a section score: 0.00
		{"I3", excelize.CellTypeNumber, "1", 0, "+0;-0;0"},  // movement +1
		{"I4", excelize.CellTypeNumber, "-1", 0, "+0;-0;0"}, // movement -1
		{"C3", excelize.CellTypeInlineString, "市南区", 0, ""}, // unit: text
	}
	for _, c := range cases {
		typ, err := f.GetCellType(sh, c.cell)
		if err != nil || !sameType(typ, c.typ) {
			t.Errorf("%s type %v (err %v), want %v", c.cell, typ, err, c.typ)
		}
		raw, _ := f.GetCellValue(sh, c.cell, excelize.Options{RawCellValue: true})
		if raw != c.raw {
			t.Errorf("%s raw %q, want %q", c.cell, raw, c.raw)
		}
		id, _ := f.GetCellStyle(sh, c.cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.NumFmt != c.numFmt {
			t.Errorf("%s NumFmt %d, want %d", c.cell, st.NumFmt, c.numFmt)
		}
		if c.custom != "" && (st.CustomNumFmt == nil || *st.CustomNumFmt != c.custom) {
			t.Errorf("%s custom format %v, want %q", c.cell, st.CustomNumFmt, c.custom)
		}
	}

	// Flag text is red; the red mark (红牌) is a red fill with white text.
	id, _ := f.GetCellStyle(sh, "J3")
	st, _ = f.GetStyle(id)
	if st.Font == nil || !strings.EqualFold(st.Font.Color, "C00000") || !st.Font.Bold {
		t.Errorf("flag cell font %+v, want bold C00000", st.Font)
	}
	id, _ = f.GetCellStyle(sh, "K12")
	st, _ = f.GetStyle(id)
	if len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], "C00000") {
		t.Errorf("red mark fill %+v, want C00000", st.Fill)
	}

	// Columns fit Chinese text: 西海岸新区 is 10 cells wide.
	w, _ := f.GetColWidth(sh, "C")
	if w < 12 {
		t.Errorf("unit column width %.1f, want ≥ 12", w)
	}
}

func TestXLSXWarningIsAmber(t *testing.T) {
	tb := model.Table{Kind: "ranking", Header: []string{"区市", "警示"},
		Rows: [][]model.Cell{{{Text: "莱西市"}, {Text: "约谈提醒", Mark: "warning"}}}}
	f := openXLSX(t, mustXLSX(t, tb))
	id, _ := f.GetCellStyle("综合排名", "B2")
	st, _ := f.GetStyle(id)
	if len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], "FFD966") {
		t.Errorf("warning fill %+v, want FFD966", st.Fill)
	}
}

func mustXLSX(t *testing.T, tables ...model.Table) []byte {
	t.Helper()
	data, err := XLSXOf(tables...)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestXLSXFormulaGuard: text that starts with = + - @ is stored as text
// (never as a formula) with the text format, numbers like -3 stay numbers.
func TestXLSXFormulaGuard(t *testing.T) {
	tb := model.Table{Kind: "template", Header: []string{"区市", "备注", "得分", "=1+1"},
		Rows: [][]model.Cell{
			{{Text: "=HYPERLINK(\"http://x\",\"点我\")"}, {Text: "+cmd|' /C calc'!A0"}, {Text: "-3", Num: true}},
			{{Text: "@SUM(A1)"}, {Text: "-x"}, {Text: "92.50", Num: true}},
		}}
	f := openXLSX(t, mustXLSX(t, tb))
	const sh = "录入模板"
	for _, cell := range []string{"A2", "B2", "A3", "B3", "D1"} {
		if fm, _ := f.GetCellFormula(sh, cell); fm != "" {
			t.Errorf("%s has formula %q", cell, fm)
		}
		typ, _ := f.GetCellType(sh, cell)
		if typ != excelize.CellTypeInlineString {
			t.Errorf("%s type %v, want text", cell, typ)
		}
		id, _ := f.GetCellStyle(sh, cell)
		st, _ := f.GetStyle(id)
		if st.NumFmt != 49 {
			t.Errorf("%s NumFmt %d, want 49 (text)", cell, st.NumFmt)
		}
	}
	if v, _ := f.GetCellValue(sh, "A2"); v != "=HYPERLINK(\"http://x\",\"点我\")" {
		t.Errorf("A2 = %q: the text itself is kept", v)
	}
	for cell, want := range map[string]string{"C2": "-3", "C3": "92.5"} {
		typ, _ := f.GetCellType(sh, cell)
		raw, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if !sameType(typ, excelize.CellTypeNumber) || raw != want {
			t.Errorf("%s = %q type %v, want number %s", cell, raw, typ, want)
		}
	}
}

// TestXLSXEveryKind: every table kind gets its Chinese sheet, its title
// row and a bold frozen header (the stars matrix has two header lines, the
// seats their chart first); several tables make one workbook.
func TestXLSXEveryKind(t *testing.T) {
	var tables []model.Table
	for _, kind := range model.ExportKindNames() {
		if k, _ := model.ExportKindNamed(kind); !slices.Contains(FormatsFor(k), XLSX) {
			continue // the bulletin and the kit have no table
		}
		doc := demoDocument(t, kind, "2023Q4")
		data, err := Render(doc, XLSX)
		if err != nil {
			t.Fatal(err)
		}
		f := openXLSX(t, data)
		sheets := map[string][]string{"stars": {"单项板块评星", model.StarsDetail}, "seats": {"会议座次", SeatList}}[kind]
		if sheets == nil {
			sheets = []string{SheetName(kind)}
		}
		if got := f.GetSheetList(); !slices.Equal(got, sheets) {
			t.Errorf("%s: sheets %v, want %v", kind, got, sheets)
		}
		list := sheets[len(sheets)-1] // the table of the CSV
		rows, _ := f.GetRows(list)
		if len(rows) != len(doc.Table.Rows)+2 {
			t.Errorf("%s: %d rows, want %d", kind, len(rows), len(doc.Table.Rows)+2)
		}
		tables = append(tables, doc.Table)
	}
	f := openXLSX(t, mustXLSX(t, tables...))
	if got := f.GetSheetList(); len(got) != len(tables) || got[0] != "综合排名" || got[len(got)-1] != "年度考核" {
		t.Errorf("workbook sheets %v", got)
	}
	doc := demoDocument(t, "bulletin", "2023Q4")
	if _, err := Render(doc, XLSX); err == nil || !strings.Contains(err.Error(), "md、txt、html") {
		t.Errorf("bulletin as xlsx: %v", err)
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{"ranking": "综合排名", "a/b:c": "a_b_c", "": "Sheet1",
		strings.Repeat("长", 40): strings.Repeat("长", 31)} {
		if got := SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

// sameType treats a cell without a type attribute as a number, as the
// file format does.
func sameType(got, want excelize.CellType) bool {
	if want == excelize.CellTypeNumber && got == excelize.CellTypeUnset {
		return true
	}
	return got == want
}

// TestXLSXHandoutsPrint: every sheet of every kind's workbook prints on A4
// (paper size 9), fitted to one page wide, landscape when wide; a table's
// sheet has its title in row 1 across the table, its header frozen and
// repeated on every printed page (_xlnm.Print_Titles), the page number in
// the footer.
func TestXLSXHandoutsPrint(t *testing.T) {
	type sheet struct {
		name, title, titles, freeze string
		landscape                   bool
	}
	want := map[string][]sheet{
		"ranking": {{"综合排名", "2023年四季度 综合排名", "$2:$2", "A3", true}},
		"stars": {{"单项板块评星", "2023年四季度 单项板块评星", "$2:$3", "A4", false},
			{"评星明细", "2023年四季度 评星明细", "$2:$2", "A3", false}},
		"flags": {{"红旗", "2023年四季度 红旗", "$2:$2", "A3", false}},
		"seats": {{"会议座次", "2023年四季度 会议座次图", "", "", true},
			{"座次表", "2023年四季度 会议座次", "$2:$2", "A3", false}},
		"template": {{"录入模板", "2023年四季度 录入模板", "$2:$2", "A3", false}},
		"year":     {{"年度考核", "2023年 年度考核", "$2:$2", "A3", true}},
	}
	for kind, sheets := range want {
		doc := demoDocument(t, kind, "2023Q4")
		f := openXLSX(t, mustRender(t, doc, XLSX))
		names := f.GetDefinedName()
		for _, s := range sheets {
			where := kind + "/" + s.name
			if v, _ := f.GetCellValue(s.name, "A1"); v != s.title {
				t.Errorf("%s: A1 %q, want %q", where, v, s.title)
			}
			cols, _ := f.GetCols(s.name)
			merged, _ := f.GetMergeCells(s.name)
			last, _ := excelize.ColumnNumberToName(len(cols))
			if !slices.ContainsFunc(merged, func(m excelize.MergeCell) bool { return m.GetStartAxis() == "A1" && m.GetEndAxis() == last+"1" }) {
				t.Errorf("%s: title not merged across A1:%s1 (%d merges)", where, last, len(merged))
			}
			id, _ := f.GetCellStyle(s.name, "A1")
			if st, _ := f.GetStyle(id); st.Font == nil || !st.Font.Bold || st.Font.Size < 14 {
				t.Errorf("%s: title font %+v, want bold and large", where, st.Font)
			}

			pl, err := f.GetPageLayout(s.name)
			if err != nil {
				t.Fatal(err)
			}
			orientation := "portrait"
			if s.landscape {
				orientation = "landscape"
			}
			if *pl.Size != 9 || *pl.Orientation != orientation || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
				t.Errorf("%s: paper %d %s fit to width %v, want A4 (9) %s fit to 1", where, *pl.Size, *pl.Orientation, pl.FitToWidth, orientation)
			}
			wantTall := 0 // as many pages tall as it needs
			if s.titles == "" {
				wantTall = 1 // the chart: one page
			}
			if pl.FitToHeight == nil || *pl.FitToHeight != wantTall {
				t.Errorf("%s: fit to height %v, want %d", where, pl.FitToHeight, wantTall)
			}
			props, _ := f.GetSheetProps(s.name)
			if props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: fit to page off", where)
			}
			if hf, _ := f.GetHeaderFooter(s.name); !strings.Contains(hf.OddFooter, "&P") {
				t.Errorf("%s: footer %q, want the page number", where, hf.OddFooter)
			}

			var titles []string
			for _, n := range names {
				if n.Name == "_xlnm.Print_Titles" && n.Scope == s.name {
					titles = append(titles, n.RefersTo)
				}
			}
			if s.titles == "" {
				if len(titles) != 0 {
					t.Errorf("%s: print titles %v on the chart", where, titles)
				}
				continue
			}
			if wantRef := "'" + s.name + "'!" + s.titles; !slices.Equal(titles, []string{wantRef}) {
				t.Errorf("%s: print titles %v, want %s", where, titles, wantRef)
			}
			panes, err := f.GetPanes(s.name)
			if err != nil || !panes.Freeze || panes.TopLeftCell != s.freeze {
				t.Errorf("%s: panes %+v, want frozen at %s", where, panes, s.freeze)
			}
		}
	}
}

func mustRender(t *testing.T, d Document, f Format) []byte {
	t.Helper()
	data, err := Render(d, f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// handoutTables renders the demo's 2023Q4 handout of kind as XLSX: the
// workbook, the tables of its table sheets and those sheets' names (the
// seats' chart, a grid and no table, comes before them).
func handoutTables(t *testing.T, kind string) (*excelize.File, []model.Table, []string) {
	t.Helper()
	doc := demoDocument(t, kind, "2023Q4")
	f := openXLSX(t, mustRender(t, doc, XLSX))
	tables := doc.Sheets
	if len(tables) == 0 {
		tables = []model.Table{doc.Table}
	}
	sheets := f.GetSheetList()
	return f, tables, sheets[len(sheets)-len(tables):]
}

// TestXLSXNumbersAreNumbers: in every sheet of every kind, a cell the
// table marks as a number is a numeric cell, scores (with a decimal point
// in the table) carry the format 0.00 and show two decimals.
func TestXLSXNumbersAreNumbers(t *testing.T) {
	for _, kind := range []string{"ranking", "stars", "flags", "seats", "year"} {
		f, tables, sheets := handoutTables(t, kind)
		decimals := 0
		for k, tb := range tables {
			body := 3 + min(len(tb.Spans), 1) // the first row of values
			for r, row := range tb.Rows {
				for c, cell := range row {
					if !cell.Num || cell.Text == "" {
						continue
					}
					ref, _ := excelize.CoordinatesToCellName(c+1, body+r)
					typ, _ := f.GetCellType(sheets[k], ref)
					if !sameType(typ, excelize.CellTypeNumber) {
						t.Errorf("%s %s %s (%s): type %v, want a number", kind, sheets[k], ref, cell.Text, typ)
					}
					if !strings.Contains(cell.Text, ".") {
						continue
					}
					decimals++
					id, _ := f.GetCellStyle(sheets[k], ref)
					st, _ := f.GetStyle(id)
					shown, _ := f.GetCellValue(sheets[k], ref)
					if st.NumFmt != 2 || shown != cell.Text {
						t.Errorf("%s %s %s: format %d shows %q, want 0.00 showing %s", kind, sheets[k], ref, st.NumFmt, shown, cell.Text)
					}
				}
			}
		}
		if kind != "flags" && kind != "seats" && decimals == 0 {
			t.Errorf("%s: no scores checked", kind)
		}
	}
}

// TestXLSXStarsMatrix: the first sheet is the stars screen, each section's
// name over its 得分 and 星级 columns, the section's first place bold; the
// second is the long table of the CSV.
func TestXLSXStarsMatrix(t *testing.T) {
	doc := demoDocument(t, "stars", "2023Q4")
	f := openXLSX(t, mustRender(t, doc, XLSX))
	const sh = "单项板块评星"
	rows, _ := f.GetRows(sh)
	if got := rows[1]; !slices.Equal(got, []string{"区市", "经济运行", "", "项目签约落地", "", "城市更新建设", "", "优化营商环境"}) {
		t.Errorf("header line 1 %q", got)
	}
	if got := rows[2]; !slices.Equal(got, []string{"", "得分", "星级", "得分", "星级", "得分", "星级", "得分", "星级"}) {
		t.Errorf("header line 2 %q", got)
	}
	merged, _ := f.GetMergeCells(sh)
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A2:A3", "B2:C2", "D2:E2", "F2:G2", "H2:I2"} {
		if !slices.Contains(refs, want) {
			t.Errorf("merged %v, want %s", refs, want)
		}
	}
	// As on screen (ui golden 2-stars): 市南区 90.77 8星 … 96.30 10星 in bold.
	if got := rows[3]; !slices.Equal(got, []string{"市南区", "90.77", "8", "89.63", "8", "96.30", "10", "91.79", "10"}) {
		t.Errorf("市南区 %q", got)
	}
	for cell, bold := range map[string]bool{"F4": true, "G4": true, "B4": false, "B6": true} {
		id, _ := f.GetCellStyle(sh, cell)
		st, _ := f.GetStyle(id)
		if got := st.Font != nil && st.Font.Bold; got != bold {
			t.Errorf("%s bold %v, want %v", cell, got, bold)
		}
	}
	if len(rows) != 3+10 {
		t.Errorf("%d rows, want the title, two header lines and ten units", len(rows))
	}
	long, _ := f.GetRows(model.StarsDetail)
	if !slices.Equal(long[1], doc.Table.Header) || len(long) != 2+len(doc.Table.Rows) {
		t.Errorf("long sheet header %v, %d rows", long[1], len(long))
	}
	for r, row := range doc.Table.Rows {
		for c, cell := range row {
			if long[r+2][c] != cell.Text {
				t.Errorf("long sheet row %d col %d %q, want %q", r+3, c+1, long[r+2][c], cell.Text)
			}
		}
	}
}

// TestXLSXSeatsChart: the seats workbook draws the chart as a grid of
// cells, as the text export does: the title, 主席台 across the seats, the
// seat numbers, the names from the left of the chart over their seat
// orders (10 8 6 4 2 1 3 5 7 9 for ten units, DOMAIN.md) and the note on
// how it is seen; then the seat list.
func TestXLSXSeatsChart(t *testing.T) {
	doc := demoDocument(t, "seats", "2023Q4")
	f := openXLSX(t, mustRender(t, doc, XLSX))
	const sh = "会议座次"
	rows, _ := f.GetRows(sh)
	if rows[0][0] != "2023年四季度 会议座次图" || rows[1][1] != "主席台" {
		t.Errorf("title %q, podium %q", rows[0], rows[1])
	}
	merged, _ := f.GetMergeCells(sh)
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A1:K1", "B2:K2", "A4:A5"} {
		if !slices.Contains(refs, want) {
			t.Errorf("merged %v, want %s", refs, want)
		}
	}
	var nums, names, orders []string
	for k := range 10 {
		nums, names, orders = append(nums, rows[2][k+1]), append(names, rows[3][k+1]), append(orders, rows[4][k+1])
	}
	if want := []string{"1座", "2座", "3座", "4座", "5座", "6座", "7座", "8座", "9座", "10座"}; !slices.Equal(nums, want) {
		t.Errorf("seat numbers %v", nums)
	}
	var wantNames, wantOrders []string
	for _, o := range []int{10, 8, 6, 4, 2, 1, 3, 5, 7, 9} {
		wantNames = append(wantNames, doc.Chart.Seats[o-1].Unit.Name)
		wantOrders = append(wantOrders, "座次"+strconv.Itoa(o))
	}
	if !slices.Equal(names, wantNames) || !slices.Equal(orders, wantOrders) {
		t.Errorf("row 1: %v %v, want %v %v", names, orders, wantNames, wantOrders)
	}
	if rows[3][0] != "第1排" {
		t.Errorf("row label %q", rows[3][0])
	}
	if note := rows[len(rows)-1][0]; note != ChartView {
		t.Errorf("last row %q, want the direction note", note)
	}
	id, _ := f.GetCellStyle(sh, "B2")
	if st, _ := f.GetStyle(id); st.Font == nil || !st.Font.Bold || len(st.Border) != 4 {
		t.Errorf("podium style %+v", st)
	}
	list, _ := f.GetRows(SeatList)
	if !slices.Equal(list[1], doc.Table.Header) || len(list) != 2+len(doc.Table.Rows) {
		t.Errorf("seat list header %v, %d rows", list[1], len(list))
	}
}

// TestXLSXChartWithRows: a chart of two rows of six (two seats empty)
// gives each row its label over two lines and marks the empty seat.
func TestXLSXChartWithRows(t *testing.T) {
	_, rs := demoResults()
	r := *resultOf(t, rs, "2023Q4")
	r.Rules.Layout = model.Layout{Rows: 2, PerRow: 6, Method: model.CentreOut}
	chart, err := model.SeatingChartOf(&r)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := model.SeatsTable(&r)
	f := openXLSX(t, mustRender(t, Document{Kind: model.ExportSeats, Table: list, Chart: &chart}, XLSX))
	rows, _ := f.GetRows("会议座次")
	if rows[3][0] != "第1排" || rows[5][0] != "第2排" {
		t.Errorf("row labels %q %q", rows[3], rows[5])
	}
	if !slices.Contains(rows[5], "（空）") {
		t.Errorf("second row %q, want an empty seat", rows[5])
	}
	merged, _ := f.GetMergeCells("会议座次")
	n := 0
	for _, m := range merged {
		if m.GetStartAxis() == "A6" && m.GetEndAxis() == "A7" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("second row label not merged over its two lines")
	}
}

// TestXLSXTitleFitsTheTable: a narrow table's columns widen so that its
// title, in the larger font, is not cut.
func TestXLSXTitleFitsTheTable(t *testing.T) {
	tb := model.Table{Kind: "flags", Heading: "2023年四季度 真抓实干勇当排头红旗获得单位名单", Header: []string{"季度", "区市"},
		Rows: [][]model.Cell{{{Text: "2023Q4"}, {Text: "市南区"}}}}
	f := openXLSX(t, mustXLSX(t, tb))
	total := 0.0
	for _, c := range []string{"A", "B"} {
		w, _ := f.GetColWidth("红旗", c)
		total += w
	}
	// 16 pt is 16/11 of the body's size; a Chinese character is about 2.2
	// widths of the body's digit 0.
	if need := float64(width(tb.Heading)) * 1.1 * 16 / 11; total < need {
		t.Errorf("columns %.1f wide, the title needs %.1f", total, need)
	}
}

// TestXLSXColumnsFitTheirText: in every table sheet of every kind, each
// column is as wide as its widest header or value, a Chinese character
// counting about two widths of the digit 0 (Excel's unit) and a little more.
func TestXLSXColumnsFitTheirText(t *testing.T) {
	for _, kind := range []string{"ranking", "stars", "flags", "seats", "template", "year"} {
		f, tables, sheets := handoutTables(t, kind)
		for k, tb := range tables {
			for c, h := range tb.Header {
				need := width(h)
				for _, row := range tb.Rows {
					need = max(need, width(row[c].Text))
				}
				name, _ := excelize.ColumnNumberToName(c + 1)
				if w, _ := f.GetColWidth(sheets[k], name); w < 1.1*float64(need) {
					t.Errorf("%s %s column %s (%s): width %.1f for text %d cells wide", kind, sheets[k], name, h, w, need)
				}
			}
		}
	}
}

// TestXLSXSpanFormulaGuard: a section name over the stars matrix's columns
// that a spreadsheet could run is stored as text with the text format.
func TestXLSXSpanFormulaGuard(t *testing.T) {
	tb := model.Table{Kind: "stars", Heading: "2023年四季度 单项板块评星", Spans: []model.Span{{Cols: 1}, {Text: "=1+1", Cols: 2}},
		Header: []string{"区市", "得分", "星级"}, Rows: [][]model.Cell{{{Text: "市南区"}, {Text: "90.00", Num: true}, {Text: "1", Num: true}}}}
	f := openXLSX(t, mustXLSX(t, tb))
	const sh = "单项板块评星"
	if fm, _ := f.GetCellFormula(sh, "B2"); fm != "" {
		t.Errorf("B2 has formula %q", fm)
	}
	v, _ := f.GetCellValue(sh, "B2")
	typ, _ := f.GetCellType(sh, "B2")
	id, _ := f.GetCellStyle(sh, "B2")
	st, _ := f.GetStyle(id)
	if v != "=1+1" || typ != excelize.CellTypeInlineString || st.NumFmt != 49 {
		t.Errorf("B2 %q type %v format %d, want the text =1+1 in format 49", v, typ, st.NumFmt)
	}
}

// TestXLSXLongRowChartInBands: a row longer than maxChartColumns seats (the
// default layout seats everyone in one row: 45 units) is drawn in bands of
// at most that many seats, as the kit's chart is, each band with its seat
// numbers and row label, and the sheet may take more than one page tall;
// before, 45 (or 200) seats in one row of cells were shrunk to one page
// wide, too small to read.
func TestXLSXLongRowChartInBands(t *testing.T) {
	d := model.DemoLarge(45, 1, 1)
	rs := model.ComputeSeries(d.Quarters)
	r := resultOf(t, rs, rs[len(rs)-1].Quarter.String())
	chart, err := model.SeatingChartOf(r)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := model.SeatsTable(r)
	f := openXLSX(t, mustRender(t, Document{Kind: model.ExportSeats, Table: list, Chart: &chart}, XLSX))
	rows, _ := f.GetRows("会议座次")
	var names []string
	labels := 0
	for _, row := range rows {
		if len(row) > maxChartColumns+1 {
			t.Fatalf("a row of %d cells, want at most %d: %q", len(row), maxChartColumns+1, row)
		}
		if len(row) > 0 && row[0] == "第1排" {
			labels++
		}
		for _, c := range row {
			if strings.HasPrefix(c, "第0") {
				names = append(names, c)
			}
		}
	}
	if len(names) != 45 || labels != 3 {
		t.Errorf("%d names in %d bands, want 45 in 3", len(names), labels)
	}
	if want := "21座"; !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 1 && r[1] == want }) {
		t.Errorf("no band starts at seat 21")
	}
	ps, _ := f.GetPageLayout("会议座次")
	if ps.FitToHeight == nil || *ps.FitToHeight != 0 {
		t.Errorf("fit to %v pages tall, want as many as needed", ps.FitToHeight)
	}
}
