package model

import (
	"iter"
	"slices"
	"strconv"
	"strings"
)

// ConditionKind names one test of a unit's standing in a quarter.
type ConditionKind string

// The condition kinds (see conditionSpecs for what each means). A rank
// condition includes ties: three units tied for second all satisfy
// "rank ≤ 2", and three units tied for last all satisfy "in the last 2".
const (
	RankAtMost          ConditionKind = "rank_at_most"           // composite rank ≤ N
	RiseAtLeast         ConditionKind = "rise_at_least"          // rose N or more places
	InLast              ConditionKind = "in_last"                // among the last N
	FallAtLeast         ConditionKind = "fall_at_least"          // fell N or more places
	SectionRankAtMost   ConditionKind = "section_rank_at_most"   // rank ≤ N in one section
	SectionFirst        ConditionKind = "section_first"          // first in one section
	ScoreAtLeast        ConditionKind = "score_at_least"         // composite ≥ a score
	SectionScoreAtLeast ConditionKind = "section_score_at_least" // section score ≥ a score
	HeldLast            ConditionKind = "held_last"              // Of held in each of the last N quarters
	HeldInYear          ConditionKind = "held_in_year"           // Of held in N quarters of the year so far
)

// MaxLookBack bounds the N of HeldLast: a quarter's result then reads that
// many quarters before it (see store.Results).
const MaxLookBack = 12

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
	// Score is the threshold of a score kind, in hundredths (90.5 = 9050).
	Score Hundredths `json:"score,omitempty"`
	// Of is what a look-back kind looks for in the quarters before: a
	// condition of a kind that does not look back.
	Of *Condition `json:"of,omitempty"`
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
	// Compute fills Position.SectionRanks and SectionScores.
	Section bool
	// Score: the threshold is Condition.Score (a score), not N.
	Score bool
	// NoN: the kind has no N (first in a section).
	NoN bool
	// Back, for a kind that looks for Condition.Of in earlier quarters, is
	// how many quarters before q it reads (Position.Past); MaxN bounds its
	// N (0 = 1000, as setup allows).
	Back func(c Condition, q Quarter) int
	MaxN int
	// Holds evaluates the condition for a ranked unit (p.Rank > 0).
	Holds func(c Condition, p Position) bool
	// Label names the condition in setup, with N for its threshold, and
	// Hint says what N may be.
	Label func(c Condition) string
	Hint  string
	// Screen words the condition on the flags screen ("综合排名前 2 名"),
	// Bulletin in the bulletin's flag sentence ("综合成绩位列前2名").
	Screen, Bulletin func(c Condition) string
	// Explain gives the inputs the condition looks at for one unit, as
	// the unit card and `starflag explain` say them ("位次上升 3 位：上季度
	// 第 6 名，本季度第 3 名"), whether it holds or not.
	Explain func(c Condition, p Position) string
	// Fact, when set, states a flag of this one condition in the bulletin
	// by the holders' places: the value holders are grouped and ordered by
	// (least first) and the words after their names, for several holders
	// sharing it when tied ("居第1位", "并列第2位", "各前进6位").
	Fact func(p Placing, tied bool) (value int, words string)
	// Never, when set, says why the condition can never hold in d's
	// quarter ("" when it can); sec is its section for a Section kind.
	// Setup refuses such a rule (QuarterData.CheckRule).
	Never func(c Condition, d QuarterData, sec *Section) string
	// Rises says how the condition answers a rise of the unit's own
	// scores, every other score staying: +1 it can start holding but never
	// stop, -1 it can stop holding but never start; a look-back kind
	// answers as the condition it looks for. Points needed (needed.go)
	// binary-searches a target whose conditions all answer one way.
	Rises int
	// Need says, for developers (docs/rules.md), what points needed means
	// for a target that rests on the condition.
	Need string
}

// conditionSpecs are the condition kinds, in the order setup offers them.
var conditionSpecs []ConditionSpec

