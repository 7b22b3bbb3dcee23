package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Published is what a quarter's results publish, as one text to compare:
// its ranking (rank, composite, movement, flags, warnings, 红牌), stars,
// flags and seats, each as its export table or as the reason that export is
// refused. The store keeps it unchanged for a locked (定稿) quarter across
// every edit. Units are named by ID and the stars listed by unit ID, so that
// renaming a unit or reordering the official list, which only relabel the
// tables, do not count; a seat that a reordered tie-break moves still does.
func Published(r Result) string {
	r.Standings = slices.Clone(r.Standings)
	for i := range r.Standings {
		r.Standings[i].Unit = byID(r.Standings[i].Unit)
	}
	r.Missing = slices.Clone(r.Missing)
	for i := range r.Missing {
		r.Missing[i].Unit = byID(r.Missing[i].Unit)
	}
	stars := func(r *Result) (Table, error) {
		t := StarsTable(r)
		slices.SortStableFunc(t.Rows, func(a, b []Cell) int { return cmp.Compare(a[1].Text, b[1].Text) })
		return t, nil
	}
	var b strings.Builder
	for _, table := range []func(*Result) (Table, error){RankingTable, stars, FlagsTable, SeatsTable} {
		t, err := table(&r)
		if err != nil {
			fmt.Fprintf(&b, "%s：%s", err, ErrorCode(err)) // the refusal and its code
		} else {
			b.Write(t.CSV())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// byID is u named by its ID alone.
func byID(u Unit) Unit {
	return Unit{ID: u.ID, Name: "#" + strconv.FormatInt(u.ID, 10)}
}
