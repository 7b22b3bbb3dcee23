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
	Quarter     Quarter
	Units       []Unit       // units taking part, official order
	Sections    []Section    // display order
	Adjustments []Adjustment // the adjustment items, display order
	Scores      map[ScoreKey]Hundredths
	Adjust      map[AdjustKey]Hundredths // missing = 0
	// Vetoes are the units vetoed (一票否决) in the quarter, with the reason,
	// by unit ID.
	Vetoes map[int64]string
	// Talks are the 约谈 records of the quarter by unit ID.
	Talks  map[int64]Talk
	Rules  Rules
	Locked bool
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
	Rank  int // competition rank within the section among all units, 0 = no score
	// GroupRank is the rank within the section among the unit's group
	// (the same as Rank when the quarter has no groups).
	GroupRank int
	Stars     int // Rules.StarsFor in the star rule's scope; 0 = no score, or ranked below the top K
}

// Standing is one unit's result in a quarter.
type Standing struct {
	Unit       Unit
	Complete   bool // has every section score
	Composite  Composite
	Adjust     Hundredths // the adjustment items added up
	Rank       int        // composite rank among all units, 0 = none
	FromBottom int        // 1 = last, ties share it
	PrevRank   int        // previous quarter's rank, 0 = none (shown 新)
	// Group names the unit's group ("" when the quarter has none), and
	// InGroup is its place in it (see groups.go): the same as Rank,
	// FromBottom and PrevRank when the quarter has no groups.
	Group      string
	InGroup    Placing
	Sections   []SectionResult
	Flags      []string
	Warnings   []string
	AntiAwards []string // the anti-award rules (反向奖) that apply
	WarnStreak int      // quarters in a row with a warning, ending with this one
	RedMark    bool     // 红牌: warned RedMarkStreak quarters in a row
	Seat       int      // seat order, 1-based; 0 = not seated
	// Veto is the reason of the unit's 一票否决 this quarter ("" = none): it
	// keeps its composite and rank but holds no flag.
	Veto string
	// Talk is the 约谈 recorded for the unit this quarter (zero = none).
	Talk Talk
}

// Marks are the names of the unit's flags, warnings and anti-awards, in
// the order of Rules.Lists and Kinds.
func (s *Standing) Marks() [][]string { return [][]string{s.Flags, s.Warnings, s.AntiAwards} }

// Movement is the previous rank minus this rank (positive = rose). It is
// meaningful only when HasMovement.
func (s Standing) Movement() int { return s.PrevRank - s.Rank }

// HasMovement reports whether the unit was ranked in both quarters.
func (s Standing) HasMovement() bool { return s.PrevRank != 0 && s.Rank != 0 }

// Warned reports whether any warning rule applies.
func (s Standing) Warned() bool { return len(s.Warnings) > 0 }

// Result is a computed quarter.
type Result struct {
	Quarter     Quarter
	Sections    []Section
	Adjustments []Adjustment
	Rules       Rules
	Locked      bool
	// Groups names the groups in order, Ungrouped last when some unit is
	// in no group; nil when the quarter has no groups.
	Groups []string
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

// AntiAwardedBy are the units the anti-award named name applies to, in
// seat order.
func (r *Result) AntiAwardedBy(name string) []Standing {
	return r.holders(func(s Standing) []string { return s.AntiAwards }, name)
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
		return noScores(r.Quarter)
	}
	return Errorf(ErrIncomplete, "%s 未完成，缺少 %d 项得分：%s", r.Quarter, len(r.Missing), MissingList(r.Missing, 12))
}

// noScores refuses quarter q for having no score at all.
func noScores(q Quarter) error {
	return Errorf(ErrIncomplete, "%s 还没有任何得分（用 starflag import 导入，或在看板里录入）", q)
}

// MissingList formats at most limit pairs as "市南区/经济运行、…", the
// others counted: 市南区/经济运行、市北区/经济运行等共 38 项.
func MissingList(ms []Missing, limit int) string {
	parts := make([]string, 0, min(len(ms), limit))
	for _, m := range ms[:min(len(ms), limit)] {
		parts = append(parts, m.Unit.Name+"/"+m.Section.Name)
	}
	list := strings.Join(parts, "、")
	if len(ms) > limit {
		list += fmt.Sprintf("等共 %d 项", len(ms))
	}
	return list
}

