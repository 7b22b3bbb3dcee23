package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// groupsPage (本季) edits what the shown quarter records about its units:
// the groups (分组考核) and their units, each unit's group and 一票否决, and
// whether stars and seats follow the groups. The groups are part of the
// quarter's rules (copied forward with them); vetoes belong to the quarter
// alone. Both are read-only while the quarter is locked.
func (s *setup) groupsPage(narrow bool) setupPage {
	r := s.sheet.Rules
	nameW := 14
	listW := max(s.width-nameW-6, 20) // after the mark and the separator
	var p setupPage
	p.cols = []column{{"组别", nameW, false}, {"区市", listW, false}}
	for _, l := range wrapIndented("有组别时，各组分别排名、评星，红旗和警示也在组内评定（规则可改为全体区市）；"+
		"未列入任何组的区市归「"+model.Ungrouped+"」", s.width) {
		p.head = append(p.head, s.styles.Muted.Render(l))
	}
	if len(r.Groups) == 0 {
		p.rows = append(p.rows, textRow(s.styles.Muted.Render("  还没有分组：全体区市一起考核。添加组别后各组分别考核。")))
	} else {
		p.head = append(p.head, "  "+tableHeadSep(p.cols, s.styles.Head, "  "))
	}
	for i, g := range r.Groups {
		names := s.unitNames(g.Units, false)
		shown := strconv.Itoa(len(names)) + " 个：" + strings.Join(names, "、")
		if textWidth(shown) > listW { // short names rather than a list without its last units
			shown = strconv.Itoa(len(names)) + " 个：" + strings.Join(s.unitNames(g.Units, true), "、")
		}
		p.rows = append(p.rows, setupRow{
			cells: []setupCell{
				{text: g.Name, field: s.rulesField("组别「"+g.Name+"」的名称", "名称", g.Name, "改名后规则仍对这个组别适用",
					func(nr *model.Rules, v string) string {
						if v == "" {
							return "组别名称不能为空"
						}
						nr.Groups[i].Name = v
						for _, list := range nr.Lists() {
							for k := range *list {
								if (*list)[k].Group == g.Name {
									(*list)[k].Group = v
								}
							}
						}
						return ""
					})},
				{text: shown,
					field: s.rulesField("组别「"+g.Name+"」的区市", "区市", strings.Join(names, "、"), "名称、简称或别名，用顿号或空格隔开",
						func(nr *model.Rules, v string) string {
							ids, why := s.parseUnits(v)
							if why != "" {
								return why
							}
							nr.Groups = moveUnits(nr.Groups, ids, i)
							nr.Groups[i].Units = ids // exactly these: the others leave the group
							return ""
						})},
			},
			move: func(dir int) tea.Cmd {
				if i+dir < 0 || i+dir >= len(r.Groups) {
					return nil
				}
				nr := cloneRules(s.sheet.Rules)
				nr.Groups[i], nr.Groups[i+dir] = nr.Groups[i+dir], nr.Groups[i]
				return s.saveGroups(nr, "已调整组别「"+g.Name+"」的顺序")
			},
			del: func() tea.Cmd { return s.deleteGroup(i) },
		})
	}
	add := &setupField{title: "给 " + s.quarter.String() + " 添加组别", labels: []string{"名称", "区市"}, bound: true,
		values: []string{"", ""}, hints: []string{"如 县级市", "名称、简称或别名，用顿号或空格隔开"},
		submit: func(v []string) (tea.Cmd, string) {
			if v[0] == "" {
				return nil, "组别名称不能为空"
			}
			ids, why := s.parseUnits(v[1])
			if why != "" {
				return nil, why
			}
			nr := cloneRules(s.sheet.Rules)
			nr.Groups = moveUnits(append(nr.Groups, model.Group{Name: v[0]}), ids, len(nr.Groups))
			return s.saveRules(nr, "已添加组别「"+v[0]+"」")
		}}
	p.rows = append(p.rows, setupRow{cells: []setupCell{{text: "+ 添加组别", field: add}}})

	p.rows = append(p.rows, textRow(""), textRow("  "+s.styles.Head.Render("本季度各区市")))
	reasonW := max((s.width-nameW-20)/2, 16)
	unitCols := []column{{"区市", nameW, false}, {"组别", 10, false}, {"一票否决原因", reasonW, false},
		{"约谈（受警示的区市）", max(s.width-nameW-reasonW-18, 20), false}}
	res := s.current() // the shown quarter's result: who is warned
	p.rows = append(p.rows, setupRow{line: "  " + tableHeadSep(unitCols, s.styles.Head, "  ")})
	for _, u := range s.sheet.Units {
		group := setupCell{text: s.glyphs.Dash}
		if len(r.Groups) > 0 {
			name := r.GroupOf(u.ID)
			group = setupCell{text: name, field: s.rulesField("「"+u.Name+"」的组别", "组别", strings.TrimPrefix(name, model.Ungrouped), groupsHint(r.Groups),
				func(nr *model.Rules, v string) string {
					k, why := groupIndex(nr.Groups, v)
					if why != "" {
						return why
					}
					nr.Groups = moveUnits(nr.Groups, []int64{u.ID}, k)
					return ""
				})}
		}
		talk := setupCell{text: s.glyphs.Dash}
		if st := res.Find(u.ID); st != nil && st.Warned() && res.Quarter == s.quarter {
			talk = setupCell{text: "未记录", field: s.talkField(u, st.Talk)}
			if st.Talk.Held() {
				talk.text = strings.TrimSpace(st.Talk.Date + " " + st.Talk.Note)
			}
		}
		p.rows = append(p.rows, setupRow{cols: unitCols, cells: []setupCell{{text: unitName(u, narrow)}, group,
			{text: s.sheet.Vetoes[u.ID], field: s.vetoField(u)}, talk}})
	}
	if len(r.Groups) > 0 {
		labelW, valueW := 16, max(s.width-24, 20)
		stars, seats := "各组分别评星（N 为组内区市数）", "按综合名次"
		if r.StarsAllUnits {
			stars = "全体区市一起评星"
		}
		if r.SeatByGroup {
			seats = "按组别依次，组内按名次"
		}
		p.rows = append(p.rows, textRow(""),
			formRow(labelW, valueW, "评星范围", stars, s.rulesToggle("评星范围", func(nr *model.Rules) { nr.StarsAllUnits = !nr.StarsAllUnits })),
			formRow(labelW, valueW, "座次", seats, s.rulesToggle("座次顺序", func(nr *model.Rules) { nr.SeatByGroup = !nr.SeatByGroup })))
	}
	return p
}

