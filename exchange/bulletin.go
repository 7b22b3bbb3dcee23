package exchange

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"starflag/model"
)

// indent is the two full-width spaces that start a paragraph of a Chinese
// official document.
const indent = "\u3000\u3000"

// lineWidth is a line of a bulletin in cells: 28 Chinese characters, as
// GB/T 9704 sets the body (22 lines of 28 characters).
const lineWidth = 56

// BulletinMarkdown renders a bulletin as Markdown, for pasting into a
// word processor or a chat: the title as one heading, the parts as
// headings, the tables as pipe tables.
func BulletinMarkdown(bl model.Bulletin) []byte {
	var b bytes.Buffer
	p := func(s string) {
		if s != "" {
			b.WriteString(mdLine(s) + "\n\n")
		}
	}
	p(bl.Number)
	b.WriteString("# " + mdEscape(bl.Title) + "\n\n")
	p(bl.Addressee)
	p(bl.Opening)
	for _, blk := range bl.Body {
		switch {
		case blk.Table != nil:
			writeMarkdownTable(&b, *blk.Table)
			b.WriteString("\n")
		case blk.Level > 0:
			b.WriteString(strings.Repeat("#", blk.Level+1) + " " + mdEscape(blk.Text) + "\n\n")
		default:
			p(blk.Text)
		}
	}
	// Two trailing spaces keep committee and date on separate lines.
	b.WriteString(mdLine(bl.Committee) + "  \n" + mdDate(bl.Date) + "\n")
	if r := record(bl); len(r) > 0 {
		b.WriteString("\n---\n\n")
		for _, l := range r {
			p(l)
		}
	}
	return b.Bytes()
}

// mdDate keeps the spaces of the blank date (    年  月  日) in Markdown.
func mdDate(d string) string {
	if d == model.DateBlank {
		return strings.ReplaceAll(d, " ", "&nbsp;")
	}
	return mdLine(d)
}

// recordLine is a line of the 版记 in print: the 印发 line's date stands at
// the right (GB/T 9704 7.4.3), as in the DOCX.
type recordLine struct{ Left, Right string }

func recordLines(bl model.Bulletin) []recordLine {
	var out []recordLine
	for _, l := range record(bl) {
		if org, date, issued := strings.Cut(l, "　　"); issued && bl.Issuer != "" && org == bl.Issuer {
			out = append(out, recordLine{org, date})
		} else {
			out = append(out, recordLine{Left: l})
		}
	}
	return out
}

// record is the 版记 as lines: 抄送：…。 and "<印发机关>  <date>印发"; none
// when the bulletin has neither.
func record(bl model.Bulletin) []string {
	var out []string
	if bl.CopyTo != "" {
		out = append(out, "抄送："+strings.TrimRight(bl.CopyTo, "。")+"。")
	}
	if bl.Issuer != "" {
		out = append(out, bl.Issuer+"　　"+strings.TrimSpace(bl.Date)+"印发")
	}
	return out
}

// BulletinText renders a bulletin as plain text 28 characters wide: the
// title centred line by line, paragraphs starting with two full-width
// spaces, headings at the margin, tables aligned, the date four characters
// from the right edge with the signature centred above it.
func BulletinText(bl model.Bulletin) []byte {
	var b bytes.Buffer
	line := func(s string) { b.WriteString(strings.TrimRight(s, " ") + "\n") }
	p := func(s string) {
		if s != "" {
			b.WriteString(indent + s + "\n\n")
		}
	}
	if bl.Number != "" {
		line(centre(bl.Number, lineWidth))
		b.WriteString("\n")
	}
	for _, l := range bl.TitleLines {
		line(centre(l, lineWidth))
	}
	b.WriteString("\n")
	if bl.Addressee != "" {
		b.WriteString(bl.Addressee + "\n")
	}
	p(bl.Opening)
	for _, blk := range bl.Body {
		switch {
		case blk.Table != nil:
			writeTextTable(&b, *blk.Table, indent)
			b.WriteString("\n")
		case blk.Level > 0:
			b.WriteString(indent + blk.Text + "\n\n")
		default:
			p(blk.Text)
		}
	}
	b.WriteString("\n")
	sig, date := signature(bl.Committee, bl.Date)
	line(strings.Repeat(" ", max(lineWidth-sig-width(bl.Committee), 0)) + bl.Committee)
	line(strings.Repeat(" ", max(lineWidth-date-width(bl.Date), 0)) + bl.Date)
	if r := record(bl); len(r) > 0 {
		b.WriteString("\n" + strings.Repeat("-", lineWidth) + "\n")
		for _, l := range r {
			line(" " + l)
		}
		b.WriteString(strings.Repeat("-", lineWidth) + "\n")
	}
	return b.Bytes()
}

// signature places the 成文日期 four characters (8 cells) from the right
// edge and the 署名 centred above it: the cells right of each. A 署名 that
// would cross the edge pushes both left.
func signature(committee, date string) (sig, dat int) {
	dat = 8
	sig = dat + (width(date)-width(committee))/2
	if sig < 0 {
		dat, sig = dat-sig, 0
	}
	return sig, dat
}

