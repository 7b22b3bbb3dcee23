package model

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is one reason an import file was refused, or (in a plan's Notes)
// one thing of a file that was not imported, with its place in the file.
type Problem struct {
	File   string
	Sheet  string // the worksheet, "" for a CSV file
	Row    int    // row in the file as a spreadsheet numbers it, header = 1 in a template; 0 = the whole file
	Column string // column header, "" when not about one column
	Cell   string // the cell as a spreadsheet names it (B7), "" when not about one cell
	Reason string
}

func (p Problem) String() string {
	// File names, headers and cells come from the file: never let them
	// reach a terminal as escape sequences.
	return SafeText(p.place() + "：" + p.Reason)
}

// place names where p is: the file, its row and column, and the sheet and
// cell as a spreadsheet shows them.
func (p Problem) place() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, " 第 %d 行", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, "「%s」列", p.Column)
	}
	switch {
	case p.Sheet != "" && p.Cell != "":
		fmt.Fprintf(&b, "（工作表“%s”，单元格 %s）", p.Sheet, p.Cell)
	case p.Sheet != "":
		fmt.Fprintf(&b, "（工作表“%s”）", p.Sheet)
	case p.Cell != "":
		fmt.Fprintf(&b, "（单元格 %s）", p.Cell)
	}
	return b.String()
}

// MaxListedProblems is how many problems a refusal lists; the others are
// counted, so a file with a million bad cells says so in a few lines.
const MaxListedProblems = 50

// ImportError lists the problems of a refused file. Nothing was written.
type ImportError struct {
	Problems []Problem
	Omitted  int // problems found beyond the ones kept in Problems
}

// Add keeps p, or only counts it once MaxListedProblems are kept: checking
// a hostile file must not hold a problem for each of its cells.
func (e *ImportError) Add(p Problem) {
	if len(e.Problems) < MaxListedProblems {
		e.Problems = append(e.Problems, p)
	} else {
		e.Omitted++
	}
}

func (e *ImportError) Error() string {
	listed := e.Problems[:min(len(e.Problems), MaxListedProblems)]
	lines := make([]string, 0, len(listed)+2)
	lines = append(lines, fmt.Sprintf("导入被拒绝，没有写入任何数据（%d 个问题）：", len(e.Problems)+e.Omitted))
	for _, p := range listed {
		lines = append(lines, "  "+p.String())
	}
	if more := len(e.Problems) - len(listed) + e.Omitted; more > 0 {
		lines = append(lines, fmt.Sprintf("  …还有 %d 处", more))
	}
	return strings.Join(lines, "\n")
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ImportError) Unwrap() error { return ErrInvalid }

// Bounds of an import file, far above any real assessment file (200 units
// × 20 sections is 4,000 cells) and low enough that reading and checking
// any file holds a few tens of MB at most: a workbook can claim a cell in
// column XFD on every row in a few bytes, and a CSV line can be a million
// commas. The readers refuse a larger file before they hold its rows.
const (
	MaxImportRows    = 100_000
	MaxImportColumns = 1_000
	MaxImportCells   = 1_000_000 // the rows' widths added up
)

// TooLarge is the reason a file beyond the bounds is refused; what says
// which bound it passed and where.
func TooLarge(what string) string {
	return fmt.Sprintf("%s，超出导入文件的上限（最多 %d 行、%d 列、共 %d 个单元格），不像一份得分表：请检查是否选错了文件或工作表",
		what, MaxImportRows, MaxImportColumns, MaxImportCells)
}

// Row is one record of an import file with its row number as a spreadsheet
// shows it (a CSV file's line, unless a cell above holds a line break), so
// that problems name the row and cell a person sees in Excel or WPS.
type Row struct {
	Line  int
	Cells []string
}

// ReadCSV splits UTF-8 CSV bytes (with or without BOM, CRLF or LF) into rows.
// Decoding other encodings is the caller's job; invalid UTF-8 is refused,
// and so is a file beyond the import bounds, before it is parsed.
func ReadCSV(file string, data []byte) ([]Row, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, &ImportError{Problems: []Problem{{File: file, Reason: "文件不是 UTF-8 编码"}}}
	}
	if line, what := csvTooLarge(data, importBounds); what != "" {
		return nil, &ImportError{Problems: []Problem{{File: file, Row: line, Reason: TooLarge(what)}}}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows []Row
	spanned := 0 // lines inside the cells of the records read
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			line := 0
			if pe, ok := err.(*csv.ParseError); ok {
				line = pe.Line
			}
			return nil, &ImportError{Problems: []Problem{{File: file, Row: line, Reason: "CSV 格式错误（引号不配对或字段不完整）"}}}
		}
		// A spreadsheet shows a record as one row, however many lines its
		// quoted cells span; blank lines are empty rows.
		line, _ := r.FieldPos(0)
		last, _ := r.FieldPos(len(rec) - 1)
		rows = append(rows, Row{Line: line - spanned, Cells: rec})
		spanned += last + strings.Count(rec[len(rec)-1], "\n") - line
	}
}

