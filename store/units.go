package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"starflag/model"
)

// ListUnits returns every unit, retired ones included, in official order
// with their aliases.
func (db *DB) ListUnits(ctx context.Context) ([]model.Unit, error) {
	var us []model.Unit
	err := db.read(ctx, func(t *txn) error {
		var err error
		us, err = t.units()
		return err
	})
	return us, err
}

// CreateUnit adds a unit. Its name, short name and aliases must not name
// another unit. Order 0 places it after the last unit. A unit without a
// first quarter takes part from the quarter after the latest locked (定稿)
// one, so that published quarters keep their units; one that would take
// part in a locked quarter is refused (see freeze).
func (db *DB) CreateUnit(ctx context.Context, u model.Unit, src Source) (model.Unit, error) {
	err := db.write(ctx, src, func(t *txn) error {
		if u.From.IsZero() {
			var last sql.NullString
			if err := t.row(`SELECT MAX(quarter) FROM quarters WHERE locked`).Scan(&last); err != nil {
				return err
			}
			if last.Valid {
				q, err := model.ParseQuarter(last.String)
				if err != nil {
					return err
				}
				u.From = q.Next()
			}
		}
		if err := t.freeze(u.From, model.Quarter{}); err != nil {
			return err
		}
		var err error
		u, err = t.createUnit(u)
		return err
	})
	return u, err
}

// UpdateUnit changes a unit's names, aliases, order and the quarters it
// takes part in; each changed field is audited.
func (db *DB) UpdateUnit(ctx context.Context, u model.Unit, src Source) error {
	return db.UpdateUnits(ctx, []model.Unit{u}, src)
}

// UpdateUnits is UpdateUnit of several units in one transaction (setup's
// reorder): all are saved, or none. A change of the quarters a unit takes
// part in, or of the official order (a tie-break of seats), is refused when
// it would change what a locked quarter published.
func (db *DB) UpdateUnits(ctx context.Context, us []model.Unit, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		if err := t.freezeForUnits(us); err != nil {
			return err
		}
		for _, u := range us {
			if err := t.updateUnit(u); err != nil {
				return err
			}
		}
		return nil
	})
}

// freezeForUnits freezes every locked quarter when us change the quarters
// a unit takes part in or the official order; names change no result.
func (t *txn) freezeForUnits(us []model.Unit) error {
	all, err := t.units()
	if err != nil {
		return err
	}
	for _, u := range us {
		for _, o := range all {
			if o.ID == u.ID && (o.From != u.From || o.Until != u.Until || (u.Order != 0 && o.Order != u.Order)) {
				return t.freeze(model.Quarter{}, model.Quarter{})
			}
		}
	}
	return nil
}

