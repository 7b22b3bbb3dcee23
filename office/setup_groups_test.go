package office_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
	"starflag/store"
)

// TestSetupGroups: groups are added, filled and judged within themselves
// on the ranking page; a group without units, unknown units and a move that
// would empty a group are refused with the reason and nothing is saved;
// the star and seat settings switch; the groups are copied forward.
func TestSetupGroups(t *testing.T) {
	h := setupHarness(t, 80, 24)
	fillScores(t, h) // 市南区 best … 莱西市 last
	h.tab("6", "还没有分组")
	h.fits(80)
	h.Key("enter") // + 添加组别
	h.Key("县级市", "enter", "enter")
	h.shown("组别至少要有一个区市")
	h.retypeHere("胶州 平度 青岛")
	h.shown("没有参加考核的区市「青岛」")
	h.Key("esc")
	h.Settle()
	if len(h.rules().Groups) != 0 {
		t.Fatal("a refused group was saved")
	}
	h.Key("enter", "县级市", "enter", "胶州、平度 莱西", "enter")
	h.Until("group saved", func() bool { g := h.rules().Groups; return len(g) == 1 && len(g[0].Units) == 3 })
	h.shown("3 个：胶州市、平度市、莱西市")
	h.fits(80)

	// The three are ranked among themselves: 胶州市 first of 县级市.
	res, err := h.DB.Result(context.Background(), setupQ)
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Find(8); s.Group != "县级市" || s.InGroup.Rank != 1 || !slices.Contains(s.Flags, model.FlagA) {
		t.Fatalf("胶州市: %+v", s)
	}
	if s := res.Find(1); s.Group != model.Ungrouped || s.InGroup.Rank != 1 {
		t.Fatalf("市南区: %+v", s)
	}

	// Emptying the group is refused: it would have no units.
	h.Key("up", "right") // the group's units
	h.retype("市南")
	h.Until("moved", func() bool { g := h.rules().Groups; return len(g) == 1 && slices.Equal(g[0].Units, []int64{1}) })
	h.retype("胶州 平度 莱西")
	h.Until("moved back", func() bool { return len(h.rules().Groups[0].Units) == 3 })
	h.Key("down", "down") // + 添加组别, then the first unit's row
	h.shown("> 市南 ")
	h.retype("1")
	h.Until("市南区 in 县级市", func() bool { return slices.Contains(h.rules().Groups[0].Units, 1) })
	h.retype("")
	h.Until("市南区 out", func() bool { return !slices.Contains(h.rules().Groups[0].Units, 1) })
	for _, name := range []string{"胶州 ", "平度 "} {
		for range 10 {
			if h.Settle(); strings.Contains(h.Screen(), "> "+name) {
				break
			}
			h.Key("down")
		}
		h.shown("> " + name)
		h.retype("")
	}
	h.Until("two moved out", func() bool { return len(h.rules().Groups[0].Units) == 1 })
	h.Key("down")
	h.shown("> 莱西 ")
	h.retype("")
	h.shown("组别「县级市」没有区市")
	h.Key("esc")
	h.Settle()
	if g := h.rules().Groups; len(g) != 1 || !slices.Equal(g[0].Units, []int64{10}) {
		t.Fatalf("groups after a refusal: %+v", g)
	}
	h.Key("pgdown", "pgdown") // 座次
	h.Key("enter")
	h.Until("seat by group", func() bool { return h.rules().SeatByGroup })
	h.Key("up", "enter")
	h.Until("stars among all", func() bool { return h.rules().StarsAllUnits })

	if err := h.DB.CreateQuarter(context.Background(), setupQ.Next(), store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	if r := h.QuarterData(setupQ.Next()).Rules; len(r.Groups) != 1 || !r.SeatByGroup || !r.StarsAllUnits {
		t.Fatalf("groups not copied forward: %+v", r)
	}
}

// retypeHere clears the focused input of the open form and types text,
// then Enter.
func (h *uiHarness) retypeHere(text string) {
	h.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	h.Key(text, "enter")
}
