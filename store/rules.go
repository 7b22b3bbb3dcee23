package store

import (
	"database/sql"
	"encoding/json"
	"errors"

	"starflag/model"
)

// A rule's condition refers to a section by ID (model.Condition.Section),
// and a quarter's rules to that quarter's own sections, so renaming a
// section changes nothing in the rules. The store keeps it so:
//   - every read fills in Scope, the section's name, from the ID (labelRules);
//   - creating a quarter copies the sections and the rules forward and
//     points each copied condition at the copied section of the same name;
//   - a condition whose section is not there is gone (Section 0): it never
//     holds and keeps its last name for the wording; when a section of that
//     name is created in its quarter (in setup, by an import, or with the
//     quarter), the condition refers to it;
//   - SetRules points a condition on another quarter's section (rules shown
//     for a quarter not created yet) at this quarter's section of that name;
//   - a section that a condition refers to cannot be deleted.
// See docs/rules.md.

// labelRules sets each section condition's Scope to its section's name.
func (t *txn) labelRules(r model.Rules) (model.Rules, error) {
	names, err := t.sectionNames(r, nil)
	if err != nil || len(names) == 0 {
		return r, err
	}
	return r.MapConditions(func(_ string, c model.Condition) model.Condition {
		if name, ok := names[c.Section]; ok && c.LooksAtSection() {
			c.Scope = name
		}
		return c
	}), nil
}

// bindRules points each section condition of r at one of q's sections (see
// above): one of q's own keeps it, another quarter's goes to q's section of
// the same name and, with byScope, a gone one (Section 0) to q's section
// named by its Scope. A condition with no such section in q is gone.
func (t *txn) bindRules(q model.Quarter, r model.Rules, byScope bool) (model.Rules, error) {
	if !r.HasSectionConditions() {
		return r, nil
	}
	ss, err := t.sections(q)
	if err != nil {
		return r, err
	}
	own := make(map[int64]string, len(ss))
	byName := make(map[string]int64, len(ss))
	for _, s := range ss {
		own[s.ID], byName[s.Name] = s.Name, s.ID
	}
	others, err := t.sectionNames(r, own)
	if err != nil {
		return r, err
	}
	return r.MapConditions(func(_ string, c model.Condition) model.Condition {
		if !c.LooksAtSection() {
			return c
		}
		name, ok := own[c.Section]
		switch {
		case ok && c.Section != 0:
		case others[c.Section] != "":
			name = others[c.Section]
		case c.Section == 0 && byScope:
			name = c.Scope
		default: // gone, or a section that does not exist
			c.Section = 0
			return c
		}
		c.Section, c.Scope = byName[name], name
		return c
	}), nil
}

// sectionNames are the names of the sections r's conditions refer to,
// except those in known.
func (t *txn) sectionNames(r model.Rules, known map[int64]string) (map[int64]string, error) {
	names := map[int64]string{}
	for _, c := range r.Conditions() {
		if _, ok := known[c.Section]; ok || c.Section == 0 || !c.LooksAtSection() {
			continue
		}
		if _, ok := names[c.Section]; ok {
			continue
		}
		var name string
		err := t.row(`SELECT name FROM sections WHERE id = ?`, c.Section).Scan(&name)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, err
		default:
			names[c.Section] = name
		}
	}
	return names, nil
}

// rebindRules binds q's stored rules r to q's sections, gone conditions
// by their name (bindRules), and stores them when that changes them; it
// returns the rules now stored. Call it after creating sections of q.
func (t *txn) rebindRules(q model.Quarter, r model.Rules) (model.Rules, error) {
	bound, err := t.bindRules(q, r, true)
	if err != nil {
		return r, err
	}
	old, err := json.Marshal(r)
	if err != nil {
		return r, err
	}
	b, err := json.Marshal(bound)
	if err != nil || string(b) == string(old) {
		return bound, err
	}
	_, err = t.exec(`UPDATE quarters SET rules = ? WHERE quarter = ?`, string(b), q.String())
	return bound, err
}

// checkUnused refuses to delete section s while a condition of its
// quarter's rules r refers to it.
func checkUnused(r model.Rules, s model.Section) error {
	for rule, c := range r.Conditions() {
		if c.LooksAtSection() && c.Section == s.ID {
			return model.Errorf(model.ErrConflict, "板块“%s”用在规则“%s”的条件里，不能删除", s.Name, model.SafeText(rule))
		}
	}
	return nil
}
