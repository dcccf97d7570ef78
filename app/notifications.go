package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"rapport/model"
)

// Preferences of the reminders: whether to send them, and the notifications
// scheduled already ("follow-up ID|delivery, Unix seconds|notification ID"),
// so that a later run can change or cancel them.
const (
	prefReminders = "promiseReminders"
	prefScheduled = "scheduledReminders"
)

// reminderHour is the hour of the due day a reminder arrives at.
const reminderHour = 9

// reminder is a desktop notification scheduled for one promise.
type reminder struct {
	id      string // the notification's, to cancel it
	at      time.Time
	content string
}

// reminders sends a desktop notification when a promise falls due, at
// reminderHour on its day, through Fyne's scheduled notifications: the system
// delivers them where it has a scheduler, Fyne's own timer elsewhere. The
// schedule follows Today: each time Today is read, the promises due this week
// are scheduled, and those no longer due (done, moved, dropped) cancelled.
type reminders struct {
	u         *UI
	scheduled map[int64]reminder
}

func newReminders(u *UI) *reminders {
	r := &reminders{u: u, scheduled: map[int64]reminder{}}
	for _, s := range u.app.Preferences().StringList(prefScheduled) {
		parts := strings.SplitN(s, "|", 3)
		if len(parts) != 3 {
			continue
		}
		fu, err1 := strconv.ParseInt(parts[0], 10, 64)
		at, err2 := strconv.ParseInt(parts[1], 10, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		r.scheduled[fu] = reminder{id: parts[2], at: time.Unix(at, 0)}
	}
	return r
}

// enabled reports whether the user wants reminders; they do unless they said no.
func (r *reminders) enabled() bool {
	return r.u.app.Preferences().BoolWithFallback(prefReminders, true)
}

// setEnabled turns reminders on or off; off cancels every one scheduled.
func (r *reminders) setEnabled(on bool) {
	r.u.app.Preferences().SetBool(prefReminders, on)
	if !on {
		r.plan(model.Today{})
		return
	}
	if r.u.today != nil {
		r.u.today.reload() // which plans them
	}
}

// plan schedules a reminder for each open promise due from now to the end of
// the week that t shows, and cancels the others.
func (r *reminders) plan(t model.Today) {
	want := map[int64]reminder{}
	if r.enabled() {
		now := r.u.now()
		for _, fu := range append(append([]model.FollowUpItem(nil), t.DueToday.Items...), t.DueThisWeek.Items...) {
			if !fu.Promise || fu.Status != model.FollowUpOpen {
				continue
			}
			at := time.Date(fu.Due.Year(), fu.Due.Month(), fu.Due.Day(), reminderHour, 0, 0, 0, time.Local)
			if !at.After(now) {
				continue // Today shows it already
			}
			want[fu.ID] = reminder{at: at, content: reminderText(fu)}
		}
	}
	changed := false
	for id, s := range r.scheduled {
		if w, ok := want[id]; ok && w.at.Equal(s.at) && (s.content == "" || s.content == w.content) {
			continue
		}
		_ = r.u.app.CancelScheduledNotification(s.id)
		delete(r.scheduled, id)
		changed = true
	}
	for id, w := range want {
		if _, ok := r.scheduled[id]; ok {
			continue
		}
		n, err := r.u.app.ScheduleNotification(fyne.NewNotification("Promise due today", w.content), w.at)
		if err != nil {
			continue // the system refused it; Today still shows the promise
		}
		w.id = n.ID()
		r.scheduled[id] = w
		changed = true
	}
	if changed {
		r.save()
	}
}

// forget cancels the reminder of a follow-up that is done.
func (r *reminders) forget(followUp int64) {
	if s, ok := r.scheduled[followUp]; ok {
		_ = r.u.app.CancelScheduledNotification(s.id)
		delete(r.scheduled, followUp)
		r.save()
	}
}

func (r *reminders) save() {
	list := make([]string, 0, len(r.scheduled))
	for fu, s := range r.scheduled {
		list = append(list, fmt.Sprintf("%d|%d|%s", fu, s.at.Unix(), s.id))
	}
	r.u.app.Preferences().SetStringList(prefScheduled, list)
}

// reminderText is what a reminder says: the promise, and to whom.
func reminderText(fu model.FollowUpItem) string {
	if len(fu.Names) == 0 {
		return fu.What
	}
	return fmt.Sprintf("%s (to %s)", fu.What, strings.Join(fu.Names, ", "))
}
