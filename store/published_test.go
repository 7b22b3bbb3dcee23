package store

import (
	"testing"

	"starflag/model"
)

// TestEditReachesTwoQuartersAhead: a locked quarter's 红牌 reads the warning
// of the quarter before it, and that warning (a fall of three places) reads
// the quarter before that. With only 2023Q3 locked, a 2023Q1 correction
// that would take a 红牌 off 2023Q3 is refused naming it; one that moves
// nobody is saved.
func TestEditReachesTwoQuartersAhead(t *testing.T) {
	db := mustOpen(t)
	us := units(t, db)
	x := us[0] // the unit whose 2023Q3 红牌 hangs on 2023Q1
	q3 := model.MustQuarter("2023Q3")
	// Every unit i scores 90 − i in each section, except x: first in 2023Q1,
	// fourth in 2023Q2 (fell three: warned), ninth in 2023Q3 (in the last
	// two: warned again, 红牌).
	secs := withSections(t, db, q1)
	for _, c := range []struct {
		q      model.Quarter
		xScore model.Hundredths
	}{{q1, 10000}, {q2, 8650}, {q3, 8150}} {
		q, xScore := c.q, c.xScore
		if err := db.CreateQuarter(ctx, q, SourceCLI); err != nil {
			t.Fatal(err)
		}
		plan := model.ImportPlan{Quarter: q}
		for i, u := range us {
			v := model.Hundredths(9000 - 100*i)
			if u.ID == x.ID {
				v = xScore
			}
			for _, s := range secs {
				plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: v})
			}
		}
		if err := db.ApplyImport(ctx, plan, SourceImport("q.csv")); err != nil {
			t.Fatal(err)
		}
	}
	r3, err := db.Result(ctx, q3)
	if err != nil {
		t.Fatal(err)
	}
	if s := r3.Find(x.ID); s == nil || !s.RedMark {
		t.Fatalf("set-up: %s has no 红牌 in 2023Q3: %+v", x.Name, s)
	}
	if _, err := db.Lock(ctx, q3, SourceCLI); err != nil {
		t.Fatal(err)
	}
	s := secs[0]
	// 300 → 259.5 in 2023Q1: fourth there, so no fall and no 红牌 later.
	wantErr(t, db.SetScore(ctx, q1, x.ID, s.ID, h("59.5"), SourceEntry), model.ErrLocked, "2023Q3 已定稿")
	if got := scoreOf(t, db, x.ID, s.ID); got != "100.00" {
		t.Fatalf("the refused correction was saved: %s", got)
	}
	if err := db.SetScore(ctx, q1, x.ID, s.ID, h("99.99"), SourceEntry); err != nil {
		t.Fatalf("a correction that moves nobody: %v", err)
	}
	// The same through an import and an undo.
	plan := model.ImportPlan{Quarter: q1, Cells: []model.CellChange{{Unit: x.Name, Section: s.Name, New: 5950}}}
	wantErr(t, db.ApplyImport(ctx, plan, SourceImport("x.csv")), model.ErrLocked, "2023Q3 已定稿")
	if what, err := db.Undo(ctx, q1); err != nil || what == "" {
		t.Fatalf("undoing the harmless correction: %q, %v", what, err)
	}
}
