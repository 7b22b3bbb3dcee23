package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"starflag/model"
)

// Options are chosen on the command line.
type Options struct {
	Quarter  model.Quarter // zero: the latest quarter with scores
	Theme    string        // ThemeProjector (default) or ThemeLight
	Glyphs   string        // GlyphsDefault, GlyphsFancy or GlyphsASCII
	Profile  colorprofile.Profile
	Present  bool          // start in presentation mode
	Interval time.Duration // presentation auto-advance; 0 = by hand
	Now      func() time.Time
	// PollInterval is how often the dashboard looks for other processes'
	// commits (PRAGMA data_version); 0 means every second.
	PollInterval time.Duration
	// Export writes what a screen shows (kind: ranking, stars, flags, seats,
	// year) to a file and returns its path; nil disables the x key.
	Export func(ctx context.Context, kind string, q model.Quarter) (string, error)
}

// pageKinds are the export kinds of the five pages, in page order.
var pageKinds = []string{"ranking", "stars", "flags", "seats", "year"}

type exportedMsg struct {
	path string
	err  error
}

// export writes the shown page's data to a file, off the Update path.
func (a *App) export() tea.Cmd {
	if a.opts.Export == nil {
		return a.setError("这个看板没有设置导出")
	}
	kind, q := pageKinds[a.page], a.quarter
	return func() tea.Msg {
		path, err := a.opts.Export(context.Background(), kind, q)
		return exportedMsg{path, err}
	}
}

// Minimum terminal size; below it the dashboard says so instead of drawing
// a garbled frame.
const (
	minWidth  = 60
	minHeight = 16
)

// App is the root model: it routes messages and holds what the screens
// share (common: the loaded quarter, styles, keys, status line).
type App struct {
	*common
	width  int
	height int

	page       int // index into pages
	offset     int // scroll offset of the page's rows
	help       bool
	presenting bool
	presentGen int // invalidates auto-advance ticks of an earlier page

	entry  *entry
	setup  *setup
	paste  pasteState
	picker *picker
}

// mode is what the keyboard drives: the dashboard, entry or setup.
type mode int

const (
	modeBoard mode = iota
	modeEntry
	modeSetup
	modeQuarters // the quarter picker
)

// New builds the dashboard on a data source.
func New(d Data, o Options) *App {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.PollInterval <= 0 {
		o.PollInterval = pollInterval
	}
	c := &common{data: sanitised(d), opts: o, keys: DefaultKeyMap(), styles: NewStyles(o.Theme, o.Profile),
		glyphs: NewGlyphs(o.Glyphs), quarter: o.Quarter}
	return &App{common: c, presenting: o.Present, entry: &entry{common: c}, setup: &setup{common: c}, picker: &picker{common: c}}
}

// Init loads the opening quarter and starts watching for other processes.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.load(a.opts.Quarter), poll(a.data, a.opts.PollInterval), a.presentTick())
}

type presentTickMsg struct{ gen int }

// Update routes one message.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.entry.SetSize(msg.Width, msg.Height-3)
		a.setup.SetSize(msg.Width, msg.Height-3)
		a.picker.SetSize(msg.Width, msg.Height-3)
		a.clampOffset(0)
	case loadedMsg:
		return a, a.onLoaded(msg)
	case versionMsg:
		cmd := poll(a.data, a.opts.PollInterval)
		if msg.err == nil && a.loaded && msg.version != a.version {
			a.version = msg.version
			cmd = tea.Batch(cmd, a.load(a.quarter))
			if a.mode == modeEntry {
				cmd = tea.Batch(cmd, a.entry.Update(dataChangedMsg{}))
			}
		}
		return a, cmd
	case statusClearMsg:
		if msg.gen == a.status.gen {
			a.status.text = ""
		}
	case presentTickMsg:
		if a.presenting && msg.gen == a.presentGen {
			a.turnPage(1)
			return a, a.presentTick()
		}
	case tea.KeyPressMsg:
		if a.paste.ended { // perhaps the rest of a paste: see paste.go
			return a, a.hold(msg)
		}
		return a, a.keyPress(msg)
	case tea.PasteStartMsg, tea.PasteMsg, tea.PasteEndMsg, pasteQuietMsg:
		return a, a.pasteMsg(msg)
	case exportedMsg:
		if msg.err != nil {
			return a, a.setError("导出失败：" + errText(msg.err))
		}
		return a, a.setStatus("已导出到 " + msg.path)
	case createdQuarterMsg:
		if msg.err != nil {
			return a, a.setError(errText(msg.err))
		}
		a.quarter = msg.quarter
		if i, found := slices.BinarySearchFunc(a.quarters, msg.quarter, model.Quarter.Compare); !found {
			a.quarters = slices.Insert(a.quarters, i, msg.quarter)
		}
		cmds := []tea.Cmd{a.load(msg.quarter), a.setStatus("已新建 " + msg.quarter.String() + "，沿用上一季度的考核板块和规则")}
		if msg.entry {
			cmds = append(cmds, a.entry.open())
		}
		return a, tea.Batch(cmds...)
	default:
		return a, tea.Batch(a.entry.Update(msg), a.setup.Update(msg), a.picker.Update(msg))
	}
	return a, nil
}

