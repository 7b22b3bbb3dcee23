package store

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"starflag/model"
)

// TestMigration3ClustersScoresByQuarter opens a version-2 database (scores
// keyed by unit first) with the current binary: the scores are the same,
// every quarter computes the same, and a quarter's scores are now read from
// the primary key by section (one quarter's rows side by side) instead of
// one lookup per score scattered over the whole table.
func TestMigration3ClustersScoresByQuarter(t *testing.T) {
	p := filepath.Join(t.TempDir(), "starflag.db")
	// The demo data as today's code stores it, copied into a version-2 file.
	cur := demoDB(t)
	from, to := model.MustQuarter("2022Q1"), model.MustQuarter("2023Q4")
	before, err := cur.Results(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	old := oldFile(t, cur, p, 2)
	var n2 int
	old.r.QueryRow(`SELECT count(*) FROM scores`).Scan(&n2)
	old.Close()

	db, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(SchemaVersion) {
		t.Fatalf("user_version = %s", v)
	}
	var n3 int
	db.r.QueryRow(`SELECT count(*) FROM scores`).Scan(&n3)
	after, err := db.Results(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if n3 != n2 || n3 == 0 || !reflect.DeepEqual(before, after) {
		t.Fatalf("scores %d → %d, results equal: %v", n2, n3, reflect.DeepEqual(before, after))
	}

	var plan []string
	rows, err := db.r.Query(`EXPLAIN QUERY PLAN SELECT c.unit_id, c.section_id, c.value FROM scores c
		JOIN sections s ON s.id = c.section_id WHERE s.quarter = ?`, "2023Q1")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, parent, unused int
		var detail string
		rows.Scan(&id, &parent, &unused, &detail)
		plan = append(plan, detail)
	}
	rows.Close()
	if got := strings.Join(plan, "; "); !strings.Contains(got, "SEARCH c USING PRIMARY KEY (section_id=?)") {
		t.Fatalf("quarter's scores not read by primary key: %s", got)
	}
	// Removing a unit's scores and the foreign-key check from units still
	// have an index on unit_id.
	var idx int
	db.r.QueryRow(`SELECT count(*) FROM pragma_index_list('scores') WHERE name = 'scores_unit'`).Scan(&idx)
	if idx != 1 {
		t.Fatal("no index scores_unit")
	}
}

// TestScoreCellQueryPlan: the unary plus in scoreCellQuery must not cost
// an index: every table is found by key, none is scanned.
func TestScoreCellQueryPlan(t *testing.T) {
	db := mustOpen(t)
	rows, err := db.r.Query(`EXPLAIN QUERY PLAN `+scoreCellQuery, 1, 1, "2023Q1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	got := strings.Join(plan, "; ")
	for _, want := range []string{"SEARCH s USING INTEGER PRIMARY KEY", "SEARCH u USING INTEGER PRIMARY KEY", "SEARCH c USING PRIMARY KEY", "SEARCH l USING INDEX"} {
		if !strings.Contains(got, want) {
			t.Errorf("plan lacks %q: %s", want, got)
		}
	}
	if strings.Contains(got, "SCAN") {
		t.Errorf("plan scans a table: %s", got)
	}
}
