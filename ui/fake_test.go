package ui

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// fakeData serves the demo history computed in memory: the pages are drawn
// from exactly what the store would return, without a database.
type fakeData struct {
	results  []model.Result
	quarters []model.Quarter
	version  int64
	qdata    map[model.Quarter]model.QuarterData // QuarterData when set, else the demo's
	invalid  []string                            // stored quarters outside the range
	changes  map[model.Quarter][]model.Change    // the audit log
}

func newFakeData() *fakeData {
	f := &fakeData{version: 1}
	f.results = model.ComputeSeries(model.Demo(1).Quarters)
	for _, r := range f.results {
		f.quarters = append(f.quarters, r.Quarter)
	}
	return f
}

// Quarters are f.quarters, with how complete their results are.
func (f *fakeData) Quarters(context.Context) ([]model.QuarterStatus, error) {
	out := make([]model.QuarterStatus, len(f.quarters))
	for i, q := range f.quarters {
		out[i].Quarter = q
		for _, r := range f.results {
			if r.Quarter == q {
				cells := len(r.Standings) * len(r.Sections)
				out[i] = model.QuarterStatus{Quarter: q, Locked: r.Locked, Cells: cells, Scores: cells - len(r.Missing)}
			}
		}
	}
	return out, nil
}

func (f *fakeData) InvalidQuarters(context.Context) ([]string, error) { return f.invalid, nil }

func (f *fakeData) DataVersion(context.Context) (int64, error) { return f.version, nil }

