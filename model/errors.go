package model

import (
	"errors"
	"strings"
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
