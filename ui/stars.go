package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"starflag/model"
)

// starsBody is screen 2, 评星: the units × sections grid of the shown
// quarter, each cell the section score and its stars. Units are listed in
// official order, as the secretariat reads a stars grid (and as the stars
// export and the bulletin print it): a unit is found at the same line every
// quarter, and the section leaders stand out by style, not by position.
// Stars of an incomplete quarter are shown too: they use the units scored
// in each section.
func (c *common) starsBody(w, h int) body {
	r := c.current()
	var b body
	b.fixed = c.notice(r, w)
	if r == nil || !hasScores(r) || len(r.Sections) == 0 {
		return b
	}
	narrow := w < 100
	order := officialIndex(r.Standings)
	if r.Grouped() {
		return c.groupedStars(r, w)
	}
	g := c.starGrid(r, order, w, narrow)

	if rule := c.starRule(r, w, narrow); rule != "" {
		b.fixed = append(b.fixed, rule)
		if !narrow {
			b.fixed = append(b.fixed, "")
		}
	}
	b.fixed = append(b.fixed, g.head())

	// Below the grid, when the whole page fits: who took each section.
	n := len(order)
	var foot []string
	if len(b.fixed)+n+2+len(r.Sections) <= h {
		foot = append([]string{""}, c.sectionLeaders(r, order, g, w)...)
	}
	lines, unit := spaced(n, h-len(b.fixed)-len(foot), narrow)
	b.count = lines + len(foot)
	b.row = func(i int) string {
		if i >= lines {
			return foot[i-lines]
		}
		if k := unit(i); k >= 0 {
			return g.row(r.Standings[order[k]])
		}
		return ""
	}
	b.unit = func(i int) int {
		if i >= lines {
			return -1
		}
		return unit(i)
	}
	b.id = func(k int) int64 { return r.Standings[order[k]].Unit.ID }
	return b
}

// spaced spreads n table rows over the room with blank lines between
// them when it fits (after every row on wide screens, every fifth on narrow
// ones), which helps the eye along long rows. It returns the number of
// lines and which row each line shows (-1: blank).
func spaced(n, room int, narrow bool) (int, func(i int) int) {
	every := 0
	switch {
	case !narrow && room >= 2*n-1:
		every = 1
	case room >= n+(n-1)/5:
		every = 5
	}
	if every == 0 || n == 0 {
		return n, func(i int) int { return i }
	}
	return n + (n-1)/every, func(i int) int {
		if i%(every+1) == every {
			return -1
		}
		return i - i/(every+1)
	}
}

// officialIndex returns the indexes of st in official order.
func officialIndex(st []model.Standing) []int {
	idx := make([]int, len(st))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		return cmp.Or(cmp.Compare(st[i].Unit.Order, st[j].Unit.Order), cmp.Compare(st[i].Unit.ID, st[j].Unit.ID))
	})
	return idx
}

// starGrid is the laid-out stars table: column widths and what each cell
// shows, chosen so the grid fits the width.
type starGrid struct {
	c             *common
	rank          func(model.SectionResult) int // the rank the stars go with (Result.SectionRank)
	narrow        bool
	indent        string
	nameW         int
	colW, gap     int
	scoreW, starW int
	withScore     bool
	titles        []string // section headers, possibly shortened
}

const unitHeader = "区市"

// starGrid picks the richest layout that fits w: full section names with
// score and stars, then section names shortened to 4 and to 2 characters,
// then stars alone. Spare width on wide screens widens the columns.
func (c *common) starGrid(r *model.Result, order []int, w int, narrow bool) starGrid {
	g := starGrid{c: c, rank: r.SectionRank, narrow: narrow, indent: " ", gap: 2}
	if !narrow {
		g.indent, g.gap = "  ", 3
	}
	g.nameW = lipgloss.Width(unitHeader)
	for _, i := range order {
		g.nameW = max(g.nameW, lipgloss.Width(unitName(r.Standings[i].Unit, narrow)))
	}
	g.scoreW = 5
	maxStars := 1
	for _, s := range r.Standings {
		for _, sc := range s.Sections {
			if sc.Has {
				g.scoreW = max(g.scoreW, len(sc.Score.String()))
				maxStars = max(maxStars, sc.Stars)
			}
		}
	}
	g.starW = lipgloss.Width(c.glyphs.Stars(maxStars))

	n := len(r.Sections)
	avail := w - lipgloss.Width(g.indent) - g.nameW
	type layout struct {
		runes     int // section name shortened to this many runes; 0 = full
		withScore bool
	}
	layouts := []layout{{0, true}, {4, true}, {2, true}, {2, false}}
	for k, l := range layouts {
		titles := make([]string, n)
		need := g.starW
		if l.withScore {
			need = g.scoreW + 1 + g.starW
		}
		for j, s := range r.Sections {
			titles[j] = s.Name
			if l.runes > 0 {
				titles[j] = firstRunes(s.Name, l.runes)
			}
			need = max(need, lipgloss.Width(titles[j]))
		}
		g.titles, g.withScore, g.colW = titles, l.withScore, need
		if n*(need+g.gap) <= avail || k == len(layouts)-1 {
			break
		}
	}
	if !narrow { // use the room: wider columns, up to a comfortable limit
		spare := avail/n - g.gap - g.colW
		g.colW += min(max(spare, 0), 10)
	}
	return g
}

