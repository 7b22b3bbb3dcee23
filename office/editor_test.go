package office_test

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
	"starflag/store"
)

// TestRuleEditor drives setup's rule editor (7 规则表) on a real database:
// a 蜗牛奖 is added as an anti-award, its preview lists who would hold it,
// also for a value still being typed; its condition's kind is switched and
// its N changed; a value that could never hold and a duplicate name are
// refused with the reason and nothing saved; a rule is deleted after a
// question; and the ranking then shows the new rule.
func TestRuleEditor(t *testing.T) {
	h := setupHarness(t, 120, 40)
	fillScores(t, h) // 市南区 best … 莱西市 last
	h.tab("7", "添加规则")
	h.downTo("添加规则")
	h.Key("enter", "3", "enter", "蜗牛奖", "enter")
	h.Until("anti-award", func() bool { a := h.rules().AntiAwards; return len(a) == 1 && a[0].Name == "蜗牛奖" })
	if a := h.rules().AntiAwards[0]; a.Match != model.MatchAll || len(a.When) != 1 || a.When[0].Kind != model.InLast || a.Colour != "grey" {
		t.Fatalf("new rule %+v", a)
	}
	// The cursor stays on the row: now the new rule's, with its preview.
	h.shown("> 反向奖")
	h.shown("预览 2023Q1：反向奖「蜗牛奖」排名后 1 位")
	h.shown("1 个区市符合：第10名 莱西市")

	// Its N, typed: the preview follows before saving; 0 is refused.
	h.Key("down", "right") // 条件1's N
	h.Key("enter")
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Key("3")
	h.shown("预览 2023Q1（按正在输入的值）")
	h.shown("3 个区市符合：第8名 胶州市、第9名 平度市、第10名 莱西市")
	if h.rules().AntiAwards[0].When[0].Threshold != 1 {
		t.Fatal("saved before Enter")
	}
	h.Key("enter")
	h.Until("N = 3", func() bool { return h.rules().AntiAwards[0].When[0].Threshold == 3 })

	// The kind: Enter takes the next kind the quarter can use (下降至少 N 位:
	// no unit fell, so nobody).
	h.Key("left", "enter")
	h.Until("kind", func() bool { return h.rules().AntiAwards[0].When[0].Kind == model.FallAtLeast })
	h.shown("本季度没有区市符合")
	// A fall of 10 places among 10 units can never happen: refused.
	h.Key("right")
	h.retype("10")
	h.shown("永远不会成立：10 个区市最多升降 9 位")
	h.Key("esc")
	h.Settle()
	if c := h.rules().AntiAwards[0].When[0]; c.Threshold != 3 {
		t.Fatalf("a refused N was saved: %+v", c)
	}
	// Renaming it to the warning's name is refused.
	h.Key("up", "left", "left", "left")
	h.shown("> 反向奖")
	h.Key("right")
	h.retype(model.WarningTo)
	h.shown("已有名为「" + model.WarningTo + "」的规则")
	h.Key("esc")

	// Delete asks, then removes.
	h.Key("delete")
	h.shown("删除规则「蜗牛奖」？")
	h.Key("enter")
	h.Until("deleted", func() bool { return len(h.rules().AntiAwards) == 0 })

	// Reordered within its kind: flag B before flag A.
	h.tab("7", "添加规则")
	h.downTo(model.FlagB)
	h.Send(tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift})
	h.Until("reordered", func() bool { return h.rules().Flags[0].Name == model.FlagB })
	h.shown("> 红旗    " + model.FlagB)
}

