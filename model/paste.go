package model

import (
	"fmt"
	"slices"
	"strings"
)

// PlanPaste checks a block pasted from Excel or WPS (tabs between columns,
// line breaks between rows) into the entry grid of d. A block whose first
// column names units (name, short name or alias) goes to those units, one
// whose first row names sections (or the adjustment) to those columns;
// otherwise it goes from the cell at row (index into d.Units) and col
// (index into d.Sections; len(d.Sections) is the adjustment). The whole
// block is checked first: any bad cell refuses all of it with an
// *ImportError whose problems name the unit and column. Empty cells leave
// the stored value alone. Every pasted value is in the plan, also one equal
// to d's (Old): d may be older than the database, and the store sets each
// cell to the pasted value as the database holds it then, so the block
// lands whole over whatever another window saved meanwhile.
func PlanPaste(d QuarterData, row, col int, text string) (ImportPlan, error) {
	plan := ImportPlan{Quarter: d.Quarter}
	var probs []Problem
	add := func(unit, column, format string, args ...any) {
		// Pasted text is shown in the status line: never echo escape
		// sequences or a whole megabyte of it.
		probs = append(probs, Problem{File: "粘贴", Column: SafeText(Clip(column)), Reason: SafeText(unit + "：" + fmt.Sprintf(format, args...))})
	}
	if d.Locked {
		return plan, &ImportError{Problems: []Problem{{File: "粘贴", Reason: d.Quarter.String() + " 已定稿，不能修改"}}}
	}
	if len(text) > MaxPaste {
		return plan, &ImportError{Problems: []Problem{{File: "粘贴", Reason: fmt.Sprintf(
			"粘贴的内容太大（%d KB），一次最多粘贴 %d KB，请分几次复制粘贴", (len(text)+1023)/1024, MaxPaste/1024)}}}
	}
	lines := pasteLines(text)
	if len(lines) == 0 {
		return plan, &ImportError{Problems: []Problem{{File: "粘贴", Reason: "剪贴板里没有数值"}}}
	}
	rows := make([][]string, len(lines))
	width := 0
	for i, line := range lines {
		rows[i] = strings.Split(line, "\t")
		for j := range rows[i] {
			rows[i][j] = cleanCell(rows[i][j])
		}
		width = max(width, len(rows[i]))
	}
	rows, plan.Notes = pasteTable(rows)
	if len(rows) == 0 {
		return plan, &ImportError{Problems: []Problem{{File: "粘贴", Reason: "剪贴板里没有数值"}}}
	}
	cols := len(d.Sections) + len(d.Adjustments) // the entry grid: sections, then adjustment items
	colNames := map[string]int{}
	for i, s := range d.Sections {
		colNames[s.Name] = i
	}
	for i, a := range d.Adjustments {
		colNames[a.Name] = len(d.Sections) + i
	}
	units := unitIndex(d.Units)

	header := isPasteHeader(rows[0], colNames)
	body := rows
	if header {
		body = rows[1:]
		if !slices.ContainsFunc(body, func(r []string) bool { return !allEmpty(r) }) {
			return plan, &ImportError{Problems: []Problem{{File: "粘贴", Reason: "只有表头，没有数值"}}}
		}
	}
	byUnit := header && isUnitHeader(rows[0][0]) || hasUnitColumn(body, units)
	skip := 0 // leading pasted columns that hold no values: the unit names
	if byUnit {
		skip = 1
	}
	// target is the grid column of each pasted column, -1 for none.
	target := make([]int, width)
	for j := range target {
		target[j] = col + j - skip
	}
	if header {
		seen := map[int]bool{}
		for j := range target {
			target[j] = -1
			h := ""
			if j < len(rows[0]) {
				h = rows[0][j]
			}
			c, known := colNames[h]
			switch {
			case j < skip:
				if known { // the names would be read one column off
					add("表头", h, "第一列是区市名称，表头的第一格应为“区市”或空")
				}
			case h == "":
				if columnHasValues(body, j) {
					add("表头", fmt.Sprintf("第 %d 列", j+1), "这一列有数值但没有表头")
				}
			case !known:
				add("表头", h, "%s 没有这个考核板块（现有：%s）", d.Quarter, sectionNames(d.Sections))
			case seen[c]:
				add("表头", h, "列名重复")
			default:
				target[j], seen[c] = c, true
			}
		}
	}
	seenUnit := map[int64]int{}
	for i, cells := range body {
		r := row + i
		if byUnit {
			if allEmpty(cells) {
				continue
			}
			name := cells[0]
			u, ok := units[name]
			switch {
			case name == "":
				add(fmt.Sprintf("第 %d 行", i+1), "", "区市名称为空")
				continue
			case !ok:
				add(fmt.Sprintf("第 %d 行", i+1), "", "未知区市“%s”（可用全称、简称或别名）", Clip(name))
				continue
			}
			if first, dup := seenUnit[u.ID]; dup {
				add(u.Name, "", "%s 重复（粘贴的第 %d 行已有）", u.Name, first)
				continue
			}
			seenUnit[u.ID] = i + 1
			r = slices.IndexFunc(d.Units, func(x Unit) bool { return x.ID == u.ID })
		} else if r >= len(d.Units) {
			add(fmt.Sprintf("第 %d 行", i+1), "", "超出了表格（只有 %d 个区市）", len(d.Units))
			break
		}
		u := d.Units[r]
		for j := skip; j < len(cells); j++ {
			cell, c := cells[j], target[j]
			if cell == "" || (header && c < 0) {
				continue // an unnamed column is reported once, at the header
			}
			if c >= cols {
				add(u.Name, "", "第 %d 列超出了表格", j+1)
				break
			}
			if c >= len(d.Sections) {
				a := d.Adjustments[c-len(d.Sections)]
				v, err := CheckAdjustment(cell, a)
				if err != nil {
					add(u.Name, a.Name, "“%s”%s", Clip(cell), reason(err))
					continue
				}
				var old *Hundredths
				if o, ok := d.Adjust[AdjustKey{u.ID, a.ID}]; ok {
					old = &o
				}
				plan.Cells = append(plan.Cells, CellChange{Unit: u.Name, Item: a.Name, Old: old, New: v})
				continue
			}
			sec := d.Sections[c]
			v, err := CheckScore(cell, sec)
			if err != nil {
				add(u.Name, sec.Name, "“%s”%s", Clip(cell), reason(err))
				continue
			}
			var old *Hundredths
			if o, ok := d.Scores[ScoreKey{u.ID, sec.ID}]; ok {
				old = &o
			}
			plan.Cells = append(plan.Cells, CellChange{Unit: u.Name, Section: sec.Name, Old: old, New: v})
		}
	}
	if len(probs) > 0 {
		return ImportPlan{}, &ImportError{Problems: probs}
	}
	return plan, nil
}

