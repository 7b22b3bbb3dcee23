package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"starflag/model"
)

// cardScreen is the unit card (区市卡片): why one unit holds its marks in
// the shown quarter, line by line as model.Card words them (the lines
// `starflag explain` prints). It opens on the unit highlighted on the
// ranking, stars or flags page (Enter); opened in presentation it is drawn
// large over the whole screen. From it WhatIf opens the what-if.
type cardScreen struct {
	*common
	width, height int // the whole screen: the frame is drawn only when not large
	whatIf        *whatIf

	unit   int64
	large  bool // opened in presentation
	back   mode // the screen CloseCard returns to
	gen    int  // numbers loads: a late answer for another card is dropped
	ready  bool
	err    string
	scen   model.Scenario // the quarter as stored, for the card and the what-if
	real   model.Result   // scen computed: what the board shows
	card   model.Card
	offset int
	down   bool // the last scroll went down: the offset snaps forward
	help   bool
}

// scenarioMsg answers loadScenario.
type scenarioMsg struct {
	gen  int
	scen model.Scenario
	err  error
}

// loadScenario reads quarter q with the computed quarters its result
// reads (model.LoadScenario, as the command line does), off the Update path.
func loadScenario(d Data, q model.Quarter, gen int) tea.Cmd {
	return func() tea.Msg {
		ctx := context.Background()
		s, err := model.LoadScenario(q, func(q model.Quarter) (model.QuarterData, error) { return d.QuarterData(ctx, q) },
			func(from, to model.Quarter) ([]model.Result, error) { return d.Results(ctx, from, to) })
		return scenarioMsg{gen: gen, scen: s, err: err}
	}
}

// start opens the card of unit in the shown quarter (large: drawn for the
// projector) and loads what it needs.
func (c *cardScreen) start(unit int64, large bool) tea.Cmd {
	c.unit, c.large, c.back = unit, large, c.mode
	c.ready, c.err, c.offset, c.help, c.card = false, "", 0, false, model.Card{}
	c.mode = modeCard
	return c.reload()
}

func (c *cardScreen) reload() tea.Cmd {
	c.gen++
	return loadScenario(c.data, c.quarter, c.gen)
}

// open returns to the card (from the what-if).
func (c *cardScreen) open() tea.Cmd {
	c.mode = modeCard
	return nil
}

func (c *cardScreen) SetSize(w, h int) { c.width, c.height = w, h }

func (c *cardScreen) withTabs() bool { return false }

// frameless reports that the card covers the whole screen, as
// presentation does.
func (c *cardScreen) frameless() bool { return c.large }

// Update takes the card's keys and its loads.
func (c *cardScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case scenarioMsg:
		if msg.gen != c.gen {
			return nil
		}
		c.ready = true
		if msg.err != nil {
			c.err = "读取失败：" + c.errText(msg.err)
			return nil
		}
		var cursor model.Assumed // the what-if's value under its cursor, as read before
		if c.mode == modeWhatIf && c.whatIf.fields() > 0 {
			cursor = c.whatIf.at()
		}
		c.scen, c.real = msg.scen, msg.scen.Result()
		card, err := c.scen.Card(&c.real, c.unit)
		c.card, c.err = card, ""
		if err != nil {
			c.err = c.errText(err)
		}
		if c.mode == modeWhatIf { // read again under an open what-if
			return c.whatIf.follow(cursor)
		}
	case dataChangedMsg: // another window saved: the card follows
		if c.mode == modeCard {
			return c.reload()
		}
	case tea.KeyPressMsg:
		return c.key(msg)
	}
	return nil
}

func (c *cardScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := c.keys
	if cmd, done := c.helpAndQuit(&c.help, msg); done {
		return cmd
	}
	switch {
	case key.Matches(msg, k.CloseCard):
		return c.show(c.back)
	case key.Matches(msg, k.WhatIf):
		switch {
		case !c.ready:
			return c.setStatus("卡片还没有读取完")
		case c.err != "":
			return c.setError(c.err)
		}
		return c.whatIf.start(c)
	case key.Matches(msg, k.Up):
		c.offset, c.down = max(c.offset-1, 0), false
	case key.Matches(msg, k.Down):
		c.offset, c.down = c.offset+1, true
	case key.Matches(msg, k.PageUp):
		c.offset, c.down = max(c.offset-c.height/2, 0), false
	case key.Matches(msg, k.PageDown):
		c.offset, c.down = c.offset+c.height/2, true
	}
	return nil
}

// ShortHelp is the card's key line.
func (c *cardScreen) ShortHelp() []key.Binding {
	k := c.keys
	return []key.Binding{group("上下键", "滚动", k.Up, k.Down), hint(k.WhatIf, "假设"), k.Help, hint(k.CloseCard, "返回")}
}

// FullHelp is the card's ? screen.
func (c *cardScreen) FullHelp() [][]key.Binding {
	k := c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.WhatIf, k.CloseCard, k.Help, k.Quit}}
}

// hidesWarnings reports whether the card leaves warnings out: drawn for
// the projector under Rules.PresentHideWarnings.
func (c *cardScreen) hidesWarnings() bool { return c.large && c.real.Rules.PresentHideWarnings }

