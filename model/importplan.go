package model

// ImportPlan is a checked set of changes to one quarter, built by PlanImport
// from a file and written by the store in one transaction.
type ImportPlan struct {
	Quarter Quarter
	// NewSections is non-empty only when the quarter has no sections yet:
	// they are created in this order (IDs are 0).
	NewSections []Section
	// AddedSections are new sections added after the quarter's own (stored
	// or inherited) ones, with --add-sections (IDs 0).
	AddedSections []Section
	// NewUnits are created with --add-units (IDs 0, From = Quarter).
	NewUnits []Unit
	Cells    []CellChange
	// Notes say what the files hold that is not imported (title rows above
	// the header, 序号 and 备注 columns, 合计 rows, notes under the table),
	// each with its place, so that nothing is left out silently.
	Notes []Problem
}

// Changes counts the cells whose new value differs from Old.
func (p ImportPlan) Changes() int {
	n := 0
	for _, c := range p.Cells {
		if c.Old == nil || *c.Old != c.New {
			n++
		}
	}
	return n
}

// CellChange is one value to store.
type CellChange struct {
	Unit    string      // exact Name of an existing unit or of one in NewUnits
	Section string      // section name, for a score
	Item    string      // adjustment item name, for an adjustment (Section is "")
	Old     *Hundredths // nil = nothing stored before (shown by --dry-run)
	New     Hundredths
}
