package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names reach a terminal, a projector and Excel. A name that carries an
// escape sequence could move the cursor or change colours on the dashboard,
// and a bidi override could make 市南区 read as something else, so names are
// checked once where they are entered (CheckName) and every text that comes
// from the database or a file is passed through SafeText before it is shown,
// since older versions and other tools may have written anything.

// Display-width limits of names, in terminal cells (a Chinese character is 2).
const (
	MaxUnitWidth         = 24   // 12 Chinese characters: 西海岸新区 is 10 cells
	MaxSectionWidth      = 32   // 16 Chinese characters
	MaxRuleWidth         = 32   // a flag, warning, tier or adjustment name
	MaxCommitteeWidth    = 60   // 青岛市综合考核委员会 is 20 cells
	MaxMethodWidth       = 120  // the 考核办法 the bulletin cites
	MaxCommendationWidth = 1000 // 500 Chinese characters
)

// maxMarks is how many combining marks may follow one character; more is
// "zalgo" text that spills over the lines above and below.
const maxMarks = 3

// formulaStarts are the characters that make a spreadsheet run a cell as a
// formula; CheckName refuses a name that starts with one, and the CSV
// export prefixes such text with ' (GuardFormula).
const formulaStarts = "=+-@"

// CheckName cleans a name typed or imported for something of kind (区市名称,
// 板块名称, …) and refuses it, with a sentence saying why, when it cannot be
// shown safely: empty, wider than maxWidth cells, starting with = + - @
// (a spreadsheet would run it as a formula), or holding control
// characters (escape sequences, line breaks), bidi overrides or invisible
// format characters. The cleaned name is trimmed and has U+FE0F and U+200D
// (emoji sequences that terminals and lipgloss measure differently) removed.
func CheckName(kind, s string, maxWidth int) (string, error) {
	if !utf8.ValidString(s) {
		return "", Errorf(ErrInvalid, "%s不是有效的文字（编码错误）", kind)
	}
	s = strings.Map(func(r rune) rune {
		if r == '\u200d' || r == '\ufe0f' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s) // a line break pasted at either end is an accident, not content
	if s == "" {
		return "", Errorf(ErrInvalid, "%s不能为空", kind)
	}
	if strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "", Errorf(ErrInvalid, "%s不能以“%c”开头（Excel 和 WPS 会把它当作公式运行），请修改后重新输入", kind, s[0])
	}
	marks := 0
	for i, r := range s {
		switch {
		case isControl(r):
			return "", Errorf(ErrInvalid, "%s里有控制字符（%U，可能是换行、制表符或终端转义序列），请删除后重新输入", kind, r)
		case isBidi(r):
			return "", Errorf(ErrInvalid, "%s里有文字方向控制符（%U），会让名称显示错乱，请删除后重新输入", kind, r)
		case isInvisible(r):
			return "", Errorf(ErrInvalid, "%s里有看不见的格式字符（%U），请删除后重新输入", kind, r)
		case isMark(r):
			marks++
			if i == 0 || marks > maxMarks {
				return "", Errorf(ErrInvalid, "%s里的组合符号（%U）位置不对或过多，请删除后重新输入", kind, r)
			}
		default:
			marks = 0
		}
	}
	if w := Width(s); w > maxWidth {
		return "", Errorf(ErrInvalid, "%s太长（%d 个字符宽，最多 %d，即 %d 个汉字）", kind, w, maxWidth, maxWidth/2)
	}
	return s, nil
}

// SafeText is s as it may be shown on a terminal or written to a file:
// control characters (C0, DEL, C1, so every escape sequence) become U+FFFD,
// tabs and line breaks a space, bidi controls and invisible format
// characters (zero-width spaces, U+200D, U+FE0F, BOM) are dropped, invalid
// UTF-8 becomes U+FFFD, and more than three combining marks on one
// character are cut. Printable text, Chinese and emoji are unchanged, and
// SafeText(SafeText(s)) == SafeText(s).
func SafeText(s string) string {
	if isSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	marks := 0
	for i, w := 0, 0; i < len(s); i += w {
		r, n := utf8.DecodeRuneInString(s[i:])
		w = n
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
			marks = 0
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
			marks = 0
		case isControl(r):
			b.WriteRune(utf8.RuneError)
			marks = 0
		case isBidi(r) || isInvisible(r) || r == '\u200d' || r == '\ufe0f':
			// dropped; a dropped rune does not end a run of marks
		case isMark(r):
			if marks < maxMarks {
				b.WriteRune(r)
			}
			marks++
		default:
			b.WriteRune(r)
			marks = 0
		}
	}
	return b.String()
}

// SafeLines is SafeText for a message of several lines (an import error
// lists one problem a line): each line is made safe, the line breaks stay.
func SafeLines(s string) string {
	if isSafe(s) {
		return s
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = SafeText(l)
	}
	return strings.Join(lines, "\n")
}

// isSafe is the fast path: plain ASCII text and Chinese without any rune
// SafeText would change.
func isSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			return isSafeSlow(s[i:])
		}
	}
	return true
}

