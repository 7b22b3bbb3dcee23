package serve

import (
	"context"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"starflag/model"
)

// The roles of the tests' keys files.
var allRoles = []string{"viewer 投影电脑", "reporter:经济运行,项目签约落地 市发改委", "editor 秘书处", "admin 管理员"}

// TestEachRoleOverSSH: real SSH sessions on loopback, one per role. A
// viewer looks and presents but may not enter or set up; a reporter types
// only its sections (another cell says why, a paste reaching another
// section is refused whole naming the cells); an editor types anywhere but
// may not set up; an admin opens setup. Every save is audited with the
// key's name and role, and the audit screen says so.
func TestEachRoleOverSSH(t *testing.T) {
	ts := startServer(t, nil, allRoles...)

	v := ts.connect(t, "投影电脑", 120, 35)
	v.waitFor("viewer's dashboard", "综合排名", "投影电脑（查看）")
	v.send("e")
	v.waitFor("viewer's e", "没有权限：投影电脑（查看）只能查看，不能录入")
	v.send("s")
	v.waitFor("viewer's s", "设置需要管理权限，投影电脑（查看）没有")
	v.send("p")
	v.waitFor("viewer's presentation", "放映")

	r := ts.connect(t, "市发改委", 120, 35)
	r.waitFor("reporter's dashboard", "市发改委（填报）")
	r.send("e")
	r.waitFor("reporter's entry", "录入 2023Q4", "市南区/经济运行（0–100.00）")
	r.send("\x1b[C\x1b[C") // right, right: 城市更新建设
	r.waitFor("reporter on another section", "市南区/城市更新建设：只读（市发改委（填报）只能录入 经济运行、项目签约落地 的得分，城市更新建设 只读）")
	r.send("5")
	r.waitFor("reporter typing into another section", "没有权限：市发改委（填报）只能录入")
	r.send("\x1b[D") // left: 项目签约落地, its own; the block reaches 城市更新建设
	r.paste("61\t62\r\n63\t64")
	r.waitFor("reporter's paste into another section", "粘贴被拒绝，没有保存任何数值", "涉及其他板块的格：市南区/城市更新建设、市北区/城市更新建设")
	r.send("\x1b[D") // 经济运行
	r.send("55.5\r")
	r.waitFor("reporter's save", "已保存 市南区/经济运行 55.50")

	e := ts.connect(t, "秘书处", 120, 35)
	e.waitFor("editor's dashboard", "秘书处（录入）")
	e.send("s")
	e.waitFor("editor's s", "设置需要管理权限，秘书处（录入）没有")
	e.send("e")
	e.waitFor("editor's entry", "录入 2023Q4")
	e.send("\x1b[C\x1b[C\x1b[C") // 优化营商环境
	e.send("66\r")
	e.waitFor("editor's save", "已保存 市南区/优化营商环境 66.00")

	a := ts.connect(t, "管理员", 120, 35)
	a.waitFor("admin's dashboard", "管理员（管理）")
	a.send("s")
	a.waitFor("admin's setup", "区市", "板块")

	v.send("\x1b") // leave presentation
	v.waitFor("back on the board", "1 综合排名")
	v.send("a")
	v.waitFor("the audit log", "修改记录 2023Q4", "秘书处（录入）", "优化营商环境", "66.00", "市发改委（填报）", "55.50")
	es, err := ts.db.ListQuarterAudit(context.Background(), model.MustQuarter("2023Q4"), 2)
	if err != nil || len(es) != 2 || es[0].Source != "ssh:秘书处:editor" || es[1].Source != "ssh:市发改委:reporter" {
		t.Fatalf("audit rows: %+v, %v; want the editor's and the reporter's saves with name and role", es, err)
	}
}

