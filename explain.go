package main

import (
	"context"
	"flag"
	"io"
	"slices"
	"strings"

	"starflag/exchange"
	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// cmdExplain prints a unit's card for a quarter: the dashboard's card
// (model.Scenario.Card), as text, Markdown or CSV (部分,内容).
func cmdExplain(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	format := fs.String("format", "txt", "")
	s, u, err := scenarioUnit(ctx, db, fs, args)
	if err != nil {
		return err
	}
	f, err := outputFormat("explain", *format, exchange.Text, exchange.Markdown, exchange.CSV)
	if err != nil {
		return err
	}
	r := s.Result()
	if err := r.IncompleteError(); err != nil && len(s.Data.Scores) == 0 {
		return err // nothing to explain: a mistyped quarter, perhaps
	}
	card, err := s.Card(&r, u.ID)
	if err != nil {
		return err
	}
	if f == exchange.Text {
		_, err = io.WriteString(w, model.SafeLines(card.Text()))
		return err
	}
	return writeTable(w, card.Table(), f)
}

// cmdNeeded prints the least points a unit needs for each target
// (model.Scenario.Needed): 目标,板块,最少加分.
func cmdNeeded(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("needed", flag.ContinueOnError)
	format := fs.String("format", "csv", "")
	s, u, err := scenarioUnit(ctx, db, fs, args)
	if err != nil {
		return err
	}
	f, err := outputFormat("needed", *format, exchange.CSV, exchange.Markdown, exchange.Text)
	if err != nil {
		return err
	}
	ns, err := s.Needed(u.ID)
	if err != nil {
		return err
	}
	return writeTable(w, model.NeedsTable(s.Data.Quarter, u, ns), f)
}

// cmdWhatIf prints the ranking export of a quarter computed with assumed
// values (--set 区市/板块=分数, repeated): the same columns as `export
// ranking`; nothing is saved.
func cmdWhatIf(ctx context.Context, db *store.DB, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("whatif", flag.ContinueOnError)
	qs := fs.String("quarter", "", "")
	format := fs.String("format", "csv", "")
	var sets setFlags
	fs.Var(&sets, "set", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("whatif 不需要参数“%s”（假设的得分用 --set 区市/板块=分数）", model.Clip(pos[0]))
	}
	q, err := quarterFlag("whatif", *qs)
	if err != nil {
		return err
	}
	if len(sets) == 0 {
		return usageErr("whatif 需要至少一个 --set，例如 --set 平度市/经济运行=88.5")
	}
	f, err := outputFormat("whatif", *format, printable(model.ExportRanking)...)
	if err != nil {
		return err
	}
	s, err := office.Scenario(ctx, db, q)
	if err != nil {
		return err
	}
	as := make([]model.Assumed, len(sets))
	for i, v := range sets {
		if as[i], err = s.Data.ParseAssumed(v); err != nil {
			return err
		}
	}
	if s, err = s.With(as); err != nil {
		return err
	}
	r := s.Result()
	t, err := model.RankingTable(&r)
	if err != nil {
		return err
	}
	return writeTable(w, t, f)
}

// setFlags collects the values of a repeated --set.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

// scenarioUnit parses --quarter and --unit (a unit taking part, by name,
// short name or alias) and loads the quarter's scenario.
func scenarioUnit(ctx context.Context, db *store.DB, fs *flag.FlagSet, args []string) (model.Scenario, model.Unit, error) {
	name := fs.Name()
	qs := fs.String("quarter", "", "")
	unit := fs.String("unit", "", "")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return model.Scenario{}, model.Unit{}, err
	}
	if len(pos) > 0 {
		return model.Scenario{}, model.Unit{}, usageErr("%s 只需要 --quarter 和 --unit，多了“%s”", name, model.Clip(pos[0]))
	}
	q, err := quarterFlag(name, *qs)
	if err != nil {
		return model.Scenario{}, model.Unit{}, err
	}
	if strings.TrimSpace(*unit) == "" {
		return model.Scenario{}, model.Unit{}, usageErr("%s 需要 --unit，例如 --unit 平度市", name)
	}
	s, err := office.Scenario(ctx, db, q)
	if err != nil {
		return s, model.Unit{}, err
	}
	u, err := model.FindUnit(s.Data.Units, model.Clip(*unit))
	if err != nil {
		return s, u, model.Errorf(model.ErrNotFound, "%s 没有名为“%s”的参评区市", q, model.Clip(*unit))
	}
	return s, u, nil
}

// outputFormat reads --format among the formats a command prints.
func outputFormat(cmd, s string, allowed ...exchange.Format) (exchange.Format, error) {
	f, err := exchange.ParseFormat(model.Clip(s))
	if err != nil {
		return f, usageErr("%s", userMessage(err))
	}
	for _, a := range allowed {
		if f == a {
			return f, nil
		}
	}
	return f, usageErr("%s 的 --format 只能是 %s", cmd, orList(formatNames(allowed)))
}

// printable lists the formats of kind a command prints to the screen: the
// registry's (exchange.FormatsFor) but the binary ones.
func printable(kind model.ExportKind) []exchange.Format {
	return slices.DeleteFunc(slices.Clone(exchange.FormatsFor(kind)), exchange.Binary)
}

// writeTable prints a table in format f, through the exports' renderer
// (names made safe, formulas guarded).
func writeTable(w io.Writer, t model.Table, f exchange.Format) error {
	data, err := exchange.Render(exchange.Document{Kind: model.ExportKind{Name: t.Kind, Label: t.Kind, Title: t.Title}, Table: t}, f)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
