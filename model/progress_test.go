package model

import (
	"reflect"
	"testing"
)

func TestProgressOf(t *testing.T) {
	secs := []Section{{ID: 1, Name: "经济运行"}, {ID: 2, Name: "项目签约落地"}, {ID: 3, Name: "城市更新建设"}}
	u1, u2 := Unit{ID: 1, Name: "市南区"}, Unit{ID: 2, Name: "市北区"}
	r := &Result{Sections: secs, Missing: []Missing{{u1, secs[1]}, {u2, secs[1]}, {u2, secs[2]}}}
	got := ProgressOf(r, []Reporter{
		{Name: "市发改委", Sections: []string{"经济运行"}},
		{Name: "市商务局", Sections: []string{"项目签约落地", "城市更新建设"}},
		{Name: "市营商局", Sections: []string{"优化营商环境"}}, // not in this quarter
	})
	want := Progress{
		Sections: []SectionProgress{{secs[0], 0}, {secs[1], 2}, {secs[2], 1}},
		Reporters: []ReporterProgress{
			{Name: "市发改委", Sections: []string{"经济运行"}, Missing: 0},
			{Name: "市商务局", Sections: []string{"项目签约落地", "城市更新建设"}, Missing: 3},
			{Name: "市营商局"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("ProgressOf =\n%+v\nwant\n%+v", got, want)
	}
	if got.Complete() != 1 {
		t.Errorf("Complete = %d, want 1", got.Complete())
	}
	for i, done := range []bool{true, false, false} {
		if got.Reporters[i].Done() != done {
			t.Errorf("%s Done = %v, want %v", got.Reporters[i].Name, !done, done)
		}
	}
	if p := ProgressOf(nil, nil); len(p.Sections)+len(p.Reporters) != 0 {
		t.Errorf("ProgressOf(nil) = %+v", p)
	}
}
