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

// handoffFixture is a small record: Amara and Björn tagged docs, Chen with
// no tag, Dana tagged docs and in the trash; conversations, follow-ups and
// feedback between them.
type handoffFixture struct {
	amara, bjorn, chen, dana model.Member
	bjornTalks               []int64 // Björn's living conversations, oldest first
	amaraFU, chenFU          int64
	tellBjorn                int64 // the promise to tell Björn about the crash
	typo, crash              int64 // in flight; shipped, Björn not told
}

func newHandoffFixture(t *testing.T, s *Store) handoffFixture {
	t.Helper()
	ctx := context.Background()
	var f handoffFixture
	f.amara = mustCreate(t, s, newMember("Amara", "docs"))
	f.bjorn = mustCreate(t, s, newMember("Björn", "Docs"))
	f.chen = mustCreate(t, s, newMember("Chen"))
	f.dana = mustCreate(t, s, newMember("Dana", "docs"))

	both := mustTalk(t, s, daysAgo(40), f.amara.ID, f.bjorn.ID)
	b1 := mustTalk(t, s, daysAgo(30), f.bjorn.ID)
	b2 := mustTalk(t, s, daysAgo(20), f.bjorn.ID)
	gone := mustTalk(t, s, daysAgo(10), f.bjorn.ID)
	if err := s.DeleteConversation(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	mustTalk(t, s, daysAgo(5), f.chen.ID)
	mustTalk(t, s, daysAgo(5), f.dana.ID)
	f.bjornTalks = []int64{both.ID, b1.ID, b2.ID}

	f.amaraFU = mustFollowUp(t, s, "send Amara the guide", daysAgo(-3), true, f.amara.ID).ID
	f.chenFU = mustFollowUp(t, s, "ask Chen", daysAgo(2), false, f.chen.ID).ID
	mustFollowUp(t, s, "only Dana's", daysAgo(2), true, f.dana.ID)
	done := mustFollowUp(t, s, "done for Björn", daysAgo(2), true, f.bjorn.ID)
	if err := s.SetFollowUpStatus(ctx, done.ID, model.FollowUpDone); err != nil {
		t.Fatal(err)
	}

	team := model.ProductTeam{Name: "Core"}
	if err := s.CreateTeam(ctx, &team); err != nil {
		t.Fatal(err)
	}
	raise := func(m model.Member) model.Raise { return model.Raise{MemberID: m.ID, Quote: m.Name + " said so"} }
	f.typo = mustFeedback(t, s, model.Feedback{Title: "Typo", Kind: model.KindBug}, raise(f.amara), raise(f.chen)).ID
	f.crash = mustFeedback(t, s, model.Feedback{Title: "Crash", Kind: model.KindBug, TeamID: team.ID}, raise(f.bjorn), raise(f.amara)).ID
	mustStatus(t, s, f.crash, model.FeedbackHandedOff, "")
	mustStatus(t, s, f.crash, model.FeedbackShipped, "in 4.9")
	if err := s.MarkTold(ctx, f.crash, f.amara.ID); err != nil {
		t.Fatal(err)
	}
	for _, l := range mustDetail(t, s, f.crash).Loop {
		if l.MemberID == f.bjorn.ID {
			f.tellBjorn = l.FollowUpID
		}
	}
	told := mustFeedback(t, s, model.Feedback{Title: "Told", Kind: model.KindIdea, TeamID: team.ID}, raise(f.amara)).ID
	mustStatus(t, s, told, model.FeedbackDeclined, "")
	if err := s.MarkTold(ctx, told, f.amara.ID); err != nil {
		t.Fatal(err)
	}
	binned := mustFeedback(t, s, model.Feedback{Title: "Binned", Kind: model.KindIdea}, raise(f.amara)).ID
	if err := s.DeleteFeedback(ctx, binned); err != nil {
		t.Fatal(err)
	}
	if err := s.TrashMember(ctx, f.dana.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestHandoffRecord(t *testing.T) {
	s := MustOpenDB(t)
	ctx := context.Background()
	f := newHandoffFixture(t, s)
	memberNames := func(ms []model.Member) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Name)
		}
		return out
	}
	followUps := func(fs []model.FollowUp) []int64 {
		var out []int64
		for _, fu := range fs {
			out = append(out, fu.ID)
		}
		return out
	}
	items := func(fs []model.Feedback) []string {
		var out []string
		for _, it := range fs {
			out = append(out, it.Title)
		}
		return out
	}
	raisers := func(rs []model.Raise) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%d:%d:%t", r.FeedbackID, r.MemberID, r.Told()))
		}
		slices.Sort(out)
		return out
	}
	raiseOf := func(item int64, m model.Member, told bool) string {
		return fmt.Sprintf("%d:%d:%t", item, m.ID, told)
	}
	tests := []struct {
		name          string
		h             model.Handoff
		members       []string
		conversations []int64
		followUps     []int64
		feedback      []string
		raises        []string
	}{
		{
			name:          "whole community",
			h:             model.Handoff{From: "Sam", Date: fixedNow, KeyMembers: []model.KeyMember{{MemberID: f.bjorn.ID}}},
			members:       []string{"Amara", "Björn", "Chen"},
			conversations: f.bjornTalks,
			followUps:     []int64{f.chenFU, f.amaraFU, f.tellBjorn},
			feedback:      []string{"Typo", "Crash"},
			raises: slices.Sorted(slices.Values([]string{raiseOf(f.typo, f.amara, false), raiseOf(f.typo, f.chen, false),
				raiseOf(f.crash, f.bjorn, false), raiseOf(f.crash, f.amara, true)})),
		},
		{
			name:      "a tag, without case; Dana's conversations are not read",
			h:         model.Handoff{From: "Sam", Date: fixedNow, Tag: "DOCS", KeyMembers: []model.KeyMember{{MemberID: f.dana.ID}}},
			members:   []string{"Amara", "Björn"},
			feedback:  []string{"Typo", "Crash"},
			followUps: []int64{f.amaraFU, f.tellBjorn},
			raises: slices.Sorted(slices.Values([]string{raiseOf(f.typo, f.amara, false),
				raiseOf(f.crash, f.bjorn, false), raiseOf(f.crash, f.amara, true)})),
		},
		{
			name:     "a key member out of scope",
			h:        model.Handoff{From: "Sam", Date: fixedNow, Tag: "none", KeyMembers: []model.KeyMember{{MemberID: f.bjorn.ID}}},
			members:  nil,
			feedback: nil,
		},
	}
	for _, tt := range tests {
		rec, err := s.HandoffRecord(ctx, tt.h)
		if err != nil {
			t.Fatalf("%s: HandoffRecord: %v", tt.name, err)
		}
		var convs []int64
		for _, c := range rec.Conversations {
			convs = append(convs, c.ID)
		}
		for _, c := range []struct {
			what      string
			got, want any
		}{
			{"members", memberNames(rec.Members), tt.members},
			{"conversations", convs, tt.conversations},
			{"follow-ups", followUps(rec.FollowUps), tt.followUps},
			{"feedback", items(rec.Feedback), tt.feedback},
			{"raises", raisers(rec.Raises), tt.raises},
		} {
			if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
				t.Errorf("%s: %s = %v, want %v", tt.name, c.what, c.got, c.want)
			}
		}
	}

	rec, err := s.HandoffRecord(ctx, model.Handoff{From: "Sam", Date: fixedNow, KeyMembers: []model.KeyMember{{MemberID: f.bjorn.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rec.Members {
		switch m.Name {
		case "Björn":
			if !m.LastContacted.Equal(daysAgo(20)) {
				t.Errorf("Björn last contacted %v, want %v (his deleted conversation does not count)", m.LastContacted, daysAgo(20))
			}
			if got, want := rec.QuietAfter[m.ID], model.QuietAfter([]time.Time{daysAgo(40), daysAgo(30), daysAgo(20)}); !got.Equal(want) {
				t.Errorf("Björn quiet after %v, want %v", got, want)
			}
			if !slices.Equal(m.Tags, []string{"Docs"}) || !slices.Equal(m.Emails, f.bjorn.Emails) {
				t.Errorf("key member Björn read with tags %v and emails %v", m.Tags, m.Emails)
			}
		case "Amara":
			if _, ok := rec.QuietAfter[m.ID]; ok {
				t.Errorf("Amara, with one conversation, has a quiet-after")
			}
			if !slices.Equal(m.Tags, []string{"docs"}) {
				t.Errorf("Amara's tags = %v, want [docs]", m.Tags)
			}
		}
	}
	if f.tellBjorn == 0 || rec.LoopPromises[f.tellBjorn] != f.crash || !slices.ContainsFunc(rec.FollowUps, func(fu model.FollowUp) bool {
		return fu.ID == f.tellBjorn && slices.Contains(fu.Members, f.bjorn.ID)
	}) {
		t.Errorf("the open promise to tell Björn about the crash is not among the follow-ups (%v)", rec.LoopPromises)
	}
	if len(rec.Teams) != 1 || rec.Teams[0].Name != "Core" {
		t.Errorf("teams = %v, want Core", rec.Teams)
	}
}

func TestPreviewHandoff(t *testing.T) {
	s := MustOpenDB(t)
	ctx := context.Background()
	f := newHandoffFixture(t, s)
	h := model.Handoff{From: "Sam", To: "Alex", Date: fixedNow, KeyMembers: []model.KeyMember{{MemberID: f.bjorn.ID}, {MemberID: f.dana.ID}}}
	d, err := s.PreviewHandoff(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	if d.Handoff.To != "Alex" || d.Account.Members != 3 {
		t.Errorf("preview is of %q with %d members, want Alex and 3", d.Handoff.To, d.Account.Members)
	}
	if len(d.Account.KeyMembers) != 1 || d.Account.KeyMembers[0].Conversations != 3 {
		t.Fatalf("key members = %+v, want Björn with 3 conversations", d.Account.KeyMembers)
	}
	if got := d.Account.WaitingToHear; len(got) != 1 || got[0].MemberID != f.bjorn.ID || got[0].FollowUpID != f.tellBjorn {
		t.Errorf("waiting to hear back = %+v, want Björn, with his promise", got)
	}
	if !d.Account.AsOf.Equal(model.Day(fixedNow, fixedNow.Location())) {
		t.Errorf("as of %v, want the day of %v", d.Account.AsOf, fixedNow)
	}

	sug, err := s.KeySuggestions(ctx, model.Handoff{From: "Sam", Date: fixedNow, KeyMembers: []model.KeyMember{{MemberID: f.chen.ID}}}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range sug {
		got = append(got, k.Name+": "+strings.Join(k.Reasons, ", "))
	}
	want := []string{
		"Björn: 1 open promise, waiting to hear back, talked 20 days ago",
		"Amara: 1 open promise, feedback in flight",
	}
	if !slices.Equal(got, want) {
		t.Errorf("suggestions = %q, want %q", got, want)
	}
}

// TestHandoffQueryPlans fails when a query behind a handoff stops using its
// index: each reads a part of a large record, never a whole table of
// conversations, follow-ups or raises.
func TestHandoffQueryPlans(t *testing.T) {
	s := MustOpenDB(t)
	fillRecord(t, s, 300)
	fillHistory(t, s, 300, 1500, 300)
	fillFeedback(t, s, 300, 1500, 200, 1000)
	tests := []struct {
		name  string
		query string
		args  []any
		want  []string // what steps of the plan must say
	}{
		{"members of a tag", `SELECT m.id FROM members AS m WHERE m.trashed_at IS NULL AND m.id IN (` + taggedMembers + `) ORDER BY m.id`,
			[]any{"docs"}, []string{"INDEX member_tags_page (tag=? AND member_trashed=?)"}},
		{"tags of a tag's members", `SELECT t.member_id, t.tag FROM member_tags AS t
			WHERE t.member_id IN (` + taggedMembers + `) ORDER BY t.member_id, t.position`,
			[]any{"docs"}, []string{"INDEX member_tags_page (tag=? AND member_trashed=?)", "PRIMARY KEY (member_id=?)"}},
		{"key members' conversations", listMemberConversations, []any{"[1,2,3]"},
			[]string{"INDEX conversation_participants_member (member_id=? AND trashed=?)", "USING INTEGER PRIMARY KEY (rowid=?)"}},
		{"open follow-ups", listOpenFollowUps, nil, []string{"INDEX follow_ups_status (status=?)"}},
		{"their members", listOpenFollowUpMembers, nil, []string{"INDEX follow_ups_status (status=?)", "PRIMARY KEY (follow_up_id=?)"}},
		{"promises to tell", listOpenLoopPromises, nil, []string{"INDEX follow_ups_status (status=?)", "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"}},
		{"items' raises", listItemRaises, []any{"[1,2,3]"}, []string{"(feedback_id=?)"}},
		{"items in flight or waiting", listHandoffFeedback, nil, []string{"INDEX feedback_status (status=?)", "COVERING INDEX feedback_raises_waiting"}},
	}
	for _, stats := range []bool{false, true} {
		if stats {
			if _, err := s.db.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s stats=%v", tt.name, stats), func(t *testing.T) {
				plan := queryPlan(t, s, tt.query, tt.args...)
				for _, want := range tt.want {
					if !slices.ContainsFunc(plan, func(p planStep) bool { return strings.Contains(p.detail, want) }) {
						t.Errorf("plan lacks %q", want)
					}
				}
				for _, p := range plan {
					for _, table := range []string{"conversations", "conversation_participants", "follow_ups", "follow_up_members", "feedback", "feedback_raises", "f", "r", "p", "fm", "c"} {
						if p.detail == "SCAN "+table || strings.HasPrefix(p.detail, "SCAN "+table+" ") && !strings.Contains(p.detail, "INDEX") {
							t.Errorf("step %q reads a whole table", p.detail)
						}
					}
				}
				if t.Failed() || testing.Verbose() {
					t.Logf("plan:\n%s", strings.Join(strings.Fields(fmt.Sprint(plan)), " "))
				}
			})
		}
	}
}
