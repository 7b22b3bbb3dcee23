package exchange

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"starflag/model"
)

// trickyNames are names that width tables disagree on: Chinese, full-width
// punctuation and digits, emoji, a ZWJ family (SafeText leaves its three
// people), a skin tone, a flag and a lone regional indicator, the
// ambiguous-width ★ ▲ …, combining marks, conjoining Hangul jamo, and
// symbols Unicode 16 made wide (trigram, hexagram, Tai Xuan Jing).
var trickyNames = []string{
	"市南区", "（＊）：", "９５．５", "“摘星”", "🎉", "👨\u200d👩\u200d👧", "❤\ufe0f", "👍🏽", "🇨🇳", "🇨",
	"★▲", "…·—", "e\u0301", "市\u0301\u0302", "ᄒ\u1161", "☰", "䷀", "𝌀",
}

// TestTextExportAlignsAsTheScreenMeasures: the aligned text export measures
// every name as the dashboard's screens do (lipgloss.Width), so its columns
// line up where the screen's do. With its own width table (model.Width) it
// counted a skin tone, conjoining jamo, a lone regional indicator and the
// newly wide symbols differently, and their rows were shifted.
func TestTextExportAlignsAsTheScreenMeasures(t *testing.T) {
	rows := make([][]model.Cell, 0, len(trickyNames))
	for _, s := range trickyNames {
		for _, shown := range []string{s, model.SafeText(s)} {
			if got, want := width(shown), lipgloss.Width(shown); got != want {
				t.Errorf("width(%q) = %d, the screen's %d", shown, got, want)
			}
		}
		rows = append(rows, []model.Cell{{Text: s}, {Text: "90.00", Num: true}, {Text: "甲"}})
	}
	out, err := Render(Document{Kind: model.ExportRanking, Table: model.Table{Kind: model.ExportRanking.Name, Header: []string{"区市", "得分", "备注"}, Rows: rows}}, Text)
	if err != nil {
		t.Fatal(err)
	}
	// The last column starts in the same screen column on every line.
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	at := func(l string) int { return lipgloss.Width(l[:strings.LastIndex(l, "  ")+2]) }
	for _, l := range lines {
		if at(l) != at(lines[0]) {
			t.Errorf("the screen puts the last column of %q at %d, of the header at %d:\n%s", l, at(l), at(lines[0]), out)
		}
	}
}

// TestCheckNameBoundsTheScreenWidth: a name CheckName lets through within a
// limit is no wider on screen than that limit: its bound (model keeps to
// the standard library and does not measure) is never below the screen's
// width, and equals it for Chinese and ASCII.
func TestCheckNameBoundsTheScreenWidth(t *testing.T) {
	for _, s := range append(trickyNames, "西海岸新区", "Laoshan 崂山") {
		name, err := model.CheckName("名称", s, 1<<20)
		if err != nil {
			t.Fatalf("CheckName(%q): %v", s, err)
		}
		w := lipgloss.Width(name)
		if _, err := model.CheckName("名称", name, w-1); err == nil {
			t.Errorf("CheckName(%q) allows %d cells, the screen draws %d", name, w-1, w)
		}
	}
	for _, s := range []string{"西海岸新区", "市南区 2", "Laoshan 崂山"} {
		if _, err := model.CheckName("名称", s, lipgloss.Width(s)); err != nil {
			t.Errorf("CheckName(%q) refuses its own width %d: %v", s, lipgloss.Width(s), err)
		}
	}
}
