package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// itItems are two adjustment items: a bonus (0 to 2) and a deduction
// (−3 to 0).
func itItems() []Adjustment {
	return []Adjustment{
		{ID: 1, Name: "群众满意度加分", Min: 0, Max: 200, Order: 1},
		{ID: 2, Name: "督查扣分", Min: -300, Max: 0, Order: 2},
	}
}

// TestSeveralAdjustmentItems: the composite adds every item, a deduction
// included; a value of an item the quarter does not have counts nothing.
func TestSeveralAdjustmentItems(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 90, 89)
	d.Adjustments = itItems()
	d.Adjust = map[AdjustKey]Hundredths{{1, 1}: 150, {1, 2}: -250, {2, 1}: 100, {3, 9}: 500}
	r := Compute(d, nil)
	if got := ctPer(r, 3, func(s Standing) int { return int(s.Adjust) }); !slices.Equal(got, []int{-100, 100, 0}) {
		t.Fatalf("adjustments %v", got)
	}
	if got := ctPer(r, 3, func(s Standing) int { return s.Rank }); !slices.Equal(got, []int{2, 1, 2}) {
		t.Fatalf("ranks %v", got)
	}
	b, err := BulletinOf(&r, nil, time.Date(2023, 4, 10, 0, 0, 0, 0, time.UTC))
	if err != nil || !strings.Contains(b.Covered, "另计群众满意度加分（0至2分）、督查扣分（-3至0分）") {
		t.Fatalf("bulletin: %q %v", b.Covered, err)
	}
	tt := TemplateTable(d.Quarter, d.Units, d.Sections, d.Adjustments)
	if got := strings.Join(tt.Header, ","); got != "区市,经济运行,群众满意度加分,督查扣分" {
		t.Fatalf("template header %s", got)
	}
}

// TestImportReadsOneColumnPerItem: an import file names each item by its
// column, a deduction may be negative, and a value outside an item's
// range is refused with the item's name.
func TestImportReadsOneColumnPerItem(t *testing.T) {
	in := importFixture()
	in.Data.Adjustments = itItems()
	in.Rows = []Row{
		{Line: 1, Cells: []string{"区市", "经济运行", "督查扣分", "群众满意度加分"}},
		{Line: 2, Cells: []string{"市南区", "91", "-1.5", "2"}},
		{Line: 3, Cells: []string{"市北区", "", "", "0.5"}},
	}
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range plan.Cells {
		got = append(got, c.Unit+"/"+c.Section+c.Item+"="+c.New.String())
	}
	want := "市南区/经济运行=91.00 市南区/督查扣分=-1.50 市南区/群众满意度加分=2.00 市北区/群众满意度加分=0.50"
	if strings.Join(got, " ") != want {
		t.Fatalf("cells %v", got)
	}
	in.Rows[2].Cells[2] = "1"
	if _, err := PlanImport(in); err == nil || !strings.Contains(err.Error(), "超出督查扣分范围 -3.00–0.00") {
		t.Fatalf("a deduction above 0: %v", err)
	}
}

// TestVeto: a vetoed unit keeps its composite and rank, holds no flag
// (still a warning), the bulletin names it with the reason unless the
// rules hide it, the ranking export gains a 一票否决 column, and in the
// annual view it skips the top tier, which goes to the next unit.
func TestVeto(t *testing.T) {
	d := ctQuarter("2023Q4", 90, 80, 70, 60, 50)
	d.Vetoes = map[int64]string{1: "发生重大安全生产事故", 5: "未完成减排任务"}
	r := Compute(d, nil)
	s := r.Find(1)
	if s.Rank != 1 || s.Veto == "" || len(s.Flags) != 0 {
		t.Fatalf("unit 1: rank %d veto %q flags %v", s.Rank, s.Veto, s.Flags)
	}
	if got := ctWho(r, ctHasFlag(FlagA)); !slices.Equal(got, []int64{2}) {
		t.Fatalf("flag A %v: the veto must not pass it on", got)
	}
	if !r.Find(5).Warned() {
		t.Fatal("a vetoed unit keeps its warning")
	}
	b, err := BulletinOf(&r, nil, time.Now())
	if err != nil || len(b.MarkText) != 1 || b.MarkText[0] != "U01因发生重大安全生产事故，U05因未完成减排任务，实行一票否决，本季度不得红旗。" {
		t.Fatalf("bulletin %q %v", b.MarkText, err)
	}
	hidden := d
	hidden.Rules.HideVetoes = true
	hr := Compute(hidden, nil)
	if b, _ := BulletinOf(&hr, nil, time.Now()); len(b.MarkText) != 0 {
		t.Fatalf("hidden vetoes named: %q", b.MarkText)
	}
	rt, _ := RankingTable(&r)
	if h := rt.Header[len(rt.Header)-1]; h != VetoHeader || rt.Rows[0][len(rt.Header)-1].Text != "发生重大安全生产事故" {
		t.Fatalf("ranking %v %v", rt.Header, rt.Rows[0])
	}

	// The year: unit 1 first but vetoed: 优秀 (3) goes to units 2, 3, 4.
	a := AnnualView(2023, []Result{r}, nil)
	tiers := map[int64]string{}
	for _, row := range a.Rows {
		tiers[row.Unit.ID] = row.Tier
	}
	want := map[int64]string{1: "良好", 2: "优秀", 3: "优秀", 4: "优秀", 5: "良好"}
	for id, tier := range want {
		if tiers[id] != tier {
			t.Errorf("unit %d: %s, want %s", id, tiers[id], tier)
		}
	}
	yt := AnnualTable(a)
	if yt.Header[len(yt.Header)-1] != VetoHeader || yt.Rows[0][len(yt.Header)-1].Text != "1个季度" {
		t.Fatalf("year table %v %v", yt.Header, yt.Rows[0])
	}
}
