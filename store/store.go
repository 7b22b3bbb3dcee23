// Package store keeps starflag's data in one SQLite file. It loads and saves;
// every rule lives in package model. Each public method runs in one
// transaction, writes are audited, and a locked (定稿) quarter refuses edits.
package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"starflag/model"
)

// Source says where a change came from; the audit log records it.
type Source string

// The fixed sources. Imports use SourceImport(file).
const (
	SourceEntry Source = "entry"
	SourceCLI   Source = "cli"
	SourceSetup Source = "setup"
	SourceDemo  Source = "demo"
)

// SourceImport is the source of changes read from file.
func SourceImport(file string) Source { return Source("import:" + file) }

// Options tune Open.
type Options struct {
	// Seed fills a new database with model.QingdaoUnits().
	Seed bool
	// Clock gives the time of audit rows and backup names; nil means time.Now.
	Clock func() time.Time
	// OnlyReads is for commands that only read (export): an up-to-date
	// database opens without the whole-file PRAGMA quick_check, which costs
	// more than the export itself on a large file. The header and schema
	// are still checked, damage elsewhere is refused when a read reaches
	// it, and a database to migrate is always checked whole.
	OnlyReads bool
	// BusyTimeout is how long a change waits for another process's write
	// to finish before it tries once more; 0 means 5 s. Tests shorten it.
	BusyTimeout time.Duration
	// Session numbers this open of the database in the audit rows it
	// writes; undo and redo reach only its own rows. 0 means a new random
	// number, so every open (every dashboard, every command) is a session
	// of its own.
	Session int64
}

// DB is an open starflag database. It is safe for concurrent use. One DB
// is one session in the audit log; As gives further sessions on the same
// connections.
type DB struct {
	*conns
	session int64  // written on every audit row; see Options.Session
	sessArg any    // session as a statement argument, boxed once
	who     Source // the source of all of this session's changes; "" for the usual ones
	fork    bool   // made by As: Close leaves the connections to the DB it came from
}

// conns are the connections and what goes with them, shared by a DB and
// the sessions As makes from it.
type conns struct {
	path string
	busy time.Duration // busy_timeout of every connection
	w    *sql.DB       // the writer: one connection, immediate transactions
	r    *sql.DB       // readers: read-only (deferred) transactions
	now  func() time.Time

	pinMu sync.Mutex
	pin   *sql.Conn // the connection that watches PRAGMA data_version

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // prepared once on the writer, reused by every transaction
}

// As returns another session on the same connections: a new session
// number, so that its undo and redo reach only its own values, and who as
// the source of every change it makes (entry, paste and setup alike), so
// that the audit log names the person: starflag serve gives each SSH
// session one ("ssh:市发改委:reporter"). Closing it closes nothing.
func (db *DB) As(who Source) *DB {
	s := newSession()
	return &DB{conns: db.conns, session: s, sessArg: s, who: who, fork: true}
}

// Who is the source As gave this session, "" for an ordinary open.
func (db *DB) Who() Source { return db.who }

// entrySource is the source of the values this session typed or pasted,
// the ones its undo and redo reach.
func (db *DB) entrySource() Source {
	if db.who != "" {
		return db.who
	}
	return SourceEntry
}

// pragmas are applied to every pooled connection. _txlock=immediate makes a
// write transaction take the write lock at BEGIN, so two processes wait for
// each other (busy_timeout) instead of failing halfway.
func pragmas(busy time.Duration) string {
	return fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate",
		busy.Milliseconds())
}

// defaultBusyTimeout is how long a write waits for another process's.
const defaultBusyTimeout = 5 * time.Second

// dsn builds the connection string for the file at the absolute path p,
// URL-escaped so that '?', '#', '%' and spaces in folder names are safe.
func dsn(p, params string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letter: file:/C:/…
	}
	u := url.URL{Path: p}
	s := "file:" + u.EscapedPath()
	if strings.HasPrefix(p, "//") {
		s = "file://" + u.EscapedPath() // UNC path: empty authority first
	}
	return s + "?" + params
}

