package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"starflag/model"
)

// rulesPage edits the shown quarter's rules: flag and warning names and
// thresholds, one flag per unit, the red-mark streak, the annual rise, the
// committee and the 考核办法, the quarter weights and tier sizes of the
// annual view, the star rule and the settings of the documents. New rows go last, so the cursor paths
// of existing rows stay. New quarters copy the rules (the store does).
func (s *setup) rulesPage(narrow bool) setupPage {
	r := s.sheet.Rules
	labelW := max(30, min(conditionsWidth(r)+2, s.width/2)) // a condition on a long section name
	valueW := max(s.width-labelW-6, 20)
	var p setupPage
	row := func(label, value string, f *setupField) {
		p.rows = append(p.rows, formRow(labelW, valueW, label, value, f))
	}
	rules := func(kind string, list []model.Rule, pick func(*model.Rules) []model.Rule) {
		for i, rule := range list {
			title := kind
			if len(list) > 1 {
				title += strconv.Itoa(i + 1)
			}
			row(title+" 名称", rule.Name, s.rulesField(title+"名称", "名称", rule.Name, "", func(nr *model.Rules, v string) string {
				if v == "" {
					return "规则名称不能为空"
				}
				pick(nr)[i].Name = v
				return ""
			}))
			for j, c := range rule.When {
				label, hint := conditionLabel(c)
				switch {
				case c.Kind.Scored(): // the score and the rest: in the rule editor (7 规则表)
					row("  "+label, c.Score.String(), nil)
				case !c.Kind.HasN():
					row("  "+label, s.glyphs.Dash, nil)
				default:
					row("  "+label, strconv.Itoa(c.Threshold), s.rulesField(title+"「"+rule.Name+"」："+label, "N", strconv.Itoa(c.Threshold), hint,
						func(nr *model.Rules, v string) string {
							n, why := parseCount(v, "阈值", 1, c.Kind.MaxN())
							if why != "" {
								return why
							}
							when := slices.Clone(pick(nr)[i].When)
							when[j].Threshold = n
							pick(nr)[i].When = when
							return ""
						}))
				}
			}
		}
	}
	p.rows = append(p.rows, textRow("  "+s.styles.Head.Render("夺旗（名次含并列；条件、范围和新规则在「7 规则表」里设置）")))
	rules("红旗", r.Flags, func(nr *model.Rules) []model.Rule { return nr.Flags })
	row("一个区市只得一面红旗", yesNo(r.OneFlagPerUnit), s.rulesToggle("一个区市只得一面红旗", func(nr *model.Rules) {
		nr.OneFlagPerUnit = !nr.OneFlagPerUnit
	}))
	p.rows = append(p.rows, textRow("  "+s.styles.Head.Render("警示")))
	rules("警示", r.Warnings, func(nr *model.Rules) []model.Rule { return nr.Warnings })
	row("连续警示几个季度记红牌", strconv.Itoa(r.RedMarkStreak), s.rulesField("红牌：连续警示的季度数", "N", strconv.Itoa(r.RedMarkStreak),
		"0 = 不记红牌", func(nr *model.Rules, v string) string {
			n, why := parseCount(v, "季度数", 0, model.MaxRedMarkStreak)
			nr.RedMarkStreak = n
			return why
		}))
	p.rows = append(p.rows, textRow("  "+s.styles.Head.Render("年度与通报")))
	row("进位显著奖：年度上升至少几位", strconv.Itoa(r.AnnualRise), s.rulesField("进位显著奖：年度名次上升位数", "N", strconv.Itoa(r.AnnualRise),
		"0 = 不评", func(nr *model.Rules, v string) string {
			n, why := parseCount(v, "位数", 0, 1000)
			nr.AnnualRise = n
			return why
		}))
	row("考核委员会（通报落款）", r.Committee, s.rulesField("考核委员会", "名称", r.Committee, "", func(nr *model.Rules, v string) string {
		if v == "" {
			return "考核委员会名称不能为空"
		}
		nr.Committee = v
		return ""
	}))
	row("考核办法（通报引用）", r.Method, s.rulesField("考核办法", "名称", r.Method, "", func(nr *model.Rules, v string) string {
		if v == "" {
			return "考核办法名称不能为空"
		}
		nr.Method = v
		return ""
	}))
	weights := weightsText(r.QuarterWeights)
	row("年度得分季度权重（一至四季度）", weights, s.rulesField("年度得分季度权重（一至四季度）", "权重", weights,
		"4 个数，如 1 1 2 2", func(nr *model.Rules, v string) string {
			ws, err := model.ParseQuarterWeights(v)
			if err != nil {
				return s.setupErrText(err)
			}
			nr.QuarterWeights = ws
			return ""
		}))
	for i, t := range r.Tiers {
		hint := ""
		if i == len(r.Tiers)-1 {
			hint = "最后一档还包括其后的全部区市"
		}
		size := strconv.Itoa(t.Size)
		row("年度等次「"+t.Name+"」名额", size, s.rulesField("年度等次「"+t.Name+"」的名额", "名额", size, hint,
			func(nr *model.Rules, v string) string {
				n, why := parseCount(v, "名额", 0, model.MaxTierSize)
				nr.Tiers[i].Size = n
				return why // Validate refuses all tiers at 0
			}))
	}
	p.rows = append(p.rows, textRow("  "+s.styles.Head.Render("评星（各板块按得分排名，并列同星）")))
	top := strconv.Itoa(r.StarsTop)
	shown := top + " 名"
	if r.StarsTop == 0 {
		shown = "0（全部参评区市得星，第 1 名得 N 星）"
	}
	row("评星：前几名得星", shown, s.rulesField("评星：前几名得星", "N", top, "0 = 全部参评区市得星（第1名得N星）",
		func(nr *model.Rules, v string) string {
			n, why := parseCount(v, "名次数", 0, model.MaxStarsTop)
			nr.StarsTop = n
			return why
		}))
	p.rows = append(p.rows, textRow("  "+s.styles.Head.Render("公文与会议材料（通报稿、会议材料）")))
	s.docRows(r.Docs, row)
	return p
}

