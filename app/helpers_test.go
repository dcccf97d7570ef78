package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
	"rapport/storage"
)

// testNow is the clock of the records the tests open: noon, so that the date
// reads the same in every time zone the tests run in.
var testNow = time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)

// mainQueue stands for Fyne's goroutine in tests: background work queues its
// results here, and the test's goroutine runs them, as the app's event loop
// would. So widgets are only ever touched by one goroutine.
type mainQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *mainQueue) do(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

// drain runs what is queued and reports whether there was anything.
func (q *mainQueue) drain() bool {
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, f := range fns {
		f()
	}
	return len(fns) > 0
}

// harness is a UI on a real record in a temporary folder.
type harness struct {
	t  *testing.T
	st *storage.Store
	q  *mainQueue
	u  *UI
}

// openStore opens a real record at path with the test clock.
func openStore(t *testing.T, path string) *storage.Store {
	t.Helper()
	st, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	st.Now = func() time.Time { return testNow }
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// testOpener opens records as cmd/rapport does, with the test clock.
func testOpener(t *testing.T) Opener {
	return func(ctx context.Context, path string) (Store, error) {
		st, err := storage.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		st.Now = func() time.Time { return testNow }
		t.Cleanup(func() { _ = st.Close() })
		return st, nil
	}
}

// newHarness opens a record, lets seed fill it, and shows it in the UI.
func newHarness(t *testing.T, seed func(st *storage.Store)) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	st := openStore(t, filepath.Join(t.TempDir(), "rapport.db"))
	if seed != nil {
		seed(st)
	}
	h := &harness{t: t, st: st, q: &mainQueue{}}
	h.u = newUI(a, st, testOpener(t), h.q.do)
	h.u.now = func() time.Time { return testNow }
	h.u.win.Resize(fyne.NewSize(1100, 700))
	t.Cleanup(func() {
		h.settle()
		h.u.win.Close()
	})
	h.settle()
	return h
}

// showMembers goes to the Members screen: a record with members opens on Today.
// fakeBackups puts files named as backups of the record, taken at the given
// times (in backup file form, 2025-01-02T030405Z), in its backups folder, and
// returns their paths.
func (h *harness) fakeBackups(times ...string) []string {
	h.t.Helper()
	dir := storage.BackupDir(h.st.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		h.t.Fatal(err)
	}
	var paths []string
	for _, at := range times {
		p := filepath.Join(dir, "rapport-"+at+"-manual.db")
		if err := os.WriteFile(p, []byte("a copy"), 0o600); err != nil {
			h.t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func (h *harness) showMembers() {
	h.t.Helper()
	h.u.goToMembers()
	h.settle()
}

// withMe says who the manager is, so the UI opens on the main view.
func withMe(name string, members ...model.Member) func(*storage.Store) {
	return func(st *storage.Store) {
		ctx := context.Background()
		if _, err := st.SetMe(ctx, name); err != nil {
			panic(err)
		}
		for _, m := range members {
			if err := st.CreateMember(ctx, &m); err != nil {
				panic(fmt.Sprintf("create %q: %v", m.Name, err))
			}
		}
	}
}

// settle runs background work and its results until the UI is idle.
func (h *harness) settle() {
	h.t.Helper()
	for range 1000 {
		idle := make(chan struct{})
		go func() {
			h.u.jobs.Wait()
			close(idle)
		}()
		select {
		case <-idle:
		case <-time.After(10 * time.Second):
			h.t.Fatal("background work did not finish within 10 s")
		}
		if !h.q.drain() {
			return
		}
	}
	h.t.Fatal("the UI never settled")
}

// waitFor polls, running queued work, until cond holds; it fails the test after
// a few seconds, saying what it waited for.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		h.settle()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("waited 5 s for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// shortcut presses a keyboard shortcut on the window.
func (h *harness) shortcut(s fyne.Shortcut) {
	h.t.Helper()
	c := any(h.u.win.Canvas())
	if _, ok := c.(fyne.Shortcutable); !ok {
		// Fyne's test canvas wraps the canvas that holds the shortcuts.
		c = reflect.ValueOf(c).Elem().FieldByName("WindowlessCanvas").Interface()
	}
	sc, ok := c.(fyne.Shortcutable)
	if !ok {
		h.t.Fatalf("the canvas %T takes no shortcuts", c)
	}
	sc.TypedShortcut(s)
	h.settle()
}

func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// typeIn puts the cursor in e and types s, as a user would.
func (h *harness) typeIn(e fyne.Focusable, s string) {
	h.u.win.Canvas().Focus(e)
	test.Type(h.u.win.Canvas().Focused(), s)
}

// key presses a key in what has the focus.
func (h *harness) key(name fyne.KeyName) {
	h.u.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name})
	h.settle()
}

// memberForm is the member form open now; it fails the test when there is none.
func (h *harness) memberForm() *memberForm {
	h.t.Helper()
	f, ok := h.u.form.(*memberForm)
	if !ok {
		h.t.Fatalf("no member form is open (form = %T)", h.u.form)
	}
	return f
}

// storedMembers lists the names of the living members in the record.
func (h *harness) storedMembers(trashed bool) []string {
	h.t.Helper()
	ms, err := h.st.Members(context.Background(), model.MemberFilter{Trashed: trashed, Limit: 1000})
	if err != nil {
		h.t.Fatalf("members: %v", err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	slices.Sort(names)
	return names
}

// memberID finds a member of the record by name.
func (h *harness) memberID(name string) int64 {
	h.t.Helper()
	for _, trashed := range []bool{false, true} {
		ms, err := h.st.Members(context.Background(), model.MemberFilter{Text: name, Trashed: trashed})
		if err != nil {
			h.t.Fatalf("members: %v", err)
		}
		for _, m := range ms {
			if m.Name == name {
				return m.ID
			}
		}
	}
	h.t.Fatalf("no member named %q in the record", name)
	return 0
}

// children lists what o shows: a container's objects, a widget's rendered parts.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch o := o.(type) {
	case *fyne.Container:
		return o.Objects
	case fyne.Widget:
		return test.WidgetRenderer(o).Objects()
	}
	return nil
}

// walkVisible calls visit on every visible object under root.
func walkVisible(root fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if root == nil || !root.Visible() {
		return
	}
	visit(root)
	for _, c := range children(root) {
		walkVisible(c, visit)
	}
}

// screenTexts is every visible label, hyperlink and button text in the window,
// dialogs included.
func (h *harness) screenTexts() []string {
	var texts []string
	visit := func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			texts = append(texts, o.Text)
		case *quietLabel:
			texts = append(texts, o.Text)
		case *widget.Hyperlink:
			texts = append(texts, o.Text)
		case *widget.Button:
			texts = append(texts, o.Text)
		}
	}
	c := h.u.win.Canvas()
	walkVisible(c.Content(), visit)
	for _, o := range c.Overlays().List() {
		walkVisible(o, visit)
	}
	return texts
}

// shows reports whether the window shows text in a label, link or button.
func (h *harness) shows(text string) bool {
	for _, s := range h.screenTexts() {
		if s == text {
			return true
		}
	}
	return false
}

// button finds the visible button labelled text, in the window or its dialogs.
func (h *harness) button(text string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	visit := func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	}
	c := h.u.win.Canvas()
	overlays := c.Overlays().List()
	for i := len(overlays) - 1; i >= 0 && found == nil; i-- {
		walkVisible(overlays[i], visit)
	}
	if found == nil {
		walkVisible(c.Content(), visit)
	}
	if found == nil {
		h.t.Fatalf("no button %q on screen; the screen shows %q", text, h.screenTexts())
	}
	return found
}

// tap taps the button labelled text and lets the UI settle.
func (h *harness) tap(text string) {
	h.t.Helper()
	test.Tap(h.button(text))
	h.settle()
}

// listNames is what the members list shows, row by row, for the rows on screen.
func listNames(l *widget.List) []string {
	var names []string
	walkVisible(l, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			if _, ok := c.Layout.(*rowLayout); ok {
				names = append(names, c.Objects[0].(*widget.Label).Text)
			}
		}
	})
	slices.Sort(names)
	return names
}
