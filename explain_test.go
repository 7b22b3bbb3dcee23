package main

import (
	"encoding/csv"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"starflag/internal/golden"
	"starflag/model"
)

// TestExplainNeededWhatIfCommands: on the demo's 2023Q4, `explain` prints
// 平度市's card (text, Markdown, CSV), `needed` 即墨区's least points and
// `whatif` the ranking export of a hypothetical quarter, each equal to its
// expected file; the what-if moves 即墨区 up, and 平度市 rises four places
// to a flag and out of the warning, which passes to 城阳区.
func TestExplainNeededWhatIfCommands(t *testing.T) {
	for _, f := range []string{"txt", "md", "csv"} {
		r := mustRun(t, "--demo", "explain", "--quarter", "2023Q4", "--unit", "平度", "--format", f)
		golden.Check(t, "testdata/cli/expected/demo-2023Q4-explain."+f, []byte(r.stdout))
	}
	r := mustRun(t, "--demo", "needed", "--quarter", "2023Q4", "--unit", "即墨区", "--format", "csv")
	golden.Check(t, "testdata/cli/expected/demo-2023Q4-needed.csv", []byte(r.stdout))
	if !strings.HasPrefix(r.stdout, "\ufeff目标,板块,最少加分\r\n") || !strings.Contains(r.stdout, "红旗“真抓实干、勇当排头”,综合,25.08\r\n") {
		t.Errorf("needed:\n%s", r.stdout)
	}
	r = mustRun(t, "--demo", "whatif", "--quarter", "2023Q4", "--set", "即墨区/经济运行=100", "--set", "平度/城市更新建设=100", "--set", "平度/经济运行=95", "--format", "csv")
	golden.Check(t, "testdata/cli/expected/demo-2023Q4-whatif.csv", []byte(r.stdout))
	real := mustRun(t, "--demo", "export", "ranking", "--quarter", "2023Q4").stdout
	if head := func(s string) string { return strings.SplitN(s, "\r\n", 2)[0] }; head(r.stdout) != head(real) {
		t.Errorf("whatif's columns %q differ from the ranking export's %q", head(r.stdout), head(real))
	}
	for _, want := range []string{"2023Q4,3,即墨区,356.07,0,,\r\n", "2023Q4,5,平度市,348.85,+4,加压奋进、进位赶超,\r\n", "城阳区,337.26,-1,,约谈提醒\r\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("whatif lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestWhatIfNeverWrites: explain, needed and whatif only read: the
// database's folder (the file, its -wal and -shm) is byte for byte as
// before, and the stored ranking is the real one.
func TestWhatIfNeverWrites(t *testing.T) {
	db := soundDB(t)
	mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv")
	before := dirState(t, filepath.Dir(db))
	ranking := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2").stdout
	mustRun(t, "--db", db, "whatif", "--quarter", "2023Q2", "--set", "平度市/经济运行=100", "--set", "莱西/项目签约落地=0")
	mustRun(t, "--db", db, "explain", "--quarter", "2023Q2", "--unit", "平度市")
	mustRun(t, "--db", db, "needed", "--quarter", "2023Q2", "--unit", "平度市")
	sameDir(t, before, dirState(t, filepath.Dir(db)))
	if after := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q2").stdout; after != ranking {
		t.Errorf("the stored ranking changed:\n%s\nwas\n%s", after, ranking)
	}
}

// TestExplainCommandsRefuse: a usage mistake exits 2, a refused value or
// unit 1, each with a Chinese sentence naming what is wrong.
func TestExplainCommandsRefuse(t *testing.T) {
	db := soundDB(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"explain", "--quarter", "2023Q1"}, 2, "--unit"},
		{[]string{"explain", "--unit", "平度市"}, 2, "--quarter"},
		{[]string{"explain", "--quarter", "2023Q1", "--unit", "平度市", "--format", "html"}, 2, "txt、md 或 csv"},
		{[]string{"needed", "--quarter", "2023Q1", "--unit", "青岛"}, 1, "青岛"},
		{[]string{"needed", "--quarter", "2023Q3", "--unit", "平度市"}, 1, "2023Q3"},
		{[]string{"whatif", "--quarter", "2023Q1"}, 2, "--set"},
		{[]string{"whatif", "--quarter", "2023Q1", "--set", "平度市经济运行=90"}, 1, "区市/板块=分数"},
		{[]string{"whatif", "--quarter", "2023Q1", "--set", "平度市/经济运行=120"}, 1, "超出范围"},
		{[]string{"whatif", "--quarter", "2023Q1", "--set", "平度市/民生=90"}, 1, "民生"},
		{[]string{"whatif", "--quarter", "2023Q1", "--set", "平度市/经济运行=9o"}, 1, "9o"},
		// Which of several values is out of range: the unit is named.
		{[]string{"whatif", "--quarter", "2023Q1", "--set", "平度市/经济运行=90", "--set", "莱西/经济运行=120"}, 1, "莱西市/经济运行 的值 120.00 超出范围"},
		// A quarter not created yet has no scores to assume (its inherited
		// sections were taken for an adjustment item: “群众满意度加分 的值
		// 88.00 超出范围”).
		{[]string{"whatif", "--quarter", "2099Q4", "--set", "平度市/经济运行=88"}, 1, "2099Q4 还没有任何得分"},
		{[]string{"whatif", "--quarter", "2099Q4", "--set", "平度市/群众满意度加分=1"}, 1, "2099Q4 还没有任何得分"},
		// A card of a quarter without a score (a mistyped year) is refused
		// as needed refuses it, not printed blank with exit 0.
		{[]string{"explain", "--quarter", "2099Q4", "--unit", "平度市"}, 1, "2099Q4 还没有任何得分"},
		{[]string{"whatif", "--quarter", "2023Q1", "--set", "平度市/经济运行=90", "--format", "xlsx"}, 2, "csv、md、txt 或 html"},
	} {
		r := starflag(t, append([]string{"--db", db}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("%v: exit %d (want %d), stderr %q (want %q), stdout %q", tc.args, r.code, tc.code, r.stderr, tc.want, r.stdout)
		}
	}
}

