package ui

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestMarkWordsReadAsAMeetingSaysThem: a flag reads 红旗：勇当排头 (not
// 旗勇当排头), a warning 红牌：约谈提醒, stars 10星 (★10 in the fancy set; 10＊
// reads as a footnote mark), and the ascii set keeps the words (not RED).
func TestMarkWordsReadAsAMeetingSaysThem(t *testing.T) {
	glued := regexp.MustCompile(`(^|[^红])旗(勇当|排头|进位|赶超)`)
	for _, g := range []string{GlyphsDefault, GlyphsFancy, GlyphsASCII} {
		for _, size := range [][2]int{{80, 24}, {120, 35}, {240, 67}} {
			a := newTestApp(t, size[0], size[1], model.MustQuarter("2023Q4"), colorprofile.Ascii)
			a.glyphs = NewGlyphs(g)
			var all string
			for p := range pages {
				a.board.page = p
				all += plain(a) + "\n"
			}
			a.board.page = 0
			ranking := plain(a)
			for _, want := range []string{"红旗：勇当排头", "红牌：约谈提醒"} {
				if !strings.Contains(ranking, want) {
					t.Errorf("%s %v: the ranking lacks %q:\n%s", g, size, want, ranking)
				}
			}
			if m := glued.FindString(all); m != "" {
				t.Errorf("%s %v: a flag glued to its mark: %q", g, size, m)
			}
			for _, unwanted := range []string{"＊", "RED", " F ", "new"} {
				if strings.Contains(all, unwanted) {
					t.Errorf("%s %v: a page shows %q", g, size, unwanted)
				}
			}
			a.board.page = 1
			stars := plain(a)
			want := "10星"
			if g == GlyphsFancy {
				want = "★10"
			}
			if !strings.Contains(stars, want) || !strings.Contains(stars, "第 1 名 "+want) {
				t.Errorf("%s %v: the stars page lacks %q:\n%s", g, size, want, stars)
			}
		}
	}
}

// TestShortLabelsNameOneRuleEach: the defined short form of a flag is the
// last two characters of its words after 、 (排头, 赶超), the first two when
// those are shared, and longer only when both are.
func TestShortLabelsNameOneRuleEach(t *testing.T) {
	for _, tt := range []struct {
		name  string
		names []string
		want  map[string]string
	}{
		{"default flags", []string{model.FlagA, model.FlagB},
			map[string]string{model.FlagA: "排头", model.FlagB: "赶超"}},
		{"shared ending", []string{model.FlagA, model.FlagB, "稳中求进、后发赶超"},
			map[string]string{model.FlagA: "勇当", model.FlagB: "进位", "稳中求进、后发赶超": "后发"}},
		{"shared both", []string{"一、甲乙丙丁", "二、甲乙戊丙丁"},
			map[string]string{"一、甲乙丙丁": "乙丙丁", "二、甲乙戊丙丁": "戊丙丁"}},
		{"short names stay", []string{"红旗", "蓝旗"}, map[string]string{"红旗": "红旗", "蓝旗": "蓝旗"}},
		{"one warning", []string{model.WarningTo}, map[string]string{model.WarningTo: "提醒"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := shortLabels(tt.names); !maps.Equal(got, tt.want) {
				t.Errorf("shortLabels(%q) = %v, want %v", tt.names, got, tt.want)
			}
		})
	}
}

// hiddenCount reads the line that says how many units are hidden above
// and below.
func hiddenCount(t *testing.T, frame string) (above, below int) {
	t.Helper()
	for _, m := range regexp.MustCompile(`(上面|下面)还有 (\d+) (个区市|个、)`).FindAllStringSubmatch(frame, -1) {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "上面" {
			above = n
		} else {
			below = n
		}
	}
	return above, below
}

// TestYearPageCountsHiddenUnits: at 80×24 the annual table does not fit
// under the chart; the page says how many units are below and how to
// scroll, and the count follows the scrolling (it hid 3 silently).
func TestYearPageCountsHiddenUnits(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	a.board.page = 4
	frame := plain(a)
	lines := strings.Split(frame, "\n")
	shown := 0
	for _, u := range model.QingdaoUnits() {
		if yearTableRow(lines, u.Short) >= 0 || yearTableRow(lines, u.Name) >= 0 {
			shown++
		}
	}
	_, below := hiddenCount(t, frame)
	if shown == 10 || below != 10-shown || !strings.Contains(frame, "上下键") {
		t.Fatalf("%d of 10 rows shown, the page says %d are below:\n%s", shown, below, frame)
	}
	checkFits(t, a)
	for range 10 {
		press(a, "down")
	}
	frame = plain(a)
	if above, below := hiddenCount(t, frame); above != 10-shown || below != 0 {
		t.Errorf("scrolled to the end: %d above, %d below, want %d and 0:\n%s", above, below, 10-shown, frame)
	}
}

// TestWrappedUnitsScrollWhole: on a low screen where units' marks take two
// lines, a unit is never split by the bottom edge or by scrolling, and the
// hidden count adds up.
func TestWrappedUnitsScrollWhole(t *testing.T) {
	a := New(twoFlagsFake(), Options{Quarter: model.MustQuarter("2023Q4"), Profile: colorprofile.Ascii})
	a.Update(sizeMsg(80, 16))
	loadNow(t, a, model.MustQuarter("2023Q4"))
	r := a.current()
	for step := 0; step < 12; step++ {
		frame := plain(a)
		lines := strings.Split(frame, "\n")
		shown := 0
		for _, s := range r.Standings {
			i := findLine(lines, " "+s.Unit.Label()+" ")
			if i < 0 {
				continue
			}
			shown++
			if want := wantMarks(s, r); !hasAll(strings.Join(lines[i:min(i+2, len(lines))], "\n"), want) {
				t.Errorf("step %d: %s split or cut (%v):\n%s", step, s.Unit.Name, want, frame)
			}
		}
		above, below := hiddenCount(t, frame)
		if shown+above+below != len(r.Standings) {
			t.Errorf("step %d: %d shown + %d above + %d below != %d units:\n%s", step, shown, above, below, len(r.Standings), frame)
		}
		checkFits(t, a)
		press(a, "down")
	}
}

// TestIncompleteNoteWhole: the line over a provisional ranking lists as
// many missing scores as fit, each whole (at 80 columns it ended in
// “市南区/城”), on the board and in presentation, and so does entry's
// summary (it ended in “等共 5”).
func TestIncompleteNoteWhole(t *testing.T) {
	f := storedFake()
	q := model.MustQuarter("2023Q4")
	d := f.qdata[q]
	d.Scores = map[model.ScoreKey]model.Hundredths{} // 市南区/经济运行 alone: the long names come first
	d.Scores[model.ScoreKey{Unit: d.Units[0].ID, Section: d.Sections[0].ID}] = 9000
	for _, u := range d.Units[1:3] {
		for _, s := range d.Sections {
			d.Scores[model.ScoreKey{Unit: u.ID, Section: s.ID}] = 9000
		}
	}
	f.qdata[q] = d
	f.results = model.ComputeSeries(slices.SortedFunc(maps.Values(f.qdata), func(a, b model.QuarterData) int { return a.Quarter.Compare(b.Quarter) }))
	for _, present := range []bool{false, true} {
		a := appOn(t, f, 80, 24, q)
		presenting(a, present)
		if note := shownLine(a, "不评红旗和警示"); !strings.HasSuffix(note, "项") {
			t.Errorf("present %v: note %q", present, note)
		}
	}
	a := appOn(t, f, 80, 24, q) // entry's summary under the grid
	openEntry(t, a)
	if summary := shownLine(a, "还缺"); !strings.HasSuffix(summary, "项") {
		t.Errorf("entry: %q", summary)
	}
}

// shownLine is the line of a's frame holding sub, trimmed ("" for none).
func shownLine(a *App, sub string) string {
	lines := strings.Split(plain(a), "\n")
	if i := findLine(lines, sub); i >= 0 {
		return strings.TrimSpace(lines[i])
	}
	return ""
}
