package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"starflag/model"
	"starflag/office"
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
	if err := office.WriteDemo(ctx, *out, *units, *years, *seed); err != nil {
		return err
	}
	fmt.Fprintf(w, "已生成演示数据库 %s：%d 个区市，%d 年（%d 个季度），每季度 4 个板块。\n", model.ClipPath(*out), *units, *years, *years*4)
	return nil
}
