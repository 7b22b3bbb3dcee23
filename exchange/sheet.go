package exchange

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"starflag/model"
)

// An import workbook is read in two passes. The first, here, streams the
// XML of the sheet to read with constant memory: it finds the sheet's
// extent and its formula cells that have no saved result, so that a file
// beyond the import bounds (a cell in column XFD on every row is a few bytes
// each, and excelize fills every row up to its last cell) is refused before
// any row is held. The second pass reads the values with excelize.

// importSheet is the worksheet an import reads: the one named, else the
// active sheet when it is visible, else the first visible one. part is its
// path in the zip.
type importSheet struct {
	name, part string
}

// findImportSheet reads the workbook's sheet list and relationships and
// finds the sheet named want ("" for the default). A sheet named but
// hidden or missing is refused with a sentence naming the visible ones.
func findImportSheet(zr *zip.Reader, want string) (importSheet, error) {
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	book := "xl/workbook.xml"
	if err := decodePart(zr, "_rels/.rels", &rels); err == nil {
		for _, r := range rels.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb struct {
		Views []struct {
			ActiveTab int `xml:"activeTab,attr"`
		} `xml:"bookViews>workbookView"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"id,attr"` // r:id
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(zr, book, &wb); err != nil {
		return importSheet{}, err
	}
	dir := path.Dir(book)
	rels.Rels = nil
	if err := decodePart(zr, path.Join(dir, "_rels", path.Base(book)+".rels"), &rels); err != nil {
		return importSheet{}, err
	}
	parts := map[string]string{} // r:id → worksheet part
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/worksheet") {
			if strings.HasPrefix(r.Target, "/") {
				parts[r.ID] = path.Clean(strings.TrimPrefix(r.Target, "/"))
			} else {
				parts[r.ID] = path.Join(dir, r.Target)
			}
		}
	}
	active := 0
	if len(wb.Views) > 0 {
		active = wb.Views[0].ActiveTab
	}
	var first, named *importSheet
	var visible []string
	namedHidden := false
	for i, s := range wb.Sheets {
		part, ok := parts[s.RID]
		if !ok {
			continue // a chart sheet
		}
		hidden := s.State != "" && s.State != "visible"
		if want != "" && sameSheetName(s.Name, want) && (named == nil || s.Name == want) {
			named, namedHidden = &importSheet{s.Name, part}, hidden
		}
		if hidden {
			continue
		}
		visible = append(visible, s.Name)
		if i == active && want == "" {
			return importSheet{s.Name, part}, nil
		}
		if first == nil {
			first = &importSheet{s.Name, part}
		}
	}
	switch {
	case want != "" && named == nil:
		return importSheet{}, model.Errorf(model.ErrNotFound, "没有名为“%s”的工作表（可见的工作表：%s）", model.Clip(want), sheetList(visible))
	case named != nil && namedHidden:
		return importSheet{}, model.Errorf(model.ErrInvalid, "工作表“%s”是隐藏的：导入只读看得见的工作表，请在 Excel 或 WPS 里取消隐藏后再导入", model.Clip(named.name))
	case named != nil:
		return *named, nil
	case first == nil:
		return importSheet{}, errNoVisibleSheet
	}
	return *first, nil
}

// sameSheetName compares sheet names as a person types them: spaces around
// and the width of letters and digits do not matter.
func sameSheetName(a, b string) bool {
	return strings.EqualFold(model.NormalizeNumber(a), model.NormalizeNumber(b))
}

func sheetList(names []string) string {
	if len(names) == 0 {
		return "无"
	}
	return model.Clip(strings.Join(names, "、"))
}

var errNoVisibleSheet = model.Errorf(model.ErrInvalid, "工作簿里没有可见的工作表")

