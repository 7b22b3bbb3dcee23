package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"starflag/model"
	"starflag/store"
)

// testServer is serve.Run on the demo database in a temporary folder,
// listening on a free loopback port, with one generated key per keys-file
// line.
type testServer struct {
	t       testing.TB
	addr    string
	db      *store.DB
	cfg     Config
	signers map[string]gossh.Signer // by the key's name
	log     *syncBuffer
	cancel  context.CancelFunc
	done    chan error
}

// syncBuffer is a bytes.Buffer safe for the server's log and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newSigner is a fresh ed25519 key.
func newSigner(t testing.TB) gossh.Signer {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// demoDB is the demo history (2023Q4 open for edits) in a new file.
func demoDB(t testing.TB, dir string) *store.DB {
	db, err := store.Open(filepath.Join(dir, "starflag.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LoadDemo(context.Background(), model.Demo(1)); err != nil {
		t.Fatal(err)
	}
	return db
}

// startServer starts a server whose keys file has one line per role and
// name ("viewer 投影电脑", "reporter:经济运行 市发改委"); tune changes the
// config before it starts.
func startServer(t testing.TB, tune func(*Config), lines ...string) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{t: t, db: demoDB(t, dir), signers: map[string]gossh.Signer{}, log: &syncBuffer{}, done: make(chan error, 1)}
	var file strings.Builder
	for _, l := range lines {
		role, name, _ := strings.Cut(l, " ")
		s := newSigner(t)
		ts.signers[name] = s
		fmt.Fprintf(&file, "%s %s %s", role, name, gossh.MarshalAuthorizedKey(s.PublicKey()))
	}
	keys, err := ParseKeys(strings.NewReader(file.String()))
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan net.Addr, 1)
	ts.cfg = Config{Listen: "127.0.0.1:0", Keys: keys, HostKey: HostKeyPath(ts.db.Path()), Log: ts.log,
		Ready: func(a net.Addr) { ready <- a }}
	if tune != nil {
		tune(&ts.cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts.cancel = cancel
	go func() { ts.done <- Run(ctx, ts.db, ts.cfg) }()
	select {
	case a := <-ready:
		ts.addr = a.String()
	case err := <-ts.done:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start")
	}
	t.Cleanup(func() {
		ts.stop()
		ts.db.Close()
	})
	return ts
}

// stop ends the server as SIGTERM does and returns Run's error.
func (ts *testServer) stop() error {
	if ts.cancel == nil {
		return nil
	}
	ts.cancel()
	ts.cancel = nil
	select {
	case err := <-ts.done:
		return err
	case <-time.After(15 * time.Second):
		ts.t.Fatal("the server did not stop")
	}
	return nil
}

// dial connects with the named key's signer (or s, when given).
func (ts *testServer) dial(signer gossh.Signer, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	if signer != nil {
		auth = append(auth, gossh.PublicKeys(signer))
	}
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{User: "starflag", Auth: auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
}

// client is one SSH session with a terminal, drawn into a terminal
// emulator so that tests read the screen as a person sees it.
type client struct {
	t      testing.TB
	conn   *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	term   *vt.SafeEmulator
	stderr *syncBuffer
	mu     sync.Mutex
	output int       // bytes received
	lastAt time.Time // when the last bytes arrived
	ended  chan error
	outEOF chan struct{} // closed when the output has all been drawn
}

// connect opens a session of the named key with a w×h terminal, giving
// args as its command (the dashboard's options).
func (ts *testServer) connect(t testing.TB, name string, w, h int, args ...string) *client {
	t.Helper()
	conn, err := ts.dial(ts.signers[name])
	if err != nil {
		t.Fatalf("dial as %s: %v", name, err)
	}
	c, err := openClient(t, conn, w, h, args...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openClient starts a session with a terminal on conn.
func openClient(t testing.TB, conn *gossh.Client, w, h int, args ...string) (*client, error) {
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &client{t: t, conn: conn, sess: sess, term: vt.NewSafeEmulator(w, h), stderr: &syncBuffer{}, ended: make(chan error, 1), outEOF: make(chan struct{})}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	c.stdin, _ = sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	sess.Stderr = c.stderr
	go func() { // the terminal's answers to queries go back as input
		buf := make([]byte, 256)
		for {
			n, err := c.term.Read(buf)
			if err != nil {
				return
			}
			c.stdin.Write(buf[:n])
		}
	}()
	go func() {
		defer close(c.outEOF)
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			if n > 0 {
				c.term.Write(buf[:n])
				c.mu.Lock()
				c.output += n
				c.lastAt = time.Now()
				c.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	if len(args) > 0 {
		err = sess.Start(strings.Join(args, " "))
	} else {
		err = sess.Shell()
	}
	if err != nil {
		return nil, err
	}
	go func() { c.ended <- sess.Wait() }()
	t.Cleanup(c.close)
	return c, nil
}

func (c *client) close() {
	c.sess.Close()
	c.conn.Close()
	c.term.Close()
}

// screen is what the terminal shows.
func (c *client) screen() string { return c.term.String() }

// waitFor waits until the screen shows every text, or fails.
func (c *client) waitFor(what string, texts ...string) {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := c.screen()
		ok := true
		for _, x := range texts {
			ok = ok && strings.Contains(s, x)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: the screen does not show %q:\n%s\nstderr: %s", what, texts, s, c.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitTitle waits until the title bar names the page title.
func (c *client) waitTitle(what, title string) {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		first, _, _ := strings.Cut(c.screen(), "\n")
		if strings.HasSuffix(strings.TrimSpace(first), title) {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: the title bar does not name %s:\n%s", what, title, c.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// send types text (keys as a terminal sends them).
func (c *client) send(s string) {
	c.t.Helper()
	if _, err := c.stdin.Write([]byte(s)); err != nil {
		c.t.Fatalf("send %q: %v", s, err)
	}
}

// paste sends text as a bracketed paste.
func (c *client) paste(s string) { c.send("\x1b[200~" + s + "\x1b[201~") }

// resize tells the server the terminal's new size. The emulator follows
// only to sizes a screen has: the server draws at most 320×120 anyway.
func (c *client) resize(w, h int) {
	if w <= 400 && h <= 200 {
		c.term.Resize(w, h)
	}
	c.sess.WindowChange(h, w)
}

// wait waits for the session to end and returns everything it wrote
// after the dashboard (its last lines) and on stderr.
func (c *client) wait() (exit error, said string) {
	c.t.Helper()
	select {
	case err := <-c.ended:
		select {
		case <-c.outEOF:
		case <-time.After(5 * time.Second):
		}
		return err, c.screen() + "\n" + c.stderr.String()
	case <-time.After(15 * time.Second):
		c.t.Fatalf("the session did not end:\n%s", c.screen())
	}
	return nil, ""
}

// received is the number of bytes received so far.
func (c *client) received() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.output
}
