package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"starflag/model"
)

// SetScore sets one section score of a unit in q, or clears it when value
// is nil. The value must lie between 0 and the section's maximum.
func (db *DB) SetScore(ctx context.Context, q model.Quarter, unitID, sectionID int64, value *model.Hundredths, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		u, s, old, read, err := t.scoreCell(q, unitID, sectionID)
		if err != nil {
			return err
		}
		if err := t.checkScore(q, u, s, value); err != nil {
			return err
		}
		if read { // a locked quarter's result reads q
			if err := t.freezeDependents(q); err != nil {
				return err
			}
		}
		return t.writeScore(q, u, s, old, value)
	})
}

// scoreCellQuery reads everything a save checks in one statement. The ids
// are bound as +? on purpose: SQLite 3.54 re-plans a join whose "col = ?"
// term is bound to 0 or 1 after another value (or the reverse), so saving
// down a column from unit 1 re-prepared the statement every few values; a
// unary plus is no longer a plain column = parameter term, and the lookups
// still use the primary keys (TestScoreCellQueryPlan). The last column is
// the first locked quarter after q (NULL when none, as usual: the published
// quarters come before the one being entered), so that the usual save pays
// no more than this one statement to know whether a locked result reads q
// (see freeze).
const scoreCellQuery = `SELECT q.locked, u.name, u.from_q, u.until_q, s.name, s.max, c.value,
		(SELECT MIN(l.quarter) FROM quarters l WHERE l.quarter > +?3 AND l.locked)
	FROM sections s JOIN quarters q ON q.quarter = s.quarter JOIN units u ON u.id = +?1
	LEFT JOIN scores c ON c.unit_id = u.id AND c.section_id = s.id
	WHERE s.id = +?2 AND s.quarter = ?3`

// scoreCell reads in one statement all that saving a score needs: the
// quarter's lock, the unit, the section, the stored value, and whether a
// locked quarter's result reads q. A typed value is then saved with three
// statements besides BEGIN and COMMIT, which keeps it within twice the cost
// of a bare one-row insert transaction.
func (t *txn) scoreCell(q model.Quarter, unitID, sectionID int64) (u model.Unit, s model.Section, v *model.Hundredths, read bool, err error) {
	u, s = model.Unit{ID: unitID}, model.Section{ID: sectionID}
	var locked bool
	var from, until string
	var old sql.NullInt64
	var later sql.NullString
	err = t.row(scoreCellQuery, unitID, sectionID, q.String()).
		Scan(&locked, &u.Name, &from, &until, &s.Name, &s.Max, &old, &later)
	if errors.Is(err, sql.ErrNoRows) { // say which is missing
		if _, err := t.unit(unitID); err != nil {
			return u, s, nil, false, err
		}
		_, err = t.section(q, sectionID)
		return u, s, nil, false, err
	}
	if err != nil {
		return u, s, nil, false, err
	}
	if locked {
		return u, s, nil, false, lockedError(q)
	}
	if u.From, err = parseQuarter(from); err == nil {
		u.Until, err = parseQuarter(until)
	}
	if later.Valid {
		l, perr := model.ParseQuarter(later.String)
		read = perr != nil || l.Index() <= q.Index()+resultLead
		if !read && l.Index() <= q.Index()+model.MaxRedMarkStreak { // a long 红牌 streak may read q
			var lead int
			if lead, err = t.lead(); err != nil {
				return u, s, nil, false, err
			}
			read = l.Index() <= q.Index()+lead
		}
	}
	if old.Valid {
		h := model.Hundredths(old.Int64)
		v = &h
	}
	return u, s, v, read, err
}

// SetAdjust sets a unit's value of q's adjustment item itemID, or clears
// it when value is nil. The value must lie within the item's range.
func (db *DB) SetAdjust(ctx context.Context, q model.Quarter, unitID, itemID int64, value *model.Hundredths, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		if _, err := t.beginEdit(q); err != nil {
			return err
		}
		a, err := t.adjustment(q, itemID)
		if err != nil {
			return err
		}
		u, err := t.unit(unitID)
		if err != nil {
			return err
		}
		return t.putAdjust(q, a, u, value)
	})
}