// openPart opens a part of the zip by name, as excelize finds it (some
// writers use backslashes).
func openPart(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if strings.ReplaceAll(f.Name, `\`, "/") == name {
			return f.Open()
		}
	}
	return nil, model.Errorf(model.ErrNotFound, "工作簿里没有 %s", name)
}

func decodePart(zr *zip.Reader, name string, v any) error {
	r, err := openPart(zr, name)
	if err != nil {
		return err
	}
	defer r.Close()
	return newXMLDecoder(r).Decode(v)
}

func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	// Only the structure is read, which is ASCII in every encoding a
	// workbook may declare.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// sheetScan is what the first pass learns about a worksheet.
type sheetScan struct {
	lastRow  int    // the last row with a value
	tooLarge string // which import bound the sheet passes, and where; "" if none
	// formulas are the cells whose formula has no saved result.
	formulas []cellRef
	merges   []string // the ranges of merged cells (A1:E1)
}

type cellRef struct{ row, col int }

// maxMerges bounds the merged ranges of an import sheet: a real one has a
// few (a title, a 合计 label).
const maxMerges = 10_000

// scanSheet streams a worksheet's XML. A row is as wide as its last cell
// with a value (what excelize will hold for it); cells are the widths of
// all rows added up. It also collects the merged ranges.
func scanSheet(r io.Reader) (sheetScan, error) {
	var s sheetScan
	d := newXMLDecoder(r)
	var (
		inData               bool
		row, col, width      int
		cells                int
		hasF, hasV, str, inV bool
		vText                bool
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return s, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sheetData":
				inData = true
			case "row":
				if !inData {
					continue
				}
				row++
				if n := attrInt(t.Attr, "r"); n > 0 {
					row = n
				}
				col, width = 0, 0
			case "c":
				if !inData {
					continue
				}
				col++
				if ref := attr(t.Attr, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						col = c
					}
				}
				hasF, hasV, vText = false, false, false
				str = attr(t.Attr, "t") == "str" || attr(t.Attr, "t") == "inlineStr"
			case "f":
				hasF = true
			case "v":
				hasV, inV = true, true
			case "is":
				hasV, vText = true, true
			case "mergeCell":
				if inData {
					continue
				}
				if len(s.merges) == maxMerges {
					s.tooLarge = fmt.Sprintf("有超过 %d 处合并单元格", maxMerges)
					return s, nil
				}
				s.merges = append(s.merges, attr(t.Attr, "ref"))
			}
		case xml.CharData:
			if inV && len(t) > 0 {
				vText = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "c":
				if !inData || !(vText || hasF) {
					continue // an empty cell, perhaps formatted
				}
				width = col
				if col > model.MaxImportColumns {
					s.tooLarge = fmt.Sprintf("第 %d 行 %s 列（第 %d 列）有内容，超过 %d 列", row, model.ColumnLetters(col), col, model.MaxImportColumns)
					return s, nil
				}
				// A formula whose result was never saved (a file written by
				// a program, not saved from Excel or WPS) reads as empty.
				if hasF && !(hasV && (vText || str)) {
					s.formulas = append(s.formulas, cellRef{row, col}) // bounded by the import's cells
				}
			case "row":
				if !inData || width == 0 {
					continue
				}
				if row > model.MaxImportRows {
					s.tooLarge = fmt.Sprintf("第 %d 行有内容，超过 %d 行", row, model.MaxImportRows)
					return s, nil
				}
				if cells += width; cells > model.MaxImportCells {
					s.tooLarge = fmt.Sprintf("到第 %d 行已超过 %d 个单元格", row, model.MaxImportCells)
					return s, nil
				}
				s.lastRow = row
			case "sheetData":
				inData = false // the merged cells come after
			}
		}
	}
}

func attr(as []xml.Attr, name string) string {
	for _, a := range as {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// attrInt reads a row number: 0 when it is not one, and at most 1<<30.
func attrInt(as []xml.Attr, name string) int {
	n := 0
	for _, c := range attr(as, name) {
		if c < '0' || c > '9' {
			return 0
		}
		n = min(n*10+int(c-'0'), 1<<30)
	}
	return n
}
