package model

import (
	"cmp"
	"slices"
)

// The XLSX handouts: what a printed sheet carries beyond the CSV table.

// Span is a header cell over Cols columns, in the header line above
// Table.Header. A span without text leaves its columns' headers to fill
// both lines.
type Span struct {
	Text string
	Cols int
}

// quarterTable is an empty table of kind for q, titled for the screen
// (2023Q3 综合排名) and for print (2023年三季度 综合排名).
func quarterTable(q Quarter, kind ExportKind, header []string) Table {
	return Table{Kind: kind.Name, Title: q.String() + " " + kind.Title, Heading: q.ChineseName() + " " + kind.Title, Header: header}
}

// RankingSheet is the ranking as the XLSX handout gives it: the columns of
// RankingTable with each section's score after 综合得分, as the ranking
// screen shows them.
func RankingSheet(r *Result) (Table, error) { return rankingTable(r, true) }

// StarsDetail names the long stars table (StarsTable) as the second sheet
// of the stars workbook.
const StarsDetail = "评星明细"

// StarsSheets are the stars workbook's sheets: the matrix as the screen
// shows it, then the long table of the CSV.
func StarsSheets(r *Result) []Table {
	detail := StarsTable(r)
	detail.Sheet, detail.Heading = StarsDetail, r.Quarter.ChineseName()+" "+StarsDetail
	return []Table{StarsMatrix(r), detail}
}

// StarsMatrix is the stars screen as a table: one row per unit in official
// order (group after group with groups), for each section its score and
// stars under the section's name; a section's first place is marked "top"
// (bold, as on screen). A missing score, or no stars (below the top K),
// is an empty cell.
func StarsMatrix(r *Result) Table {
	t := quarterTable(r.Quarter, ExportStars, []string{"区市"})
	t.Spans = []Span{{Cols: 1}}
	for _, sec := range r.Sections {
		t.Spans = append(t.Spans, Span{Text: sec.Name, Cols: 2})
		t.Header = append(t.Header, "得分", "星级")
	}
	if r.Grouped() {
		t.Spans, t.Header = append(t.Spans, Span{Cols: 1}), append(t.Header, GroupHeader)
	}
	units := officialOrder(r.Standings)
	if r.Grouped() {
		// Stable: official order within each group.
		slices.SortStableFunc(units, func(a, b Standing) int {
			return cmp.Compare(slices.Index(r.Groups, a.Group), slices.Index(r.Groups, b.Group))
		})
	}
	for _, s := range units {
		row := []Cell{text(s.Unit.Name)}
		for _, c := range s.Sections {
			if !c.Has {
				row = append(row, text(""), text(""))
				continue
			}
			score, stars := num(c.Score.String()), text("")
			if c.Stars > 0 {
				stars = integer(c.Stars)
			}
			if r.SectionRank(c) == 1 {
				score.Mark, stars.Mark = "top", "top"
			}
			row = append(row, score, stars)
		}
		t.Rows = append(t.Rows, groupCell(r, s, row))
	}
	return t
}
