package model

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileNames are names an older version or another tool may have stored,
// or a file may carry: each must be made harmless by SafeText.
var hostileNames = []string{
	"市南\x1b[2J\x1b[H区",                      // clear screen, cursor home
	"\x1b[31m红色\x1b[0m",                     // colour
	"\x1b]0;title\x07市北",                    // OSC: window title
	"\x1b]8;;http://x\x1b\\链接",              // OSC 8 hyperlink
	"\u009b31m崂山",                           // C1 CSI
	"\x9b31m崂山",                             // a raw CSI byte (invalid UTF-8)
	"李沧\r覆盖",                                // carriage return overwrites
	"即墨\n第二行",                               // line break
	"胶州\t制表",                                // tab
	"\x7f删除\x08退格",                          // DEL, backspace
	"\u202e区南市\u202c",                       // right-to-left override
	"\u2067隔离\u2069",                        // isolate
	"零\u200b宽\u200c字\u2060符\ufeff",          // zero-width and format
	"👨\u200d👩\u200d👧",                       // emoji ZWJ sequence
	"❤\ufe0f平度",                             // variation selector 16
	"e\u0301\u0301\u0301\u0301\u0301\u0301", // zalgo
	"\u0301开头的组合符号",
	"行\u2028分隔",
	"ok\xff\xfe坏编码",
	strings.Repeat("很长的名字", 200),
}

func hasUnsafe(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			continue // U+FFFD is the replacement SafeText writes, and it is harmless
		case isControl(r), isBidi(r), isInvisible(r), r == '\u200d', r == '\ufe0f':
			return r, true
		}
	}
	if !utf8.ValidString(s) {
		return utf8.RuneError, true
	}
	return 0, false
}

func TestSafeTextHostile(t *testing.T) {
	for _, s := range hostileNames {
		got := SafeText(s)
		if r, bad := hasUnsafe(got); bad {
			t.Errorf("SafeText(%q) = %q still holds %U", s, got, r)
		}
		if strings.ContainsRune(got, '\x1b') {
			t.Errorf("SafeText(%q) = %q holds ESC", s, got)
		}
		if again := SafeText(got); again != got {
			t.Errorf("SafeText not idempotent on %q: %q then %q", s, got, again)
		}
	}
}