func (g starGrid) head() string {
	st := g.c.styles.Head
	var b strings.Builder
	b.WriteString(g.indent)
	b.WriteString(st.Render(padRight(unitHeader, g.nameW)))
	for _, t := range g.titles {
		b.WriteString(strings.Repeat(" ", g.gap))
		b.WriteString(st.Render(center(t, g.colW)))
	}
	return b.String()
}

// row draws one unit: name, then per section "92.50 8星", the section's
// first place (10星 of ten) in the RankTop style (bold without colour), a
// missing score as a muted dash, no stars (below the top K) as blank.
func (g starGrid) row(s model.Standing) string {
	c := g.c
	var b strings.Builder
	b.WriteString(g.indent)
	b.WriteString(padRight(unitName(s.Unit, g.narrow), g.nameW))
	// Every cell's content has the same width, centred in its column with
	// the padding outside the style, so digits align and only text is bold.
	cw := g.starW
	if g.withScore {
		cw += g.scoreW + 1
	}
	left := (g.colW - cw) / 2
	lpad, rpad := strings.Repeat(" ", g.gap+left), strings.Repeat(" ", g.colW-cw-left)
	for _, sc := range s.Sections {
		b.WriteString(lpad)
		if !sc.Has {
			text := padLeft(c.glyphs.Dash, g.starW)
			if g.withScore {
				text = padLeft(c.glyphs.Dash, g.scoreW) + strings.Repeat(" ", 1+g.starW)
			}
			b.WriteString(c.styles.Muted.Render(text))
			b.WriteString(rpad)
			continue
		}
		text := padLeft(starMark(sc.Stars, c.glyphs), g.starW)
		if g.withScore {
			text = padLeft(sc.Score.String(), g.scoreW) + " " + text
		}
		if g.rank(sc) == 1 {
			text = c.styles.RankTop.Render(text)
		}
		text += rpad
		b.WriteString(text)
	}
	return b.String()
}

