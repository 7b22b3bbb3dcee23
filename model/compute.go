package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ScoreKey addresses one section score of one unit.
type ScoreKey struct{ Unit, Section int64 }

// QuarterData is everything stored about one quarter: the input of Compute.
type QuarterData struct {
	Quarter    Quarter
	Units      []Unit    // units taking part, official order
	Sections   []Section // display order
	Adjustment Adjustment
	Scores     map[ScoreKey]Hundredths
	Adjust     map[int64]Hundredths // by unit ID; missing = 0
	Rules      Rules
	Locked     bool
}

// Missing is a (unit, section) pair without a score.
type Missing struct {
	Unit    Unit
	Section Section
}

// SectionResult is one unit's result in one section.
type SectionResult struct {
	Score Hundredths
	Has   bool
	Rank  int // competition rank within the section, 0 = no score
	Stars int // Rules.StarsFor; 0 = no score, or ranked below the top K
}

// Standing is one unit's result in a quarter.
type Standing struct {
	Unit       Unit
	Complete   bool // has every section score
	Composite  Composite
	Adjust     Hundredths
	Rank       int // composite rank, 0 = none
	FromBottom int // 1 = last, ties share it
	PrevRank   int // previous quarter's rank, 0 = none (shown 新)
	Sections   []SectionResult
	Flags      []string
	Warnings   []string
	WarnStreak int  // quarters in a row with a warning, ending with this one
	RedMark    bool // 红牌: warned RedMarkStreak quarters in a row
	Seat       int  // seat order, 1-based; 0 = not seated
}

// Movement is the previous rank minus this rank (positive = rose). It is
// meaningful only when HasMovement.
func (s Standing) Movement() int { return s.PrevRank - s.Rank }

// HasMovement reports whether the unit was ranked in both quarters.
func (s Standing) HasMovement() bool { return s.PrevRank != 0 && s.Rank != 0 }

// Warned reports whether any warning rule applies.
func (s Standing) Warned() bool { return len(s.Warnings) > 0 }

// Result is a computed quarter.
type Result struct {
	Quarter    Quarter
	Sections   []Section
	Adjustment Adjustment
	Rules      Rules
	Locked     bool
	// Standings holds the ranked units in seat order, then the unranked
	// (incomplete) units in official order.
	Standings []Standing
	Missing   []Missing
}

// Complete reports whether every unit has every section score, so that
// ranking, flags, seats and bulletin may be published.
func (r *Result) Complete() bool {
	return len(r.Missing) == 0 && len(r.Sections) > 0 && len(r.Standings) > 0
}

// Ranked returns the standings that have a rank, in seat order.
func (r *Result) Ranked() []Standing {
	n := 0
	for n < len(r.Standings) && r.Standings[n].Rank != 0 {
		n++
	}
	return r.Standings[:n]
}

// FlagHolders are the units that won the flag named name, in seat order.
func (r *Result) FlagHolders(name string) []Standing {
	return r.holders(func(s Standing) []string { return s.Flags }, name)
}

// WarnedBy are the units the warning named name applies to, in seat order.
func (r *Result) WarnedBy(name string) []Standing {
	return r.holders(func(s Standing) []string { return s.Warnings }, name)
}

func (r *Result) holders(names func(Standing) []string, name string) []Standing {
	var out []Standing
	for _, s := range r.Ranked() {
		if slices.Contains(names(s), name) {
			out = append(out, s)
		}
	}
	return out
}

// Find returns the standing of the unit with this ID, or nil.
func (r *Result) Find(unitID int64) *Standing {
	if r == nil {
		return nil
	}
	for i := range r.Standings {
		if r.Standings[i].Unit.ID == unitID {
			return &r.Standings[i]
		}
	}
	return nil
}

// byUnit indexes the standings by unit ID (empty for a nil result).
func (r *Result) byUnit() map[int64]*Standing {
	if r == nil {
		return nil
	}
	m := make(map[int64]*Standing, len(r.Standings))
	for i := range r.Standings {
		m[r.Standings[i].Unit.ID] = &r.Standings[i]
	}
	return m
}

