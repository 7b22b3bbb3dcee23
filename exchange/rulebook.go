package exchange

import (
	"fmt"
	"io"
	"strings"

	"starflag/model"
)

// A rulebook file is a quarter's whole 考核办法 as TOML (model.Rulebook):
// keys in English, names and texts in Chinese, a comment line above each
// block saying what it is. WriteRulebook writes it by hand, in a fixed
// order, so that export → import → export gives the same bytes;
// ReadRulebook (rulebookread.go) reads it with github.com/BurntSushi/toml
// and checks it whole, naming the line of every problem. docs/rules.md
// ("The rulebook file") lists the keys.

// RulebookFormat is the version of the file's keys (format = 1).
const RulebookFormat = 1

// WriteRulebook writes rb as a rulebook file.
func WriteRulebook(w io.Writer, rb model.Rulebook) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// block starts a block: a blank line, its comment in Chinese, its header.
	block := func(comment, header string) { p("\n# %s\n%s", comment, header) }
	r := rb.Rules
	p("# starflag 考核规则文件（%s）", rulebookTitle(rb.Quarter))
	p("# 导入：starflag rules import --quarter 季度 本文件；新建数据库：starflag init --rules 本文件")
	p("format = %d", RulebookFormat)
	if !rb.Quarter.IsZero() {
		p("quarter = %s", tomlString(rb.Quarter.String()))
	}
	p("")
	p("# 考核办法的名称（通报引用；不带年份时通报在前面加上季度的年份）")
	p("method = %s", tomlString(r.Method))
	for _, s := range rb.Sections {
		block("板块：名称、权重、满分、顺序", "[[sections]]")
		p("name = %s", tomlString(s.Name))
		p("weight = %s", s.Weight)
		p("max = %s", tomlNumber(s.Max))
		p("order = %d", s.Order)
	}
	for _, a := range rb.Adjustments {
		block("加减分项：名称、下限、上限（下限为负数即扣分）", "[[adjustments]]")
		p("name = %s", tomlString(a.Name))
		p("min = %s", tomlNumber(a.Min))
		p("max = %s", tomlNumber(a.Max))
	}
	for _, g := range rb.Groups {
		block("组别：名称和所含区市（各组分别排名、评星、评旗）", "[[groups]]")
		p("name = %s", tomlString(g.Name))
		p("units = %s", tomlStrings(g.Units))
	}
	block("评星：top = 0 全部参评区市得星，K = 只有前 K 名得星；all_units = 分组时在全体区市中评星", "[stars]")
	p("top = %d", r.StarsTop)
	p("all_units = %t", r.StarsAllUnits)
	block("红旗的发放：one_flag_per_unit = 一个区市只得一面红旗（先列的红旗优先）", "[awards]")
	p("one_flag_per_unit = %t", r.OneFlagPerUnit)
	for i, list := range r.Lists() {
		for _, rule := range *list {
			writeRule(p, string(rulebookLists[i]), model.Kinds[i], rule)
		}
	}
	block("警示升级：连续 N 个季度受警示记红牌（0 = 不记红牌）", "[escalation]")
	p("red_mark_streak = %d", r.RedMarkStreak)
	block("年度：得分方法（auto 满分不同时按比例 / percent 按比例 / mean 加权平均）、季度权重、进位显著奖名次、每面红旗加分", "[annual]")
	method := r.AnnualMethod
	if method == "" {
		method = model.AnnualMean
	}
	p("method = %s", tomlString(method))
	weights := make([]string, len(r.QuarterWeights))
	for i, w := range r.QuarterWeights {
		weights[i] = w.String()
	}
	p("quarter_weights = [%s]", strings.Join(weights, ", "))
	p("rise = %d", r.AnnualRise)
	p("flag_points = %s", tomlNumber(r.FlagPoints))
	for _, t := range r.Tiers {
		block("年度等次：名称和名额", "[[annual.tiers]]")
		p("name = %s", tomlString(t.Name))
		p("size = %d", t.Size)
	}
	block("座位：排数（0 = 按需要）、每排座位数（0 = 坐一排）、排法（centre_out 居中向两边 / left_to_right 从左到右）、偶数时 1 号坐左中、按组别依次就座", "[seating]")
	p("rows = %d", r.Layout.Rows)
	p("per_row = %d", r.Layout.PerRow)
	seat := r.Layout.Method
	if seat == "" {
		seat = model.CentreOut
	}
	p("method = %s", tomlString(string(seat)))
	p("one_on_left = %t", r.Layout.OneOnLeft)
	p("by_group = %t", r.SeatByGroup)
	block("放映：放映时不显示警示、红牌和反向奖（看板、导出和通报照常显示）", "[presentation]")
	p("hide_warnings = %t", r.PresentHideWarnings)
	d := r.Docs
	block("公文：考核委员会、通报版本（file 文件 / brief 简报）、主送机关、发文字号、抄送、印发、星级合计列、约谈段落、发言顺序（seat / official / reverse）、通报不写一票否决", "[documents]")
	p("committee = %s", tomlString(r.Committee))
	p("version = %s", tomlString(orDefault(d.Version, model.VersionFile)))
	p("addressee = %s", tomlString(d.Addressee))
	p("number = %s", tomlString(d.Number))
	p("copy_to = %s", tomlString(d.CopyTo))
	p("issuer = %s", tomlString(d.Issuer))
	p("stars_total = %t", d.StarsTotal)
	p("file_omits_warnings = %t", d.FileOmitsWarnings)
	p("brief_has_warnings = %t", d.BriefHasWarnings)
	p("speak_order = %s", tomlString(orDefault(d.SpeakOrder, model.SpeakBySeat)))
	p("hide_vetoes = %t", r.HideVetoes)
	for _, u := range rb.Units {
		block("区市：名称、简称、别名、公文用名、出席人、职务（按名称对应数据库里的区市）", "[[units]]")
		p("name = %s", tomlString(u.Name))
		p("short = %s", tomlString(u.Short))
		if len(u.Aliases) > 0 {
			p("aliases = %s", tomlStrings(u.Aliases))
		}
		for _, f := range [][2]string{{"doc_name", u.DocName}, {"attendee", u.Attendee}, {"post", u.Post}} {
			if f[1] != "" {
				p("%s = %s", f[0], tomlString(f[1]))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// rulebookLists are the keys of the rule lists, in the order of
// model.Rules.Lists.
var rulebookLists = []string{"flags", "warnings", "anti_awards"}

// writeRule writes one rule of the list key, then its conditions.
func writeRule(p func(string, ...any), key string, kind model.RuleKind, rule model.Rule) {
	p("\n# %s：%s\n[[%s]]", kind.Name(), rule.Name, key)
	p("name = %s", tomlString(rule.Name))
	p("colour = %s", tomlString(rule.Colour))
	p("match = %s", tomlString(string(orDefault(rule.Match, model.MatchAny))))
	if rule.Group != "" {
		p("group = %s", tomlString(rule.Group))
	}
	if rule.AllUnits {
		p("all_units = true")
	}
	for _, c := range rule.When {
		p("\n# 条件：%s\n[[%s.when]]", model.Rule{When: []model.Condition{c}}.ScreenText(), key)
		writeCondition(p, c)
		if c.Of != nil {
			p("\n# 要满足的条件：%s\n[%s.when.of]", model.Rule{When: []model.Condition{*c.Of}}.ScreenText(), key)
			writeCondition(p, *c.Of)
		}
	}
}

func writeCondition(p func(string, ...any), c model.Condition) {
	p("kind = %s", tomlString(string(c.Kind)))
	if c.Threshold != 0 || c.Kind.HasN() {
		p("n = %d", c.Threshold)
	}
	if c.LooksAtSection() {
		p("section = %s", tomlString(c.Scope))
	}
	if c.Score != 0 || c.Kind.Scored() {
		p("score = %s", tomlNumber(c.Score))
	}
}

func orDefault[T ~string](s, def T) T {
	if s == "" {
		return def
	}
	return s
}

// rulebookTitle says which quarter a file was exported from.
func rulebookTitle(q model.Quarter) string {
	if q.IsZero() {
		return "考核办法"
	}
	return q.ChineseName() + "的考核办法，导出自 " + q.String()
}

// tomlNumber writes an exact decimal with as few decimals as it needs:
// 100, 0.5, -3 (a TOML integer or float; ReadRulebook reads it back exactly).
func tomlNumber(h model.Hundredths) string {
	s := strings.TrimRight(h.String(), "0")
	return strings.TrimSuffix(s, ".")
}

// tomlString is s as a TOML basic string: quotes, backslashes and control
// characters escaped, everything else (Chinese text) as it is.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlStrings(ss []string) string {
	qs := make([]string, len(ss))
	for i, s := range ss {
		qs[i] = tomlString(s)
	}
	return "[" + strings.Join(qs, ", ") + "]"
}
