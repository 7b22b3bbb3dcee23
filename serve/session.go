package serve

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
	"starflag/office"
	"starflag/store"
	"starflag/ui"
)

// sessionKey carries what the guard admitted to the program handler.
type sessionKey struct{}

type admitted struct {
	s    *session
	opts ui.Options
}

// guard admits a session before its dashboard starts: a known key (the
// authentication already checked it), a terminal, valid dashboard options
// on the command line, and room under the limits; anything else is
// refused with a sentence. After the dashboard ends it says why, when the
// server ended it (idle, shutdown).
func (srv *server) guard(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		k, ok := srv.cfg.Keys.Find(sess.PublicKey())
		if !ok {
			refuse(sess, "这个密钥不在密钥文件里")
			return
		}
		who := k.Name + "（" + roleWords[k.Role] + "）"
		if _, _, pty := sess.Pty(); !pty {
			refuse(sess, "starflag 看板需要终端：请用 ssh -t -p 端口 主机名")
			srv.logf("拒绝会话 %s %s：没有终端", who, sess.RemoteAddr())
			return
		}
		opts, err := sessionOptions(sess.Command())
		if err != nil {
			refuse(sess, err.Error())
			return
		}
		s, why := srv.hub.admit(k, srv.cfg.MaxSessions, srv.cfg.MaxPerKey)
		if s == nil {
			refuse(sess, why)
			srv.logf("拒绝会话 %s %s：%s", who, sess.RemoteAddr(), why)
			return
		}
		defer srv.hub.leave(s)
		sess.Context().SetValue(sessionKey{}, admitted{s, opts})
		srv.logf("会话开始 %s %s", who, sess.RemoteAddr())
		next(sess) // the dashboard, until it ends
		if why := s.why(); why != "" {
			fmt.Fprint(sess, "\n"+why+"\n")
		}
		srv.logf("会话结束 %s %s %s", who, sess.RemoteAddr(), s.why())
		sess.Exit(0)
	}
}

// refuse tells the client why and ends the session with status 1.
func refuse(sess ssh.Session, why string) {
	fmt.Fprint(sess.Stderr(), "starflag："+why+"\r\n")
	sess.Exit(1)
}

// program is the session's dashboard: the real ui.App on its own store
// session, with the key's access, its terminal's size and colours, its
// input guarded and its frames throttled.
func (srv *server) program(sess ssh.Session) *tea.Program {
	a, ok := sess.Context().Value(sessionKey{}).(admitted)
	if !ok {
		return nil
	}
	s, o := a.s, a.opts
	k := s.key
	pty, _, _ := sess.Pty()
	o.Profile = colorprofile.Env(append(sess.Environ(), "TERM="+pty.Term))
	o.Access, o.Reporters, o.PollInterval = k.Access(), srv.cfg.Keys.Reporters(), srv.cfg.Poll
	d := data{Data: office.Data{DB: srv.db.As(store.Source(k.Source()))}, hub: srv.hub, s: s}
	in := newInputGuard(sess, func() { s.end(floodMessage) })
	w, h := clampSize(pty.Window.Width, pty.Window.Height)
	opts := append(bm.MakeOptions(sess), tea.WithInput(in), tea.WithWindowSize(w, h),
		tea.WithColorProfile(o.Profile), tea.WithFilter(filter), tea.WithoutSignalHandler())
	p := tea.NewProgram(&frames{inner: ui.New(d, o)}, opts...)
	srv.hub.start(s, p)
	go srv.watchIdle(s, in)
	return p
}

// watchIdle ends s after cfg.Idle without input.
func (srv *server) watchIdle(s *session, in *inputGuard) {
	t := time.NewTicker(min(max(srv.cfg.Idle/4, 10*time.Millisecond), time.Minute))
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			if in.idle() >= srv.cfg.Idle {
				s.end("空闲超过 " + durationWords(srv.cfg.Idle) + "，会话已关闭；已保存的数据不受影响，重新连接即可继续")
				return
			}
		}
	}
}

// durationWords says a duration as people do: 8 小时, 30 分钟, 2 秒.
func durationWords(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return fmt.Sprintf("%d 小时", d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%d 分钟", d/time.Minute)
	case d >= time.Second:
		return fmt.Sprintf("%g 秒", d.Seconds())
	}
	return d.String()
}

// The largest window a session is drawn for: beyond it the dashboard draws
// in the top-left 320×120 cells, so that a client claiming a huge window
// cannot make the server draw and hold millions of cells.
const maxWidth, maxHeight = 320, 120

func clampSize(w, h int) (int, int) {
	return min(max(w, 0), maxWidth), min(max(h, 0), maxHeight)
}

// filter clamps window sizes, and keeps a suspend from stopping the
// server's process (what bm.MakeOptions's filter did).
func filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = clampSize(m.Width, m.Height)
		return m
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}

