package model

import (
	"slices"
	"sort"
	"strconv"
)

// Points needed (差多少分): for one unit and a target, the least points, to
// the hundredth, that reach the target through one lever: the score of one
// section (rising at most to the section's maximum) or the composite total
// (rising at most to the most a unit can reach). Everything else stays as
// computed, the quarters before included. The answer is found by computing
// the quarter again (compute, the function every screen uses) at candidate
// amounts: only where the unit's value meets another unit's value (a tie,
// then passing it) or a score threshold can any condition change, so the
// least amount is one of those candidates. A target whose conditions all
// answer a rise one way (ConditionSpec.Rises) is binary-searched among
// them, any other target is tried candidate by candidate; either way the
// amount found reaches the target and 0.01 less does not (checked by one
// more computation). docs/rules.md says what this means for each condition
// kind.

// NeedState says whether a target is reached already, by some points, or
// not at all.
type NeedState int

// The states of a Need.
const (
	NeedPoints     NeedState = iota // Points reach it and 0.01 less does not
	NeedReached                     // 已达到
	NeedOutOfReach                  // 无法达到: no amount within the maximum reaches it
)

// CompositeLever names the composite total among the levers: 综合.
const CompositeLever = "综合"

// Need is the least points that reach one target through one lever.
type Need struct {
	Target string // 红旗“真抓实干、勇当排头”, 经济运行 9星, 摆脱警示“约谈提醒”
	Lever  string // a section's name, or CompositeLever
	Points Hundredths
	State  NeedState
}

// Text is the amount as `starflag needed` writes it: 0.97, 已达到 or 无法达到.
func (n Need) Text() string {
	switch n.State {
	case NeedReached:
		return "已达到"
	case NeedOutOfReach:
		return "无法达到"
	}
	return n.Points.String()
}

// NeedsTable is Needed as `starflag needed` exports it: 目标,板块,最少加分.
func NeedsTable(q Quarter, u Unit, ns []Need) Table {
	t := Table{Kind: "needed", Title: q.String() + " " + u.Name + " 最少加分", Header: []string{"目标", "板块", "最少加分"}}
	for _, n := range ns {
		amount := text(n.Text())
		if n.State == NeedPoints {
			amount = num(n.Text())
		}
		t.Rows = append(t.Rows, []Cell{text(n.Target), text(n.Lever), amount})
	}
	return t
}

// target is one aim of points needed for a unit.
type target struct {
	label   string
	kind    RuleKind // "" for the next star in a section
	list    int      // the index of the rule's list in Rules.Lists and Kinds
	rule    int      // the rule's index in its list
	name    string
	section int // star target: the section's index
	stars   int // star target: the stars aimed at
}

// reached reports whether s meets t: the stars, the flag, or no longer
// the warning or anti-award.
func (t target) reached(s *Standing) bool {
	if t.kind == "" {
		return s.Sections[t.section].Stars >= t.stars
	}
	return slices.Contains(s.Marks()[t.list], t.name) == (t.kind == KindFlag)
}

// rules are the rules the quarter is computed with when only t is asked
// about: t's own rule, and under one flag per unit the flags before it.
func (t target) rules(r Rules) Rules {
	for i, list := range r.Lists() {
		switch {
		case i != t.list || t.kind == "":
			*list = nil
		case t.kind == KindFlag && r.OneFlagPerUnit:
			*list = (*list)[:t.rule+1]
		default:
			*list = (*list)[t.rule : t.rule+1]
		}
	}
	return r
}

// monotone reports whether a rise can only bring t nearer: more stars, a
// flag whose conditions can only start holding (and no flag before it
// that could take its place), a mark whose conditions can only stop.
func (t target) monotone(r Rules) bool {
	switch {
	case t.kind == "":
		return true
	case t.kind == KindFlag:
		return !(r.OneFlagPerUnit && t.rule > 0) && (*r.Lists()[t.list])[t.rule].rises() > 0
	}
	return (*r.Lists()[t.list])[t.rule].rises() < 0
}

// rises is how the rule answers a rise of the unit's own scores: +1 or -1
// when every condition answers so (ConditionSpec.Rises), else 0.
func (r Rule) rises() int {
	sense := 0
	for _, c := range r.When {
		x := c.rises()
		if x == 0 || (sense != 0 && x != sense) {
			return 0
		}
		sense = x
	}
	return sense
}

