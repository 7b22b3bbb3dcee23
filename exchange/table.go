package exchange

import (
	"bytes"
	"strings"

	"starflag/model"
)

// TableMarkdown renders t as a Markdown pipe table under its title.
// Numbers are right-aligned; | and Markdown's active characters in cells
// are escaped, so a unit name cannot break the table.
func TableMarkdown(t model.Table) []byte {
	var b bytes.Buffer
	if t.Title != "" {
		b.WriteString("# " + mdEscape(t.Title) + "\n\n")
	}
	writeMarkdownTable(&b, t)
	return b.Bytes()
}

func writeMarkdownTable(b *bytes.Buffer, t model.Table) {
	numeric := numericColumns(t)
	b.WriteString("|")
	for _, h := range t.Header {
		b.WriteString(" " + mdEscape(h) + " |")
	}
	b.WriteString("\n|")
	for i := range t.Header {
		if numeric[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, row := range t.Rows {
		b.WriteString("|")
		for i := range t.Header {
			s := ""
			if i < len(row) {
				s = mdEscape(row[i].Text)
			}
			if s == "" {
				b.WriteString(" |")
			} else {
				b.WriteString(" " + s + " |")
			}
		}
		b.WriteString("\n")
	}
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`, "~", `\~`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
)

// mdEscape makes s literal text inside a Markdown table cell or heading:
// what starts inline markup (emphasis, code, links, HTML and entities,
// strikethrough, a heading's closing #) is escaped, line breaks become
// spaces.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdLine makes s literal text as a line of its own (a paragraph of the
// bulletin, the signature): mdEscape, and what would start a block at the
// beginning of a line is escaped too, so a unit named "- 甲" or "1. 乙" at
// the start of a sentence stays text (# and > are escaped everywhere).
func mdLine(s string) string {
	// Four spaces would start a code block; - + a list item, = an underline.
	s = strings.TrimLeft(mdEscape(s), " ")
	if s != "" && strings.ContainsRune("-+=", rune(s[0])) {
		return `\` + s
	}
	digits := 0 // an ordered list item: up to nine digits, then . or )
	for digits < len(s) && digits < 10 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < 10 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') {
		return s[:digits] + `\` + s[digits:]
	}
	return s
}

// TableText renders t as plain text for a terminal or an e-mail: columns
// aligned by display width (a Chinese character takes two cells), numbers
// right-aligned, a rule of dashes under the header.
func TableText(t model.Table) []byte {
	var b bytes.Buffer
	if t.Title != "" {
		b.WriteString(t.Title + "\n\n")
	}
	writeTextTable(&b, t, "")
	return b.Bytes()
}

// writeTextTable writes the aligned table, each line after indent.
func writeTextTable(b *bytes.Buffer, t model.Table, indent string) {
	numeric := numericColumns(t)
	n := len(t.Header)
	// Every cell's text and width, measured once: the header, a rule, the rows.
	texts := make([]string, 0, (len(t.Rows)+2)*n)
	ws := make([]int, 0, cap(texts))
	widths := make([]int, n)
	add := func(s string) {
		s = textCell(s)
		w := width(s)
		widths[len(texts)%n] = max(widths[len(texts)%n], w)
		texts, ws = append(texts, s), append(ws, w)
	}
	for _, h := range t.Header {
		add(h)
	}
	for range t.Header {
		add("")
	}
	for _, row := range t.Rows {
		for i := range n {
			if i < len(row) {
				add(row[i].Text)
			} else {
				add("")
			}
		}
	}
	for i := range n {
		texts[n+i], ws[n+i] = strings.Repeat("-", widths[i]), widths[i]
	}
	var l []byte
	for k := 0; k < len(texts); k += n {
		l = append(l[:0], indent...)
		for i := range n {
			if i > 0 {
				l = append(l, "  "...)
			}
			gap := widths[i] - ws[k+i]
			if numeric[i] {
				l = appendSpaces(l, gap)
				l = append(l, texts[k+i]...)
			} else {
				l = append(l, texts[k+i]...)
				l = appendSpaces(l, gap)
			}
		}
		b.Write(bytes.TrimRight(l, " "))
		b.WriteByte('\n')
	}
}

func appendSpaces(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, ' ')
	}
	return b
}

var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// textCell keeps a cell on one line.
func textCell(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return oneLine.Replace(s)
}

// numericColumns marks the columns whose filled cells are all numbers, to
// right-align them.
func numericColumns(t model.Table) []bool {
	out := make([]bool, len(t.Header))
	for i := range t.Header {
		seen := false
		out[i] = true
		for _, row := range t.Rows {
			if i >= len(row) || row[i].Text == "" {
				continue
			}
			seen = true
			if !row[i].Num {
				out[i] = false
				break
			}
		}
		out[i] = out[i] && seen
	}
	return out
}
