package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"rapport/model"
)

// Backups lists and restores the backups of a record, which needs no open
// record: declared here and implemented outside, like Reports (cmd/rapport
// passes storage's functions through UI.SetBackups). Without it, File ›
// Restore from backup… is not offered.
type Backups interface {
	// List returns the backups of the record at recordPath, newest first;
	// one that cannot be read carries its Problem.
	List(recordPath string) ([]Backup, error)
	// Restore puts the backup at backupPath in place of the record at
	// recordPath, which must not be open, and returns the backup it kept of
	// the record as it was (Path empty when there was no record).
	Restore(ctx context.Context, recordPath, backupPath string) (Backup, error)
	// Damaged reports whether err, met opening or reading the record at
	// recordPath, means that the file is damaged.
	Damaged(ctx context.Context, recordPath string, err error) bool
}

// Backup is one backup of a record and what the user knows it by.
type Backup struct {
	Path string
	// Kind is daily, weekly, manual, before-restore or before-migration.
	Kind string
	Time time.Time
	Size int64
	// What it holds: living members, conversations, feedback items, and
	// follow-ups.
	Members, Conversations, FollowUps, Feedback int
	// Problem says why it cannot be read; empty when it can.
	Problem string
}

// SetBackups gives the UI what it lists and restores backups with.
func (u *UI) SetBackups(b Backups) {
	u.backups = b
	u.refreshMenu()
}

// backupKindText names a kind of backup as the list shows it.
func backupKindText(kind string) string {
	switch kind {
	case "daily":
		return "Daily"
	case "weekly":
		return "Weekly"
	case "manual":
		return "Made by you"
	case "before-restore":
		return "Before a restore"
	case "before-migration":
		return "Before an update of Rapport"
	}
	return kind
}

// backupWhen is when a backup was taken, as the dialogs say it.
func backupWhen(t time.Time) string { return t.Local().Format("Mon 2 Jan 2006, 15:04") }

// backupCounts says what a backup holds.
func backupCounts(b Backup) string {
	return strings.Join(model.RecordHolds(b.Members, b.Conversations, b.FollowUps, b.Feedback), " · ")
}

// backUpNow is File › Back up now: a manual backup, which is never pruned.
func (u *UI) backUpNow() {
	st := u.st
	u.goDo(func() func() {
		path, err := st.ManualBackup(u.ctx())
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			l := wrapLabel("A copy of the record as it is now went to " + path + ".\nIt is kept until you remove it.")
			l.Wrapping = fyne.TextWrapBreak
			d := dialog.NewCustom("Backed up", "Close", l, u.win)
			d.Resize(fyne.NewSize(520, d.MinSize().Height))
			d.Show()
		}
	})
}

// showRestoreBackups is File › Restore from backup…: the record's backups,
// newest first, each with what it holds and a Restore button.
func (u *UI) showRestoreBackups() {
	if u.backups == nil || u.st == nil {
		return
	}
	path, backups := u.st.Path(), u.backups
	u.goDo(func() func() {
		list, err := backups.List(path)
		return func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.showBackupList(path, list)
		}
	})
}

// showBackupList shows the backups of the record at path.
func (u *UI) showBackupList(path string, list []Backup) {
	if len(list) == 0 {
		dialog.ShowInformation("No backups yet",
			"Rapport backs the record up at the first start of each day, and when you choose File › Back up now.", u.win)
		return
	}
	var d dialog.Dialog
	rows := container.NewVBox()
	for i, b := range list {
		if i > 0 {
			rows.Add(widget.NewSeparator())
		}
		title := widget.NewLabelWithStyle(backupWhen(b.Time), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		kind := quietText(backupKindText(b.Kind))
		var detail fyne.CanvasObject
		var action fyne.CanvasObject
		if b.Problem != "" {
			detail = captionLabelText("Cannot be read: " + b.Problem)
		} else {
			detail = wrapLabel(backupCounts(b))
			restore := widget.NewButtonWithIcon("Restore…", theme.HistoryIcon(), func() {
				d.Hide()
				u.confirmRestore(path, b)
			})
			action = container.NewCenter(restore)
		}
		text := container.NewVBox(container.NewHBox(title, kind), detail)
		if action != nil {
			rows.Add(container.NewBorder(nil, nil, nil, action, text))
		} else {
			rows.Add(text)
		}
	}
	intro := wrapLabel("Restoring a backup puts the record back as it was then. What the record holds now is kept as a backup first.")
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(0, 320))
	d = dialog.NewCustom("Restore from backup", "Close", container.NewBorder(intro, nil, nil, nil, scroll), u.win)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}

