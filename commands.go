package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"starflag/exchange"
	"starflag/model"
	"starflag/office"
	"starflag/store"
)

func cmdVersion(w io.Writer) error {
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(w, "starflag %s%s（%s，数据库结构版本 %d）\n", version, rev, runtime.Version(), store.SchemaVersion)
	return nil
}

func cmdImport(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	dry := fs.Bool("dry-run", false, "")
	addUnits := fs.Bool("add-units", false, "")
	addSections := fs.Bool("add-sections", false, "")
	sheet := fs.String("sheet", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	q, err := quarterFlag("import", *qs)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErr("import 需要至少一个文件，例如 starflag import --quarter 2023Q1 得分.csv（几个文件一起导入：依次写出各个文件）")
	}
	if *sheet != "" && !slices.ContainsFunc(pos, isWorkbook) {
		return usageErr("--sheet 只用于 .xlsx 文件（CSV 文件没有工作表）")
	}
	plan, err := office.ImportFiles(ctx, db, q, pos, office.ImportOptions{AddUnits: *addUnits, AddSections: *addSections, DryRun: *dry, Sheet: *sheet})
	if err != nil {
		return err
	}
	for _, n := range plan.Notes {
		fmt.Fprintln(w, n)
	}
	if *dry {
		printPlan(w, plan)
		fmt.Fprintln(w, "（试运行：没有写入任何数据）")
		return nil
	}
	files := ""
	if len(pos) > 1 {
		files = fmt.Sprintf("（%d 个文件）", len(pos))
	}
	fmt.Fprintf(w, "已导入 %s%s：%d 个数值", q, files, len(plan.Cells))
	if n := len(plan.NewSections) + len(plan.AddedSections); n > 0 {
		fmt.Fprintf(w, "，新建 %d 个板块", n)
	}
	if n := len(plan.NewUnits); n > 0 {
		fmt.Fprintf(w, "，新增 %d 个区市", n)
	}
	fmt.Fprintln(w, "。")
	return reportCompleteness(ctx, db, q, w)
}

func isWorkbook(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".xlsx" || ext == ".xlsm"
}

// reportCompleteness tells after an import whether the quarter is ready to publish.
func reportCompleteness(ctx context.Context, db *store.DB, q model.Quarter, w io.Writer) error {
	complete, missing, err := office.Missing(ctx, db, q)
	if err != nil {
		return err
	}
	if complete {
		fmt.Fprintf(w, "%s 的得分已齐全，可以导出排名。\n", q)
	} else {
		fmt.Fprintf(w, "%s 尚未完成：缺少 %d 项（%s）。\n", q, len(missing), model.MissingList(missing, 6))
	}
	return nil
}

func printPlan(w io.Writer, p model.ImportPlan) {
	for _, s := range append(p.NewSections, p.AddedSections...) {
		fmt.Fprintf(w, "新建板块：%s（权重 %s，满分 %s）\n", model.SafeText(s.Name), s.Weight, s.Max)
	}
	for _, u := range p.NewUnits {
		fmt.Fprintf(w, "新增区市：%s\n", model.SafeText(u.Name))
	}
	for _, c := range p.Cells {
		field := c.Section
		if field == "" {
			field = c.Item
		}
		old := "—"
		if c.Old != nil {
			old = c.Old.String()
		}
		fmt.Fprintf(w, "%s/%s：%s → %s\n", model.SafeText(c.Unit), model.SafeText(field), old, c.New)
	}
	fmt.Fprintf(w, "共 %d 处改动。\n", len(p.Cells))
}

