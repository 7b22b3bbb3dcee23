package exchange

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"starflag/model"
)

// MaxRulebookSize bounds a rulebook file: a real one is a few kilobytes.
const MaxRulebookSize = 1 << 20

// ReadRulebook reads a rulebook file (WriteRulebook) and checks it whole:
// its TOML, every key (an unknown key is refused, not ignored), every
// value's type and range, duplicate names, a rule on a section or group
// the file does not have, a range with min > max, a condition that can
// never hold. The refusal lists every problem with its line (第 12 行：…),
// so nothing is loaded from a file with any. name names the file in it.
func ReadRulebook(data []byte, name string) (model.Rulebook, error) {
	refuse := func(format string, args ...any) (model.Rulebook, error) {
		return model.Rulebook{}, model.Errorf(model.ErrInvalid, "规则文件 %s %s，没有导入任何内容", model.ClipPath(name), fmt.Sprintf(format, args...))
	}
	if len(data) > MaxRulebookSize {
		return refuse("有 %d 字节，超过 %d 字节（1 MB）：这不像规则文件", len(data), MaxRulebookSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // Notepad's BOM
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return refuse("是 Excel 或 Word 文件（压缩包），不是规则文件；规则文件是文本文件，由 starflag rules export 导出")
	case bytes.HasPrefix(data, []byte("SQLite format 3\x00")):
		return refuse("是数据库文件，不是规则文件；规则文件由 starflag rules export 导出")
	case bytes.HasPrefix(data, []byte("区市,")) || bytes.HasPrefix(data, []byte("unit,")):
		return refuse("像是得分表（CSV），不是规则文件；导入得分请用 starflag import")
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return refuse("是 UTF-16 编码（记事本另存为时选了“Unicode”），请用 UTF-8 保存（WPS/记事本：另存为 UTF-8）")
	}
	if !utf8.Valid(data) {
		var lines []string
		for i, l := range bytes.Split(data, []byte("\n")) {
			if !utf8.Valid(l) {
				lines = append(lines, "第 "+strconv.Itoa(i+1)+" 行")
			}
		}
		return refuse("不是 UTF-8 编码（%s），请用 UTF-8 保存（WPS/记事本：另存为 UTF-8）", strings.Join(clipList(lines), "、"))
	}
	if n := tooDeep(string(data)); n > 0 {
		return refuse("第 %d 行的表格或数组嵌套太深、键名层级太多（超过 %d 层）：这不像规则文件", n, maxNesting)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			hint := syntaxHint(pe.Message)
			if lines := strings.Split(string(data), "\n"); pe.Position.Line >= 1 && pe.Position.Line <= len(lines) {
				if r := fullWidthOutside(lines[pe.Position.Line-1]); r != 0 {
					hint = "有全角字符“" + string(r) + "”：数字、等号、引号、逗号和方括号要用半角（英文输入法）输入，如 max = 100、name = \"经济运行\""
				}
			}
			return model.Rulebook{}, model.Errorf(model.ErrInvalid, "规则文件 %s 有问题，没有导入任何内容：\n第 %d 行：TOML 写法不对（%s）", model.ClipPath(name), pe.Position.Line, hint)
		}
		return refuse("不是有效的 TOML（%s）", model.Clip(err.Error()))
	}
	rd := &reader{lines: keyLines(string(data))}
	rb := rd.rulebook(&table{rd: rd, m: raw})
	if len(rd.problems) > 0 {
		slices.SortStableFunc(rd.problems, func(a, b problem) int { return cmp.Compare(a.line, b.line) })
		var b strings.Builder
		for _, p := range rd.problems {
			if p.line > 0 {
				fmt.Fprintf(&b, "\n第 %d 行：%s", p.line, p.msg)
			} else {
				fmt.Fprintf(&b, "\n%s", p.msg)
			}
		}
		return model.Rulebook{}, model.Errorf(model.ErrInvalid, "规则文件 %s 有 %d 处问题，没有导入任何内容：%s", model.ClipPath(name), len(rd.problems), b.String())
	}
	return rb, nil
}

