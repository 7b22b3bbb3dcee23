package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"starflag/model"
)

// CreateSection adds a section to q (creating the quarter when needed). A
// rule's condition whose section is gone and had this name refers to it.
// Weight 0 and Max 0 mean the defaults (1 and 100); Order 0 puts it last.
func (db *DB) CreateSection(ctx context.Context, q model.Quarter, s model.Section, src Source) (model.Section, error) {
	err := db.write(ctx, src, func(t *txn) error {
		row, err := t.beginEdit(q)
		if err != nil {
			return err
		}
		if s, err = t.createSection(q, s); err != nil {
			return err
		}
		_, err = t.rebindRules(q, row.rules)
		return err
	})
	return s, err
}

// UpdateSection changes a section's name, weight, maximum and order (zero
// weight, maximum or order keep the stored value). A maximum below a stored
// score is refused.
func (db *DB) UpdateSection(ctx context.Context, q model.Quarter, s model.Section, src Source) error {
	return db.UpdateSections(ctx, q, []model.Section{s}, src)
}

// UpdateSections is UpdateSection of several sections of q in one
// transaction (setup's reorder): all are saved, or none.
func (db *DB) UpdateSections(ctx context.Context, q model.Quarter, ss []model.Section, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		if _, err := t.beginEdit(q); err != nil {
			return err
		}
		for _, s := range ss {
			if err := t.updateSection(q, s); err != nil {
				return err
			}
		}
		return nil
	})
}

