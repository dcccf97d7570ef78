package storage

import (
	"context"
	"slices"
	"testing"

	"rapport/model"
)

// globalRecord is searchRecord with conversations and follow-ups about it.
func globalRecord(t *testing.T) (*Store, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	s := searchRecord(t)
	ids := map[string]int64{}
	ms, err := s.Members(ctx, model.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		ids[m.Name] = m.ID
	}
	talk := func(subject, notes string, members ...int64) {
		c := model.Conversation{At: daysAgo(len(ids)), Channel: "forum", Subject: subject, Notes: notes, Participants: members}
		if err := s.CreateConversation(ctx, &c); err != nil {
			t.Fatal(err)
		}
		ids[subject] = c.ID
	}
	talk("Café meetup in Umeå", "Björn brought kanelbullar.", ids["Björn Öberg"])
	talk("Release checklist review", "Walked through the steps.", ids["Chen Wei"], ids["Amara Okafor"])
	talk("Roadmap call 1", "", ids["Lena Oberg"])
	talk("Roadmap call 2", "", ids["Lena Oberg"])
	talk("Roadmap call 3", "", ids["Lena Oberg"])
	talk("Roadmap call deleted", "", ids["Lena Oberg"])
	if err := s.DeleteConversation(ctx, ids["Roadmap call deleted"]); err != nil {
		t.Fatal(err)
	}
	follow := func(what string, members ...int64) {
		f := model.FollowUp{What: what, Due: fixedNow, Promise: true, Members: members}
		if err := s.CreateFollowUp(ctx, &f); err != nil {
			t.Fatal(err)
		}
		ids[what] = f.ID
	}
	follow("Send José the résumé template", ids["José Núñez"])
	follow("Roadmap slides for Lena", ids["Lena Oberg"])
	follow("Roadmap survey", ids["Lena Oberg"])
	gone := mustCreate(t, s, newMember("Gone Gunnar"))
	follow("Roadmap notes for Gunnar", gone.ID)
	if err := s.TrashMember(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	return s, ids
}

func TestGlobalSearch(t *testing.T) {
	ctx := context.Background()
	s, ids := globalRecord(t)
	tests := []struct {
		text          string
		limit         int
		members       []string
		conversations []string
		followUps     []string
		more          [3]bool // members, conversations, follow-ups
	}{
		{"umea", 5, []string{"Björn Öberg"}, []string{"Café meetup in Umeå"}, nil, [3]bool{}},
		{"UMEÅ", 5, []string{"Björn Öberg"}, []string{"Café meetup in Umeå"}, nil, [3]bool{}},
		{"bjorn", 5, []string{"Björn Öberg"}, []string{"Café meetup in Umeå"}, nil, [3]bool{}},
		{"cafe", 5, nil, []string{"Café meetup in Umeå"}, nil, [3]bool{}},
		{"resume", 5, nil, nil, []string{"Send José the résumé template"}, [3]bool{}},
		{"jose", 5, []string{"José Núñez"}, nil, []string{"Send José the résumé template"}, [3]bool{}},
		{"release check", 5, []string{"Chen Wei"}, []string{"Release checklist review"}, nil, [3]bool{}},
		{"kanel", 5, nil, []string{"Café meetup in Umeå"}, nil, [3]bool{}},
		// Newest logged first; the deleted call and the follow-up of the
		// trash are not found.
		{"roadmap", 5, nil, []string{"Roadmap call 3", "Roadmap call 2", "Roadmap call 1"},
			[]string{"Roadmap survey", "Roadmap slides for Lena"}, [3]bool{}},
		{"roadmap", 2, nil, []string{"Roadmap call 3", "Roadmap call 2"},
			[]string{"Roadmap survey", "Roadmap slides for Lena"}, [3]bool{false, true, false}},
		{"roadmap", 1, nil, []string{"Roadmap call 3"}, []string{"Roadmap survey"}, [3]bool{false, true, true}},
		{"oberg", 1, []string{"Björn Öberg"}, nil, nil, [3]bool{true, false, false}},
		{"gunnar", 5, nil, nil, nil, [3]bool{}},
		{"deleted", 5, nil, nil, nil, [3]bool{}},
		{"", 5, nil, nil, nil, [3]bool{}},
		{"  \"*()", 5, nil, nil, nil, [3]bool{}},
	}
	for _, tt := range tests {
		r, err := s.GlobalSearch(ctx, tt.text, tt.limit)
		if err != nil {
			t.Errorf("GlobalSearch(%q): %v", tt.text, err)
			continue
		}
		if got := names(r.Members); !slices.Equal(got, tt.members) {
			t.Errorf("GlobalSearch(%q, %d) members = %q, want %q", tt.text, tt.limit, got, tt.members)
		}
		if got := subjectsOf(r.Conversations); !slices.Equal(got, tt.conversations) {
			t.Errorf("GlobalSearch(%q, %d) conversations = %q, want %q", tt.text, tt.limit, got, tt.conversations)
		}
		if got := whats(r.FollowUps); !slices.Equal(got, tt.followUps) {
			t.Errorf("GlobalSearch(%q, %d) follow-ups = %q, want %q", tt.text, tt.limit, got, tt.followUps)
		}
		if got := [3]bool{r.MoreMembers, r.MoreConversations, r.MoreFollowUps}; got != tt.more {
			t.Errorf("GlobalSearch(%q, %d) more = %v, want %v", tt.text, tt.limit, got, tt.more)
		}
	}
	r, err := s.GlobalSearch(ctx, "release", 5)
	if err != nil || len(r.Conversations) != 1 {
		t.Fatalf("GlobalSearch(release) = %+v, %v", r, err)
	}
	if got := r.Conversations[0].Names; !slices.Equal(got, []string{"Chen Wei", "Amara Okafor"}) {
		t.Errorf("participants' names = %q", got)
	}

	// The search follows edits and restores.
	c, err := s.Conversation(ctx, ids["Café meetup in Umeå"])
	if err != nil {
		t.Fatal(err)
	}
	c.Subject, c.Notes = "Fika in Umeå", ""
	if err := s.UpdateConversation(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreConversation(ctx, ids["Roadmap call deleted"]); err != nil {
		t.Fatal(err)
	}
	f, err := s.FollowUp(ctx, ids["Roadmap slides for Lena"])
	if err != nil {
		t.Fatal(err)
	}
	f.What = "Slides for Lena"
	if err := s.UpdateFollowUp(ctx, &f); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text          string
		conversations []string
		followUps     []string
	}{
		{"cafe", nil, nil},
		{"fika", []string{"Fika in Umeå"}, nil},
		{"deleted", []string{"Roadmap call deleted"}, nil},
		{"slides", nil, []string{"Slides for Lena"}},
		{"roadmap slides", nil, nil},
	} {
		r, err := s.GlobalSearch(ctx, c.text, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got := subjectsOf(r.Conversations); !slices.Equal(got, c.conversations) {
			t.Errorf("after edits, GlobalSearch(%q) conversations = %q, want %q", c.text, got, c.conversations)
		}
		if got := whats(r.FollowUps); !slices.Equal(got, c.followUps) {
			t.Errorf("after edits, GlobalSearch(%q) follow-ups = %q, want %q", c.text, got, c.followUps)
		}
	}
}

func TestGlobalSearchHostileInput(t *testing.T) {
	ctx := context.Background()
	s, _ := globalRecord(t)
	for _, text := range hostileInputs {
		for _, limit := range []int{-1, 0, 3} {
			if _, err := s.GlobalSearch(ctx, text, limit); err != nil {
				t.Errorf("GlobalSearch(%.40q, %d): %v", text, limit, err)
			}
		}
	}
	if n, err := s.CountConversations(ctx, model.ConversationFilter{}); err != nil || n != 5 {
		t.Errorf("record after hostile searches: %d conversations, %v; want 5", n, err)
	}
}
