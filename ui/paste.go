package ui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A paste is data up to its real end, never keys. bubbletea v2.1.1 delivers
// a bracketed paste as PasteStartMsg, one PasteMsg with everything up to
// the first \e[201~, and PasteEndMsg. When the pasted text itself holds
// \e[201~, the paste ends there: the rest arrives as key presses, then an
// empty PasteMsg and a PasteEndMsg (without a start) for the real end. So
// after a paste ends, keys are held until the input has been quiet for
// pasteQuiet: if another paste message comes meanwhile, that end marker was
// part of the text, and it and the held keys (as the text they came from)
// join the paste. Keys typed after a whole paste act after it, a moment late.

// pasteQuiet is how long the input must be quiet after a paste ends before
// the paste counts as whole. The rest of a paste comes in the same burst
// from the terminal, microseconds apart.
const pasteQuiet = 150 * time.Millisecond

// pasteState gathers one bracketed paste.
type pasteState struct {
	open    bool // between a PasteStartMsg and its PasteEndMsg
	ended   bool // a paste ended: waiting for the quiet
	endMark bool // the end seen last may yet turn out to be text
	text    strings.Builder
	held    []tea.KeyPressMsg // keys since that end
	gen     int
}

type pasteQuietMsg struct{ gen int }

// pasteMsg takes the paste messages. A PasteMsg without a start (a front
// end that sends only the content, and the tests) is a whole paste.
func (a *App) pasteMsg(msg tea.Msg) tea.Cmd {
	p := &a.paste
	switch msg := msg.(type) {
	case tea.PasteStartMsg:
		if p.ended {
			p.continued()
			p.text.WriteString("\x1b[200~")
		} else {
			p.text.Reset()
		}
		p.open = true
	case tea.PasteMsg:
		switch {
		case p.ended:
			p.continued()
		case !p.open && msg.Content == "": // a late stray end: nothing to paste
			return nil
		case !p.open:
			return a.pasted(msg.Content)
		}
		p.text.WriteString(msg.Content)
	case tea.PasteEndMsg:
		p.open, p.ended, p.endMark = false, true, true
		return p.waitQuiet()
	case pasteQuietMsg:
		if msg.gen != p.gen || !p.ended {
			return nil
		}
		text, keys := p.text.String(), p.held
		*p = pasteState{gen: p.gen}
		cmds := []tea.Cmd{a.pasted(text)}
		for _, k := range keys {
			cmds = append(cmds, a.keyPress(k))
		}
		return tea.Batch(cmds...)
	}
	return nil
}

// hold keeps a key that came after a paste ended, until the quiet.
func (a *App) hold(msg tea.KeyPressMsg) tea.Cmd {
	a.paste.held = append(a.paste.held, msg)
	return a.paste.waitQuiet()
}

// continued takes the last end marker and the keys held since as text: more
// of the paste came after them.
func (p *pasteState) continued() {
	if p.endMark {
		p.text.WriteString("\x1b[201~")
		p.endMark = false
	}
	for _, k := range p.held {
		p.text.WriteString(keyText(k))
	}
	p.held = nil
}

func (p *pasteState) waitQuiet() tea.Cmd {
	p.gen++
	gen := p.gen
	return tea.Tick(pasteQuiet, func(time.Time) tea.Msg { return pasteQuietMsg{gen} })
}

// keyText is the text a key press was decoded from, as far as it can be
// told: a key whose bytes are lost (an arrow's escape sequence) reads as
// U+FFFD, so it stays data and never a number.
func keyText(k tea.KeyPressMsg) string {
	switch {
	case k.Text != "":
		return k.Text
	case k.Mod == 0 && k.Code == tea.KeyEnter:
		return "\r"
	case k.Mod == 0 && k.Code == tea.KeyTab:
		return "\t"
	case k.Mod == 0 && k.Code == tea.KeyEscape:
		return "\x1b"
	case k.Mod == tea.ModCtrl && k.Code >= 'a' && k.Code <= 'z': // \n arrives as ctrl+j
		return string(k.Code - 'a' + 1)
	}
	return "\uFFFD"
}

// pasted hands a whole paste to the shown screen, as one tea.PasteMsg
// (entry, setup and the quarter picker take pastes).
func (a *App) pasted(text string) tea.Cmd {
	return a.screen().Update(tea.PasteMsg{Content: text})
}
