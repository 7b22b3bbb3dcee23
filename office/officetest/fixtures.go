package officetest

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// EntryQuarter is the quarter of EntryDB, where entry and setup tests work.
var EntryQuarter = model.MustQuarter("2023Q1")

// EntryDB creates a database at path (ten units) whose 2023Q1 has the
// three default sections and no scores.
func EntryDB(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path, store.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	plan := model.ImportPlan{Quarter: EntryQuarter}
	for i, n := range model.DefaultSectionNames {
		plan.NewSections = append(plan.NewSections, model.NewSection(n, i+1))
	}
	if err := db.ApplyImport(context.Background(), plan, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	return db
}

// Snapshot is one quarter as "unit/section" → value; nil when the quarter
// does not exist.
type Snapshot map[string]string

// ReadSnapshot reads quarter q of the database file at path.
func ReadSnapshot(t *testing.T, path string, q model.Quarter) Snapshot {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	qs, err := db.ListQuarters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(qs, func(qi store.QuarterInfo) bool { return qi.Quarter == q }) {
		return nil
	}
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	s := Snapshot{}
	for _, u := range d.Units {
		for _, sec := range d.Sections {
			if v, ok := d.Scores[model.ScoreKey{Unit: u.ID, Section: sec.ID}]; ok {
				s[u.Name+"/"+sec.Name] = v.String()
			}
		}
	}
	return s
}

// FileSnapshot is what importing the CSV file at path gives a quarter.
func FileSnapshot(t *testing.T, path string) Snapshot {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	head := strings.Split(sc.Text(), ",")
	s := Snapshot{}
	for sc.Scan() {
		cells := strings.Split(sc.Text(), ",")
		for j, c := range cells[1:] {
			v, err := model.ParseHundredths(c)
			if err != nil {
				t.Fatal(err)
			}
			s[cells[0]+"/"+head[j+1]] = v.String()
		}
	}
	return s
}

// EqualSnapshots reports whether two snapshots hold the same values.
func EqualSnapshots(a, b Snapshot) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

var (
	bigOnce sync.Once
	bigDir  string
	bigPath string
	bigErr  error
)

// BigDB builds (once per test binary) the database `starflag demo --units
// 200 --years 20` writes: 20 years × 200 units × 4 sections (64,000 scores).
// Tests that change it work on a copy (CopyBigDB). TestMain removes it with
// RemoveBigDB.
func BigDB(tb testing.TB) string {
	bigOnce.Do(func() {
		if bigDir, bigErr = os.MkdirTemp("", "starflag-big-"); bigErr == nil {
			bigPath = filepath.Join(bigDir, "big.db")
			bigErr = office.WriteDemo(context.Background(), bigPath, 200, 20, 1)
		}
	})
	if bigErr != nil {
		tb.Fatal(bigErr)
	}
	return bigPath
}

// RemoveBigDB removes the database BigDB built, if any.
func RemoveBigDB() {
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
}

// CopyBigDB is a private copy of the 20-year, 200-unit database, for work
// that writes.
func CopyBigDB(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(BigDB(tb))
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(tb.TempDir(), "big.db")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

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

// HostileDB is the demo database with hostile names written straight into
// it with SQL, bypassing every check starflag makes on input.
func HostileDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LoadDemo(context.Background(), model.Demo(1)); err != nil {
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
		{`UPDATE adjustment_items SET name = ?`, hostileAdjust},
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

// CheckTerminalSafe fails when s holds an escape sequence other than the
// renderer's own colour and style sequences (ESC [ digits ; m), a control
// character other than a line break, a bidi control or a zero-width
// character, or one of the hostile sequences.
func CheckTerminalSafe(t *testing.T, where, s string) {
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

// CheckFrame is CheckTerminalSafe plus the frame's size.
func CheckFrame(t *testing.T, where, content string, w, h int) {
	t.Helper()
	CheckTerminalSafe(t, where, content)
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

// SharedMode is the mode a document created in dir gets: 0666 less the
// user's umask, as an editor saves it. Exports follow it (they are meant to
// be shared); the database and its backups stay 0600.
func SharedMode(t testing.TB, dir string) os.FileMode {
	t.Helper()
	f, err := os.CreateTemp(dir, ".mode-probe-*")
	if err != nil {
		t.Fatal(err)
	}
	// A free name; the file there is created as an editor creates one.
	name := f.Name()
	f.Close()
	os.Remove(name)
	g, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(name)
	defer g.Close()
	fi, err := g.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}
