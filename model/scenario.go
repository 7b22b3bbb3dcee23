package model

import (
	"maps"
	"slices"
	"strings"
)

// Scenario is one quarter ready to be computed again with other values:
// its data as stored and the computed quarters before it. The what-if
// (假设) and points needed change a copy of its values and compute it
// again; nothing here reaches the store, so nothing is ever saved.
type Scenario struct {
	Data QuarterData
	past []*Result // the run of consecutive quarters before Data's, latest first
}

// NewScenario is d after the computed quarters before it (in any order):
// the run of consecutive quarters before d among them gives its movement,
// 红牌 and look-back conditions, as Preview reads them.
func NewScenario(d QuarterData, before []Result) Scenario {
	s := Scenario{Data: d}
	for q := d.Quarter.Prev(); ; q = q.Prev() {
		i := slices.IndexFunc(before, func(r Result) bool { return r.Quarter == q })
		if i < 0 {
			return s
		}
		s.past = append(s.past, &before[i])
	}
}

// Reads is the range of quarters before d's that its result reads
// (Rules.Lead of them, from MinQuarter on): what a scenario of d is loaded
// with. ok is false when there is none.
func (d QuarterData) Reads() (from, to Quarter, ok bool) {
	from = QuarterAt(max(d.Quarter.Index()-d.Rules.Lead(), MinQuarter.Index()))
	return from, d.Quarter.Prev(), from.Before(d.Quarter)
}

// LoadScenario is quarter q as stored, with the computed quarters its
// result reads (Reads), from a store's two readers: what the card, points
// needed and the what-if start from, on the command line and the
// dashboard alike.
func LoadScenario(q Quarter, data func(Quarter) (QuarterData, error), results func(from, to Quarter) ([]Result, error)) (Scenario, error) {
	d, err := data(q)
	if err != nil {
		return Scenario{}, err
	}
	var before []Result
	if from, to, ok := d.Reads(); ok {
		if before, err = results(from, to); err != nil {
			return Scenario{}, err
		}
		// A 红牌's run of warnings may start before the quarters the rules
		// read: read earlier ones while a unit was warned in all read so
		// far, so that the card names the whole run.
		for MinQuarter.Before(from) && warnedThroughout(before) {
			earlier := QuarterAt(max(from.Index()-8, MinQuarter.Index()))
			more, err := results(earlier, from.Prev())
			if err != nil {
				return Scenario{}, err
			}
			before, from = append(more, before...), earlier
		}
	}
	return NewScenario(d, before), nil
}

// warnedThroughout reports whether a unit was warned in each of rs.
func warnedThroughout(rs []Result) bool {
	if len(rs) == 0 {
		return false
	}
	for _, s := range rs[0].Standings {
		if s.Warned() && !slices.ContainsFunc(rs[1:], func(r Result) bool {
			o := r.Find(s.Unit.ID)
			return o == nil || !o.Warned()
		}) {
			return true
		}
	}
	return false
}

// warnedRun is how many quarters in a row unit id has been warned up to
// s's quarter (computed as r), counted through the quarters read before
// it: Standing.WarnStreak of a quarter read from a store counts only as far
// back as the store computed it.
func (s Scenario) warnedRun(r *Result, id int64) int {
	if me := r.Find(id); me == nil || !me.Warned() {
		return 0
	}
	n := 1
	for _, p := range s.past {
		if o := p.Find(id); o == nil || !o.Warned() {
			break
		}
		n++
	}
	return n
}

// Result computes the scenario's quarter.
func (s Scenario) Result() Result { return compute(s.Data, s.past) }

// Assumed is one value of a what-if in place of the stored one: a unit's
// score in a section, or its value of an adjustment item (Item, with
// Section 0).
type Assumed struct {
	Unit, Section, Item int64
	Value               Hundredths
}

// With is s with the values assumed (a later one for the same cell wins),
// each checked as entry checks a typed value: a unit taking part, a
// section or item of the quarter, within its range. s itself is unchanged.
func (s Scenario) With(as []Assumed) (Scenario, error) {
	d := s.Data
	scores, adjust := false, false
	for _, a := range as {
		if err := d.checkAssumed(a); err != nil {
			return s, err
		}
		if a.Section != 0 {
			d.Scores = own(d.Scores, &scores)
			d.Scores[ScoreKey{a.Unit, a.Section}] = a.Value
			continue
		}
		d.Adjust = own(d.Adjust, &adjust)
		d.Adjust[AdjustKey{a.Unit, a.Item}] = a.Value
	}
	s.Data = d
	return s, nil
}

