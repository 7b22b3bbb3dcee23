package exchange

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"starflag/model"
)

func TestWidth(t *testing.T) {
	cases := map[string]int{
		"": 0, "abc": 3, "市南区": 6, "西海岸新区": 10, "９５．５": 8, "＊〇": 4, "“摘星”": 6,
		"★": 1, "e\u0301": 1, "👍\ufe0f": 2, "a\tb": 2, "2023Q4": 6, "（红牌）": 8,
	}
	for s, want := range cases {
		if got := width(s); got != want {
			t.Errorf("width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestFileNames(t *testing.T) {
	cases := []struct{ period, kind, want string }{
		{"2023Q4", "ranking", "2023Q4-排名.xlsx"},
		{"2023", "year", "2023-年度.xlsx"},
		{`a/b\c:d*e?f"g<h>i|j`, "seats", "abcdefghij-座次.xlsx"},
		{"市南区\x00\n\t", "bulletin", "市南区-通报.xlsx"},
		{" ..CON.. ", "podium", "_CON-podium.xlsx"},
		{"", "", "导出.xlsx"},
		{"西海岸新区\u200d", "stars", "西海岸新区-评星.xlsx"},
	}
	for _, c := range cases {
		kind, _ := model.ExportKindNamed(c.kind)
		if got := FileName(c.period, kind, XLSX); got != c.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", c.period, c.kind, got, c.want)
		}
	}
	for _, s := range []string{"NUL", "com1.txt", "LPT9"} {
		if got := SanitizeFileName(s); !strings.HasPrefix(got, "_") {
			t.Errorf("SanitizeFileName(%q) = %q: Windows reserves it", s, got)
		}
	}
	long := SanitizeFileName(strings.Repeat("区", 100))
	if len(long) > 200 || !strings.HasPrefix(long, "区") || strings.ContainsRune(long, '\uFFFD') {
		t.Errorf("long name cut badly: %d bytes", len(long))
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"csv": CSV, "XLSX": XLSX, "md": Markdown, "markdown": Markdown, ".txt": Text, "html": HTML} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
}

// hostile is a table whose texts try to break every format.
var hostile = model.Table{Kind: "ranking", Title: "<b>标题</b> | x", Header: []string{"区市", "备注"},
	Rows: [][]model.Cell{
		{{Text: `<script>alert("x")</script>`}, {Text: "a|b*c_d`e[f](g)\nh"}},
		{{Text: `O'Brien & "Sons"`}, {Text: "=1+1", Mark: "flag"}},
	}}

func TestMarkdownEscapes(t *testing.T) {
	got := string(TableMarkdown(hostile))
	for _, want := range []string{
		`# &lt;b&gt;标题&lt;/b&gt; \| x`,
		`| &lt;script&gt;alert("x")&lt;/script&gt; | a\|b\*c\_d` + "\\`" + `e\[f\](g) h |`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	for i, line := range strings.Split(strings.TrimSpace(got), "\n")[2:] {
		if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 3 {
			t.Errorf("line %d has %d cell borders: %q", i, n, line)
		}
	}
}

func TestHTMLEscapes(t *testing.T) {
	out, err := TableHTML(hostile)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if strings.Contains(got, "<script>") || strings.Contains(got, "<b>") {
		t.Errorf("unescaped markup:\n%s", got)
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "O&#39;Brien &amp; &#34;Sons&#34;", `<td class="flag">=1&#43;1</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

func TestTextAlignsWideCharacters(t *testing.T) {
	got := string(TableText(model.Table{Header: []string{"区市", "得分"},
		Rows: [][]model.Cell{{{Text: "西海岸新区"}, {Text: "95.50", Num: true}}, {{Text: "abc"}, {Text: "100.00", Num: true}}}}))
	want := "区市          得分\n" +
		"----------  ------\n" +
		"西海岸新区   95.50\n" +
		"abc         100.00\n"
	if got != want {
		t.Errorf("text table:\n%s\nwant:\n%s", got, want)
	}
}

// seatsPage renders the demo's seats page with some hostile unit names.
func seatsPage(t *testing.T) (string, model.SeatingChart) {
	t.Helper()
	doc := demoDocument(t, "seats", "2023Q4")
	c := *doc.Chart
	c.Seats = append([]model.ChartSeat(nil), c.Seats...)
	c.Seats[9].Unit.Name = `<莱西市 & "新区">`
	out, err := SeatsHTML(c, doc.Table)
	if err != nil {
		t.Fatal(err)
	}
	return string(out), c
}

func TestSeatsHTMLStructure(t *testing.T) {
	got, c := seatsPage(t)
	for _, want := range []string{
		"<!DOCTYPE html>", `<html lang="zh-CN">`, `<meta charset="utf-8">`,
		"@page { size: A4 landscape; margin: 0; }",
		`font-family: "Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;`,
		"page-break-before: always", "@media screen",
		`<div class="podium">主席台</div>`, ChartView,
		"&lt;莱西市 &amp; &#34;新区&#34;&gt;",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("seats page lacks %q", want)
		}
	}
	if strings.Contains(got, `<莱西市`) {
		t.Error("a unit name is not escaped")
	}
	// No external assets: no links, scripts, images, remote URLs or fonts.
	for _, bad := range []string{"<link", "<script", "<img", "http://", "https://", "url(", "@import", "@font-face"} {
		if strings.Contains(got, bad) {
			t.Errorf("seats page has %q", bad)
		}
	}
	// One placard per unit, in seat order, each with the name twice (both
	// halves, the upper one rotated) and its row and seat in a corner.
	placards := regexp.MustCompile(`(?s)<section class="page placard">(.*?)</section>`).FindAllStringSubmatch(got, -1)
	if len(placards) != len(c.Seats) {
		t.Fatalf("%d placards, want %d", len(placards), len(c.Seats))
	}
	for i, p := range placards {
		s := c.Seats[i]
		name := strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", `"`, "&#34;").Replace(s.Unit.Name)
		if n := strings.Count(p[1], ">"+name+"<"); n != 2 {
			t.Errorf("placard %d names %s %d times, want 2", i+1, s.Unit.Name, n)
		}
		if !strings.Contains(p[1], `class="half upper"`) || !strings.Contains(p[1], `class="fold"`) {
			t.Errorf("placard %d lacks the rotated half or the fold", i+1)
		}
		where := "第" + itoa(s.Place.Row) + "排 " + itoa(s.Place.Seat) + "座 · 座次 " + itoa(s.Order)
		if !strings.Contains(p[1], where) {
			t.Errorf("placard %d lacks %q", i+1, where)
		}
	}
	if !strings.Contains(got, ".upper { transform: rotate(180deg); }") {
		t.Error("the upper half is not rotated")
	}
	// The chart: one row of ten seats, No. 1 in seat 6 (centre-out, even).
	if n := strings.Count(got, `<div class="seat">`); n != len(c.Seats) {
		t.Errorf("%d seats drawn, want %d", n, len(c.Seats))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestPlacardNameFits: the longest name gets a smaller font than a short one
// and never more than the sheet allows.
func TestPlacardNameFits(t *testing.T) {
	got, _ := seatsPage(t)
	sizes := regexp.MustCompile(`class="pname" style="font-size: ([0-9.]+)mm">([^<]*)<`).FindAllStringSubmatch(got, -1)
	if len(sizes) == 0 {
		t.Fatal("no placard names")
	}
	for _, m := range sizes {
		size := parseMM(t, m[1])
		w := float64(width(html.UnescapeString(m[2]))) / 2 * size
		if size > 78 || w > 256 {
			t.Errorf("%s at %.1f mm is %.0f mm wide: does not fit", m[2], size, w)
		}
	}
}

func parseMM(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBulletinHTMLStructure(t *testing.T) {
	doc := demoDocument(t, "bulletin", "2023Q4")
	out, err := Render(doc, HTML)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	b := doc.Bulletin
	order := []string{"<!DOCTYPE html>", "@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }", `content: "— " counter(page) " —"`,
		`<h1 class="title">` + strings.Join(b.TitleLines, "<br>") + "</h1>", b.Opening,
		`<p class="h1">一、综合成绩</p>`, "<th>名次</th><th>区市</th><th>综合得分</th>", b.FlagText, b.WarnText,
		`<p class="h1">二、单项板块</p>`, b.StarsText, b.Commendations[0], `<th class="long">优化营商环境</th></tr>`, b.Committee, "2023年12月31日"}
	at := 0
	for _, want := range order {
		i := strings.Index(got[at:], want)
		if i < 0 {
			t.Fatalf("bulletin lacks %q after byte %d", want, at)
		}
		at += i
	}
}

func TestRenderRefusesBulletinTables(t *testing.T) {
	doc := demoDocument(t, "bulletin", "2023Q4")
	for _, f := range []Format{CSV, XLSX} {
		if _, err := Render(doc, f); err == nil {
			t.Errorf("bulletin rendered as %s", f)
		}
	}
	if doc.Supports(CSV) || !doc.Supports(Markdown) {
		t.Error("Supports disagrees with FormatsOf")
	}
}

func TestSeatsTextChart(t *testing.T) {
	got := string(demoRender(t, "seats", Text))
	lines := strings.Split(got, "\n")
	// Podium line before the names line, names in chart order: 10 8 6 4 2 1 3 5 7 9.
	podium, names := -1, -1
	for i, l := range lines {
		if strings.Contains(l, "主 席 台") && podium < 0 {
			podium = i
		}
		if strings.HasPrefix(l, "第1排") {
			names = i
		}
	}
	if podium < 0 || names < podium {
		t.Fatalf("podium at line %d, row 1 at line %d", podium, names)
	}
	fields := strings.Fields(lines[names])[1:]
	want := []string{"莱西市", "城阳区", "市北区", "即墨区", "西海岸新区", "市南区", "李沧区", "胶州市", "崂山区", "平度市"}
	if strings.Join(fields, " ") != strings.Join(want, " ") {
		t.Errorf("row 1 = %v, want %v", fields, want)
	}
	if !strings.Contains(got, "就座者本人的视角") {
		t.Error("the chart does not say from which side it is seen")
	}
}

func demoRender(t *testing.T, kind string, f Format) []byte {
	t.Helper()
	out, err := Render(demoDocument(t, kind, "2023Q4"), f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWideTableFitsA4 estimates the year table's width on the A4 sheet
// (273 mm between the margins) as a browser lays it out: cells of 3.8 mm
// type and 2.2 mm padding on each side, one line each, except headers
// marked long, which the browser wraps as far as it must (counted here at
// two characters a line, as Chromium printed 进位/显著/奖). The pages were
// also printed from headless Chromium and looked at.
func TestWideTableFitsA4(t *testing.T) {
	b, err := Render(demoDocument(t, "year", "2023Q4"), HTML)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	cells := regexp.MustCompile(`<t([hd])( class="([^"]*)")?>([^<]*)</t[hd]>`)
	rows := regexp.MustCompile(`<tr>(.*?)</tr>`).FindAllStringSubmatch(page, -1)
	var widths []float64 // per column, in mm
	for _, row := range rows {
		for i, c := range cells.FindAllStringSubmatch(row[1], -1) {
			chars := float64(width(html.UnescapeString(c[4]))) / 2
			if c[1] == "h" && strings.Contains(c[3], "long") {
				chars = min(chars, 2)
			}
			w := chars*3.8 + 2*2.2
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], w)
		}
	}
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if len(widths) < 15 || total > 273 {
		t.Fatalf("%d columns, about %.0f mm wide: more than the 273 mm of an A4 landscape sheet", len(widths), total)
	}
}

