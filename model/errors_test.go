package model

import (
	"fmt"
	"testing"
)

func TestSentenceDropsSentinelWords(t *testing.T) {
	err := fmt.Errorf("外层：%w", fmt.Errorf("2023Q1 已定稿，不能修改：%w", ErrLocked))
	if got, want := Sentence(err), "外层：2023Q1 已定稿，不能修改"; got != want {
		t.Errorf("Sentence = %q, want %q", got, want)
	}
}