// The look-back kinds evaluate and word the condition they look for
// through the registry: it is filled in init, not in its declaration.
func init() {
	conditionSpecs = []ConditionSpec{
		{
			Kind:     RankAtMost,
			Doc:      "composite rank ≤ N",
			Holds:    func(c Condition, p Position) bool { return p.Rank <= c.Threshold },
			Label:    constant("综合排名前 N 名"),
			Hint:     "N 至少为 1，如 2 = 前两名",
			Screen:   func(c Condition) string { return "综合排名前 " + threshold(c) + " 名" },
			Bulletin: rankBulletin,
			Explain:  func(_ Condition, p Position) string { return "综合排名第 " + strconv.Itoa(p.Rank) + " 名" },
			Fact: func(p Placing, tied bool) (int, string) {
				if tied {
					return p.Rank, "并列第" + strconv.Itoa(p.Rank) + "位"
				}
				return p.Rank, "居第" + strconv.Itoa(p.Rank) + "位"
			},
			Rises: 1,
			Need:  "reaching it: the least rise that ties the composite of the unit ranked N-th among the others in the rule's scope",
		},
		{
			Kind:     RiseAtLeast,
			Doc:      "previous rank − rank ≥ N (needs a previous rank)",
			Holds:    func(c Condition, p Position) bool { return p.PrevRank != 0 && p.PrevRank-p.Rank >= c.Threshold },
			Label:    constant("比上季度上升至少 N 位"),
			Hint:     "N 至少为 1",
			Screen:   func(c Condition) string { return "位次上升 " + threshold(c) + " 位及以上" },
			Bulletin: func(c Condition) string { return "位次较上季度前进" + threshold(c) + "位及以上" },
			Explain:  moveExplain,
			Fact: func(p Placing, tied bool) (int, string) {
				if tied {
					return -p.Movement(), "各前进" + strconv.Itoa(p.Movement()) + "位" // the biggest rise first
				}
				return -p.Movement(), "前进" + strconv.Itoa(p.Movement()) + "位"
			},
			Never: moveNever,
			Rises: 1,
			Need:  "reaching it: the least rise that lifts the rank to previous rank − N or better (the previous quarter is as computed); without a previous rank it cannot be reached",
		},
		{
			Kind:   InLast,
			Doc:    "rank counted from the bottom ≤ N (tied units share it)",
			Holds:  func(c Condition, p Position) bool { return p.FromBottom <= c.Threshold },
			Label:  constant("排名后 N 名"),
			Hint:   "N 至少为 1，如 2 = 最后两名",
			Screen: func(c Condition) string { return "排名后 " + threshold(c) + " 位" },
			Explain: func(_ Condition, p Position) string {
				return "倒数第 " + strconv.Itoa(p.FromBottom) + " 名（第 " + strconv.Itoa(p.Rank) + " 名）"
			},
			Rises:    -1,
			Need:     "leaving it: the least rise that lifts the rank counted from the bottom above N (it must pass, not tie, the units just above)",
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
			Explain:  moveExplain,
			Never:    moveNever,
			Rises:    -1,
			Need:     "leaving it: the least rise that brings the rank to previous rank + N − 1 or better",
		},
		{
			Kind:    SectionRankAtMost,
			Doc:     "rank in the section `Section` ≤ N (needs a score in it)",
			Section: true,
			Holds: func(c Condition, p Position) bool {
				r := p.sectionRank(c.Section)
				return c.Section != 0 && r != 0 && r <= c.Threshold
			},
			Label:    func(c Condition) string { return "板块「" + c.Scope + "」前 N 名" },
			Hint:     "N 至少为 1",
			Screen:   func(c Condition) string { return c.Scope + "前 " + threshold(c) + " 名" },
			Bulletin: func(c Condition) string { return c.Scope + "板块位列前" + threshold(c) + "名" },
			Explain:  sectionRankExplain,
			Rises:    1,
			Need:     "reaching it: the least rise of that section's score that ties the N-th best score of the others in it; other sections and the composite cannot reach it",
		},
		{
			Kind:    SectionFirst,
			Doc:     "rank 1 in the section `Section`, ties included (needs a score in it)",
			Section: true,
			NoN:     true,
			Holds: func(c Condition, p Position) bool {
				return c.Section != 0 && p.sectionRank(c.Section) == 1
			},
			Label:    func(c Condition) string { return "板块「" + c.Scope + "」第一" },
			Hint:     "并列第一也算",
			Screen:   func(c Condition) string { return c.Scope + "第一" },
			Bulletin: func(c Condition) string { return c.Scope + "板块位列第一" },
			Explain:  sectionRankExplain,
			Rises:    1,
			Need:     "reaching it: the least rise of that section's score that ties the best score of the others in it; other sections and the composite cannot reach it",
		},
		{
			Kind:     ScoreAtLeast,
			Doc:      "composite ≥ `Score`",
			Score:    true,
			Holds:    func(c Condition, p Position) bool { return p.Composite >= CompositeOf(c.Score) },
			Label:    constant("综合得分至少 S 分"),
			Hint:     "S 为分数，最多 2 位小数",
			Screen:   func(c Condition) string { return "综合得分 " + trimZeros(c.Score) + " 分及以上" },
			Bulletin: func(c Condition) string { return "综合得分达到" + trimZeros(c.Score) + "分及以上" },
			Explain:  func(_ Condition, p Position) string { return "综合得分 " + p.Composite.String() + " 分" },
			Never: func(c Condition, d QuarterData, _ *Section) string {
				if most := MaxComposite(d.Sections, d.Adjustments); CompositeOf(c.Score) > most {
					return "综合得分最高为 " + most.String()
				}
				return ""
			},
			Rises: 1,
			Need:  "reaching it: the least rise that lifts the exact composite to S (a section counts with its weight)",
		},
		{
			Kind:    SectionScoreAtLeast,
			Doc:     "score in the section `Section` ≥ `Score` (needs a score in it)",
			Section: true,
			Score:   true,
			Holds: func(c Condition, p Position) bool {
				v, ok := p.sectionScore(c.Section)
				return c.Section != 0 && ok && v >= c.Score
			},
			Label:  func(c Condition) string { return "板块「" + c.Scope + "」得分至少 S 分" },
			Hint:   "S 为分数，不超过板块满分",
			Screen: func(c Condition) string { return c.Scope + "得分 " + trimZeros(c.Score) + " 分及以上" },
			Bulletin: func(c Condition) string {
				return c.Scope + "板块得分达到" + trimZeros(c.Score) + "分及以上"
			},
			Explain: func(c Condition, p Position) string {
				if v, ok := p.sectionScore(c.Section); ok {
					return c.Scope + "得分 " + v.String() + " 分"
				}
				return c.Scope + "无得分"
			},
			Never: func(c Condition, _ QuarterData, sec *Section) string {
				if c.Score > sec.Max {
					return "板块「" + sec.Name + "」满分为 " + sec.Max.String()
				}
				return ""
			},
			Rises: 1,
			Need:  "reaching it: S minus the section's score, in that section; other sections and the composite cannot reach it",
		},
		{
			Kind: HeldLast,
			Doc:  "`Of` holds in this quarter and in each of the N − 1 quarters before it (Q1 looks at the previous Q4)",
			Back: func(c Condition, _ Quarter) int { return c.Threshold - 1 },
			MaxN: MaxLookBack,
			Holds: func(c Condition, p Position) bool {
				if !c.Of.Holds(p) || len(p.Past) < c.Threshold-1 {
					return false
				}
				for _, past := range p.Past[:c.Threshold-1] {
					if !c.Of.Holds(past) {
						return false
					}
				}
				return true
			},
			Label:    func(c Condition) string { return "连续 N 个季度" + ofWords(c, screenWords) },
			Hint:     "N 为 1 到 " + strconv.Itoa(MaxLookBack) + "，含本季度",
			Screen:   func(c Condition) string { return "连续 " + threshold(c) + " 个季度" + ofWords(c, screenWords) },
			Bulletin: func(c Condition) string { return "连续" + threshold(c) + "个季度" + ofWords(c, bulletinWords) },
			Explain: func(c Condition, p Position) string {
				return pastExplain(c, p, min(c.Threshold-1, len(p.Past)), false)
			},
			Need: "as for `Of` in this quarter; the quarters before stay as they are, so when `Of` failed in one of them the target cannot be reached (leaving it: as leaving `Of`)",
		},
		{
			Kind: HeldInYear,
			Doc:  "`Of` holds in at least N of the year's quarters so far, this one included",
			Back: func(_ Condition, q Quarter) int { return q.Q - 1 },
			MaxN: 4,
			Holds: func(c Condition, p Position) bool {
				n := b2i(c.Of.Holds(p))
				for _, past := range p.Past[:min(p.Q-1, len(p.Past))] {
					n += b2i(c.Of.Holds(past))
				}
				return n >= c.Threshold
			},
			Label:  func(c Condition) string { return "本年至少 N 个季度" + ofWords(c, screenWords) },
			Hint:   "N 为 1 到 4，含本季度",
			Screen: func(c Condition) string { return "本年 " + threshold(c) + " 个季度" + ofWords(c, screenWords) },
			Bulletin: func(c Condition) string {
				return "本年度已有" + threshold(c) + "个季度" + ofWords(c, bulletinWords)
			},
			Explain: func(c Condition, p Position) string {
				return pastExplain(c, p, min(p.Q-1, len(p.Past)), true)
			},
			Need: "as for `Of` in this quarter when the year's earlier quarters held it N − 1 times; already reached with N, out of reach with fewer (leaving it: out of reach once the earlier quarters alone hold it N times)",
		},
	}
}

