package exchange

import "starflag/model"

// safeDocument is d with every text made safe (model.SafeText): names in a
// database may hold escape sequences or control characters written by an
// older version or another tool, and an export must not carry them into a
// CSV shown with cat, a spreadsheet or a printed page. HTML escaping and
// the formula guard still apply on top.
func safeDocument(d Document) Document {
	d.Table = safeTable(d.Table)
	sheets := make([]model.Table, len(d.Sheets))
	for i, t := range d.Sheets {
		sheets[i] = safeTable(t)
	}
	if d.Sheets != nil {
		d.Sheets = sheets
	}
	if d.Chart != nil {
		c := *d.Chart
		c.Seats = append([]model.ChartSeat(nil), c.Seats...)
		for i := range c.Seats {
			c.Seats[i].Unit = model.SafeUnit(c.Seats[i].Unit)
		}
		d.Chart = &c
	}
	if d.Bulletin != nil {
		b := safeBulletin(*d.Bulletin)
		d.Bulletin = &b
	}
	if d.Kit != nil {
		k := safeKit(*d.Kit)
		d.Kit = &k
	}
	return d
}

// safeKit is k with every text made safe, in copies.
func safeKit(k model.Kit) model.Kit {
	k.Title, k.Speak = model.SafeText(k.Title), model.SafeText(k.Speak)
	k.Chart.Seats = append([]model.ChartSeat(nil), k.Chart.Seats...)
	for i := range k.Chart.Seats {
		k.Chart.Seats[i].Unit = model.SafeUnit(k.Chart.Seats[i].Unit)
	}
	k.Awards = append([]model.Award(nil), k.Awards...)
	for i, a := range k.Awards {
		k.Awards[i].Flag, k.Awards[i].Unit = model.SafeText(a.Flag), model.SafeUnit(a.Unit)
	}
	k.Speakers = model.SafeUnits(k.Speakers)
	k.Host = safeStrings(k.Host)
	return k
}

func safeTable(t model.Table) model.Table {
	t.Title, t.Heading, t.Sheet = model.SafeText(t.Title), model.SafeText(t.Heading), model.SafeText(t.Sheet)
	t.Spans = append([]model.Span(nil), t.Spans...)
	for i, s := range t.Spans {
		t.Spans[i].Text = model.SafeText(s.Text)
	}
	t.Header = append([]string(nil), t.Header...)
	for i, h := range t.Header {
		t.Header[i] = model.SafeText(h)
	}
	rows := make([][]model.Cell, len(t.Rows))
	for i, r := range t.Rows {
		row := make([]model.Cell, len(r))
		for j, c := range r {
			c.Text = model.SafeText(c.Text)
			row[j] = c
		}
		rows[i] = row
	}
	if t.Rows != nil {
		t.Rows = rows
	}
	return t
}

// safeBulletin is b with every text made safe; its body's tables are
// copies, so the caller's bulletin is left as it was.
func safeBulletin(b model.Bulletin) model.Bulletin {
	for _, s := range []*string{&b.Number, &b.Title, &b.Addressee, &b.Opening, &b.Covered, &b.FlagText, &b.WarnText,
		&b.StarsText, &b.Committee, &b.Date, &b.CopyTo, &b.Issuer} {
		*s = model.SafeText(*s)
	}
	b.TitleLines = safeStrings(b.TitleLines)
	b.Commendations = safeStrings(b.Commendations)
	b.MarkText = safeStrings(b.MarkText)
	b.Ranking, b.Stars = safeTable(b.Ranking), safeTable(b.Stars)
	b.Body = append([]model.Block(nil), b.Body...)
	for i, blk := range b.Body {
		b.Body[i].Text = model.SafeText(blk.Text)
		if blk.Table != nil {
			t := safeTable(*blk.Table)
			b.Body[i].Table = &t
		}
	}
	return b
}

func safeStrings(ss []string) []string {
	out := append([]string(nil), ss...)
	for i, s := range out {
		out[i] = model.SafeText(s)
	}
	return out
}
