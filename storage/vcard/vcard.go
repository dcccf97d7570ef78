// Package vcard reads and writes members as vCards (RFC 6350 vCard 4.0 and
// RFC 2426 vCard 3.0 on export; 2.1, 3.0 and 4.0 as real clients write them on
// import). It is a pure codec: no database, no UI.
//
// # Export
//
// Encode writes one card per member, CRLF line ends, lines folded at 75 octets
// between UTF-8 characters, TEXT values escaped (\\ \n \, \;), URIs written as
// they are, parameter values quoted when they hold ':' ';' or ',' (and RFC 6868
// ^-escaped in 4.0). Fields map as follows:
//
//	Name          FN, and N split best effort: last word is the family name,
//	              the words before it the given name ("Ada" alone is a given name)
//	Pronouns      PRONOUNS (4.0, RFC 9554) / X-PRONOUNS (3.0)
//	Emails        EMAIL;  Phones TEL;  Organisation ORG;  Role TITLE
//	Location      ADR with the free text as its locality (;;;text;;;): the one
//	              property every address book shows; it reads back unchanged
//	TimeZone      TZ (4.0 text or VALUE=utc-offset; 3.0 VALUE=text or offset)
//	Birthday      BDAY 19900415 or --0415 (4.0); 1990-04-15 (3.0). 3.0 has no
//	              date without a year, so --04-15 is written as Apple does:
//	              BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15 (read back as --04-15)
//	Identities    URL for a plain website, IMPP for matrix:/xmpp:/irc: URIs,
//	              X-SOCIALPROFILE;TYPE=platform;X-USER=handle:link otherwise
//	Tags          CATEGORIES;  UID UID;  UpdatedAt REV (UTC);  Photo PHOTO
//	Notes         NOTE, with "How we met: …" and "Cares about: …" appended so
//	              other address books show them; X-RAPPORT-HOW-WE-MET and
//	              X-RAPPORT-CARES-ABOUT carry them back exactly
//	PrivateNotes  X-RAPPORT-PRIVATE-NOTE, only with IncludePrivateNotes
//	CadenceDays   X-RAPPORT-CADENCE
//	VCardExtra    written back as read, re-folded
//
// # Import
//
// This package reads the cards' lines itself, repairing at the byte level what
// real clients write and go-vcard mishandles: line ends (LF, CRLF, CR CR LF),
// folding (also inside a UTF-8 character), quoted-printable and its soft line
// breaks, CHARSET, bare 2.1 parameters (TEL;WORK;VOICE), quoted parameter
// lists (TYPE="a,b",PREF), RFC 6868 escapes, 2.1 base64 blocks, '#' comment
// lines, nested cards and text outside cards. Each repaired property's group,
// name and value are then what go-vcard reads of it (the tests hold the two
// to that), and values are unescaped by this package (go-vcard splits
// structured values on escaped semicolons).
//
// Nothing a card holds is silently dropped. A property without a field of its
// own is kept, as an unfolded content line, in Member.VCardExtra and written
// back on export. A property that maps to a field but says more than the field
// holds (TEL;TYPE=cell, an ADR with a street, item1.URL with an X-ABLabel) is
// kept there too, and on export it is written in place of the plain property
// for as long as the field still holds its value (a kept EMAIL, TEL or identity
// whose value was removed from the member is not written again). Not kept:
// file metadata (VERSION, PRODID, an unreadable REV) and the parameters of FN,
// NOTE, CATEGORIES, UID and PHOTO, which are written anew. What cannot be read
// at all (a corrupt photo, text outside a card, undecodable characters) is
// reported as a Problem that names the line.
//
// Decoded members are normalised and pass model.Member.Validate: a value the
// record cannot hold (an email that is not one, TEL:BusinessPhone, a 90-letter
// tag) is kept as written in VCardExtra with a Problem. A card with no FN or N
// is named after its nickname, organisation or first email; one with none of
// these is not imported ("no name"). Tags written with commas inside one tag
// become several tags (the record's tags hold no comma).
package vcard

import (
	"fmt"

	"rapport/model"
)

// Version is a vCard version to write: V4 (the default) or V3.
type Version string

// Versions Encode writes.
const (
	V4 Version = "4.0"
	V3 Version = "3.0"
)

// Card is one card read from a file.
type Card struct {
	Member  model.Member // normalised; passes Member.Validate
	Line    int          // line where its BEGIN:VCARD stood
	Version string       // the VERSION it declared ("" when it had none)
}

// Problem is something wrong in a file being read: a card that could not be
// imported, or a part of a card that was left out or kept only as written.
type Problem struct {
	File   string // the name given to Decode
	Line   int    // 1-based physical line; 0 when it concerns the whole file
	Card   int    // 1-based card number in the file; 0 when outside any card
	Reason string
}

// Error reads like "contacts.vcf:12: card 3: no name (FN or N)".
func (p Problem) Error() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
	}
	if p.Card > 0 {
		s += fmt.Sprintf(": card %d", p.Card)
	}
	return s + ": " + p.Reason
}
