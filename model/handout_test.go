package model

import (
	"errors"
	"slices"
	"strconv"
	"testing"
)

// TestHeadingsWriteTheQuarterInChinese: every table carries the title a
// printed handout prints, the quarter written the Chinese way.
func TestHeadingsWriteTheQuarterInChinese(t *testing.T) {
	d := Demo(1)
	rs := ComputeSeries(d.Quarters)
	r := &rs[len(rs)-1] // 2023Q4
	ranking, _ := RankingTable(r)
	flags, _ := FlagsTable(r)
	seats, _ := SeatsTable(r)
	last := d.Quarters[len(d.Quarters)-1]
	for want, tb := range map[string]Table{
		"2023年四季度 综合排名":   ranking,
		"2023年四季度 单项板块评星": StarsTable(r),
		"2023年四季度 红旗":     flags,
		"2023年四季度 会议座次":   seats,
		"2023年四季度 录入模板":   TemplateTable(last.Quarter, last.Units, last.Sections, last.Adjustments),
		"2023年 年度考核":      AnnualTable(AnnualView(2023, rs, rs)),
		"2023年四季度 评星明细":   StarsSheets(r)[1],
	} {
		if tb.Heading != want {
			t.Errorf("%s: heading %q, want %q", tb.Kind, tb.Heading, want)
		}
	}
}

// TestRankingSheetAddsSectionScores: the handout has every column of the
// ranking table, with the same cells, and each section's score after
// 综合得分.
func TestRankingSheetAddsSectionScores(t *testing.T) {
	rs := ComputeSeries(Demo(1).Quarters)
	r := &rs[len(rs)-1]
	plain, err := RankingTable(r)
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := RankingSheet(r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"季度", "名次", "区市", "综合得分", "经济运行", "项目签约落地", "城市更新建设", "优化营商环境", "位次变化", "红旗", "警示"}
	if !slices.Equal(sheet.Header, want) {
		t.Fatalf("header %v, want %v", sheet.Header, want)
	}
	if len(sheet.Rows) != len(plain.Rows) {
		t.Fatalf("%d rows, want %d", len(sheet.Rows), len(plain.Rows))
	}
	for i, h := range plain.Header {
		j := slices.Index(sheet.Header, h)
		for k := range plain.Rows {
			if sheet.Rows[k][j] != plain.Rows[k][i] {
				t.Errorf("row %d %s = %+v, want %+v", k, h, sheet.Rows[k][j], plain.Rows[k][i])
			}
		}
	}
	for k, row := range sheet.Rows {
		s := r.Standings[slices.IndexFunc(r.Standings, func(s Standing) bool { return s.Unit.Name == row[2].Text })]
		for j := range r.Sections {
			if c := row[4+j]; c != num(s.Sections[j].Score.String()) {
				t.Errorf("row %d section %d = %+v, want %s", k, j, c, s.Sections[j].Score)
			}
		}
	}

	// With groups, the group column stays last, after the sections.
	g := gtQuarter("2023Q1")
	gr := Compute(g, nil)
	grouped, err := RankingSheet(&gr)
	if err != nil {
		t.Fatal(err)
	}
	if h := grouped.Header; h[4] != g.Sections[0].Name || h[len(h)-1] != GroupHeader || len(grouped.Rows[0]) != len(h) {
		t.Errorf("grouped header %v, row %v", h, grouped.Rows[0])
	}

	d := Demo(1).Quarters[0]
	delete(d.Scores, ScoreKey{1, d.Sections[0].ID})
	inc := Compute(d, nil)
	if _, err := RankingSheet(&inc); !errors.Is(err, ErrIncomplete) {
		t.Errorf("incomplete quarter: %v", err)
	}
}

