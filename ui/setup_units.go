package ui

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// unitsPage lists every unit (retired ones too) in official order. Unit
// edits are global: they do not depend on the shown quarter or its lock.
func (s *setup) unitsPage(narrow bool) setupPage {
	nameW, shortW, aliasW, qW, docW := 16, 10, 16, 10, 12
	if narrow {
		nameW, shortW, aliasW, qW, docW = 10, 8, 10, 8, 10
	}
	p := setupPage{cols: []column{{"序", 3, true}, {"名称", nameW, false}, {"简称", shortW, false},
		{"别名", aliasW, false}, {"参加自", qW, false}, {"退出自", qW, false}, {"本季", 6, false}, {"公文", docW, false}}}
	p.head = []string{"  " + tableHeadSep(p.cols, s.styles.Head, "  ")}
	for i, u := range s.units {
		u := u
		who := "「" + u.Name + "」"
		state := "参加"
		if !u.ActiveIn(s.quarter) {
			state = "不参加"
		}
		retire := ""
		if !u.Until.IsZero() {
			retire = u.Until.Next().String()
		}
		p.rows = append(p.rows, setupRow{
			cells: []setupCell{
				{text: strconv.Itoa(i + 1), field: &setupField{title: "调整" + who + "的顺序", labels: []string{"第几位"},
					values: []string{strconv.Itoa(i + 1)}, hints: []string{"1 到 " + strconv.Itoa(len(s.units))},
					submit: func(v []string) (tea.Cmd, string) {
						n, why := parseCount(v[0], "顺序", 1, len(s.units))
						if why != "" {
							return nil, why
						}
						return s.moveUnit(i, n-1), ""
					}}},
				{text: u.Name, field: s.unitField(u, "名称", u.Name, "", func(u *model.Unit, v string) { u.Name = v })},
				{text: u.Short, field: s.unitField(u, "简称", u.Short, "可空，窄屏显示用", func(u *model.Unit, v string) { u.Short = v })},
				{text: strings.Join(u.Aliases, "、"), field: s.unitField(u, "别名", strings.Join(u.Aliases, "、"),
					"多个用顿号或逗号分隔；导入时也按别名认区市", func(u *model.Unit, v string) { u.Aliases = splitNames(v) })},
				{text: u.From.String(), field: s.quarterField(u, false)},
				{text: retire, field: s.quarterField(u, true)},
				{text: state},
				{text: docText(u), field: s.docField(u)},
			},
			move: func(dir int) tea.Cmd {
				if i+dir < 0 || i+dir >= len(s.units) {
					return nil
				}
				return s.moveUnit(i, i+dir)
			},
		})
	}
	add := &setupField{title: "添加区市", labels: []string{"名称", "简称", "别名"},
		hints: []string{"如 市南区", "可空，如 市南", "可空，多个用顿号或逗号分隔"},
		submit: func(v []string) (tea.Cmd, string) {
			u := model.Unit{Name: v[0], Short: v[1], Aliases: splitNames(v[2])}
			if why := checkUnitNames(u, s.units); why != "" {
				return nil, why
			}
			return s.save("已添加区市「"+u.Name+"」，排在最后", func(ctx context.Context) error {
				_, err := s.data.CreateUnit(ctx, u)
				return err
			}), ""
		}}
	p.rows = append(p.rows, setupRow{cells: []setupCell{{text: "+"}, {text: "添加区市", field: add}}})
	return p
}

// unitField edits one name field of u; set applies the typed text.
func (s *setup) unitField(u model.Unit, what, value, hint string, set func(*model.Unit, string)) *setupField {
	return &setupField{title: "修改「" + u.Name + "」的" + what, labels: []string{what}, values: []string{value},
		hints: []string{hint},
		submit: func(v []string) (tea.Cmd, string) {
			nu := u
			nu.Aliases = append([]string(nil), u.Aliases...)
			set(&nu, v[0])
			if why := checkUnitNames(nu, s.units); why != "" {
				return nil, why
			}
			return s.updateUnit(nu, "已保存「"+nu.Name+"」的"+what), ""
		}}
}

// docText is what the units page shows of what documents print for u:
// its 公文用名 and 出席人.
func docText(u model.Unit) string {
	var parts []string
	for _, p := range []string{u.DocName, u.Attendee} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "·")
}

