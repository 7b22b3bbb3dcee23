package model

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

var signed = time.Date(2023, 7, 5, 0, 0, 0, 0, time.UTC)

// twoQuarters: Q1 ranks U01..U05 in order; Q2 has U01 and U02 tied first,
// U05 rising from 5th to 3rd, everybody else below.
func twoQuarters() (Result, Result) {
	units := ctUnits(5)
	secs := ctSections([]string{"经济运行", "项目签约落地"}, nil)
	q1 := ctGrid("2023Q1", units, secs, [][]Hundredths{{9000, 9000}, {8000, 8000}, {7000, 7000}, {6000, 6000}, {5000, 5000}})
	q2 := ctGrid("2023Q2", units, secs, [][]Hundredths{{9000, 9000}, {9000, 9000}, {6000, 6000}, {5000, 5000}, {8000, 8000}})
	rs := ComputeSeries([]QuarterData{q1, q2})
	return rs[0], rs[1]
}

// Units tied in a rise are written together, each with the rise.
func TestBulletinFlagSentenceTiedRise(t *testing.T) {
	units := ctUnits(5)
	secs := ctSections([]string{"经济运行", "项目签约落地"}, nil)
	q1 := ctGrid("2023Q1", units, secs, [][]Hundredths{{9000, 9000}, {8000, 8000}, {7000, 7000}, {6000, 6000}, {5000, 5000}})
	q2 := ctGrid("2023Q2", units, secs, [][]Hundredths{{9000, 9000}, {8000, 8000}, {7000, 7000}, {8500, 8500}, {8400, 8400}})
	r := ComputeSeries([]QuarterData{q1, q2})[1]
	b, err := BulletinOf(&r, nil, signed)
	if err != nil {
		t.Fatal(err)
	}
	want := "U01居第1位，U04居第2位，均夺得“真抓实干、勇当排头”红旗；U04、U05各前进2位，均夺得“加压奋进、进位赶超”红旗。"
	if b.FlagText != want {
		t.Errorf("flag sentence\n got %q\nwant %q", b.FlagText, want)
	}
}

func TestBulletinFlagSentence(t *testing.T) {
	r1, r2 := twoQuarters()
	cases := []struct {
		name  string
		r     Result
		rules func(*Rules)
		want  string
	}{
		{"both clauses, ties written out, the rise stated", r2, nil,
			"U01、U02并列第1位，均夺得“真抓实干、勇当排头”红旗；U05前进2位，夺得“加压奋进、进位赶超”红旗。"},
		{"nobody rose: clause dropped", r1, nil, "U01居第1位，U02居第2位，均夺得“真抓实干、勇当排头”红旗。"},
		{"thresholds and names from the rules", r2, func(r *Rules) {
			r.Flags[0].Name, r.Flags[0].When[0].Threshold = "排头旗", 1
			r.Flags[1].When[0].Threshold = 3
		}, "U01、U02并列第1位，均夺得“排头旗”红旗。"}, // U05 rose 2 < 3: clause dropped
		{"one flag per unit", r2, func(r *Rules) {
			r.OneFlagPerUnit = true
			r.Flags[1].When[0].Threshold = 1 // U02 rose 1, but already holds flag A
		}, "U01、U02并列第1位，均夺得“真抓实干、勇当排头”红旗；U05前进2位，夺得“加压奋进、进位赶超”红旗。"},
		{"no flag rules: no sentence", r2, func(r *Rules) { r.Flags = nil }, ""},
		{"section rule", r2, func(r *Rules) {
			r.Flags = []Rule{{Name: "单项旗", When: []Condition{{Kind: SectionRankAtMost, Threshold: 1, Section: 1, Scope: "经济运行"}, {Kind: RankAtMost, Threshold: 1}}}}
		}, "U01、U02经济运行板块位列前1名或综合成绩位列第一，均夺得“单项旗”红旗。"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			if tc.rules != nil {
				units := ctUnits(5)
				secs := ctSections([]string{"经济运行", "项目签约落地"}, nil)
				d1 := ctGrid("2023Q1", units, secs, [][]Hundredths{{9000, 9000}, {8000, 8000}, {7000, 7000}, {6000, 6000}, {5000, 5000}})
				d2 := ctGrid("2023Q2", units, secs, [][]Hundredths{{9000, 9000}, {9000, 9000}, {6000, 6000}, {5000, 5000}, {8000, 8000}})
				d2.Rules = DefaultRules()
				tc.rules(&d2.Rules)
				r = ComputeSeries([]QuarterData{d1, d2})[1]
			}
			b, err := BulletinOf(&r, nil, signed)
			if err != nil {
				t.Fatal(err)
			}
			if b.FlagText != tc.want {
				t.Errorf("flag sentence\n got %q\nwant %q", b.FlagText, tc.want)
			}
		})
	}
}

