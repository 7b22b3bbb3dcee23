package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Bulletin is a results bulletin (通报) as words and tables, without a
// file format: a quarter's (BulletinOf) or a year's (AnnualBulletinOf), in
// the 文件 or the 简报 version. The exports render it as Markdown, text,
// print HTML or DOCX (GB/T 9704 layout), and the secretariat edits the
// draft in Word or WPS. Units are named by their 公文用名.
type Bulletin struct {
	Quarter Quarter // zero for a year's bulletin
	Year    int
	Version string // VersionFile or VersionBrief
	Number  string // 发文字号 (文件 only)
	Title   string
	// TitleLines is the title broken into lines for the 2号 title, never
	// inside a phrase (BreakTitle).
	TitleLines []string
	Addressee  string // 主送机关 (文件 only)
	Opening    string // cites the year's 考核办法 (Rules.MethodName)

	// What a quarter's bulletin says, part by part (Body lays it out).
	Covered  string   // the sections covered and how the composite is formed
	Ranking  Table    // 名次, 区市, 综合得分 in seat order
	FlagText string   // who took which flag; "" when nobody did
	MarkText []string // the units vetoed (一票否决, unless Rules.HideVetoes) and the anti-awards
	WarnText string   // the 约谈提醒 and 红牌 (Rules.Docs.Warnings); "" when none
	// StarsText says how stars are given; Commendations is the one
	// sentence of the commendations, units in official order.
	StarsText     string
	Commendations []string
	Stars         Table // 区市 × 板块 stars, official order (a 合计 with Rules.Docs.StarsTotal)

	// Body is the document after the opening: headings, paragraphs and
	// tables in order.
	Body []Block

	Committee string // 发文机关署名 (Rules.Committee)
	Date      string // 成文日期, 2023年11月7日, or DateBlank
	// CopyTo and Issuer are the 版记 (文件 only): 抄送 and 印发机关.
	CopyTo, Issuer string
}

// Block is one piece of a document's body: a heading (Level 1: 一、…;
// Level 2: （一）…), a paragraph, or a table.
type Block struct {
	Level int // 0 = a paragraph (or a table)
	Text  string
	Table *Table
}

// Headings of a quarter's bulletin.
const (
	BulletinPart1 = "一、综合成绩"
	BulletinPart2 = "二、单项板块"
)

// DocOptions choose what a document says beyond the rules: its version
// ("" = the rules' Docs.Version) and its 成文日期 (SigningDate; "" leaves
// DateBlank).
type DocOptions struct {
	Version string
	Date    string
}

// BulletinOf drafts the 文件 bulletin of r signed on date; see BulletinWith.
func BulletinOf(r *Result, commendations map[int64]string, date time.Time) (Bulletin, error) {
	return BulletinWith(r, commendations, DocOptions{Version: r.Rules.Docs.Version, Date: ChineseDate(date)})
}

// BulletinWith drafts the bulletin of r. commendations are the quarter's
// 表扬 texts by unit ID. An incomplete quarter is refused with the list of
// missing scores.
func BulletinWith(r *Result, commendations map[int64]string, o DocOptions) (Bulletin, error) {
	if err := r.IncompleteError(); err != nil {
		return Bulletin{}, err
	}
	qn := r.Quarter.ChineseName()
	b := header(r.Rules, r.Quarter.Year, qn, o)
	b.Quarter = r.Quarter
	b.Opening = "近期，根据《" + r.Rules.MethodName(r.Quarter.Year) + "》，组织开展了" + qn + "“摘星夺旗”考核。现将考核结果通报如下。"
	b.Covered = coveredText(r)

	ranked := r.Ranked()
	b.Ranking = Table{Kind: "bulletin", Title: qn + "综合成绩", Header: withGroup(r, []string{"名次", "区市", "综合得分"})}
	for _, s := range r.InGroupOrder() {
		if s.Rank != 0 {
			b.Ranking.Rows = append(b.Ranking.Rows, groupCell(r, s, []Cell{integer(s.InGroup.Rank), text(s.Unit.DocumentName()), num(s.Composite.String())}))
		}
	}
	b.FlagText = flagText(r)
	for _, text := range []string{vetoText(r), antiText(r)} {
		if text != "" {
			b.MarkText = append(b.MarkText, text)
		}
	}
	if r.Rules.Docs.Warnings(b.Version) {
		b.WarnText = warnText(r)
	}

	b.StarsText = starsText(len(ranked), r.Rules.StarsTop)
	if r.Grouped() && !r.Rules.StarsAllUnits {
		b.StarsText = groupStarsText(r.Rules.StarsTop)
	}
	if c := commendationText(officialOrder(ranked), commendations); c != "" {
		b.Commendations = []string{c}
	}
	b.Stars = Table{Kind: "bulletin", Title: qn + "单项板块星级", Header: []string{"区市"}}
	for _, sec := range r.Sections {
		b.Stars.Header = append(b.Stars.Header, sec.Name)
	}
	total := r.Rules.Docs.StarsTotal
	if total {
		b.Stars.Header = append(b.Stars.Header, "合计")
	}
	for _, s := range officialOrder(ranked) {
		row := []Cell{text(s.Unit.DocumentName())}
		sum := 0
		for _, c := range s.Sections {
			row = append(row, integer(c.Stars))
			sum += c.Stars
		}
		if total {
			row = append(row, integer(sum))
		}
		b.Stars.Rows = append(b.Stars.Rows, row)
	}

	b.Body = []Block{{Level: 1, Text: BulletinPart1}, {Text: b.Covered}, {Table: &b.Ranking}}
	b.Body = paragraphs(b.Body, b.FlagText)
	b.Body = paragraphs(b.Body, b.MarkText...)
	b.Body = paragraphs(b.Body, b.WarnText)
	b.Body = append(b.Body, Block{Level: 1, Text: BulletinPart2})
	b.Body = paragraphs(b.Body, b.StarsText)
	b.Body = paragraphs(b.Body, b.Commendations...)
	b.Body = append(b.Body, Block{Text: "各区市单项板块星级如下："}, Block{Table: &b.Stars})
	return b, nil
}

