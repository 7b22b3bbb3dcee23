package office_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
	"starflag/office/officetest"
	"starflag/store"
	"starflag/ui"
)

// TestLockedRefusalInTheDashboardNamesTheKey: when the store refuses an
// edit because a quarter is published (定稿), the dashboard says how to
// unlock it there (设置, s), not with the command line's command (it said
// "先用 starflag unlock --quarter 2023Q1 解锁"). Both refusals: the edited
// quarter locked by another window meanwhile, and an edit that would change
// what a later locked quarter published.
func TestLockedRefusalInTheDashboardNamesTheKey(t *testing.T) {
	ctx := context.Background()
	noPoll := func(db *store.DB, q model.Quarter) *uiHarness {
		// No polling: the dashboard has not seen the lock when it saves.
		return attachHarnessWith(t, db, 240, 30, ui.Options{Quarter: q, Profile: colorprofile.Ascii, PollInterval: time.Hour})
	}
	refusal := func(h *uiHarness, said, want string) {
		t.Helper()
		h.Until("the refusal", func() bool { return strings.Contains(h.Screen(), said) })
		if s := h.Screen(); !strings.Contains(s, said+want) || strings.Contains(s, said+"；如需修改，先用 starflag") || strings.Contains(s, "（starflag unlock") {
			t.Errorf("the refusal does not say %q after %q:\n%s", want, said, s)
		}
	}

	h := noPoll(officetest.EntryDB(t, t.TempDir()+"/s.db"), entryQ)
	h.Key("e")
	h.Settle()
	if _, err := h.DB.Lock(ctx, entryQ, store.SourceCLI); err != nil { // another window locks it
		t.Fatal(err)
	}
	h.Key("90", "enter")
	refusal(h, "2023Q1 已定稿，不能修改", "；如需修改，先在设置（s）里解锁")

	demo := demoHarness(t, 160, 30, model.MustQuarter("2023Q1")).DB
	if err := demo.Unlock(ctx, model.MustQuarter("2023Q1"), store.SourceCLI); err != nil {
		t.Fatal(err)
	}
	h = noPoll(demo, model.MustQuarter("2023Q1"))
	h.Key("e")
	h.Settle()
	h.Key("0", "enter") // 市南区 last in 经济运行: 2023Q2's movement would change
	refusal(h, "2023Q2 已定稿，这次修改会改变已发布的结果（名次、位次变化、红旗、警示、评星或座次），没有保存",
		"；如确需修改，先按 t 打开 2023Q2，在设置（s）里解锁")
}
