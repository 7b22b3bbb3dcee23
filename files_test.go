package main

import (
	"bytes"
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"starflag/office/officetest"
	"starflag/store"
)

// Tests of the file promises (README, Reliability): what export, backup
// and lock write, and which files starflag opens as its database.

// fileState is a file as a before/after comparison sees it: its kind, its
// identity and, for a regular file, its bytes (a -shm file's bytes change
// with every reader, so its identity stands for them).
type fileState struct {
	fi    os.FileInfo
	bytes []byte
}

func stateOf(t *testing.T, p string) fileState {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	s := fileState{fi: fi}
	if fi.Mode().IsRegular() && !strings.HasSuffix(p, "-shm") {
		if s.bytes, err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func (s fileState) same(t *testing.T, p string) {
	t.Helper()
	fi, err := os.Lstat(p)
	switch {
	case err != nil:
		t.Errorf("%s is gone: %v", p, err)
	case !os.SameFile(s.fi, fi) || fi.Mode().Type() != s.fi.Mode().Type():
		t.Errorf("%s was replaced (%v → %v)", p, s.fi.Mode(), fi.Mode())
	case s.bytes != nil:
		if b, _ := os.ReadFile(p); !bytes.Equal(b, s.bytes) {
			t.Errorf("%s was changed (%d bytes → %d)", p, len(s.bytes), len(b))
		}
	}
}

// everyCommand is one command of each kind that opens the database.
var everyCommand = [][]string{
	{"check"},
	{"export", "ranking", "--quarter", "2023Q1"},
	{"import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv"},
	{"lock", "--quarter", "2023Q1"},
	{"backup"},
	{}, // the dashboard refuses before the terminal is touched
}

// everyCommandRefuses runs every command on db (through run: runFor, or a
// wrapper adding limits) and checks each answer with refused, and that the
// database's folder dir is byte for byte as before.
func everyCommandRefuses(t *testing.T, dir, db string, run func(args ...string) result, refused func(r result)) {
	t.Helper()
	before := dirState(t, dir)
	for _, args := range everyCommand {
		refused(run(append([]string{"--db", db}, args...)...))
		sameDir(t, before, dirState(t, dir))
	}
}

// within20s runs the binary like runFor, giving up after 20 s.
func within20s(t *testing.T) func(args ...string) result {
	return func(args ...string) result { return runFor(t, 20*time.Second, args...) }
}

// backups lists the files beside db named like its automatic backups.
func backups(t *testing.T, db string) []string {
	t.Helper()
	prefix := strings.TrimSuffix(filepath.Base(db), filepath.Ext(db)) + "-backup-"
	entries, err := os.ReadDir(filepath.Dir(db))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && strings.HasSuffix(e.Name(), ".db") {
			out = append(out, filepath.Join(filepath.Dir(db), e.Name()))
		}
	}
	return out
}

// newBackup runs args (a backup or lock of db) and returns the one backup
// file it added beside db, which its output must name.
func newBackup(t *testing.T, db string, args ...string) (string, result) {
	t.Helper()
	before := backups(t, db)
	r := mustRun(t, append([]string{"--db", db}, args...)...)
	var added []string
	for _, p := range backups(t, db) {
		if !slices.Contains(before, p) {
			added = append(added, p)
		}
	}
	if len(added) != 1 {
		t.Fatalf("%v added backups %v, want one; stdout %q", args, added, r.stdout)
	}
	if !strings.Contains(r.stdout, added[0]) {
		t.Errorf("%v took %s but says %q", args, added[0], r.stdout)
	}
	return added[0], r
}

// soundCopy fails unless p is a complete SQLite database (PRAGMA quick_check).
func soundCopy(t *testing.T, p string) {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+p+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var ok string
	if err := c.QueryRow(`PRAGMA quick_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("%s is not a complete database: %q %v", filepath.Base(p), ok, err)
	}
}

// TestExportNeverReplacesTheDatabaseOrABackup: export -o never replaces the
// database, whatever path reaches it (the same name, ./, a symlink, a hard
// link), its -wal/-shm files or a backup, not even with --force; it replaces
// an existing file only with --force, and only a regular one.
func TestExportNeverReplacesTheDatabaseOrABackup(t *testing.T) {
	db := soundDB(t)
	dir := filepath.Dir(db)
	auto, _ := newBackup(t, db, "backup")
	elsewhere := filepath.Join(t.TempDir(), "留底.db")
	mustRun(t, "--db", db, "backup", "-o", elsewhere)
	// Held open, so that the -wal and -shm files exist.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	export := func(out string, force bool) result {
		args := []string{"--db", db, "export", "ranking", "--quarter", "2023Q1", "-o", out}
		if force {
			args = append(args, "--force")
		}
		return starflag(t, args...)
	}
	dotted := dir + string(filepath.Separator) + "." + string(filepath.Separator) + filepath.Base(db)
	for _, out := range []string{db, dotted, link, hard, db + "-wal", db + "-shm", auto, elsewhere} {
		for _, force := range []bool{false, true} {
			before := stateOf(t, out)
			r := export(out, force)
			wantRefusal(t, r, out, "未做任何改动")
			before.same(t, out)
		}
	}
	soundCopy(t, auto)

	old := filepath.Join(dir, "旧.csv")
	if err := os.WriteFile(old, []byte("旧内容"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, old)
	wantRefusal(t, export(old, false), old, "已存在", "--force")
	before.same(t, old)
	mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1", "-o", old, "--force")
	if b, _ := os.ReadFile(old); !bytes.Contains(b, []byte("区市")) {
		t.Errorf("--force did not replace the old file: %q", b)
	}

	// Not a regular file, even with --force: a folder, a link to a file.
	sub := filepath.Join(dir, "文件夹")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	oldLink := filepath.Join(dir, "链接.csv")
	if err := os.Symlink(old, oldLink); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{sub, oldLink} {
		before, target := stateOf(t, out), stateOf(t, old)
		wantRefusal(t, export(out, true), out, "未做任何改动")
		before.same(t, out)
		target.same(t, old)
	}

	// A new file is written, and the folder holds nothing else new.
	fresh := filepath.Join(dir, "新.csv")
	mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1", "-o", fresh)
	if entries, _ := os.ReadDir(dir); slices.ContainsFunc(entries, func(e os.DirEntry) bool {
		return strings.HasPrefix(e.Name(), ".starflag")
	}) {
		t.Errorf("a temporary file was left behind: %v", entries)
	}
}

// TestCheckNamesOnlyCompleteBackups: an empty or partial file named like a
// backup (what a killed backup of an earlier version left) is never named as
// the newest backup, however new it is.
func TestCheckNamesOnlyCompleteBackups(t *testing.T) {
	db := soundDB(t)
	good, _ := newBackup(t, db, "backup")
	soundCopy(t, good)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	for name, data := range map[string][]byte{"s-backup-20991231-235958.db": nil, "s-backup-20991231-235959.db": b[:len(b)/2]} {
		p := filepath.Join(filepath.Dir(db), name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, future, future); err != nil {
			t.Fatal(err)
		}
	}
	r := mustRun(t, "--db", db, "check")
	if !strings.Contains(r.stdout, "最近备份："+good+"（") {
		t.Errorf("check names another backup than %s:\n%s", good, r.stdout)
	}
}

// TestKilledBackupLeavesNoPartialBackup kills `backup` and `lock` of the
// 20-year database at random moments: every file named like a backup is a
// complete database, and check names a complete one.
func TestKilledBackupLeavesNoPartialBackup(t *testing.T) {
	db := officetest.CopyBigDB(t)
	start := time.Now()
	first, _ := newBackup(t, db, "backup")
	took := time.Since(start)
	kills := 12
	if testing.Short() {
		kills = 4
	}
	rng := rand.New(rand.NewPCG(11, 6))
	for i := range kills {
		args := []string{"--db", db, "backup"}
		if i%2 == 1 {
			args = []string{"--db", db, "lock", "--quarter", "2010Q1"}
		}
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "STARFLAG_DB=")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took))))
		cmd.Process.Kill()
		cmd.Wait()
	}
	for _, p := range backups(t, db) {
		soundCopy(t, p)
	}
	partial, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".starflag-tmp-*"))
	t.Logf("%d kills (a backup takes %v): %d complete backups, %d partial copies left under temporary names",
		kills, took.Round(time.Millisecond), len(backups(t, db)), len(partial))
	// The next backup removes copies left untouched for a while.
	hourAgo := time.Now().Add(-time.Hour)
	for _, p := range partial {
		if err := os.Chtimes(p, hourAgo, hourAgo); err != nil {
			t.Fatal(err)
		}
	}
	newBackup(t, db, "backup")
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".starflag-tmp-*")); len(left) > 0 {
		t.Errorf("stale temporary copies were not removed: %v", left)
	}
	r := mustRun(t, "--db", db, "check")
	if !strings.Contains(r.stdout, "最近备份：") || strings.Contains(r.stdout, "最近备份：无") {
		t.Errorf("check names no backup (%s was taken):\n%s", first, r.stdout)
	}
}

// TestLockAgainTakesABackupAndSaysSo: lock on a locked quarter says it was
// locked already and still takes (and names) a backup.
func TestLockAgainTakesABackupAndSaysSo(t *testing.T) {
	db := soundDB(t)
	p1, r := newBackup(t, db, "lock", "--quarter", "2023Q1")
	if !strings.Contains(r.stdout, "2023Q1 已定稿") {
		t.Errorf("lock: %q", r.stdout)
	}
	p2, r := newBackup(t, db, "lock", "--quarter", "2023Q1")
	if !strings.Contains(r.stdout, "已经定稿") {
		t.Errorf("lock of a locked quarter does not say so: %q", r.stdout)
	}
	soundCopy(t, p1)
	soundCopy(t, p2)
}

// TestForeignSQLiteWithVersionIsRefusedUntouched: another program's SQLite
// file is refused byte for byte untouched whatever its user_version, and so
// is a file with starflag's tables but another program's application_id.
func TestForeignSQLiteWithVersionIsRefusedUntouched(t *testing.T) {
	sound, err := os.ReadFile(soundDB(t))
	if err != nil {
		t.Fatal(err)
	}
	execSQL := func(t *testing.T, p string, stmts ...string) {
		t.Helper()
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
	cases := map[string]func(t *testing.T, p string){}
	for _, v := range []string{"1", "2", "3"} {
		cases["notes with user_version "+v] = func(t *testing.T, p string) {
			execSQL(t, p, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`, `INSERT INTO notes (body) VALUES ('会议纪要')`,
				`PRAGMA user_version = `+v)
		}
	}
	cases["starflag's tables, another application_id"] = func(t *testing.T, p string) {
		if err := os.WriteFile(p, sound, 0o600); err != nil {
			t.Fatal(err)
		}
		execSQL(t, p, `PRAGMA application_id = 42`)
	}
	for name, build := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "other.db")
			build(t, p)
			everyCommandRefuses(t, dir, p, within20s(t), func(r result) {
				wantRefusal(t, r, p, "不是 starflag 数据库", "未做任何改动")
			})
		})
	}
}

// TestDatabaseIsAFileOrNothing: a folder given as the database is refused
// untouched (the FIFO and the device are in files_unix_test.go).
func TestDatabaseIsAFileOrNothing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "库.db")
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	everyCommandRefuses(t, dir, p, within20s(t), func(r result) {
		wantRefusal(t, r, p, "不是普通文件", "未做任何改动")
	})
}
