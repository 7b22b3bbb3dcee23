package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"starflag/office/officetest"
)

// TestHostileNamesOnTheCommandLine: the command line prints names from the
// database and from files (dry run, errors) without their escape sequences,
// and refuses hostile names and commendations on input.
func TestHostileNamesOnTheCommandLine(t *testing.T) {
	path := officetest.HostileDB(t)
	for _, args := range [][]string{
		{"export", "ranking", "--quarter", "2023Q4"},
		{"export", "bulletin", "--quarter", "2023Q4", "--format", "txt"},
		{"export", "seats", "--quarter", "2023Q4", "--format", "md"},
		{"check"},
	} {
		r := mustRun(t, append([]string{"--db", path}, args...)...)
		officetest.CheckTerminalSafe(t, strings.Join(args, " ")+" stdout", strings.ReplaceAll(strings.TrimPrefix(r.stdout, "\ufeff"), "\r\n", "\n"))
		officetest.CheckTerminalSafe(t, strings.Join(args, " ")+" stderr", r.stderr)
	}

	// A file whose header and rows hold escape sequences: the dry run and
	// the refusal print them made harmless.
	dir := t.TempDir()
	file := filepath.Join(dir, "得分\x1b[2J.csv")
	body := "区市,经济运行,\x1b[31m未知板块\n\"\x1b]0;x\x07未知区\",1,2\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "s.db")
	r := starflag(t, "--db", fresh, "import", "--quarter", "2024Q1", file, "--dry-run")
	if r.code != 1 {
		t.Fatalf("import of a hostile file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	officetest.CheckTerminalSafe(t, "import refusal", r.stdout+r.stderr)
	if !strings.Contains(r.stderr, "\ufffd[31m未知板块") {
		t.Errorf("the refusal does not name the column:\n%s", r.stderr)
	}
	// New units and sections from a file with --add-units: refused when
	// they cannot be shown, accepted (cleaned) when they can.
	body = "区市,经济运行,项目签约落地,城市更新建设\n\"\u202e新区\",1,2,3\n"
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	r = starflag(t, "--db", fresh, "import", "--quarter", "2024Q1", file, "--add-units", "--dry-run")
	if r.code != 1 || !strings.Contains(r.stderr, "方向控制符") {
		t.Errorf("a bidi override in a new unit: exit %d\n%s", r.code, r.stderr)
	}
	officetest.CheckTerminalSafe(t, "add-units refusal", r.stdout+r.stderr)

	// Commendations are refused with a reason.
	r = starflag(t, "--db", path, "commend", "--quarter", "2023Q3", "--unit", "即墨区", "好\x1b[2J")
	if r.code != 1 || !strings.Contains(r.stderr, "控制字符") {
		t.Errorf("a commendation with an escape sequence: exit %d\n%s", r.code, r.stderr)
	}
	officetest.CheckTerminalSafe(t, "commend refusal", r.stdout+r.stderr)
	// An unknown --unit is echoed safely.
	r = starflag(t, "--db", path, "commend", "--quarter", "2023Q3", "--unit", "\x1b[2J无此区", "好")
	if r.code != 1 {
		t.Errorf("an unknown unit: exit %d", r.code)
	}
	officetest.CheckTerminalSafe(t, "unknown unit", r.stdout+r.stderr)
}
