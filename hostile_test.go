package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/xuri/excelize/v2"

	"starflag/exchange"
	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// Hostile names as an older version or another tool could have stored
// them: escape sequences that clear the screen, move the cursor, set the
// window title, ask the terminal to answer, leave the alternate screen;
// bidi overrides; zero-width characters; a name of 200 characters.
var hostileUnits = []struct{ name, short string }{
	{"市南\x1b[2J\x1b[H区", "\x1b[5m市南"},
	{"\u202e区北市\u202c", "市北\u200b"},
	{"李沧\x1b]0;pwned\x07区", "李沧\r"},
	{strings.Repeat("崂山", 100), "\x1b[38;5;201m崂"},
	{"西海岸👨\u200d👩\u200d👧e\u0301\u0301\u0301\u0301\u0301\u0301", "西海\u2066岸"},
	{"城阳\u009b2J区", "城阳\x7f"},
}

const (
	hostileSection   = "经济\x1b[1A运行"
	hostileFlag      = "真抓实干\x1b[6n"
	hostileCommittee = "\x1b[?1049l青岛市\u202e委员会"
	hostileAdjust    = "加分\u009b2J"
	hostileComment   = "表扬\x1b[2J\x1b]52;c;ZXZpbA==\x07内容"
)

// hostileSequences must never reach a terminal verbatim.
var hostileSequences = []string{"\x1b[2J", "\x1b[H", "\x1b]", "\x1b[5m", "\x1b[38;5;201m", "\x1b[1A", "\x1b[6n",
	"\x1b[?1049l", "\u009b", "\u202e", "\u2066", "\u200b", "\x07", "\x7f", "\r"}

// hostileDB is the demo database with hostile names written straight into
// it with SQL, bypassing every check starflag makes on input.
func hostileDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LoadDemo(context.Background(), model.Demo(demoSeed)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	jsonText := func(s string) string { b, _ := json.Marshal(s); return string(b[1 : len(b)-1]) }
	stmts := [][]any{
		{`UPDATE sections SET name = ? WHERE name = '经济运行'`, hostileSection},
		{`UPDATE quarters SET adjustment_name = ?`, hostileAdjust},
		{`UPDATE quarters SET rules = replace(replace(rules, ?, ?), ?, ?)`, model.FlagA, jsonText(hostileFlag),
			model.DefaultRules().Committee, jsonText(hostileCommittee)},
		{`INSERT INTO commendations (quarter, unit_id, text) SELECT '2023Q4', id, ? FROM units WHERE ord = 1`, hostileComment},
		{`INSERT INTO unit_aliases (unit_id, alias) SELECT id, ? FROM units WHERE ord = 5`, "黄岛\x1b[0m区"},
	}
	for i, u := range hostileUnits {
		stmts = append(stmts, []any{`UPDATE units SET name = ?, short = ? WHERE ord = ?`, u.name, u.short, i + 1})
	}
	for _, s := range stmts {
		if _, err := raw.Exec(s[0].(string), s[1:]...); err != nil {
			t.Fatalf("%s: %v", s[0], err)
		}
	}
	return path
}

// checkTerminalSafe fails when s holds an escape sequence other than the
// renderer's own colour and style sequences (ESC [ digits ; m), a control
// character other than a line break, a bidi control or a zero-width
// character, or one of the hostile sequences.
func checkTerminalSafe(t *testing.T, where, s string) {
	t.Helper()
	for _, seq := range hostileSequences {
		if strings.Contains(s, seq) {
			t.Errorf("%s: holds %q", where, seq)
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b:
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
					j++
				}
				if j < len(s) && s[j] == 'm' {
					i = j
					continue
				}
			}
			t.Errorf("%s: escape sequence %q that is not a style", where, s[i:min(len(s), i+12)])
			return
		case c < 0x20 && c != '\n', c == 0x7f:
			t.Errorf("%s: control character %#x in %q", where, c, s[max(0, i-20):min(len(s), i+20)])
			return
		}
	}
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8", where)
	}
	for _, r := range s {
		if r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200b || r == 0x200e || r == 0x200f {
			t.Errorf("%s: %U", where, r)
			return
		}
	}
}

// checkFrame is checkTerminalSafe plus the frame's size.
func checkFrame(t *testing.T, where, content string, w, h int) {
	t.Helper()
	checkTerminalSafe(t, where, content)
	lines := strings.Split(ansi.Strip(content), "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines on a %d-line terminal", where, len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%s: line %d is %d cells wide on a %d-column terminal: %q", where, i+1, lw, w, l)
			return
		}
	}
}

// colourHarness is attachHarness with a true-colour profile, so the frame
// holds the renderer's own style sequences beside the names.
func colourHarness(t *testing.T, db *store.DB, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	return attachHarnessWith(t, db, w, h, q, colorprofile.TrueColor)
}

