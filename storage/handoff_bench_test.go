package storage_test

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/handoff"
)

// BenchmarkHandoff writes the handoff of the large record (LoadLarge's)
// with twenty key members, those it suggests first: gathering the record,
// building the account, and writing both the Markdown and the HTML
// document; for the whole community and for one tag, and each part alone.
// The documents of a handoff are not read as one types, so there is no
// percentile: the budget is on the mean.
func BenchmarkHandoff(b *testing.B) {
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(b.TempDir(), "large.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		b.Fatal(err)
	}
	if err := s.LoadLarge(ctx, storage.LargeRecord, nil); err != nil {
		b.Fatal(err)
	}
	tags, err := s.Tags(ctx)
	if err != nil || len(tags) == 0 {
		b.Fatalf("Tags() = %v, %v", tags, err)
	}
	handoffOf := func(tag string) model.Handoff {
		h := model.Handoff{From: "Sam Rivera", To: "Alex Kim", Date: now, Tag: tag,
			Narrative: map[string]string{"purpose": "Why the community exists.", "standing": "- a release\n- a sprint"}}
		sug, err := s.KeySuggestions(ctx, h, 20)
		if err != nil {
			b.Fatal(err)
		}
		for i, k := range sug {
			h.KeyMembers = append(h.KeyMembers, model.KeyMember{MemberID: k.MemberID, IncludePrivate: i%2 == 0})
		}
		return h
	}
	whole, tagged := handoffOf(""), handoffOf(tags[0])
	write := func(b *testing.B, d model.HandoffDocument) {
		if err := handoff.Markdown(io.Discard, d); err != nil {
			b.Fatal(err)
		}
		if err := handoff.HTML(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		h    model.Handoff
	}{{"whole", whole}, {"tag", tagged}} {
		b.Run(c.name, func(b *testing.B) {
			var d model.HandoffDocument
			for b.Loop() {
				if d, err = s.PreviewHandoff(ctx, c.h); err != nil {
					b.Fatal(err)
				}
				write(b, d)
			}
			a := d.Account
			b.ReportMetric(float64(a.Members), "members")
			b.ReportMetric(float64(len(a.OpenPromises)), "promises")
			b.ReportMetric(float64(len(a.GoingQuiet)), "quiet")
		})
	}
	b.Run("whole/record", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.HandoffRecord(ctx, whole); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("whole/build", func(b *testing.B) {
		rec, err := s.HandoffRecord(ctx, whole)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			model.BuildHandoffAccount(whole, rec, time.UTC)
		}
	})
	b.Run("whole/write", func(b *testing.B) {
		d, err := s.PreviewHandoff(ctx, whole)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			write(b, d)
		}
	})
	b.Run("suggestions", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.KeySuggestions(ctx, whole, 20); err != nil {
				b.Fatal(err)
			}
		}
	})
}
