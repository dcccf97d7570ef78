package app_test

import (
	"rapport/app"
	"rapport/storage"
)

// The record cmd/rapport opens is what the UI needs.
var _ app.Store = (*storage.Store)(nil)
