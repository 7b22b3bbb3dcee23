package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Bulletin is the results bulletin (通报) draft of a quarter as words and
// tables, without a file format: the exports render it as Markdown, text or
// HTML, and the secretariat edits the draft in their word processor.
type Bulletin struct {
	Quarter Quarter
	Title   string
	Opening string // cites the year's 考核办法 (Rules.Method)

	// 一、综合成绩
	Covered  string // the sections covered and how the composite is formed
	Ranking  Table  // 名次, 区市, 综合得分 in seat order
	FlagText string // who took which flag; "" when nobody did
	// MarkText are the sentences after it: the units vetoed (一票否决) with
	// the reason (unless Rules.HideVetoes), and the anti-awards (蜗牛奖).
	MarkText []string

	// 二、单项板块
	StarsText     string   // how stars are given
	Commendations []string // one sentence per commended unit, seat order
	Stars         Table    // 区市 × 板块 stars, official order, with a total

	Committee string // Rules.Committee
	Date      string // 2023年12月31日
}

// Headings of the bulletin's two parts.
const (
	BulletinPart1 = "一、综合成绩"
	BulletinPart2 = "二、单项板块"
)

// BulletinOf drafts the bulletin of r. commendations are the quarter's
// 表扬 texts by unit ID; date is the date it is signed (the day of the
// export, passed in so that drafts are reproducible). An incomplete quarter
// is refused with the list of missing scores.
func BulletinOf(r *Result, commendations map[int64]string, date time.Time) (Bulletin, error) {
	if err := r.IncompleteError(); err != nil {
		return Bulletin{}, err
	}
	qn := r.Quarter.ChineseName()
	b := Bulletin{
		Quarter:   r.Quarter,
		Title:     qn + "全市经济运行及重点工作“摘星夺旗”考核结果通报",
		Committee: r.Rules.Committee,
		Date:      ChineseDate(date),
	}
	method := strings.TrimSpace(r.Rules.Method)
	if method == "" {
		method = DefaultRules().Method
	}
	if !strings.HasPrefix(method, "《") {
		method = "《" + method + "》"
	}
	b.Opening = "根据" + method + "，现将" + qn + "考核结果通报如下。"
	b.Covered = coveredText(r)

	ranked := r.Ranked()
	b.Ranking = Table{Kind: "bulletin", Title: qn + "综合成绩", Header: withGroup(r, []string{"名次", "区市", "综合得分"})}
	for _, s := range r.InGroupOrder() {
		if s.Rank != 0 {
			b.Ranking.Rows = append(b.Ranking.Rows, groupCell(r, s, []Cell{integer(s.InGroup.Rank), text(s.Unit.Name), num(s.Composite.String())}))
		}
	}
	b.FlagText = flagText(r)
	for _, text := range []string{vetoText(r), antiText(r)} {
		if text != "" {
			b.MarkText = append(b.MarkText, text)
		}
	}

	b.StarsText = starsText(len(ranked), r.Rules.StarsTop)
	if r.Grouped() && !r.Rules.StarsAllUnits {
		b.StarsText = groupStarsText(r.Rules.StarsTop)
	}
	for _, s := range ranked {
		if c := strings.TrimSpace(commendations[s.Unit.ID]); c != "" {
			b.Commendations = append(b.Commendations, commendationSentence(s.Unit.Name, c))
		}
	}
	b.Stars = Table{Kind: "bulletin", Title: qn + "单项板块星级", Header: []string{"区市"}}
	for _, sec := range r.Sections {
		b.Stars.Header = append(b.Stars.Header, sec.Name)
	}
	b.Stars.Header = append(b.Stars.Header, "合计")
	for _, s := range officialOrder(ranked) {
		row := []Cell{text(s.Unit.Name)}
		total := 0
		for _, c := range s.Sections {
			row = append(row, integer(c.Stars))
			total += c.Stars
		}
		b.Stars.Rows = append(b.Stars.Rows, append(row, integer(total)))
	}
	return b, nil
}

// starsText says how stars are given (Rules.StarsFor) to n units.
func starsText(n, top int) string {
	const ties = "得分相同的区市名次相同、星级相同。"
	switch {
	case top == 0:
		return fmt.Sprintf("各板块按得分由高到低评星：%d个区市参评，第1名得%d星，名次每后退一位少1星，末位得1星；", n, n) + ties
	case top == 1:
		return fmt.Sprintf("各板块按得分由高到低评星：%d个区市参评，第1名得1星，其余不得星；", n) + ties
	}
	return fmt.Sprintf("各板块按得分由高到低评星：%d个区市参评，前%d名得星，第1名得%d星，名次每后退一位少1星；", n, top, top) + ties
}

