package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"rapport/model"
)

func TestConversationRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	amara := mustCreate(t, s, newMember("Amara Okafor"))
	bjorn := mustCreate(t, s, newMember("Björn Öberg"))
	when := time.Date(2025, 3, 10, 18, 30, 0, 0, time.FixedZone("UTC+1", 3600))
	c := model.Conversation{
		At: when, Channel: " Video ", Subject: "  Docs   sprint ", Notes: " Wants a mentor. ",
		Link: "https://forum.example.org/t/42", Tone: "Warm",
		Participants: []int64{bjorn.ID, amara.ID, bjorn.ID},
	}
	if err := s.CreateConversation(ctx, &c); err != nil {
		t.Fatalf("CreateConversation: %v", err)
	}
	want := model.Conversation{
		ID: c.ID, At: when, Channel: "video", Subject: "Docs sprint", Notes: "Wants a mentor.",
		Link: "https://forum.example.org/t/42", Tone: "warm", HandledBy: "Sam Rivera",
		Participants: []int64{bjorn.ID, amara.ID}, CreatedAt: fixedNow, UpdatedAt: fixedNow,
	}
	if c.ID <= 0 {
		t.Fatalf("CreateConversation set ID %d, want a positive id", c.ID)
	}
	if d := conversationDiff(c, want); d != "" {
		t.Errorf("conversation after CreateConversation:\n%s", d)
	}
	got, err := s.Conversation(ctx, c.ID)
	if err != nil {
		t.Fatalf("Conversation: %v", err)
	}
	if d := conversationDiff(got, want); d != "" {
		t.Errorf("Conversation(%d):\n%s", c.ID, d)
	}
	if got.At.Location() != time.UTC {
		t.Errorf("At in %v, want UTC", got.At.Location())
	}
	page, err := s.Conversations(ctx, model.ConversationFilter{})
	if err != nil || len(page) != 1 {
		t.Fatalf("Conversations = %d, %v; want the conversation", len(page), err)
	}
	if d := conversationDiff(page[0].Conversation, want); d != "" {
		t.Errorf("Conversations()[0]:\n%s", d)
	}
	if want := []string{"Björn Öberg", "Amara Okafor"}; !slices.Equal(page[0].Names, want) {
		t.Errorf("Names = %q, want %q", page[0].Names, want)
	}
}

func TestHandledBy(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara Okafor"))
	before := mustTalk(t, s, daysAgo(1), m.ID)
	if before.HandledBy != "" {
		t.Errorf("HandledBy before SetMe = %q, want empty", before.HandledBy)
	}
	if _, err := s.SetMe(ctx, "Sam Rivera"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, handledBy, want string
	}{
		{"stamped with me", "", "Sam Rivera"},
		{"another manager", "  Alex   Kim ", "Alex Kim"},
	}
	for _, tt := range tests {
		c := model.Conversation{At: daysAgo(1), Channel: "email", Participants: []int64{m.ID}, HandledBy: tt.handledBy}
		if err := s.CreateConversation(ctx, &c); err != nil {
			t.Fatal(err)
		}
		got, err := s.Conversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.HandledBy != tt.want || c.HandledBy != tt.want {
			t.Errorf("%s: HandledBy = %q stored, %q returned; want %q", tt.name, got.HandledBy, c.HandledBy, tt.want)
		}
	}
	names, err := s.ConversationHandlers(ctx)
	if err != nil || !slices.Equal(names, []string{"Alex Kim", "Sam Rivera"}) {
		t.Errorf("ConversationHandlers = %q, %v; want both managers (the unnamed left out)", names, err)
	}
}

func TestConversationRefused(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara Okafor"))
	tests := []struct {
		name   string
		c      model.Conversation
		fields []string
		is     error
	}{
		{"empty", model.Conversation{}, []string{model.FieldWhen, model.FieldChannel, model.FieldParticipants}, model.ErrInvalid},
		{"bad link and tone", model.Conversation{At: fixedNow, Channel: "chat", Participants: []int64{m.ID}, Link: "javascript:alert(1)", Tone: "angry"},
			[]string{model.FieldLink, model.FieldTone}, model.ErrInvalid},
		{"unknown member", model.Conversation{At: fixedNow, Channel: "chat", Participants: []int64{m.ID, 999}}, nil, model.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			err := s.CreateConversation(ctx, &c)
			if !errors.Is(err, tt.is) {
				t.Fatalf("CreateConversation = %v, want %v", err, tt.is)
			}
			var v model.ValidationError
			if errors.As(err, &v) {
				for _, f := range tt.fields {
					if v.Problem(f) == "" {
						t.Errorf("CreateConversation = %v, want a problem with %q", err, f)
					}
				}
			}
			if c.ID != 0 {
				t.Errorf("ID = %d after a refused create, want 0", c.ID)
			}
		})
	}
	if n, err := s.CountConversations(ctx, model.ConversationFilter{}); err != nil || n != 0 {
		t.Errorf("CountConversations = %d, %v after refused creates; want 0", n, err)
	}
	if lastContacted(t, s, m.ID) != (time.Time{}) {
		t.Error("a refused conversation set the last contact")
	}
	missing := model.Conversation{ID: 404, At: fixedNow, Channel: "chat", Participants: []int64{m.ID}}
	if err := s.UpdateConversation(ctx, &missing); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("UpdateConversation of a missing one = %v, want ErrNotFound", err)
	}
	for name, fn := range map[string]func(context.Context, int64) error{
		"Delete": s.DeleteConversation, "Restore": s.RestoreConversation, "Purge": s.PurgeConversation,
	} {
		if err := fn(ctx, 404); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%sConversation(404) = %v, want ErrNotFound", name, err)
		}
	}
	if _, err := s.Conversation(ctx, 404); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Conversation(404) = %v, want ErrNotFound", err)
	}
}