func TestBulletinParts(t *testing.T) {
	_, r := twoQuarters()
	r.Rules.Method = "《2023年度考核办法》"
	r.Rules.Committee = "某市考核委员会"
	b, err := BulletinOf(&r, map[int64]string{5: "进位明显", 1: "对U01予以表扬", 3: "  "}, signed)
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string][2]string{
		"title":     {b.Title, "某市考核委员会关于2023年二季度全市经济运行及重点工作“摘星夺旗”考核结果的通报"},
		"opening":   {b.Opening, "近期，根据《2023年度考核办法》，组织开展了2023年二季度“摘星夺旗”考核。现将考核结果通报如下。"},
		"covered":   {b.Covered, "本季度考核经济运行、项目签约落地共2个板块，综合得分为各板块得分之和，另计群众满意度加分（0至2分）。各区市综合成绩如下："},
		"stars":     {b.StarsText, "各板块按得分由高到低评星：5个区市参评，第1名得5星，名次每后退一位少1星，末位得1星；得分相同的区市名次相同、星级相同。"},
		"committee": {b.Committee, "某市考核委员会"},
		"date":      {b.Date, "2023年7月5日"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	// Commendations merged into one sentence in official order; blank ones
	// left out.
	want := []string{"同时，对U01；对U05进位明显，予以表扬。"}
	if strings.Join(b.Commendations, "|") != strings.Join(want, "|") {
		t.Errorf("commendations %q, want %q", b.Commendations, want)
	}
	// Ranking in seat order; the stars grid in official order, without a
	// total by default.
	if got := b.Ranking.Rows[2][1].Text; got != "U05" {
		t.Errorf("third place %s, want U05", got)
	}
	if h := strings.Join(b.Stars.Header, ","); h != "区市,经济运行,项目签约落地" {
		t.Errorf("stars header %s", h)
	}
	r.Rules.Docs.StarsTotal = true
	if b, _ = BulletinOf(&r, nil, signed); strings.Join(b.Stars.Header, ",") != "区市,经济运行,项目签约落地,合计" {
		t.Errorf("stars header with the total %s", strings.Join(b.Stars.Header, ","))
	}
	if row := b.Stars.Rows[0]; row[0].Text != "U01" || row[1].Text != "5" || row[3].Text != "10" {
		t.Errorf("stars row %v", row)
	}
}

// TestBulletinStarsText: the sentence on stars follows Rules.StarsTop,
// and the stars grid gives 0 to units below the top K.
func TestBulletinStarsText(t *testing.T) {
	tests := []struct {
		top  int
		want string
		row  []string // U01's stars per section and total
	}{
		{0, "各板块按得分由高到低评星：5个区市参评，第1名得5星，名次每后退一位少1星，末位得1星；得分相同的区市名次相同、星级相同。",
			[]string{"U01", "5", "5", "10"}},
		{3, "各板块按得分由高到低评星：5个区市参评，前3名得星，第1名得3星，名次每后退一位少1星；得分相同的区市名次相同、星级相同。",
			[]string{"U01", "3", "3", "6"}},
		{1, "各板块按得分由高到低评星：5个区市参评，第1名得1星，其余不得星；得分相同的区市名次相同、星级相同。",
			[]string{"U01", "1", "1", "2"}},
	}
	for _, tt := range tests {
		units := ctUnits(5)
		secs := ctSections([]string{"经济运行", "项目签约落地"}, nil)
		d := ctGrid("2023Q2", units, secs, [][]Hundredths{{9000, 9000}, {9000, 9000}, {6000, 6000}, {5000, 5000}, {8000, 8000}})
		d.Rules.StarsTop = tt.top
		d.Rules.Docs.StarsTotal = true
		r := Compute(d, nil)
		b, err := BulletinOf(&r, nil, signed)
		if err != nil {
			t.Fatal(err)
		}
		if b.StarsText != tt.want {
			t.Errorf("top %d: stars sentence\n got %q\nwant %q", tt.top, b.StarsText, tt.want)
		}
		var row []string
		for _, c := range b.Stars.Rows[0] {
			row = append(row, c.Text)
		}
		if strings.Join(row, ",") != strings.Join(tt.row, ",") {
			t.Errorf("top %d: stars row %v, want %v", tt.top, row, tt.row)
		}
		if tt.top == 3 { // U04 is 5th of five in both sections
			if last := b.Stars.Rows[3]; last[1].Text != "0" || last[3].Text != "0" {
				t.Errorf("top 3: U04 row %v, want 0 stars", last)
			}
		}
	}
}

func TestBulletinWeightsAndDefaults(t *testing.T) {
	units := ctUnits(3)
	secs := ctSections([]string{"甲", "乙"}, []Weight{15000, 5000})
	d := ctGrid("2024Q4", units, secs, [][]Hundredths{{9000, 9000}, {8000, 8000}, {7000, 7000}})
	d.Adjustments = nil
	d.Rules.Method = ""
	r := Compute(d, nil)
	b, err := BulletinOf(&r, nil, time.Date(2025, 1, 9, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if want := "本季度考核甲、乙共2个板块，综合得分为各板块得分按权重（甲1.5、乙0.5）加权求和。各区市综合成绩如下："; b.Covered != want {
		t.Errorf("covered %q, want %q", b.Covered, want)
	}
	if !strings.Contains(b.Opening, "《2024年度经济运行及重点工作季度“摘星夺旗”考核办法》") {
		t.Errorf("opening without a method: %q", b.Opening)
	}
	if b.Date != "2025年1月9日" || !strings.Contains(b.Title, "关于2024年四季度") {
		t.Errorf("date %q title %q", b.Date, b.Title)
	}
}

func TestBulletinRefusesIncomplete(t *testing.T) {
	units := ctUnits(2)
	secs := ctSections([]string{"经济运行"}, nil)
	d := ctGrid("2023Q1", units, secs, [][]Hundredths{{9000}, {ctNone}})
	r := Compute(d, nil)
	_, err := BulletinOf(&r, nil, signed)
	if !errors.Is(err, ErrIncomplete) || !strings.Contains(err.Error(), "U02/经济运行") {
		t.Errorf("err %v, want incomplete naming U02/经济运行", err)
	}
	if _, err := SeatingChartOf(&r); !errors.Is(err, ErrIncomplete) {
		t.Errorf("chart of an incomplete quarter: %v", err)
	}
}

func TestSeatingChartOf(t *testing.T) {
	units := ctUnits(7)
	secs := ctSections([]string{"经济运行"}, nil)
	d := ctGrid("2023Q1", units, secs, [][]Hundredths{{9000}, {8000}, {7000}, {6000}, {5000}, {4000}, {3000}})
	d.Rules.Layout = Layout{PerRow: 4, Method: CentreOut}
	r := Compute(d, nil)
	c, err := SeatingChartOf(&r)
	if err != nil {
		t.Fatal(err)
	}
	// Front row: 4 2 1 3 (even, No. 2 on No. 1's left); back row of 3 people
	// seated centre-out across the full row of 4: 0 6 5 7 → (empty) 6 5 7.
	want := [][]int{{4, 2, 1, 3}, {0, 6, 5, 7}}
	for r, row := range want {
		for k, order := range row {
			s := c.At(r, k)
			switch {
			case order == 0 && s != nil:
				t.Errorf("row %d seat %d holds %s, want empty", r+1, k+1, s.Unit.Name)
			case order != 0 && (s == nil || s.Order != order || s.Place != (Place{r + 1, k + 1})):
				t.Errorf("row %d seat %d = %+v, want seat order %d", r+1, k+1, s, order)
			}
		}
	}
	if c.At(5, 0) != nil || c.At(0, -1) != nil {
		t.Error("At outside the chart is not nil")
	}
	if c.Seats[0].Unit.Name != "U01" || c.Seats[0].Rank != 1 {
		t.Errorf("first seat %+v", c.Seats[0])
	}
}

// TestSeatingChartRankIsTheSeatsRank: with seats group after group, the
// chart's 名次 (the kit's and the seats HTML's seats) is the rank seat order
// follows, as the seats export and the seats page give it; the chart gave
// the rank among all units (即墨区 名次 10 beside 名次 7 on the page).
func TestSeatingChartRankIsTheSeatsRank(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 85, 80, 70)
	d.Rules.Groups = []Group{{Name: "区", Units: []int64{1, 4}}, {Name: "县级市", Units: []int64{2, 3}}}
	d.Rules.SeatByGroup = true
	r := Compute(d, nil)
	c, err := SeatingChartOf(&r)
	if err != nil {
		t.Fatal(err)
	}
	table, err := SeatsTable(&r)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range c.Seats {
		if got, want := strconv.Itoa(s.Rank), table.Rows[i][2].Text; got != want {
			t.Errorf("seat %d (%s): chart 名次 %s, seats table %s", s.Order, s.Unit.Name, got, want)
		}
	}
}