// Open opens the database at path, or creates it. It refuses, leaving the
// file untouched, a missing folder, anything but a regular file (a FIFO, a
// device, a folder), a disk without room for starflag's working files, a
// file that is not a sound starflag database (another program's SQLite file
// included), and a database written by a newer starflag. Before migrating
// an existing database it takes a backup beside it.
func Open(path string, opts Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, model.Errorf(model.ErrInvalid, "数据库路径无效：%s", show(path))
	}
	dir := filepath.Dir(abs)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, model.Errorf(model.ErrNotFound, "数据库所在文件夹不存在：%s", show(dir))
	}
	// A FIFO would block the first read and a device is no database: only a
	// regular file, or none yet, is opened.
	if fi, err := os.Stat(abs); err == nil && !fi.Mode().IsRegular() {
		return nil, model.Errorf(model.ErrInvalid, "%s 不是普通文件（%s），不能用作数据库，未做任何改动", show(abs), model.FileKind(fi.Mode()))
	}

	created := false
	var found probed
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		created = true
		f.Close()
	case errors.Is(err, os.ErrExist):
		// Writability first: reading a WAL database needs its -shm file,
		// and a read-only folder would otherwise look like a damaged file.
		if err = writable(abs); err != nil {
			return nil, err
		}
		if found, err = probe(abs, opts.OnlyReads); err != nil {
			return nil, err
		}
	default:
		return nil, model.Errorf(model.ErrInvalid, "无法创建数据库文件 %s（%s）", show(abs), osReason(err)).Because(err)
	}

	db, err := open(abs, opts)
	if err == nil {
		err = db.setup(found, opts.Seed)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		if created {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(abs + suffix)
			}
		}
		return nil, err
	}
	return db, nil
}

// show is a file name as messages quote it: safe for a terminal, and
// shortened when it is very long.
func show(path string) string { return model.ClipPath(path) }

func open(abs string, opts Options) (*DB, error) {
	db := &DB{conns: &conns{path: abs, now: opts.Clock, busy: opts.BusyTimeout}, session: opts.Session}
	if db.session == 0 {
		db.session = newSession()
	}
	db.sessArg = db.session
	if db.now == nil {
		db.now = time.Now
	}
	if db.busy <= 0 {
		db.busy = defaultBusyTimeout
	}
	var err error
	if db.w, err = sql.Open("sqlite", dsn(abs, pragmas(db.busy))); err != nil {
		return nil, fileError("无法打开数据库 "+show(abs), err)
	}
	db.w.SetMaxOpenConns(1)
	if db.r, err = sql.Open("sqlite", dsn(abs, pragmas(db.busy))); err != nil {
		db.w.Close()
		return nil, fileError("无法打开数据库 "+show(abs), err)
	}
	return db, nil
}

// newSession is a random session number from 1 to 2³¹−1: two sessions
// share one with odds of about one in two billion, and four bytes keep
// the audit row of a save as cheap as before (eight bytes measurably did not).
func newSession() int64 {
	var b [4]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return int64(binary.BigEndian.Uint32(b[:])>>1) | 1
}

// Session is the number this open of the database writes on its audit rows.
func (db *DB) Session() int64 { return db.session }

// setup migrates (after a backup when the database already has data),
// marks the file as starflag's (PRAGMA application_id) and seeds a new
// database.
func (db *DB) setup(found probed, seed bool) error {
	ctx := context.Background()
	if found.version > 0 && found.version < len(migrations) {
		if _, err := db.Backup(ctx, ""); err != nil {
			return fmt.Errorf("升级数据库结构前备份失败，未做任何改动：%w", err)
		}
	}
	if err := db.migrate(ctx); err != nil {
		return err
	}
	if !found.marked {
		// PRAGMA takes no bind parameters; applicationID is our constant.
		if _, err := db.w.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return db.dbError(err)
		}
	}
	if found.version > 0 || !seed {
		return nil
	}
	return db.write(ctx, SourceSetup, func(t *txn) error {
		var n int
		if err := t.row(`SELECT count(*) FROM units`).Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, u := range model.QingdaoUnits() {
			u.ID = 0
			if _, err := t.createUnit(u); err != nil {
				return err
			}
		}
		return nil
	})
}