// commandRows runs the binary and reads its CSV output (after the BOM).
func commandRows(t *testing.T, args ...string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(mustRun(t, args...).stdout, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestNeededAgreesWithWhatIf: on the demo's 2023Q4, for every unit and
// every flag or warning that `needed` says some points of one section
// reach, `whatif` with the section raised by that amount gives the unit
// the flag (or takes the warning away) in its ranking export, and 0.01
// less does not: the two commands agree through the files a user reads.
func TestNeededAgreesWithWhatIf(t *testing.T) {
	db := demoFile(t, t.TempDir())
	q := "2023Q4"
	scores := map[[2]string]model.Hundredths{}
	for _, r := range commandRows(t, "--db", db, "export", "stars", "--quarter", q)[1:] {
		v, err := model.ParseHundredths(r[3])
		if err != nil {
			t.Fatal(err)
		}
		scores[[2]string{r[1], r[2]}] = v
	}
	holds := func(unit, section string, v model.Hundredths, target string) bool {
		t.Helper()
		for _, r := range commandRows(t, "--db", db, "whatif", "--quarter", q, "--set", unit+"/"+section+"="+v.String())[1:] {
			if r[2] != unit {
				continue
			}
			name := strings.TrimSuffix(strings.SplitN(target, "“", 2)[1], "”")
			if strings.HasPrefix(target, "红旗") {
				return slices.Contains(strings.Split(r[5], "；"), name)
			}
			return !strings.Contains(r[6], name)
		}
		t.Fatalf("no row of %s", unit)
		return false
	}
	checked := 0
	for _, u := range model.QingdaoUnits() {
		for _, n := range commandRows(t, "--db", db, "needed", "--quarter", q, "--unit", u.Name)[1:] {
			target, section, amount := n[0], n[1], n[2]
			if section == model.CompositeLever || !strings.Contains(target, "“") {
				continue
			}
			x, err := model.ParseHundredths(amount)
			if err != nil {
				continue // 已达到, 无法达到
			}
			base := scores[[2]string{u.Name, section}]
			if !holds(u.Name, section, base+x, target) || holds(u.Name, section, base+x-1, target) {
				t.Errorf("%s %s through %s: needed says %s, whatif disagrees", u.Name, target, section, amount)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d amounts checked", checked)
	}
}
