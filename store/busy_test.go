package store

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"starflag/model"
)

// holdWriteLock takes the database's write lock from a connection of its
// own, as another starflag in the middle of a long import would, and
// releases it after d.
func holdWriteLock(t *testing.T, path string, d time.Duration) <-chan struct{} {
	t.Helper()
	c, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(5000)&_txlock=immediate"))
	if err != nil {
		t.Fatal(err)
	}
	tx, err := c.Begin()
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(d)
		tx.Rollback()
		c.Close()
		close(released)
	}()
	return released
}

// TestBusyWriteRetriesOnceThenSaysWhy: a save that finds the file locked
// past the busy timeout tries once more (and succeeds when the other
// process finishes meanwhile); locked past both tries, it is refused with
// a sentence, never SQLite's "database is locked", and nothing is saved.
func TestBusyWriteRetriesOnceThenSaysWhy(t *testing.T) {
	const timeout = 300 * time.Millisecond
	path := filepath.Join(t.TempDir(), "starflag.db")
	db, err := Open(path, Options{Seed: true, BusyTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	secs := withSections(t, db, q1)
	u := units(t, db)[0]

	// Released after one timeout and a half: the retry gets the lock.
	released := holdWriteLock(t, path, timeout*3/2)
	if err := db.SetScore(ctx, q1, u.ID, secs[0].ID, h("91"), SourceEntry); err != nil {
		t.Fatalf("save after the other writer finished: %v", err)
	}
	<-released

	// Held past both tries: refused with a sentence, nothing saved.
	released = holdWriteLock(t, path, timeout*4)
	err = db.SetScore(ctx, q1, u.ID, secs[0].ID, h("55"), SourceEntry)
	<-released
	if err == nil {
		t.Fatal("save went through a held write lock")
	}
	wantErr(t, err, model.ErrConflict, "数据库正被另一个 starflag 使用")
	if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "SQLITE") {
		t.Fatalf("driver words reach the user: %q", err)
	}
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Scores[model.ScoreKey{Unit: u.ID, Section: secs[0].ID}]; got != 9100 {
		t.Fatalf("stored %v, want 91.00 kept", got)
	}
}

// TestOpenAndReadWhileAnotherProcessWrites: opening an up-to-date database
// takes no write lock, so export and the dashboard open and read while an
// import elsewhere holds the lock (WAL readers never wait for writers).
func TestOpenAndReadWhileAnotherProcessWrites(t *testing.T) {
	const timeout = 200 * time.Millisecond
	path := filepath.Join(t.TempDir(), "starflag.db")
	db, err := Open(path, Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	withSections(t, db, q1)
	db.Close()

	released := holdWriteLock(t, path, 10*timeout)
	defer func() { <-released }()
	for _, onlyReads := range []bool{true, false} {
		db, err := Open(path, Options{OnlyReads: onlyReads, BusyTimeout: timeout})
		if err != nil {
			t.Fatalf("open (only reads: %v) while another process writes: %v", onlyReads, err)
		}
		if _, err := db.QuarterData(ctx, q1); err != nil {
			t.Fatalf("read while another process writes: %v", err)
		}
		db.Close()
	}
}

// TestConcurrentFirstWritesDoNotDeadlock: writes from several goroutines
// on one DB, each the first of its kind (so its statements are prepared on
// the writer after it commits), while others hold the writer's only
// connection. CI once hung here: the statement cache's lock was held while
// waiting for that connection, and the transaction holding the connection
// waited for the lock.
func TestConcurrentFirstWritesDoNotDeadlock(t *testing.T) {
	rounds := 30
	if testing.Short() {
		rounds = 10
	}
	for round := range rounds {
		// Not mustOpen: after a deadlock, Close would hang the cleanup too.
		db, err := Open(filepath.Join(t.TempDir(), "starflag.db"), testOptions())
		if err != nil {
			t.Fatal(err)
		}
		secs := withSections(t, db, q1)
		item := firstItem(t, db, q1)
		us := units(t, db)
		done := make(chan error, 8)
		writes := []func() error{
			func() error { return db.SetScore(ctx, q1, us[0].ID, secs[0].ID, h("90"), SourceEntry) },
			func() error { return db.SetAdjust(ctx, q1, us[1].ID, item.ID, h("1"), SourceEntry) },
			func() error { _, err := db.Undo(ctx, q1); return err },
			func() error { return db.SetCommendation(ctx, q1, us[2].ID, "表扬", SourceCLI) },
			func() error { _, err := db.Redo(ctx, q1); return err },
			func() error { return db.SetScore(ctx, q1, us[3].ID, secs[1].ID, h("80"), SourceEntry) },
			func() error { _, err := db.Undo(ctx, q1); return err },
			func() error { return db.SetAdjust(ctx, q1, us[4].ID, item.ID, nil, SourceEntry) },
		}
		for _, w := range writes {
			go func() { done <- w() }()
		}
		timeout := time.After(20 * time.Second)
		for range writes {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
			case <-timeout:
				t.Fatalf("round %d: writes on one DB deadlocked", round)
			}
		}
		db.Close()
	}
}
