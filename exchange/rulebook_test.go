package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"starflag/model"
)

// defaultRulebook is the rulebook of a fresh database's first quarter.
func defaultRulebook() model.Rulebook {
	units := model.QingdaoUnits()
	for i := range units {
		units[i].ID = int64(i + 1)
	}
	ss := model.DefaultSections()
	for i := range ss {
		ss[i].ID = int64(i + 1)
	}
	return model.RulebookOf(model.QuarterData{
		Quarter: model.MustQuarter("2023Q1"), Units: units, Sections: ss,
		Adjustments: []model.Adjustment{model.DefaultAdjustment()}, Rules: model.DefaultRules(),
	})
}

func writeRulebook(t *testing.T, rb model.Rulebook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteRulebook(&b, rb); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// everyKeyRulebook is the default rulebook with every kind of setting the
// file has: groups, items, a look-back, a section score, scopes, names of
// documents, text needing escapes.
func everyKeyRulebook() model.Rulebook {
	rb := defaultRulebook()
	rb.Adjustments = append(rb.Adjustments, model.Adjustment{Name: "督查扣分", Min: -350, Max: 0, Order: 2})
	rb.Groups = []model.NamedGroup{{Name: "县级市", Units: []string{"胶州市", "平度市", "莱西市"}}}
	rb.Rules.Flags = append(rb.Rules.Flags, model.Rule{Name: "经济运行之星", Colour: "red", Match: model.MatchAll, AllUnits: true,
		When: []model.Condition{{Kind: model.SectionScoreAtLeast, Scope: "经济运行", Score: 9050}, {Kind: model.SectionFirst, Scope: "经济运行"}}})
	rb.Rules.AntiAwards = []model.Rule{{Name: "蜗牛奖", Colour: "grey", Match: model.MatchAll, Group: "县级市",
		When: []model.Condition{{Kind: model.HeldLast, Threshold: 2, Of: &model.Condition{Kind: model.InLast, Threshold: 1}}}}}
	rb.Rules.StarsTop, rb.Rules.StarsAllUnits, rb.Rules.OneFlagPerUnit, rb.Rules.SeatByGroup = 3, true, true, true
	rb.Rules.QuarterWeights = []model.Weight{5000, 10000, 12500, 20000}
	rb.Rules.AnnualMethod, rb.Rules.FlagPoints = model.AnnualPercent, 50
	rb.Rules.Layout = model.Layout{Rows: 2, PerRow: 6, Method: model.LeftToRight, OneOnLeft: true}
	rb.Rules.Docs = model.DocSettings{Version: model.VersionBrief, Addressee: "各区、市党委和人民政府：", Number: "青考核办〔2023〕5号",
		CopyTo: "市委办公厅", Issuer: "市考核办", StarsTotal: true, FileOmitsWarnings: true, BriefHasWarnings: true, SpeakOrder: model.SpeakReversed}
	rb.Rules.Committee = `青岛市"综合"考核委员会\`
	rb.Rules.HideVetoes, rb.Rules.RedMarkStreak, rb.Rules.AnnualRise, rb.Rules.PresentHideWarnings = true, 3, 1, true
	rb.Units[0].Attendee, rb.Units[0].Post = "张三", "区委书记"
	return rb
}

// TestRulebookHasEverySetting: everyKeyRulebook sets every field of the
// rules (but Groups, which the file names in [[groups]]), of the documents'
// settings and of the seating layout, so a setting added to model.Rules
// fails here until the file writes and reads it (then the round trip below
// checks it).
func TestRulebookHasEverySetting(t *testing.T) {
	r := everyKeyRulebook().Rules
	for _, v := range []any{r, r.Docs, r.Layout} {
		rv := reflect.ValueOf(v)
		for i := range rv.NumField() {
			if f := rv.Type().Field(i); f.Name != "Groups" && rv.Field(i).IsZero() {
				t.Errorf("%s.%s is not set: does the rulebook file write and read it?", rv.Type().Name(), f.Name)
			}
		}
	}
}

func TestRulebookRoundTrip(t *testing.T) {
	for _, rb := range []model.Rulebook{defaultRulebook(), everyKeyRulebook()} {
		rulebookRoundTrip(t, rb)
	}
}

func rulebookRoundTrip(t *testing.T, rb model.Rulebook) {
	first := writeRulebook(t, rb)
	got, err := ReadRulebook(first, "r.toml")
	if err != nil {
		t.Fatalf("%v\n%s", err, first)
	}
	if !reflect.DeepEqual(rb, got) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, rb)
	}
	if second := writeRulebook(t, got); !bytes.Equal(first, second) {
		t.Errorf("second export differs:\n%s\n---\n%s", first, second)
	}
	if !strings.Contains(string(first), "\n# 红旗：真抓实干、勇当排头\n[[flags]]\n") {
		t.Errorf("no Chinese comment above the flag:\n%s", first)
	}
}

// refused reads the default rulebook's text with edit applied and wants it
// refused with every one of want in the message.
func refused(t *testing.T, edit func(string) string, want ...string) {
	t.Helper()
	text := edit(string(writeRulebook(t, defaultRulebook())))
	_, err := ReadRulebook([]byte(text), "r.toml")
	if err == nil {
		t.Fatalf("accepted:\n%s", text)
	}
	if !errors.Is(err, model.ErrInvalid) {
		t.Errorf("code of %v", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("refusal %q\nwants %q", err, w)
		}
	}
}

// replace edits line n (1-based) of a text.
func replace(n int, old, new string) func(string) string {
	return func(s string) string {
		lines := strings.Split(s, "\n")
		if !strings.Contains(lines[n-1], old) {
			panic(fmt.Sprintf("line %d is %q, not %q", n, lines[n-1], old))
		}
		lines[n-1] = strings.Replace(lines[n-1], old, new, 1)
		return strings.Join(lines, "\n")
	}
}

func TestReadRulebookRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"unknown key", replace(39, "all_units", "all_unit"), []string{"第 39 行：未知的键“all_unit”"}},
		{"unknown key in a rule", replace(48, "colour", "color"), []string{"第 48 行：未知的键“color”"}},
		{"wrong type", replace(13, "max = 100", `max = "100"`), []string{"第 13 行：“max”应是数，这里是文字"}},
		{"wrong type of a table", replace(38, "top = 0", "top = 1.5"), []string{"第 38 行：“top”应是整数"}},
		{"duplicate section", replace(18, "项目签约落地", "经济运行"), []string{"第 18 行：板块“经济运行”重复（第 11 行已有）"}},
		{"duplicate rule name", replace(58, "加压奋进、进位赶超", "真抓实干、勇当排头"), []string{"第 58 行：规则“真抓实干、勇当排头”重复（第 47 行已有）"}},
		{"a group's unit not among the units", func(s string) string {
			return strings.Replace(s, "\n# 评星", "\n[[groups]]\nname = \"县级市\"\nunits = [\"胶州市\", \"即墨\"]\n\n# 评星", 1)
		}, []string{"第 38 行：组别“县级市”的区市“即墨”不在文件的区市（[[units]]）里"}},
		{"rule on a missing section", replace(53, `kind = "rank_at_most"`, `kind = "section_rank_at_most"`+"\nsection = \"乡村振兴\""),
			[]string{"第 54 行：规则“真抓实干、勇当排头”的条件用到板块“乡村振兴”，但文件里没有这个板块"}},
		{"rule on a missing group", replace(49, `match = "any"`, `match = "any"`+"\ngroup = \"县级市\""),
			[]string{"第 50 行：红旗“真抓实干、勇当排头”限于组别“县级市”，但文件里没有这个组别"}},
		{"range min > max", replace(33, "min = 0", "min = 3"), []string{"第 33 行：加减分项“群众满意度加分”的下限 3 大于上限 2"}},
		{"a condition that never holds", replace(54, "n = 2", "n = 0"), []string{"第 54 行：条件“综合排名前 0 名”永远不会成立"}},
		{"a score above the maximum", replace(53, `kind = "rank_at_most"`, `kind = "score_at_least"`+"\nscore = 400"),
			[]string{"第 54 行：规则“真抓实干、勇当排头”的条件“综合得分 400 分及以上”永远不会成立：综合得分最高为 302.00"}},
		{"a rise as large as the units", replace(65, "n = 2", "n = 10"), []string{"第 65 行：规则“加压奋进、进位赶超”的条件“位次上升 10 位及以上”永远不会成立：10 个区市最多升降 9 位"}},
		{"unknown condition kind", replace(53, "rank_at_most", "rank_top"), []string{"第 53 行：条件类型“rank_top”不认识"}},
		{"TOML syntax", replace(12, "weight = 1", "weight = = 1"), []string{"第 12 行：TOML 写法不对"}},
		{"a key twice", replace(12, "weight = 1", "weight = 1\nweight = 2"), []string{"第 13 行：TOML 写法不对"}},
		{"full-width digits", replace(13, "max = 100", "max = １００"),
			[]string{"第 13 行：TOML 写法不对（有全角字符“１”", "半角"}},
		{"WPS's curly quotes", replace(11, `"经济运行"`, "“经济运行”"), []string{"第 11 行：TOML 写法不对（有全角字符““”", "半角"}},
		{"a full-width equals sign", replace(12, "weight = 1", "weight ＝ 1"), []string{"第 12 行：TOML 写法不对（有全角字符“＝”"}},
		// Curly quotes inside a string are text: a line wrong otherwise is
		// not blamed on them.
		{"syntax beside curly quotes in a string", replace(7, "method = ", "method = = "), []string{"第 7 行：TOML 写法不对（多了或少了符号"}},
		{"syntax beside an escaped quote", replace(7, "method = \"", "method = = \"\\\"１\\\"；"), []string{"第 7 行：TOML 写法不对（多了或少了符号"}},
		// Setup refuses these empty: a bulletin with no 发文机关 and no 落款.
		{"an empty committee", func(s string) string {
			return strings.Replace(s, `committee = "青岛市综合考核委员会"`, `committee = " "`, 1)
		},
			[]string{"行：考核委员会名称不能为空"}},
		{"an empty method", replace(7, `method = "经济运行及重点工作季度“摘星夺旗”考核办法"`, `method = ""`), []string{"第 7 行：考核办法名称不能为空"}},
		// Another file given by mistake: said what it is, not parsed.
		{"an xlsx file", func(string) string { return "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe" }, []string{"Excel 或 Word 文件", "starflag rules export"}},
		{"a database", func(string) string { return "SQLite format 3\x00\x10\x00" }, []string{"数据库文件"}},
		{"a score sheet", func(string) string { return "\ufeff区市,经济运行,项目签约落地\r\n市南区,90,90\r\n" }, []string{"得分表", "starflag import"}},
		// Notepad's "Unicode" and "Unicode big endian": the encoding named,
		// not every line listed.
		{"UTF-16", func(s string) string { return "\xff\xfe" + string(utf16LE(s)) }, []string{"UTF-16", "请用 UTF-8 保存"}},
		{"UTF-16 big endian", func(s string) string { return "\xfe\xff" + string(utf16BE(s)) }, []string{"UTF-16", "请用 UTF-8 保存"}},
		{"not UTF-8", replace(11, "经济运行", "\xbe\xad\xbc\xc3"), []string{"不是 UTF-8 编码（第 11 行）"}},
		{"larger than 1 MB", func(s string) string { return s + "#" + strings.Repeat("x", MaxRulebookSize) + "\n" }, []string{"超过 1048576 字节（1 MB）"}},
		// The parser takes seconds on these (its time grows with the
		// square of the depth): refused before it sees them.
		{"nested too deep", func(s string) string { return "x = " + strings.Repeat("{a=", 10000) + "\n" + s }, []string{"第 1 行的表格或数组嵌套太深"}},
		{"a key of too many parts", func(s string) string { return s + strings.Repeat("a.", 100000) + "b = 1\n" }, []string{"嵌套太深、键名层级太多"}},
		{"every problem at once", func(s string) string {
			for _, e := range []func(string) string{replace(13, "max = 100", `max = "100"`), replace(33, "min = 0", "min = 3"),
				replace(39, "all_units", "all_unit"), replace(54, "n = 2", "n = 0")} {
				s = e(s)
			}
			return s
		}, []string{"有 4 处问题，没有导入任何内容：\n第 13 行：", "\n第 33 行：", "\n第 39 行：", "\n第 54 行："}},
	} {
		t.Run(c.name, func(t *testing.T) { refused(t, c.edit, c.want...) })
	}
}

func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestRulebookFromWindowsNotepad: a rulebook saved by Windows Notepad (a
// UTF-8 BOM, CRLF line endings) reads as the same rulebook, and a problem
// in it is named at the same line.
func TestRulebookFromWindowsNotepad(t *testing.T) {
	text := string(writeRulebook(t, defaultRulebook()))
	notepad := func(s string) []byte { return []byte("\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n")) }
	got, err := ReadRulebook(notepad(text), "r.toml")
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := ReadRulebook([]byte(text), "r.toml"); !reflect.DeepEqual(got, want) {
		t.Errorf("with a BOM and CRLF:\n%+v\nwant\n%+v", got, want)
	}
	for _, c := range []struct {
		edit func(string) string
		want string
	}{
		{replace(54, "n = 2", "n = 0"), "第 54 行：条件“综合排名前 0 名”永远不会成立"},
		{replace(39, "all_units", "all_unit"), "第 39 行：未知的键“all_unit”"},
		{replace(12, "weight = 1", "weight = = 1"), "第 12 行：TOML 写法不对"},
	} {
		if _, err := ReadRulebook(notepad(c.edit(text)), "r.toml"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("with a BOM and CRLF: %v, want %q", err, c.want)
		}
	}
}

// TestRulebookTrimsNamesAsSetupDoes: spaces typed around a name (WPS and
// Notepad show none of them) are dropped wherever a name stands: a group's
// units, a rule's group, a condition's section, a short name, an alias, a
// 公文用名, 出席人 and 职务, as they are from a section's or unit's own name;
// before, a group's unit "市南区 " was refused as not in the file and a
// short name or 公文用名 kept its space (the bulletin printed "黄岛区 居第2位").
func TestRulebookTrimsNamesAsSetupDoes(t *testing.T) {
	rb := everyKeyRulebook()
	rb.Units[0].Aliases = []string{"南区"}
	text := string(writeRulebook(t, rb))
	want, err := ReadRulebook([]byte(text), "r.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range [][2]string{
		{`units = ["胶州市", "平度市", "莱西市"]`, `units = ["胶州市 ", "　平度市", "莱西市\t"]`},
		{`group = "县级市"`, `group = "县级市 "`},
		{`section = "经济运行"`, `section = " 经济运行"`},
		{`short = "市南"`, `short = "市南 "`},
		{`aliases = ["南区"]`, `aliases = ["南区 "]`},
		{`name = "市北区"`, `name = "市北区  "`},
		{`doc_name = "黄岛区"`, `doc_name = "黄岛区 "`},
		{`attendee = "张三"`, `attendee = " 张三"`},
		{`post = "区委书记"`, `post = "区委书记　"`},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("the rulebook has no %s:\n%s", r[0], text)
		}
		text = strings.ReplaceAll(text, r[0], r[1])
	}
	got, err := ReadRulebook([]byte(text), "r.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("with spaces around the names:\n%+v\nwant\n%+v", got, want)
	}
}

// FuzzReadRulebook: any bytes never panic ReadRulebook; a file it accepts is
// written and read back to the same rulebook, and written again to the
// same bytes (`go test -run '^$' -fuzz FuzzReadRulebook -fuzztime 30s ./exchange/`).
func FuzzReadRulebook(f *testing.F) {
	for _, p := range []string{"../docs/rulebook-qingdao-2023.toml", "../docs/rulebook-groups-example.toml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("format = 1\n[[sections]]\nname = \"甲\"\n[[flags]]\nname = \"旗\"\n[[flags.when]]\nkind = \"held_last\"\nn = 2\n[flags.when.of]\nkind = \"in_last\"\nn = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rb, err := ReadRulebook(data, "f.toml")
		if err != nil {
			return
		}
		first := writeRulebook(t, rb)
		again, err := ReadRulebook(first, "f.toml")
		if err != nil {
			t.Fatalf("its own export is refused: %v\n%s", err, first)
		}
		if second := writeRulebook(t, again); !bytes.Equal(first, second) {
			t.Fatalf("export → read → export differs:\n%s\n---\n%s", first, second)
		}
	})
}

// TestRulebookChoicesInChinese: a setting with a fixed set of values may be
// written with the Chinese words the comment above its block gives (简报,
// 从左到右, 按比例, 区市顺序, 黄) and reads as the English key; a value that
// is neither is refused at its own line listing both. Before, version =
// "简报" was refused as 通报的版本“简报”未知 at the [documents] line,
// without saying what is allowed.
func TestRulebookChoicesInChinese(t *testing.T) {
	rb := defaultRulebook()
	text := string(writeRulebook(t, rb))
	lineOf := func(s, key string) int {
		for i, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, key) {
				return i + 1
			}
		}
		t.Fatalf("no line %q", key)
		return 0
	}
	english := strings.NewReplacer(`version = "file"`, `version = "brief"`, `method = "centre_out"`, `method = "left_to_right"`,
		`method = "auto"`, `method = "percent"`, `speak_order = "seat"`, `speak_order = "official"`).Replace(text)
	english = strings.Replace(english, `colour = "red"`, `colour = "amber"`, 1)
	chinese := strings.NewReplacer(`version = "file"`, `version = "简报"`, `method = "centre_out"`, `method = "从左到右"`,
		`method = "auto"`, `method = "按比例"`, `speak_order = "seat"`, `speak_order = "区市顺序"`).Replace(text)
	chinese = strings.Replace(chinese, `colour = "red"`, `colour = "黄"`, 1)
	want, err := ReadRulebook([]byte(english), "r.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadRulebook([]byte(chinese), "r.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("in Chinese:\n%+v\nwant\n%+v", got, want)
	}
	for key, bad := range map[string]string{"version": "报告", "speak_order": "随机", "method = \"centre": "居中"} {
		k := strings.Fields(key)[0]
		edited := strings.Replace(text, lineAt(text, lineOf(text, key)), k+` = "`+bad+`"`, 1)
		_, err := ReadRulebook([]byte(edited), "r.toml")
		if wantMsg := fmt.Sprintf("第 %d 行：“%s”的值“%s”不认识，只能是", lineOf(text, key), k, bad); err == nil || !strings.Contains(err.Error(), wantMsg) {
			t.Errorf("%s = %q: %v, want %q", k, bad, err, wantMsg)
		}
	}
}

func lineAt(s string, n int) string { return strings.Split(s, "\n")[n-1] }
