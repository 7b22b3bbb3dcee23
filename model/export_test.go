package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestGuardFormula(t *testing.T) {
	cases := map[string]string{
		"=SUM(A1)": "'=SUM(A1)", "+cmd": "'+cmd", "-x": "'-x", "@A1": "'@A1", "\tx": "'\tx",
		"+2": "+2", "-1": "-1", "-0.50": "-0.50", "市南区": "市南区", "": "",
	}
	for in, want := range cases {
		if got := GuardFormula(in); got != want {
			t.Errorf("GuardFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableCSV(t *testing.T) {
	tb := Table{Header: []string{"区市", "得分"}, Rows: [][]Cell{{text("=cmd"), num("-3")}, {text("a,b"), num("92.50")}}}
	got := string(tb.CSV())
	want := "\ufeff区市,得分\r\n'=cmd,-3\r\n\"a,b\",92.50\r\n"
	if got != want {
		t.Errorf("CSV = %q, want %q", got, want)
	}
}

// TestTableCSVGuardsTheHeader: section names reach CSV headers (stars,
// template, year); one that a spreadsheet would run is written as text,
// like every other cell.
func TestTableCSVGuardsTheHeader(t *testing.T) {
	tb := Table{Header: []string{"区市", "=1+1", "@SUM(1+1)", "+cmd|'/C calc'!A0", "-1星数"}}
	got := string(tb.CSV())
	want := "\ufeff区市,'=1+1,'@SUM(1+1),'+cmd|'/C calc'!A0,'-1星数\r\n"
	if got != want {
		t.Errorf("CSV = %q, want %q", got, want)
	}
}

func TestMovementText(t *testing.T) {
	cases := []struct {
		prev, rank int
		want       string
	}{{3, 1, "+2"}, {1, 2, "-1"}, {4, 4, "0"}, {0, 5, "新"}}
	for _, c := range cases {
		if got := MovementText(Standing{PrevRank: c.prev, Rank: c.rank}); got != c.want {
			t.Errorf("MovementText(prev %d, rank %d) = %q, want %q", c.prev, c.rank, got, c.want)
		}
	}
}

func TestExportsRefuseIncompleteQuarter(t *testing.T) {
	d := Demo(1).Quarters[0]
	delete(d.Scores, ScoreKey{1, d.Sections[0].ID})
	r := Compute(d, nil)
	for name, f := range map[string]func(*Result) (Table, error){"ranking": RankingTable, "flags": FlagsTable, "seats": SeatsTable} {
		_, err := f(&r)
		if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "市南区/经济运行") {
			t.Errorf("%s: err = %v, want incomplete naming 市南区/经济运行", name, err)
		}
	}
	if st := StarsTable(&r); len(st.Rows) != 10*3-1 {
		t.Errorf("stars rows = %d, want 29 (stars work on incomplete quarters)", len(st.Rows))
	}
}

func TestSeatsTableUsesLayout(t *testing.T) {
	d := Demo(1).Quarters[7]
	d.Rules.Layout = Layout{Rows: 2, PerRow: 5, Method: CentreOut}
	r := Compute(d, nil)
	tb, err := SeatsTable(&r)
	if err != nil {
		t.Fatal(err)
	}
	// seat order 1 → front row centre (seat 3 of 5), 6 → back row centre
	if c := tb.Rows[0]; c[3].Text != "1" || c[4].Text != "3" {
		t.Errorf("first row %+v", c)
	}
	if c := tb.Rows[5]; c[3].Text != "2" || c[4].Text != "3" {
		t.Errorf("sixth row %+v", c)
	}
}

// TestAnnualTableMarksOnlyWonFlags: the 红旗 count is coloured as a flag
// only where the unit won one; a 0 in flag red reads as a flag won.
func TestAnnualTableMarksOnlyWonFlags(t *testing.T) {
	a := Annual{Year: 2023, FlagNames: []string{FlagA, FlagB}, Rows: []AnnualRow{
		{Unit: Unit{Name: "市南区"}, Rank: 1, Ranks: [4]int{1, 1, 1, 1}, Flags: []int{4, 0}},
		{Unit: Unit{Name: "莱西市"}, Rank: 2, Ranks: [4]int{2, 2, 2, 2}, Flags: []int{0, 0}},
	}}
	tb := AnnualTable(a)
	col := slices.Index(tb.Header, "红旗")
	if got := tb.Rows[0][col]; got.Text != "4" || got.Mark != "flag" {
		t.Errorf("4 flags: %+v", got)
	}
	if got := tb.Rows[1][col]; got.Text != "0" || got.Mark != "" {
		t.Errorf("no flag: %+v, want no mark", got)
	}
}
