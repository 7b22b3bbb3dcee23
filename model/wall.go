package model

import (
	"cmp"
	"slices"
)

// HasScores reports whether the quarter holds any score at all (an empty
// quarter shows a notice instead of tables).
func (r *Result) HasScores() bool {
	return len(r.Missing) < len(r.Standings)*len(r.Sections)
}

// FlagWall is a year's flags by unit and quarter (the 夺旗 page's wall):
// the flags each unit won in each quarter, and its counts for the year.
type FlagWall struct {
	Year int
	// Names are the flag rules of the year's quarters, in rule order (a
	// rule dropped during the year is still listed).
	Names []string
	// CountNames are the flags counted for the year (Annual.FlagNames):
	// FlagWallRow.Counts is parallel to them.
	CountNames []string
	Quarters   [4]WallQuarter // Q1..Q4
	Rows       []FlagWallRow  // official order
}

// WallQuarter says what one quarter's column of the wall holds.
type WallQuarter struct {
	Scored bool // the quarter has scores; else the column is empty
	// Provisional: scored but incomplete, so no flag is awarded yet.
	Provisional bool
}

// FlagWallRow is one unit's line of the wall.
type FlagWallRow struct {
	Unit  Unit
	In    [4]bool     // the unit is listed in that quarter's results
	Flags [4][]string // the flags it won in that quarter
	// Counts are the flags of the year's complete quarters, per
	// FlagWall.CountNames, as the annual view counts them; Total sums them.
	Counts []int
	Total  int
}

// FlagWallOf builds year's wall from the computed quarters (quarters of
// other years are ignored) and the year's annual view. ok is false when no
// quarter of the year has scores.
func FlagWallOf(year int, results []Result, annual Annual) (w FlagWall, ok bool) {
	var qs [4]*Result
	for i := range results {
		if r := &results[i]; r.Quarter.Year == year && r.HasScores() {
			qs[r.Quarter.Q-1], ok = r, true
		}
	}
	if !ok {
		return FlagWall{}, false
	}
	w = FlagWall{Year: year, CountNames: annual.FlagNames}
	counts := make(map[int64]AnnualRow, len(annual.Rows))
	for _, row := range annual.Rows {
		counts[row.Unit.ID] = row
	}
	rows := map[int64]*FlagWallRow{}
	var order []int64
	for q, r := range qs {
		if r == nil {
			continue
		}
		w.Quarters[q] = WallQuarter{Scored: true, Provisional: !r.Complete()}
		for _, f := range r.Rules.Flags {
			if !slices.Contains(w.Names, f.Name) {
				w.Names = append(w.Names, f.Name)
			}
		}
		for _, s := range r.Standings {
			row := rows[s.Unit.ID]
			if row == nil {
				row = &FlagWallRow{Unit: s.Unit, Counts: make([]int, len(annual.FlagNames))}
				if a, counted := counts[s.Unit.ID]; counted {
					copy(row.Counts, a.Flags)
					row.Total = a.FlagTotal()
				}
				rows[s.Unit.ID] = row
				order = append(order, s.Unit.ID)
			}
			row.In[q], row.Flags[q] = true, s.Flags
		}
	}
	slices.SortFunc(order, func(x, y int64) int { // official order
		return cmp.Or(cmp.Compare(rows[x].Unit.Order, rows[y].Unit.Order), cmp.Compare(x, y))
	})
	w.Rows = make([]FlagWallRow, len(order))
	for i, id := range order {
		w.Rows[i] = *rows[id]
	}
	return w, true
}