// ComputeSeries computes quarters given in order; each one is compared with
// the one before it when that is its previous quarter, and the conditions
// that look back (see conditions.go) read the run of consecutive quarters
// before it.
func ComputeSeries(ds []QuarterData) []Result {
	out := make([]Result, len(ds))
	for i, d := range ds {
		var past []*Result
		for j, q := i-1, d.Quarter.Prev(); j >= 0 && out[j].Quarter == q; j, q = j-1, q.Prev() {
			past = append(past, &out[j])
		}
		out[i] = compute(d, past)
	}
	return out
}

// Compute applies every quarterly rule to d. prev is the computed previous
// quarter (nil when there is none): it gives movement and warning streaks.
// An incomplete quarter is still computed, as a provisional ranking of its
// complete units without flags or warnings, so screens can show it marked
// 未完成 (暂定). A condition that looks further back than prev reads only
// what ComputeSeries gives it.
func Compute(d QuarterData, prev *Result) Result {
	if prev == nil {
		return compute(d, nil)
	}
	return compute(d, []*Result{prev})
}

// compute is Compute with the quarters before d, latest first (past[0] is
// the previous quarter); the run ends at the first quarter missing.
func compute(d QuarterData, past []*Result) Result { return computeOn(d, past, nil) }

// sectionPart is what compute works out from the section scores alone:
// each unit's section results (ranks and stars) and its weighted sum, in
// the order of d.Units. Points needed computes a quarter again and again
// with only an adjustment changed; it works this out once (sectionPart)
// and computes on it (computeOn).
type sectionPart struct {
	cells    []SectionResult // unit i's section j at i×len(sections)+j
	sums     []Composite
	complete []bool
	missing  []Missing
}

// sectionPart is the section part of r, computed from units (the
// quarter's units, in their order).
func (r *Result) sectionPart(units []Unit) *sectionPart {
	n := len(r.Sections)
	p := &sectionPart{cells: make([]SectionResult, len(units)*n), sums: make([]Composite, len(units)),
		complete: make([]bool, len(units)), missing: r.Missing}
	at := r.byUnit()
	for i, u := range units {
		s := at[u.ID]
		copy(p.cells[i*n:(i+1)*n], s.Sections)
		p.complete[i] = s.Complete
		if s.Complete {
			p.sums[i] = s.Composite - CompositeOf(s.Adjust)
		}
	}
	return p
}

