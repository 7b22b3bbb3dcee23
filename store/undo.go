package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"starflag/model"
)

// Undo and redo work on the audit log, so they survive a restart and every
// step leaves its own audit rows. Only what was typed or pasted in entry
// (source SourceEntry) is undoable; imports and setup are not.

// Undo reverts the latest live entry batch of q (one typed value or one
// pasted block) and returns a description of it, or "" when there is
// nothing to undo. It refuses when a value has changed since (another user
// or an import), so undo never overwrites someone else's work.
func (db *DB) Undo(ctx context.Context, q model.Quarter) (string, error) {
	return db.step(ctx, q, true)
}

// Redo re-applies the most recently undone batch of q, as long as nothing
// new was typed since the undo.
func (db *DB) Redo(ctx context.Context, q model.Quarter) (string, error) {
	return db.step(ctx, q, false)
}

type auditRow struct {
	id                           int64
	action, unit, field, old, nw string
}

func (db *DB) step(ctx context.Context, q model.Quarter, undo bool) (string, error) {
	src := Source("undo")
	if !undo {
		src = "redo"
	}
	var what string
	err := db.write(ctx, src, func(t *txn) error {
		row, err := t.quarter(q)
		if err != nil {
			return err
		}
		if row.locked {
			return lockedError(q)
		}
		batch, err := t.stepBatch(q, undo)
		if err != nil || batch == 0 {
			return err
		}
		rows, err := t.batchRows(batch)
		if err != nil {
			return err
		}
		for _, r := range rows {
			from, to := r.nw, r.old
			if !undo {
				from, to = r.old, r.nw
			}
			if err := t.revert(q, row.adj, r, from, to); err != nil {
				return err
			}
		}
		_, err = t.exec(`UPDATE audit SET undone = ? WHERE batch = ?`, undo, batch)
		what = describeBatch(rows)
		return err
	})
	return what, err
}

// stepBatch finds the batch to undo (the latest live entry batch) or to redo
// (the earliest undone entry batch after the latest live one).
func (t *txn) stepBatch(q model.Quarter, undo bool) (int64, error) {
	var live int64
	err := t.row(`SELECT COALESCE(MAX(batch), 0) FROM audit WHERE quarter = ? AND source = ? AND undone = 0
		AND action IN ('score', 'adjust')`, q.String(), string(SourceEntry)).Scan(&live)
	if err != nil || undo {
		return live, err
	}
	var next sql.NullInt64
	err = t.row(`SELECT MIN(batch) FROM audit WHERE quarter = ? AND source = ? AND undone = 1 AND batch > ?
		AND action IN ('score', 'adjust')`, q.String(), string(SourceEntry), live).Scan(&next)
	return next.Int64, err
}

func (t *txn) batchRows(batch int64) ([]auditRow, error) {
	var rows []auditRow
	err := t.each(`SELECT id, action, unit, field, old, new FROM audit WHERE batch = ? ORDER BY id`, []any{batch},
		func(r *sql.Rows) error {
			var a auditRow
			rows = append(rows, a)
			return r.Scan(&rows[len(rows)-1].id, &rows[len(rows)-1].action, &rows[len(rows)-1].unit,
				&rows[len(rows)-1].field, &rows[len(rows)-1].old, &rows[len(rows)-1].nw)
		})
	return rows, err
}

// revert sets one audited cell from `from` back to `to`, refusing when the
// stored value is no longer `from`.
func (t *txn) revert(q model.Quarter, adj model.Adjustment, r auditRow, from, to string) error {
	var unitID int64
	if err := t.row(`SELECT id FROM units WHERE name = ?`, r.unit).Scan(&unitID); err != nil {
		return fmt.Errorf("找不到区市“%s”，无法撤销：%w", r.unit, model.ErrNotFound)
	}
	u, err := t.unit(unitID)
	if err != nil {
		return err
	}
	target, err := parseAuditValue(to)
	if err != nil {
		return err
	}
	var current *model.Hundredths
	switch r.action {
	case "score":
		var s model.Section
		if err := t.row(`SELECT id, name, weight, max, ord FROM sections WHERE quarter = ? AND name = ?`, q.String(), r.field).
			Scan(&s.ID, &s.Name, &s.Weight, &s.Max, &s.Order); err != nil {
			return fmt.Errorf("找不到板块“%s”，无法撤销：%w", r.field, model.ErrNotFound)
		}
		if current, err = t.value(`SELECT value FROM scores WHERE unit_id = ? AND section_id = ?`, u.ID, s.ID); err != nil {
			return err
		}
		if fmtValue(current) != from {
			return changedSince(u, r.field)
		}
		return t.writeScore(q, u, s, current, target)
	case "adjust":
		if current, err = t.value(`SELECT value FROM adjustments WHERE quarter = ? AND unit_id = ?`, q.String(), u.ID); err != nil {
			return err
		}
		if fmtValue(current) != from {
			return changedSince(u, r.field)
		}
		return t.putAdjust(q, adj, u, target)
	}
	return nil
}

func changedSince(u model.Unit, field string) error {
	return fmt.Errorf("%s“%s”已被其他人或导入修改过，不能撤销：%w", u.Name, field, model.ErrConflict)
}

func parseAuditValue(s string) (*model.Hundredths, error) {
	if s == "" {
		return nil, nil
	}
	v, err := model.ParseHundredths(s)
	if err != nil {
		return nil, errors.New("审计记录中的数值无法读取：" + s)
	}
	return &v, nil
}

// describeBatch names what an undo or redo touched: "市南区/经济运行" or "12 个单元格".
func describeBatch(rows []auditRow) string {
	switch len(rows) {
	case 0:
		return ""
	case 1:
		return rows[0].unit + "/" + rows[0].field
	}
	return fmt.Sprintf("%d 个单元格", len(rows))
}
