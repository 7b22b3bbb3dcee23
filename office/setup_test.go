package office_test

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"starflag/model"
	"starflag/office"
	"starflag/office/officetest"
	"starflag/store"
)

// Behaviour tests of setup (s): keys go into the real App over a temporary
// database, then the database is read back.

var setupQ = officetest.EntryQuarter

// setupHarness is a fresh database whose 2023Q1 has the three default
// sections, with the dashboard in setup on it (tab 1, 区市).
func setupHarness(t *testing.T, w, h int) *uiHarness {
	t.Helper()
	hs := attachHarness(t, officetest.EntryDB(t, t.TempDir()+"/s.db"), w, h, setupQ)
	hs.Key("s")
	hs.Until("setup", func() bool {
		return strings.Contains(hs.Screen(), "设置 2023Q1") && strings.Contains(hs.Screen(), "市南区")
	})
	return hs
}

// tab switches setup's tab and waits for a text of it.
func (h *uiHarness) tab(n, want string) {
	h.T.Helper()
	h.Key(n)
	h.Until("tab "+n, func() bool { return strings.Contains(h.Screen(), want) })
}

// retype opens the cursor's field, clears it and types text, then Enter.
func (h *uiHarness) retype(text string) {
	h.Key("enter")
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clear the input
	h.Key(text, "enter")
}

// shown waits until the screen shows want.
func (h *uiHarness) shown(want string) {
	h.T.Helper()
	h.Until("「"+want+"」on screen", func() bool { return strings.Contains(h.Screen(), want) })
}

func (h *uiHarness) units() []model.Unit {
	h.T.Helper()
	us, err := h.DB.ListUnits(context.Background())
	if err != nil {
		h.T.Fatal(err)
	}
	return us
}

func (h *uiHarness) unit(name string) (model.Unit, bool) {
	for _, u := range h.units() {
		if u.Name == name {
			return u, true
		}
	}
	return model.Unit{}, false
}

func (h *uiHarness) rules() model.Rules { return h.QuarterData(setupQ).Rules }

func TestSetupAddUnitWithChineseInput(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.Key("pgdown", "pgdown") // the last row: + 添加区市
	h.Key("enter")
	h.shown("添加区市（Enter 下一项")
	// An input method commits a word as one key message of several runes.
	h.Send(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "市中区"})
	h.Key("enter", "市中", "enter")
	h.Send(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "中区、老市中"})
	h.Key("enter")
	h.Until("the new unit", func() bool { _, ok := h.unit("市中区"); return ok })
	u, _ := h.unit("市中区")
	if u.Short != "市中" || strings.Join(u.Aliases, ",") != "中区,老市中" || u.Order != 11 {
		t.Fatalf("new unit = %+v", u)
	}
	h.shown("已添加区市「市中区」")
}

func TestSetupRenameShortNameAndAliases(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.Key("right") // 市南区's name
	h.retype("市南新区")
	h.Until("renamed", func() bool { _, ok := h.unit("市南新区"); return ok })
	h.Key("right") // short name
	h.retype("南区")
	h.Until("short name", func() bool { u, _ := h.unit("市南新区"); return u.Short == "南区" })
	h.Key("right") // aliases, typed with a full-width comma
	h.retype("市南区，老市南")
	h.Until("aliases", func() bool {
		u, _ := h.unit("市南新区")
		return strings.Join(u.Aliases, ",") == "市南区,老市南"
	})
}

func TestSetupRefusedUnitNamesChangeNothing(t *testing.T) {
	h := setupHarness(t, 80, 24)
	before := h.units()
	h.Key("right")
	h.retype("")
	h.shown("区市名称不能为空")
	h.Key("esc")
	h.retype("市北区") // 市南区 renamed to an existing name
	h.shown("名称「市北区」已被区市「市北区」使用")
	h.Key("esc")
	h.Key("right") // short name taken by another unit
	h.retype("李沧")
	h.shown("已被区市「李沧区」使用")
	h.Key("esc")
	h.Key("pgdown", "pgdown", "enter", "城阳区", "enter", "enter", "enter") // add a duplicate
	h.shown("名称「城阳区」已被区市「城阳区」使用")
	h.Key("esc")
	h.Settle()
	if after := h.units(); len(after) != len(before) || after[0].Name != "市南区" || after[0].Short != "市南" {
		t.Fatalf("units changed: %+v", after)
	}
}

