package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
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

// proseUsage says for the usage text which formats the kinds without a
// table have: bulletin（通报稿）只有 md、txt、html、docx.
func proseUsage() string {
	var parts []string
	for _, k := range model.ExportKinds {
		if k.Prose || k.Meeting {
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
	if exchange.Binary(f) && (out == "" || out == "-") {
		return usageErr("%s 是二进制文件，不能输出到屏幕：请用 -o 指定文件，例如 -o %s", f, exchange.FileName("2023Q4", kind, f))
	}
	return nil
}

// signingDate is the 成文日期 of a document about quarter q, or with
// yearly about q's year: --date (s), else today when the period ended at
// most model.DateWindow days ago, else "" (the draft leaves it blank).
func signingDate(s string, q model.Quarter, yearly bool, now time.Time) (string, error) {
	first, last, what := time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC), q.LastDay(), q.String()
	if yearly {
		first, last, what = time.Date(q.Year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(q.Year, 12, 31, 0, 0, 0, 0, time.UTC), strconv.Itoa(q.Year)+" 年"
	}
	if s == "" {
		return model.SigningDate(nil, last, now), nil
	}
	d, ok := model.ParseDate(s)
	if !ok {
		return "", usageErr("日期“%s”格式不对或不存在，应写成 2023-12-31", model.Clip(s))
	}
	// At the earliest the period's first day, at the latest a year after
	// the later of its last day and today (a reissue): any other date is a
	// typing mistake.
	if now.After(last) {
		last = now
	}
	last = last.AddDate(1, 0, 0)
	if d.Before(first) || d.After(last) {
		return "", usageErr("日期“%s”不合理：%s 通报稿的落款日期应在 %s 到 %s 之间",
			model.Clip(s), what, first.Format("2006-01-02"), last.Format("2006-01-02"))
	}
	return model.ChineseDate(d), nil
}

// maxCommendation bounds a commendation: a sentence or two of a bulletin.
const maxCommendation = 500

func cmdCommend(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("commend", flag.ContinueOnError)
	q, u, text, err := unitText(ctx, db, fs, args, "表扬内容", "删除已有的表扬")
	if err != nil {
		return err
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

// cmdVeto records (or, with "", removes) a unit's 一票否决 in a quarter.
func cmdVeto(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("veto", flag.ContinueOnError)
	q, u, text, err := unitText(ctx, db, fs, args, "一票否决的原因", "取消一票否决")
	if err != nil {
		return err
	}
	if err := db.SetVeto(ctx, q, u.ID, text, store.SourceCLI); err != nil {
		return err
	}
	u = model.SafeUnit(u)
	if text == "" {
		fmt.Fprintf(w, "已取消 %s %s的一票否决。\n", q, u.Name)
	} else {
		fmt.Fprintf(w, "已记录 %s %s一票否决：保留名次，本季度不得红旗，年度不评最高等次。\n", q, u.Name)
	}
	return nil
}

// cmdRules prints a quarter's rules in words: the same words as the
// flags page's legend and the bulletin (model.RulesText, one descriptor).
func cmdRules(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	if len(args) > 0 {
		if sub, ok := rulesCommands[args[0]]; ok {
			return sub(ctx, db, args[1:], w)
		}
	}
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("rules 只需要 --quarter（或子命令 export、import、diff），多了“%s”", model.Clip(pos[0]))
	}
	q, err := quarterFlag("rules", *qs)
	if err != nil {
		return err
	}
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		return err
	}
	d = model.SafeQuarterData(d) // printed to a terminal
	fmt.Fprintf(w, "%s 的考核规则（用语与看板、通报一致）：\n", q)
	for _, l := range model.RulesText(d) {
		fmt.Fprintln(w, "  "+l)
	}
	return nil
}

// cmdTalk records the 约谈 held with a unit warned in a quarter: --date
// (default today) and a note; --date "" removes the record.
func cmdTalk(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("talk", flag.ContinueOnError)
	date := fs.String("date", time.Now().Format("2006-01-02"), "")
	q, u, note, err := unitText(ctx, db, fs, args, "约谈备注", "不写备注")
	if err != nil {
		return err
	}
	tk := model.Talk{}
	if strings.TrimSpace(*date) != "" {
		if tk, err = model.ParseTalk(q, *date, note); err != nil {
			return err
		}
	}
	if err := db.SetTalk(ctx, q, u.ID, tk, store.SourceCLI); err != nil {
		return err
	}
	u = model.SafeUnit(u)
	if !tk.Held() {
		fmt.Fprintf(w, "已删除 %s %s的约谈记录。\n", q, u.Name)
	} else {
		fmt.Fprintf(w, "已记录 %s %s的约谈（%s），夺旗页和年度导出会显示。\n", q, u.Name, tk.Date)
	}
	return nil
}

// unitText parses a command about one unit in one quarter: --quarter,
// --unit (name, short name or alias of a unit taking part) and one text
// (what names it; "" does undo). fs may hold the command's other flags.
func unitText(ctx context.Context, db *store.DB, fs *flag.FlagSet, args []string, what, undo string) (model.Quarter, model.Unit, string, error) {
	name := fs.Name()
	qs := fs.String("quarter", "", "")
	unitName := fs.String("unit", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return model.Quarter{}, model.Unit{}, "", err
	}
	q, err := quarterFlag(name, *qs)
	if err != nil {
		return q, model.Unit{}, "", err
	}
	if strings.TrimSpace(*unitName) == "" {
		return q, model.Unit{}, "", usageErr("%s 需要 --unit，例如 --unit 西海岸新区", name)
	}
	if len(pos) != 1 {
		return q, model.Unit{}, "", usageErr("%s 需要且只需要一段%s（用引号括起来；写 \"\" 则%s）", name, what, undo)
	}
	text := strings.TrimSpace(pos[0])
	if n := utf8.RuneCountInString(text); n > maxCommendation {
		return q, model.Unit{}, "", usageErr("%s太长（%d 字，最多 %d 字）", what, n, maxCommendation)
	}
	units, err := db.ListUnits(ctx)
	if err != nil {
		return q, model.Unit{}, "", err
	}
	u, err := model.FindUnit(units, model.Clip(*unitName)) // Clip: no name is long, the echo is short
	if err != nil {
		return q, u, "", err
	}
	if !u.ActiveIn(q) {
		return q, u, "", fmt.Errorf("%s 不参加 %s 的考核", u.Name, q)
	}
	return q, u, text, nil
}