// syntaxHint says in Chinese what the TOML parser found (its message is
// English, and the user reads Chinese): the common cases by name, else
// where to look.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "already been defined") || strings.Contains(msg, "already created") || strings.Contains(msg, "has already"):
		return "同一个键或表格写了两次"
	case strings.Contains(msg, "newline"):
		return "一个值没有写完就换行了，引号或括号没有配对？"
	case strings.Contains(msg, "bare keys") || strings.Contains(msg, "key"):
		return "键名写法不对（键名只用英文字母、数字、_ 和 -）"
	}
	return "多了或少了符号，如引号、等号、方括号；请对照导出的规则文件检查"
}

// fullWidthOutside is the first full-width character of TOML's syntax
// (digits, ＝ ． ， ［ ］ ＃ － ＋, curly quotes) standing outside a string
// on line, as a Chinese input method or WPS's autocorrect types them; 0
// when there is none. Inside a string they are text.
func fullWidthOutside(line string) rune {
	var quote rune
	escaped := false
	for _, r := range line {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#':
			return 0
		case r >= '０' && r <= '９', strings.ContainsRune("＝．，［］＃－＋“”‘’", r):
			return r
		}
	}
	return 0
}

func clipList(ss []string) []string {
	if len(ss) > 10 {
		return append(ss[:10:10], "等 "+strconv.Itoa(len(ss))+" 行")
	}
	return ss
}

// A problem is one thing wrong in the file, on a line (0 = the whole file).
type problem struct {
	line int
	msg  string
}

type reader struct {
	lines    map[string]int // key path → line (keyLines)
	problems []problem
}

// add records a problem at the key path ("sections[1].max").
func (rd *reader) add(path, format string, args ...any) {
	rd.problems = append(rd.problems, problem{rd.line(path), model.SafeText(fmt.Sprintf(format, args...))})
}