func (t *txn) updateSection(q model.Quarter, s model.Section) error {
	old, err := t.section(q, s.ID)
	if err != nil {
		return err
	}
	if s.Weight == 0 {
		s.Weight = old.Weight
	}
	if s.Max == 0 {
		s.Max = old.Max
	}
	if s.Order == 0 {
		s.Order = old.Order
	}
	if s, err = checkSection(s); err != nil {
		return err
	}
	if s.Name != old.Name {
		if err := t.nameFree(q, s.Name); err != nil {
			return err
		}
	}
	var above int
	if err := t.row(`SELECT count(*) FROM scores WHERE section_id = ? AND value > ?`, s.ID, s.Max).Scan(&above); err != nil {
		return err
	}
	if above > 0 {
		return model.Errorf(model.ErrInvalid, "板块“%s”有 %d 个得分高于新满分 %s，请先修改这些得分", old.Name, above, s.Max)
	}
	if _, err := t.exec(`UPDATE sections SET name = ?, weight = ?, max = ?, ord = ? WHERE id = ?`,
		s.Name, s.Weight, s.Max, s.Order, s.ID); err != nil {
		return err
	}
	for _, c := range [][3]string{
		{"名称", old.Name, s.Name},
		{"权重", old.Weight.String(), s.Weight.String()},
		{"满分", old.Max.String(), s.Max.String()},
		{"顺序", strconv.Itoa(old.Order), strconv.Itoa(s.Order)},
	} {
		if c[1] != c[2] {
			if err := t.audit("update_section", q, "", old.Name+"/"+c[0], c[1], c[2]); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteSection removes a section of q; it is refused while a score or a
// rule's condition uses it.
func (db *DB) DeleteSection(ctx context.Context, q model.Quarter, id int64, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		row, err := t.beginEdit(q)
		if err != nil {
			return err
		}
		return t.deleteSection(q, row.rules, id)
	})
}

// deleteSection removes section id of q, whose rules are r: refused while
// a rule's condition or a score uses it.
func (t *txn) deleteSection(q model.Quarter, r model.Rules, id int64) error {
	s, err := t.section(q, id)
	if err != nil {
		return err
	}
	if err := checkUnused(r, s); err != nil {
		return err
	}
	var n int
	if err := t.row(`SELECT count(*) FROM scores WHERE section_id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.Errorf(model.ErrConflict, "板块“%s”已有 %d 个得分，不能删除；请先清除这些得分", s.Name, n)
	}
	if _, err := t.exec(`DELETE FROM sections WHERE id = ?`, id); err != nil {
		return err
	}
	return t.audit("delete_section", q, "", s.Name, s.Name, "")
}

// DeleteSectionAndRules removes a section of q and, in the same
// transaction, the rules of q with a condition on it (setup names them and
// asks first). A section with scores is still refused.
func (db *DB) DeleteSectionAndRules(ctx context.Context, q model.Quarter, id int64, src Source) error {
	return db.write(ctx, src, func(t *txn) error {
		row, err := t.beginEdit(q)
		if err != nil {
			return err
		}
		if _, err := t.section(q, id); err != nil {
			return err
		}
		if names := row.rules.UsingSection(id); len(names) > 0 {
			if err := t.putRules(q, row.rules, row.rules.WithoutRules(names)); err != nil {
				return err
			}
			row.rules = row.rules.WithoutRules(names)
		}
		return t.deleteSection(q, row.rules, id)
	})
}

// checkSection fills defaults and refuses impossible values.
func checkSection(s model.Section) (model.Section, error) {
	if s.Weight == 0 {
		s.Weight = model.WeightOne
	}
	if s.Max == 0 {
		s.Max = 10000
	}
	name, err := model.CheckName("板块名称", s.Name, model.MaxSectionWidth)
	if err != nil {
		s.Name = strings.TrimSpace(s.Name)
		return s, err
	}
	s.Name = name
	switch {
	case s.Weight < 0 || s.Max < 0:
		return s, model.Errorf(model.ErrInvalid, "板块“%s”的权重和满分必须大于 0", s.Name)
	}
	return s, nil
}

func (t *txn) nameFree(q model.Quarter, name string) error {
	var n, items int
	if err := t.row(`SELECT (SELECT count(*) FROM sections WHERE quarter = ?1 AND name = ?2),
		(SELECT count(*) FROM adjustment_items WHERE quarter = ?1 AND name = ?2)`, q.String(), name).Scan(&n, &items); err != nil {
		return err
	}
	switch {
	case n > 0:
		return model.Errorf(model.ErrConflict, "%s 已有名为“%s”的板块", q, name)
	case items > 0:
		return model.Errorf(model.ErrConflict, "%s 已有名为“%s”的加减分项，板块不能与加减分项同名", q, name)
	}
	return nil
}

// createSection adds s to q, whose row must exist.
func (t *txn) createSection(q model.Quarter, s model.Section) (model.Section, error) {
	s, err := checkSection(s)
	if err != nil {
		return s, err
	}
	if err := t.nameFree(q, s.Name); err != nil {
		return s, err
	}
	if s.Order == 0 {
		if err := t.row(`SELECT coalesce(max(ord), 0) + 1 FROM sections WHERE quarter = ?`, q.String()).Scan(&s.Order); err != nil {
			return s, err
		}
	}
	res, err := t.exec(`INSERT INTO sections (quarter, name, weight, max, ord) VALUES (?, ?, ?, ?, ?)`,
		q.String(), s.Name, s.Weight, s.Max, s.Order)
	if err != nil {
		return s, err
	}
	if s.ID, err = res.LastInsertId(); err != nil {
		return s, err
	}
	return s, t.audit("create_section", q, "", s.Name, "", fmt.Sprintf("权重 %s，满分 %s", s.Weight, s.Max))
}

// sections loads q's sections in display order.
func (t *txn) sections(q model.Quarter) ([]model.Section, error) {
	var out []model.Section
	err := t.each(`SELECT id, name, weight, max, ord FROM sections WHERE quarter = ? ORDER BY ord, id`, []any{q.String()},
		func(rows *sql.Rows) error {
			var s model.Section
			err := rows.Scan(&s.ID, &s.Name, &s.Weight, &s.Max, &s.Order)
			out = append(out, s)
			return err
		})
	return out, err
}

// section loads one section of q.
func (t *txn) section(q model.Quarter, id int64) (model.Section, error) {
	s := model.Section{ID: id}
	err := t.row(`SELECT name, weight, max, ord FROM sections WHERE id = ? AND quarter = ?`, id, q.String()).
		Scan(&s.Name, &s.Weight, &s.Max, &s.Order)
	if errors.Is(err, sql.ErrNoRows) {
		return s, model.Errorf(model.ErrNotFound, "%s 没有编号为 %d 的板块", q, id)
	}
	return s, err
}
