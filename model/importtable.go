package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// A score file as a department sends it is a table somewhere on a sheet:
// title lines above the header, a 序号 column before the unit column, a 备注
// column, a 合计 row and a 注 line below the units. findTable finds the
// header row, reads its cells as a person does, and keeps the unit rows and
// the columns that hold scores; what it leaves out it reports as a note,
// never silently.

// UnitHeaders are the accepted names of the unit column; the first is the
// template's. Header cells are compared by headerKey, so 区（市） is 区(市).
var UnitHeaders = []string{"区市", "区（市）", "单位", "地区", "区市名称", "unit"}

var (
	// ignoredColumns are columns a file may hold besides scores: left out,
	// and reported.
	ignoredColumns = []string{"序号", "备注", "说明"}
	// totalLabels mark a row computed from the units (合计, 全市合计：,
	// 平均分): skipped, and reported.
	totalLabels = []string{"合计", "总计", "平均"}
	// noteStarts begin the lines of notes under a table.
	noteStarts = []string{"注", "说明"}
)

// headerKey is a header cell as a person reads it: spaces and line breaks
// anywhere, the width of brackets, letters and digits, the case of letters,
// and a unit in brackets at the end (（分）, (满分100分)) make no difference.
func headerKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = NarrowRune(r)
		if unicode.IsSpace(r) || r == '\ufeff' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := b.String()
	if head, unit, ok := cutBracketSuffix(k); ok && isScoreUnit(unit) {
		return head
	}
	return k
}

// headerName is a header cell as a name: trimmed, without the line breaks
// and the spaces around Chinese characters that align a cell's text, and
// without a unit in brackets at the end. It names a column in messages and
// a section a file creates.
func headerName(s string) string {
	s = cleanCell(s)
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		// Keep one space between two ASCII words ("Section A"), none
		// beside a Chinese character (经济 运行, 经济\n运行).
		if i > 0 && rs[i-1] < unicode.MaxASCII && j < len(rs) && rs[j] < unicode.MaxASCII {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	name := b.String()
	if head, unit, ok := cutBracketSuffix(name); ok && isScoreUnit(headerKey(unit)) {
		return strings.TrimSpace(head)
	}
	return name
}

// cutBracketSuffix splits "经济运行(分)" into "经济运行" and "分" (brackets of
// either width); ok is false when s does not end with a bracketed part
// after some text.
func cutBracketSuffix(s string) (head, inner string, ok bool) {
	var open string
	switch {
	case strings.HasSuffix(s, ")"):
		s, open = strings.TrimSuffix(s, ")"), "("
	case strings.HasSuffix(s, "）"):
		s, open = strings.TrimSuffix(s, "）"), "（"
	default:
		return "", "", false
	}
	i := strings.LastIndex(s, open)
	if i <= 0 {
		return "", "", false
	}
	return s[:i], s[i+len(open):], true
}

// isScoreUnit reports whether the key of a bracketed header suffix is a
// unit of score: 分, 得分, 分数, 分值, 100分, 满分100分, 满分:100.
func isScoreUnit(k string) bool {
	switch k {
	case "分", "得分", "分数", "分值":
		return true
	}
	rest, full := strings.CutPrefix(k, "满分")
	rest = strings.TrimPrefix(rest, ":")
	rest, points := strings.CutSuffix(rest, "分")
	if !full && !points || rest == "" {
		return false
	}
	for _, r := range rest {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return true
}

// keySet is the headerKeys of names.
func keySet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[headerKey(n)] = true
	}
	return m
}

var (
	unitHeaderKeys = keySet(UnitHeaders...)
	ignoredKeys    = keySet(ignoredColumns...)
)

// isTotal reports whether a row's label names a total or an average.
func isTotal(label string) bool {
	return slices.ContainsFunc(totalLabels, func(t string) bool { return strings.Contains(headerKey(label), t) })
}

func isUnitHeader(h string) bool { return unitHeaderKeys[headerKey(h)] }

