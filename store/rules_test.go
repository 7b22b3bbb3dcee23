package store

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"starflag/model"
)

// onSection is a condition on section s: its top n.
func onSection(s model.Section, n int) model.Condition {
	return model.Condition{Kind: model.SectionRankAtMost, Threshold: n, Section: s.ID, Scope: s.Name}
}

// marks are each unit's flags, warnings and 红牌 in r, by unit ID.
func marks(r model.Result) map[int64]string {
	out := map[int64]string{}
	for _, s := range r.Standings {
		out[s.Unit.ID] = fmt.Sprint(s.Flags, s.Warnings, s.RedMark)
	}
	return out
}

func storedRules(t *testing.T, db *DB, q model.Quarter) string {
	t.Helper()
	var s string
	if err := db.r.QueryRow(`SELECT rules FROM quarters WHERE quarter = ?`, q.String()).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func resultOf(t *testing.T, db *DB, q model.Quarter) model.Result {
	t.Helper()
	r, err := db.Result(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRenamingASectionKeepsItsRules renames, as setup does
// (UpdateSections), a section that a flag and a warning look at: the
// rules still apply, every unit keeps its flags, warnings and 红牌, the
// stored rules are not touched, and their wording follows the new name.
// The warning's 红牌 in the next quarter, locked, hangs on it: the rename
// is saved, not refused as a change of published results. (When rules
// named their section, the rename broke both rules and was refused.)
func TestRenamingASectionKeepsItsRules(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	rules := model.DefaultRules()
	rules.Flags = append(rules.Flags, model.Rule{Name: "经济运行之星", Colour: "red", When: []model.Condition{onSection(secs[0], 1)}})
	rules.Warnings = append(rules.Warnings, model.Rule{Name: "板块预警", Colour: "amber", When: []model.Condition{onSection(secs[0], 1)}})
	if err := db.SetRules(ctx, q1, rules, SourceSetup); err != nil {
		t.Fatal(err)
	}
	fill(t, db, q1, secs) // the first unit tops every section, in both quarters
	if err := db.CreateQuarter(ctx, q2, SourceSetup); err != nil {
		t.Fatal(err)
	}
	fill(t, db, q2, secs)
	top := units(t, db)[0].ID
	r1, r2 := resultOf(t, db, q1), resultOf(t, db, q2)
	if s := r2.Find(top); !slices.Contains(r1.Find(top).Flags, "经济运行之星") || !s.RedMark || !slices.Contains(s.Flags, "经济运行之星") {
		t.Fatalf("set-up: the first unit's 2023Q1 flags %v, 2023Q2 %+v", r1.Find(top).Flags, s)
	}
	if _, err := db.Lock(ctx, q2, SourceCLI); err != nil {
		t.Fatal(err)
	}
	before := storedRules(t, db, q1)

	if err := db.UpdateSections(ctx, q1, []model.Section{{ID: secs[0].ID, Name: "经济发展"}}, SourceSetup); err != nil {
		t.Fatalf("rename: %v", err)
	}
	a1, a2 := resultOf(t, db, q1), resultOf(t, db, q2)
	if got, want := marks(a1), marks(r1); !maps.Equal(got, want) {
		t.Errorf("2023Q1 marks after the rename\n got %v\nwant %v", got, want)
	}
	if got, want := model.Published(a2), model.Published(r2); got != want {
		t.Errorf("locked 2023Q2 publishes\n%s\nwas\n%s", got, want)
	}
	if got := storedRules(t, db, q1); got != before {
		t.Errorf("the rename changed the stored rules:\n%s\nwas\n%s", got, before)
	}
	star := a1.Rules.Flags[2]
	if c := star.When[0]; c.Section != secs[0].ID || c.Scope != "经济发展" || star.ScreenText() != "经济发展前 1 名" {
		t.Errorf("the rule after the rename: %+v, %q", c, star.ScreenText())
	}
	b, err := model.BulletinOf(&a1, nil, testNow)
	if err != nil || !strings.Contains(b.FlagText, "市南区经济发展板块位列前1名，夺得“经济运行之星”红旗") {
		t.Errorf("bulletin %q, %v", b.FlagText, err)
	}
}

// TestNewQuarterRulesReferToItsOwnSections: creating a quarter copies the
// sections and points the copied rules at the copies, so each quarter's
// sections are renamed on their own; a section a rule looks at is not
// deleted, and the refusal names the rule.
func TestNewQuarterRulesReferToItsOwnSections(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	rules := model.DefaultRules()
	rules.Flags = append(rules.Flags, model.Rule{Name: "经济运行之星", Colour: "red", When: []model.Condition{onSection(secs[0], 1)}})
	if err := db.SetRules(ctx, q1, rules, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateQuarter(ctx, q2, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d2, err := db.QuarterData(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	c := d2.Rules.Flags[2].When[0]
	if c.Section != d2.Sections[0].ID || c.Section == secs[0].ID || c.Scope != "经济运行" {
		t.Fatalf("the copied condition %+v; 2023Q2's sections %+v", c, d2.Sections)
	}
	if err := db.UpdateSection(ctx, q2, model.Section{ID: d2.Sections[0].ID, Name: "经济发展"}, SourceSetup); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[model.Quarter]string{q1: "经济运行", q2: "经济发展"} {
		d, err := db.QuarterData(ctx, q)
		if err != nil || d.Rules.Flags[2].When[0].Scope != want {
			t.Errorf("%s: condition %+v, %v; want the section named %s", q, d.Rules.Flags[2].When[0], err, want)
		}
	}

	audits := count(t, db, "audit")
	wantErr(t, db.DeleteSection(ctx, q1, secs[0].ID, SourceSetup), model.ErrConflict, "板块“经济运行”用在规则“经济运行之星”的条件里，不能删除")
	if d, _ := db.QuarterData(ctx, q1); len(d.Sections) != 3 || count(t, db, "audit") != audits {
		t.Fatalf("the refused delete changed something: %+v", d.Sections)
	}
	if err := db.DeleteSection(ctx, q1, secs[1].ID, SourceSetup); err != nil {
		t.Fatalf("a section no rule looks at: %v", err)
	}
}

// TestGoneSectionConditions: a condition whose section is not in its
// quarter (Section 0) never holds and keeps its name; a section of that
// name created in the quarter, in setup or by an import, is the one it
// then looks at. Rules shown for a quarter not created yet (the previous
// quarter's, on its sections) are saved on the new quarter's sections.
func TestGoneSectionConditions(t *testing.T) {
	db := mustOpen(t)
	secs := withSections(t, db, q1)
	gone := func(name string) model.Rule {
		return model.Rule{Name: name + "之星", Colour: "red", When: []model.Condition{{Kind: model.SectionRankAtMost, Threshold: 1, Scope: name}}}
	}
	rules := model.DefaultRules()
	rules.Flags = append(rules.Flags, gone("招商引资"), gone("优化营商环境"))
	if err := db.SetRules(ctx, q1, rules, SourceSetup); err != nil {
		t.Fatal(err)
	}
	fill(t, db, q1, secs)
	holders := func(rule string) int {
		r := resultOf(t, db, q1)
		return len(r.FlagHolders(rule))
	}
	d, _ := db.QuarterData(ctx, q1)
	if c := d.Rules.Flags[2].When[0]; c.Section != 0 || c.Scope != "招商引资" || holders("招商引资之星") != 0 {
		t.Fatalf("a gone condition: %+v, held by %d", c, holders("招商引资之星"))
	}

	s, err := db.CreateSection(ctx, q1, model.Section{Name: "招商引资"}, SourceSetup)
	if err != nil {
		t.Fatal(err)
	}
	plan := model.ImportPlan{Quarter: q1, AddedSections: []model.Section{model.NewSection("优化营商环境", 0)}}
	for i, u := range units(t, db) {
		v := model.Hundredths(5000 + 100*i) // the last unit tops both new sections
		plan.Cells = append(plan.Cells, model.CellChange{Unit: u.Name, Section: "招商引资", New: v},
			model.CellChange{Unit: u.Name, Section: "优化营商环境", New: v})
	}
	if err := db.ApplyImport(ctx, plan, SourceImport("added.csv")); err != nil {
		t.Fatal(err)
	}
	d, _ = db.QuarterData(ctx, q1)
	if c := d.Rules.Flags[2].When[0]; c.Section != s.ID || holders("招商引资之星") != 1 {
		t.Errorf("after creating 招商引资: %+v, held by %d", c, holders("招商引资之星"))
	}
	if c := d.Rules.Flags[3].When[0]; c.Section != d.Sections[4].ID || c.Scope != "优化营商环境" || holders("优化营商环境之星") != 1 {
		t.Errorf("after importing 优化营商环境: %+v, held by %d", c, holders("优化营商环境之星"))
	}

	// 2023Q2 is not created: it shows 2023Q1's rules and sections. Saving
	// them creates it, on its own copies of the sections.
	shown, err := db.QuarterData(ctx, q2)
	if err != nil {
		t.Fatal(err)
	}
	shown.Rules.Flags[2].When[0].Threshold = 2
	if err := db.SetRules(ctx, q2, shown.Rules, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d2, _ := db.QuarterData(ctx, q2)
	if c := d2.Rules.Flags[2].When[0]; c.Threshold != 2 || c.Section == s.ID || c.Section != d2.Sections[3].ID || d2.Sections[3].Name != "招商引资" {
		t.Errorf("2023Q2's condition %+v on its sections %+v", c, d2.Sections)
	}
}

// v4RulesResults is what the quarters of v4-rules.db publish, with the
// bulletin's flag sentence and each rule's conditions (their wording).
func v4RulesResults(db *DB) (string, error) {
	rs, err := db.Results(ctx, model.MustQuarter("2023Q1"), model.MustQuarter("2023Q4"))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "== %s\n%s", r.Quarter, model.Published(r))
		if bu, err := model.BulletinOf(&r, nil, time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC)); err == nil {
			fmt.Fprintf(&b, "flag sentence: %s\n", bu.FlagText)
		}
		for _, rule := range append(append([]model.Rule{}, r.Rules.Flags...), r.Rules.Warnings...) {
			fmt.Fprintf(&b, "rule %s:", rule.Name)
			for _, c := range rule.When {
				fmt.Fprintf(&b, " %s %d %s;", c.Kind, c.Threshold, c.Scope)
			}
			b.WriteString("\n")
		}
	}
	return b.String(), nil
}

// TestMigration5RulesReferToSectionsByID opens v4-rules.db, written by
// starflag at schema version 4, when rules named their sections
// (testdata/v4rules.go wrote it): a flag and a warning on sections, one on
// a section its quarter never had, rules copied to new quarters, a section
// renamed under its rule (which broke it), a section added with a rule,
// a locked quarter. Every quarter publishes what version 4 computed, with
// the same flag sentences and rule wording (v4-rules.golden); conditions
// on a section of their quarter now hold its ID, the others none; and a
// rename now keeps the rule. Rules that are not JSON are left as they are.
func TestMigration5RulesReferToSectionsByID(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "v4-rules.db"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "v4.db")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := pragma(t, db, "user_version"); v != strconv.Itoa(SchemaVersion) || SchemaVersion < 5 {
		t.Fatalf("user_version = %s", v)
	}
	got, err := v4RulesResults(db)
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "v4-rules.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if want := string(golden); got != want {
		g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d after the migration:\n got %s\nwant %s", i+1, g[i], w[i])
			}
		}
		t.Fatalf("%d lines after the migration, want %d", len(g), len(w))
	}

	q3 := model.MustQuarter("2023Q3")
	want := map[model.Quarter][]string{ // the section each condition looks at, "" = none
		q1: {"经济运行", "项目签约落地", ""},
		q2: {"经济运行", "", ""}, // 项目签约落地 was renamed in 2023Q2 before the migration
		q3: {"经济运行", "优化营商环境", "", ""},
	}
	for q, names := range want {
		d, err := db.QuarterData(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range d.Rules.Conditions() {
			if !c.LooksAtSection() {
				continue
			}
			name := ""
			for _, s := range d.Sections {
				if s.ID == c.Section {
					name = s.Name
				}
			}
			got = append(got, name)
		}
		if !slices.Equal(got, names) {
			t.Errorf("%s: conditions look at %q, want %q", q, got, names)
		}
	}

	r3 := resultOf(t, db, q3)
	d3, _ := db.QuarterData(ctx, q3)
	if err := db.UpdateSection(ctx, q3, model.Section{ID: d3.Sections[3].ID, Name: "营商环境"}, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if got := resultOf(t, db, q3); !maps.Equal(marks(got), marks(r3)) || len(got.FlagHolders("营商之星")) != 1 {
		t.Errorf("renamed after the migration: %v, was %v", marks(got), marks(r3))
	}

	t.Run("rules that are not JSON", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "v4.db")
		old := openAt(t, p, 4)
		const broken = `{"flags": [{"name": "A", "when": [{"kind": "section_rank_at_most", "scope": "经济运行"}]}], nol}`
		if _, err := old.w.Exec(`INSERT INTO quarters VALUES ('2023Q1', 0, '加分', 0, 200, ?, 'now')`, broken); err != nil {
			t.Fatal(err)
		}
		if _, err := old.w.Exec(`INSERT INTO sections (quarter, name, weight, max, ord) VALUES ('2023Q1', '经济运行', 10000, 10000, 1)`); err != nil {
			t.Fatal(err)
		}
		old.Close()
		db, err := Open(p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if got := storedRules(t, db, q1); got != broken {
			t.Errorf("rules that are not JSON became %s", got)
		}
	})
}

// TestSetRulesFromRefusesAChangeItHasNotSeen: rules made from rules read
// before another window's save are refused in the write transaction
// (ErrConflict), and nothing is written: saving them would undo that save
// unseen. Rules made from what is stored save, for a quarter not created
// yet too (its rules are those it inherits).
func TestSetRulesFromRefusesAChangeItHasNotSeen(t *testing.T) {
	db := demoDB(t)
	q := model.MustQuarter("2023Q4")
	read := func(q model.Quarter) model.Rules {
		d, err := db.QuarterData(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return d.Rules
	}
	base := read(q)
	other := base
	other.Committee = "另一个窗口写的委员会"
	if err := db.SetRules(ctx, q, other, SourceCLI); err != nil {
		t.Fatal(err)
	}
	mine := base
	mine.HideVetoes = !base.HideVetoes
	audit := auditCount(t, db)
	if err := db.SetRulesFrom(ctx, q, base, mine, SourceSetup); !errors.Is(err, model.ErrConflict) || !strings.Contains(err.Error(), "另一个窗口") {
		t.Fatalf("rules made from stale rules: %v, want ErrConflict", err)
	}
	if got := read(q); got.Committee != other.Committee || got.HideVetoes != base.HideVetoes {
		t.Errorf("the refused save changed the rules: committee %q, hide vetoes %v", got.Committee, got.HideVetoes)
	}
	if n := auditCount(t, db); n != audit {
		t.Errorf("the refused save wrote %d audit rows", n-audit)
	}
	fresh := read(q)
	fresh.HideVetoes = !fresh.HideVetoes
	if err := db.SetRulesFrom(ctx, q, read(q), fresh, SourceSetup); err != nil {
		t.Errorf("rules made from the stored ones: %v", err)
	}
	next := model.MustQuarter("2024Q1") // not created: it inherits
	nr := read(next)
	nr.HideVetoes = !nr.HideVetoes
	if err := db.SetRulesFrom(ctx, next, read(next), nr, SourceSetup); err != nil {
		t.Errorf("rules of a quarter not created yet, made from those it inherits: %v", err)
	}
}

func auditCount(t *testing.T, db *DB) (n int) {
	t.Helper()
	if err := db.r.QueryRow(`SELECT count(*) FROM audit`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
