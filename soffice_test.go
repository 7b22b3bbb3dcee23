package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// sofficePDF converts files (DOCX, XLSX) to PDF with LibreOffice, as an
// office that opens them would: the path of each one's PDF, by file. It
// skips the test when LibreOffice is not installed, or cannot open a
// spreadsheet given (Calc missing: a tiny CSV does not convert). CI does not
// install LibreOffice (it is large); the tests run where it is.
func sofficePDF(t *testing.T, files ...string) map[string]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	work := t.TempDir()
	// A profile and a home of its own, so that a LibreOffice the user has
	// open does not take the conversion over and nothing of theirs changes.
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(work, "profile"))
	convert := func(out string, in ...string) ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		args := append([]string{profile, "--headless", "--convert-to", "pdf", "--outdir", out}, in...)
		cmd := exec.CommandContext(ctx, soffice, args...)
		cmd.Env = append(os.Environ(), "HOME="+work)
		return cmd.CombinedOutput()
	}
	if slices.ContainsFunc(files, func(f string) bool { return strings.HasSuffix(f, ".xlsx") }) {
		probe := filepath.Join(work, "probe.csv")
		if err := os.WriteFile(probe, []byte("a,b\n1,2\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := convert(work, probe); err != nil || !fileExists(filepath.Join(work, "probe.pdf")) {
			t.Skipf("LibreOffice cannot convert a spreadsheet here (is Calc installed?): %v %s", err, out)
		}
	}
	dir := filepath.Join(work, "pdf")
	out, err := convert(dir, files...)
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdfs := map[string]string{}
	for _, f := range files {
		pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+".pdf")
		data, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s did not convert to PDF (%v)\n%s", filepath.Base(f), err, out)
			continue
		}
		pdfs[f] = pdf
	}
	return pdfs
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