// SetTalk records that the 约谈 with a unit warned in q was held (a zero
// Talk removes the record). It changes no result, so a locked quarter takes
// it too. A unit without a warning in q is refused.
func (db *DB) SetTalk(ctx context.Context, q model.Quarter, unitID int64, tk model.Talk, src Source) error {
	if tk.Held() {
		var err error
		if tk, err = model.ParseTalk(q, tk.Date, tk.Note); err != nil {
			return err
		}
	}
	return db.write(ctx, src, func(t *txn) error {
		u, err := t.unit(unitID)
		if err != nil {
			return err
		}
		var old model.Talk
		err = t.row(`SELECT date, note FROM talks WHERE quarter = ? AND unit_id = ?`, q.String(), u.ID).Scan(&old.Date, &old.Note)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if old == tk {
			return nil
		}
		if tk.Held() {
			rs, err := t.results([]model.Quarter{q})
			if err != nil {
				return err
			}
			if s := rs[0].Find(u.ID); s == nil || !s.Warned() {
				return model.Errorf(model.ErrInvalid, "%s 在 %s 没有警示，不需要约谈记录", u.Name, q)
			}
			_, err = t.exec(`INSERT INTO talks (quarter, unit_id, date, note) VALUES (?, ?, ?, ?)
				ON CONFLICT (quarter, unit_id) DO UPDATE SET date = excluded.date, note = excluded.note`, q.String(), u.ID, tk.Date, tk.Note)
			if err != nil {
				return err
			}
		} else if _, err := t.exec(`DELETE FROM talks WHERE quarter = ? AND unit_id = ?`, q.String(), u.ID); err != nil {
			return err
		}
		return t.audit("talk", q, u.Name, "约谈", strings.TrimSpace(old.Date+" "+old.Note), strings.TrimSpace(tk.Date+" "+tk.Note))
	})
}

// SetVeto records the 一票否决 of a unit in q with its reason; "" removes it.
// A vetoed unit keeps its composite and rank but holds no flag.
func (db *DB) SetVeto(ctx context.Context, q model.Quarter, unitID int64, reason string, src Source) error {
	if strings.TrimSpace(reason) == "" {
		reason = ""
	} else {
		clean, err := model.CheckName("一票否决的原因", reason, model.MaxCommendationWidth)
		if err != nil {
			return err
		}
		reason = clean
	}
	return db.write(ctx, src, func(t *txn) error {
		if _, err := t.beginEdit(q); err != nil {
			return err
		}
		u, err := t.unit(unitID)
		if err != nil {
			return err
		}
		if err := activeIn(u, q); err != nil {
			return err
		}
		return t.putUnitText(vetoText, q, u, reason)
	})
}

// ApplyImport writes a checked plan in one transaction: the quarter (when
// new), its sections from the file header, new units, and every cell. Each
// cell is compared with the value stored when the transaction runs, so a
// plan that lists every pasted cell sets them all even when the plan was
// made on a stale view. Any failure leaves the database as it was.
func (db *DB) ApplyImport(ctx context.Context, plan model.ImportPlan, src Source) error {
	return db.write(ctx, src, applyImport(plan))
}

// PlanImport checks an import file, or several (in.Files), against the
// quarter q as stored now and returns what importing them would change,
// writing nothing (--dry-run). The caller gives the files and the options;
// the store fills in the rest.
func (db *DB) PlanImport(ctx context.Context, q model.Quarter, in model.ImportInput) (model.ImportPlan, error) {
	var plan model.ImportPlan
	err := db.read(ctx, func(t *txn) error {
		var err error
		plan, err = t.planImport(q, in)
		return err
	})
	return plan, err
}

// Import checks an import file, or several (in.Files, checked against each
// other too), against q and writes them in one write transaction, and
// returns the plan it wrote. Checking inside the
// transaction means no other write can come between: two imports of one
// quarter at once leave it as one file applied over the other, never with
// cells the later one skipped because they were unchanged when it looked.
func (db *DB) Import(ctx context.Context, q model.Quarter, in model.ImportInput, src Source) (model.ImportPlan, error) {
	var plan model.ImportPlan
	err := db.write(ctx, src, func(t *txn) error {
		var err error
		if plan, err = t.planImport(q, in); err != nil {
			return err
		}
		testHookPlanned()
		return applyImport(plan)(t)
	})
	return plan, err
}

// testHookPlanned runs between checking an import and writing it; the
// interleaving test widens that moment, where no other write may slip in.
var testHookPlanned = func() {}

// planImport is model.PlanImport against the quarter as this transaction sees it.
func (t *txn) planImport(q model.Quarter, in model.ImportInput) (model.ImportPlan, error) {
	units, err := t.units()
	if err != nil {
		return model.ImportPlan{}, err
	}
	if in.Data, err = t.quarterData(q, units); err != nil {
		return model.ImportPlan{}, err
	}
	in.AllUnits = units
	from, err := t.latestWithSections(q)
	if err == nil && !from.IsZero() {
		in.Defaults, err = t.sections(from)
	}
	if err != nil {
		return model.ImportPlan{}, err
	}
	return model.PlanImport(in)
}

