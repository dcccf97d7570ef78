package app

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"rapport/model"
	"rapport/storage"
)

// refusingStore is a record that refuses writes while refuse is set, as
// storage refuses them on a read-only record or a full disk.
type refusingStore struct {
	*storage.Store
	refuse error
}

func (s *refusingStore) CreateMember(ctx context.Context, m *model.Member) error {
	if s.refuse != nil {
		return fmt.Errorf("create member %q: %w", m.Name, s.refuse)
	}
	return s.Store.CreateMember(ctx, m)
}

func (s *refusingStore) CreateConversation(ctx context.Context, c *model.Conversation) error {
	if s.refuse != nil {
		return fmt.Errorf("create conversation: %w", s.refuse)
	}
	return s.Store.CreateConversation(ctx, c)
}

// newRefusingHarness is newHarness on a record that refuses writes while
// its refuse is set.
func newRefusingHarness(t *testing.T, seed func(st *storage.Store)) (*harness, *refusingStore) {
	t.Helper()
	a := test.NewTempApp(t)
	st := openStore(t, filepath.Join(t.TempDir(), "rapport.db"))
	seed(st)
	rs := &refusingStore{Store: st}
	h := &harness{t: t, st: st, q: &mainQueue{}}
	h.u = newUI(a, rs, testOpener(t), h.q.do)
	h.u.now = func() time.Time { return testNow }
	h.u.win.Resize(fyne.NewSize(1100, 700))
	t.Cleanup(func() {
		h.settle()
		h.u.win.Close()
	})
	h.settle()
	return h, rs
}

// showsSaying reports whether some text on screen says s.
func (h *harness) showsSaying(s string) bool {
	for _, text := range h.screenTexts() {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// TestFormKeptWhenTheRecordRefuses: a member the record refuses to keep (it
// is read-only, or the disk is full) leaves the form open with all that was
// typed, the reason on screen; saving again once the record writes keeps it.
func TestFormKeptWhenTheRecordRefuses(t *testing.T) {
	for _, c := range []struct {
		name   string
		refuse error
		says   string
	}{
		{"read-only", fmt.Errorf("%w: nothing was written to /home/sam/rapport.db (attempt to write a readonly database (8)): check that the file, its folder and the disk are yours and writable, then try again", model.ErrReadOnly), "the record is read-only"},
		{"disk full", fmt.Errorf("%w: nothing was written to /home/sam/rapport.db (database or disk is full (13)): free some space on the disk, then try again", model.ErrDiskFull), "the disk is full"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, rs := newRefusingHarness(t, withMe("Sam"))
			rs.refuse = c.refuse
			h.shortcut(ctrl(fyne.KeyN))
			f := h.memberForm()
			test.Type(h.u.win.Canvas().Focused(), "Chen Wei")
			h.typeIn(f.emails, "chen@example.org")
			h.typeIn(f.private, "Prefers mornings")
			h.typeIn(f.name, "") // back to a single-line entry, where Enter saves
			h.key(fyne.KeyReturn)

			if h.u.form != dialogForm(f) {
				t.Fatalf("the form closed on a refused save; the screen shows %q", h.screenTexts())
			}
			for _, typed := range []struct{ field, got, want string }{
				{"name", f.name.Text, "Chen Wei"},
				{"emails", f.emails.Text, "chen@example.org"},
				{"private notes", f.private.Text, "Prefers mornings"},
			} {
				if typed.got != typed.want {
					t.Errorf("after a refused save the %s field holds %q, want %q as typed", typed.field, typed.got, typed.want)
				}
			}
			if !h.showsSaying(c.says) || !h.showsSaying("nothing was written") {
				t.Errorf("the screen shows %q; want the reason, %q, and that nothing was written", h.screenTexts(), c.says)
			}
			if got := h.storedMembers(false); len(got) != 0 {
				t.Errorf("the record holds %q after a refused save, want nobody", got)
			}

			rs.refuse = nil
			f.save()
			h.settle()
			if h.u.form != nil {
				t.Fatalf("the form is still open once the record writes again; the screen shows %q", h.screenTexts())
			}
			ms, err := h.st.Members(context.Background(), model.MemberFilter{})
			if err != nil || len(ms) != 1 || ms[0].Name != "Chen Wei" || ms[0].PrivateNotes != "Prefers mornings" {
				t.Errorf("the record holds %+v (err %v), want Chen Wei as typed", ms, err)
			}
		})
	}
}

// TestConversationKeptWhenTheRecordRefuses: a conversation the record refuses
// to keep leaves the form open with who took part and what was said; saving
// again once the record writes keeps it.
func TestConversationKeptWhenTheRecordRefuses(t *testing.T) {
	h, rs := newRefusingHarness(t, withMe("Sam", model.Member{Name: "Amara Okafor"}))
	rs.refuse = fmt.Errorf("%w: nothing was written to /home/sam/rapport.db (database or disk is full (13)): free some space on the disk, then try again", model.ErrDiskFull)
	h.shortcut(ctrl(fyne.KeyL))
	f := h.conversationForm()
	h.pick(f.who, "amara")
	f.channel.SetSelected("video")
	h.typeIn(f.subject, "Docs sprint planning")
	h.typeIn(f.notes, "Agreed on the scope.")
	h.shortcut(ctrl(fyne.KeyReturn))

	if h.u.form != dialogForm(f) {
		t.Fatalf("the form closed on a refused save; the screen shows %q", h.screenTexts())
	}
	if got := f.who.names(); len(got) != 1 || got[0] != "Amara Okafor" || f.channel.Selected != "video" ||
		f.subject.Text != "Docs sprint planning" || f.notes.Text != "Agreed on the scope." {
		t.Errorf("after a refused save the form holds %q, %q, %q, %q; want all that was typed", got, f.channel.Selected, f.subject.Text, f.notes.Text)
	}
	if !h.showsSaying("the disk is full") {
		t.Errorf("the screen shows %q; want the reason", h.screenTexts())
	}

	rs.refuse = nil
	f.save()
	h.settle()
	cs, err := h.st.Conversations(context.Background(), model.ConversationFilter{})
	if err != nil || len(cs) != 1 || cs[0].Subject != "Docs sprint planning" || cs[0].Channel != "video" {
		t.Errorf("the record holds %+v (err %v), want the conversation as typed", cs, err)
	}
}

// TestOpenRecordRefused: File › Open of a record Rapport cannot open (open
// in another window, written by a newer Rapport) says why, naming the file,
// and the record shown stays open and shown.
func TestOpenRecordRefused(t *testing.T) {
	ctx := context.Background()
	held := filepath.Join(t.TempDir(), "held.db")
	openStore(t, held) // open here until the test ends, as in another window
	newer := filepath.Join(t.TempDir(), "newer.db")
	st, err := storage.Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (9999, '2031-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	for _, c := range []struct {
		name, path, says string
	}{
		{"open elsewhere", held, "is open in another Rapport window (pid "},
		{"newer", newer, "written by a newer version of Rapport"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, withMe("Sam", model.Member{Name: "Amara Okafor"}))
			shown := h.u.st.Path()
			h.u.openRecord(c.path)
			h.settle()
			if !h.showsSaying(c.says) || !h.showsSaying(c.path) {
				t.Errorf("the screen shows %q; want the file named and %q", h.screenTexts(), c.says)
			}
			if got := h.u.st.Path(); got != shown {
				t.Errorf("the window shows %s, want %s still", got, shown)
			}
			if _, err := h.st.CountMembers(ctx, model.MemberFilter{}); err != nil {
				t.Errorf("the record shown was closed: %v", err)
			}
		})
	}
}
