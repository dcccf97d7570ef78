package vcard

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rapport/model"
)

// This file maps single properties to member fields and back; the decoder and
// the encoder share it, so that what one writes the other reads the same way.

// kind names the member field a property holds, for the properties whose line
// may be kept in VCardExtra to keep what the field cannot hold (a TYPE, a
// group, a structure).
type kind int

const (
	kindNone kind = iota
	kindN
	kindEmail
	kindPhone
	kindOrg
	kindRole
	kindPronouns
	kindLocation
	kindTimeZone
	kindBirthday
	kindIdentity
)

// identityProps are the properties read as identities besides URL, IMPP and
// (X-)SOCIALPROFILE: the instant-messaging and profile properties clients
// write, with the platform each names.
var identityProps = map[string]string{
	"X-TWITTER":        "Twitter",
	"X-GITHUB":         "GitHub",
	"X-GITLAB":         "GitLab",
	"X-MASTODON":       "Mastodon",
	"X-MATRIX":         "Matrix",
	"X-DISCORD":        "Discord",
	"X-SLACK":          "Slack",
	"X-IRC":            "IRC",
	"X-DISCOURSE":      "Discourse",
	"X-JABBER":         "XMPP",
	"X-XMPP":           "XMPP",
	"X-SKYPE":          "Skype",
	"X-SKYPE-USERNAME": "Skype",
	"X-AIM":            "AIM",
	"X-ICQ":            "ICQ",
	"X-MSN":            "MSN",
	"X-YAHOO":          "Yahoo",
	"X-QQ":             "QQ",
	"X-GTALK":          "Google Talk",
	"X-GOOGLE-TALK":    "Google Talk",
	"X-LINKEDIN":       "LinkedIn",
	"X-FACEBOOK":       "Facebook",
	"X-TELEGRAM":       "Telegram",
	"X-SIGNAL":         "Signal",
	"X-BLUESKY":        "Bluesky",
}

// otherPlatforms are known besides model.Platforms, so that their names keep
// one spelling.
var otherPlatforms = []string{"Twitter", "LinkedIn", "XMPP", "Skype", "AIM", "ICQ", "MSN", "Yahoo", "QQ",
	"Google Talk", "Facebook", "Instagram", "Bluesky", "Telegram", "Signal", "SIP", "YouTube"}

var platformAliases = map[string]string{
	"jabber": "XMPP", "gtalk": "Google Talk", "googletalk": "Google Talk", "homepage": "Website",
	"x": "Twitter", "mail": "Email", "e-mail": "Email",
}

// canonicalPlatform spells a platform name the way the model does.
func canonicalPlatform(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range model.Platforms {
		if strings.EqualFold(p, s) {
			return p
		}
	}
	for _, p := range otherPlatforms {
		if strings.EqualFold(p, s) {
			return p
		}
	}
	if p, ok := platformAliases[strings.ToLower(s)]; ok {
		return p
	}
	return s
}

// platformType is the TYPE written for a platform: lower case for the ones
// this package knows (as Apple writes them), as typed otherwise.
func platformType(p string) string {
	if c := canonicalPlatform(p); c != p || isKnownPlatform(p) {
		return strings.ToLower(c)
	}
	return p
}

func isKnownPlatform(p string) bool {
	for _, k := range model.Platforms {
		if k == p {
			return true
		}
	}
	for _, k := range otherPlatforms {
		if k == p {
			return true
		}
	}
	return false
}

var schemePlatforms = map[string]string{
	"matrix": "Matrix", "xmpp": "XMPP", "irc": "IRC", "ircs": "IRC", "irc6": "IRC",
	"skype": "Skype", "callto": "Skype", "sip": "SIP", "aim": "AIM", "ymsgr": "Yahoo",
	"msnim": "MSN", "gtalk": "Google Talk", "icq": "ICQ", "mailto": "Email",
}

