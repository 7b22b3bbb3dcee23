package ui

import (
	"fmt"
	"math/rand/v2"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// bigFake is two years of n units and four sections with random scores.
func bigFake(n int) *fakeData {
	rng := rand.New(rand.NewPCG(7, 7))
	var units []model.Unit
	for i := range n {
		units = append(units, model.Unit{ID: int64(i + 1), Name: fmt.Sprintf("第%03d区", i+1), Short: fmt.Sprintf("%03d", i+1), Order: i + 1})
	}
	var ds []model.QuarterData
	id := int64(0)
	for q := model.MustQuarter("2022Q1"); q.Before(model.MustQuarter("2024Q1")); q = q.Next() {
		d := model.QuarterData{Quarter: q, Units: units, Adjustments: []model.Adjustment{model.DefaultAdjustment()}, Rules: model.DefaultRules(),
			Scores: map[model.ScoreKey]model.Hundredths{}, Adjust: map[model.AdjustKey]model.Hundredths{}}
		for j, name := range []string{"经济运行", "项目签约落地", "城市更新建设", "优化营商环境"} {
			id++
			s := model.NewSection(name, j+1)
			s.ID = id
			d.Sections = append(d.Sections, s)
			for _, u := range units {
				d.Scores[model.ScoreKey{Unit: u.ID, Section: id}] = model.Hundredths(5000 + rng.IntN(5000))
			}
		}
		ds = append(ds, d)
	}
	f := &fakeData{version: 1, results: model.ComputeSeries(ds), qdata: map[model.Quarter]model.QuarterData{}}
	for _, d := range ds {
		f.qdata[d.Quarter] = d
	}
	for _, r := range f.results {
		f.quarters = append(f.quarters, r.Quarter)
	}
	return f
}

// BenchmarkRender200 draws each page (and presentation mode) for 200 units
// at 160×45. Target: under 2 ms per frame.
func BenchmarkRender200(b *testing.B) {
	f := bigFake(200)
	for i, p := range append(pages, page{short: "放映"}) {
		b.Run(p.short, func(b *testing.B) {
			a := New(f, Options{Profile: colorprofile.TrueColor})
			a.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
			loadNow(b, a, model.MustQuarter("2023Q4"))
			if i == len(pages) {
				a.mode = modePresent
			} else {
				a.board.page = i
			}
			for b.Loop() {
				if a.View().Content == "" {
					b.Fatal("empty frame")
				}
			}
		})
	}
}

// BenchmarkEntryKeystroke200 is one keystroke in the entry grid of 200
// units at 160×45: Update and the next frame. Keys alternate between moving
// the cursor and typing, so both paths are measured. Target: under 1 ms.
func BenchmarkEntryKeystroke200(b *testing.B) {
	f := bigFake(200)
	a := New(f, Options{Profile: colorprofile.TrueColor})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	loadNow(b, a, model.MustQuarter("2023Q4"))
	a.Update(a.entry.open()())
	if !a.entry.ready || len(a.entry.sheet.Units) != 200 {
		b.Fatal("entry not loaded")
	}
	keys := []tea.KeyPressMsg{
		{Code: tea.KeyDown}, {Code: '9', Text: "9"}, {Code: '5', Text: "5"}, {Code: tea.KeyBackspace},
		{Code: tea.KeyBackspace}, {Code: tea.KeyEscape}, {Code: tea.KeyTab}, {Code: tea.KeyPgDown},
	}
	for i := 0; b.Loop(); i++ {
		a.Update(keys[i%len(keys)])
		if a.View().Content == "" {
			b.Fatal("empty frame")
		}
		if a.mode != modeEntry {
			b.Fatal("left entry")
		}
	}
}
