package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// Shared marks: every page writes movement, flags and warnings the same
// way, in words that keep their meaning without colour.

// movement is 升2 / 降1 / 平 / 新 (or the glyph set's equivalents), styled.
func (c *common) movement(s model.Standing) cell {
	g, p := c.glyphs, s.InGroup // in the unit's group: the same as among all without groups
	switch {
	case !p.HasMovement():
		return styled(g.New, c.styles.Muted)
	case p.Movement() > 0:
		return styled(g.Up+strconv.Itoa(p.Movement()), c.styles.Rise)
	case p.Movement() < 0:
		return styled(g.Down+strconv.Itoa(-p.Movement()), c.styles.Fall)
	}
	return plainCell(g.Same)
}

// flagLabel is a rule's name as a meeting says it: the words after the
// last 、 (勇当排头 for 真抓实干、勇当排头), or the whole name.
func flagLabel(name string) string {
	if i := strings.LastIndex(name, "、"); i >= 0 {
		return name[i+len("、"):]
	}
	return name
}

// shortLabels defines the short form of each name, for screens too narrow
// for the labels: the last two characters of its label (排头, 赶超), or,
// when two names share those, the first two (勇当, 后发), growing by a
// character until no two names share a form; a label too short to shorten
// stays whole. The short form always names one rule of the list.
func shortLabels(names []string) map[string]string {
	out := make(map[string]string, len(names))
	labels := make([]string, len(names))
	longest := 0
	for i, n := range names {
		labels[i] = flagLabel(n)
		longest = max(longest, utf8.RuneCountInString(labels[i]))
	}
	for n := 2; n < longest; n++ {
		for _, cut := range []func(string, int) string{lastRunes, firstRunes} {
			seen := map[string]bool{}
			unique := true
			for _, l := range labels {
				f := cut(l, n)
				unique = unique && !seen[f]
				seen[f] = true
			}
			if unique {
				for i, name := range names {
					out[name] = cut(labels[i], n)
				}
				return out
			}
		}
	}
	for i, name := range names {
		out[name] = labels[i]
	}
	return out
}

// markSet writes the flags and warnings of one quarter: 红旗：勇当排头、进位赶超
// and 红牌：约谈提醒 (警示： for a first warning). Widths of the words are
// measured once, so laying out 200 units costs arithmetic only.
type markSet struct {
	c          *common
	short      map[string]string // rule name → defined short form
	oneWarning bool              // the mark alone (红牌) names the warning
	widths     map[string]int
}

func (c *common) markSet(rules model.Rules) *markSet {
	flags := make([]string, 0, len(rules.Flags))
	for _, f := range rules.Flags {
		flags = append(flags, f.Name)
	}
	warnings := make([]string, 0, len(rules.Warnings))
	for _, w := range rules.Warnings {
		warnings = append(warnings, w.Name)
	}
	m := &markSet{c: c, short: shortLabels(flags), oneWarning: len(warnings) <= 1, widths: map[string]int{}}
	for k, v := range shortLabels(warnings) {
		m.short[k] = v
	}
	return m
}

// marksOf is the markSet of a loaded result, made once per result.
func (c *common) marksOf(r *model.Result) *markSet {
	if r == nil {
		return c.markSet(model.Rules{})
	}
	if c.memo.marksFor != r {
		c.memo.marksFor, c.memo.marks = r, c.markSet(r.Rules)
	}
	return c.memo.marks
}

func (m *markSet) width(s string) int {
	w, ok := m.widths[s]
	if !ok {
		w = lipgloss.Width(s)
		m.widths[s] = w
	}
	return w
}

// label is how a rule is named: its label, or its short form.
func (m *markSet) label(name string, short bool) string {
	if short {
		if s, ok := m.short[name]; ok {
			return s
		}
	}
	return flagLabel(name)
}

// markGroup is one kind of mark of a unit: a word (红旗, 红牌, 警示) and the
// rules it names, written 红旗：勇当排头、进位赶超; no names: the word alone
// (否决, and an anti-award, whose name is the word: 蜗牛奖).
type markGroup struct {
	word  string
	names []string
	flag  bool
}

const (
	markColon  = "："  // after the word
	markComma  = "、"  // between names
	markSpacer = "  " // between groups on one line
)

// groups are s's flags and its warning; short uses the short forms, and a
// single warning rule is then named by the mark alone.
func (m *markSet) groups(s model.Standing, short bool) []markGroup {
	var gs []markGroup
	if s.Veto != "" { // 一票否决: no flags; the reason is on the flags page
		gs = append(gs, markGroup{word: m.c.glyphs.Veto})
	}
	if len(s.Flags) > 0 {
		g := markGroup{word: m.c.glyphs.Flag, flag: true}
		for _, f := range s.Flags {
			g.names = append(g.names, m.label(f, short))
		}
		gs = append(gs, g)
	}
	if s.Warned() {
		g := markGroup{word: m.c.glyphs.Warn}
		if s.RedMark {
			g.word = m.c.glyphs.Red
		}
		if !short || !m.oneWarning {
			for _, w := range s.Warnings {
				g.names = append(g.names, m.label(w, short))
			}
		}
		gs = append(gs, g)
	}
	for _, a := range s.AntiAwards { // 蜗牛奖: the name is the mark
		gs = append(gs, markGroup{word: a})
	}
	return gs
}

