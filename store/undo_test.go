package store

import (
	"errors"
	"path/filepath"
	"testing"

	"starflag/model"
)

func scoreOf(t *testing.T, db *DB, unitID, sectionID int64) string {
	t.Helper()
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	v, ok := d.Scores[model.ScoreKey{Unit: unitID, Section: sectionID}]
	if !ok {
		return ""
	}
	return v.String()
}

func set(t *testing.T, db *DB, unitID, sectionID int64, v string, src Source) {
	t.Helper()
	h, err := model.ParseHundredths(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetScore(ctx, q1, unitID, sectionID, &h, src); err != nil {
		t.Fatal(err)
	}
}

func TestUndoRedoThroughAuditSurvivesReopen(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	u := units(t, db)[0].ID
	s := secs[0].ID
	set(t, db, u, s, "90", SourceEntry)
	set(t, db, u, s, "91", SourceEntry)
	set(t, db, u, s, "92", SourceEntry)

	if what, err := db.Undo(ctx, q1); err != nil || what != "市南区/经济运行" {
		t.Fatalf("Undo = %q, %v", what, err)
	}
	if got := scoreOf(t, db, u, s); got != "91.00" {
		t.Fatalf("after undo: %s, want 91.00", got)
	}
	db = reopen(t, db) // undo history lives in the database
	if _, err := db.Undo(ctx, q1); err != nil {
		t.Fatal(err)
	}
	if got := scoreOf(t, db, u, s); got != "90.00" {
		t.Fatalf("after second undo: %s, want 90.00", got)
	}
	if _, err := db.Redo(ctx, q1); err != nil {
		t.Fatal(err)
	}
	if got := scoreOf(t, db, u, s); got != "91.00" {
		t.Fatalf("after redo: %s, want 91.00", got)
	}
	// A new edit after an undo drops the redo history.
	set(t, db, u, s, "95", SourceEntry)
	if what, err := db.Redo(ctx, q1); err != nil || what != "" {
		t.Fatalf("Redo after a new edit = %q, %v; want nothing", what, err)
	}
	if got := scoreOf(t, db, u, s); got != "95.00" {
		t.Fatalf("redo changed the new value: %s", got)
	}
	// Undo all the way down, then nothing is left.
	for range 3 {
		if _, err := db.Undo(ctx, q1); err != nil {
			t.Fatal(err)
		}
	}
	if got := scoreOf(t, db, u, s); got != "" {
		t.Fatalf("after undoing everything: %q, want empty", got)
	}
	if what, err := db.Undo(ctx, q1); err != nil || what != "" {
		t.Fatalf("Undo with nothing left = %q, %v", what, err)
	}
	// Undo and redo leave audit rows of their own.
	entries, err := db.ListAudit(ctx, 3)
	if err != nil || len(entries) == 0 || entries[0].Source != "undo" {
		t.Fatalf("audit after undo: %+v %v", entries, err)
	}
}

func TestUndoTakesBackAWholePaste(t *testing.T) {
	db := mustOpen(t)
	withSections(t, db, q1)
	plan := model.ImportPlan{Quarter: q1}
	for _, u := range []string{"市南区", "市北区", "李沧区"} {
		plan.Cells = append(plan.Cells, model.CellChange{Unit: u, Section: "经济运行", New: 8000})
	}
	if err := db.ApplyImport(ctx, plan, SourceEntry); err != nil {
		t.Fatal(err)
	}
	what, err := db.Undo(ctx, q1)
	if err != nil || what != "3 个单元格" {
		t.Fatalf("Undo = %q, %v", what, err)
	}
	d, _ := db.QuarterData(ctx, q1)
	if len(d.Scores) != 0 {
		t.Fatalf("scores left after undoing the paste: %v", d.Scores)
	}
}

func TestUndoRefusesWhatOthersChanged(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	u := units(t, db)[0].ID
	set(t, db, u, secs[0].ID, "90", SourceEntry)
	set(t, db, u, secs[0].ID, "70", SourceImport("x.csv")) // someone imported over it
	if _, err := db.Undo(ctx, q1); !errors.Is(err, model.ErrConflict) {
		t.Fatalf("Undo over an import: %v, want ErrConflict", err)
	}
	if got := scoreOf(t, db, u, secs[0].ID); got != "70.00" {
		t.Fatalf("refused undo changed the value: %s", got)
	}
}

func TestUndoRefusedOnLockedQuarter(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	set(t, db, units(t, db)[0].ID, secs[0].ID, "90", SourceEntry)
	if _, err := db.Lock(ctx, q1, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Undo(ctx, q1); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("Undo on a locked quarter: %v", err)
	}
}

func TestVersion1DatabaseMigratesToUndo(t *testing.T) {
	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = saved[:1]
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec(`INSERT INTO audit (at, action, quarter, unit, field, old, new, source)
		VALUES ('2023-01-01T00:00:00Z', 'score', '2023Q1', '市南区', '经济运行', '', '90.00', 'entry')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	migrations = saved
	db2, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	// Rows audited before batches existed have batch 0: never undone.
	if what, err := db2.Undo(ctx, q1); err != nil || what != "" {
		t.Fatalf("Undo on a migrated v1 log = %q, %v", what, err)
	}
	entries, err := db2.ListAudit(ctx, 10)
	if err != nil || len(entries) != 1 || entries[0].New != "90.00" {
		t.Fatalf("v1 audit rows after migration: %+v, %v", entries, err)
	}
}
