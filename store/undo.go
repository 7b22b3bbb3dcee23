package store

import (
	"context"
	"database/sql"
	"fmt"

	"starflag/model"
)

// Undo and redo work on the audit log, and every step leaves its own audit
// rows. They reach only what this session (this open of the database: one
// dashboard) typed or pasted in entry (source SourceEntry, or the source As
// gave it): never another
// window's values, nor imports or setup. A restart is a new session, so the
// steps of the one before are no longer undoable, as in a spreadsheet that
// was closed; they stay in the audit log.

// Undo reverts this session's latest live entry batch of q (one typed value
// or one pasted block) and returns a description of it, or "" when there is
// nothing to undo. When someone else (another window, an import) has
// changed one of its cells since, even back to the same value, it changes
// nothing and says so; that step is dropped, so the next Undo goes on with
// the one before it.
func (db *DB) Undo(ctx context.Context, q model.Quarter) (string, error) {
	return db.step(ctx, q, true)
}

// Redo re-applies this session's most recently undone batch of q, as long
// as it typed nothing new since the undo. It refuses, as Undo does, a cell
// someone else changed since.
func (db *DB) Redo(ctx context.Context, q model.Quarter) (string, error) {
	return db.step(ctx, q, false)
}

type auditRow struct {
	id                           int64
	action, unit, field, old, nw string
}

// Values of audit.undone (migration 0004).
const (
	live    = 0
	undone  = 1
	skipped = 2 // refused: someone else changed a cell since
)

func (db *DB) step(ctx context.Context, q model.Quarter, undo bool) (string, error) {
	src := Source("undo")
	verb := "撤销"
	if !undo {
		src, verb = "redo", "重做"
	}
	if db.who != "" { // the audit log names who undid it
		src = db.who + ":" + src
	}
	var what string
	var refused error
	err := db.write(ctx, src, func(t *txn) error {
		what, refused = "", nil
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
		cells := make([]stepCell, len(rows))
		for i, r := range rows {
			from := r.nw
			if !undo {
				from = r.old
			}
			if cells[i], refused = t.stepCell(q, r, from, verb); refused != nil {
				_, err := t.exec(`UPDATE audit SET undone = ? WHERE batch = ?`, skipped, batch)
				return err // committed: the step is dropped, the refusal reported
			}
		}
		what = describeBatch(rows)
		state := undone
		if !undo {
			state = live
		}
		if err := t.freezeDependents(q); err != nil {
			return err
		}
		for i, r := range rows {
			to := r.old
			if !undo {
				to = r.nw
			}
			if err := t.revert(q, cells[i], to); err != nil {
				return err
			}
		}
		_, err = t.exec(`UPDATE audit SET undone = ? WHERE batch = ?`, state, batch)
		return err
	})
	if err == nil {
		err = refused
	}
	return what, err
}

// stepBatch finds this session's batch to undo (its latest live entry
// batch) or to redo (its earliest undone entry batch after that).
func (t *txn) stepBatch(q model.Quarter, undo bool) (int64, error) {
	var last int64
	err := t.row(`SELECT COALESCE(MAX(batch), 0) FROM audit WHERE quarter = ? AND source = ? AND session = ? AND undone = ?
		AND action IN ('score', 'adjust')`, q.String(), string(t.db.entrySource()), t.db.session, live).Scan(&last)
	if err != nil || undo {
		return last, err
	}
	var next sql.NullInt64
	err = t.row(`SELECT MIN(batch) FROM audit WHERE quarter = ? AND source = ? AND session = ? AND undone = ? AND batch > ?
		AND action IN ('score', 'adjust')`, q.String(), string(t.db.entrySource()), t.db.session, undone, last).Scan(&next)
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

// stepCell is one audited cell as stored now.
type stepCell struct {
	r       auditRow
	unit    model.Unit
	section model.Section    // for a score
	item    model.Adjustment // for an adjustment
	current *model.Hundredths
}

// stepCell reads the cell of audit row r and refuses (for verb) when
// someone else has written it since r, or it no longer holds from.
func (t *txn) stepCell(q model.Quarter, r auditRow, from, verb string) (stepCell, error) {
	c := stepCell{r: r}
	gone := model.Errorf(model.ErrConflict, "找不到区市“%s”或板块“%s”（已改名或删除），这一步不能%s，已跳过", r.unit, r.field, verb)
	var unitID int64
	if err := t.row(`SELECT id FROM units WHERE name = ?`, r.unit).Scan(&unitID); err != nil {
		return c, gone
	}
	var err error
	if c.unit, err = t.unit(unitID); err != nil {
		return c, gone
	}
	switch r.action {
	case "score":
		s := &c.section
		if err := t.row(`SELECT id, name, weight, max, ord FROM sections WHERE quarter = ? AND name = ?`, q.String(), r.field).
			Scan(&s.ID, &s.Name, &s.Weight, &s.Max, &s.Order); err != nil {
			return c, gone
		}
		c.current, err = t.value(`SELECT value FROM scores WHERE unit_id = ? AND section_id = ?`, unitID, s.ID)
	case "adjust":
		a := &c.item
		if err := t.row(`SELECT id, name, min, max, ord FROM adjustment_items WHERE quarter = ? AND name = ?`, q.String(), r.field).
			Scan(&a.ID, &a.Name, &a.Min, &a.Max, &a.Order); err != nil {
			return c, gone
		}
		c.current, err = t.value(`SELECT value FROM adjustments WHERE item_id = ? AND unit_id = ?`, a.ID, unitID)
	}
	if err != nil {
		return c, err
	}
	var others bool
	if err := t.row(`SELECT EXISTS (SELECT 1 FROM audit WHERE id > ? AND action = ? AND quarter = ? AND unit = ? AND field = ?
		AND session <> ?)`, r.id, r.action, q.String(), r.unit, r.field, t.db.session).Scan(&others); err != nil {
		return c, err
	}
	if others || fmtValue(c.current) != from {
		return c, model.Errorf(model.ErrConflict, "%s“%s”在这之后已被其他窗口或导入修改，这一步不能%s，已跳过", r.unit, r.field, verb)
	}
	return c, nil
}

// revert sets a checked cell to the audited value `to`.
func (t *txn) revert(q model.Quarter, c stepCell, to string) error {
	target, err := parseAuditValue(to)
	if err != nil {
		return err
	}
	if c.r.action == "adjust" {
		return t.putAdjust(q, c.item, c.unit, target)
	}
	return t.writeScore(q, c.unit, c.section, c.current, target)
}

func parseAuditValue(s string) (*model.Hundredths, error) {
	if s == "" {
		return nil, nil
	}
	v, err := model.ParseHundredths(s)
	if err != nil {
		return nil, model.Errorf(model.ErrInvalid, "数据库读写失败：审计记录中的数值无法读取：%s", s)
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
