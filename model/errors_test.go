package model

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

// TestErrorReadsAsASentence: an Error wrapped in a longer sentence reads
// as one, without the code's word (it needed stripping of "：locked"), and
// code still tells its kind and reaches its cause.
func TestErrorReadsAsASentence(t *testing.T) {
	cause := &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	err := fmt.Errorf("外层：%w", &Error{Code: ErrLocked, Message: "2023Q1 已定稿，不能修改", Err: cause})
	if got, want := err.Error(), "外层：2023Q1 已定稿，不能修改"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrLocked) || errors.Is(err, ErrInvalid) || ErrorCode(err) != ErrLocked {
		t.Errorf("the code of %q is %v", err, ErrorCode(err))
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Error("the cause is not on the chain")
	}
	if c := ErrorCode(&ImportError{}); c != ErrInvalid {
		t.Errorf("ErrorCode(*ImportError) = %v, want ErrInvalid", c)
	}
	if c := ErrorCode(errors.New("x")); c != nil {
		t.Errorf("ErrorCode of an error without code = %v", c)
	}
}

// TestExplainAddsTheSurfacesAdvice: a surface's words for the advice follow
// the sentence, about the Error's quarter; an Error without advice, or
// another error, is its sentence alone.
func TestExplainAddsTheSurfacesAdvice(t *testing.T) {
	words := func(a Advice, q Quarter) string { return fmt.Sprintf("（%d %s）", a, q) }
	q := MustQuarter("2023Q2")
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("未保存：%w", Errorf(ErrLocked, "%s 已定稿", q).Advise(UnlockToEdit, q)), "未保存：2023Q2 已定稿（1 2023Q2）"},
		{Errorf(ErrInvalid, "不对"), "不对"},
		{errors.New("别的"), "别的"},
	}
	for _, c := range cases {
		if got := Explain(c.err, words); got != c.want {
			t.Errorf("Explain(%q) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestFileReasonIsChinese(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.ENOENT}, "文件或文件夹不存在"},
		{&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, "磁盘已满"},
		{&fs.PathError{Op: "write", Path: "x", Err: syscall.EFBIG}, "超出文件大小限制"},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EISDIR}, "这是一个文件夹"},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.ENAMETOOLONG}, "文件名太长"},
		{errors.New("something odd"), "系统报告读写失败"},
	}
	for _, c := range cases {
		if got := FileReason(c.err); got != c.want {
			t.Errorf("FileReason(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
