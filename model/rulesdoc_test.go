package model

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The parts of docs/rules.md between "<!-- generated: NAME -->" and
// "<!-- end generated -->" are written from the code, so the document
// cannot drift from what the code does.
var rulesDocBlocks = map[string]func() string{
	"defaults": docDefaults,
	"kinds":    docKinds,
	"needed":   docNeeded,
	"stars":    docStars,
	"seats":    docSeats,
}

var generatedBlock = regexp.MustCompile(`(?s)(<!-- generated: (\w+) -->\n)(.*?)(<!-- end generated -->)`)

// TestRulesDoc checks that docs/rules.md states the defaults, the
// condition kinds and the examples the code has; UPDATE_GOLDEN=1 rewrites
// its generated parts.
func TestRulesDoc(t *testing.T) {
	path := filepath.Join("..", "docs", "rules.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	seen := map[string]bool{}
	out := generatedBlock.ReplaceAllStringFunc(doc, func(m string) string {
		sm := generatedBlock.FindStringSubmatch(m)
		gen, ok := rulesDocBlocks[sm[2]]
		if !ok {
			t.Errorf("docs/rules.md: unknown generated part %q", sm[2])
			return m
		}
		seen[sm[2]] = true
		return sm[1] + gen() + sm[4]
	})
	for name := range rulesDocBlocks {
		if !seen[name] {
			t.Errorf("docs/rules.md lacks the generated part %q", name)
		}
	}
	if out == doc {
		return
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, want := strings.Split(doc, "\n"), strings.Split(out, "\n")
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("docs/rules.md line %d says\n  %s\nthe code gives\n  %s\n(UPDATE_GOLDEN=1 go test ./model -run TestRulesDoc rewrites it)", i+1, got[i], want[i])
		}
	}
	t.Fatalf("docs/rules.md is not current (UPDATE_GOLDEN=1 go test ./model -run TestRulesDoc rewrites it)")
}

// docDefaults is the table of what a fresh database starts with.
func docDefaults() string {
	r := DefaultRules()
	var b strings.Builder
	row := func(setting, field, value string) {
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", setting, field, value)
	}
	b.WriteString("| setting | field | default |\n|---|---|---|\n")
	row("quarter range (季度)", "MinQuarter, MaxQuarter", MinQuarter.String()+" to "+MaxQuarter.String())
	var secs []string
	for _, s := range DefaultSections() {
		secs = append(secs, fmt.Sprintf("%s (weight %s, maximum %s)", s.Name, s.Weight, s.Max))
	}
	row("sections of the first quarter (板块)", "DefaultSections", strings.Join(secs, ", "))
	a := DefaultAdjustment()
	row("adjustment (加减分)", "DefaultAdjustment", fmt.Sprintf("%s, %s to %s", a.Name, a.Min, a.Max))
	rules := func(rs []Rule) string {
		var out []string
		for _, rule := range rs {
			var cs []string
			for _, c := range rule.When {
				cs = append(cs, fmt.Sprintf("`%s` N = %d (%s)", c.Kind, c.Threshold, Rule{When: []Condition{c}}.ScreenText()))
			}
			out = append(out, fmt.Sprintf("**%s** (%s): %s", rule.Name, rule.Colour, strings.Join(cs, " or ")))
		}
		return strings.Join(out, "; ")
	}
	row("flags (红旗)", "Rules.Flags", rules(r.Flags))
	row("one flag per unit (一个区市只得一面红旗)", "Rules.OneFlagPerUnit", strconv.FormatBool(r.OneFlagPerUnit))
	row("warnings (警示)", "Rules.Warnings", rules(r.Warnings))
	row("红牌 after warnings in a row", "Rules.RedMarkStreak", fmt.Sprintf("%d (0 = no 红牌)", r.RedMarkStreak))
	row("stars for the top K (评星)", "Rules.StarsTop", fmt.Sprintf("%d (0 = every scored unit; at most %d)", r.StarsTop, MaxStarsTop))
	var tiers []string
	for _, t := range r.Tiers {
		tiers = append(tiers, fmt.Sprintf("%s %d", t.Name, t.Size))
	}
	row("annual tiers (年度等次)", "Rules.Tiers", strings.Join(tiers, ", ")+fmt.Sprintf(" (each 0 to %d, not all 0)", MaxTierSize))
	var ws []string
	for _, w := range r.QuarterWeights {
		ws = append(ws, w.String())
	}
	row("quarter weights of the annual score", "Rules.QuarterWeights", strings.Join(ws, " ")+" (Q1 to Q4, each > 0)")
	row("进位显著奖: annual rise of at least", "Rules.AnnualRise", fmt.Sprintf("%d places (0 = not awarded)", r.AnnualRise))
	l := r.Layout
	row("seating layout (座位)", "Rules.Layout", fmt.Sprintf("rows %d (as many as needed), seats per row %d (everyone in one row), method `%s`, OneOnLeft %t",
		l.Rows, l.PerRow, l.Method, l.OneOnLeft))
	row("committee (考核委员会, signs the bulletin)", "Rules.Committee", r.Committee)
	row("考核办法 (cited by the bulletin)", "Rules.Method", r.Method+" (cited with the quarter's year in front: "+r.MethodName(2023)+"; a name typed with a year is cited as typed, and a quarter taking it from another year, as a new quarter or from a rulebook file, renames that year)")
	row("anti-awards (反向奖, 蜗牛奖)", "Rules.AntiAwards", fmt.Sprintf("%d (none)", len(r.AntiAwards)))
	row("how a new rule's conditions combine (rule editor)", "Rule.Match", fmt.Sprintf("`%s`; a rule stored without it: `%s`", MatchAll, MatchAny))
	row("groups (组别)", "Rules.Groups", fmt.Sprintf("%d (one assessment of every unit)", len(r.Groups)))
	row("stars among all units when there are groups", "Rules.StarsAllUnits", strconv.FormatBool(r.StarsAllUnits))
	row("seat order group after group", "Rules.SeatByGroup", strconv.FormatBool(r.SeatByGroup))
	row("bulletin leaves out vetoed units (一票否决)", "Rules.HideVetoes", strconv.FormatBool(r.HideVetoes))
	row("annual score method (年度得分)", "Rules.AnnualMethod", fmt.Sprintf("`%s` (按比例 when the counted quarters' maxima differ, else the mean); a quarter stored without it: the mean", r.AnnualMethod))
	row("annual points per flag", "Rules.FlagPoints", fmt.Sprintf("%s (at most %s)", r.FlagPoints, MaxFlagPoints))
	row("presentation hides warnings and anti-awards (放映)", "Rules.PresentHideWarnings", strconv.FormatBool(r.PresentHideWarnings))
	d := r.Docs
	row("bulletin version (文件 / 简报)", "Docs.Version", VersionName(d.Version)+" (--version overrides it)")
	row("主送机关, 发文字号, 版记 (文件 only)", "Docs.Addressee, Number, CopyTo, Issuer", "none")
	row("stars grid total column (合计)", "Docs.StarsTotal", strconv.FormatBool(d.StarsTotal))
	row("约谈提醒/红牌 paragraph", "Docs.FileOmitsWarnings, BriefHasWarnings", fmt.Sprintf("in the 文件 %v, in the 简报 %v", d.Warnings(VersionFile), d.Warnings(VersionBrief)))
	row("order of speaking at the meeting (发言顺序)", "Docs.SpeakOrder", SpeakOrderName(d.SpeakOrder)+" (or 区市顺序, 座次倒序)")
	return b.String()
}

