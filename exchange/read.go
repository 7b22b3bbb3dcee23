package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"starflag/model"
)

// ReadImportFile reads an import file into rows for model.PlanImport: .csv
// (UTF-8 with or without BOM, or GB18030/GBK as Excel and WPS save it on
// Chinese Windows) or .xlsx (the first sheet). Problems with the file itself
// are reported as a *model.ImportError naming the file.
func ReadImportFile(path string) ([]model.Row, error) {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".txt", ".xlsx", ".xlsm":
	case ".xls", ".et":
		return nil, fileProblem(name, "这是旧版 Excel/WPS 格式，请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 后再导入")
	default:
		return nil, fileProblem(name, "只能导入 .csv 或 .xlsx 文件")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("找不到文件 %s", model.ClipPath(path))
		}
		return nil, fmt.Errorf("无法读取 %s（%s），没有写入任何数据", model.ClipPath(path), model.FileReason(err))
	}
	if ext == ".xlsx" || ext == ".xlsm" {
		return ReadXLSX(name, bytes.NewReader(data))
	}
	return ReadCSV(name, data)
}

func fileProblem(name, reason string) error {
	return &model.ImportError{Problems: []model.Problem{{File: name, Reason: reason}}}
}

// ReadCSV splits CSV bytes into rows: a BOM is stripped, and bytes that are
// not valid UTF-8 are decoded as GB18030 (a superset of GBK).
func ReadCSV(name string, data []byte) ([]model.Row, error) {
	if !utf8.Valid(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))) {
		// The decoder replaces bytes that are not GB18030 either with U+FFFD.
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) || bytes.ContainsRune(dec, utf8.RuneError) {
			return nil, fileProblem(name, "既不是 UTF-8 也不是 GBK 编码，无法读取")
		}
		data = dec
	}
	return model.ReadCSV(name, data)
}

// Limits on an import workbook once unzipped: a sheet of 10,000 rows is a
// few MB, so these only stop damaged or hostile files.
const (
	maxUnzipped     = 64 << 20 // all parts together
	maxUnzippedPart = 8 << 20  // one part held in memory; larger ones go through a temp file
)

// ReadXLSX reads the first sheet of a workbook into rows numbered as the
// sheet numbers them. A cell is read as the text it shows, except that a
// number with at most two decimals is read exactly (92.5 stays 92.5 whatever
// the cell's format, and is never 92.499999…); a number with more decimals
// is read as shown, so a format that rounds decides, as it did on screen.
func ReadXLSX(name string, r io.Reader) ([]model.Row, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fileProblem(name, "无法读取文件")
	}
	// A damaged zip directory can claim gigabytes per part, and excelize
	// allocates what it claims before reading: refuse it first.
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		var total uint64
		for _, zf := range zr.File {
			total += zf.UncompressedSize64
			if total > maxUnzipped || zf.UncompressedSize64 > maxUnzipped {
				return nil, fileProblem(name, fmt.Sprintf("xlsx 文件解压后超过 %d MB，不是得分表或文件已损坏", maxUnzipped>>20))
			}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedPart})
	if err != nil {
		return nil, fileProblem(name, "无法打开 xlsx 文件（文件损坏、加了密码，或不是 xlsx 格式）")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fileProblem(name, "文件是空的")
	}
	shown, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fileProblem(name, "无法读取第一个工作表“"+sheets[0]+"”")
	}
	raw, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fileProblem(name, "无法读取第一个工作表“"+sheets[0]+"”")
	}
	rows := make([]model.Row, len(shown))
	for i, cells := range shown {
		for j := range cells {
			if i < len(raw) && j < len(raw[i]) && raw[i][j] != cells[j] {
				cells[j] = exactNumber(raw[i][j], cells[j])
			}
		}
		rows[i] = model.Row{Line: i + 1, Cells: cells}
	}
	return rows, nil
}

// exactNumber is the value of a number cell whose format changes how it
// looks: when it shows a plain number (0, 0.0, 0.00, #,##0.00 formats), the
// stored number in Excel's 15 significant digits if that has at most two
// decimals; else the shown text, so a date or a percentage is refused as
// not a score rather than read as its serial number or fraction.
func exactNumber(raw, shown string) string {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || !plainNumber(shown) {
		return shown
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if g := strconv.FormatFloat(v, 'g', 15, 64); !strings.ContainsAny(g, "eE") {
		if p, err := strconv.ParseFloat(g, 64); err == nil {
			s = strconv.FormatFloat(p, 'f', -1, 64)
		}
	}
	if _, frac, ok := strings.Cut(s, "."); ok && len(frac) > 2 {
		return shown
	}
	return s
}

// plainNumber reports whether s is digits with an optional sign, thousands
// separators and decimal point.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "-")
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ',' || (r == '.' && !strings.Contains(s[i+1:], ".")):
		default:
			return false
		}
	}
	return digits > 0
}