// keyPress routes one key to the open question, entry, setup or the dashboard.
func (a *App) keyPress(msg tea.KeyPressMsg) tea.Cmd {
	msg = normalizeKey(msg)
	switch {
	case a.status.confirm != nil:
		return a.answer(msg)
	case a.mode == modeEntry:
		return a.entry.Update(msg)
	case a.mode == modeSetup:
		return a.setup.Update(msg)
	case a.mode == modeQuarters:
		return a.picker.Update(msg)
	}
	return a.key(msg)
}

// answer takes Enter (or y) as yes and anything else as no.
func (a *App) answer(msg tea.KeyPressMsg) tea.Cmd {
	c := a.status.confirm
	a.status.confirm = nil
	if msg.String() == "enter" || msg.String() == "y" {
		return c.yes()
	}
	return a.setStatus("已取消")
}

// onLoaded takes in a finished load, unless a newer one was started since.
func (a *App) onLoaded(msg loadedMsg) tea.Cmd {
	if msg.gen != a.loadGen {
		return nil
	}
	if msg.err != nil {
		return a.setError("读取数据库失败：" + errText(msg.err))
	}
	if msg.quarter != a.quarter {
		a.offset = 0
	}
	a.quarter, a.statuses, a.results, a.version, a.loaded = msg.quarter, msg.quarters, msg.results, msg.version, true
	a.quarters = make([]model.Quarter, len(msg.quarters))
	for i, s := range msg.quarters {
		a.quarters[i] = s.Quarter
	}
	var this, prev []model.Result
	for _, r := range a.results {
		switch r.Quarter.Year {
		case a.quarter.Year:
			this = append(this, r)
		case a.quarter.Year - 1:
			prev = append(prev, r)
		}
	}
	a.year = model.AnnualView(a.quarter.Year, this, prev)
	a.clampOffset(0)
	return nil
}

func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	if a.help {
		a.help = false // any key closes the help
		if key.Matches(msg, k.Quit) {
			return tea.Quit
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		a.help = true
	case a.presenting && key.Matches(msg, k.Back):
		a.presenting = false
		a.presentGen++
	case a.presenting && key.Matches(msg, k.NextPage):
		a.turnPage(1)
		return a.presentTick()
	case a.presenting && key.Matches(msg, k.PrevPage):
		a.turnPage(-1)
		return a.presentTick()
	case key.Matches(msg, k.Present):
		a.presenting = !a.presenting
		a.presentGen++
		return a.presentTick()
	case key.Matches(msg, k.Ranking, k.Stars, k.Flags, k.Seats, k.Year):
		a.page, a.offset = int(msg.Code-'1'), 0
	case key.Matches(msg, k.PrevQuarter):
		return a.stepQuarter(-1)
	case key.Matches(msg, k.NextQuarter):
		return a.stepQuarter(1)
	case key.Matches(msg, k.Quarters) && !a.presenting:
		return a.picker.open()
	case key.Matches(msg, k.Up):
		a.scroll(-1)
	case key.Matches(msg, k.Down):
		a.scroll(1)
	case key.Matches(msg, k.PageUp):
		a.scroll(-a.bodyHeight())
	case key.Matches(msg, k.PageDown):
		a.scroll(a.bodyHeight())
	case key.Matches(msg, k.Export) && !a.presenting:
		return a.export()
	case key.Matches(msg, k.Entry) && !a.presenting: // presentation has no editing
		return a.entry.open()
	case key.Matches(msg, k.Setup) && !a.presenting:
		return a.setup.open()
	case key.Matches(msg, k.Glyphs):
		next := map[string]string{GlyphsDefault: GlyphsFancy, GlyphsFancy: GlyphsASCII, GlyphsASCII: GlyphsDefault}
		a.glyphs = NewGlyphs(next[a.glyphs.Name])
		return a.setStatus("符号：" + map[string]string{GlyphsDefault: "默认", GlyphsFancy: "花样", GlyphsASCII: "ASCII"}[a.glyphs.Name])
	}
	return nil
}

