package app

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// community is a few members with tags and roles, for the tests to find.
func community() []model.Member {
	return []model.Member{
		{Name: "Amara Okafor", Role: "maintainer", Tags: []string{"maintainer", "docs"}, Emails: []string{"amara@example.org"}},
		{Name: "Björn Öberg", Role: "newcomer", Tags: []string{"newcomer"}},
		{Name: "Chen Wei", Role: "maintainer", Tags: []string{"maintainer"}, HowWeMet: "Met at FOSDEM"},
		{Name: "Dana Levi", Role: "moderator", Tags: []string{"events"}},
	}
}

func TestSearchChangesTheList(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	h.showMembers()
	s := h.u.members
	all := []string{"Amara Okafor", "Björn Öberg", "Chen Wei", "Dana Levi"}
	if got := listNames(s.list); !slices.Equal(got, all) {
		t.Fatalf("before searching the list shows %q, want %q", got, all)
	}

	tests := []struct {
		name, text, tag string
		want            []string
		empty           string // what the empty list says, when want is empty
	}{
		{name: "a name's beginning", text: "chen", want: []string{"Chen Wei"}},
		{name: "without diacritics", text: "oberg", want: []string{"Björn Öberg"}},
		{name: "what we know of them", text: "fosdem", want: []string{"Chen Wei"}},
		{name: "a tag", tag: "maintainer", want: []string{"Amara Okafor", "Chen Wei"}},
		{name: "a tag and a word", text: "amara", tag: "maintainer", want: []string{"Amara Okafor"}},
		{name: "nobody", text: "zebra", empty: `No member matches "zebra".`},
		{name: "everyone again", want: all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.t = t
			tag := tt.tag
			if tag == "" {
				tag = allTags
			}
			s.tag.SetSelected(tag)
			s.search.SetText("")
			h.typeIn(s.search, tt.text)
			h.waitFor("the list to follow the search", func() bool {
				got := listNames(s.list)
				if len(tt.want) == 0 {
					return s.pager.count == 0 && h.shows(tt.empty)
				}
				return slices.Equal(got, tt.want) && s.pager.count == len(tt.want)
			})
			if len(tt.want) == 0 && !h.shows("Clear the search") {
				t.Errorf("a search that finds nobody offers no way back; the screen shows %q", h.screenTexts())
			}
		})
	}
}

func TestSearchWaitsForTypingToPause(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	h.showMembers()
	s := h.u.members
	h.typeIn(s.search, "dana")
	if got := s.pager.filter.Text; got != "" {
		t.Errorf("right after typing the list is already filtered by %q; it should wait for the typing to pause", got)
	}
	h.waitFor("the search to run", func() bool { return s.pager.filter.Text == "dana" })
	if got := listNames(s.list); !slices.Equal(got, []string{"Dana Levi"}) {
		t.Errorf("list = %q, want [Dana Levi]", got)
	}
}

