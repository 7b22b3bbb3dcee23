package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"starflag/exchange"
	"starflag/model"
	"starflag/store"
)

// kindsUsage lists the export kinds for the usage text: the quarter's, then
// the year's with their option.
func kindsUsage() string {
	var quarterly, yearly []string
	for _, k := range model.ExportKinds {
		if k.Yearly {
			yearly = append(yearly, k.Name+" --year 2023")
		} else {
			quarterly = append(quarterly, k.Name)
		}
	}
	return strings.Join(quarterly, " | ") + "；" + strings.Join(yearly, "；")
}

// proseUsage says for the usage text which formats the prose kinds have:
// bulletin（通报稿）只有 md、txt、html.
func proseUsage() string {
	var parts []string
	for _, k := range model.ExportKinds {
		if k.Prose {
			parts = append(parts, k.Name+"（"+k.Title+"）只有 "+strings.Join(formatNames(exchange.FormatsFor(k)), "、"))
		}
	}
	return strings.Join(parts, "；")
}

func formatNames(fs []exchange.Format) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	return names
}

// orList joins items as a sentence offers a choice: "a、b 或 c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], "、") + " 或 " + items[len(items)-1]
}

// checkExportFormat refuses, before anything is loaded, the combinations
// that cannot work: prose (the bulletin) has no CSV or XLSX, and an XLSX
// workbook is binary, so it goes to a file.
func checkExportFormat(kind model.ExportKind, f exchange.Format, out string) error {
	if fs := exchange.FormatsFor(kind); !slices.Contains(fs, f) {
		return usageErr("%s不能导出为 %s，只能导出为 %s（例如 --format %s）", kind.Title, f, orList(formatNames(fs)), fs[0])
	}
	if f == exchange.XLSX && (out == "" || out == "-") {
		return usageErr("xlsx 是二进制文件，不能输出到屏幕：请用 -o 指定文件，例如 -o %s", exchange.FileName("2023Q4", kind, f))
	}
	return nil
}

// exportDate is the date q's bulletin is signed: --date, or today. A
// bulletin is signed once its quarter has begun and at most a year after
// the later of the quarter's end and today (a reissue): any other date is
// a typing mistake.
func exportDate(s string, q model.Quarter, now time.Time) (time.Time, error) {
	if s == "" {
		return now, nil
	}
	d, err := time.Parse("2006-01-02", model.NormalizeNumber(strings.TrimSpace(s)))
	if err != nil {
		return time.Time{}, usageErr("日期“%s”格式不对或不存在，应写成 2023-12-31", model.Clip(s))
	}
	first := time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC)
	end := first.AddDate(0, 3, -1)
	if now.After(end) {
		end = now
	}
	last := end.AddDate(1, 0, 0)
	if d.Before(first) || d.After(last) {
		return time.Time{}, usageErr("日期“%s”不合理：%s 通报稿的落款日期应在 %s 到 %s 之间",
			model.Clip(s), q, first.Format("2006-01-02"), last.Format("2006-01-02"))
	}
	return d, nil
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
	u, err := model.FindUnit(units, model.Clip(*unitName)) // Clip: no name is long, the echo is short
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
