package main

import (
	"context"
	"flag"
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

func (d uiData) Quarters(ctx context.Context) ([]model.Quarter, error) {
	qs, err := d.ListQuarters(ctx)
	out := make([]model.Quarter, len(qs))
	for i, q := range qs {
		out[i] = q.Quarter
	}
	return out, err
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
		return usageErr("未知命令“%s”", pos[0])
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
	o.Profile = colorprofile.Detect(os.Stdout, os.Environ())
	_, err = newProgram(db, o, tea.WithContext(ctx)).Run()
	return err
}

// newProgram is the dashboard program on db (tests add their own output).
func newProgram(db *store.DB, o ui.Options, extra ...tea.ProgramOption) *tea.Program {
	opts := append([]tea.ProgramOption{tea.WithColorProfile(o.Profile)}, extra...)
	return tea.NewProgram(ui.New(uiData{db}, o), opts...)
}
