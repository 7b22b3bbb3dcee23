package office_test

import (
	"bytes"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/office"
	"starflag/office/officetest"
	"starflag/store"
	"starflag/ui"
)

// frameWatch is the program's output; it signals when want first appears.
type frameWatch struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
	once sync.Once
}

func (w *frameWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

// BenchmarkDashboardFirstFrame20y200 opens the database and runs the real
// dashboard program until the first frame with the ranking table is
// written. Target: under 150 ms.
func BenchmarkDashboardFirstFrame20y200(b *testing.B) {
	path := officetest.BigDB(b)
	for b.Loop() {
		w := &frameWatch{want: []byte("综合得分"), seen: make(chan struct{})}
		db, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p := office.Dashboard(db, ui.Options{Profile: colorprofile.Ascii}, tea.WithInput(nil), tea.WithOutput(w),
			tea.WithWindowSize(160, 45))
		done := make(chan error, 1)
		go func() { _, err := p.Run(); done <- err }()
		select {
		case <-w.seen:
		case err := <-done:
			b.Fatalf("program ended before the first frame: %v", err)
		case <-time.After(10 * time.Second):
			b.Fatal("no ranking frame within 10 s")
		}
		b.StopTimer()
		p.Quit()
		<-done
		db.Close()
		b.StartTimer()
	}
}
