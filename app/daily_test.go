package app

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
)

// record is a seeded record's members by name, with what the seed logged.
type record struct {
	ids map[string]int64
}

// seedDaily says who the manager is and adds members as the record would have
// them half a year ago, so that each is due for a check-in today; then fill
// logs what it likes, the clock set to testNow again.
func seedDaily(rec *record, fill func(ctx context.Context, st *storage.Store, ids map[string]int64), members ...model.Member) func(*storage.Store) {
	return func(st *storage.Store) {
		ctx := context.Background()
		st.Now = func() time.Time { return testNow.AddDate(0, -6, 0) }
		if _, err := st.SetMe(ctx, "Sam"); err != nil {
			panic(err)
		}
		rec.ids = map[string]int64{}
		for _, m := range members {
			if err := st.CreateMember(ctx, &m); err != nil {
				panic(err)
			}
			rec.ids[m.Name] = m.ID
		}
		st.Now = func() time.Time { return testNow }
		if fill != nil {
			fill(ctx, st, rec.ids)
		}
	}
}

func mustConversation(st *storage.Store, c model.Conversation) model.Conversation {
	if err := st.CreateConversation(context.Background(), &c); err != nil {
		panic(err)
	}
	return c
}

func mustFollowUp(st *storage.Store, f model.FollowUp) model.FollowUp {
	if err := st.CreateFollowUp(context.Background(), &f); err != nil {
		panic(err)
	}
	return f
}

// conversationForm is the conversation form open now.
func (h *harness) conversationForm() *conversationForm {
	h.t.Helper()
	f, ok := h.u.form.(*conversationForm)
	if !ok {
		h.t.Fatalf("no conversation form is open (form = %T)", h.u.form)
	}
	return f
}

// pick types name in a picker and takes the first match with Enter.
func (h *harness) pick(p *memberPicker, name string) {
	h.t.Helper()
	before := len(p.picked)
	h.typeIn(p.entry, name)
	h.waitFor("the picker to offer "+name, func() bool { return p.searched == name && len(p.found) > 0 })
	h.key(fyne.KeyReturn)
	if len(p.picked) != before+1 {
		h.t.Fatalf("Enter on %q picked %q", name, p.names())
	}
}

// todayTitles lists the titles of Today's item rows, in order.
func (h *harness) todayTitles() []string {
	var titles []string
	for _, r := range h.u.today.rows {
		if r.kind == rowFollowUp || r.kind == rowMember {
			title, _ := h.u.today.rowText(r)
			titles = append(titles, todaySections[r.section].title+": "+title)
		}
	}
	return titles
}

// todayRowView finds the row of Today on screen titled title.
func (h *harness) todayRowView(title string) *todayRowView {
	h.t.Helper()
	var found *todayRowView
	walkVisible(h.u.today.list, func(o fyne.CanvasObject) {
		if v, ok := o.(*todayRowView); ok && v.item.Visible() && v.title.Text == title && found == nil {
			found = v
		}
	})
	if found == nil {
		h.t.Fatalf("no row %q on Today; it holds %q", title, h.todayTitles())
	}
	return found
}

// tapMenuItem taps the item labelled label in the pop-up menu on screen.
func (h *harness) tapMenuItem(label string) {
	h.t.Helper()
	var found fyne.Tappable
	for _, o := range h.u.win.Canvas().Overlays().List() {
		walkVisible(o, func(o fyne.CanvasObject) {
			menu, ok := o.(*widget.PopUpMenu)
			if !ok || found != nil {
				return
			}
			for _, item := range menu.Items {
				field := reflect.ValueOf(item).Elem().FieldByName("Item")
				if !field.IsValid() {
					continue // a separator
				}
				if mi := field.Interface().(*fyne.MenuItem); mi.Label == label {
					found = item.(fyne.Tappable)
				}
			}
		})
	}
	if found != nil {
		test.Tap(found)
		h.settle()
		return
	}
	h.t.Fatalf("no menu item %q on screen", label)
}

