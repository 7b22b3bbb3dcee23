package main

import (
	"path/filepath"
	"strings"
	"testing"

	"starflag/internal/golden"
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