func (m *markSet) groupWidth(g markGroup) int {
	n := m.width(g.word)
	if len(g.names) > 0 {
		n += m.width(markColon) + (len(g.names)-1)*m.width(markComma)
	}
	for _, name := range g.names {
		n += m.width(name)
	}
	return n
}

// Mark layouts, most readable first: every group on one line, a line per
// group, a line per mark (红旗：勇当排头 / 红旗：进位赶超 / 红牌：约谈提醒).
const markLevels = 3

// lines lays out s's marks at a level: each line a list of groups.
func (m *markSet) lines(s model.Standing, short bool, level int) [][]markGroup {
	gs := m.groups(s, short)
	switch {
	case len(gs) == 0:
		return nil
	case level == 0:
		return [][]markGroup{gs}
	case level == 1:
		out := make([][]markGroup, len(gs))
		for i := range gs {
			out[i] = gs[i : i+1]
		}
		return out
	}
	var out [][]markGroup
	for _, g := range gs {
		if len(g.names) <= 1 {
			out = append(out, []markGroup{g})
			continue
		}
		for _, n := range g.names {
			out = append(out, []markGroup{{word: g.word, names: []string{n}, flag: g.flag}})
		}
	}
	return out
}

// markSize is the widest line and the number of lines of a layout.
type markSize struct{ w, n int }

// markSizes are the sizes of a unit's marks in every layout: [short][level].
type markSizes [2][markLevels]markSize

// sizes measures s's marks in every layout as lines would lay them out,
// by arithmetic on the words' widths: the tables measure every unit on
// every frame.
func (m *markSet) sizes(s model.Standing) markSizes {
	var out markSizes
	if !hasMarks(s) {
		return out
	}
	for k, short := range []bool{false, true} {
		gs := m.groups(s, short)
		one, widest, items, widestItem := (len(gs)-1)*len(markSpacer), 0, 0, 0
		for _, g := range gs {
			w := m.groupWidth(g)
			one, widest = one+w, max(widest, w)
			if len(g.names) <= 1 {
				items, widestItem = items+1, max(widestItem, w)
				continue
			}
			for _, n := range g.names { // 红旗：勇当排头 on a line of its own
				items, widestItem = items+1, max(widestItem, m.width(g.word)+m.width(markColon)+m.width(n))
			}
		}
		out[k] = [markLevels]markSize{{one, 1}, {widest, len(gs)}, {widestItem, items}}
	}
	return out
}

// hasMarks reports whether s has anything for the marks column.
func hasMarks(s model.Standing) bool {
	return len(s.Flags) > 0 || s.Warned() || s.Veto != "" || len(s.AntiAwards) > 0
}

func slicesMax(v []int) int {
	n := 0
	for _, x := range v {
		n = max(n, x)
	}
	return n
}

// render draws one line of groups: flags in the Flag style, the warning's
// mark in its own style (红牌 reversed) and its names in the Warning style.
func (m *markSet) render(l []markGroup) string {
	p := m.c.paints()
	var b strings.Builder
	for i, g := range l {
		if i > 0 {
			b.WriteString(markSpacer)
		}
		names := ""
		if len(g.names) > 0 {
			names = markColon + strings.Join(g.names, markComma)
		}
		switch {
		case g.flag:
			b.WriteString(p.Flag.on(g.word + names))
		case g.word == m.c.glyphs.Red:
			b.WriteString(p.RedMark.on(g.word) + p.Warning.on(names))
		default:
			b.WriteString(p.Warning.on(g.word + names))
		}
	}
	return b.String()
}

// markFit is how far a column may go to hold every unit's marks: short
// allows the short forms, maxLines the lines per unit.
type markFit struct {
	short    bool
	maxLines int
}

// markFits are tried in order: full words on one line, wrapped to a second
// line, then short forms, and only then more lines. Nothing is ever cut.
var markFits = []markFit{{false, 1}, {false, 2}, {true, 1}, {true, 2}, {false, 99}, {true, 99}}

// fit is the first layout of marks sized z within w cells and f, full
// words before short forms: ok is false when none fits.
func (f markFit) fit(z markSizes, w int) (short bool, level int, ok bool) {
	for k := range 2 {
		if k == 1 && !f.short {
			break
		}
		for level := range markLevels {
			if z[k][level].w <= w && z[k][level].n <= f.maxLines {
				return k == 1, level, true
			}
		}
	}
	return false, 0, false
}

// need is the narrowest width at which every unit of zs fits f (-1: at
// none).
func (f markFit) need(zs []markSizes) int {
	most := 0
	for _, z := range zs {
		if z[0][0].n == 0 {
			continue // no marks
		}
		best := -1
		for k := range 2 {
			if k == 1 && !f.short {
				break
			}
			for level := range markLevels {
				if c := z[k][level]; c.n <= f.maxLines && (best < 0 || c.w < best) {
					best = c.w
				}
			}
		}
		if best < 0 {
			return -1
		}
		most = max(most, best)
	}
	return most
}