// bounds are the limits csvTooLarge checks: the import bounds, or small
// ones in a test.
type bounds struct{ rows, columns, cells int }

var importBounds = bounds{MaxImportRows, MaxImportColumns, MaxImportCells}

// csvTooLarge measures data as encoding/csv with LazyQuotes splits it,
// without holding any field: a field is quoted when it starts with '"', and
// a quote ends it only before a comma, a line break or the end. It returns
// the line where a bound is passed and what passed it ("" when none is).
func csvTooLarge(data []byte, max bounds) (line int, what string) {
	records, fields, cells := 0, 1, 0
	quoted, fieldStart, blank := false, true, true
	newline := func(i int) bool { // a line ends at data[i] ("\n" or "\r\n")
		return data[i] == '\n' || data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n'
	}
	endRecord := func() string {
		if !blank { // encoding/csv skips blank lines
			records++
			cells += fields
		}
		fields, fieldStart, blank = 1, true, true
		switch {
		case records > max.rows:
			return fmt.Sprintf("文件超过 %d 行", max.rows)
		case cells > max.cells:
			return fmt.Sprintf("文件到这一行已超过 %d 个单元格", max.cells)
		}
		return ""
	}
	line = 1
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case quoted && c == '"' && i+1 < len(data) && data[i+1] == '"':
			i++ // an escaped quote
		case quoted && c == '"':
			quoted = i+1 < len(data) && data[i+1] != ',' && !newline(i+1)
		case quoted:
		case c == '"':
			quoted, fieldStart, blank = fieldStart, false, false
		case c == ',':
			fields++
			fieldStart, blank = true, false
			if fields > max.columns {
				return line, fmt.Sprintf("这一行超过 %d 列", max.columns)
			}
		case c == '\n':
			if what := endRecord(); what != "" {
				return line, what
			}
		case newline(i) || c == '\r' && i+1 == len(data): // the \r of \r\n; a last \r is dropped
		default:
			fieldStart, blank = false, false
		}
		if c == '\n' {
			line++
		}
	}
	if what := endRecord(); what != "" {
		return line, what
	}
	return 0, ""
}

// ImportInput is what PlanImport checks a file, or several, against.
type ImportInput struct {
	File  string // one file: its name as messages show it,
	Sheet string // the worksheet read ("" for CSV),
	Rows  []Row  // and its rows, as the file numbers them
	// Files are several files imported together; when there are any, File,
	// Sheet and Rows are not read.
	Files    []ImportSource
	Data     QuarterData // the quarter as stored
	AllUnits []Unit      // every unit, to name retired or future ones
	// Defaults are the latest earlier sections: a quarter without sections
	// takes its sections from the header, with the weight and maximum of the
	// same-named default when there is one. When there are none, sections
	// of Data not stored yet (ID 0) are the scheme's defaults that a new
	// database's first quarter shows: the header replaces them as well.
	Defaults    []Section
	AddUnits    bool // create unknown units instead of refusing them
	AddSections bool // add unknown columns as new sections instead of refusing them
}

// ImportSource is one file as read for an import.
type ImportSource struct {
	File  string // the file's name as messages show it
	Sheet string // the worksheet read; "" for a CSV file
	Rows  []Row
}

func (in ImportInput) sources() []ImportSource {
	if len(in.Files) > 0 {
		return in.Files
	}
	return []ImportSource{{File: in.File, Sheet: in.Sheet, Rows: in.Rows}}
}

