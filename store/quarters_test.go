package store

import (
	"slices"
	"testing"

	"starflag/model"
)

// TestQuarterRangeIsEnforced: no write stores a quarter outside
// 1000Q1–9999Q4 (`]` on 9999Q4 then Enter stored 10000Q1, after which
// check and import failed and the dashboard never loaded).
func TestQuarterRangeIsEnforced(t *testing.T) {
	db := mustOpen(t)
	bad := model.MaxQuarter.Next() // 10000Q1
	u := units(t, db)[0]
	for name, err := range map[string]error{
		"CreateQuarter": db.CreateQuarter(ctx, bad, SourceEntry),
		"SetAdjust":     db.SetAdjust(ctx, bad, u.ID, 1, h("1"), SourceEntry),
		"SetRules":      db.SetRules(ctx, bad, model.DefaultRules(), SourceSetup),
		"ApplyImport":   db.ApplyImport(ctx, model.ImportPlan{Quarter: bad, NewSections: []model.Section{model.NewSection("经济运行", 1)}}, SourceCLI),
		"CreateSection": func() error {
			_, err := db.CreateSection(ctx, bad, model.Section{Name: "经济运行"}, SourceSetup)
			return err
		}(),
	} {
		wantErr(t, err, model.ErrInvalid, "9999Q4")
		_ = name
	}
	// A unit's first or last quarter too (retiring from 1000Q1 would store 0999Q4).
	for _, nu := range []model.Unit{{Name: "新区", From: bad}, {Name: "旧区", Until: model.MinQuarter.Prev()}} {
		_, err := db.CreateUnit(ctx, nu, SourceSetup)
		wantErr(t, err, model.ErrInvalid, "9999Q4")
	}
	u.Until = model.MinQuarter.Prev()
	wantErr(t, db.UpdateUnit(ctx, u, SourceSetup), model.ErrInvalid, "9999Q4")

	var n int
	if err := db.r.QueryRow(`SELECT (SELECT count(*) FROM quarters) + (SELECT count(*) FROM units WHERE from_q != '' OR until_q != '')`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows hold a quarter after refusals (%v)", n, err)
	}
	// The last valid quarter is fine.
	if err := db.CreateQuarter(ctx, model.MaxQuarter, SourceEntry); err != nil {
		t.Fatal(err)
	}
}

