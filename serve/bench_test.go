package serve

import (
	"testing"
	"time"
)

// BenchmarkBroadcastTo49 is the in-process view of the root package's
// BenchmarkServe50Sessions, for profiling the server side: 49 sessions on
// the ranking page redraw after each of an editor's saves.
func BenchmarkBroadcastTo49(b *testing.B) {
	ts := startServer(b, func(c *Config) { c.MaxPerKey = 60 }, "editor 秘书处", "viewer 会场")
	var vs []*client
	for range 49 {
		vs = append(vs, ts.connect(b, "会场", 160, 45))
	}
	ed := ts.connect(b, "秘书处", 160, 45)
	time.Sleep(time.Second)
	ed.send("e")
	time.Sleep(300 * time.Millisecond)
	b.ResetTimer()
	for i := range b.N {
		before := make([]int, len(vs))
		for k, v := range vs {
			before[k] = v.received()
		}
		ed.send(string(rune('1'+i%9)) + "\r")
		for k, v := range vs {
			for v.received() == before[k] {
				time.Sleep(time.Millisecond)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
