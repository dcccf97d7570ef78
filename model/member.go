package model

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Field names used in FieldError, one per editable part of a member.
const (
	FieldName        = "name"
	FieldEmails      = "emails"
	FieldPhones      = "phones"
	FieldIdentities  = "identities"
	FieldCadence     = "cadence"
	FieldTags        = "tags"
	FieldBirthday    = "birthday"
	FieldManagerName = "your name"
	FieldDefaultDays = "default cadence"
)

// Limits on what a member holds.
const (
	MinCadenceDays    = 1
	MaxCadenceDays    = 3650
	maxNameLength     = 200
	maxTagLength      = 60
	maxFreeTextLength = 100_000
)

// Member is a person in the community the manager keeps a relationship with.
type Member struct {
	ID           int64
	Name         string // display name, as they like to be called
	Pronouns     string
	Emails       []string
	Phones       []string
	Organisation string
	Role         string // role in the community: maintainer, newcomer, …
	Location     string
	TimeZone     string
	HowWeMet     string
	CaresAbout   string
	Notes        string
	PrivateNotes string // the manager's own; never exported unless asked
	Tags         []string
	Identities   []Identity
	CadenceDays  int    // keep-in-touch cadence; 0 means "use the default"
	UID          string // stable identity across exports and imports (vCard UID)
	Birthday     string // "2006-01-02", or "--01-02" when the year is unknown
	Photo        []byte // the image a contact card carried
	PhotoType    string // media type of Photo, e.g. "image/jpeg"
	// VCardExtra keeps what a contact card held that has no field of its own, as
	// unfolded content lines, so that an export writes it back.
	VCardExtra []string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	CreatedBy  string    // the manager who added them
	TrashedAt  time.Time // zero unless the member is in the trash
	// LastContacted is the time of their newest conversation, zero when none;
	// the store derives it from conversations.
	LastContacted time.Time
	// SnoozeUntil is the day before which Today leaves them out, zero for
	// none; the store sets it apart from the member's other fields.
	SnoozeUntil time.Time
}

// InTrash reports whether the member was deleted and can still be restored.
func (m Member) InTrash() bool { return !m.TrashedAt.IsZero() }

// Identity is where a member can be found on one platform.
type Identity struct {
	Platform string // one of Platforms, or anything the user typed
	Handle   string
	URL      string // optional; Link derives one for known platforms
}

// Platforms are the platforms the forms offer; others can be typed.
var Platforms = []string{"GitHub", "GitLab", "Discourse", "Discord", "Slack", "Matrix", "Mastodon", "IRC", "Email", "Website", "Other"}

// Link returns the address to open for the identity: its URL when it has one,
// else one derived from the handle for platforms whose addresses are predictable,
// else "".
func (id Identity) Link() string {
	if id.URL != "" {
		return id.URL
	}
	h := strings.TrimSpace(id.Handle)
	if h == "" {
		return ""
	}
	switch strings.ToLower(id.Platform) {
	case "github":
		return "https://github.com/" + url.PathEscape(strings.TrimPrefix(h, "@"))
	case "gitlab":
		return "https://gitlab.com/" + url.PathEscape(strings.TrimPrefix(h, "@"))
	case "matrix":
		if strings.HasPrefix(h, "@") && strings.Contains(h, ":") {
			return "https://matrix.to/#/" + h
		}
	case "mastodon":
		// @user@host → https://host/@user
		parts := strings.Split(strings.TrimPrefix(h, "@"), "@")
		if len(parts) == 2 && parts[0] != "" && parts[1] != "" {
			return "https://" + parts[1] + "/@" + parts[0]
		}
	case "email":
		if _, err := mail.ParseAddress(h); err == nil {
			return "mailto:" + h
		}
	}
	return ""
}

// Normalize trims what the user typed, drops empty list entries and repeated tags
// (compared without case), so that stored members compare and search cleanly.
func (m *Member) Normalize() {
	for _, s := range []*string{&m.Name, &m.Pronouns, &m.Organisation, &m.Role, &m.Location, &m.TimeZone} {
		*s = strings.Join(strings.Fields(*s), " ")
	}
	for _, s := range []*string{&m.HowWeMet, &m.CaresAbout, &m.Notes, &m.PrivateNotes} {
		*s = strings.TrimSpace(*s)
	}
	m.Emails = cleanList(m.Emails, false)
	m.Phones = cleanList(m.Phones, false)
	m.Tags = cleanList(m.Tags, true)
	ids := m.Identities[:0:0]
	for _, id := range m.Identities {
		id.Platform = strings.TrimSpace(id.Platform)
		id.Handle = strings.TrimSpace(id.Handle)
		id.URL = strings.TrimSpace(id.URL)
		if id.Handle == "" && id.URL == "" {
			continue
		}
		ids = append(ids, id)
	}
	m.Identities = ids
}

