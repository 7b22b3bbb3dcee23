package model

import (
	"iter"
	"strconv"
	"strings"
)

// ConditionKind names one test of a unit's standing in a quarter.
type ConditionKind string

// The condition kinds (see conditionSpecs for what each means). A rank
// condition includes ties: three units tied for second all satisfy
// "rank ≤ 2", and three units tied for last all satisfy "in the last 2".
const (
	RankAtMost        ConditionKind = "rank_at_most"         // composite rank ≤ N
	RiseAtLeast       ConditionKind = "rise_at_least"        // rose N or more places
	InLast            ConditionKind = "in_last"              // among the last N
	FallAtLeast       ConditionKind = "fall_at_least"        // fell N or more places
	SectionRankAtMost ConditionKind = "section_rank_at_most" // rank ≤ N in one section
)

// Condition is one kind with its threshold and, for a kind that looks at a
// section, the section.
type Condition struct {
	Kind      ConditionKind `json:"kind"`
	Threshold int           `json:"threshold"`
	// Section is the ID of the section the condition looks at: one of the
	// rule's own quarter's sections (each quarter has its own; creating a
	// quarter points the copied rules at the copied sections), so renaming
	// the section keeps the rule. 0 = the section is gone: the condition
	// never holds.
	Section int64 `json:"section,omitempty"`
	// Scope is the section's name, for wording only: the store fills it in
	// from Section on every read and write. A condition whose section is
	// gone keeps the last name it had.
	Scope string `json:"scope,omitempty"`
}

// ConditionSpec is everything about one condition kind: its evaluation and
// its wording in each place that shows it. conditionSpecs declares every
// kind once, and Holds, ValidateStored, Compute, the bulletin, the flags
// screen and setup all read it, so a new kind is one entry there plus its
// evaluation.
type ConditionSpec struct {
	Kind ConditionKind
	// Doc says when it holds, for developers (docs/rules.md).
	Doc string
	// Section: the condition looks at a section (Condition.Section), so
	// Compute fills Position.SectionRanks.
	Section bool
	// Holds evaluates the condition for a ranked unit (p.Rank > 0).
	Holds func(c Condition, p Position) bool
	// Label names the condition in setup, with N for its threshold, and
	// Hint says what N may be.
	Label func(c Condition) string
	Hint  string
	// Screen words the condition on the flags screen ("综合排名前 2 名"),
	// Bulletin in the bulletin's flag sentence ("综合成绩位列前2名").
	Screen, Bulletin func(c Condition) string
}

// conditionSpecs are the condition kinds, in the order setup offers them.
var conditionSpecs = []ConditionSpec{
	{
		Kind:     RankAtMost,
		Doc:      "composite rank ≤ N",
		Holds:    func(c Condition, p Position) bool { return p.Rank <= c.Threshold },
		Label:    constant("综合排名前 N 名"),
		Hint:     "N 至少为 1，如 2 = 前两名",
		Screen:   func(c Condition) string { return "综合排名前 " + threshold(c) + " 名" },
		Bulletin: rankBulletin,
	},
	{
		Kind:     RiseAtLeast,
		Doc:      "previous rank − rank ≥ N (needs a previous rank)",
		Holds:    func(c Condition, p Position) bool { return p.PrevRank != 0 && p.PrevRank-p.Rank >= c.Threshold },
		Label:    constant("比上季度上升至少 N 位"),
		Hint:     "N 至少为 1",
		Screen:   func(c Condition) string { return "位次上升 " + threshold(c) + " 位及以上" },
		Bulletin: func(c Condition) string { return "位次较上季度前进" + threshold(c) + "位及以上" },
	},
	{
		Kind:     InLast,
		Doc:      "rank counted from the bottom ≤ N (tied units share it)",
		Holds:    func(c Condition, p Position) bool { return p.FromBottom <= c.Threshold },
		Label:    constant("排名后 N 名"),
		Hint:     "N 至少为 1，如 2 = 最后两名",
		Screen:   func(c Condition) string { return "排名后 " + threshold(c) + " 位" },
		Bulletin: func(c Condition) string { return "综合成绩位列后" + threshold(c) + "名" },
	},
	{
		Kind:     FallAtLeast,
		Doc:      "rank − previous rank ≥ N (needs a previous rank)",
		Holds:    func(c Condition, p Position) bool { return p.PrevRank != 0 && p.Rank-p.PrevRank >= c.Threshold },
		Label:    constant("比上季度下降至少 N 位"),
		Hint:     "N 至少为 1",
		Screen:   func(c Condition) string { return "位次下降 " + threshold(c) + " 位及以上" },
		Bulletin: func(c Condition) string { return "位次较上季度后退" + threshold(c) + "位及以上" },
	},
	{
		Kind:    SectionRankAtMost,
		Doc:     "rank in the section `Section` ≤ N (needs a score in it)",
		Section: true,
		Holds: func(c Condition, p Position) bool {
			r := p.SectionRanks[c.Section]
			return c.Section != 0 && r != 0 && r <= c.Threshold
		},
		Label:    func(c Condition) string { return "板块「" + c.Scope + "」前 N 名" },
		Hint:     "N 至少为 1",
		Screen:   func(c Condition) string { return c.Scope + "前 " + threshold(c) + " 名" },
		Bulletin: func(c Condition) string { return c.Scope + "板块位列前" + threshold(c) + "名" },
	},
}

