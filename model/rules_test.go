package model

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
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
		{"section top", Condition{Kind: SectionRankAtMost, Threshold: 1, Section: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[int64]int{1: 1}}, true},
		{"section second", Condition{Kind: SectionRankAtMost, Threshold: 1, Section: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[int64]int{1: 2}}, false},
		{"section without a score", Condition{Kind: SectionRankAtMost, Threshold: 1, Section: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[int64]int{1: 0}}, false},
		{"unknown section", Condition{Kind: SectionRankAtMost, Threshold: 1, Section: 9, Scope: "招商引资"},
			Position{Rank: 5, SectionRanks: map[int64]int{1: 1}}, false},
		{"section gone", Condition{Kind: SectionRankAtMost, Threshold: 1, Scope: "经济运行"},
			Position{Rank: 5, SectionRanks: map[int64]int{0: 1}}, false},
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
			r.Flags = append(r.Flags, Rule{Name: "经济运行之星", When: []Condition{{Kind: SectionRankAtMost, Threshold: 1, Section: 1, Scope: "经济运行"}}})
		}, true},
		{"no flags at all", func(r *Rules) { r.Flags = nil }, true},
		{"empty flag name", func(r *Rules) { r.Flags[0].Name = "" }, false},
		{"empty warning name", func(r *Rules) { r.Warnings[0].Name = "" }, false},
		{"unknown kind", func(r *Rules) { r.Flags[1].When[0].Kind = "lucky" }, false},
		{"zero threshold", func(r *Rules) { r.Warnings[0].When[1].Threshold = 0 }, false},
		{"three quarter weights", func(r *Rules) { r.QuarterWeights = r.QuarterWeights[:3] }, false},
		{"bad layout", func(r *Rules) { r.Layout.Method = "random" }, false},
		{"stars for the top 3", func(r *Rules) { r.StarsTop = 3 }, true},
		{"stars for the top 1000", func(r *Rules) { r.StarsTop = 1000 }, true},
		{"stars top 1001", func(r *Rules) { r.StarsTop = 1001 }, false},
		{"red mark after 40 quarters", func(r *Rules) { r.RedMarkStreak = 40 }, true},
		{"red mark after 41 quarters", func(r *Rules) { r.RedMarkStreak = 41 }, false},
		{"negative red mark streak", func(r *Rules) { r.RedMarkStreak = -1 }, false},
		{"negative stars top", func(r *Rules) { r.StarsTop = -1 }, false},
		{"tier of 0", func(r *Rules) { r.Tiers[1].Size = 0 }, true},
		{"all tiers 0", func(r *Rules) { r.Tiers = []Tier{{"优秀", 0}, {"良好", 0}} }, false},
		{"negative tier", func(r *Rules) { r.Tiers[2].Size = -1 }, false},
		{"no tiers", func(r *Rules) { r.Tiers = nil }, true},
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

func TestStarsFor(t *testing.T) {
	tests := []struct {
		top, rank, n, want int
	}{
		{0, 1, 10, 10}, {0, 10, 10, 1}, {0, 3, 4, 2}, {0, 0, 10, 0},
		{3, 1, 10, 3}, {3, 3, 10, 1}, {3, 4, 10, 0}, {3, 10, 10, 0},
		{5, 1, 3, 5}, {5, 3, 3, 3}, // K > N: K − r + 1
		{1, 1, 10, 1}, {1, 2, 10, 0},
	}
	for _, tt := range tests {
		if got := (Rules{StarsTop: tt.top}).StarsFor(tt.rank, tt.n); got != tt.want {
			t.Errorf("StarsTop %d: StarsFor(%d, %d) = %d, want %d", tt.top, tt.rank, tt.n, got, tt.want)
		}
	}
}

// TestStarsTopJSON: rules stored before the setting existed decode to the
// default rule, and the default is not written.
func TestStarsTopJSON(t *testing.T) {
	var r Rules
	if err := json.Unmarshal([]byte(`{"flags":[],"quarter_weights":[10000,10000,10000,10000]}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.StarsTop != 0 {
		t.Errorf("old JSON: StarsTop = %d, want 0", r.StarsTop)
	}
	b, _ := json.Marshal(DefaultRules())
	if strings.Contains(string(b), "stars_top") {
		t.Errorf("default rules write stars_top: %s", b)
	}
	r = DefaultRules()
	r.StarsTop = 3
	b, _ = json.Marshal(r)
	var back Rules
	if err := json.Unmarshal(b, &back); err != nil || back.StarsTop != 3 {
		t.Errorf("round trip: %v, StarsTop %d", err, back.StarsTop)
	}
}

func TestParseQuarterWeights(t *testing.T) {
	w := func(ws ...Weight) []Weight { return ws }
	tests := []struct {
		in   string
		want []Weight
		err  string
	}{
		{"1 1 1 1", w(WeightOne, WeightOne, WeightOne, WeightOne), ""},
		{"1 1 2 2", w(WeightOne, WeightOne, 2*WeightOne, 2*WeightOne), ""},
		{"１　１　２　２", w(WeightOne, WeightOne, 2*WeightOne, 2*WeightOne), ""},
		{"1，1，1.5，0.5", w(WeightOne, WeightOne, 15000, 5000), ""},
		{"1、2、3、4", w(WeightOne, 2*WeightOne, 3*WeightOne, 4*WeightOne), ""},
		{" 1,  1 ,1 ,1 ", w(WeightOne, WeightOne, WeightOne, WeightOne), ""},
		{"1 1 1", nil, "这里有 3 个"},
		{"1 1 1 1 1", nil, "这里有 5 个"},
		{"", nil, "这里有 0 个"},
		{"1 1 -1 1", nil, "第3个季度权重必须大于 0"},
		{"1 1 1 －1", nil, "第4个季度权重必须大于 0"},
		{"0 0 0 0", nil, "第1个季度权重必须大于 0"},
		{"1 0 1 1", nil, "第2个季度权重必须大于 0"},
		{"1 1 x 1", nil, "第3个季度权重"},
		{"1 1 1 0.00001", nil, "最多 4 位小数"},
	}
	for _, tt := range tests {
		got, err := ParseQuarterWeights(tt.in)
		if tt.err == "" {
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("ParseQuarterWeights(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			continue
		}
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseQuarterWeights(%q) error = %v, want one saying %q", tt.in, err, tt.err)
		}
	}
}
