package serve

import (
	"context"
	"strconv"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
	"starflag/office"
	"starflag/ui"
)

// hub knows the live sessions: it counts them against the limits, passes a
// save in one to all the others (an in-process broadcast, so their screens
// redraw at once; other processes' commits still arrive by the dashboards'
// data_version polling), and ends them all on shutdown.
type hub struct {
	mu       sync.Mutex
	sessions map[*session]struct{}
	perKey   map[string]int // live sessions by key (its wire form)
	closing  string         // set on shutdown: the message sessions end with

	cache resultCache
}

// session is one SSH session's dashboard, as the hub knows it.
type session struct {
	key     Key
	program *tea.Program
	// changed wakes the session's forwarder: one pending broadcast is
	// enough, however many saves came meanwhile.
	changed chan struct{}
	done    chan struct{}
	// reason is why the server ended the session (idle, shutdown), said
	// to the user after the dashboard closes.
	mu     sync.Mutex
	reason string
}

func newHub() *hub {
	return &hub{sessions: map[*session]struct{}{}, perKey: map[string]int{}}
}

// admit registers a session of key k, or says why not: the server is
// stopping, or the limits (per key, in total) are reached.
func (h *hub) admit(k Key, maxTotal, maxPerKey int) (*session, string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	wire := string(k.Key.Marshal())
	switch {
	case h.closing != "":
		return nil, h.closing
	case len(h.sessions) >= maxTotal:
		return nil, "服务器上的会话已满（最多 " + strconv.Itoa(maxTotal) + " 个），请稍后再连接"
	case h.perKey[wire] >= maxPerKey:
		return nil, k.Name + " 的密钥已有 " + strconv.Itoa(maxPerKey) + " 个会话，不能再开；请先关闭不用的窗口"
	}
	s := &session{key: k, changed: make(chan struct{}, 1), done: make(chan struct{})}
	h.sessions[s] = struct{}{}
	h.perKey[wire]++
	return s, ""
}

// start gives s its program and forwards broadcasts to it until it ends.
func (h *hub) start(s *session, p *tea.Program) {
	s.program = p
	go func() {
		for {
			select {
			case <-s.done:
				return
			case <-s.changed:
				p.Send(ui.ChangedMsg{}) // blocks only this forwarder
			}
		}
	}()
}

// leave unregisters s.
func (h *hub) leave(s *session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.sessions[s]; !ok {
		return
	}
	close(s.done)
	delete(h.sessions, s)
	wire := string(s.key.Key.Marshal())
	if h.perKey[wire]--; h.perKey[wire] <= 0 {
		delete(h.perKey, wire)
	}
}

// count is the number of live sessions.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sessions)
}

// changed tells every session but from that the database changed, a frame
// later: the saving session's own frame goes out before fifty others start
// drawing. It never waits for a session: a slow one gets the news when it
// is ready.
func (h *hub) changed(from *session) {
	time.AfterFunc(frameTime, func() { h.tell(from) })
}

func (h *hub) tell(from *session) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.sessions {
		if s == from {
			continue
		}
		select {
		case s.changed <- struct{}{}:
		default: // one is pending already
		}
	}
}

// closeAll ends every session, each told why, and admits no more.
func (h *hub) closeAll(why string) {
	h.mu.Lock()
	h.closing = why
	var all []*session
	for s := range h.sessions {
		all = append(all, s)
	}
	h.mu.Unlock()
	for _, s := range all {
		s.end(why)
	}
}

// end quits the session's dashboard; the user is told why when it closes.
func (s *session) end(why string) {
	s.mu.Lock()
	if s.reason == "" {
		s.reason = why
	}
	s.mu.Unlock()
	if s.program != nil {
		go s.program.Quit() // never wait on a session that does not read
	}
}

// why is the reason the server ended the session, "" when the user did.
func (s *session) why() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reason
}

// data is the dashboard's data for one session: the office's adapter on
// the session's own store session (store.DB.As: its own undo, its name in
// the audit log), telling the hub after every committed change, and
// sharing computed results with the other sessions (resultCache).
type data struct {
	office.Data
	hub *hub
	s   *session
}

// after passes on a change that committed.
func (d data) after(err error) error {
	if err == nil {
		d.hub.changed(d.s)
	}
	return err
}

func (d data) Quarters(ctx context.Context) ([]model.QuarterStatus, error) {
	return d.hub.cache.quarters(ctx, d.Data)
}

func (d data) Results(ctx context.Context, from, to model.Quarter) ([]model.Result, error) {
	return d.hub.cache.results(ctx, d.Data, from, to)
}

func (d data) SetScore(ctx context.Context, q model.Quarter, unitID, sectionID int64, v *model.Hundredths) error {
	return d.after(d.Data.SetScore(ctx, q, unitID, sectionID, v))
}

func (d data) SetAdjust(ctx context.Context, q model.Quarter, unitID, itemID int64, v *model.Hundredths) error {
	return d.after(d.Data.SetAdjust(ctx, q, unitID, itemID, v))
}