// starRule explains how stars are given (Rules.StarsFor), as briefly as
// the width needs: to the top K when Rules.StarsTop is set, else to all N
// units scored in a section; when those N differ (an incomplete quarter)
// the rule is given in general terms.
func (c *common) starRule(r *model.Result, w int, narrow bool) string {
	counts := make([]int, len(r.Sections))
	for _, s := range r.Standings {
		for j, v := range s.Sections {
			if v.Has {
				counts[j]++
			}
		}
	}
	star := c.glyphs.Stars
	var rule, short string
	if k := r.Rules.StarsTop; k > 0 {
		switch k {
		case 1:
			rule = "各板块按得分排名：第 1 名 " + star(1) + "，其余不得星，并列同星"
			short = "按板块得分排名：第 1 名 " + star(1) + "，其余不得星"
		default:
			rule = "各板块按得分排名：第 1 名 " + star(k) + "、第 2 名 " + star(k-1) +
				"，依次递减至第 " + strconv.Itoa(k) + " 名 " + star(1) + "，其后不得星，并列同星"
			short = "按板块得分排名：前 " + strconv.Itoa(k) + " 名得星，第 1 名 " + star(k) + "，每降一名少 1 星"
		}
	} else if n := counts[0]; !slices.ContainsFunc(counts, func(v int) bool { return v != n }) {
		if n > 1 {
			rule = "各板块按得分排名：第 1 名 " + star(n) + "、第 2 名 " + star(n-1) +
				"，依次递减至第 " + strconv.Itoa(n) + " 名 " + star(1) + "，并列同星"
		} else {
			rule = "各板块按得分排名：第 1 名 " + star(n)
		}
		short = "按板块得分排名：第 1 名 " + star(n) + "，每降一名少 1 星"
	} else {
		rule = "各板块按得分排名：第 r 名得 N-r+1 星（N 为该板块有得分的区市数），并列同星"
		short = "第 r 名得 N-r+1 星，N 为该板块有得分的区市数"
	}
	order := "区市按官方顺序"
	if r.Grouped() && !r.Rules.StarsAllUnits {
		rule = "各组分别评星：" + strings.TrimPrefix(rule, "各板块")
		short = "各组分别" + short
		if r.Rules.StarsTop == 0 {
			rule = "各组分别评星：组内第 r 名得 N-r+1 星（N 为组内该板块有得分的区市数），并列同星"
			short = "组内第 r 名得 N-r+1 星"
		}
	}
	if r.Grouped() {
		order = "区市按组别、官方顺序"
	}
	indent := " "
	if !narrow {
		indent = "  "
	}
	for _, v := range []string{
		rule + "；板块第一加粗；" + order + "。",
		rule + "；" + order + "。",
		rule + "。",
		short + "。",
	} {
		if lipgloss.Width(indent+v) <= w {
			return c.styles.Muted.Render(indent + v)
		}
	}
	return ""
}

// sectionLeaders lists each section's first place(s) with their scores, one
// line per section, for the room under the grid.
func (c *common) sectionLeaders(r *model.Result, order []int, g starGrid, w int) []string {
	lines := []string{g.indent + c.styles.Head.Render("板块第一")}
	nameW := 0
	for _, s := range r.Sections {
		nameW = max(nameW, lipgloss.Width(s.Name))
	}
	for j, sec := range r.Sections {
		var who []string
		stars := 0
		for _, i := range order {
			s := r.Standings[i]
			if sc := s.Sections[j]; sc.Has && r.SectionRank(sc) == 1 {
				who = append(who, unitName(s.Unit, g.narrow)+" "+sc.Score.String())
				stars = sc.Stars
			}
		}
		if len(who) == 0 {
			continue
		}
		line := g.indent + padRight(sec.Name, nameW) + "  " +
			c.styles.RankTop.Render(padLeft(c.glyphs.Stars(stars), g.starW)) + "  " + strings.Join(who, "、")
		if len(who) > 1 {
			line += "（并列）"
		}
		if lipgloss.Width(line) > w {
			line = padRight(line, w)
		}
		lines = append(lines, line)
	}
	return lines
}

// starMark is a star count as drawn: "8星", or nothing for 0 stars (a unit
// ranked below the top K of a section).
func starMark(n int, g Glyphs) string {
	if n == 0 {
		return ""
	}
	return g.Stars(n)
}

// groupedStars is the stars page of a quarter with groups: a heading over
// each group, its units in official order, the firsts of each section in
// the group in bold.
func (c *common) groupedStars(r *model.Result, w int) body {
	var b body
	b.fixed = c.notice(r, w)
	narrow := w < 100
	byGroup := make([][]int, len(r.Groups))
	for _, i := range officialIndex(r.Standings) {
		k := slices.Index(r.Groups, r.Standings[i].Group)
		byGroup[k] = append(byGroup[k], i)
	}
	var order, lines []int
	var heads []string
	note := "组内评星"
	if r.Rules.StarsAllUnits {
		note = "全体区市一起评星"
	}
	for k, members := range byGroup {
		for j, i := range members {
			head := ""
			if j == 0 {
				head = c.groupHead(r.Groups[k], len(members), note, w)
			}
			order, heads, lines = append(order, i), append(heads, head), append(lines, 1+b2i(j == 0))
		}
	}
	g := c.starGrid(r, order, w, narrow)
	if rule := c.starRule(r, w, narrow); rule != "" {
		b.fixed = append(b.fixed, rule)
	}
	b.fixed = append(b.fixed, g.head())
	b.unitRows(lines, false, func(i, k int) string {
		if heads[i] != "" && k == 0 {
			return heads[i]
		}
		return g.row(r.Standings[order[i]])
	})
	b.id = func(i int) int64 { return r.Standings[order[i]].Unit.ID }
	return b
}
