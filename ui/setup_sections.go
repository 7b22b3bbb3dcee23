package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// sectionsPage lists the shown quarter's sections and its adjustment. They
// belong to the quarter: read-only while it is locked.
func (s *setup) sectionsPage(narrow bool) setupPage {
	d := s.sheet
	nameW := 20
	if narrow {
		nameW = 16
	}
	p := setupPage{cols: []column{{"序", 3, true}, {"板块名称", nameW, false}, {"权重", 8, true}, {"满分", 8, true}}}
	p.head = []string{"  " + tableHeadSep(p.cols, s.styles.Head, "  ")}
	if !s.exists {
		p.head = append([]string{s.styles.Muted.Render("  " + s.quarter.String() + " 还没有建立：第一次修改时新建，沿用上一季度的板块和规则")}, p.head...)
	}
	for i, sec := range d.Sections {
		who := "板块「" + sec.Name + "」"
		p.rows = append(p.rows, setupRow{
			cells: []setupCell{
				{text: strconv.Itoa(i + 1), field: &setupField{title: "调整" + who + "的顺序", labels: []string{"第几位"}, bound: true,
					values: []string{strconv.Itoa(i + 1)}, hints: []string{"1 到 " + strconv.Itoa(len(d.Sections))},
					submit: func(v []string) (tea.Cmd, string) {
						n, why := parseCount(v[0], "顺序", 1, len(d.Sections))
						if why != "" {
							return nil, why
						}
						return s.moveSection(i, n-1), ""
					}}},
				{text: sec.Name, field: s.sectionField(sec, "名称", sec.Name, "同一季度内不能重名", func(ns *model.Section, v string) string {
					if v == "" {
						return "板块名称不能为空"
					}
					if v != sec.Name && hasSection(d.Sections, v) {
						return s.quarter.String() + " 已有名为「" + v + "」的板块"
					}
					ns.Name = v
					return ""
				})},
				{text: sec.Weight.String(), field: s.sectionField(sec, "权重", sec.Weight.String(), "大于 0，最多 4 位小数，如 1 或 0.25", func(ns *model.Section, v string) string {
					w, err := model.ParseWeight(v)
					if err != nil {
						return "权重：" + s.setupErrText(err)
					}
					ns.Weight = w
					return ""
				})},
				{text: sec.Max.String(), field: s.sectionField(sec, "满分", sec.Max.String(), "大于 0，最多 2 位小数", func(ns *model.Section, v string) string {
					m, why := s.parseMax(v)
					ns.Max = m
					return why
				})},
			},
			move: func(dir int) tea.Cmd {
				if i+dir < 0 || i+dir >= len(d.Sections) {
					return nil
				}
				return s.moveSection(i, i+dir)
			},
			del: func() tea.Cmd { return s.askDeleteSection(sec) },
		})
	}
	add := &setupField{title: "给 " + s.quarter.String() + " 添加板块", labels: []string{"名称", "权重", "满分"}, bound: true,
		values: []string{"", "1", "100"}, hints: []string{"", "大于 0，如 1 或 0.25", "大于 0"},
		submit: func(v []string) (tea.Cmd, string) {
			if v[0] == "" {
				return nil, "板块名称不能为空"
			}
			if hasSection(d.Sections, v[0]) {
				return nil, s.quarter.String() + " 已有名为「" + v[0] + "」的板块"
			}
			w, err := model.ParseWeight(v[1])
			if err != nil {
				return nil, "权重：" + s.setupErrText(err)
			}
			m, why := s.parseMax(v[2])
			if why != "" {
				return nil, why
			}
			sec, q := model.Section{Name: v[0], Weight: w, Max: m}, s.quarter
			return s.save("已添加板块「"+sec.Name+"」", func(ctx context.Context) error {
				_, err := s.data.CreateSection(ctx, q, sec)
				return err
			}), ""
		}}
	p.rows = append(p.rows, setupRow{cells: []setupCell{{text: "+"}, {text: "添加板块", field: add}}})

	p.rows = append(p.rows, textRow(""), textRow("  "+s.styles.Head.Render("加减分（加分项、扣分项，每项各区市一个数值，可空）")))
	p.rows = append(p.rows, s.adjustmentRows(nameW)...)
	return p
}

