package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"starflag/model"
	"starflag/store"
)

// Config is what starflag serve is told on its command line.
type Config struct {
	Listen  string // host:port; DefaultListen when empty
	Keys    *Keys
	HostKey string // the host key file: created on first start (0600), then reused
	// Idle closes a session without input for this long; 0 means DefaultIdle.
	Idle time.Duration
	// MaxSessions and MaxPerKey limit the live sessions in total and per
	// key; 0 means the defaults.
	MaxSessions, MaxPerKey int
	// Poll is how often each dashboard looks for other processes' commits
	// (data_version); 0 means the dashboard's default, a second. Saves in
	// this server need no polling: they are broadcast.
	Poll time.Duration
	// Log receives one line per start, session and refusal.
	Log io.Writer
	// Ready, when set, is called with the listening address once the
	// server accepts connections (tests listen on port 0).
	Ready func(addr net.Addr)
}

// The defaults of Config.
const (
	DefaultListen      = "127.0.0.1:2222"
	DefaultIdle        = 8 * time.Hour
	DefaultMaxSessions = 100
	DefaultMaxPerKey   = 10
)

// HostKeyPath is where the host key lives: beside the database, named
// after it (starflag.db → starflag-ssh-host-key).
func HostKeyPath(dbPath string) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return filepath.Join(filepath.Dir(dbPath), base+"-ssh-host-key")
}

