package storage

import (
	"context"
	"errors"
	"testing"

	"rapport/model"
)

func TestLoadSample(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	sample := model.SampleCommunity(fixedNow)
	if err := s.LoadSample(ctx); err != nil {
		t.Fatalf("LoadSample: %v", err)
	}
	count := func() int {
		t.Helper()
		living, err1 := s.CountMembers(ctx, model.MemberFilter{})
		trashed, err2 := s.CountMembers(ctx, model.MemberFilter{Trashed: true})
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		return living + trashed
	}
	if n := count(); n != len(sample) {
		t.Errorf("record holds %d members after LoadSample, want %d", n, len(sample))
	}
	checkCopies(t, s)
	for _, want := range sample {
		want.Normalize()
		found, err := s.Members(ctx, model.MemberFilter{Text: want.Name, Trashed: want.InTrash(), Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var got *model.Member
		for i := range found {
			if found[i].Name == want.Name {
				got = &found[i]
			}
		}
		if got == nil {
			t.Errorf("sample member %q not found by name", want.Name)
			continue
		}
		if want.CreatedBy == "" && got.CreatedBy != "Sam Rivera" {
			t.Errorf("%q created by %q, want Sam Rivera", want.Name, got.CreatedBy)
		}
		if want.CreatedAt.IsZero() && !got.CreatedAt.Equal(fixedNow) {
			t.Errorf("%q created at %v, want %v", want.Name, got.CreatedAt, fixedNow)
		}
	}

	err := s.LoadSample(ctx)
	if !errors.Is(err, model.ErrConflict) {
		t.Errorf("second LoadSample = %v, want ErrConflict", err)
	}
	if n := count(); n != len(sample) {
		t.Errorf("record holds %d members after a refused LoadSample, want %d", n, len(sample))
	}
}

func TestLoadSampleRefusesTrashedMembers(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Real Person"))
	if err := s.TrashMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadSample(ctx); !errors.Is(err, model.ErrConflict) {
		t.Errorf("LoadSample with a member in the trash = %v, want ErrConflict", err)
	}
	if n, _ := s.CountMembers(ctx, model.MemberFilter{}); n != 0 {
		t.Errorf("%d living members after a refused LoadSample, want 0", n)
	}
}
