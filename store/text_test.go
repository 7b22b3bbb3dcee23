package store

import (
	"errors"
	"strings"
	"testing"

	"starflag/model"
)

// TestHostileNamesRefused: every place a name enters the database refuses
// what cannot be shown safely, with a sentence saying why, and writes
// nothing; harmless extras (spaces, U+FE0F) are cleaned.
func TestHostileNamesRefused(t *testing.T) {
	db := mustOpen(t)
	if err := db.CreateQuarter(ctx, q1, SourceSetup); err != nil {
		t.Fatal(err)
	}
	d, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	u := d.Units[0]
	sec := d.Sections[0]
	long := strings.Repeat("区", 13)
	refused := []struct {
		name, why string
		do        func() error
	}{
		{"unit ESC", "控制字符", func() error {
			_, err := db.CreateUnit(ctx, model.Unit{Name: "新区\x1b[31m"}, SourceSetup)
			return err
		}},
		{"unit bidi", "方向", func() error {
			_, err := db.CreateUnit(ctx, model.Unit{Name: "\u202e区新"}, SourceSetup)
			return err
		}},
		{"unit too long", "太长", func() error {
			_, err := db.CreateUnit(ctx, model.Unit{Name: long}, SourceSetup)
			return err
		}},
		{"short zero width", "看不见", func() error {
			_, err := db.CreateUnit(ctx, model.Unit{Name: "新区", Short: "新\u200b"}, SourceSetup)
			return err
		}},
		{"alias newline", "控制字符", func() error {
			x := u
			x.Aliases = []string{"旧\n名"}
			return db.UpdateUnit(ctx, x, SourceSetup)
		}},
		{"rename unit C1", "控制字符", func() error {
			x := u
			x.Name = "市南\u009b2J区"
			return db.UpdateUnit(ctx, x, SourceSetup)
		}},
		{"section ESC", "控制字符", func() error {
			_, err := db.CreateSection(ctx, q1, model.Section{Name: "板块\x1b]0;x\x07"}, SourceSetup)
			return err
		}},
		{"rename section long", "太长", func() error {
			x := sec
			x.Name = strings.Repeat("板", 17)
			return db.UpdateSection(ctx, q1, x, SourceSetup)
		}},
		{"adjustment", "控制字符", func() error {
			a := d.Adjustments[0]
			a.Name = "加分\x7f"
			return db.SetAdjustment(ctx, q1, a, SourceSetup)
		}},
		{"flag name", "控制字符", func() error {
			r := model.DefaultRules()
			r.Flags = append([]model.Rule(nil), r.Flags...)
			r.Flags[0].Name = "红旗\x1b[6n"
			return db.SetRules(ctx, q1, r, SourceSetup)
		}},
		{"committee", "方向", func() error {
			r := model.DefaultRules()
			r.Committee = "\u2067委员会"
			return db.SetRules(ctx, q1, r, SourceSetup)
		}},
		{"commendation", "控制字符", func() error {
			return db.SetCommendation(ctx, q1, u.ID, "表扬\x1b[2J", SourceCLI)
		}},
		// Names a spreadsheet would run as formulas, at every
		// entry point setup and commend reach.
		{"unit formula", "不能以“=”开头", func() error {
			_, err := db.CreateUnit(ctx, model.Unit{Name: "=1+1"}, SourceSetup)
			return err
		}},
		{"short formula", "不能以“@”开头", func() error {
			_, err := db.CreateUnit(ctx, model.Unit{Name: "新区", Short: "@SUM(1+1)"}, SourceSetup)
			return err
		}},
		{"alias formula", "不能以“+”开头", func() error {
			x := u
			x.Aliases = []string{"+cmd|'/C calc'!A0"}
			return db.UpdateUnit(ctx, x, SourceSetup)
		}},
		{"rename unit formula", "不能以“-”开头", func() error {
			x := u
			x.Name = "-2+3"
			return db.UpdateUnit(ctx, x, SourceSetup)
		}},
		{"section formula", "不能以“=”开头", func() error {
			_, err := db.CreateSection(ctx, q1, model.Section{Name: "=1+1"}, SourceSetup)
			return err
		}},
		{"rename section formula", "不能以“@”开头", func() error {
			x := sec
			x.Name = "@SUM(1+1)"
			return db.UpdateSection(ctx, q1, x, SourceSetup)
		}},
		{"adjustment formula", "不能以“+”开头", func() error {
			a := d.Adjustments[0]
			a.Name = "+cmd|'/C calc'!A0"
			return db.SetAdjustment(ctx, q1, a, SourceSetup)
		}},
		{"flag formula", "不能以“=”开头", func() error {
			r := model.DefaultRules()
			r.Flags = append([]model.Rule(nil), r.Flags...)
			r.Flags[0].Name = "=1+1"
			return db.SetRules(ctx, q1, r, SourceSetup)
		}},
		{"tier formula", "不能以“-”开头", func() error {
			r := model.DefaultRules()
			r.Tiers = []model.Tier{{Name: "-优秀", Size: 3}}
			return db.SetRules(ctx, q1, r, SourceSetup)
		}},
		{"committee formula", "不能以“@”开头", func() error {
			r := model.DefaultRules()
			r.Committee = "@委员会"
			return db.SetRules(ctx, q1, r, SourceSetup)
		}},
		{"commendation formula", "不能以“=”开头", func() error {
			return db.SetCommendation(ctx, q1, u.ID, `=HYPERLINK("http://x","表扬")`, SourceCLI)
		}},
	}
	for _, tt := range refused {
		err := tt.do()
		if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), tt.why) {
			t.Errorf("%s: err = %v, want ErrInvalid saying %q", tt.name, err, tt.why)
		}
	}
	after, err := db.QuarterData(ctx, q1)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Units) != len(d.Units) || after.Units[0].Name != u.Name || len(after.Units[0].Aliases) != 0 ||
		after.Sections[0].Name != sec.Name || len(after.Sections) != len(d.Sections) ||
		after.Adjustments[0] != d.Adjustments[0] || after.Rules.Flags[0].Name != model.FlagA || after.Rules.Committee != d.Rules.Committee {
		t.Errorf("a refused name was written: %+v", after)
	}
	if c, _ := db.Commendations(ctx, q1); len(c) != 0 {
		t.Errorf("a refused commendation was written: %v", c)
	}

	// Accepted and cleaned.
	nu, err := db.CreateUnit(ctx, model.Unit{Name: " 新区❤\ufe0f ", Short: "新\u200d"}, SourceSetup)
	if err != nil || nu.Name != "新区❤" || nu.Short != "新" {
		t.Errorf("CreateUnit cleaned to %+v, %v", nu, err)
	}
	ns, err := db.CreateSection(ctx, q1, model.Section{Name: "绿色发展🌱\ufe0f"}, SourceSetup)
	if err != nil || ns.Name != "绿色发展🌱" {
		t.Errorf("CreateSection cleaned to %q, %v", ns.Name, err)
	}
	r := model.DefaultRules()
	r.Committee = " 青岛市综合考核委员会\u3000"
	if err := db.SetRules(ctx, q1, r, SourceSetup); err != nil {
		t.Fatal(err)
	}
	if err := db.SetCommendation(ctx, q1, u.ID, "  成效突出👍\ufe0f ", SourceCLI); err != nil {
		t.Fatal(err)
	}
	after, _ = db.QuarterData(ctx, q1)
	c, _ := db.Commendations(ctx, q1)
	if after.Rules.Committee != "青岛市综合考核委员会" || c[u.ID] != "成效突出👍" {
		t.Errorf("cleaned committee %q, commendation %q", after.Rules.Committee, c[u.ID])
	}
}
