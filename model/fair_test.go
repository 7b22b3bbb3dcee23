package model

import (
	"strings"
	"testing"
)

// ftYear is a year of two units whose first two quarters have three
// sections (maximum 300) and last two four (400): unit 1 scores 95% then
// 75%, unit 2 70% then 95%, so the plain mean puts unit 2 first (the
// four-section quarters weigh more) and 按比例 unit 1.
func ftYear(rules Rules) []Result {
	var ds []QuarterData
	for q := 1; q <= 4; q++ {
		n, pct := 3, [2]Hundredths{9500, 7000}
		if q > 2 {
			n, pct = 4, [2]Hundredths{7500, 9500}
		}
		names := []string{"经济运行", "项目签约落地", "城市更新建设", "优化营商环境"}[:n]
		grid := [][]Hundredths{make([]Hundredths, n), make([]Hundredths, n)}
		for j := range n {
			grid[0][j], grid[1][j] = pct[0], pct[1]
		}
		d := ctGrid("2023Q"+string(rune('0'+q)), ctUnits(2), ctSections(names, nil), grid)
		d.Adjustments = nil // the maximum is the sections' alone
		d.Rules = rules
		ds = append(ds, d)
	}
	return ComputeSeries(ds)
}

func ftFirst(a Annual) int64 { return a.Rows[0].Unit.ID }

// TestFairAnnualScores: with maxima that differ, the default method is
// 按比例 (each composite as a percentage of its quarter's maximum, then the
// weighted mean), said on the year page; the plain mean stays available,
// and is what rules stored before the setting get; with equal maxima the
// default is the mean; each flag may add points.
func TestFairAnnualScores(t *testing.T) {
	auto := DefaultRules()
	a := AnnualView(2023, ftYear(auto), nil)
	if a.Method != AnnualPercent || ftFirst(a) != 1 || a.Rows[0].ScoreRounded() != 8500 || a.Rows[1].ScoreRounded() != 8250 {
		t.Fatalf("auto: %s, first %d, scores %s %s", a.Method, ftFirst(a), a.Rows[0].ScoreRounded(), a.Rows[1].ScoreRounded())
	}
	if got := a.MethodText(false); !strings.Contains(got, "按比例") {
		t.Errorf("method text %q", got)
	}
	mean := auto
	mean.AnnualMethod = AnnualMean
	if a := AnnualView(2023, ftYear(mean), nil); a.Method != AnnualMean || ftFirst(a) != 2 || a.Rows[0].ScoreRounded() != 29500 {
		t.Fatalf("mean: %s, first %d, %s", a.Method, ftFirst(a), a.Rows[0].ScoreRounded())
	}
	old := auto
	old.AnnualMethod = ""
	if a := AnnualView(2023, ftYear(old), nil); a.Method != AnnualMean || ftFirst(a) != 2 || !strings.Contains(a.MethodText(false), "加权平均") {
		t.Fatalf("stored before the setting: %q, first %d", a.Method, ftFirst(a))
	}
	// Equal maxima: the mean.
	var same []QuarterData
	for q := 1; q <= 4; q++ {
		d := ctQuarter("2023Q"+string(rune('0'+q)), 90, 80)
		same = append(same, d)
	}
	if a := AnnualView(2023, ComputeSeries(same), nil); a.Method != AnnualMean {
		t.Fatalf("equal maxima: %s", a.Method)
	}
	// Points per flag: unit 2 took flag A's… both hold flag A (two units,
	// top 2) every quarter: 4 flags × 1.5 points.
	pts := auto
	pts.FlagPoints = 150
	a = AnnualView(2023, ftYear(pts), nil)
	if a.Rows[0].ScoreRounded() != 8500+600 || !strings.Contains(a.MethodText(false), "每面红旗加 1.5 分") {
		t.Fatalf("flag points: %s %q", a.Rows[0].ScoreRounded(), a.MethodText(false))
	}
	bad := auto
	bad.AnnualMethod = "median"
	if bad.Validate() == nil {
		t.Error("an unknown method was accepted")
	}
	bad = auto
	bad.FlagPoints = -1
	if bad.Validate() == nil {
		t.Error("negative flag points were accepted")
	}
}
