package model

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

func TestSentenceDropsSentinelWords(t *testing.T) {
	err := fmt.Errorf("外层：%w", fmt.Errorf("2023Q1 已定稿，不能修改：%w", ErrLocked))
	if got, want := Sentence(err), "外层：2023Q1 已定稿，不能修改"; got != want {
		t.Errorf("Sentence = %q, want %q", got, want)
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
