package office_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
	"starflag/ui"
)

// TestTwoEditorsSaveTheSameCell: two dashboards in entry type into the same
// cell, one after the other. The later value wins, the audit log has both
// (the second with the first as its old value), and each entry grid shows
// the other's values within 2 s.
func TestTwoEditorsSaveTheSameCell(t *testing.T) {
	path := importedDB(t, "shared.db")
	q := model.MustQuarter("2023Q1")
	var dbs []*store.DB
	var hs []*uiHarness
	for range 2 {
		db, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
		// A short poll interval: the other editor's values come through
		// the database without waiting a second.
		h := attachHarnessWith(t, db, 120, 30, ui.Options{Quarter: q, Profile: colorprofile.Ascii, PollInterval: 100 * time.Millisecond})
		h.Key("e")
		h.Until("entry", func() bool {
			return strings.Contains(h.Screen(), "录入 2023Q1") && strings.Contains(h.Screen(), "市南")
		})
		hs = append(hs, h) // both cursors on 市南区/经济运行
	}
	for i, v := range []string{"71.11", "72.22"} {
		hs[i].Key(v, "enter")
		hs[i].Until("saved "+v, func() bool { return strings.Contains(hs[i].Screen(), "已保存 市南区/经济运行 "+v) })
	}
	// The first editor's grid shows the second's values within 2 s: the
	// later value of the shared cell, and one in a cell it never touched.
	hs[1].Key("73.33", "enter") // 市北区/经济运行
	hs[1].Until("saved 73.33", func() bool { return strings.Contains(hs[1].Screen(), "已保存 市北区/经济运行 73.33") })
	officetest.PumpBoth(t, hs[0].Harness, hs[1].Harness, 2*time.Second, "the first editor's grid showing 72.22 and 73.33", func() bool {
		return strings.Contains(hs[0].Screen(), "72.22") && strings.Contains(hs[0].Screen(), "73.33")
	})
	if got := officetest.ReadSnapshot(t, path, q)["市南区/经济运行"]; got != "72.22" {
		t.Errorf("市南区/经济运行 = %q, want the later 72.22", got)
	}
	log, err := dbs[0].ListAudit(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, e := range log {
		if e.Quarter == "2023Q1" && e.Unit == "市南区" && e.Field == "经济运行" {
			trail = append(trail, e.Old+"→"+e.New)
		}
	}
	if want := []string{"71.11→72.22", "92.50→71.11"}; strings.Join(trail, " ") != strings.Join(want, " ") {
		t.Errorf("audit of the cell, newest first: %v, want %v", trail, want)
	}
}
