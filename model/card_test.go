package model

import (
	"slices"
	"strings"
	"testing"
)

// TestEveryKindExplains: each condition kind of the registry gives the
// inputs it looks at, and says how it answers a rise (or looks back).
func TestEveryKindExplains(t *testing.T) {
	past := Position{Rank: 5, FromBottom: 1, PrevRank: 5}
	p := Position{Rank: 3, FromBottom: 4, PrevRank: 6, Composite: CompositeOf(9235), Q: 2, Quarter: MustQuarter("2023Q2"),
		SectionRanks: map[int64]int{1: 2}, SectionScores: map[int64]Hundredths{1: 9250}, Past: []Position{past}}
	last := Condition{Kind: InLast, Threshold: 1}
	for _, s := range conditionSpecs {
		c := Condition{Kind: s.Kind, Threshold: 2, Section: 1, Scope: "经济运行", Score: 9050, Of: &last}
		if s.Explain == nil || s.Explain(c, p) == "" || s.Need == "" || (s.Rises == 0) == (s.Back == nil) {
			t.Errorf("%s: explain %v, need %q, rises %d", s.Kind, s.Explain != nil, s.Need, s.Rises)
		}
	}
	for kind, want := range map[ConditionKind]string{
		RiseAtLeast:         "位次上升 3 位：上季度第 6 名，本季度第 3 名",
		FallAtLeast:         "位次上升 3 位：上季度第 6 名，本季度第 3 名",
		InLast:              "倒数第 4 名（第 3 名）",
		SectionFirst:        "经济运行第 2 名（92.50 分）",
		ScoreAtLeast:        "综合得分 92.35 分",
		SectionScoreAtLeast: "经济运行得分 92.50 分",
		HeldLast:            "2023Q1 倒数第 1 名（第 5 名），2023Q2 倒数第 4 名（第 3 名）",
		HeldInYear:          "本年 1 个季度排名后 1 位：2023Q1 倒数第 1 名（第 5 名）",
	} {
		c := Condition{Kind: kind, Threshold: 2, Section: 1, Scope: "经济运行", Score: 9050, Of: &last}
		if got := kind.spec().Explain(c, p); got != want {
			t.Errorf("%s explains %q, want %q", kind, got, want)
		}
	}
}

// cardText is the card of unit id in s's quarter, as lines "part: text".
func cardText(t *testing.T, s Scenario, id int64) string {
	t.Helper()
	r := s.Result()
	c, err := s.Card(&r, id)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range c.Lines {
		b.WriteString(l.Part + ": " + l.Text + "\n")
	}
	return b.String()
}

func cardHas(t *testing.T, card string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(card, w) {
			t.Errorf("card lacks %q:\n%s", w, card)
		}
	}
}

// TestCardExplainsTheMarks: a card gives the composite as its parts, each
// section's stars with the scores above and below, each flag and warning
// with the inputs that made its rule hold, a 红牌's quarters and the marks
// narrowly missed.
func TestCardExplainsTheMarks(t *testing.T) {
	before := ComputeSeries([]QuarterData{
		ctQuarter("2022Q3", 60, 50, 95, 90, 85, 80),
		ctQuarter("2022Q4", 60, 50, 95, 90, 85, 80), // U03… U01 5th, U02 last
	})
	d := ctQuarter("2023Q1", 88, 50, 95, 90, 70, 80) // U01 third: rose 2; U05 fell 2
	d.Adjust[AdjustKey{1, ctItem}] = 150
	s := NewScenario(d, before)
	cardHas(t, cardText(t, s, 1),
		"概况: U01  2023年一季度",
		"概况: 综合得分 89.50，第 3 名，上季度第 5 名，上升 2 位",
		"综合得分构成: 经济运行 88.00 × 1 = 88.00",
		"综合得分构成: 群众满意度加分 +1.50",
		"综合得分构成: 合计 89.50",
		"板块名次与星级: 经济运行 88.00 分，第 3 名，4星；上一档 90.00 分（差 2.00 分得 5星）；下一档 80.00 分（领先 8.00 分）",
		"红旗与警示: 红旗“加压奋进、进位赶超”：位次上升 2 位：上季度第 5 名，本季度第 3 名；条件：位次上升 2 位及以上",
		"差一点: 距“真抓实干、勇当排头”差 0.50 分（综合得分）",
	)
	cardHas(t, cardText(t, s, 2),
		"红旗与警示: 警示“约谈提醒”：倒数第 1 名（第 6 名）；条件：排名后 2 位或位次下降 3 位及以上",
		"红旗与警示: 红牌：连续 3 个季度受警示（2022Q3、2022Q4、2023Q1）",
		"差一点: 距摆脱“约谈提醒”差 30.01 分（综合得分）",
	)
	// U03 is first: no star above; the flags it holds are not missed.
	cardHas(t, cardText(t, s, 3), "经济运行 95.00 分，第 1 名，6星；已是最多星；下一档 90.00 分（领先 5.00 分）")
	if c := cardText(t, s, 3); strings.Contains(c, "差一点") {
		t.Errorf("the first misses nothing it holds:\n%s", c)
	}
}