// stepQuarter moves to the previous or next quarter that exists.
func (a *App) stepQuarter(dir int) tea.Cmd {
	var target model.Quarter
	for _, q := range a.quarters {
		if (dir < 0 && q.Before(a.quarter)) || (dir > 0 && a.quarter.Before(q) && target.IsZero()) {
			target = q
		}
	}
	if target.IsZero() {
		if dir < 0 {
			return a.setStatus("已经是最早的季度")
		}
		if a.presenting || !a.loaded {
			return a.setStatus("已经是最新的季度")
		}
		next := a.quarter.Next()
		if len(a.quarters) == 0 || a.quarters[len(a.quarters)-1].Before(a.quarter) {
			next = a.quarter // the shown quarter does not exist yet: create it
		}
		if !next.Valid() {
			return a.setStatus("已经是最后一个季度 " + model.MaxQuarter.String())
		}
		a.ask("已经是最新的季度。新建 "+next.String()+"（沿用上一季度的板块和规则）？Enter 确认，Esc 取消",
			func() tea.Cmd { return a.createQuarter(next, false) })
		return nil
	}
	return a.load(target)
}

func (a *App) turnPage(dir int) {
	a.page = (a.page + dir + len(pages)) % len(pages)
	a.offset = 0
}

// presentTick schedules the next automatic page turn, if asked for.
func (a *App) presentTick() tea.Cmd {
	if !a.presenting || a.opts.Interval <= 0 {
		return nil
	}
	a.presentGen++
	gen := a.presentGen
	return tea.Tick(a.opts.Interval, func(time.Time) tea.Msg { return presentTickMsg{gen} })
}

func (a *App) bodyHeight() int { return max(a.height-4, 1) }

func (a *App) scroll(n int) {
	a.offset += n
	a.clampOffset(n)
}

// clampOffset keeps the scroll offset in range and off the middle of a
// unit (dir: the direction of the scroll that moved it).
func (a *App) clampOffset(dir int) {
	if !a.loaded || a.width == 0 {
		return
	}
	b := a.pageBody(a.width, a.bodyHeight())
	room := a.bodyHeight() - len(b.fixed)
	a.offset = b.snap(min(max(a.offset, 0), b.maxOffset(room)), dir)
}

// View draws the frame: header, tabs, the page, the status and key lines.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.BackgroundColor, v.ForegroundColor = a.styles.Background, a.styles.Foreground
	v.WindowTitle = "starflag 摘星夺旗 " + a.quarter.String()
	return v
}

// render is View's text, also used by tests and benchmarks.
func (a *App) render() string {
	w, h := a.width, a.height
	if w == 0 || h == 0 {
		return "" // the first frame comes before the first WindowSizeMsg
	}
	if w < minWidth || h < minHeight {
		msg := fmt.Sprintf("窗口太小：至少 %d×%d，现在 %d×%d", minWidth, minHeight, w, h)
		return fitLines(strings.Split(ansi.Wrap(msg, max(w, 1), ""), "\n"), w, h)
	}
	if a.presenting {
		return a.presentView(w, h)
	}
	lines := []string{a.titleBar(w), a.tabs(w)}
	switch {
	case a.mode == modeEntry && a.entry.help: // the help keeps the tabs
		lines = append(lines, a.entry.View()...)
	case a.help:
		lines = append(lines, a.helpLines(a.keys.helpGroups(), w)...)
	case a.mode == modeEntry:
		lines = append(lines[:1], a.entry.View()...)
	case a.mode == modeSetup:
		lines = append(lines[:1], a.setup.View()...)
	case a.mode == modeQuarters:
		lines = append(lines[:1], a.picker.View()...)
	case !a.loaded:
		lines = append(lines, "", a.styles.Muted.Render("  正在读取数据"))
	default:
		b := a.pageBody(w, a.bodyHeight())
		lines = append(lines, b.fixed...)
		lines = append(lines, a.bodyRows(b, a.offset, a.bodyHeight()-len(b.fixed), w, scrollHint)...)
	}
	for len(lines) < h-2 {
		lines = append(lines, "")
	}
	lines = append(lines[:h-2], a.statusLine(w), a.keyHints(w))
	return fitLines(lines, w, h)
}

