package office_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"starflag/model"
	"starflag/office"
	"starflag/office/officetest"
	"starflag/store"
	"starflag/ui"
)

func TestMain(m *testing.M) {
	code := m.Run()
	officetest.RemoveBigDB()
	os.Exit(code)
}

// uiHarness is the dashboard on a real database (officetest.Harness), with
// the helpers of these tests as its methods.
type uiHarness struct{ *officetest.Harness }

func newHarness(t testing.TB, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	return &uiHarness{officetest.New(t, w, h, q)}
}

func attachHarness(t testing.TB, db *store.DB, w, h int, q model.Quarter) *uiHarness {
	t.Helper()
	return &uiHarness{officetest.Attach(t, db, w, h, q)}
}

func attachHarnessWith(t testing.TB, db *store.DB, w, h int, o ui.Options) *uiHarness {
	t.Helper()
	return &uiHarness{officetest.AttachWith(t, db, w, h, o)}
}

// importedDB is a database file named name in a temp folder holding
// testdata/cli/2023Q1.csv imported into 2023Q1, as `starflag import` writes it.
func importedDB(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	db, err := store.Open(path, store.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := office.ImportFile(context.Background(), db, model.MustQuarter("2023Q1"), "../testdata/cli/2023Q1.csv", office.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return path
}
