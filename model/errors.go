package model

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"syscall"
)

// The codes of an Error, for code to test with errors.Is (errors.Is(err,
// ErrLocked)); people read the Error's message, never these words.
var (
	ErrInvalid    = errors.New("invalid")
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("conflict")
	ErrLocked     = errors.New("locked")
	ErrIncomplete = errors.New("incomplete")
	// ErrFile: the database or another file could not be read or written
	// (a full disk, a read-only or damaged file).
	ErrFile = errors.New("file")
)

// Error is a refusal or a failure as starflag tells it: a code for code and
// a sentence in Chinese for people (benbjohnson/wtf's Error). The sentence
// says what happened. What to do about it often depends on where the user
// is, so it is not in the sentence: Advice names it, and each surface words
// it its own way (the command line a command, the dashboard a key; see
// Explain). The cause, a driver or os error, stays on the chain for tests
// and is never shown.
type Error struct {
	Code    error   // ErrInvalid, ErrNotFound, ErrConflict, ErrLocked, ErrIncomplete or ErrFile
	Message string  // the sentence, without advice
	Advice  Advice  // what the surface adds after Message; NoAdvice: nothing
	Quarter Quarter // the quarter the advice is about (the one to unlock)
	Err     error   // the cause, if any
}

// Errorf is an Error of code with a formatted message.
func Errorf(code error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Error is the sentence alone, without code or cause, so that a caller may
// wrap it in a longer one (fmt.Errorf("导出失败：%w", err)) and people
// still read a sentence.
func (e *Error) Error() string { return e.Message }

// Unwrap makes errors.Is(err, e.Code) true, and reaches the cause.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Code}
	}
	return []error{e.Code, e.Err}
}

// Advise sets e's advice, about quarter q, and returns e.
func (e *Error) Advise(a Advice, q Quarter) *Error {
	e.Advice, e.Quarter = a, q
	return e
}

// Because sets e's cause, and returns e.
func (e *Error) Because(err error) *Error {
	e.Err = err
	return e
}

// Codes lists the codes an Error may have.
var Codes = []error{ErrInvalid, ErrNotFound, ErrConflict, ErrLocked, ErrIncomplete, ErrFile}

// ErrorCode is the code of err: the code of the first Error on its chain,
// or the first code it wraps (an *ImportError is ErrInvalid); nil for nil
// and for errors that carry no code.
func ErrorCode(err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	for _, c := range Codes {
		if errors.Is(err, c) {
			return c
		}
	}
	return nil
}

// Advice is what a person can do about an Error, which the sentence leaves
// to the surface that shows it: the command line and the dashboard each
// word every Advice (see Explain).
type Advice int

// The advice an Error may carry.
const (
	NoAdvice Advice = iota
	// UnlockToEdit follows "2023Q1 已定稿，不能修改": unlock the quarter.
	UnlockToEdit
	// UnlockToRepublish follows an edit refused because it would change
	// what the locked quarter published.
	UnlockToRepublish
	// UnlockToImport follows an import refused because its quarter is locked.
	UnlockToImport
	// CheckDatabase follows a read or write error of the database file.
	CheckDatabase
	// CheckAfterRoom follows a read error of the database file on opening,
	// after "free some disk space".
	CheckAfterRoom
)

// Advices lists every Advice but NoAdvice: each surface words each one.
var Advices = []Advice{UnlockToEdit, UnlockToRepublish, UnlockToImport, CheckDatabase, CheckAfterRoom}

// Explain is err as people read it on a surface: its sentence, then the
// advice of its Error as the surface words it (words(a, q)). Callers that
// wrap an Error only put words in front ("导出失败：%w"), so the advice
// follows the sentence it belongs to.
func Explain(err error, words func(a Advice, q Quarter) string) string {
	msg := err.Error()
	var e *Error
	if errors.As(err, &e) && e.Advice != NoAdvice {
		msg += words(e.Advice, e.Quarter)
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
