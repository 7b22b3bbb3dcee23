package exchange

import (
	"archive/zip"
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"starflag/model"
)

// Fuzz targets: `go test -run '^$' -fuzz FuzzReadXLSX -fuzztime 30s ./exchange/`.
// Their seeds run in every `go test`.

// xlsxSeed is a small valid import workbook, hostile text included.
func xlsxSeed(f *testing.F, rows ...[]string) []byte {
	f.Helper()
	t := model.Table{Header: rows[0]}
	for _, r := range rows[1:] {
		var row []model.Cell
		for _, c := range r {
			_, err := model.ParseHundredths(c)
			row = append(row, model.Cell{Text: c, Num: err == nil})
		}
		t.Rows = append(t.Rows, row)
	}
	data, err := XLSXOf(t)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

// FuzzReadXLSX: arbitrary bytes never panic or hang ReadXLSX, and rows that
// come back are valid UTF-8 with their sheet row numbers in order.
func FuzzReadXLSX(f *testing.F) {
	f.Add(xlsxSeed(f, []string{"区市", "经济运行", "群众满意度加分"}, []string{"市南区", "95.5", "1"}, []string{"黄岛区", "90", ""}))
	f.Add(xlsxSeed(f, []string{"区市", "经济\x1b[2J运行"}, []string{"\u202e新区", "=1+1"}))
	f.Add(rawXLSX(f, 1, rawSheet{name: "说明", state: "hidden", data: `<row r="1"><c r="XFD1"><v>1</v></c></row>`},
		rawSheet{name: "得分", data: `<row r="1"><c r="A1" t="inlineStr"><is><t>区市</t></is></c><c r="B1"><f>1+1</f></c></row>`}))
	f.Add(rawXLSX(f, 0, rawSheet{name: "汇总", data: sheetRows([]string{"标题"}, nil, []string{"区（市）", "经济运行"}, []string{"市南区", "90"}, []string{"合计"}),
		merges: []string{"A1:B1", "A3:A3", "A5:B6", "C9:A1"}}))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("区市,经济运行\n市南区,90\n"))
	var empty bytes.Buffer
	zip.NewWriter(&empty).Close()
	f.Add(empty.Bytes())
	var junk bytes.Buffer
	zw := zip.NewWriter(&junk)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<not xml"))
	}
	zw.Close()
	f.Add(junk.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		rows, err := ReadXLSX("f.xlsx", bytes.NewReader(data))
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("ReadXLSX of %d bytes took %v", len(data), took)
		}
		if err != nil {
			return
		}
		line := 0
		for _, r := range rows {
			if r.Line <= line {
				t.Fatalf("row numbers out of order: %d after %d", r.Line, line)
			}
			line = r.Line
			for _, c := range r.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not valid UTF-8", c)
				}
			}
		}
	})
}

// FuzzReadCSV: arbitrary bytes (UTF-8, GBK or neither) never panic ReadCSV,
// and what it returns is valid UTF-8.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("\ufeff区市,经济运行\r\n市南区,95.5\r\n"))
	f.Add([]byte("\xc7\xf8\xca\xd0,90\n")) // GBK 区市
	f.Add([]byte("\xff\xfe\x00"))
	f.Add([]byte("\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadCSV("f.csv", data)
		if err != nil {
			return
		}
		for _, r := range rows {
			for _, c := range r.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not valid UTF-8", c)
				}
			}
		}
	})
}

// TestReadXLSXDamagedSizeRefused: a zip directory claiming a 4 GB part (the
// fuzzer found one: excelize allocates what the directory claims) is refused
// at once with a reason, without allocating it.
func TestReadXLSXDamagedSizeRefused(t *testing.T) {
	data, err := XLSXOf(model.Table{Header: []string{"区市", "经济运行"}, Rows: [][]model.Cell{{{Text: "市南区"}, {Text: "90", Num: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	// Central directory entries: "PK\x01\x02", uncompressed size at offset 24.
	i := bytes.Index(data, []byte("PK\x01\x02"))
	if i < 0 {
		t.Fatal("no central directory")
	}
	copy(data[i+24:], []byte{0x00, 0x00, 0x00, 0xfd})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err = ReadXLSX("坏.xlsx", bytes.NewReader(data))
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "坏.xlsx") {
		t.Errorf("ReadXLSX = %v, want a refusal naming the file", err)
	}
	if took > time.Second || after.TotalAlloc-before.TotalAlloc > 64<<20 {
		t.Errorf("refusing took %v and %d MB", took, (after.TotalAlloc-before.TotalAlloc)>>20)
	}
}
