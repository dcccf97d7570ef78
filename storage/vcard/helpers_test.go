package vcard

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

// tinyPNG is a 1×1 PNG.
var tinyPNG, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

var rev = time.Date(2026, 11, 28, 19, 57, 0, 0, time.UTC)

const emojiLine = "🎉🚀 Celebrated the 1.0 release 🥳 with the whole team 👩🏾‍💻👨🏻‍💻 — merci, danke, ありがとう, شكرا 🙏🏽 and again 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉"

// richMember holds everything a card can carry, with the characters that
// need escaping or careful folding.
func richMember() model.Member {
	return model.Member{
		Name:         "Amara Okafor-Ñúñez",
		Pronouns:     "she/they",
		Emails:       []string{"amara@example.org", "a.okafor@work.example"},
		Phones:       []string{"+234 803 555 0199", "+49 30 1234-567"},
		Organisation: "Ünïcode Collective; Lagos, e.V.",
		Role:         "Maintainer, docs & i18n",
		Location:     "Lagos, Nigeria",
		TimeZone:     "Africa/Lagos",
		HowWeMet:     "FOSDEM 2024, the i18n devroom;\nshe asked about plural rules",
		CaresAbout:   `Translations, onboarding newcomers, docs that build on C:\Windows too`,
		Notes: "Long-time contributor; reviews most translation PRs.\n" +
			`Paths she mentioned: C:\Users\amara\src and \\share\docs, plus a literal \n in a string.` + "\n" +
			emojiLine + "\n\n" +
			"Second paragraph, with commas, semicolons; and a very long sentence that goes on and on well past seventy-five octets so that it must be folded several times over.",
		PrivateNotes: "Prefers not to be @-mentioned on weekends; ask before tagging.",
		Tags:         []string{"maintainer", "docs, i18n", "évènements"},
		Identities: []model.Identity{
			{Platform: "GitHub", Handle: "amara-o"},
			{Platform: "Mastodon", Handle: "@amara@social.example"},
			{Platform: "Matrix", Handle: "@amara:matrix.org"},
			{Platform: "Discourse", Handle: "amara", URL: "https://discuss.example.org/u/amara"},
			{Platform: "Website", URL: "https://amara.example.org/about?lang=en,fr;v=2"},
			{Platform: "IRC", Handle: "ircs://irc.libera.chat/amara"},
		},
		CadenceDays: 30,
		UID:         "urn:uuid:4f1c2b8e-9d3a-4c5e-8f7a-1b2c3d4e5f60",
		Birthday:    "--04-15",
		Photo:       tinyPNG,
		PhotoType:   "image/png",
		VCardExtra: []string{
			"TEL;TYPE=cell:+234 803 555 0199",
			"item1.X-ABDATE:1975-03-01",
			"item1.X-ABLabel:_$!<Anniversary>!$_",
			"X-LONG-EXTRA:" + strings.Repeat("0123456789", 12) + " Ünïcode ✓",
		},
		UpdatedAt: rev,
	}
}

// validRichMember is richMember as the record can hold it: a tag cannot hold
// a comma.
func validRichMember() model.Member {
	m := richMember()
	m.Tags = []string{"maintainer", "docs-i18n", "évènements"}
	return m
}

func encode(t testing.TB, members []model.Member, opt EncodeOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, members, opt); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return buf.Bytes()
}

func decode(t testing.TB, data []byte, name string) ([]Card, []Problem) {
	t.Helper()
	cards, problems, err := Decode(bytes.NewReader(data), name)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return cards, problems
}

// sharedDir holds the real clients' files (never copied into the project).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "vcard")
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		t.Skipf("…/shared/testdata/vcard not found: %v", err)
	}
	return dir
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