func TestSetupReorderUnits(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.Send(tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}) // 市南区 one down
	h.Until("市北区 first", func() bool { return h.units()[0].Name == "市北区" && h.units()[1].Name == "市南区" })
	h.shown("已将「市南区」移到第 2 位")
	// The cursor followed 市南区 (row 2); type its place in the 序 column.
	h.retype("１０") // full-width digits, as a Chinese input method sends them
	h.Until("市南区 last", func() bool { us := h.units(); return us[9].Name == "市南区" && us[0].Name == "市北区" })
	for i, u := range h.units() {
		if u.Order != i+1 {
			t.Fatalf("orders not renumbered: %+v", h.units())
		}
	}
	if got := h.QuarterData(setupQ).Units[9].Name; got != "市南区" {
		t.Fatalf("quarter order: last = %s", got)
	}
}

func TestSetupRetireUnitAndTakePartFrom(t *testing.T) {
	h := setupHarness(t, 160, 45)
	h.Key("pgdown", "up")                     // 莱西市, the tenth unit, at 名称 (the + row's column)
	h.Key("right", "right", "right", "right") // 退出自 (one more is the 公文 column)
	h.retype("2023Q2")
	h.Until("retired", func() bool { u, _ := h.unit("莱西市"); return u.Until == model.MustQuarter("2023Q1") })
	if n := len(h.QuarterData(model.MustQuarter("2023Q2")).Units); n != 9 {
		t.Fatalf("2023Q2 has %d units, want 9", n)
	}
	if n := len(h.QuarterData(setupQ).Units); n != 10 {
		t.Fatalf("2023Q1 has %d units, want 10", n)
	}
	h.Key("left") // 参加自 later than the last quarter: refused
	h.retype("2024Q1")
	h.shown("起始季度不能晚于最后参加的季度 2023Q1")
	h.Key("esc")
	h.retype("2022Q3")
	h.Until("from", func() bool { u, _ := h.unit("莱西市"); return u.From == model.MustQuarter("2022Q3") })
	h.Key("right") // back in the service: empty 退出自
	h.retype("")
	h.Until("active again", func() bool { u, _ := h.unit("莱西市"); return u.Until.IsZero() })
}

func (h *uiHarness) section(name string) (model.Section, bool) {
	for _, s := range h.QuarterData(setupQ).Sections {
		if s.Name == name {
			return s, true
		}
	}
	return model.Section{}, false
}

func TestSetupSections(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("2", "板块名称")
	// add
	h.Key("down", "down", "down", "enter") // + 添加板块
	h.Send(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "营商环境"})
	h.Key("enter")
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Key("０．５", "enter") // full-width weight
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Key("50", "enter")
	h.Until("added", func() bool {
		s, ok := h.section("营商环境")
		return ok && s.Weight.String() == "0.5" && s.Max == 5000
	})
	// rename, reweight and a new maximum of 经济运行 (the first row)
	h.Key("up", "up", "up") // the new section's row was the cursor's: up to 经济运行's name
	h.retype("经济发展")
	h.Until("renamed", func() bool { _, ok := h.section("经济发展"); return ok })
	h.Key("right")
	h.retype("2")
	h.Until("weight", func() bool { s, _ := h.section("经济发展"); return s.Weight == 2*model.WeightOne })
	h.Key("right")
	h.retype("120")
	h.Until("max", func() bool { s, _ := h.section("经济发展"); return s.Max == 12000 })
	// move it below 项目签约落地
	h.Send(tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift})
	h.Until("order", func() bool { return h.QuarterData(setupQ).Sections[1].Name == "经济发展" })
	// remove 营商环境 (now the fourth row)
	h.Key("down", "down", "delete")
	h.shown("删除 2023Q1 的板块「营商环境」？")
	h.Key("enter")
	h.Until("removed", func() bool { _, ok := h.section("营商环境"); return !ok })
	if n := len(h.QuarterData(setupQ).Sections); n != 3 {
		t.Fatalf("%d sections, want 3", n)
	}
}

