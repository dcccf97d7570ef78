package storage

import (
	"context"
	"errors"
	"strings"
	"testing"

	"rapport/model"
)

// mustTeam adds a team and returns it as stored.
func mustTeam(tb testing.TB, s *Store, name string) model.ProductTeam {
	tb.Helper()
	t := model.ProductTeam{Name: name}
	if err := s.CreateTeam(context.Background(), &t); err != nil {
		tb.Fatalf("CreateTeam(%q): %v", name, err)
	}
	return t
}

func TestTeams(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	core := model.ProductTeam{Name: "  Core  team ", Contact: "Ines  Silva", Reach: " core@example.org "}
	if err := s.CreateTeam(ctx, &core); err != nil {
		t.Fatal(err)
	}
	want := model.ProductTeam{ID: core.ID, Name: "Core team", Contact: "Ines Silva", Reach: "core@example.org", CreatedAt: fixedNow, UpdatedAt: fixedNow}
	if got, err := s.Team(ctx, core.ID); err != nil || got != want || core != want {
		t.Errorf("Team = %+v, %v; CreateTeam left %+v; want %+v", got, err, core, want)
	}
	docs := mustTeam(t, s, "Docs")
	qa := mustTeam(t, s, "qa")

	for _, c := range []struct {
		name string
		team model.ProductTeam
		is   error
		says string
	}{
		{"same name", model.ProductTeam{Name: "Docs"}, model.ErrConflict, `a team named "Docs" is in the record already`},
		{"same name without case", model.ProductTeam{Name: "CORE TEAM"}, model.ErrConflict, "in the record already"},
		{"no name", model.ProductTeam{Name: " "}, model.ErrInvalid, "name is required"},
		{"reach neither", model.ProductTeam{Name: "Design", Reach: "ask around"}, model.ErrInvalid, "neither a web address nor an email address"},
	} {
		err := s.CreateTeam(ctx, &c.team)
		if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: CreateTeam = %v, want %v saying %q", c.name, err, c.is, c.says)
		}
	}

	docs.Contact, docs.Reach = "Amara Okafor", "https://chat.example.org/#docs"
	at(s, fixedNow.Add(3600e9), func() {
		if err := s.UpdateTeam(ctx, &docs); err != nil {
			t.Fatal(err)
		}
	})
	if got, _ := s.Team(ctx, docs.ID); got.Contact != "Amara Okafor" || !got.UpdatedAt.Equal(fixedNow.Add(3600e9)) || !got.CreatedAt.Equal(fixedNow) {
		t.Errorf("after UpdateTeam: %+v", got)
	}
	renamed := qa
	renamed.Name = "docs"
	if err := s.UpdateTeam(ctx, &renamed); !errors.Is(err, model.ErrConflict) {
		t.Errorf("renaming a team to another's name = %v, want ErrConflict", err)
	}
	if got, err := s.TeamByName(ctx, " QA "); err != nil || got.ID != qa.ID {
		t.Errorf("TeamByName(QA) = %+v, %v; want the qa team", got, err)
	}
	if _, err := s.TeamByName(ctx, "Marketing"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("TeamByName(Marketing) = %v, want ErrNotFound", err)
	}

	// Archived teams keep their items and are offered for no new one.
	item := mustFeedback(t, s, model.Feedback{Title: "Typo in the guide", Kind: model.KindBug, TeamID: docs.ID})
	if err := s.SetTeamArchived(ctx, docs.ID, true); err != nil {
		t.Fatal(err)
	}
	names := func(withArchived bool) string {
		ts, err := s.Teams(ctx, withArchived)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tm := range ts {
			out = append(out, tm.Name)
		}
		return strings.Join(out, ", ")
	}
	if got, want := names(false), "Core team, qa"; got != want {
		t.Errorf("Teams() = %s, want %s", got, want)
	}
	if got, want := names(true), "Core team, Docs, qa"; got != want {
		t.Errorf("Teams(with archived) = %s, want %s", got, want)
	}
	f := model.Feedback{Title: "Another typo", Kind: model.KindBug, TeamID: docs.ID}
	if err := s.CreateFeedback(ctx, &f); !errors.Is(err, model.ErrConflict) || !strings.Contains(err.Error(), "archived") {
		t.Errorf("CreateFeedback for an archived team = %v, want ErrConflict saying it is archived", err)
	}
	item.Title = "Typo in the contributor guide"
	if err := s.UpdateFeedback(ctx, &item); err != nil {
		t.Errorf("UpdateFeedback of an item of an archived team = %v, want it kept", err)
	}

	// A team feedback points at is not deleted, deleted items included.
	if err := s.DeleteFeedback(ctx, item.ID); err != nil {
		t.Fatal(err)
	}
	err := s.DeleteTeam(ctx, docs.ID)
	if !errors.Is(err, model.ErrConflict) || !strings.Contains(err.Error(), "1 feedback item is for it") || !strings.Contains(err.Error(), "archive the team instead") {
		t.Errorf("DeleteTeam of a team with feedback = %v, want ErrConflict saying to archive it", err)
	}
	if _, err := s.Team(ctx, docs.ID); err != nil {
		t.Errorf("the team is gone after a refused delete: %v", err)
	}
	if err := s.DeleteTeam(ctx, qa.ID); err != nil {
		t.Errorf("DeleteTeam of a team without feedback = %v", err)
	}
	if _, err := s.Team(ctx, qa.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Team after DeleteTeam = %v, want ErrNotFound", err)
	}
	if err := s.SetTeamArchived(ctx, docs.ID, false); err != nil {
		t.Fatal(err)
	}
	if got := names(false); got != "Core team, Docs" {
		t.Errorf("Teams() after restoring Docs = %s", got)
	}
	for _, c := range []struct {
		name string
		err  error
	}{
		{"Team", func() error { _, err := s.Team(ctx, 999); return err }()},
		{"UpdateTeam", s.UpdateTeam(ctx, &model.ProductTeam{ID: 999, Name: "x"})},
		{"SetTeamArchived", s.SetTeamArchived(ctx, 999, true)},
		{"DeleteTeam", s.DeleteTeam(ctx, 999)},
	} {
		if !errors.Is(c.err, model.ErrNotFound) || !strings.Contains(c.err.Error(), "999") {
			t.Errorf("%s of a team not in the record = %v, want ErrNotFound naming it", c.name, c.err)
		}
	}
}
