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
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"starflag/model"
	"starflag/store"
)

const version = "0.1.0"

// usageText is printed by --help and on usage errors. The command line is a
// contract other tools rely on: add, don't rename. The export kinds are
// model.ExportKinds.
var usageText = `starflag —— “摘星夺旗”季度考核看板

用法：
  starflag [--db 文件] [--demo] [--quarter 季度]      打开看板
  starflag present [--quarter 季度] [--interval 20s]  放映模式（全屏大字，自动翻页）
  starflag import --quarter 季度 文件 [--dry-run] [--add-units] [--add-sections]
                                                    导入得分（.csv：UTF-8 或 GBK；.xlsx：当前可见的工作表）
        --add-units 新增文件里的区市；--add-sections 把文件里的新列加为该季度的板块
        可一次写几个文件（各部门的表）：先全部检查，再一起写入；--sheet 名称 读 .xlsx 的指定工作表
  starflag export 类别 --quarter 季度 [--format csv|xlsx|md|txt|html|docx] [-o 文件 [--force]]
        类别：` + kindsUsage() + `
        xlsx、docx 必须用 -o 指定文件；不写 --format 时按 -o 的扩展名（.xlsx、.html、.md…），否则 csv
        ` + proseUsage() + `
        通报稿：--version 文件|简报；--date 2023-12-31 成文日期（不写时季度结束 90 天内用当天，否则留空待填）；
        bulletin --year 2023 为年度通报
        -o 不覆盖已有文件，加 --force 才替换（数据库和备份永远不会被替换）
  starflag commend --quarter 季度 --unit 区市 "表扬内容"  记录通报里的表扬（内容为空则删除）
  starflag veto --quarter 季度 --unit 区市 "原因"      一票否决：保留名次，不得红旗（原因为空则取消）
  starflag talk --quarter 季度 --unit 区市 [--date 2023-04-10] "备注"  记录约谈（--date "" 删除记录）
  starflag rules --quarter 季度                       用文字列出该季度的考核规则（与看板、通报用语一致）
  starflag rules export --quarter 季度 [-o 文件 [--force]]  导出该季度的整套考核办法（规则文件，TOML）
  starflag rules import --quarter 季度 文件 [--dry-run] [--add-units]
                                                    导入规则文件：先全部检查并列出改动，再一次写入
  starflag rules diff --quarter 甲 --quarter 乙       用文字列出两个季度考核办法的不同（或 --file 文件 --quarter 季度）
  starflag init --rules 文件 [--quarter 季度]         用规则文件新建数据库（区市、板块和规则都取自文件）
  starflag explain --quarter 季度 --unit 区市 [--format txt|md|csv]
                                                    区市卡片：综合得分构成、各板块名次与星级、红旗警示的依据
  starflag needed --quarter 季度 --unit 区市 [--format csv|md|txt]
                                                    最少加分：升星、夺旗、摆脱警示各需多少分（按板块和综合）
  starflag whatif --quarter 季度 --set 区市/板块=分数 [--set …] [--format csv|md|txt|html]
                                                    假设：按假设的得分重算排名（与 export ranking 同列），不保存
  starflag lock|unlock --quarter 季度                 定稿 / 解除定稿
  starflag backup [-o 文件]                          备份数据库
  starflag check                                    检查数据库
  starflag demo --units 200 --years 20 -o 文件      生成大型演示数据库（只写新文件，用于试用和性能测试）
  starflag serve [--listen 127.0.0.1:2222] [--keys 文件]
                                                    通过 SSH 向多台电脑提供看板（按密钥文件分角色）
        --idle 8h 空闲多久断开；--max-sessions 100 --max-per-key 10 会话上限
        密钥文件默认在数据库旁边（starflag-keys.txt），每行：角色 名称 公钥
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
	// SIGINT, SIGTERM and SIGHUP (the terminal window closed) end the run
	// through its context, so deferred clean-up runs: the demo database is
	// removed, a transaction is rolled back. A second signal kills at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-ctx.Done()
		stop()
	}()
	oneProcess = true
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// oneProcess is set by main: the run is the whole process, so it may tune
// the process (tests call run in theirs).
var oneProcess bool

// readingGCPercent is the GC percent of a command that only reads: it
// allocates a few MB and ends, and the default first collection (at a 4 MB
// heap) costs about 1.5 ms of a 12 ms export, the larger part of what
// BenchmarkExportProcessVersusSQLite3 lost when the rules grew. Its heap is
// bounded by the database, and peak RSS was unchanged (20 MB) in a 20-year,
// 200-unit export.
const readingGCPercent = 400

// run is main without the process: tests call it with their own arguments.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out := &outWriter{w: stdout}
	err := dispatch(ctx, args, out, stderr)
	if err == nil {
		err = out.err // a result that could not be written is no success
	}
	if errors.Is(err, errServeStopped) {
		return 0
	}
	if ctx.Err() != nil {
		err = errInterrupted
	}
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

// errInterrupted ends a run stopped by a signal.
var errInterrupted = errors.New("收到结束信号，已停止；未完成的改动没有保存")

// outWriter is stdout remembering its first failure (a full disk, a closed
// pipe), as a sentence: a command whose result was lost must not exit 0.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = fmt.Errorf("无法写出结果（%s），输出不完整", model.FileReason(err))
	}
	return n, o.err
}

// userMessage is err as the command line says it: its sentence, then its
// advice as a command to run (cliAdvice). Names in messages come from files
// and the database, so the message is made safe for a terminal (no escape
// sequences or control characters).
func userMessage(err error) string { return model.SafeLines(model.Explain(err, cliAdvice)) }

// cliAdvice words an error's advice on the command line: the command that
// does it. The dashboard words the same advice as keys.
func cliAdvice(a model.Advice, q model.Quarter) string {
	switch a {
	case model.UnlockToEdit:
		return "；如需修改，先用 starflag unlock --quarter " + q.String() + " 解锁"
	case model.UnlockToRepublish:
		return "；如确需修改，先解锁（starflag unlock --quarter " + q.String() + "）"
	case model.UnlockToImport:
		return "（先用 starflag unlock --quarter " + q.String() + " 解锁）"
	case model.CheckDatabase:
		return "；可用 starflag check 检查"
	case model.CheckAfterRoom:
		return "，仍不行再用 starflag check 检查"
	}
	return ""
}

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
			if i+1 >= len(args) || args[i+1] == "" {
				return g, nil, usageErr("--db 后面要跟数据库文件名")
			}
			g.db = args[i+1]
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			if g.db = a[strings.Index(a, "=")+1:]; g.db == "" {
				return g, nil, usageErr("--db 后面要跟数据库文件名") // not the default database by accident
			}
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

// dispatch runs the command args name. Its result goes to stdout; notes
// beside a result that is itself on stdout (export's 已导出到) go to
// stderr.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
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
	case "init":
		return cmdInit(ctx, g, rest, stdout)
	case "", "present", "import", "export", "commend", "veto", "talk", "rules", "explain", "needed", "whatif", "lock", "unlock", "backup", "check", "serve":
	default:
		return usageErr("未知命令“%s”", model.Clip(cmd))
	}
	if oneProcess && onlyReads[cmd] {
		debug.SetGCPercent(readingGCPercent)
	}
	db, cleanup, err := openDB(g, onlyReads[cmd])
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
		return cmdExport(ctx, db, rest, stdout, stderr)
	case "commend":
		return cmdCommend(ctx, db, rest, stdout)
	case "veto":
		return cmdVeto(ctx, db, rest, stdout)
	case "talk":
		return cmdTalk(ctx, db, rest, stdout)
	case "rules":
		return cmdRules(ctx, db, rest, stdout)
	case "explain":
		return cmdExplain(ctx, db, rest, stdout)
	case "needed":
		return cmdNeeded(ctx, db, rest, stdout)
	case "whatif":
		return cmdWhatIf(ctx, db, rest, stdout)
	case "lock", "unlock":
		return cmdLock(ctx, db, cmd, rest, stdout)
	case "backup":
		return cmdBackup(ctx, db, rest, stdout)
	case "serve":
		return cmdServe(ctx, db, rest, stdout)
	default:
		return cmdCheck(ctx, db, rest, stdout)
	}
}

// onlyReads are the commands that only read the database: they skip the
// whole-file check of a sound one (store.Options.OnlyReads).
var onlyReads = map[string]bool{"export": true, "explain": true, "needed": true, "whatif": true}

// parseFlags parses flags that may stand before or after positional
// arguments (flag.Parse stops at the first positional one).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if fs.Name() == "starflag" { // the dashboard: run already says starflag
				return nil, usageErr("%s", translateFlagError(fs, err))
			}
			return nil, usageErr("%s：%s", fs.Name(), translateFlagError(fs, err))
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// translateFlagError says in Chinese what the flag package found wrong. Its
// messages have kept their wording since Go 1 and name a flag with one
// dash; one not matched here still gets a sentence, never the English.
func translateFlagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "未知选项 " + flagName(name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return "选项 " + flagName(name) + " 缺少值"
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return "选项写法不对：“" + model.Clip(rest) + "”"
	}
	// invalid value "abc" for flag -interval: …, invalid boolean value "x" for -ascii: …
	rest, ok := strings.CutPrefix(msg, "invalid value ")
	if !ok {
		rest, ok = strings.CutPrefix(msg, "invalid boolean value ")
	}
	if q, err := strconv.QuotedPrefix(rest); ok && err == nil {
		value, _ := strconv.Unquote(q)
		name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(rest[len(q):], " for flag -"), " for -"), ":")
		return "选项 " + flagName(name) + " 的值“" + model.Clip(value) + "”无效" + flagHint(fs, name)
	}
	return "选项有误，请对照用法检查"
}

// flagName writes a flag as the usage text does: -o, --quarter.
func flagName(name string) string {
	name = model.Clip(name)
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// flagHint says what a flag's value should look like, from its type.
func flagHint(fs *flag.FlagSet, name string) string {
	f := fs.Lookup(name)
	if f == nil {
		return ""
	}
	switch f.Value.(flag.Getter).Get().(type) {
	case time.Duration:
		return "，应写成时长，例如 20s 或 1m"
	case bool:
		return "，只能是 true 或 false（或不写值）"
	case int, uint64:
		return "，应是整数"
	}
	return ""
}

// quarterFlag parses a required --quarter value.
func quarterFlag(cmd, s string) (model.Quarter, error) {
	if s == "" {
		return model.Quarter{}, usageErr("%s 需要 --quarter，例如 --quarter 2023Q1", cmd)
	}
	// Clip changes no valid quarter and shortens the echo of a long one.
	q, err := model.ParseQuarter(model.Clip(s))
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
	path, err := dbPath(g)
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(path, store.Options{Seed: true, OnlyReads: onlyReads})
	if err != nil {
		return nil, nil, err
	}
	return db, func() { db.Close() }, nil
}

// dbPath is the database file: --db, else STARFLAG_DB, else the default
// in the user's data folder.
func dbPath(g globals) (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	if p := os.Getenv("STARFLAG_DB"); p != "" {
		return p, nil
	}
	return store.DefaultPath()
}

// openDemo builds the demo database in a fresh temporary folder, so a demo
// never touches the user's data and always starts from the same story.
func openDemo() (*store.DB, func(), error) {
	dir, err := os.MkdirTemp("", "starflag-demo-")
	if err != nil {
		return nil, nil, fmt.Errorf("无法创建演示数据库的临时文件夹（%s），请检查临时文件夹（TMPDIR）是否可写、磁盘是否已满", model.FileReason(err))
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
