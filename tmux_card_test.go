package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// reverse is the escape sequence that turns reverse video on (tmux may
// join it with others: \x1b[0;7m).
var reverse = regexp.MustCompile(`\x1b\[([0-9]+;)*7m`)

// TestCardAndWhatIfInTmux drives the unit card and the what-if in the
// built binary at 80×24: the highlight reaches the terminal in reverse
// video, Enter opens the card, w the what-if, a slip typed with a
// full-width digit is refused, a value is assumed and dropped, and in
// presentation the card opens large; the program quits cleanly.
func TestCardAndWhatIfInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped with -short")
	}
	s := startTmux(t, 80, 24, "--demo")
	s.waitFor("5 年度", "红牌：约谈提醒")
	s.keys("Down", "Down")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if esc := s.tmux("capture-pane", "-p", "-e"); reverse.MatchString(lineWith(esc, "西海岸新区")) {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("the highlighted unit is not in reverse video:\n%q", lineWith(esc, "西海岸新区"))
		}
	}
	s.keys("Enter")
	s.waitFor("区市卡片  西海岸新区", "综合得分构成")
	s.keys("w")
	s.waitFor("假设（未保存）", "西海岸新区 的得分")
	s.typeEnter("９o.5")
	s.waitFor("“9o.5”未采用")
	s.typeEnter("99")
	s.waitFor("92.71 改为 99.00", "西海岸新区：第 2 名升至第 1 名")
	s.keys("Escape")
	s.waitFor("已放弃假设", "区市卡片  西海岸新区")
	// Esc is sent alone: Esc and the next key together read as Alt+key.
	s.keys("Escape")
	s.waitFor("5 年度")
	s.keys("Escape")
	s.waitGone("已放弃假设")
	s.keys("p")
	s.waitFor("2023年四季度  综合排名")
	s.keys("Down", "Enter")
	s.waitFor("市南区  2023年四季度  区市卡片", "红旗“真抓实干、勇当排头”：综合排名第 1 名")
	s.keys("Escape")
	s.waitFor("选中：市南区")
	s.keys("Escape")
	s.waitGone("选中：市南区")
	s.quit()
}

// TestWhatIfFollowsAnotherProcessInTmux: while a what-if is open in the
// built binary, another process imports a score of its quarter. The
// dashboard sees the commit (its poll), the what-if's 实际 and its
// comparison take the saved value, the status says another window saved,
// and the card it returns to shows the saved value; the assumed value
// stays assumed.
func TestWhatIfFollowsAnotherProcessInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped with -short")
	}
	dir := t.TempDir()
	path := demoFile(t, dir)
	s := startTmux(t, 100, 30, "--db", path)
	s.waitFor("5 年度", "西海岸新区")
	s.keys("Down", "Down", "Enter")
	s.waitFor("区市卡片  西海岸新区")
	s.keys("w")
	s.waitFor("西海岸新区 的得分")
	s.typeEnter("95")
	s.waitFor("92.71 改为 95.00")
	csv := filepath.Join(dir, "one.csv")
	if err := os.WriteFile(csv, []byte("区市,经济运行\n西海岸新区,99\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", path, "import", "--quarter", "2023Q4", csv)
	s.waitFor("99.00 改为 95.00", "实际   99.00  假设   95.00", "其他窗口保存了 2023Q4")
	s.keys("Escape")
	s.waitFor("经济运行 99.00 × 1 = 99.00")
	s.quit()
}