// applyImport writes plan. It is refused when it changes what a locked
// quarter published: one of those that read plan's quarter, or any later
// one when the plan adds units (they take part from its quarter on).
func applyImport(plan model.ImportPlan) func(t *txn) error {
	q := plan.Quarter
	return func(t *txn) error {
		lead, err := t.lead()
		if err != nil {
			return err
		}
		to := model.QuarterAt(q.Index() + lead)
		if len(plan.NewUnits) > 0 {
			to = model.Quarter{}
		}
		if err := t.freeze(q.Next(), to); err != nil {
			return err
		}
		row, err := t.writable(q, len(plan.NewSections) == 0)
		if err != nil {
			return err
		}
		sections, err := t.sections(q)
		if err != nil {
			return err
		}
		if len(plan.NewSections) > 0 && len(sections) > 0 {
			return model.Errorf(model.ErrConflict, "%s 已有考核板块，不能再按文件表头新建", q)
		}
		// New sections (--add-sections: after the quarter's own) are
		// numbered here: createSection's own numbering reads every section
		// of q, so n new ones took n² reads.
		next := 1
		for _, s := range sections {
			next = max(next, s.Order+1)
		}
		for _, s := range append(slices.Clip(plan.NewSections), plan.AddedSections...) {
			s.ID, s.Order = 0, next
			next++
			if s, err = t.createSection(q, s); err != nil {
				return err
			}
			sections = append(sections, s)
		}
		if len(plan.NewSections)+len(plan.AddedSections) > 0 {
			if row.rules, err = t.rebindRules(q, row.rules); err != nil {
				return err
			}
		}
		newUnits := make([]model.Unit, len(plan.NewUnits))
		for i, u := range plan.NewUnits {
			u.From, u.Order = q, 0
			newUnits[i] = u
		}
		if _, err := t.createUnits(newUnits); err != nil {
			return err
		}
		units, err := t.units()
		if err != nil {
			return err
		}
		unitByName := make(map[string]model.Unit, len(units))
		for _, u := range units {
			unitByName[u.Name] = u
		}
		secByName := make(map[string]model.Section, len(sections))
		for _, s := range sections {
			secByName[s.Name] = s
		}
		// One read of the stored values instead of one per cell.
		stored, err := t.quarterData(q, units)
		if err != nil {
			return err
		}
		items, err := t.adjustments(q)
		if err != nil {
			return err
		}
		for _, c := range plan.Cells {
			u, ok := unitByName[c.Unit]
			if !ok {
				return model.Errorf(model.ErrNotFound, "没有名为“%s”的区市，整个文件未导入", c.Unit)
			}
			v := c.New
			if c.Section == "" {
				a, ok := model.FindAdjustment(items, c.Item)
				if !ok {
					return model.Errorf(model.ErrNotFound, "%s 没有名为“%s”的加减分项，整个文件未导入", q, c.Item)
				}
				err = t.putAdjust(q, a, u, &v)
			} else if s, ok := secByName[c.Section]; ok {
				err = t.checkScore(q, u, s, &v)
				if err == nil {
					var old *model.Hundredths
					if o, ok := stored.Scores[model.ScoreKey{Unit: u.ID, Section: s.ID}]; ok {
						old = &o
					}
					err = t.writeScore(q, u, s, old, &v)
				}
			} else {
				err = model.Errorf(model.ErrNotFound, "%s 没有名为“%s”的板块，整个文件未导入", q, c.Section)
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// putScore stores or clears one score and audits it when it changed.
func (t *txn) putScore(q model.Quarter, u model.Unit, s model.Section, v *model.Hundredths) error {
	if err := t.checkScore(q, u, s, v); err != nil {
		return err
	}
	old, err := t.value(`SELECT value FROM scores WHERE unit_id = ? AND section_id = ?`, u.ID, s.ID)
	if err != nil {
		return err
	}
	return t.writeScore(q, u, s, old, v)
}

// checkScore refuses a unit outside the quarter or a value out of range.
func (t *txn) checkScore(q model.Quarter, u model.Unit, s model.Section, v *model.Hundredths) error {
	if err := activeIn(u, q); err != nil {
		return err
	}
	if v != nil && (*v < 0 || *v > s.Max) {
		return model.Errorf(model.ErrInvalid, "%s“%s”的得分 %s 超出范围 0–%s", u.Name, s.Name, v, s.Max)
	}
	return nil
}

// writeScore replaces the stored score old (nil = none) with v and audits
// the change; the caller has checked v.
func (t *txn) writeScore(q model.Quarter, u model.Unit, s model.Section, old, v *model.Hundredths) error {
	if same(old, v) {
		return nil
	}
	var err error
	if v == nil {
		_, err = t.exec(`DELETE FROM scores WHERE unit_id = ? AND section_id = ?`, u.ID, s.ID)
	} else {
		_, err = t.exec(`INSERT INTO scores (unit_id, section_id, value) VALUES (?, ?, ?)
			ON CONFLICT (unit_id, section_id) DO UPDATE SET value = excluded.value`, u.ID, s.ID, *v)
	}
	if err != nil {
		return err
	}
	return t.audit("score", q, u.Name, s.Name, fmtValue(old), fmtValue(v))
}

// putAdjust stores or clears one value of the adjustment item a and
// audits it when it changed.
func (t *txn) putAdjust(q model.Quarter, a model.Adjustment, u model.Unit, v *model.Hundredths) error {
	if err := activeIn(u, q); err != nil {
		return err
	}
	if v != nil && (*v < a.Min || *v > a.Max) {
		return model.Errorf(model.ErrInvalid, "%s“%s”%s 超出范围 %s–%s", u.Name, a.Name, v, a.Min, a.Max)
	}
	old, err := t.value(`SELECT value FROM adjustments WHERE item_id = ? AND unit_id = ?`, a.ID, u.ID)
	if err != nil || same(old, v) {
		return err
	}
	if v == nil {
		_, err = t.exec(`DELETE FROM adjustments WHERE item_id = ? AND unit_id = ?`, a.ID, u.ID)
	} else {
		_, err = t.exec(`INSERT INTO adjustments (item_id, unit_id, value) VALUES (?, ?, ?)
			ON CONFLICT (item_id, unit_id) DO UPDATE SET value = excluded.value`, a.ID, u.ID, *v)
	}
	if err != nil {
		return err
	}
	return t.audit("adjust", q, u.Name, a.Name, fmtValue(old), fmtValue(v))
}

func activeIn(u model.Unit, q model.Quarter) error {
	if !u.ActiveIn(q) {
		return model.Errorf(model.ErrInvalid, "区市“%s”不参加 %s 的考核", u.Name, q)
	}
	return nil
}

// value reads one optional stored value.
func (t *txn) value(query string, args ...any) (*model.Hundredths, error) {
	s, err := t.prepared(query)
	if err != nil {
		return nil, err
	}
	var v model.Hundredths
	err = s.QueryRowContext(t.ctx, args...).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func same(a, b *model.Hundredths) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// SetCommendation sets the commendation (表扬) text of a unit in q; ""
// removes it.
func (db *DB) SetCommendation(ctx context.Context, q model.Quarter, unitID int64, text string, src Source) error {
	if strings.TrimSpace(text) == "" {
		text = ""
	} else {
		clean, err := model.CheckName("表扬内容", text, model.MaxCommendationWidth)
		if err != nil {
			return err
		}
		text = clean
	}
	return db.write(ctx, src, func(t *txn) error {
		if _, err := t.writable(q, true); err != nil {
			return err
		}
		u, err := t.unit(unitID)
		if err != nil {
			return err
		}
		return t.putCommendation(q, u, text)
	})
}

// putCommendation stores or removes one commendation and audits a change.
func (t *txn) putCommendation(q model.Quarter, u model.Unit, text string) error {
	return t.putUnitText(commendationText, q, u, text)
}

// unitText is a table of one text per unit and quarter: its column, the
// audit's action and the field's name there.
type unitText struct{ table, column, action, field string }

// The tables of one text per unit and quarter. Their names are constants,
// written into the statements of putUnitText.
var (
	commendationText = unitText{"commendations", "text", "commendation", "表扬"}
	vetoText         = unitText{"vetoes", "reason", "veto", "一票否决"}
)

// putUnitText stores or removes ("") u's text of kind k in q, and audits a
// change.
func (t *txn) putUnitText(k unitText, q model.Quarter, u model.Unit, text string) error {
	var old string
	err := t.row(`SELECT `+k.column+` FROM `+k.table+` WHERE quarter = ? AND unit_id = ?`, q.String(), u.ID).Scan(&old)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if old == text {
		return nil
	}
	if text == "" {
		_, err = t.exec(`DELETE FROM `+k.table+` WHERE quarter = ? AND unit_id = ?`, q.String(), u.ID)
	} else {
		_, err = t.exec(`INSERT INTO `+k.table+` (quarter, unit_id, `+k.column+`) VALUES (?, ?, ?)
			ON CONFLICT (quarter, unit_id) DO UPDATE SET `+k.column+` = excluded.`+k.column, q.String(), u.ID, text)
	}
	if err != nil {
		return err
	}
	return t.audit(k.action, q, u.Name, k.field, old, text)
}

// Commendations returns the commendation texts of q by unit ID.
func (db *DB) Commendations(ctx context.Context, q model.Quarter) (map[int64]string, error) {
	out := map[int64]string{}
	err := db.read(ctx, func(t *txn) error {
		return t.each(`SELECT unit_id, text FROM commendations WHERE quarter = ?`, []any{q.String()}, func(rows *sql.Rows) error {
			var id int64
			var s string
			err := rows.Scan(&id, &s)
			out[id] = s
			return err
		})
	})
	return out, err
}
