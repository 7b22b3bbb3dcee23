package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
	"starflag/ui"
)

// testPoll is the poll interval of the tests with two dashboards on one
// file (the dashboard's own is a second).
const testPoll = 100 * time.Millisecond

// busyWords are what must never reach a user when two starflags share a file.
var busyWords = []string{"locked", "busy", "正被另一个 starflag 使用", "database"}

func noBusyWords(t *testing.T, who, text string) {
	t.Helper()
	for _, w := range busyWords {
		if strings.Contains(text, w) {
			t.Errorf("%s shows %q:\n%s", who, w, text)
		}
	}
}

// TestTwoDashboardsAndAnImport runs two dashboards (each with its own
// connection pool, as two processes have) and `starflag import` of a large
// file, all on one database at the same time. One dashboard types values in
// entry while the other shows the stars page, then they swap: each value
// appears on the other dashboard within 2 s, no "database is locked" reaches
// anyone, the imports succeed, and every saved value is in the file.
func TestTwoDashboardsAndAnImport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	mustRun(t, "--db", path, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	big := [2]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
	for i, f := range big {
		bigImportFile(t, f, 2000, uint64(10+i))
	}
	open := func() *store.DB {
		db, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	q := model.MustQuarter("2023Q1")
	// A short poll interval: each value still has to reach the other
	// dashboard through the database, without waiting a second for it.
	o := ui.Options{Quarter: q, Profile: colorprofile.Ascii, PollInterval: testPoll}
	a := officetest.AttachWith(t, open(), 140, 40, o)
	b := officetest.AttachWith(t, open(), 140, 40, o)

	// The imports write 6,000 values each in one transaction while
	// the dashboards save theirs.
	imports := inBackground(4, func(i int) []string {
		args := []string{"--db", path, "import", "--quarter", "2023Q2", big[i%2]}
		if i == 0 {
			args = append(args, "--add-units")
		}
		return args
	})

	rng := rand.New(rand.NewPCG(2, 2))
	saved := map[string]string{} // "unit/section" → value, as the status line confirmed
	var worst time.Duration
	typeColumn := func(typist, watcher *officetest.Harness, col int) {
		typist.Key("e")
		typist.Until("entry", func() bool {
			return strings.Contains(typist.Screen(), "录入 2023Q1") && strings.Contains(typist.Screen(), "市南")
		})
		watcher.Key("2")
		for range col {
			typist.Key("tab")
		}
		for range 5 {
			v := fmt.Sprintf("%d.%02d", 60+rng.IntN(39), 1+rng.IntN(98))
			typist.Key(v, "enter")
			var cell string
			officetest.PumpBoth(t, typist, watcher, 10*time.Second, "saving "+v, func() bool {
				m := savedRe.FindStringSubmatch(typist.Screen())
				if m != nil && m[2] == v {
					cell = m[1]
					return true
				}
				return strings.Contains(typist.Screen(), "未保存")
			})
			noBusyWords(t, "the typing dashboard", typist.Screen())
			if cell == "" {
				t.Fatalf("%s was not saved:\n%s", v, typist.Screen())
			}
			saved[cell] = v
			d := officetest.PumpBoth(t, typist, watcher, 2*time.Second, "the other dashboard showing "+cell+" "+v, func() bool {
				return strings.Contains(watcher.Screen(), v)
			})
			worst = max(worst, d)
		}
		typist.Key("esc")
		typist.Settle()
	}
	typeColumn(a, b, 0)
	typeColumn(b, a, 1)
	noBusyWords(t, "the first dashboard", a.Screen())
	noBusyWords(t, "the second dashboard", b.Screen())
	wantSucceeded(t, imports(), "import", "已导入 2023Q2")
	wantSaved(t, path, q, saved)
	if q2 := officetest.ReadSnapshot(t, path, model.MustQuarter("2023Q2")); !officetest.EqualSnapshots(q2, officetest.FileSnapshot(t, big[1])) {
		t.Errorf("2023Q2 is not the last import's values (%d values)", len(q2))
	}
	t.Logf("%d values saved beside 4 imports of 6,000 values; slowest to show on the other dashboard: %v", len(saved), worst.Round(time.Millisecond))
}

// TestRulesImportWhileADashboardTypes: `starflag rules import` (two
// rulebooks in turn, six times) runs while a dashboard types scores into
// the same quarter: every import succeeds with no "database is locked",
// every value typed is saved, and the quarter ends with the rulebook
// imported last, byte for byte on export.
func TestRulesImportWhileADashboardTypes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	mustRun(t, "--db", path, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	books := [2]string{filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")}
	mustRun(t, "--db", path, "rules", "export", "--quarter", "2023Q1", "-o", books[0])
	a, err := os.ReadFile(books[0])
	if err != nil {
		t.Fatal(err)
	}
	b := strings.Replace(string(a), "# 条件：排名后 2 位\n[[warnings.when]]\nkind = \"in_last\"\nn = 2",
		"# 条件：排名后 3 位\n[[warnings.when]]\nkind = \"in_last\"\nn = 3", 1)
	if b == string(a) {
		t.Fatal("the rulebook has no in_last 2 to change")
	}
	if err := os.WriteFile(books[1], []byte(b), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	q := model.MustQuarter("2023Q1")
	h := officetest.AttachWith(t, db, 140, 40, ui.Options{Quarter: q, Profile: colorprofile.Ascii, PollInterval: testPoll})

	imports := inBackground(6, func(i int) []string {
		return []string{"--db", path, "rules", "import", "--quarter", "2023Q1", books[i%2]}
	})
	h.Key("e")
	h.Until("entry", func() bool {
		return strings.Contains(h.Screen(), "录入 2023Q1") && strings.Contains(h.Screen(), "市南")
	})
	saved := map[string]string{}
	for i := range 6 {
		v := fmt.Sprintf("%d.%02d", 70+i, 11+i)
		h.Key(v, "enter")
		h.Until("saving "+v, func() bool {
			m := savedRe.FindStringSubmatch(h.Screen())
			return (m != nil && m[2] == v) || strings.Contains(h.Screen(), "未保存")
		})
		noBusyWords(t, "the dashboard", h.Screen())
		m := savedRe.FindStringSubmatch(h.Screen())
		if m == nil || m[2] != v {
			t.Fatalf("%s was not saved:\n%s", v, h.Screen())
		}
		saved[m[1]] = v
	}
	wantSucceeded(t, imports(), "rules import", "已导入 2023Q1")
	wantSaved(t, path, q, saved)
	if r := mustRun(t, "--db", path, "rules", "export", "--quarter", "2023Q1"); r.stdout != b {
		t.Errorf("the quarter's rulebook is not the one imported last:\n%s", r.stdout)
	}
}

// inBackground runs the binary n times in turn beside the test, the i-th
// time with args(i); wait waits for the last and gives their results.
func inBackground(n int, args func(i int) []string) (wait func() []result) {
	var rs []result
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range n {
			out, err := exec.Command(binary, args(i)...).CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			rs = append(rs, result{code: code, stdout: string(out)})
		}
	}()
	return func() []result { wg.Wait(); return rs }
}

// wantSucceeded checks that each run (what) exited 0 saying want, and
// that no run mentioned a busy or locked database.
func wantSucceeded(t *testing.T, rs []result, what, want string) {
	t.Helper()
	for i, r := range rs {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("%s %d under contention: exit %d\n%s", what, i, r.code, r.stdout)
		}
		noBusyWords(t, fmt.Sprintf("%s %d", what, i), r.stdout)
	}
}

// wantSaved checks that every value a dashboard confirmed ("unit/section"
// → value) is in the file at path.
func wantSaved(t *testing.T, path string, q model.Quarter, saved map[string]string) {
	t.Helper()
	got := officetest.ReadSnapshot(t, path, q)
	for cell, v := range saved {
		if got[cell] != v {
			t.Errorf("%s was saved as %s; the database has %q", cell, v, got[cell])
		}
	}
}
