package office

import (
	"context"

	"starflag/model"
	"starflag/store"
)

// Data adapts the store to ui.Data, the interface the dashboard declares.
type Data struct{ *store.DB }

func (d Data) Quarters(ctx context.Context) ([]model.QuarterStatus, error) {
	qs, err := d.ListQuarters(ctx)
	out := make([]model.QuarterStatus, len(qs))
	for i, q := range qs {
		out[i] = q.QuarterStatus
	}
	return out, err
}

func (d Data) InvalidQuarters(ctx context.Context) ([]string, error) {
	iqs, err := d.DB.InvalidQuarters(ctx)
	out := make([]string, len(iqs))
	for i, iq := range iqs {
		out[i] = iq.Name
	}
	return out, err
}

// Changes are q's audit rows as the dashboard lists them.
func (d Data) Changes(ctx context.Context, q model.Quarter, limit int) ([]model.Change, error) {
	es, err := d.ListQuarterAudit(ctx, q, limit)
	out := make([]model.Change, len(es))
	for i, e := range es {
		out[i] = model.Change{At: e.At, Action: e.Action, Unit: e.Unit, Field: e.Field, Old: e.Old, New: e.New, Source: string(e.Source)}
	}
	return out, err
}

// source is where this session's changes come from: the source store.DB.As
// gave it (an SSH session), else def.
func (d Data) source(def store.Source) store.Source {
	if who := d.Who(); who != "" {
		return who
	}
	return def
}

// The editing methods say where the change came from: the store audits
// entry changes as undoable and setup changes as setup.

func (d Data) SetScore(ctx context.Context, q model.Quarter, unitID, sectionID int64, v *model.Hundredths) error {
	return d.DB.SetScore(ctx, q, unitID, sectionID, v, d.source(store.SourceEntry))
}

func (d Data) SetAdjust(ctx context.Context, q model.Quarter, unitID, itemID int64, v *model.Hundredths) error {
	return d.DB.SetAdjust(ctx, q, unitID, itemID, v, d.source(store.SourceEntry))
}

func (d Data) ApplyPaste(ctx context.Context, plan model.ImportPlan) error {
	return d.DB.ApplyImport(ctx, plan, d.source(store.SourceEntry))
}

func (d Data) CreateQuarter(ctx context.Context, q model.Quarter) error {
	return d.DB.CreateQuarter(ctx, q, d.source(store.SourceEntry))
}

func (d Data) DeleteQuarter(ctx context.Context, name string) error {
	return d.DB.DeleteQuarter(ctx, name, d.source(store.SourceSetup))
}

func (d Data) CreateUnit(ctx context.Context, u model.Unit) (model.Unit, error) {
	return d.DB.CreateUnit(ctx, u, d.source(store.SourceSetup))
}

func (d Data) UpdateUnits(ctx context.Context, us ...model.Unit) error {
	return d.DB.UpdateUnits(ctx, us, d.source(store.SourceSetup))
}

func (d Data) CreateSection(ctx context.Context, q model.Quarter, s model.Section) (model.Section, error) {
	return d.DB.CreateSection(ctx, q, s, d.source(store.SourceSetup))
}

func (d Data) UpdateSections(ctx context.Context, q model.Quarter, ss ...model.Section) error {
	return d.DB.UpdateSections(ctx, q, ss, d.source(store.SourceSetup))
}

func (d Data) DeleteSection(ctx context.Context, q model.Quarter, id int64) error {
	return d.DB.DeleteSection(ctx, q, id, d.source(store.SourceSetup))
}

func (d Data) DeleteSectionAndRules(ctx context.Context, q model.Quarter, id int64) error {
	return d.DB.DeleteSectionAndRules(ctx, q, id, d.source(store.SourceSetup))
}

func (d Data) SetRules(ctx context.Context, q model.Quarter, base, r model.Rules) error {
	return d.DB.SetRulesFrom(ctx, q, base, r, d.source(store.SourceSetup))
}

func (d Data) SetAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) error {
	return d.DB.SetAdjustment(ctx, q, a, d.source(store.SourceSetup))
}

func (d Data) CreateAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) (model.Adjustment, error) {
	return d.DB.CreateAdjustment(ctx, q, a, d.source(store.SourceSetup))
}

func (d Data) DeleteAdjustment(ctx context.Context, q model.Quarter, id int64) error {
	return d.DB.DeleteAdjustment(ctx, q, id, d.source(store.SourceSetup))
}

func (d Data) SetVeto(ctx context.Context, q model.Quarter, unitID int64, reason string) error {
	return d.DB.SetVeto(ctx, q, unitID, reason, d.source(store.SourceSetup))
}

func (d Data) SetTalk(ctx context.Context, q model.Quarter, unitID int64, t model.Talk) error {
	return d.DB.SetTalk(ctx, q, unitID, t, d.source(store.SourceSetup))
}

// Lock returns the backup's path as the screen may show it.
func (d Data) Lock(ctx context.Context, q model.Quarter) (string, error) {
	path, err := d.DB.Lock(ctx, q, d.source(store.SourceSetup))
	return model.ClipPath(path), err
}

func (d Data) Unlock(ctx context.Context, q model.Quarter) error {
	return d.DB.Unlock(ctx, q, d.source(store.SourceSetup))
}
