package main

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
)

// Typed slips in the built binary in tmux; each asserts
// what the database holds after the program ended.

// entryInTmux starts the dashboard on a fresh 2023Q1 (sections, no scores)
// at 100×30 and opens entry. It returns the session and the database file.
func entryInTmux(t *testing.T) (*tmuxSession, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "slips.db")
	if err := officetest.EntryDB(t, path).Close(); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, "--db", path, "--quarter", "2023Q1")
	s.waitFor("2023Q1", "5 年度")
	s.keys("e")
	s.waitFor("录入 2023Q1", "市南", "经济运行")
	return s, path
}

// quit leaves entry and the dashboard and checks the exit status.
func (s *tmuxSession) quit() {
	s.t.Helper()
	s.keys("Escape")
	s.waitFor("5 年度")
	s.keys("q")
	if code := s.exitCode(); code != "0" {
		s.t.Fatalf("exit status %s", code)
	}
}

// typeEnter types text as literal keys, then Enter.
func (s *tmuxSession) typeEnter(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-l", text)
	s.keys("Enter")
}

// waitGone polls the screen until text is no longer on it.
func (s *tmuxSession) waitGone(text string) {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); strings.Contains(s.screen(), text); {
		if time.Now().After(deadline) {
			s.t.Fatalf("%q stayed on the screen:\n%s", text, s.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// storedScores reads the file's 2023Q1 back as "unit/section" → value.
func storedScores(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := db.QuarterData(context.Background(), officetest.EntryQuarter)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range d.Units {
		for _, sec := range d.Sections {
			if v, ok := d.Scores[model.ScoreKey{Unit: u.ID, Section: sec.ID}]; ok {
				got[u.Name+"/"+sec.Name] = v.String()
			}
		}
		for _, a := range d.Adjustments {
			if v, ok := d.Adjust[model.AdjustKey{Unit: u.ID, Item: a.ID}]; ok {
				got[u.Name+"/"+a.Name] = v.String()
			}
		}
	}
	return got
}

func checkStored(t *testing.T, path string, want map[string]string) {
	t.Helper()
	if got := storedScores(t, path); !maps.Equal(got, want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
}

// TestTypedSlipsSaveNothingInTmux: 9o.5, 8j.5 and 1e2 are refused as typed;
// Esc discards the refusal, a second Esc leaves; nothing is saved.
func TestTypedSlipsSaveNothingInTmux(t *testing.T) {
	for _, slip := range []string{"9o.5", "8j.5", "1e2"} {
		t.Run(slip, func(t *testing.T) {
			s, path := entryInTmux(t)
			s.typeEnter(slip)
			s.waitFor("“"+slip+"”不是数字", slip+"!")
			s.keys("Escape")
			s.waitGone(slip)
			s.quit()
			checkStored(t, path, map[string]string{})
		})
	}
}

// TestEscAfterARefusedValueStaysInTmux: after a refused value the first Esc
// stays in the grid, so the next digits go into the cell, not to a page.
func TestEscAfterARefusedValueStaysInTmux(t *testing.T) {
	s, path := entryInTmux(t)
	s.typeEnter("9o.5")
	s.waitFor("“9o.5”不是数字")
	s.keys("Escape")
	s.waitGone("9o.5")
	s.typeEnter("2")
	s.waitFor("已保存 市南区/经济运行 2.00")
	s.quit()
	checkStored(t, path, map[string]string{"市南区/经济运行": "2.00"})
}

// TestEntryReturnsToItsCellInTmux: leaving entry and coming back returns to
// the cell it left.
func TestEntryReturnsToItsCellInTmux(t *testing.T) {
	s, path := entryInTmux(t)
	s.keys("Down", "Down", "Tab")
	s.waitFor("李沧区/项目签约落地")
	s.keys("Escape")
	s.waitFor("5 年度")
	s.keys("e")
	s.waitFor("录入 2023Q1", "李沧区/项目签约落地（")
	s.typeEnter("77")
	s.waitFor("已保存 李沧区/项目签约落地 77.00")
	s.quit()
	checkStored(t, path, map[string]string{"李沧区/项目签约落地": "77.00"})
}
