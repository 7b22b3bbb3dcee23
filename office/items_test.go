package office_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// TestSetupAdjustmentItemsAndEntry: setup adds a deduction item (a lower
// end above the upper and a name of a section are refused, nothing
// saved); entry then has a column per item and takes a negative value in
// the deduction; the ranking counts both items; an item with values is
// not deleted.
func TestSetupAdjustmentItemsAndEntry(t *testing.T) {
	h := setupHarness(t, 100, 30)
	fillScores(t, h)
	h.tab("2", "加分项")
	h.Key("pgdown", "up", "up", "up") // + 添加加减分项, above the first item's 名称, 下限, 上限
	h.shown("> +")
	h.Key("enter", "经济运行", "enter", "-3", "enter", "0", "enter")
	h.shown("已有名为「经济运行」的板块")
	h.Key("up", "up")
	h.retypeHere("督查扣分")
	h.Key("enter", "enter") // 下限 -3, 上限 0 as typed
	h.Until("item added", func() bool { return len(h.QuarterData(setupQ).Adjustments) == 2 })
	item := h.QuarterData(setupQ).Adjustments[1]
	if item.Name != "督查扣分" || item.Min != -300 || item.Max != 0 {
		t.Fatalf("item %+v", item)
	}
	h.Key("pgdown") // the new item's 上限
	h.retype("-4")
	h.shown("加分下限 -3.00 不能大于上限 -4.00")
	h.Key("esc")
	h.Settle()
	if a := h.QuarterData(setupQ).Adjustments[1]; a != item {
		t.Fatalf("a refused range was saved: %+v", a)
	}

	// Entry: sections, then 群众满意度加分, then 督查扣分.
	h.Key("esc", "esc", "e")
	h.shown("督查扣分")
	h.Key("end") // the last column: 督查扣分 of 市南区
	h.Key("-2.5", "enter")
	h.Until("saved", func() bool {
		d := h.QuarterData(setupQ)
		return d.Adjust[model.AdjustKey{Unit: d.Units[0].ID, Item: item.ID}] == -250
	})
	res, err := h.DB.Result(context.Background(), setupQ)
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Find(h.QuarterData(setupQ).Units[0].ID); s.Adjust != -250 {
		t.Fatalf("市南区 adjust %s", s.Adjust)
	}

	// The item has a value: deleting it is refused with the reason.
	h.Key("esc", "s")
	h.tab("2", "督查扣分")
	h.Key("pgdown", "up", "up", "delete", "enter")
	h.shown("已有 1 个数值，不能删除")
	if len(h.QuarterData(setupQ).Adjustments) != 2 {
		t.Fatal("an item with values was deleted")
	}
}

// TestSetupVetoMarksTheRanking: a veto typed in setup (本季) is stored
// with its reason; the unit keeps its rank, loses its flag, the ranking
// page marks it 否决 and the flags page gives the reason; the bulletin
// names it.
func TestSetupVetoMarksTheRanking(t *testing.T) {
	h := setupHarness(t, 120, 35)
	fillScores(t, h)
	h.tab("6", "本季度各区市")
	h.Key("down") // the first unit's 一票否决 (the only field of its row without groups)
	h.shown("> 市南区")
	h.Key("enter", "发生重大安全生产事故", "enter")
	h.Until("veto", func() bool { return h.QuarterData(setupQ).Vetoes[1] == "发生重大安全生产事故" })
	res, err := h.DB.Result(context.Background(), setupQ)
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Find(1); s.Rank != 1 || len(s.Flags) != 0 {
		t.Fatalf("市南区 %+v", s)
	}
	h.Settle()
	h.Key("esc")
	h.shown("综合得分")
	h.shown("否决")
	h.Settle() // the board reloads after setup: a page key waits for it
	h.Key("3")
	h.shown("市南区（发生重大安全生产事故）")
	doc, err := office.Document(context.Background(), h.DB, model.ExportBulletin, setupQ, time.Date(2023, 4, 10, 0, 0, 0, 0, time.UTC))
	if err != nil || !strings.Contains(strings.Join(doc.Bulletin.MarkText, ""), "市南区因发生重大安全生产事故，实行一票否决") {
		t.Fatalf("bulletin %+v %v", doc.Bulletin, err)
	}
}

// TestSetupTalkOnALockedQuarter: the 约谈 of a warned unit is recorded in
// setup (本季) even after the quarter is locked; the flags page then says
// 已约谈, and the year export lists warned quarters and talks.
func TestSetupTalkOnALockedQuarter(t *testing.T) {
	h := setupHarness(t, 160, 45)
	fillScores(t, h) // 平度市 and 莱西市 last: warned
	if _, err := h.DB.Lock(context.Background(), setupQ, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h.Key("esc")
	h.Settle()
	h.Key("s")
	h.shown("添加区市") // setup has read the quarter: it is locked now
	h.tab("6", "本季度各区市")
	for range 12 {
		if h.Settle(); strings.Contains(h.Screen(), "> 莱西市") {
			break
		}
		h.Key("down")
	}
	h.shown("> 莱西市")
	h.Key("right", "right") // 一票否决 is read-only while locked; the talk is not
	h.Key("enter")
	h.shown("「莱西市」的约谈记录")
	h.retypeHere("2023-04-10")
	h.Key("市委常委约谈", "enter")
	h.Until("talk", func() bool { return h.QuarterData(setupQ).Talks[10].Date == "2023-04-10" })
	h.Key("esc")
	h.shown("综合得分")
	h.Settle()
	h.Key("3")
	h.shown("已约谈")
	doc, err := office.Document(context.Background(), h.DB, model.ExportYear, setupQ, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	head := doc.Table.Header
	if head[len(head)-2] != "警示季度数" || head[len(head)-1] != "约谈" {
		t.Fatalf("year header %v", head)
	}
	for _, row := range doc.Table.Rows {
		if row[2].Text == "莱西市" && (row[len(row)-2].Text != "1" || row[len(row)-1].Text != "2023-04-10") {
			t.Fatalf("莱西市's year row %v", row)
		}
	}
}