// TestTwoSessionsSeeEachOthersSaves: a save in one session reaches the
// other at once by the server's broadcast (polling is an hour here), and
// the other's undo does not reach it.
func TestTwoSessionsSeeEachOthersSaves(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Poll = time.Hour }, "editor 秘书处", "editor 统计科")
	a := ts.connect(t, "秘书处", 160, 45)
	b := ts.connect(t, "统计科", 160, 45)
	a.waitFor("a's dashboard", "综合排名")
	b.waitFor("b's dashboard", "综合排名")
	a.send("e")
	b.send("e")
	a.waitFor("a in entry", "录入 2023Q4")
	b.waitFor("b in entry", "录入 2023Q4")
	a.send("12.34\r")
	b.waitFor("a's save on b's grid", "12.34")
	b.send("\x1b[B") // down: 市北区
	b.send("23.45\r")
	a.waitFor("b's save on a's grid", "23.45")
	b.send("\x1b") // b's ranking follows a's undo
	b.waitFor("b on the ranking", "综合排名")
	a.send("\x1a") // Ctrl+Z: a's own value only
	a.waitFor("a's undo", "已撤销")
	d, err := ts.db.QuarterData(context.Background(), model.MustQuarter("2023Q4"))
	if err != nil {
		t.Fatal(err)
	}
	units, secs := d.Units, d.Sections
	if v := d.Scores[model.ScoreKey{Unit: units[1].ID, Section: secs[0].ID}]; v.String() != "23.45" {
		t.Errorf("a's undo changed b's 市北区 to %s", v)
	}
	if v := d.Scores[model.ScoreKey{Unit: units[0].ID, Section: secs[0].ID}]; v.String() == "12.34" {
		t.Errorf("a's undo did not take back its own 市南区")
	}
}

// TestUnknownKeysAndPasswordsAreRefused: a key not in the keys file does
// not get in, and neither a password nor keyboard-interactive is offered.
func TestUnknownKeysAndPasswordsAreRefused(t *testing.T) {
	ts := startServer(t, nil, "admin 管理员")
	asked := false
	_, err := ts.dial(newSigner(t), gossh.Password("starflag"),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			asked = true
			return nil, nil
		}))
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unknown key: %v; want it refused", err)
	}
	if asked {
		t.Error("the server offered keyboard-interactive")
	}
	if !strings.Contains(err.Error(), "attempted methods [none publickey]") {
		t.Errorf("the server offered more than public keys: %v", err)
	}
	waitLog(t, ts, "拒绝连接", "密钥不在密钥文件里")
}

// waitLog waits until the server's log holds every text.
func waitLog(t *testing.T, ts *testServer, texts ...string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok := true
		for _, x := range texts {
			ok = ok && strings.Contains(ts.log.String(), x)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the log lacks %q:\n%s", texts, ts.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestHostKeyIsCreatedOnceAndReused: the first start creates the host key
// beside the database, readable by its owner only; the next start offers
// the same key, so clients see the same server.
func TestHostKeyIsCreatedOnceAndReused(t *testing.T) {
	ts := startServer(t, nil, "viewer 投影电脑")
	path := HostKeyPath(ts.db.Path())
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no host key beside the database: %v", err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %o, want 600", fi.Mode().Perm())
	}
	first := hostKeyOf(t, ts)
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	again := startServerOn(t, ts)
	if hostKeyOf(t, again) != first {
		t.Error("the restarted server offers another host key")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	again.stop()
	if runtime.GOOS != "windows" {
		if _, err := loadHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("a host key others may read: %v; want it refused", err)
		}
	}
}

// startServerOn starts another server on ts's database and keys.
func startServerOn(t *testing.T, ts *testServer) *testServer {
	t.Helper()
	n := &testServer{t: t, db: ts.db, cfg: ts.cfg, signers: ts.signers, log: &syncBuffer{}, done: make(chan error, 1)}
	ready := make(chan string, 1)
	n.cfg.Log = n.log
	n.cfg.Ready = func(a net.Addr) { ready <- a.String() }
	ctx, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	go func() { n.done <- Run(ctx, n.db, n.cfg) }()
	select {
	case n.addr = <-ready:
	case err := <-n.done:
		t.Fatalf("Run: %v", err)
	}
	t.Cleanup(func() { n.stop() })
	return n
}

// hostKeyOf is the host key the server shows a client.
func hostKeyOf(t *testing.T, ts *testServer) string {
	t.Helper()
	var seen string
	conn, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(newSigner(t))},
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
			seen = string(k.Marshal())
			return nil
		}})
	if err == nil {
		conn.Close()
	}
	if seen == "" {
		t.Fatalf("no host key seen: %v", err)
	}
	return seen
}

