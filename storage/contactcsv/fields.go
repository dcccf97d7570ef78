package contactcsv

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"

	"rapport/model"
)

// Field is what a column holds: one of the constants below, or an identity
// on a platform (IdentityOn).
type Field string

// Fields a column can map to.
const (
	Ignore       Field = "ignore" // left out on purpose (not reported)
	Name         Field = "name"   // the display name
	FirstName    Field = "first name"
	MiddleName   Field = "middle name"
	LastName     Field = "last name"
	Nickname     Field = "nickname" // the name when there is none, else kept in the notes
	Pronouns     Field = "pronouns"
	Emails       Field = "emails"
	Phones       Field = "phones"
	Organisation Field = "organisation"
	Role         Field = "role"
	Location     Field = "location"
	TimeZone     Field = "time zone"
	Birthday     Field = "birthday" // 1990-04-15 or --04-15
	Tags         Field = "tags"
	Identities   Field = "identities" // "Platform:handle" or "Platform:handle <url>", as Encode writes them
	Website      Field = "website"    // web addresses, kept as Website identities
	HowWeMet     Field = "how we met"
	CaresAbout   Field = "cares about"
	Notes        Field = "notes"
	PrivateNotes Field = "private notes"
	Cadence      Field = "keep in touch days"
	UID          Field = "uid"
)

const identityPrefix = "identity:"

// IdentityOn is a column of handles on platform, e.g. IdentityOn("Discourse")
// for a forum's usernames.
func IdentityOn(platform string) Field { return Field(identityPrefix + platform) }

// Platform is the platform of an IdentityOn field, "" for other fields.
func (f Field) Platform() string {
	if p, ok := strings.CutPrefix(string(f), identityPrefix); ok {
		return p
	}
	return ""
}

// Label is the field as a mapping dialog shows it.
func (f Field) Label() string {
	if p := f.Platform(); p != "" {
		return p + " handle"
	}
	switch f {
	case Ignore:
		return "(leave out)"
	case UID:
		return "UID"
	}
	return strings.ToUpper(string(f[:1])) + string(f[1:])
}

// Fields lists what a column can map to, in the order a dialog offers them.
var Fields = func() []Field {
	fs := []Field{Ignore, Name, FirstName, MiddleName, LastName, Nickname, Pronouns, Emails, Phones,
		Organisation, Role, Location, TimeZone, Birthday, Tags, Identities, Website}
	for _, p := range model.Platforms {
		if p != "Website" && p != "Other" {
			fs = append(fs, IdentityOn(p))
		}
	}
	return append(fs, HowWeMet, CaresAbout, Notes, PrivateNotes, Cadence, UID)
}()

// known reports whether f is a field Decode can fill.
func (f Field) known() bool {
	if p := f.Platform(); p != "" {
		return strings.TrimSpace(p) != ""
	}
	for _, k := range Fields {
		if k == f {
			return true
		}
	}
	return false
}

// Mapping maps a column, named by its header as the file writes it, to the
// field it holds. A column the mapping leaves out is not imported, and
// Decode reports it when it holds values; one mapped to Ignore is left out
// quietly.
type Mapping map[string]Field

// field is the field of a column, ok false when the mapping leaves it out.
// Headers are compared as written, then without case (the first such key
// in sort order, should several differ only in case).
func (m Mapping) field(header string) (Field, bool) {
	h := strings.TrimSpace(header)
	if f, ok := m[h]; ok {
		return f, true
	}
	key, found := "", false
	for k := range m {
		if strings.EqualFold(strings.TrimSpace(k), h) && (!found || k < key) {
			key, found = k, true
		}
	}
	return m[key], found
}

// Preset is a mapping for the CSV files a known program writes.
type Preset struct {
	Name string
	// detect reports whether a header (lower case, trimmed) is the
	// program's; column maps one such header to a field.
	detect func(cols map[string]bool) bool
	column func(h string) (Field, bool)
}

// Mapping maps the columns of header the preset knows.
func (p Preset) Mapping(header []string) Mapping {
	m := Mapping{}
	if p.column == nil { // the zero Preset knows no column
		return m
	}
	for _, h := range header {
		h = strings.TrimSpace(h)
		if f, ok := p.column(strings.ToLower(h)); ok {
			m[h] = f
		}
	}
	return m
}

