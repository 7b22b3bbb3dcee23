package model

import (
	"errors"
	"strings"
	"testing"
)

// importFixture is 2023Q1 with three sections and the ten units, one score stored.
func importFixture() ImportInput {
	units := QingdaoUnits()
	d := QuarterData{Quarter: MustQuarter("2023Q1"), Units: units, Adjustments: ctItems(), Rules: DefaultRules(),
		Scores: map[ScoreKey]Hundredths{{1, 1}: 9000}, Adjust: map[AdjustKey]Hundredths{}}
	for i, n := range DefaultSectionNames {
		s := NewSection(n, i+1)
		s.ID = int64(i + 1)
		d.Sections = append(d.Sections, s)
	}
	return ImportInput{File: "得分.csv", Data: d, AllUnits: units}
}

func csvRows(t *testing.T, s string) []Row {
	t.Helper()
	rows, err := ReadCSV("得分.csv", []byte(s))
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return rows
}

func TestPlanImportAccepts(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, "\ufeff区市,经济运行,项目签约落地,城市更新建设,群众满意度加分\r\n"+
		"市南区,９５．５,80,,1.5\r\n"+
		"黄岛区,90,\"88.25\",70,\r\n"+
		"\r\n"+
		"李沧,90,80,70,0\r\n")
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	want := []string{"市南区/经济运行 90.00→95.50", "市南区/项目签约落地 →80.00", "市南区/ →1.50",
		"西海岸新区/经济运行 →90.00", "西海岸新区/项目签约落地 →88.25", "西海岸新区/城市更新建设 →70.00",
		"李沧区/经济运行 →90.00", "李沧区/项目签约落地 →80.00", "李沧区/城市更新建设 →70.00", "李沧区/ →0.00"}
	var got []string
	for _, c := range plan.Cells {
		old := ""
		if c.Old != nil {
			old = c.Old.String()
		}
		got = append(got, c.Unit+"/"+c.Section+" "+old+"→"+c.New.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cells:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(plan.NewSections) != 0 || len(plan.NewUnits) != 0 {
		t.Errorf("unexpected new sections/units: %+v %+v", plan.NewSections, plan.NewUnits)
	}
}

func TestPlanImportUnchangedValueLeftOut(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, "区市,经济运行\n市南区,90.00\n")
	plan, err := PlanImport(in)
	if err != nil || len(plan.Cells) != 0 {
		t.Fatalf("plan %+v err %v; want no cells", plan, err)
	}
}

func TestPlanImportSectionsFromHeader(t *testing.T) {
	in := importFixture()
	in.Data.Sections = nil
	in.Defaults = []Section{{Name: "经济运行", Weight: 20000, Max: 5000}}
	in.Rows = csvRows(t, "unit,经济运行,优化营商环境,群众满意度加分\n市南区,50,100,2\n")
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	if len(plan.NewSections) != 2 || plan.NewSections[0].Weight != 20000 || plan.NewSections[0].Max != 5000 ||
		plan.NewSections[1].Name != "优化营商环境" || plan.NewSections[1].Max != 10000 || plan.NewSections[1].Order != 2 {
		t.Errorf("new sections %+v", plan.NewSections)
	}
	if len(plan.Cells) != 3 {
		t.Errorf("cells %+v", plan.Cells)
	}
}

func TestPlanImportAddUnits(t *testing.T) {
	in := importFixture()
	in.AddUnits = true
	in.Rows = csvRows(t, "区市,经济运行\n新区,50\n")
	plan, err := PlanImport(in)
	if err != nil || len(plan.NewUnits) != 1 || plan.NewUnits[0].Name != "新区" || plan.NewUnits[0].From != in.Data.Quarter {
		t.Fatalf("plan %+v err %v", plan, err)
	}
}

func TestPlanImportRefuses(t *testing.T) {
	retired := QingdaoUnits()
	retired[9].Until = MustQuarter("2022Q4")
	cases := []struct {
		name   string
		csv    string
		edit   func(*ImportInput)
		row    int
		column string
		reason string
	}{
		{"unknown unit", "区市,经济运行\n火星区,90\n", nil, 2, "区市", "未知区市“火星区”"},
		{"unknown column", "区市,经济运行,体育\n市南区,90,80\n", nil, 1, "体育", "没有这个考核板块"},
		{"duplicate column", "区市,经济运行,经济运行\n市南区,90,80\n", nil, 1, "经济运行", "列名重复"},
		{"duplicate unit row", "区市,经济运行\n市南区,90\n市南,80\n", nil, 3, "区市", "市南区 重复（第 2 行已有）"},
		{"non-numeric", "区市,经济运行\n市南区,九十\n", nil, 2, "经济运行", "不是有效的分数"},
		{"NaN", "区市,经济运行\n市南区,NaN\n", nil, 2, "经济运行", "不是有效的分数"},
		{"exponent", "区市,经济运行\n市南区,1e2\n", nil, 2, "经济运行", "不是有效的分数"},
		{"three decimals", "区市,经济运行\n市南区,90.125\n", nil, 2, "经济运行", "不是有效的分数"},
		{"negative", "区市,经济运行\n市南区,-1\n", nil, 2, "经济运行", "是负数"},
		{"above maximum", "区市,经济运行\n市南区,100.01\n", nil, 2, "经济运行", "超过满分 100.00"},
		{"adjustment out of range", "区市,群众满意度加分\n市南区,2.5\n", nil, 2, "群众满意度加分", "超出群众满意度加分范围 0.00–2.00"},
		{"empty file", "", nil, 0, "", "文件是空的"},
		{"blank lines only", "\n,,\n", nil, 0, "", "文件是空的"},
		{"header only", "区市,经济运行\n", nil, 0, "", "只有表头"},
		{"wrong first header", "名称,经济运行\n市南区,90\n", nil, 1, "名称", "第一列的表头应为“区市”"},
		{"extra cells", "区市,经济运行\n市南区,90,80\n", nil, 2, "", "多出 1 列"},
		{"locked quarter", "区市,经济运行\n市南区,90\n", func(in *ImportInput) { in.Data.Locked = true }, 0, "", "已定稿"},
		{"retired unit", "区市,经济运行\n莱西市,90\n", func(in *ImportInput) {
			in.AllUnits = retired
			in.Data.Units = ActiveUnits(retired, in.Data.Quarter)
		}, 2, "区市", "莱西市 不参加 2023Q1 的考核"},
		{"line numbers count blank lines", "区市,经济运行\n\n\n市南区,x\n", nil, 4, "经济运行", "不是有效的分数"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := importFixture()
			if tc.edit != nil {
				tc.edit(&in)
			}
			rows, err := ReadCSV(in.File, []byte(tc.csv))
			if err != nil {
				t.Fatalf("ReadCSV: %v", err)
			}
			in.Rows = rows
			plan, err := PlanImport(in)
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("got plan %+v, err %v; want *ImportError", plan, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid")
			}
			p := ie.Problems[0]
			if p.File != "得分.csv" || p.Row != tc.row || p.Column != tc.column || !strings.Contains(p.Reason, tc.reason) {
				t.Errorf("problem = %+v, want row %d column %q reason containing %q", p, tc.row, tc.column, tc.reason)
			}
		})
	}
}

