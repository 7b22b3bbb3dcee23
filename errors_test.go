package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"starflag/model"
)

// TestErrorsOnTheCommandLine: an error of every code reads as its sentence,
// without the code's word or its cause's text, and every advice is the
// command to run, word for word as the command line said it when the
// advice was part of the store's and model's sentences.
func TestErrorsOnTheCommandLine(t *testing.T) {
	for _, code := range model.Codes {
		err := fmt.Errorf("未保存：%w", &model.Error{Code: code, Message: "2023Q2 不行", Err: errors.New("disk I/O error")})
		if got := userMessage(err); got != "未保存：2023Q2 不行" {
			t.Errorf("%v: the command line says %q", code, got)
		}
	}
	want := map[model.Advice]string{
		model.UnlockToEdit:      "；如需修改，先用 starflag unlock --quarter 2023Q2 解锁",
		model.UnlockToRepublish: "；如确需修改，先解锁（starflag unlock --quarter 2023Q2）",
		model.UnlockToImport:    "（先用 starflag unlock --quarter 2023Q2 解锁）",
		model.CheckDatabase:     "；可用 starflag check 检查",
		model.CheckAfterRoom:    "，仍不行再用 starflag check 检查",
	}
	for _, a := range model.Advices {
		err := model.Errorf(model.ErrLocked, "句子").Advise(a, model.MustQuarter("2023Q2"))
		if got := userMessage(err); got != "句子"+want[a] || want[a] == "" {
			t.Errorf("advice %d: the command line says %q, want %q", a, got, "句子"+want[a])
		}
	}
}

// TestLockedRefusalsNameTheUnlockCommand: the refusals of a locked quarter
// on the command line, whole: an import into it, an edit of it, and an
// edit that would change what it published.
func TestLockedRefusalsNameTheUnlockCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "testdata/cli/2023Q2.csv")
	mustRun(t, "--db", db, "lock", "--quarter", "2023Q2")
	mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	zero := filepath.Join(dir, "z.csv")
	if err := os.WriteFile(zero, []byte("区市,经济运行\n市南区,0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	refused := func(want string, args ...string) {
		t.Helper()
		if r := starflag(t, append([]string{"--db", db}, args...)...); r.code != 1 || r.stderr != "starflag： "+want+"\n" {
			t.Errorf("starflag %s: exit %d, stderr\n%s\nwant\n%s", strings.Join(args, " "), r.code, r.stderr, want)
		}
	}
	refused("导入被拒绝，没有写入任何数据（1 个问题）：\n  z.csv：2023Q1 已定稿，不能导入（先用 starflag unlock --quarter 2023Q1 解锁）",
		"import", "--quarter", "2023Q1", zero)
	refused("2023Q1 已定稿，不能修改；如需修改，先用 starflag unlock --quarter 2023Q1 解锁",
		"commend", "--quarter", "2023Q1", "--unit", "市南区", "好")
	mustRun(t, "--db", db, "unlock", "--quarter", "2023Q1")
	refused("2023Q2 已定稿，这次修改会改变已发布的结果（名次、位次变化、红旗、警示、评星或座次），没有保存；如确需修改，先解锁（starflag unlock --quarter 2023Q2）",
		"import", "--quarter", "2023Q1", zero)
}