// line is the line of path, or of the nearest enclosing table.
func (rd *reader) line(path string) int {
	for path != "" {
		if n, ok := rd.lines[path]; ok {
			return n
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

// table is one TOML table being read: each key taken is marked, and done
// refuses the keys nobody took (unknown keys).
type table struct {
	rd   *reader
	path string
	m    map[string]any
	used map[string]bool
}

func (t *table) key(k string) string {
	if t.path == "" {
		return k
	}
	return t.path + "." + k
}

// get takes key k: its value and whether it is there.
func (t *table) get(k string) (any, bool) {
	if t.used == nil {
		t.used = map[string]bool{}
	}
	t.used[k] = true
	v, ok := t.m[k]
	return v, ok
}

// done refuses the keys of t that were not taken.
func (t *table) done() {
	var unknown []string
	for k := range t.m {
		if !t.used[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		t.rd.add(t.key(k), "未知的键“%s”（键名见 docs/rules.md“规则文件”；是不是写错了？）", model.Clip(k))
	}
}

func (t *table) wrong(k, want string, v any) {
	t.rd.add(t.key(k), "“%s”应是%s，这里是%s", k, want, tomlTypeName(v))
}

func tomlTypeName(v any) string {
	switch v.(type) {
	case string:
		return "文字"
	case int64, float64:
		return "数"
	case bool:
		return "true/false"
	case []map[string]any:
		return "表格数组"
	case []any:
		return "数组"
	case map[string]any:
		return "表格"
	}
	return "日期或时间"
}

func (t *table) str(k string, def string) string {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	s, ok := v.(string)
	if !ok {
		t.wrong(k, "文字（加英文双引号）", v)
		return def
	}
	return s
}

// filled is an optional text that, when given, may not be empty, as setup
// refuses it empty (the bulletin's 考核办法 and 发文机关): def when the key
// is not there, spaces around it dropped.
func (t *table) filled(k, def, what string) string {
	if _, ok := t.m[k]; !ok {
		return def
	}
	s := strings.TrimSpace(t.str(k, def))
	if s == "" {
		t.rd.add(t.key(k), "%s名称不能为空", what)
		return def
	}
	return s
}

// The settings with a fixed set of values: each value as the file writes
// it and in the Chinese words the comment above its block (and setup) use,
// which a file may have instead.
var (
	annualMethods = [][2]string{{model.AnnualAuto, "自动"}, {model.AnnualPercent, "按比例"}, {model.AnnualMean, "加权平均"}}
	seatMethods   = [][2]string{{string(model.CentreOut), "居中向两边"}, {string(model.LeftToRight), "从左到右"}}
	versions      = [][2]string{{model.VersionFile, "文件"}, {model.VersionBrief, "简报"}}
	speakOrders   = [][2]string{{model.SpeakBySeat, "座次顺序"}, {model.SpeakByOfficial, "区市顺序"}, {model.SpeakReversed, "座次倒序"}}
	colours       = func() (cs [][2]string) {
		for _, c := range model.Colours {
			cs = append(cs, [2]string{c, model.ColourName(c)})
		}
		return cs
	}()
)

// choice is the text k, one of values (its value or its Chinese words,
// read as the value): def when the key is not there; another is refused at
// its line naming them all.
func (t *table) choice(k, def string, values [][2]string) string {
	if _, ok := t.m[k]; !ok {
		return def
	}
	s := strings.TrimSpace(t.str(k, def))
	var names []string
	for _, v := range values {
		if s == v[0] || s == v[1] {
			return v[0]
		}
		names = append(names, v[0]+"（"+v[1]+"）")
	}
	t.rd.add(t.key(k), "“%s”的值“%s”不认识，只能是 %s", k, s, strings.Join(names, "、"))
	return def
}

// name is a required text: a name that can be shown (model.CheckName).
func (t *table) name(k, what string, width int) string {
	v, ok := t.get(k)
	if !ok {
		t.rd.add(t.path, "缺少%s（%s = \"…\"）", what, k)
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrong(k, "文字（加英文双引号）", v)
		return ""
	}
	clean, err := model.CheckName(what, s, width)
	if err != nil {
		t.rd.add(t.key(k), "%s", err.Error())
	}
	return clean
}

func (t *table) boolean(k string, def bool) bool {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		t.wrong(k, "true 或 false", v)
		return def
	}
	return b
}

func (t *table) integer(k string, def int) int {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	n, ok := v.(int64)
	if !ok || n < -1e9 || n > 1e9 {
		t.wrong(k, "整数", v)
		return def
	}
	return int(n)
}

// decimal reads an exact decimal (a TOML integer or float) with at most
// places decimals: a float is read back through its shortest text, so
// 92.55 is exactly 92.55.
func (t *table) decimal(k string, places int, def int64) int64 {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	return t.decimalOf(k, v, places, def)
}

func (t *table) decimalOf(k string, v any, places int, def int64) int64 {
	var s string
	switch n := v.(type) {
	case int64:
		s = strconv.FormatInt(n, 10)
	case float64:
		s = strconv.FormatFloat(n, 'f', -1, 64)
	default:
		t.wrong(k, "数", v)
		return def
	}
	var out int64
	var err error
	if places == 2 {
		var h model.Hundredths
		h, err = model.ParseHundredths(s)
		out = int64(h)
	} else {
		var w model.Weight
		w, err = model.ParseWeight(s)
		out = int64(w)
	}
	if err != nil {
		t.rd.add(t.key(k), "“%s”的值 %s 不行：%s", k, s, err.Error())
		return def
	}
	return out
}

// ref is a name other than a block's own (a group's unit, a rule's group,
// a condition's section, a unit's short name, alias, 公文用名, 出席人 or
// 职务): spaces around it dropped, as CheckName drops them from the names
// themselves.
func (t *table) ref(k string) string { return strings.TrimSpace(t.str(k, "")) }

// refs are the names of the list k, spaces around each dropped (ref).
func (t *table) refs(k string) []string {
	list := t.strings(k)
	for i := range list {
		list[i] = strings.TrimSpace(list[i])
	}
	return list
}

func (t *table) strings(k string) []string {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		t.wrong(k, "文字数组（[\"…\", \"…\"]）", v)
		return nil
	}
	out := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			t.rd.add(t.key(k), "“%s”的第 %d 项应是文字，这里是%s", k, i+1, tomlTypeName(x))
			continue
		}
		out = append(out, s)
	}
	return out
}

// sub is the table k, nil when it is not there.
func (t *table) sub(k string) *table {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrong(k, "表格（["+t.key(k)+"]）", v)
		return nil
	}
	return &table{rd: t.rd, path: t.key(k), m: m}
}

// tables are the tables of the array k ([[k]]).
func (t *table) tables(k string) []*table {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	list, ok := v.([]map[string]any)
	if !ok {
		t.wrong(k, "表格数组（[["+t.key(k)+"]]）", v)
		return nil
	}
	out := make([]*table, len(list))
	for i, m := range list {
		out[i] = &table{rd: t.rd, path: t.key(k) + "[" + strconv.Itoa(i) + "]", m: m}
	}
	return out
}

