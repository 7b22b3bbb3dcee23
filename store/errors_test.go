package store

import (
	"errors"
	"strings"
	"testing"

	"modernc.org/sqlite"

	"starflag/model"
)

// TestDriverErrorsBecomeSentences: a driver error the store has no sentence
// for reaches the user as "数据库读写失败" with SQLite's result code, never
// SQLite's words (it said "数据库读写失败：SQL logic error: no such table:
// …"); the driver's error stays the cause, and a constraint failure keeps
// its code and its cause too.
func TestDriverErrorsBecomeSentences(t *testing.T) {
	db := mustOpen(t)
	err := db.read(ctx, func(t *txn) error {
		_, err := t.tx.ExecContext(t.ctx, `SELECT * FROM no_such_table`)
		return err
	})
	var se *sqlite.Error
	if err == nil || err.Error() != "数据库读写失败（SQLite 错误代码 1）" || model.ErrorCode(err) != model.ErrFile || !errors.As(err, &se) {
		t.Errorf("a bad statement: %q (code %v)", err, model.ErrorCode(err))
	}
	err = db.write(ctx, SourceCLI, func(t *txn) error {
		_, err := t.tx.ExecContext(t.ctx, `INSERT INTO units (id, name, short) SELECT id, name, short FROM units LIMIT 1`)
		return err
	})
	if !errors.Is(err, model.ErrConflict) || !errors.As(err, &se) || strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("a constraint failure: %q", err)
	}
}
