package model

import (
	"slices"
	"strings"
	"testing"
)

// TestConditionWording pins every kind's words in every place, as the
// three switches (bulletin, flags screen, setup) wrote them before the
// kinds became one registry.
func TestConditionWording(t *testing.T) {
	sec := Condition{Kind: SectionRankAtMost, Scope: "经济运行"}
	tests := []struct {
		name                   string
		c                      Condition
		label, hint            string
		screen, bulletin       string
		screenOne, bulletinOne string // threshold 1
	}{
		{"rank", Condition{Kind: RankAtMost}, "综合排名前 N 名", "N 至少为 1，如 2 = 前两名",
			"综合排名前 2 名", "综合成绩位列前2名", "综合排名前 1 名", "综合成绩位列第一"},
		{"rise", Condition{Kind: RiseAtLeast}, "比上季度上升至少 N 位", "N 至少为 1",
			"位次上升 2 位及以上", "位次较上季度前进2位及以上", "位次上升 1 位及以上", "位次较上季度前进1位及以上"},
		{"last", Condition{Kind: InLast}, "排名后 N 名", "N 至少为 1，如 2 = 最后两名",
			"排名后 2 位", "综合成绩位列后2名", "排名后 1 位", "综合成绩位列后1名"},
		{"fall", Condition{Kind: FallAtLeast}, "比上季度下降至少 N 位", "N 至少为 1",
			"位次下降 2 位及以上", "位次较上季度后退2位及以上", "位次下降 1 位及以上", "位次较上季度后退1位及以上"},
		{"section", sec, "板块「经济运行」前 N 名", "N 至少为 1",
			"经济运行前 2 名", "经济运行板块位列前2名", "经济运行前 1 名", "经济运行板块位列前1名"},
		{"unknown kind", Condition{Kind: "lucky"}, "lucky", "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if l, h := tt.c.SetupLabel(); l != tt.label || h != tt.hint {
				t.Errorf("SetupLabel = %q, %q; want %q, %q", l, h, tt.label, tt.hint)
			}
			for _, th := range []struct {
				n                int
				screen, bulletin string
			}{{2, tt.screen, tt.bulletin}, {1, tt.screenOne, tt.bulletinOne}} {
				c := tt.c
				c.Threshold = th.n
				r := Rule{When: []Condition{c}}
				if got := r.ScreenText(); got != th.screen {
					t.Errorf("N=%d: ScreenText = %q, want %q", th.n, got, th.screen)
				}
				if got := r.BulletinText(); got != th.bulletin {
					t.Errorf("N=%d: BulletinText = %q, want %q", th.n, got, th.bulletin)
				}
			}
		})
	}
	both := DefaultRules().Warnings[0]
	if got := both.ScreenText(); got != "排名后 2 位或位次下降 3 位及以上" {
		t.Errorf("two conditions on the screen: %q", got)
	}
	if got := both.BulletinText(); got != "综合成绩位列后2名或位次较上季度后退3位及以上" {
		t.Errorf("two conditions in the bulletin: %q", got)
	}
}

// TestEveryConditionKindIsComplete: every entry of the registry has its
// evaluation and its words for each place, and its kind is unique.
func TestEveryConditionKindIsComplete(t *testing.T) {
	kinds := ConditionKinds()
	if len(kinds) != 10 || kinds[0] != RankAtMost {
		t.Fatalf("kinds = %v", kinds)
	}
	for i, s := range conditionSpecs {
		if s.Kind == "" || slices.Contains(kinds[:i], s.Kind) {
			t.Errorf("entry %d: kind %q empty or repeated", i, s.Kind)
		}
		if s.Doc == "" || s.Holds == nil || s.Label == nil || s.Hint == "" || s.Screen == nil || s.Bulletin == nil {
			t.Errorf("%s: an evaluation or a wording is missing", s.Kind)
		}
	}
}

// TestNewConditionKindIsOneEntry adds a kind to the registry and nothing
// else: setup checks it, Compute applies it, and the bulletin, the flags
// screen and setup word it.
func TestNewConditionKindIsOneEntry(t *testing.T) {
	saved := conditionSpecs
	t.Cleanup(func() { conditionSpecs = saved })
	const exactly ConditionKind = "rank_exactly"
	conditionSpecs = append(slices.Clip(saved), ConditionSpec{
		Kind:     exactly,
		Doc:      "composite rank = N",
		Holds:    func(c Condition, p Position) bool { return p.Rank == c.Threshold },
		Label:    constant("综合排名第 N 名"),
		Hint:     "N 至少为 1",
		Screen:   func(c Condition) string { return "综合排名第 " + threshold(c) + " 名" },
		Bulletin: func(c Condition) string { return "综合成绩位列第" + threshold(c) + "名" },
	})
	rules := DefaultRules()
	rules.Flags = append(rules.Flags, Rule{Name: "季军旗", Colour: "red", When: []Condition{{Kind: exactly, Threshold: 3}}})
	if err := rules.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	d := ctOrder("2023Q1", 4, 2, 1, 3)
	d.Rules = rules
	r := Compute(d, nil)
	if got := ctWho(r, func(s Standing) bool { return slices.Contains(s.Flags, "季军旗") }); !slices.Equal(got, []int64{1}) {
		t.Fatalf("holders = %v, want [1]", got)
	}
	b, err := BulletinOf(&r, nil, signed)
	if err != nil || !strings.Contains(b.FlagText, "U01综合成绩位列第3名，夺得“季军旗”红旗") {
		t.Fatalf("bulletin %q, %v", b.FlagText, err)
	}
	if got := rules.Flags[2].ScreenText(); got != "综合排名第 3 名" {
		t.Errorf("screen %q", got)
	}
	if l, h := rules.Flags[2].When[0].SetupLabel(); l != "综合排名第 N 名" || h != "N 至少为 1" {
		t.Errorf("setup %q %q", l, h)
	}
}