// sessionOptions reads the dashboard options a client may give as its
// command (ssh -t -p 2222 host present --theme light): the same as the
// local dashboard's.
func sessionOptions(args []string) (ui.Options, error) {
	var o ui.Options
	fs := flag.NewFlagSet("starflag", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	qs := fs.String("quarter", "", "")
	theme := fs.String("theme", ui.ThemeProjector, "")
	glyphs := fs.String("glyphs", ui.GlyphsDefault, "")
	ascii := fs.Bool("ascii", false, "")
	interval := fs.Duration("interval", 0, "")
	if len(args) > 0 && args[0] == "present" {
		o.Present, args = true, args[1:]
	}
	usage := errors.New("看板选项只能是 present、--quarter 季度、--theme projector|light、--glyphs default|fancy|ascii、--ascii、--interval 20s，例如 ssh -t -p 2222 主机名 present --theme light")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return o, usage
	}
	o.Theme, o.Glyphs, o.Interval = *theme, *glyphs, *interval
	if *ascii {
		o.Glyphs = ui.GlyphsASCII
	}
	switch {
	case o.Theme != ui.ThemeProjector && o.Theme != ui.ThemeLight,
		o.Glyphs != ui.GlyphsDefault && o.Glyphs != ui.GlyphsFancy && o.Glyphs != ui.GlyphsASCII,
		o.Interval < 0 || (o.Interval > 0 && o.Interval < time.Second):
		return o, usage
	}
	if *qs != "" {
		q, err := model.ParseQuarter(model.Clip(*qs))
		if err != nil {
			return o, errors.New(model.SafeText(err.Error()))
		}
		o.Quarter = q
	}
	return o, nil
}

// Input limits: a person types a few keys a second and pastes at most
// model.MaxPaste at once. Input beyond inputRate is read later (the client
// waits, nothing is lost); a session that keeps sending beyond it for
// floodFor (garbage, a paste of megabytes) is closed, so that it cannot
// take the server's time or memory from the others.
const (
	inputRate  = 64 << 10 // bytes per second
	inputBurst = 2 * model.MaxPaste
	floodFor   = 5 * time.Second
)

const floodMessage = "输入过多过快（例如一次粘贴了几兆字节），会话已关闭；一次最多粘贴 256 KB，已保存的数据不受影响"

// inputGuard reads a session's input through a token bucket of bytes.
type inputGuard struct {
	r       io.Reader
	flood   func()
	last    atomic.Int64 // unix nanoseconds of the last input
	mu      sync.Mutex
	tokens  float64
	at      time.Time
	behind  time.Duration // time spent waiting in the current flood
	flooded bool
}

func newInputGuard(r io.Reader, flood func()) *inputGuard {
	g := &inputGuard{r: r, flood: flood, tokens: inputBurst, at: time.Now()}
	g.last.Store(time.Now().UnixNano())
	return g
}

// idle is how long since the last input.
func (g *inputGuard) idle() time.Duration { return time.Since(time.Unix(0, g.last.Load())) }

func (g *inputGuard) Read(p []byte) (int, error) {
	if len(p) > inputBurst {
		p = p[:inputBurst]
	}
	n, err := g.r.Read(p)
	if n == 0 {
		return n, err
	}
	now := time.Now()
	g.last.Store(now.UnixNano())
	g.mu.Lock()
	g.tokens = min(g.tokens+now.Sub(g.at).Seconds()*inputRate, inputBurst) - float64(n)
	g.at = now
	var wait time.Duration
	if g.tokens < 0 {
		wait = time.Duration(-g.tokens / inputRate * float64(time.Second))
		g.behind += wait
	} else {
		g.behind = 0
	}
	flood := g.behind > floodFor && !g.flooded
	g.flooded = g.flooded || flood
	g.mu.Unlock()
	if flood {
		g.flood()
		return 0, io.EOF
	}
	time.Sleep(wait)
	return n, err
}

// frames wraps the dashboard so that it is drawn at most once a frame
// (1/60 s): the renderer shows no more than that, and a client sending a
// flood of keys must not cost a drawing each. Between changes the frame
// is the one drawn before.
type frames struct {
	inner   tea.Model
	frame   tea.View
	at      time.Time
	dirty   bool
	pending bool // a redraw is scheduled
}

type redrawMsg struct{}

const frameTime = time.Second / 60

func (f *frames) Init() tea.Cmd { f.dirty = true; return f.inner.Init() }

func (f *frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(redrawMsg); ok {
		f.pending = false
		return f, nil
	}
	var cmd tea.Cmd
	f.inner, cmd = f.inner.Update(msg)
	f.dirty = true
	if since := time.Since(f.at); since < frameTime && !f.pending {
		f.pending = true
		cmd = tea.Batch(cmd, tea.Tick(frameTime-since, func(time.Time) tea.Msg { return redrawMsg{} }))
	}
	return f, cmd
}

func (f *frames) View() tea.View {
	if f.dirty && time.Since(f.at) >= frameTime {
		f.frame, f.at, f.dirty = f.inner.View(), time.Now(), false
	}
	return f.frame
}
