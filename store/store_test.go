package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"starflag/model"
)

var (
	ctx     = context.Background()
	testNow = time.Date(2023, 12, 31, 23, 59, 59, 0, time.FixedZone("CST", 8*3600))
	q1      = model.MustQuarter("2023Q1")
	q2      = model.MustQuarter("2023Q2")
)

func testOptions() Options {
	return Options{Seed: true, Clock: func() time.Time { return testNow }}
}

// mustOpen opens a new seeded database file in a temporary folder.
func mustOpen(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "starflag.db"), testOptions())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openAt opens a database at path with only the first v migrations, as
// the starflag of schema version v did; opening it again migrates it.
func openAt(t *testing.T, path string, v int) *DB {
	t.Helper()
	saved := migrations
	migrations = saved[:v]
	defer func() { migrations = saved }()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func reopen(t *testing.T, db *DB) *DB {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	db2, err := Open(db.Path(), testOptions())
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { db2.Close() })
	return db2
}

func h(s string) *model.Hundredths {
	v, err := model.ParseHundredths(s)
	if err != nil {
		panic(err)
	}
	return &v
}

// withSections creates q, which (as the first quarter of a new database)
// gets the three default sections, and returns them.
func withSections(t testing.TB, db *DB, q model.Quarter) []model.Section {
	t.Helper()
	if err := db.CreateQuarter(ctx, q, SourceSetup); err != nil {
		t.Fatalf("CreateQuarter: %v", err)
	}
	d, err := db.QuarterData(ctx, q)
	if err != nil || len(d.Sections) != len(model.DefaultSectionNames) {
		t.Fatalf("QuarterData: %d sections, %v", len(d.Sections), err)
	}
	return d.Sections
}

// firstItem is q's first adjustment item (the default one of a new
// database), creating q when needed.
func firstItem(t testing.TB, db *DB, q model.Quarter) model.Adjustment {
	t.Helper()
	if err := db.CreateQuarter(ctx, q, SourceSetup); err != nil {
		t.Fatalf("CreateQuarter: %v", err)
	}
	d, err := db.QuarterData(ctx, q)
	if err != nil || len(d.Adjustments) == 0 {
		t.Fatalf("QuarterData: %d adjustment items, %v", len(d.Adjustments), err)
	}
	return d.Adjustments[0]
}

func units(t testing.TB, db *DB) []model.Unit {
	t.Helper()
	us, err := db.ListUnits(ctx)
	if err != nil {
		t.Fatalf("ListUnits: %v", err)
	}
	return us
}

func audit(t *testing.T, db *DB) []AuditEntry {
	t.Helper()
	es, err := db.ListAudit(ctx, 0)
	if err != nil {
		t.Fatalf("ListAudit: %v", err)
	}
	return es
}

func wantErr(t *testing.T, err, kind error, text string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error = %v, want %v", err, kind)
	}
	if !strings.Contains(err.Error(), text) {
		t.Fatalf("error = %q, want it to contain %q", err, text)
	}
}

func pragma(t *testing.T, db *DB, name string) string {
	t.Helper()
	var s string
	if err := db.w.QueryRow("PRAGMA " + name).Scan(&s); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return s
}

func TestMigrationsFromEmpty(t *testing.T) {
	db := mustOpen(t)
	if got := pragma(t, db, "user_version"); got != strconv.Itoa(SchemaVersion) || len(migrations) != SchemaVersion {
		t.Fatalf("user_version = %s, migrations = %d, SchemaVersion = %d", got, len(migrations), SchemaVersion)
	}
	for _, table := range []string{"units", "unit_aliases", "quarters", "sections", "scores", "adjustments", "commendations", "audit"} {
		var n int
		if err := db.w.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: n = %d, err = %v", table, n, err)
		}
	}
}

