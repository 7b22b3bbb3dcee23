package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"

	"starflag/model"
)

// QuarterInfo is one stored quarter, for lists and the check report.
type QuarterInfo struct {
	model.QuarterStatus
	Sections int
}

// validQuarter matches the quarters model.ParseQuarter accepts, as stored
// (1000Q1–9999Q4). A row outside it, such as 10000Q1 that `]` on 9999Q4
// once stored, is left out of every list and every "latest earlier"
// comparison (as text it sorts before 2023Q1) until it is deleted: Check
// names it (see InvalidQuarters and DeleteQuarter).
const validQuarter = ` GLOB '[1-9][0-9][0-9][0-9]Q[1-4]'`

// ListQuarters returns the valid quarters that have a row, oldest first,
// with how complete each is.
func (db *DB) ListQuarters(ctx context.Context) ([]QuarterInfo, error) {
	var out []QuarterInfo
	err := db.read(ctx, func(t *txn) error {
		var err error
		out, err = t.quarters()
		return err
	})
	return out, err
}

func (t *txn) quarters() ([]QuarterInfo, error) {
	units, err := t.units()
	if err != nil {
		return nil, err
	}
	var out []QuarterInfo
	at := map[model.Quarter]int{}
	err = t.each(`SELECT q.quarter, q.locked,
			(SELECT count(*) FROM sections s WHERE s.quarter = q.quarter),
			(SELECT count(*) FROM scores c JOIN sections s ON s.id = c.section_id WHERE s.quarter = q.quarter)
		FROM quarters q WHERE q.quarter`+validQuarter+` ORDER BY q.quarter`, nil, func(rows *sql.Rows) error {
		var qi QuarterInfo
		var s string
		if err := rows.Scan(&s, &qi.Locked, &qi.Sections, &qi.Scores); err != nil {
			return err
		}
		var err error
		if qi.Quarter, err = model.ParseQuarter(s); err != nil {
			return err
		}
		for _, u := range units {
			if u.ActiveIn(qi.Quarter) {
				qi.Cells += qi.Sections
			}
		}
		at[qi.Quarter] = len(out)
		out = append(out, qi)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Completeness counts only the scores of the units taking part: take
	// away each quarter's scores of units outside their first..last quarter
	// (model.Unit.ActiveIn). For each such unit, only the sections of the
	// quarters outside its range are looked at (a range of the quarter
	// index, then one primary-key look-up each), so this costs nothing for
	// units that always took part or joined at the start.
	err = t.each(`SELECT s.quarter, count(*) FROM (
			SELECT s.quarter, s.id AS sid, u.id AS uid FROM units u CROSS JOIN sections s
				WHERE u.from_q != '' AND s.quarter < u.from_q
			UNION ALL
			SELECT s.quarter, s.id, u.id FROM units u CROSS JOIN sections s
				WHERE u.until_q != '' AND s.quarter > u.until_q
		) s CROSS JOIN scores c ON c.section_id = s.sid AND c.unit_id = s.uid
		WHERE s.quarter`+validQuarter+` GROUP BY s.quarter`, nil, func(rows *sql.Rows) error {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return err
		}
		q, err := model.ParseQuarter(s)
		if i, ok := at[q]; ok && err == nil {
			out[i].Scores -= n
		}
		return err
	})
	return out, err
}

// InvalidQuarter is a stored quarter outside 1000Q1–9999Q4 (see
// validQuarter), with what it holds.
type InvalidQuarter struct {
	Name     string // as stored: it is no model.Quarter
	Sections int
	Scores   int
}

// InvalidQuarters lists the stored quarters outside the valid range.
func (db *DB) InvalidQuarters(ctx context.Context) ([]InvalidQuarter, error) {
	var out []InvalidQuarter
	err := db.read(ctx, func(t *txn) error {
		var err error
		out, err = t.invalidQuarters()
		return err
	})
	return out, err
}

func (t *txn) invalidQuarters() ([]InvalidQuarter, error) {
	var out []InvalidQuarter
	err := t.each(`SELECT q.quarter,
			(SELECT count(*) FROM sections s WHERE s.quarter = q.quarter),
			(SELECT count(*) FROM scores c JOIN sections s ON s.id = c.section_id WHERE s.quarter = q.quarter)
		FROM quarters q WHERE NOT q.quarter`+validQuarter+` ORDER BY q.quarter`, nil, func(rows *sql.Rows) error {
		var iq InvalidQuarter
		err := rows.Scan(&iq.Name, &iq.Sections, &iq.Scores)
		out = append(out, iq)
		return err
	})
	return out, err
}

// DeleteQuarter removes the stored quarter named name with its sections,
// scores, adjustments and commendations. An invalid quarter (see
// InvalidQuarters) can only be deleted, so it goes with whatever it holds; a
// valid one only while it is unlocked and holds nothing typed (a quarter
// created by mistake), so that no score is lost by it.
func (db *DB) DeleteQuarter(ctx context.Context, name string, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		var locked bool
		err := t.row(`SELECT locked FROM quarters WHERE quarter = ?`, name).Scan(&locked)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.ErrNotFound, "没有季度“%s”", model.SafeText(name))
		}
		if err != nil {
			return err
		}
		var scores, other int
		if err := t.row(`SELECT (SELECT count(*) FROM scores c JOIN sections s ON s.id = c.section_id WHERE s.quarter = ?),
			(SELECT count(*) FROM adjustments a JOIN adjustment_items i ON i.id = a.item_id WHERE i.quarter = ?) +
			(SELECT count(*) FROM commendations WHERE quarter = ?) + (SELECT count(*) FROM vetoes WHERE quarter = ?) +
			(SELECT count(*) FROM talks WHERE quarter = ?)`,
			name, name, name, name, name).Scan(&scores, &other); err != nil {
			return err
		}
		if q, err := model.ParseQuarter(name); err == nil && q.String() == name {
			switch {
			case locked:
				return lockedError(q)
			case scores+other > 0:
				return model.Errorf(model.ErrConflict, "%s 已有 %d 个得分和 %d 项加减分、表扬、一票否决或约谈记录，不能删除；请先清除", q, scores, other)
			}
			// Deleting it must not change a locked quarter that reads it.
			if err := t.freezeDependents(q); err != nil {
				return err
			}
		}
		for _, stmt := range []string{
			`DELETE FROM scores WHERE section_id IN (SELECT id FROM sections WHERE quarter = ?)`,
			`DELETE FROM sections WHERE quarter = ?`,
			`DELETE FROM adjustments WHERE item_id IN (SELECT id FROM adjustment_items WHERE quarter = ?)`,
			`DELETE FROM adjustment_items WHERE quarter = ?`,
			`DELETE FROM commendations WHERE quarter = ?`,
			`DELETE FROM vetoes WHERE quarter = ?`,
			`DELETE FROM talks WHERE quarter = ?`,
			`DELETE FROM quarters WHERE quarter = ?`,
		} {
			if _, err := t.exec(stmt, name); err != nil {
				return err
			}
		}
		return t.audit("delete_quarter", model.Quarter{}, "", "季度", name, fmt.Sprintf("删除（含 %d 个得分）", scores))
	})
}