func isSafeSlow(s string) bool {
	marks := 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError, isControl(r), isBidi(r), isInvisible(r), r == '\u200d', r == '\ufe0f',
			r == '\u2028', r == '\u2029':
			return false
		case isMark(r):
			marks++
			if marks > maxMarks {
				return false
			}
		default:
			marks = 0
		}
	}
	return true
}

// isControl reports C0 and C1 control characters and DEL: ESC starts every
// terminal escape sequence, CSI (U+009B) is its one-byte form, and line
// and paragraph separators end a line where a name must not.
func isControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u2028' || r == '\u2029'
}

// isBidi reports the bidi embeddings, overrides and isolates and the
// direction marks, which reorder the characters around them.
func isBidi(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// isInvisible reports format characters (category Cf: zero-width space and
// joiners, soft hyphen, word joiner, BOM, interlinear annotation, tags)
// other than the bidi ones, and the variation selectors other than U+FE0F,
// which SafeText drops and CheckName refuses.
func isInvisible(r rune) bool {
	if r == '\u200d' || r == '\ufe0f' {
		return false // stripped silently by both
	}
	return unicode.Is(unicode.Cf, r) || (r >= '\ufe00' && r <= '\ufe0e') || (r >= 0xe0100 && r <= 0xe01ef) ||
		r == '\u115f' || r == '\u1160' || r == '\u3164' || r == '\uffa0' // Hangul fillers: blank but not spaces
}

// isMark reports combining marks, which draw over the character before them.
func isMark(r rune) bool {
	return r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r))
}

// Width is the display width of s in terminal cells, as the dashboard's
// libraries measure it: East Asian wide and full-width characters (市南区,
// （, ＊) and emoji count 2, combining marks and format characters 0,
// control characters 0, everything else 1.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
	}
	return n
}

// RuneWidth is the display width of one rune (see Width).
func RuneWidth(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case isControl(r), isMark(r), isBidi(r), isInvisible(r), r == '\u200d', r == '\ufe0f':
		return 0
	case r < 0x1100:
		return 1
	}
	lo, hi := 0, len(wideRanges)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case r < wideRanges[m][0]:
			hi = m
		case r > wideRanges[m][1]:
			lo = m + 1
		default:
			return 2
		}
	}
	return 1
}