// Presets Rapport knows, in the order DetectPreset tries them.
var Presets = []Preset{RapportPreset, DiscoursePreset, GooglePreset}

// DetectPreset returns the preset whose program wrote header, if any.
func DetectPreset(header []string) (Preset, bool) {
	cols := make(map[string]bool, len(header))
	for _, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = true
	}
	for _, p := range Presets {
		if p.detect(cols) {
			return p, true
		}
	}
	return Preset{}, false
}

// DefaultMapping is the mapping to offer for header: its preset's, else one
// guessed from common column names ("Email", "Full name", "Company", …).
func DefaultMapping(header []string) Mapping {
	if p, ok := DetectPreset(header); ok {
		return p.Mapping(header)
	}
	return genericPreset.Mapping(header)
}

// HeaderKey names the shape of a header, so that the mapping chosen for one
// file can be offered again for the next file of that shape. It ignores case,
// surrounding spaces and a byte order mark, and is stable across versions.
func HeaderKey(header []string) string {
	h := sha256.New()
	for _, c := range header {
		c = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c, bom)))
		h.Write([]byte(c))
		h.Write([]byte{0x1f})
	}
	return "csv-" + hex.EncodeToString(h.Sum(nil)[:12])
}

// ExportHeader is the header Encode writes: these columns, then "Private
// notes" when asked for.
var ExportHeader = []string{
	"Name", "Pronouns", "Emails", "Phones", "Organisation", "Role", "Location", "Time zone",
	"Birthday", "Tags", "Identities", "How we met", "Cares about", "Notes", "Keep in touch (days)", "UID",
}

const privateNotesHeader = "Private notes"

var rapportColumns = map[string]Field{
	"name": Name, "pronouns": Pronouns, "emails": Emails, "phones": Phones,
	"organisation": Organisation, "role": Role, "location": Location, "time zone": TimeZone,
	"birthday": Birthday, "tags": Tags, "identities": Identities, "how we met": HowWeMet,
	"cares about": CaresAbout, "notes": Notes, "keep in touch (days)": Cadence, "uid": UID,
	"private notes": PrivateNotes,
}

// RapportPreset reads what Encode writes.
var RapportPreset = Preset{
	Name: "Rapport CSV",
	detect: func(cols map[string]bool) bool {
		for c := range cols {
			if _, ok := rapportColumns[c]; !ok {
				return false
			}
		}
		return cols["name"] && cols["identities"]
	},
	column: func(h string) (Field, bool) { f, ok := rapportColumns[h]; return f, ok },
}

// DiscoursePreset reads the user list a Discourse forum exports (Admin →
// Users → Export): username becomes the member's Discourse identity, name
// the name (the username when empty), email and secondary_emails the emails,
// title the role, group_names the tags. Activity counts and moderation state
// are left out: the record keeps relationships, not scores.
var DiscoursePreset = Preset{
	Name: "Discourse user export",
	detect: func(cols map[string]bool) bool {
		return cols["username"] && cols["email"] && cols["trust_level"]
	},
	column: func(h string) (Field, bool) {
		switch h {
		case "name":
			return Name, true
		case "username":
			return IdentityOn("Discourse"), true
		case "email", "secondary_emails":
			return Emails, true
		case "title":
			return Role, true
		case "location":
			return Location, true
		case "website":
			return Website, true
		case "group_names":
			return Tags, true
		case "id", "created_at", "last_seen_at", "last_posted_at", "last_emailed_at", "trust_level",
			"approved", "suspended_at", "suspended_till", "silenced_till", "active", "admin", "moderator",
			"ip_address", "registration_ip_address", "staged", "topics_entered", "posts_read_count", "time_read",
			"topic_count", "post_count", "likes_given", "likes_received", "views", "external_id",
			"external_email", "external_username", "external_name", "external_avatar_url":
			return Ignore, true
		}
		if strings.HasSuffix(h, "(custom user field)") {
			return Notes, true // the forum's own profile questions
		}
		return "", false
	},
}

