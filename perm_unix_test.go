//go:build unix

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// TestDatabaseAndBackupsArePrivate: with umask 0 (so the mode comes from
// starflag, not from the user's settings), the database and every backup
// hold scores and are 0600, and the default data folder it creates is 0700.
func TestDatabaseAndBackupsArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)

	dir := t.TempDir()
	db := demoFile(t, dir)
	private := func(p string) {
		t.Helper()
		wantPerm(t, p, 0o600)
	}
	private(db)
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

// TestExportsFollowTheUmask: exports are documents to share, so every file
// the command line or the dashboard exports is 0666 less the user's umask
// (0644 with umask 022, 0600 with 077), the DOCX documents, the kit and the
// rulebook file included, and -o --force over an existing file; the
// database beside them stays 0600.
func TestExportsFollowTheUmask(t *testing.T) {
	dir := t.TempDir()
	db := demoFile(t, dir)
	for _, umask := range []int{0o022, 0o077, 0o027} {
		want := os.FileMode(0o666 &^ umask)
		t.Run(fmt.Sprintf("umask %03o", umask), func(t *testing.T) {
			old := syscall.Umask(umask)
			defer syscall.Umask(old)
			out := t.TempDir()
			for _, f := range []string{"csv", "xlsx", "md", "txt", "html"} {
				p := filepath.Join(out, "排名."+f)
				mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q4", "--format", f, "-o", p)
				wantPerm(t, p, want)
			}
			for _, kind := range []string{"seats", "bulletin"} {
				p := filepath.Join(out, kind+".html")
				mustRun(t, "--db", db, "export", kind, "--quarter", "2023Q4", "--format", "html", "-o", p)
				wantPerm(t, p, want)
			}
			// The documents and the rulebook go through the same write.
			for name, args := range map[string][]string{
				"通报.docx":   {"export", "bulletin", "--quarter", "2023Q4", "--date", "2023-12-31"},
				"年度通报.docx": {"export", "bulletin", "--year", "2023", "--date", "2024-01-15"},
				"会议材料.docx": {"export", "kit", "--quarter", "2023Q4"},
				"会议材料.html": {"export", "kit", "--quarter", "2023Q4"},
				"考核办法.toml": {"rules", "export", "--quarter", "2023Q4"},
			} {
				p := filepath.Join(out, name)
				mustRun(t, append(append([]string{"--db", db}, args...), "-o", p)...)
				wantPerm(t, p, want)
			}
			// -o --force over an existing private file.
			p := filepath.Join(out, "旧文件.csv")
			if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRun(t, "--db", db, "export", "stars", "--quarter", "2023Q4", "-o", p, "--force")
			wantPerm(t, p, want)

			// The dashboard's x key writes into the folder starflag was started from.
			st, err := store.Open(db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, kind := range []model.ExportKind{model.ExportRanking, model.ExportSeats, model.ExportYear} {
				p, err := office.ExportInto(context.Background(), st, out, kind, model.MustQuarter("2023Q4"))
				if err != nil {
					t.Fatal(err)
				}
				wantPerm(t, p, want)
			}
			wantPerm(t, db, 0o600)
		})
	}
}

func wantPerm(t *testing.T, p string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s: mode %v, want %v", filepath.Base(p), fi.Mode().Perm(), want)
	}
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

// unprivileged is how the permission tests run the binary: as this user,
// or, when the tests run as root (whom permissions do not stop), as the
// unprivileged user nobody, with a home folder nobody owns. owned makes a
// file or folder belong to that user.
type unprivileged struct {
	cred *syscall.Credential // nil: this process's user
	home string
}

func newUnprivileged(t *testing.T) unprivileged {
	t.Helper()
	if os.Geteuid() != 0 {
		return unprivileged{home: t.TempDir()}
	}
	cred := &syscall.Credential{Uid: 65534, Gid: 65534} // nobody, nogroup
	if u, err := user.Lookup("nobody"); err == nil {
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	u := unprivileged{cred: cred}
	u.home = u.folder(t)
	return u
}

// folder is a new folder the user owns, in a folder everyone can reach (a
// test's temporary folder is private to root).
func (u unprivileged) folder(t *testing.T) string {
	t.Helper()
	if u.cred == nil {
		return t.TempDir()
	}
	parent, err := os.MkdirTemp("", "starflag-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(parent) })
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "d")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	u.owns(t, dir)
	return dir
}

// owns gives path to the user.
func (u unprivileged) owns(t *testing.T, path string) {
	t.Helper()
	if u.cred != nil {
		if err := os.Chown(path, int(u.cred.Uid), int(u.cred.Gid)); err != nil {
			t.Fatal(err)
		}
	}
}

// run runs the binary as the user, giving up after d.
func (u unprivileged) run(t *testing.T, d time.Duration, args ...string) result {
	t.Helper()
	return runWith(t, u.home, d, func(c *exec.Cmd) {
		if u.cred != nil {
			c.SysProcAttr = &syscall.SysProcAttr{Credential: u.cred}
		}
	}, args...)
}

// TestReadOnlyFileOrFolderIsRefused: starflag does not open a database it
// cannot write (it would fail at the first saved value); it says so, naming
// the file or folder, and changes nothing. As root, permissions do not stop
// writes, so the binary runs as nobody on files nobody owns, and a read-only
// tmpfs stands in for both too.
func TestReadOnlyFileOrFolderIsRefused(t *testing.T) {
	src := soundDB(t)
	check := func(t *testing.T, u unprivileged, dir, db, name string, words ...string) {
		before := dirState(t, dir)
		for _, args := range [][]string{{"check"}, {"import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv"}, {}} {
			r := u.run(t, 20*time.Second, append([]string{"--db", db}, args...)...)
			wantRefusal(t, r, name, append([]string{"未做任何改动"}, words...)...)
			sameDir(t, before, dirState(t, dir))
		}
	}
	for _, c := range []struct {
		name   string
		folder bool // the folder is read-only, else the file
	}{{"file without write permission", false}, {"folder without write permission", true}} {
		t.Run(c.name, func(t *testing.T) {
			u := newUnprivileged(t)
			dir := u.folder(t)
			db := filepath.Join(dir, "s.db")
			copyFile(t, src, db)
			u.owns(t, db)
			readOnly, mode := db, os.FileMode(0o400)
			if c.folder {
				readOnly, mode = dir, 0o500
				t.Cleanup(func() { os.Chmod(dir, 0o700) })
			}
			if err := os.Chmod(readOnly, mode); err != nil {
				t.Fatal(err)
			}
			check(t, u, dir, db, readOnly, "没有写入权限")
		})
	}
	t.Run("read-only file system", func(t *testing.T) {
		dir := mountTmpfs(t, "4m")
		db := filepath.Join(dir, "s.db")
		copyFile(t, src, db)
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot remount read-only: %v %s", err, out)
		}
		check(t, unprivileged{home: t.TempDir()}, dir, db, db, "只读")
		// A new database cannot be created there either.
		r := runFor(t, 20*time.Second, "--db", filepath.Join(dir, "new.db"), "check")
		wantRefusal(t, r, filepath.Join(dir, "new.db"), "只读")
	})
}
