package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"starflag/model"
)

// XLSX workbooks are handouts: each sheet prints on A4 with its title in
// the first row, its header frozen and repeated on every printed page, the
// wide ones landscape, all fitted to one page wide. Cells are styled by
// number format and mark: scores keep two decimals (built-in format 2,
// "0.00"); movements keep their sign; text that a spreadsheet could take
// for a formula gets the text format "@", so it stays text even when
// someone edits the cell. Every cell of a table is framed, so the printed
// table has its lines.
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
	title, podium      int
	seat, order, muted int // the seating chart's name and seat order cells, and its seat numbers and note
	cache              map[styleKey]int
}

var thin = []excelize.Border{{Type: "left", Style: 1, Color: "808080"}, {Type: "right", Style: 1, Color: "808080"},
	{Type: "top", Style: 1, Color: "808080"}, {Type: "bottom", Style: 1, Color: "808080"}}

// borders are thin lines on the named sides.
func borders(sides ...string) []excelize.Border {
	var out []excelize.Border
	for _, b := range thin {
		for _, s := range sides {
			if b.Type == s {
				out = append(out, b)
			}
		}
	}
	return out
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{f: f, cache: map[styleKey]int{}}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	text := 49
	for _, st := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: thin, Alignment: centre,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}}}},
		{&s.headerText, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: thin, Alignment: centre, NumFmt: text,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8E8E8"}}}},
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&s.podium, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Border: thin, Alignment: centre,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&s.seat, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Border: borders("left", "right", "top"), Alignment: centre, NumFmt: text}},
		{&s.order, &excelize.Style{Font: &excelize.Font{Size: 9, Color: "404040"}, Border: borders("left", "right", "bottom"), Alignment: centre}},
		{&s.muted, &excelize.Style{Font: &excelize.Font{Size: 9, Color: "404040"}, Alignment: centre}},
	} {
		id, err := f.NewStyle(st.style)
		if err != nil {
			return nil, err
		}
		*st.id = id
	}
	return s, nil
}

// id is the style of a table cell: framed, with its number format and mark.
func (s *xlsxStyles) id(num int, mark string) (int, error) {
	k := styleKey{num, mark}
	if id, ok := s.cache[k]; ok {
		return id, nil
	}
	st := &excelize.Style{Border: thin, Alignment: &excelize.Alignment{Vertical: "center"}}
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
	case "top": // a section's first place, bold as on screen
		st.Font = &excelize.Font{Bold: true}
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
	return sheetName(k.Title)
}

func sheetName(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, title)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	if name == "" {
		name = "Sheet1"
	}
	return name
}

// SeatList names the seat list, the second sheet of the seats workbook
// after the chart.
const SeatList = "座次表"

// XLSXOf writes the tables as one workbook, a sheet per table named after
// its kind (or Table.Sheet). Numbers are numbers (scores with format 0.00,
// ranks and stars as integers, movements signed), flags and warnings are
// coloured as on screen, columns are as wide as their longest text (a
// Chinese character counts two). A table with a heading (or a title) has
// it in the first row; the header below is bold, frozen and printed on
// every page.
func XLSXOf(tables ...model.Table) ([]byte, error) {
	return workbook(tables, nil)
}

// documentXLSX is d's workbook: its sheets (Document.Sheets, else its
// table), the seats' chart before its list.
func documentXLSX(d Document) ([]byte, error) {
	tables := d.Sheets
	if len(tables) == 0 {
		tables = []model.Table{d.Table}
	}
	if d.Chart != nil {
		list := d.Table
		list.Sheet = SeatList
		tables = []model.Table{list}
	}
	return workbook(tables, d.Chart)
}

func workbook(tables []model.Table, chart *model.SeatingChart) ([]byte, error) {
	b, err := xlsxOf(tables, chart)
	if err != nil { // excelize's words are for developers: kept as the cause
		return nil, &model.Error{Code: model.ErrFile, Message: "无法生成 xlsx", Err: err}
	}
	return b, nil
}