// cmdExport writes an export to -o or to w; its notes go to stderr, so
// that w holds only the export.
func cmdExport(ctx context.Context, db *store.DB, args []string, w, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	year := fs.Int("year", 0, "")
	format := fs.String("format", "csv", "")
	out := fs.String("o", "", "")
	force := fs.Bool("force", false, "")
	dateFlag := fs.String("date", "", "")
	versionFlag := fs.String("version", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("export 需要一个类别：%s", orList(model.ExportKindNames()))
	}
	kind, known := model.ExportKindNamed(pos[0])
	if !known {
		return usageErr("未知的导出类别“%s”（可用：%s）", model.Clip(kind.Name), strings.Join(model.ExportKindNames(), "、"))
	}
	f, err := exchange.ParseFormat(model.Clip(*format)) // Clip: no valid format is long, the echo is short
	if err != nil {
		return usageErr("%s", userMessage(err))
	}
	if !flagSet(fs, "format") {
		if f, err = defaultFormat(kind, f, *out); err != nil {
			return err
		}
	}
	if err := checkExportFormat(kind, f, *out); err != nil {
		return err
	}
	var o model.DocOptions
	if flagSet(fs, "version") {
		if kind != model.ExportBulletin {
			return usageErr("--version 只用于 bulletin（通报稿的 文件 或 简报 版本）")
		}
		if o.Version, err = model.ParseVersion(*versionFlag); err != nil {
			return usageErr("%s", userMessage(err))
		}
	}
	// The bulletin is the quarter's with --quarter and the year's with
	// --year: given both, which one was meant is unclear.
	if kind == model.ExportBulletin && flagSet(fs, "year") && flagSet(fs, "quarter") {
		return usageErr("bulletin 的 --quarter 和 --year 只能写一个：季度通报用 --quarter 2023Q4，年度通报用 --year 2023")
	}
	toFile := *out != "" && *out != "-"
	if toFile {
		if err := exportTarget(db, *out, *force); err != nil {
			return err
		}
	}
	// A yearly kind's document covers the year of q; so does the bulletin
	// with --year and no --quarter (the annual bulletin).
	annual := kind == model.ExportBulletin && *year != 0 && *qs == ""
	q := model.Quarter{Year: *year, Q: 1}
	if kind.Yearly || annual {
		if *year < 1000 || *year > 9999 {
			return usageErr("export %s 需要 --year，例如 --year 2023", kind.Name)
		}
	} else {
		if q, err = quarterFlag("export "+kind.Name, *qs); err != nil {
			return err
		}
	}
	if o.Date, err = signingDate(*dateFlag, q, kind.Yearly || annual, time.Now()); err != nil {
		return err
	}
	var doc exchange.Document
	if annual {
		doc, err = office.YearBulletin(ctx, db, *year, o)
	} else {
		doc, err = office.DocumentWith(ctx, db, kind, q, o)
	}
	if err != nil {
		return err
	}
	data, err := exchange.Render(doc, f)
	if err != nil {
		return err
	}
	if toFile {
		err = writeFileAtomic(*out, data)
	} else {
		_, err = w.Write(data)
	}
	if err != nil {
		return err
	}
	if doc.Bulletin != nil && o.Date == "" {
		fmt.Fprintf(stderr, "通报稿的成文日期留空（%s），请在文档中填写，或用 --date 2023-12-31 指定。\n", model.DateBlank)
	}
	if toFile {
		fmt.Fprintf(stderr, "已导出到 %s\n", model.ClipPath(*out))
	}
	return nil
}

// flagSet reports whether the command line gave the flag name.
func flagSet(fs *flag.FlagSet, name string) (set bool) {
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// defaultFormat is the format of an export without --format: the one
// -o's extension names (排名.xlsx is a workbook, not CSV Excel refuses to
// open under that name); else csv for the kinds that have it, as always
// (no extension, .csv, or one naming no format: 排名.dat), and their first
// format for the bulletin and the kit. An extension naming a format the
// kind cannot be written as (kit -o 材料.xlsx, bulletin -o 通报.pdf,
// ranking -o 排名.docx) is refused: no reader opens what it would hold.
func defaultFormat(kind model.ExportKind, csv exchange.Format, out string) (exchange.Format, error) {
	fs := exchange.FormatsFor(kind)
	ext := filepath.Ext(out)
	f, err := exchange.ParseFormat(ext)
	switch {
	case err == nil && slices.Contains(fs, f):
		return f, nil
	case slices.Contains(fs, csv) && (ext == "" || err != nil):
		return csv, nil
	case ext == "":
		return fs[0], nil
	}
	return "", usageErr("%s不能写成 %s 文件，只能导出为 %s：请把 -o 的扩展名改为其中之一（例如 -o %s），或用 --format 指定",
		kind.Title, model.Clip(ext), orList(formatNames(fs)), model.ClipPath(strings.TrimSuffix(out, ext)+"."+string(fs[0])))
}

// exportTarget refuses, before anything is loaded, an -o that export must
// not write: anything but a regular file (a link, a folder, a pipe, a
// device), the open database by whatever path reaches it (./, a hard link)
// and its -wal/-shm/-journal files, any SQLite file (a backup), and, without
// --force, any existing file.
func exportTarget(db *store.DB, out string, force bool) error {
	fi, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // a missing folder is reported when writing
	case err != nil:
		return fmt.Errorf("无法写入 %s（%s），未做任何改动", model.ClipPath(out), model.FileReason(err))
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s %s，不是普通文件；导出只写普通文件，未做任何改动，请换一个文件名", model.ClipPath(out), model.FileKind(fi.Mode()))
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if other, err := os.Stat(db.Path() + suffix); err == nil && os.SameFile(fi, other) {
			return fmt.Errorf("%s 是正在使用的数据库（或它的日志文件），导出不会替换它，未做任何改动；请换一个文件名", model.ClipPath(out))
		}
	}
	if isSQLite(out) {
		return fmt.Errorf("%s 是一个数据库文件（可能是备份），导出不会替换它，未做任何改动；请换一个文件名", model.ClipPath(out))
	}
	if !force {
		return fmt.Errorf("%s 已存在，未做任何改动；要替换它请加 --force，或换一个文件名", model.ClipPath(out))
	}
	return nil
}