// own is m cloned the first time it is asked for (*cloned false), so that
// a what-if changes a copy and never the stored values.
func own[K comparable](m map[K]Hundredths, cloned *bool) map[K]Hundredths {
	if !*cloned {
		m, *cloned = maps.Clone(m), true
		if m == nil {
			m = map[K]Hundredths{}
		}
	}
	return m
}

// checkAssumed refuses a value entry would refuse.
func (d QuarterData) checkAssumed(a Assumed) error {
	if !slices.ContainsFunc(d.Units, func(u Unit) bool { return u.ID == a.Unit }) {
		return Errorf(ErrNotFound, "这个区市不参加 %s 的考核", d.Quarter)
	}
	name, lo, hi, ok := d.field(a)
	switch {
	case !ok:
		return Errorf(ErrNotFound, "%s 没有这个板块或加减分项", d.Quarter)
	case a.Value < lo || a.Value > hi:
		return Errorf(ErrInvalid, "%s/%s 的值 %s 超出范围（%s 至 %s）", d.unitName(a.Unit), name, a.Value, lo, hi)
	}
	return nil
}

// unitName is the name of the unit with id among d's.
func (d QuarterData) unitName(id int64) string {
	if i := slices.IndexFunc(d.Units, func(u Unit) bool { return u.ID == id }); i >= 0 {
		return d.Units[i].Name
	}
	return ""
}

// field is the section or item a names, with its range.
func (d QuarterData) field(a Assumed) (name string, lo, hi Hundredths, ok bool) {
	if a.Section != 0 {
		for _, s := range d.Sections {
			if s.ID == a.Section {
				return s.Name, 0, s.Max, true
			}
		}
		return "", 0, 0, false
	}
	for _, it := range d.Adjustments {
		if it.ID == a.Item {
			return it.Name, it.Min, it.Max, true
		}
	}
	return "", 0, 0, false
}

// Stored is the value a replaces (ok false when there is none).
func (d QuarterData) Stored(a Assumed) (Hundredths, bool) {
	if a.Section != 0 {
		v, ok := d.Scores[ScoreKey{a.Unit, a.Section}]
		return v, ok
	}
	v, ok := d.Adjust[AdjustKey{a.Unit, a.Item}]
	return v, ok
}

// ParseAssumed reads a what-if value as the command line gives it:
// 区市/板块=分数 (平度市/经济运行=88.5), the unit by name, short name or
// alias, the section or adjustment item by name; full-width characters are
// accepted.
func (d QuarterData) ParseAssumed(s string) (Assumed, error) {
	bad := Errorf(ErrInvalid, "“%s”的写法不对，应为 区市/板块=分数，例如 平度市/经济运行=88.5", Clip(s))
	// The value is what follows the last =, the unit what comes before
	// the first /: a section's name may hold either.
	s = strings.NewReplacer("＝", "=", "／", "/").Replace(s)
	eq := strings.LastIndex(s, "=")
	if eq < 0 {
		return Assumed{}, bad
	}
	lhs, value := s[:eq], s[eq+1:]
	unit, field, ok := strings.Cut(lhs, "/")
	if !ok {
		return Assumed{}, bad
	}
	u, err := FindUnit(d.Units, strings.TrimSpace(unit))
	if err != nil {
		return Assumed{}, Errorf(ErrNotFound, "%s 没有名为“%s”的参评区市", d.Quarter, Clip(strings.TrimSpace(unit)))
	}
	a := Assumed{Unit: u.ID}
	field = strings.TrimSpace(field)
	if i := slices.IndexFunc(d.Sections, func(s Section) bool { return s.Name == field }); i >= 0 {
		a.Section = d.Sections[i].ID
	} else if it, ok := FindAdjustment(d.Adjustments, field); ok {
		a.Item = it.ID
	} else {
		return a, Errorf(ErrNotFound, "%s 没有名为“%s”的板块或加减分项", d.Quarter, Clip(field))
	}
	if a.Section == 0 && a.Item == 0 { // a quarter not created: what it would inherit (IDs 0)
		return a, noScores(d.Quarter)
	}
	if a.Value, err = ParseHundredths(value); err != nil {
		return a, Errorf(ErrInvalid, "%s/%s 的值：%s", u.Name, field, err.Error())
	}
	return a, d.checkAssumed(a)
}