func xlsxOf(tables []model.Table, chart *model.SeatingChart) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	first := true
	addSheet := func(want string) (string, error) {
		name := want
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s(%d)", want, n)
		}
		used[name] = true
		if first {
			first = false
			return name, f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return name, err
	}
	title := ""
	if chart != nil {
		name, err := addSheet(SheetName(model.ExportSeats.Name))
		if err != nil {
			return nil, err
		}
		title = chartHeading(*chart)
		if err := writeChart(f, name, *chart, styles); err != nil {
			return nil, err
		}
	}
	for _, t := range tables {
		want := SheetName(t.Kind)
		if t.Sheet != "" {
			want = sheetName(t.Sheet)
		}
		name, err := addSheet(want)
		if err != nil {
			return nil, err
		}
		if title == "" {
			title = heading(t)
		}
		if err := writeSheet(f, name, t, styles); err != nil {
			return nil, err
		}
	}
	if title != "" {
		if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "starflag", Language: "zh-CN"}); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// heading is the title row of t's sheet: its heading, else its title.
func heading(t model.Table) string {
	if t.Heading != "" {
		return t.Heading
	}
	return t.Title
}

func chartHeading(c model.SeatingChart) string { return c.Quarter.ChineseName() + " 会议座次图" }

// A4 in Excel's paper sizes; widths in pixels at 96 dpi (a column of width
// w, in widths of the digit 0 of the default font, is 7w + 5 pixels).
const (
	paperA4 = 9
	// portraitPixels is what fits across A4 portrait inside margins of
	// half an inch: 7.27 inches.
	portraitPixels = 690
)

func sum(ws []float64) float64 {
	total := 0.0
	for _, w := range ws {
		total += w
	}
	return total
}

// colWidth is the width of a column whose longest text is w cells wide:
// Excel measures columns in widths of the digit 0; a Chinese character is a
// little over two.
func colWidth(w int) float64 { return min(max(float64(w)*1.1+2.5, 6), 80) }

// printSheet sets sheet up to print on A4, landscape when its columns
// (widths) are too wide for portrait, fitted to one page wide, the rows
// titles (`$2:$2`, "" for none) on every page and the page number in the
// footer; onePage (a chart that fits) is landscape on one page. It returns
// the sheet's stream writer with the columns' widths set (the page setup
// must come first: the stream writer writes the sheet's properties when it
// starts).
func printSheet(f *excelize.File, sheet string, widths []float64, titles string, onePage bool) (*excelize.StreamWriter, error) {
	orientation := "portrait"
	if 7*sum(widths)+5*float64(len(widths)) > portraitPixels || onePage {
		orientation = "landscape"
	}
	yes, size, wide, tall := true, paperA4, 1, 0
	if onePage {
		tall = 1
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return nil, err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return nil, err
	}
	side, edge, head := 0.5, 0.75, 0.3
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge,
		Header: &head, Footer: &head, Horizontally: &yes}); err != nil {
		return nil, err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return nil, err
	}
	if titles != "" {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + titles}); err != nil {
			return nil, err
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	return sw, setColWidths(sw, widths)
}