// TestStarsMatrixIsTheScreen: units in official order, each section's
// score and stars under its name, the section's first place marked, empty
// cells for a missing score.
func TestStarsMatrixIsTheScreen(t *testing.T) {
	d := Demo(1).Quarters[7]
	delete(d.Scores, ScoreKey{2, d.Sections[1].ID}) // 市北区 has no 项目签约落地
	r := Compute(d, nil)
	m := StarsMatrix(&r)
	if m.Kind != "stars" || m.Heading != "2023年四季度 单项板块评星" {
		t.Errorf("kind %q heading %q", m.Kind, m.Heading)
	}
	spans := []Span{{Cols: 1}, {"经济运行", 2}, {"项目签约落地", 2}, {"城市更新建设", 2}, {"优化营商环境", 2}}
	if !slices.Equal(m.Spans, spans) {
		t.Errorf("spans %v", m.Spans)
	}
	if want := []string{"区市", "得分", "星级", "得分", "星级", "得分", "星级", "得分", "星级"}; !slices.Equal(m.Header, want) {
		t.Errorf("header %v", m.Header)
	}
	var names []string
	for _, row := range m.Rows {
		names = append(names, row[0].Text)
	}
	if want := []string{"市南区", "市北区", "李沧区", "崂山区", "西海岸新区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市"}; !slices.Equal(names, want) {
		t.Errorf("units %v, want official order", names)
	}
	// Every value is the long table's.
	long := StarsTable(&r)
	for _, lr := range long.Rows {
		row := m.Rows[slices.Index(names, lr[1].Text)]
		j := 1 + 2*slices.IndexFunc(r.Sections, func(s Section) bool { return s.Name == lr[2].Text })
		if row[j].Text != lr[3].Text || !row[j].Num || row[j+1].Text != lr[5].Text || !row[j+1].Num {
			t.Errorf("%s %s: %+v %+v, want %s %s", lr[1].Text, lr[2].Text, row[j], row[j+1], lr[3].Text, lr[5].Text)
		}
		if top := lr[4].Text == "1"; top != (row[j].Mark == "top") || top != (row[j+1].Mark == "top") {
			t.Errorf("%s %s: rank %s, marks %q %q", lr[1].Text, lr[2].Text, lr[4].Text, row[j].Mark, row[j+1].Mark)
		}
	}
	if c := m.Rows[1][3:5]; c[0].Text != "" || c[1].Text != "" {
		t.Errorf("missing score shows %+v", c)
	}
	if len(long.Rows) != 39 {
		t.Errorf("long table has %d rows", len(long.Rows))
	}
}

// TestStarsMatrixGroups: with groups, units group after group (official
// order within), the group in the last column; stars below the top K are
// empty.
func TestStarsMatrixGroups(t *testing.T) {
	d := gtQuarter("2023Q1")
	d.Rules.Groups = []Group{{Name: "区", Units: []int64{1, 3, 5}}, {Name: "县级市", Units: []int64{2, 4, 6}}}
	d.Rules.StarsTop = 2
	r := Compute(d, nil)
	m := StarsMatrix(&r)
	if m.Header[len(m.Header)-1] != GroupHeader || m.Spans[len(m.Spans)-1] != (Span{Cols: 1}) {
		t.Fatalf("header %v spans %v", m.Header, m.Spans)
	}
	var got, empty []string
	for _, row := range m.Rows {
		got = append(got, row[0].Text+" "+row[len(row)-1].Text)
		if n, _ := strconv.Atoi(row[2].Text); row[2].Text != "" && (n < 1 || n > 2) {
			t.Errorf("%s: %q stars, want 1 or 2 or empty", row[0].Text, row[2].Text)
		}
		if row[2].Text == "" {
			empty = append(empty, row[0].Text)
		}
	}
	var want []string
	for _, i := range []int{0, 2, 4, 1, 3, 5} {
		want = append(want, d.Units[i].Name+" "+map[bool]string{true: "区", false: "县级市"}[i%2 == 0])
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if len(empty) != 2 {
		t.Errorf("units without stars %v, want one per group", empty)
	}
}