func (t *txn) updateUnit(u model.Unit) error {
	all, err := t.units()
	if err != nil {
		return err
	}
	var old *model.Unit
	for i := range all {
		if all[i].ID == u.ID {
			old = &all[i]
		}
	}
	if old == nil {
		return model.Errorf(model.ErrNotFound, "没有编号为 %d 的区市", u.ID)
	}
	u = cleanUnit(u)
	if u.Order == 0 {
		u.Order = old.Order
	}
	if err := checkUnit(u, all); err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE units SET name = ?, short = ?, ord = ?, from_q = ?, until_q = ?, doc_name = ?, attendee = ?, post = ? WHERE id = ?`,
		u.Name, u.Short, u.Order, u.From.String(), u.Until.String(), u.DocName, u.Attendee, u.Post, u.ID); err != nil {
		return err
	}
	if err := t.saveAliases(u); err != nil {
		return err
	}
	changes := [][3]string{
		{"名称", old.Name, u.Name},
		{"简称", old.Short, u.Short},
		{"别名", strings.Join(old.Aliases, "、"), strings.Join(u.Aliases, "、")},
		{"顺序", strconv.Itoa(old.Order), strconv.Itoa(u.Order)},
		{"起始季度", old.From.String(), u.From.String()},
		{"最后季度", old.Until.String(), u.Until.String()},
		{"公文用名", old.DocName, u.DocName},
		{"出席人", old.Attendee, u.Attendee},
		{"职务", old.Post, u.Post},
	}
	for _, c := range changes {
		if c[1] != c[2] {
			if err := t.audit("update_unit", model.Quarter{}, u.Name, c[0], c[1], c[2]); err != nil {
				return err
			}
		}
	}
	return nil
}

// cleanUnit trims names (and drops the emoji joiners CheckName drops) and
// drops empty or repeated aliases.
func cleanUnit(u model.Unit) model.Unit {
	u.Name = cleanName(u.Name)
	u.Short = cleanName(u.Short)
	u.DocName, u.Attendee, u.Post = cleanName(u.DocName), cleanName(u.Attendee), cleanName(u.Post)
	var aliases []string
	for _, a := range u.Aliases {
		a = cleanName(a)
		if a != "" && a != u.Name && a != u.Short && !contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	u.Aliases = aliases
	return u
}

// cleanName is the name as CheckName cleans it, or just trimmed when
// CheckName refuses it (checkUnit then says why).
func cleanName(s string) string {
	if c, err := model.CheckName("", s, 1<<30); err == nil {
		return c
	}
	return strings.TrimSpace(s)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// checkUnit refuses an empty name, a bad range of quarters, and any name,
// short name or alias that already names another unit, since imports match
// units by all three.
func checkUnit(u model.Unit, all []model.Unit) error {
	if u.Name == "" {
		return model.Errorf(model.ErrInvalid, "区市名称不能为空")
	}
	// Names are shown on the dashboard and the projector: refuse what cannot
	// be shown safely (control and bidi characters, escape sequences, too long).
	if _, err := model.CheckName("区市名称", u.Name, model.MaxUnitWidth); err != nil {
		return err
	}
	if u.Short != "" {
		if _, err := model.CheckName("区市“"+model.SafeText(u.Name)+"”的简称", u.Short, model.MaxUnitWidth); err != nil {
			return err
		}
	}
	for _, a := range u.Aliases {
		if _, err := model.CheckName("区市“"+model.SafeText(u.Name)+"”的别名", a, model.MaxUnitWidth); err != nil {
			return err
		}
	}
	if err := model.CheckDocFields(u); err != nil {
		return err
	}
	for _, b := range []struct {
		what string
		q    model.Quarter
	}{{"起始季度", u.From}, {"最后季度", u.Until}} {
		if !b.q.IsZero() && !b.q.Valid() {
			return model.Errorf(model.ErrInvalid, "区市“%s”的%s %s 超出范围（%s 至 %s）", u.Name, b.what, b.q, model.MinQuarter, model.MaxQuarter)
		}
	}
	if !u.From.IsZero() && !u.Until.IsZero() && u.Until.Before(u.From) {
		return model.Errorf(model.ErrInvalid, "区市“%s”的最后季度 %s 早于起始季度 %s", u.Name, u.Until, u.From)
	}
	for _, n := range append([]string{u.Name, u.Short}, u.Aliases...) {
		for _, o := range all {
			if o.ID != u.ID && o.Matches(n) {
				return model.Errorf(model.ErrConflict, "名称“%s”已被区市“%s”使用", n, o.Name)
			}
		}
	}
	return nil
}

func (t *txn) createUnit(u model.Unit) (model.Unit, error) {
	us, err := t.createUnits([]model.Unit{u})
	if err != nil {
		return u, err
	}
	return us[0], nil
}

// createUnits adds units after the last one, looking at the existing units
// once, so an import that adds thousands of units stays linear.
func (t *txn) createUnits(us []model.Unit) ([]model.Unit, error) {
	all, err := t.units()
	if err != nil {
		return nil, err
	}
	taken := map[string]string{} // name, short name or alias → the unit it names
	next := 1
	for _, o := range all {
		for _, n := range unitNames(o) {
			taken[n] = o.Name
		}
		next = max(next, o.Order+1)
	}
	out := make([]model.Unit, 0, len(us))
	for _, u := range us {
		u = cleanUnit(u)
		u.ID = 0
		if err := checkUnit(u, nil); err != nil {
			return nil, err
		}
		for _, n := range unitNames(u) {
			if o, ok := taken[n]; ok {
				return nil, model.Errorf(model.ErrConflict, "名称“%s”已被区市“%s”使用", n, o)
			}
		}
		if u.Order == 0 {
			u.Order = next
		}
		next = max(next, u.Order+1)
		res, err := t.exec(`INSERT INTO units (name, short, ord, from_q, until_q, doc_name, attendee, post) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			u.Name, u.Short, u.Order, u.From.String(), u.Until.String(), u.DocName, u.Attendee, u.Post)
		if err != nil {
			return nil, err
		}
		if u.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		if err := t.saveAliases(u); err != nil {
			return nil, err
		}
		if err := t.audit("create_unit", u.From, u.Name, "名称", "", u.Name); err != nil {
			return nil, err
		}
		for _, n := range unitNames(u) {
			taken[n] = u.Name
		}
		out = append(out, u)
	}
	return out, nil
}