// plantInvalidQuarter stores 10000Q1 with a section, a score, an
// adjustment and a commendation by raw SQL, as an older starflag did.
func plantInvalidQuarter(t *testing.T, db *DB) {
	t.Helper()
	u := units(t, db)[0]
	for _, stmt := range []string{
		`INSERT INTO quarters (quarter, locked, rules, created_at) SELECT '10000Q1', 0, rules, created_at FROM quarters LIMIT 1`,
		`INSERT INTO sections (quarter, name, weight, max, ord) VALUES ('10000Q1', '经济运行', 10000, 10000, 1)`,
		`INSERT INTO scores (unit_id, section_id, value) SELECT ?, id, 9000 FROM sections WHERE quarter = '10000Q1'`,
		`INSERT INTO adjustment_items (quarter, name, min, max, ord) VALUES ('10000Q1', '群众满意度加分', 0, 200, 1)`,
		`INSERT INTO adjustments (item_id, unit_id, value) SELECT id, ?, 100 FROM adjustment_items WHERE quarter = '10000Q1'`,
		`INSERT INTO commendations (quarter, unit_id, text) VALUES ('10000Q1', ?, '表扬')`,
	} {
		args := []any{}
		if slices.Contains([]byte(stmt), '?') {
			args = append(args, u.ID)
		}
		if _, err := db.w.Exec(stmt, args...); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// TestInvalidStoredQuarterIsReportedAndDeletable: a database that already
// holds 10000Q1 opens, lists and computes its valid quarters, takes
// imports, names the bad quarter in Check, and lets it be deleted.
func TestInvalidStoredQuarterIsReportedAndDeletable(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	fill(t, db, q1, secs)
	plantInvalidQuarter(t, db)
	db = reopen(t, db)

	qs, err := db.ListQuarters(ctx)
	if err != nil || len(qs) != 1 || qs[0].Quarter != q1 {
		t.Fatalf("ListQuarters = %+v, %v: want only 2023Q1", qs, err)
	}
	if _, err := db.Results(ctx, q1, q2); err != nil {
		t.Fatalf("Results: %v", err)
	}
	// A new quarter copies 2023Q1, not the bad one (which sorts first as text).
	if err := db.CreateQuarter(ctx, q2, SourceEntry); err != nil {
		t.Fatalf("CreateQuarter after a bad quarter: %v", err)
	}
	if d, err := db.QuarterData(ctx, q2); err != nil || len(d.Sections) != 3 {
		t.Fatalf("QuarterData(2023Q2) = %d sections, %v", len(d.Sections), err)
	}

	r, err := db.Check(ctx)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(r.Invalid) != 1 || r.Invalid[0].Name != "10000Q1" || r.Invalid[0].Scores != 1 {
		t.Fatalf("Check.Invalid = %+v, want 10000Q1 with 1 score", r.Invalid)
	}
	iqs, err := db.InvalidQuarters(ctx)
	if err != nil || !slices.Equal(iqs, []InvalidQuarter{{Name: "10000Q1", Sections: 1, Scores: 1}}) {
		t.Fatalf("InvalidQuarters = %+v, %v", iqs, err)
	}

	if err := db.DeleteQuarter(ctx, "10000Q1", SourceSetup); err != nil {
		t.Fatalf("DeleteQuarter: %v", err)
	}
	if iqs, _ := db.InvalidQuarters(ctx); len(iqs) != 0 {
		t.Fatalf("after delete: %v", iqs)
	}
	var left int
	if err := db.r.QueryRow(`SELECT (SELECT count(*) FROM sections WHERE quarter = '10000Q1') + (SELECT count(*) FROM adjustment_items WHERE quarter = '10000Q1') + (SELECT count(*) FROM adjustments)
		+ (SELECT count(*) FROM commendations WHERE quarter = '10000Q1') + (SELECT count(*) FROM quarters WHERE quarter = '10000Q1')`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("%d rows of 10000Q1 left (%v)", left, err)
	}
	if r, _ := db.Check(ctx); len(r.Invalid) != 0 || r.Scores != 30 {
		t.Fatalf("after delete Check = %+v", r)
	}
	if es := audit(t, db); es[0].Action != "delete_quarter" || es[0].Old != "10000Q1" {
		t.Errorf("audit = %+v", es[0])
	}
}

// TestDeleteQuarterKeepsData: a valid quarter is deleted only while it is
// unlocked and holds nothing typed (a quarter created by mistake).
func TestDeleteQuarterKeepsData(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	fill(t, db, q1, secs)
	wantErr(t, db.DeleteQuarter(ctx, "2023Q1", SourceSetup), model.ErrConflict, "30 个得分")
	if err := db.CreateQuarter(ctx, q2, SourceEntry); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Lock(ctx, q2, SourceCLI); err != nil {
		t.Fatal(err)
	}
	wantErr(t, db.DeleteQuarter(ctx, "2023Q2", SourceSetup), model.ErrLocked, "定稿")
	if err := db.Unlock(ctx, q2, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteQuarter(ctx, "2023Q2", SourceSetup); err != nil {
		t.Fatal(err)
	}
	wantErr(t, db.DeleteQuarter(ctx, "2023Q2", SourceSetup), model.ErrNotFound, "2023Q2")
	if qs, _ := db.ListQuarters(ctx); len(qs) != 1 {
		t.Fatalf("quarters = %+v", qs)
	}
}

// TestListQuartersCompleteness: a quarter is complete when every unit
// taking part has every section's score; the scores of a unit outside its
// first..last quarter do not make up for a missing one.
func TestListQuartersCompleteness(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	fill(t, db, q1, secs)
	us := units(t, db)
	// 2023Q2: 莱西市 no longer takes part, but still has a score there;
	// 市南区 lacks one.
	last := us[len(us)-1]
	if err := db.CreateQuarter(ctx, q2, SourceEntry); err != nil {
		t.Fatal(err)
	}
	d, _ := db.QuarterData(ctx, q2)
	for _, u := range us {
		for _, s := range d.Sections {
			if u.ID != us[0].ID || s.ID != d.Sections[0].ID {
				if err := db.SetScore(ctx, q2, u.ID, s.ID, h("80"), SourceEntry); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	last.Until = q1
	if err := db.UpdateUnit(ctx, last, SourceSetup); err != nil {
		t.Fatal(err)
	}
	// 市北区 now takes part only from 2023Q2: its 2023Q1 scores are strays.
	second := us[1]
	second.From = q2
	if err := db.UpdateUnit(ctx, second, SourceSetup); err != nil {
		t.Fatal(err)
	}
	qs, err := db.ListQuarters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := []model.QuarterStatus{qs[0].QuarterStatus, qs[1].QuarterStatus}
	want := []model.QuarterStatus{{Quarter: q1, Cells: 27, Scores: 27}, {Quarter: q2, Cells: 27, Scores: 26}}
	if !slices.Equal(got, want) {
		t.Fatalf("statuses = %+v, want %+v", got, want)
	}
	if !got[0].Complete() || got[1].Complete() {
		t.Fatalf("complete: %v %v", got[0].Complete(), got[1].Complete())
	}
	res, _ := db.Result(ctx, q2)
	if res.Complete() || len(res.Missing) != 1 {
		t.Fatalf("Result disagrees: missing %v", res.Missing)
	}
}

// TestFirstQuarterHasDefaultSections: a quarter has its sections before it
// has scores. On a new database the first quarter shows, and when created
// gets, the scheme's default sections, whichever change creates it.
func TestFirstQuarterHasDefaultSections(t *testing.T) {
	db := mustOpen(t)
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range d.Sections {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, model.DefaultSectionNames) || d.Sections[0].ID != 0 {
		t.Fatalf("a new database's first quarter shows sections %+v, want the defaults (not stored yet)", d.Sections)
	}
	// Adding a section in setup creates the quarter with what setup showed.
	if _, err := db.CreateSection(ctx, q1, model.Section{Name: "优化营商环境"}, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d, _ = db.QuarterData(ctx, q1)
	if len(d.Sections) != 4 || d.Sections[0].Name != "经济运行" || d.Sections[0].ID == 0 || d.Sections[3].Name != "优化营商环境" {
		t.Fatalf("sections after adding one = %+v", d.Sections)
	}
}

// TestApplyImportAddedSections: sections added by an import come after
// the quarter's own (here inherited from 2023Q1), in that quarter only.
func TestApplyImportAddedSections(t *testing.T) {
	db := mustOpen(t)
	withSections(t, db, q1)
	u := units(t, db)[0]
	plan := model.ImportPlan{Quarter: q2, AddedSections: []model.Section{model.NewSection("优化营商环境", 4)},
		Cells: []model.CellChange{{Unit: u.Name, Section: "优化营商环境", New: 8850}}}
	if err := db.ApplyImport(ctx, plan, SourceImport("q2.csv")); err != nil {
		t.Fatal(err)
	}
	d, _ := db.QuarterData(ctx, q2)
	if len(d.Sections) != 4 || d.Sections[3].Name != "优化营商环境" || d.Sections[3].Order != 4 || d.Scores[model.ScoreKey{Unit: u.ID, Section: d.Sections[3].ID}] != 8850 {
		t.Fatalf("2023Q2 sections %+v scores %v", d.Sections, d.Scores)
	}
	if d1, _ := db.QuarterData(ctx, q1); len(d1.Sections) != 3 {
		t.Fatalf("2023Q1 sections %+v", d1.Sections)
	}
}
