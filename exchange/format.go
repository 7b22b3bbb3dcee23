package exchange

import (
	"slices"
	"strings"
	"unicode"

	"starflag/model"
)

// Format is a file format of an export.
type Format string

// The formats. CSV is the contract other tools read (model.Table.CSV); the
// others are for people: Excel/WPS, Markdown, plain text, a browser.
const (
	CSV      Format = "csv"
	XLSX     Format = "xlsx"
	Markdown Format = "md"
	Text     Format = "txt"
	HTML     Format = "html"
	DOCX     Format = "docx" // Word and WPS: the bulletins and the meeting kit
)

// Formats lists every format, in the order the help text gives them.
var Formats = []Format{CSV, XLSX, Markdown, Text, HTML, DOCX}

// Binary reports whether files of f are binary (zip packages), never
// written to a terminal.
func Binary(f Format) bool { return f == XLSX || f == DOCX }

// tableFormats are the formats of a table kind.
var tableFormats = []Format{CSV, XLSX, Markdown, Text, HTML}

// ParseFormat reads a --format value ("markdown" and "text" are accepted too).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "."))); f {
	case CSV, XLSX, Markdown, Text, HTML, DOCX:
		return f, nil
	case "markdown":
		return Markdown, nil
	case "htm":
		return HTML, nil
	case "text":
		return Text, nil
	}
	return "", model.Errorf(model.ErrInvalid, "格式“%s”未知（可用：csv、xlsx、md、txt、html、docx）", s)
}

// Document is one export before it has a file format: the table every kind
// but the bulletin and the kit has, plus the seating chart (seats), the
// bulletin or the meeting kit.
type Document struct {
	Kind  model.ExportKind
	Table model.Table
	// Sheets are the XLSX workbook's sheets when the handout shows more
	// than the table: the ranking with the section scores, the stars
	// matrix before the long table (model.RankingSheet, model.StarsSheets).
	Sheets   []model.Table
	Chart    *model.SeatingChart // seats only
	Bulletin *model.Bulletin     // bulletin only
	Kit      *model.Kit          // kit only
}

// FormatsFor lists the formats an export of kind can be written in: prose
// (the bulletin) has no table for CSV or XLSX; the meeting kit is print
// documents, HTML or DOCX; tables have no DOCX.
func FormatsFor(kind model.ExportKind) []Format {
	switch {
	case kind.Meeting:
		return []Format{HTML, DOCX}
	case kind.Prose:
		return []Format{Markdown, Text, HTML, DOCX}
	}
	return tableFormats
}

// DashboardFormat is what the dashboard's x writes for kind: XLSX for
// Excel/WPS, or the print-ready HTML page (the seating chart with its
// placards).
func DashboardFormat(kind model.ExportKind) Format {
	if kind.Print {
		return HTML
	}
	return XLSX
}

// FormatsOf lists the formats d can be written in.
func (d Document) FormatsOf() []Format { return FormatsFor(d.Kind) }

// Supports reports whether d can be written as f.
func (d Document) Supports(f Format) bool { return slices.Contains(d.FormatsOf(), f) }

// Render writes d in format f. The seating chart and bulletin have their own
// layouts in the text formats; every table kind renders its table.
func Render(d Document, f Format) ([]byte, error) {
	if !d.Supports(f) {
		names := make([]string, 0, 3)
		for _, g := range d.FormatsOf() {
			names = append(names, string(g))
		}
		return nil, model.Errorf(model.ErrInvalid, "%s 不能导出为 %s，只能导出为 %s", d.Kind.Label, f, strings.Join(names, "、"))
	}
	d = safeDocument(d)
	switch {
	case d.Kit != nil:
		if f == DOCX {
			return KitDOCX(*d.Kit)
		}
		return KitHTML(*d.Kit)
	case d.Bulletin != nil:
		switch f {
		case Markdown:
			return BulletinMarkdown(*d.Bulletin), nil
		case Text:
			return BulletinText(*d.Bulletin), nil
		case DOCX:
			return BulletinDOCX(*d.Bulletin)
		default:
			return BulletinHTML(*d.Bulletin)
		}
	case d.Chart != nil && f != CSV && f != XLSX:
		switch f {
		case Markdown:
			return SeatsMarkdown(*d.Chart, d.Table), nil
		case Text:
			return SeatsText(*d.Chart, d.Table), nil
		default:
			return SeatsHTML(*d.Chart, d.Table)
		}
	}
	switch f {
	case CSV:
		return d.Table.CSV(), nil
	case XLSX:
		return documentXLSX(d)
	case Markdown:
		return TableMarkdown(d.Table), nil
	case Text:
		return TableText(d.Table), nil
	default:
		return TableHTML(d.Table)
	}
}

// FileName names an export after its period and kind, for the dashboard's
// export key: FileName("2023Q4", model.ExportRanking, XLSX) is
// "2023Q4-排名.xlsx". Both parts are sanitised, so a unit name may be passed
// as the period.
func FileName(period string, kind model.ExportKind, f Format) string {
	base := SanitizeFileName(period)
	if l := SanitizeFileName(kind.Label); l != "" {
		if base != "" {
			base += "-"
		}
		base += l
	}
	if base == "" {
		base = "导出"
	}
	return base + "." + string(f)
}

// SanitizeFileName makes s safe as a file name on Windows, macOS and Linux:
// it drops / \ : * ? " < > | and control characters, trims spaces and dots
// at the ends (Windows drops them silently), and suffixes the names Windows
// reserves (CON, NUL, COM1 …) with a leading "_".
func SanitizeFileName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) || r == '\u200d' || r == '\ufe0f' {
			continue
		}
		b.WriteRune(r)
	}
	out := strings.Trim(b.String(), " .\u3000")
	stem, _, _ := strings.Cut(strings.ToUpper(out), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL",
		"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		out = "_" + out
	}
	if len(out) > 200 { // most file systems allow 255 bytes
		cut := 200
		for cut > 0 && !utfStart(out[cut]) {
			cut--
		}
		out = out[:cut]
	}
	return out
}

func utfStart(b byte) bool { return b&0xc0 != 0x80 }