// mdNames are unit names that would be Markdown if written raw at the start
// of a line or inside one: a heading, list items, a quote, a setext
// underline, strikethrough, an entity, a code fence, indented code.
var mdNames = []string{"# 标题区", "- 列表区", "1. 编号区", "> 引用区", "=== 区", "+ 加号区", "~~删除~~区", "&amp;区", "```区", "2) 括号区"}

// TestMarkdownKeepsNamesAsText: a unit named "# 标题区" became a heading in
// the bulletin (the flag sentence and commendations start with unit names).
// In every Markdown export, no line a name starts is read as a block other
// than the ones the export writes (its title, part headings, tables), and
// each name is escaped, not dropped.
func TestMarkdownKeepsNamesAsText(t *testing.T) {
	d, _ := demoResults()
	rename := func(us []model.Unit) {
		for i := range us {
			if int(us[i].ID) <= len(mdNames) {
				us[i].Name, us[i].Short = mdNames[us[i].ID-1], ""
			}
		}
	}
	rename(d.Units)
	for i := range d.Quarters {
		d.Quarters[i].Units = append([]model.Unit(nil), d.Quarters[i].Units...)
		rename(d.Quarters[i].Units)
	}
	rs := model.ComputeSeries(d.Quarters)
	r := resultOf(t, rs, "2023Q4")
	commend := map[int64]string{}
	for id := range int64(len(mdNames)) {
		commend[id+1] = "成效突出"
	}
	b, err := model.BulletinOf(r, commend, exportDate)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.FlagText, mdNames[0]) {
		t.Fatalf("the flag sentence should start with %q: %q", mdNames[0], b.FlagText)
	}
	// The commendations are one sentence now; a bulletin whose paragraphs
	// each start with a name checks the start of a line.
	para := model.Bulletin{Title: "通报", Committee: "委员会", Date: "2023年12月31日"}
	for _, n := range mdNames {
		para.Body = append(para.Body, model.Block{Text: n + "成效突出"})
	}
	docs := map[string]Document{"bulletin": {Kind: model.ExportBulletin, Bulletin: &b}, "paragraphs": {Kind: model.ExportBulletin, Bulletin: &para}}
	for _, kind := range []string{"ranking", "seats", "stars"} {
		doc, err := documentOf(d, rs, kind, "2023Q4")
		if err != nil {
			t.Fatal(err)
		}
		docs[kind] = doc
	}
	own := regexp.MustCompile(`^(# \S|## (一、综合成绩|二、单项板块|座次表)$|\||\*\*【 主 席 台 】\*\*$)`)
	block := regexp.MustCompile(`^([ \t]|[#>*+=_~<-]|` + "`" + `|[0-9]{1,9}[.)])`)
	for kind, doc := range docs {
		md, err := Render(doc, Markdown)
		if err != nil {
			t.Fatal(err)
		}
		text := string(md)
		for i, line := range strings.Split(text, "\n") {
			if own.MatchString(line) && (i == 0 || !strings.HasPrefix(line, "# ")) {
				continue
			}
			if block.MatchString(line) {
				t.Errorf("%s.md line %d starts a Markdown block: %q", kind, i+1, line)
			}
		}
		names := []string{`\# 标题区`, `&gt; 引用区`, `\~\~删除\~\~区`, `&amp;amp;区`, "\\`\\`\\`区"}
		if kind == "paragraphs" { // each paragraph starts with a name
			names = append(names, `\- 列表区`, `1\. 编号区`, `\=== 区`, `2\) 括号区`)
		}
		for _, name := range names {
			if !strings.Contains(text, name) {
				t.Errorf("%s.md lacks the escaped name %q", kind, name)
			}
		}
	}
}
