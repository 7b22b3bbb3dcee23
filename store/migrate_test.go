package store

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"starflag/model"
)

// demoDB is a database of model.Demo(1) as today's code stores it.
func demoDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "demo.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.LoadDemo(ctx, model.Demo(1)); err != nil {
		t.Fatal(err)
	}
	return db
}

// oldFile writes the data of cur (units, quarters, sections, scores, the
// first adjustment item of each quarter and its values, commendations) into
// a new database at path with only the first v migrations (v from 2 to 5),
// as the starflag of schema version v stored them, and returns it open.
// Unit, section and quarter rows keep their IDs.
func oldFile(t *testing.T, cur *DB, path string, v int) *DB {
	t.Helper()
	if v < 2 || v > 5 {
		t.Fatalf("oldFile: version %d", v)
	}
	old := openAt(t, path, v)
	c, err := old.w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, stmt := range []string{
		fmt.Sprintf(`ATTACH DATABASE %s AS cur`, strconv.Quote(cur.Path())),
		`BEGIN`,
		`DELETE FROM units`, // the seed of a new file: cur's take their place
		`DELETE FROM audit`,
		`INSERT INTO units (id, name, short, ord, from_q, until_q) SELECT id, name, short, ord, from_q, until_q FROM cur.units`,
		`INSERT INTO unit_aliases SELECT * FROM cur.unit_aliases`,
		`INSERT INTO quarters (quarter, locked, adjustment_name, adjustment_min, adjustment_max, rules, created_at)
			SELECT q.quarter, q.locked, coalesce(i.name, ''), coalesce(i.min, 0), coalesce(i.max, 0), q.rules, q.created_at
			FROM cur.quarters q LEFT JOIN cur.adjustment_items i ON i.quarter = q.quarter AND i.ord = 1`,
		`INSERT INTO sections SELECT * FROM cur.sections`,
		`INSERT INTO scores (unit_id, section_id, value) SELECT unit_id, section_id, value FROM cur.scores`,
		`INSERT INTO adjustments (quarter, unit_id, value) SELECT i.quarter, a.unit_id, a.value
			FROM cur.adjustments a JOIN cur.adjustment_items i ON i.id = a.item_id AND i.ord = 1`,
		`INSERT INTO commendations SELECT * FROM cur.commendations`,
		`COMMIT`,
		`DETACH DATABASE cur`,
	} {
		if _, err := c.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return old
}

// TestMigration6AdjustmentItems opens a version-5 file (one adjustment per
// quarter, in the quarters row): each quarter's adjustment is now its first
// item, with the same name, range and values, so every quarter computes
// the same; a quarter created after copies the items; vetoes can be stored.
func TestMigration6AdjustmentItems(t *testing.T) {
	cur := demoDB(t)
	from, to := model.MustQuarter("2022Q1"), model.MustQuarter("2023Q4")
	before, err := cur.Results(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "v5.db")
	var n5 int
	old := oldFile(t, cur, p, 5)
	if err := old.r.QueryRow(`SELECT count(*) FROM adjustments`).Scan(&n5); err != nil || n5 == 0 {
		t.Fatalf("the version-5 file has %d adjustments: %v", n5, err)
	}
	// A quarter whose adjustment has no name and no values gets no item.
	if _, err := old.w.Exec(`INSERT INTO quarters (quarter, locked, adjustment_name, adjustment_min, adjustment_max, rules, created_at)
		SELECT '2024Q1', 0, '', 0, 0, rules, created_at FROM quarters WHERE quarter = '2023Q4'`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	db, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(SchemaVersion) {
		t.Fatalf("user_version = %s", v)
	}
	after, err := db.Results(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		for i := range before {
			if !reflect.DeepEqual(before[i], after[i]) {
				t.Fatalf("%s computes differently after the migration:\n got %+v\nwant %+v", before[i].Quarter, after[i], before[i])
			}
		}
	}
	var n6 int
	if err := db.r.QueryRow(`SELECT count(*) FROM adjustments`).Scan(&n6); err != nil || n6 != n5 {
		t.Fatalf("%d adjustments after the migration, %d before: %v", n6, n5, err)
	}
	if d, err := db.QuarterData(ctx, model.MustQuarter("2024Q1")); err != nil || len(d.Adjustments) != 0 {
		t.Fatalf("2024Q1 items %+v, %v", d.Adjustments, err)
	}
	q := model.MustQuarter("2023Q4")
	d, err := db.QuarterData(ctx, q)
	if err != nil || len(d.Adjustments) != 1 || d.Adjustments[0].Name != model.DefaultAdjustment().Name {
		t.Fatalf("2023Q4 items %+v, %v", d.Adjustments, err)
	}
	if err := db.Unlock(ctx, q, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if err := db.SetVeto(ctx, q, d.Units[0].ID, "发生重大安全生产事故", SourceSetup); err != nil {
		t.Fatal(err)
	}
	if r, err := db.Result(ctx, q); err != nil || r.Find(d.Units[0].ID).Veto == "" {
		t.Fatalf("veto not stored: %v", err)
	}
}
