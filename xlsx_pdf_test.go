package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page[^s]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]`)
)

// pdfA4 gives a PDF's pages and the orientations of its A4 page boxes
// ("portrait", "landscape"), sorted, each once.
func pdfA4(data []byte) (pages int, orientations []string) {
	near := func(s string, v float64) bool {
		f, err := strconv.ParseFloat(s, 64)
		return err == nil && f > v-1 && f < v+1
	}
	for _, m := range pdfMediaBox.FindAllSubmatch(data, -1) {
		w, h := string(m[1]), string(m[2])
		switch {
		case near(w, 595.3) && near(h, 841.9):
			orientations = append(orientations, "portrait")
		case near(w, 841.9) && near(h, 595.3):
			orientations = append(orientations, "landscape")
		}
	}
	slices.Sort(orientations)
	return len(pdfPage.FindAll(data, -1)), slices.Compact(orientations)
}

// TestXLSXExportsConvertToPDF: each xlsx export of the demo converts to PDF
// with LibreOffice, on A4 in the orientation chosen for it, and each sheet
// fits one page wide: the ten units' tables are one page each, the seats
// their chart and their list.
func TestXLSXExportsConvertToPDF(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	want := map[string]struct {
		pages        int
		orientations []string
	}{
		"ranking":  {1, []string{"landscape"}},
		"stars":    {2, []string{"portrait"}},
		"flags":    {1, []string{"portrait"}},
		"seats":    {2, []string{"landscape", "portrait"}},
		"template": {1, []string{"portrait"}},
		"year":     {1, []string{"landscape"}},
	}
	var files []string
	for kind := range want {
		out := filepath.Join(dir, kind+".xlsx")
		period := []string{"--quarter", "2023Q4"}
		if kind == "year" {
			period = []string{"--year", "2023"}
		}
		mustRun(t, append(append([]string{"--demo", "export", kind}, period...), "--format", "xlsx", "-o", out)...)
		files = append(files, out)
	}
	slices.Sort(files)
	for f, pdf := range sofficePDF(t, files...) {
		kind := strings.TrimSuffix(filepath.Base(f), ".xlsx")
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		pages, orientations := pdfA4(data)
		if w := want[kind]; pages != w.pages || !slices.Equal(orientations, w.orientations) {
			t.Errorf("%s: %d pages on A4 %v, want %d on %v", kind, pages, orientations, w.pages, w.orientations)
		}
	}
}