// computeOn is compute with the section part given (nil: worked out from
// d), which must be d's: only adjustments may differ.
func computeOn(d QuarterData, past []*Result, part *sectionPart) Result {
	var prev *Result
	if len(past) > 0 {
		prev = past[0]
	}
	res := Result{Quarter: d.Quarter, Sections: d.Sections, Adjustments: d.Adjustments, Rules: d.Rules, Locked: d.Locked}
	st := make([]Standing, len(d.Units))
	var cells []SectionResult
	if part != nil {
		cells, res.Missing = slices.Clone(part.cells), slices.Clone(part.missing)
	} else {
		cells = make([]SectionResult, len(d.Units)*len(d.Sections))
	}
	prevByUnit := prev.byUnit()
	for i, u := range d.Units {
		s := &st[i]
		s.Unit = u
		s.Sections = cells[i*len(d.Sections) : (i+1)*len(d.Sections) : (i+1)*len(d.Sections)]
		s.Complete = len(d.Sections) > 0
		s.Veto, s.Talk = d.Vetoes[u.ID], d.Talks[u.ID]
		for _, a := range d.Adjustments {
			s.Adjust += d.Adjust[AdjustKey{u.ID, a.ID}]
		}
		total := CompositeOf(s.Adjust)
		if part != nil {
			s.Complete = part.complete[i]
			total += part.sums[i]
		} else {
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
		}
		if s.Complete {
			s.Composite = total
		}
		if p, ok := prevByUnit[u.ID]; ok {
			s.PrevRank = p.Rank
		}
	}

	// The sets of units ranked: all of them, and each group.
	all := make([]int, len(st))
	for i := range all {
		all[i] = i
	}
	g := groupingOf(d.Rules, d.Units)
	var gidx []int // each unit's group
	if g != nil {
		res.Groups = g.names
		gidx = make([]int, len(st))
		for i := range st {
			gidx[i] = g.index(st[i].Unit.ID)
			st[i].Group = g.names[gidx[i]]
		}
	}
	var rk ranker

	// Section ranks and stars, among the units that have a score in the
	// section: all units, then each group in the same order; stars in the
	// star rule's scope (Rules.StarsFor gives them).
	starsAll := g == nil || d.Rules.StarsAllUnits
	for j := range d.Sections {
		if part != nil {
			break // the part's sections are ranked and starred already
		}
		score := func(i int) (int64, bool) { c := st[i].Sections[j]; return int64(c.Score), c.Has }
		rk.rank(all, score, func(i, r, n int) {
			c := &st[i].Sections[j]
			c.Rank = r
			if g == nil {
				c.GroupRank = r
			}
			if starsAll {
				c.Stars = d.Rules.StarsFor(r, n)
			}
		})
		if g != nil {
			rk.groupPlaces(gidx, len(g.names), func(i int, p Placing, n int) {
				c := &st[i].Sections[j]
				c.GroupRank = p.Rank
				if !starsAll {
					c.Stars = d.Rules.StarsFor(p.Rank, n)
				}
			})
		}
	}

	// Composite ranks among complete units, from the top and from the
	// bottom: among all units, then within each group.
	composite := func(i int) (int64, bool) { return int64(st[i].Composite), st[i].Complete }
	rk.places(all, composite, func(i int, p Placing) { st[i].Rank, st[i].FromBottom = p.Rank, p.FromBottom })
	if g == nil {
		for i := range st {
			st[i].InGroup = Placing{st[i].Rank, st[i].FromBottom, st[i].PrevRank}
		}
	} else {
		rk.groupPlaces(gidx, len(g.names), func(i int, p Placing, _ int) { st[i].InGroup = p })
		prevInGroup(st, prev, g, &rk)
	}

	// Flags and warnings only on a complete quarter: an incomplete one's
	// ranks are provisional (暂定) and change with every score typed in.
	if len(res.Missing) == 0 {
		j := newJudge(d, past)
		for i := range st {
			j.i = i
			applyRules(&st[i], d, prevByUnit, j)
		}
	}

	// Sort indices rather than the large Standing values.
	order := make([]int, len(st))
	for i := range order {
		order[i] = i
	}
	byGroup := g != nil && d.Rules.SeatByGroup
	slices.SortFunc(order, func(a, b int) int { // a total order: stable not needed
		if byGroup && st[a].Rank != 0 && st[b].Rank != 0 {
			if c := cmp.Compare(g.index(st[a].Unit.ID), g.index(st[b].Unit.ID)); c != 0 {
				return c
			}
			return seatOrderBy(st[a].InGroup, st[b].InGroup, &st[a], &st[b])
		}
		return seatOrder(&st[a], &st[b])
	})
	permute(st, order)
	for i := range st {
		if st[i].Rank != 0 {
			st[i].Seat = i + 1
		}
	}
	res.Standings = st
	return res
}

// place is the unit's place among all units.
func (s *Standing) place() Placing { return Placing{s.Rank, s.FromBottom, s.PrevRank} }

// prevInGroup sets each unit's previous rank in its group: its place by
// the previous quarter's composite among the units that this quarter's
// groups put with it and that were ranked then (a unit new to the group
// moves in, one that left no longer counts). With one group holding every
// unit that is the previous rank itself.
func prevInGroup(st []Standing, prev *Result, g *grouping, rk *ranker) {
	if prev == nil {
		return
	}
	ids := make([]int, len(prev.Standings))
	gidx := make([]int, len(prev.Standings))
	for i := range prev.Standings {
		ids[i], gidx[i] = i, g.index(prev.Standings[i].Unit.ID)
	}
	rankOf := make(map[int64]int, len(prev.Standings))
	rk.collect(ids, func(i int) (int64, bool) { return int64(prev.Standings[i].Composite), prev.Standings[i].Rank != 0 })
	// A group index past the names: Ungrouped of the previous quarter's units only.
	rk.groupPlaces(gidx, len(g.names)+1, func(i int, p Placing, _ int) { rankOf[prev.Standings[i].Unit.ID] = p.Rank })
	for i := range st {
		st[i].InGroup.PrevRank = rankOf[st[i].Unit.ID]
	}
}

