package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"starflag/model"
)

// TestErrorsInTheDashboard: an error of every code reads as its sentence on
// the status line, without the code's word or its cause's text, and every
// advice names the dashboard's keys, never a command to type.
func TestErrorsInTheDashboard(t *testing.T) {
	for _, code := range model.Codes {
		err := fmt.Errorf("未保存：%w", &model.Error{Code: code, Message: "2023Q2 不行", Err: errors.New("disk I/O error")})
		if got := errText(err); got != "未保存：2023Q2 不行" {
			t.Errorf("%v: the dashboard says %q", code, got)
		}
	}
	for _, a := range model.Advices {
		err := model.Errorf(model.ErrLocked, "句子").Advise(a, model.MustQuarter("2023Q2"))
		got := errText(err)
		advice, _ := strings.CutPrefix(got, "句子")
		if advice == "" || advice == got || strings.Contains(got, "unlock") {
			t.Errorf("advice %d: the dashboard says %q", a, got)
		}
		if strings.Contains(advice, "解锁") && !strings.Contains(advice, "设置（s）") {
			t.Errorf("advice %d: %q does not name the key of 设置", a, got)
		}
	}
}