// TestCardGroupsVetoesAndIncomplete: a grouped quarter says the rule judged
// within the group; a veto is given with its reason and its flags are not
// "missed"; an incomplete quarter decides no mark.
func TestCardGroupsVetoesAndIncomplete(t *testing.T) {
	d := ctQuarter("2023Q1", 95, 90, 85, 80, 75, 70)
	d.Rules.Groups = []Group{{Name: "县级市", Units: []int64{4, 5, 6}}}
	d.Vetoes = map[int64]string{1: "安全事故"}
	s := NewScenario(d, nil)
	cardHas(t, cardText(t, s, 4),
		"概况: U04  2023年一季度  县级市",
		"综合得分 80.00，第 4 名，组内第 1 名，上季度无名次",
		"经济运行 80.00 分，组内第 1 名，3星",
		"红旗“真抓实干、勇当排头”：在本组中综合排名第 1 名；条件：综合排名前 2 名",
	)
	c := cardText(t, s, 1)
	cardHas(t, c, "一票否决: 安全事故（保留名次，本季度不得红旗，年度不评最高等次）")
	if strings.Contains(c, "差一点") || strings.Contains(c, "红旗“") {
		t.Errorf("a vetoed unit holds and misses no flag:\n%s", c)
	}
	cardHas(t, cardText(t, NewScenario(ctQuarter("2023Q1", 90, ctNone), nil), 1),
		"综合得分 90.00，第 1 名（暂定），上季度无名次", "红旗与警示: 本季度得分不全，得分齐全后评定红旗和警示")
}

// TestWhatIfValues: a what-if value is read as the command line gives it,
// checked as entry checks it, and changes a copy only.
func TestWhatIfValues(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 80)
	d.Units[1].Short = "平度"
	a, err := d.ParseAssumed("平度／经济运行＝９５．５")
	if err != nil || a != (Assumed{Unit: 2, Section: 1, Value: 9550}) {
		t.Fatalf("parsed %+v, %v", a, err)
	}
	if got := d.AssumedText(a); got != "U02/经济运行 80.00 改为 95.50" {
		t.Errorf("worded %q", got)
	}
	item, err := d.ParseAssumed("U01/群众满意度加分=1.5")
	if err != nil || item.Item != ctItem {
		t.Fatalf("an item: %+v, %v", item, err)
	}
	s, err := NewScenario(d, nil).With([]Assumed{a, item})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Result()
	if r.Standings[0].Unit.ID != 2 || d.Scores[ScoreKey{2, 1}] != 8000 || len(d.Adjust) != 0 {
		t.Errorf("what-if: first %s; stored data changed: %v %v", r.Standings[0].Unit.Name, d.Scores, d.Adjust)
	}
	for _, bad := range []string{"平度/经济运行=100.5", "平度/经济运行=abc", "青岛/经济运行=90", "平度/民生=90", "平度经济运行=90", "U01/群众满意度加分=3"} {
		if _, err := d.ParseAssumed(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestDifferences: a what-if lists the units whose rank, composite,
// sections, marks or seat changed, in words.
func TestDifferences(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 85, 80, 70)
	real, assumed := whatIf(t, d, Assumed{Unit: 4, Section: 1, Value: 9500})
	got := diffTexts(Differences(&real, &assumed))
	want := []string{
		"U04：第 4 名升至第 1 名；得到 红旗“真抓实干、勇当排头”；不再 警示“约谈提醒”",
		"U01：第 1 名降至第 2 名",
		"U02：第 2 名降至第 3 名；得到 警示“约谈提醒”；不再 红旗“真抓实干、勇当排头”",
		"U03：第 3 名降至第 4 名",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("differences:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if diffs := Differences(&real, &real); len(diffs) != 0 {
		t.Errorf("no what-if, differences %v", diffs)
	}
}

// TestCardRedMarkStreakWhole: 莱西市 is warned in every quarter of the
// demo, eight by 2023Q4. A scenario loaded as the store serves results
// (each range computed from Rules.Lead quarters before it, so a streak
// counts at most 2·Lead+1 there) still names the 红牌's eight quarters:
// the card said “连续 5 个季度受警示（2022Q4、…）”.
func TestCardRedMarkStreakWhole(t *testing.T) {
	qs := Demo(1).Quarters
	data := func(q Quarter) (QuarterData, error) {
		for _, d := range qs {
			if d.Quarter == q {
				return d, nil
			}
		}
		return QuarterData{Quarter: q}, nil
	}
	results := func(from, to Quarter) ([]Result, error) {
		start := QuarterAt(from.Index() - qs[0].Rules.Lead())
		var in []QuarterData
		for _, d := range qs {
			if !d.Quarter.Before(start) && !to.Before(d.Quarter) {
				in = append(in, d)
			}
		}
		var out []Result
		for _, r := range ComputeSeries(in) {
			if !r.Quarter.Before(from) {
				out = append(out, r)
			}
		}
		return out, nil
	}
	s, err := LoadScenario(MustQuarter("2023Q4"), data, results)
	if err != nil {
		t.Fatal(err)
	}
	cardHas(t, cardText(t, s, 10), "红牌：连续 8 个季度受警示（2022Q1、2022Q2、2022Q3、2022Q4、2023Q1、2023Q2、2023Q3、2023Q4）")
}

// TestWhatIfValueOfASectionNamedWithSigns: a section's name may hold = or
// / (“营商=环境/服务”): the value is what follows the last =, the unit what
// comes before the first /. The name was cut at its own = and the rest
// read as the value (“环境=90”不是数字).
func TestWhatIfValueOfASectionNamedWithSigns(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 80)
	d.Sections[0].Name = "营商=环境/服务"
	a, err := d.ParseAssumed("U02/营商=环境/服务=95")
	if err != nil || a != (Assumed{Unit: 2, Section: 1, Value: 9500}) {
		t.Fatalf("parsed %+v, %v", a, err)
	}
}

// TestDifferencesWithGroups: with groups, a unit whose results differ only
// in its rank among all units (a section's overall rank, which no screen
// of a grouped quarter shows) is not listed: the what-if listed it with
// nothing said but its unchanged rank (平度市：第 1 名).
func TestDifferencesWithGroups(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 85, 80, 70)
	d.Rules.Groups = []Group{{Name: "区", Units: []int64{1, 2}}, {Name: "县级市", Units: []int64{3, 4}}}
	d.Rules.SeatByGroup = true
	real, assumed := whatIf(t, d, Assumed{Unit: 3, Section: 1, Value: 9500})
	var got []string
	for _, x := range Differences(&real, &assumed) {
		got = append(got, x.Unit.Name)
	}
	if strings.Join(got, " ") != "U03" {
		t.Errorf("differences of %v, want U03 alone", got)
	}
}

