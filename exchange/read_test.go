package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"starflag/model"
)

const sampleCSV = "区市,经济运行,项目签约落地\r\n市南区,92.5,88\r\n黄岛区,９５．５,\r\n"

func cells(rows []model.Row) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = r.Cells
	}
	return out
}

func TestReadCSVEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(sampleCSV))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gbk, []byte(sampleCSV)) {
		t.Fatal("GBK encoding changed nothing")
	}
	want := [][]string{{"区市", "经济运行", "项目签约落地"}, {"市南区", "92.5", "88"}, {"黄岛区", "９５．５", ""}}
	for name, data := range map[string][]byte{
		"utf8":     []byte(sampleCSV),
		"bom":      append([]byte("\xef\xbb\xbf"), sampleCSV...),
		"gbk":      gbk,
		"bom+lf":   append([]byte("\xef\xbb\xbf"), strings.ReplaceAll(sampleCSV, "\r\n", "\n")...),
		"gb18030+": mustGB18030(t, sampleCSV),
	} {
		t.Run(name, func(t *testing.T) {
			rows, err := ReadCSV("f.csv", data)
			if err != nil {
				t.Fatal(err)
			}
			if got := cells(rows); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("rows %q, want %q", got, want)
			}
			if rows[2].Line != 3 {
				t.Errorf("third row on line %d", rows[2].Line)
			}
		})
	}
}