// moveExplain gives the previous and this quarter's rank and the movement
// between them.
func moveExplain(_ Condition, p Position) string {
	if p.PrevRank == 0 {
		return "上季度无名次，本季度第 " + strconv.Itoa(p.Rank) + " 名"
	}
	return "位次" + movementWords(p.PrevRank-p.Rank) + "：上季度第 " + strconv.Itoa(p.PrevRank) + " 名，本季度第 " + strconv.Itoa(p.Rank) + " 名"
}

// moveNever says why a rise or fall of N places cannot happen among the
// quarter's units.
func moveNever(c Condition, d QuarterData, _ *Section) string {
	if c.Threshold >= len(d.Units) {
		return strconv.Itoa(len(d.Units)) + " 个区市最多升降 " + strconv.Itoa(max(len(d.Units)-1, 0)) + " 位"
	}
	return ""
}

// movementWords says a movement of m places: 上升 3 位, 下降 1 位, 持平.
func movementWords(m int) string {
	switch {
	case m > 0:
		return "上升 " + strconv.Itoa(m) + " 位"
	case m < 0:
		return "下降 " + strconv.Itoa(-m) + " 位"
	}
	return "持平"
}

// sectionRankExplain gives the unit's rank and score in the section.
func sectionRankExplain(c Condition, p Position) string {
	v, ok := p.sectionScore(c.Section)
	if !ok {
		return c.Scope + "无得分"
	}
	return c.Scope + "第 " + strconv.Itoa(p.sectionRank(c.Section)) + " 名（" + v.String() + " 分）"
}