// lineCount is the number of lines of marks sized z in w cells under f.
func (f markFit) lineCount(z markSizes, w int) int {
	short, level, ok := f.fit(z, w)
	if !ok {
		return z[1][markLevels-1].n
	}
	return z[b2i(short)][level].n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cellLines are s's marks drawn in at most w cells under f: one string per
// line (none for a unit without marks).
func (m *markSet) cellLines(s model.Standing, w int, f markFit) []string {
	short, level, ok := f.fit(m.sizes(s), w)
	if !ok { // the caller sized the column for f: a last resort, never cut
		short, level = true, markLevels-1
	}
	ls := m.lines(s, short, level)
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = m.render(l)
	}
	return out
}

// oneLine is s's marks on one line, in full or short words.
func (m *markSet) oneLine(s model.Standing, short bool) string {
	if ls := m.lines(s, short, 0); len(ls) > 0 {
		return m.render(ls[0])
	}
	return ""
}

// flags is a unit's flags on one line (红旗：排头、赶超 when short).
func (c *common) flags(s model.Standing, short bool) cell {
	s.Warnings = nil
	return plainCell(c.marksOf(c.current()).oneLine(s, short))
}

// warning is a unit's warning mark: 警示 (amber) or 红牌 (red, reverse).
func (c *common) warning(s model.Standing) cell {
	switch {
	case s.RedMark:
		return styled(c.glyphs.Red, c.styles.RedMark)
	case s.Warned():
		return styled(c.glyphs.Warn, c.styles.Warning)
	}
	return plainCell("")
}

// unitName is the full name on wide screens and the short one on narrow.
func unitName(u model.Unit, narrow bool) string {
	if narrow {
		return u.Label()
	}
	return u.Name
}

// rankCell is the rank, bold (gold) for flag-A places, a dash when unranked.
// The rank is the one in the unit's group: the same as among all units
// without groups.
func (c *common) rankCell(s model.Standing) cell { return c.rankCellOf(s, s.InGroup.Rank) }

// rankCellOf is rankCell of the rank r of s.
func (c *common) rankCellOf(s model.Standing, r int) cell {
	if s.Rank == 0 {
		return styled(c.glyphs.Dash, c.styles.Muted)
	}
	return styledIf(strconv.Itoa(r), c.styles.RankTop, len(s.Flags) > 0 && s.Flags[0] == model.FlagA || r == 1)
}

// wrapIndented wraps a sentence to w cells, each line indented two, so
// that a hint is never cut at the screen's edge.
// It breaks at spaces only (a command's --quarter stays whole), and
// within a word (Chinese, which has no spaces) where it must.
func wrapIndented(s string, w int) []string {
	limit := max(w-2, 10)
	var lines []string
	cur := ""
	for _, word := range strings.Split(s, " ") {
		if next := strings.TrimPrefix(cur+" "+word, " "); textWidth(next) <= limit {
			cur = next
			continue
		}
		if cur != "" {
			lines = append(lines, "  "+cur)
		}
		cur = word
		for textWidth(cur) > limit {
			head := ansi.Truncate(cur, limit, "")
			lines = append(lines, "  "+head)
			cur = cur[len(head):]
		}
	}
	return append(lines, "  "+cur)
}

// missingFit is head followed by as many as most of the missing scores ms
// as fit in w, each whole (none on a narrow screen).
func missingFit(head string, ms []model.Missing, most, w int) string {
	for n := most; n > 0; n-- {
		if t := head + "：" + model.MissingList(ms, n); textWidth(t) <= w {
			return t
		}
	}
	return head
}

// notice explains an empty or incomplete quarter above a page's table;
// nil when the quarter is complete.
func (c *common) notice(r *model.Result, w int) []string {
	switch {
	case r == nil || !hasScores(r):
		q, k := c.quarter.String(), c.keys
		keyOf := func(b key.Binding) string { return b.Help().Key }
		lines := []string{"", "  " + q + " 还没有得分。"}
		lines = append(lines, wrapIndented("按 "+keyOf(k.Entry)+" 录入得分，按 "+keyOf(k.Setup)+" 设置区市和板块，按 "+
			keyOf(k.Quarters)+" 选择或新建其他季度（"+keyOf(k.PrevQuarter)+" "+keyOf(k.NextQuarter)+" 前后翻）。", w)...)
		for _, l := range wrapIndented("也可以导入：starflag import --quarter "+q+" 得分.csv（空白模板：starflag export template --quarter "+q+" -o 模板.csv）", w) {
			lines = append(lines, c.styles.Muted.Render(l))
		}
		return lines
	case !r.Complete():
		// Provisional: the complete units' ranks only, and no flag or
		// warning until the last score is in (model.Compute).
		note := missingFit("未完成（暂定排名）：不评红旗和警示；缺 "+strconv.Itoa(len(r.Missing))+" 项", r.Missing, 4, w)
		return []string{c.styles.Warning.Render(padRight(note, w)), c.styles.Muted.Render(c.progressText(w))}
	}
	return nil
}