// header fills what every bulletin has: the version, the title and its
// lines, the 文件's lines, the signature and the date.
func header(rules Rules, year int, period string, o DocOptions) Bulletin {
	v := o.Version
	if v == "" {
		v = rules.Docs.Version
	}
	if v == "" {
		v = VersionFile
	}
	b := Bulletin{Year: year, Version: v, Committee: rules.Committee, Date: o.Date}
	if b.Date == "" {
		b.Date = DateBlank
	}
	var phrases []string
	b.Title, phrases = documentTitle(rules.Committee, period, v)
	b.TitleLines = BreakTitle(phrases, TitleWidth)
	if v == VersionFile {
		b.Number, b.Addressee = rules.Docs.Number, rules.Docs.Addressee
		b.CopyTo, b.Issuer = rules.Docs.CopyTo, rules.Docs.Issuer
	}
	return b
}

// paragraphs appends a paragraph for each non-empty text.
func paragraphs(body []Block, texts ...string) []Block {
	for _, t := range texts {
		if t != "" {
			body = append(body, Block{Text: t})
		}
	}
	return body
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
			items[i] = fmt.Sprintf("%s（%s至%s分）", a.Name, trimZeros(a.Min), trimZeros(a.Max))
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
// took, with the facts that earned it (flagFacts) and 夺得, or 均夺得 when
// several units took it.
func flagText(r *Result) string {
	var clauses []string
	for _, rule := range r.Rules.Flags {
		holders := r.FlagHolders(rule.Name)
		if len(holders) == 0 {
			continue
		}
		verb := "，夺得“"
		if len(holders) > 1 {
			verb = "，均夺得“"
		}
		clauses = append(clauses, flagFacts(r, rule, holders)+verb+rule.Name+"”红旗")
	}
	if len(clauses) == 0 {
		return ""
	}
	return strings.Join(clauses, "；") + "。"
}

// flagFacts says why holders took rule, as the published bulletins do: the
// places of a rank rule with ties written out ("西海岸新区居第1位，市南区、
// 李沧区并列第2位"), the rise of a rise rule ("李沧区前进6位"), else the
// rule's words ("…经济运行板块位列第一"). With groups, group by group.
func flagFacts(r *Result, rule Rule, holders []Standing) string {
	var fact func(Placing, bool) (int, string)
	if len(rule.When) == 1 {
		if sp := rule.When[0].Kind.spec(); sp != nil {
			fact = sp.Fact
		}
	}
	if fact == nil {
		return docNames(holders) + WordsOf(rule, KindFlag, r.Grouped()).BulletinWords()
	}
	place := func(s Standing) Placing {
		if rule.AllUnits {
			return s.place()
		}
		return s.InGroup
	}
	var parts []string
	for _, g := range holderGroups(r, rule, holders) {
		var facts []string
		for _, set := range sameValue(g.units, func(s Standing) int { v, _ := fact(place(s), false); return v }) {
			_, words := fact(place(set[0]), len(set) > 1)
			facts = append(facts, docNames(set)+words)
		}
		parts = append(parts, g.prefix+strings.Join(facts, "，"))
	}
	return strings.Join(parts, "；")
}

// unitGroup is the holders of a rule in one group, and how a clause names
// the group ("在县级市中，"; "" without groups or for a rule judged among
// all units).
type unitGroup struct {
	prefix string
	units  []Standing
}

// holderGroups splits holders by group when rule judges within groups.
func holderGroups(r *Result, rule Rule, holders []Standing) []unitGroup {
	if !r.Grouped() || rule.AllUnits {
		return []unitGroup{{units: holders}}
	}
	var out []unitGroup
	for _, g := range r.Groups {
		var in []Standing
		for _, s := range holders {
			if s.Group == g {
				in = append(in, s)
			}
		}
		if len(in) > 0 {
			out = append(out, unitGroup{prefix: "在" + g + "中，", units: in})
		}
	}
	return out
}

// sameValue splits units into runs of the same value, in ascending order
// of value, keeping their order within a run.
func sameValue(units []Standing, value func(Standing) int) [][]Standing {
	sorted := slices.Clone(units)
	slices.SortStableFunc(sorted, func(a, b Standing) int { return cmp.Compare(value(a), value(b)) })
	var out [][]Standing
	for _, s := range sorted {
		if n := len(out); n > 0 && value(out[n-1][0]) == value(s) {
			out[n-1] = append(out[n-1], s)
		} else {
			out = append(out, []Standing{s})
		}
	}
	return out
}

// docNames joins the units' 公文用名 with 、.
func docNames(units []Standing) string {
	names := make([]string, len(units))
	for i, s := range units {
		names[i] = s.Unit.DocumentName()
	}
	return strings.Join(names, "、")
}

// warnText is the sentence of the warnings: who holds each warning rule
// and why ("平度市、莱西市综合成绩位列后2名或位次较上季度后退3位及以上，予以
// 约谈提醒"), then who got a 红牌; "" when nobody was warned.
func warnText(r *Result) string {
	var clauses []string
	for _, rule := range r.Rules.Warnings {
		if who := r.WarnedBy(rule.Name); len(who) > 0 {
			clauses = append(clauses, docNames(who)+WordsOf(rule, KindWarning, r.Grouped()).BulletinWords()+"，予以"+rule.Name)
		}
	}
	if len(clauses) == 0 {
		return ""
	}
	var red []Standing
	for _, s := range r.Ranked() {
		if s.RedMark {
			red = append(red, s)
		}
	}
	if len(red) > 0 {
		what := "警示"
		if len(r.Rules.Warnings) == 1 {
			what = r.Rules.Warnings[0].Name
		}
		clauses = append(clauses, fmt.Sprintf("其中，%s已连续%d个季度受到%s，亮红牌", docNames(red), r.Rules.RedMarkStreak, what))
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
				who = append(who, s.Unit.DocumentName())
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
			who = append(who, s.Unit.DocumentName()+"因"+strings.TrimRight(s.Veto, "。.；;，, "))
		}
	}
	if len(who) == 0 {
		return ""
	}
	return strings.Join(who, "，") + "，实行一票否决，本季度不得红旗。"
}

