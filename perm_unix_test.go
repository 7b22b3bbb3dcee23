//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// TestExportsAndBackupsArePrivate: with umask 0 (so the mode comes from
// starflag, not from the user's settings), every file holding scores that
// the command line or the dashboard writes is 0600, and the default data
// folder it creates is 0700.
func TestExportsAndBackupsArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadDemo(context.Background(), model.Demo(demoSeed)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	private := func(p string) {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	private(db)
	for _, f := range []string{"csv", "xlsx", "md", "txt", "html"} {
		out := filepath.Join(dir, "排名."+f)
		mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q4", "--format", f, "-o", out)
		private(out)
	}
	for _, kind := range []string{"seats", "bulletin"} {
		out := filepath.Join(dir, kind+".html")
		mustRun(t, "--db", db, "export", kind, "--quarter", "2023Q4", "--format", "html", "-o", out)
		private(out)
	}
	// -o --force over an existing world-readable file leaves a private file.
	out := filepath.Join(dir, "旧文件.csv")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", db, "export", "stars", "--quarter", "2023Q4", "-o", out, "--force")
	private(out)

	backup := filepath.Join(dir, "备份.db")
	mustRun(t, "--db", db, "backup", "-o", backup)
	private(backup)
	r := mustRun(t, "--db", db, "lock", "--quarter", "2023Q4")
	entries, _ := os.ReadDir(dir)
	found := false
	for _, e := range entries {
		if strings.Contains(e.Name(), "-backup-") {
			found = true
			private(filepath.Join(dir, e.Name()))
		}
	}
	if !found {
		t.Errorf("lock took no backup beside the database: %s %v", r.stdout, entries)
	}

	// The dashboard's x key writes into the folder starflag was started from.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, kind := range []model.ExportKind{model.ExportRanking, model.ExportSeats, model.ExportYear} {
		p, err := office.ExportInto(context.Background(), st, dir, kind, model.MustQuarter("2023Q4"))
		if err != nil {
			t.Fatal(err)
		}
		private(p)
	}

	// The default database in a fresh home: folder 0700, file 0600.
	home := t.TempDir()
	cmd := starflagIn(t, home, "check")
	if cmd.code != 0 {
		t.Fatalf("check on the default database: %d %s", cmd.code, cmd.stderr)
	}
	folder := filepath.Join(home, "data", "starflag")
	if fi, err := os.Stat(folder); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("data folder %s: %v, %v; want 0700", folder, fi.Mode(), err)
	}
	private(filepath.Join(folder, "starflag.db"))
}

// starflagIn runs the binary with HOME (and the XDG folders) in home.
func starflagIn(t *testing.T, home string, args ...string) result {
	t.Helper()
	return runIn(t, home, 0, args...)
}

// TestNeverNeedsRoot: no code changes file ownership or user, or looks at
// whether it runs as root; every file starflag writes is in folders the
// user owns (the data folder, beside the database, -o, the working folder).
func TestNeverNeedsRoot(t *testing.T) {
	forbidden := []string{"os.Chown", "os.Lchown", ".Chown(", "syscall.Setuid", "syscall.Setgid", "syscall.Chroot",
		"os.Getuid", "os.Geteuid", "unix.Set", "/etc/", "/var/lib", "/usr/local"}
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != "." || d.Name() == "testdata" || d.Name() == "dist") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, f := range forbidden {
			if strings.Contains(string(src), f) {
				t.Errorf("%s uses %s", p, f)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