func TestSetupRefusedSectionValuesChangeNothing(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("2", "板块名称")
	before := h.QuarterData(setupQ).Sections
	h.Key("right", "right") // weight of 经济运行
	h.retype("abc")
	h.shown("权重：「abc」不是数字")
	h.Key("esc", "right") // maximum
	h.retype("-5")
	h.shown("满分必须大于 0")
	h.Key("esc")
	h.retype("0")
	h.shown("满分必须大于 0")
	h.Key("esc", "left", "left") // name: the name of another section
	h.retype("城市更新建设")
	h.shown("2023Q1 已有名为「城市更新建设」的板块")
	h.Key("esc")
	h.Settle()
	after := h.QuarterData(setupQ).Sections
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("section changed: %+v -> %+v", before[i], after[i])
		}
	}
}

func TestSetupSectionInUseCannotBeRemoved(t *testing.T) {
	h := setupHarness(t, 80, 24)
	d := h.QuarterData(setupQ)
	v := model.Hundredths(9000)
	if err := h.DB.SetScore(context.Background(), setupQ, d.Units[0].ID, d.Sections[0].ID, &v, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h.tab("2", "板块名称")
	h.Key("delete", "enter")
	h.shown("已有 1 个得分，不能删除")
	if _, ok := h.section("经济运行"); !ok {
		t.Fatal("a section in use was removed")
	}
	// A maximum below a stored score is refused by the store, with its reason.
	h.Key("right", "right", "right")
	h.retype("80")
	h.shown("有 1 个得分高于新满分 80.00")
	if s, _ := h.section("经济运行"); s.Max != 10000 {
		t.Fatalf("max changed to %s", s.Max)
	}
}

func TestSetupAdjustmentRange(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("2", "加分项")
	h.Key("pgdown") // the last field: 上限
	h.retype("-1")
	h.shown("加分下限 0.00 不能大于上限 -1.00")
	h.Key("esc")
	h.retype("3")
	h.Until("max 3", func() bool { return h.QuarterData(setupQ).Adjustments[0].Max == 300 })
	h.Key("up") // 下限
	h.retype("-1.5")
	h.Until("min -1.5", func() bool { return h.QuarterData(setupQ).Adjustments[0].Min == -150 })
	h.Key("up") // 名称
	h.retype("工作创新加分")
	h.Until("name", func() bool { return h.QuarterData(setupQ).Adjustments[0].Name == "工作创新加分" })
}

// fillScores gives every unit of 2023Q1 distinct scores (市南区 best).
func fillScores(t *testing.T, h *uiHarness) {
	t.Helper()
	d := h.QuarterData(setupQ)
	plan := model.ImportPlan{Quarter: setupQ}
	for i, u := range d.Units {
		for _, s := range d.Sections {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: model.Hundredths(9900 - i*100)})
		}
	}
	if err := h.DB.ApplyImport(context.Background(), plan, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
}

