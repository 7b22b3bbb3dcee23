package model

import (
	"reflect"
	"testing"
)

func TestBumpChartOf(t *testing.T) {
	full := yearOf(t, 2023, []map[int64]Hundredths{
		{1: 9000, 2: 9000, 3: 9500},          // 市南 and 市北 tie second
		{1: 9000, 2: 8000, 3: 9500, 4: 8000}, // 崂山区 joins
		{1: 9000, 2: 8000, 4: 9900},          // 李沧区 leaves after Q2
		{1: 9000, 2: 8001, 4: 9900},
	})
	cases := []struct {
		name     string
		annual   Annual
		quarters [4]BumpQuarter
		ranks    int
		lines    []BumpLine
		start    map[int][]string
		end      map[int][]string
	}{
		{name: "an empty year", annual: AnnualView(2024, nil, nil), ranks: 1,
			start: map[int][]string{}, end: map[int][]string{}},
		{name: "ties, joins and leaves", annual: AnnualView(2023, full, nil), ranks: 3,
			quarters: [4]BumpQuarter{{Counted: true}, {Counted: true}, {Counted: true}, {Counted: true}},
			lines: []BumpLine{
				{Label: "李沧", Ranks: [4]int{1, 1, 0, 0}, First: 0, Last: 1},
				{Label: "崂山", Ranks: [4]int{0, 3, 1, 1}, First: 1, Last: 3},
				{Label: "市南", Ranks: [4]int{2, 2, 2, 2}, First: 0, Last: 3},
				{Label: "市北", Ranks: [4]int{2, 3, 3, 3}, First: 0, Last: 3},
			},
			start: map[int][]string{1: {"李沧"}, 2: {"市南", "市北"}},
			end:   map[int][]string{1: {"崂山"}, 2: {"市南"}, 3: {"市北"}}},
		{name: "an incomplete quarter is not counted", annual: func() Annual {
			rs := append([]Result{}, full[:2]...)
			rs[1].Missing = []Missing{{}}
			return AnnualView(2023, rs, nil)
		}(), ranks: 2,
			quarters: [4]BumpQuarter{{Counted: true}, {Incomplete: true}},
			lines: []BumpLine{
				{Label: "李沧", Ranks: [4]int{1}, First: 0, Last: 0},
				{Label: "市南", Ranks: [4]int{2}, First: 0, Last: 0},
				{Label: "市北", Ranks: [4]int{2}, First: 0, Last: 0},
			},
			start: map[int][]string{1: {"李沧"}, 2: {"市南", "市北"}}, end: map[int][]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := BumpChartOf(c.annual)
			if b.Year != c.annual.Year || b.Quarters != c.quarters || b.Ranks != c.ranks {
				t.Errorf("year %d quarters %+v ranks %d, want %+v %d", b.Year, b.Quarters, b.Ranks, c.quarters, c.ranks)
			}
			if !reflect.DeepEqual(b.Lines, c.lines) {
				t.Errorf("lines\n%+v\nwant\n%+v", b.Lines, c.lines)
			}
			if !reflect.DeepEqual(b.Start, c.start) || !reflect.DeepEqual(b.End, c.end) {
				t.Errorf("start %v end %v, want %v %v", b.Start, b.End, c.start, c.end)
			}
		})
	}
}
