package model

import (
	"slices"
	"strconv"
	"strings"
)

// Rulebook is a quarter's whole 考核办法 by name, as a rulebook file says it
// (starflag rules export / import, exchange/rulebook.go): no IDs, so it can
// be loaded into another quarter or another database.
type Rulebook struct {
	Quarter     Quarter      // the quarter it was exported from (zero when the file names none)
	Sections    []Section    // IDs 0, display order
	Adjustments []Adjustment // IDs 0, display order
	// Rules are the quarter's rules with each section condition naming its
	// section (Scope; Section 0) and without Groups: Groups names them.
	Rules  Rules
	Groups []NamedGroup
	// Units are the units taking part, in official order, with the names
	// documents use: name, short name, aliases, 公文用名, 出席人, 职务 (IDs,
	// orders and quarters 0).
	Units []Unit
}

// NamedGroup is a Group whose units are named, not numbered.
type NamedGroup struct {
	Name  string
	Units []string
}

// NameGroupUnits writes each group's units by the name of the unit of
// units they match (by name, short name or alias, as imports match units:
// 黄岛区 is 西海岸新区), so that a file naming a unit otherwise compares
// equal; it returns the names that match none, kept as written.
func (rb *Rulebook) NameGroupUnits(units []Unit) (unknown []string) {
	rb.Groups = slices.Clone(rb.Groups)
	for i, g := range rb.Groups {
		names := slices.Clone(g.Units)
		for j, n := range names {
			if u, err := FindUnit(units, n); err == nil {
				names[j] = u.Name
			} else {
				unknown = append(unknown, n)
			}
		}
		rb.Groups[i].Units = names
	}
	return unknown
}

// RulebookOf is the rulebook of quarter d.
func RulebookOf(d QuarterData) Rulebook {
	rb := Rulebook{Quarter: d.Quarter}
	for _, s := range d.Sections {
		s.ID = 0
		rb.Sections = append(rb.Sections, s)
	}
	for _, a := range d.Adjustments {
		a.ID = 0
		rb.Adjustments = append(rb.Adjustments, a)
	}
	names := make(map[int64]string, len(d.Units))
	for _, u := range d.Units {
		names[u.ID] = u.Name
		rb.Units = append(rb.Units, Unit{Name: u.Name, Short: u.Short, Aliases: u.Aliases, DocName: u.DocName, Attendee: u.Attendee, Post: u.Post})
	}
	for _, g := range d.Rules.Groups {
		ng := NamedGroup{Name: g.Name}
		for _, id := range g.Units {
			if n, ok := names[id]; ok { // a unit not taking part is left out
				ng.Units = append(ng.Units, n)
			}
		}
		rb.Groups = append(rb.Groups, ng)
	}
	rb.Rules = d.Rules.MapConditions(func(_ string, c Condition) Condition {
		c.Section = 0
		return c
	})
	rb.Rules.Groups = nil
	return rb
}

// Fact is one setting of a rulebook in words: what it is (板块“经济运行”)
// and its value (权重 1，满分 100，第 1 个).
type Fact struct{ Key, Value string }