func TestSetupRulesFlagATopThreeShowsInRanking(t *testing.T) {
	h := setupHarness(t, 80, 24)
	fillScores(t, h)
	h.tab("3", "考核委员会")
	h.Key("down") // 综合排名前 N 名 of flag A
	h.retype("３")
	h.Until("flag A top 3", func() bool { return h.rules().Flags[0].When[0].Threshold == 3 })
	h.Key("esc")
	h.Until("ranking with three flags", func() bool { return strings.Count(h.Screen(), "红旗：勇当排头") == 3 })
	res, err := h.DB.Result(context.Background(), setupQ)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range res.Standings {
		if len(s.Flags) > 0 {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d units hold a flag, want 3", n)
	}
}

func TestSetupRulesFields(t *testing.T) {
	h := setupHarness(t, 160, 45)
	h.tab("3", "考核委员会")
	h.retype("排头兵") // flag A's name
	h.Until("name", func() bool { return h.rules().Flags[0].Name == "排头兵" })
	h.Key("down", "down", "down") // flag B: 上升至少 N 位
	h.retype("3")
	h.Until("rise", func() bool { return h.rules().Flags[1].When[0].Threshold == 3 })
	h.Key("down", "enter") // one flag per unit
	h.Until("one flag", func() bool { return h.rules().OneFlagPerUnit })
	h.Key("down", "down") // warning: 排名后 N 名
	h.retype("1")
	h.Key("down")
	h.retype("4") // 下降至少 N 位
	h.Until("warning", func() bool { w := h.rules().Warnings[0].When; return w[0].Threshold == 1 && w[1].Threshold == 4 })
	h.Key("down")
	h.retype("3") // red-mark streak
	h.Key("down")
	h.retype("0") // annual rise off
	h.Key("down")
	h.retype("某市综合考核委员会")
	h.Key("down")
	h.retype("某市考核办法")
	h.Until("the rest", func() bool {
		r := h.rules()
		return r.RedMarkStreak == 3 && r.AnnualRise == 0 && r.Committee == "某市综合考核委员会" && r.Method == "某市考核办法"
	})
	h.Key("up", "up", "up", "up", "up") // back to 排名后 N 名: 0 is refused
	h.retype("0")
	h.shown("阈值必须在 1 到 1000 之间")
	h.Key("esc")
	h.Settle()
	if h.rules().Warnings[0].When[0].Threshold != 1 {
		t.Fatal("refused threshold saved")
	}
	// copied forward to a new quarter by the store
	if err := h.DB.CreateQuarter(context.Background(), setupQ.Next(), store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	if r := h.QuarterData(setupQ.Next()).Rules; r.Flags[0].Name != "排头兵" || r.Committee != "某市综合考核委员会" {
		t.Fatalf("rules not copied forward: %+v", r)
	}
}

func TestSetupLayoutPreviewsAndSaves(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("4", "主席台")
	if !strings.Contains(h.Screen(), "第1排") || strings.Contains(h.Screen(), "第2排") {
		t.Fatalf("default layout preview:\n%s", h.Screen())
	}
	h.Key("enter")
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Key("2") // typed, not saved yet: the preview follows
	h.shown("第2排")
	if h.rules().Layout.Rows != 0 {
		t.Fatal("saved before Enter")
	}
	h.Key("enter")
	h.Until("rows saved", func() bool { return h.rules().Layout.Rows == 2 })
	h.Key("down")
	h.retype("3") // 2 × 3 seats for 10 units: refused
	h.shown("座位不够")
	h.Key("esc")
	h.retype("5")
	h.Until("per row saved", func() bool { return h.rules().Layout.PerRow == 5 })
	h.Key("down", "enter") // method: left to right
	h.Until("method", func() bool { return h.rules().Layout.Method == model.LeftToRight })
	h.Key("down", "enter") // the other even-row variant
	h.Until("variant", func() bool { return h.rules().Layout.OneOnLeft })
	res, err := h.DB.Result(context.Background(), setupQ)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Layout{Rows: 2, PerRow: 5, Method: model.LeftToRight, OneOnLeft: true}
	if res.Rules.Layout != want {
		t.Fatalf("layout = %+v, want %+v", res.Rules.Layout, want)
	}
	h.shown("第1排      1   2   3   4   5") // left to right, front row first
}

func TestSetupLockThenUnlockWithConfirmation(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("5", "定稿 2023Q1 ]")
	h.Key("enter")
	h.Until("locked", func() bool { return h.QuarterData(setupQ).Locked })
	h.shown("已备份到")
	// The quarter's sections and rules are read-only now; units are not.
	h.tab("2", "已定稿，只读")
	h.Key("right", "enter")
	h.shown("2023Q1 已定稿，板块、规则和座位只读")
	h.tab("1", "参加自")
	h.Key("right", "right")
	h.retype("南")
	h.Until("unit edit while locked", func() bool { u, _ := h.unit("市南区"); return u.Short == "南" })
	// unlock: asks first; Esc keeps it locked
	h.tab("5", "解锁 2023Q1 ]")
	h.Key("enter")
	h.shown("解锁 2023Q1？")
	h.Key("esc")
	h.shown("已取消")
	if !h.QuarterData(setupQ).Locked {
		t.Fatal("unlocked without confirmation")
	}
	h.Key("enter")
	h.shown("解锁 2023Q1？")
	h.Key("enter")
	h.Until("unlocked", func() bool { return !h.QuarterData(setupQ).Locked })
	audit, err := h.DB.ListAudit(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range audit {
		if (e.Action == "lock" || e.Action == "unlock") && e.Quarter == "2023Q1" && e.Source == store.SourceSetup {
			seen = append(seen, e.Action)
		}
	}
	if strings.Join(seen, ",") != "unlock,lock" {
		t.Fatalf("audit of lock/unlock = %v", seen)
	}
}

func TestSetupFitsSmallAndLargeScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		h := setupHarness(t, size[0], size[1])
		for _, tab := range []string{"1", "2", "3", "4", "5"} {
			h.Key(tab)
			scr := h.Screen()
			lines := strings.Split(scr, "\n")
			if len(lines) != size[1] {
				t.Fatalf("%v tab %s: %d lines", size, tab, len(lines))
			}
			for _, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Fatalf("%v tab %s: line of %d cells: %q", size, tab, w, l)
				}
			}
		}
	}
}

