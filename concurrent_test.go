package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"starflag/model"
	"starflag/store"
)

// busyWords are what must never reach a user when two starflags share a file.
var busyWords = []string{"locked", "busy", "正被另一个 starflag 使用", "database"}

// pumpBoth handles both dashboards' messages (their 1 s data_version polls
// included) until cond holds; it fails after limit.
func pumpBoth(t *testing.T, a, b *uiHarness, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v\n--- first dashboard ---\n%s\n--- second dashboard ---\n%s", what, limit, a.screen(), b.screen())
		}
		a.pump(5 * time.Millisecond)
		b.pump(5 * time.Millisecond)
	}
	return time.Since(start)
}

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
	a := attachHarness(t, open(), 140, 40, q)
	b := attachHarness(t, open(), 140, 40, q)

	// The imports write 6,000 values each in one transaction while
	// the dashboards save theirs.
	var imports []result
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 4 {
			args := []string{"--db", path, "import", "--quarter", "2023Q2", big[i%2]}
			if i == 0 {
				args = append(args, "--add-units")
			}
			out, err := exec.Command(binary, args...).CombinedOutput()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			imports = append(imports, result{code: code, stdout: string(out)})
		}
	}()

	rng := rand.New(rand.NewPCG(2, 2))
	saved := map[string]string{} // "unit/section" → value, as the status line confirmed
	var worst time.Duration
	typeColumn := func(typist, watcher *uiHarness, col int) {
		typist.key("e")
		typist.until("entry", func() bool {
			return strings.Contains(typist.screen(), "录入 2023Q1") && strings.Contains(typist.screen(), "市南")
		})
		watcher.key("2")
		for range col {
			typist.key("tab")
		}
		for range 5 {
			v := fmt.Sprintf("%d.%02d", 60+rng.IntN(39), 1+rng.IntN(98))
			typist.key(v, "enter")
			var cell string
			pumpBoth(t, typist, watcher, 10*time.Second, "saving "+v, func() bool {
				m := savedRe.FindStringSubmatch(typist.screen())
				if m != nil && m[2] == v {
					cell = m[1]
					return true
				}
				return strings.Contains(typist.screen(), "未保存")
			})
			noBusyWords(t, "the typing dashboard", typist.screen())
			if cell == "" {
				t.Fatalf("%s was not saved:\n%s", v, typist.screen())
			}
			saved[cell] = v
			d := pumpBoth(t, typist, watcher, 2*time.Second, "the other dashboard showing "+cell+" "+v, func() bool {
				return strings.Contains(watcher.screen(), v)
			})
			worst = max(worst, d)
		}
		typist.key("esc")
		typist.settle()
	}
	typeColumn(a, b, 0)
	typeColumn(b, a, 1)
	noBusyWords(t, "the first dashboard", a.screen())
	noBusyWords(t, "the second dashboard", b.screen())
	wg.Wait()
	for i, r := range imports {
		if r.code != 0 || !strings.Contains(r.stdout, "已导入 2023Q2") {
			t.Errorf("import %d under contention: exit %d\n%s", i, r.code, r.stdout)
		}
		noBusyWords(t, fmt.Sprintf("import %d", i), r.stdout)
	}
	got := readSnapshot(t, path, q)
	for cell, v := range saved {
		if got[cell] != v {
			t.Errorf("%s was saved as %s; the database has %q", cell, v, got[cell])
		}
	}
	if q2 := readSnapshot(t, path, model.MustQuarter("2023Q2")); !equalSnapshots(q2, fileSnapshot(t, big[1])) {
		t.Errorf("2023Q2 is not the last import's values (%d values)", len(q2))
	}
	t.Logf("%d values saved beside 4 imports of 6,000 values; slowest to show on the other dashboard: %v", len(saved), worst.Round(time.Millisecond))
}

// TestTwoEditorsSaveTheSameCell: two dashboards in entry type into the same
// cell, one after the other. The later value wins, the audit log has both
// (the second with the first as its old value), and each entry grid shows
// the other's values within 2 s.
func TestTwoEditorsSaveTheSameCell(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	mustRun(t, "--db", path, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	q := model.MustQuarter("2023Q1")
	var dbs []*store.DB
	var hs []*uiHarness
	for range 2 {
		db, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
		h := attachHarness(t, db, 120, 30, q)
		h.key("e")
		h.until("entry", func() bool {
			return strings.Contains(h.screen(), "录入 2023Q1") && strings.Contains(h.screen(), "市南")
		})
		hs = append(hs, h) // both cursors on 市南区/经济运行
	}
	for i, v := range []string{"71.11", "72.22"} {
		hs[i].key(v, "enter")
		hs[i].until("saved "+v, func() bool { return strings.Contains(hs[i].screen(), "已保存 市南区/经济运行 "+v) })
	}
	// The first editor's grid shows the second's values within 2 s: the
	// later value of the shared cell, and one in a cell it never touched.
	hs[1].key("73.33", "enter") // 市北区/经济运行
	hs[1].until("saved 73.33", func() bool { return strings.Contains(hs[1].screen(), "已保存 市北区/经济运行 73.33") })
	pumpBoth(t, hs[0], hs[1], 2*time.Second, "the first editor's grid showing 72.22 and 73.33", func() bool {
		return strings.Contains(hs[0].screen(), "72.22") && strings.Contains(hs[0].screen(), "73.33")
	})
	if got := readSnapshot(t, path, q)["市南区/经济运行"]; got != "72.22" {
		t.Errorf("市南区/经济运行 = %q, want the later 72.22", got)
	}
	log, err := dbs[0].ListAudit(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, e := range log {
		if e.Quarter == "2023Q1" && e.Unit == "市南区" && e.Field == "经济运行" {
			trail = append(trail, e.Old+"→"+e.New)
		}
	}
	if want := []string{"71.11→72.22", "92.50→71.11"}; strings.Join(trail, " ") != strings.Join(want, " ") {
		t.Errorf("audit of the cell, newest first: %v, want %v", trail, want)
	}
}
