package golden

import (
	"runtime"
	"strings"
	"testing"
)

func TestDiffShowsWhatDiffers(t *testing.T) {
	if d := Diff("same", []byte("a\nb\n"), []byte("a\nb\n")); d != "" {
		t.Errorf("equal contents give a diff:\n%s", d)
	}
	d := Diff("want.csv", []byte("名次,区市\r\n1,市南区\r\n"), []byte("名次,区市\r\n1,\x1b[1m市北区\r\n"))
	for _, w := range []string{"--- want.csv", "+++ got", `-1,市南区\r`, `+1,\x1b[1m市北区\r`} {
		if !strings.Contains(d, w) {
			t.Errorf("diff lacks %q:\n%s", w, d)
		}
	}
}

func TestMissingFileFails(t *testing.T) {
	defer func(u bool) { Update = u }(Update)
	Update = false // make golden must not create the file this test wants missing
	ft := &fakeT{TB: t}
	done := make(chan struct{})
	go func() { // Fatalf ends this goroutine, as it ends a test's
		defer close(done)
		Check(ft, "testdata/no-such-file", []byte("x"))
	}()
	<-done
	if !ft.failed || !strings.Contains(ft.msg, "UPDATE_GOLDEN=1") {
		t.Errorf("a missing expected file: failed %v, message %q", ft.failed, ft.msg)
	}
}

// fakeT records a failure instead of failing the test that checks it.
type fakeT struct {
	testing.TB
	failed bool
	msg    string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, format
	runtime.Goexit()
}
func (f *fakeT) Errorf(format string, args ...any) { f.failed, f.msg = true, format }