// unitNames are the non-empty names a unit is matched by.
func unitNames(u model.Unit) []string {
	ns := append([]string{u.Name}, u.Aliases...)
	if u.Short != "" {
		ns = append(ns, u.Short)
	}
	return ns
}

func (t *txn) saveAliases(u model.Unit) error {
	if _, err := t.exec(`DELETE FROM unit_aliases WHERE unit_id = ?`, u.ID); err != nil {
		return err
	}
	for _, a := range u.Aliases {
		if _, err := t.exec(`INSERT INTO unit_aliases (unit_id, alias) VALUES (?, ?)`, u.ID, a); err != nil {
			return err
		}
	}
	return nil
}

// units loads every unit in official order.
func (t *txn) units() ([]model.Unit, error) {
	var us []model.Unit
	byID := map[int64]int{}
	err := t.each(`SELECT id, name, short, ord, from_q, until_q, doc_name, attendee, post FROM units ORDER BY ord, id`, nil, func(rows *sql.Rows) error {
		var u model.Unit
		var from, until string
		if err := rows.Scan(&u.ID, &u.Name, &u.Short, &u.Order, &from, &until, &u.DocName, &u.Attendee, &u.Post); err != nil {
			return err
		}
		var err error
		if u.From, err = parseQuarter(from); err != nil {
			return err
		}
		if u.Until, err = parseQuarter(until); err != nil {
			return err
		}
		byID[u.ID] = len(us)
		us = append(us, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = t.each(`SELECT unit_id, alias FROM unit_aliases ORDER BY rowid`, nil, func(rows *sql.Rows) error {
		var id int64
		var a string
		if err := rows.Scan(&id, &a); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			us[i].Aliases = append(us[i].Aliases, a)
		}
		return nil
	})
	return us, err
}

// unit loads one unit with its aliases (two indexed look-ups: this is on
// the path of every typed value).
func (t *txn) unit(id int64) (model.Unit, error) {
	u := model.Unit{ID: id}
	var from, until string
	err := t.row(`SELECT name, short, ord, from_q, until_q, doc_name, attendee, post FROM units WHERE id = ?`, id).
		Scan(&u.Name, &u.Short, &u.Order, &from, &until, &u.DocName, &u.Attendee, &u.Post)
	if errors.Is(err, sql.ErrNoRows) {
		return u, model.Errorf(model.ErrNotFound, "没有编号为 %d 的区市", id)
	}
	if err != nil {
		return u, err
	}
	if u.From, err = parseQuarter(from); err != nil {
		return u, err
	}
	if u.Until, err = parseQuarter(until); err != nil {
		return u, err
	}
	err = t.each(`SELECT alias FROM unit_aliases WHERE unit_id = ? ORDER BY rowid`, []any{id}, func(rows *sql.Rows) error {
		var a string
		err := rows.Scan(&a)
		u.Aliases = append(u.Aliases, a)
		return err
	})
	return u, err
}

// parseQuarter reads a stored quarter; "" is the zero quarter.
func parseQuarter(s string) (model.Quarter, error) {
	if s == "" {
		return model.Quarter{}, nil
	}
	return model.ParseQuarter(s)
}