// IncompleteError explains why results of r may not be published, listing
// the missing pairs; nil when r is complete.
func (r *Result) IncompleteError() error {
	if r.Complete() {
		return nil
	}
	switch {
	case len(r.Standings) == 0:
		return Errorf(ErrIncomplete, "%s 没有参加考核的区市", r.Quarter)
	case len(r.Sections) == 0:
		return Errorf(ErrIncomplete, "%s 还没有考核板块（导入一个带表头的文件即可建立）", r.Quarter)
	case len(r.Missing) == len(r.Standings)*len(r.Sections):
		return Errorf(ErrIncomplete, "%s 还没有任何得分（用 starflag import 导入，或在看板里录入）", r.Quarter)
	}
	return Errorf(ErrIncomplete, "%s 未完成，缺少 %d 项得分：%s", r.Quarter, len(r.Missing), MissingList(r.Missing, 12))
}

// MissingList formats at most limit pairs as "市南区/经济运行、…".
func MissingList(ms []Missing, limit int) string {
	parts := make([]string, 0, min(len(ms), limit)+1)
	for i, m := range ms {
		if i == limit {
			parts = append(parts, fmt.Sprintf("等共 %d 项", len(ms)))
			break
		}
		parts = append(parts, m.Unit.Name+"/"+m.Section.Name)
	}
	return strings.Join(parts, "、")
}

// ComputeSeries computes quarters given in order; each one is compared with
// the one before it when that is its previous quarter.
func ComputeSeries(ds []QuarterData) []Result {
	out := make([]Result, len(ds))
	for i, d := range ds {
		var prev *Result
		if i > 0 && out[i-1].Quarter == d.Quarter.Prev() {
			prev = &out[i-1]
		}
		out[i] = Compute(d, prev)
	}
	return out
}

// Compute applies every quarterly rule to d. prev is the computed previous
// quarter (nil when there is none): it gives movement and warning streaks.
// An incomplete quarter is still computed, as a provisional ranking of its
// complete units without flags or warnings, so screens can show it marked
// 未完成 (暂定).
func Compute(d QuarterData, prev *Result) Result {
	res := Result{Quarter: d.Quarter, Sections: d.Sections, Adjustment: d.Adjustment, Rules: d.Rules, Locked: d.Locked}
	st := make([]Standing, len(d.Units))
	cells := make([]SectionResult, len(d.Units)*len(d.Sections))
	prevByUnit := prev.byUnit()
	for i, u := range d.Units {
		s := &st[i]
		s.Unit = u
		s.Sections = cells[i*len(d.Sections) : (i+1)*len(d.Sections) : (i+1)*len(d.Sections)]
		s.Complete = len(d.Sections) > 0
		s.Adjust = d.Adjust[u.ID]
		total := CompositeOf(s.Adjust)
		for j, sec := range d.Sections {
			v, ok := d.Scores[ScoreKey{u.ID, sec.ID}]
			if !ok {
				s.Complete = false
				res.Missing = append(res.Missing, Missing{u, sec})
				continue
			}
			s.Sections[j] = SectionResult{Score: v, Has: true}
			total += sec.Weight.Times(v)
		}
		if s.Complete {
			s.Composite = total
		}
		if p, ok := prevByUnit[u.ID]; ok {
			s.PrevRank = p.Rank
		}
	}

	// Stars per section, among the units that have a score in it
	// (Rules.StarsFor gives them).
	vals := make([]int64, 0, len(st))
	idx := make([]int, 0, len(st))
	for j := range d.Sections {
		vals, idx = vals[:0], idx[:0]
		for i := range st {
			if c := st[i].Sections[j]; c.Has {
				vals = append(vals, int64(c.Score))
				idx = append(idx, i)
			}
		}
		ranks := CompetitionRanks(vals)
		for k, i := range idx {
			c := &st[i].Sections[j]
			c.Rank = ranks[k]
			c.Stars = d.Rules.StarsFor(ranks[k], len(idx))
		}
	}

	// Composite ranks among complete units, from the top and from the bottom.
	vals, idx = vals[:0], idx[:0]
	for i := range st {
		if st[i].Complete {
			vals = append(vals, int64(st[i].Composite))
			idx = append(idx, i)
		}
	}
	ranks := CompetitionRanks(vals)
	tied := make([]int, len(ranks)+1) // tied[r] = units sharing rank r
	for _, r := range ranks {
		tied[r]++
	}
	for k, i := range idx {
		r := ranks[k]
		st[i].Rank = r
		st[i].FromBottom = len(idx) - r - tied[r] + 2
	}

	// Flags and warnings only on a complete quarter: an incomplete one's
	// ranks are provisional (暂定) and change with every score typed in.
	if len(res.Missing) == 0 {
		sectionRules := d.Rules.HasSectionConditions()
		for i := range st {
			applyRules(&st[i], d, prevByUnit, sectionRules)
		}
	}

	// Sort indices rather than the large Standing values.
	order := make([]int, len(st))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return seatOrder(&st[a], &st[b]) }) // a total order: stable not needed
	permute(st, order)
	for i := range st {
		if st[i].Rank != 0 {
			st[i].Seat = i + 1
		}
	}
	res.Standings = st
	return res
}

