package main

import (
	"strings"
	"testing"

	"starflag/model"
)

// TestVetoCommand: `starflag veto` records a unit's 一票否决: the ranking
// export appends the reason in a 一票否决 column and the unit keeps its
// rank without its flag; "" removes it; an unknown unit is refused.
func TestVetoCommand(t *testing.T) {
	db := soundDB(t)
	r := mustRun(t, "--db", db, "veto", "--quarter", "2023Q1", "--unit", "市南", "发生重大安全生产事故")
	if !strings.Contains(r.stdout, "已记录 2023Q1 市南区一票否决") {
		t.Errorf("veto output: %s", r.stdout)
	}
	out := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1").stdout
	lines := strings.Split(strings.TrimPrefix(out, "\ufeff"), "\r\n")
	if lines[0] != "季度,名次,区市,综合得分,位次变化,红旗,警示,一票否决" {
		t.Fatalf("header %q", lines[0])
	}
	for _, l := range lines[1:] {
		if strings.Contains(l, "市南区") && (!strings.HasSuffix(l, ",发生重大安全生产事故") || strings.Contains(l, "勇当排头")) {
			t.Errorf("市南区's row %q", l)
		}
	}
	if r := starflag(t, "--db", db, "veto", "--quarter", "2023Q1", "--unit", "青岛", "x"); r.code != 1 || !strings.Contains(r.stderr, "青岛") {
		t.Errorf("an unknown unit: exit %d %s", r.code, r.stderr)
	}
	mustRun(t, "--db", db, "veto", "--quarter", "2023Q1", "--unit", "市南区", "")
	out = mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1").stdout
	if strings.Contains(out, "一票否决") {
		t.Errorf("after removing the veto:\n%s", out)
	}
}

// TestTalkCommand: `starflag talk` records the 约谈 of a warned unit, even
// in a locked quarter; the year export then lists it; a unit without a
// warning is refused.
func TestTalkCommand(t *testing.T) {
	db := soundDB(t)
	mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	ranking := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1").stdout
	warned := ""
	for _, l := range strings.Split(ranking, "\r\n") {
		if strings.Contains(l, "约谈提醒") {
			warned = strings.Split(l, ",")[2]
			break
		}
	}
	r := mustRun(t, "--db", db, "talk", "--quarter", "2023Q1", "--unit", warned, "--date", "2023-04-10", "市委常委约谈")
	if !strings.Contains(r.stdout, "已记录 2023Q1 "+warned+"的约谈（2023-04-10）") {
		t.Errorf("talk output: %s", r.stdout)
	}
	year := mustRun(t, "--db", db, "export", "year", "--year", "2023").stdout
	if !strings.Contains(year, ",警示季度数,约谈") || !strings.Contains(year, ",1,2023-04-10") {
		t.Errorf("year export:\n%s", year)
	}
	if r := starflag(t, "--db", db, "talk", "--quarter", "2023Q1", "--unit", "市南区", ""); r.code != 1 || !strings.Contains(r.stderr, "没有警示") {
		t.Errorf("a unit without a warning: exit %d %s", r.code, r.stderr)
	}
}

// TestRulesCommand: `starflag rules` prints each rule in the words of the
// flags page's legend and of the bulletin (one descriptor, three uses), and
// the other settings.
func TestRulesCommand(t *testing.T) {
	db := soundDB(t)
	out := mustRun(t, "--db", db, "rules", "--quarter", "2023Q1").stdout
	for _, w := range model.DefaultRules().Words() {
		for _, want := range []string{w.Kind.Name() + "「" + w.Name + "」（" + w.Colour + "）", "看板：" + w.Legend(), "通报：" + w.BulletinWords()} {
			if !strings.Contains(out, want) {
				t.Errorf("rules output lacks %q:\n%s", want, out)
			}
		}
	}
	for _, want := range []string{"排名后 2 位或位次下降 3 位及以上", "综合成绩位列后2名或位次较上季度后退3位及以上", "红牌：连续 2 个季度受警示记红牌", "加减分：群众满意度加分"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules output lacks %q", want)
		}
	}
	// The bulletin says the same words: its warnings paragraph gives the
	// rule's words (its flag sentence gives the places and the rises,
	// as the published bulletins do).
	flags := mustRun(t, "--db", db, "export", "bulletin", "--quarter", "2023Q1", "--format", "txt").stdout
	if !strings.Contains(flags, "综合成绩位列后2名或位次较上季度后退3位及以上，予以约谈提醒") {
		t.Errorf("bulletin:\n%s", flags)
	}
	if r := starflag(t, "--db", db, "rules"); r.code != 2 {
		t.Errorf("rules without --quarter: exit %d", r.code)
	}
}