func TestPlanImportListsEveryProblem(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, "区市,经济运行\n火星区,90\n市南区,abc\n市北区,101\n")
	_, err := PlanImport(in)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 3 {
		t.Fatalf("err %v; want 3 problems", err)
	}
	msg := err.Error()
	for _, want := range []string{"得分.csv 第 2 行「区市」列", "第 3 行「经济运行」列", "第 4 行", "没有写入任何数据"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestReadCSVRefusesInvalidUTF8(t *testing.T) {
	_, err := ReadCSV("gbk.csv", []byte{0xc7, 0xf8, 0xca, 0xd0, '\n'})
	if err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckScore(t *testing.T) {
	sec := NewSection("经济运行", 1)
	for in, want := range map[string]string{"95.5": "", "１００": "", "100.5": "超过满分", "-0.5": "负数", "1e2": "不是数字"} {
		_, err := CheckScore(in, sec)
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("CheckScore(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestPlanImportAddSections: an unknown column is refused, naming it and
// --add-sections; with AddSections it becomes a new section after the
// quarter's own, and its cells are planned.
func TestPlanImportAddSections(t *testing.T) {
	in := importFixture()
	in.Rows = csvRows(t, "区市,经济运行,优化营商环境,群众满意度加分\n市南区,91,88.5,1\n市北区,,70,\n")
	_, err := PlanImport(in)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Column != "优化营商环境" ||
		!strings.Contains(ie.Problems[0].Reason, "--add-sections") {
		t.Fatalf("without AddSections: %v", err)
	}
	in.AddSections = true
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	if len(plan.NewSections) != 0 || len(plan.AddedSections) != 1 || plan.AddedSections[0].Name != "优化营商环境" ||
		plan.AddedSections[0].Order != 4 || plan.AddedSections[0].Weight != WeightOne || plan.AddedSections[0].Max != 10000 {
		t.Fatalf("sections: new %+v added %+v", plan.NewSections, plan.AddedSections)
	}
	var got []string
	for _, c := range plan.Cells {
		got = append(got, c.Unit+"/"+c.Section+"="+c.New.String())
	}
	if want := "市南区/经济运行=91.00 市南区/优化营商环境=88.50 市南区/=1.00 市北区/优化营商环境=70.00"; strings.Join(got, " ") != want {
		t.Errorf("cells %v, want %s", got, want)
	}

	// A bad new name is still refused, and known columns are not added.
	in.Rows = csvRows(t, "区市,经济运行,体育\x07\n市南区,91,1\n")
	if _, err := PlanImport(in); !errors.As(err, &ie) || !strings.HasPrefix(ie.Problems[0].Column, "体育") {
		t.Fatalf("a control character in a new section name: %v", err)
	}
}

// TestPlanImportFirstQuarterHeaderDecides: a new database's first quarter
// shows the default sections (not stored, no earlier quarter); a file's
// header still decides its sections, as for any quarter without any.
func TestPlanImportFirstQuarterHeaderDecides(t *testing.T) {
	in := importFixture()
	in.Data.Sections = DefaultSections()
	in.Rows = csvRows(t, "区市,经济运行,招商引资\n市南区,90,80\n")
	plan, err := PlanImport(in)
	if err != nil {
		t.Fatalf("PlanImport: %v", err)
	}
	if len(plan.NewSections) != 2 || plan.NewSections[1].Name != "招商引资" || len(plan.AddedSections) != 0 {
		t.Fatalf("sections: new %+v added %+v", plan.NewSections, plan.AddedSections)
	}
	// Inherited sections (an earlier quarter has them) are the quarter's own.
	in.Defaults = DefaultSections()
	if _, err := PlanImport(in); err == nil {
		t.Fatalf("an inherited quarter took a new section from the header")
	}
}
