package store

import (
	"testing"
)

// TestSessionsOnOneHandleUndoOnlyTheirOwn: starflag serve gives every SSH
// session a session of its own on one open database (As). Each one's undo
// reaches only its own values, every audit row names who made it (its
// undo too), and closing a session leaves the database open.
func TestSessionsOnOneHandleUndoOnlyTheirOwn(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	us := units(t, db)
	s := secs[0].ID
	a, b := db.As("ssh:市发改委:reporter"), db.As("ssh:秘书处:editor")
	if a.Session() == b.Session() || a.Session() == db.Session() {
		t.Fatalf("sessions %d, %d, %d: want three", db.Session(), a.Session(), b.Session())
	}
	set(t, a, us[0].ID, s, "70", a.Who())
	set(t, b, us[1].ID, s, "80", b.Who()) // b's is the latest
	set(t, db, us[2].ID, s, "90", SourceEntry)
	if what, err := a.Undo(ctx, q1); err != nil || what != "市南区/经济运行" {
		t.Fatalf("a's Undo = %q, %v; want its own 市南区", what, err)
	}
	if scoreOf(t, db, us[0].ID, s) != "" || scoreOf(t, db, us[1].ID, s) != "80.00" || scoreOf(t, db, us[2].ID, s) != "90.00" {
		t.Fatal("a's undo took back another session's value")
	}
	if what, err := a.Undo(ctx, q1); err != nil || what != "" {
		t.Fatalf("a's second Undo = %q, %v; want nothing left", what, err)
	}
	if what, err := db.Undo(ctx, q1); err != nil || what != "李沧区/经济运行" {
		t.Fatalf("the local session's Undo = %q, %v; want its 李沧区", what, err)
	}
	es, err := db.ListQuarterAudit(ctx, q1, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range es {
		if e.Action == "score" {
			got = append(got, string(e.Source)+" "+e.Unit+" "+e.Old+"→"+e.New)
		}
	}
	want := []string{"undo 李沧区 90.00→", "ssh:市发改委:reporter:undo 市南区 70.00→",
		"entry 李沧区 →90.00", "ssh:秘书处:editor 市北区 →80.00", "ssh:市发改委:reporter 市南区 →70.00"}
	if len(got) != len(want) {
		t.Fatalf("audit of %s:\n%q\nwant\n%q", q1, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("audit of %s:\n%q\nwant\n%q", q1, got, want)
		}
	}
	if es, err := db.ListQuarterAudit(ctx, q2, 0); err != nil || len(es) != 0 {
		t.Fatalf("audit of %s = %d rows, %v; want none", q2, len(es), err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DataVersion(ctx); err != nil {
		t.Fatalf("closing a session closed the database: %v", err)
	}
}
