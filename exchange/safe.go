package exchange

import "starflag/model"

// safeDocument is d with every text made safe (model.SafeText): names in a
// database may hold escape sequences or control characters written by an
// older version or another tool, and an export must not carry them into a
// CSV shown with cat, a spreadsheet or a printed page. HTML escaping and
// the formula guard still apply on top.
func safeDocument(d Document) Document {
	d.Table = safeTable(d.Table)
	if d.Chart != nil {
		c := *d.Chart
		c.Seats = append([]model.ChartSeat(nil), c.Seats...)
		for i := range c.Seats {
			c.Seats[i].Unit = model.SafeUnit(c.Seats[i].Unit)
		}
		d.Chart = &c
	}
	if d.Bulletin != nil {
		b := *d.Bulletin
		for _, s := range []*string{&b.Title, &b.Opening, &b.Covered, &b.FlagText, &b.StarsText, &b.Committee, &b.Date} {
			*s = model.SafeText(*s)
		}
		b.Commendations = append([]string(nil), b.Commendations...)
		for i, c := range b.Commendations {
			b.Commendations[i] = model.SafeText(c)
		}
		b.MarkText = append([]string(nil), b.MarkText...)
		for i, c := range b.MarkText {
			b.MarkText[i] = model.SafeText(c)
		}
		b.Ranking, b.Stars = safeTable(b.Ranking), safeTable(b.Stars)
		d.Bulletin = &b
	}
	return d
}

func safeTable(t model.Table) model.Table {
	t.Title = model.SafeText(t.Title)
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
