package model

import (
	"slices"
	"strconv"
	"strings"
)

// Card is the unit card (区市卡片): everything one unit's marks rest on in
// one quarter, as lines under a few headings. The dashboard draws it, and
// `starflag explain` prints the same lines, so they cannot disagree.
type Card struct {
	Quarter Quarter
	Unit    Unit
	Lines   []CardLine
}

// CardLine is one line of a card under its heading (Part). Mark is the kind
// of rule the line is about (a flag held or missed, a warning, 红牌, an
// anti-award), "" for the others: presentation leaves out warnings when
// Rules.PresentHideWarnings says so.
type CardLine struct {
	Part, Text string
	Mark       RuleKind
}

// The headings of a card, in the order they come.
const (
	CardUnit     = "概况"
	CardParts    = "综合得分构成"
	CardSections = "板块名次与星级"
	CardMarks    = "红旗与警示"
	CardVeto     = "一票否决"
	CardMissed   = "差一点"
)

// Card is the card of the unit in r, the scenario's quarter as computed
// (the stored one, or a what-if): the composite as its parts, each
// section's rank and stars with the scores that give the next star up and
// the lead over the next one down, each flag, warning and anti-award it
// holds with the inputs that made its rule hold (ConditionSpec.Explain), a
// 红牌's quarters, a veto, and the marks narrowly missed: the composite
// points each flag it lacks, or leaving each mark it holds, would take
// (points needed).
func (s Scenario) Card(r *Result, unitID int64) (Card, error) {
	me := r.Find(unitID)
	if me == nil {
		return Card{}, Errorf(ErrNotFound, "这个区市不参加 %s 的考核", r.Quarter)
	}
	c := Card{Quarter: r.Quarter, Unit: me.Unit}
	add := func(part, text string) { c.Lines = append(c.Lines, CardLine{Part: part, Text: text}) }
	mark := func(part, text string, k RuleKind) { c.Lines = append(c.Lines, CardLine{part, text, k}) }
	head := me.Unit.Name + "  " + r.Quarter.ChineseName()
	if me.Group != "" {
		head += "  " + me.Group
	}
	add(CardUnit, head)
	add(CardUnit, standingText(r, me))
	for _, l := range s.parts(me) {
		add(CardParts, l)
	}
	for j := range r.Sections {
		add(CardSections, sectionText(r, me, j))
	}
	if me.Rank == 0 || !r.Complete() {
		add(CardMarks, "本季度得分不全，得分齐全后评定红旗和警示")
		return c, nil
	}
	for _, l := range s.reasons(r, me) {
		mark(CardMarks, l.Text, l.Mark)
	}
	if me.Veto != "" {
		add(CardVeto, me.Veto+"（保留名次，本季度不得红旗，年度不评最高等次）")
	}
	composite := compositeLever(s.Data, me, r.sectionPart(s.Data.Units))
	for _, t := range targets(r, me) {
		if t.kind == "" || (t.kind == KindFlag && me.Veto != "") {
			continue
		}
		n := s.need(r, me, t, composite)
		if n.State != NeedPoints {
			continue
		}
		what := "距“" + t.name + "”差 "
		if t.kind != KindFlag {
			what = "距摆脱“" + t.name + "”差 "
		}
		mark(CardMissed, what+n.Text()+" 分（综合得分）", t.kind)
	}
	return c, nil
}

// standingText is the unit's composite, rank and movement.
func standingText(r *Result, me *Standing) string {
	if me.Rank == 0 {
		return "得分不全，没有综合得分和名次"
	}
	out := "综合得分 " + me.Composite.String() + "，第 " + strconv.Itoa(me.Rank) + " 名"
	p := me.place()
	if r.Grouped() {
		out += "，组内第 " + strconv.Itoa(me.InGroup.Rank) + " 名"
		p = me.InGroup
	}
	if !r.Complete() {
		out += "（暂定）"
	}
	if !p.HasMovement() {
		return out + "，上季度无名次"
	}
	return out + "，上季度第 " + strconv.Itoa(p.PrevRank) + " 名，" + movementWords(p.Movement())
}

// parts are the composite's parts: each section's score × weight, each
// adjustment item, the total.
func (s Scenario) parts(me *Standing) []string {
	var out []string
	for j, sec := range s.Data.Sections {
		c := me.Sections[j]
		if !c.Has {
			out = append(out, sec.Name+" 无得分")
			continue
		}
		out = append(out, sec.Name+" "+c.Score.String()+" × "+sec.Weight.String()+" = "+sec.Weight.Times(c.Score).String())
	}
	for _, a := range s.Data.Adjustments {
		v := s.Data.Adjust[AdjustKey{me.Unit.ID, a.ID}]
		sign := ""
		if v > 0 {
			sign = "+"
		}
		out = append(out, a.Name+" "+sign+v.String())
	}
	if me.Complete {
		out = append(out, "合计 "+me.Composite.String())
	}
	return out
}

