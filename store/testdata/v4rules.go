//go:build ignore

// This file wrote v4-rules.db and v4-rules.golden with starflag at schema
// version 4 (commit 552d51e, when a rule named its section by name), for
// TestMigration5RulesReferToSectionsByID. To write them again, copy it
// into store/ of that commit as v4rules_test.go with v4RulesResults from
// store/rules_test.go, drop the build line, and run
//
//	STARFLAG_V4_FIXTURE=$PWD/store/testdata go test ./store -run TestWriteV4RulesFixture
package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"starflag/model"
)

func TestWriteV4RulesFixture(t *testing.T) {
	out := os.Getenv("STARFLAG_V4_FIXTURE")
	if out == "" {
		t.Skip("STARFLAG_V4_FIXTURE is not set")
	}
	clock := func() time.Time { return time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC) }
	db, err := Open(filepath.Join(t.TempDir(), "starflag.db"), Options{Seed: true, Clock: clock})
	must(t, err)
	defer db.Close()
	us, err := db.ListUnits(ctx)
	must(t, err)
	q1, q2, q3 := model.MustQuarter("2023Q1"), model.MustQuarter("2023Q2"), model.MustQuarter("2023Q3")
	scores := func(q model.Quarter, k int) {
		d, err := db.QuarterData(ctx, q)
		must(t, err)
		plan := model.ImportPlan{Quarter: q}
		for i, u := range us {
			for j, s := range d.Sections {
				v := model.Hundredths(6000 + (i*37+j*53+k*71)%40*100)
				plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: v})
			}
		}
		must(t, db.ApplyImport(ctx, plan, SourceImport("fixture.csv")))
	}
	section := func(name string, n int) model.Condition {
		return model.Condition{Kind: model.SectionRankAtMost, Threshold: n, Scope: name}
	}

	// 2023Q1: the three default sections; a flag on one section, a warning
	// on another or on a section the quarter does not have.
	must(t, db.CreateQuarter(ctx, q1, SourceSetup))
	rules := model.DefaultRules()
	rules.Flags = append(rules.Flags, model.Rule{Name: "经济运行之星", Colour: "red", When: []model.Condition{section("经济运行", 1)}})
	rules.Warnings = append(rules.Warnings, model.Rule{Name: "项目预警", Colour: "amber",
		When: []model.Condition{section("项目签约落地", 2), section("招商引资", 1)}})
	must(t, db.SetRules(ctx, q1, rules, SourceSetup))
	scores(q1, 1)

	// 2023Q2 copies them; renaming a section there broke its rule.
	must(t, db.CreateQuarter(ctx, q2, SourceSetup))
	scores(q2, 2)
	d2, err := db.QuarterData(ctx, q2)
	must(t, err)
	must(t, db.UpdateSections(ctx, q2, []model.Section{{ID: d2.Sections[1].ID, Name: "项目落地"}}, SourceSetup))

	// 2023Q3 adds a section and a flag on it.
	must(t, db.CreateQuarter(ctx, q3, SourceSetup))
	_, err = db.CreateSection(ctx, q3, model.Section{Name: "优化营商环境"}, SourceSetup)
	must(t, err)
	d3, err := db.QuarterData(ctx, q3)
	must(t, err)
	rules = d3.Rules
	rules.Flags = append(rules.Flags, model.Rule{Name: "营商之星", Colour: "red", When: []model.Condition{section("优化营商环境", 1)}})
	must(t, db.SetRules(ctx, q3, rules, SourceSetup))
	scores(q3, 3)
	_, err = db.Lock(ctx, q2, SourceCLI)
	must(t, err)

	golden, err := v4RulesResults(db)
	must(t, err)
	_, err = db.Backup(ctx, filepath.Join(out, "v4-rules.db"))
	must(t, err)
	must(t, os.WriteFile(filepath.Join(out, "v4-rules.golden"), []byte(golden), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
