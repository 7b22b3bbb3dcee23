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
	"starflag/store"
	"starflag/ui"
)

// uiData adapts the store to the interface the dashboard declares.
type uiData struct{ *store.DB }

func (d uiData) Quarters(ctx context.Context) ([]model.QuarterStatus, error) {
	qs, err := d.ListQuarters(ctx)
	out := make([]model.QuarterStatus, len(qs))
	for i, q := range qs {
		out[i] = q.QuarterStatus
	}
	return out, err
}

func (d uiData) InvalidQuarters(ctx context.Context) ([]string, error) {
	iqs, err := d.DB.InvalidQuarters(ctx)
	out := make([]string, len(iqs))
	for i, iq := range iqs {
		out[i] = iq.Name
	}
	return out, err
}

// The editing methods say where the change came from: the store audits
// entry changes as undoable and setup changes as setup.

func (d uiData) SetScore(ctx context.Context, q model.Quarter, unitID, sectionID int64, v *model.Hundredths) error {
	return d.DB.SetScore(ctx, q, unitID, sectionID, v, store.SourceEntry)
}

func (d uiData) SetAdjust(ctx context.Context, q model.Quarter, unitID int64, v *model.Hundredths) error {
	return d.DB.SetAdjust(ctx, q, unitID, v, store.SourceEntry)
}

func (d uiData) ApplyPaste(ctx context.Context, plan model.ImportPlan) error {
	return d.DB.ApplyImport(ctx, plan, store.SourceEntry)
}

func (d uiData) CreateQuarter(ctx context.Context, q model.Quarter) error {
	return d.DB.CreateQuarter(ctx, q, store.SourceEntry)
}

func (d uiData) DeleteQuarter(ctx context.Context, name string) error {
	return d.DB.DeleteQuarter(ctx, name, store.SourceSetup)
}

func (d uiData) CreateUnit(ctx context.Context, u model.Unit) (model.Unit, error) {
	return d.DB.CreateUnit(ctx, u, store.SourceSetup)
}

func (d uiData) UpdateUnits(ctx context.Context, us ...model.Unit) error {
	return d.DB.UpdateUnits(ctx, us, store.SourceSetup)
}

func (d uiData) CreateSection(ctx context.Context, q model.Quarter, s model.Section) (model.Section, error) {
	return d.DB.CreateSection(ctx, q, s, store.SourceSetup)
}

func (d uiData) UpdateSections(ctx context.Context, q model.Quarter, ss ...model.Section) error {
	return d.DB.UpdateSections(ctx, q, ss, store.SourceSetup)
}

func (d uiData) DeleteSection(ctx context.Context, q model.Quarter, id int64) error {
	return d.DB.DeleteSection(ctx, q, id, store.SourceSetup)
}

func (d uiData) SetRules(ctx context.Context, q model.Quarter, r model.Rules) error {
	return d.DB.SetRules(ctx, q, r, store.SourceSetup)
}

func (d uiData) SetAdjustment(ctx context.Context, q model.Quarter, a model.Adjustment) error {
	return d.DB.SetAdjustment(ctx, q, a, store.SourceSetup)
}

// Lock returns the backup's path as the screen may show it.
func (d uiData) Lock(ctx context.Context, q model.Quarter) (string, error) {
	path, err := d.DB.Lock(ctx, q, store.SourceSetup)
	return model.ClipPath(path), err
}

func (d uiData) Unlock(ctx context.Context, q model.Quarter) error {
	return d.DB.Unlock(ctx, q, store.SourceSetup)
}

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
	// x exports into the folder starflag was started from; the status line
	// shows the path.
	o.Export = func(ctx context.Context, name string, q model.Quarter) (string, error) {
		kind, ok := model.ExportKindNamed(name)
		if !ok {
			return "", fmt.Errorf("未知的导出类别“%s”", model.Clip(name))
		}
		dir, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("找不到启动 starflag 的文件夹（%s），没有导出；请在一个存在的文件夹里启动 starflag", model.FileReason(err))
		}
		path, err := dashboardExport(ctx, db, dir, kind, q)
		return model.ClipPath(path), err
	}
	_, err = newProgram(db, o, tea.WithContext(ctx)).Run()
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
	qs, err := uiData{db}.Quarters(ctx)
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

// newProgram is the dashboard program on db (tests add their own output).
func newProgram(db *store.DB, o ui.Options, extra ...tea.ProgramOption) *tea.Program {
	opts := append([]tea.ProgramOption{tea.WithColorProfile(o.Profile)}, extra...)
	return tea.NewProgram(ui.New(uiData{db}, o), opts...)
}