// docField edits what the documents print for u: the 公文用名 (the
// bulletin's name for it), and who attends the review meeting for it, with
// their post (the placards, the order of speaking).
func (s *setup) docField(u model.Unit) *setupField {
	return &setupField{title: "修改「" + u.Name + "」在公文和会议材料中的写法", labels: []string{"公文用名", "出席人", "职务"},
		values: []string{u.DocName, u.Attendee, u.Post},
		hints:  []string{"可空 = 用名称；如 黄岛区", "可空；印在桌签上", "可空；如 区委书记"},
		submit: func(v []string) (tea.Cmd, string) {
			nu := u
			nu.Aliases = append([]string(nil), u.Aliases...)
			nu.DocName, nu.Attendee, nu.Post = strings.TrimSpace(v[0]), strings.TrimSpace(v[1]), strings.TrimSpace(v[2])
			if err := model.CheckDocFields(nu); err != nil {
				return nil, s.setupErrText(err)
			}
			return s.updateUnit(nu, "已保存「"+nu.Name+"」的公文用名和出席人"), ""
		}}
}

// quarterField edits the quarter u takes part from, or (retire) the first
// quarter it no longer takes part in: Until becomes the quarter before.
func (s *setup) quarterField(u model.Unit, retire bool) *setupField {
	what, hint, value := "参加自（起始季度）", "如 2024Q1；空 = 一直参加", u.From.String()
	if retire {
		what, hint = "退出自（从这个季度起不再参加）", "如 2024Q1；空 = 仍在参加"
		value = ""
		if !u.Until.IsZero() {
			value = u.Until.Next().String()
		}
	}
	return &setupField{title: "修改「" + u.Name + "」的" + what, labels: []string{"季度"}, values: []string{value},
		hints: []string{hint},
		submit: func(v []string) (tea.Cmd, string) {
			var q model.Quarter
			if v[0] != "" {
				var err error
				if q, err = model.ParseQuarter(v[0]); err != nil {
					return nil, s.setupErrText(err)
				}
			}
			nu := u
			done := ""
			if retire {
				nu.Until = model.Quarter{}
				done = "「" + u.Name + "」恢复参加考核"
				if !q.IsZero() {
					if !u.From.IsZero() && !u.From.Before(q) {
						return nil, "退出季度必须晚于起始季度 " + u.From.String()
					}
					nu.Until = q.Prev()
					done = "「" + u.Name + "」从 " + q.String() + " 起不再参加考核（最后参加 " + nu.Until.String() + "）"
				}
			} else {
				nu.From = q
				done = "「" + u.Name + "」一直参加考核"
				if !q.IsZero() {
					if !u.Until.IsZero() && u.Until.Before(q) {
						return nil, "起始季度不能晚于最后参加的季度 " + u.Until.String()
					}
					done = "「" + u.Name + "」从 " + q.String() + " 起参加考核"
				}
			}
			if nu.From == u.From && nu.Until == u.Until {
				return nil, ""
			}
			return s.updateUnit(nu, done), ""
		}}
}

func (s *setup) updateUnit(u model.Unit, done string) tea.Cmd {
	return s.save(done, func(ctx context.Context) error { return s.data.UpdateUnits(ctx, u) })
}

// moveUnit moves the unit at index from to index to in the official order
// and renumbers the units whose order changed.
func (s *setup) moveUnit(from, to int) tea.Cmd {
	us := append([]model.Unit(nil), s.units...)
	if from == to {
		return nil
	}
	u := us[from]
	us = append(us[:from], us[from+1:]...)
	us = append(us[:to], append([]model.Unit{u}, us[to:]...)...)
	s.row = to // the cursor follows the unit
	var changed []model.Unit
	for i, x := range us {
		if x.Order != i+1 {
			x.Order = i + 1
			changed = append(changed, x)
		}
	}
	done := "已将「" + u.Name + "」移到第 " + strconv.Itoa(to+1) + " 位"
	return s.save(done, func(ctx context.Context) error { return s.data.UpdateUnits(ctx, changed...) })
}

// checkUnitNames gives the store's unit rules up front: a name, and no
// name, short name or alias that already names another unit.
func checkUnitNames(u model.Unit, all []model.Unit) string {
	u.Name, u.Short = strings.TrimSpace(u.Name), strings.TrimSpace(u.Short)
	if u.Name == "" {
		return "区市名称不能为空"
	}
	for _, n := range append([]string{u.Name, u.Short}, u.Aliases...) {
		for _, o := range all {
			if o.ID != u.ID && o.Matches(n) {
				return "名称「" + n + "」已被区市「" + o.Name + "」使用"
			}
		}
	}
	return ""
}

// splitNames splits aliases typed with 、，, ; or spaces.
func splitNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；; 　", r)
	})
}
