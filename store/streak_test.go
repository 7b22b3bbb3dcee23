package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"starflag/model"
)

// TestLongRedMarkStreakWhenOneQuarterIsComputed: with a 红牌 after N warned
// quarters in a row, one quarter computed on its own (an export, the lock
// check) gives the same 红牌 as the whole history computed at once (the
// dashboard). It read only two quarters back, so a streak of 3 or more was
// cut short.
func TestLongRedMarkStreakWhenOneQuarterIsComputed(t *testing.T) {
	for _, streak := range []int{3, 4} {
		db, demo := openLongStreakDemo(t, streak)
		first, last := demo.Quarters[0].Quarter, demo.Quarters[len(demo.Quarters)-1].Quarter
		all, err := db.Results(ctx, first, last)
		if err != nil {
			t.Fatal(err)
		}
		reds := 0
		for _, want := range all {
			got, err := db.Result(ctx, want.Quarter)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range want.Standings {
				if w.RedMark {
					reds++
				}
				if g := got.Find(w.Unit.ID); g == nil || g.RedMark != w.RedMark {
					t.Errorf("streak %d, %s %s: 红牌 %v alone, %v in the series", streak, want.Quarter, w.Unit.Name, g != nil && g.RedMark, w.RedMark)
				}
			}
		}
		if reds == 0 {
			t.Fatalf("streak %d: no 红牌 at all: the test proves nothing", streak)
		}
	}
}

// openLongStreakDemo is the demo database where the last four of every
// quarter are warned and a 红牌 takes streak warned quarters in a row.
func openLongStreakDemo(t *testing.T, streak int) (*DB, model.DemoData) {
	t.Helper()
	demo := model.Demo(1)
	for i := range demo.Quarters {
		demo.Quarters[i].Rules.RedMarkStreak = streak
		demo.Quarters[i].Rules.Warnings[0].When = []model.Condition{{Kind: model.InLast, Threshold: 4}}
	}
	db, err := Open(filepath.Join(t.TempDir(), "demo.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.LoadDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	return db, demo
}

// TestLongStreakEditReachesTheLockedQuarter: with a 红牌 after four warned
// quarters, lifting 平度市 out of the last four in 2023Q1 ends the streak
// that gives it its 红牌 in 2023Q4, three quarters later. With 2023Q4
// locked (and the quarters between open), the edit is refused, naming it.
func TestLongStreakEditReachesTheLockedQuarter(t *testing.T) {
	db, _ := openLongStreakDemo(t, 4)
	for _, q := range []string{"2023Q1", "2023Q2", "2023Q3"} {
		if err := db.Unlock(ctx, model.MustQuarter(q), SourceCLI); err != nil {
			t.Fatal(err)
		}
	}
	q4 := model.MustQuarter("2023Q4")
	if _, err := db.Lock(ctx, q4, SourceCLI); err != nil {
		t.Fatal(err)
	}
	before, err := db.Result(ctx, q4)
	if err != nil {
		t.Fatal(err)
	}
	d, err := db.QuarterData(ctx, model.MustQuarter("2023Q1"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := model.FindUnit(d.Units, "平度市")
	if err != nil {
		t.Fatal(err)
	}
	if s := before.Find(u.ID); s == nil || !s.RedMark {
		t.Fatal("平度市 holds no 红牌 in 2023Q4: the test proves nothing")
	}
	var refused error
	for _, sec := range d.Sections {
		v := sec.Max
		if refused = db.SetScore(ctx, d.Quarter, u.ID, sec.ID, &v, SourceEntry); refused != nil {
			break
		}
	}
	if !errors.Is(refused, model.ErrLocked) || !strings.Contains(refused.Error(), "2023Q4") {
		t.Fatalf("lifting 平度市 in 2023Q1: %v, want a refusal naming 2023Q4", refused)
	}
	after, err := db.Result(ctx, q4)
	if err != nil {
		t.Fatal(err)
	}
	if model.Published(after) != model.Published(before) {
		t.Error("the locked 2023Q4 publishes something else")
	}
}