func TestSafeTextExamples(t *testing.T) {
	tests := []struct{ in, want string }{
		{"市南区", "市南区"},
		{"  西海岸新区 ", "  西海岸新区 "}, // SafeText does not trim
		{"\x1b[31m红\x1b[0m", "\ufffd[31m红\ufffd[0m"},
		{"a\tb\nc\r\nd", "a b c  d"},
		{"\u202e区南市", "区南市"},
		{"❤\ufe0f", "❤"},
		{"👨\u200d👩", "👨👩"},
		{"e\u0301\u0301\u0301\u0301", "e\u0301\u0301\u0301"},
		{"e\u0301\u200b\u0301\u0301\u0301", "e\u0301\u0301\u0301"},
		{"\xff", "\ufffd"},
		{"Café 🎉", "Café 🎉"},
	}
	for _, tt := range tests {
		if got := SafeText(tt.in); got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := SafeLines("第一行\x1b[2J\n  第二行\u202e"); got != "第一行\ufffd[2J\n  第二行" {
		t.Errorf("SafeLines = %q", got)
	}
}

func TestCheckName(t *testing.T) {
	ok := []struct{ in, want string }{
		{"市南区", "市南区"},
		{"  西海岸新区\u3000", "西海岸新区"},
		{"胶州市\n", "胶州市"},
		{"❤\ufe0f平度", "❤平度"},
		{"👨\u200d👩\u200d👧", "👨👩👧"},
		{"Café", "Café"},
		{"e\u0301", "e\u0301"},
		{"经济运行（含 GDP）", "经济运行（含 GDP）"},
		{strings.Repeat("区", 12), strings.Repeat("区", 12)},
		{strings.Repeat("a", 24), strings.Repeat("a", 24)},
		{"市南=1+1", "市南=1+1"},
		{"＝全角", "＝全角"},
	}
	for _, tt := range ok {
		got, err := CheckName("区市名称", tt.in, MaxUnitWidth)
		if err != nil || got != tt.want {
			t.Errorf("CheckName(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, why string }{
		{"", "不能为空"},
		{"  \u3000", "不能为空"},
		{"市南\x1b[31m区", "控制字符"},
		{"\u009b31m崂山", "控制字符"},
		{"\x9b31m崂山", "编码"},
		{"即墨\n第二行", "控制字符"},
		{"李沧\r覆盖", "控制字符"},
		{"胶州\t制表", "控制字符"},
		{"\x7f删除", "控制字符"},
		{"\u202e区南市", "方向"},
		{"\u2066隔离\u2069", "方向"},
		{"零\u200b宽", "看不见"},
		{"软\u00ad连字符", "看不见"},
		{"\u0301开头", "组合符号"},
		{"e\u0301\u0301\u0301\u0301", "组合符号"},
		{"ok\xff", "编码"},
		{strings.Repeat("区", 13), "太长"},
		{strings.Repeat("a", 25), "太长"},
		{strings.Repeat("🎉", 13), "太长"},
		{"=1+1", "不能以“=”开头"},
		{"@SUM(1+1)", "不能以“@”开头"},
		{"+cmd|'/C calc'!A0", "不能以“+”开头"},
		{"-2+3", "不能以“-”开头"},
		{" 　=HYPERLINK(\"x\")", "公式"},
	}
	for _, tt := range bad {
		got, err := CheckName("区市名称", tt.in, MaxUnitWidth)
		if err == nil {
			t.Errorf("CheckName(%q) = %q, want refused (%s)", tt.in, got, tt.why)
			continue
		}
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.why) || !strings.HasPrefix(err.Error(), "区市名称") {
			t.Errorf("CheckName(%q) error %q, want ErrInvalid saying %q", tt.in, err, tt.why)
		}
		if r, unsafe := hasUnsafe(err.Error()); unsafe {
			t.Errorf("CheckName(%q) error %q echoes %U", tt.in, err, r)
		}
	}
}

// TestNameWidth: the bound CheckName uses is the width for Chinese and
// ASCII names, and above it for characters a screen draws narrower
// (exchange.TestCheckNameBoundsTheScreenWidth measures them).
func TestNameWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"市南区", 6}, {"（＊）", 6}, {"９５．５", 8}, {"e\u0301", 1},
		{"🎉", 2}, {"한글", 4}, {"𠀀", 2}, {"西海岸新区 2", 12},
		{"❤", 2}, {"“”", 4}, {"★", 2}, {"é", 2}, // drawn 1 cell each
	}
	for _, tt := range tests {
		if got := nameWidth(tt.in); got != tt.want {
			t.Errorf("nameWidth(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestCleanRulesRefusesHostileNames(t *testing.T) {
	r := DefaultRules()
	r.Flags = append([]Rule(nil), r.Flags...)
	r.Flags[0].Name = "红旗\x1b[5m"
	if _, err := CleanRules(r); err == nil || !strings.Contains(err.Error(), "规则名称") {
		t.Errorf("CleanRules with ESC in a flag name: %v", err)
	}
	if err := r.Validate(); err == nil {
		t.Error("Validate accepted ESC in a flag name")
	}
	r = DefaultRules()
	r.Committee = "\u202e会员委"
	if _, err := CleanRules(r); err == nil || !strings.Contains(err.Error(), "考核委员会") {
		t.Errorf("CleanRules with bidi in the committee: %v", err)
	}
	r = DefaultRules()
	r.Tiers = []Tier{{"优秀\u200b", 3}}
	if _, err := CleanRules(r); err == nil {
		t.Error("CleanRules accepted a zero-width space in a tier name")
	}
	r = DefaultRules()
	r.Method = "  全市考核办法❤\ufe0f "
	got, err := CleanRules(r)
	if err != nil || got.Method != "全市考核办法❤" {
		t.Errorf("CleanRules cleaned the method to %q, %v", got.Method, err)
	}
	if _, err := CleanRules(DefaultRules()); err != nil {
		t.Errorf("CleanRules(DefaultRules()) = %v", err)
	}
}

func TestPlanImportRefusesHostileNewNames(t *testing.T) {
	in := importFixture()
	in.AddUnits = true
	in.Rows = csvRows(t, "区市,经济运行\n\"新区\x1b[31m\",90\n\u202e新市,80\n"+strings.Repeat("长", 13)+",70\n")
	_, err := PlanImport(in)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 3 {
		t.Fatalf("PlanImport = %v, want three problems", err)
	}
	if r, bad := hasUnsafe(strings.ReplaceAll(err.Error(), "\n", "")); bad {
		t.Errorf("import error echoes %U:\n%s", r, err)
	}

	// A quarter without sections takes them from the header: names are checked.
	in = importFixture()
	in.Data.Sections = nil
	in.Rows = csvRows(t, "区市,经济\x1b[2J运行,项目❤\ufe0f\n市南区,90,80\n")
	_, err = PlanImport(in)
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || !strings.Contains(err.Error(), "控制字符") {
		t.Fatalf("PlanImport = %v, want the header's control character refused once", err)
	}
	in.Rows = csvRows(t, "区市,经济运行,项目❤\ufe0f\n市南区,90,80\n")
	plan, err := PlanImport(in)
	if err != nil || len(plan.NewSections) != 2 || plan.NewSections[1].Name != "项目❤" || plan.Cells[1].Section != "项目❤" {
		t.Fatalf("PlanImport = %+v, %v; want section 项目❤", plan, err)
	}
}

func TestSafeResultKeepsNumbersAndMatchesFlags(t *testing.T) {
	d := Demo(1).Quarters[0]
	d.Units = append([]Unit(nil), d.Units...)
	d.Units[0].Name = "\x1b[31m" + d.Units[0].Name
	d.Rules.Flags = append([]Rule(nil), d.Rules.Flags...)
	d.Rules.Flags[0].Name = "旗\u202e" + d.Rules.Flags[0].Name
	r := Compute(d, nil)
	s := SafeResult(r)
	for i, st := range s.Standings {
		if r, bad := hasUnsafe(st.Unit.Name); bad {
			t.Errorf("standing %d: %U in %q", i, r, st.Unit.Name)
		}
		if st.Composite != r.Standings[i].Composite || st.Rank != r.Standings[i].Rank {
			t.Errorf("standing %d: numbers changed", i)
		}
		for _, f := range st.Flags {
			found := false
			for _, rule := range s.Rules.Flags {
				found = found || rule.Name == f
			}
			if !found {
				t.Errorf("flag %q matches no rule", f)
			}
		}
	}
	raw := false
	for _, st := range r.Standings {
		raw = raw || strings.Contains(st.Unit.Name, "\x1b")
	}
	if !raw {
		t.Error("the original result lost its raw name (SafeResult must copy)")
	}
}

// hugePastes are over MaxPaste, hostilePastes under it.
var (
	hugePastes = map[string]string{
		"rows":      strings.Repeat("90\t80\t70\r\n", 1<<20/10),
		"one cell":  strings.Repeat("9", 1<<20),
		"garbage":   strings.Repeat("市南区\x1b[2J", 1<<20/12),
		"one line":  strings.Repeat("1\t", 1<<19),
		"just over": strings.Repeat("\n", MaxPaste) + "1",
	}
	hostilePastes = map[string]string{
		"long cell": strings.Repeat("9", 200<<10),
		"escape":    "\x1b[2J\x1b]0;x\x07",
		"many rows": strings.Repeat("abc\n", 50<<10),
	}
)

// TestPlanPasteHugeAndHostile: a megabyte of pasted text is refused with a
// reason, and problems never echo escape sequences or long text
// (BenchmarkPlanPasteHugeAndHostile times them).
func TestPlanPasteHugeAndHostile(t *testing.T) {
	d := importFixture().Data
	for name, text := range hugePastes {
		_, err := PlanPaste(d, 0, 0, text)
		var ie *ImportError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "太大") {
			t.Errorf("%s: PlanPaste = %v, want refused as too large", name, err)
		}
	}
	// Under the cap: problems quote at most 40 characters, made safe.
	for name, text := range hostilePastes {
		_, err := PlanPaste(d, 0, 0, text)
		if err == nil || len(err.Error()) > 2000 {
			t.Errorf("%s: PlanPaste error of %d bytes", name, len(err.Error()))
		}
		if r, bad := hasUnsafe(strings.ReplaceAll(err.Error(), "\n", "")); bad {
			t.Errorf("%s: error holds %U", name, r)
		}
	}
}

func TestClipPath(t *testing.T) {
	if got := ClipPath("/tmp/考核.db"); got != "/tmp/考核.db" {
		t.Errorf("short path changed: %q", got)
	}
	long := "/tmp/" + strings.Repeat("x", 5000) + "/最后.db"
	got := ClipPath(long)
	if n := utf8.RuneCountInString(got); n > 200 {
		t.Errorf("ClipPath of 5,000 characters is %d long", n)
	}
	if !strings.HasPrefix(got, "/tmp/x") || !strings.HasSuffix(got, "/最后.db") || !strings.Contains(got, "…") {
		t.Errorf("ClipPath = %q, want the start and the end around …", got)
	}
	if got := ClipPath("a\x1b]0;t\x07.db"); strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("ClipPath kept an escape: %q", got)
	}
}