// rises is ConditionSpec.Rises of c; a look-back kind answers as its Of.
func (c Condition) rises() int {
	s := c.Kind.spec()
	switch {
	case s == nil:
		return 0
	case s.Back != nil && c.Of != nil:
		return c.Of.rises()
	}
	return s.Rises
}

// targets are the unit's targets in base: the next star in each section
// where a unit of its star scope has more, each flag rule, then leaving
// each warning rule and each anti-award.
func targets(base *Result, me *Standing) []target {
	var out []target
	for j, sec := range base.Sections {
		if c := me.Sections[j]; c.Has {
			if next := nextStars(base, me, j); next > 0 {
				out = append(out, target{label: sec.Name + " " + strconv.Itoa(next) + "星", section: j, stars: next})
			}
		}
	}
	words := map[RuleKind][2]string{KindFlag: {"红旗“", "”"}, KindWarning: {"摆脱警示“", "”"}, KindAnti: {"摆脱“", "”"}}
	r := base.Rules
	for i, list := range r.Lists() {
		for k, rule := range *list {
			w := words[Kinds[i]]
			out = append(out, target{label: w[0] + rule.Name + w[1], kind: Kinds[i], list: i, rule: k, name: rule.Name})
		}
	}
	return out
}

// nextStars is the fewest stars above me's in section j among the units of
// its star scope (0 when none has more): tying the lowest score that has
// them gives exactly that many.
func nextStars(r *Result, me *Standing, j int) int {
	next := 0
	for i := range r.Standings {
		o := &r.Standings[i]
		if c := o.Sections[j]; c.Has && c.Stars > me.Sections[j].Stars && sameStarScope(r, me, o) && (next == 0 || c.Stars < next) {
			next = c.Stars
		}
	}
	return next
}

// sameStarScope reports whether a and b are starred together: in one
// group, or among all units.
func sameStarScope(r *Result, a, b *Standing) bool {
	return !r.Grouped() || r.Rules.StarsAllUnits || a.Group == b.Group
}

// lever is what rises: a section's score (its index) or, with section -1,
// the composite total; at most by most.
type lever struct {
	name    string
	section int
	most    Hundredths
	part    *sectionPart // the composite's: the sections stay as computed
}

// levers are the ways points can come for t: its own section for a star
// target, else each section and the composite.
func levers(d QuarterData, base *Result, me *Standing, t target, part *sectionPart) []lever {
	if t.kind == "" {
		sec := d.Sections[t.section]
		return []lever{{name: sec.Name, section: t.section, most: sec.Max - me.Sections[t.section].Score}}
	}
	out := make([]lever, 0, len(d.Sections)+1)
	for j, sec := range d.Sections {
		out = append(out, lever{name: sec.Name, section: j, most: sec.Max - me.Sections[j].Score})
	}
	return append(out, compositeLever(d, me, part))
}

// Needed is the least points for each of the unit's targets in the
// scenario's quarter, per lever: the next star in each section (its own
// section only), each flag, leaving each warning and anti-award (each
// section, then the composite total). It refuses an incomplete quarter:
// flags and warnings are not decided there.
func (s Scenario) Needed(unitID int64) ([]Need, error) {
	base := s.Result()
	me, err := s.ranked(&base, unitID)
	if err != nil {
		return nil, err
	}
	var out []Need
	part := base.sectionPart(s.Data.Units)
	for _, t := range targets(&base, me) {
		for _, l := range levers(s.Data, &base, me, t, part) {
			out = append(out, s.need(&base, me, t, l))
		}
	}
	return out, nil
}

// ranked is the unit's standing in a complete base, or why there is none.
func (s Scenario) ranked(base *Result, unitID int64) (*Standing, error) {
	if err := base.IncompleteError(); err != nil {
		return nil, err
	}
	me := base.Find(unitID)
	if me == nil {
		return nil, Errorf(ErrNotFound, "这个区市不参加 %s 的考核", base.Quarter)
	}
	return me, nil
}

