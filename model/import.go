package model

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ImportAction is what an import does with one incoming member.
type ImportAction string

// Import actions. A member matching someone already in the record is merged
// by default, a new one added; either can be skipped.
const (
	ImportAdd   ImportAction = "add"   // add as a new member
	ImportMerge ImportAction = "merge" // fill the matched member's empty fields, join its lists
	ImportSkip  ImportAction = "skip"  // leave out
)

// MatchRule says why an incoming member was taken for one already known, from
// the surest to the loosest.
type MatchRule string

// Match rules, tried in this order.
const (
	MatchUID   MatchRule = "uid"   // the same vCard UID
	MatchEmail MatchRule = "email" // an email address in common, compared without case
	MatchPhone MatchRule = "phone" // a phone number in common, compared by PhoneKey
	MatchName  MatchRule = "name"  // the same name, compared by NameKey
)

// MatchRules lists the rules in the order they are tried.
var MatchRules = []MatchRule{MatchUID, MatchEmail, MatchPhone, MatchName}

// ImportItem is one incoming member of an import, what it matches and what to
// do with it.
type ImportItem struct {
	Incoming Member
	// Origin says where it was read, e.g. "contacts.vcf:12", for the preview
	// and messages; the caller fills it.
	Origin string
	// Match is the living member it matches, nil when it matches none.
	Match *Member
	// DuplicateOf is the position, counted from 1, of an earlier item of
	// the same import it matches (a file listing someone twice); 0 for none.
	// Merging it merges into whatever that item became.
	DuplicateOf int
	MatchedBy   MatchRule // the rule that matched; "" when new
	Action      ImportAction
	// Conflicts are the fields where Incoming says something else than
	// Match: merging keeps Match's value.
	Conflicts []FieldConflict
}

// IsNew reports whether the item matches no one, known or earlier in the file.
func (it ImportItem) IsNew() bool { return it.Match == nil && it.DuplicateOf == 0 }

// FieldConflict is a field that two records of the same person fill
// differently; the first is kept and the other shown, never silently lost.
type FieldConflict struct {
	Field    string // a Field* name, or "pronouns", "organisation", …
	Existing string // the value kept
	Incoming string // the value left out
}

func (c FieldConflict) String() string {
	return fmt.Sprintf("%s: keeps %q, not %q", c.Field, c.Existing, c.Incoming)
}

// ImportPreview is what an import would do, before anything is written.
type ImportPreview struct {
	Items []ImportItem // in the order the members came
	New   int          // items matching no one
	// Matched counts items matching a member of the record, ByRule the same
	// per rule.
	Matched int
	ByRule  map[MatchRule]int
	// Repeats counts items matching an earlier item of the same import.
	Repeats int
}

// ImportResult is what an import did.
type ImportResult struct {
	Added, Merged, Skipped int
	// MemberIDs holds, per item, the member it was added as or merged into;
	// 0 for a skipped one.
	MemberIDs []int64
}

// ImportBatch is one import as the record remembers it, to show it and undo it.
type ImportBatch struct {
	ID                     int64
	Source                 string // the file name(s) it was read from
	At                     time.Time
	Added, Merged, Skipped int
	UndoneAt               time.Time // zero unless it was undone
	// Undoable is true for the latest batch still in effect: only it can be
	// undone (before that, the batches after it).
	Undoable bool
}

// MemberMerge is two members made one by hand: Gone's fields and lists went
// into Kept, Gone went to the trash.
type MemberMerge struct {
	ID       int64
	KeptID   int64
	GoneID   int64
	At       time.Time
	UndoneAt time.Time // zero unless it was undone
}

// ExportFilter says which living members to export: all of them, or those with
// a tag and/or among IDs (both given: the members with the tag among IDs).
type ExportFilter struct {
	All bool
	Tag string
	IDs []int64
}

// MergeMembers folds incoming into existing, as an import merges a matching
// card: existing's empty fields are filled from incoming, and the lists
// (emails, phones, identities, tags, card lines) joined without repeats. A
// field both fill differently keeps existing's value and is reported as a
// conflict. Existing's identity (ID, UID, stamps, trash state) is kept.
func MergeMembers(existing, incoming Member) (Member, []FieldConflict) {
	return merge(existing, incoming, false)
}

// CombineMembers folds gone into keep, as merging two members by hand does:
// like MergeMembers, except that the free texts (how we met, cares about,
// notes, private notes) are both kept, gone's appended as a paragraph of its
// own, since both were written about the same person. The conflicts left are
// those of one-line fields, where keep's value stays.
func CombineMembers(keep, gone Member) (Member, []FieldConflict) {
	return merge(keep, gone, true)
}