// writable refuses, before anything reads or writes the database, a file
// or folder starflag cannot write: SQLite would open the file read-only and
// fail at the first change, and the -wal/-shm files and backups live beside
// the file. starflag does not open databases read-only. It also refuses a
// disk without room for the -shm and -wal files: SQLite would fail to read
// the file, which looks like damage.
func writable(abs string) error {
	// Not os.OpenFile: closing a descriptor of the file would drop every
	// POSIX lock this process's other SQLite connections hold on it.
	if err := canWrite(abs); err != nil {
		return model.Errorf(model.ErrInvalid, "无法写入数据库文件 %s（%s），未做任何改动；请检查文件权限，或把它复制到可写的文件夹后用 --db 打开",
			show(abs), osReason(err)).Because(err)
	}
	dir := filepath.Dir(abs)
	tmp, err := os.CreateTemp(dir, ".starflag-probe-*")
	if err != nil {
		return model.Errorf(model.ErrInvalid, "无法在数据库所在的文件夹 %s 中写入（%s），starflag 需要在数据库旁边写日志和备份；未做任何改动，请把数据库复制到可写的文件夹后用 --db 打开",
			show(dir), osReason(err)).Because(err)
	}
	_, err = tmp.Write(make([]byte, roomNeeded))
	tmp.Close()
	os.Remove(tmp.Name())
	if err != nil {
		return model.Errorf(model.ErrInvalid, "无法在数据库所在的文件夹 %s 中写入（%s），starflag 需要在数据库旁边写日志；未做任何改动，数据库没有损坏，请腾出磁盘空间（或放宽文件大小限制）后再试",
			show(dir), osReason(err)).Because(err)
	}
	return nil
}

// roomNeeded is the free space opening needs beside the database: the -shm
// file (32 KB) and the first pages of the -wal file.
const roomNeeded = 64 << 10

// osReason says in Chinese why a file operation failed; a permission
// problem here is always about writing.
func osReason(err error) string {
	if errors.Is(err, os.ErrPermission) {
		return "没有写入权限"
	}
	return model.FileReason(err)
}

var sqliteHeader = []byte("SQLite format 3\x00")

// applicationID marks a starflag database (PRAGMA application_id, bytes
// 68–71 of the file's header): "SFLG".
const applicationID = 0x53464c47

// starflagTables are the tables every starflag database has had since its
// first schema: with them, a file from before the application_id counts
// as starflag's.
var starflagTables = []string{"units", "unit_aliases", "quarters", "sections", "scores", "adjustments", "commendations", "audit"}

// probed is what probe found in an existing file.
type probed struct {
	version int  // PRAGMA user_version
	marked  bool // application_id is starflag's
}