// QuarterData loads one quarter for model.Compute. A quarter without a row
// yet has the active units and the sections (with ID 0), rules and
// adjustment it would inherit when created.
func (db *DB) QuarterData(ctx context.Context, q model.Quarter) (model.QuarterData, error) {
	var d model.QuarterData
	err := db.read(ctx, func(t *txn) error {
		units, err := t.units()
		if err == nil {
			d, err = t.quarterData(q, units)
		}
		return err
	})
	return d, err
}

// Result computes q, compared with the quarter before it (which is compared
// with its own predecessor, for warning streaks).
func (db *DB) Result(ctx context.Context, q model.Quarter) (model.Result, error) {
	rs, err := db.Results(ctx, q, q)
	if err != nil {
		return model.Result{}, err
	}
	return rs[0], nil
}

// Results computes every quarter from `from` to `to` inclusive, each with
// its movement against the quarter before it.
func (db *DB) Results(ctx context.Context, from, to model.Quarter) ([]model.Result, error) {
	if from.IsZero() || to.Before(from) {
		return nil, model.Errorf(model.ErrInvalid, "季度范围 %s 至 %s 无效", from, to)
	}
	var ds []model.QuarterData
	lead := 0 // quarters loaded before `from` for movement and streaks
	err := db.read(ctx, func(t *txn) error {
		units, err := t.units()
		if err == nil {
			lead, err = t.lead()
		}
		if err != nil {
			return err
		}
		for i := from.Index() - lead; i <= to.Index(); i++ {
			d, err := t.quarterData(model.QuarterAt(i), units)
			if err != nil {
				return err
			}
			ds = append(ds, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return model.ComputeSeries(ds)[lead:], nil
}

// LatestSections returns the sections of the latest quarter before q that
// has any, as defaults for a quarter whose sections come from an import.
func (db *DB) LatestSections(ctx context.Context, q model.Quarter) ([]model.Section, error) {
	var out []model.Section
	err := db.read(ctx, func(t *txn) error {
		from, err := t.latestWithSections(q)
		if err != nil || from.IsZero() {
			return err
		}
		out, err = t.sections(from)
		return err
	})
	return out, err
}

// CreateQuarter creates q with the sections, adjustment and rules of the
// latest earlier quarter (the defaults, and the three default sections, when
// there is none). An existing quarter is left as it is.
func (db *DB) CreateQuarter(ctx context.Context, q model.Quarter, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		if err := t.freezeDependents(q); err != nil {
			return err
		}
		_, err := t.ensureQuarter(q, true)
		return err
	})
}

// SetRules replaces the rules of q.
func (db *DB) SetRules(ctx context.Context, q model.Quarter, r model.Rules, src Source) error {
	return db.setRules(ctx, q, nil, r, src)
}

// SetRulesFrom replaces the rules of q with r, made from base, the rules
// as the caller read them (QuarterData's): when the stored rules are no
// longer base, another window or process changed them since, and saving r
// would undo that change unseen, so it is refused (ErrConflict) and
// nothing is written. The comparison is in the write transaction, so no
// change can come between it and the write.
func (db *DB) SetRulesFrom(ctx context.Context, q model.Quarter, base, r model.Rules, src Source) error {
	return db.setRules(ctx, q, &base, r, src)
}

func (db *DB) setRules(ctx context.Context, q model.Quarter, base *model.Rules, r model.Rules, src Source) error {
	r, err := model.CleanRules(r) // names are shown: refuse escape sequences, bidi, too long
	if err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	return db.write(ctx, src, func(t *txn) error {
		if base != nil {
			if err := t.rulesStill(q, *base); err != nil {
				return err
			}
		}
		row, err := t.writable(q, true)
		if err != nil {
			return err
		}
		bound, err := t.bindRules(q, r, false)
		if err != nil {
			return err
		}
		if err := t.checkGroups(q, bound); err != nil {
			return err
		}
		b, _ := json.Marshal(bound)
		if was, _ := json.Marshal(row.rules); string(b) == string(was) {
			return nil
		}
		if err := t.freezeDependents(q); err != nil {
			return err
		}
		return t.putRules(q, row.rules, bound)
	})
}

// rulesStill refuses when q's rules, as QuarterData reads them (a quarter
// not created yet: those it would inherit), are no longer base.
func (t *txn) rulesStill(q model.Quarter, base model.Rules) error {
	row, err := t.quarter(q)
	if err == nil && !row.exists {
		row, _, err = t.inherited(q)
	}
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(row.rules, base) {
		return &model.Error{Code: model.ErrConflict, Quarter: q,
			Message: "另一个窗口刚修改了 " + q.String() + " 的设置，这次修改没有保存；已重新读取，请重新修改"}
	}
	return nil
}

// putRules stores q's rules r in place of old, audited when they differ.
func (t *txn) putRules(q model.Quarter, old, r model.Rules) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	was, _ := json.Marshal(old)
	if string(was) == string(b) {
		return nil
	}
	if _, err := t.exec(`UPDATE quarters SET rules = ? WHERE quarter = ?`, string(b), q.String()); err != nil {
		return err
	}
	return t.audit("set_rules", q, "", "规则", string(was), string(b))
}

// checkGroups refuses groups that q cannot use (model.QuarterData.CheckGroups).
func (t *txn) checkGroups(q model.Quarter, r model.Rules) error {
	units, err := t.units()
	if err != nil {
		return err
	}
	d, err := t.quarterData(q, units)
	if err != nil {
		return err
	}
	return d.CheckGroups(r)
}

// SetAdjustment changes the name and range of q's adjustment item a.ID.
// Stored values must stay within the new range.
func (db *DB) SetAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment, src Source) error {
	a, err := checkAdjustment(a)
	if err != nil {
		return err
	}
	return db.write(ctx, src, func(t *txn) error {
		if _, err := t.beginEdit(q); err != nil {
			return err
		}
		return t.updateAdjustment(q, a)
	})
}