func TestLogConversationThroughTheForm(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, nil, community()...))
	ctx := context.Background()
	if h.u.screen != screenToday {
		t.Fatalf("a record with members opens on screen %d, want Today", h.u.screen)
	}
	for _, name := range []string{"Amara Okafor", "Chen Wei"} {
		if !slices.Contains(h.todayTitles(), "Time to check in: "+name) {
			t.Fatalf("before the conversation Today holds %q, want %s due for a check-in", h.todayTitles(), name)
		}
	}

	h.shortcut(ctrl(fyne.KeyL))
	f := h.conversationForm()
	if h.u.win.Canvas().Focused() != f.who.entry {
		t.Errorf("the form opens with the focus on %T, want the participants' picker", h.u.win.Canvas().Focused())
	}
	h.pick(f.who, "amara")
	h.pick(f.who, "chen")
	if got := f.who.names(); !slices.Equal(got, []string{"Amara Okafor", "Chen Wei"}) {
		t.Fatalf("picked %q, want Amara and Chen", got)
	}
	if !h.shows("Amara Okafor") || !h.shows("Chen Wei") {
		t.Errorf("the picked members do not show as chips; the screen shows %q", h.screenTexts())
	}
	f.when.SetText("")
	h.typeIn(f.when, "yesterday 16:30")
	f.channel.SetSelected("video")
	h.typeIn(f.subject, "Docs sprint planning")
	h.typeIn(f.notes, "Agreed on the scope.\nChen takes the API pages.")
	f.tone.SetSelected("warm")
	h.tap("Add a promise")
	row := f.promises[0]
	if !row.promise.Checked {
		t.Error("a promise row starts unchecked; a promise is what it is for")
	}
	h.typeIn(row.what, "Send the sprint checklist")
	row.due.SetText("")
	h.typeIn(row.due, "2026-03-17")
	h.u.win.Canvas().Focus(f.notes)
	h.shortcut(ctrl(fyne.KeyReturn))
	if h.u.form != nil {
		t.Fatalf("Ctrl+Enter left the form open; it shows %q", h.screenTexts())
	}

	cs, err := h.st.Conversations(ctx, model.ConversationFilter{})
	if err != nil || len(cs) != 1 {
		t.Fatalf("the record holds %d conversations (err %v), want 1", len(cs), err)
	}
	c := cs[0]
	wantAt := time.Date(2026, 3, 13, 16, 30, 0, 0, testNow.Location())
	if c.Subject != "Docs sprint planning" || c.Channel != "video" || c.Tone != "warm" || !c.At.Equal(wantAt) || c.HandledBy != "Sam" {
		t.Errorf("stored %+v, want the docs sprint on video, warm, at %v, handled by Sam", c.Conversation, wantAt)
	}
	if !slices.Equal(c.Names, []string{"Amara Okafor", "Chen Wei"}) {
		t.Errorf("stored participants %q, want Amara and Chen", c.Names)
	}
	fus, err := h.st.FollowUps(ctx, model.FollowUpFilter{})
	if err != nil || len(fus) != 1 {
		t.Fatalf("the record holds %d follow-ups (err %v), want 1", len(fus), err)
	}
	fu := fus[0]
	if fu.What != "Send the sprint checklist" || !fu.Promise || fu.ConversationID != c.ID || fu.Due.Format(dayFormat) != "2026-03-17" ||
		!slices.Equal(fu.Names, []string{"Amara Okafor", "Chen Wei"}) || fu.Status != model.FollowUpOpen {
		t.Errorf("stored follow-up %+v, want the open promise of the checklist to both, due 2026-03-17, from the conversation", fu)
	}
	amara, err := h.st.Member(ctx, rec.ids["Amara Okafor"])
	if err != nil || !amara.LastContacted.Equal(wantAt) {
		t.Errorf("Amara's last contact = %v (err %v), want %v", amara.LastContacted, err, wantAt)
	}

	h.waitFor("Today to follow", func() bool {
		titles := h.todayTitles()
		return slices.Contains(titles, "Due this week: Send the sprint checklist") &&
			!slices.Contains(titles, "Time to check in: Amara Okafor") &&
			!slices.Contains(titles, "Time to check in: Chen Wei") &&
			slices.Contains(titles, "Time to check in: Dana Levi")
	})
	if got := h.u.prefs().String(prefLastChannel); got != "video" {
		t.Errorf("the form remembers the channel %q, want video", got)
	}
}

