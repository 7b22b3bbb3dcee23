package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"starflag/model"
)

// rawSheet is one worksheet of a workbook written by hand: its name, its
// state ("", "hidden", "veryHidden"), the XML inside <sheetData> and its
// merged ranges (A1:E1).
type rawSheet struct {
	name, state, data string
	merges            []string
}

// rawXLSX zips a minimal workbook whose sheets are written as given, for
// files no spreadsheet program would write (a cell in column XFD on every
// row) and formulas with or without a saved result.
func rawXLSX(t testing.TB, activeTab int, sheets ...rawSheet) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	var types, list, rels strings.Builder
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, s.name, n, state, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		merges := ""
		if len(s.merges) > 0 {
			merges = fmt.Sprintf(`<mergeCells count="%d"><mergeCell ref="%s"/></mergeCells>`, len(s.merges), strings.Join(s.merges, `"/><mergeCell ref="`))
		}
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", n), head+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+s.data+`</sheetData>`+merges+`</worksheet>`)
	}
	put("[Content_Types].xml", head+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		types.String()+`</Types>`)
	put("_rels/.rels", head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", head+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		fmt.Sprintf(`<bookViews><workbookView activeTab="%d"/></bookViews>`, activeTab)+
		`<sheets>`+list.String()+`</sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sheetRows writes rows of inline-string or number cells as sheet XML.
func sheetRows(rows ...[]string) string {
	var b strings.Builder
	for i, row := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, c := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if _, err := model.ParseHundredths(c); err == nil {
				fmt.Fprintf(&b, `<c r="%s"><v>%s</v></c>`, ref, c)
			} else if c != "" {
				fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c)
			}
		}
		b.WriteString(`</row>`)
	}
	return b.String()
}

// allocated runs f and returns the bytes it allocated (all of them, freed
// or not: an upper bound of its peak).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// wantTooLarge checks a refusal of a file beyond the import bounds: one
// problem naming what passed which bound, and the bounds themselves.
func wantTooLarge(t *testing.T, rows []model.Row, err error, where string) {
	t.Helper()
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("got %d rows, err %v; want one problem", len(rows), err)
	}
	msg := err.Error()
	for _, w := range []string{where, "最多 100000 行、1000 列、共 1000000 个单元格", "请检查是否选错了文件"} {
		if !strings.Contains(msg, w) {
			t.Errorf("refusal %q does not say %q", msg, w)
		}
	}
}

// TestReadXLSXRefusesHugeSheetsWithLittleMemory: a 106 KB workbook (a
// cell in column XFD on each of 20,000 rows) took a gigabyte
// per thousand rows; sheets beyond the bounds are refused, having allocated
// a few MB, and the refusal says where and what the bounds are.
func TestReadXLSXRefusesHugeSheetsWithLittleMemory(t *testing.T) {
	var xfd, wide, long strings.Builder
	for r := 1; r <= 20000; r++ {
		fmt.Fprintf(&xfd, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
		fmt.Fprintf(&wide, `<row r="%d"><c r="ALL%d"><v>1</v></c></row>`, r, r) // column 1000: inside the bound
	}
	fmt.Fprintf(&long, `%s<row r="100001"><c r="A100001"><v>1</v></c></row>`, sheetRows([]string{"区市", "经济运行"}, []string{"市南区", "90"}))
	for _, c := range []struct {
		name, data, where string
		maxBytes          int
	}{
		{"XFD on 20,000 rows", xfd.String(), "工作表“Sheet1”第 1 行 XFD 列（第 16384 列）有内容，超过 1000 列", 120 << 10},
		{"column 1000 on 20,000 rows", wide.String(), "工作表“Sheet1”到第 1001 行已超过 1000000 个单元格", 0},
		{"a value in row 100,001", long.String(), "工作表“Sheet1”第 100001 行有内容，超过 100000 行", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := rawXLSX(t, 0, rawSheet{name: "Sheet1", data: c.data})
			if c.maxBytes > 0 && len(data) > c.maxBytes {
				t.Fatalf("the workbook is %d bytes, want ~106 KB", len(data))
			}
			var rows []model.Row
			var err error
			if n := allocated(func() { rows, err = ReadXLSX("big.xlsx", bytes.NewReader(data)) }); n > 16<<20 {
				t.Errorf("reading allocated %d MB", n>>20)
			}
			wantTooLarge(t, rows, err, c.where)
		})
	}
}

// TestReadCSVRefusesHugeFilesWithLittleMemory: a CSV beyond the bounds
// (columns, rows, cells) is refused before it is parsed; one line of a
// million commas allocates nothing like the 24 MB its fields would take.
func TestReadCSVRefusesHugeFilesWithLittleMemory(t *testing.T) {
	wideRow := "区市," + strings.Repeat("1,", 999) + "1\n" // 1,001 columns
	for _, c := range []struct {
		name, data, where string
	}{
		{"a million commas", "区市,经济运行\n市南区" + strings.Repeat(",", 1_000_000) + "\n", "第 2 行：这一行超过 1000 列"},
		{"1,001 columns", wideRow, "第 1 行：这一行超过 1000 列"},
		{"1,001 quoted columns over two lines", "区市," + strings.Repeat(`"a""b",`, 500) + "\"x\ny\"," + strings.Repeat("1,", 499) + "1\n", "第 2 行：这一行超过 1000 列"},
		{"100,001 rows", strings.Repeat("市南区,1\n", 100_001), "第 100001 行：文件超过 100000 行"},
		{"1,000 columns on 1,001 rows", strings.Repeat(strings.Repeat("1,", 999)+"1\r\n", 1001), "第 1001 行：文件到这一行已超过 1000000 个单元格"},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.data)
			var rows []model.Row
			var err error
			if n := allocated(func() { rows, err = ReadCSV("big.csv", data) }); n > 1<<20 {
				t.Errorf("reading allocated %d KB", n>>10)
			}
			wantTooLarge(t, rows, err, c.where)
		})
	}
	// Quoted commas and line breaks are inside one field, not columns.
	quoted := "区市,经济运行\n\"市南区" + strings.Repeat(",", 5000) + "\n\",90\n"
	if rows, err := ReadCSV("q.csv", []byte(quoted)); err != nil || len(rows) != 2 || len(rows[1].Cells) != 2 {
		t.Errorf("quoted commas: %d rows, err %v", len(rows), err)
	}
}

// TestImportBoundsPassRealFiles: a 200-unit × 20-section file (with an
// adjustment column), and a 10,000-row file as the import benchmark's,
// read whole as CSV and as XLSX.
func TestImportBoundsPassRealFiles(t *testing.T) {
	for _, size := range []struct{ units, sections int }{{200, 20}, {10000, 4}} {
		head := []string{"区市"}
		for s := range size.sections {
			head = append(head, fmt.Sprintf("板块%d", s+1))
		}
		head = append(head, "群众满意度加分")
		grid := [][]string{head}
		for u := range size.units {
			row := []string{fmt.Sprintf("区市%05d", u)}
			for s := range size.sections {
				row = append(row, fmt.Sprintf("%d.%02d", 60+(u+s)%40, u%100))
			}
			grid = append(grid, append(row, "1"))
		}
		var csvText strings.Builder
		for _, r := range grid {
			csvText.WriteString(strings.Join(r, ",") + "\r\n")
		}
		rows, err := ReadCSV("a.csv", []byte(csvText.String()))
		if err != nil || len(rows) != size.units+1 {
			t.Fatalf("%v CSV: %d rows, %v", size, len(rows), err)
		}
		rows, err = ReadXLSX("a.xlsx", bytes.NewReader(rawXLSX(t, 0, rawSheet{name: "得分", data: sheetRows(grid...)})))
		if err != nil || len(rows) != size.units+1 || len(rows[size.units].Cells) != size.sections+2 {
			t.Fatalf("%v XLSX: %d rows, %v", size, len(rows), err)
		}
	}
}

// TestReadXLSXReadsTheVisibleSheet: an import reads the active sheet when
// it is visible, else the first visible one; a hidden sheet (notes, lookup
// tables) is never read, and a workbook with no visible sheet is refused.
func TestReadXLSXReadsTheVisibleSheet(t *testing.T) {
	scores := sheetRows([]string{"区市", "经济运行"}, []string{"市南区", "90"})
	junk := sheetRows([]string{"说明"}, []string{"火星区", "abc"})
	for _, c := range []struct {
		name   string
		active int
		sheets []rawSheet
		want   string // the first cell read, or the refusal
	}{
		{"first hidden", 0, []rawSheet{{name: "说明", state: "hidden", data: junk}, {name: "得分", state: "", data: scores}}, "区市"},
		{"first very hidden", 0, []rawSheet{{name: "说明", state: "veryHidden", data: junk}, {name: "得分", state: "visible", data: scores}}, "区市"},
		{"two visible, second active", 1, []rawSheet{{name: "说明", state: "", data: junk}, {name: "得分", state: "", data: scores}}, "区市"},
		{"two visible, first active", 0, []rawSheet{{name: "得分", state: "", data: scores}, {name: "说明", state: "", data: junk}}, "区市"},
		{"active hidden", 1, []rawSheet{{name: "得分", state: "", data: scores}, {name: "说明", state: "hidden", data: junk}}, "区市"},
		{"active out of range", 7, []rawSheet{{name: "说明", state: "hidden", data: junk}, {name: "得分", state: "", data: scores}}, "区市"},
		{"all hidden", 0, []rawSheet{{name: "得分", state: "hidden", data: scores}}, "没有可见的工作表"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, err := ReadXLSX("s.xlsx", bytes.NewReader(rawXLSX(t, c.active, c.sheets...)))
			got := ""
			if err != nil {
				got = err.Error()
			} else if len(rows) > 0 {
				got = rows[0].Cells[0]
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("read %q, want %q", got, c.want)
			}
		})
	}
	// The same with a workbook as excelize (and so Excel) writes it.
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "说明"); err != nil {
		t.Fatal(err)
	}
	idx, err := f.NewSheet("得分")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][3]string{{"说明", "A1", "火星区"}, {"得分", "A1", "区市"}, {"得分", "A2", "市南区"}} {
		if err := f.SetCellStr(c[0], c[1], c[2]); err != nil {
			t.Fatal(err)
		}
	}
	f.SetActiveSheet(idx)
	if err := f.SetSheetVisible("说明", false); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	if rows, err := ReadXLSX("s.xlsx", bytes.NewReader(buf.Bytes())); err != nil || len(rows) != 2 || rows[0].Cells[0] != "区市" {
		t.Errorf("excelize workbook: rows %v, err %v", rows, err)
	}
}

// TestReadXLSXRefusesFormulaWithoutResult: a formula whose result was never
// saved (a file a program wrote) would read as an empty cell and leave the
// stored score alone; it is refused, naming its row and column. A formula
// with a saved result reads as that result.
func TestReadXLSXRefusesFormulaWithoutResult(t *testing.T) {
	saved := `<row r="1"><c r="A1" t="inlineStr"><is><t>区市</t></is></c><c r="B1" t="inlineStr"><is><t>经济运行</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>项目签约落地</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>市南区</t></is></c><c r="B2"><f>90+1</f><v>91</v></c>` +
		`<c r="C2" t="str"><f>IF(B2&gt;100,"x","")</f><v></v></c></row>`
	rows, err := ReadXLSX("s.xlsx", bytes.NewReader(rawXLSX(t, 0, rawSheet{name: "得分", data: saved})))
	if err != nil || len(rows) != 2 || rows[1].Cells[1] != "91" {
		t.Fatalf("saved results: rows %q, err %v", cells(rows), err)
	}

	f := excelize.NewFile()
	defer f.Close()
	for _, c := range [][2]string{{"A1", "区市"}, {"B1", "经济运行"}, {"C1", "项目签约落地"}, {"A2", "市南区"}, {"B2", "90"}, {"A3", "市北区"}} {
		if err := f.SetCellStr("Sheet1", c[0], c[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, ref := range []string{"C2", "B3"} {
		if err := f.SetCellFormula("Sheet1", ref, "80+1"); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	rows, err = ReadXLSX("s.xlsx", bytes.NewReader(buf.Bytes()))
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 2 {
		t.Fatalf("rows %q, err %v; want two problems", cells(rows), err)
	}
	for i, want := range []string{"s.xlsx 第 2 行「项目签约落地」列（工作表“Sheet1”，单元格 C2）：这一格是公式，但文件里没有它的计算结果",
		"s.xlsx 第 3 行「经济运行」列（工作表“Sheet1”，单元格 B3）：这一格是公式"} {
		if got := ie.Problems[i].String(); !strings.HasPrefix(got, want) {
			t.Errorf("problem %d: %q, want %q…", i, got, want)
		}
	}
}

// TestReadImportFileRefusesLargeFilesUnread: a file over 64 MB is refused
// by its size, before a byte of it is read.
func TestReadImportFileRefusesLargeFilesUnread(t *testing.T) {
	for _, name := range []string{"big.csv", "big.xlsx"} {
		path := filepath.Join(t.TempDir(), name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(maxFileBytes + 1); err != nil { // sparse: nothing written
			t.Fatal(err)
		}
		f.Close()
		var rows []model.Row
		if n := allocated(func() { rows, err = ReadImportFile(path) }); n > 1<<20 {
			t.Errorf("%s: refusing allocated %d MB", name, n>>20)
		}
		if rows != nil || err == nil || err.Error() != "导入被拒绝，没有写入任何数据（1 个问题）：\n  "+name+"：文件超过 64 MB，不像一份得分表：请检查是否选错了文件" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestReadXLSXFormulasInSkippedCells: a file a program wrote, with formulas
// where the import reads nothing (a 序号 of =ROW()-3, a 合计 row of SUM, a
// title), is read as the same file saved from Excel: those cells are left
// out as they would be. A formula in a unit's score is still refused.
func TestReadXLSXFormulasInSkippedCells(t *testing.T) {
	write := func(extra ...[2]string) []byte {
		f := excelize.NewFile()
		defer f.Close()
		for _, c := range [][2]string{{"B2", "区市"}, {"C2", "经济运行"}, {"D2", "备注"}, {"A2", "序号"},
			{"B3", "市南区"}, {"C3", "90"}, {"B4", "市北区"}, {"B5", "合计"}} {
			if err := f.SetCellStr("Sheet1", c[0], c[1]); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range append([][2]string{{"A1", `"2024年得分"`}, {"A3", "ROW()-2"}, {"A4", "ROW()-2"}, {"C5", "SUM(C3:C4)"}, {"D3", `IF(C3>85,"好","")`}}, extra...) {
			if err := f.SetCellFormula("Sheet1", c[0], c[1]); err != nil {
				t.Fatal(err)
			}
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	rows, err := ReadXLSX("s.xlsx", bytes.NewReader(write()))
	if err != nil {
		t.Fatalf("rows %q: %v", cells(rows), err)
	}
	_, err = ReadXLSX("s.xlsx", bytes.NewReader(write([2]string{"C4", "70+10"})))
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || !strings.HasPrefix(ie.Problems[0].String(), "s.xlsx 第 4 行「经济运行」列（工作表“Sheet1”，单元格 C4）：这一格是公式") {
		t.Fatalf("a score's formula: %v", err)
	}
}
