// Command starflag is the terminal dashboard and command line of the
// 摘星夺旗 quarterly assessment: it keeps the scores in one SQLite file,
// computes stars, flags, warnings and the seat order, and imports and
// exports the files the secretariat exchanges with Excel and WPS.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"starflag/model"
	"starflag/store"
)

const version = "0.1.0"

// usageText is printed by --help and on usage errors. The command line is a
// contract (DOMAIN.md): add, don't rename.
const usageText = `starflag —— “摘星夺旗”季度考核看板

用法：
  starflag [--db 文件] [--demo] [--quarter 季度]      打开看板
  starflag present [--quarter 季度] [--interval 20s]  放映模式（全屏大字，自动翻页）
  starflag import --quarter 季度 文件 [--dry-run] [--add-units] [--add-sections]
                                                    导入得分（.csv：UTF-8 或 GBK；.xlsx：第一个工作表）
        --add-units 新增文件里的区市；--add-sections 把文件里的新列加为该季度的板块
  starflag export 类别 --quarter 季度 [--format csv|xlsx|md|txt|html] [-o 文件]
        类别：ranking | stars | flags | seats | bulletin | template；year --year 2023
        xlsx 必须用 -o 指定文件；bulletin（通报稿）只有 md、txt、html，可加 --date 2023-12-31
  starflag commend --quarter 季度 --unit 区市 "表扬内容"  记录通报里的表扬（内容为空则删除）
  starflag lock|unlock --quarter 季度                 定稿 / 解除定稿
  starflag backup [-o 文件]                          备份数据库
  starflag check                                    检查数据库
  starflag demo --units 200 --years 20 -o 文件      生成大型演示数据库（只写新文件，用于试用和性能测试）
  starflag version                                  版本

全局选项（可写在子命令前后）：
  --db 文件     使用指定的数据库文件（也可用环境变量 STARFLAG_DB）
  --demo        使用演示数据（独立的临时数据库，不碰您的数据）

看板选项：--theme light（明亮的会议室）、--glyphs fancy（★ ▲ ▼）、--ascii（纯 ASCII）；
设置 NO_COLOR 时不用颜色，红旗和警示仍以文字标出。

季度写成 2023Q1（1000Q1 至 9999Q4）。看板默认打开最近一个得分齐全的季度（看板里按 t 选择季度）；
present 只放映得分齐全的季度，未完成的季度要用 --quarter 指定。
退出码：0 成功，1 被拒绝或失败（原因见错误输出），2 用法错误。
`

// exitError carries an exit status with the message for stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{2, fmt.Sprintf(format, args...) + "\n（用 starflag --help 查看用法）"}
}

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdout)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintln(stderr, "starflag：", model.SafeLines(ee.msg)) // may echo an argument
		return ee.code
	}
	fmt.Fprintln(stderr, "starflag：", userMessage(err))
	return 1
}

// userMessage strips the sentinel suffixes ("：invalid") that only code reads.
// Names in messages come from files and the database, so the message is made
// safe for a terminal (no escape sequences or control characters).
func userMessage(err error) string { return model.SafeLines(model.Sentence(err)) }

// globals are the options allowed before or after the subcommand.
type globals struct {
	db   string
	demo bool
	help bool
}

// splitGlobals takes --db/--demo/--help out of args wherever they stand.
func splitGlobals(args []string) (globals, []string, error) {
	var g globals
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return g, nil, usageErr("--db 后面要跟数据库文件名")
			}
			g.db = args[i+1]
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			g.db = a[strings.Index(a, "=")+1:]
		case a == "--demo" || a == "-demo":
			g.demo = true
		case a == "--help" || a == "-h" || a == "-help" || a == "help":
			g.help = true
		default:
			rest = append(rest, a)
		}
	}
	return g, rest, nil
}

func dispatch(ctx context.Context, args []string, stdout io.Writer) error {
	g, rest, err := splitGlobals(args)
	if err != nil {
		return err
	}
	if g.help {
		fmt.Fprint(stdout, usageText)
		return nil
	}
	cmd := ""
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		cmd, rest = rest[0], rest[1:]
	}
	if g.db != "" && g.demo {
		return usageErr("--db 和 --demo 不能同时使用")
	}
	switch cmd {
	case "version":
		return cmdVersion(stdout)
	case "demo":
		return cmdDemo(ctx, rest, stdout)
	case "", "present", "import", "export", "commend", "lock", "unlock", "backup", "check":
	default:
		return usageErr("未知命令“%s”", cmd)
	}
	db, cleanup, err := openDB(g, cmd == "export")
	if err != nil {
		return err
	}
	defer cleanup()
	switch cmd {
	case "", "present":
		return cmdDashboard(ctx, db, cmd == "present", rest)
	case "import":
		return cmdImport(ctx, db, rest, stdout)
	case "export":
		return cmdExport(ctx, db, rest, stdout)
	case "commend":
		return cmdCommend(ctx, db, rest, stdout)
	case "lock", "unlock":
		return cmdLock(ctx, db, cmd, rest, stdout)
	case "backup":
		return cmdBackup(ctx, db, rest, stdout)
	default:
		return cmdCheck(ctx, db, rest, stdout)
	}
}

// parseFlags parses flags that may stand before or after positional
// arguments (flag.Parse stops at the first positional one).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageErr("%s：%v", fs.Name(), translateFlagError(err))
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func translateFlagError(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "未知选项 " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "选项缺少值：" + strings.TrimPrefix(msg, "flag needs an argument: ")
	}
	return msg
}

// quarterFlag parses a required --quarter value.
func quarterFlag(cmd, s string) (model.Quarter, error) {
	if s == "" {
		return model.Quarter{}, usageErr("%s 需要 --quarter，例如 --quarter 2023Q1", cmd)
	}
	q, err := model.ParseQuarter(s)
	if err != nil {
		return q, usageErr("%s", userMessage(err))
	}
	return q, nil
}

// openDB opens the database the options name: --demo, --db, STARFLAG_DB,
// or the default one in the user's data folder. onlyReads skips the
// whole-file check of a sound, up-to-date database (see store.Options).
func openDB(g globals, onlyReads bool) (*store.DB, func(), error) {
	if g.demo {
		return openDemo()
	}
	path := g.db
	if path == "" {
		path = os.Getenv("STARFLAG_DB")
	}
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, nil, err
		}
		path = p
	}
	db, err := store.Open(path, store.Options{Seed: true, OnlyReads: onlyReads})
	if err != nil {
		return nil, nil, err
	}
	return db, func() { db.Close() }, nil
}

// openDemo builds the demo database in a fresh temporary folder, so a demo
// never touches the user's data and always starts from the same story.
func openDemo() (*store.DB, func(), error) {
	dir, err := os.MkdirTemp("", "starflag-demo-")
	if err != nil {
		return nil, nil, fmt.Errorf("无法创建演示数据库的临时文件夹：%v", err)
	}
	db, err := store.Open(dir+string(os.PathSeparator)+"demo.db", store.Options{})
	if err == nil {
		err = db.LoadDemo(context.Background(), model.Demo(demoSeed))
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("无法生成演示数据：%w", err)
	}
	return db, func() { db.Close(); os.RemoveAll(dir) }, nil
}

// demoSeed fixes the invented history, so demos and golden files agree.
const demoSeed = 1
