package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/office/officetest"
)

// TestImportKilledAtRandomPoints runs `starflag import` of a 5,000-row file
// (15,000 values) and kills it with SIGKILL after a random delay, again and
// again: half the runs change every value of an existing quarter, half
// create a fresh quarter. After each kill `starflag check` passes and the
// quarter is wholly as before or wholly as after the import. The seed is
// logged on failure; STARFLAG_KILLS sets the number of kills.
func TestImportKilledAtRandomPoints(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	kills := 24 // about 20 s; STARFLAG_KILLS=500 for a long run
	if testing.Short() {
		kills = 10
	}
	if n, err := strconv.Atoi(os.Getenv("STARFLAG_KILLS")); err == nil && n > 0 {
		kills = n
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	files := [2]string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")}
	for i, f := range files {
		bigImportFile(t, f, 5000, uint64(i+1))
	}
	want := [2]officetest.Snapshot{officetest.FileSnapshot(t, files[0]), officetest.FileSnapshot(t, files[1])}
	q1 := model.MustQuarter("2023Q1")
	t0 := time.Now()
	mustRun(t, "--db", db, "import", "--add-units", "--quarter", "2023Q1", files[0])
	full := time.Since(t0) // an import from start to exit, the range of kill points
	state := 0             // 2023Q1 holds files[state]
	fresh := q1.Next()     // the next quarter to create
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 6))
	seed := rng.Uint64()
	rng = rand.New(rand.NewPCG(seed, 6))
	var before, after int
	for i := range kills {
		q, file, old, next := q1, files[1-state], want[state], want[1-state]
		if i%2 == 1 {
			q, file, old, next = fresh, files[0], nil, want[0]
		}
		cmd := exec.Command(binary, "--db", db, "import", "--quarter", q.String(), file)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(full) * 5 / 4))
		time.Sleep(delay)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()

		r := starflag(t, "--db", db, "check")
		if r.code != 0 || !strings.Contains(r.stdout, "完整性：ok") {
			t.Fatalf("kill %d (seed %d, %v into %s): check failed: exit %d\n%s%s", i, seed, delay, q, r.code, r.stdout, r.stderr)
		}
		got := officetest.ReadSnapshot(t, db, q)
		switch {
		case officetest.EqualSnapshots(got, old):
			before++
		case officetest.EqualSnapshots(got, next):
			after++
			if q == q1 {
				state = 1 - state
			} else {
				fresh = fresh.Next()
			}
		default:
			t.Fatalf("kill %d (seed %d, %v into %s): the quarter is neither before nor after the import (%d values)", i, seed, delay, q, len(got))
		}
	}
	t.Logf("%d kills (import takes %v): %d left the quarter as before, %d as after", kills, full.Round(time.Millisecond), before, after)
	if before == 0 || after == 0 {
		t.Logf("every kill landed on the same side; the kill points may need tuning")
	}
}

// starflagPID is the process id of the starflag running in the session's
// pane (a child of the pane's shell).
func (s *tmuxSession) starflagPID() int {
	s.t.Helper()
	shell := strings.TrimSpace(s.tmux("display", "-p", "#{pane_pid}"))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%s/task/%s/children", shell, shell))
		if f := strings.Fields(string(b)); len(f) > 0 {
			pid, err := strconv.Atoi(f[0])
			if err == nil {
				return pid
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("no starflag process under the pane's shell %s", shell)
	return 0
}

var savedRe = regexp.MustCompile(`已保存 (\S+/\S+) (\d+\.\d\d)`)

// TestEntryKilledAtRandomPointsInTmux types values into the entry grid of
// the built binary in tmux and kills the process with SIGKILL at a random
// moment, round after round: every value the screen had shown as saved
// ("已保存 区市/板块 值") is in the database afterwards.
func TestEntryKilledAtRandomPointsInTmux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	rounds := 8
	if testing.Short() {
		rounds = 3
	}
	db := filepath.Join(t.TempDir(), "typed.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 7))
	var shown, typed int
	for round := range rounds {
		s := startTmux(t, 100, 30, "--db", db, "--quarter", "2023Q1")
		s.waitFor("综合得分")
		pid := s.starflagPID()
		s.keys("e")
		s.waitFor("录入 2023Q1", "市南")
		for range rng.IntN(3) { // a random section column; Enter then walks down it
			s.keys("Tab")
		}
		seen := map[string]string{} // what the screen showed as saved
		look := func() {
			for _, m := range savedRe.FindAllStringSubmatch(s.screen(), -1) {
				seen[m[1]] = m[2]
			}
		}
		n := 1 + rng.IntN(10) // at most the ten units: no cell is typed twice in a round
		for range n {
			v := fmt.Sprintf("%d.%02d", 50+rng.IntN(50), rng.IntN(100))
			s.tmux("send-keys", "-l", v)
			s.keys("Enter")
			typed++
			time.Sleep(time.Duration(rng.IntN(40)) * time.Millisecond)
			look()
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		look()
		proc, _ := os.FindProcess(pid)      // never fails on unix
		if err := proc.Kill(); err != nil { // SIGKILL
			t.Fatalf("round %d: kill %d: %v", round, pid, err)
		}
		s.exitCode() // the shell notices the kill
		r := starflag(t, "--db", db, "check")
		if r.code != 0 || !strings.Contains(r.stdout, "完整性：ok") {
			t.Fatalf("round %d (seed %d): check failed: exit %d\n%s%s", round, seed, r.code, r.stdout, r.stderr)
		}
		got := officetest.ReadSnapshot(t, db, model.MustQuarter("2023Q1"))
		for cell, v := range seen {
			if got[cell] != v {
				t.Errorf("round %d (seed %d): the screen showed %s %s as saved; the database has %q", round, seed, cell, v, got[cell])
			}
		}
		shown += len(seen)
	}
	t.Logf("%d rounds: %d values typed, %d seen saved on screen, all in the database", rounds, typed, shown)
}
