package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
	"starflag/store"
	"starflag/ui"
)

var (
	bigDBOnce sync.Once
	bigDBPath string
	bigDBErr  error
)

// bigDB builds (once per test binary) a database of 20 years × 200 units ×
// 4 sections, written the way imports write it.
func bigDB(tb testing.TB) string {
	bigDBOnce.Do(func() {
		bigDBPath = filepath.Join(filepath.Dir(binary), "big.db")
		bigDBErr = writeBigDB(bigDBPath, 200, 20)
	})
	if bigDBErr != nil {
		tb.Fatal(bigDBErr)
	}
	return bigDBPath
}

func writeBigDB(path string, units, years int) error {
	ctx := context.Background()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(20, 200))
	first := model.MustQuarter("2004Q1")
	for i := range years * 4 {
		q := model.QuarterAt(first.Index() + i)
		plan := model.ImportPlan{Quarter: q}
		if i == 0 {
			for j, n := range []string{"经济运行", "项目签约落地", "城市更新建设", "优化营商环境"} {
				plan.NewSections = append(plan.NewSections, model.NewSection(n, j+1))
			}
			for u := range units {
				plan.NewUnits = append(plan.NewUnits, model.Unit{Name: fmt.Sprintf("第%03d区", u+1)})
			}
		}
		for u := range units {
			for _, s := range []string{"经济运行", "项目签约落地", "城市更新建设", "优化营商环境"} {
				plan.Cells = append(plan.Cells, model.CellChange{Unit: fmt.Sprintf("第%03d区", u+1), Section: s,
					New: model.Hundredths(5000 + rng.IntN(5000))})
			}
		}
		if err := db.ApplyImport(ctx, plan, store.SourceImport("big.csv")); err != nil {
			return err
		}
	}
	return nil
}

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
	path := bigDB(b)
	for b.Loop() {
		w := &frameWatch{want: []byte("综合得分"), seen: make(chan struct{})}
		db, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		p := newProgram(db, ui.Options{Profile: colorprofile.Ascii}, tea.WithInput(nil), tea.WithOutput(w),
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