// Facts are the settings of rb in words, in the order of the file; the
// diff of two rulebooks compares them (DiffRulebooks).
func (rb Rulebook) Facts() []Fact {
	r := rb.Rules
	yes := func(b bool) string {
		if b {
			return "是"
		}
		return "否"
	}
	out := []Fact{{"考核办法名称", r.Method}}
	for i, s := range rb.Sections {
		out = append(out, Fact{"板块“" + s.Name + "”", "权重 " + s.Weight.String() + "，满分 " + trimZeros(s.Max) + "，第 " + strconv.Itoa(i+1) + " 个"})
	}
	for _, a := range rb.Adjustments {
		out = append(out, Fact{"加减分项“" + a.Name + "”", trimZeros(a.Min) + "至" + trimZeros(a.Max) + "分"})
	}
	for _, g := range rb.Groups {
		out = append(out, Fact{"组别“" + g.Name + "”", strings.Join(g.Units, "、")})
	}
	top := "全部参评区市得星"
	if r.StarsTop > 0 {
		top = "前 " + strconv.Itoa(r.StarsTop) + " 名得星"
	}
	out = append(out, Fact{"评星", top}, Fact{"分组时在全体区市中评星", yes(r.StarsAllUnits)},
		Fact{"一个区市只得一面红旗", yes(r.OneFlagPerUnit)})
	for i, list := range r.Lists() {
		for j, rule := range *list {
			w := WordsOf(rule, Kinds[i], len(rb.Groups) > 0)
			v := w.Colour + "，" + w.Legend() + "，第 " + strconv.Itoa(j+1) + " 条"
			out = append(out, Fact{w.Kind.Name() + "“" + rule.Name + "”", v})
		}
	}
	red := "不记红牌"
	if r.RedMarkStreak > 0 {
		red = "连续 " + strconv.Itoa(r.RedMarkStreak) + " 个季度受警示记红牌"
	}
	var tiers, weights []string
	for _, t := range r.Tiers {
		tiers = append(tiers, t.Name+" "+strconv.Itoa(t.Size))
	}
	for _, w := range r.QuarterWeights {
		weights = append(weights, w.String())
	}
	rise := "不评"
	if r.AnnualRise > 0 {
		rise = "年度名次上升 " + strconv.Itoa(r.AnnualRise) + " 位及以上"
	}
	method := SeatMethodName(r.Layout.Method)
	d := r.Docs
	out = append(out,
		Fact{"红牌", red},
		Fact{"年度等次", strings.Join(tiers, "、")},
		Fact{"季度权重", strings.Join(weights, " ")},
		Fact{"年度得分", AnnualMethodName(r.AnnualMethod)},
		Fact{"进位显著奖", rise},
		Fact{"每面红旗的年度加分", trimZeros(r.FlagPoints)},
		Fact{"座位", strconv.Itoa(r.Layout.Rows) + " 排，每排 " + strconv.Itoa(r.Layout.PerRow) + " 座（0 = 按需要），" + method},
		Fact{"偶数座位时 1 号坐左侧", yes(r.Layout.OneOnLeft)},
		Fact{"座次按组别依次", yes(r.SeatByGroup)},
		Fact{"放映时不显示警示", yes(r.PresentHideWarnings)},
		Fact{"考核委员会", r.Committee},
		Fact{"通报版本", VersionName(d.Version)},
		Fact{"主送机关", d.Addressee},
		Fact{"发文字号", d.Number},
		Fact{"抄送机关", d.CopyTo},
		Fact{"印发机关", d.Issuer},
		Fact{"星级合计列", yes(d.StarsTotal)},
		Fact{"文件不写约谈段落", yes(d.FileOmitsWarnings)},
		Fact{"简报写约谈段落", yes(d.BriefHasWarnings)},
		Fact{"发言顺序", SpeakOrderName(d.SpeakOrder)},
		Fact{"通报不写一票否决", yes(r.HideVetoes)},
	)
	for _, u := range rb.Units {
		v := "简称 " + orNone(u.Short) + "，别名 " + orNone(strings.Join(u.Aliases, "、")) + "，公文用名 " + orNone(u.DocName) +
			"，出席人 " + orNone(u.Attendee) + "，职务 " + orNone(u.Post)
		out = append(out, Fact{"区市“" + u.Name + "”", v})
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

// SeatMethodName words a seating method as setup says it.
func SeatMethodName(m SeatMethod) string {
	if m == LeftToRight {
		return "从左到右"
	}
	return "居中向两边"
}

// DiffRulebooks lists in words what changes from rulebook a to rulebook b,
// each line starting with label (the quarter or file b is):
// 2023Q3 新增板块“优化营商环境”（权重 1，满分 100，第 4 个）. None: no
// difference.
func DiffRulebooks(a, b Rulebook, label string) []string {
	was := map[string]string{}
	for _, f := range a.Facts() {
		was[f.Key] = f.Value
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range b.Facts() {
		seen[f.Key] = true
		old, ok := was[f.Key]
		switch {
		case !ok:
			out = append(out, label+" 新增"+f.Key+"（"+f.Value+"）")
		case old != f.Value:
			out = append(out, label+" "+f.Key+"："+orNone(old)+" → "+orNone(f.Value))
		}
	}
	for _, f := range a.Facts() {
		if !seen[f.Key] {
			out = append(out, label+" 删去"+f.Key)
		}
	}
	return slices.Clip(out)
}