// groupStarsText says how stars are given within each group.
func groupStarsText(top int) string {
	const ties = "得分相同的区市名次相同、星级相同。"
	if top == 0 {
		return "各板块在各组内按得分由高到低评星：组内第1名得星数等于该组参评区市数，名次每后退一位少1星，末位得1星；" + ties
	}
	return fmt.Sprintf("各板块在各组内按得分由高到低评星：组内前%d名得星，第1名得%d星，名次每后退一位少1星；", top, top) + ties
}

// ChineseDate writes a date as official documents do: 2023年12月31日.
func ChineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// coveredText names the sections and how the composite is formed.
func coveredText(r *Result) string {
	names := make([]string, len(r.Sections))
	weighted := false
	for i, s := range r.Sections {
		names[i] = s.Name
		if s.Weight != WeightOne {
			weighted = true
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "本季度考核%s共%d个板块，", strings.Join(names, "、"), len(names))
	if weighted {
		parts := make([]string, len(r.Sections))
		for i, s := range r.Sections {
			parts[i] = s.Name + s.Weight.String()
		}
		fmt.Fprintf(&b, "综合得分为各板块得分按权重（%s）加权求和", strings.Join(parts, "、"))
	} else {
		b.WriteString("综合得分为各板块得分之和")
	}
	if len(r.Adjustments) > 0 {
		items := make([]string, len(r.Adjustments))
		for i, a := range r.Adjustments {
			items[i] = fmt.Sprintf("%s（%s–%s分）", a.Name, trimZeros(a.Min), trimZeros(a.Max))
		}
		fmt.Fprintf(&b, "，另计%s", strings.Join(items, "、"))
	}
	b.WriteString("。各区市综合成绩如下：")
	return b.String()
}

// trimZeros writes 2.00 as 2 and 0.50 as 0.5, as prose does.
func trimZeros(h Hundredths) string {
	s := strings.TrimRight(h.String(), "0")
	return strings.TrimSuffix(s, ".")
}

// flagText is the flag sentence: one clause per flag rule that somebody
// took, naming the holders (seat order) and what earned the flag.
func flagText(r *Result) string {
	var clauses []string
	for _, rule := range r.Rules.Flags {
		var who []string
		for _, s := range r.FlagHolders(rule.Name) {
			who = append(who, s.Unit.Name)
		}
		if len(who) == 0 {
			continue
		}
		clause := strings.Join(who, "、")
		if why := WordsOf(rule, KindFlag, r.Grouped()).BulletinWords(); why != "" {
			clause += why
		}
		clauses = append(clauses, clause+"，获得“"+rule.Name+"”红旗")
	}
	if len(clauses) == 0 {
		return ""
	}
	return strings.Join(clauses, "；") + "。"
}

// antiText is the sentence of the anti-awards, as flagText words the
// flags: "莱西市综合成绩位列后1名，获评“蜗牛奖”"; "" when nobody holds one.
func antiText(r *Result) string {
	var clauses []string
	for _, rule := range r.Rules.AntiAwards {
		var who []string
		for _, s := range r.Ranked() {
			if slices.Contains(s.AntiAwards, rule.Name) {
				who = append(who, s.Unit.Name)
			}
		}
		if len(who) > 0 {
			clauses = append(clauses, strings.Join(who, "、")+WordsOf(rule, KindAnti, r.Grouped()).BulletinWords()+"，获评“"+rule.Name+"”")
		}
	}
	if len(clauses) == 0 {
		return ""
	}
	return strings.Join(clauses, "；") + "。"
}

// vetoText names the vetoed units (seat order) with their reasons: they
// hold no flag this quarter. "" when none is, or the rules hide them.
func vetoText(r *Result) string {
	if r.Rules.HideVetoes {
		return ""
	}
	var who []string
	for _, s := range r.Ranked() {
		if s.Veto != "" {
			who = append(who, s.Unit.Name+"因"+strings.TrimRight(s.Veto, "。.；;，, "))
		}
	}
	if len(who) == 0 {
		return ""
	}
	return strings.Join(who, "，") + "，实行一票否决，本季度不得红旗。"
}

// commendationSentence turns the stored text into a sentence of the
// bulletin: "西海岸新区…，予以表扬。" unless the text already says so.
func commendationSentence(unit, text string) string {
	text = strings.TrimRight(text, "。.；;，, ")
	if !strings.Contains(text, unit) && !strings.HasPrefix(text, "对") {
		text = unit + text
	}
	if !strings.Contains(text, "表扬") {
		text += "，予以表扬"
	}
	return text + "。"
}
