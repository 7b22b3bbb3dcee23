package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// run runs cmd and feeds its message back, as the program would; batches
// are run one by one and ticks (which sleep) are left.
func run(t testing.TB, a *App, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				run(t, a, c)
			}
			return
		}
		if msg != nil {
			_, next := a.Update(msg)
			run(t, a, next)
		}
	case <-timeAfter():
	}
}

// keys presses each key in turn, running what it starts.
func keys(t testing.TB, a *App, ks ...string) {
	t.Helper()
	for _, k := range ks {
		run(t, a, press(a, k))
	}
}

func TestCardDev(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	keys(t, a, "down", "down")
	t.Log("\n" + plain(a))
	keys(t, a, "enter")
	t.Log("\n" + plain(a))
	keys(t, a, "w", "9", "9", "enter")
	t.Log("\n" + plain(a))
	presenting(a, true)
	a.card.large = false
	keys(t, a, "esc", "esc", "p", "down", "down", "down")
	t.Log("\n" + plain(a))
	keys(t, a, "enter")
	t.Log("\n" + plain(a))
	_ = strings.Contains
}