// TestShutdownClosesSessionsWithAMessage: stopping the server (SIGINT,
// SIGTERM) tells every session why and ends it; what was saved stays.
func TestShutdownClosesSessionsWithAMessage(t *testing.T) {
	ts := startServer(t, nil, "editor 秘书处", "viewer 投影电脑")
	a := ts.connect(t, "秘书处", 100, 30)
	b := ts.connect(t, "投影电脑", 100, 30)
	a.waitFor("a's dashboard", "综合排名")
	a.send("e")
	a.waitFor("entry", "录入 2023Q4")
	a.send("44.5\r")
	a.waitFor("saved", "已保存")
	b.waitFor("b's dashboard", "综合排名")
	if err := ts.stop(); err != nil {
		t.Fatalf("Run after a stop: %v; want nil", err)
	}
	for _, c := range []*client{a, b} {
		if _, said := c.wait(); !strings.Contains(said, "服务器正在停止（starflag serve 已结束），会话已关闭；已保存的数据不受影响") {
			t.Errorf("a session was closed without the message:\n%s", said)
		}
	}
	d, err := ts.db.QuarterData(context.Background(), model.MustQuarter("2023Q4"))
	if err != nil || d.Scores[model.ScoreKey{Unit: d.Units[0].ID, Section: d.Sections[0].ID}].String() != "44.50" {
		t.Errorf("the value saved before the stop is gone (%v)", err)
	}
}

// TestIdleSessionIsClosed: a session without input for the idle setting
// is closed with a sentence.
func TestIdleSessionIsClosed(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Idle = 300 * time.Millisecond }, "viewer 投影电脑")
	c := ts.connect(t, "投影电脑", 100, 30)
	c.waitFor("dashboard", "综合排名")
	if _, said := c.wait(); !strings.Contains(said, "空闲超过") {
		t.Errorf("the idle session ended without saying why:\n%s", said)
	}
}

// TestSessionLimitsRefuseWithAMessage: sessions beyond the per-key and the
// total limit are refused with a sentence; the admitted ones go on.
func TestSessionLimitsRefuseWithAMessage(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxPerKey, c.MaxSessions = 2, 3 }, "viewer 投影电脑", "viewer 会议室")
	a := ts.connect(t, "投影电脑", 80, 24)
	ts.connect(t, "投影电脑", 80, 24).waitFor("second", "综合排名")
	a.waitFor("first", "综合排名")
	third := ts.connect(t, "投影电脑", 80, 24)
	if err, said := third.wait(); err == nil || !strings.Contains(said, "投影电脑 的密钥已有 2 个会话，不能再开") {
		t.Errorf("a third session of one key: %v\n%s", err, said)
	}
	ts.connect(t, "会议室", 80, 24).waitFor("third in total", "综合排名")
	fourth := ts.connect(t, "会议室", 80, 24)
	if err, said := fourth.wait(); err == nil || !strings.Contains(said, "服务器上的会话已满（最多 3 个）") {
		t.Errorf("a fourth session: %v\n%s", err, said)
	}
	a.send("2")
	a.waitTitle("the first session still serves", "评星")
}

// TestNoTerminalIsRefused: a session without a terminal is told to use
// ssh -t.
func TestNoTerminalIsRefused(t *testing.T) {
	ts := startServer(t, nil, "viewer 投影电脑")
	conn, err := ts.dial(ts.signers["投影电脑"])
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("")
	if err == nil || !strings.Contains(string(out), "需要终端：请用 ssh -t") {
		t.Errorf("a session without a terminal: %v, %q", err, out)
	}
}

// TestAbusiveClientsDoNotDisturbTheOthers: one client resizes to 1×1 and
// 10000×10000, one pastes 10 MB, one sends garbage; another session keeps
// answering its keys meanwhile, and the flooding ones are closed with a
// sentence.
func TestAbusiveClientsDoNotDisturbTheOthers(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxPerKey = 10 }, "editor 秘书处", "viewer 投影电脑")
	good := ts.connect(t, "投影电脑", 100, 30)
	good.waitFor("the good session", "综合排名")

	resizer := ts.connect(t, "投影电脑", 100, 30)
	resizer.waitFor("resizer", "综合排名")
	resizer.resize(1, 1)
	resizer.resize(10000, 10000)
	resizer.resize(5000, 3)

	paster := ts.connect(t, "秘书处", 100, 30)
	paster.waitFor("paster's dashboard", "综合排名")
	paster.send("e")
	paster.waitFor("paster in entry", "录入 2023Q4")
	go paster.stdin.Write([]byte("\x1b[200~" + strings.Repeat("12.5\t", 2<<20) + "\x1b[201~"))

	garbage := ts.connect(t, "投影电脑", 100, 30)
	garbage.waitFor("garbage", "综合排名")
	go func() {
		// Escape sequences, digits and bytes that are never UTF-8: no key
		// that quits (q, ｑ, Ctrl+C), so only the server ends it.
		alphabet := []byte("\x1b[O;0123456789~\x80\x9f\xbf\xc0\xc1\xf5\xfe\xff")
		b := make([]byte, 64<<10)
		for i := range b {
			b[i] = alphabet[(i*7919+i/3)%len(alphabet)]
		}
		for range 40 {
			if _, err := garbage.stdin.Write(b); err != nil {
				return
			}
		}
	}()

	for i, page := range []string{"2", "1", "3", "1"} {
		start := time.Now()
		good.send(page)
		good.waitTitle("the good session meanwhile", []string{"评星", "综合排名", "夺旗", "综合排名"}[i])
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("page %s took %v on the good session while the others abused theirs", page, d)
		}
	}
	for _, c := range []*client{paster, garbage} {
		_, said := c.wait()
		if !strings.Contains(said, "输入过多过快") {
			t.Errorf("a flooding session ended without saying why:\n%s", said)
		}
	}
	resizer.send("2")
	resizer.resize(100, 30)
	resizer.waitTitle("the resizer still serves", "评星")
}

