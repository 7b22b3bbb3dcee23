package store

import (
	"reflect"
	"testing"

	"starflag/model"
)

// TestLeadIsRulesLead: the store's lead (SQL over every stored quarter)
// is the most model.Rules.Lead of any of them, with look-back conditions
// in any rule list.
func TestLeadIsRulesLead(t *testing.T) {
	db := mustOpen(t)
	last := model.Condition{Kind: model.InLast, Threshold: 1}
	for _, c := range []struct {
		q     model.Quarter
		rules func(r *model.Rules)
		want  int
	}{
		{q1, func(r *model.Rules) {}, 2},
		{q2, func(r *model.Rules) { r.RedMarkStreak = 3 }, 3},
		{model.MustQuarter("2023Q3"), func(r *model.Rules) {
			r.AntiAwards = []model.Rule{{Name: "蜗牛奖", When: []model.Condition{{Kind: model.HeldInYear, Threshold: 2, Of: &last}}}}
		}, 4},
		{model.MustQuarter("2023Q4"), func(r *model.Rules) {
			r.Warnings = append(r.Warnings, model.Rule{Name: "连续末位", When: []model.Condition{{Kind: model.HeldLast, Threshold: 6, Of: &last}}})
		}, 6},
	} {
		r := model.DefaultRules()
		c.rules(&r)
		if r.Lead() != c.want {
			t.Fatalf("%s: Rules.Lead = %d, want %d", c.q, r.Lead(), c.want)
		}
		if err := db.SetRules(ctx, c.q, r, SourceSetup); err != nil {
			t.Fatal(err)
		}
		var lead int
		if err := db.read(ctx, func(t *txn) (err error) { lead, err = t.lead(); return }); err != nil || lead != c.want {
			t.Fatalf("after %s: lead %d (%v), want %d", c.q, lead, err, c.want)
		}
	}
}

// TestLookBackReadsTheQuartersBefore: a quarter whose rule looks back
// three quarters (and across a year) computes the same on its own (an
// export, the lock check) as in the whole series (the dashboard), and a
// locked quarter's look-back is frozen: an edit two quarters before that
// would change it is refused.
func TestLookBackReadsTheQuartersBefore(t *testing.T) {
	db := mustOpen(t)
	qs := []model.Quarter{model.MustQuarter("2023Q3"), model.MustQuarter("2023Q4"), model.MustQuarter("2024Q1")}
	last := model.Condition{Kind: model.InLast, Threshold: 1}
	r := model.DefaultRules()
	r.Warnings = append(r.Warnings, model.Rule{Name: "连续三季末位", Colour: "amber", When: []model.Condition{{Kind: model.HeldLast, Threshold: 3, Of: &last}}})
	for _, q := range qs {
		fillQuarter(t, db, q) // 莱西市 last every quarter
		if err := db.SetRules(ctx, q, r, SourceSetup); err != nil {
			t.Fatal(err)
		}
	}
	series, err := db.Results(ctx, qs[0], qs[2])
	if err != nil {
		t.Fatal(err)
	}
	alone, err := db.Result(ctx, qs[2])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(series[2], alone) || len(alone.WarnedBy("连续三季末位")) != 1 || len(series[1].WarnedBy("连续三季末位")) != 0 {
		t.Fatalf("2024Q1 alone and in the series differ, or the wrong units are warned: %v / %v",
			alone.WarnedBy("连续三季末位"), series[1].WarnedBy("连续三季末位"))
	}
	if _, err := db.Lock(ctx, qs[2], SourceCLI); err != nil {
		t.Fatal(err)
	}
	us := units(t, db)
	d, _ := db.QuarterData(ctx, qs[0])
	// 莱西市 out of last place in 2023Q3 takes its 2024Q1 warning: refused.
	wantErr(t, db.SetScore(ctx, qs[0], us[9].ID, d.Sections[0].ID, h("100"), SourceEntry), model.ErrLocked, "2024Q1 已定稿")
}

// TestTalks: a 约谈 is recorded for a warned unit, also in a locked
// quarter (it changes no result); a unit without a warning and a bad date
// are refused; the record reaches the result and can be removed.
func TestTalks(t *testing.T) {
	db := mustOpen(t)
	fillQuarter(t, db, q1)
	us := units(t, db)
	if _, err := db.Lock(ctx, q1, SourceCLI); err != nil {
		t.Fatal(err)
	}
	tk := model.Talk{Date: "2023-04-10", Note: "市委常委约谈"}
	if err := db.SetTalk(ctx, q1, us[9].ID, tk, SourceCLI); err != nil {
		t.Fatal(err)
	}
	wantErr(t, db.SetTalk(ctx, q1, us[0].ID, tk, SourceCLI), model.ErrInvalid, "没有警示")
	wantErr(t, db.SetTalk(ctx, q1, us[9].ID, model.Talk{Date: "2022-12-31"}, SourceCLI), model.ErrInvalid, "不合理")
	wantErr(t, db.SetTalk(ctx, q1, us[9].ID, model.Talk{Date: "4月10日"}, SourceCLI), model.ErrInvalid, "格式不对")
	r, _ := db.Result(ctx, q1)
	if got := r.Find(us[9].ID).Talk; got != tk {
		t.Fatalf("talk %+v", got)
	}
	if err := db.SetTalk(ctx, q1, us[9].ID, model.Talk{}, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if r, _ := db.Result(ctx, q1); r.Find(us[9].ID).Talk.Held() {
		t.Fatal("talk not removed")
	}
}