func TestSeedUnits(t *testing.T) {
	us := units(t, mustOpen(t))
	want := model.QingdaoUnits()
	if len(us) != len(want) {
		t.Fatalf("got %d units, want %d", len(us), len(want))
	}
	for i := range want {
		if us[i].Name != want[i].Name || us[i].Short != want[i].Short || us[i].Order != want[i].Order ||
			strings.Join(us[i].Aliases, ",") != strings.Join(want[i].Aliases, ",") {
			t.Errorf("unit %d = %+v, want %+v", i, us[i], want[i])
		}
	}
}

func TestPragmas(t *testing.T) {
	db := mustOpen(t)
	for _, pool := range []struct {
		name string
		run  func(string) (string, error)
	}{
		{"writer", func(p string) (s string, err error) { err = db.w.QueryRow("PRAGMA " + p).Scan(&s); return }},
		{"reader", func(p string) (s string, err error) { err = db.r.QueryRow("PRAGMA " + p).Scan(&s); return }},
	} {
		for p, want := range map[string]string{"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "5000", "synchronous": "1"} {
			if got, err := pool.run(p); err != nil || got != want {
				t.Errorf("%s: PRAGMA %s = %q, %v; want %q", pool.name, p, got, err, want)
			}
		}
	}
}

func TestReopenKeepsData(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	u := units(t, db)[0]
	if err := db.SetScore(ctx, q1, u.ID, secs[0].ID, h("92.5"), SourceEntry); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Scores[model.ScoreKey{Unit: u.ID, Section: secs[0].ID}]; got != 9250 || len(d.Sections) != 3 || len(d.Units) != 10 {
		t.Fatalf("after reopen: score %v, %d sections, %d units", got, len(d.Sections), len(d.Units))
	}
	if n := len(units(t, db)); n != 10 {
		t.Fatalf("reopen seeded again: %d units", n)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	db := mustOpen(t)
	if _, err := db.w.Exec(`PRAGMA user_version = 99`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(db.Path(), testOptions())
	wantErr(t, err, model.ErrInvalid, "由更新版本的 starflag 创建")
}

func TestOpenRefusesNotSQLite(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.db")
	content := []byte("区市,经济运行\n市南区,95\n")
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(p, testOptions())
	wantErr(t, err, model.ErrInvalid, "不是 SQLite 文件")
	if b, _ := os.ReadFile(p); !bytes.Equal(b, content) {
		t.Fatalf("file changed: %q", b)
	}
	if _, err := os.Stat(p + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a -wal file appeared: %v", err)
	}
}

func TestOpenRefusesCorrupt(t *testing.T) {
	db := mustOpen(t)
	withSections(t, db, q1)
	p := db.Path()
	db.Close() // checkpoints the WAL into the file
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Keep the header, scramble page 2 onward (the schema's tables).
	pageSize := int(b[16])<<8 | int(b[17])
	for i := pageSize; i < len(b); i++ {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(p, testOptions())
	wantErr(t, err, model.ErrInvalid, "已损坏")
	if after, _ := os.ReadFile(p); !bytes.Equal(after, b) {
		t.Fatal("corrupt file was changed")
	}
}

// TestOnlyReadsSkipsQuickCheckButNotDamage: a reading command (export)
// opens without the whole-file quick_check, yet a damaged file is still
// refused (at open, or at the first read that reaches the damage) and never
// changed.
func TestOnlyReadsSkipsQuickCheckButNotDamage(t *testing.T) {
	// Eight quarters of history: the pages a read of the first quarter
	// needs are not the last ones of the file.
	sound, err := Open(filepath.Join(t.TempDir(), "starflag.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := sound.LoadDemo(ctx, model.Demo(1)); err != nil {
		t.Fatal(err)
	}
	first := model.MustQuarter("2022Q1")
	sound.Close() // checkpoints the WAL into the file
	good, err := os.ReadFile(sound.Path())
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(good[16])<<8 | int(good[17])
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated by one page", func(b []byte) []byte { return b[:len(b)-pageSize] }},
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2/pageSize*pageSize] }},
		{"pages after the first scrambled", func(b []byte) []byte {
			for i := pageSize; i < len(b); i++ {
				b[i] ^= 0x5a
			}
			return b
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "starflag.db")
			bad := tc.damage(bytes.Clone(good))
			if err := os.WriteFile(p, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := Open(p, Options{OnlyReads: true})
			if err == nil {
				_, err = db.Result(ctx, first)
				db.Close()
			}
			if err == nil || !strings.Contains(err.Error(), "已损坏") {
				t.Fatalf("error = %v, want 已损坏", err)
			}
			if after, _ := os.ReadFile(p); !bytes.Equal(after, bad) {
				t.Fatal("damaged file was changed")
			}
		})
	}
	p := filepath.Join(t.TempDir(), "starflag.db")
	if err := os.WriteFile(p, good, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(p, Options{OnlyReads: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if res, err := db.Result(ctx, first); err != nil || len(res.Standings) != 10 || res.Standings[0].Rank != 1 {
		t.Fatalf("sound file: %v, %+v", err, res.Standings)
	}
}

func TestOpenRefusesOtherSQLite(t *testing.T) {
	db := mustOpen(t)
	p := filepath.Join(filepath.Dir(db.Path()), "other.db")
	if _, err := db.r.Exec(`VACUUM INTO ?`, p); err != nil {
		t.Fatal(err)
	}
	other, err := Open(p, testOptions()) // a starflag copy opens fine
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.w.Exec(`PRAGMA user_version = 0`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	_, err = Open(p, testOptions())
	wantErr(t, err, model.ErrInvalid, "不是 starflag 数据库")
}

func TestOpenRefusesMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	_, err := Open(filepath.Join(dir, "starflag.db"), testOptions())
	wantErr(t, err, model.ErrNotFound, "数据库所在文件夹不存在："+dir)
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("folder was created")
	}
}

func TestNewFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	db := mustOpen(t)
	fi, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if m := fi.Mode().Perm(); m != 0o600 {
		t.Fatalf("mode = %v, want 0600", m)
	}
}

func TestPathNeedsEscaping(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "考核 #1?%20")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Skipf("file system refuses the name: %v", err)
	}
	p := filepath.Join(dir, "a b.db")
	db, err := Open(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("database not at %s: %v", p, err)
	}
	if len(units(t, db)) != 10 {
		t.Fatal("not seeded")
	}
}