// probe checks an existing file before anything may write to it: the SQLite
// header, whose file it is (application_id, or starflag's tables), the
// schema version (reading the schema also refuses a file shorter than its
// header says), and PRAGMA quick_check (skipped when the caller only reads
// an up-to-date database). The connection it uses sets no pragmas, so it
// cannot change the file. A failure to read (a full disk, an I/O error)
// is said as such, not as damage.
func probe(abs string, onlyReads bool) (probed, error) {
	var found probed
	f, err := os.Open(abs)
	if err != nil {
		return found, model.Errorf(model.ErrInvalid, "无法读取数据库文件 %s（%s），未做任何改动", show(abs), model.FileReason(err)).Because(err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 && err == io.EOF {
		return found, nil // an empty file is an empty database
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return found, model.Errorf(model.ErrInvalid, "%s 不是 starflag 数据库（不是 SQLite 文件），未做任何改动", show(abs))
	}
	failed := func(err error, why string) (probed, error) {
		return found, readError(abs, err, why)
	}

	c, err := sql.Open("sqlite", dsn(abs, "_pragma=busy_timeout(5000)"))
	if err != nil {
		return failed(err, "无法打开")
	}
	defer c.Close()
	var appID int64
	var tables []string
	err = c.QueryRow(`PRAGMA user_version`).Scan(&found.version)
	if err == nil {
		err = c.QueryRow(`PRAGMA application_id`).Scan(&appID)
	}
	if err == nil {
		tables, err = tableNames(c)
	}
	found.marked = appID == applicationID
	ours := found.marked || (appID == 0 && hasAll(tables, starflagTables)) // or from before the marker
	switch {
	case err != nil:
		return failed(err, "无法读取结构版本")
	case len(tables) == 0 && found.version == 0 && (appID == 0 || found.marked):
		return found, nil // an empty database
	case found.version == 0 || !ours:
		return found, model.Errorf(model.ErrInvalid, "%s 是其他程序的 SQLite 数据库，不是 starflag 数据库，未做任何改动", show(abs))
	case found.version > len(migrations):
		return found, model.Errorf(model.ErrInvalid, "数据库 %s 由更新版本的 starflag 创建（结构版本 %d，本程序只支持到 %d），请升级 starflag 后再打开",
			show(abs), found.version, len(migrations))
	case onlyReads && found.version == len(migrations):
		return found, nil
	}
	msgs, err := pragmaLines(context.Background(), c, "PRAGMA quick_check")
	if err != nil {
		return failed(err, "无法读取")
	}
	if msgs != "ok" {
		return found, damaged(abs, fmt.Sprintf("完整性检查发现 %d 处问题", problems(msgs)))
	}
	return found, nil
}

// tableNames lists the tables of the database c reads.
func tableNames(c *sql.DB) ([]string, error) {
	rows, err := c.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func hasAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// damaged is the refusal of a database file that is damaged.
func damaged(abs, why string) *model.Error {
	return model.Errorf(model.ErrInvalid, "数据库文件 %s 已损坏（%s），未做任何改动；请用备份恢复", show(abs), why)
}

// readError says why reading the file at abs failed: damage only when
// SQLite found damage; a full disk, an I/O error or a lock held elsewhere
// is said as such, since restoring a backup would throw data away.
func readError(abs string, err error, why string) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return damaged(abs, why).Because(err)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL:
		return model.Errorf(model.ErrInvalid, "无法读取数据库文件 %s：磁盘已满或超出文件大小限制，未做任何改动，数据库没有损坏；请腾出磁盘空间后再试", show(abs)).Because(err)
	case sqlite3.SQLITE_IOERR:
		return model.Errorf(model.ErrInvalid, "无法读取数据库文件 %s：读写出错（磁盘已满、超出文件大小限制或磁盘故障），未做任何改动；请先腾出磁盘空间再试", show(abs)).
			Because(err).Advise(model.CheckAfterRoom, model.Quarter{})
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return model.Errorf(model.ErrConflict, "数据库文件 %s 正被另一个程序锁定，未做任何改动，请稍后再试", show(abs)).Because(err)
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return model.Errorf(model.ErrInvalid, "无法打开数据库文件 %s（文件或文件夹不可访问），未做任何改动", show(abs)).Because(err)
	}
	return damaged(abs, why).Because(err)
}

// problems counts the problems PRAGMA integrity_check or quick_check
// reported, without its "*** in database main ***" headings.
func problems(msgs string) int {
	n := 0
	for _, l := range strings.Split(msgs, "\n") {
		if l != "" && l != "ok" && !strings.HasPrefix(l, "*** in database") {
			n++
		}
	}
	return max(n, 1)
}

// pragmaLines runs a checking pragma and joins its result rows.
func pragmaLines(ctx context.Context, c *sql.DB, pragma string) (string, error) {
	rows, err := c.QueryContext(ctx, pragma)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n"), rows.Err()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.fork {
		return nil
	}
	db.pinMu.Lock()
	if db.pin != nil {
		db.pin.Close()
		db.pin = nil
	}
	db.pinMu.Unlock()
	db.stmtMu.Lock()
	for _, st := range db.stmts {
		st.Close()
	}
	db.stmts = nil
	db.stmtMu.Unlock()
	return errors.Join(db.r.Close(), db.w.Close())
}

