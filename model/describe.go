package model

import (
	"fmt"
	"strconv"
	"strings"
)

// ruleKindNames are the words for the rule kinds, in the order of Kinds.
var ruleKindNames = map[RuleKind]string{KindFlag: "红旗", KindWarning: "警示", KindAnti: "反向奖"}

// KindName is the word for a rule kind: 红旗, 警示, 反向奖.
func (k RuleKind) Name() string { return ruleKindNames[k] }

// colourNames are the words for the colours a rule may have.
var colourNames = map[string]string{"red": "红", "amber": "黄", "grey": "灰"}

// Colours are the colours setup offers, in order.
var Colours = []string{"red", "amber", "grey"}

// ColourName is the word for a rule's colour (the colour itself when it is
// not one of Colours).
func ColourName(c string) string {
	if n, ok := colourNames[c]; ok {
		return n
	}
	return c
}

// AnnualMethodName words an annual method (Rules.AnnualMethod) as setup
// and `starflag rules` say it.
func AnnualMethodName(m string) string {
	switch m {
	case AnnualPercent:
		return "按比例（各季度综合得分折算为该季度满分的百分比，再加权平均）"
	case AnnualAuto:
		return "各季度满分不同时按比例，相同时加权平均"
	}
	return "各季度综合得分加权平均"
}

// RuleWords is everything said about one rule, in the words of each place
// that says it: one descriptor for the flags page's legend, the bulletin's
// sentences, the rule editor and `starflag rules`, so they never disagree.
type RuleWords struct {
	Kind   RuleKind
	Name   string
	Colour string // its word: 红, 黄, 灰
	// Scope says whom the rule judges among: "" without groups; 各组分别,
	// 全体区市, or one group's name.
	Scope    string
	Screen   string // the conditions as the screens word them (Rule.ScreenText)
	Bulletin string // the conditions as the bulletin words them (Rule.BulletinText)
}

// Legend is the rule's conditions on the screens, its scope first when
// the rule is not judged within each group as usual: 县级市：综合排名前 1 名.
func (w RuleWords) Legend() string {
	if w.Scope == "" || w.Scope == ScopeEachGroup {
		return w.Screen
	}
	return w.Scope + "：" + w.Screen
}

// BulletinWords is the rule's conditions in the bulletin, with its scope
// when the quarter has groups: 在县级市中综合成绩位列第一.
func (w RuleWords) BulletinWords() string {
	switch w.Scope {
	case "":
		return w.Bulletin
	case ScopeEachGroup:
		return "在本组中" + w.Bulletin
	}
	return "在" + w.Scope + "中" + w.Bulletin
}

// Scope words of RuleWords.
const (
	ScopeEachGroup = "各组分别"
	ScopeAll       = "全体区市"
)

// WordsOf describes rule of kind k in a quarter with (grouped) or without
// groups.
func WordsOf(rule Rule, k RuleKind, grouped bool) RuleWords {
	w := RuleWords{Kind: k, Name: rule.Name, Colour: ColourName(rule.Colour), Screen: rule.ScreenText(), Bulletin: rule.BulletinText()}
	switch {
	case rule.Group != "":
		w.Scope = rule.Group
	case !grouped:
	case rule.AllUnits:
		w.Scope = ScopeAll
	default:
		w.Scope = ScopeEachGroup
	}
	return w
}

// Words describes every rule of r, flags, warnings, then anti-awards.
func (r Rules) Words() []RuleWords {
	var out []RuleWords
	for i, list := range r.Lists() {
		for _, rule := range *list {
			out = append(out, WordsOf(rule, Kinds[i], len(r.Groups) > 0))
		}
	}
	return out
}

// RulesText is a quarter's rules in words, as `starflag rules` prints
// them: each rule with its kind, colour, scope and conditions in the
// screens' and the bulletin's words (RuleWords), then the 红牌, the
// stars, the groups, the adjustment items and the annual settings.
func RulesText(d QuarterData) []string {
	r := d.Rules
	var out []string
	for _, w := range r.Words() {
		head := fmt.Sprintf("%s「%s」（%s）", w.Kind.Name(), w.Name, w.Colour)
		if w.Scope != "" {
			head += "  范围：" + w.Scope
		}
		out = append(out, head, "    看板："+w.Legend(), "    通报："+w.BulletinWords())
	}
	if r.OneFlagPerUnit {
		out = append(out, "一个区市只得一面红旗（先列的红旗优先）")
	}
	red := "不记红牌"
	if r.RedMarkStreak > 0 {
		red = "连续 " + strconv.Itoa(r.RedMarkStreak) + " 个季度受警示记红牌"
	}
	out = append(out, "红牌："+red)
	stars := starsText(len(d.Units), r.StarsTop)
	if len(r.Groups) > 0 && !r.StarsAllUnits {
		stars = groupStarsText(r.StarsTop)
	}
	out = append(out, "评星："+stars)
	if len(r.Groups) > 0 {
		var gs []string
		for _, g := range r.Groups {
			gs = append(gs, g.Name+"（"+strconv.Itoa(len(g.Units))+" 个区市）")
		}
		seats := "座次按综合名次"
		if r.SeatByGroup {
			seats = "座次按组别依次"
		}
		out = append(out, "分组："+strings.Join(gs, "、")+"；未列入的区市归“"+Ungrouped+"”；"+seats)
	}
	if len(d.Adjustments) > 0 {
		var items []string
		for _, a := range d.Adjustments {
			items = append(items, a.Name+" "+a.Min.String()+" 至 "+a.Max.String())
		}
		out = append(out, "加减分："+strings.Join(items, "；"))
	}
	annual := "年度得分：" + AnnualMethodName(r.AnnualMethod)
	if r.FlagPoints > 0 {
		annual += "；每面红旗加 " + trimZeros(r.FlagPoints) + " 分"
	}
	out = append(out, annual)
	if r.PresentHideWarnings {
		out = append(out, "放映：不显示警示和反向奖")
	}
	veto := "一票否决：保留名次，本季度不得红旗，年度不评最高等次；通报中写明原因"
	if r.HideVetoes {
		veto = "一票否决：保留名次，本季度不得红旗，年度不评最高等次；通报中不写"
	}
	return append(out, veto)
}