// talkField records the 约谈 held with the warned unit u (old: as stored):
// a date and a note; an empty date removes the record. A talk follows the
// publication, so the field is open while the quarter is locked.
func (s *setup) talkField(u model.Unit, old model.Talk) *setupField {
	date := old.Date
	if date == "" {
		date = s.opts.Now().Format("2006-01-02")
	}
	return &setupField{title: "「" + u.Name + "」的约谈记录", labels: []string{"日期", "备注"}, values: []string{date, old.Note},
		hints: []string{"如 2023-04-10；空 = 删除记录", "可空"},
		submit: func(v []string) (tea.Cmd, string) {
			tk := model.Talk{}
			if v[0] != "" {
				var err error
				if tk, err = model.ParseTalk(s.quarter, v[0], v[1]); err != nil {
					return nil, s.setupErrText(err)
				}
			}
			if tk == old {
				return nil, ""
			}
			done := "已记录「" + u.Name + "」的约谈"
			if !tk.Held() {
				done = "已删除「" + u.Name + "」的约谈记录"
			}
			q := s.quarter
			return s.save(done, func(ctx context.Context) error { return s.data.SetTalk(ctx, q, u.ID, tk) }), ""
		}}
}

// vetoField records or removes u's 一票否决 in the shown quarter.
func (s *setup) vetoField(u model.Unit) *setupField {
	old := s.sheet.Vetoes[u.ID]
	return &setupField{title: "「" + u.Name + "」的一票否决", labels: []string{"原因"}, values: []string{old}, bound: true,
		hints: []string{"本季度不得红旗，年度不评最高等次；空 = 取消"},
		submit: func(v []string) (tea.Cmd, string) {
			if v[0] == old {
				return nil, ""
			}
			done := "已记录「" + u.Name + "」一票否决，" + s.quarter.String() + " 的结果已重新计算"
			if v[0] == "" {
				done = "已取消「" + u.Name + "」的一票否决"
			}
			q := s.quarter
			return s.save(done, func(ctx context.Context) error { return s.data.SetVeto(ctx, q, u.ID, v[0]) }), ""
		}}
}