// Path is the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// DefaultPath is where the database lives when no --db is given: the user's
// data folder (XDG on Linux). It creates the folder, private to the user.
func DefaultPath() (string, error) {
	var base string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			env := "HOME"
			if runtime.GOOS == "windows" {
				env = "AppData"
			}
			return "", fileError("找不到用户配置文件夹（没有设置环境变量 "+env+"），请用 --db 文件 或环境变量 STARFLAG_DB 指定数据库", err)
		}
		base = d
	default:
		base = os.Getenv("XDG_DATA_HOME")
		if base == "" || !filepath.IsAbs(base) {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fileError("找不到用户主文件夹（没有设置环境变量 HOME），请用 --db 文件 或环境变量 STARFLAG_DB 指定数据库", err)
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	dir := filepath.Join(base, "starflag")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fileError(fmt.Sprintf("无法创建数据文件夹 %s（%s），请用 --db 文件 指定数据库", show(dir), osReason(err)), err)
	}
	return filepath.Join(dir, "starflag.db"), nil
}

// txn is one transaction and what its helpers need. It lives for the length
// of one public method, so it carries that method's context; unexported
// helpers take a *txn so that larger operations compose atomically.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	at    string // audit time, RFC 3339
	src   Source
	batch int64 // audit batch of this transaction, assigned on its first audit row
	db    *DB   // for its writer statements; nil in read transactions
	stmts map[string]*sql.Stmt
	fresh []string // queries prepared for this transaction only, kept after it
	// frozen is what locked quarters published when the transaction began
	// to change them; it commits only if they still publish the same.
	frozen []frozen
}

// write runs fn in one immediate transaction on the writer connection. When
// another process holds the write lock past the busy timeout (a long import
// on a slow disk), it tries once more before it gives up with a sentence.
func (db *DB) write(ctx context.Context, src Source, fn func(t *txn) error) error {
	err := db.writeOnce(ctx, src, fn)
	if isBusy(err) {
		err = db.writeOnce(ctx, src, fn)
	}
	if isBusy(err) {
		return model.Errorf(model.ErrConflict, "数据库正被另一个 starflag 使用（等待 %g 秒后仍未空出），这次改动没有保存，请稍后再试",
			(2 * db.busy).Seconds())
	}
	return db.dbError(err)
}

func (db *DB) writeOnce(ctx context.Context, src Source, fn func(t *txn) error) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t := &txn{ctx: ctx, tx: tx, at: db.now().Format(time.RFC3339), src: src, db: db}
	if err := fn(t); err != nil {
		return err
	}
	if err := t.checkFrozen(); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if len(t.fresh) > 0 {
		db.keepStatements(ctx, t.fresh)
	}
	return nil
}

// isBusy reports whether err is SQLite's "database is locked" (SQLITE_BUSY).
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// read runs fn in one read-only transaction: one consistent snapshot.
func (db *DB) read(ctx context.Context, fn func(t *txn) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return db.dbError(err)
	}
	defer tx.Rollback()
	if err := fn(&txn{ctx: ctx, tx: tx}); err != nil {
		return db.dbError(err)
	}
	return db.dbError(tx.Commit())
}

