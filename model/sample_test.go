package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSampleCommunity(t *testing.T) {
	now := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	members := SampleCommunity(now)
	if got, want := len(members), 50; got < want {
		t.Fatalf("SampleCommunity has %d members, want at least %d", got, want)
	}

	names := map[string]bool{}
	platforms := map[string]bool{}
	tags := map[string]bool{}
	private := 0
	for i, m := range members {
		m.Normalize()
		if err := m.Validate(); err != nil {
			t.Errorf("member %d (%q): Validate() = %v, want nil", i, m.Name, err)
		}
		if names[m.Name] {
			t.Errorf("member %d: name %q repeats", i, m.Name)
		}
		names[m.Name] = true
		for _, e := range m.Emails {
			domain := e[strings.LastIndex(e, "@")+1:]
			if domain != "example.org" && domain != "example.com" && domain != "example.net" {
				t.Errorf("%s: email %q is not on an example domain", m.Name, e)
			}
		}
		for _, id := range m.Identities {
			platforms[id.Platform] = true
		}
		for _, tag := range m.Tags {
			tags[strings.ToLower(tag)] = true
		}
		if m.PrivateNotes != "" {
			private++
		}
	}

	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"platforms", len(platforms), 5},
		{"tags", len(tags), 6},
		{"members with private notes", private, 3},
	} {
		if c.got < c.want {
			t.Errorf("the sample spans %d %s, want at least %d", c.got, c.what, c.want)
		}
	}
	for _, name := range []string{"Amara Okafor", "Björn Öberg"} {
		if !names[name] {
			t.Errorf("the sample has no %q, want it kept", name)
		}
	}
	if again := SampleCommunity(now); !reflect.DeepEqual(again, members) {
		t.Errorf("SampleCommunity differs between calls, want the same members every time")
	}
	// Later, the same members, entered the same days before now.
	later := SampleCommunity(now.Add(48 * time.Hour))
	for i, m := range members {
		if m.CreatedAt.IsZero() || !m.CreatedAt.Before(now) || m.UpdatedAt != m.CreatedAt {
			t.Errorf("%s: created %v, updated %v; want the same moment before %v", m.Name, m.CreatedAt, m.UpdatedAt, now)
		}
		if got, want := later[i].CreatedAt.Sub(m.CreatedAt), 48*time.Hour; later[i].Name != m.Name || got != want {
			t.Errorf("%s: two days later, %s created %v later; want %v", m.Name, later[i].Name, got, want)
		}
	}
}