// ColumnLetters is a column's name as a spreadsheet shows it: 1 is A, 27 is AA.
func ColumnLetters(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append(b, byte('A'+(col-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// CellName is the cell at a sheet row and a column index (0 = A): "B7".
func CellName(row, col int) string {
	if row <= 0 || col < 0 {
		return ""
	}
	return ColumnLetters(col+1) + strconv.Itoa(row)
}

// importTable is one file's table as PlanImport reads it.
type importTable struct {
	headLine int
	// header holds the column names as read: the quarter's own name for a
	// column that names one of its sections or adjustments, else the cell's
	// headerName. header[0] is the unit column.
	header []string
	cols   []int // each header column's index in the file's rows
	width  int   // the header row's cells: a row's cells beyond are extra
	// rows are the unit rows, their cells in header order, then the extra ones.
	rows []Row
}

// column is the index in the file's rows of table column i (extra cells
// numbered after the header's).
func (t *importTable) column(i int) int {
	if i < len(t.cols) {
		return t.cols[i]
	}
	return t.width + i - len(t.cols)
}

// tableReader finds the table of one file; place names a cell of it for a
// problem or a note.
type tableReader struct {
	names  map[string]string // headerKey → the quarter's name of a column
	isUnit func(string) bool // a unit's name, short name or alias
	place  func(row, col int, column string) Problem
	note   func(Problem)
}

// find returns the table of rows (blank rows trimmed, at least one), or
// ok = false and the problem that no header row was found.
func (r tableReader) find(rows []Row) (t importTable, p Problem, ok bool) {
	h, u := r.headerRow(rows)
	if h < 0 {
		// Point at the row meant as the header: the first naming a column
		// of the quarter, else the first.
		first, col := rows[0], 0
		for _, row := range rows {
			if slices.ContainsFunc(row.Cells, func(c string) bool { return r.names[headerKey(c)] != "" }) {
				first = row
				break
			}
		}
		for col < len(first.Cells)-1 && cleanCell(first.Cells[col]) == "" {
			col++
		}
		p = r.place(first.Line, col, headerName(first.Cells[col]))
		p.Reason = "找不到表头行：第一列的表头应为“区市”（也可写 区（市）、单位、地区、区市名称或 unit，前面可有“序号”列），其余各列为板块名称"
		return t, p, false
	}
	if skipped := nonBlank(rows[:h]); len(skipped) > 0 {
		lines := fmt.Sprintf("第 %d 行", skipped[0].Line)
		if len(skipped) > 1 {
			lines = fmt.Sprintf("第 %d–%d 行", skipped[0].Line, skipped[len(skipped)-1].Line)
		}
		n := r.place(0, -1, "")
		n.Reason = fmt.Sprintf("跳过表头上方 %d 行（%s）", len(skipped), lines)
		r.note(n)
	}
	head := slices.Clone(rows[h].Cells)
	t.headLine = rows[h].Line
	rest := rows[h+1:]
	// A row under the header whose unit cell repeats the header's is the
	// header's second line (cells merged downwards, or units written
	// under the names): its other texts join the names above.
	for len(rest) > 0 && u < len(rest[0].Cells) && cleanCell(rest[0].Cells[u]) == cleanCell(head[u]) {
		for j, c := range rest[0].Cells {
			switch {
			case j >= len(head):
				head = append(head, c)
			case cleanCell(c) != cleanCell(head[j]):
				head[j] += c
			}
		}
		n := r.place(rest[0].Line, u, headerName(head[u]))
		n.Reason = "这一行是表头的第二行，已与上一行合起来读"
		r.note(n)
		rest = rest[1:]
	}
	t.width = len(head)
	t.rows = r.unitRows(rest, u, head)

	hasData := make([]bool, t.width)
	for _, row := range t.rows {
		for j, c := range row.Cells[:min(len(row.Cells), t.width)] {
			hasData[j] = hasData[j] || cleanCell(c) != ""
		}
	}
	t.header, t.cols = []string{headerName(head[u])}, []int{u}
	for j, c := range head {
		k, name := headerKey(c), headerName(c)
		if known, ok := r.names[k]; ok {
			name = known
		}
		switch {
		case j == u:
			continue
		case k == "" && !hasData[j]:
			continue // a blank column
		case ignoredKeys[k]:
			n := r.place(t.headLine, j, name)
			n.Reason = "这一列不导入（序号、备注、说明列只供查看）"
			r.note(n)
			continue
		case k != "" && !hasData[j] && r.names[k] == "":
			n := r.place(t.headLine, j, name)
			n.Reason = "这一列不是考核板块，也没有任何数值，不导入"
			r.note(n)
			continue
		}
		t.header, t.cols = append(t.header, name), append(t.cols, j)
	}
	for i, row := range t.rows {
		cells := make([]string, len(t.cols), len(t.cols)+max(0, len(row.Cells)-t.width))
		for k, j := range t.cols {
			if j < len(row.Cells) {
				cells[k] = row.Cells[j]
			}
		}
		if len(row.Cells) > t.width {
			cells = append(cells, row.Cells[t.width:]...)
		}
		t.rows[i].Cells = cells
	}
	return t, p, true
}

// headerRow is the index of the header row in rows and of its unit column:
// the first row whose unit cell (its first, after an optional 序号) is a
// unit-column name and whose other texts all name the quarter's columns or
// columns to leave out. When none is, because the file brings new
// sections, the first such row with the most known names; -1 when no row
// has a unit-column name.
func (r tableReader) headerRow(rows []Row) (h, u int) {
	h, best := -1, -1
	for i, row := range rows {
		col, known, unknown, ok := r.headerShape(row.Cells)
		switch {
		case !ok:
			continue
		case unknown == 0 && known > 0:
			return i, col
		case known > best:
			h, u, best = i, col, known
		}
	}
	return h, u
}

// HeaderRow is the index in rows of the first row that reads as an import
// header by its unit column alone (before the quarter's names are known),
// or -1.
func HeaderRow(rows []Row) int {
	h, _ := tableReader{}.headerRow(rows)
	return h
}

// SkippedCells tells which cells of rows an import leaves out whatever the
// quarter: those above the header row, in a 序号/备注/说明 column, and in
// 合计 rows and notes under the table (col counts from 0). A file reader
// asks it before refusing a cell it cannot read.
func SkippedCells(rows []Row) func(line, col int) bool {
	h, u := tableReader{}.headerRow(rows)
	if h < 0 {
		return func(int, int) bool { return false }
	}
	head := rows[h]
	r := tableReader{isUnit: func(string) bool { return false },
		place: func(int, int, string) Problem { return Problem{} }, note: func(Problem) {}}
	kept := map[int]bool{}
	for _, row := range r.unitRows(rows[h+1:], u, head.Cells) {
		kept[row.Line] = true
	}
	return func(line, col int) bool {
		switch {
		case line < head.Line:
			return true
		case line > head.Line && !kept[line]:
			return true
		}
		return col != u && col < len(head.Cells) && ignoredKeys[headerKey(head.Cells[col])]
	}
}

// headerShape reads a row as a header: its unit column, and how many of
// its other texts name a column of the quarter or not. ok is false when it
// has no unit-column name where one belongs.
func (r tableReader) headerShape(cells []string) (u, known, unknown int, ok bool) {
	u = -1
	for j, c := range cells {
		k := headerKey(c)
		switch {
		case k == "":
		case u < 0 && k == "序号":
		case u < 0:
			if !unitHeaderKeys[k] {
				return 0, 0, 0, false
			}
			u = j
		case r.names[k] != "":
			known++
		case !ignoredKeys[k]:
			unknown++
		}
	}
	return u, known, unknown, u >= 0
}

// unitRows returns the rows below the header that hold units, reporting
// the others: 合计/总计/平均 rows and notes (a line starting with 注 or 说明,
// and the lines of one text after it). A unit's own name is never taken
// for either.
func (r tableReader) unitRows(rows []Row, u int, head []string) []Row {
	out := make([]Row, 0, len(rows))
	var note *Problem // the note being read, reported when it ends
	lines := 0
	endNote := func() {
		if note != nil {
			if lines > 1 {
				note.Reason = strings.Replace(note.Reason, "跳过说明", fmt.Sprintf("跳过说明（共 %d 行）", lines), 1)
			}
			r.note(*note)
			note, lines = nil, 0
		}
	}
	for _, row := range rows {
		if allEmpty(row.Cells) {
			continue
		}
		first, text := firstText(row.Cells)
		label := ""
		if u < len(row.Cells) {
			label = cleanCell(row.Cells[u])
		}
		switch {
		case r.isUnit(label):
		case isTotal(label) || label == "" && first < u && isTotal(text):
			endNote()
			col := u
			if label == "" {
				col = first
			}
			n := r.place(row.Line, col, headerName(head[col]))
			n.Reason = fmt.Sprintf("跳过“%s”行（由各区市得分算出，不导入）", Clip(cleanCell(row.Cells[col])))
			r.note(n)
			continue
		case startsNote(text):
			endNote()
			p := r.place(row.Line, first, "")
			p.Reason = fmt.Sprintf("跳过说明：“%s”", Clip(text))
			note, lines = &p, 1
			continue
		case note != nil && oneText(row.Cells):
			lines++
			continue
		}
		endNote()
		out = append(out, row)
	}
	endNote()
	return out
}

func nonBlank(rows []Row) []Row {
	var out []Row
	for _, r := range rows {
		if !allEmpty(r.Cells) {
			out = append(out, r)
		}
	}
	return out
}

// firstText is a row's first non-empty cell and its index.
func firstText(cells []string) (int, string) {
	for j, c := range cells {
		if c = cleanCell(c); c != "" {
			return j, c
		}
	}
	return 0, ""
}

// oneText reports whether a row's non-empty cells hold one text (a line
// of a note, perhaps merged across the columns).
func oneText(cells []string) bool {
	_, text := firstText(cells)
	for _, c := range cells {
		if c = cleanCell(c); c != "" && c != text {
			return false
		}
	}
	return true
}

func startsNote(text string) bool {
	return slices.ContainsFunc(noteStarts, func(s string) bool { return strings.HasPrefix(text, s) })
}

// columnNames are the names an import file's columns may carry: the
// quarter's sections (or those it would take from an earlier quarter) and
// its adjustment, each under the key a header cell is read by.
func columnNames(in ImportInput) map[string]string {
	m := map[string]string{}
	add := func(name string) {
		if k := headerKey(name); k != "" && m[k] == "" {
			m[k] = name
		}
	}
	for _, s := range in.Data.Sections {
		add(s.Name)
	}
	for _, s := range in.Defaults {
		add(s.Name)
	}
	for _, a := range in.Data.Adjustments {
		add(a.Name)
	}
	return m
}
