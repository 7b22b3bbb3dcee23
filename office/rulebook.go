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
	rb, err := fileRulebook(ctx, db, path, q)
	if err != nil {
		return nil, err
	}
	cur, err := db.Rulebook(ctx, q)
	if err != nil {
		return nil, err
	}
	changes := model.DiffRulebooks(unitsOf(cur, rb), rb, q.String())
	return changes, db.ApplyRulebook(ctx, q, rb, store.RulebookOptions{AddUnits: o.AddUnits, DryRun: o.DryRun, File: model.ClipPath(path)}, store.SourceImport(path))
}

// DiffRulebooks lists in words what changes from rulebook a to b (a
// quarter of db, or a file when its name is given), each line starting
// with b's name.
func DiffRulebooks(ctx context.Context, db *store.DB, a, b RulebookSource) ([]string, error) {
	// A file is read as the other side's quarter would take it: what
	// importing it there would do.
	ra, err := a.load(ctx, db, b.Quarter)
	if err != nil {
		return nil, err
	}
	rb, err := b.load(ctx, db, a.Quarter)
	if err != nil {
		return nil, err
	}
	if b.File != "" {
		ra = unitsOf(ra, rb)
	}
	return model.DiffRulebooks(ra, rb, b.name()), nil
}

// RulebookSource is a quarter's rulebook or a rulebook file.
type RulebookSource struct {
	Quarter model.Quarter
	File    string // when set, the file
}

// load reads the source; a file as quarter q would take it (fileRulebook).
func (s RulebookSource) load(ctx context.Context, db *store.DB, q model.Quarter) (model.Rulebook, error) {
	if s.File != "" {
		return fileRulebook(ctx, db, s.File, q)
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

// fileRulebook reads the rulebook file at path as quarter q takes it (q
// zero: as written): its 办法 named with q's year (a file of another
// year's), and, when it lists no units, its groups' units named as db's
// units are (黄岛区 is 西海岸新区), so that importing it again is no change.
func fileRulebook(ctx context.Context, db *store.DB, path string, q model.Quarter) (model.Rulebook, error) {
	rb, err := exchange.ReadRulebookFile(path)
	if err != nil {
		return rb, err
	}
	if !q.IsZero() {
		rb.Rules = rb.Rules.CarriedInto(q)
	}
	if len(rb.Units) == 0 && len(rb.Groups) > 0 {
		units, err := db.ListUnits(ctx)
		if err != nil {
			return rb, err
		}
		rb.NameGroupUnits(units)
	}
	return rb, nil
}

// unitsOf is cur with only the units file lists: an import changes the
// units a file names and leaves the others alone (a file listing none
// deletes none).
func unitsOf(cur, file model.Rulebook) model.Rulebook {
	cur.Units = slices.DeleteFunc(slices.Clone(cur.Units), func(u model.Unit) bool {
		return !slices.ContainsFunc(file.Units, func(x model.Unit) bool { return x.Name == u.Name })
	})
	return cur
}
