package ui

// body is a page's content: fixed lines (headings, table header) stay on
// top, rows scroll. Long tables add count lazy rows drawn by row after the
// eager rows, so only the visible rows are drawn (200 units must render in
// well under 2 ms).
type body struct {
	fixed []string
	rows  []string
	count int
	row   func(i int) string
}

// size is the number of scrollable rows.
func (b body) size() int { return len(b.rows) + b.count }

// window draws rows [from, to).
func (b body) window(from, to int) []string {
	out := make([]string, 0, to-from)
	for i := from; i < to; i++ {
		if i < len(b.rows) {
			out = append(out, b.rows[i])
		} else {
			out = append(out, b.row(i-len(b.rows)))
		}
	}
	return out
}

// page is one of the five screens: a name for the tabs and a function that
// draws its body at a size. Each page lives in its own file.
type page struct {
	name, short string
	body        func(a *App, w, h int) body
	// present draws the page for the projector (full screen, large type);
	// nil means the ordinary body, centred.
	present func(a *App, w, h int) string
}

var pages []page

func init() { // in init, because pages refer to App methods that use pages
	pages = []page{
		{name: "综合排名", short: "排名", body: (*App).rankingBody},
		{name: "评星", short: "评星", body: (*App).starsBody},
		{name: "夺旗", short: "夺旗", body: (*App).flagsBody},
		{name: "座次", short: "座次", body: (*App).seatsBody},
		{name: "年度", short: "年度", body: (*App).yearBody},
	}
}