// Results returns the demo quarters in range; others are empty results.
func (f *fakeData) Results(_ context.Context, from, to model.Quarter) ([]model.Result, error) {
	var out []model.Result
	for q := from; !to.Before(q); q = q.Next() {
		r := model.Result{Quarter: q, Rules: model.DefaultRules()}
		for _, d := range f.results {
			if d.Quarter == q {
				r = d
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// newTestApp is an App on the demo data at a size, loaded at quarter q
// (zero: the latest), with the colour profile p (Ascii = NO_COLOR).
func newTestApp(t testing.TB, w, h int, q model.Quarter, p colorprofile.Profile) *App {
	t.Helper()
	a := New(newFakeData(), Options{Quarter: q, Profile: p})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	loadNow(t, a, q)
	return a
}

// storedFake is the demo served as stored quarters (QuarterData), which
// a test may change as another window would (anotherWindowSaves).
func storedFake() *fakeData {
	f := newFakeData()
	f.qdata = quarterMap(model.Demo(1).Quarters)
	return f
}

// anotherWindowSaves changes quarter q of f as another window would save
// it (what the store returns next is a fresh copy with the change, and the
// results are computed again) and tells a, as starflag serve does
// (ChangedMsg), running what that starts.
func anotherWindowSaves(t testing.TB, a *App, f *fakeData, q model.Quarter, change func(d *model.QuarterData)) {
	t.Helper()
	d := f.qdata[q]
	d.Units, d.Scores = slices.Clone(d.Units), maps.Clone(d.Scores)
	change(&d)
	f.qdata[q] = d
	f.results = model.ComputeSeries(slices.SortedFunc(maps.Values(f.qdata), func(a, b model.QuarterData) int { return a.Quarter.Compare(b.Quarter) }))
	_, cmd := a.Update(ChangedMsg{})
	run(t, a, cmd)
}

// appOn is an App on f at w×h without colour, loaded at quarter q.
func appOn(t testing.TB, f *fakeData, w, h int, q model.Quarter) *App {
	t.Helper()
	a := New(f, Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	loadNow(t, a, q)
	return a
}

// loadNow runs the load command synchronously and feeds its message back
// (the poll and tick commands sleep, so tests never run those).
func loadNow(t testing.TB, a *App, q model.Quarter) {
	t.Helper()
	msg := a.load(q)()
	if lm, ok := msg.(loadedMsg); !ok || lm.err != nil {
		t.Fatalf("load: %#v", msg)
	}
	a.Update(msg)
}

// press feeds one key, as a terminal would send it, and returns the command.
func press(a *App, k string) tea.Cmd {
	var msg tea.KeyPressMsg
	switch k {
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "left":
		msg = tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		msg = tea.KeyPressMsg{Code: tea.KeyRight}
	case "up":
		msg = tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		msg = tea.KeyPressMsg{Code: tea.KeyDown}
	case "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "delete":
		msg = tea.KeyPressMsg{Code: tea.KeyDelete}
	case "backspace":
		msg = tea.KeyPressMsg{Code: tea.KeyBackspace}
	default:
		r := []rune(k)[0]
		msg = tea.KeyPressMsg{Code: r, Text: k}
	}
	_, cmd := a.Update(msg)
	return cmd
}

// presenting shows presentation mode (on) or the board.
func presenting(a *App, on bool) {
	a.mode = modeBoard
	if on {
		a.mode = modePresent
	}
}

// timeAfter bounds how long a test waits for a command that may be a tick.
func timeAfter() <-chan time.Time { return time.After(200 * time.Millisecond) }

// The fake is read-only: entry and setup are tested on a real database in
// the main package (entry_test.go there).
var errReadOnly = errors.New("只读的测试数据")

func (f *fakeData) QuarterData(_ context.Context, q model.Quarter) (model.QuarterData, error) {
	if d, ok := f.qdata[q]; ok {
		return d, nil
	}
	d := model.Demo(1)
	for _, qd := range d.Quarters {
		if qd.Quarter == q {
			return qd, nil
		}
	}
	return model.QuarterData{Quarter: q, Units: d.Units, Rules: model.DefaultRules(), Adjustments: []model.Adjustment{model.DefaultAdjustment()}}, nil
}
func (f *fakeData) ListUnits(context.Context) ([]model.Unit, error) { return model.QingdaoUnits(), nil }
func (f *fakeData) Changes(_ context.Context, q model.Quarter, _ int) ([]model.Change, error) {
	return f.changes[q], nil
}
func (f *fakeData) SetScore(context.Context, model.Quarter, int64, int64, *model.Hundredths) error {
	return errReadOnly
}
func (f *fakeData) SetAdjust(context.Context, model.Quarter, int64, int64, *model.Hundredths) error {
	return errReadOnly
}
func (f *fakeData) ApplyPaste(context.Context, model.ImportPlan) error  { return errReadOnly }
func (f *fakeData) Undo(context.Context, model.Quarter) (string, error) { return "", errReadOnly }
func (f *fakeData) Redo(context.Context, model.Quarter) (string, error) { return "", errReadOnly }
func (f *fakeData) CreateQuarter(context.Context, model.Quarter) error  { return errReadOnly }
func (f *fakeData) DeleteQuarter(context.Context, string) error         { return errReadOnly }
func (f *fakeData) CreateUnit(context.Context, model.Unit) (model.Unit, error) {
	return model.Unit{}, errReadOnly
}
func (f *fakeData) UpdateUnits(context.Context, ...model.Unit) error { return errReadOnly }
func (f *fakeData) CreateSection(context.Context, model.Quarter, model.Section) (model.Section, error) {
	return model.Section{}, errReadOnly
}
func (f *fakeData) UpdateSections(context.Context, model.Quarter, ...model.Section) error {
	return errReadOnly
}
func (f *fakeData) DeleteSection(context.Context, model.Quarter, int64) error { return errReadOnly }
func (f *fakeData) DeleteSectionAndRules(context.Context, model.Quarter, int64) error {
	return errReadOnly
}

// SetRules refuses, as the store does, rules made from rules no longer
// stored; the fake is otherwise read-only.
func (f *fakeData) SetRules(_ context.Context, q model.Quarter, base, _ model.Rules) error {
	if d, ok := f.qdata[q]; ok && !reflect.DeepEqual(d.Rules, base) {
		return &model.Error{Code: model.ErrConflict, Message: "另一个窗口刚修改了设置"}
	}
	return errReadOnly
}
func (f *fakeData) SetAdjustment(context.Context, model.Quarter, model.Adjustment) error {
	return errReadOnly
}
func (f *fakeData) CreateAdjustment(context.Context, model.Quarter, model.Adjustment) (model.Adjustment, error) {
	return model.Adjustment{}, errReadOnly
}
func (f *fakeData) DeleteAdjustment(context.Context, model.Quarter, int64) error { return errReadOnly }
func (f *fakeData) SetVeto(context.Context, model.Quarter, int64, string) error  { return errReadOnly }
func (f *fakeData) SetTalk(context.Context, model.Quarter, int64, model.Talk) error {
	return errReadOnly
}
func (f *fakeData) Lock(context.Context, model.Quarter) (string, error) { return "", errReadOnly }
func (f *fakeData) Unlock(context.Context, model.Quarter) error         { return errReadOnly }
