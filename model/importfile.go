package model

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Problem is one reason an import file was refused.
type Problem struct {
	File   string
	Row    int    // line in the file, header = 1; 0 = the whole file
	Column string // column header, "" when not about one column
	Reason string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, " 第 %d 行", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, "「%s」列", p.Column)
	}
	b.WriteString("：")
	b.WriteString(p.Reason)
	// File names, headers and cells come from the file: never let them
	// reach a terminal as escape sequences.
	return SafeText(b.String())
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

// UnitHeaders are the accepted names of the first column.
var UnitHeaders = []string{"区市", "unit"}

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

// Row is one record of an import file with its line (or sheet row) number,
// so that problems name the line a person sees in their editor.
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
		line, _ := r.FieldPos(0)
		rows = append(rows, Row{Line: line, Cells: rec})
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

// ImportInput is what PlanImport checks a file against.
type ImportInput struct {
	File     string
	Rows     []Row       // the file's rows, header first
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

// PlanImport checks a whole file and returns the changes it makes. Any bad
// cell refuses the whole file with an *ImportError listing its problems
// (the first MaxListedProblems, and a count of the others); a locked
// quarter refuses it with an ErrLocked Error holding that list.
// Empty cells leave the stored value alone; unchanged values are left out.
func PlanImport(in ImportInput) (ImportPlan, error) {
	plan := ImportPlan{Quarter: in.Data.Quarter}
	var probs ImportError
	add := func(row int, col, format string, args ...any) {
		if len(probs.Problems) == MaxListedProblems {
			probs.Omitted++ // counted, not worded
			return
		}
		// Headers and cells come from the file: shown safely and clipped.
		probs.Add(Problem{File: SafeText(in.File), Row: row, Column: Clip(SafeText(col)), Reason: SafeText(fmt.Sprintf(format, args...))})
	}
	fail := func() (ImportPlan, error) { return ImportPlan{}, &probs }

	if in.Data.Locked {
		add(0, "", "%s 已定稿，不能导入", in.Data.Quarter)
		return ImportPlan{}, &Error{Code: ErrLocked, Message: probs.Error(), Advice: UnlockToImport, Quarter: in.Data.Quarter, Err: &probs}
	}
	rows := trimBlankRows(in.Rows)
	if len(rows) == 0 {
		add(0, "", "文件是空的")
		return fail()
	}
	headLine := rows[0].Line
	header := make([]string, len(rows[0].Cells))
	for i, h := range rows[0].Cells {
		header[i] = cleanCell(h)
	}
	if !isUnitHeader(header[0]) {
		add(headLine, header[0], "第一列的表头应为“区市”（或 unit）")
		return fail()
	}
	if len(rows) == 1 {
		add(0, "", "只有表头，没有数据行")
		return fail()
	}

	// Columns: index → section (nil = adjustment).
	sections, defaults := in.Data.Sections, in.Defaults
	if len(defaults) == 0 && len(sections) > 0 && sections[0].ID == 0 {
		sections, defaults = nil, sections
	}
	refused := map[int]bool{} // header columns already refused as new section names
	byDefault := make(map[string]Section, len(defaults))
	for _, d := range defaults {
		byDefault[d.Name] = d
	}
	// newSection takes header column i as a section named by the file.
	newSection := func(i, order int) (Section, bool) {
		name, err := CheckName("板块名称", header[i], MaxSectionWidth)
		if err != nil {
			add(headLine, header[i], "%s", err.Error())
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
			if h := header[i]; h == "" || h == in.Data.Adjustment.Name {
				continue
			}
			if s, ok := newSection(i, i); ok {
				plan.NewSections = append(plan.NewSections, s)
			}
		}
		sections = plan.NewSections
	case in.AddSections:
		known := map[string]bool{"": true, in.Data.Adjustment.Name: true}
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
	isAdj := make([]bool, len(header))
	seen := map[string]bool{}
	for i := 1; i < len(header); i++ {
		h := header[i]
		switch {
		case h == "":
			add(headLine, fmt.Sprintf("第 %d 列", i+1), "表头为空")
			continue
		case seen[h]:
			add(headLine, h, "列名重复")
			continue
		case refused[i]:
			continue
		}
		seen[h] = true
		if h == in.Data.Adjustment.Name && in.Data.Adjustment.Name != "" {
			isAdj[i] = true
			continue
		}
		if cols[i] = bySection[h]; cols[i] == nil {
			add(headLine, h, "%s 没有这个考核板块（现有：%s；要新增这个板块，导入时加 --add-sections）", in.Data.Quarter, sectionNames(sections))
		}
	}

	byName := unitIndex(in.AllUnits)
	active := map[int64]bool{}
	for _, u := range in.Data.Units {
		active[u.ID] = true
	}
	seenUnit := map[string]int{}
	newUnit := map[string]bool{}
	for _, rec := range rows[1:] {
		line, row := rec.Line, rec.Cells
		if allEmpty(row) {
			continue
		}
		if len(row) > len(header) && !allEmpty(row[len(header):]) {
			add(line, "", "这一行比表头多出 %d 列", len(row)-len(header))
		}
		name := cleanCell(row[0])
		u, known := byName[name]
		switch {
		case name == "":
			add(line, header[0], "区市名称为空")
			continue
		case !known && in.AddUnits:
			clean, err := CheckName("区市名称", name, MaxUnitWidth)
			if err != nil {
				add(line, header[0], "%s", err.Error())
				continue
			}
			u = Unit{Name: clean, From: in.Data.Quarter}
			if !newUnit[clean] {
				newUnit[clean] = true
				plan.NewUnits = append(plan.NewUnits, u)
			}
		case !known:
			add(line, header[0], "未知区市“%s”（可用全称、简称或别名；新区市加 --add-units）", Clip(name))
			continue
		case !active[u.ID]:
			add(line, header[0], "%s 不参加 %s 的考核", u.Name, in.Data.Quarter)
			continue
		}
		if first, dup := seenUnit[u.Name]; dup {
			add(line, header[0], "%s 重复（第 %d 行已有）", u.Name, first)
			continue
		}
		seenUnit[u.Name] = line
		for i := 1; i < len(header) && i < len(row); i++ {
			cell := cleanCell(row[i])
			if cell == "" || (cols[i] == nil && !isAdj[i]) {
				continue
			}
			v, err := ParseHundredths(cell)
			if err != nil {
				add(line, header[i], "“%s”不是有效的分数（数字，最多两位小数）", Clip(cell))
				continue
			}
			var old *Hundredths
			if isAdj[i] {
				if msg := adjustRangeError(v, in.Data.Adjustment); msg != "" {
					add(line, header[i], "%s", msg)
					continue
				}
				if o, ok := in.Data.Adjust[u.ID]; ok && u.ID != 0 {
					old = &o
				}
				plan.Cells = appendChange(plan.Cells, CellChange{Unit: u.Name, Old: old, New: v})
				continue
			}
			sec := cols[i]
			if msg := scoreRangeError(v, sec.Max); msg != "" {
				add(line, header[i], "%s", msg)
				continue
			}
			if o, ok := in.Data.Scores[ScoreKey{u.ID, sec.ID}]; ok && u.ID != 0 && sec.ID != 0 {
				old = &o
			}
			plan.Cells = appendChange(plan.Cells, CellChange{Unit: u.Name, Section: sec.Name, Old: old, New: v})
		}
	}
	if len(probs.Problems) > 0 {
		return fail()
	}
	return plan, nil
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

func isUnitHeader(h string) bool {
	for _, u := range UnitHeaders {
		if strings.EqualFold(h, u) {
			return true
		}
	}
	return false
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