// TestHostileNamesInDatabaseDisplaySafely renders every screen of a
// database whose names hold escape sequences and bidi overrides: the frame
// holds no sequence but the renderer's own styles, and fits the terminal.
func TestHostileNamesInDatabaseDisplaySafely(t *testing.T) {
	path := hostileDB(t)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		w, h := size[0], size[1]
		hs := colourHarness(t, db, w, h, model.MustQuarter("2023Q4"))
		screens := []struct {
			name string
			keys []string
		}{
			{"ranking", []string{"1"}}, {"stars", []string{"2"}}, {"flags", []string{"3"}}, {"seats", []string{"4"}},
			{"year", []string{"5"}}, {"help", []string{"?"}}, {"help closed", []string{"esc"}},
			{"present", []string{"p"}}, {"present 2", []string{"right"}}, {"present 3", []string{"right"}},
			{"present 4", []string{"right"}}, {"present 5", []string{"right"}}, {"present end", []string{"esc"}},
			{"entry", []string{"e"}}, {"entry moved", []string{"down", "tab", "tab", "tab", "tab"}}, {"entry left", []string{"esc"}},
			{"setup units", []string{"s"}}, {"setup units 2", []string{"down", "right", "right"}},
			{"setup sections", []string{"2"}}, {"setup rules", []string{"3"}}, {"setup 4", []string{"4"}},
			{"setup left", []string{"esc"}},
		}
		for _, sc := range screens {
			hs.key(sc.keys...)
			hs.settle()
			checkFrame(t, fmt.Sprintf("%s at %d×%d", sc.name, w, h), hs.app.View().Content, w, h)
		}
		// The names are shown, made harmless, not dropped.
		hs.key("1")
		hs.settle()
		if s := hs.screen(); !strings.Contains(s, "\ufffd") {
			t.Errorf("%d×%d: the sanitised names are not shown:\n%s", w, h, s)
		}
	}
}

// TestHostileNamesInDatabaseExportSafely: every export kind and format of a
// database with hostile names carries none of their escape sequences or
// control characters (line ends aside).
func TestHostileNamesInDatabaseExportSafely(t *testing.T) {
	path := hostileDB(t)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	q := model.MustQuarter("2023Q4")
	for _, kind := range model.ExportKinds { // year: 2023, q's year
		doc, err := office.Document(ctx, db, kind, q, testDate)
		if err != nil {
			t.Fatalf("%s: %v", kind.Name, err)
		}
		for _, f := range doc.FormatsOf() {
			data, err := exchange.Render(doc, f)
			if err != nil {
				t.Fatalf("%s.%s: %v", kind.Name, f, err)
			}
			where := kind.Name + "." + string(f)
			if f == exchange.XLSX {
				checkXLSXSafe(t, where, data)
				continue
			}
			text := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
			checkTerminalSafe(t, where, text)
			if kind != model.ExportYear && !strings.Contains(text, "\ufffd") {
				t.Errorf("%s: the sanitised names are missing:\n%s", where, text)
			}
		}
	}
}

// testDate signs the bulletin.
var testDate = mustDate("2023-12-31")

func mustDate(s string) (d time.Time) {
	d, _ = time.Parse("2006-01-02", s)
	return d
}

func checkXLSXSafe(t *testing.T, where string, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				checkTerminalSafe(t, where+" cell", c)
			}
		}
	}
}

// TestHostileNamesOnTheCommandLine: the command line prints names from the
// database and from files (dry run, errors) without their escape sequences,
// and refuses hostile names and commendations on input.
func TestHostileNamesOnTheCommandLine(t *testing.T) {
	path := hostileDB(t)
	for _, args := range [][]string{
		{"export", "ranking", "--quarter", "2023Q4"},
		{"export", "bulletin", "--quarter", "2023Q4", "--format", "txt"},
		{"export", "seats", "--quarter", "2023Q4", "--format", "md"},
		{"check"},
	} {
		r := mustRun(t, append([]string{"--db", path}, args...)...)
		checkTerminalSafe(t, strings.Join(args, " ")+" stdout", strings.ReplaceAll(strings.TrimPrefix(r.stdout, "\ufeff"), "\r\n", "\n"))
		checkTerminalSafe(t, strings.Join(args, " ")+" stderr", r.stderr)
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
	checkTerminalSafe(t, "import refusal", r.stdout+r.stderr)
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
	checkTerminalSafe(t, "add-units refusal", r.stdout+r.stderr)

	// Commendations are refused with a reason.
	r = starflag(t, "--db", path, "commend", "--quarter", "2023Q3", "--unit", "即墨区", "好\x1b[2J")
	if r.code != 1 || !strings.Contains(r.stderr, "控制字符") {
		t.Errorf("a commendation with an escape sequence: exit %d\n%s", r.code, r.stderr)
	}
	checkTerminalSafe(t, "commend refusal", r.stdout+r.stderr)
	// An unknown --unit is echoed safely.
	r = starflag(t, "--db", path, "commend", "--quarter", "2023Q3", "--unit", "\x1b[2J无此区", "好")
	if r.code != 1 {
		t.Errorf("an unknown unit: exit %d", r.code)
	}
	checkTerminalSafe(t, "unknown unit", r.stdout+r.stderr)
}