// setColWidths sets the columns' widths, a run of equal widths at once
// (excelize's SetColWidth takes time in the columns already set: a chart of
// 200 seats would take 200² steps).
func setColWidths(sw *excelize.StreamWriter, widths []float64) error {
	for i := 0; i < len(widths); {
		j := i + 1
		for j < len(widths) && widths[j] == widths[i] {
			j++
		}
		if err := sw.SetColWidth(i+1, j, widths[i]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// fitTitle widens the columns evenly when the title, in its larger font,
// is wider than the table.
func fitTitle(widths []float64, title string) {
	need, have := float64(width(title))*1.1*16/11+2, sum(widths)
	if have < need && len(widths) > 0 {
		for i := range widths {
			widths[i] += (need - have) / float64(len(widths))
		}
	}
}

// titleRow writes the sheet's title in row 1 across cols columns.
func titleRow(sw *excelize.StreamWriter, text string, cols int, styles *xlsxStyles) error {
	row := make([]any, cols)
	row[0] = excelize.Cell{StyleID: styles.title, Value: text}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	return merge(sw, 1, 1, cols, 1)
}

// merge merges the cells from (col1, row1) to (col2, row2), if more
// than one.
func merge(sw *excelize.StreamWriter, col1, row1, col2, row2 int) error {
	if col1 == col2 && row1 == row2 {
		return nil
	}
	a, _ := excelize.CoordinatesToCellName(col1, row1)
	b, _ := excelize.CoordinatesToCellName(col2, row2)
	return sw.MergeCell(a, b)
}

// headCell is a header cell: bold on grey, as text when a spreadsheet
// could take it for a formula.
func (s *xlsxStyles) headCell(h string) excelize.Cell {
	switch {
	case h == "":
		return excelize.Cell{StyleID: s.header}
	case model.GuardFormula(h) != h:
		return excelize.Cell{StyleID: s.headerText, Value: h}
	}
	return excelize.Cell{StyleID: s.header, Value: h}
}

// writeHeader writes t's header from row top: one line, or with spans two,
// each span's text merged over its columns and a span without text holding
// its columns' headers over both lines.
func writeHeader(sw *excelize.StreamWriter, t model.Table, top int, styles *xlsxStyles) error {
	cols := len(t.Header)
	head := make([]any, cols)
	for i, h := range t.Header {
		head[i] = styles.headCell(h)
	}
	lines := [][]any{head}
	var merges [][4]int // col1, row1, col2, row2
	if len(t.Spans) > 0 {
		upper := make([]any, cols)
		for i := range upper {
			upper[i] = styles.headCell("")
		}
		col := 0
		for _, s := range t.Spans {
			end := min(col+max(s.Cols, 0), cols)
			if s.Text == "" {
				for i := col; i < end; i++ {
					upper[i], head[i] = head[i], styles.headCell("")
					merges = append(merges, [4]int{i + 1, top, i + 1, top + 1})
				}
			} else if col < end {
				upper[col] = styles.headCell(s.Text)
				merges = append(merges, [4]int{col + 1, top, end, top})
			}
			col = end
		}
		lines = [][]any{upper, head}
	}
	for k, line := range lines {
		c, _ := excelize.CoordinatesToCellName(1, top+k)
		if err := sw.SetRow(c, line); err != nil {
			return err
		}
	}
	for _, m := range merges {
		if err := merge(sw, m[0], m[1], m[2], m[3]); err != nil {
			return err
		}
	}
	return nil
}

func writeSheet(f *excelize.File, name string, t model.Table, styles *xlsxStyles) error {
	cols := len(t.Header)
	widths := make([]float64, cols)
	for i, h := range t.Header {
		w := width(h)
		for _, row := range t.Rows {
			if i < len(row) {
				w = max(w, width(row[i].Text))
			}
		}
		widths[i] = colWidth(w)
	}
	// A span's text spreads over its columns.
	col := 0
	for _, s := range t.Spans {
		end := min(col+max(s.Cols, 0), cols)
		have := sum(widths[col:end])
		for i := col; i < end; i++ {
			widths[i] += max(colWidth(width(s.Text))-have, 0) / float64(end-col)
		}
		col = end
	}
	top := 1 // the header's first row
	if heading(t) != "" {
		top = 2
		fitTitle(widths, heading(t))
	}
	headRows := 1
	if len(t.Spans) > 0 {
		headRows = 2
	}
	titles := ""
	if top > 1 {
		titles = fmt.Sprintf("$%d:$%d", top, top+headRows-1)
	}
	sw, err := printSheet(f, name, widths, titles, false)
	if err != nil {
		return err
	}
	body := top + headRows // the first row of values
	cell, _ := excelize.CoordinatesToCellName(1, body)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: body - 1, TopLeftCell: cell, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell, ActiveCell: cell, Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if top > 1 && cols > 0 {
		if err := titleRow(sw, heading(t), cols, styles); err != nil {
			return err
		}
	}
	if err := writeHeader(sw, t, top, styles); err != nil {
		return err
	}
	for r, row := range t.Rows {
		vals := make([]any, max(cols, len(row)))
		for i := range vals {
			c := model.Cell{}
			if i < len(row) {
				c = row[i]
			}
			v, num := cellValue(c)
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
		cell, _ := excelize.CoordinatesToCellName(1, body+r)
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

// writeChart draws the seating chart as a grid of cells, as the text and
// HTML exports draw it: the title, the podium (主席台) across the seats,
// the seat numbers from the left, then each row of the chart as a row of
// names over their seat orders, and the note saying how it is seen. A row
// longer than maxChartColumns seats goes on in bands below, as the kit's
// chart does, each with its seat numbers and row labels. The sheet prints
// on A4 landscape, one page wide, and one page tall unless it has bands.
func writeChart(f *excelize.File, name string, c model.SeatingChart, styles *xlsxStyles) error {
	longest := 1
	for _, row := range c.Grid {
		longest = max(longest, len(row))
	}
	perRow := min(longest, maxChartColumns)
	label := width(rowLabel(len(c.Grid)))
	seatW := width("座次10")
	for _, s := range c.Seats {
		seatW = max(seatW, width(textCell(s.Unit.Name)))
	}
	widths := []float64{colWidth(label)}
	for range perRow {
		widths = append(widths, colWidth(seatW))
	}
	cols := perRow + 1
	bands := (longest + perRow - 1) / perRow
	sw, err := printSheet(f, name, widths, "", bands == 1)
	if err != nil {
		return err
	}
	if err := titleRow(sw, chartHeading(c), cols, styles); err != nil {
		return err
	}
	row := 2
	set := func(cells []any, height float64) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, cells, excelize.RowOpts{Height: height})
	}
	podium := make([]any, cols)
	for i := 1; i < cols; i++ {
		podium[i] = excelize.Cell{StyleID: styles.podium}
	}
	podium[1] = excelize.Cell{StyleID: styles.podium, Value: "主席台"}
	if err := set(podium, 28); err != nil {
		return err
	}
	if err := merge(sw, 2, 2, cols, 2); err != nil {
		return err
	}
	for band := range bands {
		lo, hi := band*perRow, min((band+1)*perRow, longest)
		if band > 0 {
			row++ // a blank line between bands
		}
		nums := make([]any, cols)
		for k := lo; k < hi; k++ {
			nums[k-lo+1] = excelize.Cell{StyleID: styles.muted, Value: seatLabel(k + 1)}
		}
		if err := set(nums, 0); err != nil {
			return err
		}
		for r, grid := range c.Grid {
			names, orders := make([]any, cols), make([]any, cols)
			names[0] = excelize.Cell{StyleID: styles.muted, Value: rowLabel(r + 1)}
			for k := lo; k < min(hi, len(grid)); k++ {
				if s := c.At(r, k); s != nil {
					names[k-lo+1] = excelize.Cell{StyleID: styles.seat, Value: textCell(s.Unit.Name)}
					orders[k-lo+1] = excelize.Cell{StyleID: styles.order, Value: "座次" + strconv.Itoa(s.Order)}
				} else {
					names[k-lo+1] = excelize.Cell{StyleID: styles.order, Value: "（空）"}
					orders[k-lo+1] = excelize.Cell{StyleID: styles.order}
				}
			}
			if err := set(names, 24); err != nil {
				return err
			}
			if err := set(orders, 0); err != nil {
				return err
			}
			if err := merge(sw, 1, row-2, 1, row-1); err != nil {
				return err
			}
		}
	}
	row++ // a blank line before the note
	note := make([]any, cols)
	note[0] = excelize.Cell{StyleID: styles.muted, Value: ChartView}
	lines := int(float64(width(ChartView))*1.1/sum(widths)) + 1
	if err := set(note, float64(14*lines+4)); err != nil {
		return err
	}
	if err := merge(sw, 1, row-1, cols, row-1); err != nil {
		return err
	}
	return sw.Flush()
}
