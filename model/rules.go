package model

import (
	"fmt"
	"strings"
)

// Rule is a named award or mark: it applies when any of its conditions holds.
// Flags and warnings are both rules, so a city's variant (a 蜗牛奖 for the
// last, a grey flag, top-K per section) is a setting, not new code.
type Rule struct {
	Name   string `json:"name"`
	Colour string `json:"colour"` // role for the screens: "red", "amber", "grey"
	// Group limits the rule to the units of one group ("" = every group).
	Group string `json:"group,omitempty"`
	// AllUnits judges a unit by its place among all units, not within its
	// group (no difference while the quarter has no groups).
	AllUnits bool `json:"all_units,omitempty"`
	// Match says whether all of the conditions must hold (MatchAll) or any
	// one (MatchAny). Rules stored before Match existed have none: any, as
	// they were (the default 约谈提醒, "in the last 2 or fell 3", is one).
	Match Match       `json:"match,omitempty"`
	When  []Condition `json:"when"`
}

// Match is how a rule's conditions combine.
type Match string

// The matches: "" is MatchAny.
const (
	MatchAll Match = "all"
	MatchAny Match = "any"
)

// RuleKind is what holding a rule means: a flag (award), a warning, or an
// anti-award (反向奖, a 蜗牛奖 for the last). Each kind is one list of Rules.
type RuleKind string

// The rule kinds, in the order of Rules.All.
const (
	KindFlag    RuleKind = "flag"
	KindWarning RuleKind = "warning"
	KindAnti    RuleKind = "anti"
)

// Tier is one annual grading band: the units ranked within Size places after
// the previous bands get Name.
type Tier struct {
	Name string `json:"name"`
	Size int    `json:"size"`
}

// Rules are the configurable rules of one quarter, copied forward when a new
// quarter is created.
type Rules struct {
	Flags          []Rule   `json:"flags"`
	Warnings       []Rule   `json:"warnings"`
	AntiAwards     []Rule   `json:"anti_awards,omitempty"` // 反向奖 (蜗牛奖): a mark, no 红牌, no 约谈
	OneFlagPerUnit bool     `json:"one_flag_per_unit"`     // then the first flag rule wins
	RedMarkStreak  int      `json:"red_mark_streak"`       // warned this many quarters in a row → 红牌
	Committee      string   `json:"committee"`
	Method         string   `json:"method"` // the year's 考核办法, cited by the bulletin
	Tiers          []Tier   `json:"tiers"`
	QuarterWeights []Weight `json:"quarter_weights"` // Q1..Q4 weights of the annual score
	AnnualRise     int      `json:"annual_rise"`     // 进位显著奖: rise of ≥ N annual places
	Layout         Layout   `json:"layout"`
	// StarsTop is the star rule of the sections: 0 = every unit scored in a
	// section gets stars, K > 0 = only the top K do (see StarsFor).
	StarsTop int `json:"stars_top,omitempty"`
	// Groups split the units into groups judged within themselves
	// (groups.go); none = one assessment of every unit.
	Groups []Group `json:"groups,omitempty"`
	// StarsAllUnits gives stars among all units even when there are
	// groups (by default each group is starred within itself).
	StarsAllUnits bool `json:"stars_all_units,omitempty"`
	// SeatByGroup seats group after group, each by its rank in the group,
	// instead of by the composite rank among all units.
	SeatByGroup bool `json:"seat_by_group,omitempty"`
	// HideVetoes leaves vetoed units (一票否决) out of the bulletin's text;
	// by default it names them with the reason.
	HideVetoes bool `json:"hide_vetoes,omitempty"`
	// AnnualMethod is how the annual score is formed (annual.go): the
	// weighted mean of the composites (AnnualMean; "" in rules stored before
	// the setting existed), of each composite as a percentage of its
	// quarter's maximum (AnnualPercent, 按比例), or the latter when the
	// counted quarters' maxima differ (AnnualAuto, the default).
	AnnualMethod string `json:"annual_method,omitempty"`
	// FlagPoints are added to the annual score for each flag won in the
	// year (0 = none).
	FlagPoints Hundredths `json:"flag_points,omitempty"`
	// PresentHideWarnings leaves warnings (红牌 included) and anti-awards
	// out of presentation mode (放映), for offices that do not put the last
	// places on the big screen; the dashboard, exports and bulletin still
	// show them. Stored in the rules, so it is copied forward.
	PresentHideWarnings bool `json:"present_hide_warnings,omitempty"`
	// Docs are the settings of the documents (docs.go): the bulletin's
	// version and lines, the stars total, the 约谈 paragraph, the order
	// of speaking at the meeting.
	Docs DocSettings `json:"docs,omitzero"`
}

