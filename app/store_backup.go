package app

import "context"

// BackupStore is what the backup screens need from the record.
type BackupStore interface {
	// ManualBackup copies the record into its backups folder, as the user
	// asked, and returns the copy's path.
	ManualBackup(ctx context.Context) (string, error)
}
