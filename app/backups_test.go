package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"rapport/model"
	"rapport/storage"
)

// storageBackups is Backups on storage's functions, as cmd/rapport wires it.
type storageBackups struct{}

func (storageBackups) List(recordPath string) ([]Backup, error) {
	list, err := storage.Backups(recordPath)
	var backups []Backup
	for _, b := range list {
		backups = append(backups, toBackup(b))
	}
	return backups, err
}

func (storageBackups) Restore(ctx context.Context, recordPath, backupPath string) (Backup, error) {
	kept, err := storage.Restore(ctx, recordPath, backupPath)
	return toBackup(kept), err
}

func (storageBackups) Damaged(ctx context.Context, recordPath string, err error) bool {
	return storage.Damaged(ctx, recordPath, err)
}

func toBackup(b storage.BackupInfo) Backup {
	return Backup{Path: b.Path, Kind: string(b.Kind), Time: b.Time, Size: b.Size,
		Members: b.Members, Conversations: b.Conversations, FollowUps: b.FollowUps, Feedback: b.Feedback, Problem: b.Problem}
}

// fileMenuItem runs the File menu's item labelled label.
func (h *harness) fileMenuItem(label string) {
	h.t.Helper()
	file := h.u.win.MainMenu().Items[0]
	i := slices.IndexFunc(file.Items, func(it *fyne.MenuItem) bool { return it.Label == label })
	if i < 0 || file.Items[i].Disabled {
		h.t.Fatalf("no enabled File › %s", label)
	}
	file.Items[i].Action()
	h.settle()
}

// showsText reports whether a label, link or button on screen holds text.
func (h *harness) showsText(text string) bool {
	return slices.ContainsFunc(h.screenTexts(), func(s string) bool { return strings.Contains(s, text) })
}

// livingMembers lists the names of the living members of the record shown.
func (h *harness) livingMembers() []string {
	h.t.Helper()
	ms, err := h.u.st.Members(context.Background(), model.MemberFilter{Limit: 1000})
	if err != nil {
		h.t.Fatalf("members: %v", err)
	}
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	return names
}

func TestBackUpNow(t *testing.T) {
	h := newHarness(t, withMe("Sam Rivera", model.Member{Name: "Amara Okafor"}))
	h.u.SetBackups(storageBackups{})
	h.fileMenuItem("Back up now")
	list, err := storage.Backups(h.st.Path())
	if err != nil || len(list) != 1 {
		t.Fatalf("backups after Back up now: %+v, %v; want one", list, err)
	}
	if b := list[0]; b.Kind != storage.BackupManual || b.Members != 1 || b.Problem != "" {
		t.Errorf("Back up now made %+v, want a manual backup holding 1 member", b)
	}
	if info, err := os.Stat(list[0].Path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the backup's mode is %v (err %v), want 0600", info.Mode().Perm(), err)
	}
	if !h.showsText(list[0].Path) {
		t.Errorf("the window does not say where the backup went; it shows %q", h.screenTexts())
	}
}