// TestDeletingAScopedSectionAsks: deleting a section that a rule looks at
// names the rules removed with it; Esc keeps both; Enter removes both in
// one transaction. A rule copied with a section the quarter lacks is
// refused when changed in the editor.
func TestDeletingAScopedSectionAsks(t *testing.T) {
	h := setupHarness(t, 120, 40)
	sec, err := h.DB.CreateSection(context.Background(), setupQ, model.Section{Name: "优化营商环境"}, store.SourceCLI)
	if err != nil {
		t.Fatal(err)
	}
	r := h.rules()
	r.Flags = append(r.Flags, model.Rule{Name: "营商之星", Colour: "red", Match: model.MatchAll,
		When: []model.Condition{{Kind: model.SectionFirst, Section: sec.ID, Scope: sec.Name}}},
		model.Rule{Name: "招商之星", Colour: "red", Match: model.MatchAll,
			When: []model.Condition{{Kind: model.SectionFirst, Scope: "招商引资"}}})
	if err := h.DB.SetRules(context.Background(), setupQ, r, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h.Key("esc")
	h.shown("还没有得分")
	h.Key("s")
	h.shown("添加区市")
	h.tab("2", "优化营商环境")
	h.downTo("优化营商环境")
	h.Key("delete")
	h.shown("规则「营商之星」的条件用到它，将一并删除")
	h.Key("esc")
	h.Settle()
	if len(h.QuarterData(setupQ).Sections) != 4 || len(h.rules().Flags) != 4 {
		t.Fatal("Esc deleted something")
	}
	h.Key("delete", "enter")
	h.Until("deleted with its rule", func() bool {
		return len(h.QuarterData(setupQ).Sections) == 3 && len(h.rules().Flags) == 3
	})

	// 招商之星 looks at a section 2023Q1 lacks: changing it is refused.
	h.tab("7", "招商之星")
	h.downTo("招商之星")
	h.Key("right", "right", "right", "right") // 条件组合
	h.Key("enter")
	h.shown("没有板块「招商引资」")
	if h.rules().Flags[2].Match != model.MatchAll {
		t.Fatal("a refused change was saved")
	}
}

// downTo moves the cursor down until its row shows text.
func (h *uiHarness) downTo(text string) {
	h.T.Helper()
	on := func() bool {
		for _, l := range strings.Split(h.Screen(), "\n") {
			if strings.HasPrefix(l, "> ") && strings.Contains(l, text) {
				return true
			}
		}
		return false
	}
	for range 40 {
		if h.Settle(); on() {
			return
		}
		h.Key("down")
	}
	h.T.Fatalf("no row with %q under the cursor:\n%s", text, h.Screen())
}

// TestSetupAnnualMethodAndFlagPoints: the annual method and the points per
// flag are set in the rule editor, checked (a negative number is refused,
// nothing saved) and copied forward; the year page says the method.
func TestSetupAnnualMethodAndFlagPoints(t *testing.T) {
	h := setupHarness(t, 120, 40)
	fillScores(t, h)
	if h.rules().AnnualMethod != model.AnnualAuto {
		t.Fatalf("a new database's method: %q", h.rules().AnnualMethod)
	}
	h.tab("7", "添加规则")
	h.downTo("年度得分")
	h.Key("enter")
	h.Until("按比例", func() bool { return h.rules().AnnualMethod == model.AnnualPercent })
	h.downTo("每面红旗加年度分")
	h.retype("-1")
	h.shown("每面红旗的加分必须在 0 到 100.00 之间")
	h.Key("esc")
	h.retype("1.5")
	h.Until("points", func() bool { return h.rules().FlagPoints == 150 })
	h.Key("esc")
	h.shown("综合得分")
	h.Settle() // the board reloads after setup: a page key waits for it
	h.Key("5")
	h.shown("年度成绩按比例：各季度综合得分折算为该季度满分的百分比，再加权平均，每面红旗加 1.5 分")
	if err := h.DB.CreateQuarter(context.Background(), setupQ.Next(), store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	if r := h.QuarterData(setupQ.Next()).Rules; r.AnnualMethod != model.AnnualPercent || r.FlagPoints != 150 {
		t.Fatalf("not copied forward: %q %s", r.AnnualMethod, r.FlagPoints)
	}
}

// TestRuleEditorShowsWholeNames: at 80 columns the editor lists each rule's
// whole name (真抓实干、勇当排头 read 真抓实干、勇当: another rule's name,
// for all the reader knows).
func TestRuleEditorShowsWholeNames(t *testing.T) {
	h := setupHarness(t, 80, 24)
	h.tab("7", "添加规则")
	for _, name := range []string{model.FlagA, model.FlagB, model.WarningTo} {
		h.shown(name)
	}
}