// commendationText merges the commendations into the one sentence the
// published bulletins write: "同时，对市南区、市北区在…予以表扬。" Units are
// named in official order; units with the same text share its clause, and
// clauses are joined with "；对".
// Each stored text is the reason; a leading "对<unit>" and a trailing
// "予以表扬" typed with it are dropped. "" when nobody is commended.
func commendationText(official []Standing, commendations map[int64]string) string {
	var texts []string
	who := map[string][]Standing{}
	for _, s := range official {
		raw := commendations[s.Unit.ID]
		if strings.TrimSpace(raw) == "" {
			continue
		}
		c := cleanCommendation(s.Unit, raw) // "" for a text that only says 对…予以表扬
		if _, ok := who[c]; !ok {
			texts = append(texts, c)
		}
		who[c] = append(who[c], s)
	}
	if len(texts) == 0 {
		return ""
	}
	clauses := make([]string, len(texts))
	for i, c := range texts {
		clauses[i] = docNames(who[c]) + c
	}
	body := strings.Join(clauses, "；对") // a reason may hold commas
	if len(clauses) > 1 || strings.ContainsAny(body, "，,；;") {
		body += "，"
	}
	return "同时，对" + body + "予以表扬。"
}

// cleanCommendation is a stored commendation as the reason of the merged
// sentence: without the unit's names before it and 予以表扬 after it.
func cleanCommendation(u Unit, text string) string {
	trim := func(s string) string { return strings.Trim(s, "。.；;，, \u3000") }
	text = trim(text)
	text = strings.TrimPrefix(text, "对")
	for _, n := range []string{u.DocumentName(), u.Name, u.Short} {
		if n != "" && strings.HasPrefix(text, n) {
			text = strings.TrimPrefix(text, n)
			break
		}
	}
	return trim(strings.TrimSuffix(trim(text), "予以表扬"))
}