// fits fails when a line of the screen is wider than w cells.
func (h *uiHarness) fits(w int) {
	h.T.Helper()
	for _, l := range strings.Split(h.Screen(), "\n") {
		if lipgloss.Width(l) > w {
			h.T.Fatalf("line of %d cells: %q", lipgloss.Width(l), l)
		}
	}
}

// docRows is how many rows of document settings follow 评星 on the rules
// page (model.DocSettings).
const docRows = 9

// starsRow puts the cursor of the rules page on 评星：前几名得星, the last
// row before the documents' settings.
func (h *uiHarness) starsRow() {
	h.Key("pgdown", "pgdown", "pgdown") // the last row
	for range docRows {
		h.Key("up")
	}
	h.shown("> 评星：前几名得星")
}

func TestSetupRulesStarsForTopK(t *testing.T) {
	h := setupHarness(t, 80, 24)
	fillScores(t, h) // 市南区 first, 市北区 second, 李沧区 third in every section
	h.tab("3", "考核委员会")
	h.starsRow()
	h.shown("0（全部参评区市得星")
	h.retype("３") // full-width, as an input method sends it
	h.Until("stars top 3", func() bool { return h.rules().StarsTop == 3 })
	h.shown("评星：前几名得星                3 名")

	res, err := h.DB.Result(context.Background(), setupQ)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"市南区": 3, "市北区": 2, "李沧区": 1}
	for _, s := range res.Standings {
		for _, c := range s.Sections {
			if c.Stars != want[s.Unit.Name] {
				t.Fatalf("%s has %d stars, want %d", s.Unit.Name, c.Stars, want[s.Unit.Name])
			}
		}
	}

	h.Key("esc", "2") // the stars page: units below the top 3 show no stars
	h.shown("前 3 名得星")
	h.fits(80)
	scr := h.Screen()
	if strings.Contains(scr, "0星") {
		t.Fatalf("stars page shows 0 stars:\n%s", scr)
	}
	stars := map[string]string{"市南": "3星", "市北": "2星", "李沧": "1星", "崂山": "", "莱西": ""}
	for _, l := range strings.Split(scr, "\n") {
		for unit, mark := range stars {
			if strings.HasPrefix(l, " "+unit+" ") && strings.Count(l, "星") != strings.Count(strings.Repeat(mark, 3), "星") ||
				mark != "" && strings.HasPrefix(l, " "+unit+" ") && strings.Count(l, mark) != 3 {
				t.Fatalf("%s's line %q, want %q in each of the 3 sections", unit, l, mark)
			}
		}
	}
	h.Key("1")
	h.shown("综合得分")
	if scr := h.Screen(); strings.Contains(scr, "0星") || strings.Count(scr, "3星") != 3 {
		t.Fatalf("ranking page:\n%s", scr)
	}
}

