package model

import "reflect"

// CheckRules refuses, in setup, rules that the quarter d cannot use as
// they are (Validate checks what every quarter needs): groups without
// units in the quarter (CheckGroups), and a rule that can never hold in it
// (no condition, a section the quarter does not have, a score above the
// most a unit can reach, a rise or fall of as many places as there are
// units). A rule saved before exactly as it is (in was, the quarter's
// rules as stored) is not checked again, so an old rule that lost its
// section does not stop other settings from being saved. The store checks
// only the groups: it keeps a condition on a section not created yet (see
// docs/rules.md), and a section's maximum may change after.
func (d QuarterData) CheckRules(r, was Rules) error {
	if err := d.CheckGroups(r); err != nil {
		return err
	}
	old := was.All()
	for _, rule := range r.All() {
		if slicesContainsRule(old, rule) {
			continue
		}
		if err := d.CheckRule(rule); err != nil {
			return err
		}
	}
	return nil
}

// CheckRule refuses a rule that can never hold in d's quarter (see
// CheckRules).
func (d QuarterData) CheckRule(rule Rule) error {
	if len(rule.When) == 0 {
		return Errorf(ErrInvalid, "规则“%s”没有条件，永远不会成立", rule.Name)
	}
	for _, c := range rule.When {
		for x := &c; x != nil; x = x.Of {
			if why := d.neverHolds(*x); why != "" {
				return Errorf(ErrInvalid, "规则“%s”的条件“%s”永远不会成立：%s", rule.Name, Rule{When: []Condition{c}}.ScreenText(), why)
			}
		}
	}
	return nil
}

// CheckGroups refuses a group none of whose units takes part in d's
// quarter.
func (d QuarterData) CheckGroups(r Rules) error {
	active := make(map[int64]bool, len(d.Units))
	for _, u := range d.Units {
		active[u.ID] = true
	}
	for _, g := range r.Groups {
		n := 0
		for _, id := range g.Units {
			if active[id] {
				n++
			}
		}
		if n == 0 {
			return Errorf(ErrInvalid, "组别“%s”在 %s 没有参加考核的区市", g.Name, d.Quarter)
		}
	}
	return nil
}

func slicesContainsRule(rs []Rule, r Rule) bool {
	for _, x := range rs {
		if reflect.DeepEqual(x, r) {
			return true
		}
	}
	return false
}

// MaxComposite is the most a unit can reach in a quarter of these sections
// and adjustment items: Σ weight × maximum + Σ item maxima.
func MaxComposite(ss []Section, as []Adjustment) Composite {
	most := CompositeOf(0)
	for _, sec := range ss {
		most += sec.Weight.Times(sec.Max)
	}
	for _, a := range as {
		most += CompositeOf(a.Max)
	}
	return most
}

// neverHolds says why c can never hold in d's quarter ("" when it can).
func (d QuarterData) neverHolds(c Condition) string {
	s := c.Kind.spec()
	if s == nil {
		return ""
	}
	var sec *Section
	if s.Section {
		for i := range d.Sections {
			if d.Sections[i].ID == c.Section && c.Section != 0 {
				sec = &d.Sections[i]
			}
		}
		if sec == nil {
			return d.Quarter.String() + " 没有板块「" + c.Scope + "」"
		}
	}
	if s.Never != nil {
		return s.Never(c, d, sec)
	}
	return ""
}
