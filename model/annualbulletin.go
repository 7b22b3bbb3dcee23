package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// AnnualBulletinOf drafts the bulletin of a year (a from AnnualView): the
// annual score and rank, the tiers (a vetoed unit never in the top one),
// the flags won per unit, the first places and the 进位显著奖, in the
// version and layout of a quarter's bulletin, with the rules of the year's
// latest counted quarter. A year without a complete quarter is refused.
func AnnualBulletinOf(a Annual, o DocOptions) (Bulletin, error) {
	if len(a.Quarters) == 0 {
		return Bulletin{}, Errorf(ErrNotFound, "%d 年还没有已完成的季度，不能起草年度通报", a.Year)
	}
	rules := a.Rules
	period := strconv.Itoa(a.Year) + "年度"
	b := header(rules, a.Year, period, o)
	b.Opening = "近期，根据《" + rules.MethodName(a.Year) + "》，汇总" + strconv.Itoa(a.Year) + "年各季度“摘星夺旗”考核结果，评定了" +
		period + "考核等次。现将考核结果通报如下。"

	ranking := Table{Kind: "bulletin", Title: period + "综合成绩", Header: []string{"名次", "区市", "年度得分", "等次"}}
	if a.Grouped {
		ranking.Header = append(ranking.Header, GroupHeader)
	}
	var ranked []AnnualRow
	for _, r := range a.Rows {
		if r.Rank == 0 {
			continue
		}
		ranked = append(ranked, r)
		row := []Cell{integer(r.Rank), text(r.Unit.DocumentName()), num(r.ScoreRounded().String()), text(r.Tier)}
		if a.Grouped {
			row = append(row, text(r.Group))
		}
		ranking.Rows = append(ranking.Rows, row)
	}
	b.Ranking = ranking
	b.Body = []Block{{Level: 1, Text: "一、年度综合成绩"}, {Text: annualMethodText(a)}, {Table: &b.Ranking}}
	b.Body = paragraphs(b.Body, tierText(a, ranked), annualVetoText(a, ranked))

	b.Body = append(b.Body, Block{Level: 1, Text: "二、夺旗情况"})
	b.Body = paragraphs(b.Body, annualFlagsTotal(a, ranked))
	for i, name := range a.FlagNames {
		b.Body = append(b.Body, Block{Level: 2, Text: "（" + chineseNumber(i+1) + "）“" + name + "”红旗"})
		b.Body = paragraphs(b.Body, flagCountText(ranked, name, func(r AnnualRow) int { return r.Flags[i] }))
	}
	if len(a.FlagNames) > 0 {
		flags := Table{Kind: "bulletin", Title: period + "夺旗情况", Header: append([]string{"区市"}, a.FlagNames...)}
		flags.Header = append(flags.Header, "合计")
		for _, r := range ranked {
			row := []Cell{text(r.Unit.DocumentName())}
			for _, n := range r.Flags {
				row = append(row, integer(n))
			}
			flags.Rows = append(flags.Rows, append(row, integer(r.FlagTotal())))
		}
		b.Stars = flags
		b.Body = append(b.Body, Block{Text: "各区市夺旗情况如下："}, Block{Table: &b.Stars})
	}

	b.Body = append(b.Body, Block{Level: 1, Text: "三、单项板块第一"})
	b.Body = paragraphs(b.Body, firstPlacesText(a, ranked))
	if rules.AnnualRise > 0 {
		b.Body = append(b.Body, Block{Level: 1, Text: "四、进位显著奖"})
		b.Body = paragraphs(b.Body, riseText(a, ranked))
	}
	return b, nil
}

// annualMethodText says which quarters count and how the annual score is
// formed: the mean, weighted or not, or 按比例, plus points per flag.
func annualMethodText(a Annual) string {
	var qs []string
	for _, q := range a.Quarters {
		qs = append(qs, chineseQuarter(q.Q))
	}
	var b strings.Builder
	if len(a.Quarters) == 4 {
		b.WriteString("年度得分根据一季度至四季度考核结果计算")
	} else {
		fmt.Fprintf(&b, "年度得分根据%s考核结果计算", strings.Join(qs, "、"))
		var missing []string
		for q := 1; q <= 4; q++ {
			if !slices.ContainsFunc(a.Quarters, func(x Quarter) bool { return x.Q == q }) {
				missing = append(missing, chineseQuarter(q))
			}
		}
		fmt.Fprintf(&b, "（%s考核尚未完成，未计入）", strings.Join(missing, "、"))
	}
	weighted := false
	var ws []string
	for _, q := range a.Quarters {
		w := WeightOne
		if k := q.Q - 1; k < len(a.Rules.QuarterWeights) && a.Rules.QuarterWeights[k] > 0 {
			w = a.Rules.QuarterWeights[k]
		}
		weighted = weighted || w != WeightOne
		ws = append(ws, chineseQuarter(q.Q)+w.String())
	}
	mean := "平均值"
	if weighted {
		mean = "按权重（" + strings.Join(ws, "、") + "）加权平均值"
	}
	if a.Method == AnnualPercent {
		b.WriteString("：各季度板块设置不同，各季度综合得分先按该季度满分折算为百分制（按比例），再取" + mean)
	} else {
		b.WriteString("：取各季度综合得分的" + mean)
	}
	if a.FlagPoints > 0 {
		b.WriteString("，每夺得一面红旗另加" + trimZeros(a.FlagPoints) + "分")
	}
	b.WriteString("。各区市年度成绩如下：")
	return b.String()
}

