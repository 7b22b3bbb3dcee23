package store

import (
	"testing"

	"starflag/model"
)

// fillQuarter gives every unit i of q the score 90 − i in each section
// (the first unit best).
func fillQuarter(t *testing.T, db *DB, q model.Quarter) {
	t.Helper()
	if err := db.CreateQuarter(ctx, q, SourceCLI); err != nil {
		t.Fatal(err)
	}
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	plan := model.ImportPlan{Quarter: q}
	for i, u := range d.Units {
		for _, s := range d.Sections {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: model.Hundredths(9000 - 100*i)})
		}
	}
	if err := db.ApplyImport(ctx, plan, SourceCLI); err != nil {
		t.Fatal(err)
	}
}

// TestGroupsStoredCopiedAndFrozen: groups are saved with the rules and
// copied forward; a group none of whose units takes part is refused with
// nothing saved; a change of groups that would change what a locked
// quarter published (its 红牌, read from the quarter before) is refused,
// one that would not is saved.
func TestGroupsStoredCopiedAndFrozen(t *testing.T) {
	db := mustOpen(t)
	fillQuarter(t, db, q1)
	r := model.DefaultRules()
	r.Groups = []model.Group{{Name: "县级市", Units: []int64{8, 9, 10}}}
	if err := db.SetRules(ctx, q1, r, SourceSetup); err != nil {
		t.Fatal(err)
	}
	fillQuarter(t, db, q2)
	d2, err := db.QuarterData(ctx, q2)
	if err != nil || len(d2.Rules.Groups) != 1 || d2.Rules.Groups[0].Name != "县级市" {
		t.Fatalf("groups not copied forward: %+v %v", d2.Rules.Groups, err)
	}
	res, err := db.Result(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	// 平度市 and 莱西市: the last two of 县级市 in both quarters, 红牌 in 2023Q2.
	if s := res.Find(9); s.Group != "县级市" || !s.RedMark {
		t.Fatalf("平度市 in 2023Q2: %+v", s)
	}

	bad := r
	bad.Groups = []model.Group{{Name: "功能区", Units: []int64{99}}}
	wantErr(t, db.SetRules(ctx, q1, bad, SourceSetup), model.ErrInvalid, "组别“功能区”在 2023Q1 没有参加考核的区市")

	if _, err := db.Lock(ctx, q2, SourceCLI); err != nil {
		t.Fatal(err)
	}
	// Renaming the group in 2023Q1 warns the same units: saved.
	r.Groups[0].Name = "县市"
	if err := db.SetRules(ctx, q1, r, SourceSetup); err != nil {
		t.Fatalf("an edit that changes nothing published was refused: %v", err)
	}
	// Without groups 城阳区 and 即墨区 (the last two of 未分组) are not
	// warned in 2023Q1, and 2023Q2's 红牌 would change: refused.
	wantErr(t, db.SetRules(ctx, q1, model.DefaultRules(), SourceSetup), model.ErrLocked, "2023Q2 已定稿")
	if d, _ := db.QuarterData(ctx, q1); len(d.Rules.Groups) != 1 {
		t.Fatalf("a refused change was saved: %+v", d.Rules.Groups)
	}
}