// PlanImport checks whole files and returns the changes they make
// together. Any bad cell refuses them all with an *ImportError listing its
// problems (the first MaxListedProblems, and a count of the others); a
// locked quarter refuses them with an ErrLocked Error holding that list.
// Several files are also checked against each other: a cell that two files
// give different values is refused, naming both. Empty cells leave the
// stored value alone; unchanged values are left out. What the files hold
// besides the units' values (title rows, 序号 columns, 合计 rows) is in the
// plan's Notes.
func PlanImport(in ImportInput) (ImportPlan, error) {
	plan := ImportPlan{Quarter: in.Data.Quarter}
	var probs ImportError
	srcs := in.sources()
	if in.Data.Locked {
		names := make([]string, len(srcs))
		for i, s := range srcs {
			names[i] = s.File
		}
		probs.Add(Problem{File: SafeText(strings.Join(names, "、")), Reason: fmt.Sprintf("%s 已定稿，不能导入", in.Data.Quarter)})
		return ImportPlan{}, &Error{Code: ErrLocked, Message: probs.Error(), Advice: UnlockToImport, Quarter: in.Data.Quarter, Err: &probs}
	}
	im := importer{in: in, plan: &plan, probs: &probs, names: columnNames(in), byName: unitIndex(in.AllUnits), newUnit: map[string]bool{}}
	if len(srcs) > 1 {
		im.given = map[cellKey]givenCell{}
	}
	for _, src := range srcs {
		n := len(plan.Notes)
		im.file(src)
		slices.SortStableFunc(plan.Notes[n:], func(a, b Problem) int { return a.Row - b.Row })
	}
	if len(probs.Problems) > 0 {
		return ImportPlan{}, &probs
	}
	return plan, nil
}

// importer is the state of one PlanImport across its files.
type importer struct {
	in      ImportInput
	plan    *ImportPlan
	probs   *ImportError
	names   map[string]string // columnNames
	byName  map[string]Unit   // unitIndex
	newUnit map[string]bool   // units the plan creates
	// given is each cell's value and where it was read, when several files
	// are read.
	given map[cellKey]givenCell
}

type cellKey struct{ unit, column string }

type givenCell struct {
	value Hundredths
	at    Problem // its place
}