// rulebook reads the whole file, block by block.
func (rd *reader) rulebook(top *table) model.Rulebook {
	var rb model.Rulebook
	defer top.done()
	if f := top.integer("format", RulebookFormat); f != RulebookFormat {
		rd.add("format", "文件格式版本 %d 不认识（本程序读 format = %d）", f, RulebookFormat)
	}
	if s := top.str("quarter", ""); s != "" {
		q, err := model.ParseQuarter(s)
		if err != nil {
			rd.add("quarter", "%s", err.Error())
		}
		rb.Quarter = q
	}
	r := model.DefaultRules()
	r.Flags, r.Warnings = nil, nil
	r.Method = top.filled("method", r.Method, "考核办法")
	rd.check("method", func(x *model.Rules) { x.Method = r.Method })
	sections := rd.sections(top, &rb)
	rd.adjustments(top, &rb, sections)
	groups := rd.groups(top, &rb)
	rd.units(top, &rb, groups)
	rd.rules(top, &r, rb, sections, groups)
	rd.settings(top, &r)
	rb.Rules = r
	return rb
}

// sections reads [[sections]] into rb (in order) and returns their names.
func (rd *reader) sections(top *table, rb *model.Rulebook) map[string]string {
	sections := map[string]string{} // name → its path
	for i, t := range top.tables("sections") {
		s := model.Section{
			Name:   t.name("name", "板块名称", model.MaxSectionWidth),
			Weight: model.Weight(t.decimal("weight", 4, int64(model.WeightOne))),
			Max:    model.Hundredths(t.decimal("max", 2, 10000)),
			Order:  t.integer("order", i+1),
		}
		t.done()
		switch {
		case s.Max <= 0:
			rd.add(t.key("max"), "板块“%s”的满分必须大于 0", s.Name)
		case s.Order < 1:
			rd.add(t.key("order"), "板块“%s”的顺序必须至少为 1", s.Name)
		}
		if rd.duplicate(sections, s.Name, t, "板块") {
			continue
		}
		rb.Sections = append(rb.Sections, s)
	}
	if len(rb.Sections) == 0 {
		rd.add("", "规则文件里没有板块（[[sections]]），至少要有一个")
	}
	slices.SortStableFunc(rb.Sections, func(a, b model.Section) int { return cmp.Compare(a.Order, b.Order) })

	return sections
}

// adjustments reads [[adjustments]] into rb.
func (rd *reader) adjustments(top *table, rb *model.Rulebook, sections map[string]string) {
	items := map[string]string{}
	for i, t := range top.tables("adjustments") {
		a := model.Adjustment{
			Name:  t.name("name", "加减分项名称", model.MaxRuleWidth),
			Min:   model.Hundredths(t.decimal("min", 2, 0)),
			Max:   model.Hundredths(t.decimal("max", 2, 0)),
			Order: i + 1,
		}
		t.done()
		if a.Min > a.Max {
			rd.add(t.key("min"), "加减分项“%s”的下限 %s 大于上限 %s", a.Name, tomlNumber(a.Min), tomlNumber(a.Max))
		}
		if _, ok := sections[a.Name]; ok && a.Name != "" {
			rd.add(t.key("name"), "加减分项“%s”与板块同名（导入得分时按列名对应，不能重名）", a.Name)
		}
		if !rd.duplicate(items, a.Name, t, "加减分项") {
			rb.Adjustments = append(rb.Adjustments, a)
		}
	}
}

// groups reads [[groups]] into rb and returns their names.
func (rd *reader) groups(top *table, rb *model.Rulebook) map[string]string {
	groups := map[string]string{}
	inGroup := map[string]string{}
	for _, t := range top.tables("groups") {
		g := model.NamedGroup{Name: t.name("name", "组别名称", model.MaxRuleWidth), Units: t.refs("units")}
		t.done()
		if g.Name == model.Ungrouped {
			rd.add(t.key("name"), "“%s”是未列入任何组别的区市所在的组，不能用作组别名称", model.Ungrouped)
		}
		if len(g.Units) == 0 {
			rd.add(t.key("units"), "组别“%s”没有区市", g.Name)
		}
		for _, u := range g.Units {
			if other, ok := inGroup[u]; ok {
				rd.add(t.key("units"), "区市“%s”同在组别“%s”和“%s”，一个区市只能属于一个组别", u, other, g.Name)
			}
			inGroup[u] = g.Name
		}
		if !rd.duplicate(groups, g.Name, t, "组别") {
			rb.Groups = append(rb.Groups, g)
		}
	}
	return groups
}

