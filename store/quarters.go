package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"

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
			(SELECT count(*) FROM adjustments WHERE quarter = ?) + (SELECT count(*) FROM commendations WHERE quarter = ?)`,
			name, name, name).Scan(&scores, &other); err != nil {
			return err
		}
		if q, err := model.ParseQuarter(name); err == nil && q.String() == name {
			switch {
			case locked:
				return lockedError(q)
			case scores+other > 0:
				return model.Errorf(model.ErrConflict, "%s 已有 %d 个得分和 %d 项加分或表扬，不能删除；请先在录入里清除", q, scores, other)
			}
			// Deleting it must not change a locked quarter that reads it.
			if err := t.freezeDependents(q); err != nil {
				return err
			}
		}
		for _, stmt := range []string{
			`DELETE FROM scores WHERE section_id IN (SELECT id FROM sections WHERE quarter = ?)`,
			`DELETE FROM sections WHERE quarter = ?`,
			`DELETE FROM adjustments WHERE quarter = ?`,
			`DELETE FROM commendations WHERE quarter = ?`,
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
	r, err := model.CleanRules(r) // names are shown: refuse escape sequences, bidi, too long
	if err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	return db.write(ctx, src, func(t *txn) error {
		row, err := t.writable(q, true)
		if err != nil {
			return err
		}
		bound, err := t.bindRules(q, r, false)
		if err != nil {
			return err
		}
		if err := t.checkRules(q, bound); err != nil {
			return err
		}
		b, err := json.Marshal(bound)
		if err != nil {
			return err
		}
		old, _ := json.Marshal(row.rules)
		if string(old) == string(b) {
			return nil
		}
		if err := t.freezeDependents(q); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE quarters SET rules = ? WHERE quarter = ?`, string(b), q.String()); err != nil {
			return err
		}
		return t.audit("set_rules", q, "", "规则", string(old), string(b))
	})
}

// checkRules refuses rules that q cannot use (model.QuarterData.CheckRules).
func (t *txn) checkRules(q model.Quarter, r model.Rules) error {
	units, err := t.units()
	if err != nil {
		return err
	}
	d, err := t.quarterData(q, units)
	if err != nil {
		return err
	}
	return d.CheckRules(r)
}

// SetAdjustment changes the name and range of q's adjustment. Stored
// adjustments must stay within the new range.
func (db *DB) SetAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment, src Source) error {
	if a.Name == "" || a.Min > a.Max {
		return model.Errorf(model.ErrInvalid, "加分项需要名称，且下限不能大于上限")
	}
	name, err := model.CheckName("加分项名称", a.Name, model.MaxRuleWidth)
	if err != nil {
		return err
	}
	a.Name = name
	return db.write(ctx, src, func(t *txn) error {
		row, err := t.writable(q, true)
		if err != nil {
			return err
		}
		var outside int
		if err := t.row(`SELECT count(*) FROM adjustments WHERE quarter = ? AND (value < ? OR value > ?)`,
			q.String(), a.Min, a.Max).Scan(&outside); err != nil {
			return err
		}
		if outside > 0 {
			return model.Errorf(model.ErrInvalid, "%s 有 %d 个加分超出新范围 %s–%s，请先修改这些加分", q, outside, a.Min, a.Max)
		}
		if err := t.freezeDependents(q); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE quarters SET adjustment_name = ?, adjustment_min = ?, adjustment_max = ? WHERE quarter = ?`,
			a.Name, a.Min, a.Max, q.String()); err != nil {
			return err
		}
		old := row.adj
		for _, c := range [][3]string{
			{"加分项名称", old.Name, a.Name},
			{"加分项下限", old.Min.String(), a.Min.String()},
			{"加分项上限", old.Max.String(), a.Max.String()},
		} {
			if c[1] != c[2] {
				if err := t.audit("set_adjustment", q, "", c[0], c[1], c[2]); err != nil {
					return err
				}
			}
		}
		return nil
	})
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
	exists bool
	locked bool
	adj    model.Adjustment
	rules  model.Rules
}

func (t *txn) quarter(q model.Quarter) (quarterRow, error) {
	return t.scanQuarter(t.row(`SELECT quarter, locked, adjustment_name, adjustment_min, adjustment_max, rules
		FROM quarters WHERE quarter = ?`, q.String()))
}

// inherited is what a new quarter q starts with: the row of the latest
// earlier quarter, or the defaults.
func (t *txn) inherited(q model.Quarter) (quarterRow, error) {
	row, err := t.scanQuarter(t.row(`SELECT quarter, locked, adjustment_name, adjustment_min, adjustment_max, rules
		FROM quarters WHERE quarter < ? AND quarter`+validQuarter+` ORDER BY quarter DESC LIMIT 1`, q.String()))
	if err != nil || !row.exists {
		return quarterRow{adj: model.DefaultAdjustment(), rules: model.DefaultRules()}, err
	}
	return quarterRow{adj: row.adj, rules: row.rules}, nil
}

// scanQuarter reads a quarter's row and checks its rules as SetRules checks
// them on input (their values: names are shown through SafeText), so a
// setting written by another program is refused with a sentence rather
// than a JSON error or a crash.
func (t *txn) scanQuarter(r *sql.Row) (quarterRow, error) {
	var row quarterRow
	var q, rules string
	err := r.Scan(&q, &row.locked, &row.adj.Name, &row.adj.Min, &row.adj.Max, &rules)
	if errors.Is(err, sql.ErrNoRows) {
		return row, nil
	}
	if err != nil {
		return row, err
	}
	row.exists = true
	if err := json.Unmarshal([]byte(rules), &row.rules); err != nil {
		return row, badRules(q, "无法读出")
	}
	if err := row.rules.ValidateStored(); err != nil {
		return row, badRules(q, err.Error())
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
	if row, err = t.inherited(q); err != nil {
		return row, err
	}
	rules, err := json.Marshal(row.rules)
	if err != nil {
		return row, err
	}
	if _, err := t.exec(`INSERT INTO quarters (quarter, locked, adjustment_name, adjustment_min, adjustment_max, rules, created_at)
		VALUES (?, 0, ?, ?, ?, ?, ?)`, q.String(), row.adj.Name, row.adj.Min, row.adj.Max, string(rules), t.at); err != nil {
		return row, err
	}
	row.exists = true
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
	if err == nil && !row.exists {
		row, err = t.inherited(q)
	}
	if err != nil {
		return model.QuarterData{}, err
	}
	d := model.QuarterData{
		Quarter:    q,
		Units:      model.ActiveUnits(units, q),
		Adjustment: row.adj,
		Rules:      row.rules,
		Locked:     row.locked,
		Scores:     map[model.ScoreKey]model.Hundredths{},
		Adjust:     map[int64]model.Hundredths{},
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
	err = t.each(`SELECT unit_id, value FROM adjustments WHERE quarter = ?`, []any{q.String()}, func(rows *sql.Rows) error {
		var id int64
		var v model.Hundredths
		err := rows.Scan(&id, &v)
		d.Adjust[id] = v
		return err
	})
	return d, err
}
