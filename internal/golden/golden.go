// Package golden compares what a test produced with an expected file and,
// when they differ, prints a unified diff of the two with control
// characters and escape sequences made visible. UPDATE_GOLDEN=1 (make
// golden) rewrites the expected files instead; read the diff before
// committing them.
package golden

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"
)

// Update is set by UPDATE_GOLDEN=1: Check rewrites its files.
var Update = os.Getenv("UPDATE_GOLDEN") != ""

// Check compares got with the file at path, or under UPDATE_GOLDEN=1
// rewrites the file. A missing file fails the test, saying how to create it.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	Equal(t, path, got)
}

// Equal compares got with the file at path and never rewrites it: for
// expected files another test owns.
func Equal(t testing.TB, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 go test -run '%s' creates it)", err, t.Name())
	}
	if d := Diff(path, want, got); d != "" {
		t.Errorf("%s differs from the expected file (- expected, + got):\n%s", path, d)
	}
}

// Diff is the unified diff from want to got, "" when they are equal.
func Diff(name string, want, got []byte) string {
	if string(want) == string(got) {
		return ""
	}
	return udiff.Unified(name, "got", visible(string(want)), visible(string(got)))
}

// visible quotes each line, so that escape sequences, \r and trailing
// spaces show in the diff; the line breaks stay.
func visible(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		body, nl := strings.CutSuffix(l, "\n")
		q := strconv.Quote(body)
		lines[i] = q[1 : len(q)-1]
		if nl {
			lines[i] += "\n"
		}
	}
	return strings.Join(lines, "")
}
