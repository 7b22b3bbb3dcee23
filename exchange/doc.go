// Package exchange holds the file formats starflag exchanges with Excel,
// WPS and browsers: XLSX handouts that print on A4 (through excelize),
// Markdown, aligned text and print-ready HTML for the tables, the seating
// chart with its placards and the bulletin draft, and the reading of CSV
// and XLSX import files.
//
// It renders values the model computes (model.Table, model.SeatingChart,
// model.Bulletin) and reads files into model.Row, so that model stays
// standard-library only. It never imports store or ui: office loads the data
// and the dashboard reaches the exports through an interface it declares.
// Text is measured with the screens' width function (x/ansi's StringWidth,
// which lipgloss.Width calls), so aligned text lines up as the dashboard's
// columns do.
package exchange
