package office

import (
	"context"
	"fmt"
	"strings"

	"starflag/exchange"
	"starflag/model"
	"starflag/store"
)

// ImportOptions are the choices of an import.
type ImportOptions struct {
	AddUnits    bool   // add the units the file names and the database lacks
	AddSections bool   // add the file's new columns as sections of the quarter
	DryRun      bool   // only say what would change: write nothing
	Sheet       string // the worksheet of an .xlsx file to read ("" for the default)
}

// ImportFile imports the .csv (UTF-8 or GBK) or .xlsx file at path into q,
// checked and written in one transaction and audited under the file's name
// (store.DB.Import); a dry run checks in one read transaction and writes
// nothing. The plan lists what changed, or would.
func ImportFile(ctx context.Context, db *store.DB, q model.Quarter, path string, o ImportOptions) (model.ImportPlan, error) {
	return ImportFiles(ctx, db, q, []string{path}, o)
}

// ImportFiles imports several files as one: every file is read and checked
// (each against the others too) before any is written, and all are written
// in one transaction, or none.
func ImportFiles(ctx context.Context, db *store.DB, q model.Quarter, paths []string, o ImportOptions) (model.ImportPlan, error) {
	in := model.ImportInput{AddUnits: o.AddUnits, AddSections: o.AddSections}
	names := make([]string, len(paths))
	cells := 0
	for i, path := range paths {
		src, err := exchange.ReadImportSource(path, o.Sheet)
		if err != nil {
			return model.ImportPlan{}, err
		}
		// Each file is within the bounds; so are all of them together.
		for _, r := range src.Rows {
			cells += len(r.Cells)
		}
		if cells > model.MaxImportCells {
			return model.ImportPlan{}, &model.ImportError{Problems: []model.Problem{{File: src.File,
				Reason: model.TooLarge(fmt.Sprintf("这 %d 个文件到这里合计已超过 %d 个单元格", i+1, model.MaxImportCells))}}}
		}
		in.Files = append(in.Files, src)
		names[i] = src.File
	}
	if o.DryRun {
		return db.PlanImport(ctx, q, in)
	}
	return db.Import(ctx, q, in, store.SourceImport(strings.Join(names, "、")))
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
