package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations holds the schema steps in order: migrations[i] brings the
// database to PRAGMA user_version i+1.
var migrations = loadMigrations(migrationFS)

// loadMigrations reads NNNN_name.sql files and insists on numbers 1, 2, 3…
// without gaps, so a misnamed file fails every test at once.
func loadMigrations(fsys fs.FS) []string {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, name := range names {
		if want := fmt.Sprintf("migrations/%04d_", i+1); len(name) < len(want) || name[:len(want)] != want {
			panic(fmt.Sprintf("store: migration %s should start with %s", name, want))
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	return out
}

// migrate applies the pending migrations, each in its own immediate
// transaction together with its PRAGMA user_version, so a crash leaves the
// database at a whole step and another process migrating at the same time
// waits and then finds nothing to do. An up-to-date database is seen as
// such without the write lock, so opening never waits for another
// process's write.
func (db *DB) migrate(ctx context.Context) error {
	var v int
	if err := db.r.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err == nil && v >= len(migrations) {
		return nil
	}
	for {
		done, err := db.migrateOne(ctx)
		if err != nil {
			return fmt.Errorf("升级数据库结构失败：%w", db.dbError(err))
		}
		if done {
			return nil
		}
	}
}

func (db *DB) migrateOne(ctx context.Context) (done bool, err error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return false, err
	}
	if v >= len(migrations) {
		return true, nil
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("第 %d 步：%w", v+1, err)
	}
	// PRAGMA takes no bind parameters; v is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, err
	}
	return false, tx.Commit()
}
