package model

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
)

// pasted is a plan's cells as "unit/section" → value ("unit/" for the adjustment).
func pasted(p ImportPlan) map[string]string {
	m := map[string]string{}
	for _, c := range p.Cells {
		m[c.Unit+"/"+c.Section] = c.New.String()
	}
	return m
}

// TestPlanPastePlacesCells: a block goes from the cursor, or by the unit
// names in its first column and the section names in its first row; every
// kind of line end a terminal may deliver is one row break.
func TestPlanPastePlacesCells(t *testing.T) {
	d := importFixture().Data
	tests := []struct {
		name     string
		row, col int
		text     string
		want     map[string]string
	}{
		{"from the cursor", 1, 1, "80\t70\r\n81\t71\r\n",
			map[string]string{"市北区/项目签约落地": "80.00", "市北区/城市更新建设": "70.00", "李沧区/项目签约落地": "81.00", "李沧区/城市更新建设": "71.00"}},
		{"LF", 0, 1, "80\n81\n82", map[string]string{"市南区/项目签约落地": "80.00", "市北区/项目签约落地": "81.00", "李沧区/项目签约落地": "82.00"}},
		{"CR", 0, 1, "80\r81\r82\r", map[string]string{"市南区/项目签约落地": "80.00", "市北区/项目签约落地": "81.00", "李沧区/项目签约落地": "82.00"}},
		{"CR CR LF", 0, 1, "80\r\r\n81\r\r\n82\r\r\n", map[string]string{"市南区/项目签约落地": "80.00", "市北区/项目签约落地": "81.00", "李沧区/项目签约落地": "82.00"}},
		{"CRLF turned into CR CR", 0, 1, "80\r\r81\r\r82\r\r", map[string]string{"市南区/项目签约落地": "80.00", "市北区/项目签约落地": "81.00", "李沧区/项目签约落地": "82.00"}},
		{"CR CR with an empty row", 0, 1, "80\r\r\r\r82\r\r", map[string]string{"市南区/项目签约落地": "80.00", "李沧区/项目签约落地": "82.00"}},
		{"LF with an empty row", 0, 1, "80\n\n82\n", map[string]string{"市南区/项目签约落地": "80.00", "李沧区/项目签约落地": "82.00"}},
		{"CR with an empty row", 0, 1, "80\r\r82\r83", map[string]string{"市南区/项目签约落地": "80.00", "李沧区/项目签约落地": "82.00", "崂山区/项目签约落地": "83.00"}},
		{"unit names, short names and aliases", 0, 1, "黄岛区\t90\r\n市南\t80\r\n莱西市\t70\t60\r\n",
			map[string]string{"西海岸新区/项目签约落地": "90.00", "市南区/项目签约落地": "80.00", "莱西市/项目签约落地": "70.00", "莱西市/城市更新建设": "60.00"}},
		{"unit names with an empty row", 7, 0, "市北区\t90\r\n\r\n崂山\t80\r\n",
			map[string]string{"市北区/经济运行": "90.00", "崂山区/经济运行": "80.00"}},
		{"section names", 2, 0, "城市更新建设\t经济运行\r\n60\t50\r\n61\t51\r\n",
			map[string]string{"李沧区/城市更新建设": "60.00", "李沧区/经济运行": "50.00", "崂山区/城市更新建设": "61.00", "崂山区/经济运行": "51.00"}},
		{"section names with the adjustment", 0, 2, "群众满意度加分\n1.5\n\n-0", map[string]string{"市南区/": "1.50", "李沧区/": "0.00"}},
		{"both, with the 区市 corner", 5, 2, "区市\t经济运行\t群众满意度加分\r\n市北区\t88\t1\r\n黄岛区\t77\t\r\n",
			map[string]string{"市北区/经济运行": "88.00", "市北区/": "1.00", "西海岸新区/经济运行": "77.00"}},
		{"both, with an empty corner", 9, 3, "\t项目签约落地\n市北\t88\n", map[string]string{"市北区/项目签约落地": "88.00"}},
		{"a leading point and full width", 0, 0, ".5\t９５。５", map[string]string{"市南区/经济运行": "0.50", "市南区/项目签约落地": "95.50"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanPaste(d, tt.row, tt.col, tt.text)
			if err != nil {
				t.Fatalf("PlanPaste(%q): %v", tt.text, err)
			}
			if got := pasted(plan); !maps.Equal(got, tt.want) {
				t.Errorf("PlanPaste(%q) placed\n%v\nwant\n%v", tt.text, got, tt.want)
			}
		})
	}
}

