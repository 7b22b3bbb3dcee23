package office

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"starflag/exchange"
	"starflag/model"
	"starflag/store"
)

// Document loads what an export of kind needs: its table, plus the seating
// chart for seats, the bulletin draft (with the quarter's commendations,
// signed on date) for bulletin and the meeting kit for kit. A yearly kind
// covers q's year. The command line and the dashboard's x both export
// through it.
func Document(ctx context.Context, db *store.DB, kind model.ExportKind, q model.Quarter, date time.Time) (exchange.Document, error) {
	return DocumentWith(ctx, db, kind, q, model.DocOptions{Date: model.ChineseDate(date)})
}

// DocumentWith is Document with the bulletin's version and 成文日期 (""
// leaves the date blank to fill in).
func DocumentWith(ctx context.Context, db *store.DB, kind model.ExportKind, q model.Quarter, o model.DocOptions) (exchange.Document, error) {
	doc := exchange.Document{Kind: kind}
	var err error
	switch kind {
	case model.ExportSeats, model.ExportBulletin, model.ExportKit:
	case model.ExportYear:
		doc.Table, err = yearTable(ctx, db, q.Year)
		return doc, err
	default:
		doc.Table, doc.Sheets, err = quarterTable(ctx, db, kind, q)
		return doc, err
	}
	res, err := db.Result(ctx, q)
	if err != nil {
		return doc, err
	}
	switch kind {
	case model.ExportSeats:
		if doc.Table, err = model.SeatsTable(&res); err != nil {
			return doc, err
		}
		chart, err := model.SeatingChartOf(&res)
		doc.Chart = &chart
		return doc, err
	case model.ExportKit:
		k, err := model.KitOf(&res)
		doc.Kit = &k
		return doc, err
	}
	if err := res.IncompleteError(); err != nil {
		return doc, err
	}
	comm, err := db.Commendations(ctx, q)
	if err != nil {
		return doc, err
	}
	b, err := model.BulletinWith(&res, comm, o)
	doc.Bulletin = &b
	return doc, err
}

// YearBulletin drafts the annual bulletin of year (export bulletin --year).
func YearBulletin(ctx context.Context, db *store.DB, year int, o model.DocOptions) (exchange.Document, error) {
	doc := exchange.Document{Kind: model.ExportBulletin}
	a, err := annualView(ctx, db, year)
	if err != nil {
		return doc, err
	}
	b, err := model.AnnualBulletinOf(a, o)
	doc.Bulletin = &b
	return doc, err
}

// quarterTable is the table of a quarter's kind, and the XLSX handout's
// sheets when they show more (exchange.Document.Sheets).
func quarterTable(ctx context.Context, db *store.DB, kind model.ExportKind, q model.Quarter) (model.Table, []model.Table, error) {
	switch kind {
	case model.ExportTemplate:
		// The sections setup shows: stored, or those the quarter will get.
		d, err := db.QuarterData(ctx, q)
		if err != nil {
			return model.Table{}, nil, err
		}
		return model.TemplateTable(q, d.Units, d.Sections, d.Adjustments), nil, nil
	case model.ExportRanking, model.ExportStars, model.ExportFlags, model.ExportSeats:
	default:
		return model.Table{}, nil, fmt.Errorf("导出类别“%s”没有季度表格", model.Clip(kind.Name))
	}
	res, err := db.Result(ctx, q)
	if err != nil {
		return model.Table{}, nil, err
	}
	var t model.Table
	switch kind {
	case model.ExportRanking:
		if t, err = model.RankingTable(&res); err != nil {
			return t, nil, err
		}
		sheet, err := model.RankingSheet(&res)
		return t, []model.Table{sheet}, err
	case model.ExportStars:
		return model.StarsTable(&res), model.StarsSheets(&res), nil
	case model.ExportFlags:
		t, err = model.FlagsTable(&res)
	default:
		t, err = model.SeatsTable(&res)
	}
	return t, nil, err
}

func yearTable(ctx context.Context, db *store.DB, year int) (model.Table, error) {
	a, err := annualView(ctx, db, year)
	if err != nil {
		return model.Table{}, err
	}
	if len(a.Quarters) == 0 {
		return model.Table{}, fmt.Errorf("%d 年还没有已完成的季度", year)
	}
	return model.AnnualTable(a), nil
}

// annualView is the year's annual view, against the year before.
func annualView(ctx context.Context, db *store.DB, year int) (model.Annual, error) {
	rs, err := db.Results(ctx, model.Quarter{Year: year - 1, Q: 1}, model.Quarter{Year: year, Q: 4})
	if err != nil {
		return model.Annual{}, err
	}
	return model.AnnualView(year, rs, rs), nil
}

// ExportFunc is the dashboard's x (ui.Options.Export) on db: it writes the
// page's kind into dir, or with dir "" into the folder starflag was started
// from, and returns the path as the status line may show it.
func ExportFunc(db *store.DB, dir string) func(ctx context.Context, kind model.ExportKind, q model.Quarter) (string, error) {
	return func(ctx context.Context, kind model.ExportKind, q model.Quarter) (string, error) {
		into := dir
		if into == "" {
			wd, err := os.Getwd()
			if err != nil {
				return "", fmt.Errorf("找不到启动 starflag 的文件夹（%s），没有导出；请在一个存在的文件夹里启动 starflag", model.FileReason(err))
			}
			into = wd
		}
		path, err := ExportInto(ctx, db, into, kind, q)
		return model.ClipPath(path), err
	}
}

// ExportInto writes what a dashboard page shows to a new file in dir: tables
// as XLSX for Excel/WPS, the seats page as the print-ready HTML page with
// its placards (exchange.DashboardFormat). The file is named after the
// period and kind and never replaces an existing one (a -2, -3 … suffix is
// added instead).
func ExportInto(ctx context.Context, db *store.DB, dir string, kind model.ExportKind, q model.Quarter) (string, error) {
	period, f := q.String(), exchange.DashboardFormat(kind)
	if kind.Yearly {
		period = strconv.Itoa(q.Year)
	}
	doc, err := Document(ctx, db, kind, q, time.Now())
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
		// A document to share: the mode the user's umask gives a new file.
		file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", writeError(dir, err)
		}
		_, werr := file.Write(data)
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(path)
			return "", writeError(dir, werr)
		}
		return path, nil
	}
	return "", fmt.Errorf("%s 里同名的导出文件太多，请先整理", model.ClipPath(dir))
}

// writeError says why x could not write into dir, the folder starflag was
// started from, and what to do.
func writeError(dir string, err error) error {
	return fmt.Errorf("无法在 %s 中写入导出文件（%s），没有导出；请在可写的文件夹里启动 starflag，或用 starflag export -o 指定文件",
		model.ClipPath(dir), model.FileReason(err))
}
