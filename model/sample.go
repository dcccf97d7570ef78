package model

import (
	"slices"
	"time"
)

// SampleCommunity is a believable open-source community, the "Open Source Guild",
// for a first look at Rapport: about sixty members from many places, across
// platforms, with roles, tags, cadences and a few private notes, and no follower
// counts or reach of any kind. Each entered the record some time before now
// (CreatedAt; UpdatedAt is the same): most when the record began two years
// ago, some later, newcomers in the last weeks. The result is the same on
// every call with the same now. Addresses use the example.org, example.com and
// example.net domains and phone numbers come from ranges set aside for fiction.
func SampleCommunity(now time.Time) []Member {
	members := sampleMembers()
	for i := range members {
		members[i].CreatedAt = now.AddDate(0, 0, -sampleJoined(i, members[i]))
		members[i].UpdatedAt = members[i].CreatedAt
	}
	return members
}

// sampleJoined is how many days before now the i-th sample member entered
// the record.
func sampleJoined(i int, m Member) int {
	switch {
	case slices.Contains(m.Tags, "newcomer"):
		return 6 + i*13%45
	case i%6 == 5:
		return 90 + i*47%400 // added along the way
	default:
		return 700 + i*7%40 // the people the manager knew when the record began
	}
}

// sampleMembers are the members of SampleCommunity, undated.
func sampleMembers() []Member {
	id := func(platform, handle string) Identity { return Identity{Platform: platform, Handle: handle} }
	gh := func(h string) Identity { return id("GitHub", h) }
	disc := func(h string) Identity { return id("Discourse", h) }
	dc := func(h string) Identity { return id("Discord", h) }
	mx := func(h string) Identity { return id("Matrix", "@"+h+":matrix.org") }
	masto := func(h, host string) Identity { return id("Mastodon", "@"+h+"@"+host) }
	irc := func(h string) Identity { return id("IRC", h) }
	mail := func(h string) Identity { return id("Email", h) }

	return []Member{
		{
			Name: "Amara Okafor", Pronouns: "she/her", Emails: []string{"amara@example.org"},
			Organisation: "Lagos Dev Collective", Role: "maintainer", Location: "Lagos", TimeZone: "Africa/Lagos",
			HowWeMet:   "Her first pull request fixed the docs build; we paired on the review.",
			CaresAbout: "Documentation that newcomers can follow; mentoring.",
			Notes:      "Runs the monthly docs office hours. Ask her before changing the contributor guide's structure.",
			Tags:       []string{"maintainer", "docs", "key", "mentor"}, CadenceDays: 30,
			Identities: []Identity{gh("amara-o"), mx("amara"), disc("amara")},
		},
		{
			Name: "Björn Öberg", Pronouns: "he/him", Emails: []string{"bjorn@example.org"},
			Role: "newcomer", Location: "Umeå", TimeZone: "Europe/Stockholm",
			HowWeMet:   "Introduced himself in the Discourse welcome thread.",
			CaresAbout: "Finding a first issue small enough to finish on a weekend; Swedish keyboard layouts.",
			Notes:      "Picked up a good-first-issue on the settings page; offered to review his draft.",
			Tags:       []string{"newcomer"}, CadenceDays: 14,
			Identities: []Identity{disc("bjorn"), gh("bjornoberg")},
		},
		{
			Name: "Chen Wei", Pronouns: "he/him", Emails: []string{"chen.wei@example.com"},
			Organisation: "Fernwood Labs", Role: "maintainer", Location: "Shenzhen", TimeZone: "Asia/Shanghai",
			HowWeMet:   "Reviewed the storage rewrite proposal and ended up co-authoring it.",
			CaresAbout: "Keeping the core small and the release notes honest; his team's on-call load.",
			Notes:      "Prefers written async discussion over calls; his mornings overlap with Europe's evenings.",
			Tags:       []string{"maintainer", "key", "release"}, CadenceDays: 30,
			Identities: []Identity{gh("chenwei-dev"), mx("chenwei"), mail("chen.wei@example.com")},
		},
		{
			Name: "Nguyễn Thị Lan", Pronouns: "she/her", Emails: []string{"lan.nguyen@example.net"},
			Role: "translator", Location: "Hà Nội", TimeZone: "Asia/Ho_Chi_Minh",
			HowWeMet:   "Opened an issue saying the Vietnamese plural forms were wrong, then fixed all of them.",
			CaresAbout: "Translations that read like Vietnamese, not like English with accents; credit for translators in release notes.",
			Tags:       []string{"translator", "contributor"}, CadenceDays: 60,
			Identities: []Identity{gh("lannguyen"), id("Weblate", "lan.nguyen"), dc("lan.ng")},
		},
		{
			Name: "Ólafur Sigurðsson", Pronouns: "he/him", Emails: []string{"olafur@example.org"},
			Organisation: "Norðurljós Security", Role: "security reviewer", Location: "Reykjavík", TimeZone: "Atlantic/Reykjavik",
			HowWeMet:   "Sent a careful private report about the update checker; stayed to help write the security policy.",
			CaresAbout: "Responsible disclosure done kindly; reproducible builds.",
			Notes:      "Wants a heads-up a week before any release that touches auth or updates.",
			Tags:       []string{"security", "key"}, CadenceDays: 60,
			Identities: []Identity{gh("olafurs"), masto("olafur", "fosstodon.org"), mail("olafur@example.org")},
		},
		{
			Name: "Zoë Lefèvre", Pronouns: "she/they", Emails: []string{"zoe@example.net"},
			Role: "designer", Location: "Lyon", TimeZone: "Europe/Paris",
			HowWeMet:   "Ran the design sprint at FOSDEM and posted the sketches on Discourse the same night.",
			CaresAbout: "Icons people understand without a tooltip; dark mode contrast; being asked before features land, not after.",
			Tags:       []string{"design", "contributor", "accessibility"}, CadenceDays: 30,
			Identities: []Identity{disc("zoe.lefevre"), masto("zoe", "fosstodon.org"), gh("zoelefevre")},
		},
		{
			Name: "José Martínez García", Pronouns: "he/him", Emails: []string{"jose.martinez@example.com"},
			Phones:       []string{"+34 600 000 123"},
			Organisation: "Universitat de València", Role: "event host", Location: "Valencia", TimeZone: "Europe/Madrid",
			HowWeMet:   "Hosted the first Guild meetup in Spain in his university's lecture hall.",
			CaresAbout: "Getting students to their first contribution; good coffee at meetups; Spanish-language talks.",
			Notes:      "Can book the hall for free if asked two months ahead.",
			Tags:       []string{"event host", "mentor"}, CadenceDays: 90,
			Identities: []Identity{gh("jmgarcia"), mail("jose.martinez@example.com"), dc("josemg")},
		},
		{
			Name: "Priya Raghunathan", Pronouns: "she/her", Emails: []string{"priya.r@example.com"},
			Organisation: "Kestrel Health", Role: "contributor", Location: "Bengaluru", TimeZone: "Asia/Kolkata",
			HowWeMet:   "Answered three questions on the forum before anyone on the team had woken up.",
			CaresAbout: "Offline-first apps for clinics with bad connectivity; clear error messages.",
			Tags:       []string{"contributor", "key"}, CadenceDays: 30,
			Identities: []Identity{gh("priyar"), disc("priya"), mx("priya.r")},
		},
		{
			Name: "Kwame Mensah", Pronouns: "he/him", Emails: []string{"kwame@example.org"},
			Role: "moderator", Location: "Accra", TimeZone: "Africa/Accra",
			HowWeMet:   "Volunteered after the spam wave in the Discord last spring.",
			CaresAbout: "A code of conduct that is enforced the same way for everyone; calm channels.",
			Notes:      "Co-wrote the moderation playbook. Thank him in public for the quiet work; he never asks.",
			Tags:       []string{"moderator", "key"}, CadenceDays: 30,
			Identities: []Identity{dc("kwame.m"), disc("kwame"), mx("kwamemensah")},
		},
		{
			Name: "Sakura Tanaka", Pronouns: "she/her", Emails: []string{"sakura@example.net"},
			Role: "docs writer", Location: "Tokyo", TimeZone: "Asia/Tokyo",
			HowWeMet:   "Rewrote the installation guide after struggling with it herself, and said so kindly.",
			CaresAbout: "Tutorials that start from nothing; screenshots that match the current release.",
			Tags:       []string{"docs", "translator"}, CadenceDays: 60,
			Identities: []Identity{gh("sakura-t"), masto("sakura", "fosstodon.org")},
		},
		{
			Name: "Mateus Oliveira", Pronouns: "he/him", Emails: []string{"mateus@example.com"},
			Role: "contributor", Location: "Recife", TimeZone: "America/Recife",
			HowWeMet:   "Met at the Python Nordeste sprint table; he was porting our CLI to Windows.",
			CaresAbout: "Windows support that is not an afterthought; Portuguese docs.",
			Tags:       []string{"contributor", "translator"}, CadenceDays: 60,
			Identities: []Identity{gh("mateusoliveira"), dc("mateus.o")},
		},
		{
			Name: "Oksana Kovalenko", Pronouns: "she/her", Emails: []string{"oksana.k@example.org"},
			Role: "translator", Location: "Kyiv", TimeZone: "Europe/Kyiv",
			HowWeMet:   "Led the Ukrainian translation from zero to complete in one winter.",
			CaresAbout: "Ukrainian as a first-class language in the installer; flexible deadlines.",
			PrivateNotes: "Power cuts make her availability unpredictable. Never chase her for a deadline; " +
				"ask if she needs anything instead.",
			Tags: []string{"translator", "key"}, CadenceDays: 30,
			Identities: []Identity{mx("oksana.k"), gh("okovalenko")},
		},
		{
			Name: "Tomasz Wiśniewski", Pronouns: "he/him", Emails: []string{"tomasz@example.com"},
			Organisation: "Vistula Software", Role: "maintainer", Location: "Wrocław", TimeZone: "Europe/Warsaw",
			HowWeMet:   "Fixed the flaky CI job everyone had learned to ignore.",
			CaresAbout: "Green CI that means something; packaging for distributions.",
			Tags:       []string{"maintainer", "release"}, CadenceDays: 60,
			Identities: []Identity{gh("twisniewski"), irc("tomaszw"), mx("tomasz.w")},
		},
		{
			Name: "Elif Yılmaz", Pronouns: "she/her", Emails: []string{"elif@example.net"},
			Role: "contributor", Location: "İzmir", TimeZone: "Europe/Istanbul",
			HowWeMet:   "Her talk on testing date handling across time zones at the online summit.",
			CaresAbout: "Locale-aware sorting (the dotted and dotless i); tests that explain themselves.",
			Tags:       []string{"contributor"}, CadenceDays: 0,
			Identities: []Identity{gh("elifyilmaz"), masto("elif", "fosstodon.org")},
		},
		{
			Name: "Layla Haddad", Pronouns: "she/her", Emails: []string{"layla.haddad@example.com"},
			Organisation: "Cedar Cloud", Role: "sponsor liaison", Location: "Beirut", TimeZone: "Asia/Beirut",
			HowWeMet:   "Her company sponsored the CI runners; she asked how they could help beyond money.",
			CaresAbout: "Sponsorship that comes without strings; her engineers getting time to contribute.",
			Notes:      "Renewal talk each October. She wants to hear what the runners made possible, not usage numbers.",
			Tags:       []string{"sponsor"}, CadenceDays: 90,
			Identities: []Identity{mail("layla.haddad@example.com"), gh("laylah")},
		},
		{
			Name: "Wanjiru Kamau", Pronouns: "she/her", Emails: []string{"wanjiru@example.org"},
			Phones: []string{"+254 700 000 321"},
			Role:   "event host", Location: "Nairobi", TimeZone: "Africa/Nairobi",
			HowWeMet: "Organised the Nairobi contributor day and sent photos of twenty first pull requests.",
			CaresAbout: "Events that are affordable to attend; travel grants for speakers from the region; " +
				"hybrid talks that work on slow connections.",
			Tags: []string{"event host", "key", "mentor"}, CadenceDays: 30,
			Identities: []Identity{disc("wanjiru"), dc("wanjiru.k"), gh("wkamau")},
		},
		{
			Name: "Diego Fernández", Pronouns: "he/him", Emails: []string{"diego.f@example.net"},
			Role: "newcomer", Location: "Buenos Aires", TimeZone: "America/Argentina/Buenos_Aires",
			HowWeMet:   "Asked in Discord whether students could contribute without knowing Go yet.",
			CaresAbout: "Learning in public; a mentor who answers in Spanish now and then.",
			Tags:       []string{"newcomer"}, CadenceDays: 14,
			Identities: []Identity{dc("diegof"), gh("diego-fernandez")},
		},
		{
			Name: "Aroha Ngata", Pronouns: "she/her", Emails: []string{"aroha@example.org"},
			Role: "moderator", Location: "Rotorua", TimeZone: "Pacific/Auckland",
			HowWeMet:   "Moderates the forum's Pacific night shift; noticed her from how she de-escalated a thread.",
			CaresAbout: "Spaces where people can disagree without being hurt; te reo Māori in software.",
			Tags:       []string{"moderator", "translator"}, CadenceDays: 60,
			Identities: []Identity{disc("aroha"), masto("aroha", "mastodon.nz")},
		},
		{
			Name: "Sione Tupou", Pronouns: "he/him", Emails: []string{"sione@example.com"},
			Role: "contributor", Location: "Nukuʻalofa", TimeZone: "Pacific/Tongatapu",
			HowWeMet:   "Sent a patch over email because GitHub was too slow on his connection.",
			CaresAbout: "Software that works on low bandwidth; patches by email being welcome.",
			Tags:       []string{"contributor"}, CadenceDays: 90,
			Identities: []Identity{mail("sione@example.com"), irc("sionet")},
		},
		{
			Name: "Dewi Lestari", Pronouns: "she/her", Emails: []string{"dewi@example.net"},
			Role: "translator", Location: "Yogyakarta", TimeZone: "Asia/Jakarta",
			HowWeMet:   "Joined the translation sprint and brought three classmates.",
			CaresAbout: "Bahasa Indonesia glossary consistency; recognising translators as contributors.",
			Tags:       []string{"translator", "newcomer"}, CadenceDays: 60,
			Identities: []Identity{gh("dewilestari"), dc("dewi.l")},
		},
		{
			Name: "Marisol Cruz", Pronouns: "she/her", Emails: []string{"marisol@example.com"},
			Organisation: "Ámbar Studio", Role: "docs writer", Location: "Ciudad de México", TimeZone: "America/Mexico_City",
			HowWeMet:   "Filed a thoughtful issue on the tone of our error messages.",
			CaresAbout: "Plain language; error messages that say what to do next.",
			Tags:       []string{"docs", "design"}, CadenceDays: 60,
			Identities: []Identity{gh("marisolcruz"), disc("marisol")},
		},
		{
			Name: "Park Jae-won", Pronouns: "they/them", Emails: []string{"jaewon@example.org"},
			Role: "designer", Location: "Seoul", TimeZone: "Asia/Seoul",
			HowWeMet:   "Posted a full redesign of the settings screen on the forum, unasked and excellent.",
			CaresAbout: "Hangul rendering and line breaking; design reviews that happen early.",
			Tags:       []string{"design", "contributor"}, CadenceDays: 60,
			Identities: []Identity{disc("jaewon"), masto("jaewon", "fosstodon.org"), gh("parkjaewon")},
		},
		{
			Name: "Siddharth Menon", Pronouns: "he/him", Emails: []string{"sid.menon@example.com"},
			Organisation: "Backwater Systems", Role: "contributor", Location: "Kochi", TimeZone: "Asia/Kolkata",
			HowWeMet:   "Benchmarked the search index on his 2012 laptop and sent the numbers.",
			CaresAbout: "Performance on old hardware; not leaving slow machines behind.",
			Notes:      "Goes by Sid.",
			Tags:       []string{"contributor"}, CadenceDays: 90,
			Identities: []Identity{gh("sidmenon"), irc("sid_m"), mx("sidmenon")},
		},
		{
			Name: "Fatima Zahra Benali", Pronouns: "she/her", Emails: []string{"fz.benali@example.net"},
			Role: "translator", Location: "Casablanca", TimeZone: "Africa/Casablanca",
			HowWeMet:   "Reported right-to-left layout bugs with screenshots in Arabic and French.",
			CaresAbout: "Right-to-left layouts done properly; Darija and Modern Standard Arabic both being respected.",
			Tags:       []string{"translator", "accessibility"}, CadenceDays: 60,
			Identities: []Identity{gh("fzbenali"), dc("fatimazahra")},
		},
		{
			Name: "Omar Farouk", Pronouns: "he/him", Emails: []string{"omar.farouk@example.org"},
			Role: "security reviewer", Location: "Cairo", TimeZone: "Africa/Cairo",
			HowWeMet:   "Found the path traversal in the import code during a CTF practice evening.",
			CaresAbout: "Fuzzing; coordinated disclosure timelines that respect volunteers.",
			Tags:       []string{"security"}, CadenceDays: 90,
			Identities: []Identity{gh("omarfarouk"), mx("omar.f"), mail("omar.farouk@example.org")},
		},
		{
			Name: "Jürgen Weiß", Pronouns: "he/him", Emails: []string{"juergen@example.com"},
			Role: "former maintainer", Location: "Leipzig", TimeZone: "Europe/Berlin",
			HowWeMet:   "Founded the project's first plugin API in 2016; handed it over in 2022.",
			CaresAbout: "That the plugin API stays stable; being asked about history, not about bugs.",
			Notes:      "Happy to be consulted on old design decisions; please don't assign him issues.",
			Tags:       []string{"emeritus", "key"}, CadenceDays: 180,
			Identities: []Identity{gh("jweiss"), irc("juergen"), mail("juergen@example.com")},
		},
		{
			Name: "Femke de Vries", Pronouns: "she/her", Emails: []string{"femke@example.net"},
			Organisation: "Open Toegang", Role: "accessibility reviewer", Location: "Utrecht", TimeZone: "Europe/Amsterdam",
			HowWeMet:   "Tested every screen with a screen reader and filed one issue per problem.",
			CaresAbout: "Keyboard navigation everywhere; focus order; not being the only person who tests accessibility.",
			Tags:       []string{"accessibility", "design", "key"}, CadenceDays: 30,
			Identities: []Identity{gh("femkedevries"), masto("femke", "fosstodon.org"), disc("femke")},
		},
		{
			Name: "Tereza Nováková", Pronouns: "she/her", Emails: []string{"tereza@example.org"},
			Role: "triager", Location: "Brno", TimeZone: "Europe/Prague",
			HowWeMet:   "Triaged two hundred stale issues over a holiday week; we noticed from the notifications.",
			CaresAbout: "An issue tracker where every report gets a human answer within a week.",
			Tags:       []string{"contributor", "triage"}, CadenceDays: 30,
			Identities: []Identity{gh("tnovakova"), mx("tereza")},
		},
		{
			Name: "Zsófia Horváth", Pronouns: "she/her", Emails: []string{"zsofia@example.com"},
			Role: "contributor", Location: "Budapest", TimeZone: "Europe/Budapest",
			HowWeMet:   "Her lightning talk about Hungarian word order in string templates.",
			CaresAbout: "Message formats that let translators reorder words; kindness in code review.",
			Tags:       []string{"contributor", "translator"}, CadenceDays: 0,
			Identities: []Identity{gh("zsofiah"), disc("zsofia")},
		},
		{
			Name: "Aino Virtanen", Pronouns: "she/her", Emails: []string{"aino@example.org"},
			Organisation: "Sisu Devices", Role: "release manager", Location: "Tampere", TimeZone: "Europe/Helsinki",
			HowWeMet:   "Volunteered to run the 2.4 release when nobody else could; it went out on time.",
			CaresAbout: "Predictable release dates; changelogs written for users.",
			Tags:       []string{"release", "maintainer", "key"}, CadenceDays: 30,
			Identities: []Identity{gh("ainov"), mx("aino"), irc("ainov")},
		},
		{
			Name: "Ingrid Haugen", Pronouns: "she/her", Emails: []string{"ingrid.haugen@example.net"},
			Role: "contributor", Location: "Tromsø", TimeZone: "Europe/Oslo",
			HowWeMet:   "Sent a patch for the calendar export from the polar night, with a joke about time zones.",
			CaresAbout: "iCalendar correctness; working hours that respect the season.",
			Tags:       []string{"contributor"}, CadenceDays: 90,
			Identities: []Identity{gh("ihaugen"), masto("ingrid", "fosstodon.org")},
		},
		{
			Name: "Siobhán Ní Bhriain", Pronouns: "she/her", Emails: []string{"siobhan@example.org"},
			Role: "event host", Location: "Galway", TimeZone: "Europe/Dublin",
			HowWeMet:   "Hosts the quarterly online community call and keeps it to time.",
			CaresAbout: "Calls that newcomers can speak up in; captions; Irish-language interfaces.",
			Tags:       []string{"event host", "translator"}, CadenceDays: 60,
			Identities: []Identity{disc("siobhan"), dc("siobhan.nb"), mx("siobhan")},
		},
		{
			Name: "Rhys Llewelyn", Pronouns: "he/him", Emails: []string{"rhys@example.com"},
			Phones: []string{"+44 7700 900123"},
			Role:   "translator", Location: "Caerdydd", TimeZone: "Europe/London",
			HowWeMet: "Offered a Welsh translation after spotting one in a rival project.",
			CaresAbout: "Welsh as a living language in technology; Cymraeg first in the locale list " +
				"for people who set it.",
			Tags: []string{"translator"}, CadenceDays: 90,
			Identities: []Identity{gh("rhysllewelyn"), mail("rhys@example.com")},
		},
		{
			Name: "João Pereira", Pronouns: "he/him", Emails: []string{"joao.pereira@example.net"},
			Organisation: "Ribeira Tech", Role: "contributor", Location: "Porto", TimeZone: "Europe/Lisbon",
			HowWeMet:   "Found him in the issue tracker fixing SQLite locking on network drives.",
			CaresAbout: "Data that survives crashes; honest documentation about limits.",
			Tags:       []string{"contributor", "key"}, CadenceDays: 60,
			Identities: []Identity{gh("joaopereira"), disc("joao")},
		},
		{
			Name: "Giulia Romano", Pronouns: "she/her", Emails: []string{"giulia@example.org"},
			Role: "docs writer", Location: "Bologna", TimeZone: "Europe/Rome",
			HowWeMet:   "Asked why the API reference had no examples, then wrote forty.",
			CaresAbout: "Examples that compile; a style guide the whole project actually uses.",
			PrivateNotes: "Prefers not to be tagged publicly; going through a hard time—check in gently, " +
				"and don't ask about the docs backlog for now.",
			Tags: []string{"docs", "contributor"}, CadenceDays: 30,
			Identities: []Identity{gh("giuliaromano"), mx("giulia.r")},
		},
		{
			Name: "Nikos Papadopoulos", Pronouns: "he/him", Emails: []string{"nikos@example.com"},
			Role: "contributor", Location: "Thessaloniki", TimeZone: "Europe/Athens",
			HowWeMet:   "Maintains the Debian package downstream and filed upstream fixes.",
			CaresAbout: "Distribution packaging; not vendoring everything.",
			Tags:       []string{"contributor", "release"}, CadenceDays: 90,
			Identities: []Identity{gh("nikosp"), irc("nikos"), id("Salsa", "nikosp")},
		},
		{
			Name: "Noa Ben-David", Pronouns: "they/them", Emails: []string{"noa@example.net"},
			Role: "mentor", Location: "Haifa", TimeZone: "Asia/Jerusalem",
			HowWeMet:   "Mentored in the outreach programme and kept mentoring after it ended.",
			CaresAbout: "Mentors getting support too; a newcomer track that ends in real commit rights.",
			Tags:       []string{"mentor", "maintainer"}, CadenceDays: 30,
			Identities: []Identity{gh("noabd"), mx("noa"), disc("noa")},
		},
		{
			Name: "Darius Rahimi", Pronouns: "he/him", Emails: []string{"darius@example.com"},
			Organisation: "Coastline Data", Role: "contributor", Location: "Vancouver", TimeZone: "America/Vancouver",
			HowWeMet:   "Wrote the CSV importer's column mapping after importing his meetup's member list.",
			CaresAbout: "Importers that tell you which line was wrong; Persian calendar support someday.",
			Tags:       []string{"contributor"}, CadenceDays: 60,
			Identities: []Identity{gh("dariusrahimi"), masto("darius", "fosstodon.org")},
		},
		{
			Name: "Ayesha Siddiqui", Pronouns: "she/her", Emails: []string{"ayesha@example.org"},
			Role: "newcomer", Location: "Lahore", TimeZone: "Asia/Karachi",
			HowWeMet:   "Asked a careful question about the build on the forum; first post.",
			CaresAbout: "Getting a development setup working on a shared family computer.",
			Tags:       []string{"newcomer"}, CadenceDays: 14,
			Identities: []Identity{disc("ayesha.s"), gh("ayeshasiddiqui")},
		},
		{
			Name: "Tanvir Ahmed", Pronouns: "he/him", Emails: []string{"tanvir@example.net"},
			Role: "translator", Location: "Dhaka", TimeZone: "Asia/Dhaka",
			HowWeMet:   "Finished the Bangla translation and asked how to test font fallback.",
			CaresAbout: "Bangla text shaping; translators being in the release checklist.",
			Tags:       []string{"translator"}, CadenceDays: 90,
			Identities: []Identity{gh("tanvirahmed"), dc("tanvir.a")},
		},
		{
			Name: "Nimali Perera", Pronouns: "she/her", Emails: []string{"nimali@example.com"},
			Organisation: "Lotus Labs", Role: "maintainer", Location: "Colombo", TimeZone: "Asia/Colombo",
			HowWeMet:   "Became a maintainer of the sync module after a year of steady reviews.",
			CaresAbout: "Sustainable maintainer hours; her team's juniors getting reviews quickly.",
			PrivateNotes: "Said in our last call she is close to burning out. Offer to find a co-maintainer " +
				"for sync; do not add to her review queue.",
			Tags: []string{"maintainer", "key"}, CadenceDays: 14,
			Identities: []Identity{gh("nimaliperera"), mx("nimali"), mail("nimali@example.com")},
		},
		{
			Name: "Pemba Sherpa", Pronouns: "he/him", Emails: []string{"pemba@example.org"},
			Role: "contributor", Location: "Kathmandu", TimeZone: "Asia/Kathmandu",
			HowWeMet:   "Reported that our time zone list did not have UTC+5:45, politely.",
			CaresAbout: "Time zones with odd offsets; Nepali numerals.",
			Tags:       []string{"contributor"}, CadenceDays: 180,
			Identities: []Identity{gh("pembasherpa"), disc("pemba")},
		},
		{
			Name: "Selam Tesfaye", Pronouns: "she/her", Emails: []string{"selam@example.net"},
			Role: "event host", Location: "Addis Ababa", TimeZone: "Africa/Addis_Ababa",
			HowWeMet:   "Ran a local install-fest and wrote up what confused people.",
			CaresAbout: "Ethiopic script input; events for women new to open source.",
			Tags:       []string{"event host", "newcomer"}, CadenceDays: 60,
			Identities: []Identity{dc("selam.t"), gh("selamtesfaye")},
		},
		{
			Name: "Thabo Nkosi", Pronouns: "he/him", Emails: []string{"thabo@example.com"},
			Organisation: "Highveld Cloud", Role: "contributor", Location: "Johannesburg", TimeZone: "Africa/Johannesburg",
			HowWeMet:   "Fixed the load-shedding-safe write path after losing data himself.",
			CaresAbout: "Apps that survive power cuts; isiZulu localisation.",
			Tags:       []string{"contributor"}, CadenceDays: 90,
			Identities: []Identity{gh("thabonkosi"), mx("thabo")},
		},
		{
			Name: "Camila Restrepo", Pronouns: "she/her", Emails: []string{"camila@example.org"},
			Role: "moderator", Location: "Medellín", TimeZone: "America/Bogota",
			HowWeMet:   "Started moderating the Spanish channel and wrote its welcome message.",
			CaresAbout: "Spanish-speaking newcomers not being redirected to English channels.",
			Tags:       []string{"moderator", "translator"}, CadenceDays: 60,
			Identities: []Identity{dc("camila.r"), disc("camila")},
		},
		{
			Name: "Luis Quispe", Pronouns: "he/him", Emails: []string{"luis.quispe@example.net"},
			Role: "newcomer", Location: "Cusco", TimeZone: "America/Lima",
			HowWeMet:   "Asked whether a Quechua translation would be welcome. It is.",
			CaresAbout: "Quechua in software; his community radio's contact list.",
			Tags:       []string{"newcomer", "translator"}, CadenceDays: 30,
			Identities: []Identity{mail("luis.quispe@example.net"), dc("luisq")},
		},
		{
			Name: "Marie-Ève Tremblay", Pronouns: "she/her", Emails: []string{"marie-eve@example.com"},
			Phones:       []string{"+1 555 0100"},
			Organisation: "Érable Numérique", Role: "sponsor liaison", Location: "Montréal", TimeZone: "America/Toronto",
			HowWeMet:   "Her co-op funds the French translation and asked to meet the translators.",
			CaresAbout: "Québécois French, not only France's; small co-ops being heard like big sponsors.",
			Tags:       []string{"sponsor", "translator"}, CadenceDays: 90,
			Identities: []Identity{mail("marie-eve@example.com"), masto("marieeve", "fosstodon.org")},
		},
		{
			Name: "Jordan Blake", Pronouns: "they/them", Emails: []string{"jordan@example.org"},
			Role: "docs writer", Location: "Portland, Oregon", TimeZone: "America/Los_Angeles",
			HowWeMet:   "Wrote the contributor guide's section on asking for help.",
			CaresAbout: "Docs that assume no prior knowledge; inclusive examples.",
			Tags:       []string{"docs", "mentor"}, CadenceDays: 60,
			Identities: []Identity{gh("jordanblake"), masto("jordan", "hachyderm.io"), disc("jordan")},
		},
		{
			Name: "DeShawn Williams", Pronouns: "he/him", Emails: []string{"deshawn@example.net"},
			Phones: []string{"+1 555 0142"},
			Role:   "event host", Location: "Atlanta", TimeZone: "America/New_York",
			HowWeMet: "Runs the Atlanta hack night that adopted our project for a season.",
			CaresAbout: "Hack nights with food and childcare; contributors from bootcamps " +
				"being treated as real engineers.",
			Tags: []string{"event host", "mentor"}, CadenceDays: 60,
			Identities: []Identity{dc("deshawn.w"), gh("deshawnw")},
		},
		{
			Name: "Mia Thompson", Pronouns: "she/her", Emails: []string{"mia@example.com"},
			Phones: []string{"+61 491 570 156"},
			Role:   "security reviewer", Location: "Brisbane", TimeZone: "Australia/Brisbane",
			HowWeMet:   "Reviewed the backup encryption proposal and rewrote its threat model.",
			CaresAbout: "Threat models written down; users knowing what is and isn't protected.",
			Tags:       []string{"security"}, CadenceDays: 90,
			Identities: []Identity{gh("miathompson"), masto("mia", "infosec.exchange")},
		},
		{
			Name: "Andrei Popescu", Pronouns: "he/him", Emails: []string{"andrei@example.org"},
			Role: "contributor", Location: "Cluj-Napoca", TimeZone: "Europe/Bucharest",
			HowWeMet:   "Sent a very small, very good patch to the search ranking.",
			CaresAbout: "Search that forgives diacritics: ș and ş both finding the same word.",
			Tags:       []string{"contributor"}, CadenceDays: 0,
			Identities: []Identity{gh("apopescu"), irc("andreip")},
		},
		{
			Name: "Rūta Kazlauskienė", Pronouns: "she/her", Emails: []string{"ruta@example.net"},
			Role: "designer", Location: "Vilnius", TimeZone: "Europe/Vilnius",
			HowWeMet:   "Designed the sticker sheet for the summit; people still ask for it.",
			CaresAbout: "A visual identity contributors can use without asking permission.",
			Tags:       []string{"design"}, CadenceDays: 180,
			Identities: []Identity{disc("ruta"), masto("ruta", "fosstodon.org")},
		},
		{
			Name: "Kadri Tamm", Pronouns: "she/her", Emails: []string{"kadri@example.com"},
			Organisation: "Tartu Code Club", Role: "mentor", Location: "Tartu", TimeZone: "Europe/Tallinn",
			HowWeMet:   "Brought her code club's teenagers to contribute translations.",
			CaresAbout: "Young contributors being safe online; Estonian locale quality.",
			Tags:       []string{"mentor", "translator"}, CadenceDays: 90,
			Identities: []Identity{gh("kadritamm"), mail("kadri@example.com")},
		},
		{
			Name: "Nino Beridze", Pronouns: "she/her", Emails: []string{"nino@example.org"},
			Role: "contributor", Location: "Tbilisi", TimeZone: "Asia/Tbilisi",
			HowWeMet:   "Reported that Georgian text was cut off in the sidebar, with a fix.",
			CaresAbout: "Layouts that allow long words; Mkhedruli fonts bundled where needed.",
			Tags:       []string{"contributor", "design"}, CadenceDays: 90,
			Identities: []Identity{gh("ninoberidze"), dc("nino.b")},
		},
		{
			Name: "Aigerim Bekova", Pronouns: "she/her", Emails: []string{"aigerim@example.net"},
			Role: "newcomer", Location: "Almaty", TimeZone: "Asia/Almaty",
			HowWeMet:   "Joined the Matrix room asking for a mentor for her thesis project.",
			CaresAbout: "A thesis that becomes a real contribution; Kazakh in both scripts.",
			Tags:       []string{"newcomer"}, CadenceDays: 30,
			Identities: []Identity{mx("aigerim"), gh("aigerimb")},
		},
		{
			Name: "Maria Santos", Pronouns: "she/her", Emails: []string{"maria.santos@example.com"},
			Organisation: "Bayanihan Digital", Role: "moderator", Location: "Cebu City", TimeZone: "Asia/Manila",
			HowWeMet:   "Took over moderating the forum's help category and halved its unanswered count.",
			CaresAbout: "Help threads that end with an answer marked; Filipino and Cebuano speakers feeling welcome.",
			PrivateNotes: "Reported harassment by a former contributor in March; the moderators handled it. " +
				"Keep her out of threads with that person and never mention it in public.",
			Tags: []string{"moderator", "key"}, CadenceDays: 30,
			Identities: []Identity{disc("maria.santos"), dc("mariasantos")},
		},
		{
			Name: "Kanokwan Srisuk", Pronouns: "she/her", Emails: []string{"kanokwan@example.org"},
			Role: "translator", Location: "Chiang Mai", TimeZone: "Asia/Bangkok",
			HowWeMet:   "Asked how Thai line breaking worked in the UI, then helped us fix it.",
			CaresAbout: "Word segmentation for Thai; translators getting screenshots for context.",
			Tags:       []string{"translator", "contributor"}, CadenceDays: 90,
			Identities: []Identity{gh("kanokwans"), disc("kanokwan")},
		},
		{
			Name: "Malik Diallo", Pronouns: "he/him", Emails: []string{"malik@example.net"},
			Role: "contributor", Location: "Dakar", TimeZone: "Africa/Dakar",
			HowWeMet:   "Met at the Dakar open-source day, where he demoed an SMS bridge for our notifications.",
			CaresAbout: "People without smartphones still being reachable; Wolof localisation.",
			Tags:       []string{"contributor", "event host"}, CadenceDays: 60,
			Identities: []Identity{gh("malikdiallo"), mx("malik.d")},
		},
		{
			Name: "Ana Sofía Rojas", Pronouns: "she/her", Emails: []string{"anasofia@example.com"},
			Role: "triager", Location: "Santiago", TimeZone: "America/Santiago",
			HowWeMet:   "Started labelling issues in Spanish so they could be found by Spanish speakers.",
			CaresAbout: "Bug reports in any language being accepted; a triage rota that isn't only her.",
			Tags:       []string{"triage", "contributor"}, CadenceDays: 30,
			Identities: []Identity{gh("anasofiarojas"), dc("anasofia")},
		},
		{
			Name: "Leilani Kahale", Pronouns: "she/her", Emails: []string{"leilani@example.org"},
			Role: "designer", Location: "Honolulu", TimeZone: "Pacific/Honolulu",
			HowWeMet:   "Sent colour-blind-safe palettes for the charts in the release notes.",
			CaresAbout: "Colour that carries no meaning alone; ʻōlelo Hawaiʻi diacritics rendering right.",
			Tags:       []string{"design", "accessibility"}, CadenceDays: 90,
			Identities: []Identity{masto("leilani", "fosstodon.org"), disc("leilani")},
		},
		{
			Name: "Hamid Karimi", Pronouns: "he/him", Emails: []string{"hamid@example.com"},
			Role: "security reviewer", Location: "Berlin", TimeZone: "Europe/Berlin",
			HowWeMet:   "Audited the dependency list at a Chaos Computer Club assembly table.",
			CaresAbout: "Fewer dependencies; signed releases; Dari and Pashto speakers being safe online.",
			Tags:       []string{"security", "translator"}, CadenceDays: 90,
			Identities: []Identity{gh("hkarimi"), masto("hamid", "chaos.social"), mx("hamidk")},
		},
		{
			Name: "Yuki Nakamura", Pronouns: "he/him", Emails: []string{"yuki.n@example.net"},
			Organisation: "Kumo Systems", Role: "sponsor liaison", Location: "Osaka", TimeZone: "Asia/Tokyo",
			HowWeMet:   "His company offered to pay for the accessibility audit after Femke's reports.",
			CaresAbout: "Sponsored work landing upstream, not in a fork; his engineers being reviewed fairly.",
			Tags:       []string{"sponsor"}, CadenceDays: 180,
			Identities: []Identity{mail("yuki.n@example.net"), gh("yukinakamura")},
		},
		{
			Name: "Grace Adeyemi", Pronouns: "she/her", Emails: []string{"grace.adeyemi@example.org"},
			Role: "newcomer", Location: "Ibadan", TimeZone: "Africa/Lagos",
			HowWeMet:   "Amara introduced her at docs office hours; she wants to start with reviews.",
			CaresAbout: "Learning by reviewing; Yorùbá tone marks displayed correctly.",
			PrivateNotes: "Mentioned she is between jobs. If a paid internship comes up through a sponsor, " +
				"tell her privately first.",
			Tags: []string{"newcomer", "docs"}, CadenceDays: 14,
			Identities: []Identity{gh("graceadeyemi"), mx("grace.a"), disc("grace")},
		},
		{
			Name: "Emre Kaya", Pronouns: "he/him", Emails: []string{"emre@example.com"},
			Role: "contributor", Location: "Ankara", TimeZone: "Europe/Istanbul",
			HowWeMet:   "Used to be very active in IRC; quieter since the move to Matrix.",
			CaresAbout: "IRC bridges that keep working; terminal-friendly tools.",
			Notes:      "Ask whether the Matrix bridge is why he went quiet.",
			Tags:       []string{"contributor"}, CadenceDays: 90,
			Identities: []Identity{irc("emrek"), gh("emrekaya")},
		},
	}
}