// file checks one file and adds its changes, problems and notes.
func (im *importer) file(src ImportSource) {
	in, plan := im.in, im.plan
	var t importTable
	// at is the place of a cell (col: its index in the file's rows; -1 none).
	at := func(row, col int, column string) Problem {
		// Names and headers come from the file: shown safely and clipped.
		p := Problem{File: SafeText(src.File), Sheet: Clip(SafeText(src.Sheet)), Row: row, Column: Clip(SafeText(column))}
		if row > 0 {
			p.Cell = CellName(row, col)
		}
		return p
	}
	// add reports a problem at table column col (-1: none).
	add := func(row, col int, format string, args ...any) {
		if len(im.probs.Problems) == MaxListedProblems {
			im.probs.Omitted++ // counted, not worded
			return
		}
		p := at(row, -1, "")
		if col >= 0 {
			column := ""
			if col < len(t.header) {
				if column = t.header[col]; column == "" {
					column = fmt.Sprintf("第 %d 列", t.column(col)+1)
				}
			}
			p = at(row, t.column(col), column)
		}
		p.Reason = SafeText(fmt.Sprintf(format, args...))
		im.probs.Add(p)
	}

	rows := trimBlankRows(src.Rows)
	if len(rows) == 0 {
		add(0, -1, "文件是空的")
		return
	}
	reader := tableReader{names: im.names, place: at,
		isUnit: func(s string) bool { _, ok := im.byName[s]; return ok },
		note: func(p Problem) {
			p.Reason = SafeText(p.Reason)
			plan.Notes = append(plan.Notes, p)
		}}
	t, p, ok := reader.find(rows)
	if !ok {
		im.probs.Add(p)
		return
	}
	if len(t.rows) == 0 {
		add(0, -1, "只有表头，没有数据行")
		return
	}
	headLine, header := t.headLine, t.header

	// Columns: index → section, or → adjustment item (by name).
	isItem := func(h string) bool { _, ok := FindAdjustment(in.Data.Adjustments, h); return ok }
	sections, defaults := in.Data.Sections, in.Defaults
	if len(defaults) == 0 && len(sections) > 0 && sections[0].ID == 0 {
		sections, defaults = nil, sections
	}
	refused := map[int]bool{} // header columns already refused as new section names
	byDefault := make(map[string]Section, len(defaults))
	for _, d := range defaults {
		byDefault[d.Name] = d
	}
	// Sections an earlier file of this import creates are known to the next.
	planned := map[string]bool{}
	for _, s := range append(slices.Clip(plan.NewSections), plan.AddedSections...) {
		planned[s.Name] = true
	}
	// newSection takes header column i as a section named by the file.
	newSection := func(i, order int) (Section, bool) {
		name, err := CheckName("板块名称", header[i], MaxSectionWidth)
		if err != nil {
			add(headLine, i, "%s", err.Error())
			refused[i] = true
			return Section{}, false
		}
		s := NewSection(name, order)
		if d, ok := byDefault[header[i]]; ok {
			s.Weight, s.Max = d.Weight, d.Max
		}
		header[i] = name
		return s, true
	}
	switch {
	case len(sections) == 0:
		for i := 1; i < len(header); i++ {
			if h := header[i]; h == "" || isItem(h) || planned[h] {
				continue
			}
			if s, ok := newSection(i, len(plan.NewSections)+1); ok {
				plan.NewSections = append(plan.NewSections, s)
			}
		}
		sections = plan.NewSections
	case in.AddSections:
		known := map[string]bool{"": true}
		for _, a := range in.Data.Adjustments {
			known[a.Name] = true
		}
		maps.Copy(known, planned)
		for _, s := range sections {
			known[s.Name] = true
		}
		for i := 1; i < len(header); i++ {
			if known[header[i]] {
				continue
			}
			known[header[i]] = true // a repeated column is refused below
			if s, ok := newSection(i, len(sections)+len(plan.AddedSections)+1); ok {
				plan.AddedSections = append(plan.AddedSections, s)
			}
		}
		sections = append(slices.Clone(sections), plan.AddedSections...)
	}
	bySection := make(map[string]*Section, len(sections))
	for k := range sections {
		bySection[sections[k].Name] = &sections[k]
	}
	cols := make([]*Section, len(header))
	items := make([]*Adjustment, len(header)) // the adjustment item of a column, by name
	seen := map[string]bool{}
	for i := 1; i < len(header); i++ {
		h := header[i]
		switch {
		case h == "":
			add(headLine, i, "表头为空")
			continue
		case seen[h]:
			add(headLine, i, "列名重复")
			continue
		case refused[i]:
			continue
		}
		seen[h] = true
		if a, ok := FindAdjustment(in.Data.Adjustments, h); ok {
			items[i] = &a
			continue
		}
		if cols[i] = bySection[h]; cols[i] == nil {
			add(headLine, i, "%s 没有这个考核板块（现有：%s；要新增这个板块，导入时加 --add-sections）", in.Data.Quarter, sectionNames(sections))
		}
	}

	// put plans one value read at row line, column i.
	put := func(c CellChange, line, i int) {
		if im.given != nil {
			k := cellKey{c.Unit, header[i]}
			if g, ok := im.given[k]; ok {
				if g.value != c.New {
					add(line, i, "%s的“%s”在这里是 %s，在 %s是 %s：两个文件不一致，请核对后只保留一个", c.Unit, header[i], c.New, g.at.place(), g.value)
				}
				return // the same value again
			}
			im.given[k] = givenCell{c.New, at(line, t.column(i), header[i])}
		}
		plan.Cells = appendChange(plan.Cells, c)
	}

	active := map[int64]bool{}
	for _, u := range in.Data.Units {
		active[u.ID] = true
	}
	seenUnit := map[string]int{}
	for _, rec := range t.rows {
		line, row := rec.Line, rec.Cells
		if allEmpty(row) {
			continue
		}
		if len(row) > len(header) && !allEmpty(row[len(header):]) {
			extra, _ := firstText(row[len(header):])
			add(line, len(header)+extra, "这一行比表头多出 %d 列", len(row)-len(header))
		}
		name := cleanCell(row[0])
		u, known := im.byName[name]
		switch {
		case name == "":
			add(line, 0, "区市名称为空")
			continue
		case !known && in.AddUnits:
			clean, err := CheckName("区市名称", name, MaxUnitWidth)
			if err != nil {
				add(line, 0, "%s", err.Error())
				continue
			}
			u = Unit{Name: clean, From: in.Data.Quarter}
			if !im.newUnit[clean] {
				im.newUnit[clean] = true
				plan.NewUnits = append(plan.NewUnits, u)
			}
		case !known:
			add(line, 0, "未知区市“%s”（可用全称、简称或别名；新区市加 --add-units）", Clip(name))
			continue
		case !active[u.ID]:
			add(line, 0, "%s 不参加 %s 的考核", u.Name, in.Data.Quarter)
			continue
		}
		if first, dup := seenUnit[u.Name]; dup {
			add(line, 0, "%s 重复（第 %d 行已有）", u.Name, first)
			continue
		}
		seenUnit[u.Name] = line
		for i := 1; i < len(header) && i < len(row); i++ {
			cell := cleanCell(row[i])
			if cell == "" || (cols[i] == nil && items[i] == nil) {
				continue
			}
			v, err := ParseHundredths(cell)
			if err != nil {
				add(line, i, "“%s”不是有效的分数（%s）", Clip(cell), notAScore(cell))
				continue
			}
			var old *Hundredths
			if a := items[i]; a != nil {
				if msg := adjustRangeError(v, *a); msg != "" {
					add(line, i, "%s", msg)
					continue
				}
				if o, ok := in.Data.Adjust[AdjustKey{u.ID, a.ID}]; ok && u.ID != 0 && a.ID != 0 {
					old = &o
				}
				put(CellChange{Unit: u.Name, Item: a.Name, Old: old, New: v}, line, i)
				continue
			}
			sec := cols[i]
			if msg := scoreRangeError(v, sec.Max); msg != "" {
				add(line, i, "%s", msg)
				continue
			}
			if o, ok := in.Data.Scores[ScoreKey{u.ID, sec.ID}]; ok && u.ID != 0 && sec.ID != 0 {
				old = &o
			}
			put(CellChange{Unit: u.Name, Section: sec.Name, Old: old, New: v}, line, i)
		}
	}
}

