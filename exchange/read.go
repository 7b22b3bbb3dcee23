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
// Chinese Windows) or .xlsx (the active sheet, or the first visible one).
// Problems with the file itself, a file beyond the import bounds included,
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
	cannotRead := func(err error) error {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("找不到文件 %s", model.ClipPath(path))
		}
		return fmt.Errorf("无法读取 %s（%s），没有写入任何数据", model.ClipPath(path), model.FileReason(err))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, cannotRead(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > maxFileBytes {
		return nil, fileProblem(name, errTooBig.Error()) // refused unread
	}
	data, err := readLimited(f)
	if errors.Is(err, errTooBig) {
		return nil, fileProblem(name, err.Error())
	} else if err != nil {
		return nil, cannotRead(err) // a folder opens, and fails here
	}
	if ext == ".xlsx" || ext == ".xlsm" {
		return ReadXLSX(name, bytes.NewReader(data))
	}
	return ReadCSV(name, data)
}

// maxFileBytes bounds an import file on disk: a 10,000-row CSV is 300 KB.
const maxFileBytes = 64 << 20

// errTooBig is readLimited's refusal of a file over maxFileBytes.
var errTooBig = fmt.Errorf("文件超过 %d MB，不像一份得分表：请检查是否选错了文件", maxFileBytes>>20)

// readLimited reads all of r, refusing more than maxFileBytes (errTooBig).
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err == nil && len(data) > maxFileBytes {
		err = errTooBig
	}
	return data, err
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

// ReadXLSX reads the sheet an import reads (the active sheet, or the first
// visible one: a hidden sheet of notes or lookups is never read) into rows
// numbered as the sheet numbers them. A sheet beyond the import bounds is
// refused before any row is held, and so is a formula cell whose result
// was never saved. A cell is read as the text it shows, except that a
// number with at most two decimals is read exactly (92.5 stays 92.5 whatever
// the cell's format, and is never 92.499999…); a number with more decimals
// is read as shown, so a format that rounds decides, as it did on screen.
func ReadXLSX(name string, r io.Reader) ([]model.Row, error) {
	data, err := readLimited(r)
	if errors.Is(err, errTooBig) {
		return nil, fileProblem(name, err.Error())
	} else if err != nil {
		return nil, fileProblem(name, "无法读取文件（"+model.FileReason(err)+"）")
	}
	const cannotOpen = "无法打开 xlsx 文件（文件损坏、加了密码，或不是 xlsx 格式）"
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileProblem(name, cannotOpen)
	}
	// A damaged zip directory can claim gigabytes per part, and excelize
	// allocates what it claims before reading: refuse it first.
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > maxUnzipped || zf.UncompressedSize64 > maxUnzipped {
			return nil, fileProblem(name, fmt.Sprintf("xlsx 文件解压后超过 %d MB，不是得分表或文件已损坏", maxUnzipped>>20))
		}
	}
	sheet, err := findImportSheet(zr)
	switch {
	case errors.Is(err, errNoVisibleSheet):
		return nil, fileProblem(name, "工作簿里没有可见的工作表：请在 Excel 或 WPS 里取消隐藏得分表后再导入")
	case err != nil:
		return nil, fileProblem(name, cannotOpen)
	}
	unreadable := fileProblem(name, "无法读取工作表“"+sheet.name+"”（文件可能已损坏）")
	part, err := openPart(zr, sheet.part)
	if err != nil {
		return nil, unreadable
	}
	scan, err := scanSheet(part)
	part.Close()
	switch {
	case err != nil:
		return nil, unreadable
	case scan.tooLarge != "":
		return nil, fileProblem(name, model.TooLarge("工作表“"+sheet.name+"”"+scan.tooLarge))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedPart})
	if err != nil {
		return nil, fileProblem(name, cannotOpen)
	}
	defer f.Close()
	rows, err := readSheet(f, sheet.name, scan.lastRow)
	if err != nil {
		return nil, unreadable
	}
	if len(scan.formulas) > 0 {
		return nil, formulaProblems(name, rows, scan)
	}
	return rows, nil
}

// readSheet streams the rows of sheet up to row last, each cell as it
// shows except exact numbers (exactNumber); empty rows are left out.
func readSheet(f *excelize.File, sheet string, last int) ([]model.Row, error) {
	shown, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer shown.Close()
	raw, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	var rows []model.Row
	for line := 1; line <= last && shown.Next() && raw.Next(); line++ {
		cells, err := shown.Columns()
		if err != nil {
			return nil, err
		}
		values, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		for j := range cells {
			if j < len(values) && values[j] != cells[j] {
				cells[j] = exactNumber(values[j], cells[j])
			}
		}
		if len(cells) > 0 {
			rows = append(rows, model.Row{Line: line, Cells: cells})
		}
	}
	return rows, errors.Join(shown.Error(), raw.Error())
}

// formulaProblems names each formula cell without a saved result by its
// row and its column's header (the first row with text).
func formulaProblems(name string, rows []model.Row, scan sheetScan) error {
	var header []string
	if len(rows) > 0 {
		header = rows[0].Cells
	}
	e := &model.ImportError{Omitted: scan.moreFormulas}
	for _, c := range scan.formulas {
		col := columnName(c.col)
		if c.col <= len(header) && strings.TrimSpace(header[c.col-1]) != "" && rows[0].Line != c.row {
			col = model.Clip(strings.TrimSpace(header[c.col-1]))
		}
		e.Add(model.Problem{File: name, Row: c.row, Column: col, Reason: fmt.Sprintf(
			"单元格 %s%d 是公式，但文件里没有它的计算结果（多见于程序生成的文件）：请用 Excel 或 WPS 打开、保存后再导入", columnName(c.col), c.row)})
	}
	return e
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