// tierText names the units of each tier, in annual rank order.
func tierText(a Annual, ranked []AnnualRow) string {
	var clauses []string
	for _, t := range a.Rules.Tiers {
		var who []string
		for _, r := range ranked {
			if r.Tier == t.Name {
				who = append(who, r.Unit.DocumentName())
			}
		}
		if len(who) > 0 {
			clauses = append(clauses, strings.Join(who, "、")+"为"+t.Name+"等次")
		}
	}
	if len(clauses) == 0 {
		return ""
	}
	return "根据年度名次，" + strings.Join(clauses, "；") + "。"
}

// annualVetoText says that a unit vetoed (一票否决) in a counted quarter
// does not take the top tier; "" when none was.
func annualVetoText(a Annual, ranked []AnnualRow) string {
	if !a.Vetoed || len(a.Rules.Tiers) < 2 {
		return ""
	}
	var who []string
	for _, r := range ranked {
		if r.Vetoed > 0 {
			who = append(who, r.Unit.DocumentName())
		}
	}
	if len(who) == 0 {
		return ""
	}
	return strings.Join(who, "、") + "本年度有季度被一票否决，不评" + a.Rules.Tiers[0].Name + "等次。"
}

// annualFlagsTotal counts the year's flags.
func annualFlagsTotal(a Annual, ranked []AnnualRow) string {
	total := 0
	var per []string
	for i, name := range a.FlagNames {
		n := 0
		for _, r := range ranked {
			n += r.Flags[i]
		}
		total += n
		per = append(per, "“"+name+"”红旗"+strconv.Itoa(n)+"面")
	}
	if total == 0 {
		return "本年度没有区市夺得红旗。"
	}
	return "本年度共授予红旗" + strconv.Itoa(total) + "面，其中" + strings.Join(per, "、") + "。"
}

// flagCountText names the units that won a flag and how often, in annual
// rank order: "黄岛区夺得4次，市南区夺得2次。"
func flagCountText(ranked []AnnualRow, name string, count func(AnnualRow) int) string {
	var who []string
	for _, r := range ranked {
		if n := count(r); n > 0 {
			who = append(who, r.Unit.DocumentName()+"夺得"+strconv.Itoa(n)+"次")
		}
	}
	if len(who) == 0 {
		return "本年度没有区市夺得“" + name + "”红旗。"
	}
	return strings.Join(who, "，") + "。"
}

// firstPlacesText counts the first places in the sections (ties count for
// each unit), in annual rank order.
func firstPlacesText(a Annual, ranked []AnnualRow) string {
	total := 0
	var who []string
	for _, r := range ranked {
		if r.FirstPlaces > 0 {
			total += r.FirstPlaces
			who = append(who, r.Unit.DocumentName()+strconv.Itoa(r.FirstPlaces)+"次")
		}
	}
	if total == 0 {
		return "本年度各板块没有单项第一。"
	}
	return fmt.Sprintf("本年度各季度单项板块第一共%d次（并列第一均计入）：%s。", total, strings.Join(who, "，"))
}

// riseText names the units that took the 进位显著奖 with their rise.
func riseText(a Annual, ranked []AnnualRow) string {
	var who []string
	for _, r := range ranked {
		if r.Rise {
			who = append(who, r.Unit.DocumentName()+"前进"+strconv.Itoa(r.PrevRank-r.Rank)+"位")
		}
	}
	if len(who) == 0 {
		return fmt.Sprintf("与%d年度相比，没有区市年度名次前进%d位及以上，本年度不评进位显著奖。", a.Year-1, a.Rules.AnnualRise)
	}
	verb := "，获得进位显著奖。"
	if len(who) > 1 {
		verb = "，均获得进位显著奖。"
	}
	return fmt.Sprintf("与%d年度相比，", a.Year-1) + strings.Join(who, "，") + verb
}

// chineseQuarter is 一季度 … 四季度.
func chineseQuarter(q int) string { return chineseNumber(q) + "季度" }

// chineseNumber writes 1 … 99 as 一 … 九十九, as headings count.
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	case n < 100:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
	return strconv.Itoa(n)
}
