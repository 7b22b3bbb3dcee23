package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// Data is what the dashboard needs from the database. The store satisfies
// it (through a small adapter in main), and ui never imports the store.
type Data interface {
	// Quarters lists the quarters that exist, oldest first.
	Quarters(ctx context.Context) ([]model.Quarter, error)
	// Results computes the quarters from..to, each compared with the one
	// before it.
	Results(ctx context.Context, from, to model.Quarter) ([]model.Result, error)
	// LatestScoredQuarter is the latest quarter with any score (zero if none).
	LatestScoredQuarter(ctx context.Context) (model.Quarter, error)
	// DataVersion changes when another connection commits.
	DataVersion(ctx context.Context) (int64, error)
}

// loadedMsg carries everything one quarter's screens show.
type loadedMsg struct {
	quarter  model.Quarter
	quarters []model.Quarter
	results  []model.Result // the previous year and the quarter's year, Q1..Q4 each
	version  int64
	err      error
}

// versionMsg reports the database's data version, polled about once a second.
type versionMsg struct {
	version int64
	err     error
}

// pollInterval is how often the dashboard looks for other processes' commits.
const pollInterval = time.Second

// load reads the quarter's year and the year before (for movement, the flag
// wall and the annual view's 进位显著奖) in one command, off the Update path.
// A zero quarter means the latest quarter with scores, else the current one.
func load(d Data, q model.Quarter, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		msg := loadedMsg{quarter: q}
		if msg.version, msg.err = d.DataVersion(ctx); msg.err != nil {
			return msg
		}
		if q.IsZero() {
			if q, msg.err = d.LatestScoredQuarter(ctx); msg.err != nil {
				return msg
			}
			if q.IsZero() {
				t := now()
				q = model.Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
			}
			msg.quarter = q
		}
		if msg.quarters, msg.err = d.Quarters(ctx); msg.err != nil {
			return msg
		}
		msg.results, msg.err = d.Results(ctx, model.Quarter{Year: q.Year - 1, Q: 1}, model.Quarter{Year: q.Year, Q: 4})
		return msg
	}
}

// poll asks for the data version after pollInterval.
func poll(d Data) tea.Cmd {
	return tea.Tick(pollInterval, func(time.Time) tea.Msg {
		v, err := d.DataVersion(context.Background())
		return versionMsg{v, err}
	})
}