const bulletinCSS = `
@page { size: A4 portrait; margin: 37mm 26mm 35mm 28mm; }
@page :left { margin-left: 26mm; margin-right: 28mm;
  @bottom-left { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; padding-left: 14pt; vertical-align: top; padding-top: 7mm; } }
@page :right {
  @bottom-right { content: "— " counter(page) " —"; font: 14pt "SimSun", "宋体", "Noto Serif CJK SC", serif; padding-right: 14pt; vertical-align: top; padding-top: 7mm; } }
@font-face { font-family: "starflag-title"; font-weight: 700; src: local("方正小标宋简体"), local("FZXiaoBiaoSong-B05S"), local("方正小标宋_GBK"); }
@media screen { .page { width: 210mm; min-height: 297mm; padding: 37mm 26mm 35mm 28mm; } }
.doc { font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif;
  font-size: 16pt; line-height: 28.95pt; letter-spacing: -0.207pt; color: #000; }
.doc .title { font-family: "starflag-title", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-weight: bold;
  font-size: 22pt; line-height: 35pt; text-align: center; letter-spacing: 0; margin: 0 0 28.95pt; }
.doc .number { text-align: center; margin: 0 0 28.95pt; }
.doc p { margin: 0; text-indent: 2em; text-align: justify; }
.doc p.addressee { text-indent: 0; }
.doc .h1 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; }
.doc .h2 { font-family: "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; }
.doc table { margin: 4pt auto 8pt; }
.doc th, .doc td { font-family: inherit; font-size: 14pt; line-height: 20pt; padding: 1pt 6pt; border-color: #000; }
.doc th { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; background: none; }
.doc .sign { break-before: avoid; page-break-before: avoid; text-align: right; margin-top: 57.9pt; padding-top: 28.95pt; text-indent: 0; }
.doc .sign span { display: inline-block; position: relative; white-space: pre; }
.doc .sign .org { position: absolute; bottom: 100%; left: 50%; transform: translateX(-50%); }
.doc .record { margin-top: 28.95pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; font-size: 14pt; line-height: 24pt; }
.doc .record p { text-indent: 0; padding: 0 1em; border-bottom: 0.25mm solid #000; }
.doc .record p:last-child { border-bottom: 0; text-align: left; }
.doc .record .issued { float: right; }
`

var bulletinTemplate = page("bulletin", `{{template "head" .}}<body>
<main class="page doc">
{{with .B.Number}}<div class="number">{{.}}</div>
{{end}}<h1 class="title">{{range $i, $l := .B.TitleLines}}{{if $i}}<br>{{end}}{{$l}}{{end}}</h1>
{{with .B.Addressee}}<p class="addressee">{{.}}</p>
{{end}}<p>{{.B.Opening}}</p>
{{range .Body}}{{if .Table}}{{template "grid" .Table}}
{{else if eq .Level 1}}<p class="h1">{{.Text}}</p>
{{else if eq .Level 2}}<p class="h2">{{.Text}}</p>
{{else}}<p>{{.Text}}</p>
{{end}}{{end}}<p class="sign" style="padding-right: {{.DateRight}}em"><span><span class="org">{{.B.Committee}}</span>{{.B.Date}}</span></p>
{{with .Record}}<div class="record">{{range .}}<p>{{.Left}}{{with .Right}}<span class="issued">{{.}}</span>{{end}}</p>{{end}}</div>
{{end}}</main>
</body>
</html>
`)

// htmlBlock is a block of a bulletin's body with its table ready to draw.
type htmlBlock struct {
	Level int
	Text  string
	Table *htmlTable
}

// BulletinHTML renders a bulletin as A4 pages laid out as GB/T 9704 sets
// an official document (天头 37 mm, 订口 28 mm, 22 lines of 28 characters
// of 3号 仿宋, the 2号 title in 小标宋 broken at phrases, 一、 headings in
// 黑体 and （一） in 楷体, page numbers "— 1 —" at the outer edge, the date
// four characters from the right with the 署名 centred above it), for a
// browser to print; fonts fall back to those of the machine.
func BulletinHTML(bl model.Bulletin) ([]byte, error) {
	var body []htmlBlock
	for _, blk := range bl.Body {
		hb := htmlBlock{Level: blk.Level, Text: blk.Text}
		if blk.Table != nil {
			t := toHTMLTable(*blk.Table)
			hb.Table = &t
		}
		body = append(body, hb)
	}
	_, date := signature(bl.Committee, bl.Date)
	var b bytes.Buffer
	err := bulletinTemplate().Execute(&b, struct {
		Title     string
		B         model.Bulletin
		CSS       template.CSS
		Body      []htmlBlock
		DateRight string
		Record    []recordLine
	}{bl.Title, bl, template.CSS(baseCSS + bulletinCSS), body, strconv.FormatFloat(float64(date)/2, 'f', -1, 64), recordLines(bl)})
	return b.Bytes(), err
}
