package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"starflag/exchange"
	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// The rulebook file on the command line: `starflag rules export|import|diff`
// and `starflag init --rules` (office/rulebook.go, exchange/rulebook.go).

// rulesCommands are the subcommands of `starflag rules`; without one it
// prints the quarter's rules in words (cmdRules).
var rulesCommands = map[string]func(context.Context, *store.DB, []string, io.Writer) error{
	"export": cmdRulesExport,
	"import": cmdRulesImport,
	"diff":   cmdRulesDiff,
}

// cmdRulesExport writes a quarter's rulebook file to -o or stdout.
func cmdRulesExport(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("rules export", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	out := fs.String("o", "", "")
	force := fs.Bool("force", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("rules export 用 -o 指定文件，多了“%s”", model.Clip(pos[0]))
	}
	q, err := quarterFlag("rules export", *qs)
	if err != nil {
		return err
	}
	toFile := *out != "" && *out != "-"
	if toFile {
		if err := exportTarget(db, *out, *force); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := office.ExportRulebook(ctx, db, q, &b); err != nil {
		return err
	}
	if !toFile {
		_, err := w.Write(b.Bytes())
		return err
	}
	if err := writeFileAtomic(*out, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(w, "已导出 %s 的考核办法到 %s（导入：starflag rules import --quarter 季度 %s）\n", q, model.ClipPath(*out), model.ClipPath(*out))
	return nil
}

// cmdRulesImport checks a rulebook file whole, lists what it changes and
// makes it the quarter's rulebook (not with --dry-run).
func cmdRulesImport(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("rules import", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	dry := fs.Bool("dry-run", false, "")
	addUnits := fs.Bool("add-units", false, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	q, err := quarterFlag("rules import", *qs)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("rules import 需要一个规则文件，例如 starflag rules import --quarter 2024Q1 考核办法.toml")
	}
	changes, err := office.ImportRulebook(ctx, db, q, pos[0], office.RulebookOptions{AddUnits: *addUnits, DryRun: *dry})
	if err != nil {
		return err
	}
	printChanges(w, changes, q.String()+" 的考核办法与文件相同")
	if *dry {
		fmt.Fprintln(w, "（试运行：没有写入任何数据）")
		return nil
	}
	fmt.Fprintf(w, "已导入 %s 的考核办法（%d 处改动）。\n", q, len(changes))
	return nil
}

// cmdRulesDiff lists in words how two rulebooks differ: --quarter A
// --quarter B (what B changes from A), or --file F --quarter Q (what the
// file changes from Q: what importing it would do).
func cmdRulesDiff(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("rules diff", flag.ContinueOnError)
	var quarters quarterList
	fs.Var(&quarters, "quarter", "")
	file := fs.String("file", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("rules diff 多了“%s”", model.Clip(pos[0]))
	}
	var a, b office.RulebookSource
	switch {
	case *file == "" && len(quarters) == 2:
		a.Quarter, b.Quarter = quarters[0], quarters[1]
	case *file != "" && len(quarters) == 1:
		a.Quarter, b.File = quarters[0], *file
	default:
		return usageErr("rules diff 需要两个季度（--quarter 2023Q2 --quarter 2023Q3），或一个文件和一个季度（--file 考核办法.toml --quarter 2023Q3）")
	}
	changes, err := office.DiffRulebooks(ctx, db, a, b)
	if err != nil {
		return err
	}
	printChanges(w, changes, "两者的考核办法相同")
	return nil
}

func printChanges(w io.Writer, changes []string, same string) {
	if len(changes) == 0 {
		fmt.Fprintln(w, same+"，没有不同。")
		return
	}
	for _, c := range changes {
		fmt.Fprintln(w, model.SafeText(c))
	}
}

// quarterList is a repeatable --quarter.
type quarterList []model.Quarter

func (l *quarterList) String() string { return fmt.Sprint(*l) }

func (l *quarterList) Set(s string) error {
	q, err := model.ParseQuarter(s)
	if err != nil {
		return errors.New(userMessage(err))
	}
	*l = append(*l, q)
	return nil
}

// cmdInit creates a new database from a rulebook file: its units, the
// quarter's sections, items and rules (--quarter, else the quarter the
// file was exported from). An existing database is never touched, and a
// file with any problem creates nothing.
func cmdInit(ctx context.Context, g globals, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	file := fs.String("rules", "", "")
	qs := fs.String("quarter", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *file == "" || len(pos) > 0 {
		return usageErr("init 需要 --rules 规则文件，例如 starflag --db 新.db init --rules 考核办法.toml")
	}
	if g.demo {
		return usageErr("init 新建数据库，不能和 --demo 同时使用")
	}
	rb, err := exchange.ReadRulebookFile(*file)
	if err != nil {
		return err
	}
	q := rb.Quarter
	if *qs != "" {
		if q, err = model.ParseQuarter(*qs); err != nil {
			return usageErr("%s", userMessage(err))
		}
	}
	if q.IsZero() {
		return usageErr("规则文件没有写季度（quarter），请用 --quarter 指定，例如 --quarter 2024Q1")
	}
	rb.Rules = rb.Rules.CarriedInto(q) // a file of another year's 办法
	if len(rb.Units) == 0 {
		return fmt.Errorf("规则文件 %s 没有列出区市（[[units]]），不能用它新建数据库；未做任何改动", model.ClipPath(*file))
	}
	path, err := dbPath(g)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s 已存在，init 只新建数据库，未做任何改动；已有的数据库请用 starflag rules import", model.ClipPath(path))
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	err = db.ApplyRulebook(ctx, q, rb, store.RulebookOptions{AddUnits: true, File: model.ClipPath(*file)}, store.SourceImport(*file))
	db.Close()
	if err != nil {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
		return err
	}
	fmt.Fprintf(w, "已新建数据库 %s：%d 个区市，%s 的考核办法取自 %s。\n", model.ClipPath(path), len(rb.Units), q, model.ClipPath(*file))
	return nil
}
