package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"starflag/internal/golden"
	"starflag/office/officetest"
)

// binary is the starflag command built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "starflag-e2e-")
	if err != nil {
		panic(err)
	}
	// Readable by all, so that tests run as root can run it as an
	// unprivileged user (perm_unix_test.go).
	if err := os.Chmod(dir, 0o755); err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "starflag")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	officetest.RemoveBigDB()
	os.Exit(code)
}

// result is one finished run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// starflag runs the built binary with a clean environment (no STARFLAG_DB,
// a private HOME so the user's data folder is never touched).
func starflag(t *testing.T, args ...string) result {
	t.Helper()
	return runIn(t, t.TempDir(), 0, args...)
}

// runIn runs the binary with HOME (and the XDG folders) in home and no
// STARFLAG_DB. A timeout above 0 ends it, failing the test, so that a
// dashboard that wrongly opened instead of refusing cannot hang the test.
func runIn(t *testing.T, home string, timeout time.Duration, args ...string) result {
	t.Helper()
	return runWith(t, home, timeout, nil, args...)
}

// runWith is runIn with setup, when not nil, changing the command before it
// starts (to run it as another user).
func runWith(t *testing.T, home string, timeout time.Duration, setup func(*exec.Cmd), args ...string) result {
	t.Helper()
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_CONFIG_HOME="+filepath.Join(home, "config"), "STARFLAG_DB=")
	if setup != nil {
		setup(cmd)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("starflag %v did not end within %v", args, timeout)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{code, out.String(), errb.String()}
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := starflag(t, args...)
	if r.code != 0 {
		t.Fatalf("starflag %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

func TestImportTwoQuartersAndExportEveryKind(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	r := mustRun(t, "import", "--db", db, "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	if !strings.Contains(r.stdout, "已导入 2023Q1：35 个数值") || !strings.Contains(r.stdout, "新建 3 个板块") {
		t.Errorf("import output: %s", r.stdout)
	}
	// --db after the subcommand and before it both work.
	mustRun(t, "--db", db, "import", "testdata/cli/2023Q2.csv", "--quarter", "2023Q2")
	for _, q := range []string{"2023Q1", "2023Q2"} {
		for _, kind := range []string{"ranking", "stars", "flags", "seats", "template"} {
			r := mustRun(t, "export", kind, "--quarter", q, "--db", db)
			golden.Check(t, "testdata/cli/expected/"+q+"-"+kind+".csv", []byte(r.stdout))
		}
	}
	r = mustRun(t, "export", "year", "--year", "2023", "--db", db)
	golden.Check(t, "testdata/cli/expected/2023-year.csv", []byte(r.stdout))

	// -o writes the same bytes to a file, with the mode the umask gives a
	// new document.
	out := filepath.Join(t.TempDir(), "排名.csv")
	mustRun(t, "export", "ranking", "--quarter", "2023Q2", "--db", db, "-o", out)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/cli/expected/2023Q2-ranking.csv", got)
	if fi, _ := os.Stat(out); fi.Mode().Perm() != officetest.SharedMode(t, filepath.Dir(out)) {
		t.Errorf("export mode %v, want %v", fi.Mode().Perm(), officetest.SharedMode(t, filepath.Dir(out)))
	}
}

func TestExpectedRankingIsRight(t *testing.T) {
	// The expected file is checked by hand here, so -update cannot bless a wrong ranking.
	want, err := os.ReadFile("testdata/cli/expected/2023Q2-ranking.csv")
	if err != nil {
		t.Fatal(err) // a missing expected file is a failure, never a skip
	}
	for _, line := range []string{
		"2023Q2,1,西海岸新区,284.00,+0,真抓实干、勇当排头,",
		"2023Q2,3,市北区,268.00,+2,加压奋进、进位赶超,",
		"2023Q2,4,李沧区,267.00,+4,加压奋进、进位赶超,",
		"2023Q2,7,崂山区,255.00,-4,,约谈提醒",
		"2023Q2,10,平度市,230.00,-1,,约谈提醒（红牌）",
	} {
		line = strings.Replace(line, "+0", "0", 1)
		if !strings.Contains(string(want), line+"\r\n") {
			t.Errorf("expected ranking lacks %q", line)
		}
	}
}

func TestImportGBKFile(t *testing.T) {
	src, err := os.ReadFile("testdata/cli/2023Q1.csv")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "gbk.csv")
	if err := os.WriteFile(file, gbk, 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", file)
	r := mustRun(t, "--db", db, "export", "ranking", "--quarter", "2023Q1")
	golden.Check(t, "testdata/cli/expected/2023Q1-ranking.csv", []byte(r.stdout))
}

func TestImportDryRunWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	before, _ := os.ReadFile(db)
	r := mustRun(t, "--db", db, "import", "--quarter", "2023Q2", "--dry-run", "testdata/cli/2023Q2.csv")
	if !strings.Contains(r.stdout, "西海岸新区/经济运行：— → 95.50") || !strings.Contains(r.stdout, "试运行") {
		t.Errorf("dry run output: %s", r.stdout)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("dry run changed the database file")
	}
	r = mustRun(t, "--db", db, "check")
	if strings.Contains(r.stdout, "2023Q2") {
		t.Errorf("dry run created 2023Q2: %s", r.stdout)
	}
}

// TestRefusalsChangeNothing feeds every kind of bad input and checks the
// message (file, row, column, reason), the exit code, and that the database
// file is byte-for-byte what it was.
func TestRefusalsChangeNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	head := "区市,经济运行,项目签约落地,城市更新建设\n"
	cases := []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"unknown unit", []string{"import", "--quarter", "2023Q2", write("u.csv", head+"市南区,90,90,90\n火星区,90,90,90\n")}, 1,
			[]string{"u.csv 第 3 行「区市」列（单元格 A3）：", "未知区市“火星区”", "没有写入任何数据"}},
		{"unknown column", []string{"import", "--quarter", "2023Q2", write("c.csv", "区市,经济运行,体育\n市南区,90,90\n")}, 1,
			[]string{"c.csv 第 1 行「体育」列（单元格 C1）：", "没有这个考核板块"}},
		{"duplicate column", []string{"import", "--quarter", "2023Q2", write("dc.csv", "区市,经济运行,经济运行\n市南区,90,90\n")}, 1,
			[]string{"「经济运行」列", "列名重复"}},
		{"duplicate unit", []string{"import", "--quarter", "2023Q2", write("d.csv", head+"市南区,90,90,90\n市南,80,80,80\n")}, 1,
			[]string{"d.csv 第 3 行", "重复"}},
		{"non-numeric", []string{"import", "--quarter", "2023Q2", write("n.csv", head+"市南区,九十,90,90\n")}, 1,
			[]string{"第 2 行「经济运行」列（单元格 B2）：", "“九十”不是有效的分数"}},
		{"three decimals", []string{"import", "--quarter", "2023Q2", write("p.csv", head+"市南区,90.125,90,90\n")}, 1,
			[]string{"「经济运行」列", "不是有效的分数"}},
		{"negative", []string{"import", "--quarter", "2023Q2", write("m.csv", head+"市南区,90,-1,90\n")}, 1,
			[]string{"「项目签约落地」列", "负数"}},
		{"above maximum", []string{"import", "--quarter", "2023Q2", write("x.csv", head+"市南区,90,90,100.5\n")}, 1,
			[]string{"「城市更新建设」列", "超过满分 100.00"}},
		{"adjustment range", []string{"import", "--quarter", "2023Q2", write("a.csv", "区市,经济运行,群众满意度加分\n市南区,90,3\n")}, 1,
			[]string{"「群众满意度加分」列", "超出群众满意度加分范围"}},
		{"empty file", []string{"import", "--quarter", "2023Q2", write("e.csv", "")}, 1, []string{"e.csv：文件是空的"}},
		{"header only", []string{"import", "--quarter", "2023Q2", write("h.csv", head)}, 1, []string{"只有表头"}},
		{"bad quarter", []string{"import", "--quarter", "2023Q5", write("q.csv", head+"市南区,90,90,90\n")}, 2,
			[]string{"2023Q5", "格式不对"}},
		{"locked quarter", []string{"import", "--quarter", "2023Q1", write("l.csv", head+"市南区,90,90,90\n")}, 1,
			[]string{"已定稿", "unlock"}},
		{"missing file", []string{"import", "--quarter", "2023Q2", filepath.Join(dir, "none.csv")}, 1, []string{"找不到文件"}},
		{"export empty quarter", []string{"export", "ranking", "--quarter", "2023Q3"}, 1, []string{"2023Q3", "还没有任何得分"}},
		{"unknown kind", []string{"export", "podium", "--quarter", "2023Q1"}, 2, []string{"未知的导出类别"}},
		// The kind is named first: its error comes before those of the options it would need.
		{"unknown kind, no quarter", []string{"export", "podium"}, 2, []string{"未知的导出类别“podium”"}},
		{"unknown kind, binary format", []string{"export", "podium", "--format", "xlsx"}, 2, []string{"未知的导出类别“podium”"}},
		{"unknown command", []string{"frobnicate"}, 2, []string{"未知命令"}},
		{"unknown flag", []string{"export", "ranking", "--quater", "2023Q1"}, 2, []string{"未知选项"}},
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := starflag(t, append([]string{"--db", db}, tc.args...)...)
			wantRefusedUnchanged(t, r, tc.code, tc.wants, db, before)
		})
	}
}