// ranker ranks subsets of units, reusing its buffers.
type ranker struct {
	vals  []int64
	idx   []int
	pairs []rankPair
	ranks []int
}

// rankPair is a value to rank and where it came from.
type rankPair struct {
	v int64
	i int
}

// rank gives each of the units ids that has a value its competition rank
// among them (set gets the unit, its rank and how many were ranked).
func (rk *ranker) rank(ids []int, value func(i int) (int64, bool), set func(i, rank, n int)) {
	ranks := rk.collect(ids, value)
	for k, i := range rk.idx {
		set(i, ranks[k], len(rk.idx))
	}
}

// places is rank with the rank from the bottom too (tied units share it).
func (rk *ranker) places(ids []int, value func(i int) (int64, bool), set func(i int, p Placing)) {
	ranks := rk.collect(ids, value)
	n := len(ranks)
	tied := make([]int, n+1) // tied[r] = units sharing rank r
	for _, r := range ranks {
		tied[r]++
	}
	for k, i := range rk.idx {
		r := ranks[k]
		set(i, Placing{Rank: r, FromBottom: n - r - tied[r] + 2})
	}
}

// groupPlaces places each unit of the last collect in its group (gidx: the
// group of each unit, ng groups), walking the sorted values once: set
// gets the unit, its place in its group and how many of its group were
// ranked. Ties share a rank from the top and from the bottom.
func (rk *ranker) groupPlaces(gidx []int, ng int, set func(i int, p Placing, n int)) {
	buf := make([]int, 4*ng) // per group: units ranked, units seen, the last rank, units in the current run of a value
	count, seen, lastRank, run := buf[:ng], buf[ng:2*ng], buf[2*ng:3*ng], buf[3*ng:]
	lastV := make([]int64, ng)
	for _, p := range rk.pairs {
		count[gidx[rk.idx[p.i]]]++
	}
	group := func(k int) int { return gidx[rk.idx[rk.pairs[k].i]] }
	// Equal values are side by side in the sorted order: each run of one
	// value is counted per group (the units tied there), then placed.
	for a := 0; a < len(rk.pairs); {
		b := a
		for ; b < len(rk.pairs) && rk.pairs[b].v == rk.pairs[a].v; b++ {
			run[group(b)]++
		}
		for k := a; k < b; k++ {
			grp, v := group(k), rk.pairs[k].v
			seen[grp]++
			r := seen[grp]
			if r > 1 && lastV[grp] == v {
				r = lastRank[grp]
			}
			lastV[grp], lastRank[grp] = v, r
			set(rk.idx[rk.pairs[k].i], Placing{Rank: r, FromBottom: count[grp] - r - run[grp] + 2}, count[grp])
		}
		for k := a; k < b; k++ {
			run[group(k)] = 0
		}
		a = b
	}
}

// collect gathers the values of ids that have one and ranks them as
// CompetitionRanks does, in the ranker's own buffers (a quarter of groups
// ranks some thirty sets).
func (rk *ranker) collect(ids []int, value func(i int) (int64, bool)) []int {
	rk.vals, rk.idx, rk.pairs = rk.vals[:0], rk.idx[:0], rk.pairs[:0]
	for _, i := range ids {
		if v, ok := value(i); ok {
			rk.pairs = append(rk.pairs, rankPair{v, len(rk.idx)})
			rk.vals = append(rk.vals, v)
			rk.idx = append(rk.idx, i)
		}
	}
	slices.SortFunc(rk.pairs, func(a, b rankPair) int { return cmp.Compare(b.v, a.v) })
	rk.ranks = slices.Grow(rk.ranks[:0], len(rk.pairs))[:len(rk.pairs)]
	for k, p := range rk.pairs {
		if k > 0 && p.v == rk.pairs[k-1].v {
			rk.ranks[p.i] = rk.ranks[rk.pairs[k-1].i]
		} else {
			rk.ranks[p.i] = k + 1
		}
	}
	return rk.ranks
}