// groupsHint names the groups a unit can be put in.
func groupsHint(gs []model.Group) string {
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = strconv.Itoa(i+1) + " " + g.Name
	}
	return strings.Join(names, "，") + "；空 = " + model.Ungrouped
}

// groupIndex reads a group typed as its name or number: its index, -1 for
// none (empty), or why it is refused.
func groupIndex(gs []model.Group, v string) (int, string) {
	if v == "" || v == model.Ungrouped {
		return -1, ""
	}
	if n, why := parseCount(v, "", 1, len(gs)); why == "" {
		return n - 1, ""
	}
	if k := slices.IndexFunc(gs, func(g model.Group) bool { return g.Name == v }); k >= 0 {
		return k, ""
	}
	return 0, "没有组别「" + v + "」（" + groupsHint(gs) + "）"
}

// moveUnits puts the units ids in group k (none when k < 0), taking them
// out of every other group; the other units stay where they were. A group
// left without units is kept (and refused by the rules' validation).
func moveUnits(gs []model.Group, ids []int64, k int) []model.Group {
	out := make([]model.Group, len(gs))
	for i, g := range gs {
		g.Units = slices.DeleteFunc(slices.Clone(g.Units), func(id int64) bool { return slices.Contains(ids, id) })
		if i == k {
			g.Units = append(g.Units, ids...)
		}
		out[i] = g
	}
	return out
}

// unitNames are the names (short: the short names) of the units ids that
// take part in the shown quarter, in official order.
func (s *setup) unitNames(ids []int64, short bool) []string {
	var out []string
	for _, u := range s.sheet.Units {
		if slices.Contains(ids, u.ID) {
			out = append(out, unitName(u, short))
		}
	}
	return out
}

// parseUnits reads a list of units typed in setup: names, short names or
// aliases of units taking part in the quarter, between 、，, ; or spaces.
func (s *setup) parseUnits(v string) ([]int64, string) {
	fields := strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune("、，,;；  \t", r) })
	if len(fields) == 0 {
		return nil, "组别至少要有一个区市"
	}
	var ids []int64
	for _, f := range fields {
		u, err := model.FindUnit(s.sheet.Units, f)
		if err != nil {
			return nil, s.quarter.String() + " 没有参加考核的区市「" + f + "」"
		}
		if !slices.Contains(ids, u.ID) {
			ids = append(ids, u.ID)
		}
	}
	return ids, ""
}

// deleteGroup asks, then removes group i: its units go to no group. A
// group that a rule is limited to is not removed (the rule says why).
func (s *setup) deleteGroup(i int) tea.Cmd {
	if s.sheet.Locked {
		return s.lockedNotice()
	}
	g := s.sheet.Rules.Groups[i]
	for _, rule := range s.sheet.Rules.All() {
		if rule.Group == g.Name {
			return s.setError("组别「" + g.Name + "」用在规则「" + rule.Name + "」里，不能删除；请先在规则里改掉")
		}
	}
	s.ask("删除组别「"+g.Name+"」？其中的区市归入「"+model.Ungrouped+"」。Enter 确认，Esc 取消", func() tea.Cmd {
		nr := cloneRules(s.sheet.Rules)
		nr.Groups = slices.Delete(nr.Groups, i, i+1)
		return s.saveGroups(nr, "已删除组别「"+g.Name+"」")
	})
	return nil
}

// saveGroups saves rules whose groups changed (a toggle or a move: there
// is no form to show a refusal in, so it goes to the status line).
func (s *setup) saveGroups(nr model.Rules, done string) tea.Cmd {
	cmd, why := s.saveRules(nr, done)
	if why != "" {
		return s.setError(why)
	}
	return cmd
}
