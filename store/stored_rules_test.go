package store

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"starflag/model"
)

// TestTamperedRulesAreRefusedWithASentence: rules another program wrote
// into the quarters table (a seating layout of 10⁹ seats crashed export; a
// broken JSON reached the user as "invalid character 'o' in literal null")
// are checked on read as on input: every read of the quarter, and of the
// quarters that compare with it or inherit from it, is refused with a
// sentence naming the quarter and what to do, and nothing is written.
func TestTamperedRulesAreRefusedWithASentence(t *testing.T) {
	huge := model.DefaultRules()
	huge.Layout = model.Layout{Rows: 100_000, PerRow: 10_000}
	hugeJSON, err := json.Marshal(huge)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, rules, why string }{
		{"10⁹ seats", string(hugeJSON), "排数或每排座位数超出范围"},
		{"broken JSON", `{"flags": nol}`, "无法读出"},
		{"no quarter weights", `{"layout": {}}`, "季度权重必须有 4 个"},
		{"unknown condition", strings.Replace(string(hugeJSON), `"rank_at_most"`, `"shoe_size"`, 1), "规则“真抓实干、勇当排头”的条件类型“shoe_size”未知"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(filepath.Join(t.TempDir(), "starflag.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.LoadDemo(ctx, model.Demo(1)); err != nil {
				t.Fatal(err)
			}
			q := model.MustQuarter("2023Q4") // the latest: later quarters inherit its rules
			if _, err := db.w.Exec(`UPDATE quarters SET rules = ? WHERE quarter = ?`, c.rules, q.String()); err != nil {
				t.Fatal(err)
			}
			audits := count(t, db, "audit")
			want := "数据库里 2023Q4 的考核规则无效（" + c.why + "），可能被其他程序改动过"
			far := model.MustQuarter("2023Q1") // compares with 2022Q3 and Q4 only
			for name, err := range map[string]error{
				"QuarterData": func() error { _, err := db.QuarterData(ctx, q); return err }(),
				"Result":      func() error { _, err := db.Result(ctx, q); return err }(),
				"next Result": func() error { _, err := db.Result(ctx, q.Next()); return err }(),
				"inherited":   func() error { _, err := db.QuarterData(ctx, model.MustQuarter("2030Q1")); return err }(),
				"created":     db.CreateQuarter(ctx, model.MustQuarter("2030Q1"), "test"),
				"SetRules":    db.SetRules(ctx, q, model.DefaultRules(), "test"),
				"Lock":        func() error { _, err := db.Lock(ctx, q, "test"); return err }(),
			} {
				if err == nil {
					t.Errorf("%s: no error", name)
					continue
				}
				wantErr(t, err, model.ErrInvalid, want)
				for _, leak := range []string{"character", "literal", "json", "invalid"} {
					if strings.Contains(err.Error(), leak) {
						t.Errorf("%s: %q leaks %q", name, err.Error(), leak)
					}
				}
			}
			if _, err := db.Result(ctx, far); err != nil {
				t.Errorf("a quarter far from 2023Q3: %v", err)
			}
			if got := count(t, db, "audit"); got != audits {
				t.Errorf("%d audit rows were written", got-audits)
			}
		})
	}
}

func count(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.w.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
