package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// Data is what the dashboard needs from the database. The store satisfies
// it (through office.Data), and ui never imports the store.
type Data interface {
	// Quarters lists the quarters that exist, oldest first, with how
	// complete each is.
	Quarters(ctx context.Context) ([]model.QuarterStatus, error)
	// InvalidQuarters names the stored quarters outside 1000Q1–9999Q4 (an
	// older starflag stored 10000Q1): the quarter picker offers to delete them.
	InvalidQuarters(ctx context.Context) ([]string, error)
	// Results computes the quarters from..to, each compared with the one
	// before it.
	Results(ctx context.Context, from, to model.Quarter) ([]model.Result, error)
	// DataVersion changes when another connection commits.
	DataVersion(ctx context.Context) (int64, error)

	// QuarterData is one quarter as stored (section IDs for entry).
	QuarterData(ctx context.Context, q model.Quarter) (model.QuarterData, error)
	// ListUnits is every unit, retired ones included, in official order.
	ListUnits(ctx context.Context) ([]model.Unit, error)
	// Changes are the latest limit audited changes of q, newest first.
	Changes(ctx context.Context, q model.Quarter, limit int) ([]model.Change, error)
	Editor
}

// Editor is every change entry and setup make. Each call is one committed
// transaction (the store audits it as typed in entry or changed in setup)
// before it returns, so the screen says "saved" only after the commit.
type Editor interface {
	SetScore(ctx context.Context, q model.Quarter, unitID, sectionID int64, v *model.Hundredths) error
	SetAdjust(ctx context.Context, q model.Quarter, unitID, itemID int64, v *model.Hundredths) error
	// ApplyPaste writes a checked pasted block in one transaction.
	ApplyPaste(ctx context.Context, plan model.ImportPlan) error
	// Undo and Redo step through what this dashboard typed or pasted in q
	// (never another window's values); they return what they touched (""
	// when there was nothing).
	Undo(ctx context.Context, q model.Quarter) (string, error)
	Redo(ctx context.Context, q model.Quarter) (string, error)
	// CreateQuarter creates q with the latest earlier quarter's sections and rules.
	CreateQuarter(ctx context.Context, q model.Quarter) error
	// DeleteQuarter deletes the stored quarter named name: an invalid one,
	// or a valid one that is unlocked and holds nothing typed.
	DeleteQuarter(ctx context.Context, name string) error

	CreateUnit(ctx context.Context, u model.Unit) (model.Unit, error)
	// UpdateUnits and UpdateSections save all the given changes in one
	// transaction, or none.
	UpdateUnits(ctx context.Context, us ...model.Unit) error
	CreateSection(ctx context.Context, q model.Quarter, s model.Section) (model.Section, error)
	UpdateSections(ctx context.Context, q model.Quarter, ss ...model.Section) error
	DeleteSection(ctx context.Context, q model.Quarter, id int64) error
	// DeleteSectionAndRules deletes a section with the rules that look at
	// it, in one transaction (setup names them and asks first).
	DeleteSectionAndRules(ctx context.Context, q model.Quarter, id int64) error
	// SetRules saves r, made from base (the rules as QuarterData gave
	// them); it refuses with model.ErrConflict, saving nothing, when the
	// stored rules are no longer base (another window changed them).
	SetRules(ctx context.Context, q model.Quarter, base, r model.Rules) error
	// CreateAdjustment, SetAdjustment and DeleteAdjustment add, change and
	// remove an adjustment item (加减分) of q.
	CreateAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) (model.Adjustment, error)
	SetAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) error
	DeleteAdjustment(ctx context.Context, q model.Quarter, id int64) error
	// SetVeto records a unit's 一票否决 in q with its reason ("" removes it).
	SetVeto(ctx context.Context, q model.Quarter, unitID int64, reason string) error
	// SetTalk records the 约谈 held with a unit warned in q (a zero Talk
	// removes it); a locked quarter takes it too.
	SetTalk(ctx context.Context, q model.Quarter, unitID int64, t model.Talk) error
	// Lock returns the path of the backup taken after locking.
	Lock(ctx context.Context, q model.Quarter) (string, error)
	Unlock(ctx context.Context, q model.Quarter) error
}

// loadedMsg carries everything one quarter's screens show.
type loadedMsg struct {
	gen      int // which load this answers (common.loadGen)
	quarter  model.Quarter
	quarters []model.QuarterStatus
	results  []model.Result // the previous year and the quarter's year, Q1..Q4 each
	version  int64
	err      error
}

// versionMsg reports the database's data version, polled about once a second.
type versionMsg struct {
	version int64
	err     error
}

// dataChangedMsg tells the shown screen that another connection committed
// (the data version changed): the App reloads the quarter, and a screen
// holding data of its own reloads it too.
type dataChangedMsg struct{}

// pollInterval is how often the dashboard looks for other processes'
// commits, unless Options.PollInterval says otherwise.
const pollInterval = time.Second

// load reads the quarter's year and the year before (for movement, the flag
// wall and the annual view's 进位显著奖) in one command, off the Update path.
// A zero quarter means the one model.OpeningQuarter picks: the latest
// complete quarter, else the latest locked one, …, else the quarter before
// today's. gen numbers the load, so that a late answer to an older one is
// dropped.
func load(d Data, q model.Quarter, now func() time.Time, gen int) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		msg := loadedMsg{gen: gen, quarter: q}
		if msg.version, msg.err = d.DataVersion(ctx); msg.err != nil {
			return msg
		}
		if msg.quarters, msg.err = d.Quarters(ctx); msg.err != nil {
			return msg
		}
		if q.IsZero() {
			q = model.OpeningQuarter(msg.quarters, model.QuarterOf(now()))
			msg.quarter = q
		}
		msg.results, msg.err = d.Results(ctx, model.Quarter{Year: q.Year - 1, Q: 1}, model.Quarter{Year: q.Year, Q: 4})
		return msg
	}
}

// poll asks for the data version after every.
func poll(d Data, every time.Duration) tea.Cmd {
	return tea.Tick(every, func(time.Time) tea.Msg {
		v, err := d.DataVersion(context.Background())
		return versionMsg{v, err}
	})
}
