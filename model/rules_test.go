package model

import (
	"errors"
	"testing"
)

func TestConditionHolds(t *testing.T) {
	tests := []struct {
		name string
		c    Condition
		p    Position
		want bool
	}{
		{"rank 2 within top 2", Condition{Kind: RankAtMost, Threshold: 2}, Position{Rank: 2}, true},
		{"rank 3 outside top 2", Condition{Kind: RankAtMost, Threshold: 2}, Position{Rank: 3}, false},
		{"unranked never holds", Condition{Kind: RankAtMost, Threshold: 2}, Position{}, false},
		{"rise of exactly 2 counts", Condition{Kind: RiseAtLeast, Threshold: 2}, Position{Rank: 3, PrevRank: 5}, true},
		{"rise of 1 does not", Condition{Kind: RiseAtLeast, Threshold: 2}, Position{Rank: 4, PrevRank: 5}, false},
		{"rise of 5", Condition{Kind: RiseAtLeast, Threshold: 2}, Position{Rank: 1, PrevRank: 6}, true},
		{"no previous rank is no rise", Condition{Kind: RiseAtLeast, Threshold: 2}, Position{Rank: 1}, false},
		{"last", Condition{Kind: InLast, Threshold: 2}, Position{Rank: 10, FromBottom: 1}, true},
		{"second to last", Condition{Kind: InLast, Threshold: 2}, Position{Rank: 9, FromBottom: 2}, true},
		{"third to last", Condition{Kind: InLast, Threshold: 2}, Position{Rank: 8, FromBottom: 3}, false},
		{"fall of exactly 3 counts", Condition{Kind: FallAtLeast, Threshold: 3}, Position{Rank: 5, PrevRank: 2}, true},
		{"fall of 2 does not", Condition{Kind: FallAtLeast, Threshold: 3}, Position{Rank: 4, PrevRank: 2}, false},
		{"no previous rank is no fall", Condition{Kind: FallAtLeast, Threshold: 3}, Position{Rank: 8, FromBottom: 3}, false},
		{"section top", Condition{Kind: SectionRankAtMost, Threshold: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[string]int{"经济运行": 1}}, true},
		{"section second", Condition{Kind: SectionRankAtMost, Threshold: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[string]int{"经济运行": 2}}, false},
		{"section without a score", Condition{Kind: SectionRankAtMost, Threshold: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[string]int{"经济运行": 0}}, false},
		{"unknown section", Condition{Kind: SectionRankAtMost, Threshold: 1, Scope: "招商引资"},
			Position{Rank: 5, SectionRanks: map[string]int{"经济运行": 1}}, false},
		{"unknown kind", Condition{Kind: "lucky", Threshold: 1}, Position{Rank: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Holds(tt.p); got != tt.want {
				t.Errorf("%+v.Holds(%+v) = %v, want %v", tt.c, tt.p, got, tt.want)
			}
		})
	}
}

func TestRuleApplies(t *testing.T) {
	warn := DefaultRules().Warnings[0]
	tests := []struct {
		name string
		p    Position
		want bool
	}{
		{"last 2", Position{Rank: 9, FromBottom: 2, PrevRank: 9}, true},
		{"fall of 3", Position{Rank: 5, FromBottom: 6, PrevRank: 2}, true},
		{"neither", Position{Rank: 5, FromBottom: 6, PrevRank: 3}, false},
		{"unranked", Position{FromBottom: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := warn.Applies(tt.p); got != tt.want {
				t.Errorf("warning.Applies(%+v) = %v, want %v", tt.p, got, tt.want)
			}
		})
	}
	if (Rule{Name: "empty"}).Applies(Position{Rank: 1}) {
		t.Errorf("a rule without conditions applies")
	}
}

func TestDefaultRules(t *testing.T) {
	r := DefaultRules()
	if err := r.Validate(); err != nil {
		t.Fatalf("DefaultRules().Validate() = %v", err)
	}
	if len(r.Flags) != 2 || r.Flags[0].Name != FlagA || r.Flags[1].Name != FlagB {
		t.Errorf("flags = %+v, want %s then %s", r.Flags, FlagA, FlagB)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Name != WarningTo {
		t.Errorf("warnings = %+v, want %s", r.Warnings, WarningTo)
	}
	if r.OneFlagPerUnit || r.RedMarkStreak != 2 || r.Committee != "青岛市综合考核委员会" || r.AnnualRise != 2 {
		t.Errorf("defaults = %+v", r)
	}
	sizes := 0
	for _, tier := range r.Tiers {
		sizes += tier.Size
	}
	if len(r.Tiers) != 3 || r.Tiers[0].Name != "优秀" || sizes != 10 {
		t.Errorf("tiers = %+v, want 优秀/良好/合格 3/4/3", r.Tiers)
	}
}

func TestRulesValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Rules)
		ok     bool
	}{
		{"defaults", func(*Rules) {}, true},
		{"section variant", func(r *Rules) {
			r.Flags = append(r.Flags, Rule{Name: "经济运行之星", When: []Condition{{Kind: SectionRankAtMost, Threshold: 1, Scope: "经济运行"}}})
		}, true},
		{"no flags at all", func(r *Rules) { r.Flags = nil }, true},
		{"empty flag name", func(r *Rules) { r.Flags[0].Name = "" }, false},
		{"empty warning name", func(r *Rules) { r.Warnings[0].Name = "" }, false},
		{"unknown kind", func(r *Rules) { r.Flags[1].When[0].Kind = "lucky" }, false},
		{"zero threshold", func(r *Rules) { r.Warnings[0].When[1].Threshold = 0 }, false},
		{"three quarter weights", func(r *Rules) { r.QuarterWeights = r.QuarterWeights[:3] }, false},
		{"bad layout", func(r *Rules) { r.Layout.Method = "random" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DefaultRules()
			tt.modify(&r)
			err := r.Validate()
			if tt.ok && err != nil {
				t.Errorf("Validate() = %v, want nil", err)
			}
			if !tt.ok && !errors.Is(err, ErrInvalid) {
				t.Errorf("Validate() = %v, want ErrInvalid", err)
			}
		})
	}
}
