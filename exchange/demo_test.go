package exchange

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"starflag/internal/golden"
	"starflag/model"
)

// exportDate is the fixed signing date of the bulletins in the tests.
var exportDate = time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)

// demoResults computes the demo history (seed 1, as `starflag --demo`).
func demoResults() (model.DemoData, []model.Result) {
	d := model.Demo(1)
	return d, model.ComputeSeries(d.Quarters)
}

func resultOf(t testing.TB, rs []model.Result, q string) *model.Result {
	t.Helper()
	for i := range rs {
		if rs[i].Quarter.String() == q {
			return &rs[i]
		}
	}
	t.Fatalf("no quarter %s", q)
	return nil
}

// demoDocument builds the document of one kind for quarter q of the demo,
// the way the command line does from the database.
func demoDocument(t testing.TB, kind, q string) Document {
	t.Helper()
	d, rs := demoResults()
	doc, err := documentOf(d, rs, kind, q)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func documentOf(d model.DemoData, rs []model.Result, kind, q string) (Document, error) {
	var r *model.Result
	for i := range rs {
		if rs[i].Quarter.String() == q {
			r = &rs[i]
		}
	}
	k, _ := model.ExportKindNamed(kind)
	doc := Document{Kind: k}
	var err error
	switch kind {
	case "ranking":
		if doc.Table, err = model.RankingTable(r); err == nil {
			var sheet model.Table
			sheet, err = model.RankingSheet(r)
			doc.Sheets = []model.Table{sheet}
		}
	case "stars":
		doc.Table, doc.Sheets = model.StarsTable(r), model.StarsSheets(r)
	case "flags":
		doc.Table, err = model.FlagsTable(r)
	case "seats":
		doc.Table, err = model.SeatsTable(r)
		if err == nil {
			var c model.SeatingChart
			c, err = model.SeatingChartOf(r)
			doc.Chart = &c
		}
	case "template":
		var qd model.QuarterData
		for _, x := range d.Quarters {
			if x.Quarter.String() == q {
				qd = x
			}
		}
		doc.Table = model.TemplateTable(qd.Quarter, qd.Units, qd.Sections, qd.Adjustments)
	case "bulletin":
		byName := map[int64]string{}
		for _, c := range d.Commendations {
			if c.Quarter.String() == q {
				for _, u := range d.Units {
					if u.Name == c.Unit {
						byName[u.ID] = c.Text
					}
				}
			}
		}
		var b model.Bulletin
		b, err = model.BulletinOf(r, byName, exportDate)
		doc.Bulletin = &b
	case "kit":
		var k model.Kit
		k, err = model.KitOf(r)
		doc.Kit = &k
	case "year":
		doc.Table = model.AnnualTable(model.AnnualView(2023, rs, rs))
	}
	return doc, err
}

// TestGoldenTextFormats renders every kind in every text format on the demo
// data (2023Q4, the demo's open quarter; year 2023).
func TestGoldenTextFormats(t *testing.T) {
	for _, kind := range model.ExportKindNames() {
		k, _ := model.ExportKindNamed(kind)
		for _, f := range []Format{Markdown, Text, HTML} {
			if !slices.Contains(FormatsFor(k), f) {
				continue // the kit is html and docx only
			}
			t.Run(kind+"."+string(f), func(t *testing.T) {
				doc := demoDocument(t, kind, "2023Q4")
				got, err := Render(doc, f)
				if err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join("testdata", "demo-"+kind+"."+string(f)), got)
			})
		}
	}
}