func TestSetupRulesQuarterWeightsAndTiers(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("3", "考核委员会")
	h.starsRow()
	h.Key("up", "up", "up", "up") // 年度得分季度权重
	h.shown("> 年度得分季度权重（一至四季度）  1 1 1 1")
	h.retype("1，1、２　2") // full-width digits, comma, 顿号 and space
	h.Until("weights", func() bool {
		w := h.rules().QuarterWeights
		return len(w) == 4 && w[0] == model.WeightOne && w[1] == model.WeightOne && w[2] == 2*model.WeightOne && w[3] == 2*model.WeightOne
	})
	h.shown("1 1 2 2")
	h.Key("down") // 优秀
	h.retype("2")
	h.Key("down") // 良好
	h.retype("５")
	h.Until("tiers", func() bool {
		ts := h.rules().Tiers
		return len(ts) == 3 && ts[0].Size == 2 && ts[1].Size == 5 && ts[2].Size == 3 && ts[0].Name == "优秀"
	})
	// copied forward to a new quarter by the store
	if err := h.DB.CreateQuarter(context.Background(), setupQ.Next(), store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	if r := h.QuarterData(setupQ.Next()).Rules; r.QuarterWeights[3] != 2*model.WeightOne || r.Tiers[1].Size != 5 {
		t.Fatalf("rules not copied forward: %+v", r)
	}
}

func TestSetupRulesRefusedStarsWeightsAndTiers(t *testing.T) {
	h := setupHarness(t, 80, 24)
	before := h.rules()
	h.tab("3", "考核委员会")
	// refused types each value into the cursor's field, expects its
	// reason on a screen that fits, and cancels the form.
	refused := func(cases ...[2]string) {
		t.Helper()
		for _, c := range cases {
			h.retype(c[0])
			h.shown(c[1])
			h.fits(80)
			h.Key("esc")
		}
	}
	h.starsRow()
	refused(
		[2]string{"1001", "名次数必须在 0 到 1000 之间"},
		[2]string{"-1", "名次数「-1」不是整数"},
		[2]string{"三", "名次数「三」不是整数"},
	)
	h.Key("up", "up", "up", "up") // 年度得分季度权重
	refused(
		[2]string{"1 1 1", "季度权重要 4 个数（一至四季度），这里有 3 个"},
		[2]string{"1 1 1 1 1", "这里有 5 个"},
		[2]string{"1 -1 1 1", "第2个季度权重必须大于 0"},
		[2]string{"0 0 0 0", "第1个季度权重必须大于 0"},
		[2]string{"1 1 1 x", "第4个季度权重：「x」不是数字"},
	)
	h.Key("down") // 优秀 0, 良好 0: saved; 合格 0 would leave nobody graded
	h.retype("0")
	h.Until("优秀 0", func() bool { return h.rules().Tiers[0].Size == 0 })
	h.Key("down")
	h.retype("0")
	h.Until("良好 0", func() bool { return h.rules().Tiers[1].Size == 0 })
	h.Key("down")
	h.retype("0")
	h.shown("年度等次的名额不能全为 0")
	h.Key("esc")
	h.retype("1001")
	h.shown("名额必须在 0 到 1000 之间")
	h.Key("esc")
	h.Settle()
	after := h.rules()
	if after.StarsTop != 0 || after.Tiers[2].Size != 3 || len(after.QuarterWeights) != 4 {
		t.Fatalf("refused values saved: %+v", after)
	}
	for i, w := range after.QuarterWeights {
		if w != before.QuarterWeights[i] {
			t.Fatalf("quarter weights changed: %v, were %v", after.QuarterWeights, before.QuarterWeights)
		}
	}
}

// TestSetupDocumentFieldsOfAUnit: the units page's 公文 column edits the
// 公文用名, 出席人 and 职务 the documents print; a bad value is refused and
// nothing changes.
func TestSetupDocumentFieldsOfAUnit(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.Key("right", "right", "right", "right", "right", "right", "right") // 市南区's last column: 公文
	h.Key("enter")
	h.shown("修改「市南区」在公文和会议材料中的写法")
	h.Key("南区", "enter", "张三", "enter", "区委书记", "enter")
	h.Until("saved", func() bool {
		u, _ := h.unit("市南区")
		return u.DocName == "南区" && u.Attendee == "张三" && u.Post == "区委书记"
	})
	h.shown("南区·张三")
	h.Key("enter")
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Key("enter")
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Send(tea.KeyPressMsg{Code: tea.KeyExtended, Text: strings.Repeat("张", 30)})
	h.Key("enter", "enter")
	h.shown("的出席人太长")
	h.Key("esc")
	h.Settle()
	if u, _ := h.unit("市南区"); u.Attendee != "张三" || u.DocName != "南区" {
		t.Fatalf("a refused edit changed the unit: %+v", u)
	}
}

// TestSetupDocumentSettings: the rules page's last rows set the documents'
// settings (model.DocSettings): the order of speaking cycles, the 主送机关
// is typed, a bad 发文字号 is refused and nothing changes, the version
// switches to 简报, and the bulletin drafted then is the 简报.
func TestSetupDocumentSettings(t *testing.T) {
	h := setupHarness(t, 80, 24)
	fillScores(t, h)
	h.tab("3", "考核委员会")
	h.Key("pgdown", "pgdown", "pgdown") // the last row: 会议发言顺序
	h.shown("> 会议发言顺序")
	h.Key("enter")
	h.Until("official order", func() bool { return h.rules().Docs.SpeakOrder == model.SpeakByOfficial })
	h.Key("enter")
	h.Until("reversed", func() bool { return h.rules().Docs.SpeakOrder == model.SpeakReversed })
	h.shown("座次倒序")

	h.Key("up", "up", "up", "up", "up", "up", "up") // 主送机关
	h.shown("> 主送机关（文件）")
	h.Key("enter") // as an input method commits it: one message
	h.Send(tea.KeyPressMsg{Code: tea.KeyExtended, Text: "各区、市党委和人民政府，市直有关部门（单位）："})
	h.Key("enter")
	h.Until("addressee", func() bool {
		return h.rules().Docs.Addressee == "各区、市党委和人民政府，市直有关部门（单位）："
	})
	h.fits(80)
	h.Key("down") // 发文字号
	before := h.rules()
	h.retype("=SUM(A1)")
	h.shown("发文字号不能以「=」开头")
	h.Key("esc")
	h.Settle()
	if after := h.rules(); after.Docs != before.Docs {
		t.Fatalf("a refused 发文字号 changed the settings: %+v", after.Docs)
	}

	h.Key("up", "up") // 通报版本
	h.shown("> 通报版本")
	h.Key("enter")
	h.Until("brief", func() bool { return h.rules().Docs.Version == model.VersionBrief })
	doc, err := office.DocumentWith(context.Background(), h.DB, model.ExportBulletin, setupQ, model.DocOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if b := doc.Bulletin; b.Version != model.VersionBrief || strings.Contains(b.Title, "关于") || b.Addressee != "" {
		t.Errorf("the bulletin after switching to 简报: %s %q %q", b.Version, b.Title, b.Addressee)
	}
}
