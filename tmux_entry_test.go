package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"starflag/internal/golden"
)

// TestTypeAWholeQuarterInTmux types 2023Q1 (ten units × three sections and
// the adjustments of testdata/cli/2023Q1.csv) into a fresh database with the
// keyboard, one value in full-width digits and one refused first, then
// checks `starflag export ranking` against the ranking the same values give
// when imported.
func TestTypeAWholeQuarterInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("tmux end-to-end test skipped with -short")
	}
	src, err := os.ReadFile("testdata/cli/2023Q1.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "typed.db")
	s := startTmux(t, 100, 30, "--db", db, "--quarter", "2023Q1")
	s.waitFor("2023Q1 还没有得分")
	s.keys("e")
	s.waitFor("新建并开始录入")
	s.keys("Enter")
	s.waitFor("录入 2023Q1", "市南", "经济运行")
	last := ""
	for i, row := range rows[1:] {
		for j, v := range row[1:] {
			switch {
			case i == 4 && j == 0: // 西海岸新区/经济运行 typed with a Chinese input method
				s.tmux("send-keys", "-l", strings.NewReplacer("9", "９", "5", "５", ".", "．").Replace(v))
			case i == 2 && j == 1: // 李沧区/项目签约落地: a slip first, refused and not saved
				s.tmux("send-keys", "-l", "820")
				s.keys("Tab")
				s.waitFor("超过满分", "未保存")
				s.tmux("send-keys", "-l", v)
			default:
				s.tmux("send-keys", "-l", v)
			}
			s.keys("Tab")
			if v != "" {
				last = row[0] + "/" + rows[0][j+1] + " "
			}
		}
	}
	s.waitFor("已保存 " + last)
	s.keys("Escape")
	s.waitFor("5 年度")
	s.keys("q")
	if code := s.exitCode(); code != "0" {
		t.Fatalf("exit status %s", code)
	}
	r := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1")
	golden.Equal(t, "testdata/cli/expected/2023Q1-ranking.csv", []byte(r.stdout)) // typed as imported
}
