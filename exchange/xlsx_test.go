package exchange

import (
	"bytes"
	"slices"
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

// TestXLSXRanking reads the ranking workbook back cell by cell: numbers are
// numbers with their formats, the header is bold and frozen, the sheet has a
// Chinese name, flags and warnings are coloured.
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
	if len(rows) != len(doc.Table.Rows)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(doc.Table.Rows)+1)
	}
	// Every cell shows what the table (and so the CSV) says.
	for i, h := range doc.Table.Header {
		if rows[0][i] != h {
			t.Errorf("header %d = %q, want %q", i, rows[0][i], h)
		}
	}
	for r, row := range doc.Table.Rows {
		for c, cell := range row {
			got := ""
			if c < len(rows[r+1]) {
				got = rows[r+1][c]
			}
			if got != cell.Text {
				t.Errorf("row %d col %d shows %q, want %q", r+2, c+1, got, cell.Text)
			}
		}
	}

	// Header: bold, frozen below row 1.
	hs, _ := f.GetCellStyle(sh, "A1")
	st, err := f.GetStyle(hs)
	if err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header style %+v (err %v), want bold", st, err)
	}
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v (err %v), want frozen at A2", panes, err)
	}

	cases := []struct {
		cell   string
		typ    excelize.CellType
		raw    string
		numFmt int
		custom string
	}{
		{"B2", excelize.CellTypeNumber, "1", 0, ""},         // rank: integer
		{"D2", excelize.CellTypeNumber, "368.49", 2, ""},    // composite: 0.00
		{"E2", excelize.CellTypeNumber, "1", 0, "+0;-0;0"},  // movement +1
		{"E3", excelize.CellTypeNumber, "-1", 0, "+0;-0;0"}, // movement -1
		{"C2", excelize.CellTypeInlineString, "市南区", 0, ""}, // unit: text
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
	id, _ := f.GetCellStyle(sh, "F2")
	st, _ = f.GetStyle(id)
	if st.Font == nil || !strings.EqualFold(st.Font.Color, "C00000") || !st.Font.Bold {
		t.Errorf("flag cell font %+v, want bold C00000", st.Font)
	}
	id, _ = f.GetCellStyle(sh, "G11")
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

// TestXLSXEveryKind: every table kind gets its Chinese sheet and a bold
// frozen header; several tables make one workbook.
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
		want := SheetName(kind)
		if got := f.GetSheetList(); len(got) != 1 || got[0] != want {
			t.Errorf("%s: sheets %v, want [%s]", kind, got, want)
		}
		rows, _ := f.GetRows(want)
		if len(rows) != len(doc.Table.Rows)+1 {
			t.Errorf("%s: %d rows, want %d", kind, len(rows), len(doc.Table.Rows)+1)
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