// cleanList trims entries, drops empty ones and repeats; foldCase compares
// without case (tags), keeping the first spelling.
func cleanList(in []string, foldCase bool) []string {
	var out []string
	for _, s := range in {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			continue
		}
		dup := slices.ContainsFunc(out, func(o string) bool {
			if foldCase {
				return strings.EqualFold(o, s)
			}
			return o == s
		})
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

// Validate checks a member as the user would fill the form and returns a
// ValidationError naming every field that is wrong, or nil.
func (m Member) Validate() error {
	var v ValidationError
	add := func(field, problem string) { v = append(v, FieldError{field, problem}) }
	switch name := strings.TrimSpace(m.Name); {
	case name == "":
		add(FieldName, "is required")
	case len([]rune(name)) > maxNameLength:
		add(FieldName, fmt.Sprintf("is longer than %d characters", maxNameLength))
	}
	for _, e := range m.Emails {
		if err := CheckEmail(e); err != nil {
			add(FieldEmails, err.Error())
			break
		}
	}
	for _, p := range m.Phones {
		if err := CheckPhone(p); err != nil {
			add(FieldPhones, err.Error())
			break
		}
	}
	for _, id := range m.Identities {
		if strings.TrimSpace(id.Platform) == "" {
			add(FieldIdentities, fmt.Sprintf("%q needs a platform", id.Handle))
			break
		}
		if id.URL != "" {
			if err := CheckURL(id.URL); err != nil {
				add(FieldIdentities, err.Error())
				break
			}
		}
	}
	for _, t := range m.Tags {
		if len([]rune(t)) > maxTagLength {
			add(FieldTags, fmt.Sprintf("%q is longer than %d characters", t, maxTagLength))
			break
		}
		if strings.ContainsAny(t, ",;") {
			add(FieldTags, fmt.Sprintf("%q cannot hold a comma or semicolon", t))
			break
		}
	}
	if m.Birthday != "" {
		if err := CheckBirthday(m.Birthday); err != nil {
			add(FieldBirthday, err.Error())
		}
	}
	if err := CheckCadence(m.CadenceDays, true); err != nil {
		add(FieldCadence, err.Error())
	}
	for _, s := range []string{m.HowWeMet, m.CaresAbout, m.Notes, m.PrivateNotes} {
		if len(s) > maxFreeTextLength {
			add("notes", fmt.Sprintf("are longer than %d characters", maxFreeTextLength))
			break
		}
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// CheckEmail reports whether s is a plain email address (no display name).
func CheckEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return fmt.Errorf("%q is not an email address", s)
	}
	return nil
}

// CheckPhone accepts what people write for phone numbers: digits with spaces,
// dots, dashes, parentheses, a leading + and an extension.
func CheckPhone(s string) error {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-.()/x", r):
		default:
			return fmt.Errorf("%q is not a phone number", s)
		}
	}
	if digits < 3 {
		return fmt.Errorf("%q is not a phone number", s)
	}
	return nil
}

// CheckURL accepts absolute http, https and mailto addresses.
func CheckURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a web address", s)
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("%q has no host", s)
		}
	case "mailto":
		if u.Opaque == "" {
			return fmt.Errorf("%q has no address", s)
		}
	default:
		return fmt.Errorf("%q is not a web address (start it with https://)", s)
	}
	return nil
}

// CheckBirthday accepts a full date (2006-01-02) or a day without a year (--01-02).
func CheckBirthday(s string) error {
	layout, v := "2006-01-02", s
	if strings.HasPrefix(s, "--") {
		layout, v = "2006-01-02", "2000-"+s[2:] // a leap year, so --02-29 is a day
	}
	if _, err := time.Parse(layout, v); err != nil {
		return fmt.Errorf("%q is not a date like 1990-04-15 or --04-15", s)
	}
	return nil
}

// CheckCadence checks a keep-in-touch cadence in days; zero is allowed when
// allowNone, meaning the default applies.
func CheckCadence(days int, allowNone bool) error {
	if days == 0 && allowNone {
		return nil
	}
	if days < MinCadenceDays || days > MaxCadenceDays {
		return fmt.Errorf("must be between %d and %d days", MinCadenceDays, MaxCadenceDays)
	}
	return nil
}

// MemberFilter selects a page of members.
type MemberFilter struct {
	Text    string // search as typed; empty lists all
	Tag     string // only members with this tag (without case); empty for all
	Trashed bool   // the trash instead of the living record
	Offset  int
	Limit   int // 0 means DefaultPageSize
}

// DefaultPageSize is how many members a page holds when the filter names none.
const DefaultPageSize = 50

// Manager is the person using the record ("me"); they stamp what they create, so
// that a record that changes hands still says who knew whom.
type Manager struct {
	ID        int64
	Name      string
	CreatedAt time.Time
}

// Validate checks a manager profile.
func (p Manager) Validate() error {
	if strings.TrimSpace(p.Name) == "" {
		return ValidationError{{FieldManagerName, "is required"}}
	}
	return nil
}

// Settings are the record's own preferences (kept in the record, not the machine).
type Settings struct {
	DefaultCadenceDays int
}

// DefaultSettings apply to a new record.
var DefaultSettings = Settings{DefaultCadenceDays: 90}

// Validate checks settings.
func (s Settings) Validate() error {
	if err := CheckCadence(s.DefaultCadenceDays, false); err != nil {
		return ValidationError{{FieldDefaultDays, err.Error()}}
	}
	return nil
}
