package store

import (
	"context"
	"encoding/json"

	"starflag/model"
)

// SchemaVersion is the PRAGMA user_version this binary's migrations reach;
// `starflag version` prints it. A test keeps it equal to the migration count.
const SchemaVersion = 8

// LoadDemo fills an empty database with invented data (model.Demo) in one
// transaction, audited with source "demo". It refuses a database that already
// has units or quarters, so demo data never mixes with real data.
func (db *DB) LoadDemo(ctx context.Context, d model.DemoData) error {
	return db.write(ctx, SourceDemo, func(t *txn) error {
		var n int
		if err := t.row(`SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM quarters)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.Errorf(model.ErrConflict, "演示数据只能载入空数据库")
		}
		// The demo's IDs are its own; map them to the stored ones.
		units := map[int64]model.Unit{}
		byName := map[string]model.Unit{}
		for _, u := range d.Units {
			demoID := u.ID
			u, err := t.createUnit(u)
			if err != nil {
				return err
			}
			units[demoID], byName[u.Name] = u, u
		}
		for _, qd := range d.Quarters {
			if err := t.loadDemoQuarter(qd, units); err != nil {
				return err
			}
		}
		for _, c := range d.Commendations {
			u, ok := byName[c.Unit]
			if !ok {
				return model.Errorf(model.ErrNotFound, "演示数据中没有区市“%s”", c.Unit)
			}
			if _, err := t.ensureQuarter(c.Quarter, false); err != nil {
				return err
			}
			if err := t.putCommendation(c.Quarter, u, c.Text); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *txn) loadDemoQuarter(qd model.QuarterData, units map[int64]model.Unit) error {
	q := qd.Quarter
	if _, err := t.ensureQuarter(q, false); err != nil {
		return err
	}
	sections := map[int64]model.Section{}
	for _, s := range qd.Sections {
		demoID := s.ID
		s.ID = 0
		s, err := t.createSection(q, s)
		if err != nil {
			return err
		}
		sections[demoID] = s
	}
	// The demo's rules refer to its own section IDs.
	rules, err := json.Marshal(qd.Rules.MapConditions(func(_ string, c model.Condition) model.Condition {
		if c.LooksAtSection() {
			c.Section = sections[c.Section].ID
		}
		return c
	}))
	if err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE quarters SET locked = ?, rules = ? WHERE quarter = ?`, qd.Locked, string(rules), q.String()); err != nil {
		return err
	}
	// Creating the quarter copied the items of the one before (or the
	// default one): keep those the demo has, add the others.
	stored, err := t.adjustments(q)
	if err != nil {
		return err
	}
	items := map[int64]model.Adjustment{}
	for _, a := range qd.Adjustments {
		demoID := a.ID
		s, ok := model.FindAdjustment(stored, a.Name)
		if !ok {
			a.ID, a.Order = 0, 0
			if s, err = t.createAdjustment(q, a); err != nil {
				return err
			}
		}
		items[demoID] = s
	}
	for _, du := range qd.Units {
		u := units[du.ID]
		for _, ds := range qd.Sections {
			if v, ok := qd.Scores[model.ScoreKey{Unit: du.ID, Section: ds.ID}]; ok {
				if err := t.putScore(q, u, sections[ds.ID], &v); err != nil {
					return err
				}
			}
		}
		for _, a := range qd.Adjustments {
			if v, ok := qd.Adjust[model.AdjustKey{Unit: du.ID, Item: a.ID}]; ok {
				if err := t.putAdjust(q, items[a.ID], u, &v); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
