package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"starflag/exchange"
	"starflag/model"
	"starflag/store"
)

// checkExportFormat refuses, before anything is loaded, the combinations
// that cannot work: the bulletin is prose (no CSV or XLSX), and an XLSX
// workbook is binary, so it goes to a file.
func checkExportFormat(kind string, f exchange.Format, out string) error {
	if kind == "bulletin" && (f == exchange.CSV || f == exchange.XLSX) {
		return usageErr("通报稿不能导出为 %s，只能导出为 md、txt 或 html（例如 --format md）", f)
	}
	if f == exchange.XLSX && (out == "" || out == "-") {
		return usageErr("xlsx 是二进制文件，不能输出到屏幕：请用 -o 指定文件，例如 -o %s", exchange.FileName("2023Q4", kind, f))
	}
	return nil
}

// exportDate is the date the bulletin is signed: --date, or today.
func exportDate(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	d, err := time.Parse("2006-01-02", model.NormalizeNumber(strings.TrimSpace(s)))
	if err != nil {
		return time.Time{}, usageErr("日期“%s”格式不对，应写成 2023-12-31", s)
	}
	return d, nil
}

// exportDocument loads what an export of one quarter needs: the table of
// the kind, plus the seating chart for seats and the bulletin draft (with
// the quarter's commendations, signed on date) for bulletin.
func exportDocument(ctx context.Context, db *store.DB, kind string, q model.Quarter, date time.Time) (exchange.Document, error) {
	doc := exchange.Document{Kind: kind}
	switch kind {
	case "seats", "bulletin":
	default:
		t, err := quarterTable(ctx, db, kind, q)
		doc.Table = t
		return doc, err
	}
	res, err := db.Result(ctx, q)
	if err != nil {
		return doc, err
	}
	if kind == "seats" {
		if doc.Table, err = model.SeatsTable(&res); err != nil {
			return doc, err
		}
		chart, err := model.SeatingChartOf(&res)
		doc.Chart = &chart
		return doc, err
	}
	if err := res.IncompleteError(); err != nil {
		return doc, err
	}
	comm, err := db.Commendations(ctx, q)
	if err != nil {
		return doc, err
	}
	b, err := model.BulletinOf(&res, comm, date)
	doc.Bulletin = &b
	return doc, err
}

// maxCommendation bounds a commendation: a sentence or two of a bulletin.
const maxCommendation = 500

func cmdCommend(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("commend", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	unitName := fs.String("unit", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	q, err := quarterFlag("commend", *qs)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*unitName) == "" {
		return usageErr("commend 需要 --unit，例如 --unit 西海岸新区")
	}
	if len(pos) != 1 {
		return usageErr("commend 需要且只需要一段表扬内容（用引号括起来；写 \"\" 则删除已有的表扬）")
	}
	text := strings.TrimSpace(pos[0])
	if n := utf8.RuneCountInString(text); n > maxCommendation {
		return usageErr("表扬内容太长（%d 字，最多 %d 字）", n, maxCommendation)
	}
	units, err := db.ListUnits(ctx)
	if err != nil {
		return err
	}
	u, err := model.FindUnit(units, *unitName)
	if err != nil {
		return err
	}
	if !u.ActiveIn(q) {
		return fmt.Errorf("%s 不参加 %s 的考核", u.Name, q)
	}
	if err := db.SetCommendation(ctx, q, u.ID, text, store.SourceCLI); err != nil {
		return err
	}
	u = model.SafeUnit(u) // printed to a terminal
	if text == "" {
		fmt.Fprintf(w, "已删除 %s %s的表扬。\n", q, u.Name)
	} else {
		fmt.Fprintf(w, "已记录 %s %s的表扬，将写入通报稿（starflag export bulletin --quarter %s --format md）。\n", q, u.Name, q)
	}
	return nil
}

// dashboardExport writes what a dashboard screen shows to a new file in dir:
// tables as XLSX for Excel/WPS, the seats page as the print-ready HTML page
// with its placards. The file is named after the period and kind and never
// replaces an existing one (a -2, -3 … suffix is added instead).
func dashboardExport(ctx context.Context, db *store.DB, dir, kind string, q model.Quarter) (string, error) {
	var doc exchange.Document
	var err error
	period, f := q.String(), exchange.XLSX
	switch kind {
	case "year":
		period = strconv.Itoa(q.Year)
		doc.Kind = "year"
		doc.Table, err = yearTable(ctx, db, q.Year)
	case "seats":
		f = exchange.HTML
		doc, err = exportDocument(ctx, db, kind, q, time.Now())
	default:
		doc, err = exportDocument(ctx, db, kind, q, time.Now())
	}
	if err != nil {
		return "", err
	}
	data, err := exchange.Render(doc, f)
	if err != nil {
		return "", err
	}
	name := exchange.FileName(period, kind, f)
	ext := filepath.Ext(name)
	for i := 1; i < 100; i++ {
		path := filepath.Join(dir, name)
		if i > 1 {
			path = filepath.Join(dir, strings.TrimSuffix(name, ext)+"-"+strconv.Itoa(i)+ext)
		}
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("无法写入 %s：%v", path, err)
		}
		_, werr := file.Write(data)
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return "", fmt.Errorf("无法写入 %s：%v", path, werr)
		}
		return path, nil
	}
	return "", fmt.Errorf("%s 里同名的导出文件太多，请先整理", dir)
}