// prepared returns a statement prepared once per transaction, which keeps
// large imports fast.
func (t *txn) prepared(query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	var s *sql.Stmt
	if ws := t.db.writerStmt(query); ws != nil {
		// The writer has one connection: a statement prepared on it once is
		// bound to each transaction without being parsed again, which makes
		// a one-value save barely dearer than a bare insert.
		s = t.tx.StmtContext(t.ctx, ws)
	} else {
		var err error
		if s, err = t.tx.PrepareContext(t.ctx, query); err != nil {
			return nil, err
		}
		if t.db != nil {
			t.fresh = append(t.fresh, query)
		}
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = s
	return s, nil
}

func (t *txn) exec(query string, args ...any) (sql.Result, error) {
	s, err := t.prepared(query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(t.ctx, args...)
}

func (t *txn) row(query string, args ...any) *sql.Row {
	if t.db != nil {
		if s, err := t.prepared(query); err == nil {
			return s.QueryRowContext(t.ctx, args...)
		}
	}
	return t.tx.QueryRowContext(t.ctx, query, args...)
}

// writerStmt is the writer's prepared statement for query, or nil when it
// has not been prepared yet (nil db: a read transaction).
func (db *DB) writerStmt(query string) *sql.Stmt {
	if db == nil {
		return nil
	}
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	return db.stmts[query]
}

// keepStatements prepares on the writer the statements a transaction used,
// once it has ended: the writer's only connection is free again (preparing
// during the transaction would wait for it forever). It must not hold
// stmtMu while it waits for that connection: the transaction that holds the
// connection may be waiting for stmtMu in writerStmt.
func (db *DB) keepStatements(ctx context.Context, queries []string) {
	for _, q := range queries {
		if db.writerStmt(q) != nil {
			continue
		}
		s, err := db.w.PrepareContext(ctx, q)
		if err != nil {
			continue // prepared per transaction instead
		}
		db.stmtMu.Lock()
		if _, ok := db.stmts[q]; ok {
			s.Close() // another goroutine kept it first
		} else {
			if db.stmts == nil {
				db.stmts = map[string]*sql.Stmt{}
			}
			db.stmts[q] = s
		}
		db.stmtMu.Unlock()
	}
}

// each runs query and calls scan for every row; rows are closed before it
// returns, so the next statement never waits on them.
func (t *txn) each(query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := t.tx.QueryContext(t.ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// audit writes one audit row. All rows of one transaction share a batch
// number: one user action, undone and redone as a whole.
func (t *txn) audit(action string, q model.Quarter, unit, field, old, new string) error {
	if t.batch == 0 { // the first row's id numbers the batch, in the same statement
		res, err := t.exec(`INSERT INTO audit (at, action, quarter, unit, field, old, new, source, session, batch)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) + 1 FROM audit))`,
			t.at, action, q.String(), unit, field, old, new, string(t.src), t.db.sessArg)
		if err == nil {
			t.batch, err = res.LastInsertId()
		}
		return err
	}
	_, err := t.exec(`INSERT INTO audit (at, action, quarter, unit, field, old, new, source, session, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.at, action, q.String(), unit, field, old, new, string(t.src), t.db.sessArg, t.batch)
	return err
}

// fileError is a failure of the database file, or of a file beside it
// (disk full, read-only, damaged): a sentence naming the file for people;
// the driver's or the system's error stays on the chain.
func fileError(msg string, err error) *model.Error {
	return &model.Error{Code: model.ErrFile, Message: msg, Err: err}
}

// dbError is dbErrorAt naming this database's file.
func (db *DB) dbError(err error) error { return dbErrorAt(db.path, err) }

// dbErrorAt turns driver errors into sentences for the user; the driver's
// error stays on the chain, its text never reaches a user. Errors that
// already have a code (ours) pass unchanged; constraint failures become
// model.ErrConflict; failures of the file itself name it (path, when known)
// and say what to do.
func dbErrorAt(path string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || model.ErrorCode(err) != nil {
		return err
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return fileError("数据库读写失败", err)
	}
	file := "数据库文件"
	if path != "" {
		file += " " + show(path)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		return model.Errorf(model.ErrConflict, "与已有数据冲突（名称重复，或数据仍被引用）").Because(err)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return model.Errorf(model.ErrConflict, "数据库正被另一个 starflag 使用，这次改动没有保存，请稍后再试").Because(err)
	case sqlite3.SQLITE_FULL:
		return fileError(file+" 写入失败：磁盘已满或超出文件大小限制，这次改动没有保存，数据库保持原样", err)
	case sqlite3.SQLITE_READONLY:
		return fileError(file+" 是只读的，这次改动没有保存", err)
	case sqlite3.SQLITE_IOERR:
		return fileError(file+" 读写出错（磁盘已满、超出文件大小限制或磁盘故障），这次改动没有保存", err).Advise(model.CheckDatabase, model.Quarter{})
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fileError(file+" 已损坏，请用备份恢复（见 README“恢复备份”）", err)
	case sqlite3.SQLITE_CANTOPEN:
		return fileError("无法打开"+file+"（文件或文件夹不可访问）", err)
	}
	return fileError(fmt.Sprintf("数据库读写失败（SQLite 错误代码 %d）", se.Code()), err)
}

// lockedError is the refusal of every edit to a locked quarter; the
// surface says how to unlock it.
func lockedError(q model.Quarter) error {
	return model.Errorf(model.ErrLocked, "%s 已定稿，不能修改", q).Advise(model.UnlockToEdit, q)
}

// fmtValue writes a value for the audit log: "92.50", or "" for none.
func fmtValue(v *model.Hundredths) string {
	if v == nil {
		return ""
	}
	return v.String()
}