// isSQLite reports whether the regular file at p starts like a SQLite
// database.
func isSQLite(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "SQLite format 3\x00"
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// (exportTarget has vetted path), so a half-written export never replaces a
// good one nor appears under its name. Exports are documents to share: they
// get the mode the user's umask gives a new file (createShared).
func writeFileAtomic(path string, data []byte) error {
	tmp, err := createShared(filepath.Dir(path), ".starflag-export-")
	if err != nil {
		return writeError(path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return writeError(path, err)
	}
	return nil
}

// createShared is os.CreateTemp with the mode of a new document, 0666 less
// the user's umask, as an editor saves one (os.CreateTemp makes 0600, which
// a colleague on the same share cannot open). The database and backups stay
// 0600: store creates them.
func createShared(dir, prefix string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, prefix+"*"), Err: fs.ErrExist}
}

// writeError says why an export could not be written, naming the file the
// user asked for (never the temporary one).
func writeError(path string, err error) error {
	return fmt.Errorf("无法写入 %s（%s），没有导出；请检查文件夹是否存在、可写，磁盘是否已满", model.ClipPath(path), model.FileReason(err))
}

func cmdLock(ctx context.Context, db *store.DB, cmd string, args []string, w io.Writer) error {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("%s 不需要参数“%s”", cmd, model.Clip(pos[0]))
	}
	q, err := quarterFlag(cmd, *qs)
	if err != nil {
		return err
	}
	if cmd == "unlock" {
		if err := db.Unlock(ctx, q, "cli"); err != nil {
			return err
		}
		fmt.Fprintf(w, "%s 已解除定稿，可以修改。\n", q)
		return nil
	}
	infos, err := db.ListQuarters(ctx)
	if err != nil {
		return err
	}
	was := slices.ContainsFunc(infos, func(i store.QuarterInfo) bool { return i.Quarter == q && i.Locked })
	backup, err := db.Lock(ctx, q, "cli")
	if err != nil {
		return err
	}
	if was {
		fmt.Fprintf(w, "%s 已经定稿，未做改动；已另外备份到 %s\n", q, model.ClipPath(backup))
	} else {
		fmt.Fprintf(w, "%s 已定稿。备份：%s\n", q, model.ClipPath(backup))
	}
	return nil
}

func cmdBackup(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	out := fs.String("o", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("backup 不需要参数“%s”（目标文件用 -o）", model.Clip(pos[0]))
	}
	path, err := db.Backup(ctx, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "已备份到 %s\n", model.ClipPath(path))
	return nil
}

func cmdCheck(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	if len(args) > 0 {
		return usageErr("check 不需要参数")
	}
	r, err := db.Check(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "数据库：%s\n", model.ClipPath(db.Path()))
	if r.OK() {
		fmt.Fprintln(w, "完整性：ok")
	} else {
		fmt.Fprintf(w, "完整性：未通过（发现 %d 处问题）\n", r.Problems())
	}
	fmt.Fprintf(w, "结构版本：%d\n", r.SchemaVersion)
	fmt.Fprintf(w, "区市：%d  季度：%d  得分：%d\n", r.Units, r.Quarters, r.Scores)
	if len(r.Incomplete) == 0 {
		fmt.Fprintln(w, "未完成的季度：无")
	}
	for _, iq := range r.Incomplete {
		fmt.Fprintf(w, "未完成的季度：%s（缺 %d 项：%s）\n", iq.Quarter, len(iq.Missing), model.MissingList(iq.Missing, 6))
	}
	for _, iq := range r.Invalid {
		fmt.Fprintf(w, "无效的季度：%s（%d 个板块、%d 个得分）：季度只能在 %s 至 %s 之间，无法查看或修改；"+
			"可在看板里按 t 选择季度，选中它按 Delete 删除\n", model.SafeText(iq.Name), iq.Sections, iq.Scores, model.MinQuarter, model.MaxQuarter)
	}
	if r.LatestBackup == "" {
		fmt.Fprintln(w, "最近备份：无（可用 starflag backup 备份）")
	} else {
		fmt.Fprintf(w, "最近备份：%s（%s）\n", model.ClipPath(r.LatestBackup), r.LatestBackupAt.Format("2006-01-02 15:04"))
	}
	if !r.OK() {
		return &exitError{1, fmt.Sprintf("数据库 %s 完整性检查未通过（发现 %d 处问题），请从最近的备份恢复（见 README“恢复备份”）",
			model.ClipPath(db.Path()), r.Problems())}
	}
	return nil
}
