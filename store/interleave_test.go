package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"starflag/model"
)

// TestInterleavedSessionsAreSerial is the property test behind README
// "Two sessions' interleaved edits are serial". Two sessions (two store
// handles on one file, as two dashboards) run random saves, pastes, undos,
// redos, imports and setup edits at the same time. The quarters: 2023Q1
// open, 2023Q2 locked (定稿, it reads 2023Q1 for movement and 红牌), 2023Q3
// open; the edits aim at six cells of 2023Q1 and six of 2023Q3, so that
// they collide. Afterwards:
//   - some serial order of all the operations, one that keeps each
//     session's order and never puts an operation before one that had ended
//     when it began, gives every operation the outcome it had (saved,
//     refused, which step undone) and the database's final state, by a
//     reference model of the rules (a linearizability check);
//   - 2023Q2's exports (ranking, stars, flags, seats CSV), read after every
//     operation, never changed.
//
// An import waits a few milliseconds between its check and its write (a
// test hook), so that a write slipping in between would be caught.
// STARFLAG_INTERLEAVINGS sets the number of rounds (default 20, 8 with
// -short); a failing round is named by its seed, and STARFLAG_SEED=N
// draws that round's operations again (their timing is the machine's).
func TestInterleavedSessionsAreSerial(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 8
	}
	if s := os.Getenv("STARFLAG_INTERLEAVINGS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("STARFLAG_INTERLEAVINGS=%q: want a number of rounds", s)
		}
		rounds = n
	}
	fx := newFixture(t)
	testHookPlanned = func() { time.Sleep(5 * time.Millisecond) }
	t.Cleanup(func() { testHookPlanned = func() {} })
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("STARFLAG_SEED"); s != "" { // replay a failed round's operations
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	for round := range rounds {
		s := seed + uint64(round)
		if !t.Run(fmt.Sprintf("seed%d", s), func(t *testing.T) { fx.round(t, s) }) {
			return
		}
	}
}

var q3 = model.MustQuarter("2023Q3")

// fixture is the database every round starts from, and what the reference
// model needs of it.
type fixture struct {
	path     string
	units    []model.Unit    // the first three are the pool's units
	secs     []model.Section // the first two are the pool's sections
	base     []model.QuarterData
	start    mstate
	exports  string // 2023Q2's exports
	warnAll  model.Rules
	defaults model.Rules
}

