package model

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// FeedbackReport is what a product team is handed: its feedback items, each
// with how many members raised it and their words. It holds nothing private:
// no notes about members, no conversation notes, only the quotes members
// gave and, unless anonymised, how to reach them.
type FeedbackReport struct {
	Team ProductTeam
	// Statuses are the statuses it holds; every status but duplicate (whose
	// members are counted on the item it duplicates) when none was asked.
	Statuses   []FeedbackStatus
	By         string    // the manager whose record it comes from
	At         time.Time // when it was made, in the manager's time zone
	Items      []ReportItem
	Anonymised bool // members are numbered; contacts and source links are left out
}

// ReportItem is one feedback item of a report.
type ReportItem struct {
	ID          int64
	Title       string
	Detail      string
	Kind        FeedbackKind
	Status      FeedbackStatus
	TrackerLink string
	Outcome     string // what became of it, as noted; OutcomeText words it with the status
	DuplicateOf string // the title of the item it duplicates, for a duplicate
	Members     int    // how many members raised it
	Quotes      []ReportQuote
}

// ReportQuote is one member's raise of an item, in their words.
type ReportQuote struct {
	Member  string // their name, or "member 3" once anonymised
	Contact string // their first email address; "" when they have none, or once anonymised
	Quote   string
	Date    time.Time // when they said it
	Source  string    // where it was said: the raise's link, else its conversation's; "" once anonymised
}

// Anonymise returns the report with each member's name replaced by "member
// 1", "member 2"… in the order they first appear, the same number for the
// same member throughout (names are compared exactly, as the report holds
// them), and their contacts and source links (a forum post names its
// author) dropped. A member's full name inside any quote is replaced too;
// what else a quote says is the member's own words, left as they are.
func (r FeedbackReport) Anonymise() FeedbackReport {
	numbers := map[string]string{}
	for _, it := range r.Items {
		for _, q := range it.Quotes {
			if _, ok := numbers[q.Member]; !ok {
				numbers[q.Member] = "member " + strconv.Itoa(len(numbers)+1)
			}
		}
	}
	scrub := nameScrubber(numbers)
	out := r
	out.Anonymised = true
	out.Items = make([]ReportItem, len(r.Items))
	for i, it := range r.Items {
		quotes := make([]ReportQuote, len(it.Quotes))
		for j, q := range it.Quotes {
			quotes[j] = ReportQuote{Member: numbers[q.Member], Quote: scrub(q.Quote), Date: q.Date}
		}
		it.Quotes = quotes
		out.Items[i] = it
	}
	return out
}

// nameScrubber returns a function that replaces, in a text, each name of
// numbers that stands as whole words (not inside a longer word: "Ana"
// leaves "Banana" alone) by its number, the longest name first where two
// begin alike ("Ana Sofía Rojas" before "Ana"). Names are looked up by
// their first word, so a text costs about its length, however many members
// a report names.
func nameScrubber(numbers map[string]string) func(string) string {
	byFirst := map[string][]string{}
	var starts [256]bool // the first bytes of names: most words begin otherwise
	for name := range numbers {
		if w := firstWord(name); w != "" {
			byFirst[w] = append(byFirst[w], name)
			starts[w[0]] = true
		}
	}
	for _, names := range byFirst {
		slices.SortFunc(names, func(a, b string) int {
			if c := cmp.Compare(len(b), len(a)); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
	}
	// match is the longest name that rest begins with as whole words, or "".
	match := func(rest string) string {
		if !starts[rest[0]] {
			return ""
		}
		for _, name := range byFirst[firstWord(rest)] {
			if !strings.HasPrefix(rest, name) {
				continue
			}
			if after, _ := utf8.DecodeRuneInString(rest[len(name):]); len(rest) > len(name) && isWordRune(after) {
				continue
			}
			return name
		}
		return ""
	}
	return func(s string) string {
		var b strings.Builder
		last := 0        // how much of s is written to b
		prev := rune(-1) // the rune before i
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) && !isWordRune(prev) {
				if name := match(s[i:]); name != "" {
					b.WriteString(s[last:i])
					b.WriteString(numbers[name])
					i += len(name)
					last = i
					prev, _ = utf8.DecodeLastRuneInString(name)
					continue
				}
			}
			prev = r
			i += size
		}
		if last == 0 {
			return s
		}
		b.WriteString(s[last:])
		return b.String()
	}
}

// firstWord is the run of word runes s begins with.
func firstWord(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			return s[:i]
		}
	}
	return s
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most of what members write: no table to look up
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
