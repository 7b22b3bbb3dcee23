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
	src, err := ReadImportSource(path, "")
	return src.Rows, err
}

// ReadImportSource is ReadImportFile reading the worksheet named sheet of
// an .xlsx file ("" for the default; a CSV file has no sheets and ignores
// it), and saying which sheet it read.
func ReadImportSource(path, sheet string) (model.ImportSource, error) {
	name := filepath.Base(path)
	src := model.ImportSource{File: name}
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".csv", ".txt", ".xlsx", ".xlsm":
	case ".xls", ".et":
		return src, fileProblem(name, "这是旧版 Excel/WPS 格式，请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 后再导入")
	default:
		return src, fileProblem(name, "只能导入 .csv 或 .xlsx 文件")
	}
	cannotRead := func(err error) error {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("找不到文件 %s", model.ClipPath(path))
		}
		return fmt.Errorf("无法读取 %s（%s），没有写入任何数据", model.ClipPath(path), model.FileReason(err))
	}
	f, err := os.Open(path)
	if err != nil {
		return src, cannotRead(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > maxFileBytes {
		return src, fileProblem(name, errTooBig.Error()) // refused unread
	}
	data, err := readLimited(f)
	if errors.Is(err, errTooBig) {
		return src, fileProblem(name, err.Error())
	} else if err != nil {
		return src, cannotRead(err) // a folder opens, and fails here
	}
	if ext == ".xlsx" || ext == ".xlsm" {
		return ReadXLSXSheet(name, bytes.NewReader(data), sheet)
	}
	src.Rows, err = ReadCSV(name, data)
	return src, err
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
// Each cell of a merged range reads as the range's value.
func ReadXLSX(name string, r io.Reader) ([]model.Row, error) {
	src, err := ReadXLSXSheet(name, r, "")
	return src.Rows, err
}

// ReadXLSXSheet is ReadXLSX reading the worksheet named sheet ("" for the
// default), and saying which sheet it read.
func ReadXLSXSheet(name string, r io.Reader, sheetName string) (model.ImportSource, error) {
	src := model.ImportSource{File: name}
	data, err := readLimited(r)
	if errors.Is(err, errTooBig) {
		return src, fileProblem(name, err.Error())
	} else if err != nil {
		return src, fileProblem(name, "无法读取文件（"+model.FileReason(err)+"）")
	}
	const cannotOpen = "无法打开 xlsx 文件（文件损坏、加了密码，或不是 xlsx 格式）"
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return src, fileProblem(name, cannotOpen)
	}
	// A damaged zip directory can claim gigabytes per part, and excelize
	// allocates what it claims before reading: refuse it first.
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > maxUnzipped || zf.UncompressedSize64 > maxUnzipped {
			return src, fileProblem(name, fmt.Sprintf("xlsx 文件解压后超过 %d MB，不是得分表或文件已损坏", maxUnzipped>>20))
		}
	}
	sheet, err := findImportSheet(zr, sheetName)
	var me *model.Error
	switch {
	case errors.Is(err, errNoVisibleSheet):
		return src, fileProblem(name, "工作簿里没有可见的工作表：请在 Excel 或 WPS 里取消隐藏得分表后再导入")
	case errors.As(err, &me):
		return src, fileProblem(name, me.Message)
	case err != nil:
		return src, fileProblem(name, cannotOpen)
	}
	src.Sheet = sheet.name
	unreadable := fileProblem(name, "无法读取工作表“"+sheet.name+"”（文件可能已损坏）")
	part, err := openPart(zr, sheet.part)
	if err != nil {
		return src, unreadable
	}
	scan, err := scanSheet(part)
	part.Close()
	switch {
	case err != nil:
		return src, unreadable
	case scan.tooLarge != "":
		return src, fileProblem(name, model.TooLarge("工作表“"+sheet.name+"”"+scan.tooLarge))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedPart})
	if err != nil {
		return src, fileProblem(name, cannotOpen)
	}
	defer f.Close()
	rows, err := readSheet(f, sheet.name, scan.lastRow)
	if err != nil {
		return src, unreadable
	}
	if rows, err = fillMerged(rows, scan); err != nil {
		return src, fileProblem(name, model.TooLarge("工作表“"+sheet.name+"”"+err.Error()))
	}
	if err := formulaProblems(name, sheet.name, rows, scan); err != nil {
		return src, err
	}
	src.Rows = rows
	return src, nil
}

