//go:build unix

package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs the test body with umask 0, so that a private mode can only
// come from the code that creates the file, never from the user's umask.
func withUmask(t *testing.T) {
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
}

func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s: mode %v, want %v", filepath.Base(path), got, want)
	}
}

// TestFilesArePrivate: the database (with its -wal and -shm files) and every
// backup hold scores, so they are created 0600; the default data folder 0700.
func TestFilesArePrivate(t *testing.T) {
	withUmask(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "starflag.db")
	db, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateQuarter(ctx, q1, SourceSetup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if _, err := os.Stat(p); err == nil {
			wantMode(t, p, 0o600)
		} else if p == path {
			t.Fatal(err)
		}
	}
	auto, err := db.Backup(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	wantMode(t, auto, 0o600)
	named, err := db.Backup(ctx, filepath.Join(dir, "手动备份.db"))
	if err != nil {
		t.Fatal(err)
	}
	wantMode(t, named, 0o600)
	locked, err := db.Lock(ctx, q1, SourceSetup)
	if err != nil || locked == "" {
		t.Fatalf("Lock: %q, %v", locked, err)
	}
	wantMode(t, locked, 0o600)

	// The default folder.
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	def, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Dir(def)); !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("data folder mode %v, want drwx------", fi.Mode())
	}
	ddb, err := Open(def, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	ddb.Close()
	wantMode(t, def, 0o600)
}
