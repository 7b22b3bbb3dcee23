package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
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
	// Export writes what a page shows (its export kind) to a file and
	// returns its path; nil disables the x key.
	Export func(ctx context.Context, kind model.ExportKind, q model.Quarter) (string, error)
	// Access is what this dashboard's user may do (starflag serve: the
	// SSH key's role); nil may do everything.
	Access *Access
	// Reporters are the lead departments whose 报送进度 entry and the
	// ranking page show (starflag serve: the keys file's reporters).
	Reporters []model.Reporter
}

// Minimum terminal size; below it the dashboard says so instead of drawing
// a garbled frame.
const (
	minWidth  = 60
	minHeight = 16
)

// App is the root model. It routes each message to the screens and draws
// the frame around the shown one (title bar, page tabs, status line, key
// line); the screens are components that own their state, keys, Update,
// View and size, and share common.
type App struct {
	*common
	width, height int

	board   *board
	present *presentation
	entry   *entry
	setup   *setup
	picker  *picker
	audit   *auditScreen
	card    *cardScreen
	whatIf  *whatIf
	screens [modeCount]component // the same, by mode
	paste   pasteState
}

// component is one screen of the dashboard (soft-serve's
// pkg/ui/common/component.go is the model).
type component interface {
	// Update takes a key or a whole paste while the screen is shown, and
	// any other message (its commands' results) at any time.
	Update(msg tea.Msg) tea.Cmd
	// View draws the screen's area, SetSize's width × height.
	View() []string
	SetSize(width, height int)
	// open shows the screen, or does not (entry before the quarter is
	// loaded), or asks first; it may start commands.
	open() tea.Cmd
	// withTabs reports whether the frame shows the page tabs above it.
	withTabs() bool
	// ShortHelp is the screen's key line; FullHelp its ? screen.
	help.KeyMap
}

// mode is the screen the keyboard drives.
type mode int

const (
	modeBoard mode = iota
	modeEntry
	modeSetup
	modeQuarters // the quarter picker
	modePresent  // presentation: the board's pages for the projector
	modeAudit    // the shown quarter's audit log
	modeCard     // a unit's card (card.go)
	modeWhatIf   // the what-if of a card's quarter (whatif.go)
	modeCount
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
	b := &board{common: c}
	a := &App{common: c, board: b, present: &presentation{common: c, board: b},
		entry: &entry{common: c}, setup: &setup{common: c}, picker: &picker{common: c}, audit: &auditScreen{common: c}}
	a.whatIf = &whatIf{common: c}
	a.card = &cardScreen{common: c, whatIf: a.whatIf}
	b.card = a.card
	a.screens = [modeCount]component{modeBoard: a.board, modeEntry: a.entry, modeSetup: a.setup,
		modeQuarters: a.picker, modePresent: a.present, modeAudit: a.audit, modeCard: a.card, modeWhatIf: a.whatIf}
	c.show = func(m mode) tea.Cmd { return a.screens[m].open() }
	if o.Present {
		c.mode = modePresent
	}
	return a
}

// screen is the shown screen.
func (a *App) screen() component { return a.screens[a.mode] }

// Init loads the opening quarter and starts watching for other processes.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.load(a.opts.Quarter), poll(a.data, a.opts.PollInterval), a.present.tick())
}

// Update routes one message: keys and pastes to the shown screen, other
// messages to every screen (each takes its own).
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		w, h := msg.Width, msg.Height
		a.width, a.height = w, h
		a.board.SetSize(w, h-4) // under the title bar and tabs
		a.present.SetSize(w, h) // the whole screen
		a.card.SetSize(w, h)    // the whole screen when large, else under the title bar
		for _, s := range []component{a.entry, a.setup, a.picker, a.audit, a.whatIf} {
			s.SetSize(w, h-3) // under the title bar
		}
	case loadedMsg:
		return a, a.onLoaded(msg)
	case versionMsg:
		cmd := poll(a.data, a.opts.PollInterval)
		if msg.err == nil && a.loaded && msg.version != a.version {
			a.version = msg.version
			cmd = tea.Batch(cmd, a.load(a.quarter), a.screen().Update(dataChangedMsg{}))
		}
		return a, cmd
	case ChangedMsg: // another dashboard of this process saved: at once
		if !a.loaded {
			return a, nil
		}
		return a, tea.Batch(a.load(a.quarter), a.screen().Update(dataChangedMsg{}))
	case statusClearMsg:
		if msg.gen == a.status.gen {
			a.status.text = ""
		}
	case tea.KeyPressMsg:
		if a.paste.ended { // perhaps the rest of a paste: see paste.go
			return a, a.hold(msg)
		}
		return a, a.keyPress(msg)
	case tea.PasteStartMsg, tea.PasteMsg, tea.PasteEndMsg, pasteQuietMsg:
		return a, a.pasteMsg(msg)
	case createdQuarterMsg:
		if msg.err != nil {
			return a, a.setError(a.errText(msg.err))
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
		cmds := make([]tea.Cmd, len(a.screens))
		for i, s := range a.screens {
			cmds[i] = s.Update(msg)
		}
		return a, tea.Batch(cmds...)
	}
	return a, nil
}