func merge(a, b Member, appendText bool) (Member, []FieldConflict) {
	out := a
	var conflicts []FieldConflict
	// One-line values that differ only in case, accents or spacing are one.
	line := func(field string, dst *string, in string) {
		switch {
		case in == "" || NameKey(*dst) == NameKey(in):
		case *dst == "":
			*dst = in
		default:
			conflicts = append(conflicts, FieldConflict{field, *dst, in})
		}
	}
	text := func(field string, dst *string, in string) {
		switch {
		case in == "" || strings.Contains(*dst, in):
		case *dst == "":
			*dst = in
		case appendText:
			*dst += "\n\n" + in
		default:
			conflicts = append(conflicts, FieldConflict{field, *dst, in})
		}
	}
	line(FieldName, &out.Name, b.Name)
	line("pronouns", &out.Pronouns, b.Pronouns)
	line("organisation", &out.Organisation, b.Organisation)
	line("role", &out.Role, b.Role)
	line("location", &out.Location, b.Location)
	line("time zone", &out.TimeZone, b.TimeZone)
	line(FieldBirthday, &out.Birthday, b.Birthday)
	text("how we met", &out.HowWeMet, b.HowWeMet)
	text("cares about", &out.CaresAbout, b.CaresAbout)
	text("notes", &out.Notes, b.Notes)
	text("private notes", &out.PrivateNotes, b.PrivateNotes)
	switch {
	case b.CadenceDays == 0 || b.CadenceDays == out.CadenceDays:
	case out.CadenceDays == 0:
		out.CadenceDays = b.CadenceDays
	default:
		conflicts = append(conflicts, FieldConflict{FieldCadence, strconv.Itoa(out.CadenceDays), strconv.Itoa(b.CadenceDays)})
	}
	switch {
	case len(b.Photo) == 0 || bytes.Equal(b.Photo, out.Photo):
	case len(out.Photo) == 0:
		out.Photo, out.PhotoType = b.Photo, b.PhotoType
	default:
		conflicts = append(conflicts, FieldConflict{"photo", describePhoto(out.Photo, out.PhotoType), describePhoto(b.Photo, b.PhotoType)})
	}
	if out.UID == "" {
		out.UID = b.UID // a UID differing is no conflict: the record keeps its own
	}

	out.Emails = union(a.Emails, b.Emails, strings.ToLower)
	out.Phones = union(a.Phones, b.Phones, phoneOrText)
	out.Tags = union(a.Tags, b.Tags, strings.ToLower)
	out.VCardExtra = union(a.VCardExtra, b.VCardExtra, func(s string) string { return s })
	out.Identities = slices.Clone(a.Identities)
	for _, id := range b.Identities {
		i := slices.IndexFunc(out.Identities, func(o Identity) bool { return sameIdentity(o, id) })
		switch {
		case i < 0:
			out.Identities = append(out.Identities, id)
		case out.Identities[i].URL == "":
			out.Identities[i].URL = id.URL
		case out.Identities[i].Handle == "":
			out.Identities[i].Handle = id.Handle
		}
	}
	return out, conflicts
}

// union is a followed by what b adds, entries compared by key.
func union(a, b []string, key func(string) string) []string {
	out := slices.Clone(a)
	seen := make(map[string]bool, len(a)+len(b))
	for _, s := range a {
		seen[key(s)] = true
	}
	for _, s := range b {
		if k := key(s); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// phoneOrText compares phones by PhoneKey, and those too short for one as
// written.
func phoneOrText(p string) string {
	if k := PhoneKey(p); k != "" {
		return k
	}
	return p
}

// sameIdentity reports whether two identities are one account: the same
// platform and handle without case, or, lacking handles, the same URL.
func sameIdentity(a, b Identity) bool {
	if !strings.EqualFold(a.Platform, b.Platform) {
		return false
	}
	if a.Handle != "" && b.Handle != "" {
		return strings.EqualFold(strings.TrimPrefix(a.Handle, "@"), strings.TrimPrefix(b.Handle, "@"))
	}
	return a.URL != "" && a.URL == b.URL
}

func describePhoto(data []byte, mediaType string) string {
	if mediaType == "" {
		mediaType = "image"
	}
	return fmt.Sprintf("%s, %d bytes", mediaType, len(data))
}

// MinPhoneKeyDigits is how many final digits of two phone numbers must agree
// for them to be taken for one: enough to ignore how the country or trunk
// prefix was written (+49 30 …, 0049 30 …, 030 …), too many for a short
// number to match by chance.
const MinPhoneKeyDigits = 9

// PhoneKey is what phone numbers are compared by: the last MinPhoneKeyDigits
// digits, without an extension (x12); "" for a number with fewer digits.
func PhoneKey(phone string) string {
	if i := strings.IndexAny(phone, "xX"); i >= 0 {
		phone = phone[:i]
	}
	digits := make([]byte, 0, len(phone))
	for i := 0; i < len(phone); i++ {
		if c := phone[i]; c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	if len(digits) < MinPhoneKeyDigits {
		return ""
	}
	return string(digits[len(digits)-MinPhoneKeyDigits:])
}

// EmailKey is what email addresses are compared by: without case.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// NameKey is what names are compared by: without case, without diacritics
// ("Björn Öberg" and "bjorn oberg" are one), spaces collapsed.
func NameKey(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Mn, r): // a combining accent, typed apart
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if f, ok := foldRunes[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldRunes maps lower-case Latin letters with diacritics to plain ones. The
// standard library has no Unicode decomposition; these are the letters of
// the Latin alphabets names are written in.
var foldRunes = func() map[rune]string {
	pairs := []string{
		"àáâãäåāăąǎȁȃȧạảấầẩẫậắằẳẵặ", "a",
		"çćĉċč", "c",
		"ďđ", "d",
		"èéêëēĕėęěȅȇẹẻẽếềểễệ", "e",
		"ĝğġģǧ", "g",
		"ĥħ", "h",
		"ìíîïĩīĭįıǐȉȋỉị", "i",
		"ĵ", "j",
		"ķǩ", "k",
		"ĺļľŀł", "l",
		"ñńņňŉ", "n",
		"òóôõöøōŏőǒơȍȏọỏốồổỗộớờởỡợ", "o",
		"ŕŗřȑȓ", "r",
		"śŝşšș", "s",
		"ţťŧț", "t",
		"ùúûüũūŭůűųǔưȕȗụủứừửữự", "u",
		"ŵ", "w",
		"ýÿŷỳỵỷỹ", "y",
		"źżž", "z",
		"ß", "ss", "æ", "ae", "œ", "oe", "þ", "th", "ð", "d", "ĳ", "ij",
	}
	m := map[rune]string{}
	for i := 0; i < len(pairs); i += 2 {
		for _, r := range pairs[i] {
			m[r] = pairs[i+1]
		}
	}
	return m
}()
