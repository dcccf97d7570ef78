package model

import (
	"slices"
	"testing"
)

func TestScrubName(t *testing.T) {
	tests := []struct {
		text, name, want string
		found            bool
	}{
		{"Call with Sam Rivera about docs", "Sam Rivera", "Call with [erased] about docs", true},
		{"sam rivera said SAM RIVERA twice", "Sam Rivera", "[erased] said [erased] twice", true},
		{"Samples from Sam Riveras", "Sam Rivera", "Samples from Sam Riveras", false},
		{"Samples and Sam.", "Sam", "Samples and [erased].", true},
		{"Björn Öberg, Björn", "Björn Öberg", "[erased], Björn", true},
		{"(Amara)", "Amara", "([erased])", true},
		{"", "Amara", "", false},
		{"Amara", "", "Amara", false},
		{"Ama", "Amara", "Ama", false},
		{"café Amara🙂", "Amara", "café [erased]🙂", true},
		{"x\xffAmara", "Amara", "x\xff[erased]", true},
	}
	for _, tt := range tests {
		got, found := ScrubName(tt.text, tt.name)
		if got != tt.want || found != tt.found {
			t.Errorf("ScrubName(%q, %q) = %q, %v; want %q, %v", tt.text, tt.name, got, found, tt.want, tt.found)
		}
	}
}

func TestErasureLines(t *testing.T) {
	e := Erasure{Name: "Sam Rivera", OnlyTheirConversations: 3, SharedConversations: 5, OnlyTheirFollowUps: 2, Quotes: 1, Merges: 1}
	want := []string{
		"Sam Rivera, with every field, list, note and contact card",
		"3 conversations only with them",
		"their place in 5 shared conversations",
		"2 promises and follow-ups only for them",
		"1 feedback quote (the item stays with the team)",
		"1 merge record",
	}
	if got := e.Lines(); !slices.Equal(got, want) {
		t.Errorf("Lines() =\n%q\nwant\n%q", got, want)
	}
}
