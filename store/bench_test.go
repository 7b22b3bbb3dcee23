package store

import (
	"fmt"
	"testing"
	"time"

	"starflag/model"
)

// BenchmarkApplyImport10000 writes one plan of 10,000 score cells (2,500
// units × 4 sections), each op changing every value, with an audit row each.
func BenchmarkApplyImport10000(b *testing.B) {
	db := mustOpen(b)
	const nUnits, nSections = 2500, 4
	tx, err := db.w.Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i := range nUnits - 10 {
		if _, err := tx.Exec(`INSERT INTO units (name, short, ord) VALUES (?, '', ?)`, fmt.Sprintf("区市%04d", i), 11+i); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	var secs []model.Section
	for i := range nSections {
		secs = append(secs, model.NewSection(fmt.Sprintf("板块%d", i+1), i+1))
	}
	us := units(b, db)
	plan := model.ImportPlan{Quarter: q1, NewSections: secs}
	for _, u := range us {
		for _, s := range secs {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name})
		}
	}
	if len(plan.Cells) != 10000 {
		b.Fatalf("%d cells", len(plan.Cells))
	}
	for i := 0; b.Loop(); i++ {
		for j := range plan.Cells {
			plan.Cells[j].New = model.Hundredths(5000 + (i+j)%5000)
		}
		if err := db.ApplyImport(ctx, plan, SourceImport("bench.csv")); err != nil {
			b.Fatal(err)
		}
		plan.NewSections = nil
	}
}

// BenchmarkSetScore is one keystroke-sized edit: one score, one transaction.
func BenchmarkSetScore(b *testing.B) {
	db := mustOpen(b)
	secs := withSections(b, db, q1)
	us := units(b, db)
	for i := 0; b.Loop(); i++ {
		v := model.Hundredths(i % 10000)
		if err := db.SetScore(ctx, q1, us[i%len(us)].ID, secs[i%len(secs)].ID, &v, SourceEntry); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveVersusBareInsert measures, on the same file and in the same
// run, saving one value as entry does (SetScore: check, old value, upsert,
// audit row, one immediate transaction) against the floor: a bare one-row
// INSERT in its own transaction. Target (README): ratio under 2.
func BenchmarkSaveVersusBareInsert(b *testing.B) {
	db := mustOpen(b)
	secs := withSections(b, db, q1)
	us := units(b, db)
	if _, err := db.w.Exec(`CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	bare := func(i int) {
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO bench_bare (v) VALUES (?)`, i); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	save := func(i int) {
		v := model.Hundredths(i % 10000)
		if err := db.SetScore(ctx, q1, us[i%len(us)].ID, secs[i%len(secs)].ID, &v, SourceEntry); err != nil {
			b.Fatal(err)
		}
	}
	var tBare, tSave time.Duration
	for i := 0; b.Loop(); i++ {
		// alternate, so both see the same file state and machine load
		t0 := time.Now()
		bare(i)
		t1 := time.Now()
		save(i)
		tSave += time.Since(t1)
		tBare += t1.Sub(t0)
	}
	b.ReportMetric(float64(tSave.Nanoseconds())/float64(b.N), "save-ns/op")
	b.ReportMetric(float64(tBare.Nanoseconds())/float64(b.N), "bare-ns/op")
	b.ReportMetric(float64(tSave)/float64(tBare), "ratio")
}

// BenchmarkApplyImportNewSections writes plans that create sections from a
// file's header, at growing widths: every section of a quarter that has
// none ("new"), or --add-sections after a quarter's own three ("added").
// The time per section stays flat (linear), where it grew with the width
// before (each new section read every earlier one: 8,000 took 3.7 s).
func BenchmarkApplyImportNewSections(b *testing.B) {
	for _, added := range []bool{false, true} {
		for _, n := range []int{1000, 2000, 4000, 8000} {
			b.Run(fmt.Sprintf("added=%v/sections=%d", added, n), func(b *testing.B) {
				db := mustOpen(b)
				var secs []model.Section
				var cells []model.CellChange
				for i := range n {
					s := model.NewSection(fmt.Sprintf("板块%d", i+1), i+1)
					secs = append(secs, s)
					cells = append(cells, model.CellChange{Unit: "市南区", Section: s.Name, New: 9000})
				}
				for i := 0; b.Loop(); i++ {
					// Each plan goes one quarter earlier, so none has these sections yet.
					plan := model.ImportPlan{Quarter: model.QuarterAt(q1.Index() - i), NewSections: secs, Cells: cells}
					if added {
						if err := db.CreateQuarter(ctx, plan.Quarter, SourceSetup); err != nil {
							b.Fatal(err)
						}
						plan.NewSections, plan.AddedSections = nil, secs
					}
					if err := db.ApplyImport(ctx, plan, SourceImport("wide.csv")); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/section")
			})
		}
	}
}
