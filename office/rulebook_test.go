package office_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"starflag/model"
	"starflag/office"
	"starflag/store"
)

// demoDB is a database holding the demo's two years (all quarters but the
// last locked), as `starflag --demo` shows them.
func demoDB(t *testing.T) (*store.DB, model.DemoData) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	demo := model.Demo(1)
	if err := db.LoadDemo(context.Background(), demo); err != nil {
		t.Fatal(err)
	}
	return db, demo
}

// exportRulebook is quarter q's rulebook file, also written to a file in
// a temp folder (its path).
func exportRulebook(t *testing.T, db *store.DB, q model.Quarter) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	if err := office.ExportRulebook(context.Background(), db, q, &b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rules.toml")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), path
}

// published is what each quarter from..to publishes (ranks, stars, flags,
// warnings, seats: model.Published) and the annual view of each year.
func published(t *testing.T, db *store.DB, from, to model.Quarter) []string {
	t.Helper()
	rs, err := db.Results(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		out = append(out, model.Published(r))
	}
	return out
}

// importRulebook imports the file at path into q and returns what it said
// would change.
func importRulebook(t *testing.T, db *store.DB, q model.Quarter, path string, o office.RulebookOptions) []string {
	t.Helper()
	changes, err := office.ImportRulebook(context.Background(), db, q, path, o)
	if err != nil {
		t.Fatal(err)
	}
	return changes
}

// TestRulebookRoundTripDemo: for every quarter of the demo database, export
// → import → export gives the same bytes, the import sees no change, and
// no quarter publishes anything else.
func TestRulebookRoundTripDemo(t *testing.T) {
	ctx := context.Background()
	db, demo := demoDB(t)
	first, last := demo.Quarters[0].Quarter, demo.Quarters[len(demo.Quarters)-1].Quarter
	before := published(t, db, first, last)
	for _, d := range demo.Quarters {
		if err := db.Unlock(ctx, d.Quarter, store.SourceCLI); err != nil {
			t.Fatal(err)
		}
		data, path := exportRulebook(t, db, d.Quarter)
		if changes := importRulebook(t, db, d.Quarter, path, office.RulebookOptions{}); len(changes) > 0 {
			t.Errorf("%s: importing its own rulebook changes %q", d.Quarter, changes)
		}
		if again, _ := exportRulebook(t, db, d.Quarter); !bytes.Equal(data, again) {
			t.Errorf("%s: export → import → export differs:\n%s\n---\n%s", d.Quarter, data, again)
		}
	}
	if after := published(t, db, first, last); !reflect.DeepEqual(before, after) {
		t.Error("a quarter publishes something else after importing its own rulebook")
	}
}

