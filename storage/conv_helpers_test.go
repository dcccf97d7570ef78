package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// daysAgo is fixedNow n days earlier (later for negative n).
func daysAgo(n int) time.Time { return fixedNow.AddDate(0, 0, -n) }

// at runs fn with the store's clock stopped at t (in the clock's zone),
// then puts the clock back.
func at(s *Store, t time.Time, fn func()) {
	clock := s.Now
	s.Now = func() time.Time { return t.In(clock().Location()) }
	defer func() { s.Now = clock }()
	fn()
}

// mustTalk logs a conversation with the members at t and returns it as
// stored.
func mustTalk(tb testing.TB, s *Store, t time.Time, members ...int64) model.Conversation {
	tb.Helper()
	c := model.Conversation{At: t, Channel: "chat", Subject: "Catching up", Participants: members}
	if err := s.CreateConversation(context.Background(), &c); err != nil {
		tb.Fatalf("CreateConversation(%v, %v): %v", t, members, err)
	}
	return c
}

// mustFollowUp stores a follow-up for members due on due and returns it.
func mustFollowUp(tb testing.TB, s *Store, what string, due time.Time, promise bool, members ...int64) model.FollowUp {
	tb.Helper()
	f := model.FollowUp{What: what, Due: due, Promise: promise, Members: members}
	if err := s.CreateFollowUp(context.Background(), &f); err != nil {
		tb.Fatalf("CreateFollowUp(%q): %v", what, err)
	}
	return f
}

// conversationDiff describes how got differs from want, or returns "".
func conversationDiff(got, want model.Conversation) string {
	var d []string
	add := func(field string, g, w any) { d = append(d, fmt.Sprintf("%s: got %#v, want %#v", field, g, w)) }
	if got.ID != want.ID {
		add("ID", got.ID, want.ID)
	}
	for _, f := range []struct {
		name string
		g, w string
	}{
		{"Channel", got.Channel, want.Channel}, {"Subject", got.Subject, want.Subject},
		{"Notes", got.Notes, want.Notes}, {"Link", got.Link, want.Link},
		{"HandledBy", got.HandledBy, want.HandledBy}, {"Tone", got.Tone, want.Tone},
	} {
		if f.g != f.w {
			add(f.name, f.g, f.w)
		}
	}
	if !slices.Equal(got.Participants, want.Participants) {
		add("Participants", got.Participants, want.Participants)
	}
	for _, f := range []struct {
		name string
		g, w time.Time
	}{
		{"At", got.At, want.At}, {"CreatedAt", got.CreatedAt, want.CreatedAt},
		{"UpdatedAt", got.UpdatedAt, want.UpdatedAt}, {"TrashedAt", got.TrashedAt, want.TrashedAt},
	} {
		if !f.g.Equal(f.w) {
			add(f.name, f.g, f.w)
		}
	}
	return strings.Join(d, "\n")
}

// whats lists what each follow-up says, for messages.
func whats(fs []model.FollowUpItem) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.What
	}
	return out
}

// dueNames lists the names of Today's members, for messages.
func dueNames(ms []model.MemberDue) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

// subjectsOf lists the subjects of conversations, for messages.
func subjectsOf(cs []model.ConversationItem) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Subject
	}
	return out
}

// lastContacted reads a member's last contact as the store keeps it.
func lastContacted(tb testing.TB, s *Store, id int64) time.Time {
	tb.Helper()
	m, err := s.Member(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return m.LastContacted
}