// pastExplain explains a look-back condition: Of in this quarter and in the
// back quarters before it, each named (only those where Of held, when
// onlyHeld).
func pastExplain(c Condition, p Position, back int, onlyHeld bool) string {
	if c.Of == nil || c.Of.Kind.spec() == nil {
		return ""
	}
	of := c.Of.Kind.spec()
	var parts []string
	say := func(q Quarter, x Position) {
		switch {
		case x.Rank == 0 && !onlyHeld:
			parts = append(parts, q.String()+" 无名次")
		case x.Rank == 0, onlyHeld && !c.Of.Holds(x):
		default:
			parts = append(parts, q.String()+" "+of.Explain(*c.Of, x))
		}
	}
	for k := back - 1; k >= 0; k-- {
		say(QuarterAt(p.Quarter.Index()-k-1), p.Past[k])
	}
	say(p.Quarter, p)
	if onlyHeld {
		return "本年 " + strconv.Itoa(len(parts)) + " 个季度" + ofWords(c, screenWords) + "：" + strings.Join(parts, "，")
	}
	return strings.Join(parts, "，")
}

// ofWords words the condition a look-back condition looks for.
func ofWords(c Condition, words func(*ConditionSpec, Condition) string) string {
	if c.Of == nil || c.Of.Kind.spec() == nil {
		return ""
	}
	return words(c.Of.Kind.spec(), *c.Of)
}