// The annual score methods (Rules.AnnualMethod).
const (
	AnnualMean    = "mean"
	AnnualPercent = "percent"
	AnnualAuto    = "auto"
)

// MaxFlagPoints bounds Rules.FlagPoints.
const MaxFlagPoints Hundredths = 10000

// Bounds of Rules.StarsTop and of a tier's size.
const (
	MaxStarsTop = 1000
	MaxTierSize = 1000
	// MaxRedMarkStreak bounds Rules.RedMarkStreak: a quarter's result reads
	// that many quarters before it (see store.Results).
	MaxRedMarkStreak = 40
)

// StarsFor is the one place where stars are given: the stars of a section
// rank among the n units with a score in the section. With StarsTop = 0,
// rank r gets n − r + 1 (ten units: 10 … 1). With StarsTop = K, rank r
// gets K − r + 1 and ranks below K get none; the best gets K stars even
// when fewer than K units are scored. Tied units share a rank, so they
// share its stars.
func (r Rules) StarsFor(rank, n int) int {
	top := n
	if r.StarsTop > 0 {
		top = r.StarsTop
	}
	if rank < 1 || rank > top {
		return 0
	}
	return top - rank + 1
}

// Names of the default rules (docs/rules.md).
const (
	FlagA     = "真抓实干、勇当排头"
	FlagB     = "加压奋进、进位赶超"
	WarningTo = "约谈提醒"
)

// DefaultRules are the rules a fresh quarter starts with.
func DefaultRules() Rules {
	return Rules{
		Flags: []Rule{
			{Name: FlagA, Colour: "red", When: []Condition{{Kind: RankAtMost, Threshold: 2}}},
			{Name: FlagB, Colour: "red", When: []Condition{{Kind: RiseAtLeast, Threshold: 2}}},
		},
		Warnings: []Rule{
			{Name: WarningTo, Colour: "amber", When: []Condition{{Kind: InLast, Threshold: 2}, {Kind: FallAtLeast, Threshold: 3}}},
		},
		RedMarkStreak:  2,
		Committee:      "青岛市综合考核委员会",
		Method:         DefaultMethod,
		Tiers:          []Tier{{"优秀", 3}, {"良好", 4}, {"合格", 3}},
		QuarterWeights: []Weight{WeightOne, WeightOne, WeightOne, WeightOne},
		AnnualRise:     2,
		Layout:         Layout{Method: CentreOut},
		AnnualMethod:   AnnualAuto,
	}
}

// All are the flag rules, then the warning rules, then the anti-awards.
func (r Rules) All() []Rule {
	out := make([]Rule, 0, len(r.Flags)+len(r.Warnings)+len(r.AntiAwards))
	return append(append(append(out, r.Flags...), r.Warnings...), r.AntiAwards...)
}

// Lists are the rule lists of r (flags, warnings, anti-awards), to change
// in place.
func (r *Rules) Lists() []*[]Rule { return []*[]Rule{&r.Flags, &r.Warnings, &r.AntiAwards} }

// Kinds are the rule kinds, in the order of Lists.
var Kinds = []RuleKind{KindFlag, KindWarning, KindAnti}

// Validate checks rules entered in setup: their names (CleanRules) and
// their values (ValidateStored).
func (r Rules) Validate() error {
	if _, err := CleanRules(r); err != nil {
		return err
	}
	return r.ValidateStored()
}