// googleNumbered matches Google's numbered columns: "E-mail 2 - Value".
var googleNumbered = regexp.MustCompile(`^(e-mail|phone|address|website|organization|im|relation|event|custom field|external id) \d+ - (.+)$`)

// GooglePreset reads a Google Contacts export ("Google CSV"), in its current
// form (First Name, Labels, E-mail 1 - Value …) and the older one (Given
// Name, Group Membership …). Labels become tags; a street address, phonetic
// names and the photo's address are left out (the city, region and country
// make the location).
var GooglePreset = Preset{
	Name: "Google Contacts CSV",
	detect: func(cols map[string]bool) bool {
		return cols["first name"] && cols["last name"] && cols["labels"] ||
			cols["given name"] && cols["family name"] && cols["group membership"]
	},
	column: func(h string) (Field, bool) {
		switch h {
		case "name":
			return Name, true
		case "first name", "given name":
			return FirstName, true
		case "middle name", "additional name":
			return MiddleName, true
		case "last name", "family name":
			return LastName, true
		case "nickname":
			return Nickname, true
		case "organization name":
			return Organisation, true
		case "organization title":
			return Role, true
		case "organization department":
			return Organisation, true
		case "birthday":
			return Birthday, true
		case "notes":
			return Notes, true
		case "labels", "group membership":
			return Tags, true
		case "location":
			return Location, true
		case "phonetic first name", "phonetic middle name", "phonetic last name", "yomi name", "given name yomi",
			"additional name yomi", "family name yomi", "name prefix", "name suffix", "file as", "photo",
			"initials", "short name", "maiden name":
			return Ignore, true
		}
		sub := googleNumbered.FindStringSubmatch(h)
		if sub == nil {
			return "", false
		}
		kind, part := sub[1], sub[2]
		switch {
		case part == "label" || part == "type":
			return Ignore, true
		case kind == "e-mail" && part == "value":
			return Emails, true
		case kind == "phone" && part == "value":
			return Phones, true
		case kind == "website" && part == "value":
			return Website, true
		case kind == "organization" && (part == "name" || part == "department"):
			return Organisation, true
		case kind == "organization" && part == "title":
			return Role, true
		case kind == "address" && (part == "city" || part == "region" || part == "country"):
			return Location, true
		case kind == "address":
			return Ignore, true
		}
		return "", false
	},
}

// genericPreset guesses from the names columns commonly have.
var genericPreset = Preset{
	Name:   "",
	detect: func(map[string]bool) bool { return false },
	column: func(h string) (Field, bool) {
		h = strings.Join(strings.FieldsFunc(h, func(r rune) bool { return r == '_' || r == ' ' || r == '-' }), " ")
		if f, ok := rapportColumns[h]; ok {
			return f, true
		}
		switch h {
		case "full name", "display name", "contact name":
			return Name, true
		case "first name", "given name", "firstname", "forename":
			return FirstName, true
		case "last name", "family name", "lastname", "surname":
			return LastName, true
		case "nick", "nickname", "nick name":
			return Nickname, true
		case "email", "e mail", "email address", "e mail address", "mail":
			return Emails, true
		case "phone", "phone number", "mobile", "mobile phone", "telephone", "tel", "cell":
			return Phones, true
		case "company", "organization", "organisation name", "organization name", "org":
			return Organisation, true
		case "title", "job title", "position":
			return Role, true
		case "city", "country", "region":
			return Location, true
		case "timezone", "tz":
			return TimeZone, true
		case "date of birth", "dob", "birthdate":
			return Birthday, true
		case "labels", "groups", "group", "tag":
			return Tags, true
		case "note", "comment", "comments":
			return Notes, true
		case "website", "url", "web", "homepage", "web page", "website url":
			return Website, true
		}
		for _, p := range model.Platforms {
			lp := strings.ToLower(p)
			if p != "Website" && p != "Other" && p != "Email" &&
				(h == lp || h == lp+" handle" || h == lp+" username" || h == lp+" user") {
				return IdentityOn(p), true
			}
		}
		return "", false
	},
}