func newFixture(t *testing.T) *fixture {
	fx := &fixture{path: filepath.Join(t.TempDir(), "template.db")}
	db, err := Open(fx.path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fx.units = units(t, db)
	fx.secs = withSections(t, db, q1)
	// 2023Q1: unit i scores 90 − i. 2023Q2: a shuffle of that, so that
	// 2023Q1's ranks give 2023Q2 rises, falls, flags and warnings.
	fill(t, db, q1, fx.secs)
	perm := []int{2, 0, 1, 5, 3, 4, 8, 6, 9, 7}
	plan := model.ImportPlan{Quarter: q2}
	for i, u := range fx.units {
		for _, s := range fx.secs {
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: s.Name, New: model.Hundredths(9000 - 100*perm[i])})
		}
	}
	if err := db.ApplyImport(ctx, plan, SourceImport("q2.csv")); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateQuarter(ctx, q3, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Lock(ctx, q2, SourceCLI); err != nil {
		t.Fatal(err)
	}
	for _, q := range []model.Quarter{q1.Prev(), q1, q2} {
		d, err := db.QuarterData(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		fx.base = append(fx.base, d)
	}
	fx.defaults = fx.base[1].Rules
	fx.warnAll = fx.defaults
	fx.warnAll.Warnings = []model.Rule{{Name: model.WarningTo, Colour: "amber", When: []model.Condition{{Kind: model.InLast, Threshold: 10}}}}
	fx.start = mstate{vals: map[mcell]string{}, logs: map[mcell][]int{}}
	for _, c := range fx.pool() {
		fx.start.vals[c] = ""
		if c.q == q1 {
			fx.start.vals[c] = model.Hundredths(9000 - 100*c.unit).String()
		}
	}
	if fx.exports, err = lockedExports(db); err != nil {
		t.Fatal(err)
	}
	return fx
}

// lockedExports are 2023Q2's CSV exports, as `starflag export` writes them.
func lockedExports(db *DB) (string, error) {
	r, err := db.Result(ctx, q2)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, table := range []func(*model.Result) (model.Table, error){
		model.RankingTable, model.FlagsTable, model.SeatsTable,
		func(r *model.Result) (model.Table, error) { return model.StarsTable(r), nil },
	} {
		tab, err := table(&r)
		if err != nil {
			return "", err
		}
		b.Write(tab.CSV())
	}
	return b.String(), nil
}

// mcell is a pool cell: a quarter, a unit index and a section index.
type mcell struct {
	q          model.Quarter
	unit, sect int
}

func (fx *fixture) pool() []mcell {
	var out []mcell
	for _, q := range []model.Quarter{q1, q3} {
		for u := range 3 {
			for s := range 2 {
				out = append(out, mcell{q, u, s})
			}
		}
	}
	return out
}

// mop is one operation with what it did.
type mop struct {
	kind    string // save, paste, import, undo, redo, until, rules
	q       model.Quarter
	cells   []mcell
	vals    []string // "" clears (save only)
	warnAll bool     // rules

	start, end time.Time
	got        string // "ok", "conflict", "locked"
	what       string // undo and redo: the step they took
}

func (o mop) String() string {
	return fmt.Sprintf("%s %s %v %v warnAll=%v → %s %q", o.kind, o.q, o.cells, o.vals, o.warnAll, o.got, o.what)
}

// randomOp draws an operation aimed at the pool.
func (fx *fixture) randomOp(rng *rand.Rand) mop {
	q := q3
	if rng.IntN(3) == 0 {
		q = q1
	}
	value := func(c mcell) string {
		if c.q == q1 { // stay close to 90 − i: some edits move ranks, most do not
			base := model.Hundredths(9000 - 100*c.unit)
			return []string{base.String(), (base - 1).String(), (base + 1).String(), (base - 250).String()}[rng.IntN(4)]
		}
		return []string{"50.00", "60.00", "70.00"}[rng.IntN(3)]
	}
	cell := func() mcell { return mcell{q, rng.IntN(3), rng.IntN(2)} }
	block := func() mop { // two to four cells
		o := mop{q: q}
		for _, c := range fx.pool() {
			if c.q == q && (len(o.cells) < 2 || rng.IntN(3) == 0) && len(o.cells) < 4 {
				o.cells = append(o.cells, c)
				o.vals = append(o.vals, value(c))
			}
		}
		return o
	}
	switch n := rng.IntN(20); {
	case n < 6:
		c := cell()
		v := value(c)
		if rng.IntN(8) == 0 {
			v = ""
		}
		return mop{kind: "save", q: q, cells: []mcell{c}, vals: []string{v}}
	case n < 8:
		o := block()
		o.kind = "paste"
		return o
	case n < 10:
		o := block()
		o.kind = "import"
		return o
	case n < 14:
		return mop{kind: "undo", q: q}
	case n < 17:
		return mop{kind: "redo", q: q}
	case n < 18:
		return mop{kind: "until", q: q1}
	default:
		return mop{kind: "rules", q: q1, warnAll: rng.IntN(2) == 0}
	}
}

// run does o on db and records its outcome.
func (fx *fixture) run(t *testing.T, db *DB, o *mop) {
	var err error
	hs := make([]*model.Hundredths, len(o.vals))
	for i, v := range o.vals {
		if v != "" {
			hs[i] = h(v)
		}
	}
	name := func(c mcell) (string, string) { return fx.units[c.unit].Name, fx.secs[c.sect].Name }
	o.start = time.Now()
	switch o.kind {
	case "save":
		c := o.cells[0]
		var sid int64
		if sid, err = fx.sectionID(db, c); err == nil {
			err = db.SetScore(ctx, c.q, fx.units[c.unit].ID, sid, hs[0], SourceEntry)
		}
	case "paste":
		plan := model.ImportPlan{Quarter: o.q}
		for i, c := range o.cells {
			u, s := name(c)
			plan.Cells = append(plan.Cells, model.CellChange{Unit: u, Section: s, New: *hs[i]})
		}
		err = db.ApplyImport(ctx, plan, SourceEntry)
	case "import":
		rows := []model.Row{{Line: 1, Cells: []string{"区市", fx.secs[0].Name, fx.secs[1].Name}}}
		for u := range 3 { // one row per unit, an empty cell leaves a value alone
			cells := []string{fx.units[u].Name, "", ""}
			for i, c := range o.cells {
				if c.unit == u {
					cells[1+c.sect] = o.vals[i]
				}
			}
			rows = append(rows, model.Row{Line: len(rows) + 1, Cells: cells})
		}
		_, err = db.Import(ctx, o.q, model.ImportInput{File: "f.csv", Rows: rows}, SourceImport("f.csv"))
	case "undo":
		o.what, err = db.Undo(ctx, o.q)
	case "redo":
		o.what, err = db.Redo(ctx, o.q)
	case "until":
		u := fx.units[3]
		u.Until = q1
		err = db.UpdateUnit(ctx, u, SourceSetup)
	case "rules":
		r := fx.defaults
		if o.warnAll {
			r = fx.warnAll
		}
		err = db.SetRules(ctx, q1, r, SourceSetup)
	}
	o.end = time.Now()
	switch {
	case err == nil:
		o.got = "ok"
	case errors.Is(err, model.ErrConflict) && strings.Contains(err.Error(), "已跳过"):
		o.got = "conflict"
	case errors.Is(err, model.ErrLocked) && strings.Contains(err.Error(), "2023Q2 已定稿"):
		o.got = "locked"
	default:
		t.Errorf("%s: unexpected error %v", o, err)
	}
}

func (fx *fixture) sectionID(db *DB, c mcell) (int64, error) {
	d, err := db.QuarterData(ctx, c.q)
	if err != nil {
		return 0, err
	}
	for _, s := range d.Sections {
		if s.Name == fx.secs[c.sect].Name {
			return s.ID, nil
		}
	}
	return 0, fmt.Errorf("no section %s in %s", fx.secs[c.sect].Name, c.q)
}

// round runs two sessions' random operations on a copy of the fixture and
// checks the history.
func (fx *fixture) round(t *testing.T, seed uint64) {
	path := filepath.Join(t.TempDir(), "s.db")
	b, err := os.ReadFile(fx.path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	var histories [2][]mop
	var wg sync.WaitGroup
	for s := range 2 {
		db, err := Open(path, Options{Clock: testOptions().Clock})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rng := rand.New(rand.NewPCG(seed, uint64(s)))
		wg.Go(func() {
			for range 24 {
				o := fx.randomOp(rng)
				fx.run(t, db, &o)
				histories[s] = append(histories[s], o)
				if got, err := lockedExports(db); err != nil || got != fx.exports {
					t.Errorf("after %s: 2023Q2's exports changed (%v)", o, err)
				}
				time.Sleep(time.Duration(rng.IntN(500)) * time.Microsecond)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	final := mstate{vals: map[mcell]string{}}
	for _, q := range []model.Quarter{q1, q3} {
		d, err := db.QuarterData(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range fx.pool() {
			if c.q == q {
				final.vals[c] = ""
				if sid, err := fx.sectionID(db, c); err == nil {
					if v, ok := d.Scores[model.ScoreKey{Unit: fx.units[c.unit].ID, Section: sid}]; ok {
						final.vals[c] = v.String()
					}
				}
			}
		}
		if q == q1 {
			final.warnAll = len(d.Rules.Warnings) == 1 && d.Rules.Warnings[0].When[0].Threshold == 10
		}
	}
	c := checker{fx: fx, h: histories, final: final, seen: map[string]bool{}, published: map[string]string{}}
	if !c.search(0, 0, fx.start.clone()) {
		var sb strings.Builder
		for s, h := range histories {
			for _, o := range h {
				fmt.Fprintf(&sb, "\n  session %d [%s–%s] %s", s, o.start.Format("05.000000"), o.end.Format("05.000000"), o)
			}
		}
		t.Fatalf("no serial order of the operations explains their outcomes and the final state %v:%s", final.vals, sb.String())
	}
}

// mstate is the reference model's state: the pool's values, 2023Q1's
// rules, and the audit log as undo sees it (per cell, which session wrote
// it, in order; per session, its entry batches).
type mstate struct {
	vals    map[mcell]string
	warnAll bool
	logs    map[mcell][]int
	batches [2][]mbatch
}

type mbatch struct {
	q     model.Quarter
	state int // live, undone, skipped
	rows  []mrow
}

type mrow struct {
	c        mcell
	old, new string
	at       int // index in logs[c]
}

func (m mstate) clone() mstate {
	out := mstate{vals: map[mcell]string{}, logs: map[mcell][]int{}, warnAll: m.warnAll}
	for k, v := range m.vals {
		out.vals[k] = v
	}
	for k, v := range m.logs {
		out.logs[k] = slices.Clone(v)
	}
	for s := range m.batches {
		for _, b := range m.batches[s] {
			b.rows = slices.Clone(b.rows)
			out.batches[s] = append(out.batches[s], b)
		}
	}
	return out
}

// key is m as text, equal for equal states.
func (m mstate) key() string {
	cells := make([]string, 0, len(m.vals))
	for c, v := range m.vals {
		cells = append(cells, fmt.Sprint(c, v, m.logs[c]))
	}
	slices.Sort(cells)
	return fmt.Sprint(cells, m.warnAll, m.batches)
}

type checker struct {
	fx        *fixture
	h         [2][]mop
	final     mstate
	seen      map[string]bool
	published map[string]string // 2023Q1's state → what 2023Q2 publishes
}

// search tries every order of the remaining operations (session 0 from i,
// session 1 from j) that respects real time.
func (c *checker) search(i, j int, m mstate) bool {
	next := [2]int{i, j}
	if i == len(c.h[0]) && j == len(c.h[1]) {
		return sameVals(m.vals, c.final.vals) && m.warnAll == c.final.warnAll
	}
	key := fmt.Sprint(i, j, m.key())
	if c.seen[key] {
		return false
	}
	c.seen[key] = true
	for s := range 2 {
		if next[s] == len(c.h[s]) {
			continue
		}
		o := c.h[s][next[s]]
		if other := next[1-s]; other < len(c.h[1-s]) && c.h[1-s][other].end.Before(o.start) {
			continue // the other session's next operation ended before this one began
		}
		m2 := m.clone()
		got, what := c.apply(&m2, s, o)
		if got != o.got || (got == "ok" && what != o.what) {
			continue
		}
		n := next
		n[s]++
		if c.search(n[0], n[1], m2) {
			return true
		}
	}
	return false
}

func sameVals(a, b map[mcell]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// apply is the reference model of one operation by session s: what the
// store promises, written down independently of it.
func (c *checker) apply(m *mstate, s int, o mop) (got, what string) {
	switch o.kind {
	case "save", "paste", "import":
		var rows []mrow
		next := copyVals(m.vals)
		for i, cl := range o.cells {
			if m.vals[cl] != o.vals[i] {
				rows = append(rows, mrow{c: cl, old: m.vals[cl], new: o.vals[i]})
				next[cl] = o.vals[i]
			}
		}
		if len(rows) == 0 {
			return "ok", ""
		}
		if o.q == q1 && c.publishes(next, m.warnAll) != c.publishes(m.vals, m.warnAll) {
			return "locked", ""
		}
		for i := range rows {
			rows[i].at = len(m.logs[rows[i].c])
			m.logs[rows[i].c] = append(m.logs[rows[i].c], s)
		}
		m.vals = next
		if o.kind != "import" { // entry: an undoable batch
			m.batches[s] = append(m.batches[s], mbatch{q: o.q, rows: rows})
		}
		return "ok", ""
	case "undo", "redo":
		undo := o.kind == "undo"
		bs := m.batches[s]
		pick := -1
		lastLive := -1
		for k, b := range bs {
			if b.q == o.q && b.state == live {
				lastLive = k
			}
		}
		if undo {
			pick = lastLive
		} else {
			for k := lastLive + 1; k < len(bs); k++ {
				if bs[k].q == o.q && bs[k].state == undone {
					pick = k
					break
				}
			}
		}
		if pick < 0 {
			return "ok", ""
		}
		b := &bs[pick]
		next := copyVals(m.vals)
		for _, r := range b.rows {
			from, to := r.new, r.old
			if !undo {
				from, to = r.old, r.new
			}
			if m.vals[r.c] != from || slices.ContainsFunc(m.logs[r.c][r.at+1:], func(w int) bool { return w != s }) {
				b.state = skipped
				return "conflict", ""
			}
			next[r.c] = to
		}
		if o.q == q1 && c.publishes(next, m.warnAll) != c.publishes(m.vals, m.warnAll) {
			return "locked", ""
		}
		for _, r := range b.rows {
			m.logs[r.c] = append(m.logs[r.c], s)
		}
		m.vals = next
		b.state = undone
		if !undo {
			b.state = live
		}
		if len(b.rows) == 1 {
			return "ok", c.fx.units[b.rows[0].c.unit].Name + "/" + c.fx.secs[b.rows[0].c.sect].Name
		}
		return "ok", fmt.Sprintf("%d 个单元格", len(b.rows))
	case "until":
		return "locked", "" // 2023Q2 would lose a unit
	case "rules":
		if o.warnAll == m.warnAll {
			return "ok", ""
		}
		if c.publishes(m.vals, o.warnAll) != c.publishes(m.vals, m.warnAll) {
			return "locked", ""
		}
		m.warnAll = o.warnAll
		return "ok", ""
	}
	panic(o.kind)
}

func copyVals(m map[mcell]string) map[mcell]string {
	out := make(map[mcell]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// publishes is what 2023Q2 publishes when 2023Q1 holds vals and its rules
// warn everyone or not: the fixture's data with the pool's values.
func (c *checker) publishes(vals map[mcell]string, warnAll bool) string {
	var key []string
	for _, cl := range c.fx.pool() {
		if cl.q == q1 {
			key = append(key, vals[cl])
		}
	}
	k := fmt.Sprint(key, warnAll)
	if p, ok := c.published[k]; ok {
		return p
	}
	ds := slices.Clone(c.fx.base)
	d := ds[1]
	d.Scores = map[model.ScoreKey]model.Hundredths{}
	for sk, v := range c.fx.base[1].Scores {
		d.Scores[sk] = v
	}
	for _, cl := range c.fx.pool() {
		if cl.q != q1 {
			continue
		}
		sk := model.ScoreKey{Unit: c.fx.units[cl.unit].ID, Section: c.fx.base[1].Sections[cl.sect].ID}
		if vals[cl] == "" {
			delete(d.Scores, sk)
		} else {
			d.Scores[sk] = *h(vals[cl])
		}
	}
	d.Rules = c.fx.defaults
	if warnAll {
		d.Rules = c.fx.warnAll
	}
	ds[1] = d
	rs := model.ComputeSeries(ds)
	c.published[k] = model.Published(rs[2])
	return c.published[k]
}