func TestConversationFormNeedsSomeoneAndKeepsTheInput(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, nil, community()...))
	h.u.logConversation()
	f := h.conversationForm()
	f.channel.SetSelected("email")
	h.typeIn(f.subject, "Release notes")
	h.typeIn(f.notes, "Long thread about the changelog")
	h.tap("Add a promise")
	h.typeIn(f.promises[0].what, "Reply with the draft")
	f.promises[0].due.SetText("someday")
	test.Tap(f.saveBtn)
	h.settle()

	if h.u.form != f {
		t.Fatal("the form closed although nobody took part")
	}
	want := "Pick at least one member who took part."
	if got := f.fields[model.FieldParticipants].msg.Text; got != want || !h.shows(want) {
		t.Errorf("next to the participants the form says %q, want %q on screen", got, want)
	}
	if got := f.promises[0].field.msg.Text; !strings.Contains(got, `"someday" is not a day`) {
		t.Errorf("next to the promise the form says %q, want that someday is not a day", got)
	}
	if f.subject.Text != "Release notes" || f.notes.Text != "Long thread about the changelog" || f.promises[0].what.Text != "Reply with the draft" {
		t.Errorf("the form lost what was typed: %q, %q, %q", f.subject.Text, f.notes.Text, f.promises[0].what.Text)
	}
	if got := h.u.win.Canvas().Focused(); got != f.who.entry {
		t.Errorf("after the refusal the focus is on %T, want the participants' picker", got)
	}
	if n, err := h.st.CountConversations(context.Background(), model.ConversationFilter{}); err != nil || n != 0 {
		t.Errorf("the record holds %d conversations (err %v), want none", n, err)
	}

	// Picking someone clears the message; Esc then closes without saving.
	h.pick(f.who, "dana")
	if got := f.fields[model.FieldParticipants].msg.Text; got == want {
		t.Error("the message stays after someone was picked")
	}
	h.u.win.Canvas().Focus(f.subject)
	h.key(fyne.KeyEscape)
	if h.u.form != nil {
		t.Error("Esc left the form open")
	}
}

func TestPickerAddsSomeoneNew(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, nil, community()...))
	h.u.logConversation()
	f := h.conversationForm()
	h.typeIn(f.who.entry, "Zoë Quinn")
	h.waitFor("the offer to add Zoë", func() bool { return f.who.offerNew == "Zoë Quinn" })
	h.tap("Add “Zoë Quinn” as a new member")
	if got := f.who.names(); !slices.Equal(got, []string{"Zoë Quinn"}) {
		t.Fatalf("picked %q, want the new member", got)
	}
	if !slices.Contains(h.storedMembers(false), "Zoë Quinn") {
		t.Errorf("the record holds %q, want Zoë added", h.storedMembers(false))
	}
	// Backspace in the empty entry takes the last one off again.
	h.u.win.Canvas().Focus(f.who.entry)
	h.key(fyne.KeyBackspace)
	if len(f.who.picked) != 0 {
		t.Errorf("Backspace left %q picked", f.who.names())
	}
}

func TestMarkALatePromiseDoneFromToday(t *testing.T) {
	rec := &record{}
	var promise model.FollowUp
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		c := mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -10), Channel: "chat", Subject: "Translations", Participants: []int64{ids["Björn Öberg"]}})
		promise = mustFollowUp(st, model.FollowUp{What: "Introduce Björn to the translators", Due: testNow.AddDate(0, 0, -3),
			Members: []int64{ids["Björn Öberg"]}, ConversationID: c.ID, Promise: true})
	}, community()...))
	if !slices.Contains(h.todayTitles(), "Late: Introduce Björn to the translators") {
		t.Fatalf("Today holds %q, want the late promise", h.todayTitles())
	}
	if h.u.waiting != 1 {
		t.Errorf("the navigation says %d wait, want 1", h.u.waiting)
	}
	v := h.todayRowView("Introduce Björn to the translators")
	if !strings.Contains(v.sub.Text, "Promised to Björn Öberg") || !strings.Contains(v.sub.Text, "3 days late") {
		t.Errorf("the row says %q, want to whom and how late", v.sub.Text)
	}
	test.Tap(v.done)
	h.settle()
	f, err := h.st.FollowUp(context.Background(), promise.ID)
	if err != nil || f.Status != model.FollowUpDone {
		t.Fatalf("the promise is %q (err %v), want done", f.Status, err)
	}
	if slices.Contains(h.todayTitles(), "Late: Introduce Björn to the translators") {
		t.Errorf("the promise stays on Today after Done: %q", h.todayTitles())
	}
	if h.u.waiting != 0 {
		t.Errorf("the navigation says %d wait after Done, want 0", h.u.waiting)
	}

	// Done can be undone.
	h.shortcut(&fyne.ShortcutUndo{})
	if f, _ := h.st.FollowUp(context.Background(), promise.ID); f.Status != model.FollowUpOpen {
		t.Errorf("after Undo the promise is %q, want open", f.Status)
	}
	if !slices.Contains(h.todayTitles(), "Late: Introduce Björn to the translators") {
		t.Errorf("after Undo Today holds %q, want the promise back", h.todayTitles())
	}
}

