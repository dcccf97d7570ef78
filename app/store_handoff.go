package app

import (
	"context"

	"rapport/model"
)

// HandoffStore is what the handoff screens need from the record.
type HandoffStore interface {
	// Handoffs lists the drafts and the past handoffs, newest first.
	Handoffs(ctx context.Context) ([]model.Handoff, error)
	// Handoff returns a handoff at its latest version.
	Handoff(ctx context.Context, id int64) (model.Handoff, error)
	// SaveHandoff validates h and keeps it as a new version, adding it when
	// h.ID is 0; it sets h.ID, h.Version and the times. A finished handoff
	// is not changed: ErrConflict.
	SaveHandoff(ctx context.Context, h *model.Handoff) error
	// HandoffVersions returns every saved version of a handoff, newest first.
	HandoffVersions(ctx context.Context, id int64) ([]model.Handoff, error)
	// FinishHandoff hands a draft over: its account is fixed as of its date,
	// so that reopening it later shows and exports what was handed over.
	FinishHandoff(ctx context.Context, id int64) error
	// DeleteHandoff removes a draft; a finished handoff stays (ErrConflict).
	DeleteHandoff(ctx context.Context, id int64) error
	// HandoffDocument is a saved handoff with its account: built from the
	// record for a draft, as fixed for a finished one.
	HandoffDocument(ctx context.Context, id int64) (model.HandoffDocument, error)
	// PreviewHandoff builds the document of h as it stands, saved or not.
	PreviewHandoff(ctx context.Context, h model.Handoff) (model.HandoffDocument, error)
	// KeySuggestions suggests members h could name as key: open promises,
	// feedback in flight, recent conversations, a "key" tag; never reach.
	KeySuggestions(ctx context.Context, h model.Handoff, limit int) ([]model.KeySuggestion, error)

	// PendingTakeOver returns the handoff a record was bundled with that
	// nobody has taken over yet; ErrNotFound when there is none.
	PendingTakeOver(ctx context.Context) (model.Handoff, error)
	// TakeOver makes name the manager using the record: a new profile, so
	// that past conversations still say who handled them; it is recorded.
	TakeOver(ctx context.Context, name string) (model.Manager, error)
	// PromisesOwnedBy counts the open follow-ups ReassignPromises(ctx, from)
	// would move.
	PromisesOwnedBy(ctx context.Context, from string) (int, error)
	// ReassignPromises gives the open promises and follow-ups owned by from
	// to the manager using the record, as one recorded step; it returns how
	// many moved.
	ReassignPromises(ctx context.Context, from string) (int, error)
}