func screenWords(s *ConditionSpec, c Condition) string   { return s.Screen(c) }
func bulletinWords(s *ConditionSpec, c Condition) string { return s.Bulletin(c) }

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

// Position is what the conditions look at: a unit's place in one quarter,
// in its group or among all units as the rule says.
type Position struct {
	Rank          int                  // composite rank, 0 = none
	FromBottom    int                  // 1 = last (ties share it)
	PrevRank      int                  // 0 = no previous rank
	Composite     Composite            // the unit's composite
	SectionRanks  map[int64]int        // by section ID
	SectionScores map[int64]Hundredths // by section ID, only the scored ones
	// Past are the unit's positions in the quarters before, latest first
	// (Past[0] the previous quarter), as far back as the look-back kinds
	// of the rules need; a quarter missing, incomplete or where the unit
	// was not ranked is a zero Position (Rank 0: nothing holds there).
	// Their sections are keyed by this quarter's IDs, matched by name.
	Past []Position
	Q    int // the quarter's number in its year (1–4)
	// Quarter is the quarter itself, for the words of Explain (set by
	// Compute's judge; Past[k] is k+1 quarters before it).
	Quarter Quarter
	// sections, when set, gives the section ranks and scores straight from
	// the standing (Compute's way, without building the maps).
	sections *sectionView
}

// sectionView is a standing's sections keyed by section ID.
type sectionView struct {
	keys  []int64 // the key of each cell; 0 = none
	cells []SectionResult
	all   bool // the rank among all units, not in the group
}

// sectionRank is the rank in the section id (0 = none).
func (p Position) sectionRank(id int64) int {
	if v := p.sections; v != nil {
		for k, key := range v.keys {
			if key == id && id != 0 && v.cells[k].Has {
				if v.all {
					return v.cells[k].Rank
				}
				return v.cells[k].GroupRank
			}
		}
		return 0
	}
	return p.SectionRanks[id]
}

// sectionScore is the score in the section id, if there is one.
func (p Position) sectionScore(id int64) (Hundredths, bool) {
	if v := p.sections; v != nil {
		for k, key := range v.keys {
			if key == id && id != 0 && v.cells[k].Has {
				return v.cells[k].Score, true
			}
		}
		return 0, false
	}
	h, ok := p.SectionScores[id]
	return h, ok
}

// Holds is the one place where a condition is evaluated. An unranked unit
// and an unknown kind satisfy nothing.
func (c Condition) Holds(p Position) bool {
	s := c.Kind.spec()
	return p.Rank != 0 && s != nil && s.Holds(c, p)
}

