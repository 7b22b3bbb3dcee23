package model

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"syscall"
)

// Sentinel errors. Callers wrap them with a sentence for the user (in
// Chinese) and %w, so code can test the kind while people read the sentence.
var (
	ErrInvalid    = errors.New("invalid")
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("conflict")
	ErrLocked     = errors.New("locked")
	ErrIncomplete = errors.New("incomplete")
)

// Sentence is an error as people read it: the Chinese sentence without the
// sentinel words (invalid, locked, …) that wrapping with %w appends for code.
func Sentence(err error) string {
	msg := err.Error()
	for _, s := range []error{ErrInvalid, ErrNotFound, ErrConflict, ErrLocked, ErrIncomplete} {
		msg = strings.ReplaceAll(msg, "："+s.Error(), "")
	}
	return msg
}

// FileReason says in Chinese why a file operation failed (os and syscall
// errors), for a sentence that names the file: the library's English text
// never reaches a user.
func FileReason(err error) string {
	var errno syscall.Errno
	isErrno := errors.As(err, &errno)
	if isErrno && runtime.GOOS == "windows" {
		switch errno {
		case 39, 112: // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
			return "磁盘已满"
		case 32, 33: // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
			return "文件正被其他程序占用"
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限"
	case errors.Is(err, fs.ErrExist):
		return "文件已存在"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘已满"
	case errors.Is(err, syscall.EFBIG):
		return "超出文件大小限制"
	case errors.Is(err, syscall.EROFS):
		return "文件系统是只读的"
	case errors.Is(err, syscall.EISDIR):
		return "这是一个文件夹"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段不是文件夹"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名太长"
	case errors.Is(err, syscall.ELOOP):
		return "符号链接层数太多"
	case errors.Is(err, syscall.EIO):
		return "磁盘读写出错"
	case errors.Is(err, syscall.ENXIO), errors.Is(err, syscall.ENODEV):
		return "设备不可用"
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return "同时打开的文件太多"
	case errors.Is(err, syscall.EBUSY):
		return "文件正被占用"
	case isErrno:
		return fmt.Sprintf("系统错误代码 %d", int(errno))
	}
	return "系统报告读写失败"
}

// FileKind says what a file that is not a regular file is, for a sentence
// refusing it: "是文件夹", "是命名管道", ….
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "是文件夹"
	case m&fs.ModeSymlink != 0:
		return "是符号链接"
	case m&fs.ModeNamedPipe != 0:
		return "是命名管道"
	case m&fs.ModeDevice != 0:
		return "是设备"
	case m&fs.ModeSocket != 0:
		return "是套接字"
	}
	return "是特殊文件"
}