// pasteLines splits pasted text into rows. \r\n, \r\r\n, \n and \r each end
// one row; a text whose line ends all come as \r\r (a terminal turned
// Excel's CRLF into CR CR) has one row per pair. Trailing breaks and an
// all-blank text give no rows.
func pasteLines(text string) []string {
	text = strings.NewReplacer("\r\r\n", "\n", "\r\n", "\n").Replace(text)
	if !strings.Contains(text, "\n") && crPairs(text) {
		text = strings.ReplaceAll(text, "\r\r", "\n")
	}
	text = strings.TrimRight(strings.ReplaceAll(text, "\r", "\n"), "\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

// crPairs reports whether every run of \r in s is of even length.
func crPairs(s string) bool {
	run := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] == '\r' {
			run++
			continue
		}
		if run%2 == 1 {
			return false
		}
		run = 0
	}
	return true
}

// isPasteHeader reports whether a pasted row names columns: no number in
// it, and at least one cell a section's or the adjustment's name.
func isPasteHeader(cells []string, colNames map[string]int) bool {
	named := false
	for _, c := range cells {
		if _, err := ParseHundredths(c); err == nil {
			return false
		}
		_, ok := colNames[c]
		named = named || ok
	}
	return named
}

// hasUnitColumn reports whether any row's first cell names a unit.
func hasUnitColumn(rows [][]string, units map[string]Unit) bool {
	for _, r := range rows {
		if _, ok := units[r[0]]; ok {
			return true
		}
	}
	return false
}

func columnHasValues(rows [][]string, j int) bool {
	for _, r := range rows {
		if j < len(r) && r[j] != "" {
			return true
		}
	}
	return false
}

// MaxPaste is the largest block entry accepts in one paste: a quarter's
// grid of even a thousand units is a few tens of KB, and anything larger is
// a mistake (a whole document) that should be refused at once.
const MaxPaste = 256 << 10

// reason is an error's sentence, after a colon.
func reason(err error) string { return "：" + err.Error() }

// pasteTable leaves out of a block copied from a department's table what
// an import of that table leaves out: when its first row is a header
// naming the unit column (区市, 单位, …), its 序号, 备注 and 说明 columns,
// and the 合计/平均 rows and 注 lines under it. Each is said in a note.
func pasteTable(rows [][]string) ([][]string, []Problem) {
	if len(rows) == 0 || !slices.ContainsFunc(rows[0], isUnitHeader) {
		return rows, nil
	}
	var notes []Problem
	note := func(format string, args ...any) {
		notes = append(notes, Problem{File: "粘贴", Reason: SafeText(Clip(fmt.Sprintf(format, args...)))})
	}
	var keep []int
	for j, h := range rows[0] {
		if ignoredKeys[headerKey(h)] {
			note("跳过“%s”列（只供查看）", h)
			continue
		}
		keep = append(keep, j)
	}
	u := slices.IndexFunc(rows[0], isUnitHeader)
	out := make([][]string, 0, len(rows))
	for i, r := range rows {
		if i > 0 && !allEmpty(r) { // read whole, as an import reads the row
			label := ""
			if u < len(r) {
				label = r[u]
			}
			first, text := firstText(r)
			switch {
			case isTotal(label) || label == "" && first < u && isTotal(text):
				note("跳过“%s”行（由各区市得分算出）", text)
				continue
			case startsNote(text) && (label == "" || first == u):
				note("跳过说明：“%s”", text)
				continue
			}
		}
		cells := make([]string, 0, len(keep))
		for _, j := range keep {
			if j < len(r) {
				cells = append(cells, r[j])
			}
		}
		out = append(out, cells)
	}
	return out, notes
}
