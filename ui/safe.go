package ui

import (
	"context"

	"starflag/model"
)

// safeData is the sanitiser between the database and every screen: each
// unit, section, rule and committee name the dashboard reads passes through
// model.SafeText, so a name written by an older version or another tool
// (an escape sequence, a bidi override, a control character) can never move
// the cursor or change colours. The store refuses such names on input
// (model.CheckName); this is the guarantee for what is already stored.
type safeData struct{ Data }

// sanitised wraps d once.
func sanitised(d Data) Data {
	if _, ok := d.(safeData); ok || d == nil {
		return d
	}
	return safeData{d}
}

func (d safeData) Results(ctx context.Context, from, to model.Quarter) ([]model.Result, error) {
	rs, err := d.Data.Results(ctx, from, to)
	if rs == nil {
		return rs, err
	}
	out := make([]model.Result, len(rs))
	for i, r := range rs {
		out[i] = model.SafeResult(r)
	}
	return out, err
}

func (d safeData) QuarterData(ctx context.Context, q model.Quarter) (model.QuarterData, error) {
	qd, err := d.Data.QuarterData(ctx, q)
	return model.SafeQuarterData(qd), err
}

func (d safeData) ListUnits(ctx context.Context) ([]model.Unit, error) {
	us, err := d.Data.ListUnits(ctx)
	return model.SafeUnits(us), err
}

// ApplyPaste maps the names of a plan made on sanitised data back to the
// stored names, which the store matches on.
func (d safeData) ApplyPaste(ctx context.Context, plan model.ImportPlan) error {
	raw, err := d.Data.QuarterData(ctx, plan.Quarter)
	if err != nil {
		return err
	}
	units := map[string]string{}
	for _, u := range raw.Units {
		if s := model.SafeText(u.Name); s != u.Name {
			if _, dup := units[s]; !dup {
				units[s] = u.Name
			}
		}
	}
	sections := map[string]string{}
	for _, s := range raw.Sections {
		if n := model.SafeText(s.Name); n != s.Name {
			if _, dup := sections[n]; !dup {
				sections[n] = s.Name
			}
		}
	}
	if len(units) > 0 || len(sections) > 0 {
		cells := make([]model.CellChange, len(plan.Cells))
		for i, c := range plan.Cells {
			if n, ok := units[c.Unit]; ok {
				c.Unit = n
			}
			if n, ok := sections[c.Section]; ok {
				c.Section = n
			}
			cells[i] = c
		}
		plan.Cells = cells
	}
	return d.Data.ApplyPaste(ctx, plan)
}

// Changes come from names, values and file names as stored.
func (d safeData) Changes(ctx context.Context, q model.Quarter, limit int) ([]model.Change, error) {
	cs, err := d.Data.Changes(ctx, q, limit)
	for i, c := range cs {
		cs[i] = model.Change{At: c.At, Action: c.Action, Unit: model.SafeText(c.Unit), Field: model.SafeText(c.Field),
			Old: model.SafeText(c.Old), New: model.SafeText(c.New), Source: model.SafeText(c.Source)}
	}
	return cs, err
}

// Undo and Redo describe what they touched with stored names.
func (d safeData) Undo(ctx context.Context, q model.Quarter) (string, error) {
	s, err := d.Data.Undo(ctx, q)
	return model.SafeText(s), err
}

func (d safeData) Redo(ctx context.Context, q model.Quarter) (string, error) {
	s, err := d.Data.Redo(ctx, q)
	return model.SafeText(s), err
}