func TestCreateMemberThroughTheForm(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	if !h.shows("Your community's key people live here.") || !h.shows("Add a member") {
		t.Fatalf("an empty record should say what the list is for and offer to add someone; it shows %q", h.screenTexts())
	}
	h.shortcut(ctrl(fyne.KeyN))
	f := h.memberForm()
	if got := h.u.win.Canvas().Focused(); got != f.name {
		t.Errorf("the form opens with the focus on %T, want the name", got)
	}
	test.Type(h.u.win.Canvas().Focused(), "Chen Wei")
	h.typeIn(f.pronouns, "he/him")
	h.typeIn(f.emails, "chen@example.org, wei@example.com")
	h.typeIn(f.tags, "maintainer, docs")
	h.typeIn(f.cadence, "45")
	h.typeIn(f.birthday, "--04-15")
	h.typeIn(f.caresAbout, "Release notes\nthat people read")
	h.typeIn(f.private, "Prefers mornings")
	test.Tap(h.button("Add a place"))
	row := f.ids[0]
	row.platform.SetSelected("GitHub")
	h.typeIn(row.handle, "chenwei")
	h.typeIn(f.name, "") // back to a single-line entry, where Enter saves
	h.key(fyne.KeyReturn)

	if h.u.form != nil {
		t.Fatalf("the form is still open after Enter; it shows %q", h.screenTexts())
	}
	ms, err := h.st.Members(context.Background(), model.MemberFilter{})
	if err != nil || len(ms) != 1 {
		t.Fatalf("the record holds %d members (err %v), want the one just added", len(ms), err)
	}
	m := ms[0]
	checks := []struct{ field, got, want string }{
		{"name", m.Name, "Chen Wei"},
		{"pronouns", m.Pronouns, "he/him"},
		{"emails", strings.Join(m.Emails, " "), "chen@example.org wei@example.com"},
		{"tags", strings.Join(m.Tags, " "), "maintainer docs"},
		{"cares about", m.CaresAbout, "Release notes\nthat people read"},
		{"private notes", m.PrivateNotes, "Prefers mornings"},
		{"created by", m.CreatedBy, "Sam"},
		{"birthday", m.Birthday, "--04-15"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("stored %s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if m.CadenceDays != 45 {
		t.Errorf("stored cadence = %d, want 45", m.CadenceDays)
	}
	if want := []model.Identity{{Platform: "GitHub", Handle: "chenwei"}}; !slices.Equal(m.Identities, want) {
		t.Errorf("stored identities = %+v, want %+v", m.Identities, want)
	}
	h.waitFor("the new member in the list", func() bool { return slices.Equal(listNames(h.u.members.list), []string{"Chen Wei"}) })
	for _, want := range []string{"Chen Wei", "chenwei", "chen@example.org", "every 45 days", "Prefers mornings"} {
		if !h.shows(want) {
			t.Errorf("the detail does not show %q; it shows %q", want, h.screenTexts())
		}
	}
}

func TestFormSaysWhatIsWrongAndKeepsTheInput(t *testing.T) {
	tests := []struct {
		name    string
		fill    func(h *harness, f *memberForm)
		field   string
		message string
		kept    func(f *memberForm) string
		want    string
	}{
		{
			name: "missing name",
			fill: func(h *harness, f *memberForm) {
				h.typeIn(f.role, "maintainer")
				h.typeIn(f.notes, "Long-time contributor")
			},
			field:   model.FieldName,
			message: "Name is required.",
			kept:    func(f *memberForm) string { return f.role.Text + "|" + f.notes.Text },
			want:    "maintainer|Long-time contributor",
		},
		{
			name: "bad email",
			fill: func(h *harness, f *memberForm) {
				h.typeIn(f.name, "Amara Okafor")
				h.typeIn(f.emails, "amara@")
			},
			field:   model.FieldEmails,
			message: `"amara@" is not an email address.`,
			kept:    func(f *memberForm) string { return f.name.Text + "|" + f.emails.Text },
			want:    "Amara Okafor|amara@",
		},
		{
			name: "cadence that is not a number",
			fill: func(h *harness, f *memberForm) {
				h.typeIn(f.name, "Amara Okafor")
				h.typeIn(f.cadence, "soon")
			},
			field:   model.FieldCadence,
			message: "Keep in touch needs a number of days, or nothing for the default.",
			kept:    func(f *memberForm) string { return f.name.Text + "|" + f.cadence.Text },
			want:    "Amara Okafor|soon",
		},
		{
			name: "cadence out of range",
			fill: func(h *harness, f *memberForm) {
				h.typeIn(f.name, "Amara Okafor")
				h.typeIn(f.cadence, "9999")
			},
			field:   model.FieldCadence,
			message: "Keep in touch must be between 1 and 3650 days.",
			kept:    func(f *memberForm) string { return f.cadence.Text },
			want:    "9999",
		},
		{
			name: "birthday that is not a date",
			fill: func(h *harness, f *memberForm) {
				h.typeIn(f.name, "Amara Okafor")
				h.typeIn(f.birthday, "April 15")
			},
			field:   model.FieldBirthday,
			message: `"April 15" is not a date like 1990-04-15 or --04-15.`,
			kept:    func(f *memberForm) string { return f.birthday.Text },
			want:    "April 15",
		},
		{
			name: "identity without a platform",
			fill: func(h *harness, f *memberForm) {
				h.typeIn(f.name, "Amara Okafor")
				test.Tap(h.button("Add a place"))
				h.typeIn(f.ids[0].handle, "amara-o")
			},
			field:   model.FieldIdentities,
			message: `"amara-o" needs a platform.`,
			kept:    func(f *memberForm) string { return f.ids[0].handle.Text },
			want:    "amara-o",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, withMe("Sam"))
			h.u.newMember()
			f := h.memberForm()
			tt.fill(h, f)
			test.Tap(f.saveBtn)
			h.settle()

			if h.u.form != f {
				t.Fatal("the form closed although the record refused the member")
			}
			if got := f.fields[tt.field].msg.Text; got != tt.message {
				t.Errorf("next to %s the form says %q, want %q", tt.field, got, tt.message)
			}
			if !h.shows(tt.message) {
				t.Errorf("the message %q is not on screen", tt.message)
			}
			if got := tt.kept(f); got != tt.want {
				t.Errorf("the form holds %q after the refusal, want what was typed: %q", got, tt.want)
			}
			if got := h.storedMembers(false); len(got) != 0 {
				t.Errorf("the record holds %q, want nobody", got)
			}
			if got := h.u.win.Canvas().Focused(); got != f.fields[tt.field].focus && !(tt.field == model.FieldIdentities && got == f.ids[0].handle) {
				t.Errorf("after the refusal the focus is on %T, want the field that is wrong", got)
			}
		})
	}
}