// updateAdjustment changes item a.ID of q to a (checked): refused while a
// stored value lies outside the new range.
func (t *txn) updateAdjustment(q model.Quarter, a model.Adjustment) error {
	old, err := t.adjustment(q, a.ID)
	if err != nil {
		return err
	}
	if a.Order == 0 {
		a.Order = old.Order
	}
	if a.Name != old.Name {
		if err := t.itemNameFree(q, a.Name); err != nil {
			return err
		}
	}
	var outside int
	if err := t.row(`SELECT count(*) FROM adjustments WHERE item_id = ? AND (value < ? OR value > ?)`,
		a.ID, a.Min, a.Max).Scan(&outside); err != nil {
		return err
	}
	if outside > 0 {
		return model.Errorf(model.ErrInvalid, "%s 有 %d 个“%s”超出新范围 %s–%s，请先修改这些数值", q, outside, old.Name, a.Min, a.Max)
	}
	if _, err := t.exec(`UPDATE adjustment_items SET name = ?, min = ?, max = ?, ord = ? WHERE id = ?`,
		a.Name, a.Min, a.Max, a.Order, a.ID); err != nil {
		return err
	}
	for _, c := range [][3]string{
		{"加减分项名称", old.Name, a.Name},
		{"加减分项下限", old.Min.String(), a.Min.String()},
		{"加减分项上限", old.Max.String(), a.Max.String()},
		{"加减分项顺序", strconv.Itoa(old.Order), strconv.Itoa(a.Order)},
	} {
		if c[1] != c[2] {
			if err := t.audit("set_adjustment", q, "", c[0], c[1], c[2]); err != nil {
				return err
			}
		}
	}
	return nil
}

