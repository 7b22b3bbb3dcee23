package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"starflag/model"
)

// XLSX styles: the header is bold on grey and frozen; scores keep two
// decimals (built-in format 2, "0.00"); movements keep their sign; text that
// a spreadsheet could take for a formula gets the text format "@", so it
// stays text even when someone edits the cell.
const (
	numGeneral = iota
	numDecimal
	numSigned
	numText
)

type styleKey struct {
	num  int
	mark string
}

type xlsxStyles struct {
	f                  *excelize.File
	header, headerText int // headerText: a header a spreadsheet could take for a formula
	cache              map[styleKey]int
}

func (s *xlsxStyles) id(num int, mark string) (int, error) {
	k := styleKey{num, mark}
	if id, ok := s.cache[k]; ok {
		return id, nil
	}
	st := &excelize.Style{}
	switch num {
	case numDecimal:
		st.NumFmt = 2
	case numSigned:
		custom := "+0;-0;0"
		st.CustomNumFmt = &custom
	case numText:
		st.NumFmt = 49
	}
	switch mark {
	case "flag": // red text, as the flags on screen
		st.Font = &excelize.Font{Bold: true, Color: "C00000"}
	case "warning": // amber mark
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFD966"}}
	case "red": // 红牌
		st.Font = &excelize.Font{Bold: true, Color: "FFFFFF"}
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C00000"}}
	}
	if k == (styleKey{}) {
		s.cache[k] = 0
		return 0, nil
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.cache[k] = id
	return id, nil
}

// SheetName is the Chinese sheet name of the export kind named kind (综合排名
// for ranking, its title), within Excel's rules: at most 31 characters, none
// of : \ / ? * [ ].
func SheetName(kind string) string {
	k, _ := model.ExportKindNamed(kind)
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, k.Title)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet1"
	}
	return name
}

// XLSXOf writes the tables as one workbook, a sheet per table named after
// its kind. Numbers are numbers (scores with format 0.00, ranks and stars as
// integers, movements signed), flags and warnings are coloured as on screen,
// columns are as wide as their longest text (a Chinese character counts two),
// and the header row is bold and frozen.
func XLSXOf(tables ...model.Table) ([]byte, error) {
	b, err := xlsxOf(tables)
	if err != nil { // excelize's words are for developers: kept as the cause
		return nil, &model.Error{Code: model.ErrFile, Message: "无法生成 xlsx", Err: err}
	}
	return b, nil
}

func xlsxOf(tables []model.Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	head := &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	}
	hs, err := f.NewStyle(head)
	if err != nil {
		return nil, err
	}
	head.NumFmt = 49
	hts, err := f.NewStyle(head)
	if err != nil {
		return nil, err
	}
	styles := &xlsxStyles{f: f, header: hs, headerText: hts, cache: map[styleKey]int{}}
	used := map[string]bool{}
	for i, t := range tables {
		name := SheetName(t.Kind)
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s(%d)", SheetName(t.Kind), n)
		}
		used[name] = true
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := writeSheet(f, name, t, styles); err != nil {
			return nil, err
		}
	}
	if len(tables) > 0 {
		if err := f.SetDocProps(&excelize.DocProperties{Title: tables[0].Title, Creator: "starflag", Language: "zh-CN"}); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, name string, t model.Table, styles *xlsxStyles) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, h := range t.Header {
		w := width(h)
		for _, row := range t.Rows {
			if i < len(row) {
				w = max(w, width(row[i].Text))
			}
		}
		// Excel measures columns in widths of the digit 0; a Chinese
		// character is a little over two.
		cw := min(max(float64(w)*1.1+2.5, 6), 80)
		if err := sw.SetColWidth(i+1, i+1, cw); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		id := styles.header
		if model.GuardFormula(h) != h {
			id = styles.headerText
		}
		head[i] = excelize.Cell{StyleID: id, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{StyleID: styles.header}); err != nil {
		return err
	}
	for r, row := range t.Rows {
		vals := make([]any, len(row))
		for i, c := range row {
			v, num := cellValue(c)
			if v == nil {
				continue
			}
			mark := ""
			if c.Text != "" {
				mark = c.Mark
			}
			id, err := styles.id(num, mark)
			if err != nil {
				return err
			}
			vals[i] = excelize.Cell{StyleID: id, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cellValue is what a cell holds in the sheet and its number format: nil
// for an empty cell.
func cellValue(c model.Cell) (any, int) {
	if c.Text == "" {
		return nil, numGeneral
	}
	if c.Num {
		if strings.Contains(c.Text, ".") {
			if v, err := strconv.ParseFloat(c.Text, 64); err == nil {
				return v, numDecimal
			}
		} else if v, err := strconv.ParseInt(c.Text, 10, 64); err == nil {
			if strings.HasPrefix(c.Text, "+") || strings.HasPrefix(c.Text, "-") {
				return v, numSigned
			}
			return v, numGeneral
		}
	}
	if model.GuardFormula(c.Text) != c.Text {
		return c.Text, numText
	}
	return c.Text, numGeneral
}
