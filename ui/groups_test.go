package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestGroupsOnThePages: with groups, the ranking and stars pages have a
// heading per group and rank within it, the flags page gives the rank in
// the group, and the presentation's cards name the group.
func TestGroupsOnThePages(t *testing.T) {
	q := model.MustQuarter("2023Q4")
	a := New(groupsFake(), Options{Quarter: q, Profile: colorprofile.Ascii})
	a.Update(sizeMsg(120, 35))
	loadNow(t, a, q)
	page := func(p int, present bool) string {
		a.board.page, a.board.offset = p, 0
		presenting(a, present)
		return plain(a)
	}
	ranking := strings.Join(strings.Fields(page(0, false)), " ")
	for _, want := range []string{"【区】7 个区市，组内排名", "【县级市】3 个区市，组内排名 1 平 胶州市", "3 平 莱西市"} {
		if !strings.Contains(ranking, want) {
			t.Errorf("ranking lacks %q:\n%s", want, ranking)
		}
	}
	stars := page(1, false)
	for _, want := range []string{"各组分别评星", "【区】7 个区市，组内评星", "【县级市】3 个区市，组内评星"} {
		if !strings.Contains(stars, want) {
			t.Errorf("stars lack %q:\n%s", want, stars)
		}
	}
	if flags := page(2, false); !strings.Contains(flags, "第1名 胶州市") {
		t.Errorf("flags page lacks the rank in the group:\n%s", flags)
	}
	if present := page(0, true); !strings.Contains(present, "（县级市）") {
		t.Errorf("presentation lacks the group:\n%s", present)
	}
}