// confirmRestore asks before restoring b, naming its date.
func (u *UI) confirmRestore(path string, b Backup) {
	msg := wrapLabel(fmt.Sprintf("The record will be as it was on %s: %s.\n\nWhat it holds now is kept as a backup first, so this can be undone by restoring that backup.",
		backupWhen(b.Time), backupCounts(b)))
	d := dialog.NewCustomConfirm("Restore the backup of "+backupWhen(b.Time)+"?", "Restore", "Cancel", msg,
		func(ok bool) {
			if ok {
				u.restoreBackup(path, b)
			}
		}, u.win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

// restoreBackup closes the record at path if it is the one shown, restores
// b in its place and opens it again; a restore that fails opens the record
// as it was.
func (u *UI) restoreBackup(path string, b Backup) {
	if u.backups == nil {
		return
	}
	if u.st != nil && samePath(u.st.Path(), path) {
		if u.form != nil {
			u.form.cancel()
		}
		u.reminders.plan(model.Today{})
		// The restore replaces the file: the record must not be open.
		if err := u.st.Close(); err != nil {
			u.showError(fmt.Errorf("closing %s: %w", path, err))
			return
		}
	}
	backups := u.backups
	u.goDo(func() func() {
		kept, err := backups.Restore(u.ctx(), path, b.Path)
		st, oerr := u.open(u.ctx(), path)
		return func() {
			if oerr != nil {
				u.showError(fmt.Errorf("opening the record %s: %w", path, oerr))
				return
			}
			u.switchStore(st)
			if err != nil {
				u.showError(err)
				return
			}
			u.restored(b, kept)
		}
	})
}

// restored says what the restore did, and where the record as it was went.
func (u *UI) restored(b Backup, kept Backup) {
	text := fmt.Sprintf("The record is back as it was on %s.", backupWhen(b.Time))
	switch {
	case kept.Path == "":
	case kept.Problem != "":
		text += "\n\nThe damaged file was moved aside, not deleted: " + kept.Path
	default:
		text += "\n\nIts previous state was kept as a backup: " + kept.Path
	}
	l := wrapLabel(text)
	l.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom("Backup restored", "Close", l, u.win)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

// offerRestore offers, when err says that the record at path is damaged and
// a backup of it can be read, to restore the latest; otherwise it calls
// otherwise. File › Open and a failed daily backup come here. Telling damage
// may read the whole file, hence the background.
func (u *UI) offerRestore(path string, err error, otherwise func()) {
	if u.backups == nil {
		otherwise()
		return
	}
	backups := u.backups
	u.goDo(func() func() {
		var latest *Backup
		if backups.Damaged(u.ctx(), path, err) {
			list, _ := backups.List(path)
			for i := range list {
				if list[i].Problem == "" {
					latest = &list[i]
					break
				}
			}
		}
		return func() {
			if latest == nil {
				otherwise()
				return
			}
			u.askRestoreLatest(path, *latest, err)
		}
	})
}

// askRestoreLatest asks whether to restore b over the damaged record at path.
func (u *UI) askRestoreLatest(path string, b Backup, damage error) {
	msg := wrapLabel(fmt.Sprintf("%v\n\nRestore the latest backup from %s (%s)? The damaged record is kept, not deleted.",
		damage, backupWhen(b.Time), model.Plural(b.Members, "member", "members")))
	d := dialog.NewCustomConfirm("The record is damaged", "Restore", "Not now", msg, func(ok bool) {
		if ok {
			u.restoreBackup(path, b)
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	d.Show()
}

// BackupFailed tells that the daily backup failed; the app goes on. When
// the record turned out damaged, it offers the latest backup instead.
func (u *UI) BackupFailed(err error) {
	if err == nil || u.closed {
		return
	}
	notify := func() {
		u.app.SendNotification(fyne.NewNotification("Rapport could not back up the record", err.Error()))
	}
	if u.st == nil {
		notify()
		return
	}
	u.offerRestore(u.st.Path(), err, notify)
}