// TestDifferencesSayTheRankInTheGroup: with groups, a what-if words the
// rank in the group as such (组内第 1 名), as the card and the
// presentation do; 第 1 名 read as the rank among all units, which the
// card gives beside it (城阳区: card 第 3 名，组内第 2 名; what-if 第 2 名升至第 1 名).
func TestDifferencesSayTheRankInTheGroup(t *testing.T) {
	d := ctQuarter("2023Q1", 90, 85, 80, 70)
	d.Rules.Groups = []Group{{Name: "区", Units: []int64{1, 2}}, {Name: "县级市", Units: []int64{3, 4}}}
	real, assumed := whatIf(t, d, Assumed{Unit: 4, Section: 1, Value: 9500})
	got := diffTexts(Differences(&real, &assumed))
	if !slices.Contains(got, "U04：组内第 2 名升至组内第 1 名") {
		t.Errorf("differences %q", got)
	}
}

// whatIf is the real result of d and its result with the values as.
func whatIf(t *testing.T, d QuarterData, as ...Assumed) (real, assumed Result) {
	t.Helper()
	s := NewScenario(d, nil)
	w, err := s.With(as)
	if err != nil {
		t.Fatal(err)
	}
	return s.Result(), w.Result()
}

// diffTexts are the words of ds.
func diffTexts(ds []Difference) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Text())
	}
	return out
}

// TestWithoutWarnings: what presentation leaves out under
// Rules.PresentHideWarnings: warnings, 红牌 and anti-awards of a result and
// of a card, flags kept, the result it was made from unchanged.
func TestWithoutWarnings(t *testing.T) {
	r := Result{Standings: []Standing{{Flags: []string{"勇当排头"}, Warnings: []string{"约谈"}, AntiAwards: []string{"蜗牛奖"}, WarnStreak: 2, RedMark: true}}}
	r.Rules.Warnings, r.Rules.AntiAwards = []Rule{{Name: "约谈"}}, []Rule{{Name: "蜗牛奖"}}
	q := r.WithoutWarnings()
	if s := q.Standings[0]; s.Warnings != nil || s.AntiAwards != nil || s.WarnStreak != 0 || s.RedMark || len(s.Flags) != 1 ||
		q.Rules.Warnings != nil || q.Rules.AntiAwards != nil {
		t.Errorf("quiet result %+v, rules %+v", s, q.Rules)
	}
	if s := r.Standings[0]; !s.RedMark || len(s.Warnings) != 1 || len(r.Rules.Warnings) != 1 {
		t.Errorf("the result itself changed: %+v", s)
	}
	c := Card{Lines: []CardLine{{CardMarks, "红旗", KindFlag}, {CardMarks, "警示", KindWarning}, {CardMarks, "反向奖", KindAnti}, {CardUnit, "概况", ""}}}
	if got := c.WithoutWarnings().Lines; len(got) != 2 || got[0].Mark != KindFlag || got[1].Part != CardUnit || len(c.Lines) != 4 {
		t.Errorf("quiet card %v", got)
	}
}