func (d data) ApplyPaste(ctx context.Context, plan model.ImportPlan) error {
	return d.after(d.Data.ApplyPaste(ctx, plan))
}

func (d data) Undo(ctx context.Context, q model.Quarter) (string, error) {
	what, err := d.Data.Undo(ctx, q)
	if what != "" {
		d.after(err)
	}
	return what, err
}

func (d data) Redo(ctx context.Context, q model.Quarter) (string, error) {
	what, err := d.Data.Redo(ctx, q)
	if what != "" {
		d.after(err)
	}
	return what, err
}

func (d data) CreateQuarter(ctx context.Context, q model.Quarter) error {
	return d.after(d.Data.CreateQuarter(ctx, q))
}

func (d data) DeleteQuarter(ctx context.Context, name string) error {
	return d.after(d.Data.DeleteQuarter(ctx, name))
}

func (d data) CreateUnit(ctx context.Context, u model.Unit) (model.Unit, error) {
	u, err := d.Data.CreateUnit(ctx, u)
	return u, d.after(err)
}

func (d data) UpdateUnits(ctx context.Context, us ...model.Unit) error {
	return d.after(d.Data.UpdateUnits(ctx, us...))
}

func (d data) CreateSection(ctx context.Context, q model.Quarter, s model.Section) (model.Section, error) {
	s, err := d.Data.CreateSection(ctx, q, s)
	return s, d.after(err)
}

func (d data) UpdateSections(ctx context.Context, q model.Quarter, ss ...model.Section) error {
	return d.after(d.Data.UpdateSections(ctx, q, ss...))
}

func (d data) DeleteSection(ctx context.Context, q model.Quarter, id int64) error {
	return d.after(d.Data.DeleteSection(ctx, q, id))
}

func (d data) DeleteSectionAndRules(ctx context.Context, q model.Quarter, id int64) error {
	return d.after(d.Data.DeleteSectionAndRules(ctx, q, id))
}

func (d data) SetRules(ctx context.Context, q model.Quarter, base, r model.Rules) error {
	return d.after(d.Data.SetRules(ctx, q, base, r))
}

func (d data) SetAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) error {
	return d.after(d.Data.SetAdjustment(ctx, q, a))
}

func (d data) CreateAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) (model.Adjustment, error) {
	a, err := d.Data.CreateAdjustment(ctx, q, a)
	return a, d.after(err)
}

func (d data) DeleteAdjustment(ctx context.Context, q model.Quarter, id int64) error {
	return d.after(d.Data.DeleteAdjustment(ctx, q, id))
}

func (d data) SetVeto(ctx context.Context, q model.Quarter, unitID int64, reason string) error {
	return d.after(d.Data.SetVeto(ctx, q, unitID, reason))
}

func (d data) SetTalk(ctx context.Context, q model.Quarter, unitID int64, t model.Talk) error {
	return d.after(d.Data.SetTalk(ctx, q, unitID, t))
}

func (d data) Lock(ctx context.Context, q model.Quarter) (string, error) {
	path, err := d.Data.Lock(ctx, q)
	return path, d.after(err)
}

func (d data) Unlock(ctx context.Context, q model.Quarter) error {
	return d.after(d.Data.Unlock(ctx, q))
}

// resultCache computes what every dashboard loads (the quarters, a year of
// results) once per data version for all sessions: after a save, fifty
// screens reload the same two years, and computing them fifty times would
// cost more than drawing.
type resultCache struct {
	mu   sync.Mutex
	keys map[[2]model.Quarter]*cached
	qs   cached
}

type cached struct {
	mu      sync.Mutex // held while computing: the others wait and take the result
	version int64
	valid   bool
	results []model.Result
	qs      []model.QuarterStatus
}

// entry is the cache slot of from..to.
func (c *resultCache) entry(from, to model.Quarter) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil {
		c.keys = map[[2]model.Quarter]*cached{}
	}
	k := [2]model.Quarter{from, to}
	e, ok := c.keys[k]
	if !ok {
		if len(c.keys) > 64 { // quarters people page through: keep it small
			clear(c.keys)
		}
		e = &cached{}
		c.keys[k] = e
	}
	return e
}

// fresh runs fill unless e already holds data of the current version. The
// version is read first, so what is kept is at least as new as it says.
func (e *cached) fresh(ctx context.Context, d office.Data, fill func() error) error {
	v, err := d.DataVersion(ctx)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.valid && e.version == v {
		return nil
	}
	e.valid = false
	if err := fill(); err != nil {
		return err
	}
	e.version, e.valid = v, true
	return nil
}

func (c *resultCache) results(ctx context.Context, d office.Data, from, to model.Quarter) ([]model.Result, error) {
	e := c.entry(from, to)
	err := e.fresh(ctx, d, func() (err error) {
		e.results, err = d.Results(ctx, from, to)
		return err
	})
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.results, err
}

func (c *resultCache) quarters(ctx context.Context, d office.Data) ([]model.QuarterStatus, error) {
	e := &c.qs
	err := e.fresh(ctx, d, func() (err error) {
		e.qs, err = d.Quarters(ctx)
		return err
	})
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.qs, err
}