func applyRules(s *Standing, d QuarterData, prev map[int64]*Standing, sectionRules bool) {
	if s.Rank == 0 {
		return
	}
	pos := Position{Rank: s.Rank, FromBottom: s.FromBottom, PrevRank: s.PrevRank}
	if sectionRules {
		pos.SectionRanks = make(map[int64]int, len(d.Sections))
		for j, sec := range d.Sections {
			pos.SectionRanks[sec.ID] = s.Sections[j].Rank
		}
	}
	for _, r := range d.Rules.Flags {
		if r.Applies(pos) && !(d.Rules.OneFlagPerUnit && len(s.Flags) > 0) {
			s.Flags = append(s.Flags, r.Name)
		}
	}
	for _, r := range d.Rules.Warnings {
		if r.Applies(pos) {
			s.Warnings = append(s.Warnings, r.Name)
		}
	}
	if s.Warned() {
		s.WarnStreak = 1
		if p, ok := prev[s.Unit.ID]; ok {
			s.WarnStreak += p.WarnStreak
		}
	}
	s.RedMark = d.Rules.RedMarkStreak > 0 && s.WarnStreak >= d.Rules.RedMarkStreak
}

// seatOrder orders ranked units by rank, ties by the previous quarter's rank
// (units without one after those with one), then by official order; unranked
// units come last in official order.
func seatOrder(a, b *Standing) int {
	if (a.Rank == 0) != (b.Rank == 0) {
		if a.Rank == 0 {
			return 1
		}
		return -1
	}
	if a.Rank == 0 { // both unranked: official order, whatever their previous rank
		return cmp.Or(cmp.Compare(a.Unit.Order, b.Unit.Order), cmp.Compare(a.Unit.ID, b.Unit.ID))
	}
	if c := cmp.Compare(a.Rank, b.Rank); c != 0 {
		return c
	}
	if c := cmp.Compare(rankOrLast(a.PrevRank), rankOrLast(b.PrevRank)); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Unit.Order, b.Unit.Order); c != 0 {
		return c
	}
	return cmp.Compare(a.Unit.ID, b.Unit.ID)
}

// permute reorders st so that st[k] becomes the old st[order[k]], in place
// (following cycles), which spares a second copy of the standings.
func permute(st []Standing, order []int) {
	for k := range order {
		if order[k] < 0 {
			continue
		}
		tmp := st[k]
		j := k
		for order[j] != k {
			st[j] = st[order[j]]
			next := order[j]
			order[j] = -1
			j = next
		}
		st[j] = tmp
		order[j] = -1
	}
}

func rankOrLast(r int) int {
	if r == 0 {
		return int(^uint(0) >> 1)
	}
	return r
}

// CompetitionRanks ranks values, higher is better, ties share a rank and the
// next rank skips (1, 2, 2, 4). ranks[i] belongs to values[i].
func CompetitionRanks(values []int64) []int {
	order := make([]int, len(values))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(values[b], values[a]) })
	ranks := make([]int, len(values))
	for k, i := range order {
		if k > 0 && values[i] == values[order[k-1]] {
			ranks[i] = ranks[order[k-1]]
		} else {
			ranks[i] = k + 1
		}
	}
	return ranks
}
