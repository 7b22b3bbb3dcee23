//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDatabaseMustBeARegularFile: a FIFO (which would block the first read)
// given as the database is refused at once and untouched, and so is a
// device node (which left a -journal behind): starflag opens only regular
// files, or creates one.
func TestDatabaseMustBeARegularFile(t *testing.T) {
	makers := map[string]func(p string) error{
		"fifo": func(p string) error { return syscall.Mkfifo(p, 0o600) },
	}
	if os.Geteuid() == 0 {
		makers["character device"] = func(p string) error {
			return syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3) // what /dev/null is
		}
	}
	for name, mk := range makers {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "库.db")
			if err := mk(p); err != nil {
				t.Skipf("cannot make a %s: %v", name, err)
			}
			everyCommandRefuses(t, dir, p, within20s(t), func(r result) {
				wantRefusal(t, r, p, "不是普通文件", "未做任何改动")
			})
		})
	}
}

// TestExportWritesNoSpecialFile: export -o onto a FIFO (or, as root, a
// device node) is refused, even with --force, and the node stays what it was.
func TestExportWritesNoSpecialFile(t *testing.T) {
	db := soundDB(t)
	dir := t.TempDir()
	nodes := map[string]func(p string) error{
		"pipe.csv": func(p string) error { return syscall.Mkfifo(p, 0o600) },
	}
	if os.Geteuid() == 0 {
		nodes["null.csv"] = func(p string) error { return syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3) }
	}
	for name, mk := range nodes {
		p := filepath.Join(dir, name)
		if err := mk(p); err != nil {
			t.Fatal(err)
		}
		before := stateOf(t, p)
		r := runFor(t, 20*time.Second, "--db", db, "export", "ranking", "--quarter", "2023Q1", "-o", p, "--force")
		wantRefusal(t, r, p, "不是普通文件")
		before.same(t, p)
	}
}

// withFileLimit runs the binary under `ulimit -f blocks` (512-byte blocks):
// a write past the limit fails with EFBIG (Go ignores SIGXFSZ).
func withFileLimit(t *testing.T, blocks int, args ...string) result {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", `ulimit -f ` + strconv.Itoa(blocks) + ` && exec "$0" "$@"`, binary}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "STARFLAG_DB=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		if !ee.Exited() {
			t.Fatalf("%v was killed by a signal: %v", args, ee)
		}
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// notDamage checks that a refusal on a full disk says so, and does not call
// the database damaged (whose advice, restoring a backup, loses data).
func notDamage(t *testing.T, r result, want string, words ...string) {
	t.Helper()
	wantRefusal(t, r, want, words...)
	for _, bad := range []string{"已损坏", "用备份恢复"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("a full disk is reported as damage: %q", r.stderr)
		}
	}
}

// TestFileSizeLimitIsNotReportedAsDamage: under a file size limit too small
// for starflag's working files, every command says so (not "damaged") and
// leaves the folder as it was.
func TestFileSizeLimitIsNotReportedAsDamage(t *testing.T) {
	src := soundDB(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	copyFile(t, src, db)
	limited := func(args ...string) result { return withFileLimit(t, 16, args...) }
	everyCommandRefuses(t, dir, db, limited, func(r result) {
		notDamage(t, r, dir, "超出文件大小限制", "未做任何改动")
	})
}

// TestFileNamesAreEchoedSafely: a file name carrying terminal escapes (a
// title change, a screen clear) is cleaned wherever starflag echoes it: the
// database, backups, exports, the demo file, and errors naming a file.
func TestFileNamesAreEchoedSafely(t *testing.T) {
	evil := "\x1b]0;标题\x07\x1b[2J"
	dir := t.TempDir()
	db := filepath.Join(dir, "考核"+evil+".db")
	runs := []result{
		mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv"),
		mustRun(t, "--db", db, "backup"),
		mustRun(t, "--db", db, "backup", "-o", filepath.Join(dir, "备份"+evil+".db")),
		mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1", "-o", filepath.Join(dir, "排名"+evil+".csv")),
		mustRun(t, "--db", db, "lock", "--quarter", "2023Q1"),
		mustRun(t, "demo", "--units", "3", "--years", "1", "-o", filepath.Join(dir, "演示"+evil+".db")),
		starflag(t, "--db", filepath.Join(dir, "无"+evil, "x.db"), "check"),
		starflag(t, "--db", db, "import", "--quarter", "2023Q2", filepath.Join(dir, "无"+evil+".csv")),
		starflag(t, "--db", db, "export", "ranking", "--quarter", "2023Q1", "-o", filepath.Join(dir, "无"+evil, "x.csv")),
	}
	// A complete backup named with the escapes, newest of all: check lists it.
	bak := backups(t, db)
	if len(bak) == 0 {
		t.Fatal("no backup taken")
	}
	named := filepath.Join(dir, "考核"+evil+"-backup-"+evil+".db")
	copyFile(t, bak[0], named)
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(named, future, future); err != nil {
		t.Fatal(err)
	}
	check := mustRun(t, "--db", db, "check")
	if !strings.Contains(check.stdout, "最近备份：") || !strings.Contains(check.stdout, "数据库：") {
		t.Errorf("check: %q", check.stdout)
	}
	for i, r := range append(runs, check) {
		for _, out := range []string{r.stdout, r.stderr} {
			if strings.ContainsAny(out, "\x1b\x07") {
				t.Errorf("run %d echoes an escape: %q", i, out)
			}
		}
	}
}
