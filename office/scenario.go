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
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		return model.Scenario{}, err
	}
	var before []model.Result
	if from, to, ok := d.Reads(); ok {
		if before, err = db.Results(ctx, from, to); err != nil {
			return model.Scenario{}, err
		}
	}
	return model.NewScenario(d, before), nil
}
