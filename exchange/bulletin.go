package exchange

import (
	"bytes"
	"html/template"
	"strings"

	"starflag/model"
)

// indent is the two full-width spaces that start a paragraph of a Chinese
// official document.
const indent = "\u3000\u3000"

// BulletinMarkdown renders the bulletin draft as Markdown, for pasting into
// a word processor or a chat.
func BulletinMarkdown(bl model.Bulletin) []byte {
	var b bytes.Buffer
	p := func(s string) {
		if s != "" {
			b.WriteString(mdLine(s) + "\n\n")
		}
	}
	b.WriteString("# " + mdEscape(bl.Title) + "\n\n")
	p(bl.Opening)
	b.WriteString("## " + model.BulletinPart1 + "\n\n")
	p(bl.Covered)
	writeMarkdownTable(&b, bl.Ranking)
	b.WriteString("\n")
	p(bl.FlagText)
	for _, s := range bl.MarkText {
		p(s)
	}
	b.WriteString("## " + model.BulletinPart2 + "\n\n")
	p(bl.StarsText)
	for _, c := range bl.Commendations {
		p(c)
	}
	p("各区市单项板块星级如下：")
	writeMarkdownTable(&b, bl.Stars)
	b.WriteString("\n")
	// Two trailing spaces keep committee and date on separate lines.
	b.WriteString(mdLine(bl.Committee) + "  \n" + mdLine(bl.Date) + "\n")
	return b.Bytes()
}

// BulletinText renders the bulletin draft as plain text: paragraphs start
// with two full-width spaces, tables are aligned, the signature is set to
// the right.
func BulletinText(bl model.Bulletin) []byte {
	var b bytes.Buffer
	p := func(s string) {
		if s != "" {
			b.WriteString(indent + s + "\n\n")
		}
	}
	w := width(bl.Title)
	b.WriteString(bl.Title + "\n\n")
	p(bl.Opening)
	b.WriteString(model.BulletinPart1 + "\n\n")
	p(bl.Covered)
	writeTextTable(&b, bl.Ranking, indent)
	b.WriteString("\n")
	p(bl.FlagText)
	for _, s := range bl.MarkText {
		p(s)
	}
	b.WriteString(model.BulletinPart2 + "\n\n")
	p(bl.StarsText)
	for _, c := range bl.Commendations {
		p(c)
	}
	p("各区市单项板块星级如下：")
	writeTextTable(&b, bl.Stars, indent)
	b.WriteString("\n")
	sign := max(width(bl.Committee), width(bl.Date))
	for _, s := range []string{bl.Committee, bl.Date} {
		b.WriteString(strings.TrimRight(strings.Repeat(" ", max(w-sign, 0))+centre(s, sign), " ") + "\n")
	}
	return b.Bytes()
}

const bulletinCSS = `
@page { size: A4 portrait; margin: 25mm 22mm; }
@media screen { .page { width: 210mm; min-height: 297mm; padding: 25mm 22mm; } }
.doc { font-family: "FangSong", "STFangsong", "SimSun", "Noto Serif CJK SC", "Noto Serif SC", ` + fontStack + `; font-size: 4.4mm; line-height: 1.9; }
.doc h1 { font-family: ` + fontStack + `; font-size: 7.5mm; line-height: 1.5; margin: 0 0 8mm; }
.doc h2 { font-family: ` + fontStack + `; font-size: 4.6mm; margin: 4mm 0 2mm; }
.doc p { margin: 0 0 2mm; text-indent: 2em; text-align: justify; }
.doc table { margin: 2mm auto 4mm; }
.doc th, .doc td { font-family: ` + fontStack + `; font-size: 3.8mm; padding: 0.8mm 3mm; line-height: 1.4; }
.doc .sign { text-align: right; text-indent: 0; margin-top: 10mm; }
.doc .sign span { display: inline-block; text-align: center; }
`

var bulletinTemplate = page("bulletin", `{{template "head" .}}<body>
<main class="page doc">
<h1>{{.B.Title}}</h1>
<p>{{.B.Opening}}</p>
<h2>{{.Part1}}</h2>
<p>{{.B.Covered}}</p>
{{template "grid" .Ranking}}
{{with .B.FlagText}}<p>{{.}}</p>
{{end}}{{range .B.MarkText}}<p>{{.}}</p>
{{end}}<h2>{{.Part2}}</h2>
<p>{{.B.StarsText}}</p>
{{range .B.Commendations}}<p>{{.}}</p>
{{end}}<p>各区市单项板块星级如下：</p>
{{template "grid" .Stars}}
<p class="sign"><span>{{.B.Committee}}<br>{{.B.Date}}</span></p>
</main>
</body>
</html>
`)

// BulletinHTML renders the bulletin draft as an A4 portrait page in the
// manner of an official document; it opens in a browser or in WPS/Word.
func BulletinHTML(bl model.Bulletin) ([]byte, error) {
	var b bytes.Buffer
	err := bulletinTemplate().Execute(&b, struct {
		Title        string
		B            model.Bulletin
		CSS          template.CSS
		Part1, Part2 string
		Ranking      htmlTable
		Stars        htmlTable
	}{bl.Title, bl, template.CSS(baseCSS + bulletinCSS), model.BulletinPart1, model.BulletinPart2, toHTMLTable(bl.Ranking), toHTMLTable(bl.Stars)})
	return b.Bytes(), err
}
