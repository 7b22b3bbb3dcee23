package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
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
// file, and its problems name the sheet's rows.
func TestReadXLSXIntoPlan(t *testing.T) {
	data := xlsxBytes(t,
		xcell{ref: "A1", value: "区市"}, xcell{ref: "B1", value: "经济运行"}, xcell{ref: "C1", value: "群众满意度加分"},
		xcell{ref: "A2", value: "市南"}, xcell{ref: "B2", value: 92.5}, xcell{ref: "C2", value: 1.5},
		xcell{ref: "A4", value: "黄岛区"}, xcell{ref: "B4", value: 101},
	)
	rows, err := ReadXLSX("s.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	d := model.Demo(1)
	qd := d.Quarters[len(d.Quarters)-1]
	qd.Locked = false
	_, err = model.PlanImport(model.ImportInput{File: "s.xlsx", Rows: rows, Data: qd, AllUnits: d.Units})
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 {
		t.Fatalf("err %v, want one problem", err)
	}
	if got := ie.Problems[0].String(); got != "s.xlsx 第 4 行「经济运行」列：101.00 超过满分 100.00" {
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
