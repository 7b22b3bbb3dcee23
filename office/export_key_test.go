package office_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
)

// demoHarness is the dashboard on a fresh copy of the demo database.
func demoHarness(t testing.TB, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.LoadDemo(context.Background(), model.Demo(1)); err != nil {
		t.Fatal(err)
	}
	return attachHarness(t, db, w, h, q)
}

func TestExportKeyWritesTheShownPage(t *testing.T) {
	h := demoHarness(t, 80, 24, model.MustQuarter("2023Q4"))
	h.Key("x")
	h.Until("the export", func() bool { return strings.Contains(h.Screen(), "已导出到") })
	path := filepath.Join(h.ExportDir, "2023Q4-排名.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("ranking export: %v\n%s", err, h.Screen())
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	f.Close()
	// The title row, the header, ten units.
	if err != nil || len(rows) != 12 || rows[0][0] != "2023年四季度 综合排名" || rows[2][2] != "市南区" {
		t.Fatalf("ranking sheet rows = %v, %v", rows, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != officetest.SharedMode(t, h.ExportDir) {
		t.Errorf("export mode %v, want %v (a new document's)", fi.Mode().Perm(), officetest.SharedMode(t, h.ExportDir))
	}
	// Again: a new file beside it, the first is kept.
	h.Key("x")
	h.Until("the second export", func() bool { return strings.Contains(h.Screen(), "2023Q4-排名-2.xlsx") })
	// The seats page exports the print page with placards.
	h.Key("4", "x")
	h.Until("the seats export", func() bool { return strings.Contains(h.Screen(), ".html") })
	html, err := os.ReadFile(filepath.Join(h.ExportDir, "2023Q4-座次.html"))
	if err != nil || !strings.Contains(string(html), "主席台") || strings.Count(string(html), "市南区") < 2 {
		t.Fatalf("seats export: %v", err)
	}
	// The year page exports the annual table.
	h.Key("5", "x")
	h.Until("the year export", func() bool { return strings.Contains(h.Screen(), "2023-") })
	if _, err := os.Stat(filepath.Join(h.ExportDir, "2023-年度.xlsx")); err != nil {
		entries, _ := os.ReadDir(h.ExportDir)
		t.Fatalf("year export: %v (folder: %v)", err, entries)
	}
}

func TestExportKeyRefusesIncompleteQuarter(t *testing.T) {
	h := newHarness(t, 80, 24, model.MustQuarter("2023Q1"))
	h.Key("x")
	h.Until("the refusal", func() bool { return strings.Contains(h.Screen(), "导出失败") })
	if entries, _ := os.ReadDir(h.ExportDir); len(entries) != 0 {
		t.Errorf("a refused export wrote %v", entries)
	}
}
