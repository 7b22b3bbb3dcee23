package store

import (
	"context"
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

func TestUndoRedoThroughAudit(t *testing.T) {
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

// TestUndoEndsWithTheSession: undo history lives in the database, but a
// reopened database is a new session (a restarted dashboard), which cannot
// reach the steps of the one before: they stay in the audit log only.
func TestUndoEndsWithTheSession(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	u, s := units(t, db)[0].ID, secs[0].ID
	set(t, db, u, s, "90", SourceEntry)
	set(t, db, u, s, "91", SourceEntry)
	if _, err := db.Undo(ctx, q1); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	for _, step := range []func(context.Context, model.Quarter) (string, error){db.Undo, db.Redo} {
		if what, err := step(ctx, q1); err != nil || what != "" {
			t.Fatalf("after a restart, undo or redo = %q, %v; want nothing", what, err)
		}
	}
	if got := scoreOf(t, db, u, s); got != "90.00" {
		t.Fatalf("after a restart: %s, want 90.00", got)
	}
	set(t, db, u, s, "93", SourceEntry)
	if what, err := db.Undo(ctx, q1); err != nil || what != "市南区/经济运行" || scoreOf(t, db, u, s) != "90.00" {
		t.Fatalf("the new session's own undo = %q, %v, value %s", what, err, scoreOf(t, db, u, s))
	}
	if what, err := db.Undo(ctx, q1); err != nil || what != "" {
		t.Fatalf("undo reached the previous session's step: %q, %v", what, err)
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

// second opens another session on db's file, as a second dashboard does.
func second(t *testing.T, db *DB) *DB {
	t.Helper()
	other, err := Open(db.Path(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// TestUndoTakesBackOnlyItsOwnSession: two sessions type into one quarter.
// Each undo takes back its own latest step, never the other's later one;
// a step whose cell the other changed since, even back to the same value,
// is refused with a sentence and dropped, so the next undo goes on with the
// step before it. Redo is refused the same way.
func TestUndoTakesBackOnlyItsOwnSession(t *testing.T) {
	a := mustOpen(t)
	secs := withSections(t, a, q1)
	b := second(t, a)
	us := units(t, a)
	c1, c2, c3 := us[0].ID, us[1].ID, us[2].ID
	s := secs[0].ID
	set(t, a, c1, s, "70", SourceEntry)
	set(t, a, c2, s, "71", SourceEntry)
	set(t, b, c3, s, "80", SourceEntry) // b's is the latest
	if what, err := a.Undo(ctx, q1); err != nil || what != "市北区/经济运行" {
		t.Fatalf("a's Undo = %q, %v; want its own 市北区", what, err)
	}
	if scoreOf(t, a, c2, s) != "" || scoreOf(t, a, c3, s) != "80.00" {
		t.Fatalf("after a's undo: 市北区 %q, 李沧区 %q", scoreOf(t, a, c2, s), scoreOf(t, a, c3, s))
	}
	// b writes a's remaining cell and puts the value back: a's undo must not
	// take it back, and says so.
	set(t, b, c1, s, "75", SourceEntry)
	set(t, b, c1, s, "70", SourceEntry)
	_, err := a.Undo(ctx, q1)
	wantErr(t, err, model.ErrConflict, "市南区“经济运行”在这之后已被其他窗口或导入修改，这一步不能撤销")
	if got := scoreOf(t, a, c1, s); got != "70.00" {
		t.Fatalf("the refused undo changed 市南区 to %s", got)
	}
	if what, err := a.Undo(ctx, q1); err != nil || what != "" {
		t.Fatalf("after the refused step: Undo = %q, %v; want nothing left", what, err)
	}
	// a redoes its 市北区 unless b changed it since a's undo.
	set(t, b, c2, s, "60", SourceEntry)
	_, err = a.Redo(ctx, q1)
	wantErr(t, err, model.ErrConflict, "市北区“经济运行”在这之后已被其他窗口或导入修改，这一步不能重做")
	if got := scoreOf(t, a, c2, s); got != "60.00" {
		t.Fatalf("the refused redo changed 市北区 to %s", got)
	}
	// b's own four steps are all still its own to undo, newest first.
	for range 4 {
		if what, err := b.Undo(ctx, q1); err != nil || what == "" {
			t.Fatalf("b's undo = %q, %v", what, err)
		}
	}
	if scoreOf(t, a, c1, s) != "70.00" || scoreOf(t, a, c2, s) != "" || scoreOf(t, a, c3, s) != "" {
		t.Fatalf("after b's undos: %q %q %q", scoreOf(t, a, c1, s), scoreOf(t, a, c2, s), scoreOf(t, a, c3, s))
	}
}

// TestMigration4SessionsOnAudit opens a version-3 database: its audit rows
// belong to no session, stay in the log, and no session undoes them; new
// rows carry the session that wrote them.
func TestMigration4SessionsOnAudit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.db")
	db := openAt(t, path, 3)
	if _, err := db.w.Exec(`INSERT INTO audit (at, action, quarter, unit, field, old, new, source, batch)
		VALUES ('2023-01-01T00:00:00Z', 'score', '2023Q1', '市南区', '经济运行', '', '90.00', 'entry', 1)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2, err := Open(path, Options{Session: 42})
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if what, err := db2.Undo(ctx, q1); err != nil || what != "" {
		t.Fatalf("Undo of a version-3 step = %q, %v", what, err)
	}
	u, err := db2.CreateUnit(ctx, model.Unit{Name: "市南区"}, SourceSetup)
	if err != nil {
		t.Fatal(err)
	}
	set(t, db2, u.ID, withSections(t, db2, q1)[0].ID, "91", SourceEntry)
	var old, now int64
	if err := db2.r.QueryRow(`SELECT (SELECT session FROM audit WHERE id = 1), (SELECT session FROM audit ORDER BY id DESC LIMIT 1)`).
		Scan(&old, &now); err != nil {
		t.Fatal(err)
	}
	if old != 0 || now != 42 || db2.Session() != 42 {
		t.Fatalf("sessions of the old row %d and the new one %d", old, now)
	}
}
