package ui

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
	sep := " "
	if narrow {
		cols[len(cols)-2].width = 14
	} else {
		// Spread out on a projector: wider gaps, and a blank line between
		// rows when the height allows it.
		sep = "   "
		cols[len(cols)-1].width = 14
	}
	b.fixed = append(b.fixed, tableHeadSep(cols, a.styles.Head, sep))
	n := len(r.Standings)
	spaced := !narrow && 2*n-1 <= h-len(b.fixed)
	b.count = n
	if spaced {
		b.count = 2*n - 1
	}
	b.row = func(i int) string {
		if spaced {
			if i%2 == 1 {
				return ""
			}
			i /= 2
		}
		s := r.Standings[i]
		comp := a.glyphs.Dash
		if s.Complete {
			comp = s.Composite.String()
		}
		cells := []cell{a.rankCell(s), a.movement(s), plainCell(unitName(s.Unit, narrow)), plainCell(comp)}
		for _, c := range s.Sections {
			cells = append(cells, plainCell(starMark(c.Stars, a.glyphs))) // blank: no score, or no stars
		}
		warn := a.warning(s)
		if !narrow && s.Warned() {
			warn.text += " " + s.Warnings[0]
		}
		cells = append(cells, a.flags(s, narrow), warn)
		return tableRowSep(cols, cells, sep)
	}
	return b
}
