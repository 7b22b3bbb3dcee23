package serve

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// counting is a dashboard that counts its drawings.
type counting struct{ views *int }

func (c counting) Init() tea.Cmd                       { return nil }
func (c counting) Update(tea.Msg) (tea.Model, tea.Cmd) { return c, nil }
func (c counting) View() tea.View                      { *c.views++; return tea.NewView("") }

// TestWindowsAreClampedAndFramesLimited: a client's window is drawn at most
// 320×120, and a flood of keys costs at most one drawing per 1/60 s.
func TestWindowsAreClampedAndFramesLimited(t *testing.T) {
	for _, size := range [][4]int{{10000, 10000, 320, 120}, {5000, 3, 320, 3}, {-5, 40, 0, 40}, {160, 45, 160, 45}} {
		m := filter(nil, tea.WindowSizeMsg{Width: size[0], Height: size[1]}).(tea.WindowSizeMsg)
		if m.Width != size[2] || m.Height != size[3] {
			t.Errorf("a %d×%d window is drawn %d×%d, want %d×%d", size[0], size[1], m.Width, m.Height, size[2], size[3])
		}
	}
	views := 0
	f := &frames{inner: counting{&views}}
	f.Init()
	start := time.Now()
	for range 2000 {
		f.Update(tea.KeyPressMsg{Code: '1', Text: "1"})
		f.View()
	}
	if most := int(time.Since(start)/frameTime) + 1; views > most {
		t.Errorf("2000 keys in %v drew %d frames, want at most %d (60 a second)", time.Since(start), views, most)
	}
}
