package model

import "slices"

// Group is a named set of a quarter's units (分组考核: 区 and 县级市, or a
// 功能区 group). Once a quarter has groups, each group is ranked, starred
// and judged within itself unless a rule (Rule.AllUnits) or the star rule
// (Rules.StarsAllUnits) says all units. A unit belongs to one group; the
// units of the quarter that no group lists form one more group, Ungrouped.
// Units are listed by ID, so renaming a unit keeps its group, and the list
// is copied forward with the rules.
type Group struct {
	Name  string  `json:"name"`
	Units []int64 `json:"units"`
}

// Ungrouped names the group of the units that no group lists, once a
// quarter has groups.
const Ungrouped = "未分组"

// Placing is a unit's composite rank in a set of units (all of them, or its
// group): its rank from the top, from the bottom (ties share it), and its
// rank in the same set the quarter before (0 = none, shown 新).
type Placing struct {
	Rank       int
	FromBottom int
	PrevRank   int
}

// Movement is the previous rank minus this rank (positive = rose); it is
// meaningful only when HasMovement.
func (p Placing) Movement() int { return p.PrevRank - p.Rank }

// HasMovement reports whether the unit was ranked in both quarters.
func (p Placing) HasMovement() bool { return p.PrevRank != 0 && p.Rank != 0 }

// grouping assigns a quarter's units to its groups.
type grouping struct {
	names []string      // the groups in order, Ungrouped last when any unit is in it
	of    map[int64]int // unit ID → group index; unlisted units: none
	none  int           // index of Ungrouped
}

// groupingOf is the grouping of units under r, nil when r has no groups.
func groupingOf(r Rules, units []Unit) *grouping {
	if len(r.Groups) == 0 {
		return nil
	}
	g := &grouping{of: map[int64]int{}, none: len(r.Groups)}
	for i, gr := range r.Groups {
		g.names = append(g.names, gr.Name)
		for _, id := range gr.Units {
			if _, ok := g.of[id]; !ok {
				g.of[id] = i
			}
		}
	}
	for _, u := range units {
		if _, ok := g.of[u.ID]; !ok {
			g.names = append(g.names, Ungrouped)
			break
		}
	}
	return g
}

// index is the group of the unit with this ID.
func (g *grouping) index(id int64) int {
	if i, ok := g.of[id]; ok {
		return i
	}
	return g.none
}

// GroupOf names the group that r puts the unit with this ID in: "" when r
// has no groups, Ungrouped when no group lists it.
func (r Rules) GroupOf(id int64) string {
	if len(r.Groups) == 0 {
		return ""
	}
	for _, g := range r.Groups {
		if slices.Contains(g.Units, id) {
			return g.Name
		}
	}
	return Ungrouped
}

// Grouped reports whether the quarter's units are split into groups.
func (r *Result) Grouped() bool { return len(r.Groups) > 0 }

// ByGroup returns the standings group after group (in the order of
// r.Groups), each group's ranked units in seat order, then its unranked
// ones in official order. Without groups it is one list, r.Standings.
func (r *Result) ByGroup() [][]Standing {
	if !r.Grouped() {
		return [][]Standing{r.Standings}
	}
	out := make([][]Standing, len(r.Groups))
	for _, s := range r.Standings {
		i := slices.Index(r.Groups, s.Group)
		out[i] = append(out[i], s)
	}
	return out
}

// InGroupOrder is r.Standings group after group (ByGroup flattened): the
// order of the grouped tables.
func (r *Result) InGroupOrder() []Standing {
	if !r.Grouped() {
		return r.Standings
	}
	out := make([]Standing, 0, len(r.Standings))
	for _, g := range r.ByGroup() {
		out = append(out, g...)
	}
	return out
}

// checkGroups refuses groups without a name, with a name used twice or
// the reserved Ungrouped, without units, or sharing a unit; and rules that
// name a group that is not there.
func checkGroups(r Rules) error {
	seen := map[string]bool{}
	unit := map[int64]string{}
	for _, g := range r.Groups {
		switch {
		case g.Name == "":
			return Errorf(ErrInvalid, "组别名称不能为空")
		case g.Name == Ungrouped:
			return Errorf(ErrInvalid, "“%s”是未列入任何组别的区市所在的组，不能用作组别名称", Ungrouped)
		case seen[g.Name]:
			return Errorf(ErrInvalid, "组别“%s”重名", g.Name)
		case len(g.Units) == 0:
			return Errorf(ErrInvalid, "组别“%s”没有区市", g.Name)
		}
		seen[g.Name] = true
		for _, id := range g.Units {
			if other, ok := unit[id]; ok {
				return Errorf(ErrInvalid, "一个区市只能属于一个组别（编号 %d 的区市同在“%s”和“%s”）", id, other, g.Name)
			}
			unit[id] = g.Name
		}
	}
	for _, rule := range r.All() {
		if rule.Group != "" && !seen[rule.Group] {
			return Errorf(ErrInvalid, "规则“%s”限于组别“%s”，但没有这个组别", rule.Name, rule.Group)
		}
	}
	return nil
}
