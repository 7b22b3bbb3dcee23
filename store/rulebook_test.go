package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"starflag/model"
)

// openDemo is a database holding the demo's two years (all but the last
// quarter locked).
func openDemo(t *testing.T) (*DB, model.DemoData) {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "demo.db"), Options{Clock: testOptions().Clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	demo := model.Demo(1)
	if err := db.LoadDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	return db, demo
}

// published is what every quarter of the demo publishes.
func publishedAll(t *testing.T, db *DB, from, to model.Quarter) []string {
	t.Helper()
	rs, err := db.Results(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = model.Published(r)
	}
	return out
}

// Applying each quarter's own rulebook changes neither the rulebook nor any
// result of any quarter.
func TestApplyRulebookRoundTrip(t *testing.T) {
	db, demo := openDemo(t)
	first, last := demo.Quarters[0].Quarter, demo.Quarters[len(demo.Quarters)-1].Quarter
	before := publishedAll(t, db, first, last)
	for _, d := range demo.Quarters {
		q := d.Quarter
		if err := db.Unlock(ctx, q, SourceCLI); err != nil {
			t.Fatal(err)
		}
		rb, err := db.Rulebook(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ApplyRulebook(ctx, q, rb, RulebookOptions{File: "r.toml"}, SourceCLI); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		again, err := db.Rulebook(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rb, again) {
			t.Errorf("%s: rulebook changed:\n%+v\n%+v", q, rb, again)
		}
	}
	if after := publishedAll(t, db, first, last); !reflect.DeepEqual(before, after) {
		t.Error("results changed by applying the quarters' own rulebooks")
	}
}

func TestApplyRulebookLockedQuarter(t *testing.T) {
	db, demo := openDemo(t)
	q := demo.Quarters[0].Quarter
	rb, err := db.Rulebook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	rb.Rules.StarsTop = 3
	wantErr(t, db.ApplyRulebook(ctx, q, rb, RulebookOptions{}, SourceCLI), model.ErrLocked, "定稿")
}

// A rulebook that adds a section, an item, a group and a rule on the new
// section is applied whole; one that would drop a scored section is refused
// whole, and nothing of it is written.
func TestApplyRulebookChangesAndRefusesWhole(t *testing.T) {
	db, demo := openDemo(t)
	q := demo.Quarters[len(demo.Quarters)-1].Quarter
	rb, err := db.Rulebook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	rb.Sections = append(rb.Sections, model.NewSection("乡村振兴", len(rb.Sections)+1))
	rb.Adjustments = append(rb.Adjustments, model.Adjustment{Name: "督查扣分", Min: -300, Max: 0, Order: 2})
	rb.Groups = []model.NamedGroup{{Name: "县级市", Units: []string{"胶州市", "平度市", "莱西市"}}}
	rb.Rules.AntiAwards = []model.Rule{{Name: "蜗牛奖", Colour: "grey", Match: model.MatchAll,
		When: []model.Condition{{Kind: model.SectionRankAtMost, Threshold: 1, Scope: "乡村振兴"}}}}
	if err := db.ApplyRulebook(ctx, q, rb, RulebookOptions{File: "new.toml"}, SourceCLI); err != nil {
		t.Fatal(err)
	}
	got, err := db.Rulebook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rb, got) {
		t.Errorf("applied:\n%+v\nwant\n%+v", got, rb)
	}
	var n int
	if err := db.r.QueryRow(`SELECT count(*) FROM audit WHERE action = 'import_rules' AND new = 'new.toml'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("audit rows = %d, %v", n, err)
	}

	bad := got
	bad.Sections = bad.Sections[1:] // 经济运行 has scores
	bad.Adjustments = append(bad.Adjustments, model.Adjustment{Name: "另一项", Max: 100, Order: 3})
	wantErr(t, db.ApplyRulebook(ctx, q, bad, RulebookOptions{}, SourceCLI), model.ErrConflict, "经济运行")
	if after, _ := db.Rulebook(ctx, q); !reflect.DeepEqual(after, got) {
		t.Errorf("a refused rulebook changed the quarter:\n%+v", after)
	}
}

// Units a rulebook names must exist, or --add-units creates them.
func TestApplyRulebookUnits(t *testing.T) {
	db, demo := openDemo(t)
	q := demo.Quarters[len(demo.Quarters)-1].Quarter
	rb, err := db.Rulebook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	rb.Units = append(rb.Units, model.Unit{Name: "高新区", Short: "高新"})
	rb.Groups = []model.NamedGroup{{Name: "功能区", Units: []string{"高新区"}}}
	wantErr(t, db.ApplyRulebook(ctx, q, rb, RulebookOptions{}, SourceCLI), model.ErrNotFound, "“高新区”不在数据库里")
	if err := db.ApplyRulebook(ctx, q, rb, RulebookOptions{AddUnits: true}, SourceCLI); err != nil {
		t.Fatal(err)
	}
	got, err := db.Rulebook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Units, rb.Units) || !reflect.DeepEqual(got.Groups, rb.Groups) {
		t.Errorf("units %+v groups %+v", got.Units, got.Groups)
	}
}

// A rulebook that would change what a later locked quarter published (its
// movement reads this quarter's ranks) is refused, naming it; one that
// changes only words is taken.
func TestApplyRulebookFreezesLockedQuarters(t *testing.T) {
	db, _ := openDemo(t)
	q3, q4 := model.MustQuarter("2023Q3"), model.MustQuarter("2023Q4")
	if err := db.Unlock(ctx, q3, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Lock(ctx, q4, SourceCLI); err != nil {
		t.Fatal(err)
	}
	rb, err := db.Rulebook(ctx, q3)
	if err != nil {
		t.Fatal(err)
	}
	weighted := rb
	weighted.Sections = append([]model.Section(nil), rb.Sections...)
	weighted.Sections[0].Weight = 3 * model.WeightOne
	wantErr(t, db.ApplyRulebook(ctx, q3, weighted, RulebookOptions{}, SourceCLI), model.ErrLocked, "2023Q4")
	worded := rb
	worded.Rules.Committee = "某市综合考核委员会"
	if err := db.ApplyRulebook(ctx, q3, worded, RulebookOptions{}, SourceCLI); err != nil {
		t.Fatal(err)
	}
}

// A dry run is refused as the import would be (a locked quarter, a section
// with scores dropped) and otherwise writes nothing, audit included.
func TestApplyRulebookDryRun(t *testing.T) {
	db, demo := openDemo(t)
	dry := RulebookOptions{DryRun: true}
	locked := demo.Quarters[0].Quarter
	rb, err := db.Rulebook(ctx, locked)
	if err != nil {
		t.Fatal(err)
	}
	rb.Rules.StarsTop = 3
	wantErr(t, db.ApplyRulebook(ctx, locked, rb, dry, SourceCLI), model.ErrLocked, "定稿")
	q := demo.Quarters[len(demo.Quarters)-1].Quarter
	rb, err = db.Rulebook(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	dropped := rb
	dropped.Sections = rb.Sections[1:]
	wantErr(t, db.ApplyRulebook(ctx, q, dropped, dry, SourceCLI), model.ErrConflict, "已有")
	changed := rb
	changed.Rules.StarsTop = 3
	var before, after int
	db.r.QueryRow(`SELECT count(*) FROM audit`).Scan(&before)
	if err := db.ApplyRulebook(ctx, q, changed, dry, SourceCLI); err != nil {
		t.Fatal(err)
	}
	db.r.QueryRow(`SELECT count(*) FROM audit`).Scan(&after)
	if now, _ := db.Rulebook(ctx, q); !reflect.DeepEqual(now, rb) || after != before {
		t.Errorf("a dry run wrote: stars top %d, audit rows %d → %d", now.Rules.StarsTop, before, after)
	}
}
