package model

import "time"

// SampleCommunity is a believable open-source community for a first look at
// Rapport: members across platforms, with tags, cadences and a few private
// notes, and no follower counts. Times are relative to now.
func SampleCommunity(now time.Time) []Member {
	_ = now
	return []Member{
		{
			Name: "Amara Okafor", Pronouns: "she/her", Emails: []string{"amara@example.org"},
			Organisation: "Lagos Dev Collective", Role: "maintainer", Location: "Lagos", TimeZone: "UTC+1",
			HowWeMet:   "Her first pull request fixed the docs build; we paired on the review.",
			CaresAbout: "Documentation that newcomers can follow; mentoring.",
			Tags:       []string{"maintainer", "docs"}, CadenceDays: 30,
			Identities: []Identity{{Platform: "GitHub", Handle: "amara-o"}, {Platform: "Matrix", Handle: "@amara:matrix.org"}},
		},
		{
			Name: "Björn Öberg", Pronouns: "he/him", Emails: []string{"bjorn@example.se"},
			Role: "newcomer", Location: "Umeå", TimeZone: "Europe/Stockholm",
			HowWeMet: "Introduced himself in the Discourse welcome thread.",
			Tags:     []string{"newcomer"}, Identities: []Identity{{Platform: "Discourse", Handle: "bjorn"}},
		},
	}
}