// units reads [[units]] into rb; when it lists any, the groups' units must
// be among them.
func (rd *reader) units(top *table, rb *model.Rulebook, groups map[string]string) {
	units := map[string]string{}
	for _, t := range top.tables("units") {
		u := model.Unit{
			Name:     t.name("name", "区市名称", model.MaxUnitWidth),
			Short:    t.ref("short"),
			Aliases:  t.refs("aliases"),
			DocName:  t.ref("doc_name"),
			Attendee: t.ref("attendee"),
			Post:     t.ref("post"),
		}
		t.done()
		if err := model.CheckDocFields(u); err != nil {
			rd.add(t.path, "%s", err.Error())
		}
		for _, n := range append([]string{u.Short}, u.Aliases...) {
			if _, err := model.CheckName("区市“"+u.Name+"”的简称或别名", n, model.MaxUnitWidth); err != nil && n != "" {
				rd.add(t.path, "%s", err.Error())
			}
		}
		if !rd.duplicate(units, u.Name, t, "区市") {
			rb.Units = append(rb.Units, u)
		}
	}
	if len(rb.Units) > 0 {
		for _, g := range rb.Groups {
			for _, u := range g.Units {
				if _, ok := units[u]; !ok {
					rd.add(strings.TrimSuffix(groups[g.Name], "name")+"units", "组别“%s”的区市“%s”不在文件的区市（[[units]]）里", g.Name, u)
				}
			}
		}
	}
}

// rules reads the rule lists into r, each rule checked as setup checks it
// on a quarter of the file's sections, items and units.
func (rd *reader) rules(top *table, r *model.Rules, rb model.Rulebook, sections, groups map[string]string) {
	// The quarter the rules are checked on as setup checks them: the file's
	// sections (IDs by position) and items, and as many units as it lists
	// (when it lists none, the bounds of a rise or fall are checked on
	// import, against the database's).
	qd := model.QuarterData{Quarter: rb.Quarter, Sections: bindSections(rb.Sections), Adjustments: rb.Adjustments}
	qd.Units = make([]model.Unit, len(rb.Units))
	if len(rb.Units) == 0 {
		qd.Units = make([]model.Unit, model.MaxTierSize)
	}
	lists := r.Lists()
	ruleNames := map[string]string{}
	for i, key := range rulebookLists {
		for _, t := range top.tables(key) {
			rule := rd.rule(t, model.Kinds[i], sections, groups, qd)
			rd.duplicate(ruleNames, rule.Name, t, "规则")
			*lists[i] = append(*lists[i], rule)
		}
	}
}