func TestRefusesMissingFolderAndForeignFile(t *testing.T) {
	dir := t.TempDir()
	r := starflag(t, "--db", filepath.Join(dir, "no", "such", "s.db"), "check")
	if r.code != 1 || !strings.Contains(r.stderr, "文件夹不存在") {
		t.Errorf("missing folder: exit %d stderr %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Error("the missing folder was created")
	}
	foreign := filepath.Join(dir, "notes.db")
	text := []byte("这不是数据库，是会议纪要。\n")
	if err := os.WriteFile(foreign, text, 0o600); err != nil {
		t.Fatal(err)
	}
	r = starflag(t, "--db", foreign, "check")
	if r.code != 1 || !strings.Contains(r.stderr, foreign) {
		t.Errorf("foreign file: exit %d stderr %q", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(foreign); !bytes.Equal(got, text) {
		t.Error("the foreign file was overwritten")
	}
}

func TestLockBackupCheckVersion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, "--db", db, "import", "--quarter", "2023Q1", "testdata/cli/2023Q1.csv")
	r := mustRun(t, "--db", db, "lock", "--quarter", "2023Q1")
	if !strings.Contains(r.stdout, "已定稿") {
		t.Errorf("lock: %s", r.stdout)
	}
	r = mustRun(t, "--db", db, "unlock", "--quarter", "2023Q1")
	if !strings.Contains(r.stdout, "已解除定稿") {
		t.Errorf("unlock: %s", r.stdout)
	}
	bak := filepath.Join(dir, "copy.db")
	mustRun(t, "--db", db, "backup", "-o", bak)
	r = mustRun(t, "--db", bak, "export", "ranking", "--quarter", "2023Q1")
	golden.Check(t, "testdata/cli/expected/2023Q1-ranking.csv", []byte(r.stdout))
	r = mustRun(t, "--db", db, "check")
	for _, w := range []string{"完整性：ok", "区市：10", "季度：1", "得分：30", "最近备份："} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("check output lacks %q:\n%s", w, r.stdout)
		}
	}
	r = mustRun(t, "version")
	if !strings.HasPrefix(r.stdout, "starflag ") {
		t.Errorf("version: %q", r.stdout)
	}
	r = mustRun(t, "--help")
	if !strings.Contains(r.stdout, "starflag import --quarter") {
		t.Errorf("help: %q", r.stdout)
	}
}