// fillMerged gives each cell of a merged range the value of its first
// cell, as a person reads it: a title across the columns, a 合计 label over
// two cells, a header cell over two rows. Ranges are cut to the sheet's
// extent, and the cells they add count towards the import bound.
func fillMerged(rows []model.Row, scan sheetScan) ([]model.Row, error) {
	if len(scan.merges) == 0 {
		return rows, nil
	}
	at := make(map[int]int, len(rows)) // row number → index in rows
	cells := 0
	for i, r := range rows {
		at[r.Line] = i
		cells += len(r.Cells)
	}
	// What the ranges cover, counted before anything is filled: a range
	// A1:ALL100000 is refused at once.
	area := int64(0)
	for _, ref := range scan.merges {
		if c1, r1, c2, r2, ok := mergeRange(ref, scan.lastRow); ok {
			area += int64(c2-c1+1) * int64(r2-r1+1)
		}
	}
	tooLarge := fmt.Errorf("的合并单元格展开后超过 %d 个单元格", model.MaxImportCells)
	if area > model.MaxImportCells {
		return nil, tooLarge
	}
	var added []model.Row // rows that were empty but for merged cells
	find := func(line int) *model.Row {
		switch i, ok := at[line]; {
		case !ok:
			return nil
		case i < len(rows):
			return &rows[i]
		default:
			return &added[i-len(rows)]
		}
	}
	for _, ref := range scan.merges {
		c1, r1, c2, r2, ok := mergeRange(ref, scan.lastRow)
		if !ok {
			continue
		}
		top := find(r1)
		if top == nil || c1 > len(top.Cells) || top.Cells[c1-1] == "" {
			continue // an empty range: nothing to fill
		}
		v := top.Cells[c1-1]
		for line := r1; line <= r2; line++ {
			row := find(line)
			if row == nil {
				at[line] = len(rows) + len(added)
				added = append(added, model.Row{Line: line})
				row = &added[len(added)-1]
			}
			if len(row.Cells) < c2 {
				if cells += c2 - len(row.Cells); cells > model.MaxImportCells {
					return nil, tooLarge
				}
				row.Cells = append(row.Cells, make([]string, c2-len(row.Cells))...)
			}
			for c := c1; c <= c2; c++ {
				if row.Cells[c-1] == "" {
					row.Cells[c-1] = v
				}
			}
		}
	}
	if len(added) > 0 {
		rows = append(rows, added...)
		slices.SortFunc(rows, func(a, b model.Row) int { return a.Line - b.Line })
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

// mergeRange reads a merged range (A1:E1) as columns and rows, cut to the
// sheet's last row and the import's columns; ok is false when it is not a
// range or lies below the sheet.
func mergeRange(ref string, lastRow int) (c1, r1, c2, r2 int, ok bool) {
	from, to, ok := strings.Cut(ref, ":")
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if !ok || err1 != nil || err2 != nil || c2 < c1 || r2 < r1 || r1 > lastRow || c1 > model.MaxImportColumns {
		return 0, 0, 0, 0, false
	}
	return c1, r1, min(c2, model.MaxImportColumns), min(r2, lastRow), true
}

// formulaProblems names each formula cell without a saved result by its
// sheet, cell and row, and its column's header (in the header row if one
// is found, else the first row with text); nil when there is none but in
// cells the import leaves out (a 序号 of =ROW(), a 合计 row of SUM).
func formulaProblems(name, sheet string, rows []model.Row, scan sheetScan) error {
	var header model.Row
	if h := model.HeaderRow(rows); h >= 0 {
		header = rows[h]
	} else if len(rows) > 0 {
		header = rows[0]
	}
	skipped := model.SkippedCells(rows)
	e := &model.ImportError{}
	for _, c := range scan.formulas {
		if skipped(c.row, c.col-1) {
			continue
		}
		if len(e.Problems) == model.MaxListedProblems {
			e.Omitted++
			continue
		}
		col := model.ColumnLetters(c.col)
		if c.col <= len(header.Cells) && strings.TrimSpace(header.Cells[c.col-1]) != "" && header.Line != c.row {
			col = model.Clip(strings.TrimSpace(header.Cells[c.col-1]))
		}
		e.Add(model.Problem{File: name, Sheet: model.Clip(sheet), Row: c.row, Column: col, Cell: model.CellName(c.row, c.col-1),
			Reason: "这一格是公式，但文件里没有它的计算结果（多见于程序生成的文件）：请用 Excel 或 WPS 打开、保存后再导入"})
	}
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

// exactNumber is the value of a number cell whose format changes how it
// looks: when it shows a plain number (0, 0.0, 0.00, #,##0.00 formats, or
// one of them followed by 分, as 0.00"分" shows 92.35分), the
// stored number in Excel's 15 significant digits if that has at most two
// decimals; else the shown text, so a date or a percentage is refused as
// not a score rather than read as its serial number or fraction.
func exactNumber(raw, shown string) string {
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || !plainNumber(strings.TrimSuffix(strings.TrimSpace(shown), "分")) {
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
