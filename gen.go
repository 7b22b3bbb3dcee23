package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"starflag/model"
	"starflag/store"
)

// cmdDemo writes a large invented database (model.DemoLarge) to a new file,
// for trying starflag at scale and for the benchmarks. It never touches an
// existing file.
func cmdDemo(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	units := fs.Int("units", 200, "")
	years := fs.Int("years", 20, "")
	seed := fs.Uint64("seed", 1, "")
	out := fs.String("o", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usageErr("demo 不需要参数“%s”（目标文件用 -o）", model.Clip(pos[0]))
	case *out == "":
		return usageErr("demo 需要 -o 指定新数据库文件，例如 starflag demo --units 200 --years 20 -o 演示.db")
	case *units < 1 || *units > 5000:
		return usageErr("--units 应在 1 到 5000 之间")
	case *years < 1 || *years > 100:
		return usageErr("--years 应在 1 到 100 之间")
	}
	if err := generateDemo(ctx, *out, *units, *years, *seed); err != nil {
		return err
	}
	fmt.Fprintf(w, "已生成演示数据库 %s：%d 个区市，%d 年（%d 个季度），每季度 4 个板块。\n", model.ClipPath(*out), *units, *years, *years*4)
	return nil
}

// generateDemo writes model.DemoLarge into a new database file at path.
func generateDemo(ctx context.Context, path string, units, years int, seed uint64) error {
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
