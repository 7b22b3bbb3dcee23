package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestSetupPasteWhileBusyWaitsItsTurn: a paste that arrives while a save
// is in flight waits in the queue with the keys and goes into the form
// once setup is idle again, instead of being refused.
func TestSetupPasteWhileBusyWaitsItsTurn(t *testing.T) {
	a := newTestApp(t, 80, 24, model.MustQuarter("2023Q4"), colorprofile.Ascii)
	openSetupNow(t, a)
	press(a, "enter") // the first row's order field, holding "1"
	if a.setup.edit == nil {
		t.Fatal("no edit form opened")
	}
	a.setup.busy = true
	a.Update(tea.PasteMsg{Content: "2\r\n"})
	if got := a.setup.edit.inputs[0].Value(); got != "1" || len(a.setup.queue) != 1 || a.status.err {
		t.Fatalf("while busy: value %q, queue %d, error status %v %q", got, len(a.setup.queue), a.status.err, a.status.text)
	}
	a.setup.idle()
	if got := a.setup.edit.inputs[0].Value(); got != "12" || len(a.setup.queue) != 0 {
		t.Fatalf("after the save: value %q, queue %d", got, len(a.setup.queue))
	}
}
