package ui

import (
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// The rule editor (7 规则表) edits the quarter's rules one by one: add,
// remove, rename, reorder (Shift+Up/Down within a kind), switch a rule's
// kind (红旗, 警示, 反向奖), colour, scope (each group, all units, one group)
// and whether all or any of its conditions must hold; add and remove
// conditions, switch their kinds and sections, type their N or score. Under
// the rows a preview shows who would hold the cursor's rule in this
// quarter, with the value being typed. Every change is checked as setup
// checks rules (Validate, CheckRules) before it is saved.

// ruleRef is where a row's rule is: list (the index of its kind in
// model.Kinds) and index in that list; list < 0 for none.
type ruleRef struct{ list, index int }

// rulesEditorPage is the page of the rule editor.
func (s *setup) rulesEditorPage(narrow bool) setupPage {
	r := s.sheet.Rules
	var p setupPage
	for _, l := range wrapIndented("每条规则下逐行列出条件。Enter：修改，或切换类别、颜色、范围、组合、条件类型、板块；"+
		"Delete：删除；Shift+上下：调整顺序。下方预览本季度谁符合光标所在的规则（名次含并列）。", s.width) {
		p.head = append(p.head, s.styles.Muted.Render(l))
	}
	// The name column is as wide as the longest name, as far as the
	// screen allows (a name cut short reads as another rule).
	nameW := textWidth("名称")
	for _, list := range r.Lists() {
		for _, rule := range *list {
			nameW = max(nameW, textWidth(rule.Name))
		}
	}
	nameW = min(nameW, max(s.width-2-(6+4+10+8)-4*2, 8))
	ruleCols := []column{{"类别", 6, false}, {"名称", nameW, false}, {"颜色", 4, false}, {"范围", 10, false}, {"条件组合", 8, false}}
	// The condition column is as wide as its longest text, leaving the
	// section and the threshold their room.
	condW := max(26, min(conditionsWidth(r), s.width-46))
	condCols := []column{{"", 6, false}, {"", condW, false}, {"", 22, false}, {"", max(s.width-36-condW, 10), false}}
	p.head = append(p.head, "  "+tableHeadSep(ruleCols, s.styles.Head, "  "))
	var refs []ruleRef
	add := func(ref ruleRef, row setupRow) {
		p.rows, refs = append(p.rows, row), append(refs, ref)
	}
	for li, list := range r.Lists() {
		for i, rule := range *list {
			ref := ruleRef{li, i}
			add(ref, setupRow{cols: ruleCols, cells: s.ruleCells(ref, rule), move: s.moveRule(ref), del: s.deleteRule(ref, rule)})
			for j, c := range rule.When {
				add(ref, setupRow{cols: condCols, cells: s.conditionCells(ref, j, false, "条件"+strconv.Itoa(j+1), c),
					del: s.deleteCondition(ref, j)})
				if c.Of != nil {
					add(ref, setupRow{cols: condCols, cells: s.conditionCells(ref, j, true, "  所看", *c.Of)})
				}
			}
			add(ref, setupRow{cols: condCols, cells: []setupCell{{}, {text: "+ 添加条件", field: s.addCondition(ref)}}})
		}
	}
	none := ruleRef{-1, 0}
	add(none, setupRow{cols: ruleCols, cells: []setupCell{{text: "+"}, {text: "添加规则", field: s.addRule()}}})
	add(none, textRow(""))
	streak := strconv.Itoa(r.RedMarkStreak)
	valueW := max(s.width-30, 40) // the settings below: the screen's width (a method's name is long)
	add(none, formRow(24, 20, "红牌：连续警示几个季度", streak, s.rulesField("红牌：连续警示的季度数", "N", streak,
		"0 = 不记红牌", func(nr *model.Rules, v string) string {
			n, why := parseCount(v, "季度数", 0, model.MaxRedMarkStreak)
			nr.RedMarkStreak = n
			return why
		})))
	// The year and the bulletin: how the annual score is formed, points per
	// flag, whether the bulletin names vetoed units.
	add(none, formRow(24, valueW, "年度得分", model.AnnualMethodName(r.AnnualMethod), s.ruleToggle("年度得分的算法", func(nr *model.Rules) string {
		methods := []string{model.AnnualAuto, model.AnnualPercent, model.AnnualMean}
		nr.AnnualMethod = methods[(slices.Index(methods, nr.AnnualMethod)+1)%len(methods)]
		return ""
	})))
	points := r.FlagPoints.String()
	add(none, formRow(24, valueW, "每面红旗加年度分", points, s.rulesField("每面红旗加的年度分", "分", points, "0 = 不加；最多 "+model.MaxFlagPoints.String(),
		func(nr *model.Rules, v string) string {
			h, err := model.ParseHundredths(v)
			if err != nil {
				return "分数：" + s.setupErrText(err)
			}
			nr.FlagPoints = h
			return ""
		})))
	// A setting switched by Enter: its words when off and when on.
	toggle := func(label string, on bool, off, onText string, flag func(*model.Rules) *bool) {
		shown := off
		if on {
			shown = onText
		}
		add(none, formRow(24, valueW, label, shown, s.ruleToggle(label, func(nr *model.Rules) string {
			*flag(nr) = !*flag(nr)
			return ""
		})))
	}
	toggle("通报中的一票否决", r.HideVetoes, "写明区市和原因", "不写", func(nr *model.Rules) *bool { return &nr.HideVetoes })
	toggle("放映时的警示和反向奖", r.PresentHideWarnings, "显示", "不显示（末位不上大屏，看板照常显示）",
		func(nr *model.Rules) *bool { return &nr.PresentHideWarnings })
	if s.row >= 0 && s.row < len(refs) && refs[s.row].list >= 0 {
		p.foot = s.rulePreview(refs[s.row])
	}
	return p
}

// ruleAt is the rule ref points at in r (nil when there is none).
func ruleAt(r *model.Rules, ref ruleRef) *model.Rule {
	if ref.list < 0 || ref.list >= len(model.Kinds) {
		return nil
	}
	list := r.Lists()[ref.list]
	if ref.index >= len(*list) {
		return nil
	}
	*list = slices.Clone(*list) // the draft's own copy: the loaded rules stay as they are
	return &(*list)[ref.index]
}

const ruleGone = "这条规则已不在了，请重新选择"

// onRule changes the rule at ref in a draft of the rules (change returns a
// refusal).
func onRule(ref ruleRef, change func(x *model.Rule) string) func(*model.Rules) string {
	return func(nr *model.Rules) string {
		x := ruleAt(nr, ref)
		if x == nil {
			return ruleGone
		}
		return change(x)
	}
}

// onRuleText is onRule for a typed value.
func onRuleText(ref ruleRef, change func(x *model.Rule, v string) string) func(*model.Rules, string) string {
	return func(nr *model.Rules, v string) string {
		return onRule(ref, func(x *model.Rule) string { return change(x, v) })(nr)
	}
}

// onCondition changes condition j of a rule (with inner, the condition it
// looks back for), on copies.
func onCondition(j int, inner bool, change func(c *model.Condition) string) func(x *model.Rule) string {
	return func(x *model.Rule) string {
		if j >= len(x.When) || inner && x.When[j].Of == nil {
			return "这个条件已不在了，请重新选择"
		}
		x.When = slices.Clone(x.When)
		c := &x.When[j]
		if inner {
			of := *c.Of
			c.Of = &of
			c = &of
		}
		return change(c)
	}
}

// ruleToggle is a cell that Enter switches (kind, colour, scope, match,
// condition kind, section), saved at once.
func (s *setup) ruleToggle(title string, change func(nr *model.Rules) string) *setupField {
	return &setupField{title: title, toggle: true, bound: true, submit: func([]string) (tea.Cmd, string) {
		nr := cloneRules(s.sheet.Rules)
		if why := change(&nr); why != "" {
			return nil, why
		}
		return s.saveRules(nr, "已保存："+title)
	}}
}

// ruleCells are a rule's row: kind, name, colour, scope, match.
func (s *setup) ruleCells(ref ruleRef, rule model.Rule) []setupCell {
	r := s.sheet.Rules
	who := "规则「" + rule.Name + "」"
	scope := setupCell{text: s.glyphs.Dash}
	if len(r.Groups) > 0 {
		scope = setupCell{text: model.WordsOf(rule, model.Kinds[ref.list], true).Scope,
			field: s.ruleToggle(who+"的范围", onRule(ref, func(x *model.Rule) string { nextScope(x, r.Groups); return "" }))}
	}
	match := "任一成立"
	if rule.Match == model.MatchAll {
		match = "全部成立"
	}
	return []setupCell{
		{text: model.Kinds[ref.list].Name(), field: s.ruleToggle(who+"的类别", func(nr *model.Rules) string {
			x := ruleAt(nr, ref)
			if x == nil {
				return ruleGone
			}
			moved, from := *x, nr.Lists()[ref.list]
			*from = slices.Delete(*from, ref.index, ref.index+1)
			to := nr.Lists()[(ref.list+1)%len(model.Kinds)]
			*to = append(slices.Clone(*to), moved)
			return ""
		})},
		{text: rule.Name, field: s.rulesField(who+"的名称", "名称", rule.Name, "不能与其他规则重名",
			onRuleText(ref, func(x *model.Rule, v string) string {
				if v == "" {
					return "规则名称不能为空"
				}
				if v != x.Name && slices.ContainsFunc(r.All(), func(o model.Rule) bool { return o.Name == v }) {
					return "已有名为「" + v + "」的规则"
				}
				x.Name = v
				return ""
			}))},
		{text: model.ColourName(rule.Colour), field: s.ruleToggle(who+"的颜色", onRule(ref, func(x *model.Rule) string {
			x.Colour = model.Colours[(slices.Index(model.Colours, x.Colour)+1)%len(model.Colours)]
			return ""
		}))},
		scope,
		{text: match, field: s.ruleToggle(who+"的条件组合", onRule(ref, func(x *model.Rule) string {
			if x.Match == model.MatchAll {
				x.Match = model.MatchAny
			} else {
				x.Match = model.MatchAll
			}
			return ""
		}))},
	}
}

// nextScope moves a rule to the next scope: each group, all units, then
// each group alone in turn, then each group again.
func nextScope(x *model.Rule, groups []model.Group) {
	switch {
	case x.Group == "" && !x.AllUnits:
		x.AllUnits = true
	case x.Group == "":
		x.AllUnits, x.Group = false, groups[0].Name
	default:
		k := slices.IndexFunc(groups, func(g model.Group) bool { return g.Name == x.Group })
		x.Group = ""
		if k >= 0 && k+1 < len(groups) {
			x.Group = groups[k+1].Name
		}
	}
}

// conditionCells are a condition's row: its label, its kind (Enter takes
// the next kind the quarter can use), and its section, N or score. inner:
// c is the condition that condition j looks back for.
func (s *setup) conditionCells(ref ruleRef, j int, inner bool, label string, c model.Condition) []setupCell {
	on := func(change func(c *model.Condition) string) func(*model.Rules) string {
		return onRule(ref, onCondition(j, inner, change))
	}
	words, hint := c.SetupLabel()
	kind := setupCell{text: words, field: s.ruleToggle(label+"的类型", func(nr *model.Rules) string {
		kinds := model.ConditionKinds()
		k := slices.Index(kinds, c.Kind)
		for step := 1; step < len(kinds); step++ {
			next := kinds[(k+step)%len(kinds)]
			try := cloneRules(*nr)
			if why := on(func(c *model.Condition) string { return s.setKind(c, next, inner) })(&try); why != "" {
				continue
			}
			if try.Validate() == nil && s.sheet.CheckRules(try, s.sheet.Rules) == nil {
				*nr = try
				return ""
			}
		}
		return "没有别的条件类型可用"
	})}
	var param setupCell
	switch {
	case c.Kind.Scored():
		v := c.Score.String()
		param = setupCell{text: "S = " + v, field: s.rulesField(label+"的分数", "S", v, hint, func(nr *model.Rules, t string) string {
			return on(func(c *model.Condition) string {
				h, err := model.ParseHundredths(t)
				if err != nil {
					return "分数：" + s.setupErrText(err)
				}
				c.Score = h
				return ""
			})(nr)
		})}
	case c.Kind.HasN():
		v := strconv.Itoa(c.Threshold)
		param = setupCell{text: "N = " + v, field: s.rulesField(label+"的 N", "N", v, hint, func(nr *model.Rules, t string) string {
			return on(func(c *model.Condition) string {
				n, why := parseCount(t, "N", 1, c.Kind.MaxN())
				c.Threshold = n
				return why
			})(nr)
		})}
	}
	if !c.LooksAtSection() {
		return []setupCell{{text: label}, kind, param, {}}
	}
	// The section: Enter takes the quarter's next section.
	return []setupCell{{text: label}, kind, {text: "板块：" + c.Scope, field: s.ruleToggle(label+"的板块", on(func(c *model.Condition) string {
		ss := s.sheet.Sections
		if len(ss) == 0 {
			return s.quarter.String() + " 还没有考核板块"
		}
		k := slices.IndexFunc(ss, func(x model.Section) bool { return x.ID == c.Section })
		next := ss[(k+1)%len(ss)]
		c.Section, c.Scope = next.ID, next.Name
		return ""
	}))}, param}
}

// setKind makes c a condition of kind k with values it can hold with: N
// at least 1, the quarter's first section for a section kind, and for a
// kind that looks back, two quarters of "in the last 1". inner: c is
// looked back for, so it may not look back itself.
func (s *setup) setKind(c *model.Condition, k model.ConditionKind, inner bool) string {
	next := model.Condition{Kind: k, Threshold: max(c.Threshold, 1), Score: c.Score, Section: c.Section, Scope: c.Scope}
	if next.LooksBack() {
		if inner {
			return "所看的条件不能再是“连续/本年”"
		}
		next.Threshold = min(max(next.Threshold, 2), k.MaxN())
		next.Of = &model.Condition{Kind: model.InLast, Threshold: 1}
	}
	next.Threshold = min(next.Threshold, k.MaxN())
	if next.LooksAtSection() && next.Section == 0 && len(s.sheet.Sections) > 0 {
		next.Section, next.Scope = s.sheet.Sections[0].ID, s.sheet.Sections[0].Name
	}
	*c = next
	return ""
}

// moveRule moves a rule up or down within its kind.
func (s *setup) moveRule(ref ruleRef) func(int) tea.Cmd {
	return func(dir int) tea.Cmd {
		nr := cloneRules(s.sheet.Rules)
		list := nr.Lists()[ref.list]
		to := ref.index + dir
		if to < 0 || to >= len(*list) {
			return nil
		}
		*list = slices.Clone(*list)
		(*list)[ref.index], (*list)[to] = (*list)[to], (*list)[ref.index]
		s.row += s.ruleRows(ref, dir)
		return s.saveGroups(nr, "已调整规则「"+(*list)[to].Name+"」的顺序")
	}
}

// ruleRows is how many rows the cursor moves when the rule at ref swaps
// with its neighbour in direction dir: that neighbour's rows.
func (s *setup) ruleRows(ref ruleRef, dir int) int {
	list := *s.sheet.Rules.Lists()[ref.list]
	n := list[ref.index+dir]
	rows := 2 + len(n.When) // the rule, its conditions, + 添加条件
	for _, c := range n.When {
		if c.Of != nil {
			rows++
		}
	}
	return dir * rows
}

// deleteRule asks, then removes a rule.
func (s *setup) deleteRule(ref ruleRef, rule model.Rule) func() tea.Cmd {
	return func() tea.Cmd {
		if s.sheet.Locked {
			return s.lockedNotice()
		}
		s.ask("删除规则「"+rule.Name+"」？Enter 确认，Esc 取消", func() tea.Cmd {
			nr := cloneRules(s.sheet.Rules)
			list := nr.Lists()[ref.list]
			*list = slices.Delete(slices.Clone(*list), ref.index, ref.index+1)
			return s.saveGroups(nr, "已删除规则「"+rule.Name+"」")
		})
		return nil
	}
}

// deleteCondition removes condition j of a rule (a rule keeps at least
// one: CheckRules refuses a rule without conditions).
func (s *setup) deleteCondition(ref ruleRef, j int) func() tea.Cmd {
	return func() tea.Cmd {
		if s.sheet.Locked {
			return s.lockedNotice()
		}
		nr := cloneRules(s.sheet.Rules)
		if why := onRule(ref, func(x *model.Rule) string {
			x.When = slices.Delete(slices.Clone(x.When), j, j+1)
			return ""
		})(&nr); why != "" {
			return s.setError(why)
		}
		return s.saveGroups(nr, "已删除条件")
	}
}

// addCondition adds a condition to a rule: the top 1 for a flag, the last
// 1 otherwise, to be changed on its row.
func (s *setup) addCondition(ref ruleRef) *setupField {
	f := s.ruleToggle("添加条件", onRule(ref, func(x *model.Rule) string {
		c := model.Condition{Kind: model.InLast, Threshold: 1}
		if ref.list == 0 {
			c.Kind = model.RankAtMost
		}
		x.When = append(slices.Clone(x.When), c)
		return ""
	}))
	f.hints = []string{"添加"}
	return f
}

// addRule adds a rule of a kind with a name: all its conditions must hold,
// and it starts with one (the top 1 for a flag, the last 1 otherwise).
func (s *setup) addRule() *setupField {
	return &setupField{title: "添加规则", labels: []string{"类别", "名称"}, values: []string{"", ""}, bound: true,
		hints: []string{"1 红旗，2 警示，3 反向奖（如蜗牛奖）；空 = 1", "如 奋勇争先"},
		submit: func(v []string) (tea.Cmd, string) {
			if v[0] == "" {
				v[0] = "1"
			}
			k, why := parseCount(v[0], "类别", 1, len(model.Kinds))
			if why != "" {
				return nil, why
			}
			if v[1] == "" {
				return nil, "规则名称不能为空"
			}
			nr := cloneRules(s.sheet.Rules)
			if slices.ContainsFunc(nr.All(), func(o model.Rule) bool { return o.Name == v[1] }) {
				return nil, "已有名为「" + v[1] + "」的规则"
			}
			rule := model.Rule{Name: v[1], Colour: model.Colours[k-1], Match: model.MatchAll,
				When: []model.Condition{{Kind: model.InLast, Threshold: 1}}}
			if k == 1 {
				rule.When[0].Kind = model.RankAtMost
			}
			list := nr.Lists()[k-1]
			*list = append(slices.Clone(*list), rule)
			return s.saveRules(nr, "已添加规则「"+rule.Name+"」，在下方设置它的条件")
		}}
}

// rulePreview says who would hold the rule at ref in the shown quarter,
// with the value being typed in the open form when it is a valid one.
func (s *setup) rulePreview(ref ruleRef) []string {
	rules, typed := s.draftRules()
	rule := ruleAt(&rules, ref)
	if rule == nil {
		return nil
	}
	kind := model.Kinds[ref.list]
	d := s.sheet
	d.Rules = rules
	r := model.Preview(d, s.results)
	head := "预览 " + s.quarter.String()
	if typed {
		head += "（按正在输入的值）"
	}
	head += "：" + kind.Name() + "「" + rule.Name + "」" + model.WordsOf(*rule, kind, len(rules.Groups) > 0).Legend()
	lines := []string{"", "  " + s.styles.Head.Render(ansi.Truncate(head, max(s.width-2, 10), "…"))}
	if !r.Complete() {
		return append(lines, "  "+s.styles.Muted.Render("本季度得分不全，得分齐全后才评定"))
	}
	var who []string
	for _, st := range r.Ranked() {
		if slices.Contains(st.Flags, rule.Name) || slices.Contains(st.Warnings, rule.Name) || slices.Contains(st.AntiAwards, rule.Name) {
			who = append(who, "第"+strconv.Itoa(st.InGroup.Rank)+"名 "+st.Unit.Name)
		}
	}
	if len(who) == 0 {
		return append(lines, "  "+s.styles.Muted.Render("本季度没有区市符合"))
	}
	return append(lines, wrapIndented(strconv.Itoa(len(who))+" 个区市符合："+strings.Join(who, "、"), s.width)...)
}

// draftRules are the rules with the value being typed in the open form
// applied, when the form is a rule setting and the value is valid (typed
// reports that); else the rules as loaded.
func (s *setup) draftRules() (model.Rules, bool) {
	if e := s.edit; e != nil && e.field.draft != nil {
		vals := make([]string, len(e.inputs))
		for i, in := range e.inputs {
			vals[i] = strings.TrimSpace(in.Value())
		}
		if nr, ok := e.field.draft(vals); ok {
			return nr, true
		}
	}
	return cloneRules(s.sheet.Rules), false
}
