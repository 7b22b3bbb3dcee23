package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fillTo writes a filler file into the file system of dir until about free
// bytes are left on it.
func fillTo(t *testing.T, dir string, free int64) {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	n := int64(st.Bavail)*int64(st.Bsize) - free
	if n <= 0 {
		t.Fatalf("only %d bytes free, want %d", int64(st.Bavail)*int64(st.Bsize), free)
	}
	if err := os.WriteFile(filepath.Join(dir, "填充"), make([]byte, n), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestFullDiskIsNotReportedAsDamage: with 4 KB free on the database's file
// system (a tmpfs; root only), every command says the disk is full, not that
// the database is damaged, and leaves the folder as it was.
func TestFullDiskIsNotReportedAsDamage(t *testing.T) {
	src := soundDB(t)
	dir := mountTmpfs(t, "1m")
	db := filepath.Join(dir, "s.db")
	copyFile(t, src, db)
	fillTo(t, dir, 4096)
	everyCommandRefuses(t, dir, db, within20s(t), func(r result) {
		notDamage(t, r, dir, "磁盘已满", "未做任何改动")
	})
}

// TestLockOnAFullDiskIsLockedOnlyWithItsBackup: when the backup of a lock
// does not fit on the disk (root only), the quarter is not locked, the
// message says exactly that, and no partial backup is left.
func TestLockOnAFullDiskIsLockedOnlyWithItsBackup(t *testing.T) {
	src := soundDB(t)
	big := filepath.Join(t.TempDir(), "big.csv")
	bigImportFile(t, big, 5000, 2)
	mustRun(t, "--db", src, "import", "--add-units", "--quarter", "2023Q2", big)
	dir := mountTmpfs(t, "16m")
	db := filepath.Join(dir, "s.db")
	copyFile(t, src, db)
	fi, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	fillTo(t, dir, 256<<10) // room to open and lock, not for a backup
	if fi.Size() < 1<<20 {
		t.Fatalf("the database is %d bytes, too small for the test", fi.Size())
	}
	r := runFor(t, 30*time.Second, "--db", db, "lock", "--quarter", "2023Q1")
	wantRefusal(t, r, dir, "磁盘已满", "没有定稿")
	if strings.Contains(r.stderr, "没有保存") || strings.Contains(r.stderr, "已定稿，") {
		t.Errorf("the message contradicts itself: %q", r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "backup") {
			t.Errorf("a partial backup was left: %s", e.Name())
		}
	}
	if err := os.Remove(filepath.Join(dir, "填充")); err != nil {
		t.Fatal(err)
	}
	r = mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	if !strings.Contains(r.stdout, "2023Q1 已定稿") || strings.Contains(r.stdout, "已经定稿") {
		t.Errorf("the quarter was locked by the failed lock: %q", r.stdout)
	}
}
