package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"starflag/model"
)

// A locked (定稿) quarter's results were published: no edit may change them.
// Edits of the locked quarter itself are refused outright (writable). Its
// results also depend on the quarters before it (movement against the
// previous rank, the 红牌 streak) and on the units taking part, so every
// other edit that can reach a locked quarter first freezes the locked
// quarters it could reach: what they publish (model.Published) is computed
// before the change, again before the commit, and the transaction is
// refused, naming them, when anything differs. An edit that moves nobody (a
// correction that keeps every rank, a rename) is saved.

// resultLead is how many quarters before a quarter its result reads at
// least (Results): the previous rank for movement, and the quarter before
// that for the first warning of a 红牌 streak of 2. A longer streak reads
// further back (lead); an edit of q can change the results of q and the
// lead quarters after it.
const resultLead = 2

// lead is how many quarters before a quarter its result reads
// (model.Rules.Lead): a 红牌 after N warned quarters in a row reads N
// quarters back (the first of them needs its previous rank), and a
// condition that looks back (one with an "of") its N, at least 4 (the
// year so far). It is the most any stored quarter asks for, so one quarter
// computed on its own (an export, the lock check) agrees with the whole
// history computed at once (the dashboard). TestLeadIsRulesLead keeps
// this query equal to Rules.Lead.
func (t *txn) lead() (int, error) {
	var n sql.NullInt64
	err := t.row(`SELECT MAX(n) FROM (
			SELECT json_extract(rules, '$.red_mark_streak') AS n FROM quarters WHERE json_valid(rules)
			UNION ALL
			SELECT max(json_extract(c.value, '$.threshold'), 4)
			FROM quarters q, (SELECT 'flags' AS list UNION ALL SELECT 'warnings' UNION ALL SELECT 'anti_awards') l,
				json_each(q.rules, '$.' || l.list) r, json_each(r.value, '$.when') c
			WHERE json_valid(q.rules) AND json_type(c.value, '$.of') = 'object'
		)`).Scan(&n)
	if err != nil {
		return 0, err
	}
	return min(max(int(n.Int64), resultLead), max(model.MaxRedMarkStreak, model.MaxLookBack)), nil
}

// frozen is what some locked quarters published when a transaction began.
type frozen struct {
	quarters  []model.Quarter
	published []string
}

// freeze records what the locked quarters from..to (a zero bound is open)
// publish now; call it before the transaction changes anything.
func (t *txn) freeze(from, to model.Quarter) error {
	locked, err := t.lockedQuarters(from, to)
	if err != nil || len(locked) == 0 {
		return err
	}
	published, err := t.published(locked)
	if err == nil {
		t.frozen = append(t.frozen, frozen{locked, published})
	}
	return err
}

// freezeDependents freezes the locked quarters whose results read q (the
// ones after it: q itself, when locked, refuses the edit anyway).
func (t *txn) freezeDependents(q model.Quarter) error {
	lead, err := t.lead()
	if err != nil {
		return err
	}
	return t.freeze(q.Next(), model.QuarterAt(q.Index()+lead))
}

// checkFrozen refuses the transaction when a frozen quarter would publish
// something else after it.
func (t *txn) checkFrozen() error {
	var changed []model.Quarter
	for _, f := range t.frozen {
		after, err := t.published(f.quarters)
		if err != nil {
			return err
		}
		for i, q := range f.quarters {
			if after[i] != f.published[i] && !slices.Contains(changed, q) {
				changed = append(changed, q)
			}
		}
	}
	if len(changed) == 0 {
		return nil
	}
	slices.SortFunc(changed, model.Quarter.Compare)
	names := make([]string, len(changed))
	for i, q := range changed {
		names[i] = q.String()
	}
	which := strings.Join(names, "、")
	if len(changed) > 4 {
		which = fmt.Sprintf("%s 等 %d 个季度", strings.Join(names[:3], "、"), len(changed))
	}
	return model.Errorf(model.ErrLocked, "%s 已定稿，这次修改会改变已发布的结果（名次、位次变化、红旗、警示、评星或座次），没有保存", which).
		Advise(model.UnlockToRepublish, changed[0])
}

// lockedQuarters are the locked quarters from..to, oldest first.
func (t *txn) lockedQuarters(from, to model.Quarter) ([]model.Quarter, error) {
	hi := to.String()
	if to.IsZero() {
		hi = "~" // after every quarter as text
	}
	var out []model.Quarter
	err := t.each(`SELECT quarter FROM quarters WHERE locked AND quarter >= ? AND quarter <= ? ORDER BY quarter`,
		[]any{from.String(), hi}, func(rows *sql.Rows) error {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			if q, err := model.ParseQuarter(s); err == nil { // an invalid stored quarter publishes nothing
				out = append(out, q)
			}
			return nil
		})
	return out, err
}

// published computes what each quarter of qs publishes, as Results does.
func (t *txn) published(qs []model.Quarter) ([]string, error) {
	rs, err := t.results(qs)
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = model.Published(r)
	}
	return out, err
}

// results computes each quarter of qs with the quarters before it that it
// reads, as Results does.
func (t *txn) results(qs []model.Quarter) ([]model.Result, error) {
	units, err := t.units()
	if err != nil {
		return nil, err
	}
	lead, err := t.lead()
	if err != nil {
		return nil, err
	}
	loaded := map[model.Quarter]model.QuarterData{}
	out := make([]model.Result, len(qs))
	for i, q := range qs {
		var ds []model.QuarterData
		for j := q.Index() - lead; j <= q.Index(); j++ {
			d, ok := loaded[model.QuarterAt(j)]
			if !ok {
				if d, err = t.quarterData(model.QuarterAt(j), units); err != nil {
					return nil, err
				}
				loaded[d.Quarter] = d
			}
			ds = append(ds, d)
		}
		rs := model.ComputeSeries(ds)
		out[i] = rs[len(rs)-1]
	}
	return out, nil
}