func TestSnoozeTakesACheckInOffToday(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, nil, community()...))
	if !slices.Contains(h.todayTitles(), "Time to check in: Dana Levi") {
		t.Fatalf("Today holds %q, want Dana due for a check-in", h.todayTitles())
	}
	v := h.todayRowView("Dana Levi")
	test.Tap(v.snoozeBtn)
	h.tapMenuItem("For a week")
	if slices.Contains(h.todayTitles(), "Time to check in: Dana Levi") {
		t.Errorf("Dana stays on Today after the snooze: %q", h.todayTitles())
	}
	m, err := h.st.Member(context.Background(), rec.ids["Dana Levi"])
	if want := testNow.AddDate(0, 0, 7).Format(dayFormat); err != nil || m.SnoozeUntil.Format(dayFormat) != want {
		t.Errorf("Dana is snoozed until %v (err %v), want %s", m.SnoozeUntil, err, want)
	}
	if !h.shows("Dana Levi is snoozed until 21 Mar 2026.") {
		t.Errorf("no undo bar after the snooze; the screen shows %q", h.screenTexts())
	}
}

func TestTodayWithNothingWaiting(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	h.u.goTo(screenToday)
	h.settle()
	if !h.shows("Nothing is waiting.") || !h.shows("Add a member") {
		t.Errorf("an empty Today does not say so and offer the first step; it shows %q", h.screenTexts())
	}
}

func TestConversationsFilterByChannel(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -3), Channel: "email", Subject: "Conference talk", Participants: []int64{ids["Amara Okafor"]}})
		mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -2), Channel: "chat", Subject: "Onboarding questions", Participants: []int64{ids["Björn Öberg"]}})
		mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -1), Channel: "email", Subject: "Release schedule", Participants: []int64{ids["Chen Wei"], ids["Dana Levi"]}})
	}, community()...))
	h.u.goTo(screenConversations)
	h.settle()
	s := h.u.conversations
	if got := listNames(s.list); !slices.Equal(got, []string{"Conference talk", "Onboarding questions", "Release schedule"}) {
		t.Fatalf("the list shows %q, want all three", got)
	}
	if c, _ := s.pager.item(0); c.Subject != "Release schedule" {
		t.Errorf("the first row is %q, want the newest", c.Subject)
	}
	s.channel.SetSelected("email")
	h.settle()
	if got := listNames(s.list); !slices.Equal(got, []string{"Conference talk", "Release schedule"}) {
		t.Errorf("filtered by email the list shows %q", got)
	}
	s.channel.SetSelected("event")
	h.settle()
	if !h.shows("No conversation matches these filters.") {
		t.Errorf("an empty filter says nothing; the screen shows %q", h.screenTexts())
	}
	h.tap("Clear the filters")
	if s.pager.count != 3 {
		t.Errorf("after clearing the filters the list holds %d, want 3", s.pager.count)
	}

	// A date range keeps the days it names.
	h.typeIn(s.from, "2026-03-12")
	h.typeIn(s.to, "2026-03-12")
	h.key(fyne.KeyReturn)
	if got := listNames(s.list); !slices.Equal(got, []string{"Onboarding questions"}) {
		t.Errorf("on 12 March the list shows %q", got)
	}

	// Picking one shows who took part, and opens them.
	s.clearFilter()
	h.settle()
	s.list.Select(0)
	h.settle()
	for _, want := range []string{"Release schedule", "Chen Wei", "Dana Levi"} {
		if !h.shows(want) {
			t.Errorf("the detail does not show %q; it shows %q", want, h.screenTexts())
		}
	}
	h.tap("Dana Levi")
	if m, ok := h.u.members.detail.member(); h.u.screen != screenMembers || !ok || m.Name != "Dana Levi" {
		t.Errorf("tapping Dana shows screen %d with %q, want Dana on Members", h.u.screen, m.Name)
	}
}