func TestRestoreFromAListedBackup(t *testing.T) {
	h := newHarness(t, withMe("Sam Rivera", model.Member{Name: "Amara Okafor"}))
	h.u.SetBackups(storageBackups{})
	path := h.st.Path()
	if _, err := h.st.ManualBackup(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := h.st.CreateMember(context.Background(), &model.Member{Name: "Björn Öberg"}); err != nil {
		t.Fatal(err)
	}

	h.fileMenuItem("Restore from backup…")
	when := backupWhen(testNow)
	for _, want := range []string{when, "Made by you", "1 member · 0 conversations · 0 follow-ups · 0 feedback items"} {
		if !h.shows(want) {
			t.Errorf("the backups dialog does not show %q; it shows %q", want, h.screenTexts())
		}
	}
	h.tap("Restore…")
	if !h.showsText("The record will be as it was on " + when) {
		t.Fatalf("the confirmation does not name the date; the screen shows %q", h.screenTexts())
	}
	h.tap("Restore")

	if got := h.livingMembers(); !slices.Equal(got, []string{"Amara Okafor"}) {
		t.Errorf("after the restore the record shows %q, want only Amara Okafor", got)
	}
	if h.u.st.Path() != path {
		t.Errorf("the window shows %s after the restore, want %s", h.u.st.Path(), path)
	}
	list, err := storage.Backups(path)
	if err != nil || len(list) != 2 || list[0].Kind != storage.BackupBeforeRestore || list[0].Members != 2 {
		t.Fatalf("backups after the restore: %+v, %v; want the 2 members kept first", list, err)
	}
	if !h.showsText("Its previous state was kept as a backup: " + list[0].Path) {
		t.Errorf("the window does not say where the previous state went; it shows %q", h.screenTexts())
	}
}

func TestOpeningADamagedRecordOffersItsLatestBackup(t *testing.T) {
	h := newHarness(t, withMe("Sam Rivera", model.Member{Name: "Amara Okafor"}))
	h.u.SetBackups(storageBackups{})
	ctx := context.Background()
	other := filepath.Join(t.TempDir(), "guild.db")
	st, err := storage.Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.LoadSample(ctx); err != nil {
		t.Fatal(err)
	}
	backup, err := st.ManualBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.CountMembers(ctx, model.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The header overwritten, as a failing disk would.
	b, err := os.ReadFile(other)
	if err != nil {
		t.Fatal(err)
	}
	copy(b, strings.Repeat("Z", 4096))
	if err := os.WriteFile(other, b, 0o600); err != nil {
		t.Fatal(err)
	}

	h.u.openRecord(other)
	h.settle()
	if !h.showsText("Restore the latest backup from ") || !h.showsText(model.Plural(want, "member", "members")) {
		t.Fatalf("opening the damaged record does not offer its backup %s; the screen shows %q", backup, h.screenTexts())
	}
	h.tap("Restore")
	if h.u.st.Path() != other {
		t.Fatalf("the window shows %s, want the restored %s", h.u.st.Path(), other)
	}
	if n, err := h.u.st.CountMembers(ctx, model.MemberFilter{}); err != nil || n != want {
		t.Errorf("the restored record holds %d members (err %v), want %d", n, err, want)
	}
	if aside, _ := filepath.Glob(other + ".unreadable-*"); len(aside) != 1 {
		t.Errorf("the damaged file was not kept aside: %q", aside)
	}
}

func TestAFailedBackupOfADamagedRecordOffersTheLatest(t *testing.T) {
	h := newHarness(t, withMe("Sam Rivera", model.Member{Name: "Amara Okafor"}))
	h.u.SetBackups(storageBackups{})
	ctx := context.Background()
	if _, err := h.st.ManualBackup(ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.st.CreateMember(ctx, &model.Member{Name: "Björn Öberg"}); err != nil {
		t.Fatal(err)
	}

	// Not damaged: a notification, and the record stays as it is.
	h.u.BackupFailed(fmt.Errorf("backup to %s: disk full", h.st.Path()))
	h.settle()
	if h.showsText("Restore the latest backup") {
		t.Fatalf("a backup that failed for want of room offers a restore; the screen shows %q", h.screenTexts())
	}

	h.u.BackupFailed(fmt.Errorf("daily backup of %s: %w", h.st.Path(), storage.ErrCorrupt))
	h.settle()
	if !h.showsText("Restore the latest backup from " + backupWhen(testNow) + " (1 member)?") {
		t.Fatalf("a damaged record does not offer its latest backup; the screen shows %q", h.screenTexts())
	}
	h.tap("Restore")
	if got := h.livingMembers(); !slices.Equal(got, []string{"Amara Okafor"}) {
		t.Errorf("after the restore the record shows %q, want only Amara Okafor", got)
	}
}
