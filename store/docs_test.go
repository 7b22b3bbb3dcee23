package store

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"starflag/model"
)

// TestMigration8DocumentFields opens a version-7 file: units gain an empty
// 公文用名, 出席人 and 职务, except the default database's 西海岸新区 (alias
// 黄岛区), whose 公文用名 becomes 黄岛区; a quarter citing the old default
// 考核办法 now cites the new one (with its year), another name is kept.
func TestMigration8DocumentFields(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v7.db")
	old := openAt(t, p, 7)
	for _, stmt := range []string{
		`INSERT INTO units (id, name, short, ord) VALUES (1, '市南区', '市南', 1), (2, '西海岸新区', '西海岸', 2), (3, '城阳区', '', 3)`,
		`INSERT INTO unit_aliases (unit_id, alias) VALUES (2, '黄岛区')`,
	} {
		if _, err := old.w.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	for q, method := range map[string]string{"2023Q1": "全市经济运行及重点工作“摘星夺旗”考核办法", "2023Q2": "2023年度某市考核办法"} {
		r := model.DefaultRules()
		r.Method = method
		js, _ := json.Marshal(r)
		if _, err := old.w.Exec(`INSERT INTO quarters (quarter, locked, rules, created_at) VALUES (?, 0, ?, '')`, q, string(js)); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()

	db, err := Open(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	us, err := db.ListUnits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range us {
		got = append(got, u.Name+"="+u.DocName+"/"+u.Attendee+"/"+u.Post)
	}
	if want := "市南区=// 西海岸新区=黄岛区// 城阳区=//"; strings.Join(got, " ") != want {
		t.Errorf("units after the migration %q, want %q", strings.Join(got, " "), want)
	}
	for q, want := range map[string]string{"2023Q1": "2023年度经济运行及重点工作季度“摘星夺旗”考核办法", "2023Q2": "2023年度某市考核办法"} {
		d, err := db.QuarterData(ctx, model.MustQuarter(q))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Rules.MethodName(2023); got != want {
			t.Errorf("%s cites %q, want %q", q, got, want)
		}
	}
}

// TestUnitDocumentFields: a new default database gives 西海岸新区 the
// 公文用名 黄岛区; 公文用名, 出席人 and 职务 are saved and audited, and a value
// that cannot be printed is refused with nothing saved.
func TestUnitDocumentFields(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	us, _ := db.ListUnits(ctx)
	if us[4].Name != "西海岸新区" || us[4].DocName != "黄岛区" || us[0].DocName != "" {
		t.Fatalf("seeded units %+v", us[:5])
	}
	u := us[0]
	u.DocName, u.Attendee, u.Post = "市南区", " 张三 ", "区委书记"
	if err := db.UpdateUnit(ctx, u, SourceSetup); err != nil {
		t.Fatal(err)
	}
	us, _ = db.ListUnits(ctx)
	if got := us[0]; got.DocName != "市南区" || got.Attendee != "张三" || got.Post != "区委书记" {
		t.Errorf("saved %+v", got)
	}
	audit, err := db.ListAudit(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]bool{}
	for _, e := range audit {
		fields[e.Field] = true
	}
	for _, f := range []string{"公文用名", "出席人", "职务"} {
		if !fields[f] {
			t.Errorf("no audit row for %s: %+v", f, audit)
		}
	}
	bad := us[0]
	bad.Post = "区委\x1b[31m书记"
	if err := db.UpdateUnit(ctx, bad, SourceSetup); err == nil || !strings.Contains(err.Error(), "职务") {
		t.Errorf("a post with an escape sequence: %v", err)
	}
	if us, _ := db.ListUnits(ctx); us[0].Post != "区委书记" {
		t.Errorf("the refused post was saved: %q", us[0].Post)
	}
}

// TestNewYearRenamesTheMethod: a quarter of a new year copies the rules
// with the 考核办法 of its own year.
func TestNewYearRenamesTheMethod(t *testing.T) {
	db := mustOpen(t)
	r := model.DefaultRules()
	r.Method = "2023年度某市考核办法"
	if err := db.SetRules(ctx, model.MustQuarter("2023Q4"), r, SourceCLI); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateQuarter(ctx, model.MustQuarter("2024Q1"), SourceCLI); err != nil {
		t.Fatal(err)
	}
	d, err := db.QuarterData(ctx, model.MustQuarter("2024Q1"))
	if err != nil || d.Rules.Method != "2024年度某市考核办法" {
		t.Errorf("2024Q1 method %q, %v", d.Rules.Method, err)
	}
}