// docRows are the rules page's settings of the documents (model.DocSettings):
// the bulletin's version and its 文件 lines, the stars total, the
// 约谈提醒/红牌 paragraph of each version, the order of speaking.
func (s *setup) docRows(d model.DocSettings, row func(label, value string, f *setupField)) {
	row("通报版本（文件 或 简报）", model.VersionName(d.Version), s.rulesToggle("通报版本", func(nr *model.Rules) {
		if nr.Docs.Version == model.VersionBrief {
			nr.Docs.Version = model.VersionFile
		} else {
			nr.Docs.Version = model.VersionBrief
		}
	}))
	for _, f := range []struct {
		label, what, hint string
		field             func(*model.DocSettings) *string
	}{
		{"主送机关（文件）", "主送机关", "可空；如 各区、市党委和人民政府，市直有关部门（单位）：", func(d *model.DocSettings) *string { return &d.Addressee }},
		{"发文字号（文件）", "发文字号", "可空；如 青考核办〔2023〕5号", func(d *model.DocSettings) *string { return &d.Number }},
		{"抄送机关（文件版记）", "抄送机关", "可空；多个用逗号分隔", func(d *model.DocSettings) *string { return &d.CopyTo }},
		{"印发机关（文件版记）", "印发机关", "可空；如 青岛市综合考核委员会办公室", func(d *model.DocSettings) *string { return &d.Issuer }},
	} {
		v := *f.field(&d)
		shown := v
		if v == "" {
			shown = s.glyphs.Dash
		}
		row(f.label, shown, s.rulesField(f.what, f.what, v, f.hint, func(nr *model.Rules, typed string) string {
			typed = strings.TrimSpace(typed)
			if typed != "" {
				if _, err := model.CheckName(f.what, typed, model.MaxDocLineWidth); err != nil {
					return s.setupErrText(err)
				}
			}
			*f.field(&nr.Docs) = typed
			return ""
		}))
	}
	row("星级表加“合计”列", yesNo(d.StarsTotal), s.rulesToggle("星级表加“合计”列", func(nr *model.Rules) { nr.Docs.StarsTotal = !nr.Docs.StarsTotal }))
	row("文件写约谈提醒、红牌", yesNo(d.Warnings(model.VersionFile)), s.rulesToggle("文件写约谈提醒、红牌", func(nr *model.Rules) {
		nr.Docs.FileOmitsWarnings = !nr.Docs.FileOmitsWarnings
	}))
	row("简报写约谈提醒、红牌", yesNo(d.Warnings(model.VersionBrief)), s.rulesToggle("简报写约谈提醒、红牌", func(nr *model.Rules) {
		nr.Docs.BriefHasWarnings = !nr.Docs.BriefHasWarnings
	}))
	row("会议发言顺序", model.SpeakOrderName(d.SpeakOrder), s.rulesToggle("会议发言顺序", func(nr *model.Rules) {
		next := map[string]string{"": model.SpeakByOfficial, model.SpeakBySeat: model.SpeakByOfficial, model.SpeakByOfficial: model.SpeakReversed, model.SpeakReversed: model.SpeakBySeat}
		nr.Docs.SpeakOrder = next[nr.Docs.SpeakOrder]
	}))
}

