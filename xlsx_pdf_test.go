package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sofficePDF converts files (in one folder) to PDF with LibreOffice, as an
// office that opens them would: each gives the PDF's bytes, by file. It
// skips the test when LibreOffice is not installed, or cannot open a
// spreadsheet (Calc missing: a tiny CSV does not convert). CI does not
// install LibreOffice (it is large); the test runs where it is.
func sofficePDF(t *testing.T, files ...string) map[string][]byte {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	work := t.TempDir()
	// A profile of its own, so that another LibreOffice running does not
	// take the conversion over.
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(work, "profile"))
	convert := func(out string, in ...string) ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		args := append([]string{profile, "--headless", "--convert-to", "pdf", "--outdir", out}, in...)
		return exec.CommandContext(ctx, soffice, args...).CombinedOutput()
	}
	probe := filepath.Join(work, "probe.csv")
	if err := os.WriteFile(probe, []byte("a,b\n1,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := convert(work, probe); err != nil || !fileExists(filepath.Join(work, "probe.pdf")) {
		t.Skipf("LibreOffice cannot convert a spreadsheet here (is Calc installed?): %v %s", err, out)
	}
	dir := filepath.Join(work, "pdf")
	out, err := convert(dir, files...)
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdfs := map[string][]byte{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + ".pdf"
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s did not convert to PDF (%v)\n%s", filepath.Base(f), err, out)
			continue
		}
		pdfs[f] = data
	}
	return pdfs
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

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
	for f, data := range sofficePDF(t, files...) {
		kind := strings.TrimSuffix(filepath.Base(f), ".xlsx")
		pages, orientations := pdfA4(data)
		if w := want[kind]; pages != w.pages || !slices.Equal(orientations, w.orientations) {
			t.Errorf("%s: %d pages on A4 %v, want %d on %v", kind, pages, orientations, w.pages, w.orientations)
		}
	}
}
