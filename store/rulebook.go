package store

import (
	"context"
	"errors"
	"slices"
	"strings"

	"starflag/model"
)

// RulebookOptions say how ApplyRulebook may change a database beyond q's
// rules.
type RulebookOptions struct {
	// AddUnits creates the units the rulebook names that the database does
	// not have (taking part from q on; from always in a database without
	// units, as `starflag init --rules` makes). Without it they are refused.
	AddUnits bool
	// File names the rulebook in the audit row.
	File string
	// DryRun checks everything the import would do, in the transaction that
	// would do it, and rolls it back.
	DryRun bool
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// Rulebook is quarter q's rulebook (model.RulebookOf its data).
func (db *DB) Rulebook(ctx context.Context, q model.Quarter) (model.Rulebook, error) {
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		return model.Rulebook{}, err
	}
	return model.RulebookOf(d), nil
}

// ApplyRulebook makes rb q's whole rulebook in one transaction, audited as
// an import_rules row: q's sections and adjustment items become the file's
// (matched by name: changed, created, or deleted when the file does not
// have them, which a section or item with values refuses), its rules the
// file's (groups and section conditions by name), and the units it names
// get its names for documents (short name, aliases, 公文用名, 出席人, 职务).
// Units it does not name are left as they are. A locked q refuses it, and
// so does a change of what a locked quarter published (see freeze).
// DryRun checks all of it and writes nothing.
func (db *DB) ApplyRulebook(ctx context.Context, q model.Quarter, rb model.Rulebook, opts RulebookOptions, src Source) error {
	err := db.write(ctx, src, func(t *txn) error {
		all, err := t.units()
		if err != nil {
			return err
		}
		var missing []string
		for _, u := range rb.Units {
			if _, err := model.FindUnit(all, u.Name); err != nil {
				missing = append(missing, u.Name)
			}
		}
		for _, g := range rb.Groups {
			for _, n := range g.Units {
				if _, err := model.FindUnit(all, n); err != nil && !slices.Contains(missing, n) {
					missing = append(missing, n)
				}
			}
		}
		if len(missing) > 0 && !opts.AddUnits {
			return model.Errorf(model.ErrNotFound, "规则文件里的区市%s不在数据库里；如要新增，加 --add-units", quoteNames(missing))
		}
		lead, err := t.lead()
		if err != nil {
			return err
		}
		to := model.QuarterAt(q.Index() + lead)
		if len(missing) > 0 {
			to = model.Quarter{} // new units take part in every later quarter
		}
		if err := t.freeze(q.Next(), to); err != nil {
			return err
		}
		row, err := t.writable(q, true)
		if err != nil {
			return err
		}
		if err := t.applyUnits(q, rb, missing, all); err != nil {
			return err
		}
		if all, err = t.units(); err != nil {
			return err
		}
		if err := t.applySections(q, rb.Sections); err != nil {
			return err
		}
		if err := t.applyAdjustments(q, rb.Adjustments); err != nil {
			return err
		}
		r, err := t.rulesOf(q, rb, all)
		if err != nil {
			return err
		}
		d, err := t.quarterData(q, all)
		if err != nil {
			return err
		}
		if err := d.CheckRules(r, row.rules); err != nil {
			return err
		}
		if err := t.putRules(q, row.rules, r); err != nil {
			return err
		}
		// Sections the file does not have go last: the new rules no longer
		// look at them (ReadRulebook refuses a condition on a section the
		// file does not have).
		ss, err := t.sections(q)
		if err != nil {
			return err
		}
		for _, s := range ss {
			if !slices.ContainsFunc(rb.Sections, func(x model.Section) bool { return x.Name == s.Name }) {
				if err := t.deleteSection(q, r, s.ID); err != nil {
					return err
				}
			}
		}
		if err := t.audit("import_rules", q, "", "规则文件", "", opts.File); err != nil {
			return err
		}
		if opts.DryRun {
			if err := t.checkFrozen(); err != nil {
				return err
			}
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// applyUnits creates the missing units and gives the others the file's
// names for documents.
func (t *txn) applyUnits(q model.Quarter, rb model.Rulebook, missing []string, all []model.Unit) error {
	from := q
	if len(all) == 0 {
		from = model.Quarter{}
	}
	var create []model.Unit
	for _, n := range missing {
		u := model.Unit{Name: n, From: from}
		if i := slices.IndexFunc(rb.Units, func(x model.Unit) bool { return x.Name == n }); i >= 0 {
			u = rb.Units[i]
			u.From = from
		}
		create = append(create, u)
	}
	if _, err := t.createUnits(create); err != nil {
		return err
	}
	for _, f := range rb.Units {
		if slices.Contains(missing, f.Name) {
			continue
		}
		u, _ := model.FindUnit(all, f.Name)
		was := u
		u.Short, u.Aliases, u.DocName, u.Attendee, u.Post = f.Short, f.Aliases, f.DocName, f.Attendee, f.Post
		if u.Short != was.Short || !slices.Equal(u.Aliases, was.Aliases) || u.DocName != was.DocName || u.Attendee != was.Attendee || u.Post != was.Post {
			if err := t.updateUnit(u); err != nil {
				return err
			}
		}
	}
	return nil
}

// applySections changes and creates q's sections as the file has them
// (deleting the others is left to ApplyRulebook).
func (t *txn) applySections(q model.Quarter, want []model.Section) error {
	have, err := t.sections(q)
	if err != nil {
		return err
	}
	for _, s := range want {
		i := slices.IndexFunc(have, func(x model.Section) bool { return x.Name == s.Name })
		switch {
		case i < 0:
			s.ID = 0
			if _, err := t.createSection(q, s); err != nil {
				return err
			}
		case have[i].Weight != s.Weight || have[i].Max != s.Max || have[i].Order != s.Order:
			s.ID = have[i].ID
			if err := t.updateSection(q, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyAdjustments makes q's adjustment items the file's.
func (t *txn) applyAdjustments(q model.Quarter, want []model.Adjustment) error {
	have, err := t.adjustments(q)
	if err != nil {
		return err
	}
	for _, a := range have {
		if !slices.ContainsFunc(want, func(x model.Adjustment) bool { return x.Name == a.Name }) {
			if err := t.deleteAdjustment(q, a.ID); err != nil {
				return err
			}
		}
	}
	for _, a := range want {
		a, err := checkAdjustment(a)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(have, func(x model.Adjustment) bool { return x.Name == a.Name })
		switch {
		case i < 0:
			a.ID = 0
			if _, err := t.createAdjustment(q, a); err != nil {
				return err
			}
		case have[i].Min != a.Min || have[i].Max != a.Max || have[i].Order != a.Order:
			a.ID = have[i].ID
			if err := t.updateAdjustment(q, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// rulesOf are rb's rules for q: groups by unit ID, section conditions
// bound to q's sections by name, checked as SetRules checks them.
func (t *txn) rulesOf(q model.Quarter, rb model.Rulebook, units []model.Unit) (model.Rules, error) {
	r := rb.Rules
	r.Groups = nil
	for _, g := range rb.Groups {
		gr := model.Group{Name: g.Name}
		for _, n := range g.Units {
			u, err := model.FindUnit(units, n)
			if err != nil {
				return r, err
			}
			gr.Units = append(gr.Units, u.ID)
		}
		r.Groups = append(r.Groups, gr)
	}
	r = r.MapConditions(func(_ string, c model.Condition) model.Condition {
		c.Section = 0
		return c
	})
	r, err := model.CleanRules(r)
	if err != nil {
		return r, err
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	if r, err = t.bindRules(q, r, true); err != nil {
		return r, err
	}
	return r, t.checkGroups(q, r)
}

// quoteNames writes names as “甲”、“乙”.
func quoteNames(ns []string) string {
	qs := make([]string, len(ns))
	for i, n := range ns {
		qs[i] = "“" + model.SafeText(n) + "”"
	}
	return strings.Join(qs, "、")
}
