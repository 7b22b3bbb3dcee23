package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSetupFollowsARulesImportInTmux: the rule editor open in a dashboard
// shows a rulebook another process imports into its quarter, and a field
// saved there afterwards keeps what the import wrote (it used to write its
// stale copy back: N = 2 again).
func TestSetupFollowsARulesImportInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped with -short")
	}
	dir := t.TempDir()
	path := demoFile(t, dir)
	book := filepath.Join(dir, "办法.toml")
	mustRun(t, "--db", path, "rules", "export", "--quarter", "2023Q4", "-o", book)
	s := startTmux(t, 100, 30, "--db", path)
	s.waitFor("5 年度", "西海岸新区")
	s.keys("s")
	s.waitFor("1 区市")
	s.keys("7")
	s.waitFor("综合排名前 N 名             N = 2")
	data, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, []byte(strings.Replace(string(data), "n = 2\n", "n = 3\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", path, "rules", "import", "--quarter", "2023Q4", book)
	s.waitFor("综合排名前 N 名             N = 3")
	s.keys("Down", "Down", "Down", "Down", "Right", "Right", "Enter") // the second rule's N
	s.waitFor("修改条件1的 N")
	s.keys("C-u")
	s.typeEnter("4")
	s.waitFor("已保存条件1的 N")
	s.quit()
	out := mustRun(t, "--db", path, "rules", "--quarter", "2023Q4").stdout
	if !strings.Contains(out, "综合排名前 3 名") || !strings.Contains(out, "4 位及以上") {
		t.Errorf("the import's N = 3 or the saved N = 4 is lost:\n%s", out)
	}
}