// wideRanges are the East Asian Wide and Fullwidth ranges of Unicode 15
// (EastAsianWidth.txt), merged where the gaps hold no assigned characters.
var wideRanges = [][2]rune{
	{0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec}, {0x23f0, 0x23f0},
	{0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267f, 0x267f},
	{0x2693, 0x2693}, {0x26a1, 0x26a1}, {0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5},
	{0x26ce, 0x26ce}, {0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
	{0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b}, {0x2728, 0x2728},
	{0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27b0, 0x27b0}, {0x27bf, 0x27bf}, {0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55},
	{0x2e80, 0x303e}, {0x3041, 0x3247}, {0x3250, 0x4dbf}, {0x4e00, 0xa4c6}, {0xa960, 0xa97c},
	{0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19}, {0xfe30, 0xfe6b}, {0xff01, 0xff60},
	{0xffe0, 0xffe6}, {0x16fe0, 0x16fe4}, {0x16ff0, 0x16ff1}, {0x17000, 0x18cd5}, {0x18d00, 0x18d08},
	{0x1aff0, 0x1b2fb}, {0x1f004, 0x1f004}, {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
	{0x1f200, 0x1f202}, {0x1f210, 0x1f23b}, {0x1f240, 0x1f248}, {0x1f250, 0x1f251}, {0x1f260, 0x1f265},
	{0x1f300, 0x1f320}, {0x1f32d, 0x1f335}, {0x1f337, 0x1f37c}, {0x1f37e, 0x1f393}, {0x1f3a0, 0x1f3ca},
	{0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0}, {0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440},
	{0x1f442, 0x1f4fc}, {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e}, {0x1f550, 0x1f567}, {0x1f57a, 0x1f57a},
	{0x1f595, 0x1f596}, {0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5}, {0x1f6cc, 0x1f6cc},
	{0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6d7}, {0x1f6dc, 0x1f6df}, {0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc},
	{0x1f7e0, 0x1f7eb}, {0x1f7f0, 0x1f7f0}, {0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff},
	{0x1fa70, 0x1fa7c}, {0x1fa80, 0x1fa88}, {0x1fa90, 0x1fabd}, {0x1fabf, 0x1fac5}, {0x1face, 0x1fadb},
	{0x1fae0, 0x1fae8}, {0x1faf0, 0x1faf8}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
}

// mapped is f of each element, in a new slice (nil stays nil), so that a
// made-safe copy never shares its backing array with the original.
func mapped[T any](xs []T, f func(T) T) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// SafeUnit is u with every name made safe for display.
func SafeUnit(u Unit) Unit {
	u.Name, u.Short = SafeText(u.Name), SafeText(u.Short)
	if len(u.Aliases) > 0 {
		u.Aliases = mapped(u.Aliases, SafeText)
	}
	return u
}

// SafeUnits is SafeUnit of each unit, in a new slice.
func SafeUnits(us []Unit) []Unit { return mapped(us, SafeUnit) }

func safeSections(ss []Section) []Section {
	return mapped(ss, func(s Section) Section { s.Name = SafeText(s.Name); return s })
}

func safeStrings(ss []string) []string { return mapped(ss, SafeText) }

func safeRuleList(rs []Rule) []Rule {
	return mapped(rs, func(r Rule) Rule {
		r.Name, r.Colour = SafeText(r.Name), SafeText(r.Colour)
		r.When = mapped(r.When, func(c Condition) Condition { c.Scope = SafeText(c.Scope); return c })
		return r
	})
}

// SafeRules is r with every name (flags, warnings, tiers, committee,
// method) made safe for display.
func SafeRules(r Rules) Rules {
	r.Flags, r.Warnings = safeRuleList(r.Flags), safeRuleList(r.Warnings)
	r.Committee, r.Method = SafeText(r.Committee), SafeText(r.Method)
	r.Tiers = mapped(r.Tiers, func(t Tier) Tier { t.Name = SafeText(t.Name); return t })
	return r
}

// SafeResult is a copy of r whose every name is safe for display; numbers
// are unchanged. Flag and warning names change the same way in the rules
// and the standings, so they still match.
func SafeResult(r Result) Result {
	r.Sections = safeSections(r.Sections)
	r.Adjustment.Name = SafeText(r.Adjustment.Name)
	r.Rules = SafeRules(r.Rules)
	if r.Standings != nil {
		st := make([]Standing, len(r.Standings))
		for i, s := range r.Standings {
			s.Unit = SafeUnit(s.Unit)
			s.Flags, s.Warnings = safeStrings(s.Flags), safeStrings(s.Warnings)
			st[i] = s
		}
		r.Standings = st
	}
	if r.Missing != nil {
		ms := make([]Missing, len(r.Missing))
		for i, m := range r.Missing {
			m.Unit = SafeUnit(m.Unit)
			m.Section.Name = SafeText(m.Section.Name)
			ms[i] = m
		}
		r.Missing = ms
	}
	return r
}

// SafeQuarterData is a copy of d whose names are safe for display.
func SafeQuarterData(d QuarterData) QuarterData {
	d.Units = SafeUnits(d.Units)
	d.Sections = safeSections(d.Sections)
	d.Adjustment.Name = SafeText(d.Adjustment.Name)
	d.Rules = SafeRules(d.Rules)
	return d
}

// CleanRules checks and cleans every name of r with CheckName: flag,
// warning and tier names, the section a condition looks at, the committee
// and the method (those two may be empty: the bulletin then uses defaults).
func CleanRules(r Rules) (Rules, error) {
	clean := func(rs []Rule, kind string) ([]Rule, error) {
		if rs == nil {
			return nil, nil
		}
		out := make([]Rule, len(rs))
		for i, rule := range rs {
			var err error
			if rule.Name, err = CheckName(kind, rule.Name, MaxRuleWidth); err != nil {
				return nil, err
			}
			if rule.When != nil {
				cs := make([]Condition, len(rule.When))
				for j, c := range rule.When {
					if c.Scope != "" {
						if c.Scope, err = CheckName("规则“"+rule.Name+"”的板块", c.Scope, MaxSectionWidth); err != nil {
							return nil, err
						}
					}
					cs[j] = c
				}
				rule.When = cs
			}
			out[i] = rule
		}
		return out, nil
	}
	var err error
	if r.Flags, err = clean(r.Flags, "规则名称"); err != nil {
		return r, err
	}
	if r.Warnings, err = clean(r.Warnings, "规则名称"); err != nil {
		return r, err
	}
	if r.Tiers != nil {
		ts := make([]Tier, len(r.Tiers))
		for i, t := range r.Tiers {
			if t.Name, err = CheckName("等次名称", t.Name, MaxRuleWidth); err != nil {
				return r, err
			}
			ts[i] = t
		}
		r.Tiers = ts
	}
	optional := func(kind, s string, max int) (string, error) {
		if strings.TrimSpace(s) == "" {
			return "", nil
		}
		return CheckName(kind, s, max)
	}
	if r.Committee, err = optional("考核委员会名称", r.Committee, MaxCommitteeWidth); err != nil {
		return r, err
	}
	if r.Method, err = optional("考核办法名称", r.Method, MaxMethodWidth); err != nil {
		return r, err
	}
	return r, nil
}

// clipRunes is how much of a typed, pasted or imported value a message
// quotes back.
const clipRunes = 40

// Clip shortens s for quoting in a message: at most 40 characters, then "…".
func Clip(s string) string {
	n := 0
	for i := range s {
		if n == clipRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// clipPathRunes is how long a file name a message quotes in full.
const clipPathRunes = 200

// ClipPath makes a file name safe to quote in a message: SafeText, and a
// name longer than 200 characters keeps its start and its end (the folder
// and the file people recognise) around "…".
func ClipPath(p string) string {
	p = SafeText(p)
	r := []rune(p)
	if len(r) <= clipPathRunes {
		return p
	}
	return string(r[:120]) + "…" + string(r[len(r)-70:])
}
