package model

import "errors"

// Sentinel errors. Callers wrap them with a sentence for the user (in
// Chinese) and %w, so code can test the kind while people read the sentence.
var (
	ErrInvalid    = errors.New("invalid")
	ErrNotFound   = errors.New("not found")
	ErrConflict   = errors.New("conflict")
	ErrLocked     = errors.New("locked")
	ErrIncomplete = errors.New("incomplete")
)
