package office

import (
	"context"
	"path/filepath"

	"starflag/exchange"
	"starflag/model"
	"starflag/store"
)

// ImportOptions are the choices of an import.
type ImportOptions struct {
	AddUnits    bool // add the units the file names and the database lacks
	AddSections bool // add the file's new columns as sections of the quarter
	DryRun      bool // only say what would change: write nothing
}

// ImportFile imports the .csv (UTF-8 or GBK) or .xlsx file at path into q,
// checked and written in one transaction and audited under the file's name
// (store.DB.Import); a dry run checks in one read transaction and writes
// nothing. The plan lists what changed, or would.
func ImportFile(ctx context.Context, db *store.DB, q model.Quarter, path string, o ImportOptions) (model.ImportPlan, error) {
	rows, err := exchange.ReadImportFile(path)
	if err != nil {
		return model.ImportPlan{}, err
	}
	in := model.ImportInput{File: filepath.Base(path), Rows: rows, AddUnits: o.AddUnits, AddSections: o.AddSections}
	if o.DryRun {
		return db.PlanImport(ctx, q, in)
	}
	return db.Import(ctx, q, in, store.SourceImport(filepath.Base(path)))
}

// Missing says whether q is complete, ready to publish, and else which
// scores it lacks.
func Missing(ctx context.Context, db *store.DB, q model.Quarter) (complete bool, missing []model.Missing, err error) {
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		return false, nil, err
	}
	res := model.Compute(d, nil) // only completeness is needed: no previous quarter
	return res.Complete(), res.Missing, nil
}
