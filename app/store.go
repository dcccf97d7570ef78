package app

import (
	"context"

	"rapport/model"
)

// Store is what the UI needs from the record. cmd/rapport passes a *storage.Store;
// tests pass the same on a temporary file.
type Store interface {
	// Path is the file the record lives in, shown in the title and About.
	Path() string

	Member(ctx context.Context, id int64) (model.Member, error)
	// Members returns one page, sorted by name, of living or trashed members.
	Members(ctx context.Context, f model.MemberFilter) ([]model.Member, error)
	// CountMembers counts what Members would return without Offset and Limit.
	CountMembers(ctx context.Context, f model.MemberFilter) (int, error)
	// CreateMember validates m, stamps it and sets m.ID and the times.
	CreateMember(ctx context.Context, m *model.Member) error
	UpdateMember(ctx context.Context, m *model.Member) error
	TrashMember(ctx context.Context, id int64) error
	RestoreMember(ctx context.Context, id int64) error
	// PurgeMember removes a trashed member for good.
	PurgeMember(ctx context.Context, id int64) error
	// Tags lists every tag in use by living members, sorted.
	Tags(ctx context.Context) ([]string, error)

	// Me is the manager using the record; ErrNotFound before the welcome.
	Me(ctx context.Context) (model.Manager, error)
	SetMe(ctx context.Context, name string) (model.Manager, error)
	Settings(ctx context.Context) (model.Settings, error)
	SetSettings(ctx context.Context, s model.Settings) error

	// LoadSample adds the sample community; it refuses a record that has members.
	LoadSample(ctx context.Context) error
	Close() error
}

// Opener opens (creating when needed) the record at path; File › Open and New use it.
type Opener func(ctx context.Context, path string) (Store, error)