// AssumedText words a what-if value against the stored one:
// 平度市/经济运行 80.00 改为 88.50 (no arrow: → is East Asian Ambiguous,
// two cells wide on a Chinese Windows console).
func (d QuarterData) AssumedText(a Assumed) string {
	unit := d.unitName(a.Unit)
	name, _, _, _ := d.field(a)
	old := "无"
	if v, ok := d.Stored(a); ok {
		old = v.String()
	}
	return unit + "/" + name + " " + old + " 改为 " + a.Value.String()
}

// Difference is what a what-if changed for one unit against the real
// result of its quarter: its rank (in its group, as the screens show it),
// composite, section results (score, rank or stars), marks and seat.
type Difference struct {
	Unit         Unit
	Rank         [2]int // real, then assumed; 0 = unranked
	Composite    bool
	Sections     []bool   // by section index
	Gained, Lost []string // marks: 红旗“…”, 警示“…”, 红牌, 反向奖“…”
	Seat         [2]int
	InGroup      bool // Rank is the rank in a group: worded 组内第 N 名
}

// Marks reports whether the unit's flags, warnings, 红牌 or anti-awards
// changed.
func (d Difference) Marks() bool { return len(d.Gained)+len(d.Lost) > 0 }

// Differences lists the units whose results differ between the real
// result of a quarter and a what-if of it (assumed), in the what-if's
// seat order.
func Differences(real, assumed *Result) []Difference {
	was := real.byUnit()
	var out []Difference
	for i := range assumed.Standings {
		s := &assumed.Standings[i]
		r, ok := was[s.Unit.ID]
		if !ok {
			continue
		}
		d := Difference{Unit: s.Unit, Rank: [2]int{r.InGroup.Rank, s.InGroup.Rank}, Composite: r.Composite != s.Composite,
			Seat: [2]int{r.Seat, s.Seat}, Sections: make([]bool, len(s.Sections)), InGroup: real.Grouped()}
		changed := d.Rank[0] != d.Rank[1] || d.Composite || d.Seat[0] != d.Seat[1]
		for j := range s.Sections {
			// as the screens show a section: the rank in the stars' scope
			// (with groups, a rank among all units is shown nowhere)
			if j < len(r.Sections) && !sameSection(real, assumed, r.Sections[j], s.Sections[j]) {
				d.Sections[j], changed = true, true
			}
		}
		before, after := marksOf(r), marksOf(s)
		for _, m := range after {
			if !slices.Contains(before, m) {
				d.Gained = append(d.Gained, m)
			}
		}
		for _, m := range before {
			if !slices.Contains(after, m) {
				d.Lost = append(d.Lost, m)
			}
		}
		if changed || d.Marks() {
			out = append(out, d)
		}
	}
	return out
}

// sameSection reports whether a section result a of real shows as b of
// assumed: the same score, stars and rank in the stars' scope.
func sameSection(real, assumed *Result, a, b SectionResult) bool {
	return a.Score == b.Score && a.Has == b.Has && a.Stars == b.Stars && real.SectionRank(a) == assumed.SectionRank(b)
}

// marksOf names s's marks as a what-if compares them.
func marksOf(s *Standing) []string {
	var out []string
	for _, f := range s.Flags {
		out = append(out, KindFlag.Name()+"“"+f+"”")
	}
	for _, w := range s.Warnings {
		out = append(out, KindWarning.Name()+"“"+w+"”")
	}
	if s.RedMark {
		out = append(out, "红牌")
	}
	for _, a := range s.AntiAwards {
		out = append(out, KindAnti.Name()+"“"+a+"”")
	}
	return out
}

// Text words d: 平度市：第 9 名升至第 7 名；得到 红旗“…”；不再 警示“…”.
func (d Difference) Text() string {
	parts := []string{d.Unit.Name}
	rank := func(r int) string {
		if d.InGroup && r != 0 {
			return "组内" + RankWords(r)
		}
		return RankWords(r)
	}
	if d.Rank[0] != d.Rank[1] {
		moved := "变为"
		if d.Rank[0] != 0 && d.Rank[1] != 0 {
			moved = map[bool]string{true: "升至", false: "降至"}[d.Rank[1] < d.Rank[0]]
		}
		parts = append(parts, rank(d.Rank[0])+moved+rank(d.Rank[1]))
	} else {
		parts = append(parts, rank(d.Rank[1]))
	}
	if len(d.Gained) > 0 {
		parts = append(parts, "得到 "+strings.Join(d.Gained, "、"))
	}
	if len(d.Lost) > 0 {
		parts = append(parts, "不再 "+strings.Join(d.Lost, "、"))
	}
	return parts[0] + "：" + strings.Join(parts[1:], "；")
}