// TestQingdaoRulebookExample: docs/rulebook-qingdao-2023.toml is the demo's
// (and a fresh database's, with 优化营商环境) 2023Q3 rulebook; loaded into a
// fresh database it is exported byte for byte, and it changes no result of
// the demo.
func TestQingdaoRulebookExample(t *testing.T) {
	const file = "../docs/rulebook-qingdao-2023.toml"
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q := model.MustQuarter("2023Q3")
	db, demo := demoDB(t)
	if got, _ := exportRulebook(t, db, q); !bytes.Equal(got, want) {
		t.Errorf("the demo's 2023Q3 rulebook is no longer %s:\n%s", file, got)
	}
	first, last := demo.Quarters[0].Quarter, demo.Quarters[len(demo.Quarters)-1].Quarter
	before := published(t, db, first, last)
	if err := db.Unlock(context.Background(), q, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	importRulebook(t, db, q, file, office.RulebookOptions{})
	if after := published(t, db, first, last); !reflect.DeepEqual(before, after) {
		t.Error("loading the Qingdao rulebook changed the demo's results")
	}

	fresh, err := store.Open(filepath.Join(t.TempDir(), "fresh.db"), store.Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	changes := importRulebook(t, fresh, q, file, office.RulebookOptions{})
	if !slices.Equal(changes, []string{"2023Q3 新增板块“优化营商环境”（权重 1，满分 100，第 4 个）"}) {
		t.Errorf("changes to a fresh database: %q", changes)
	}
	if got, _ := exportRulebook(t, fresh, q); !bytes.Equal(got, want) {
		t.Errorf("loaded into a fresh database, exported:\n%s", got)
	}
}

// TestGroupsRulebookExample: docs/rulebook-groups-example.toml (groups 区 and
// 县级市, a flag per group, 督查扣分 from −3, a 蜗牛奖) loaded into a new
// quarter after the demo and scored like its last quarter: each group is
// ranked and flagged within itself, the last of each group takes the 蜗牛奖,
// a 扣分 lowers the composite, seats go group after group; the file is
// exported back byte for byte, and importing it again changes nothing.
func TestGroupsRulebookExample(t *testing.T) {
	const file = "../docs/rulebook-groups-example.toml"
	ctx := context.Background()
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	db, demo := demoDB(t)
	q := model.MustQuarter("2024Q1")
	importRulebook(t, db, q, file, office.RulebookOptions{})
	if got, _ := exportRulebook(t, db, q); !bytes.Equal(got, want) {
		t.Errorf("exported after loading:\n%s", got)
	}
	last := demo.Quarters[len(demo.Quarters)-1]
	d, err := db.QuarterData(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range last.Scores {
		for _, s := range d.Sections {
			if i := slices.IndexFunc(last.Sections, func(x model.Section) bool { return x.ID == k.Section }); i >= 0 && last.Sections[i].Name == s.Name {
				if err := db.SetScore(ctx, q, k.Unit, s.ID, &v, store.SourceCLI); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	penalty := model.Hundredths(-300)
	before, err := db.Result(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	victim := before.Standings[0]
	if err := db.SetAdjust(ctx, q, victim.Unit.ID, d.Adjustments[1].ID, &penalty, store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	r, err := db.Result(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Complete() || !slices.Equal(r.Groups, []string{"区", "县级市"}) {
		t.Fatalf("complete %v, groups %q", r.Complete(), r.Groups)
	}
	snails := map[string]int{}
	lastSeat := map[string]int{}
	for _, s := range r.Standings {
		if s.Unit.ID == victim.Unit.ID && s.Composite != victim.Composite-model.CompositeOf(300) {
			t.Errorf("%s: composite %s after 督查扣分 −3, was %s", s.Unit.Name, s.Composite, victim.Composite)
		}
		if holds := slices.Contains(s.AntiAwards, "蜗牛奖"); holds != (s.InGroup.FromBottom == 1) {
			t.Errorf("%s (%s, %d from the bottom): 蜗牛奖 %v", s.Unit.Name, s.Group, s.InGroup.FromBottom, holds)
		} else if holds {
			snails[s.Group]++
		}
		if slices.Contains(s.Flags, "县域争先") != (s.Group == "县级市" && s.InGroup.Rank == 1) ||
			slices.Contains(s.Flags, "真抓实干、勇当排头") != (s.Group == "区" && s.InGroup.Rank <= 2) {
			t.Errorf("%s (%s, rank %d in it): flags %q", s.Unit.Name, s.Group, s.InGroup.Rank, s.Flags)
		}
		lastSeat[s.Group] = max(lastSeat[s.Group], s.Seat)
	}
	if snails["区"] == 0 || snails["县级市"] == 0 || lastSeat["区"] != 7 {
		t.Errorf("蜗牛奖 per group %v; last seat of 区 %d", snails, lastSeat["区"])
	}
	results := published(t, db, q, q)
	if changes := importRulebook(t, db, q, file, office.RulebookOptions{}); len(changes) > 0 {
		t.Errorf("importing it again changes %q", changes)
	}
	if !reflect.DeepEqual(results, published(t, db, q, q)) {
		t.Error("importing it again changed the results")
	}
}

// TestRulebookFromAnotherYearCitesTheQuarterYear: a rulebook file whose
// 办法 is named after another year (last year's file loaded by next year's
// office, or the other way) is cited with the quarter's own year, as a new
// quarter renames a copied 办法; before, a 2023Q4 bulletin cited
// 《2024年度…考核办法》.
func TestRulebookFromAnotherYearCitesTheQuarterYear(t *testing.T) {
	ctx := context.Background()
	db, _ := demoDB(t)
	q := model.MustQuarter("2023Q4")
	data, path := exportRulebook(t, db, q)
	for _, year := range []string{"2022", "2024"} {
		edited := bytes.Replace(data, []byte(`method = "`), []byte(`method = "`+year+`年度`), 1)
		if err := os.WriteFile(path, edited, 0o600); err != nil {
			t.Fatal(err)
		}
		importRulebook(t, db, q, path, office.RulebookOptions{})
		doc, err := office.DocumentWith(ctx, db, model.ExportBulletin, q, model.DocOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if want := "根据《2023年度经济运行"; !strings.Contains(doc.Bulletin.Opening, want) {
			t.Errorf("a file of %s: the bulletin opens %q, want %q", year, doc.Bulletin.Opening, want)
		}
	}
}

// TestRulebookGroupByAliasIsNoChange: a rulebook that lists no units may
// name a group's unit by its short name or alias (黄岛区 for 西海岸新区),
// as imports match the database's units; importing the same file again
// then changes nothing and says so, and rules diff finds no difference.
// Before, every import listed 组别“…”：…西海岸新区… → …黄岛区… as a change.
// (A file that lists its units names its groups' units by their names.)
func TestRulebookGroupByAliasIsNoChange(t *testing.T) {
	db, _ := demoDB(t)
	q := model.MustQuarter("2023Q4")
	data, path := exportRulebook(t, db, q)
	group := "\n[[groups]]\nname = \"沿海\"\nunits = [\"市南区\", \"黄岛区\", \"崂山\"]\n"
	if err := os.WriteFile(path, append(withoutUnits(t, data), group...), 0o600); err != nil {
		t.Fatal(err)
	}
	importRulebook(t, db, q, path, office.RulebookOptions{})
	if changes := importRulebook(t, db, q, path, office.RulebookOptions{}); len(changes) != 0 {
		t.Errorf("the same file again: %q, want no change", changes)
	}
	diff, err := office.DiffRulebooks(context.Background(), db, office.RulebookSource{Quarter: q}, office.RulebookSource{File: path})
	if err != nil || len(diff) != 0 {
		t.Errorf("rules diff of the file and the quarter: %q %v, want none", diff, err)
	}
}

// TestRulesDiffOfAFileListingNoUnits: rules diff --file says what importing
// the file would do, and an import leaves alone the units a file does not
// list: a rulebook without [[units]] differs in nothing from its quarter.
// Before, the diff listed 删去区市“…” for every unit.
func TestRulesDiffOfAFileListingNoUnits(t *testing.T) {
	db, _ := demoDB(t)
	q := model.MustQuarter("2023Q4")
	data, path := exportRulebook(t, db, q)
	if err := os.WriteFile(path, withoutUnits(t, data), 0o600); err != nil {
		t.Fatal(err)
	}
	diff, err := office.DiffRulebooks(context.Background(), db, office.RulebookSource{Quarter: q}, office.RulebookSource{File: path})
	if err != nil || len(diff) != 0 {
		t.Errorf("rules diff of the file and the quarter: %q %v, want none", diff, err)
	}
}

// withoutUnits is a rulebook file's text without its [[units]] blocks.
func withoutUnits(t *testing.T, data []byte) []byte {
	t.Helper()
	out := regexp.MustCompile(`(?m)^# 区市：.*\n\[\[units\]\]\n(.+\n)*\n?`).ReplaceAll(data, nil)
	if bytes.Equal(out, data) {
		t.Fatal("no [[units]] to take out")
	}
	return out
}
