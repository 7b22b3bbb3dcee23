package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

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
	return db.listAudit(ctx, `SELECT id, at, action, quarter, unit, field, old, new, source FROM audit ORDER BY id DESC LIMIT ?`, limit)
}

// ListQuarterAudit returns the latest limit audit entries of quarter q (who
// changed which value when), newest first; limit ≤ 0 returns all.
func (db *DB) ListQuarterAudit(ctx context.Context, q model.Quarter, limit int) ([]AuditEntry, error) {
	return db.listAudit(ctx, `SELECT id, at, action, quarter, unit, field, old, new, source FROM audit WHERE quarter = ? ORDER BY id DESC LIMIT ?`,
		limit, q.String())
}

func (db *DB) listAudit(ctx context.Context, query string, limit int, args ...any) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	var out []AuditEntry
	err := db.read(ctx, func(t *txn) error {
		return t.each(query, append(args, limit), func(rows *sql.Rows) error {
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

// Backup writes a complete copy of the database to dest, which must not
// exist, and returns its path. With dest "" the copy goes beside the
// database as NAME-backup-20231231-235959.db. The copy is written under a
// temporary name (VACUUM INTO, consistent while the WAL holds recent
// commits), checked with PRAGMA quick_check, flushed to disk, and only then
// given its name, never replacing a file: a file named like a backup is a
// whole one. It is private to the user (0600).
func (db *DB) Backup(ctx context.Context, dest string) (string, error) {
	return db.backup(ctx, db.r, dest)
}

// execer runs a statement on a pool or on one connection.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// backup is Backup reading through c (Lock uses one connection, to see
// afterwards whether anything changed since the copy).
func (db *DB) backup(ctx context.Context, c execer, dest string) (string, error) {
	dir := filepath.Dir(db.path)
	if dest != "" {
		abs, err := filepath.Abs(dest)
		if err != nil {
			return "", model.Errorf(model.ErrInvalid, "备份文件名无效：%s", show(dest))
		}
		dest, dir = abs, filepath.Dir(abs)
		if _, err := os.Lstat(dest); err == nil {
			return "", backupExists(dest)
		}
	}
	removeStale(dir)
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", fileError(fmt.Sprintf("无法在 %s 中写入备份（%s），没有生成备份", show(dir), osReason(err)), err)
	}
	name := tmp.Name()
	tmp.Close()
	defer func() {
		os.Remove(name) // once placed, the backup's own name remains
		os.Remove(name + "-journal")
	}()
	// The empty file reserves a name with mode 0600; VACUUM INTO accepts an
	// empty target.
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, name); err != nil {
		return "", db.backupError(dir, err)
	}
	if err := whole(ctx, name); err != nil {
		return "", fileError(fmt.Sprintf("写入 %s 的备份校验未通过（%s），没有生成备份；请检查磁盘后再试", show(dir), err), err)
	}
	if err := syncFile(name); err != nil {
		return "", fileError(fmt.Sprintf("无法在 %s 中写入备份（%s），没有生成备份", show(dir), osReason(err)), err)
	}
	if dest != "" {
		if err := place(name, dest); err != nil {
			return "", placeError(dest, err)
		}
		return dest, nil
	}
	stamp := db.backupPrefix() + db.now().Format("20060102-150405")
	for i := 1; i <= 100; i++ {
		p := filepath.Join(dir, stamp+".db")
		if i > 1 {
			p = filepath.Join(dir, fmt.Sprintf("%s-%d.db", stamp, i))
		}
		err := place(name, p)
		if !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return "", placeError(p, err)
			}
			return p, nil
		}
	}
	return "", model.Errorf(model.ErrConflict, "%s 里同一秒的备份太多，没有生成备份，请稍后再试", show(dir))
}

// tempPrefix names the temporary copy a backup is written to.
const tempPrefix = ".starflag-tmp-"

// staleAfter is how long a temporary copy may stand untouched before a
// later backup removes it as left by a killed one: a copy being written is
// modified all the time.
const staleAfter = 10 * time.Minute

