package model

import "fmt"

// Plural says n things, in the record's words: "1 member", "3 members".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// RecordHolds says in words what a record, or a copy of it, holds:
// "3 members", "1 conversation", "0 follow-ups", "2 feedback items".
func RecordHolds(members, conversations, followUps, feedback int) []string {
	return []string{
		Plural(members, "member", "members"),
		Plural(conversations, "conversation", "conversations"),
		Plural(followUps, "follow-up", "follow-ups"),
		Plural(feedback, "feedback item", "feedback items"),
	}
}