// settings reads the blocks of single settings into r, each checked as
// the store checks it.
func (rd *reader) settings(top *table, r *model.Rules) {
	if t := top.sub("stars"); t != nil {
		r.StarsTop = t.integer("top", r.StarsTop)
		r.StarsAllUnits = t.boolean("all_units", r.StarsAllUnits)
		t.done()
		rd.check(t.path, func(x *model.Rules) { x.StarsTop = r.StarsTop })
	}
	if t := top.sub("awards"); t != nil {
		r.OneFlagPerUnit = t.boolean("one_flag_per_unit", r.OneFlagPerUnit)
		t.done()
	}
	if t := top.sub("escalation"); t != nil {
		r.RedMarkStreak = t.integer("red_mark_streak", r.RedMarkStreak)
		t.done()
		rd.check(t.path, func(x *model.Rules) { x.RedMarkStreak = r.RedMarkStreak })
	}
	if t := top.sub("annual"); t != nil {
		r.AnnualMethod = t.choice("method", r.AnnualMethod, annualMethods)
		if v, ok := t.get("quarter_weights"); ok {
			r.QuarterWeights = nil
			list, _ := v.([]any)
			if list == nil {
				t.wrong("quarter_weights", "4 个数的数组（[1, 1, 1, 1]）", v)
			}
			for _, x := range list {
				r.QuarterWeights = append(r.QuarterWeights, model.Weight(t.decimalOf("quarter_weights", x, 4, int64(model.WeightOne))))
			}
		}
		r.AnnualRise = t.integer("rise", r.AnnualRise)
		r.FlagPoints = model.Hundredths(t.decimal("flag_points", 2, int64(r.FlagPoints)))
		if tiers := t.tables("tiers"); tiers != nil {
			r.Tiers = nil
			for _, tt := range tiers {
				r.Tiers = append(r.Tiers, model.Tier{Name: tt.name("name", "等次名称", model.MaxRuleWidth), Size: tt.integer("size", 0)})
				tt.done()
			}
		}
		t.done()
		if r.AnnualRise < 0 {
			rd.add(t.key("rise"), "进位显著奖的名次不能为负数")
		}
		rd.check(t.path, func(x *model.Rules) {
			x.AnnualMethod, x.QuarterWeights, x.FlagPoints, x.Tiers = r.AnnualMethod, r.QuarterWeights, r.FlagPoints, r.Tiers
		})
	}
	if t := top.sub("seating"); t != nil {
		r.Layout.Rows = t.integer("rows", r.Layout.Rows)
		r.Layout.PerRow = t.integer("per_row", r.Layout.PerRow)
		r.Layout.Method = model.SeatMethod(t.choice("method", string(r.Layout.Method), seatMethods))
		r.Layout.OneOnLeft = t.boolean("one_on_left", r.Layout.OneOnLeft)
		r.SeatByGroup = t.boolean("by_group", r.SeatByGroup)
		t.done()
		if err := r.Layout.Validate(); err != nil {
			rd.add(t.path, "%s", err.Error())
		}
	}
	if t := top.sub("presentation"); t != nil {
		r.PresentHideWarnings = t.boolean("hide_warnings", false)
		t.done()
	}
	if t := top.sub("documents"); t != nil {
		r.Committee = t.filled("committee", r.Committee, "考核委员会")
		d := &r.Docs
		d.Version = fromDefault(t.choice("version", model.VersionFile, versions), model.VersionFile)
		d.Addressee, d.Number = t.str("addressee", ""), t.str("number", "")
		d.CopyTo, d.Issuer = t.str("copy_to", ""), t.str("issuer", "")
		d.StarsTotal = t.boolean("stars_total", false)
		d.FileOmitsWarnings = t.boolean("file_omits_warnings", false)
		d.BriefHasWarnings = t.boolean("brief_has_warnings", false)
		d.SpeakOrder = fromDefault(t.choice("speak_order", model.SpeakBySeat, speakOrders), model.SpeakBySeat)
		r.HideVetoes = t.boolean("hide_vetoes", false)
		t.done()
		rd.check(t.path, func(x *model.Rules) { x.Committee, x.Docs = r.Committee, r.Docs })
	}
}

// fromDefault is s with the default def written as "" (the stored zero).
func fromDefault(s, def string) string {
	if s == def {
		return ""
	}
	return s
}

// duplicate records the path of name's key in seen and reports (and refuses) a name
// that was already there.
func (rd *reader) duplicate(seen map[string]string, name string, t *table, what string) bool {
	if name == "" {
		return false
	}
	if first, ok := seen[name]; ok {
		rd.add(t.key("name"), "%s“%s”重复（第 %d 行已有）", what, name, rd.line(first))
		return true
	}
	seen[name] = t.key("name")
	return false
}

// check validates the settings of one block as the store does
// (model.Rules.ValidateStored), on default rules with the block's values
// set, so a refusal names the block's line.
func (rd *reader) check(path string, set func(*model.Rules)) {
	x := model.DefaultRules()
	set(&x)
	if _, err := model.CleanRules(x); err != nil {
		rd.add(path, "%s", err.Error())
		return
	}
	if err := x.ValidateStored(); err != nil {
		rd.add(path, "%s", err.Error())
	}
}

