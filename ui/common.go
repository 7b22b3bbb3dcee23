package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"starflag/model"
)

// common is what every screen shares. The App makes one and passes it down
// to each screen, which reads the loaded quarter and draws with the styles,
// glyphs and keys here, and talks to the user through the status line.
// Only the App changes the loaded quarter (a load, a created quarter).
type common struct {
	data   Data
	opts   Options
	keys   KeyMap
	styles Styles
	glyphs Glyphs
	memo   drawMemo // what drawing remembers between frames

	// The shown quarter, as the last load brought it.
	quarter  model.Quarter
	quarters []model.Quarter       // the stored quarters, oldest first
	statuses []model.QuarterStatus // the same, with how complete each is
	results  []model.Result        // the previous year and the quarter's year
	year     model.Annual
	loaded   bool
	version  int64
	loadGen  int // numbers loads; an older one finishing late is dropped

	mode mode // the screen the keyboard drives
	// show opens a screen (its component's open): that may start
	// commands, ask a question first, or not happen.
	show   func(mode) tea.Cmd
	status status
}

// status is the status line: a message that clears itself, or a question.
type status struct {
	text    string
	err     bool
	gen     int
	confirm *confirmation // a yes/no question, answered before any other key
}

// confirmation is a question answered with Enter (yes) or Esc (no), for
// changes that are easy to regret: a new quarter, clearing a value, unlock.
type confirmation struct {
	prompt string
	yes    func() tea.Cmd
}

// ask puts a question on the status line.
func (c *common) ask(prompt string, yes func() tea.Cmd) {
	c.status.confirm = &confirmation{prompt: prompt, yes: yes}
}

type statusClearMsg struct{ gen int }

const statusTimeout = 4 * time.Second

func (c *common) setStatus(s string) tea.Cmd {
	c.status.text, c.status.err = s, false
	c.status.gen++
	gen := c.status.gen
	return tea.Tick(statusTimeout, func(time.Time) tea.Msg { return statusClearMsg{gen} })
}

// clearStatus removes the status message: it belongs to the screen that
// made it, and that screen was left.
func (c *common) clearStatus() {
	c.status.text, c.status.err = "", false
	c.status.gen++
}

func (c *common) setError(s string) tea.Cmd {
	cmd := c.setStatus(s)
	c.status.err = true
	return cmd
}

// errText is an error as the dashboard says it, on the status line: its
// sentence, then its advice as keys to press (errAdvice).
func (c *common) errText(err error) string { return model.SafeText(model.Explain(err, c.errAdvice)) }

// errAdvice words an error's advice in the dashboard: the keys that do it
// (from the key map), where the command line names a command.
func (c *common) errAdvice(a model.Advice, q model.Quarter) string {
	k := c.keys
	unlock := "在设置（" + k.Setup.Help().Key + "）里解锁"
	switch a {
	case model.UnlockToEdit:
		return "；如需修改，先" + unlock
	case model.UnlockToRepublish:
		return "；如确需修改，先按 " + k.Quarters.Help().Key + " 打开 " + q.String() + "，" + unlock
	case model.UnlockToImport:
		return "（先" + unlock + "）"
	case model.CheckDatabase:
		return "；可退出看板后用 starflag check 检查"
	case model.CheckAfterRoom:
		return "，仍不行再退出看板，用 starflag check 检查"
	}
	return ""
}

// load starts reading quarter q. Loads run concurrently, off the Update
// path, and may finish out of order: only the newest one is taken in.
func (c *common) load(q model.Quarter) tea.Cmd {
	c.loadGen++
	return load(c.data, q, c.opts.Now, c.loadGen)
}

type createdQuarterMsg struct {
	quarter model.Quarter
	entry   bool // open entry on it once it exists
	err     error
}

// createQuarter makes q (copying the latest sections and rules); the App
// then opens it, in entry when asked.
func (c *common) createQuarter(q model.Quarter, entry bool) tea.Cmd {
	return func() tea.Msg {
		return createdQuarterMsg{q, entry, c.data.CreateQuarter(context.Background(), q)}
	}
}

// cycleGlyphs switches to the next glyph set and says which.
func (c *common) cycleGlyphs() tea.Cmd {
	next := map[string]string{GlyphsDefault: GlyphsFancy, GlyphsFancy: GlyphsASCII, GlyphsASCII: GlyphsDefault}
	c.glyphs = NewGlyphs(next[c.glyphs.Name])
	return c.setStatus("符号：" + map[string]string{GlyphsDefault: "默认", GlyphsFancy: "花样", GlyphsASCII: "ASCII"}[c.glyphs.Name])
}

// helpAndQuit takes the keys the board and presentation share: while
// their ? screen is open any key closes it (and the quit keys still quit);
// else the quit keys quit and ? opens it. It reports whether msg was one.
func (c *common) helpAndQuit(open *bool, msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case *open:
		*open = false
		if key.Matches(msg, c.keys.Quit) {
			return tea.Quit, true
		}
		return nil, true
	case key.Matches(msg, c.keys.Quit):
		return tea.Quit, true
	case key.Matches(msg, c.keys.Help):
		*open = true
		return nil, true
	}
	return nil, false
}

// current is the loaded result of the shown quarter (nil before loading).
func (c *common) current() *model.Result {
	for i := range c.results {
		if c.results[i].Quarter == c.quarter {
			return &c.results[i]
		}
	}
	return nil
}

// hasScores reports whether the quarter has any score at all.
func hasScores(r *model.Result) bool { return r != nil && r.HasScores() }
