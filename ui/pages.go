package ui

// body is a page's content: fixed lines (headings, table header) stay on
// top, rows scroll.
type body struct {
	fixed []string
	rows  []string
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