// ValidateStored checks the values of rules read from the database as
// Validate checks them on input: what computing and drawing rely on (a
// seating layout of 10⁹ seats would exhaust memory). Names are not checked:
// every stored name is shown through SafeText, so a name an older version
// or another tool wrote still opens.
func (r Rules) ValidateStored() error {
	for _, rule := range r.All() {
		if err := rule.Check(); err != nil {
			return err
		}
	}
	if len(r.QuarterWeights) != 4 {
		return Errorf(ErrInvalid, "季度权重必须有 4 个")
	}
	if r.StarsTop < 0 || r.StarsTop > MaxStarsTop {
		return Errorf(ErrInvalid, "评星名次数必须在 0 到 %d 之间", MaxStarsTop)
	}
	if r.RedMarkStreak < 0 || r.RedMarkStreak > MaxRedMarkStreak {
		return Errorf(ErrInvalid, "记红牌的连续警示季度数必须在 0 到 %d 之间", MaxRedMarkStreak)
	}
	if err := checkTiers(r.Tiers); err != nil {
		return err
	}
	if err := checkGroups(r); err != nil {
		return err
	}
	switch r.AnnualMethod {
	case "", AnnualMean, AnnualPercent, AnnualAuto:
	default:
		return Errorf(ErrInvalid, "年度得分的计算方法“%s”未知", r.AnnualMethod)
	}
	if r.FlagPoints < 0 || r.FlagPoints > MaxFlagPoints {
		return Errorf(ErrInvalid, "每面红旗的加分必须在 0 到 %s 之间", MaxFlagPoints)
	}
	if err := r.Docs.validate(); err != nil {
		return err
	}
	return r.Layout.Validate()
}

// Check refuses a rule that no quarter can use: no name, an unknown
// match, a condition of an unknown kind or with an N out of its bounds.
func (rule Rule) Check() error {
	if rule.Name == "" {
		return Errorf(ErrInvalid, "规则名称不能为空")
	}
	if rule.Match != "" && rule.Match != MatchAll && rule.Match != MatchAny {
		return Errorf(ErrInvalid, "规则“%s”的条件组合“%s”未知", rule.Name, rule.Match)
	}
	for _, c := range rule.When {
		if err := c.validate(rule.Name, false); err != nil {
			return err
		}
	}
	return nil
}

// validate checks one condition of the rule named rule: a known kind, an N
// of at least 1 (at most its kind's MaxN) unless the kind has none, and for
// a kind that looks back, the condition it looks for, which does not.
func (c Condition) validate(rule string, inner bool) error {
	s := c.Kind.spec()
	switch {
	case s == nil:
		return Errorf(ErrInvalid, "规则“%s”的条件类型“%s”未知", rule, c.Kind)
	case !s.NoN && !s.Score && c.Threshold < 1:
		return Errorf(ErrInvalid, "规则“%s”的阈值必须至少为 1", rule)
	case s.MaxN > 0 && c.Threshold > s.MaxN:
		return Errorf(ErrInvalid, "规则“%s”的“%s”，N 最多为 %d", rule, s.Label(c), s.MaxN)
	case s.Back != nil && inner:
		return Errorf(ErrInvalid, "规则“%s”的条件不能套两层“连续/本年”", rule)
	case s.Back != nil && c.Of == nil:
		return Errorf(ErrInvalid, "规则“%s”的“%s”缺少要满足的条件", rule, s.Label(c))
	case s.Back != nil:
		return c.Of.validate(rule, true)
	}
	return nil
}

// checkTiers refuses negative or oversized tier sizes, and tiers that
// are all empty (nobody would be graded).
func checkTiers(ts []Tier) error {
	total := 0
	for _, t := range ts {
		if t.Size < 0 || t.Size > MaxTierSize {
			return Errorf(ErrInvalid, "等次“%s”的名额必须在 0 到 %d 之间", t.Name, MaxTierSize)
		}
		total += t.Size
	}
	if len(ts) > 0 && total == 0 {
		return Errorf(ErrInvalid, "年度等次的名额不能全为 0")
	}
	return nil
}

// ParseQuarterWeights reads the four quarter weights of the annual score
// as typed in setup: "1 1 2 2", full-width digits and spaces, commas or
// 顿号 between them. Each weight is a decimal greater than 0 (a weight of
// 0 would not leave a quarter out: AnnualView counts it as 1).
func ParseQuarterWeights(s string) ([]Weight, error) {
	fields := strings.FieldsFunc(NormalizeNumber(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == ';' || r == '\t'
	})
	if len(fields) != 4 {
		return nil, Errorf(ErrInvalid, "季度权重要 4 个数（一至四季度），这里有 %d 个", len(fields))
	}
	ws := make([]Weight, 4)
	for i, f := range fields {
		w, err := parseFixed(f, 4)
		if err != nil {
			return nil, fmt.Errorf("第%d个季度权重：%w", i+1, err)
		}
		if w <= 0 {
			return nil, Errorf(ErrInvalid, "第%d个季度权重必须大于 0", i+1)
		}
		ws[i] = Weight(w)
	}
	return ws, nil
}
