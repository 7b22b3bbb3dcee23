package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"starflag/model"
)

// TestErrorsInTheDashboard: on the status line, an error of every code
// reads as its sentence, without the code's word or its cause's text, and
// every advice names the dashboard's keys, never a command to type.
func TestErrorsInTheDashboard(t *testing.T) {
	a := newTestApp(t, 160, 30, model.Quarter{}, colorprofile.Ascii)
	status := func(err error) string {
		a.Update(loadedMsg{gen: a.loadGen, err: err})
		for _, l := range strings.Split(plain(a), "\n") {
			if _, s, ok := strings.Cut(l, "读取数据库失败："); ok {
				return strings.TrimSpace(s)
			}
		}
		t.Fatalf("no status line after %q:\n%s", err, plain(a))
		return ""
	}
	q := model.MustQuarter("2023Q2")
	for _, code := range model.Codes {
		if got := status(&model.Error{Code: code, Message: "2023Q2 不行", Err: errors.New("disk I/O error")}); got != "2023Q2 不行" {
			t.Errorf("%v: the dashboard says %q", code, got)
		}
	}
	for _, adv := range model.Advices {
		got := status(fmt.Errorf("%w", model.Errorf(model.ErrLocked, "句子").Advise(adv, q)))
		advice, _ := strings.CutPrefix(got, "句子")
		if advice == "" || advice == got || strings.Contains(got, "unlock") ||
			strings.Contains(advice, "解锁") && !strings.Contains(advice, "设置（s）") {
			t.Errorf("advice %d: the dashboard says %q", adv, got)
		}
	}
}