func applyRules(s *Standing, d QuarterData, prev map[int64]*Standing, j judge) {
	if s.Rank == 0 {
		return
	}
	j.s = s
	for i := range j.rules[0] {
		if r := &j.rules[0][i]; s.Veto == "" && !(d.Rules.OneFlagPerUnit && len(s.Flags) > 0) && j.applies(r) {
			s.Flags = append(s.Flags, r.Name)
		}
	}
	for i := range j.rules[1] {
		if r := &j.rules[1][i]; j.applies(r) {
			s.Warnings = append(s.Warnings, r.Name)
		}
	}
	for i := range j.rules[2] {
		if r := &j.rules[2][i]; j.applies(r) {
			s.AntiAwards = append(s.AntiAwards, r.Name)
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

// judge decides which rules apply to one ranked unit (s), building its
// position in its group and among all units once, when a rule asks.
type judge struct {
	rules        [3][]judgedRule // flags, warnings, anti-awards
	s            *Standing
	i            int     // s's index in d.Units
	keys         []int64 // the quarter's section IDs, the keys of Position's sections
	sectionRules bool    // some condition looks at a section: fill those maps
	quarter      Quarter
	past         []pastQuarter
	scratch      []Position    // room for the past positions of both scopes, reused unit after unit
	views        []sectionView // room for their section views and those of this quarter
	pos          [2]Position   // in the unit's group, among all units
	made         [2]bool
}

// judgedRule is a rule with the registry entry of each condition's kind,
// looked up once for all units.
type judgedRule struct {
	*Rule
	specs []*ConditionSpec
	back  bool // some condition looks back: it needs the past positions
}

// pastQuarter is a quarter before the one judged, for the look-back kinds.
type pastQuarter struct {
	at   []*Standing // by the index of the judged unit in d.Units; nil: missing, incomplete or unranked there
	keys []int64     // per section of it: the ID of the judged quarter's section of its name, 0 = none
}

// newJudge prepares the judging of d's units: the section keys, and the
// quarters before that the look-back kinds of d's rules read (past: the
// run of consecutive quarters before d, latest first).
func newJudge(d QuarterData, past []*Result) judge {
	j := judge{sectionRules: d.Rules.HasSectionConditions(), quarter: d.Quarter}
	for i, list := range d.Rules.Lists() {
		j.rules[i] = make([]judgedRule, len(*list))
		for k := range *list {
			r := &(*list)[k]
			j.rules[i][k] = judgedRule{Rule: r, specs: make([]*ConditionSpec, len(r.When))}
			for c, cond := range r.When {
				j.rules[i][k].specs[c] = cond.Kind.spec()
				j.rules[i][k].back = j.rules[i][k].back || cond.LooksBack()
			}
		}
	}
	j.keys = make([]int64, len(d.Sections))
	ids := make(map[string]int64, len(d.Sections))
	for k, sec := range d.Sections {
		j.keys[k], ids[sec.Name] = sec.ID, sec.ID
	}
	back := d.Rules.lookBack(d.Quarter)
	j.past = make([]pastQuarter, back)
	j.scratch = make([]Position, 2*back)
	j.views = make([]sectionView, 2*(back+1))
	var index map[int64]int // unit ID → index in d.Units
	for k := range min(back, len(past)) {
		if !past[k].Complete() {
			continue
		}
		if index == nil {
			index = make(map[int64]int, len(d.Units))
			for i, u := range d.Units {
				index[u.ID] = i
			}
		}
		pq := &j.past[k]
		pq.at = make([]*Standing, len(d.Units))
		for n := range past[k].Standings {
			if ps := &past[k].Standings[n]; ps.Rank != 0 {
				if i, ok := index[ps.Unit.ID]; ok {
					pq.at[i] = ps
				}
			}
		}
		pq.keys = make([]int64, len(past[k].Sections))
		for i, sec := range past[k].Sections {
			pq.keys[i] = ids[sec.Name]
		}
	}
	return j
}

func (j *judge) applies(r *judgedRule) bool {
	if r.Group != "" && r.Group != j.s.Group {
		return false
	}
	p := j.position(r)
	// Rule.Applies and Condition.Holds, with the kinds looked up.
	all := r.Match == MatchAll
	for i, c := range r.When {
		s := r.specs[i]
		if holds := s != nil && s.Holds(c, *p); holds != all {
			return !all
		}
	}
	return all && len(r.When) > 0
}

// position is what r's conditions look at for j.s: its position in its
// group or among all units, with the quarters before when r looks back.
func (j *judge) position(r *judgedRule) *Position {
	k := b2i(r.AllUnits)
	if !j.made[k] {
		j.pos[k], j.made[k] = positionOf(j.s, j.keys, r.AllUnits, j.view(k, 0)), true
		j.pos[k].Q, j.pos[k].Quarter = j.quarter.Q, j.quarter
	}
	if r.back && j.pos[k].Past == nil && len(j.past) > 0 {
		j.pos[k].Past = j.pastPositions(r.AllUnits)
	}
	return &j.pos[k]
}

// pastPositions are j.s's positions in the quarters before, in its group
// or among all units, for the rules that look back.
func (j *judge) pastPositions(all bool) []Position {
	out := j.scratch[b2i(all)*len(j.past) : (b2i(all)+1)*len(j.past)]
	clear(out)
	for k, pq := range j.past {
		if pq.at != nil && pq.at[j.i] != nil {
			out[k] = positionOf(pq.at[j.i], pq.keys, all, j.view(b2i(all), k+1))
		}
	}
	return out
}

// positionOf is what the conditions look at for s: its place in its group,
// or among all units, its composite and, with sections, its section ranks
// and scores keyed by keys (the key of each of its sections; 0 = leave it
// out).
func positionOf(s *Standing, keys []int64, all bool, view *sectionView) Position {
	p := s.InGroup
	if all {
		p = s.place()
	}
	pos := Position{Rank: p.Rank, FromBottom: p.FromBottom, PrevRank: p.PrevRank, Composite: s.Composite}
	if view != nil {
		*view = sectionView{keys: keys, cells: s.Sections, all: all}
		pos.sections = view
	}
	return pos
}

// view is the room for the section view of a position (scope k, quarter
// back: 0 = this one), reused unit after unit; nil when no condition looks
// at a section.
func (j *judge) view(k, back int) *sectionView {
	if !j.sectionRules {
		return nil
	}
	return &j.views[k*(len(j.past)+1)+back]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// seatOrder orders ranked units by rank, ties by the previous quarter's rank
// (units without one after those with one), then by official order; unranked
// units come last in official order.
func seatOrder(a, b *Standing) int { return seatOrderBy(a.place(), b.place(), a, b) }

// seatOrderBy is seatOrder by the places pa and pb of a and b (among all
// units, or in their group).
func seatOrderBy(pa, pb Placing, a, b *Standing) int {
	if (a.Rank == 0) != (b.Rank == 0) {
		if a.Rank == 0 {
			return 1
		}
		return -1
	}
	if a.Rank == 0 { // both unranked: official order, whatever their previous rank
		return cmp.Or(cmp.Compare(a.Unit.Order, b.Unit.Order), cmp.Compare(a.Unit.ID, b.Unit.ID))
	}
	if c := cmp.Compare(pa.Rank, pb.Rank); c != 0 {
		return c
	}
	if c := cmp.Compare(rankOrLast(pa.PrevRank), rankOrLast(pb.PrevRank)); c != 0 {
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

// Preview computes d after the quarters before (computed results, in any
// order): the run of consecutive quarters before d among them gives its
// movement, 红牌 and look-back conditions. It is what setup's rule editor
// shows for a draft of the rules.
func Preview(d QuarterData, before []Result) Result { return NewScenario(d, before).Result() }
