package store

import (
	"testing"

	"starflag/model"
)

// TestAdjustmentItems: a quarter's items are added, changed and removed;
// a range with min > max, a name used twice, a value outside the range
// and removing an item that has values are refused with nothing saved;
// the items are copied forward; values of each item add up in the
// composite; an import names each item by its column.
func TestAdjustmentItems(t *testing.T) {
	db := mustOpen(t)
	fillQuarter(t, db, q1)
	first := firstItem(t, db, q1)
	wantErr(t, func() error {
		_, err := db.CreateAdjustment(ctx, q1, model.Adjustment{Name: "督查扣分", Min: 0, Max: -300}, SourceSetup)
		return err
	}(), model.ErrInvalid, "下限 0.00 不能大于上限 -3.00")
	wantErr(t, func() error {
		_, err := db.CreateAdjustment(ctx, q1, model.Adjustment{Name: first.Name, Min: 0, Max: 100}, SourceSetup)
		return err
	}(), model.ErrConflict, "已有名为")
	wantErr(t, func() error {
		_, err := db.CreateAdjustment(ctx, q1, model.Adjustment{Name: "经济运行", Min: 0, Max: 100}, SourceSetup)
		return err
	}(), model.ErrConflict, "不能与板块同名")
	wantErr(t, func() error {
		_, err := db.CreateSection(ctx, q1, model.Section{Name: first.Name}, SourceSetup)
		return err
	}(), model.ErrConflict, "不能与加减分项同名")
	minus, err := db.CreateAdjustment(ctx, q1, model.Adjustment{Name: "督查扣分", Min: -300, Max: 0}, SourceSetup)
	if err != nil || minus.Order != 2 || minus.ID == 0 {
		t.Fatalf("CreateAdjustment = %+v, %v", minus, err)
	}
	us := units(t, db)
	if err := db.SetAdjust(ctx, q1, us[0].ID, minus.ID, h("-2.5"), SourceEntry); err != nil {
		t.Fatal(err)
	}
	if err := db.SetAdjust(ctx, q1, us[0].ID, first.ID, h("1"), SourceEntry); err != nil {
		t.Fatal(err)
	}
	wantErr(t, db.SetAdjust(ctx, q1, us[0].ID, minus.ID, h("0.5"), SourceEntry), model.ErrInvalid, "超出范围 -3.00–0.00")
	r, err := db.Result(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Find(us[0].ID); s.Adjust != -150 || s.Composite != model.CompositeOf(3*9000-150) {
		t.Fatalf("市南区 adjust %s composite %s", s.Adjust, s.Composite)
	}
	wantErr(t, db.DeleteAdjustment(ctx, q1, minus.ID, SourceSetup), model.ErrConflict, "已有 1 个数值")
	narrow := minus
	narrow.Min = -200
	wantErr(t, db.SetAdjustment(ctx, q1, narrow, SourceSetup), model.ErrInvalid, "超出新范围")

	plan, err := db.PlanImport(ctx, q1, model.ImportInput{File: "x.csv", Rows: []model.Row{
		{Line: 1, Cells: []string{"区市", "督查扣分"}}, {Line: 2, Cells: []string{"市北区", "-3"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ApplyImport(ctx, plan, SourceImport("x.csv")); err != nil {
		t.Fatal(err)
	}
	d, _ := db.QuarterData(ctx, q1)
	if d.Adjust[model.AdjustKey{Unit: us[1].ID, Item: minus.ID}] != -300 {
		t.Fatalf("imported deduction: %v", d.Adjust)
	}

	if err := db.CreateQuarter(ctx, q2, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d2, _ := db.QuarterData(ctx, q2)
	if len(d2.Adjustments) != 2 || d2.Adjustments[1].Name != "督查扣分" || d2.Adjustments[1].Min != -300 || d2.Adjustments[1].ID == minus.ID {
		t.Fatalf("items not copied forward: %+v", d2.Adjustments)
	}
	if err := db.DeleteAdjustment(ctx, q2, d2.Adjustments[1].ID, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if d2, _ := db.QuarterData(ctx, q2); len(d2.Adjustments) != 1 {
		t.Fatalf("after delete: %+v", d2.Adjustments)
	}
}

// TestVetoStoredAndFrozen: a veto is stored with its reason, takes the
// unit's flags, can be removed; a locked quarter refuses it.
func TestVetoStoredAndFrozen(t *testing.T) {
	db := mustOpen(t)
	fillQuarter(t, db, q1)
	us := units(t, db)
	if err := db.SetVeto(ctx, q1, us[0].ID, "发生重大安全生产事故", SourceSetup); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Result(ctx, q1)
	if s := r.Find(us[0].ID); s.Veto != "发生重大安全生产事故" || len(s.Flags) != 0 || s.Rank != 1 {
		t.Fatalf("vetoed: %+v", s)
	}
	wantErr(t, db.SetVeto(ctx, q1, us[0].ID, "=cmd", SourceSetup), model.ErrInvalid, "不能以")
	if _, err := db.Lock(ctx, q1, SourceCLI); err != nil {
		t.Fatal(err)
	}
	wantErr(t, db.SetVeto(ctx, q1, us[0].ID, "", SourceSetup), model.ErrLocked, "已定稿")
	if err := db.Unlock(ctx, q1, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if err := db.SetVeto(ctx, q1, us[0].ID, "", SourceSetup); err != nil {
		t.Fatal(err)
	}
	if r, _ := db.Result(ctx, q1); r.Find(us[0].ID).Veto != "" || len(r.Find(us[0].ID).Flags) == 0 {
		t.Fatal("veto not removed")
	}
}
