package app

import (
	"context"
	"time"

	"rapport/model"
)

// PrivacyStore is what the privacy screens need from the record.
type PrivacyStore interface {
	// MemberExport gathers everything the record holds about a member.
	MemberExport(ctx context.Context, id int64) (model.MemberExport, error)
	// ErasePlan says what EraseMember would take away, writing nothing.
	ErasePlan(ctx context.Context, id int64) (model.Erasure, error)
	// EraseMember removes a member from the record for good; it cannot be undone.
	EraseMember(ctx context.Context, id int64) (model.Erasure, error)
	// StaleBackups lists the backups taken before a time, newest first.
	StaleBackups(ctx context.Context, before time.Time) ([]model.StaleBackup, error)
	// DeleteStaleBackup deletes one of the record's backups.
	DeleteStaleBackup(ctx context.Context, path string) error
}