// removeStale removes the temporary copies killed backups left in dir.
func removeStale(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleAfter {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func backupExists(dest string) error {
	return model.Errorf(model.ErrConflict, "备份文件 %s 已存在，请换一个文件名", show(dest))
}

func placeError(dest string, err error) error {
	if errors.Is(err, fs.ErrExist) {
		return backupExists(dest)
	}
	return fileError(fmt.Sprintf("无法写入备份文件 %s（%s），没有生成备份", show(dest), osReason(err)), err)
}

// backupError says why VACUUM INTO failed. A failure to write the copy is
// not a failure of the database, which it leaves as it was.
func (db *DB) backupError(dir string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fileError(fmt.Sprintf("无法在 %s 中写入备份：磁盘已满或超出文件大小限制，没有生成备份；数据库本身没有改动", show(dir)), err)
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return fileError(fmt.Sprintf("无法在 %s 中写入备份：读写出错（磁盘已满、超出文件大小限制、没有写入权限或磁盘故障），没有生成备份；数据库本身没有改动", show(dir)), err)
		}
	}
	return fmt.Errorf("备份失败：%w", db.dbError(err))
}

// place gives the finished file tmp the name dest without ever replacing a
// file: a hard link where the file system has them, else a rename once
// dest is seen to be free.
func place(tmp, dest string) error {
	err := os.Link(tmp, dest)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(dest); serr == nil {
		return fs.ErrExist
	}
	return os.Rename(tmp, dest)
}

// syncFile flushes a written file to the disk.
func syncFile(p string) error {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// whole reports whether the file at p is a complete starflag backup: a
// SQLite file that passes PRAGMA quick_check and holds a schema. It opens
// the file read-only and never changes it.
func whole(ctx context.Context, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return model.Errorf(model.ErrFile, "无法读取：%s", model.FileReason(err)).Because(err)
	}
	head := make([]byte, len(sqliteHeader))
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return model.Errorf(model.ErrInvalid, "不是完整的 SQLite 文件")
	}
	c, err := sql.Open("sqlite", dsn(p, "mode=ro"))
	if err != nil {
		return model.Errorf(model.ErrInvalid, "无法读取").Because(err)
	}
	defer c.Close()
	msgs, err := pragmaLines(ctx, c, "PRAGMA quick_check")
	if err != nil {
		return model.Errorf(model.ErrInvalid, "无法读取").Because(err)
	}
	if msgs != "ok" {
		return model.Errorf(model.ErrInvalid, "完整性检查发现 %d 处问题", problems(msgs))
	}
	var v int
	if err := c.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil || v < 1 {
		return model.Errorf(model.ErrInvalid, "没有 starflag 的数据结构")
	}
	return nil
}

// backupPrefix is how every automatic backup's file name starts.
func (db *DB) backupPrefix() string {
	base := filepath.Base(db.path)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-backup-"
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

// Problems is how many problems the integrity check reported (0 when OK).
func (r CheckReport) Problems() int {
	if r.OK() {
		return 0
	}
	return problems(r.Integrity)
}

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
	r.LatestBackup, r.LatestBackupAt = db.latestBackup(ctx)
	return r, nil
}

// latestBackup finds the newest complete automatic backup beside the
// database: a partial file (left by a killed backup of an earlier version,
// or copied by hand) is passed over.
func (db *DB) latestBackup(ctx context.Context) (string, time.Time) {
	dir := filepath.Dir(db.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", time.Time{}
	}
	type found struct {
		path string
		at   time.Time
	}
	var all []found
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, db.backupPrefix()) || !strings.HasSuffix(name, ".db") {
			continue
		}
		if fi, err := e.Info(); err == nil {
			all = append(all, found{filepath.Join(dir, name), fi.ModTime()})
		}
	}
	slices.SortFunc(all, func(a, b found) int { return b.at.Compare(a.at) })
	for _, f := range all {
		if whole(ctx, f.path) == nil {
			return f.path, f.at
		}
	}
	return "", time.Time{}
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
