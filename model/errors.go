// Package model holds the record Rapport keeps: members and the manager who keeps
// them, the rules that check them, and the errors every layer speaks in.
// It imports the standard library only.
package model

import (
	"errors"
	"strings"
)

// Sentinel errors. Stores wrap them with context (fmt.Errorf("...: %w", ErrNotFound))
// so that callers test with errors.Is and users read the context.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid")
	ErrConflict = errors.New("conflict")
	// ErrReadOnly means the record cannot be written (a read-only file,
	// folder or disk): nothing was written, and what the user typed is
	// still theirs to keep.
	ErrReadOnly = errors.New("the record is read-only")
	// ErrDiskFull means the disk holding the record has no room left:
	// nothing was written, and the record is as it was before.
	ErrDiskFull = errors.New("the disk is full")
)

// FieldError says what is wrong with one field of a record, in words a user reads
// next to that field.
type FieldError struct {
	Field   string // one of the Field* names
	Problem string // lower case, e.g. "is required"
}

func (e FieldError) Error() string { return e.Field + " " + e.Problem }

// ValidationError lists every field that is wrong, so a form can mark them all at
// once. It matches ErrInvalid with errors.Is.
type ValidationError []FieldError

func (v ValidationError) Error() string {
	parts := make([]string, len(v))
	for i, e := range v {
		parts[i] = e.Error()
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInvalid) true for a ValidationError.
func (v ValidationError) Is(target error) bool { return target == ErrInvalid }

// Problem returns what is wrong with field, or "" when it is fine.
func (v ValidationError) Problem(field string) string {
	for _, e := range v {
		if e.Field == field {
			return e.Problem
		}
	}
	return ""
}
