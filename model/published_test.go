package model

import "testing"

// TestPublishedIgnoresLabelsOnly: what a quarter publishes does not change
// with a unit's name or the official order when no tie is broken by it,
// and changes with a rank, a movement, a seat or a star.
func TestPublishedIgnoresLabelsOnly(t *testing.T) {
	prev, cur := ctOrder("2023Q1", 1, 2, 3, 4), ctOrder("2023Q2", 2, 1, 4, 3)
	published := func(prev, cur QuarterData) string {
		return Published(ComputeSeries([]QuarterData{prev, cur})[1])
	}
	base := published(prev, cur)
	renamed := cur
	renamed.Units = ctUnits(4)
	renamed.Units[0].Name = "改名"
	renamed.Units[0].Order, renamed.Units[3].Order = 4, 1
	if got := published(prev, renamed); got != base {
		t.Errorf("a rename and a new official order changed what is published:\n%s\nwant\n%s", got, base)
	}
	for name, c := range map[string]struct{ prev, cur QuarterData }{
		"a rank":     {prev, ctOrder("2023Q2", 1, 2, 4, 3)},
		"a movement": {ctOrder("2023Q1", 4, 3, 2, 1), cur},
		"a missing score in the previous quarter": {ctQuarter("2023Q1", 4, 3, 2, ctNone), cur},
	} {
		if published(c.prev, c.cur) == base {
			t.Errorf("%s changed, what is published did not", name)
		}
	}
	// Two units tied in rank and previous rank are seated by official order.
	tiedPrev, tied := ctQuarter("2023Q1", 9, 9, 5), ctQuarter("2023Q2", 8, 8, 5)
	reordered := tied
	reordered.Units = ctUnits(3)
	reordered.Units[0].Order, reordered.Units[1].Order = 2, 1
	if published(tiedPrev, tied) == published(tiedPrev, reordered) {
		t.Error("a new official order that reseats two tied units did not change what is published")
	}
}

// TestPlanPasteKeepsCellsEqualToTheView: a pasted value equal to what the
// grid shows is still in the plan (the grid may be stale; the store
// compares with the database), and Changes counts only the others.
func TestPlanPasteKeepsCellsEqualToTheView(t *testing.T) {
	d := importFixture().Data // 市南区/经济运行 holds 90
	plan, err := PlanPaste(d, 0, 0, "90\r\n80\r\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Cells) != 2 || plan.Changes() != 1 {
		t.Fatalf("plan %+v: %d cells, %d changes; want 2 and 1", plan.Cells, len(plan.Cells), plan.Changes())
	}
}
