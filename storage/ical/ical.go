// Package ical writes open follow-ups as an iCalendar file (RFC 5545), one
// to-do each, for the manager's calendar: Thunderbird, Evolution, GNOME
// Calendar and others import it. github.com/emersion/go-ical builds and
// writes the calendar; its encoder never folds lines, so what it writes goes
// through a writer that does.
package ical

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"rapport/model"
)

// ErrEmpty means there is no open follow-up to write: RFC 5545 wants a
// calendar to hold at least one component, and go-ical refuses to write one
// that holds none.
var ErrEmpty = errors.New("no open follow-up to put in a calendar")

// maxLine is the longest content line RFC 5545 allows, in octets, without
// its line break; longer lines are folded.
const maxLine = 75

// prodID names the writer of the calendar.
const prodID = "-//Rapport//Follow-ups//EN"

// WriteFollowUps writes a calendar holding one VTODO per open follow-up in
// items (others are left out), in their order: due on the follow-up's day,
// with a summary that names the members a promise is owed to. The UID of a
// follow-up is stable across exports, so that importing again updates the
// same to-dos; now stamps the file (DTSTAMP). Without an open follow-up it
// writes nothing and returns ErrEmpty. Each content line reaches w in one
// Write; a caller writing to a file buffers it.
func WriteFollowUps(w io.Writer, items []model.FollowUpItem, now time.Time) error {
	cal := goical.NewCalendar()
	cal.Props.SetText(goical.PropVersion, "2.0")
	cal.Props.SetText(goical.PropProductID, prodID)
	cal.Props.SetText(goical.PropCalendarScale, "GREGORIAN")
	stamp := now.UTC()
	for _, f := range items {
		if f.Status == model.FollowUpOpen {
			cal.Children = append(cal.Children, todo(f, stamp))
		}
	}
	if len(cal.Children) == 0 {
		return ErrEmpty
	}
	fw := &foldWriter{w: w}
	if err := goical.NewEncoder(fw).Encode(cal); err != nil {
		return err
	}
	return fw.flush()
}

// todo is the VTODO of an open follow-up. go-ical writes the properties in
// the order of their names.
func todo(f model.FollowUpItem, stamp time.Time) *goical.Component {
	c := goical.NewComponent(goical.CompToDo)
	c.Props.SetText(goical.PropUID, fmt.Sprintf("followup-%d@rapport", f.ID))
	c.Props.SetDateTime(goical.PropDateTimeStamp, stamp)
	if !f.CreatedAt.IsZero() {
		c.Props.SetDateTime(goical.PropCreated, f.CreatedAt.UTC())
	}
	// The due day as the manager sees it: Due is midnight of that day in
	// their time zone, and a DATE has no zone.
	c.Props.SetDate(goical.PropDue, f.Due)
	c.Props.SetText(goical.PropSummary, clean(summary(f)))
	c.Props.SetText(goical.PropDescription, clean(description(f)))
	c.Props.SetText(goical.PropStatus, "NEEDS-ACTION")
	if f.Promise {
		cats := goical.NewProp(goical.PropCategories)
		cats.SetTextList([]string{"Promise"})
		c.Props.Set(cats)
	}
	return c
}

// summary is the to-do's title: a promise says whom it is owed to.
func summary(f model.FollowUpItem) string {
	if f.Promise && len(f.Names) > 0 {
		return "Promise to " + strings.Join(f.Names, ", ") + ": " + f.What
	}
	return f.What
}

// description says who the follow-up is for and who noted it.
func description(f model.FollowUpItem) string {
	var b strings.Builder
	switch {
	case len(f.Names) == 0:
	case f.Promise:
		b.WriteString("Promised to " + strings.Join(f.Names, ", ") + ".")
	default:
		b.WriteString("With " + strings.Join(f.Names, ", ") + ".")
	}
	if f.CreatedBy != "" {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Noted by " + f.CreatedBy)
		if !f.CreatedAt.IsZero() {
			b.WriteString(" on " + f.CreatedAt.Format("2 January 2006"))
		}
		b.WriteString(".")
	}
	return b.String()
}

// clean readies s for go-ical's SetText, which escapes backslash,
// semicolon, comma and line feed as RFC 5545 asks, but refuses a carriage
// return and passes other control characters through: line breaks of any
// kind become line feeds, other control characters but tab are dropped
// (RFC 5545 allows none in TEXT) and invalid UTF-8 is replaced.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || (r >= 0x20 && r != 0x7f) {
			return r
		}
		return -1
	}, s)
}

// Fold splits a content line into lines of at most 75 octets, each after
// the first starting with a space, never inside a UTF-8 sequence, and ends
// each with CRLF.
func Fold(line string) string {
	var b strings.Builder
	appendFolded(&b, line)
	return b.String()
}

// appendFolded writes line to b folded as Fold does.
func appendFolded(b io.StringWriter, line string) {
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// foldWriter folds the content lines written to it (each ending with CRLF,
// as go-ical writes them) and passes each on to w in one Write. It keeps a
// line until its end comes, so that a line written in pieces is folded
// whole and a character is never split.
type foldWriter struct {
	w    io.Writer
	line []byte // the line begun and not yet ended
	out  bytes.Buffer
}

func (f *foldWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			f.line = append(f.line, p...)
			break
		}
		f.line = append(f.line, p[:i]...)
		p = p[i+1:]
		if err := f.emit(bytes.TrimSuffix(f.line, []byte("\r"))); err != nil {
			return 0, err
		}
		f.line = f.line[:0]
	}
	return n, nil
}

// flush passes on a last line that did not end; go-ical ends every line,
// so there is none unless it changes.
func (f *foldWriter) flush() error {
	if len(f.line) == 0 {
		return nil
	}
	err := f.emit(f.line)
	f.line = f.line[:0]
	return err
}

func (f *foldWriter) emit(line []byte) error {
	f.out.Reset()
	appendFolded(&f.out, string(line))
	_, err := f.w.Write(f.out.Bytes())
	return err
}
