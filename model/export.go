package model

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
)

// Cell is one exported value. Num marks numbers, so spreadsheet writers keep
// them numeric and the formula guard leaves them alone.
type Cell struct {
	Text string
	Num  bool
	Mark string // "flag", "warning", "red": coloured as on screen
}

// Table is an export independent of its file format: CSV now, other
// formats render the same value.
type Table struct {
	Kind  string // the ExportKind's Name: ranking, stars, flags, seats, template, year, bulletin
	Title string
	// Heading is the title a printed handout (the XLSX sheet's first row)
	// carries, the quarter written the Chinese way: 2023年三季度 综合排名.
	Heading string
	// Sheet names the table's XLSX sheet when it is not its kind's title
	// (the second sheet of a workbook: 评星明细).
	Sheet string
	// Spans, when set, are a header line above Header (XLSX only): the
	// stars matrix names each section over its 得分 and 星级 columns.
	Spans  []Span
	Header []string
	Rows   [][]Cell
}

func text(s string) Cell           { return Cell{Text: s} }
func num(s string) Cell            { return Cell{Text: s, Num: true} }
func integer(n int) Cell           { return num(strconv.Itoa(n)) }
func marked(s, mark string) Cell   { return Cell{Text: s, Mark: mark} }
func joinNames(ns []string) string { return strings.Join(ns, "；") }

// MovementText is the movement as exports write it: "+2", "-1", "0" or "新".
func MovementText(s Standing) string { return s.place().MovementText() }

// MovementText is the movement as exports write it: "+2", "-1", "0" or "新".
func (p Placing) MovementText() string {
	if !p.HasMovement() {
		return "新"
	}
	m := p.Movement()
	if m > 0 {
		return "+" + strconv.Itoa(m)
	}
	return strconv.Itoa(m)
}

// GroupHeader heads the column that names a unit's group; the grouped
// tables append it last, so readers of the columns before still work.
const GroupHeader = "组别"

// VetoHeader heads the column of the reasons of 一票否决, appended (after
// 组别) when a unit of the quarter, or of the year, was vetoed.
const VetoHeader = "一票否决"

// AntiHeader heads the column of the anti-awards (反向奖, such as 蜗牛奖),
// appended when the quarter has anti-award rules.
const AntiHeader = "反向奖"

// Vetoed reports whether a unit of r was vetoed (一票否决).
func (r *Result) Vetoed() bool {
	return slices.ContainsFunc(r.Standings, func(s Standing) bool { return s.Veto != "" })
}

// withGroup appends the group column to t's header when r has groups.
func withGroup(r *Result, header []string) []string {
	if r.Grouped() {
		return append(header, GroupHeader)
	}
	return header
}

// groupCell appends s's group to row when r has groups.
func groupCell(r *Result, s Standing, row []Cell) []Cell {
	if r.Grouped() {
		return append(row, text(s.Group))
	}
	return row
}

// SeatRank is the rank that seat order follows: among all units, or in
// the unit's group when seating group after group.
func (r *Result) SeatRank(s Standing) int {
	if r.Grouped() && r.Rules.SeatByGroup {
		return s.InGroup.Rank
	}
	return s.Rank
}

// SectionRank is the section rank that goes with c's stars: within the
// unit's group, or among all units when the star rule says so (the same
// without groups).
func (r *Result) SectionRank(c SectionResult) int {
	if r.Rules.StarsAllUnits {
		return c.Rank
	}
	return c.GroupRank
}

// RankingTable is the composite ranking in seat order; with groups, group
// after group with the rank and movement in the group. It refuses an
// incomplete quarter with the list of missing scores.
func RankingTable(r *Result) (Table, error) { return rankingTable(r, false) }