// fitLines clips every line to the width (a safety net: no frame may be
// wider than the terminal) and pads the frame to its height.
func fitLines(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

func (a *App) titleBar(w int) string {
	left := " 摘星夺旗  " + a.quarter.String()
	if r := a.current(); r != nil {
		left += "  " + r.Rules.Committee
		if r.Locked {
			left += "  [定稿]"
		}
		if hasScores(r) && !r.Complete() {
			left += "  [未完成]"
		}
	}
	right := pages[a.page].name + " "
	gap := max(w-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return a.styles.Title.Render(left + strings.Repeat(" ", gap) + right)
}

func (a *App) tabs(w int) string {
	var parts []string
	for i, p := range pages {
		label := fmt.Sprintf(" %d %s ", i+1, p.name)
		if w < 100 {
			label = fmt.Sprintf(" %d %s ", i+1, p.short)
		}
		if i == a.page {
			parts = append(parts, a.styles.TabOn.Render(label))
		} else {
			parts = append(parts, a.styles.Tab.Render(label))
		}
	}
	return strings.Join(parts, " ")
}

func (a *App) statusLine(w int) string {
	switch {
	case a.status.confirm != nil:
		return a.styles.Warning.Render(a.status.confirm.prompt)
	case a.status.text != "" && a.status.err:
		return a.styles.Error.Render(a.status.text)
	case a.status.text != "":
		return a.styles.Status.Render(a.status.text)
	}
	return ""
}

func (a *App) keyHints(w int) string {
	hint := "[ ] 切换季度  t 选择季度  1-5 页面  e 录入  s 设置  x 导出  p 放映  ? 帮助  q 退出"
	switch {
	case a.mode == modeEntry:
		hint = a.entry.hints()
	case a.mode == modeSetup:
		hint = "Esc 返回看板"
	case a.mode == modeQuarters:
		hint = "输入季度  上下键 选择  Enter 打开或新建  Delete 删除  Esc 返回"
	case w < 78:
		hint = "[ ] 季度 t 选择 1-5 页面 e 录入 x 导出 p 放映 ? 帮助"
	case w < 82:
		hint = "[ ] 季度  t 选择季度  1-5 页面  e 录入  s 设置  x 导出  p 放映  ? 帮助  q 退出"
	}
	return a.styles.Muted.Render(hint)
}

// helpLines lays the key groups side by side when they fit (so the whole
// help fits 80×24), else one below the other.
func (c *common) helpLines(groups [][]key.Binding, w int) []string {
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			keyW = max(keyW, lipgloss.Width(b.Help().Key)+2)
		}
	}
	cols := make([][]string, len(groups))
	widths := make([]int, len(groups))
	total := 0
	for i, g := range groups {
		for _, b := range g {
			h := b.Help()
			item := padRight(" "+h.Key, keyW) + h.Desc
			cols[i] = append(cols[i], item)
			widths[i] = max(widths[i], lipgloss.Width(item)+2)
		}
		total += widths[i]
	}
	lines := []string{c.styles.Head.Render(" 按键")}
	if total <= w {
		for r := 0; ; r++ {
			var line strings.Builder
			more := false
			for i, item := range cols {
				cell := ""
				if r < len(item) {
					cell, more = item[r], true
				}
				line.WriteString(padRight(cell, widths[i]))
			}
			if !more {
				break
			}
			lines = append(lines, line.String())
		}
	} else {
		for _, item := range cols {
			lines = append(lines, item...)
		}
	}
	return append(lines, "", c.styles.Muted.Render(" 按任意键关闭帮助"))
}