func TestEscClosesTheFormWithoutSaving(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	h.shortcut(ctrl(fyne.KeyN))
	h.memberForm()
	test.Type(h.u.win.Canvas().Focused(), "Nobody Yet")
	h.key(fyne.KeyEscape)
	if h.u.form != nil {
		t.Fatal("Esc left the form open")
	}
	if n := len(h.u.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("Esc left %d dialogs on screen", n)
	}
	if got := h.storedMembers(false); len(got) != 0 {
		t.Errorf("the record holds %q after Esc, want nobody", got)
	}
}

func TestEditMember(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	h.showMembers()
	h.u.members.list.Select(2) // Chen Wei
	h.settle()
	test.Tap(h.button("Edit"))
	f := h.memberForm()
	if f.name.Text != "Chen Wei" || f.howWeMet.Text != "Met at FOSDEM" {
		t.Fatalf("the form holds %q / %q, want Chen Wei's", f.name.Text, f.howWeMet.Text)
	}
	f.role.SetText("release manager")
	h.u.win.Canvas().Focus(f.role)
	h.shortcut(ctrl(fyne.KeyReturn))
	if h.u.form != nil {
		t.Fatal("Ctrl+Enter did not save the form")
	}
	m, err := h.st.Member(context.Background(), h.memberID("Chen Wei"))
	if err != nil || m.Role != "release manager" || m.HowWeMet != "Met at FOSDEM" {
		t.Errorf("stored role, how we met = %q, %q (err %v), want release manager, Met at FOSDEM", m.Role, m.HowWeMet, err)
	}
	if !h.shows("release manager") {
		t.Errorf("the detail does not show the new role; it shows %q", h.screenTexts())
	}
}

