package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"rapport/model"
)

func TestMe(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.Me(ctx); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("Me before SetMe = %v, want ErrNotFound", err)
	}

	me, err := s.SetMe(ctx, "  Sam   Rivera ")
	if err != nil {
		t.Fatalf("SetMe: %v", err)
	}
	want := model.Manager{ID: me.ID, Name: "Sam Rivera", CreatedAt: fixedNow}
	if me.ID <= 0 || me.Name != want.Name || !me.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("SetMe = %+v, want %+v with an id", me, want)
	}
	if got, err := s.Me(ctx); err != nil || got.ID != want.ID || got.Name != want.Name || !got.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("Me = %+v, %v; want %+v", got, err, want)
	}

	// A later SetMe renames the same manager.
	s.Now = func() time.Time { return fixedNow.Add(time.Hour) }
	renamed, err := s.SetMe(ctx, "Sam R.")
	if err != nil {
		t.Fatal(err)
	}
	if renamed.ID != me.ID || renamed.Name != "Sam R." || !renamed.CreatedAt.Equal(fixedNow) {
		t.Errorf("SetMe again = %+v, want manager %d renamed, created %v", renamed, me.ID, fixedNow)
	}
	if got, _ := s.Me(ctx); got.Name != "Sam R." {
		t.Errorf("Me after renaming = %q, want %q", got.Name, "Sam R.")
	}

	for _, name := range []string{"", "   ", "\t\n"} {
		_, err := s.SetMe(ctx, name)
		v, ok := err.(model.ValidationError)
		if !ok || v.Problem(model.FieldManagerName) == "" {
			t.Errorf("SetMe(%q) = %v, want a ValidationError on %q", name, err, model.FieldManagerName)
		}
	}
	if got, _ := s.Me(ctx); got.Name != "Sam R." {
		t.Errorf("Me after refused SetMe = %q, want it unchanged", got.Name)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	got, err := s.Settings(ctx)
	if err != nil || got != model.DefaultSettings {
		t.Fatalf("Settings of a new record = %+v, %v; want %+v", got, err, model.DefaultSettings)
	}
	for _, bad := range []int{0, -1, model.MaxCadenceDays + 1} {
		err := s.SetSettings(ctx, model.Settings{DefaultCadenceDays: bad})
		v, ok := err.(model.ValidationError)
		if !ok || v.Problem(model.FieldDefaultDays) == "" {
			t.Errorf("SetSettings(%d days) = %v, want a ValidationError on %q", bad, err, model.FieldDefaultDays)
		}
	}
	for _, days := range []int{45, 7} {
		if err := s.SetSettings(ctx, model.Settings{DefaultCadenceDays: days}); err != nil {
			t.Fatalf("SetSettings(%d): %v", days, err)
		}
		if got, err := s.Settings(ctx); err != nil || got.DefaultCadenceDays != days {
			t.Errorf("Settings = %+v, %v; want %d days", got, err, days)
		}
	}
	if model.DefaultSettings.DefaultCadenceDays != 90 {
		t.Errorf("model.DefaultSettings changed to %+v", model.DefaultSettings)
	}
}