func mustGB18030(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xlsxFile builds a workbook with raw control over each cell.
type xcell struct {
	ref    string
	value  any
	numFmt int
	custom string
}

func xlsxBytes(t *testing.T, cs ...xcell) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for _, c := range cs {
		if err := f.SetCellValue("Sheet1", c.ref, c.value); err != nil {
			t.Fatal(err)
		}
		if c.numFmt != 0 || c.custom != "" {
			st := &excelize.Style{NumFmt: c.numFmt}
			if c.custom != "" {
				st.CustomNumFmt = &c.custom
			}
			id, err := f.NewStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle("Sheet1", c.ref, c.ref, id); err != nil {
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

// TestReadXLSXNumbers: numbers come out exactly as people typed them,
// whatever binary fraction or display format stores them.
func TestReadXLSXNumbers(t *testing.T) {
	data := xlsxBytes(t,
		xcell{ref: "A1", value: "区市"}, xcell{ref: "B1", value: "得分"},
		xcell{ref: "A2", value: "plain"}, xcell{ref: "B2", value: 92.5},
		xcell{ref: "A3", value: "noise"}, xcell{ref: "B3", value: 11.11}, // rewritten below
		xcell{ref: "A4", value: "sum"}, xcell{ref: "B4", value: 22.22}, // rewritten below
		xcell{ref: "A5", value: "0.00"}, xcell{ref: "B5", value: 92.5, numFmt: 2},
		xcell{ref: "A6", value: "rounded"}, xcell{ref: "B6", value: 92.5, numFmt: 1},
		xcell{ref: "A7", value: "three"}, xcell{ref: "B7", value: 92.125},
		xcell{ref: "A8", value: "three shown 0.00"}, xcell{ref: "B8", value: 92.125, numFmt: 2},
		xcell{ref: "A9", value: "percent"}, xcell{ref: "B9", value: 0.9, numFmt: 10},
		xcell{ref: "A10", value: "integer"}, xcell{ref: "B10", value: 88},
		xcell{ref: "A11", value: "text"}, xcell{ref: "B11", value: "９５．５"},
		xcell{ref: "A12", value: "negative"}, xcell{ref: "B12", value: -1},
		xcell{ref: "A14", value: "after a blank row"}, xcell{ref: "B14", value: 1.25, custom: "#,##0.00"},
	)
	// Excel writes the binary value with 17 digits: the float nearest to
	// 92.5 − 1e-14 and the result of =0.1+0.2.
	data = rewriteSheet(t, data, "<v>11.11</v>", "<v>92.499999999999986</v>")
	data = rewriteSheet(t, data, "<v>22.22</v>", "<v>0.30000000000000004</v>")
	rows, err := ReadXLSX("s.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"plain": "92.5", "noise": "92.5", "sum": "0.3", "0.00": "92.5", "rounded": "92.5",
		"three": "92.125", "three shown 0.00": "92.13", "percent": "90.00%", "integer": "88",
		"text": "９５．５", "negative": "-1", "after a blank row": "1.25",
	}
	seen := 0
	for _, r := range rows {
		if len(r.Cells) < 2 {
			continue
		}
		if w, ok := want[r.Cells[0]]; ok {
			seen++
			if r.Cells[1] != w {
				t.Errorf("%s: read %q, want %q", r.Cells[0], r.Cells[1], w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of %d rows: %q", seen, len(want), cells(rows))
	}
	last := rows[len(rows)-1]
	if last.Line != 14 || last.Cells[0] != "after a blank row" {
		t.Errorf("last row %+v, want line 14", last)
	}
}

// rewriteSheet replaces old by new in the first sheet's XML, to write cell
// values exactly as Excel stores them.
func rewriteSheet(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" && bytes.Contains(body, []byte(old)) {
			body, found = bytes.Replace(body, []byte(old), []byte(new), 1), true
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatalf("%s not in the sheet", old)
	}
	return out.Bytes()
}

// TestReadXLSXIntoPlan: a workbook goes through the same checks as a CSV
// file, and its problems name the sheet's rows, the sheet and the cell.
func TestReadXLSXIntoPlan(t *testing.T) {
	data := xlsxBytes(t,
		xcell{ref: "A1", value: "区市"}, xcell{ref: "B1", value: "经济运行"}, xcell{ref: "C1", value: "群众满意度加分"},
		xcell{ref: "A2", value: "市南"}, xcell{ref: "B2", value: 92.5}, xcell{ref: "C2", value: 1.5},
		xcell{ref: "A4", value: "黄岛区"}, xcell{ref: "B4", value: 101},
	)
	src, err := ReadXLSXSheet("s.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	d := model.Demo(1)
	qd := d.Quarters[len(d.Quarters)-1]
	qd.Locked = false
	_, err = model.PlanImport(model.ImportInput{Files: []model.ImportSource{src}, Data: qd, AllUnits: d.Units})
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("err %v, want one problem", err)
	}
	if got := ie.Problems[0].String(); got != "s.xlsx 第 4 行「经济运行」列（工作表“Sheet1”，单元格 B4）：101.00 超过满分 100.00" {
		t.Errorf("problem %q", got)
	}
}

func TestReadImportFileRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct{ path, want string }{
		{write("a.xls", []byte{0xd0, 0xcf}), "a.xls：这是旧版 Excel/WPS 格式"},
		{write("a.pdf", []byte("%PDF")), "a.pdf：只能导入 .csv 或 .xlsx 文件"},
		{write("z.xlsx", []byte("not a zip")), "z.xlsx：无法打开 xlsx 文件"},
		{write("b.csv", []byte{0xff, 0xfe, 0x00, 0x41, 0x81}), "b.csv：既不是 UTF-8 也不是 GBK 编码"},
		{filepath.Join(dir, "none.csv"), "找不到文件"},
	}
	for _, c := range cases {
		_, err := ReadImportFile(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", filepath.Base(c.path), err, c.want)
		}
	}
	rows, err := ReadImportFile(write("ok.XLSX", xlsxBytes(t, xcell{ref: "A1", value: "区市"})))
	if err != nil || len(rows) != 1 {
		t.Errorf("upper-case extension: %v %v", rows, err)
	}
}

// TestReadXLSXSheetByName: --sheet reads the sheet it names (spaces and
// full-width letters aside), says which sheet was read, and refuses a
// hidden or missing one naming the visible sheets.
func TestReadXLSXSheetByName(t *testing.T) {
	data := rawXLSX(t, 0,
		rawSheet{name: "说明", data: sheetRows([]string{"填表说明"})},
		rawSheet{name: "得分 Q3", data: sheetRows([]string{"区市"})},
		rawSheet{name: "旧表", state: "hidden", data: sheetRows([]string{"旧"})})
	for want, first := range map[string]string{"": "填表说明", "得分 Q3": "区市", " 得分 Ｑ3 ": "区市", "得分 q3": "区市"} {
		src, err := ReadXLSXSheet("s.xlsx", bytes.NewReader(data), want)
		if err != nil || len(src.Rows) == 0 || src.Rows[0].Cells[0] != first {
			t.Errorf("sheet %q: read %q, %v; want %q", want, cells(src.Rows), err, first)
		}
	}
	if src, _ := ReadXLSXSheet("s.xlsx", bytes.NewReader(data), "得分q3"); src.Sheet != "" {
		t.Errorf("read sheet %q for a name it does not have", src.Sheet)
	}
	if src, _ := ReadXLSXSheet("s.xlsx", bytes.NewReader(data), " 得分 Ｑ3"); src.Sheet != "得分 Q3" {
		t.Errorf("sheet read is %q, want its own name", src.Sheet)
	}
	for want, refusal := range map[string]string{
		"旧表": "s.xlsx：工作表“旧表”是隐藏的：导入只读看得见的工作表，请在 Excel 或 WPS 里取消隐藏后再导入",
		"汇总": "s.xlsx：没有名为“汇总”的工作表（可见的工作表：说明、得分 Q3）",
	} {
		_, err := ReadXLSXSheet("s.xlsx", bytes.NewReader(data), want)
		var ie *model.ImportError
		if !errors.As(err, &ie) || ie.Problems[0].String() != refusal {
			t.Errorf("sheet %q: %v, want %q", want, err, refusal)
		}
	}
}

// TestReadXLSXMergedCellsReadAsTheirValue: every cell of a merged range
// reads as the range's value, rows that held nothing but merged cells
// included; the title over the columns, a header over two rows and a 合计
// label over two columns are then read by the import as a person reads them.
func TestReadXLSXMergedCellsReadAsTheirValue(t *testing.T) {
	data := rawXLSX(t, 0, rawSheet{name: "汇总", data: sheetRows(
		[]string{"2024年第三季度“摘星夺旗”考核得分汇总表"}, nil,
		[]string{"序号", "区（市）", "经济运行", "项目签约落地"}, []string{"", "", "（分）", "（分）"},
		[]string{"1", "市南区", "92.35", "88.10"}, []string{"合计", "", "92.35", "88.1"}),
		merges: []string{"A1:D1", "A3:A4", "B3:B4", "A6:B6"}})
	src, err := ReadXLSXSheet("s.xlsx", bytes.NewReader(data), "")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"2024年第三季度“摘星夺旗”考核得分汇总表", "2024年第三季度“摘星夺旗”考核得分汇总表", "2024年第三季度“摘星夺旗”考核得分汇总表", "2024年第三季度“摘星夺旗”考核得分汇总表"},
		{"序号", "区（市）", "经济运行", "项目签约落地"}, {"序号", "区（市）", "（分）", "（分）"},
		{"1", "市南区", "92.35", "88.1"}, {"合计", "合计", "92.35", "88.1"},
	}
	if got := cells(src.Rows); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("rows %q\nwant %q", got, want)
	}
	d := model.Demo(1)
	qd := d.Quarters[len(d.Quarters)-1]
	qd.Locked, qd.Scores = false, nil
	plan, err := model.PlanImport(model.ImportInput{Files: []model.ImportSource{src}, Data: qd, AllUnits: d.Units})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range plan.Cells {
		got = append(got, c.Unit+"/"+c.Section+"="+c.New.String())
	}
	if strings.Join(got, " ") != "市南区/经济运行=92.35 市南区/项目签约落地=88.10" {
		t.Errorf("cells %v", got)
	}
	var notes []string
	for _, n := range plan.Notes {
		notes = append(notes, n.String())
	}
	if want := []string{"s.xlsx（工作表“汇总”）：跳过表头上方 1 行（第 1 行）",
		"s.xlsx 第 3 行「序号」列（工作表“汇总”，单元格 A3）：这一列不导入（序号、备注、说明列只供查看）",
		"s.xlsx 第 4 行「区（市）」列（工作表“汇总”，单元格 B4）：这一行是表头的第二行，已与上一行合起来读",
		"s.xlsx 第 6 行「区（市）」列（工作表“汇总”，单元格 B6）：跳过“合计”行（由各区市得分算出，不导入）",
	}; !slices.Equal(notes, want) {
		t.Errorf("notes\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadXLSXMergedCellsAreBounded: merged ranges that would fill more
// than the import's cells, or more ranges than a score sheet has, refuse
// the sheet before filling it.
func TestReadXLSXMergedCellsAreBounded(t *testing.T) {
	rows := []model.Row{{Line: 1, Cells: []string{"标题"}}}
	if _, err := fillMerged(rows, sheetScan{lastRow: 100_000, merges: []string{"A1:ALL100000"}}); err == nil {
		t.Error("a range of 10⁸ cells was filled")
	}
	filled, err := fillMerged(rows, sheetScan{lastRow: 3, merges: []string{"A1:B2", "bad", "C9:C9"}})
	if err != nil || len(filled) != 2 || filled[1].Line != 2 || !slices.Equal(filled[1].Cells, []string{"标题", "标题"}) {
		t.Errorf("filled %+v, %v", filled, err)
	}
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>`)
	for i := range maxMerges + 1 {
		fmt.Fprintf(&b, `<mergeCell ref="A%d:B%d"/>`, i+2, i+2)
	}
	b.WriteString(`</mergeCells></worksheet>`)
	if scan, err := scanSheet(strings.NewReader(b.String())); err != nil || !strings.Contains(scan.tooLarge, "合并单元格") {
		t.Errorf("%d merged ranges: %+v, %v", maxMerges+1, scan.tooLarge, err)
	}
}

// TestReadXLSXNumberWithAUnitFormat: a number shown with 分 by its format
// (0.00"分") is the number; the same typed as text is refused by the import.
func TestReadXLSXNumberWithAUnitFormat(t *testing.T) {
	data := xlsxBytes(t, xcell{ref: "A1", value: 92.35, custom: `0.00"分"`}, xcell{ref: "B1", value: 95, custom: `0"分"`},
		xcell{ref: "C1", value: "95分"}, xcell{ref: "D1", value: 0.95, numFmt: 9})
	rows, err := ReadXLSX("s.xlsx", bytes.NewReader(data))
	if err != nil || !slices.Equal(rows[0].Cells, []string{"92.35", "95", "95分", "95%"}) {
		t.Errorf("read %q, %v", cells(rows), err)
	}
}

// TestReadXLSXFormulaUnderATitle: a formula without a saved result is
// named by the header row found under the title, not by the title.
func TestReadXLSXFormulaUnderATitle(t *testing.T) {
	sheet := `<row r="1"><c r="A1" t="inlineStr"><is><t>得分汇总表</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>区（市）</t></is></c><c r="B2" t="inlineStr"><is><t>经济运行</t></is></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>市南区</t></is></c><c r="B3"><f>80+1</f></c></row>`
	_, err := ReadXLSX("s.xlsx", bytes.NewReader(rawXLSX(t, 0, rawSheet{name: "得分", data: sheet})))
	var ie *model.ImportError
	if !errors.As(err, &ie) || !strings.HasPrefix(ie.Problems[0].String(), "s.xlsx 第 3 行「经济运行」列（工作表“得分”，单元格 B3）：这一格是公式") {
		t.Errorf("err %v", err)
	}
}
