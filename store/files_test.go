package store

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"starflag/model"
)

// TestDatabasesAreMarked: a new database carries starflag's application_id,
// and a starflag database from before the marker (recognised by its tables)
// gets it on open, its data intact.
func TestDatabasesAreMarked(t *testing.T) {
	db := mustOpen(t)
	if got := pragma(t, db, "application_id"); got != strconv.Itoa(applicationID) {
		t.Fatalf("application_id of a new database = %s", got)
	}
	withSections(t, db, q1)
	if _, err := db.w.Exec(`PRAGMA application_id = 0`); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	if got := pragma(t, db, "application_id"); got != strconv.Itoa(applicationID) {
		t.Fatalf("application_id of an older database after open = %s", got)
	}
	if d, err := db.QuarterData(context.Background(), q1); err != nil || len(d.Sections) == 0 {
		t.Fatalf("data after marking: %v %+v", err, d)
	}
}

// TestOpenRefusesForeignSQLiteAtAnyVersion: another program's SQLite file
// whose user_version happens to be one of starflag's (1–3) is refused and
// left byte for byte, with no -wal, -shm or backup beside it; so is a file
// holding starflag's tables under another program's application_id.
func TestOpenRefusesForeignSQLiteAtAnyVersion(t *testing.T) {
	build := func(t *testing.T, p string, stmts ...string) {
		c, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		for _, s := range stmts {
			if _, err := c.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := map[string][]string{}
	for v := 1; v <= SchemaVersion; v++ {
		cases["user_version "+strconv.Itoa(v)] = []string{`CREATE TABLE notes (body TEXT)`, `PRAGMA user_version = ` + strconv.Itoa(v)}
	}
	cases["starflag's tables, another application_id"] = []string{
		`CREATE TABLE units (id INTEGER)`, `CREATE TABLE unit_aliases (id INTEGER)`, `CREATE TABLE quarters (id INTEGER)`,
		`CREATE TABLE sections (id INTEGER)`, `CREATE TABLE scores (id INTEGER)`, `CREATE TABLE adjustments (id INTEGER)`,
		`CREATE TABLE commendations (id INTEGER)`, `CREATE TABLE audit (id INTEGER)`,
		`PRAGMA application_id = 42`, `PRAGMA user_version = 3`}
	for name, stmts := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "other.db")
			build(t, p, stmts...)
			before, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, onlyReads := range []bool{false, true} {
				_, err = Open(p, Options{Seed: true, OnlyReads: onlyReads})
				wantErr(t, err, model.ErrInvalid, "不是 starflag 数据库")
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("files left beside it: %v", entries)
			}
		})
	}
}

// TestBackupIsWholeOrAbsent: a backup is complete under its name, leaves no
// temporary file, never replaces a file, and Check passes over files named
// like backups that are not whole.
func TestBackupIsWholeOrAbsent(t *testing.T) {
	db := mustOpen(t)
	withSections(t, db, q1)
	ctx := context.Background()
	p, err := db.Backup(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := whole(ctx, p); err != nil {
		t.Fatalf("backup %s: %v", p, err)
	}
	if got := pragmaOf(t, p, "application_id"); got != strconv.Itoa(applicationID) {
		t.Errorf("backup's application_id = %s", got)
	}
	dir := filepath.Dir(db.Path())
	other := filepath.Join(dir, "其他.txt")
	if err := os.WriteFile(other, []byte("不要覆盖"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = db.Backup(ctx, other)
	wantErr(t, err, model.ErrConflict, "已存在")
	if b, _ := os.ReadFile(other); string(b) != "不要覆盖" {
		t.Error("backup replaced a file")
	}
	// Same second: the next backup gets the next free name.
	p2, err := db.Backup(ctx, "")
	if err != nil || p2 == p || !strings.HasSuffix(p2, "-2.db") {
		t.Fatalf("second backup in the same second: %s, %v", p2, err)
	}
	for _, name := range []string{"starflag-backup-20991231-000000.db", "starflag-backup-20991231-000001.db"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("SQLite format 3\x00partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".starflag") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	r, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.LatestBackup != p && r.LatestBackup != p2 {
		t.Errorf("Check names %q as the latest backup", r.LatestBackup)
	}
}

// TestLockTakesItsBackupFirst: the lock's backup is a whole copy holding
// the quarter's data; locking again takes another one.
func TestLockTakesItsBackupFirst(t *testing.T) {
	db := mustOpen(t)
	withSections(t, db, q1)
	ctx := context.Background()
	p1, err := db.Lock(ctx, q1, SourceCLI)
	if err != nil || p1 == "" {
		t.Fatalf("Lock: %q %v", p1, err)
	}
	p2, err := db.Lock(ctx, q1, SourceCLI)
	if err != nil || p2 == "" || p2 == p1 {
		t.Fatalf("Lock of a locked quarter: %q %v", p2, err)
	}
	for _, p := range []string{p1, p2} {
		if err := whole(ctx, p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := db.Lock(ctx, model.MustQuarter("2030Q1"), SourceCLI); err == nil {
		t.Error("Lock of a quarter without data succeeded")
	}
	if n := len(mustGlob(t, filepath.Join(filepath.Dir(db.Path()), "*-backup-*"))); n != 2 {
		t.Errorf("%d backups, want 2 (none for a refused lock)", n)
	}
}

func pragmaOf(t *testing.T, p, name string) string {
	t.Helper()
	c, err := sql.Open("sqlite", dsn(p, "mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var s string
	if err := c.QueryRow("PRAGMA " + name).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