// adjustmentRows edit the quarter's adjustment items: a row to add one,
// then each item's name (Delete removes the item), lower and upper end.
// Every change is checked here as the store checks it: a name, unique
// among the items and the sections, and a lower end not above the upper.
func (s *setup) adjustmentRows(nameW int) []setupRow {
	d := s.sheet
	labelW, valueW := 10, nameW+10
	add := &setupField{title: "给 " + s.quarter.String() + " 添加加减分项", labels: []string{"名称", "下限", "上限"}, bound: true,
		values: []string{"", "", ""}, hints: []string{"如 督查扣分", "最多 2 位小数，可为负（扣分）；空 = 0", "不小于下限；空 = 0"},
		submit: func(v []string) (tea.Cmd, string) {
			var a model.Adjustment
			for i, set := range []func(*model.Adjustment, string) string{s.adjustName(""), adjustEnd(false), adjustEnd(true)} {
				if why := set(&a, v[i]); why != "" {
					return nil, why
				}
			}
			if why := adjustRange(a); why != "" {
				return nil, why
			}
			q := s.quarter
			return s.save("已添加加减分项「"+a.Name+"」", func(ctx context.Context) error {
				_, err := s.data.CreateAdjustment(ctx, q, a)
				return err
			}), ""
		}}
	rows := []setupRow{formRow(labelW, valueW, "+", "添加加减分项", add)}
	for _, a := range d.Adjustments {
		field := func(what, value, hint string, set func(*model.Adjustment, string) string) *setupField {
			return &setupField{title: "修改加减分项「" + a.Name + "」的" + what, labels: []string{what}, values: []string{value}, hints: []string{hint}, bound: true,
				submit: func(v []string) (tea.Cmd, string) {
					na := a
					if why := set(&na, v[0]); why != "" {
						return nil, why
					}
					if why := adjustRange(na); why != "" {
						return nil, why
					}
					if na == a {
						return nil, ""
					}
					q := s.quarter
					return s.save("已保存加减分项「"+na.Name+"」的"+what, func(ctx context.Context) error {
						id, err := s.itemID(ctx, q, a)
						if err != nil {
							return err
						}
						na.ID = id
						return s.data.SetAdjustment(ctx, q, na)
					}), ""
				}}
		}
		name := formRow(labelW, valueW, "名称", a.Name, field("名称", a.Name, "", s.adjustName(a.Name)))
		name.del = func() tea.Cmd { return s.askDeleteAdjustment(a) }
		rows = append(rows, name,
			formRow(labelW, valueW, "下限", a.Min.String(), field("下限", a.Min.String(), "最多 2 位小数，可为负（扣分）", adjustEnd(false))),
			formRow(labelW, valueW, "上限", a.Max.String(), field("上限", a.Max.String(), "最多 2 位小数，不小于下限", adjustEnd(true))))
	}
	return rows
}

// adjustName sets an item's name, refusing an empty one and one that
// another item or a section of the quarter has (an import matches columns
// by name); was is the item's own name.
func (s *setup) adjustName(was string) func(*model.Adjustment, string) string {
	return func(a *model.Adjustment, v string) string {
		switch {
		case v == "":
			return "加减分项名称不能为空"
		case v != was && hasSection(s.sheet.Sections, v):
			return s.quarter.String() + " 已有名为「" + v + "」的板块"
		case v != was && slices.ContainsFunc(s.sheet.Adjustments, func(x model.Adjustment) bool { return x.Name == v }):
			return s.quarter.String() + " 已有名为「" + v + "」的加减分项"
		}
		a.Name = v
		return ""
	}
}

// adjustEnd sets an item's lower (or upper) end.
func adjustEnd(upper bool) func(*model.Adjustment, string) string {
	return func(a *model.Adjustment, v string) string {
		if v == "" {
			v = "0"
		}
		h, err := model.ParseHundredths(v)
		what := "下限"
		if upper {
			what = "上限"
		}
		if err != nil {
			return what + "：" + quotesAsCorners(err.Error())
		}
		if upper {
			a.Max = h
		} else {
			a.Min = h
		}
		return ""
	}
}

// adjustRange refuses a lower end above the upper one.
func adjustRange(a model.Adjustment) string {
	if a.Min > a.Max {
		return fmt.Sprintf("加分下限 %s 不能大于上限 %s", a.Min, a.Max)
	}
	return ""
}

// itemID is a's ID in q; a quarter not created yet (items with ID 0) is
// created first, copying them.
func (s *setup) itemID(ctx context.Context, q model.Quarter, a model.Adjustment) (int64, error) {
	return s.storedID(ctx, q, a.ID, "加减分项", a.Name, func(d model.QuarterData) []named {
		return namesOf(d.Adjustments, func(x model.Adjustment) named { return named{x.ID, x.Name} })
	})
}

// named is an ID and a name, of a section or an adjustment item.
type named struct {
	id   int64
	name string
}

