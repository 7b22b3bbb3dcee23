package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"starflag/model"
	"starflag/office/officetest"
)

// mixedImportFile writes n new units × three sections whose value in cell
// i is pick(i): a file of one value set, or a mix of two.
func mixedImportFile(t *testing.T, path string, n int, pick func(i int) string) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("区市,经济运行,项目签约落地,城市更新建设\n")
	for u := range n {
		fmt.Fprintf(&sb, "新区%05d,%s,%s,%s\n", u, pick(3*u), pick(3*u+1), pick(3*u+2))
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestTwoImportsOfOneQuarterAtOnce runs two `starflag import` processes of
// one quarter at the same time, again and again. Before each race the
// quarter holds file A's value in every other cell and file B's in the rest,
// so each file changes half the cells. Whatever the timing, the quarter
// afterwards is wholly A or wholly B: one file applied over the other, never
// the later one skipping cells it believed unchanged when it read them.
func TestTwoImportsOfOneQuarterAtOnce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	const n = 1500
	a, b, mix := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv"), filepath.Join(dir, "mix.csv")
	valA := func(i int) string { return fmt.Sprintf("%d.%02d", 50+i%40, i%100) }
	valB := func(i int) string { return fmt.Sprintf("%d.%02d", 91+i%9, i%100) }
	mixedImportFile(t, a, n, valA)
	mixedImportFile(t, b, n, valB)
	mixedImportFile(t, mix, n, func(i int) string {
		if i%2 == 0 {
			return valA(i)
		}
		return valB(i)
	})
	q := model.MustQuarter("2023Q1")
	mustRun(t, "--db", db, "import", "--add-units", "--quarter", q.String(), mix)
	wantA, wantB := officetest.FileSnapshot(t, a), officetest.FileSnapshot(t, b)
	rounds := 6
	if testing.Short() {
		rounds = 3
	}
	for round := range rounds {
		mustRun(t, "--db", db, "import", "--quarter", q.String(), mix)
		var wg sync.WaitGroup
		outs := make([]string, 2)
		for i, f := range []string{a, b} {
			wg.Go(func() {
				out, err := exec.Command(binary, "--db", db, "import", "--quarter", q.String(), f).CombinedOutput()
				if err != nil {
					outs[i] = fmt.Sprintf("%v: %s", err, out)
				}
			})
		}
		wg.Wait()
		for _, o := range outs {
			if o != "" {
				t.Fatalf("round %d: import failed: %s", round, o)
			}
		}
		got := officetest.ReadSnapshot(t, db, q)
		if !officetest.EqualSnapshots(got, wantA) && !officetest.EqualSnapshots(got, wantB) {
			fromA, fromB := 0, 0
			for k, v := range got {
				if v == wantA[k] {
					fromA++
				}
				if v == wantB[k] {
					fromB++
				}
			}
			t.Fatalf("round %d: the quarter mixes both files (%d values of A, %d of B)", round, fromA, fromB)
		}
	}
}