func TestGlobalSearchOpensWhatItFinds(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -3), Channel: "call", Subject: "Docs sprint retro", Participants: []int64{ids["Chen Wei"]}})
	}, community()...))

	h.shortcut(ctrl(fyne.KeyK))
	if _, ok := h.u.form.(*searchForm); !ok {
		t.Fatalf("Ctrl+K opened %T, want the search", h.u.form)
	}
	test.Type(h.u.win.Canvas().Focused(), "amara")
	h.waitFor("Amara among the results", func() bool { return h.shows("Amara Okafor  ·  maintainer · docs") })
	h.key(fyne.KeyReturn)
	if m, ok := h.u.members.detail.member(); h.u.screen != screenMembers || !ok || m.Name != "Amara Okafor" {
		t.Fatalf("Enter shows screen %d with %q, want Amara on Members", h.u.screen, m.Name)
	}
	if h.u.form != nil {
		t.Error("the search stays open after Enter")
	}

	h.shortcut(ctrl(fyne.KeyK))
	test.Type(h.u.win.Canvas().Focused(), "docs")
	f := h.u.form.(*searchForm)
	h.waitFor("a member and a conversation", func() bool { return f.searched == "docs" && len(f.hits) == 2 })
	if !h.shows("Members") || !h.shows("Conversations") {
		t.Errorf("the results are not grouped by kind; the screen shows %q", h.screenTexts())
	}
	h.key(fyne.KeyDown)
	h.key(fyne.KeyReturn)
	h.settle()
	if h.u.screen != screenConversations || h.u.conversations.detail.c.Subject != "Docs sprint retro" {
		t.Errorf("Down, Enter shows screen %d with %q, want the docs sprint retro", h.u.screen, h.u.conversations.detail.c.Subject)
	}
}

func TestTimelineNewestFirstWithShowMore(t *testing.T) {
	rec := &record{}
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		amara := ids["Amara Okafor"]
		for i := range timelinePage + 3 {
			mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -30-i), Channel: "forum", Subject: "Thread " + string(rune('A'+i)), Participants: []int64{amara}})
		}
		mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -2), Channel: "call", Subject: "Mentoring call", Participants: []int64{amara}})
		mustFollowUp(st, model.FollowUp{What: "Review the style guide", Due: testNow.AddDate(0, 0, 5), Members: []int64{amara}, Promise: true})
		mustFollowUp(st, model.FollowUp{What: "Thank her for the talk", Due: testNow.AddDate(0, 0, -20), Members: []int64{amara}, Promise: true})
	}, community()...))
	h.u.openMember(rec.ids["Amara Okafor"])
	h.settle()
	a := h.u.members.activity
	var got []string
	for _, e := range a.entries[:4] {
		if e.Conversation != nil {
			got = append(got, e.Conversation.Subject)
		} else {
			got = append(got, e.FollowUp.What)
		}
	}
	if want := []string{"Review the style guide", "Mentoring call", "Thank her for the talk", "Thread A"}; !slices.Equal(got, want) {
		t.Errorf("the timeline begins %q, want %q", got, want)
	}
	if len(a.entries) != timelinePage || !a.more.Visible() {
		t.Fatalf("the timeline shows %d entries, show more %v; want a page and more to come", len(a.entries), a.more.Visible())
	}
	h.tap("Show more")
	if len(a.entries) != timelinePage+6 || a.more.Visible() {
		t.Errorf("after Show more the timeline holds %d entries, show more %v; want all %d", len(a.entries), a.more.Visible(), timelinePage+6)
	}
	if !h.shows("Open promises (2)") {
		t.Errorf("the detail does not list the open promises; it shows %q", h.screenTexts())
	}
	if !h.shows("Last contact 12 Mar 2026 (2 days ago).") {
		t.Errorf("the detail does not say when Amara was last contacted; it shows %q", h.screenTexts())
	}
	// Log conversation on the detail opens the form with her picked.
	test.Tap(h.u.members.logBtn)
	h.settle()
	if f := h.conversationForm(); !slices.Equal(f.who.names(), []string{"Amara Okafor"}) {
		t.Errorf("the form opens with %q picked, want Amara", f.who.names())
	}
}