// View draws the card: in the frame, or large over the whole screen.
func (c *cardScreen) View() []string {
	if !c.large {
		h := c.height - 3 // under the title bar, above the status and key lines
		if c.help {
			return c.helpLines(c.FullHelp(), c.width)
		}
		return c.cardLines(c.width, h, false)
	}
	w, h := c.width, c.height
	title := c.card.Unit.Name + "  " + c.quarter.ChineseName() + "  区市卡片"
	lines := []string{c.styles.Title.Render(center(title, w))}
	mx := max(2, w/16)
	if c.help {
		lines = append(lines, placeBlock(c.helpLines(c.FullHelp(), w), w, h-2)...)
	} else {
		block := c.cardLines(w-2*mx, h-2, true)
		if head := c.bigHead(h); head != nil && c.ready && c.err == "" && len(head)+1+c.cardBody(w-2*mx, true, h).size() <= h-2 {
			block = append(append(head, ""), c.cardLines(w-2*mx, h-3-len(head), true)...)
		}
		lines = append(lines, placeBlock(block, w, h-2)...)
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	caption := " " + c.shortHelp(c.ShortHelp(), keySeparator)
	return append(lines[:h-1], c.styles.Muted.Render(padRight(caption, w)))
}

// bigHead is the top of the large card when the screen has the room: the
// unit's rank in big digits, as presentation draws ranks, its name and
// composite beside them. nil for a unit without a rank.
func (c *cardScreen) bigHead(h int) []string {
	s := c.real.Find(c.unit)
	if s == nil || s.Rank == 0 {
		return nil
	}
	f := font3x5
	if h >= 40 {
		f = font5x7
	}
	rank, words := place(&c.real, s)
	digits := c.bigNumber(rank, f)
	beside := []string{c.styles.Head.Render(s.Unit.Name + groupSuffix(*s)), words, "综合得分 " + s.Composite.String()}
	top := (len(digits) - len(beside)) / 2
	out := make([]string, len(digits))
	for i, d := range digits {
		out[i] = d
		if k := i - top; k >= 0 && k < len(beside) {
			out[i] += strings.Repeat(" ", presentDigitGap) + beside[k]
		}
	}
	return out
}

// place is s's rank as presentation shows it, and in words: within its
// group when the quarter has groups (组内第 3 名).
func place(r *model.Result, s *model.Standing) (int, string) {
	if r.Grouped() {
		return s.InGroup.Rank, "组内" + model.RankWords(s.InGroup.Rank)
	}
	return s.Rank, model.RankWords(s.Rank)
}

// cardLines are the card's lines in w × h: a heading, then each part's
// lines wrapped to the width and kept whole (a flag or a warning is never
// cut: what does not fit scrolls and is counted). Spaced puts a blank line
// between the parts when they fit (large).
func (c *cardScreen) cardLines(w, h int, spaced bool) []string {
	switch {
	case !c.ready:
		return []string{"", c.styles.Muted.Render("  正在读取区市卡片")}
	case c.err != "":
		return []string{"", c.styles.Error.Render("  " + c.err)}
	}
	b := c.cardBody(w, spaced, h)
	room := h - len(b.fixed)
	c.offset = b.snap(c.offset, b2i(c.down))
	if end := b.maxOffset(room); c.offset > end {
		c.offset = end // shown starts after a unit it would cut
	}
	return append(b.fixed, c.bodyRows(b, c.offset, room, w, "按上下键滚动")...)
}

// cardBody lays the card's lines out as a body: each line of the card is
// one unit of rows (wrapped lines stay together), the parts' headings
// belong to none.
func (c *cardScreen) cardBody(w int, spaced bool, h int) body {
	indent := "  "
	var rows []string
	var of []int // the card line of each row, -1 for a heading
	lines := c.card.Lines
	if c.hidesWarnings() {
		lines = c.card.WithoutWarnings().Lines
	}
	build := func(gap bool) {
		rows, of = nil, nil
		part := ""
		for i, l := range lines {
			if l.Part != part {
				if gap && part != "" {
					rows, of = append(rows, ""), append(of, -1)
				}
				part = l.Part
				rows, of = append(rows, c.styles.Head.Render(" "+part)), append(of, -1)
			}
			for _, t := range wrapLines(model.SafeText(l.Text), w-len(indent)) {
				rows, of = append(rows, c.markStyle(l).Render(indent+t)), append(of, i)
			}
		}
	}
	build(spaced)
	if spaced && len(rows) > h {
		build(false)
	}
	b := body{rows: rows, noun: "条"}
	b.unit = func(i int) int { return of[i] }
	if !c.large {
		b.fixed = []string{c.styles.Head.Render(" 区市卡片  " + c.card.Unit.Name + "  " + c.quarter.String())}
	}
	return b
}

// markStyle is how a card line is drawn: a flag or a warning held in its
// colour (bold without colour), the rest plain.
func (c *common) markStyle(l model.CardLine) lipgloss.Style {
	switch {
	case l.Part != model.CardMarks:
	case l.Mark == model.KindFlag:
		return c.styles.Flag
	case l.Mark != "":
		return c.styles.Warning
	}
	return lipgloss.NewStyle()
}