// weightsText writes quarter weights as they are typed: "1 1 2 2".
func weightsText(ws []model.Weight) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.String()
	}
	return strings.Join(parts, " ")
}

// conditionLabel names a condition and hints its threshold.
func conditionLabel(c model.Condition) (string, string) { return c.SetupLabel() }

// conditionsWidth is the width of the widest condition label of r's rules.
func conditionsWidth(r model.Rules) int {
	w := 0
	for _, list := range r.Lists() {
		for _, rule := range *list {
			for _, c := range rule.When {
				label, _ := conditionLabel(c)
				w = max(w, textWidth(label))
				if c.Of != nil {
					label, _ = conditionLabel(*c.Of)
					w = max(w, textWidth(label))
				}
			}
		}
	}
	return w
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// cloneRules copies r deeply, so a draft never changes the loaded rules.
func cloneRules(r model.Rules) model.Rules {
	cp := func(rs []model.Rule) []model.Rule {
		out := make([]model.Rule, len(rs))
		for i, x := range rs {
			x.When = append([]model.Condition(nil), x.When...)
			out[i] = x
		}
		return out
	}
	r.Flags, r.Warnings, r.AntiAwards = cp(r.Flags), cp(r.Warnings), cp(r.AntiAwards)
	r.Tiers = append([]model.Tier(nil), r.Tiers...)
	r.Groups = append([]model.Group(nil), r.Groups...) // their units are copied where changed
	r.QuarterWeights = append([]model.Weight(nil), r.QuarterWeights...)
	return r
}

// saveRules validates and saves changed rules.
func (s *setup) saveRules(nr model.Rules, done string) (tea.Cmd, string) {
	if err := nr.Validate(); err != nil {
		return nil, s.setupErrText(err)
	}
	if err := s.sheet.CheckRules(nr, s.sheet.Rules); err != nil {
		return nil, s.setupErrText(err)
	}
	q, base := s.quarter, s.sheet.Rules
	return s.save(done, func(ctx context.Context) error {
		// The rules as setup read them must still be stored: another
		// window's change not yet seen (a poll away) would be undone.
		// The store compares in its write transaction.
		if err := s.data.SetRules(ctx, q, base, nr); errors.Is(err, model.ErrConflict) {
			return errChangedMeanwhile(q)
		} else {
			return err
		}
	}), ""
}

// staleError refuses a save made from settings that another window or
// process has changed since setup read them.
type staleError struct{ q model.Quarter }

func errChangedMeanwhile(q model.Quarter) error { return staleError{q} }

func (e staleError) Error() string {
	return "另一个窗口刚修改了 " + e.q.String() + " 的设置，这次修改没有保存；已重新读取，请重新修改"
}

// rulesField edits one rule setting; set checks and applies the typed text.
func (s *setup) rulesField(title, label, value, hint string, set func(*model.Rules, string) string) *setupField {
	return &setupField{title: "修改" + title, labels: []string{label}, values: []string{value}, hints: []string{hint}, bound: true,
		draft: func(v []string) (model.Rules, bool) {
			nr := cloneRules(s.sheet.Rules)
			return nr, set(&nr, v[0]) == ""
		},
		submit: func(v []string) (tea.Cmd, string) {
			if v[0] == value {
				return nil, ""
			}
			nr := cloneRules(s.sheet.Rules)
			if why := set(&nr, v[0]); why != "" {
				return nil, why
			}
			return s.saveRules(nr, "已保存"+title+"，"+s.quarter.String()+" 的结果已重新计算")
		}}
}

// rulesToggle is a yes/no rule setting that Enter switches.
func (s *setup) rulesToggle(title string, flip func(*model.Rules)) *setupField {
	return &setupField{title: title, toggle: true, bound: true, submit: func([]string) (tea.Cmd, string) {
		nr := cloneRules(s.sheet.Rules)
		flip(&nr)
		return s.saveRules(nr, "已保存："+title)
	}}
}

// layoutPage edits the seating layout, with the chart previewed below as
// the values are typed.
func (s *setup) layoutPage(narrow bool) setupPage {
	l := s.sheet.Rules.Layout
	n := len(s.sheet.Units)
	labelW, valueW := 16, max(s.width-22, 20)
	var p setupPage
	row := func(label, value string, f *setupField) {
		p.rows = append(p.rows, formRow(labelW, valueW, label, value, f))
	}
	count := func(v int, zero string) string {
		if v == 0 {
			return "0（" + zero + "）"
		}
		return strconv.Itoa(v)
	}
	row("排数", count(l.Rows, "按需要"), s.layoutField("排数", "rows", l.Rows, "0 = 按需要；最多 100", 100, func(x *model.Layout, v int) { x.Rows = v }))
	row("每排座位", count(l.PerRow, "全部坐一排"), s.layoutField("每排座位数", "per_row", l.PerRow, "0 = 全部坐一排；最多 200", 200, func(x *model.Layout, v int) { x.PerRow = v }))
	row("排座方式", methodName(l.Method), s.layoutToggle("排座方式", func(x *model.Layout) {
		if x.Method == model.LeftToRight {
			x.Method = model.CentreOut
		} else {
			x.Method = model.LeftToRight
		}
	}))
	row("偶数座位的排", evenName(l.OneOnLeft), s.layoutToggle("偶数座位的排", func(x *model.Layout) { x.OneOnLeft = !x.OneOnLeft }))

	// The preview uses the value being typed, when it is a valid number.
	pl := l
	if v, ok := s.previewValue("rows"); ok {
		if x, why := parseCount(v, "", 0, 100); why == "" {
			pl.Rows = x
		}
	}
	if v, ok := s.previewValue("per_row"); ok {
		if x, why := parseCount(v, "", 0, 200); why == "" {
			pl.PerRow = x
		}
	}
	p.foot = append(p.foot, "", "  "+s.styles.Head.Render("预览（"+strconv.Itoa(n)+" 个区市，数字为座次，自前排起；左右以就座者自己的左右为准）"))
	p.foot = append(p.foot, s.layoutPreview(pl, n)...)
	return p
}

func methodName(m model.SeatMethod) string {
	if m == model.LeftToRight {
		return "从左到右"
	}
	return "居中，向两侧交替（1 号居中）"
}

func evenName(oneOnLeft bool) string {
	if oneOnLeft {
		return "1 号坐左中，2 号坐右中"
	}
	return "1 号坐右中，2 号在其左侧"
}

// layoutPreview draws the chart compactly: the podium, then each row of
// seat orders (row 1, the front row, nearest the podium).
func (s *setup) layoutPreview(l model.Layout, n int) []string {
	if n == 0 {
		return []string{"  这个季度没有参加考核的区市"}
	}
	chart, err := l.Chart(n)
	if err != nil {
		return []string{s.styles.Error.Render("  " + s.setupErrText(err))}
	}
	cellW := len(strconv.Itoa(n)) + 2
	out := []string{}
	width := 0
	for r, seats := range chart {
		line := padRight("第"+strconv.Itoa(r+1)+"排", 8)
		for _, seat := range seats {
			t := "."
			if seat > 0 {
				t = strconv.Itoa(seat)
			}
			line += padLeft(t, cellW)
		}
		width = max(width, lipgloss.Width(line))
		out = append(out, "  "+line)
	}
	podium := "  " + padRight("", 8) + s.styles.Podium.Render(center("主席台", max(width-8, 6)))
	return append([]string{podium}, out...)
}

// layoutField edits a number of the layout.
func (s *setup) layoutField(what, name string, value int, hint string, hi int, set func(*model.Layout, int)) *setupField {
	return &setupField{title: "修改" + what + "，下方预览随输入变化", labels: []string{what}, values: []string{strconv.Itoa(value)},
		hints: []string{hint}, bound: true, preview: name,
		submit: func(v []string) (tea.Cmd, string) {
			x, why := parseCount(v[0], what, 0, hi)
			if why != "" {
				return nil, why
			}
			if x == value {
				return nil, ""
			}
			nr := cloneRules(s.sheet.Rules)
			set(&nr.Layout, x)
			return s.saveLayout(nr, what)
		}}
}

// layoutToggle switches a layout choice.
func (s *setup) layoutToggle(what string, flip func(*model.Layout)) *setupField {
	return &setupField{title: what, toggle: true, bound: true, submit: func([]string) (tea.Cmd, string) {
		nr := cloneRules(s.sheet.Rules)
		flip(&nr.Layout)
		return s.saveLayout(nr, what)
	}}
}

// saveLayout refuses a layout with too few seats for the quarter's units.
func (s *setup) saveLayout(nr model.Rules, what string) (tea.Cmd, string) {
	if n := len(s.sheet.Units); n > 0 {
		if _, err := nr.Layout.Places(n); err != nil {
			return nil, s.setupErrText(err)
		}
	}
	return s.saveRules(nr, "已保存座位设置："+what)
}

// lockPage locks (定稿) or unlocks the shown quarter.
func (s *setup) lockPage(narrow bool) setupPage {
	q := s.quarter.String()
	var p setupPage
	state, action := "未定稿，可以修改", "定稿"
	if s.sheet.Locked {
		state, action = "已定稿，只读", "解锁"
	}
	if !s.exists {
		state = "还没有任何数据"
	}
	p.rows = append(p.rows,
		formRow(10, 40, "季度", q, nil),
		formRow(10, 40, "状态", state, nil),
		textRow(""),
		formRow(10, 40, "", "[ "+action+" "+q+" ]", &setupField{title: action, toggle: true, hints: []string{action}, submit: func([]string) (tea.Cmd, string) {
			return s.toggleLock(), ""
		}}),
		textRow(""),
		textRow(s.styles.Muted.Render("  定稿后，本季度的得分、板块、规则和座位只读，并自动备份数据库。")),
		textRow(s.styles.Muted.Render("  解锁需要确认，并记入审计日志。区市的修改不受定稿影响。")),
	)
	if s.backup != "" {
		p.rows = append(p.rows, textRow(""), textRow("  最近一次备份："+s.backup))
	}
	return p
}

// toggleLock locks at once, or asks before unlocking.
func (s *setup) toggleLock() tea.Cmd {
	q := s.quarter
	if !s.sheet.Locked {
		d := s.data
		s.busy = true
		return func() tea.Msg {
			path, err := d.Lock(context.Background(), q)
			done := "已定稿 " + q.String()
			if path != "" {
				done += "，已备份到 " + path
			}
			return setupDoneMsg{done: done, backup: path, err: err}
		}
	}
	s.ask("解锁 "+q.String()+"？解锁后可以修改已定稿的得分和设置，并记入审计日志。Enter 确认，Esc 取消", func() tea.Cmd {
		return s.save("已解锁 "+q.String()+"，可以修改", func(ctx context.Context) error { return s.data.Unlock(ctx, q) })
	})
	return nil
}
