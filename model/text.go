package model

import (
	"slices"
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
// shown safely: empty, wider than maxWidth cells (as nameWidth bounds it),
// starting with = + - @ (a spreadsheet would run it as a formula), or
// holding control characters (escape sequences, line breaks), bidi
// overrides or invisible format characters. The cleaned name is trimmed and has U+FE0F and U+200D
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
	if w := nameWidth(s); w > maxWidth {
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

// nameWidth bounds the display width of a name in terminal cells without
// measuring it: model keeps to the standard library, and the one width
// function, the dashboard's (lipgloss, displaywidth), lives with the
// screens and the text exports. No character is wider than 2 cells, so
// counting printable ASCII as 1, combining marks as 0 and every other
// character as 2 is never less than what a screen draws, and it is exact
// for Chinese and ASCII names (市南区 is 6).
func nameWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			n++
		case !isMark(r):
			n += 2
		}
	}
	return n
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
	u.DocName, u.Attendee, u.Post = SafeText(u.DocName), SafeText(u.Attendee), SafeText(u.Post)
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

func safeAdjustments(as []Adjustment) []Adjustment {
	return mapped(as, func(a Adjustment) Adjustment { a.Name = SafeText(a.Name); return a })
}

func safeRuleList(rs []Rule) []Rule {
	return mapped(rs, func(r Rule) Rule {
		r.Name, r.Colour, r.Group = SafeText(r.Name), SafeText(r.Colour), SafeText(r.Group)
		r.When = mapped(r.When, func(c Condition) Condition {
			return mapCondition("", c, func(_ string, c Condition) Condition { c.Scope = SafeText(c.Scope); return c })
		})
		return r
	})
}

// SafeRules is r with every name (flags, warnings, tiers, committee,
// method) made safe for display.
func SafeRules(r Rules) Rules {
	for _, list := range r.Lists() {
		*list = safeRuleList(*list)
	}
	r.Committee, r.Method = SafeText(r.Committee), SafeText(r.Method)
	for _, s := range []*string{&r.Docs.Addressee, &r.Docs.Number, &r.Docs.CopyTo, &r.Docs.Issuer} {
		*s = SafeText(*s)
	}
	r.Tiers = mapped(r.Tiers, func(t Tier) Tier { t.Name = SafeText(t.Name); return t })
	r.Groups = mapped(r.Groups, func(g Group) Group { g.Name = SafeText(g.Name); return g })
	return r
}

// SafeResult is a copy of r whose every name is safe for display; numbers
// are unchanged. Flag and warning names change the same way in the rules
// and the standings, so they still match.
func SafeResult(r Result) Result {
	r.Sections = safeSections(r.Sections)
	r.Adjustments = safeAdjustments(r.Adjustments)
	r.Rules = SafeRules(r.Rules)
	r.Groups = safeStrings(r.Groups)
	if r.Standings != nil {
		st := make([]Standing, len(r.Standings))
		for i, s := range r.Standings {
			s.Unit = SafeUnit(s.Unit)
			s.Flags, s.Warnings, s.AntiAwards = safeStrings(s.Flags), safeStrings(s.Warnings), safeStrings(s.AntiAwards)
			s.Group, s.Veto, s.Talk.Note = SafeText(s.Group), SafeText(s.Veto), SafeText(s.Talk.Note)
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
	d.Adjustments = safeAdjustments(d.Adjustments)
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
			if rule.Group != "" {
				if rule.Group, err = CheckName("规则“"+rule.Name+"”的组别", rule.Group, MaxRuleWidth); err != nil {
					return nil, err
				}
			}
			if rule.When != nil {
				cs := make([]Condition, len(rule.When))
				for j, c := range rule.When {
					c = mapCondition(rule.Name, c, func(_ string, c Condition) Condition {
						if c.Scope != "" && err == nil {
							c.Scope, err = CheckName("规则“"+rule.Name+"”的板块", c.Scope, MaxSectionWidth)
						}
						return c
					})
					if err != nil {
						return nil, err
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
	for _, list := range r.Lists() {
		if *list, err = clean(*list, "规则名称"); err != nil {
			return r, err
		}
	}
	if r.Groups, err = cleanNames(r.Groups, "组别名称", func(g *Group) *string { return &g.Name }); err != nil {
		return r, err
	}
	if r.Tiers, err = cleanNames(r.Tiers, "等次名称", func(t *Tier) *string { return &t.Name }); err != nil {
		return r, err
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
	if r.Docs, err = r.Docs.clean(); err != nil {
		return r, err
	}
	return r, nil
}

// cleanNames is a copy of xs whose names (name gives each) are checked and
// cleaned with CheckName (kind names them in a refusal); nil stays nil.
func cleanNames[T any](xs []T, kind string, name func(*T) *string) ([]T, error) {
	if xs == nil {
		return nil, nil
	}
	out := slices.Clone(xs)
	for i := range out {
		n := name(&out[i])
		var err error
		if *n, err = CheckName(kind, *n, MaxRuleWidth); err != nil {
			return nil, err
		}
	}
	return out, nil
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
