package office

import (
	"context"
	"io"
	"slices"

	"starflag/exchange"
	"starflag/model"
	"starflag/store"
)

// ExportRulebook writes quarter q's rulebook file (exchange.WriteRulebook).
func ExportRulebook(ctx context.Context, db *store.DB, q model.Quarter, w io.Writer) error {
	rb, err := db.Rulebook(ctx, q)
	if err != nil {
		return err
	}
	return exchange.WriteRulebook(w, rb)
}

// RulebookOptions are the choices of `starflag rules import`.
type RulebookOptions struct {
	AddUnits bool
	DryRun   bool
}

// ImportRulebook reads and checks the rulebook file at path and makes it
// q's rulebook (store.ApplyRulebook), or with DryRun checks all that would
// do and writes nothing; it returns what changes, in words. Units the file does not name are left alone, so
// they are not listed as removed.
func ImportRulebook(ctx context.Context, db *store.DB, q model.Quarter, path string, o RulebookOptions) ([]string, error) {
	if err := model.CheckQuarter(q); err != nil {
		return nil, err
	}
	rb, err := exchange.ReadRulebookFile(path)
	if err != nil {
		return nil, err
	}
	rb.Rules = rb.Rules.CarriedInto(q) // a file of another year's 办法
	cur, err := db.Rulebook(ctx, q)
	if err != nil {
		return nil, err
	}
	cur.Units = slices.DeleteFunc(cur.Units, func(u model.Unit) bool {
		return !slices.ContainsFunc(rb.Units, func(x model.Unit) bool { return x.Name == u.Name })
	})
	changes := model.DiffRulebooks(cur, rb, q.String())
	return changes, db.ApplyRulebook(ctx, q, rb, store.RulebookOptions{AddUnits: o.AddUnits, DryRun: o.DryRun, File: model.ClipPath(path)}, store.SourceImport(path))
}

// DiffRulebooks lists in words what changes from rulebook a to b (a
// quarter of db, or a file when its name is given), each line starting
// with b's name.
func DiffRulebooks(ctx context.Context, db *store.DB, a, b RulebookSource) ([]string, error) {
	ra, err := a.load(ctx, db)
	if err != nil {
		return nil, err
	}
	rb, err := b.load(ctx, db)
	if err != nil {
		return nil, err
	}
	if b.File != "" { // what importing it into a's quarter would do
		rb.Rules = rb.Rules.CarriedInto(a.Quarter)
	}
	return model.DiffRulebooks(ra, rb, b.name()), nil
}

// RulebookSource is a quarter's rulebook or a rulebook file.
type RulebookSource struct {
	Quarter model.Quarter
	File    string // when set, the file
}

func (s RulebookSource) load(ctx context.Context, db *store.DB) (model.Rulebook, error) {
	if s.File != "" {
		return exchange.ReadRulebookFile(s.File)
	}
	if err := model.CheckQuarter(s.Quarter); err != nil {
		return model.Rulebook{}, err
	}
	return db.Rulebook(ctx, s.Quarter)
}

func (s RulebookSource) name() string {
	if s.File != "" {
		return model.ClipPath(s.File)
	}
	return s.Quarter.String()
}