func threshold(c Condition) string { return strconv.Itoa(c.Threshold) }

func constant(s string) func(Condition) string { return func(Condition) string { return s } }

func rankBulletin(c Condition) string {
	if c.Threshold == 1 {
		return "综合成绩位列第一"
	}
	return "综合成绩位列前" + threshold(c) + "名"
}

// ConditionKinds are the known kinds, in the order setup offers them.
func ConditionKinds() []ConditionKind {
	out := make([]ConditionKind, len(conditionSpecs))
	for i, s := range conditionSpecs {
		out[i] = s.Kind
	}
	return out
}

// spec is the kind's entry in conditionSpecs, nil for an unknown kind.
func (k ConditionKind) spec() *ConditionSpec {
	for i := range conditionSpecs {
		if conditionSpecs[i].Kind == k {
			return &conditionSpecs[i]
		}
	}
	return nil
}

// Position is what the conditions look at: a unit's place in one quarter.
type Position struct {
	Rank         int           // composite rank, 0 = none
	FromBottom   int           // 1 = last (ties share it)
	PrevRank     int           // 0 = no previous rank
	SectionRanks map[int64]int // by section ID
}

// Holds is the one place where a condition is evaluated. An unranked unit
// and an unknown kind satisfy nothing.
func (c Condition) Holds(p Position) bool {
	s := c.Kind.spec()
	return p.Rank != 0 && s != nil && s.Holds(c, p)
}

// Applies reports whether any of the rule's conditions holds.
func (r Rule) Applies(p Position) bool {
	for _, c := range r.When {
		if c.Holds(p) {
			return true
		}
	}
	return false
}

// SetupLabel names the condition in setup, with N for its threshold, and
// hints what N may be.
func (c Condition) SetupLabel() (label, hint string) {
	s := c.Kind.spec()
	if s == nil {
		return string(c.Kind), ""
	}
	return s.Label(c), s.Hint
}

// ScreenText says on the screens when the rule applies: its conditions
// joined by 或.
func (r Rule) ScreenText() string {
	return r.words(func(s *ConditionSpec) func(Condition) string { return s.Screen })
}

// BulletinText says in the bulletin's words when the rule applies.
func (r Rule) BulletinText() string {
	return r.words(func(s *ConditionSpec) func(Condition) string { return s.Bulletin })
}

func (r Rule) words(of func(*ConditionSpec) func(Condition) string) string {
	parts := make([]string, 0, len(r.When))
	for _, c := range r.When {
		if s := c.Kind.spec(); s != nil {
			parts = append(parts, of(s)(c))
		}
	}
	return strings.Join(parts, "或")
}

// LooksAtSection reports whether the condition's kind looks at a section
// (Condition.Section).
func (c Condition) LooksAtSection() bool {
	s := c.Kind.spec()
	return s != nil && s.Section
}

// HasSectionConditions reports whether any condition of r looks at a
// section.
func (r Rules) HasSectionConditions() bool {
	for _, c := range r.Conditions() {
		if c.LooksAtSection() {
			return true
		}
	}
	return false
}

// Conditions yields every condition of r with the name of its rule: the
// flags', then the warnings'.
func (r Rules) Conditions() iter.Seq2[string, Condition] {
	return func(yield func(string, Condition) bool) {
		for _, list := range [][]Rule{r.Flags, r.Warnings} {
			for _, rule := range list {
				for _, c := range rule.When {
					if !yield(rule.Name, c) {
						return
					}
				}
			}
		}
	}
}

// MapConditions returns a copy of r in which every condition is f's
// result (r itself is unchanged).
func (r Rules) MapConditions(f func(rule string, c Condition) Condition) Rules {
	mapList := func(rs []Rule) []Rule {
		if rs == nil {
			return nil
		}
		out := make([]Rule, len(rs))
		for i, rule := range rs {
			if rule.When != nil {
				when := make([]Condition, len(rule.When))
				for j, c := range rule.When {
					when[j] = f(rule.Name, c)
				}
				rule.When = when
			}
			out[i] = rule
		}
		return out
	}
	r.Flags, r.Warnings = mapList(r.Flags), mapList(r.Warnings)
	return r
}