// docKinds is the table of condition kinds, from the registry.
func docKinds() string {
	var b strings.Builder
	b.WriteString("| kind | holds when | setup (设置) | flags screen, N = 2 | bulletin, N = 2 (N = 1) |\n|---|---|---|---|---|\n")
	// The example: N = 2, section 经济运行, score 90.5, looking back for 排名后 1 名.
	for _, s := range conditionSpecs {
		c := Condition{Kind: s.Kind, Threshold: 2, Scope: "经济运行", Score: 9050, Of: &Condition{Kind: InLast, Threshold: 1}}
		one := c
		one.Threshold = 1
		label, hint := c.SetupLabel()
		fmt.Fprintf(&b, "| `%s` | %s | %s (%s) | %s | %s (%s) |\n", s.Kind, s.Doc,
			label, hint, s.Screen(c), s.Bulletin(c), s.Bulletin(one))
	}
	return b.String()
}

// docNeeded is what the unit card and points needed say of each condition
// kind, from the registry: the inputs it explains, how it answers a rise
// of the unit's own scores, and what points needed means for it.
func docNeeded() string {
	var b strings.Builder
	b.WriteString("| kind | the card explains (example) | a rise of the unit's scores | points needed |\n|---|---|---|---|\n")
	last := Condition{Kind: InLast, Threshold: 1}
	p := Position{Rank: 3, FromBottom: 8, PrevRank: 6, Composite: CompositeOf(9235), Q: 2, Quarter: MustQuarter("2023Q2"),
		SectionRanks: map[int64]int{1: 2}, SectionScores: map[int64]Hundredths{1: 9250}, Past: []Position{{Rank: 10, FromBottom: 1}}}
	rises := map[int]string{1: "can make it hold, never stop", -1: "can make it stop, never hold", 0: "as `Of`"}
	for _, s := range conditionSpecs {
		c := Condition{Kind: s.Kind, Threshold: 2, Section: 1, Scope: "经济运行", Score: 9050, Of: &last}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", s.Kind, s.Explain(c, p), rises[s.Rises], s.Need)
	}
	return b.String()
}

// docStars gives the stars of ten units, with and without StarsTop.
func docStars() string {
	var b strings.Builder
	b.WriteString("| section rank | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, top := range []int{0, 3} {
		fmt.Fprintf(&b, "| stars, StarsTop = %d |", top)
		for rank := 1; rank <= 10; rank++ {
			fmt.Fprintf(&b, " %d |", Rules{StarsTop: top}.StarsFor(rank, 10))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// docSeats draws seating charts as Layout.Chart gives them.
func docSeats() string {
	var b strings.Builder
	b.WriteString("```\n")
	for _, c := range []struct {
		what string
		n    int
		l    Layout
	}{
		{"10 units, default (centre-out, one row)", 10, DefaultRules().Layout},
		{"9 units, default", 9, DefaultRules().Layout},
		{"10 units, OneOnLeft", 10, Layout{Method: CentreOut, OneOnLeft: true}},
		{"10 units, left to right", 10, Layout{Method: LeftToRight}},
		{"12 units, 2 rows of 7", 12, Layout{Rows: 2, PerRow: 7, Method: CentreOut}},
	} {
		chart, err := c.l.Chart(c.n)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, "%s:\n", c.what)
		for r, seats := range chart {
			fmt.Fprintf(&b, "  row %d: ", r+1)
			for _, s := range seats {
				if s == 0 {
					b.WriteString("  .")
				} else {
					fmt.Fprintf(&b, "%3d", s)
				}
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("```\n")
	return b.String()
}