// TestLastContacted follows each participant's last contact through
// creating, editing, deleting, restoring and purging conversations.
func TestLastContacted(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	a := mustCreate(t, s, newMember("Amara")).ID
	b := mustCreate(t, s, newMember("Björn")).ID
	c := mustCreate(t, s, newMember("Chen")).ID
	var older, newer model.Conversation
	steps := []struct {
		name string
		do   func() error
		want map[int64]time.Time
	}{
		{"log with two", func() error {
			older = mustTalk(t, s, daysAgo(10), a, b)
			return nil
		}, map[int64]time.Time{a: daysAgo(10), b: daysAgo(10), c: {}}},
		{"log a newer one with one", func() error {
			newer = mustTalk(t, s, daysAgo(3), a)
			return nil
		}, map[int64]time.Time{a: daysAgo(3), b: daysAgo(10), c: {}}},
		{"log an older one: the newest stays", func() error {
			mustTalk(t, s, daysAgo(30), a)
			return nil
		}, map[int64]time.Time{a: daysAgo(3), b: daysAgo(10), c: {}}},
		{"move the newer one to Chen, later", func() error {
			newer.Participants, newer.At = []int64{c}, daysAgo(1)
			return s.UpdateConversation(ctx, &newer)
		}, map[int64]time.Time{a: daysAgo(10), b: daysAgo(10), c: daysAgo(1)}},
		{"delete the older one", func() error { return s.DeleteConversation(ctx, older.ID) },
			map[int64]time.Time{a: daysAgo(30), b: {}, c: daysAgo(1)}},
		{"restore it", func() error { return s.RestoreConversation(ctx, older.ID) },
			map[int64]time.Time{a: daysAgo(10), b: daysAgo(10), c: daysAgo(1)}},
		{"delete and purge it", func() error {
			if err := s.DeleteConversation(ctx, older.ID); err != nil {
				return err
			}
			return s.PurgeConversation(ctx, older.ID)
		}, map[int64]time.Time{a: daysAgo(30), b: {}, c: daysAgo(1)}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for id, want := range st.want {
			if got := lastContacted(t, s, id); !got.Equal(want) {
				t.Errorf("%s: member %d last contacted %v, want %v", st.name, id, got, want)
			}
		}
	}
}

func TestConversationTrash(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	m := mustCreate(t, s, newMember("Amara")).ID
	c := mustTalk(t, s, daysAgo(2), m)
	keep := mustTalk(t, s, daysAgo(1), m)
	f := mustFollowUp(t, s, "send the notes", fixedNow, true, m)
	f.ConversationID = c.ID
	if err := s.UpdateFollowUp(ctx, &f); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeConversation(ctx, c.ID); !errors.Is(err, model.ErrConflict) {
		t.Errorf("PurgeConversation of a living one = %v, want ErrConflict", err)
	}
	later := fixedNow.Add(time.Hour)
	at(s, later, func() {
		for range 2 { // deleting twice changes nothing
			if err := s.DeleteConversation(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
		}
	})
	list := func(f model.ConversationFilter) []int64 {
		t.Helper()
		cs, err := s.Conversations(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		return ids
	}
	if got := list(model.ConversationFilter{}); !slices.Equal(got, []int64{keep.ID}) {
		t.Errorf("living conversations = %v, want %v", got, []int64{keep.ID})
	}
	if got := list(model.ConversationFilter{Trashed: true}); !slices.Equal(got, []int64{c.ID}) {
		t.Errorf("deleted conversations = %v, want %v", got, []int64{c.ID})
	}
	if got := list(model.ConversationFilter{MemberID: m}); !slices.Equal(got, []int64{keep.ID}) {
		t.Errorf("member's conversations = %v, want %v", got, []int64{keep.ID})
	}
	if got, err := s.Conversation(ctx, c.ID); err != nil || !got.TrashedAt.Equal(later) {
		t.Errorf("deleted conversation: TrashedAt %v, %v; want %v", got.TrashedAt, err, later)
	}
	// Editing a deleted conversation keeps it deleted.
	c.Subject = "edited in the trash"
	if err := s.UpdateConversation(ctx, &c); err != nil || !c.InTrash() {
		t.Errorf("UpdateConversation of a deleted one = %v, in trash %v; want it kept there", err, c.InTrash())
	}
	if err := s.RestoreConversation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := list(model.ConversationFilter{}); !slices.Equal(got, []int64{keep.ID, c.ID}) {
		t.Errorf("living conversations after restoring = %v, want %v", got, []int64{keep.ID, c.ID})
	}
	if err := s.DeleteConversation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeConversation(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Conversation(ctx, c.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Conversation after purge = %v, want ErrNotFound", err)
	}
	// The follow-up that came of it stays, without the link.
	if got, err := s.FollowUp(ctx, f.ID); err != nil || got.ConversationID != 0 {
		t.Errorf("follow-up after purging its conversation: conversation %d, %v; want 0", got.ConversationID, err)
	}
}

func TestConversationsFilterAndPages(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	const members, conversations = 40, 300
	fillRecord(t, s, members)
	fillHistory(t, s, members, conversations, 0)
	for id := int64(3); id <= conversations; id += 31 {
		if err := s.DeleteConversation(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.Conversations(ctx, model.ConversationFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	deleted, err := s.Conversations(ctx, model.ConversationFilter{Trashed: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(all)+len(deleted) != conversations || len(deleted) == 0 {
		t.Fatalf("%d living and %d deleted conversations, want %d in all", len(all), len(deleted), conversations)
	}
	newestFirst := func(a, b model.ConversationItem) int {
		if c := b.At.Compare(a.At); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	}
	if !slices.IsSortedFunc(all, newestFirst) {
		t.Error("conversations are not newest first")
	}
	// A conversation of member 7 gives the filters that keep it.
	i := slices.IndexFunc(all, func(c model.ConversationItem) bool { return slices.Contains(c.Participants, 7) })
	if i < 0 {
		t.Fatal("member 7 has no conversation; the test needs some")
	}
	seven := all[i]
	from, to := seven.At.AddDate(0, 0, -60), seven.At.Add(time.Second)
	tests := []struct {
		name string
		f    model.ConversationFilter
		keep func(model.ConversationItem) bool
	}{
		{"all", model.ConversationFilter{}, func(model.ConversationItem) bool { return true }},
		{"channel", model.ConversationFilter{Channel: "Email"}, func(c model.ConversationItem) bool { return c.Channel == "email" }},
		{"handled by", model.ConversationFilter{HandledBy: "alex KIM"}, func(c model.ConversationItem) bool { return c.HandledBy == "Alex Kim" }},
		{"from", model.ConversationFilter{From: from}, func(c model.ConversationItem) bool { return !c.At.Before(from) }},
		{"to", model.ConversationFilter{To: to}, func(c model.ConversationItem) bool { return c.At.Before(to) }},
		{"member", model.ConversationFilter{MemberID: 7}, func(c model.ConversationItem) bool { return slices.Contains(c.Participants, 7) }},
		{"everything at once", model.ConversationFilter{MemberID: 7, Channel: seven.Channel, HandledBy: seven.HandledBy, From: from, To: to},
			func(c model.ConversationItem) bool {
				return slices.Contains(c.Participants, 7) && c.Channel == seven.Channel && c.HandledBy == seven.HandledBy &&
					!c.At.Before(from) && c.At.Before(to)
			}},
		{"member and dates", model.ConversationFilter{MemberID: 7, From: from, To: to},
			func(c model.ConversationItem) bool {
				return slices.Contains(c.Participants, 7) && !c.At.Before(from) && c.At.Before(to)
			}},
		{"channel and handler", model.ConversationFilter{Channel: "forum", HandledBy: "Jo Park"},
			func(c model.ConversationItem) bool { return c.Channel == "forum" && c.HandledBy == "Jo Park" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []int64
			for _, c := range all {
				if tt.keep(c) {
					want = append(want, c.ID)
				}
			}
			if len(want) == 0 {
				t.Fatal("the filter keeps nothing; the test needs some")
			}
			var got []int64
			f := tt.f
			for f.Limit, f.Offset = 7, 0; f.Offset < len(want)+7; f.Offset += 7 {
				page, err := s.Conversations(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range page {
					got = append(got, c.ID)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages of %+v = %v\nwant %v", tt.f, got, want)
			}
			if n, err := s.CountConversations(ctx, tt.f); err != nil || n != len(want) {
				t.Errorf("CountConversations(%+v) = %d, %v; want %d", tt.f, n, err, len(want))
			}
		})
	}
}
