package office_test

import (
	"context"
	"testing"

	"starflag/model"
	"starflag/office"
	"starflag/office/officetest"
	"starflag/store"
)

// BenchmarkEntrySave20y200 is one typed value in entry on the 20-year,
// 200-unit database: the save (one transaction with its audit row) and the
// recompute the dashboard then shows.
func BenchmarkEntrySave20y200(b *testing.B) {
	db, err := store.Open(officetest.CopyBigDB(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	q := model.MustQuarter("2023Q4")
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	ui := office.Data{DB: db}
	for i := 0; b.Loop(); i++ {
		v := model.Hundredths(5000 + i%5000)
		u, s := d.Units[i%len(d.Units)], d.Sections[i%len(d.Sections)]
		if err := ui.SetScore(ctx, q, u.ID, s.ID, &v); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Results(ctx, model.MustQuarter("2022Q1"), q); err != nil {
			b.Fatal(err)
		}
	}
}
