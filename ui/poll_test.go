package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestPollIntervalIsAnOption: the dashboard looks for other processes'
// commits every Options.PollInterval; left zero, every second.
func TestPollIntervalIsAnOption(t *testing.T) {
	if a := New(newFakeData(), Options{}); a.opts.PollInterval != time.Second {
		t.Errorf("default poll interval %v, want 1s", a.opts.PollInterval)
	}
	a := New(newFakeData(), Options{PollInterval: 20 * time.Millisecond})
	msgs := make(chan tea.Msg, 8)
	for _, cmd := range a.Init()().(tea.BatchMsg) {
		if cmd != nil {
			go func() { msgs <- cmd() }()
		}
	}
	deadline := time.After(500 * time.Millisecond) // half the default interval
	for {
		select {
		case m := <-msgs:
			if _, ok := m.(versionMsg); ok {
				return
			}
		case <-deadline:
			t.Fatal("no data_version poll within 500 ms at a 20 ms interval")
		}
	}
}
