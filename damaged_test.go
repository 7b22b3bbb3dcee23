package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// soundDB is a fresh database holding 2023Q1 of testdata/cli, closed (its
// WAL checkpointed into the file), in its own folder.
func soundDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	return db
}

// runFor runs the binary like starflag() but gives up after d.
func runFor(t *testing.T, d time.Duration, args ...string) result {
	t.Helper()
	return runIn(t, t.TempDir(), d, args...)
}

// dirState is every file in dir with its bytes (a special file, a folder or
// a link with its kind).
func dirState(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() { // a FIFO would block a read: its kind stands for its bytes
			m[e.Name()] = []byte(e.Type().String())
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = b
	}
	return m
}

func sameDir(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for name, b := range before {
		if a, ok := after[name]; !ok {
			t.Errorf("%s was removed", name)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s was changed (%d bytes → %d)", name, len(b), len(a))
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was left behind", name)
		}
	}
}

// wantRefusal checks a refusal: exit 1, a Chinese sentence naming want
// (the file or folder), and no driver or code words.
func wantRefusal(t *testing.T, r result, want string, words ...string) {
	t.Helper()
	if r.code != 1 {
		t.Errorf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr does not name %s: %q", want, r.stderr)
	}
	for _, w := range words {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q: %q", w, r.stderr)
		}
	}
	msg := strings.ReplaceAll(r.stderr, want, "") // test folders are named after tests
	for _, bad := range []string{"sqlite", "SQL ", "invalid", "database", "disk I/O", "malformed", "panic"} {
		if strings.Contains(msg, bad) {
			t.Errorf("stderr leaks %q: %q", bad, r.stderr)
		}
	}
}

// TestDamagedFilesAreRefusedUntouched gives every command a damaged or
// foreign file: each refuses with a sentence naming the file, exits 1, and
// leaves the folder byte for byte as it was. (A missing folder and a text
// file are in TestRefusesMissingFolderAndForeignFile; store's tests cover a
// scrambled schema and another program's SQLite file.)
func TestDamagedFilesAreRefusedUntouched(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	randomBytes := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	cases := []struct {
		name  string
		make  func(t *testing.T, sound []byte) []byte // the bad file's bytes from a sound file's
		words []string
	}{
		{"truncated to half", func(t *testing.T, b []byte) []byte { return b[:len(b)/2] }, []string{"已损坏", "备份"}},
		{"truncated inside the header", func(t *testing.T, b []byte) []byte { return b[:10] }, []string{"未做任何改动"}},
		{"truncated after the header", func(t *testing.T, b []byte) []byte { return b[:100] }, []string{"未做任何改动"}},
		{"random bytes", func(t *testing.T, b []byte) []byte { return randomBytes(64 << 10) }, []string{"不是 starflag 数据库"}},
		{"random pages after a SQLite header", func(t *testing.T, b []byte) []byte {
			return append(slices.Clone(b[:100]), randomBytes(len(b)-100)...)
		}, []string{"已损坏"}},
		{"from a newer starflag", func(t *testing.T, b []byte) []byte {
			p := filepath.Join(t.TempDir(), "newer.db")
			if err := os.WriteFile(p, b, 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := sql.Open("sqlite", p)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Exec(`PRAGMA user_version = 99`); err != nil {
				t.Fatal(err)
			}
			c.Close()
			nb, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			return nb
		}, []string{"更新版本的 starflag", "结构版本 99", "请升级"}},
	}
	sound, err := os.ReadFile(soundDB(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "考核.db")
			if err := os.WriteFile(p, tc.make(t, sound), 0o600); err != nil {
				t.Fatal(err)
			}
			before := dirState(t, dir)
			for _, args := range [][]string{
				{"check"},
				{"export", "ranking", "--quarter", "2023Q1"},
				{"import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv"},
				{}, // the dashboard refuses before the terminal is touched
			} {
				r := runFor(t, 20*time.Second, append([]string{"--db", p}, args...)...)
				wantRefusal(t, r, p, tc.words...)
				sameDir(t, before, dirState(t, dir))
			}
		})
	}
}

// mountTmpfs mounts a tmpfs of size (e.g. "1m") on a new folder, or skips
// the test when that is not possible (not root, no mount in a container).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0755", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// bigImportFile writes a CSV of n new units × three sections.
func bigImportFile(t testing.TB, path string, n int, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 3))
	var sb strings.Builder
	sb.WriteString("区市,经济运行,项目签约落地,城市更新建设\n")
	for i := range n {
		fmt.Fprintf(&sb, "新区%05d,%d.%02d,%d,%d.5\n", i, 50+rng.IntN(50), rng.IntN(100), 50+rng.IntN(50), 50+rng.IntN(49))
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestFullDiskLeavesDatabaseAsItWas imports a file too large for the space
// left, once under a file size limit (ulimit -f: the write fails with EFBIG,
// Go ignores SIGXFSZ so the process is not killed) and once on a small
// tmpfs (ENOSPC, root only): a sentence naming the file, exit 1, and the
// database exactly as before.
func TestFullDiskLeavesDatabaseAsItWas(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ulimit and tmpfs are unix")
	}
	src := soundDB(t)
	want := mustRun(t, "--db", src, "export", "ranking", "--quarter", "2023Q1").stdout
	file := filepath.Join(t.TempDir(), "big.csv")
	bigImportFile(t, file, 5000, 1)
	after := func(t *testing.T, dir, db string, r result) {
		t.Helper()
		wantRefusal(t, r, db, "这次改动没有保存")
		if got := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1").stdout; got != want {
			t.Errorf("2023Q1 changed:\n%s", got)
		}
		c := mustRun(t, "--db", db, "check").stdout
		if !strings.Contains(c, "完整性：ok") || !strings.Contains(c, "季度：1 ") || !strings.Contains(c, "区市：10 ") {
			t.Errorf("check after the failed import:\n%s", c)
		}
	}
	t.Run("ulimit -f", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "s.db")
		copyFile(t, src, db)
		before := dirState(t, dir)
		// 400 blocks of 512 bytes: the 68 KB database opens, the WAL of a
		// 15,000-value import does not fit.
		cmd := exec.Command("sh", "-c", `ulimit -f 400 && exec "$0" "$@"`, binary, "--db", db, "import", "--add-units", "--quarter", "2023Q2", file)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("import under ulimit -f: %v (it should fail); stdout %s", err, out.String())
		}
		if !ee.Exited() {
			t.Fatalf("import was killed by a signal (%v) instead of failing with a message", ee)
		}
		sameDir(t, before, dirState(t, dir))
		after(t, dir, db, result{ee.ExitCode(), out.String(), errb.String()})
	})
	t.Run("small tmpfs", func(t *testing.T) {
		dir := mountTmpfs(t, "1m")
		db := filepath.Join(dir, "s.db")
		copyFile(t, src, db)
		before := dirState(t, dir)
		r := runFor(t, 30*time.Second, "--db", db, "import", "--add-units", "--quarter", "2023Q2", file)
		sameDir(t, before, dirState(t, dir))
		after(t, dir, db, r)
	})
}
