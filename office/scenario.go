package office

import (
	"context"

	"starflag/model"
	"starflag/store"
)

// Scenario loads quarter q for the unit card, points needed and the
// what-if: its data as stored and the computed quarters before it that its
// result reads (QuarterData.Reads), so that computing it again gives what
// the dashboard and the exports show. It only reads.
func Scenario(ctx context.Context, db *store.DB, q model.Quarter) (model.Scenario, error) {
	return model.LoadScenario(q, func(q model.Quarter) (model.QuarterData, error) { return db.QuarterData(ctx, q) },
		func(from, to model.Quarter) ([]model.Result, error) { return db.Results(ctx, from, to) })
}