// rankingTable is the ranking; with sections, each section's score
// follows 综合得分 (the XLSX handout, RankingSheet).
func rankingTable(r *Result, sections bool) (Table, error) {
	if err := r.IncompleteError(); err != nil {
		return Table{}, err
	}
	t := quarterTable(r.Quarter, ExportRanking, withGroup(r, []string{"季度", "名次", "区市", "综合得分", "位次变化", "红旗", "警示"}))
	if sections {
		names := make([]string, len(r.Sections))
		for j, sec := range r.Sections {
			names[j] = sec.Name
		}
		t.Header = slices.Insert(t.Header, 4, names...)
	}
	vetoes, anti := r.Vetoed(), len(r.Rules.AntiAwards) > 0
	if vetoes {
		t.Header = append(t.Header, VetoHeader)
	}
	if anti {
		t.Header = append(t.Header, AntiHeader)
	}
	for _, s := range r.InGroupOrder() {
		if s.Rank == 0 {
			continue
		}
		warn := joinNames(s.Warnings)
		mark := "warning"
		if s.RedMark {
			warn, mark = warn+"（红牌）", "red"
		}
		row := groupCell(r, s, []Cell{text(r.Quarter.String()), integer(s.InGroup.Rank), text(s.Unit.Name),
			num(s.Composite.String()), num(s.InGroup.MovementText()), marked(joinNames(s.Flags), "flag"), marked(warn, mark)})
		if sections {
			scores := make([]Cell, len(s.Sections))
			for j, c := range s.Sections {
				scores[j] = num(c.Score.String())
			}
			row = slices.Insert(row, 4, scores...)
		}
		if vetoes {
			row = append(row, marked(s.Veto, "warning"))
		}
		if anti {
			row = append(row, marked(joinNames(s.AntiAwards), "warning"))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// StarsTable has one row per unit and section that has a score; it works for
// incomplete quarters too, as stars use the units scored in each section.
func StarsTable(r *Result) Table {
	t := quarterTable(r.Quarter, ExportStars, withGroup(r, []string{"季度", "区市", "板块", "得分", "板块名次", "星级"}))
	for _, s := range officialOrder(r.Standings) {
		for j, sec := range r.Sections {
			c := s.Sections[j]
			if !c.Has {
				continue
			}
			t.Rows = append(t.Rows, groupCell(r, s, []Cell{text(r.Quarter.String()), text(s.Unit.Name), text(sec.Name),
				num(c.Score.String()), integer(r.SectionRank(c)), integer(c.Stars)}))
		}
	}
	return t
}

// FlagsTable has one row per award, flag rules in order, holders in seat order.
func FlagsTable(r *Result) (Table, error) {
	if err := r.IncompleteError(); err != nil {
		return Table{}, err
	}
	t := quarterTable(r.Quarter, ExportFlags, withGroup(r, []string{"季度", "红旗", "区市"}))
	for _, rule := range r.Rules.Flags {
		for _, s := range r.FlagHolders(rule.Name) {
			t.Rows = append(t.Rows, groupCell(r, s, []Cell{text(r.Quarter.String()), marked(rule.Name, "flag"), text(s.Unit.Name)}))
		}
	}
	return t, nil
}

// SeatsTable gives each unit's seat order and chart position.
func SeatsTable(r *Result) (Table, error) {
	if err := r.IncompleteError(); err != nil {
		return Table{}, err
	}
	ranked := r.Ranked()
	places, err := r.Rules.Layout.Places(len(ranked))
	if err != nil {
		return Table{}, err
	}
	t := quarterTable(r.Quarter, ExportSeats, withGroup(r, []string{"座次", "区市", "名次", "排", "座"}))
	for i, s := range ranked {
		t.Rows = append(t.Rows, groupCell(r, s, []Cell{integer(s.Seat), text(s.Unit.Name), integer(r.SeatRank(s)), integer(places[i].Row), integer(places[i].Seat)}))
	}
	return t, nil
}

// TemplateTable is the import header of the quarter with one empty row per
// unit: it always works, so staff can hand it to the assessing departments.
func TemplateTable(q Quarter, units []Unit, sections []Section, items []Adjustment) Table {
	t := quarterTable(q, ExportTemplate, []string{UnitHeaders[0]})
	for _, s := range sections {
		t.Header = append(t.Header, s.Name)
	}
	for _, a := range items {
		t.Header = append(t.Header, a.Name)
	}
	for _, u := range units {
		row := []Cell{text(u.Name)}
		for range t.Header[1:] {
			row = append(row, text(""))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func officialOrder(st []Standing) []Standing {
	out := slices.Clone(st)
	slices.SortStableFunc(out, func(a, b Standing) int { return cmp.Compare(a.Unit.Order, b.Unit.Order) })
	return out
}

// CSV renders t for Excel and WPS: UTF-8 BOM, CRLF, and text cells that a
// spreadsheet would run as a formula prefixed with ', header included (a
// section named in an import header, or written by another tool).
func (t Table) CSV() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	head := make([]string, len(t.Header))
	for i, h := range t.Header {
		head[i] = GuardFormula(h)
	}
	w.Write(head)
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = c.Text
			if !c.Num {
				rec[i] = GuardFormula(c.Text)
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// GuardFormula prefixes text that starts with = + - @ (or a tab or carriage
// return) and is not a number with ' so that spreadsheets show it instead of
// running it.
func GuardFormula(s string) string {
	if s == "" || !strings.ContainsRune(formulaStarts+"\t\r", rune(s[0])) {
		return s
	}
	if _, err := ParseHundredths(strings.TrimPrefix(s, "+")); err == nil {
		return s
	}
	return "'" + s
}

// AnnualTable is the year view: quarterly ranks, annual score and rank,
// tier, flags, stars per section, first places and 进位显著奖.
func AnnualTable(a Annual) Table {
	t := Table{Kind: ExportYear.Name, Title: strconv.Itoa(a.Year) + " " + ExportYear.Title,
		Heading: strconv.Itoa(a.Year) + "年 " + ExportYear.Title,
		Header:  []string{"年度", "名次", "区市", "年度得分", "一季度", "二季度", "三季度", "四季度", "等次", "红旗"}}
	for _, s := range a.Sections {
		t.Header = append(t.Header, s+"星数")
	}
	t.Header = append(t.Header, "单项第一", "进位显著奖")
	if a.Grouped {
		t.Header = append(t.Header, GroupHeader)
	}
	if a.Vetoed {
		t.Header = append(t.Header, VetoHeader)
	}
	if a.Talks {
		t.Header = append(t.Header, "警示季度数", "约谈")
	}
	for _, r := range a.Rows {
		row := []Cell{text(strconv.Itoa(a.Year)), integer(r.Rank), text(r.Unit.Name), num(r.ScoreRounded().String())}
		for _, k := range r.Ranks {
			if k == 0 {
				row = append(row, text(""))
			} else {
				row = append(row, integer(k))
			}
		}
		flags := integer(r.FlagTotal())
		if r.FlagTotal() > 0 {
			flags.Mark = "flag" // red only for flags won
		}
		row = append(row, text(r.Tier), flags)
		for _, s := range r.Stars {
			row = append(row, integer(s))
		}
		rise := ""
		if r.Rise {
			rise = "是"
		}
		row = append(row, integer(r.FirstPlaces), marked(rise, "flag"))
		if a.Grouped {
			row = append(row, text(r.Group))
		}
		if a.Vetoed {
			vetoed := ""
			if r.Vetoed > 0 {
				vetoed = strconv.Itoa(r.Vetoed) + "个季度"
			}
			row = append(row, marked(vetoed, "warning"))
		}
		if a.Talks {
			dates := make([]string, len(r.Talks))
			for i, tk := range r.Talks {
				dates[i] = tk.Date
			}
			row = append(row, integer(r.Warned), text(joinNames(dates)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
