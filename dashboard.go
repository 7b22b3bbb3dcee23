package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"starflag/model"
	"starflag/office"
	"starflag/store"
	"starflag/ui"
)

// cmdDashboard opens the dashboard, or with present the presentation mode.
func cmdDashboard(ctx context.Context, db *store.DB, present bool, args []string) error {
	name := "starflag"
	if present {
		name = "present"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	theme := fs.String("theme", ui.ThemeProjector, "")
	glyphs := fs.String("glyphs", ui.GlyphsDefault, "")
	ascii := fs.Bool("ascii", false, "")
	interval := fs.Duration("interval", 0, "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("未知命令“%s”", model.Clip(pos[0]))
	}
	o := ui.Options{Theme: *theme, Glyphs: *glyphs, Present: present, Interval: *interval}
	if *qs != "" {
		if o.Quarter, err = quarterFlag(name, *qs); err != nil {
			return err
		}
	}
	if *theme != ui.ThemeProjector && *theme != ui.ThemeLight {
		return usageErr("--theme 只能是 projector 或 light")
	}
	switch *glyphs {
	case ui.GlyphsDefault, ui.GlyphsFancy, ui.GlyphsASCII:
	default:
		return usageErr("--glyphs 只能是 default、fancy 或 ascii")
	}
	if *ascii {
		o.Glyphs = ui.GlyphsASCII
	}
	if *interval < 0 || (*interval > 0 && *interval < time.Second) {
		return usageErr("--interval 至少 1s，例如 --interval 20s")
	}
	if present && o.Quarter.IsZero() {
		if o.Quarter, err = presentQuarter(ctx, db); err != nil {
			return err
		}
	}
	o.Profile = colorprofile.Detect(os.Stdout, os.Environ())
	// x exports into the folder starflag was started from.
	_, err = office.Dashboard(db, o, tea.WithContext(ctx)).Run()
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil || errors.Is(err, tea.ErrInterrupted):
		return errInterrupted
	case errors.Is(err, tea.ErrProgramPanic):
		return errors.New("看板意外出错，已退出；已保存的数据不受影响")
	}
	return errors.New("看板需要在终端窗口里运行（无法打开终端）；在脚本或计划任务里请用 export、check 等子命令（见 starflag --help）")
}

// presentQuarter is the quarter `starflag present` shows without
// --quarter: the latest complete one. An incomplete quarter is never put
// on the projector unless --quarter names it.
func presentQuarter(ctx context.Context, db *store.DB) (model.Quarter, error) {
	qs, err := office.Data{DB: db}.Quarters(ctx)
	if err != nil {
		return model.Quarter{}, err
	}
	if q := model.LatestComplete(qs); !q.IsZero() {
		return q, nil
	}
	if len(qs) == 0 {
		return model.Quarter{}, errors.New("没有得分齐全的季度可以放映：还没有任何季度的得分（先用 starflag import 导入，或在看板里按 e 录入）")
	}
	q := model.OpeningQuarter(qs, model.Quarter{}) // the latest locked or scored one
	return model.Quarter{}, fmt.Errorf("没有得分齐全的季度可以放映：%s 还未完成。要放映未完成的季度，请指定它：starflag present --quarter %s", q, q)
}
