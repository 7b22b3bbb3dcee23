package office

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"starflag/model"
	"starflag/store"
)

// WriteDemo writes model.DemoLarge (units × years of invented scores) into
// a new database file at path; it never touches an existing file, and
// removes what it wrote when it fails.
func WriteDemo(ctx context.Context, path string, units, years int, seed uint64) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("文件名无效：%s", model.ClipPath(path))
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("%s 已存在，演示数据只写入新文件，未做任何改动", model.ClipPath(abs))
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("无法使用 %s（%s），未做任何改动", model.ClipPath(abs), model.FileReason(err))
	}
	db, err := store.Open(abs, store.Options{})
	if err != nil {
		return err
	}
	if err := db.LoadDemo(ctx, model.DemoLarge(units, years, seed)); err != nil {
		db.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(abs + suffix)
		}
		return fmt.Errorf("生成演示数据失败：%w", err)
	}
	return db.Close()
}