// sectionText is the unit's rank and stars in section j, with the score
// that gives the next star up (and how far it is) and the lead over the
// score below, whose passing would cost a star.
func sectionText(r *Result, me *Standing, j int) string {
	c, name := me.Sections[j], r.Sections[j].Name
	if !c.Has {
		return name + " 无得分"
	}
	rank := RankWords(r.SectionRank(c))
	if r.Grouped() && !r.Rules.StarsAllUnits {
		rank = "组内" + rank
	}
	out := name + " " + c.Score.String() + " 分，" + rank + "，" + StarsWords(c.Stars)
	var up, below *SectionResult
	tied := false
	for i := range r.Standings {
		o := &r.Standings[i]
		oc := &o.Sections[j]
		if o == me || !oc.Has || !sameStarScope(r, me, o) {
			continue
		}
		switch {
		case oc.Stars > c.Stars && (up == nil || oc.Score < up.Score):
			up = oc
		case oc.Score == c.Score:
			tied = true
		case oc.Score < c.Score && (below == nil || oc.Score > below.Score):
			below = oc
		}
	}
	if up == nil {
		out += "；已是最多星"
	} else {
		out += "；上一档 " + up.Score.String() + " 分（差 " + (up.Score - c.Score).String() + " 分得 " + StarsWords(up.Stars) + "）"
	}
	switch {
	case c.Stars == 0:
	case tied:
		out += "；与他区同分（少 0.01 分即降星）"
	case below != nil:
		out += "；下一档 " + below.Score.String() + " 分（领先 " + (c.Score - below.Score).String() + " 分）"
	default:
		out += "；下一档 无"
	}
	return out
}

// StarsWords is a number of stars as the screens say it: 3星, 无星.
func StarsWords(n int) string {
	if n == 0 {
		return "无星"
	}
	return strconv.Itoa(n) + "星"
}

// RankWords is a rank as the screens say it: 第 3 名, 无名次 for 0.
func RankWords(r int) string {
	if r == 0 {
		return "无名次"
	}
	return "第 " + strconv.Itoa(r) + " 名"
}

// reasons are the unit's flags, warnings and anti-awards, each with the
// inputs its rule looked at (ConditionSpec.Explain: the conditions that
// held, all of them for an all-rule) and its conditions in the screens'
// words; then a 红牌 with its quarters.
func (s Scenario) reasons(r *Result, me *Standing) []CardLine {
	d := s.Data
	d.Rules = r.Rules
	j := newJudge(d, s.past)
	j.i, j.s = slices.IndexFunc(d.Units, func(u Unit) bool { return u.ID == me.Unit.ID }), me
	if j.i < 0 {
		return nil
	}
	held := me.Marks()
	var out []CardLine
	for i, list := range r.Rules.Lists() {
		for k, rule := range *list {
			if !slices.Contains(held[i], rule.Name) {
				continue
			}
			w := WordsOf(rule, Kinds[i], r.Grouped())
			p := j.position(&j.rules[i][k])
			var parts []string
			for _, c := range rule.When {
				if sp := c.Kind.spec(); sp != nil && (rule.Match == MatchAll || c.Holds(*p)) {
					parts = append(parts, sp.Explain(c, *p))
				}
			}
			out = append(out, CardLine{CardMarks, Kinds[i].Name() + "“" + rule.Name + "”：" + scopeWords(w) + strings.Join(parts, "；") + "；条件：" + w.Screen, Kinds[i]})
		}
	}
	if me.RedMark {
		n := max(s.warnedRun(r, me.Unit.ID), me.WarnStreak)
		qs := make([]string, n)
		for k := range qs {
			qs[k] = QuarterAt(r.Quarter.Index() - n + 1 + k).String()
		}
		out = append(out, CardLine{CardMarks, "红牌：连续 " + strconv.Itoa(n) + " 个季度受警示（" + strings.Join(qs, "、") + "）", KindWarning})
	}
	return out
}

// scopeWords says among whom a rule judged the unit, when the quarter has
// groups: 在本组中, 在全体区市中, 在县级市中.
func scopeWords(w RuleWords) string {
	switch w.Scope {
	case "":
		return ""
	case ScopeEachGroup:
		return "在本组中"
	case ScopeAll:
		return "在全体区市中"
	}
	return "在" + w.Scope + "中"
}

// compositeLever is the composite total as a lever of me, computed on
// the section part of its quarter.
func compositeLever(d QuarterData, me *Standing, part *sectionPart) lever {
	room := max(MaxComposite(d.Sections, d.Adjustments)-me.Composite, 0)
	return lever{CompositeLever, -1, Hundredths(room / CompositeOf(1)), part}
}

// Table is the card as `starflag explain --format csv` writes it: 部分,内容.
func (c Card) Table() Table {
	t := Table{Kind: "explain", Title: c.Quarter.String() + " " + c.Unit.Name + " 区市卡片", Header: []string{"部分", "内容"}}
	for _, l := range c.Lines {
		t.Rows = append(t.Rows, []Cell{text(l.Part), text(l.Text)})
	}
	return t
}

// Text is the card as plain text: each heading once with its lines under
// it, indented.
func (c Card) Text() string {
	var b strings.Builder
	b.WriteString(c.Unit.Name + " " + c.Quarter.String() + " 区市卡片\n")
	part := ""
	for _, l := range c.Lines {
		if l.Part != part {
			part = l.Part
			b.WriteString("\n" + part + "\n")
		}
		b.WriteString("  " + l.Text + "\n")
	}
	return b.String()
}

// WithoutWarnings is r as presentation shows it when
// Rules.PresentHideWarnings is set: no warning rules, warnings, 红牌 or
// anti-awards. r's standings are not changed.
func (r Result) WithoutWarnings() Result {
	r.Rules.Warnings, r.Rules.AntiAwards = nil, nil
	r.Standings = slices.Clone(r.Standings)
	for i := range r.Standings {
		s := &r.Standings[i]
		s.Warnings, s.RedMark, s.WarnStreak, s.AntiAwards = nil, false, 0, nil
	}
	return r
}

// WithoutWarnings is c as presentation shows it when
// Rules.PresentHideWarnings is set: without the lines about a warning, a
// 红牌 or an anti-award.
func (c Card) WithoutWarnings() Card {
	var lines []CardLine
	for _, l := range c.Lines {
		if l.Mark != KindWarning && l.Mark != KindAnti {
			lines = append(lines, l)
		}
	}
	c.Lines = lines
	return c
}