// rule reads one rule of kind k and checks it against the file's sections
// and groups.
func (rd *reader) rule(t *table, k model.RuleKind, sections, groups map[string]string, d model.QuarterData) model.Rule {
	rule := model.Rule{
		Name:     t.name("name", k.Name()+"名称", model.MaxRuleWidth),
		Colour:   t.choice("colour", "red", colours),
		Match:    model.Match(fromDefault(t.str("match", ""), string(model.MatchAny))),
		Group:    t.ref("group"),
		AllUnits: t.boolean("all_units", false),
	}
	if rule.Group != "" {
		if _, ok := groups[rule.Group]; !ok {
			rd.add(t.key("group"), "%s“%s”限于组别“%s”，但文件里没有这个组别", k.Name(), rule.Name, rule.Group)
		}
	}
	whens := t.tables("when")
	if whens == nil {
		rd.add(t.path, "%s“%s”没有条件（[[%s.when]]），永远不会成立", k.Name(), rule.Name, strings.SplitN(t.path, "[", 2)[0])
	}
	ok := true
	for _, w := range whens {
		c, good := rd.condition(w, rule.Name, sections, true)
		ok = ok && good
		rule.When = append(rule.When, c)
	}
	t.done()
	if !ok || rule.Name == "" {
		return rule
	}
	// The checks of setup on d: a threshold out of bounds, a score above
	// the maximum, a rise as large as the number of units.
	x := rule.When
	bound := rule
	bound.When = nil
	for _, c := range x {
		bound.When = append(bound.When, bindCondition(c, d.Sections))
	}
	if err := bound.Check(); err != nil {
		rd.add(t.path, "%s", err.Error())
		return rule
	}
	for i, c := range bound.When { // each condition at its own line
		if err := d.CheckRule(model.Rule{Name: rule.Name, When: []model.Condition{c}}); err != nil {
			key := ".n"
			if c.Kind.Scored() {
				key = ".score"
			}
			rd.add(whens[i].path+key, "%s", err.Error())
		}
	}
	return rule
}

// condition reads one condition; outer says it may look back.
func (rd *reader) condition(t *table, rule string, sections map[string]string, outer bool) (model.Condition, bool) {
	c := model.Condition{Kind: model.ConditionKind(t.str("kind", ""))}
	c.Threshold = t.integer("n", 0)
	c.Scope = t.ref("section")
	c.Score = model.Hundredths(t.decimal("score", 2, 0))
	of := t.sub("of")
	defer t.done()
	switch {
	case c.Kind == "":
		rd.add(t.path, "规则“%s”的条件缺少 kind", rule)
		return c, false
	case !c.Kind.Known():
		rd.add(t.key("kind"), "条件类型“%s”不认识，可用：%s", c.Kind, kindList())
		return c, false
	case c.Kind.HasN() && c.Threshold < 1:
		c.Threshold = max(c.Threshold, 0)
		rd.add(t.key("n"), "条件“%s”永远不会成立（N 至少为 1）", model.Rule{When: []model.Condition{c}}.ScreenText())
		return c, false
	}
	good := true
	if c.LooksAtSection() {
		if _, ok := sections[c.Scope]; !ok {
			rd.add(t.key("section"), "规则“%s”的条件用到板块“%s”，但文件里没有这个板块", rule, c.Scope)
			good = false
		}
	} else if c.Scope != "" {
		rd.add(t.key("section"), "条件类型 %s 不看板块，不用写 section", c.Kind)
	}
	switch {
	case c.LooksBack() && !outer:
		rd.add(t.key("kind"), "规则“%s”的条件不能套两层“连续/本年”", rule)
		good = false
	case c.LooksBack() && of == nil:
		rd.add(t.path, "规则“%s”的条件 %s 缺少要满足的条件（[….when.of]）", rule, c.Kind)
		good = false
	case c.LooksBack():
		inner, ok := rd.condition(of, rule, sections, false)
		c.Of = &inner
		good = good && ok
	case of != nil:
		rd.add(of.path, "条件类型 %s 不回看以前的季度，不用写 of", c.Kind)
	}
	return c, good
}

func kindList() string {
	var ks []string
	for _, k := range model.ConditionKinds() {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, "、")
}

// bindSections gives the file's sections IDs by position (1, 2, …), for
// the checks of setup.
func bindSections(ss []model.Section) []model.Section {
	out := slices.Clone(ss)
	for i := range out {
		out[i].ID = int64(i + 1)
	}
	return out
}

func bindCondition(c model.Condition, ss []model.Section) model.Condition {
	for _, s := range ss {
		if c.LooksAtSection() && s.Name == c.Scope {
			c.Section = s.ID
		}
	}
	if c.Of != nil {
		of := bindCondition(*c.Of, ss)
		c.Of = &of
	}
	return c
}