func namesOf[T any](xs []T, f func(T) named) []named {
	out := make([]named, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// storedID is id, or, for a thing of q not stored yet (ID 0: q is not
// created, its sections and items are the ones it would copy), the ID of
// the thing named name after q is created; of lists them by kind.
func (s *setup) storedID(ctx context.Context, q model.Quarter, id int64, kind, name string, of func(model.QuarterData) []named) (int64, error) {
	if id != 0 {
		return id, nil
	}
	if err := s.data.CreateQuarter(ctx, q); err != nil {
		return 0, err
	}
	d, err := s.data.QuarterData(ctx, q)
	if err != nil {
		return 0, err
	}
	for _, x := range of(d) {
		if x.name == name {
			return x.id, nil
		}
	}
	return 0, fmt.Errorf("%s 没有%s「%s」", q, kind, name)
}

// askDeleteAdjustment removes an item after a confirmation; the store
// refuses while a unit has a value in it, and says so.
func (s *setup) askDeleteAdjustment(a model.Adjustment) tea.Cmd {
	if s.sheet.Locked {
		return s.lockedNotice()
	}
	q := s.quarter
	s.ask("删除 "+q.String()+" 的加减分项「"+a.Name+"」？Enter 确认，Esc 取消", func() tea.Cmd {
		return s.save("已删除加减分项「"+a.Name+"」", func(ctx context.Context) error {
			id, err := s.itemID(ctx, q, a)
			if err != nil {
				return err
			}
			return s.data.DeleteAdjustment(ctx, q, id)
		})
	})
	return nil
}

func hasSection(ss []model.Section, name string) bool {
	for _, s := range ss {
		if s.Name == name {
			return true
		}
	}
	return false
}

// parseMax reads a section's maximum: a number above 0.
func (s *setup) parseMax(v string) (model.Hundredths, string) {
	m, err := model.ParseHundredths(v)
	if err != nil {
		return 0, "满分：" + s.setupErrText(err)
	}
	if m <= 0 {
		return 0, "满分必须大于 0"
	}
	return m, ""
}

// sectionField edits one property of sec; set checks and applies the
// typed text (returning a refusal).
func (s *setup) sectionField(sec model.Section, what, value, hint string, set func(*model.Section, string) string) *setupField {
	return &setupField{title: "修改板块「" + sec.Name + "」的" + what, labels: []string{what}, values: []string{value},
		hints: []string{hint}, bound: true,
		submit: func(v []string) (tea.Cmd, string) {
			ns := sec
			if why := set(&ns, v[0]); why != "" {
				return nil, why
			}
			if ns == sec {
				return nil, ""
			}
			q := s.quarter
			return s.save("已保存板块「"+ns.Name+"」的"+what, func(ctx context.Context) error {
				id, err := s.sectionID(ctx, q, sec)
				if err != nil {
					return err
				}
				ns.ID = id
				return s.data.UpdateSections(ctx, q, ns)
			}), ""
		}}
}

// sectionID is sec's ID in q. A quarter not created yet shows the sections
// it would inherit (ID 0): it is created first, copying them.
func (s *setup) sectionID(ctx context.Context, q model.Quarter, sec model.Section) (int64, error) {
	return s.storedID(ctx, q, sec.ID, "板块", sec.Name, func(d model.QuarterData) []named {
		return namesOf(d.Sections, func(x model.Section) named { return named{x.ID, x.Name} })
	})
}

// moveSection moves section from to position to and renumbers.
func (s *setup) moveSection(from, to int) tea.Cmd {
	if s.sheet.Locked {
		return s.lockedNotice()
	}
	ss := append([]model.Section(nil), s.sheet.Sections...)
	if from == to {
		return nil
	}
	sec := ss[from]
	ss = append(ss[:from], ss[from+1:]...)
	ss = append(ss[:to], append([]model.Section{sec}, ss[to:]...)...)
	s.row = to
	q := s.quarter
	done := "已将板块「" + sec.Name + "」移到第 " + strconv.Itoa(to+1) + " 位"
	return s.save(done, func(ctx context.Context) error {
		var changed []model.Section
		for i, x := range ss {
			if x.Order == i+1 && x.ID != 0 {
				continue
			}
			id, err := s.sectionID(ctx, q, x) // creates a quarter not stored yet
			if err != nil {
				return err
			}
			x.ID, x.Order = id, i+1
			changed = append(changed, x)
		}
		return s.data.UpdateSections(ctx, q, changed...)
	})
}

// askDeleteSection removes a section after a confirmation that names the
// rules with a condition on it, which go with it; the store refuses while
// any score uses it, and its message says so.
func (s *setup) askDeleteSection(sec model.Section) tea.Cmd {
	if s.sheet.Locked {
		return s.lockedNotice()
	}
	q := s.quarter
	rules := s.sheet.Rules.UsingSection(sec.ID)
	if sec.ID == 0 { // a quarter not created yet: its rules still name the sections they will get
		for rule, c := range s.sheet.Rules.Conditions() {
			if c.LooksAtSection() && c.Scope == sec.Name && !slices.Contains(rules, rule) {
				rules = append(rules, rule)
			}
		}
	}
	prompt, done := "删除 "+q.String()+" 的板块「"+sec.Name+"」？Enter 确认，Esc 取消", "已删除板块「"+sec.Name+"」"
	if len(rules) > 0 {
		prompt = "删除 " + q.String() + " 的板块「" + sec.Name + "」？规则「" + strings.Join(rules, "」「") +
			"」的条件用到它，将一并删除。Enter 确认，Esc 取消"
		done += "和规则「" + strings.Join(rules, "」「") + "」"
	}
	s.ask(prompt, func() tea.Cmd {
		return s.save(done, func(ctx context.Context) error {
			id, err := s.sectionID(ctx, q, sec)
			if err != nil {
				return err
			}
			if len(rules) > 0 {
				return s.data.DeleteSectionAndRules(ctx, q, id)
			}
			return s.data.DeleteSection(ctx, q, id)
		})
	})
	return nil
}