// A member imported from a contact card keeps the photo and the card lines the
// form does not show when the form changes something else.
func TestEditKeepsWhatTheFormDoesNotShow(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	photo := buf.Bytes()
	extra := []string{"X-SOCIALPROFILE;TYPE=mastodon:https://example.social/@dana"}
	h := newHarness(t, withMe("Sam", model.Member{Name: "Dana Levi", Photo: photo, PhotoType: "image/png", VCardExtra: extra}))
	h.showMembers()
	h.u.members.list.Select(0)
	h.settle()
	if !h.shows(extra[0]) {
		t.Errorf("the detail does not show what the card held; it shows %q", h.screenTexts())
	}
	h.u.editMember(h.u.members.detail.m)
	f := h.memberForm()
	h.typeIn(f.role, "moderator")
	h.key(fyne.KeyReturn)
	m, err := h.st.Member(context.Background(), h.memberID("Dana Levi"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Role != "moderator" || string(m.Photo) != string(photo) || !slices.Equal(m.VCardExtra, extra) {
		t.Errorf("after the edit role = %q, photo %d bytes, card lines %q; want moderator, the photo and the lines kept", m.Role, len(m.Photo), m.VCardExtra)
	}
}

func TestDeleteThenUndo(t *testing.T) {
	undoWays := []struct {
		name string
		undo func(h *harness)
	}{
		{"the bar's Undo button", func(h *harness) { h.tap("Undo") }},
		{"Ctrl+Z", func(h *harness) { h.shortcut(&fyne.ShortcutUndo{}) }},
		{"Edit › Undo", func(h *harness) {
			for _, item := range h.u.win.MainMenu().Items[1].Items {
				if item.Label == "Undo delete of Amara Okafor" {
					item.Action()
					h.settle()
					return
				}
			}
			h.t.Fatalf("the Edit menu offers no undo of the delete")
		}},
	}
	for _, way := range undoWays {
		t.Run(way.name, func(t *testing.T) {
			h := newHarness(t, withMe("Sam", community()...))
			h.showMembers()
			s := h.u.members
			s.list.Select(0)
			h.settle()
			if m, ok := s.detail.member(); !ok || m.Name != "Amara Okafor" {
				t.Fatalf("selecting the first row shows %q, want Amara Okafor", m.Name)
			}
			h.tap("Delete")
			if got, want := h.storedMembers(true), []string{"Amara Okafor"}; !slices.Equal(got, want) {
				t.Fatalf("the trash holds %q, want %q", got, want)
			}
			if got := listNames(s.list); slices.Contains(got, "Amara Okafor") {
				t.Errorf("the list still shows Amara Okafor after the delete: %q", got)
			}
			if !h.u.undoBar.Visible() || !h.shows("Amara Okafor was moved to the trash.") {
				t.Errorf("no undo bar after the delete; the screen shows %q", h.screenTexts())
			}

			way.undo(h)
			if got := h.storedMembers(true); len(got) != 0 {
				t.Errorf("the trash holds %q after undo, want nothing", got)
			}
			h.waitFor("Amara Okafor back in the list", func() bool { return slices.Contains(listNames(s.list), "Amara Okafor") })
			if m, ok := s.detail.member(); !ok || m.Name != "Amara Okafor" {
				t.Errorf("after undo the detail shows %q, want Amara Okafor", m.Name)
			}
			if h.u.undoBar.Visible() {
				t.Error("the undo bar stays after undo")
			}
		})
	}
}

func TestTrashRestoreAndPurge(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	h.showMembers()
	ctx := context.Background()
	amara, bjorn := h.memberID("Amara Okafor"), h.memberID("Björn Öberg")
	for _, id := range []int64{amara, bjorn} {
		if err := h.st.TrashMember(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	h.u.nav.Select(screenTrash)
	h.settle()
	tr := h.u.trash
	if got, want := listNames(tr.list), []string{"Amara Okafor", "Björn Öberg"}; !slices.Equal(got, want) {
		t.Fatalf("the trash shows %q, want %q", got, want)
	}

	tr.list.Select(0)
	h.settle()
	h.tap("Restore")
	if got, want := h.storedMembers(true), []string{"Björn Öberg"}; !slices.Equal(got, want) {
		t.Errorf("after restoring Amara the trash holds %q, want %q", got, want)
	}
	if got := listNames(tr.list); !slices.Equal(got, []string{"Björn Öberg"}) {
		t.Errorf("after restoring Amara the trash shows %q", got)
	}
	if got := listNames(h.u.members.list); !slices.Contains(got, "Amara Okafor") {
		t.Errorf("Amara is not back among the members: %q", got)
	}

	tr.list.Select(0)
	h.settle()
	h.tap("Delete forever")
	if !h.shows("Björn Öberg and what they had alone leave the record.\nThis cannot be undone. Their name stays in what they shared with others:\nto take it out of those too, and out of the file, use Erase….") {
		t.Fatalf("no confirmation naming Björn; the screen shows %q", h.screenTexts())
	}
	h.tap("Delete forever") // the dialog's button, on top
	if _, err := h.st.Member(ctx, bjorn); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("after deleting Björn forever, Member = %v, want ErrNotFound", err)
	}
	if !h.shows("The trash is empty.") {
		t.Errorf("an empty trash does not say so; the screen shows %q", h.screenTexts())
	}
}

func TestPurgeCanBeCalledOff(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	id := h.memberID("Dana Levi")
	if err := h.st.TrashMember(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	h.u.nav.Select(screenTrash)
	h.settle()
	h.u.trash.list.Select(0)
	h.settle()
	h.tap("Delete forever")
	h.tap("Keep in the trash")
	if got := h.storedMembers(true); !slices.Equal(got, []string{"Dana Levi"}) {
		t.Errorf("the trash holds %q, want Dana Levi still", got)
	}
}

func TestWelcomeThenSample(t *testing.T) {
	h := newHarness(t, nil)
	if h.u.welcome == nil || h.u.nav != nil {
		t.Fatal("a record nobody has opened yet does not start on the welcome screen")
	}
	h.tap("Load a sample community")
	if !h.shows("Your name is required.") {
		t.Errorf("no name, no message next to it; the screen shows %q", h.screenTexts())
	}
	if _, err := h.st.Me(context.Background()); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("Me = %v without a name typed, want ErrNotFound", err)
	}

	h.typeIn(h.u.welcome.name, "Sam Rivera")
	test.Tap(h.button("Load a sample community"))
	if w := h.u.welcome; w != nil && (!w.busy || !w.progress.Visible()) {
		t.Error("no progress shown while the sample loads")
	}
	h.settle()

	if me, err := h.st.Me(context.Background()); err != nil || me.Name != "Sam Rivera" {
		t.Errorf("Me = %q, %v; want Sam Rivera", me.Name, err)
	}
	if h.u.nav == nil {
		t.Fatalf("after the sample the window still shows %q", h.screenTexts())
	}
	n, err := h.st.CountMembers(context.Background(), model.MemberFilter{})
	if err != nil || n == 0 {
		t.Fatalf("the record holds %d members (err %v) after the sample", n, err)
	}
	if h.u.screen != screenToday {
		t.Errorf("after the sample the window opens on screen %d, want Today", h.u.screen)
	}
	h.showMembers()
	want := model.SampleCommunity(testNow)[0].Name
	h.waitFor("the sample in the list", func() bool {
		return h.u.members.pager.count == n && slices.Contains(listNames(h.u.members.list), want)
	})
}

func TestWelcomeThenStartEmpty(t *testing.T) {
	h := newHarness(t, nil)
	h.typeIn(h.u.welcome.name, "Sam Rivera")
	h.key(fyne.KeyReturn)
	if h.u.nav == nil {
		t.Fatal("Enter on the name did not start the record")
	}
	if !h.shows("Your community's key people live here.") {
		t.Errorf("the empty record does not say what it is for; it shows %q", h.screenTexts())
	}
	h.tap("Add a member")
	h.memberForm()
}

func TestSettings(t *testing.T) {
	h := newHarness(t, withMe("Sam", model.Member{Name: "Amara Okafor"}))
	h.showMembers()
	h.u.members.list.Select(0)
	h.settle()
	if !h.shows("every 90 days (record default)") {
		t.Fatalf("the detail does not show the default cadence; it shows %q", h.screenTexts())
	}
	h.u.showSettings()
	f := h.u.form.(*settingsForm)
	f.days.SetText("")
	h.typeIn(f.days, "0")
	h.key(fyne.KeyReturn)
	if h.u.form == nil || !h.shows("Keep in touch must be between 1 and 3650 days.") {
		t.Fatalf("a zero cadence was not refused next to the field; the screen shows %q", h.screenTexts())
	}
	f.days.SetText("30")
	f.name.SetText("Sam Rivera")
	h.u.win.Canvas().Focus(f.name)
	h.key(fyne.KeyReturn)
	if h.u.form != nil {
		t.Fatal("the settings stayed open after a good save")
	}
	s, err := h.st.Settings(context.Background())
	if err != nil || s.DefaultCadenceDays != 30 {
		t.Errorf("stored default cadence = %d (err %v), want 30", s.DefaultCadenceDays, err)
	}
	if me, err := h.st.Me(context.Background()); err != nil || me.Name != "Sam Rivera" {
		t.Errorf("stored name = %q (err %v), want Sam Rivera", me.Name, err)
	}
	if !h.shows("every 30 days (record default)") {
		t.Errorf("the detail does not follow the new default; it shows %q", h.screenTexts())
	}
}

func TestOpenAnotherRecord(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	if got, want := h.u.win.Title(), "Rapport — rapport"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	other := strings.TrimSuffix(h.st.Path(), "rapport.db") + "guild.db"
	h.u.openRecord(other)
	h.settle()
	if got, want := h.u.win.Title(), "Rapport — guild"; got != want {
		t.Errorf("title = %q after opening guild.db, want %q", got, want)
	}
	if h.u.welcome == nil {
		t.Error("a new record does not ask who keeps it")
	}
	recent := h.u.recent()
	if len(recent) != 2 || !samePath(recent[0], other) || !samePath(recent[1], h.st.Path()) {
		t.Errorf("recent records = %q, want guild.db then rapport.db", recent)
	}
	h.u.openRecent(recent[1])
	h.settle()
	if got, want := h.u.win.Title(), "Rapport — rapport"; got != want || h.u.nav == nil {
		t.Errorf("title = %q after going back, want %q with the members", got, want)
	}
}

// slowClosing is a record whose Close waits until release is closed, as
// closing one does while its day's backup is still being copied.
type slowClosing struct {
	Store
	release chan struct{}
	closed  chan struct{}
}

func (s *slowClosing) Close() error {
	<-s.release
	defer close(s.closed)
	return s.Store.Close()
}

func TestSwitchingRecordsDoesNotWaitForThePreviousToClose(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	dir := filepath.Dir(h.st.Path())
	slow := &slowClosing{Store: openStore(t, filepath.Join(dir, "first.db")), release: make(chan struct{}), closed: make(chan struct{})}
	h.u.switchStore(slow)
	h.settle()
	other := openStore(t, filepath.Join(dir, "guild.db"))
	switched := make(chan struct{})
	go func() {
		h.u.switchStore(other)
		close(switched)
	}()
	select {
	case <-switched:
	case <-time.After(10 * time.Second):
		close(slow.release)
		t.Fatal("the window waited for the previous record to close before showing the next")
	}
	if got, want := h.u.win.Title(), "Rapport — guild"; got != want {
		t.Errorf("title = %q while the previous record is closing, want %q", got, want)
	}
	select {
	case <-slow.closed:
		t.Fatal("the previous record closed before it was let to")
	default:
	}
	// Closing the window waits for the previous record to close.
	quit := make(chan struct{})
	go func() {
		h.u.closeStore()
		close(quit)
	}()
	select {
	case <-quit:
		t.Error("the window closed while the previous record was still closing")
	case <-time.After(50 * time.Millisecond):
	}
	close(slow.release)
	select {
	case <-quit:
	case <-time.After(10 * time.Second):
		t.Fatal("the window never closed")
	}
	select {
	case <-slow.closed:
	default:
		t.Error("the window closed before the previous record was closed")
	}
}

func TestReopeningARecordStillClosingWaitsForIt(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	dir := filepath.Dir(h.st.Path())
	first := filepath.Join(dir, "first.db")
	slow := &slowClosing{Store: openStore(t, first), release: make(chan struct{}), closed: make(chan struct{})}
	h.u.switchStore(slow)
	h.settle()
	h.u.switchStore(openStore(t, filepath.Join(dir, "guild.db")))
	calls := make(chan struct{}, 1)
	open := h.u.open
	h.u.open = func(ctx context.Context, path string) (Store, error) {
		calls <- struct{}{}
		return open(ctx, path)
	}
	h.u.openRecord(first) // still closing: it holds its lock
	// An open that does not wait comes at once, and meets the lock.
	select {
	case <-calls:
	case <-time.After(50 * time.Millisecond):
	}
	close(slow.release)
	h.settle()
	if got, want := h.u.win.Title(), "Rapport — first"; got != want {
		t.Errorf("title = %q after opening first.db again, want %q; the screen shows %q", got, want, h.screenTexts())
	}
}

func TestAboutSaysWhereTheRecordLives(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	h.u.showAbout()
	for _, want := range []string{"Version dev", h.st.Path()} {
		if !h.shows(want) {
			t.Errorf("About does not show %q; it shows %q", want, h.screenTexts())
		}
	}
}

func TestEscapeClosesWhatOnlyTellsSomething(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	escape := func() {
		h.u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		h.settle()
	}
	h.u.showAbout()
	h.u.showShortcuts()
	h.u.showError(errors.New("the disk is full"))
	for _, step := range []struct{ gone, stays string }{
		{"the disk is full", "Keyboard shortcuts"},
		{"Keyboard shortcuts", "About Rapport"},
		{"About Rapport", ""},
	} {
		escape()
		if h.shows(step.gone) {
			t.Errorf("after Esc the screen still shows %q", step.gone)
		}
		if step.stays != "" && !h.shows(step.stays) {
			t.Errorf("one Esc closed %q too", step.stays)
		}
	}
	if top := h.u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("after three Esc a %T is still open", top)
	}
	// With no dialog left, Esc goes back to closing the form.
	h.u.newMember()
	h.settle()
	escape()
	if h.u.form != nil {
		t.Error("Esc did not close the member form once the dialogs were gone")
	}
}

func TestKeyboardShortcutsAreListed(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	h.u.showShortcuts()
	for _, want := range []string{"Add a member", "Search members", "Undo the last delete, done, snooze, merge or import", "Log a conversation", "Search members, conversations and promises", "Close the form without saving, or a message"} {
		if !h.shows(want) {
			t.Errorf("the shortcuts dialog does not list %q", want)
		}
	}
}

func TestCtrlFFocusesTheSearch(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	h.u.nav.Select(screenTrash)
	h.settle()
	h.shortcut(ctrl(fyne.KeyF))
	if h.u.screen != screenMembers || h.u.win.Canvas().Focused() != h.u.members.search {
		t.Errorf("Ctrl+F left screen %d with the focus on %T, want the members' search", h.u.screen, h.u.win.Canvas().Focused())
	}
}

// The list reads the record page by page: a large record shows its first
// rows without reading everyone.
func TestListReadsPages(t *testing.T) {
	h := newHarness(t, withMe("Sam"))
	ctx := context.Background()
	const n = 3*model.DefaultPageSize + 7
	for i := range n {
		m := model.Member{Name: "Member " + string(rune('A'+i/26)) + string(rune('a'+i%26))}
		if err := h.st.CreateMember(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	s := h.u.members
	s.pager.reload(nil)
	h.settle()
	if got := s.list.Length(); got != n {
		t.Fatalf("list length = %d, want %d", got, n)
	}
	if got := len(s.pager.pages); got != 1 {
		t.Errorf("the list holds %d pages before scrolling, want 1", got)
	}
	s.list.ScrollToBottom()
	h.settle()
	last := n - 1
	if m, ok := s.pager.item(last); !ok || !strings.HasPrefix(m.Name, "Member ") {
		t.Errorf("the last row is %q, %v after scrolling", m.Name, ok)
	}
	if got := listNames(s.list); len(got) == 0 || slices.Contains(got, "…") {
		t.Errorf("after scrolling to the end the rows on screen are %q", got)
	}
}

func TestThemeFollowsTheVariant(t *testing.T) {
	th := NewTheme()
	tests := []struct {
		variant fyne.ThemeVariant
		want    string
	}{
		{theme.VariantLight, "#2a7f6f"},
		{theme.VariantDark, "#4fb3a0"},
	}
	for _, tt := range tests {
		r, g, b, _ := th.Color(theme.ColorNamePrimary, tt.variant).RGBA()
		got := "#" + hex2(r) + hex2(g) + hex2(b)
		if got != tt.want {
			t.Errorf("primary in variant %d = %s, want %s", tt.variant, got, tt.want)
		}
	}
}

func hex2(c uint32) string {
	const digits = "0123456789abcdef"
	c >>= 8
	return string([]byte{digits[c>>4], digits[c&15]})
}

// Only the screen shown first is built before the window shows; every way to
// another screen builds it the first time.
func TestScreensAreBuiltWhenFirstVisited(t *testing.T) {
	built := func(u *UI) map[int]bool {
		return map[int]bool{screenMembers: u.members != nil, screenConversations: u.conversations != nil,
			screenFeedback: u.feedback != nil, screenHandoff: u.handoffs != nil, screenTrash: u.trash != nil}
	}
	h := newHarness(t, withMe("Sam", community()...))
	if h.u.screen != screenToday {
		t.Fatalf("a record with members opens on screen %d, want Today", h.u.screen)
	}
	for s, ok := range built(h.u) {
		if ok {
			t.Errorf("screen %d was built before it was visited", s)
		}
	}

	goTo := map[string]int{"Members": screenMembers, "Conversations": screenConversations, "Feedback": screenFeedback, "Handoff": screenHandoff, "Trash": screenTrash}
	for label, screen := range goTo {
		t.Run("Go › "+label, func(t *testing.T) {
			h := newHarness(t, withMe("Sam", community()...))
			menu := h.u.win.MainMenu()
			i := slices.IndexFunc(menu.Items, func(m *fyne.Menu) bool { return m.Label == "Go" })
			if i < 0 {
				t.Fatal("no Go menu")
			}
			j := slices.IndexFunc(menu.Items[i].Items, func(it *fyne.MenuItem) bool { return it.Label == label })
			if j < 0 || menu.Items[i].Items[j].Disabled {
				t.Fatalf("no enabled Go › %s", label)
			}
			menu.Items[i].Items[j].Action()
			h.settle()
			if got := built(h.u); h.u.screen != screen || !got[screen] || !h.u.build(screen).Visible() {
				t.Errorf("Go › %s shows screen %d (built %v), want %d built and visible", label, h.u.screen, got, screen)
			}
			if h.u.today.Visible() {
				t.Error("Today still shows beside the screen gone to")
			}
		})
	}

	t.Run("open a member", func(t *testing.T) {
		h := newHarness(t, withMe("Sam", community()...))
		h.u.openMember(h.memberID("Björn Öberg"))
		h.settle()
		if h.u.screen != screenMembers || !h.shows("Björn Öberg") {
			t.Errorf("opening a member shows screen %d and %q, want the member on Members", h.u.screen, h.screenTexts())
		}
	})
	t.Run("Ctrl+F", func(t *testing.T) {
		h := newHarness(t, withMe("Sam", community()...))
		h.shortcut(ctrl(fyne.KeyF))
		if h.u.members == nil || h.u.win.Canvas().Focused() != h.u.members.search {
			t.Errorf("Ctrl+F from Today left the focus on %T, want the members' search", h.u.win.Canvas().Focused())
		}
	})
	t.Run("empty record", func(t *testing.T) {
		h := newHarness(t, withMe("Sam"))
		got := built(h.u)
		if h.u.screen != screenMembers || !got[screenMembers] {
			t.Errorf("an empty record opens on screen %d (built %v), want Members", h.u.screen, got)
		}
		for _, s := range []int{screenConversations, screenFeedback, screenHandoff, screenTrash} {
			if got[s] {
				t.Errorf("screen %d was built before it was visited", s)
			}
		}
	})
}

// Secondary text takes its colour without a theme override: Fyne keeps a copy
// of the fonts for each override, and list rows would each hold one.
func TestQuietTextNeedsNoThemeOverride(t *testing.T) {
	h := newHarness(t, withMe("Sam", community()...))
	var quiet, overrides int
	for s := range navItems {
		h.u.nav.Select(s)
		h.settle()
		walkVisible(h.u.win.Canvas().Content(), func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *container.ThemeOverride:
				overrides++
			case *quietLabel:
				if o.Importance == widget.LowImportance {
					quiet++
				}
			}
		})
	}
	if overrides != 0 || quiet == 0 {
		t.Errorf("the screens show %d theme overrides and %d quiet labels, want none and some", overrides, quiet)
	}
}
