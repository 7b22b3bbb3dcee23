package ui

import (
	"strconv"
)

// rankingBody is screen 1, 综合排名: rank, movement, unit, composite,
// stars per section, flags and warnings, in seat order.
func (a *App) rankingBody(w, h int) body {
	r := a.current()
	var b body
	b.fixed = a.notice(r, w)
	if r == nil || !hasScores(r) {
		return b
	}
	narrow := w < 100
	nameW, secW := 10, 4
	if !narrow {
		nameW = 12
	}
	cols := []column{{"名次", 4, true}, {"变化", 5, false}, {"区市", nameW, false}, {"综合得分", 8, true}}
	for _, s := range r.Sections {
		title := firstRunes(s.Name, 2)
		width := secW
		if !narrow {
			title, width = s.Name, max(len([]rune(s.Name))*2, 6)
		}
		cols = append(cols, column{title, width, true})
	}
	cols = append(cols, column{"红旗", 20, false}, column{"警示", 4, false})
	if narrow {
		cols[len(cols)-2].width = 14
	}
	b.fixed = append(b.fixed, tableHead(cols, a.styles.Head))
	for _, s := range r.Standings {
		comp := "—"
		if s.Complete {
			comp = s.Composite.String()
		}
		cells := []cell{a.rankCell(s), a.movement(s), plainCell(unitName(s.Unit, narrow)), plainCell(comp)}
		for _, c := range s.Sections {
			stars := ""
			if c.Has {
				stars = strconv.Itoa(c.Stars) + a.glyphs.Star
			}
			cells = append(cells, plainCell(stars))
		}
		cells = append(cells, a.flags(s, narrow), a.warning(s))
		b.rows = append(b.rows, tableRow(cols, cells))
	}
	return b
}