// impSchemes are the URI schemes written as IMPP.
var imppSchemes = map[string]bool{"matrix": true, "xmpp": true, "irc": true, "ircs": true}

func uriScheme(s string) string {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return ""
	}
	sc := strings.ToLower(s[:i])
	for _, c := range sc {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return ""
		}
	}
	return sc
}

// guessPlatform names the platform a web address belongs to.
func guessPlatform(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return "Website"
	}
	if strings.EqualFold(pu.Scheme, "mailto") {
		return "Email"
	}
	host := strings.TrimPrefix(strings.ToLower(pu.Hostname()), "www.")
	switch {
	case host == "github.com":
		return "GitHub"
	case host == "gitlab.com":
		return "GitLab"
	case host == "matrix.to":
		return "Matrix"
	case host == "discord.com" || host == "discord.gg" || host == "discordapp.com":
		return "Discord"
	case host == "slack.com" || strings.HasSuffix(host, ".slack.com"):
		return "Slack"
	case host == "twitter.com" || host == "x.com":
		return "Twitter"
	case host == "linkedin.com":
		return "LinkedIn"
	case host == "facebook.com":
		return "Facebook"
	case host == "instagram.com":
		return "Instagram"
	case host == "bsky.app":
		return "Bluesky"
	case strings.HasPrefix(pu.Path, "/@") && len(pu.Path) > 2 && !strings.Contains(pu.Path[2:], "/"):
		return "Mastodon"
	}
	return "Website"
}

// handleFromURL reads the handle out of a profile address, for the platforms
// whose addresses name one.
func handleFromURL(platform, u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	path := strings.Trim(pu.Path, "/")
	switch platform {
	case "GitHub", "GitLab", "Twitter", "Instagram":
		if path != "" && !strings.Contains(path, "/") {
			return path
		}
	case "Mastodon":
		if strings.HasPrefix(path, "@") && !strings.Contains(path, "/") && pu.Hostname() != "" {
			return path + "@" + pu.Hostname()
		}
	case "Matrix":
		if f := strings.TrimPrefix(pu.Fragment, "/"); strings.HasPrefix(f, "@") {
			return f
		}
	case "Email":
		return pu.Opaque
	}
	return ""
}

// identityOf reads an identity property (URL, X-SOCIALPROFILE, SOCIALPROFILE,
// IMPP, X-TWITTER, …).
func identityOf(p *prop) (model.Identity, bool) {
	var id model.Identity
	switch p.name {
	case "URL":
		u := strings.TrimSpace(cleanURI(unescapeURI(p.value)))
		if u == "" {
			return id, false
		}
		if model.CheckURL(u) != nil {
			return model.Identity{Platform: "Website", Handle: u}, true
		}
		id.Platform = guessPlatform(u)
		id.Handle = handleFromURL(id.Platform, u)
		id.URL = u
	case "X-SOCIALPROFILE", "SOCIALPROFILE":
		for _, t := range p.types() {
			if t != "pref" && t != "" {
				id.Platform = canonicalPlatform(typeParam(p, t))
				break
			}
		}
		if id.Platform == "" {
			id.Platform = canonicalPlatform(firstNonEmpty(p.param("SERVICE-TYPE"), p.param("X-SERVICE-TYPE")))
		}
		id.Handle = strings.TrimSpace(firstNonEmpty(p.param("X-USER"), p.param("USERNAME")))
		var v string
		if strings.EqualFold(p.param("VALUE"), "text") {
			v = unescapeText(p.value)
		} else {
			v = cleanURI(unescapeURI(p.value))
		}
		v = strings.TrimSpace(v)
		if strings.HasPrefix(strings.ToLower(v), "x-apple:") {
			if id.Handle == "" {
				id.Handle = strings.TrimSpace(v[len("x-apple:"):])
			}
			v = ""
		}
		switch {
		case v != "" && model.CheckURL(v) == nil:
			id.URL = v
		case v != "" && id.Handle == "":
			id.Handle = v
		}
		if id.Platform == "" {
			id.Platform = "Other"
			if id.URL != "" {
				id.Platform = guessPlatform(id.URL)
			}
		}
		if id.Handle == "" && id.URL != "" {
			id.Handle = handleFromURL(id.Platform, id.URL)
		}
	case "IMPP":
		v := strings.TrimSpace(cleanURI(unescapeURI(p.value)))
		if v == "" {
			return id, false
		}
		id.Handle = v
		if st := firstNonEmpty(p.param("X-SERVICE-TYPE"), p.param("SERVICE-TYPE")); st != "" {
			id.Platform = canonicalPlatform(st)
		} else if pl, ok := schemePlatforms[uriScheme(v)]; ok {
			id.Platform = pl
		} else if sc := uriScheme(v); sc != "" {
			id.Platform = canonicalPlatform(sc)
		} else {
			id.Platform = "Other"
		}
		return id, true
	default:
		pl, ok := identityProps[p.name]
		if !ok {
			return id, false
		}
		v := strings.TrimSpace(unescapeText(p.value))
		if v == "" {
			return id, false
		}
		id.Platform = pl
		if model.CheckURL(v) == nil {
			id.URL = v
			id.Handle = handleFromURL(pl, v)
		} else {
			id.Handle = v
		}
	}
	if id.Handle == "" && id.URL == "" {
		return id, false
	}
	if id.URL != "" && id.Handle != "" && (model.Identity{Platform: id.Platform, Handle: id.Handle}).Link() == id.URL {
		id.URL = "" // derivable from the handle
	}
	return id, true
}

