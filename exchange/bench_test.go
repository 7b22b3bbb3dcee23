package exchange

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"starflag/model"
)

// bigData is 200 units × 4 sections over the eight quarters of 2022–2023.
func bigData() (model.DemoData, []model.Result) {
	rng := rand.New(rand.NewPCG(200, 4))
	d := model.DemoData{}
	for i := range 200 {
		d.Units = append(d.Units, model.Unit{ID: int64(i + 1), Name: fmt.Sprintf("第%03d区", i+1), Order: i + 1})
	}
	id := int64(0)
	for q := model.MustQuarter("2022Q1"); !model.MustQuarter("2023Q4").Before(q); q = q.Next() {
		qd := model.QuarterData{Quarter: q, Units: d.Units, Adjustments: []model.Adjustment{model.DefaultAdjustment()}, Rules: model.DefaultRules(),
			Scores: map[model.ScoreKey]model.Hundredths{}, Adjust: map[model.AdjustKey]model.Hundredths{}}
		for j, n := range []string{"经济运行", "项目签约落地", "城市更新建设", "优化营商环境"} {
			id++
			qd.Sections = append(qd.Sections, model.Section{ID: id, Name: n, Weight: model.WeightOne, Max: 10000, Order: j + 1})
		}
		for _, u := range d.Units {
			for _, s := range qd.Sections {
				qd.Scores[model.ScoreKey{Unit: u.ID, Section: s.ID}] = model.Hundredths(5000 + rng.IntN(5000))
			}
		}
		d.Quarters = append(d.Quarters, qd)
	}
	for _, u := range d.Units[:20] {
		d.Commendations = append(d.Commendations, model.Commendation{Quarter: model.MustQuarter("2023Q4"), Unit: u.Name, Text: "成效突出"})
	}
	return d, model.ComputeSeries(d.Quarters)
}

// BenchmarkExport200 builds and renders every kind in every format it has
// for 200 units, from the computed quarter (as the command line and the
// dashboard have it), and the annual bulletin of 2023 (bulletin-year).
// Target: each under 20 ms; the documents (docx, the kit) under 50 ms.
func BenchmarkExport200(b *testing.B) {
	d, rs := bigData()
	for _, kind := range model.ExportKindNames() {
		k, _ := model.ExportKindNamed(kind)
		for _, f := range FormatsFor(k) {
			b.Run(kind+"/"+string(f), func(b *testing.B) {
				for b.Loop() {
					doc, err := documentOf(d, rs, kind, "2023Q4")
					if err != nil {
						b.Fatal(err)
					}
					if _, err := Render(doc, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	for _, f := range FormatsFor(model.ExportBulletin) {
		b.Run("bulletin-year/"+string(f), func(b *testing.B) {
			for b.Loop() {
				bl, err := model.AnnualBulletinOf(model.AnnualView(2023, rs, rs), model.DocOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Render(Document{Kind: model.ExportBulletin, Bulletin: &bl}, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