func TestRemindersFollowPromises(t *testing.T) {
	rec := &record{}
	var soon, later model.FollowUp
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		soon = mustFollowUp(st, model.FollowUp{What: "Send the slides", Due: testNow.AddDate(0, 0, 2), Members: []int64{ids["Chen Wei"]}, Promise: true})
		later = mustFollowUp(st, model.FollowUp{What: "Ask about the meetup", Due: testNow.AddDate(0, 0, 3), Members: []int64{ids["Dana Levi"]}})
	}, community()...))
	r := h.u.reminders
	s, ok := r.scheduled[soon.ID]
	if !ok {
		t.Fatalf("no reminder scheduled for the promise due in two days: %v", r.scheduled)
	}
	if want := time.Date(2026, 3, 16, reminderHour, 0, 0, 0, time.Local); !s.at.Equal(want) {
		t.Errorf("the reminder arrives at %v, want %v", s.at, want)
	}
	if _, ok := r.scheduled[later.ID]; ok {
		t.Error("a follow-up that is no promise got a reminder")
	}
	if got := len(h.u.prefs().StringList(prefScheduled)); got != 1 {
		t.Errorf("%d reminders remembered, want 1", got)
	}

	h.u.showSettings()
	f := h.u.form.(*settingsForm)
	if !f.remind.Checked {
		t.Error("reminders start off")
	}
	f.remind.SetChecked(false)
	h.u.win.Canvas().Focus(f.name)
	h.key(fyne.KeyReturn)
	if len(r.scheduled) != 0 || h.u.prefs().Bool(prefReminders) {
		t.Errorf("turned off, %d reminders stay scheduled", len(r.scheduled))
	}
}

func TestEditThenDeleteAConversation(t *testing.T) {
	rec := &record{}
	var c model.Conversation
	h := newHarness(t, seedDaily(rec, func(ctx context.Context, st *storage.Store, ids map[string]int64) {
		c = mustConversation(st, model.Conversation{At: testNow.AddDate(0, 0, -1), Channel: "forum", Subject: "Roadmap thread",
			Notes: "Asked about the 2.0 plans.", Participants: []int64{ids["Amara Okafor"], ids["Dana Levi"]}})
	}, community()...))
	ctx := context.Background()
	h.u.openConversation(c.ID)
	h.settle()
	h.tap("Edit")
	f := h.conversationForm()
	if f.subject.Text != "Roadmap thread" || f.channel.Selected != "forum" || !slices.Equal(f.who.names(), []string{"Amara Okafor", "Dana Levi"}) {
		t.Fatalf("the form holds %q on %q with %q, want the roadmap thread", f.subject.Text, f.channel.Selected, f.who.names())
	}
	f.who.remove(rec.ids["Dana Levi"])
	f.subject.SetText("Roadmap 2.0")
	h.u.win.Canvas().Focus(f.subject)
	h.key(fyne.KeyReturn)
	if h.u.form != nil {
		t.Fatal("Enter did not save the edit")
	}
	got, err := h.st.Conversation(ctx, c.ID)
	if err != nil || got.Subject != "Roadmap 2.0" || !slices.Equal(got.Participants, []int64{rec.ids["Amara Okafor"]}) {
		t.Fatalf("stored %q with %v (err %v), want Roadmap 2.0 with Amara alone", got.Subject, got.Participants, err)
	}
	if n, _ := h.st.CountConversations(ctx, model.ConversationFilter{}); n != 1 {
		t.Errorf("the edit left %d conversations, want 1", n)
	}
	if !h.shows("Roadmap 2.0") {
		t.Errorf("the detail does not follow the edit; it shows %q", h.screenTexts())
	}

	h.tap("Delete")
	if n, _ := h.st.CountConversations(ctx, model.ConversationFilter{}); n != 0 {
		t.Errorf("after Delete the record lists %d conversations, want none", n)
	}
	if h.u.conversations.pager.count != 0 {
		t.Errorf("the list holds %d after Delete", h.u.conversations.pager.count)
	}
	h.tap("Undo")
	if n, _ := h.st.CountConversations(ctx, model.ConversationFilter{}); n != 1 {
		t.Errorf("after Undo the record lists %d conversations, want 1", n)
	}
	if h.u.conversations.detail.id != c.ID {
		t.Error("after Undo the conversation is not shown again")
	}
}