// TestPlanPasteRefusesNamesItCannotPlace: a name that is not a unit or a
// section, a name given twice, or a header that would shift the columns
// refuses the whole block, naming what is wrong.
func TestPlanPasteRefusesNamesItCannotPlace(t *testing.T) {
	d := importFixture().Data
	tests := []struct {
		name, text string
		says       []string
	}{
		{"unknown unit", "市南区\t90\n青岛区\t80\n", []string{"未知区市“青岛区”"}},
		{"unit twice", "市南区\t90\n市南\t80\n", []string{"市南区 重复"}},
		{"unit name missing", "市南区\t90\n\t80\n", []string{"区市名称为空"}},
		{"区市 header with unknown units", "区市\t经济运行\n青岛\t90\n", []string{"未知区市“青岛”"}},
		{"unknown section", "经济运行\t旅游\n90\t80\n", []string{"旅游", "没有这个考核板块"}},
		{"section twice", "经济运行\t经济运行\n90\t80\n", []string{"列名重复"}},
		{"value under an empty header", "经济运行\t\n90\t80\n", []string{"没有表头"}},
		{"a section name in the corner", "经济运行\t项目签约落地\n市南区\t90\t80\n", []string{"第一列是区市名称"}},
		{"only a header", "经济运行\t项目签约落地\r\n", []string{"只有表头"}},
		{"the stray end of a paste", "90\r\x1b[201~85\t7\r", []string{"不是数字"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := PlanPaste(d, 0, 0, tt.text)
			var ie *ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("PlanPaste(%q) = %v, %v; want refused", tt.text, pasted(plan), err)
			}
			var reasons []string
			for _, p := range ie.Problems {
				reasons = append(reasons, p.Column+" "+p.Reason)
				if r, bad := hasUnsafe(p.Column + p.Reason); bad {
					t.Errorf("problem %q holds %U", p.Reason, r)
				}
			}
			all := strings.Join(reasons, "\n")
			for _, s := range tt.says {
				if !strings.Contains(all, s) {
					t.Errorf("PlanPaste(%q) problems lack %q:\n%s", tt.text, s, all)
				}
			}
		})
	}
	// Numbers in the first column are values, not names: placed from the cursor.
	plan, err := PlanPaste(d, 0, 0, "91\t80\n92\t81")
	if err != nil || !slices.Equal(slices.Sorted(maps.Keys(pasted(plan))),
		[]string{"市北区/经济运行", "市北区/项目签约落地", "市南区/经济运行", "市南区/项目签约落地"}) {
		t.Errorf("a block of numbers = %v, %v", pasted(plan), err)
	}
}

// TestPlanPasteDepartmentBlock: a block copied from a department's table,
// with its 序号 and 备注 columns and its 合计 row and note, is read as the
// import reads that table: those are left out, each said in a note; it was
// refused (「序号」表头：没有这个考核板块).
func TestPlanPasteDepartmentBlock(t *testing.T) {
	d := importFixture().Data
	block := "序号\t区市\t经济运行\t备注\r\n1\t市南区\t81\t\r\n2\t市北区\t82\t已核\r\n\t合计\t163\t\r\n注：经审核\t\t\t\r\n"
	plan, err := PlanPaste(d, 0, 0, block)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	want := map[string]string{"市南区/经济运行": "81.00", "市北区/经济运行": "82.00"}
	if got := pasted(plan); !maps.Equal(got, want) {
		t.Errorf("placed %v, want %v", got, want)
	}
	var notes []string
	for _, n := range plan.Notes {
		notes = append(notes, n.Reason)
	}
	for _, w := range []string{"序号", "备注", "合计", "注：经审核"} {
		if !strings.Contains(strings.Join(notes, "；"), w) {
			t.Errorf("no note of %s: %q", w, notes)
		}
	}
}
