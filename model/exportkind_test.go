package model

import (
	"strconv"
	"testing"
)

func TestExportKindsAreListedOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range ExportKinds {
		if k.Name == "" || k.Label == "" || k.Title == "" {
			t.Errorf("%+v: a kind needs a name, a label and a title", k)
		}
		for _, s := range []string{k.Name, "label " + k.Label, "title " + k.Title} {
			if seen[s] {
				t.Errorf("%q is listed twice", s)
			}
			seen[s] = true
		}
		if got, ok := ExportKindNamed(k.Name); !ok || got != k {
			t.Errorf("ExportKindNamed(%q) = %+v, %v", k.Name, got, ok)
		}
	}
	if got, ok := ExportKindNamed("podium"); ok || got.Label != "podium" || got.Title != "podium" {
		t.Errorf("ExportKindNamed(podium) = %+v, %v; want a kind naming itself, false", got, ok)
	}
}

// TestTablesCarryTheirKind: each table names its kind and ends its title
// with the kind's title, as the XLSX sheet does.
func TestTablesCarryTheirKind(t *testing.T) {
	d := Demo(1)
	rs := ComputeSeries(d.Quarters)
	r := &rs[len(rs)-1]
	must := func(t Table, err error) Table {
		if err != nil {
			panic(err)
		}
		return t
	}
	q := d.Quarters[len(d.Quarters)-1]
	for _, c := range []struct {
		kind  ExportKind
		table Table
		title string
	}{
		{ExportRanking, must(RankingTable(r)), r.Quarter.String() + " 综合排名"},
		{ExportStars, StarsTable(r), r.Quarter.String() + " 单项板块评星"},
		{ExportFlags, must(FlagsTable(r)), r.Quarter.String() + " 红旗"},
		{ExportSeats, must(SeatsTable(r)), r.Quarter.String() + " 会议座次"},
		{ExportTemplate, TemplateTable(q.Quarter, q.Units, q.Sections, q.Adjustments), q.Quarter.String() + " 录入模板"},
		{ExportYear, AnnualTable(AnnualView(r.Quarter.Year, rs, rs)), strconv.Itoa(r.Quarter.Year) + " 年度考核"},
	} {
		if c.table.Kind != c.kind.Name || c.table.Title != c.title {
			t.Errorf("%s: table kind %q, title %q; want %q, %q", c.kind.Name, c.table.Kind, c.table.Title, c.kind.Name, c.title)
		}
	}
}
