package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"starflag/model"
)

// AuditEntry is one row of the audit log: who changed what, when, from where.
type AuditEntry struct {
	ID      int64
	At      time.Time
	Action  string // "score", "adjust", "lock", "unlock", "create_unit", …
	Quarter string
	Unit    string
	Field   string // section or adjustment name, or the property changed
	Old     string // "92.50", "" for none
	New     string
	Source  Source
}

// ListAudit returns the latest limit audit entries, newest first; limit ≤ 0
// returns all.
func (db *DB) ListAudit(ctx context.Context, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	var out []AuditEntry
	err := db.read(ctx, func(t *txn) error {
		return t.each(`SELECT id, at, action, quarter, unit, field, old, new, source FROM audit ORDER BY id DESC LIMIT ?`,
			[]any{limit}, func(rows *sql.Rows) error {
				var e AuditEntry
				var at string
				if err := rows.Scan(&e.ID, &at, &e.Action, &e.Quarter, &e.Unit, &e.Field, &e.Old, &e.New, &e.Source); err != nil {
					return err
				}
				e.At, _ = time.Parse(time.RFC3339, at)
				out = append(out, e)
				return nil
			})
	})
	return out, err
}

// Backup writes a consistent copy of the database (VACUUM INTO, which is
// safe while the WAL holds recent commits) to dest, which must not exist.
// With dest "" the copy goes beside the database as
// NAME-backup-20231231-235959.db. The copy is private to the user (0600).
func (db *DB) Backup(ctx context.Context, dest string) (string, error) {
	var f *os.File
	var err error
	if dest == "" {
		dest, f, err = db.newBackupFile()
	} else {
		if dest, err = filepath.Abs(dest); err == nil {
			f, err = os.OpenFile(dest, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		}
		if errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("备份文件 %s 已存在，请换一个文件名：%w", dest, model.ErrConflict)
		}
	}
	if err != nil {
		return "", fmt.Errorf("无法创建备份文件 %s：%w", dest, err)
	}
	f.Close()
	// The empty file reserves the name with mode 0600; VACUUM INTO accepts an
	// empty target.
	if _, err := db.r.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		os.Remove(dest)
		return "", fmt.Errorf("备份失败：%w", db.dbError(err))
	}
	return dest, nil
}

// backupPrefix is how every automatic backup's file name starts.
func (db *DB) backupPrefix() string {
	base := filepath.Base(db.path)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-backup-"
}

// newBackupFile creates the next free automatic backup name.
func (db *DB) newBackupFile() (string, *os.File, error) {
	stamp := db.backupPrefix() + db.now().Format("20060102-150405")
	for i := 1; ; i++ {
		name := stamp + ".db"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.db", stamp, i)
		}
		p := filepath.Join(filepath.Dir(db.path), name)
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, os.ErrExist) || i == 100 {
			return p, f, err
		}
	}
}

// IncompleteQuarter is a quarter that may not be published yet.
type IncompleteQuarter struct {
	Quarter model.Quarter
	Missing []model.Missing // empty when the quarter has no sections at all
}

// CheckReport is the answer of `starflag check`.
type CheckReport struct {
	Integrity      string // "ok" or SQLite's messages, one per line
	SchemaVersion  int
	Units          int
	Quarters       int
	Scores         int
	Incomplete     []IncompleteQuarter
	Invalid        []InvalidQuarter
	LatestBackup   string // "" when none was found beside the database
	LatestBackupAt time.Time
}

// OK reports whether the file passed its integrity check.
func (r CheckReport) OK() bool { return r.Integrity == "ok" }

// Check runs PRAGMA integrity_check and summarises the data, the incomplete
// quarters and the latest backup found beside the database.
func (db *DB) Check(ctx context.Context) (CheckReport, error) {
	var r CheckReport
	var err error
	if r.Integrity, err = pragmaLines(ctx, db.r, `PRAGMA integrity_check`); err != nil {
		return r, db.dbError(err)
	}
	if !r.OK() {
		return r, nil
	}
	err = db.read(ctx, func(t *txn) error {
		err := t.row(`SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM quarters), (SELECT count(*) FROM scores)`).
			Scan(&r.Units, &r.Quarters, &r.Scores)
		if err == nil {
			err = t.row(`PRAGMA user_version`).Scan(&r.SchemaVersion)
		}
		if err != nil {
			return err
		}
		units, err := t.units()
		if err != nil {
			return err
		}
		if r.Invalid, err = t.invalidQuarters(); err != nil {
			return err
		}
		qs, err := t.quarters()
		if err != nil {
			return err
		}
		for _, qi := range qs {
			d, err := t.quarterData(qi.Quarter, units)
			if err != nil {
				return err
			}
			if res := model.Compute(d, nil); !res.Complete() {
				r.Incomplete = append(r.Incomplete, IncompleteQuarter{qi.Quarter, res.Missing})
			}
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	r.LatestBackup, r.LatestBackupAt = db.latestBackup()
	return r, nil
}

// latestBackup finds the newest automatic backup beside the database.
func (db *DB) latestBackup() (string, time.Time) {
	dir := filepath.Dir(db.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", time.Time{}
	}
	var best string
	var at time.Time
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, db.backupPrefix()) || !strings.HasSuffix(name, ".db") {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().After(at) {
			best, at = filepath.Join(dir, name), fi.ModTime()
		}
	}
	return best, at
}

// DataVersion returns PRAGMA data_version of one pinned connection: it
// changes when another connection or process commits, so the dashboard can
// poll it cheaply and reload only then.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	db.pinMu.Lock()
	defer db.pinMu.Unlock()
	if db.pin == nil {
		c, err := db.r.Conn(ctx)
		if err != nil {
			return 0, db.dbError(err)
		}
		db.pin = c
	}
	var v int64
	err := db.pin.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
	return v, db.dbError(err)
}
