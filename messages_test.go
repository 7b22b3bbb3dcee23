package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// asciiWord is a word of English (or of a library's message) in stderr.
var asciiWord = regexp.MustCompile(`[A-Za-z][A-Za-z_]{2,}`)

// noLibraryText fails when stderr holds an ASCII word that is neither in
// the usage text (commands, options, formats), nor a few words starflag's
// sentences use, nor (perhaps shortened) in what the user typed: Go's and
// the libraries' English never reaches a user.
func noLibraryText(t *testing.T, stderr string, args []string) {
	t.Helper()
	allowed := map[string]bool{"HOME": true, "README": true, "help": true, "true": true, "false": true, "force": true}
	for _, w := range asciiWord.FindAllString(usageText, -1) {
		allowed[w] = true
	}
	typed := strings.Join(args, " ")
	for _, w := range asciiWord.FindAllString(stderr, -1) {
		if !allowed[w] && !strings.Contains(typed, w) {
			t.Errorf("stderr has library text %q: %q", w, stderr)
			return
		}
	}
}

// TestMessagesAreChineseSentences runs the binary with mistakes of every
// kind: each is answered with a Chinese sentence naming the file or option
// (no Go or library text), the right exit code, and a long argument is
// shortened in the echo.
func TestMessagesAreChineseSentences(t *testing.T) {
	db := soundDB(t)
	dir := t.TempDir()
	folder := filepath.Join(dir, "文件夹.csv")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 5000)
	cases := []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"import a folder", []string{"import", "--quarter", "2023Q2", folder}, 1, []string{folder}},
		{"export into a missing folder", []string{"export", "ranking", "--quarter", "2023Q1", "-o", filepath.Join(dir, "无", "a.csv")}, 1,
			[]string{filepath.Join(dir, "无", "a.csv"), "不存在"}},
		{"export onto a folder", []string{"export", "ranking", "--quarter", "2023Q1", "-o", folder}, 1, []string{folder, "文件夹"}},
		{"backup into a missing folder", []string{"backup", "-o", filepath.Join(dir, "无", "b.db")}, 1, []string{"不存在"}},
		{"duration", []string{"present", "--interval", "abc"}, 2, []string{"--interval", "“abc”", "20s"}},
		{"boolean", []string{"--ascii=maybe"}, 2, []string{"--ascii", "“maybe”"}},
		{"integer", []string{"export", "year", "--year", "abc"}, 2, []string{"--year", "“abc”"}},
		{"unknown option of the dashboard", []string{"--bogus"}, 2, []string{"未知选项 --bogus"}},
		{"unknown option", []string{"export", "ranking", "--quarter", "2023Q1", "-x"}, 2, []string{"未知选项 -x"}},
		{"option without its value", []string{"export", "ranking", "--quarter"}, 2, []string{"--quarter"}},
		{"bad option syntax", []string{"export", "ranking", "---quarter", "2023Q1"}, 2, []string{"---quarter"}},
		{"date before the quarter", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--date", "0001-01-01"}, 2,
			[]string{"0001-01-01"}},
		{"date far in the future", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--date", "9999-12-31"}, 2,
			[]string{"9999-12-31"}},
		{"date that does not exist", []string{"export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--date", "2023-02-30"}, 2,
			[]string{"2023-02-30"}},
		{"long command", []string{"frobnicate" + long}, 2, []string{"未知命令", "frobnicatexxx"}},
		{"long option", []string{"--" + long}, 2, []string{"未知选项"}},
		{"long quarter", []string{"export", "ranking", "--quarter", long}, 2, []string{"季度"}},
		{"long kind", []string{"export", long, "--quarter", "2023Q1"}, 2, []string{"导出类别"}},
		{"long export file", []string{"export", "ranking", "--quarter", "2023Q1", "-o", filepath.Join(dir, long+".csv")}, 1, []string{"文件名太长"}},
		{"empty database name", []string{"--db", "", "check"}, 2, []string{"--db"}},
		{"long import file", []string{"import", "--quarter", "2023Q2", filepath.Join(dir, long+".csv")}, 1, []string{"xxx"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--db", db}, tc.args...)
			r := runFor(t, 20*time.Second, args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", r.code, tc.code, r.stderr)
			}
			for _, w := range tc.wants {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q: %q", w, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "starflag： starflag") {
				t.Errorf("stderr repeats the program's name: %q", r.stderr)
			}
			if len(r.stderr) > 1000 {
				t.Errorf("stderr is %d bytes: a long argument is not shortened", len(r.stderr))
			}
			noLibraryText(t, r.stderr, args)
		})
	}
	// A plausible date signs the bulletin.
	r := mustRun(t, "--db", db, "export", "bulletin", "--quarter", "2023Q1", "--format", "md", "--date", "2023-04-10")
	if !strings.Contains(r.stdout, "2023年4月10日") {
		t.Errorf("bulletin date: %q", r.stdout)
	}
}

// runEnv runs the binary with env added to the test's environment.
func runEnv(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	return runCmd(t, cmd)
}

// runCmd runs cmd and returns its exit status and output.
func runCmd(t *testing.T, cmd *exec.Cmd) result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.String(), errb.String()}
}

// TestNoHomeFolderIsASentence: without HOME (and no --db), starflag says
// where the database would live and how to name one.
func TestNoHomeFolderIsASentence(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("HOME is unix")
	}
	cmd := []string{"check"}
	r := runEnv(t, []string{"HOME=", "XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "STARFLAG_DB="}, cmd...)
	if r.code != 1 || !strings.Contains(r.stderr, "--db") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	noLibraryText(t, r.stderr, cmd)
}

// TestDamagedFileMessageHasNoSQLiteText: the integrity check's own lines
// ("*** in database main ***", "Page 6: …") are counted, not quoted.
func TestDamagedFileMessageHasNoSQLiteText(t *testing.T) {
	b, err := os.ReadFile(soundDB(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := 5 * 4096; i < 6*4096; i++ {
		b[i] = byte(i * 7)
	}
	p := filepath.Join(t.TempDir(), "坏.db")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	r := starflag(t, "--db", p, "check")
	wantRefusal(t, r, p, "已损坏")
	if strings.Contains(r.stderr, "***") {
		t.Errorf("stderr quotes SQLite: %q", r.stderr)
	}
	noLibraryText(t, r.stderr, []string{p})
}

// TestDashboardExportIntoMissingFolder: the dashboard's x names the folder
// and says what is wrong in Chinese.
func TestDashboardExportIntoMissingFolder(t *testing.T) {
	st, err := store.Open(soundDB(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dir := filepath.Join(t.TempDir(), "已删除")
	_, err = office.ExportInto(context.Background(), st, dir, model.ExportRanking, model.MustQuarter("2023Q1"))
	if err == nil {
		t.Fatal("export into a missing folder succeeded")
	}
	msg := err.Error()
	if !strings.Contains(msg, dir) || !strings.Contains(msg, "不存在") {
		t.Errorf("message %q does not name %s and the reason", msg, dir)
	}
	noLibraryText(t, msg, []string{dir})
}