// notAScore says why a cell is not a score, in the words of what was
// typed: two numbers, a percentage or a number with its unit.
func notAScore(cell string) string {
	s := NormalizeNumber(cell)
	parts := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("/,;|", r) })
	numbers := 0
	for _, p := range parts {
		if _, err := ParseHundredths(p); err == nil {
			numbers++
		}
	}
	if numbers > 1 {
		return "一格里只能填一个数"
	}
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.TrimSpace(s[len(num):])
	switch _, err := ParseHundredths(num); {
	case err != nil:
	case unit == "%":
		return "这是百分数：请填写分数本身，如 " + num
	case strings.ContainsFunc(unit, unicode.IsLetter): // 分, 分值, pts
		return "请去掉“" + Clip(unit) + "”，只填数字"
	}
	return "数字，最多两位小数"
}

// ScoreRangeError explains why v is not a valid score for a section with
// this maximum ("" when it is).
func scoreRangeError(v, max Hundredths) string {
	switch {
	case v < 0:
		return fmt.Sprintf("%s 是负数，得分应在 0–%s 之间", v, max)
	case v > max:
		return fmt.Sprintf("%s 超过满分 %s", v, max)
	}
	return ""
}

// adjustRangeError explains why v is outside the adjustment's range ("" when it is not).
func adjustRangeError(v Hundredths, adj Adjustment) string {
	if v < adj.Min || v > adj.Max {
		return fmt.Sprintf("%s 超出%s范围 %s–%s", v, adj.Name, adj.Min, adj.Max)
	}
	return ""
}

// CheckAdjustment validates one typed adjustment against its range.
func CheckAdjustment(s string, adj Adjustment) (Hundredths, error) {
	v, err := ParseHundredths(s)
	if err != nil {
		return 0, err
	}
	if msg := adjustRangeError(v, adj); msg != "" {
		return 0, Errorf(ErrInvalid, "%s", msg)
	}
	return v, nil
}

// CheckScore validates one typed score against its section.
func CheckScore(s string, sec Section) (Hundredths, error) {
	v, err := ParseHundredths(s)
	if err != nil {
		return 0, err
	}
	if msg := scoreRangeError(v, sec.Max); msg != "" {
		return 0, Errorf(ErrInvalid, "%s", msg)
	}
	return v, nil
}

func appendChange(cs []CellChange, c CellChange) []CellChange {
	if c.Old != nil && *c.Old == c.New {
		return cs
	}
	return append(cs, c)
}

func cleanCell(s string) string {
	s = strings.TrimPrefix(s, "\ufeff")
	return strings.TrimSpace(strings.ReplaceAll(s, "\u3000", " "))
}

func allEmpty(row []string) bool {
	for _, c := range row {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

func trimBlankRows(rows []Row) []Row {
	for len(rows) > 0 && allEmpty(rows[len(rows)-1].Cells) {
		rows = rows[:len(rows)-1]
	}
	for len(rows) > 0 && allEmpty(rows[0].Cells) {
		rows = rows[1:]
	}
	return rows
}

// unitIndex maps every name, short name and alias to its unit (what
// FindUnit does one at a time), so a file of thousands of rows stays linear.
func unitIndex(units []Unit) map[string]Unit {
	m := make(map[string]Unit, len(units)*2)
	for i := len(units) - 1; i >= 0; i-- { // earlier units win, as in FindUnit
		u := units[i]
		for _, a := range u.Aliases {
			m[a] = u
		}
		if u.Short != "" {
			m[u.Short] = u
		}
		m[u.Name] = u
	}
	return m
}

func sectionNames(ss []Section) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.Name
	}
	if len(names) == 0 {
		return "无"
	}
	return strings.Join(names, "、")
}