// Run serves the dashboard over SSH on db until ctx ends (SIGINT,
// SIGTERM), then closes every session with a message and returns nil.
func Run(ctx context.Context, db *store.DB, cfg Config) error {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.Idle <= 0 {
		cfg.Idle = DefaultIdle
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.MaxPerKey <= 0 {
		cfg.MaxPerKey = DefaultMaxPerKey
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if os.Getenv("GOGC") == "" {
		// Each session holds its terminal's cells (about 2 MB at 160×45);
		// collecting at half the live heap rather than all of it keeps 50
		// sessions well under 200 MB for about 1% more CPU.
		debug.SetGCPercent(50)
	}
	hostKey, err := loadHostKey(cfg.HostKey)
	if err != nil {
		return err
	}
	srv := &server{db: db, cfg: cfg, hub: newHub()}
	s, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		wish.WithHostKeyPEM(hostKey),
		wish.WithVersion("starflag"),
		// Public keys only: no password, no keyboard-interactive.
		wish.WithPublicKeyAuth(func(_ ssh.Context, pk ssh.PublicKey) bool {
			_, ok := cfg.Keys.Find(pk)
			return ok
		}),
		// Middlewares run last to first: the guard admits the session,
		// then the bubbletea middleware runs its dashboard.
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(srv.program), srv.guard),
		func(s *ssh.Server) error {
			s.HandshakeTimeout = 30 * time.Second
			s.ConnCallback = srv.limitConns
			s.ConnectionFailedCallback = func(c net.Conn, err error) {
				srv.logf("拒绝连接 %s：%s", c.RemoteAddr(), refusedWhy(err))
			}
			return nil
		},
	)
	if err != nil {
		return fmt.Errorf("无法启动 SSH 服务：%w", err)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return model.Errorf(model.ErrInvalid, "无法在 %s 上监听（%s）：地址写错了、端口被占用，或需要管理员权限", model.Clip(cfg.Listen), listenReason(err)).Because(err)
	}
	srv.announce(ln.Addr())
	if cfg.Ready != nil {
		cfg.Ready(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("SSH 服务意外停止：%w", err)
	case <-ctx.Done():
	}
	// Stop: no new connections, every session told and closed, then the
	// connections themselves; nothing saved is lost (each save committed).
	ln.Close()
	srv.hub.closeAll("服务器正在停止（starflag serve 已结束），会话已关闭；已保存的数据不受影响")
	done := make(chan struct{})
	go func() {
		for srv.hub.count() > 0 {
			time.Sleep(10 * time.Millisecond)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // a client that stopped reading
	}
	s.Close()
	srv.logf("已停止")
	return nil
}

// server is one running starflag serve.
type server struct {
	db    *store.DB
	cfg   Config
	hub   *hub
	conns atomic.Int64 // open TCP connections, authenticated or not
}

func (srv *server) logf(format string, args ...any) {
	fmt.Fprintf(srv.cfg.Log, time.Now().Format("2006-01-02 15:04:05")+" "+format+"\n", args...)
}

// announce says where the server listens, and which keys may enter when
// that is beyond this computer.
func (srv *server) announce(addr net.Addr) {
	srv.logf("starflag serve 正在 %s 上提供看板（数据库 %s）；客户端：ssh -p %s 主机名", addr, model.ClipPath(srv.db.Path()), port(addr))
	if loopback(srv.cfg.Listen) {
		srv.logf("只接受本机连接；要让其他电脑连接，用 --listen 0.0.0.0:%s，并在防火墙放行该端口", port(addr))
		return
	}
	srv.logf("其他电脑可以连接。可以进入的密钥（%d 个）：", len(srv.cfg.Keys.List()))
	for _, k := range srv.cfg.Keys.List() {
		srv.logf("  %s", k)
	}
}

// limitConns refuses connections beyond twice the session limit: a flood
// of connections that never authenticate must not starve the others.
func (srv *server) limitConns(ctx ssh.Context, c net.Conn) net.Conn {
	if srv.conns.Add(1) > int64(2*srv.cfg.MaxSessions) {
		srv.conns.Add(-1)
		srv.logf("拒绝连接 %s：连接太多", c.RemoteAddr())
		return nil
	}
	go func() {
		<-ctx.Done()
		srv.conns.Add(-1)
	}()
	return c
}

// loopback reports whether a listen address is this computer's only.
func loopback(listen string) bool {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func port(addr net.Addr) string {
	if a, ok := addr.(*net.TCPAddr); ok {
		return strconv.Itoa(a.Port)
	}
	return "2222"
}

// refusedWhy says why a connection failed before its session, in a word.
func refusedWhy(err error) string {
	switch {
	case strings.Contains(err.Error(), "no auth passed yet"), strings.Contains(err.Error(), "permission denied"):
		return "密钥不在密钥文件里"
	case errors.Is(err, io.EOF):
		return "客户端断开"
	}
	return "握手失败"
}

// listenReason is why listening failed, in words.
func listenReason(err error) string {
	var oe *net.OpError
	switch {
	case errors.As(err, &oe) && oe.Op == "listen" && strings.Contains(err.Error(), "in use"):
		return "端口已被占用"
	case strings.Contains(err.Error(), "permission denied"):
		return "没有权限"
	case strings.Contains(err.Error(), "missing port"), strings.Contains(err.Error(), "no such host"), strings.Contains(err.Error(), "cannot assign"):
		return "地址无效"
	}
	return "网络错误"
}

// loadHostKey reads the host key, or creates it (ed25519, 0600) on first
// start: clients remember it, so it must stay the same across restarts.
func loadHostKey(path string) ([]byte, error) {
	show := model.ClipPath(path)
	b, err := os.ReadFile(path)
	if err == nil {
		if fi, err := os.Stat(path); err == nil && runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
			return nil, model.Errorf(model.ErrInvalid, "主机密钥文件 %s 其他用户也能读取（权限 %o），服务没有启动；请改为只有本用户可读：chmod 600 %s", show, fi.Mode().Perm(), show)
		}
		if _, err := gossh.ParsePrivateKey(b); err != nil {
			return nil, model.Errorf(model.ErrInvalid, "主机密钥文件 %s 读不出来（不是 OpenSSH 私钥），服务没有启动；删除它，下次启动会新建一个（客户端会提示主机密钥已变）", show)
		}
		return b, nil
	}
	if !os.IsNotExist(err) {
		return nil, model.Errorf(model.ErrInvalid, "无法读取主机密钥文件 %s（%s）", show, model.FileReason(err))
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "starflag serve host key")
	if err != nil {
		return nil, err
	}
	b = pem.EncodeToMemory(block)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, model.Errorf(model.ErrInvalid, "无法创建主机密钥文件 %s（%s）", show, model.FileReason(err))
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, model.Errorf(model.ErrInvalid, "无法写入主机密钥文件 %s（%s）", show, model.FileReason(err))
	}
	return b, nil
}
