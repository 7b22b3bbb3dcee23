package model

import (
	"fmt"
	"strings"
)

// PlanPaste checks a block pasted from Excel or WPS (tabs between columns,
// newlines between rows) into the entry grid of d, from the cell at row
// (index into d.Units) and col (index into d.Sections; len(d.Sections) is
// the adjustment). The whole block is checked first: any bad cell refuses
// all of it with an *ImportError whose problems name the unit and column.
// Empty cells leave the stored value alone.
func PlanPaste(d QuarterData, row, col int, text string) (ImportPlan, error) {
	plan := ImportPlan{Quarter: d.Quarter}
	var probs []Problem
	add := func(unit, column, format string, args ...any) {
		// Pasted text is shown in the status line: never echo escape
		// sequences or a whole megabyte of it.
		probs = append(probs, Problem{File: "粘贴", Column: SafeText(column), Reason: SafeText(unit + "：" + fmt.Sprintf(format, args...))})
	}
	if d.Locked {
		return plan, &ImportError{[]Problem{{File: "粘贴", Reason: d.Quarter.String() + " 已定稿，不能修改"}}}
	}
	if len(text) > MaxPaste {
		return plan, &ImportError{[]Problem{{File: "粘贴", Reason: fmt.Sprintf(
			"粘贴的内容太大（%d KB），一次最多粘贴 %d KB，请分几次复制粘贴", (len(text)+1023)/1024, MaxPaste/1024)}}}
	}
	text = strings.TrimRight(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	if strings.TrimSpace(text) == "" {
		return plan, &ImportError{[]Problem{{File: "粘贴", Reason: "剪贴板里没有数值"}}}
	}
	lines := strings.Split(text, "\n")
	cols := len(d.Sections)
	if d.Adjustment.Name != "" {
		cols++
	}
	for i, line := range lines {
		r := row + i
		cells := strings.Split(line, "\t")
		if r >= len(d.Units) {
			add(fmt.Sprintf("第 %d 行", i+1), "", "超出了表格（只有 %d 个区市）", len(d.Units))
			break
		}
		u := d.Units[r]
		for j, cell := range cells {
			c := col + j
			cell = strings.TrimSpace(cell)
			if cell == "" {
				continue
			}
			if c >= cols {
				add(u.Name, "", "第 %d 列超出了表格", j+1)
				break
			}
			if c == len(d.Sections) {
				v, err := CheckAdjustment(cell, d.Adjustment)
				if err != nil {
					add(u.Name, d.Adjustment.Name, "“%s”%s", Clip(cell), reason(err))
					continue
				}
				var old *Hundredths
				if o, ok := d.Adjust[u.ID]; ok {
					old = &o
				}
				plan.Cells = appendChange(plan.Cells, CellChange{Unit: u.Name, Old: old, New: v})
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
			plan.Cells = appendChange(plan.Cells, CellChange{Unit: u.Name, Section: sec.Name, Old: old, New: v})
		}
	}
	if len(probs) > 0 {
		return ImportPlan{}, &ImportError{probs}
	}
	return plan, nil
}

// MaxPaste is the largest block entry accepts in one paste: a quarter's
// grid of even a thousand units is a few tens of KB, and anything larger is
// a mistake (a whole document) that should be refused at once.
const MaxPaste = 256 << 10

// reason is an error's sentence, after a colon.
func reason(err error) string { return "：" + Sentence(err) }
