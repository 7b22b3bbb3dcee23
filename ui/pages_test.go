package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestAPageIsOneRegistryEntry adds a sixth page as one entry of pages and
// nothing else: its tab, its key, the key line's page range, the help, the
// title bar, the export kind and presentation all follow. (A page cost a
// parallel array of export kinds, key arithmetic, a hand-written "1-5" and
// an init that depended on file order.)
func TestAPageIsOneRegistryEntry(t *testing.T) {
	saved := pages
	t.Cleanup(func() { pages = saved })
	pages = append(append([]page{}, saved...), page{title: "测试页", short: "测试", key: "6", export: model.ExportKind{Name: "test"},
		body: func(c *common, w, h int) body { return body{fixed: []string{"  测试页的内容"}} }})
	var exported string
	a := New(newFakeData(), Options{Profile: colorprofile.Ascii,
		Export: func(_ context.Context, kind model.ExportKind, q model.Quarter) (string, error) {
			exported = kind.Name
			return "测试.xlsx", nil
		}})
	a.Update(sizeMsg(100, 30))
	loadNow(t, a, model.Quarter{})
	lines := strings.Split(plain(a), "\n")
	if !strings.Contains(lines[1], " 6 测试页 ") || !strings.Contains(lines[len(lines)-1], "1-6 页面") {
		t.Errorf("tabs %q, key line %q", lines[1], lines[len(lines)-1])
	}
	press(a, "６") // full-width, as an input method sends it
	if out := plain(a); !strings.Contains(strings.Split(out, "\n")[0], "测试页") || !strings.Contains(out, "测试页的内容") {
		t.Errorf("6 did not show the new page:\n%s", out)
	}
	if cmd := press(a, "x"); cmd == nil {
		t.Error("x exported nothing")
	} else if cmd(); exported != "test" {
		t.Errorf("x exported kind %q, want test", exported)
	}
	press(a, "?")
	if out := plain(a); !strings.Contains(out, "6") || !strings.Contains(out, "测试页") {
		t.Errorf("the help does not list the new page:\n%s", out)
	}
	press(a, "x") // closes the help
	press(a, "p")
	if out := plain(a); !strings.Contains(out, "测试页  6/6") || !strings.Contains(out, "测试页的内容") {
		t.Errorf("presentation of the new page:\n%s", out)
	}
	press(a, "right")
	if out := plain(a); !strings.Contains(out, "综合排名  1/6") {
		t.Errorf("presentation does not turn from the new page to the first:\n%s", out)
	}
}