// TestNonLoopbackListenListsTheKeys: listening beyond this computer prints
// which keys may enter.
func TestNonLoopbackListenListsTheKeys(t *testing.T) {
	keys, err := ParseKeys(strings.NewReader("viewer 投影电脑 " + string(gossh.MarshalAuthorizedKey(newSigner(t).PublicKey()))))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		listen string
		lists  bool
	}{{"0.0.0.0:2222", true}, {"192.168.1.10:2222", true}, {"127.0.0.1:2222", false}, {"localhost:2222", false}, {"[::1]:2222", false}} {
		log := &syncBuffer{}
		srv := &server{db: demoDB(t, t.TempDir()), cfg: Config{Listen: tc.listen, Keys: keys, Log: log}}
		srv.announce(&net.TCPAddr{Port: 2222})
		if got := strings.Contains(log.String(), "可以进入的密钥（1 个）") && strings.Contains(log.String(), "viewer 投影电脑 SHA256:"); got != tc.lists {
			t.Errorf("--listen %s: keys listed %v, want %v:\n%s", tc.listen, got, tc.lists, log.String())
		}
		srv.db.Close()
	}
}

// TestDroppedSessionLosesNothingSaved: a client that drops mid-edit keeps
// every value the screen showed as saved, the half-typed one is not saved,
// and its session is let go (the limits count it no more).
func TestDroppedSessionLosesNothingSaved(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxPerKey = 1 }, "editor 秘书处")
	c := ts.connect(t, "秘书处", 100, 30)
	c.waitFor("dashboard", "综合排名")
	c.send("e")
	c.waitFor("entry", "录入 2023Q4")
	c.send("33.25\r")
	c.waitFor("saved", "已保存 市南区/经济运行 33.25")
	c.send("44.7")
	c.waitFor("typing", "44.7_")
	c.conn.Close() // the network drops
	waitLog(t, ts, "会话结束 秘书处（录入）")
	d, err := ts.db.QuarterData(context.Background(), model.MustQuarter("2023Q4"))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Scores[model.ScoreKey{Unit: d.Units[0].ID, Section: d.Sections[0].ID}].String(); got != "33.25" {
		t.Errorf("市南区 = %s after the drop, want the saved 33.25", got)
	}
	if got := d.Scores[model.ScoreKey{Unit: d.Units[1].ID, Section: d.Sections[0].ID}].String(); got == "44.70" {
		t.Error("the half-typed value was saved")
	}
	ts.connect(t, "秘书处", 100, 30).waitFor("the key's one session is free again", "综合排名")
}

// TestSessionOptionsFromTheCommand: a client may give the dashboard's
// options as its command (ssh -t -p 2222 host present --theme light); bad
// ones are refused with a sentence.
func TestSessionOptionsFromTheCommand(t *testing.T) {
	o, err := sessionOptions([]string{"present", "--theme", "light", "--ascii", "--quarter", "２０２３Q3", "--interval", "20s"})
	if err != nil || !o.Present || o.Theme != "light" || o.Glyphs != "ascii" || o.Quarter != model.MustQuarter("2023Q3") || o.Interval != 20*time.Second {
		t.Errorf("sessionOptions = %+v, %v", o, err)
	}
	ts := startServer(t, nil, "viewer 投影电脑")
	ts.connect(t, "投影电脑", 100, 30, "--quarter", "2023Q3").waitFor("--quarter", "摘星夺旗  2023Q3")
	for _, args := range [][]string{{"--theme", "dark"}, {"rm", "-rf"}, {"--interval", "1ms"}} {
		c := ts.connect(t, "投影电脑", 100, 30, args...)
		if err, said := c.wait(); err == nil || !strings.Contains(said, "看板选项只能是") {
			t.Errorf("command %q: %v\n%s", args, err, said)
		}
	}
}