// need is the least points that reach t through l.
func (s Scenario) need(base *Result, me *Standing, t target, l lever) Need {
	n := Need{Target: t.label, Lever: l.name, State: NeedReached}
	if t.reached(me) {
		return n
	}
	n.State = NeedOutOfReach
	p := s.probe(me, t, l)
	xs := candidates(base, me, s.Data, l)
	if len(xs) == 0 {
		return n
	}
	var x Hundredths
	found := false
	if t.monotone(s.Data.Rules) {
		// Search tried the amount it returns (len(xs) when none reaches it).
		if i := sort.Search(len(xs), func(i int) bool { return p.holds(xs[i]) }); i < len(xs) {
			x, found = xs[i], true
		}
	} else {
		for _, c := range xs {
			if p.holds(c) {
				x, found = c, true
				break
			}
		}
	}
	if !found {
		return n
	}
	for x > 1 && p.holds(x-1) { // the check that 0.01 less does not reach it
		x--
	}
	n.Points, n.State = x, NeedPoints
	return n
}

// probe computes the quarter with me's lever raised by x and says whether
// t is reached, remembering each x.
type probe struct {
	d    QuarterData
	past []*Result
	unit int64
	t    target
	set  func(x Hundredths)
	memo map[Hundredths]bool
	part *sectionPart // the composite lever leaves the sections as they are
}

// probe prepares the computing of t through l: a copy of the scores (or,
// for the composite, an extra adjustment item of me's), and only the rules
// t needs.
func (s Scenario) probe(me *Standing, t target, l lever) *probe {
	d := s.Data
	d.Rules = t.rules(d.Rules)
	p := &probe{past: s.past, unit: me.Unit.ID, t: t, memo: map[Hundredths]bool{0: false}}
	if l.section >= 0 {
		key := ScoreKey{me.Unit.ID, d.Sections[l.section].ID}
		scores := make(map[ScoreKey]Hundredths, len(d.Scores))
		for k, v := range d.Scores {
			scores[k] = v
		}
		from := scores[key]
		d.Scores = scores
		p.set = func(x Hundredths) { scores[key] = from + x }
	} else {
		item := Adjustment{ID: -1}
		for _, a := range d.Adjustments {
			item.ID = min(item.ID, a.ID-1)
		}
		d.Adjustments = append(slices.Clip(d.Adjustments), item)
		adjust := make(map[AdjustKey]Hundredths, len(d.Adjust)+1)
		for k, v := range d.Adjust {
			adjust[k] = v
		}
		d.Adjust = adjust
		key := AdjustKey{me.Unit.ID, item.ID}
		p.set = func(x Hundredths) { adjust[key] = x }
		p.part = l.part
	}
	p.d = d
	return p
}

// holds reports whether t is reached with x more points.
func (p *probe) holds(x Hundredths) bool {
	if v, ok := p.memo[x]; ok {
		return v
	}
	p.set(x)
	r := computeOn(p.d, p.past, p.part)
	s := r.Find(p.unit)
	v := s != nil && s.Rank != 0 && p.t.reached(s)
	p.memo[x] = v
	return v
}

// candidates are the amounts, in order, at which something can change when
// me's lever rises: where it meets each other unit's composite (a tie)
// and passes it, the same for the section's scores, the score thresholds
// of the rules, and the lever's most.
func candidates(base *Result, me *Standing, d QuarterData, l lever) []Hundredths {
	per, mine := int64(CompositeOf(1)), Hundredths(0)
	var id int64
	if l.section >= 0 {
		per, mine, id = int64(d.Sections[l.section].Weight.Times(1)), me.Sections[l.section].Score, d.Sections[l.section].ID
	}
	var xs []Hundredths
	add := func(x int64) {
		if x >= 1 && x <= int64(l.most) {
			xs = append(xs, Hundredths(x))
		}
	}
	meet := func(gap, per int64) { // the least x with x·per ≥ gap, and with x·per > gap
		if gap >= 0 {
			add((gap + per - 1) / per)
			add(gap/per + 1)
		}
	}
	for i := range base.Standings {
		o := &base.Standings[i]
		if o.Unit.ID == me.Unit.ID || o.Rank == 0 {
			continue
		}
		meet(int64(o.Composite-me.Composite), per)
		if l.section >= 0 && o.Sections[l.section].Has {
			meet(int64(o.Sections[l.section].Score-mine), 1)
		}
	}
	for _, c := range d.Rules.Conditions() {
		switch sp := c.Kind.spec(); {
		case sp == nil || !sp.Score:
		case !sp.Section:
			meet(int64(CompositeOf(c.Score)-me.Composite), per)
		case l.section >= 0 && c.Section == id:
			meet(int64(c.Score-mine), 1)
		}
	}
	add(int64(l.most))
	slices.Sort(xs)
	return slices.Compact(xs)
}