// Applies reports whether the rule's conditions hold: all of them (Match
// MatchAll), or any of them (MatchAny, and rules stored before Match
// existed).
func (r Rule) Applies(p Position) bool {
	all := r.Match == MatchAll
	for _, c := range r.When {
		if c.Holds(p) != all {
			return !all
		}
	}
	return all && len(r.When) > 0
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
// joined by 或 (any) or 且 (all).
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
	if r.Match == MatchAll {
		return strings.Join(parts, "且")
	}
	return strings.Join(parts, "或")
}

// Scored reports whether the kind's threshold is a score (Condition.Score).
func (k ConditionKind) Scored() bool { s := k.spec(); return s != nil && s.Score }

// HasN reports whether the kind has an N (Condition.Threshold).
func (k ConditionKind) HasN() bool { s := k.spec(); return s != nil && !s.NoN && !s.Score }

// MaxN is the largest N the kind takes.
func (k ConditionKind) MaxN() int {
	if s := k.spec(); s != nil && s.MaxN > 0 {
		return s.MaxN
	}
	return 1000
}

// LooksBack reports whether the condition's kind looks for Of in the
// quarters before.
func (c Condition) LooksBack() bool {
	s := c.Kind.spec()
	return s != nil && s.Back != nil
}

// lookBack is how many quarters before q the conditions of r read.
func (r Rules) lookBack(q Quarter) int {
	n := 0
	for _, c := range r.Conditions() {
		if s := c.Kind.spec(); s != nil && s.Back != nil {
			n = max(n, s.Back(c, q))
		}
	}
	return n
}

// Lead is how many quarters before a quarter its result reads under r:
// the previous rank and the quarter before for the first warning of a
// 红牌 streak of 2, as many as a longer streak (RedMarkStreak), and for a
// condition that looks back, its N or the year so far (4), whichever is
// more (each quarter it reads needs its previous rank). The store reads as
// many for every quarter as the most any stored quarter needs.
func (r Rules) Lead() int {
	n := max(r.RedMarkStreak, 2)
	for _, c := range r.Conditions() {
		if c.LooksBack() {
			n = max(n, c.Threshold, 4)
		}
	}
	return n
}

// LooksAtSection reports whether the condition's kind looks at a section
// (Condition.Section).
func (c Condition) LooksAtSection() bool {
	s := c.Kind.spec()
	return s != nil && s.Section
}

// UsingSection names the rules of r with a condition on the section id.
func (r Rules) UsingSection(id int64) []string {
	var out []string
	for rule, c := range r.Conditions() {
		if c.LooksAtSection() && c.Section == id && id != 0 && !slices.Contains(out, rule) {
			out = append(out, rule)
		}
	}
	return out
}

// WithoutRules is r without the rules named names.
func (r Rules) WithoutRules(names []string) Rules {
	for _, list := range r.Lists() {
		*list = slices.DeleteFunc(slices.Clone(*list), func(x Rule) bool { return slices.Contains(names, x.Name) })
	}
	return r
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

// Conditions yields every condition of r with the name of its rule, in
// the order of r.All(); a look-back condition is followed by the one it
// looks for (Of).
func (r Rules) Conditions() iter.Seq2[string, Condition] {
	return func(yield func(string, Condition) bool) {
		for _, rule := range r.All() {
			for _, c := range rule.When {
				for x := &c; x != nil; x = x.Of {
					if !yield(rule.Name, *x) {
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
					when[j] = mapCondition(rule.Name, c, f)
				}
				rule.When = when
			}
			out[i] = rule
		}
		return out
	}
	for _, list := range r.Lists() {
		*list = mapList(*list)
	}
	return r
}

// mapCondition is f of c, and of the condition it looks for (a copy).
func mapCondition(rule string, c Condition, f func(string, Condition) Condition) Condition {
	c = f(rule, c)
	if c.Of != nil {
		of := mapCondition(rule, *c.Of, f)
		c.Of = &of
	}
	return c
}

// Known reports whether k is one of the condition kinds.
func (k ConditionKind) Known() bool { return k.spec() != nil }