// typeParam returns the TYPE value as written (types() lowers it).
func typeParam(p *prop, lower string) string {
	for _, q := range p.params {
		if q.name == "TYPE" {
			for _, v := range q.values {
				if strings.ToLower(v) == lower {
					return v
				}
			}
		}
	}
	return lower
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// identityKey compares identities the way the encoder matches kept lines.
func identityKey(id model.Identity) string {
	return strings.ToLower(strings.TrimSpace(id.Platform)) + "\x00" + strings.TrimSpace(id.Handle) + "\x00" + id.Link()
}

// emailOf reads an EMAIL value: a plain address, or the address in
// "Name <address>" or mailto:address.
func emailOf(p *prop) (string, bool) {
	v := normWS(unescapeText(p.value))
	v = strings.TrimPrefix(v, "mailto:")
	if model.CheckEmail(v) == nil {
		return v, true
	}
	if a, err := mail.ParseAddress(v); err == nil && model.CheckEmail(a.Address) == nil {
		return a.Address, true
	}
	return v, false
}

// phoneOf reads a TEL value, text or tel: URI (";ext=" becomes " x").
func phoneOf(p *prop) (string, bool) {
	v := unescapeText(p.value)
	if strings.HasPrefix(strings.ToLower(v), "tel:") {
		v = v[4:]
		if i := strings.Index(strings.ToLower(v), ";ext="); i >= 0 {
			ext := v[i+5:]
			if j := strings.IndexByte(ext, ';'); j >= 0 {
				ext = ext[:j]
			}
			v = v[:i] + " x" + ext
		} else if i := strings.IndexByte(v, ';'); i >= 0 {
			v = v[:i]
		}
	}
	v = normWS(v)
	return v, v != "" && model.CheckPhone(v) == nil
}

// readable joins the parts of a structured value (ADR, ORG) into one line.
func readable(value string) string {
	var parts []string
	for _, c := range components(value) {
		for _, l := range strings.Split(strings.ReplaceAll(c, "\r", "\n"), "\n") {
			if l = normWS(l); l != "" {
				parts = append(parts, l)
			}
		}
	}
	return strings.Join(parts, ", ")
}

// nameOfN reads a display name from N: prefix, given, additional, family, suffix.
func nameOfN(value string) string {
	c := components(value)
	get := func(i int) string {
		if i < len(c) {
			return normWS(strings.ReplaceAll(c[i], "\n", " "))
		}
		return ""
	}
	var parts []string
	for _, i := range []int{3, 1, 2, 0, 4} {
		if s := get(i); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// nWordsIn reports whether every word of an N value is a word of name, so that
// a kept N still fits the member's name.
func nWordsIn(value, name string) bool {
	words := map[string]bool{}
	for _, w := range strings.Fields(name) {
		words[strings.ToLower(strings.Trim(w, ",;"))] = true
	}
	any := false
	for _, w := range strings.Fields(nameOfN(value)) {
		w = strings.ToLower(strings.Trim(w, ",;"))
		if w == "" {
			continue
		}
		if !words[w] {
			return false
		}
		any = true
	}
	return any
}

// normWS collapses each run of white space to one space and trims the ends.
// Most values have nothing to collapse: they come back as they are.
func normWS(s string) string {
	space := true // at the start, a space is one too many
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' && !space:
				space = true
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				return strings.Join(strings.Fields(s), " ")
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		space = false
		i += size
	}
	if space && s != "" { // a space at the end
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// birthdayOf reads a BDAY into "2006-01-02" or "--01-02". Apple's 3.0 way of
// writing a day without a year (X-APPLE-OMIT-YEAR=1604 on 1604-04-15) reads
// as --04-15.
func birthdayOf(p *prop) (string, bool) {
	v := strings.TrimSpace(unescapeText(p.value))
	if i := strings.IndexAny(v, "Tt "); i > 0 && strings.Trim(v[:i], "0123456789-") == "" {
		v = v[:i] // a date-time: the date
	}
	var out string
	switch {
	case len(v) == 8 && isDigits(v):
		out = v[:4] + "-" + v[4:6] + "-" + v[6:]
	case len(v) == 10 && v[4] == '-' && v[7] == '-' && isDigits(v[:4]+v[5:7]+v[8:]):
		out = v
	case len(v) == 6 && strings.HasPrefix(v, "--") && isDigits(v[2:]):
		out = "--" + v[2:4] + "-" + v[4:]
	case len(v) == 7 && strings.HasPrefix(v, "--") && v[4] == '-' && isDigits(v[2:4]+v[5:]):
		out = v
	default:
		return v, false
	}
	if omit := p.param("X-APPLE-OMIT-YEAR"); omit != "" && !strings.HasPrefix(out, "--") && out[:4] == omit {
		out = "--" + out[5:]
	}
	return out, model.CheckBirthday(out) == nil
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// revOf reads a REV timestamp.
func revOf(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"20060102T150405Z", "2006-01-02T15:04:05Z07:00", "20060102T150405Z0700", "2006-01-02T15:04:05", "20060102T150405", "2006-01-02", "20060102"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// cadenceOf reads X-RAPPORT-CADENCE.
func cadenceOf(v string) (int, bool) {
	d, err := strconv.Atoi(strings.TrimSpace(v))
	return d, err == nil && model.CheckCadence(d, true) == nil
}

// mediaType turns a TYPE or MEDIATYPE ("JPEG", "image/png") into a media type.
func mediaType(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	switch t {
	case "":
		return ""
	case "jpg", "jpeg", "pjpeg":
		return "image/jpeg"
	}
	if strings.Contains(t, "/") {
		return t
	}
	return "image/" + t
}

// sniffImage names the media type of common image data.
func sniffImage(b []byte) string {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "image/jpeg"
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "image/png"
	case len(b) >= 6 && (string(b[:6]) == "GIF87a" || string(b[:6]) == "GIF89a"):
		return "image/gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "image/webp"
	case len(b) >= 2 && string(b[:2]) == "BM":
		return "image/bmp"
	}
	return "application/octet-stream"
}