// keyLines maps each key path of a TOML text to its line: "method",
// "sections[1]" (the line of its [[sections]]), "sections[1].name",
// "flags[0].when[1].of.kind". It follows the tables and arrays of tables
// as TOML resolves them; a key inside an inline table or a multi-line
// array is found at the line of its enclosing key, which is near enough
// to name the problem.
func keyLines(text string) map[string]int {
	lines := map[string]int{}
	counts := map[string]int{} // array of tables → its elements so far
	resolve := func(name string) string {
		p := ""
		for _, seg := range strings.Split(name, ".") {
			if p != "" {
				p += "."
			}
			p += strings.Trim(strings.TrimSpace(seg), `"'`)
			if n := counts[p]; n > 0 {
				p += "[" + strconv.Itoa(n-1) + "]"
			}
		}
		return p
	}
	cur, multi := "", ""
	for i, line := range strings.Split(text, "\n") {
		s := strings.TrimSpace(line)
		if multi != "" {
			if strings.Count(s, multi)%2 == 1 {
				multi = ""
			}
			continue
		}
		switch {
		case s == "" || s[0] == '#':
		case strings.HasPrefix(s, "[["):
			name, _, _ := strings.Cut(s[2:], "]]")
			parent, last := "", name
			if j := strings.LastIndex(name, "."); j >= 0 {
				parent, last = resolve(name[:j])+".", name[j+1:]
			}
			base := parent + strings.Trim(strings.TrimSpace(last), `"'`)
			counts[base]++
			cur = base + "[" + strconv.Itoa(counts[base]-1) + "]"
			lines[cur] = i + 1
		case s[0] == '[':
			name, _, _ := strings.Cut(s[1:], "]")
			cur = resolve(name)
			lines[cur] = i + 1
		default:
			k, rest, ok := strings.Cut(s, "=")
			if !ok {
				continue
			}
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			if cur != "" {
				k = cur + "." + k
			}
			if _, seen := lines[k]; !seen {
				lines[k] = i + 1
			}
			for _, d := range []string{`"""`, `'''`} {
				if strings.Count(rest, d)%2 == 1 {
					multi = d
				}
			}
		}
	}
	return lines
}

// ReadRulebookFile reads and checks the rulebook file at path
// (ReadRulebook); a file over MaxRulebookSize is refused unread.
func ReadRulebookFile(path string) (model.Rulebook, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return model.Rulebook{}, model.Errorf(model.ErrNotFound, "找不到规则文件 %s", model.ClipPath(path))
		}
		return model.Rulebook{}, model.Errorf(model.ErrFile, "无法读取规则文件 %s（%s）", model.ClipPath(path), model.FileReason(err)).Because(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxRulebookSize+1))
	if err != nil {
		return model.Rulebook{}, model.Errorf(model.ErrFile, "无法读取规则文件 %s（%s）", model.ClipPath(path), model.FileReason(err)).Because(err)
	}
	return ReadRulebook(data, filepath.Base(path))
}

// maxNesting bounds how deep a rulebook nests tables and arrays, and how
// many dots a line has outside strings (dotted keys): the TOML parser's
// time grows with the square of both (10,000 nested inline tables took
// 18 s), and a rulebook needs 3.
const maxNesting = 64

// tooDeep is the first line that nests brackets or braces deeper than
// maxNesting, or has more dots than that outside strings and comments;
// 0 when none does.
func tooDeep(text string) int {
	depth, dots, line := 0, 0, 1
	var str string // the delimiter of the string being read: ", ', """ or '''
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			line, dots = line+1, 0
			if len(str) == 1 {
				str = "" // a one-line string ends with its line (the parser refuses it)
			}
			continue
		}
		if str != "" {
			switch {
			case c == '\\' && str[0] == '"':
				if i+1 < len(text) && text[i+1] == '\n' {
					line++
				}
				i++
			case strings.HasPrefix(text[i:], str):
				i += len(str) - 1
				str = ""
			}
			continue
		}
		switch c {
		case '#':
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				return 0
			}
			i += j - 1
		case '"', '\'':
			str = string(c)
			if strings.HasPrefix(text[i:], strings.Repeat(str, 3)) {
				str = strings.Repeat(str, 3)
				i += 2
			}
		case '[', '{':
			if depth++; depth > maxNesting {
				return line
			}
		case ']', '}':
			depth--
		case '.':
			if dots++; dots > maxNesting {
				return line
			}
		}
	}
	return 0
}
