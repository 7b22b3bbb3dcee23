package exchange

import (
	"bytes"
	"html/template"
	"sync"

	"starflag/model"
)

// fontStack comes first in every page: the Windows fonts the secretariat's
// machines have, then the Noto CJK fonts of Linux.
const fontStack = `"Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`

// baseCSS is shared by every page: A4 sheets on screen, exact colours when
// printed, no external assets.
const baseCSS = `
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ` + fontStack + `; color: #111; background: #fff; }
h1 { font-size: 7mm; margin: 0 0 5mm; text-align: center; letter-spacing: 0.05em; }
table { border-collapse: collapse; margin: 0 auto; }
th, td { border: 0.3mm solid #555; padding: 1.2mm 2.2mm; font-size: 3.8mm; white-space: nowrap; }
th { background: #e8e8e8; font-weight: bold; }
th.long { white-space: normal; } /* may wrap when the table is wider than the sheet */
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.flag { color: #c00000; font-weight: bold; }
td.warning { background: #ffd966; }
td.red { background: #c00000; color: #fff; font-weight: bold; }
@media screen {
  body { background: #d9d9d9; }
  .page { background: #fff; margin: 0 auto 6mm; box-shadow: 0 0 2mm rgba(0,0,0,0.3); max-width: 100%; }
}
`

// tableCSS lays out a table page: A4 landscape with margins.
const tableCSS = `
@page { size: A4 landscape; margin: 12mm; }
@media screen { .page { width: 297mm; min-height: 210mm; padding: 12mm; } }
`

var tableTemplate = page("table", `{{template "head" .}}<body>
<main class="page">
<h1>{{.Title}}</h1>
{{template "grid" .Table}}
</main>
</body>
</html>
`)

// gridTemplate renders an htmlTable, and "head" the start of every page
// up to <body> (its data needs Title and CSS); every page template has both.
const gridTemplate = `{{define "head"}}<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
{{end}}{{define "grid"}}<table>
<thead><tr>{{range .Header}}<th{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</tbody>
</table>{{end}}`

// page parses a page template with the shared table template the first
// time it is used, so commands that render no HTML do not pay for it.
func page(name, body string) func() *template.Template {
	return sync.OnceValue(func() *template.Template {
		return template.Must(template.Must(template.New(name).Parse(gridTemplate)).Parse(body))
	})
}

// htmlTable is a model.Table with each cell's CSS class.
type htmlTable struct {
	Header []htmlCell
	Rows   [][]htmlCell
}

type htmlCell struct{ Text, Class string }

// longHeader is the display width above which a header may wrap: the year
// table's 项目签约落地星数 and the like would otherwise push a table of a
// dozen or more columns off the A4 sheet.
const longHeader = 8

func toHTMLTable(t model.Table) htmlTable {
	var h htmlTable
	for _, name := range t.Header {
		c := htmlCell{Text: name}
		if width(name) > longHeader {
			c.Class = "long"
		}
		h.Header = append(h.Header, c)
	}
	numeric := numericColumns(t)
	for _, row := range t.Rows {
		cells := make([]htmlCell, len(t.Header))
		for i := range cells {
			if i >= len(row) {
				continue
			}
			c := row[i]
			cells[i].Text = c.Text
			switch {
			case c.Text != "" && c.Mark != "":
				cells[i].Class = c.Mark
				if numeric[i] {
					cells[i].Class += " num"
				}
			case numeric[i]:
				cells[i].Class = "num"
			}
		}
		h.Rows = append(h.Rows, cells)
	}
	return h
}

// TableHTML renders t as a print-ready page (A4 landscape) with the flags
// and warnings coloured as on screen. Every text is escaped by html/template.
func TableHTML(t model.Table) ([]byte, error) {
	var b bytes.Buffer
	err := tableTemplate().Execute(&b, struct {
		Title string
		CSS   template.CSS
		Table htmlTable
	}{t.Title, template.CSS(baseCSS + tableCSS), toHTMLTable(t)})
	return b.Bytes(), err
}