// keyPress routes one key to the open question or the shown screen.
func (a *App) keyPress(msg tea.KeyPressMsg) tea.Cmd {
	msg = normalizeKey(msg)
	if a.status.confirm != nil {
		return a.answer(msg)
	}
	return a.screen().Update(msg)
}

// answer takes Confirm (Enter, or y) as yes and any other key as no.
func (a *App) answer(msg tea.KeyPressMsg) tea.Cmd {
	c := a.status.confirm
	a.status.confirm = nil
	if key.Matches(msg, a.keys.Confirm) {
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
		return a.setError("读取数据库失败：" + a.errText(msg.err))
	}
	newQuarter := msg.quarter != a.quarter
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
	a.board.quarterLoaded(newQuarter)
	return nil
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
	s := a.screen()
	if a.mode == modePresent || (a.mode == modeCard && a.card.frameless()) { // the projector shows no frame
		return fitLines(s.View(), w, h)
	}
	lines := []string{a.titleBar(w)}
	if s.withTabs() {
		lines = append(lines, a.tabs(w))
	}
	lines = append(lines, s.View()...)
	for len(lines) < h-2 {
		lines = append(lines, "")
	}
	status := a.statusLines(w)
	lines = append(append(lines[:h-1-len(status)], status...), a.keyLine(s))
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
	if acc := a.opts.Access; acc != nil {
		left += "  " + acc.whoRole()
	}
	right := pages[a.board.page].title + " "
	gap := max(w-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return a.styles.Title.Render(left + strings.Repeat(" ", gap) + right)
}

func (a *App) tabs(w int) string {
	var parts []string
	for i, p := range pages {
		label := " " + p.key + " " + p.title + " "
		if w < 100 {
			label = " " + p.key + " " + p.short + " "
		}
		if i == a.board.page {
			parts = append(parts, a.styles.TabOn.Render(label))
		} else {
			parts = append(parts, a.styles.Tab.Render(label))
		}
	}
	return strings.Join(parts, " ")
}

// statusLines are the status message, a confirmation or nothing: one
// line, or up to three when it is longer than the screen is wide (a
// refusal's advice, a command, is at its end), over the page's last lines.
func (a *App) statusLines(w int) []string {
	text, st := a.status.text, a.styles.Status
	switch {
	case a.status.confirm != nil:
		text, st = a.status.confirm.prompt, a.styles.Warning
	case a.status.err:
		st = a.styles.Error
	}
	switch {
	case text == "":
		return []string{""}
	case lipgloss.Width(text) <= w:
		return []string{st.Render(text)}
	}
	// Filled to the width, but a command at its end (starflag unlock
	// --quarter 2024Q1) is one word: its spaces and hyphens are glued
	// while wrapping.
	glue := strings.NewReplacer(" ", "\u00a0", "-", "\u2011")
	if i := strings.Index(text, "starflag "); i >= 0 {
		text = text[:i] + glue.Replace(text[i:])
	}
	unglue := strings.NewReplacer("\u00a0", " ", "\u2011", "-")
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
	lines = lines[:min(len(lines), 3)]
	for i, l := range lines {
		lines[i] = st.Render(unglue.Replace(l))
	}
	return lines
}

// keyLine is the shown screen's keys (its ShortHelp), muted.
func (a *App) keyLine(s component) string {
	return a.styles.Muted.Render(a.shortHelp(s.ShortHelp(), keySeparator))
}