func TestMigrationTakesBackup(t *testing.T) {
	db := mustOpen(t)
	withSections(t, db, q1)
	db.Close()

	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(append([]string{}, saved...), `ALTER TABLE units ADD COLUMN note TEXT NOT NULL DEFAULT ''`)

	db2, err := Open(db.Path(), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if v := pragma(t, db2, "user_version"); v != strconv.Itoa(SchemaVersion+1) {
		t.Fatalf("user_version = %s", v)
	}
	backup := filepath.Join(filepath.Dir(db.Path()), "starflag-backup-20231231-235959.db")
	migrations = saved
	old, err := Open(backup, testOptions())
	if err != nil {
		t.Fatalf("backup before migration: %v", err)
	}
	defer old.Close()
	if v := pragma(t, old, "user_version"); v != strconv.Itoa(SchemaVersion) {
		t.Fatalf("backup user_version = %s", v)
	}
}

func TestLoadMigrationsNeedsNumbers(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a gap in migration numbers did not panic")
		}
	}()
	loadMigrations(fstest.MapFS{"migrations/0001_a.sql": {}, "migrations/0003_b.sql": {}})
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG is Linux only")
	}
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	p, err := DefaultPath()
	if err != nil || p != filepath.Join(dir, "starflag", "starflag.db") {
		t.Fatalf("DefaultPath = %q, %v", p, err)
	}
	if fi, err := os.Stat(filepath.Dir(p)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("folder: %v %v", fi, err)
	}
}

func TestDataVersion(t *testing.T) {
	db := mustOpen(t)
	v1, err := db.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.DataVersion(ctx); v != v1 {
		t.Fatalf("changed without a commit: %d → %d", v1, v)
	}
	withSections(t, db, q1)
	if v, _ := db.DataVersion(ctx); v == v1 {
		t.Fatal("unchanged after a commit")
	}
}
