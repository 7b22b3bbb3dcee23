package office_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/xuri/excelize/v2"

	"starflag/exchange"
	"starflag/model"
	"starflag/office"
	"starflag/office/officetest"
	"starflag/store"
	"starflag/ui"
)

// colourHarness is attachHarness with a true-colour profile, so the frame
// holds the renderer's own style sequences beside the names.
func colourHarness(t *testing.T, db *store.DB, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	return attachHarnessWith(t, db, w, h, ui.Options{Quarter: q, Profile: colorprofile.TrueColor})
}

// TestHostileNamesInDatabaseDisplaySafely renders every screen of a
// database whose names hold escape sequences and bidi overrides: the frame
// holds no sequence but the renderer's own styles, and fits the terminal.
func TestHostileNamesInDatabaseDisplaySafely(t *testing.T) {
	path := officetest.HostileDB(t)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		w, h := size[0], size[1]
		hs := colourHarness(t, db, w, h, model.MustQuarter("2023Q4"))
		screens := []struct {
			name string
			keys []string
		}{
			{"ranking", []string{"1"}}, {"stars", []string{"2"}}, {"flags", []string{"3"}}, {"seats", []string{"4"}},
			{"year", []string{"5"}}, {"help", []string{"?"}}, {"help closed", []string{"esc"}},
			{"present", []string{"p"}}, {"present 2", []string{"right"}}, {"present 3", []string{"right"}},
			{"present 4", []string{"right"}}, {"present 5", []string{"right"}}, {"present end", []string{"esc"}},
			{"entry", []string{"e"}}, {"entry moved", []string{"down", "tab", "tab", "tab", "tab"}}, {"entry left", []string{"esc"}},
			{"setup units", []string{"s"}}, {"setup units 2", []string{"down", "right", "right"}},
			{"setup sections", []string{"2"}}, {"setup rules", []string{"3"}}, {"setup 4", []string{"4"}},
			{"setup left", []string{"esc"}},
		}
		for _, sc := range screens {
			hs.Key(sc.keys...)
			hs.Settle()
			officetest.CheckFrame(t, fmt.Sprintf("%s at %d×%d", sc.name, w, h), hs.App.View().Content, w, h)
		}
		// The names are shown, made harmless, not dropped.
		hs.Key("1")
		hs.Settle()
		if s := hs.Screen(); !strings.Contains(s, "\ufffd") {
			t.Errorf("%d×%d: the sanitised names are not shown:\n%s", w, h, s)
		}
	}
}

// TestHostileNamesInDatabaseExportSafely: every export kind and format of a
// database with hostile names carries none of their escape sequences or
// control characters (line ends aside).
func TestHostileNamesInDatabaseExportSafely(t *testing.T) {
	path := officetest.HostileDB(t)
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	q := model.MustQuarter("2023Q4")
	for _, kind := range model.ExportKinds { // year: 2023, q's year
		doc, err := office.Document(ctx, db, kind, q, testDate)
		if err != nil {
			t.Fatalf("%s: %v", kind.Name, err)
		}
		for _, f := range doc.FormatsOf() {
			data, err := exchange.Render(doc, f)
			if err != nil {
				t.Fatalf("%s.%s: %v", kind.Name, f, err)
			}
			where := kind.Name + "." + string(f)
			if f == exchange.XLSX {
				checkXLSXSafe(t, where, data)
				continue
			}
			text := strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\ufeff"))), "\r\n", "\n")
			if f == exchange.DOCX { // what Word shows: the text of the XML parts
				if text, err = exchange.DOCXText(data); err != nil {
					t.Fatalf("%s: %v", where, err)
				}
			}
			officetest.CheckTerminalSafe(t, where, text)
			if kind != model.ExportYear && !strings.Contains(text, "\ufffd") {
				t.Errorf("%s: the sanitised names are missing:\n%s", where, text)
			}
		}
	}
}

// testDate signs the bulletin.
var testDate = mustDate("2023-12-31")

func mustDate(s string) (d time.Time) {
	d, _ = time.Parse("2006-01-02", s)
	return d
}

func checkXLSXSafe(t *testing.T, where string, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				officetest.CheckTerminalSafe(t, where+" cell", c)
			}
		}
	}
}