// CreateAdjustment adds an adjustment item to q (creating the quarter when
// needed); Order 0 puts it last.
func (db *DB) CreateAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment, src Source) (model.Adjustment, error) {
	a, err := checkAdjustment(a)
	if err != nil {
		return a, err
	}
	err = db.write(ctx, src, func(t *txn) error {
		if _, err := t.beginEdit(q); err != nil {
			return err
		}
		a, err = t.createAdjustment(q, a)
		return err
	})
	return a, err
}

// DeleteAdjustment removes an adjustment item of q; it is refused while a
// unit has a value in it.
func (db *DB) DeleteAdjustment(ctx context.Context, q model.Quarter, id int64, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		if _, err := t.beginEdit(q); err != nil {
			return err
		}
		return t.deleteAdjustment(q, id)
	})
}

// deleteAdjustment removes item id of q: refused while a unit has a value
// in it.
func (t *txn) deleteAdjustment(q model.Quarter, id int64) error {
	a, err := t.adjustment(q, id)
	if err != nil {
		return err
	}
	var n int
	if err := t.row(`SELECT count(*) FROM adjustments WHERE item_id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.Errorf(model.ErrConflict, "加减分项“%s”已有 %d 个数值，不能删除；请先在录入里清除", a.Name, n)
	}
	if _, err := t.exec(`DELETE FROM adjustment_items WHERE id = ?`, id); err != nil {
		return err
	}
	return t.audit("delete_adjustment", q, "", "加减分项", a.Name, "")
}

// checkAdjustment refuses an item without a name or with min > max.
func checkAdjustment(a model.Adjustment) (model.Adjustment, error) {
	if a.Min > a.Max {
		return a, model.Errorf(model.ErrInvalid, "加减分项“%s”的下限 %s 不能大于上限 %s", model.SafeText(a.Name), a.Min, a.Max)
	}
	name, err := model.CheckName("加减分项名称", a.Name, model.MaxRuleWidth)
	a.Name = name
	return a, err
}

// itemNameFree refuses a second item of q named name, and one named as a
// section of q: an import finds both by the column's name.
func (t *txn) itemNameFree(q model.Quarter, name string) error {
	var items, sections int
	if err := t.row(`SELECT (SELECT count(*) FROM adjustment_items WHERE quarter = ?1 AND name = ?2),
		(SELECT count(*) FROM sections WHERE quarter = ?1 AND name = ?2)`, q.String(), name).Scan(&items, &sections); err != nil {
		return err
	}
	switch {
	case items > 0:
		return model.Errorf(model.ErrConflict, "%s 已有名为“%s”的加减分项", q, name)
	case sections > 0:
		return model.Errorf(model.ErrConflict, "%s 已有名为“%s”的板块，加减分项不能与板块同名", q, name)
	}
	return nil
}

// createAdjustment adds the checked item a to q, whose row must exist.
func (t *txn) createAdjustment(q model.Quarter, a model.Adjustment) (model.Adjustment, error) {
	if err := t.itemNameFree(q, a.Name); err != nil {
		return a, err
	}
	if a.Order == 0 {
		if err := t.row(`SELECT coalesce(max(ord), 0) + 1 FROM adjustment_items WHERE quarter = ?`, q.String()).Scan(&a.Order); err != nil {
			return a, err
		}
	}
	res, err := t.exec(`INSERT INTO adjustment_items (quarter, name, min, max, ord) VALUES (?, ?, ?, ?, ?)`,
		q.String(), a.Name, a.Min, a.Max, a.Order)
	if err != nil {
		return a, err
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return a, err
	}
	return a, t.audit("create_adjustment", q, "", a.Name, "", fmt.Sprintf("%s–%s", a.Min, a.Max))
}

// adjustments loads q's adjustment items in display order.
func (t *txn) adjustments(q model.Quarter) ([]model.Adjustment, error) {
	var out []model.Adjustment
	err := t.each(`SELECT id, name, min, max, ord FROM adjustment_items WHERE quarter = ? ORDER BY ord, id`, []any{q.String()},
		func(rows *sql.Rows) error {
			var a model.Adjustment
			err := rows.Scan(&a.ID, &a.Name, &a.Min, &a.Max, &a.Order)
			out = append(out, a)
			return err
		})
	return out, err
}

// adjustment loads one adjustment item of q.
func (t *txn) adjustment(q model.Quarter, id int64) (model.Adjustment, error) {
	a := model.Adjustment{ID: id}
	err := t.row(`SELECT name, min, max, ord FROM adjustment_items WHERE id = ? AND quarter = ?`, id, q.String()).
		Scan(&a.Name, &a.Min, &a.Max, &a.Order)
	if errors.Is(err, sql.ErrNoRows) {
		return a, model.Errorf(model.ErrNotFound, "%s 没有编号为 %d 的加减分项", q, id)
	}
	return a, err
}

// Lock marks q as published (定稿); it is locked only with its backup. The
// backup is taken first, and the lock commits only if nothing was committed
// since the copy was made, so the backup holds exactly the locked data (in
// the copy the quarter is not yet marked locked). A kill in between leaves
// a backup and no lock; a failed backup leaves no lock. Locking a locked
// quarter takes a new backup. It returns the backup's path.
func (db *DB) Lock(ctx context.Context, q model.Quarter, src Source) (string, error) {
	err := db.read(ctx, func(t *txn) error {
		row, err := t.quarter(q)
		if err == nil && !row.exists {
			err = model.Errorf(model.ErrNotFound, "%s 还没有任何数据", q)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	for range 3 {
		path, err := db.lockOnce(ctx, q, src)
		if !errors.Is(err, errChangedMeanwhile) {
			return path, err
		}
	}
	return "", model.Errorf(model.ErrConflict, "备份期间数据库一再被另一个窗口修改，%s 没有定稿，请稍后再试", q)
}

// errChangedMeanwhile: a commit came between a lock's backup and its lock.
var errChangedMeanwhile = errors.New("changed while backing up")

func (db *DB) lockOnce(ctx context.Context, q model.Quarter, src Source) (string, error) {
	c, err := db.r.Conn(ctx)
	if err != nil {
		return "", db.dbError(err)
	}
	defer c.Close()
	// PRAGMA data_version changes when another connection commits.
	version := func(ctx context.Context) (v int64, err error) {
		err = c.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
		return v, err
	}
	before, err := version(ctx)
	if err != nil {
		return "", db.dbError(err)
	}
	path, err := db.backup(ctx, c, "")
	if err != nil {
		return "", fmt.Errorf("%s 没有定稿，仍可修改：%w", q, err)
	}
	err = db.write(ctx, src, func(t *txn) error {
		// The write lock is held: nobody can commit until the lock does.
		if now, err := version(t.ctx); err != nil || now != before {
			return cmp.Or(err, errChangedMeanwhile)
		}
		return t.setLocked(q, true)
	})
	switch {
	case errors.Is(err, errChangedMeanwhile):
		os.Remove(path) // an older state than the one to lock
		return "", err
	case err != nil:
		return "", fmt.Errorf("已备份到 %s，但 %s 没有定稿：%w", show(path), q, err)
	}
	return path, nil
}

// Unlock allows edits to q again.
func (db *DB) Unlock(ctx context.Context, q model.Quarter, src Source) error {
	return db.write(ctx, src, func(t *txn) error { return t.setLocked(q, false) })
}

// setLocked sets q's lock, with its audit row when it changes.
func (t *txn) setLocked(q model.Quarter, locked bool) error {
	row, err := t.quarter(q)
	if err != nil {
		return err
	}
	if !row.exists {
		return model.Errorf(model.ErrNotFound, "%s 还没有任何数据", q)
	}
	if row.locked == locked {
		return nil
	}
	if _, err := t.exec(`UPDATE quarters SET locked = ? WHERE quarter = ?`, locked, q.String()); err != nil {
		return err
	}
	action, old, new := "lock", "否", "是"
	if !locked {
		action, old, new = "unlock", "是", "否"
	}
	return t.audit(action, q, "", "定稿", old, new)
}

// quarterRow is the stored row of a quarter.
type quarterRow struct {
	exists  bool
	quarter string // as stored
	locked  bool
	rules   model.Rules
}

func (t *txn) quarter(q model.Quarter) (quarterRow, error) {
	return t.scanQuarter(t.row(`SELECT quarter, locked, rules FROM quarters WHERE quarter = ?`, q.String()))
}

// inherited is what a new quarter q starts with: the rules of the latest
// earlier quarter, or the defaults; from names that quarter ("" = none).
func (t *txn) inherited(q model.Quarter) (row quarterRow, from string, err error) {
	row, err = t.scanQuarter(t.row(`SELECT quarter, locked, rules
		FROM quarters WHERE quarter < ? AND quarter`+validQuarter+` ORDER BY quarter DESC LIMIT 1`, q.String()))
	if err != nil || !row.exists {
		return quarterRow{rules: model.DefaultRules()}, "", err
	}
	return quarterRow{rules: row.rules.CarriedInto(q)}, row.quarter, nil
}

// inheritedAdjustments are the adjustment items q would get when created,
// IDs 0: those of the latest earlier quarter, or the default one.
func (t *txn) inheritedAdjustments(from string) ([]model.Adjustment, error) {
	if from == "" {
		return []model.Adjustment{model.DefaultAdjustment()}, nil
	}
	q, err := model.ParseQuarter(from)
	if err != nil {
		return nil, err
	}
	as, err := t.adjustments(q)
	for i := range as {
		as[i].ID = 0
	}
	return as, err
}

// scanQuarter reads a quarter's row and checks its rules as SetRules checks
// them on input (their values: names are shown through SafeText), so a
// setting written by another program is refused with a sentence rather
// than a JSON error or a crash.
func (t *txn) scanQuarter(r *sql.Row) (quarterRow, error) {
	var row quarterRow
	var rules string
	err := r.Scan(&row.quarter, &row.locked, &rules)
	if errors.Is(err, sql.ErrNoRows) {
		return row, nil
	}
	if err != nil {
		return row, err
	}
	row.exists = true
	if err := json.Unmarshal([]byte(rules), &row.rules); err != nil {
		return row, badRules(row.quarter, "无法读出")
	}
	if err := row.rules.ValidateStored(); err != nil {
		return row, badRules(row.quarter, err.Error())
	}
	row.rules, err = t.labelRules(row.rules)
	return row, err
}

// badRules refuses a quarter whose stored rules are not valid rules.
func badRules(q, why string) error {
	return model.Errorf(model.ErrInvalid, "数据库里 %s 的考核规则无效（%s），可能被其他程序改动过；starflag 没有使用它，也没有做任何改动：请用备份恢复（见 README“恢复备份”）",
		model.SafeText(q), model.SafeText(why))
}

// ensureQuarter creates q's row when it is missing, inheriting rules and
// adjustment, and (with copySections) the sections of the latest earlier
// quarter that has any, or the scheme's default sections for the first
// quarter: the sections QuarterData showed for it. The rules then refer to
// q's sections (see rules.go).
func (t *txn) ensureQuarter(q model.Quarter, copySections bool) (quarterRow, error) {
	if err := model.CheckQuarter(q); err != nil { // every write that creates a quarter comes here
		return quarterRow{}, err
	}
	row, err := t.quarter(q)
	if err != nil || row.exists {
		return row, err
	}
	row, prev, err := t.inherited(q)
	if err != nil {
		return row, err
	}
	rules, err := json.Marshal(row.rules)
	if err != nil {
		return row, err
	}
	if _, err := t.exec(`INSERT INTO quarters (quarter, locked, rules, created_at) VALUES (?, 0, ?, ?)`,
		q.String(), string(rules), t.at); err != nil {
		return row, err
	}
	row.exists, row.quarter = true, q.String()
	// The adjustment items are copied like the rules: from the latest
	// earlier quarter, or the default one.
	items, err := t.inheritedAdjustments(prev)
	if err != nil {
		return row, err
	}
	for _, a := range items {
		if _, err := t.createAdjustment(q, a); err != nil {
			return row, err
		}
	}
	from := model.Quarter{}
	if copySections {
		if from, err = t.latestWithSections(q); err != nil {
			return row, err
		}
		if from.IsZero() {
			for _, s := range model.DefaultSections() {
				if _, err := t.createSection(q, s); err != nil {
					return row, err
				}
			}
		} else if _, err := t.exec(`INSERT INTO sections (quarter, name, weight, max, ord)
			SELECT ?, name, weight, max, ord FROM sections WHERE quarter = ? ORDER BY ord, id`, q.String(), from.String()); err != nil {
			return row, err
		}
	}
	// The copied rules refer to the earlier quarter's sections.
	if row.rules, err = t.rebindRules(q, row.rules); err != nil {
		return row, err
	}
	return row, t.audit("create_quarter", q, "", "板块复制自", "", from.String())
}

// editable refuses a locked quarter, reading only its lock (the rules are
// not needed to save a score); a missing quarter is created as writable does.
func (t *txn) editable(q model.Quarter) error {
	var locked bool
	err := t.row(`SELECT locked FROM quarters WHERE quarter = ?`, q.String()).Scan(&locked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = t.writable(q, true)
		return err
	case err != nil:
		return err
	case locked:
		return lockedError(q)
	}
	return nil
}

// beginEdit is where an edit of q begins: it freezes the locked quarters
// that read q (see freeze), then ensures q exists and refuses when it is
// locked.
func (t *txn) beginEdit(q model.Quarter) (quarterRow, error) {
	if err := t.freezeDependents(q); err != nil {
		return quarterRow{}, err
	}
	return t.writable(q, true)
}

// writable ensures q exists and refuses when it is locked.
func (t *txn) writable(q model.Quarter, copySections bool) (quarterRow, error) {
	row, err := t.ensureQuarter(q, copySections)
	if err == nil && row.locked {
		err = lockedError(q)
	}
	return row, err
}

// inheritedSections are the sections q would get when created, IDs 0:
// the latest earlier quarter's, or the scheme's defaults.
func (t *txn) inheritedSections(q model.Quarter) ([]model.Section, error) {
	from, err := t.latestWithSections(q)
	if err != nil {
		return nil, err
	}
	if from.IsZero() {
		return model.DefaultSections(), nil
	}
	ss, err := t.sections(from)
	for i := range ss {
		ss[i].ID = 0
	}
	return ss, err
}

func (t *txn) latestWithSections(q model.Quarter) (model.Quarter, error) {
	var s string
	err := t.row(`SELECT quarter FROM sections WHERE quarter < ? AND quarter`+validQuarter+` ORDER BY quarter DESC LIMIT 1`, q.String()).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Quarter{}, nil
	}
	if err != nil {
		return model.Quarter{}, err
	}
	return model.ParseQuarter(s)
}

// quarterData loads q; units are all units, from t.units().
func (t *txn) quarterData(q model.Quarter, units []model.Unit) (model.QuarterData, error) {
	row, err := t.quarter(q)
	from := ""
	if err == nil && !row.exists {
		row, from, err = t.inherited(q)
	}
	if err != nil {
		return model.QuarterData{}, err
	}
	d := model.QuarterData{
		Quarter: q,
		Units:   model.ActiveUnits(units, q),
		Rules:   row.rules,
		Locked:  row.locked,
		Scores:  map[model.ScoreKey]model.Hundredths{},
		Adjust:  map[model.AdjustKey]model.Hundredths{},
	}
	if row.exists {
		d.Adjustments, err = t.adjustments(q)
	} else {
		d.Adjustments, err = t.inheritedAdjustments(from) // as the sections: what creating it copies
	}
	if err != nil {
		return d, err
	}
	if d.Sections, err = t.sections(q); err != nil {
		return d, err
	}
	if !row.exists {
		// A quarter not created yet shows the sections it will inherit
		// (IDs 0): creating it copies them, so an import names them.
		if d.Sections, err = t.inheritedSections(q); err != nil {
			return d, err
		}
	}
	err = t.each(`SELECT c.unit_id, c.section_id, c.value FROM scores c JOIN sections s ON s.id = c.section_id
		WHERE s.quarter = ?`, []any{q.String()}, func(rows *sql.Rows) error {
		var k model.ScoreKey
		var v model.Hundredths
		err := rows.Scan(&k.Unit, &k.Section, &v)
		d.Scores[k] = v
		return err
	})
	if err != nil {
		return d, err
	}
	err = t.each(`SELECT a.unit_id, a.item_id, a.value FROM adjustments a JOIN adjustment_items i ON i.id = a.item_id
		WHERE i.quarter = ?`, []any{q.String()}, func(rows *sql.Rows) error {
		var k model.AdjustKey
		var v model.Hundredths
		err := rows.Scan(&k.Unit, &k.Item, &v)
		d.Adjust[k] = v
		return err
	})
	if err != nil {
		return d, err
	}
	err = t.each(`SELECT unit_id, reason FROM vetoes WHERE quarter = ?`, []any{q.String()}, func(rows *sql.Rows) error {
		var id int64
		var reason string
		err := rows.Scan(&id, &reason)
		if d.Vetoes == nil {
			d.Vetoes = map[int64]string{}
		}
		d.Vetoes[id] = reason
		return err
	})
	if err != nil {
		return d, err
	}
	err = t.each(`SELECT unit_id, date, note FROM talks WHERE quarter = ?`, []any{q.String()}, func(rows *sql.Rows) error {
		var id int64
		var tk model.Talk
		err := rows.Scan(&id, &tk.Date, &tk.Note)
		if d.Talks == nil {
			d.Talks = map[int64]model.Talk{}
		}
		d.Talks[id] = tk
		return err
	})
	return d, err
}