func TestDemoExports(t *testing.T) {
	r := mustRun(t, "--demo", "export", "ranking", "--quarter", "2023Q4")
	golden.Check(t, "testdata/cli/expected/demo-2023Q4-ranking.csv", []byte(r.stdout))
	r = mustRun(t, "export", "seats", "--quarter", "2023Q2", "--demo")
	golden.Check(t, "testdata/cli/expected/demo-2023Q2-seats.csv", []byte(r.stdout))
}

func TestDefaultDatabaseIsCreatedInDataFolder(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(binary, "check")
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "STARFLAG_DB=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	if runtime.GOOS == "linux" {
		p := filepath.Join(home, "data", "starflag", "starflag.db")
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatalf("default database not at %s: %v\n%s", p, err, out)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
		if !strings.Contains(string(out), "区市：10") {
			t.Errorf("default database lacks the ten units:\n%s", out)
		}
	}
}

// wantRefusedUnchanged checks a refused command: its exit code, the words
// of its Chinese message, no code words from Go or the libraries, and the
// database file byte for byte as before.
func wantRefusedUnchanged(t *testing.T, r result, code int, wants []string, db string, before []byte) {
	t.Helper()
	if r.code != code {
		t.Errorf("exit %d, want %d; stderr: %s", r.code, code, r.stderr)
	}
	for _, w := range wants {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr %q lacks %q", r.stderr, w)
		}
	}
	for _, leak := range []string{"invalid", "SQL", "zip"} {
		if strings.Contains(r.stderr, leak) {
			t.Errorf("stderr leaks the code word %q: %q", leak, r.stderr)
		}
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the database file changed")
	}
}

// TestHelpText: the usage text is a contract (DOMAIN.md); its export kinds
// come from model.ExportKinds, so a change there shows here.
func TestHelpText(t *testing.T) {
	golden.Check(t, "testdata/cli/expected/help.txt", []byte(mustRun(t, "--help").stdout))
}
