package model

// sampleTopic is what a sample conversation was about: its subject and
// notes ({v} is the release of the time), where it may have taken place, the
// tone it is remembered by ("" leaves it to chance), and what the manager may
// have promised after it, due some days later.
type sampleTopic struct {
	subject, notes string
	channels       []string
	tone           string
	promise        string
	dueIn          int      // days from the conversation to the promise's due day
	notPromise     bool     // the follow-up is the manager's own, owed to nobody
	tags           []string // of a group topic: those it concerns; none for anyone
}

// Channels the topics take place on.
var (
	talkLive  = []string{"call", "video"}
	talkText  = []string{"chat", "email", "forum"}
	talkCode  = []string{"issue tracker", "chat"}
	talkMeet  = []string{"in person", "event", "video"}
	talkAny   = []string{"chat", "email", "call", "video", "forum"}
	talkQuiet = []string{"email", "chat"}
)

// anyoneTopics may come up with any member.
var anyoneTopics = []sampleTopic{
	{subject: "Catching up after the {v} release", notes: "Talked through what went well and what was rough in {v}; the upgrade notes were the sore point.", channels: talkAny},
	{subject: "Question about the roadmap", notes: "Asked whether plugin sandboxing is still planned for this year. Explained where the RFC stands and who is blocked on what.",
		channels: talkText, promise: "Send the link to the plugin sandboxing RFC and its open questions", dueIn: 2},
	{subject: "Quick check-in", notes: "Busy at work this month; still reading the forum, less time for reviews until the end of the quarter.", channels: talkQuiet, tone: "neutral"},
	{subject: "Feedback on the contributor survey", notes: "Filled in the survey and wanted to add more: the review wait is what almost made them give up last year.",
		channels: talkText, promise: "Share the survey results before they go to the maintainers", dueIn: 14},
	{subject: "Stepping back a little", notes: "Tired after the last cycle. Agreed they take a month off reviews, no guilt, and that I check in after.",
		channels: talkLive, tone: "warm", promise: "Check in gently after their month off reviews", dueIn: 30, notPromise: true},
	{subject: "CI failing on an unrelated change", notes: "Annoyed that the Windows job failed three times on a one-line docs fix. Fair; it has been flaky for weeks.",
		channels: talkCode, tone: "tense", promise: "Find out who owns the flaky Windows job and report back", dueIn: 5},
	{subject: "Thanks for the help on the forum", notes: "Thanked them for answering the install questions all week while the team was at the summit.", channels: talkText, tone: "warm"},
	{subject: "Talk proposal for the Guild summit", notes: "Wants to talk about what they built with the sync API; helped shape the abstract, it was too long by half.",
		channels: talkAny, promise: "Send feedback on the summit talk abstract", dueIn: 6},
	{subject: "Introduction to a colleague", notes: "Their team is evaluating the project for offline clinics; they'd like to meet someone who knows the sync module.",
		channels: []string{"email", "video"}, promise: "Introduce them to the sync module's maintainers", dueIn: 7},
}

// tagTopics come up with members who carry the tag.
var tagTopics = map[string][]sampleTopic{
	"maintainer": {
		{subject: "Release planning for {v}", notes: "Went through the milestone: two blockers left (the settings migration and the flaky Windows job). Freeze moves a week.",
			channels: talkLive, promise: "Draft the {v} release announcement", dueIn: 7},
		{subject: "Review backlog", notes: "Forty open pull requests, a dozen older than a month. Agreed to try a weekly review rotation for a quarter.",
			channels: talkLive, promise: "Share a draft of the review rotation", dueIn: 5},
		{subject: "Weekly maintainers' sync", notes: "Short sync: who watches the forum this week, the security fix, and whether to accept the packaging PR.", channels: talkLive, tone: "neutral"},
		{subject: "Nominating a new maintainer", notes: "Wants a written process before anyone else is nominated, so that it doesn't depend on who knows whom.",
			channels: talkLive, promise: "Write up the maintainer nomination process", dueIn: 14},
		{subject: "Deprecating the old plugin API", notes: "We disagreed on the timeline: two releases of warnings against my one. Settled on two; the thread got sharp before the call.",
			channels: talkLive, tone: "tense"},
		{subject: "Storage rewrite benchmarks", notes: "Numbers look good on big records; worried about the migration path for people on old versions.", channels: talkCode},
	},
	"docs": {
		{subject: "Docs review: the getting-started guide", notes: "Went through the review comments; they'll split the PR so the new screenshots land first.",
			channels: talkCode, promise: "Review the screenshots PR for the getting-started guide", dueIn: 4},
		{subject: "Docs office hours", notes: "Three newcomers came; most questions were about building on Windows. Worth a page of its own.", channels: []string{"video"}, tone: "warm"},
		{subject: "Restructuring the contributor guide", notes: "Proposes moving the style guide out of the contributor guide; wants the maintainers' view before starting.",
			channels: talkText, promise: "Bring the contributor guide proposal to the maintainers' call", dueIn: 9},
	},
	"translator": {
		{subject: "String freeze for {v}", notes: "Asked for the freeze date. Some settings strings are glued together in code and cannot be translated properly.",
			channels: talkText, promise: "Open an issue about the concatenated strings in settings", dueIn: 4},
		{subject: "Plural forms in the installer", notes: "Their language needs three plural forms; the installer assumes two. Showed where the rules live.", channels: talkCode},
		{subject: "Credit for translators", notes: "Wants translators named in the release notes, not 'thanks to the translation team'. Completely right.",
			channels: talkText, tone: "warm", promise: "Add translator credits to the release notes template", dueIn: 12},
	},
	"security": {
		{subject: "Private report about the update checker", notes: "Went through the report; the fix is ready, disclosure planned for a week after {v} ships.",
			channels: []string{"email", "call"}, promise: "Send the draft advisory for their review", dueIn: 6},
		{subject: "Security policy review", notes: "Suggested a 90-day disclosure window and a published key for the security address.", channels: talkQuiet},
		{subject: "Heads-up before {v}", notes: "Gave the week's notice they asked for: {v} touches the login flow and the updater.", channels: talkQuiet, tone: "neutral"},
	},
	"design": {
		{subject: "Design review of the settings page", notes: "New layout reads well; icons need labels, and dark mode contrast is below what we promised.",
			channels: talkLive, promise: "Share the dark mode contrast measurements", dueIn: 7},
		{subject: "Icon set sketches", notes: "Showed sketches for the new icon set; wants feedback from users before the maintainers see them.", channels: talkMeet, tone: "warm"},
		{subject: "Asked too late, again", notes: "Frustrated that the toolbar changed without design input. Agreed on a design-review label in the PR template.",
			channels: talkLive, tone: "tense", promise: "Add a design-review label to the pull request template", dueIn: 7},
	},
	"accessibility": {
		{subject: "Screen reader pass on the welcome flow", notes: "Orca reads the welcome buttons as 'button button'. They'll file one issue per problem.",
			channels: talkCode, promise: "Triage the issues from the screen reader pass", dueIn: 10},
		{subject: "Keyboard navigation audit", notes: "Tab order in the member form skips the tags field; focus is lost after closing a dialog.", channels: talkCode},
	},
	"moderator": {
		{subject: "Heated thread on the forum", notes: "A newcomer was mocked in the plugins thread. Agreed on a private warning and a public note about the code of conduct.",
			channels: []string{"call", "chat"}, tone: "tense", promise: "Post the moderation note in the plugins thread", dueIn: 1},
		{subject: "Moderation playbook update", notes: "Walked through the new section on harassment that starts off-platform and moves here.", channels: talkLive},
		{subject: "Spam wave on Discord", notes: "The bots are back; they'd like the verification level raised and a slower join rate.",
			channels: []string{"chat"}, promise: "Raise the Discord verification level", dueIn: 2},
		{subject: "Thanks for the quiet work", notes: "Thanked them for months of moderation nobody sees. They asked for nothing but coffee at the next meetup.", channels: talkLive, tone: "warm"},
	},
	"event host": {
		{subject: "Planning the local meetup", notes: "Room booked for forty; needs two speakers and someone to bring the banner.",
			channels: talkAny, promise: "Find a second speaker for the meetup", dueIn: 14},
		{subject: "Meetup debrief", notes: "About thirty came; the workshop ran out of time. Next time fewer slides, more keyboard.", channels: talkLive, tone: "warm"},
		{subject: "Booth volunteers for the conference", notes: "Needs three people for the Saturday booth rota, and the stickers shipped by Thursday.",
			channels: talkText, promise: "Post the call for booth volunteers", dueIn: 3},
	},
	"sponsor": {
		{subject: "Sponsorship renewal", notes: "Renewal on track. They want a short story of what the CI runners made possible this year, not usage numbers.",
			channels: []string{"video", "email"}, promise: "Send the sponsor a one-page story of the year", dueIn: 21},
		{subject: "Engineering time from the sponsor", notes: "Their team can give two engineers a day a week; wants to know where help is most useful.", channels: talkLive},
	},
	"newcomer": {
		{subject: "Welcome and a first issue", notes: "Introduced themselves in the welcome thread; pointed them to three good first issues.",
			channels: []string{"forum", "chat"}, tone: "warm", promise: "Review their first pull request", dueIn: 7},
		{subject: "Stuck on the build", notes: "The build fails on their machine for lack of the GL headers; walked through the Debian packages.",
			channels: talkCode, promise: "Add the GL headers to the build instructions", dueIn: 7},
		{subject: "First pull request merged", notes: "Their fix to the settings label is in. Asked what to take on next; they like docs more than code.", channels: talkCode, tone: "warm"},
	},
	"mentor": {
		{subject: "Mentoring this cycle", notes: "Happy to mentor two newcomers this cycle, weekends only.",
			channels: talkText, promise: "Match them with two newcomers for mentoring", dueIn: 10},
		{subject: "Mentee is stuck on tests", notes: "Their mentee struggles with the test fixtures; suggested pairing on Saturday.", channels: talkLive},
	},
	"release": {
		{subject: "Release checklist for {v}", notes: "Went through the checklist; the signing key rotation is due before {v}.",
			channels: talkLive, promise: "Update the release checklist for the new signing key", dueIn: 10},
		{subject: "Packaging for distributions", notes: "Debian and Fedora packagers asked for a stable tarball URL and a changelog that isn't generated.", channels: talkText},
	},
	"triage": {
		{subject: "Triage weekend results", notes: "Closed forty stale issues; wants a 'needs repro' label so the same questions stop.",
			channels: talkCode, tone: "warm", promise: "Propose a needs-repro label on the tracker", dueIn: 7},
	},
	"contributor": {
		{subject: "A pull request waiting a month", notes: "Apologised: nobody had reviewed it. Found a reviewer during the call.",
			channels: []string{"chat", "call"}, tone: "tense", promise: "Make sure their pull request is reviewed this week", dueIn: 5},
		{subject: "Windows support", notes: "Wants the CLI to be a first-class citizen on Windows, not a port; offered to own the Windows CI job.", channels: talkCode},
	},
	"emeritus": {
		{subject: "Catching up with a former maintainer", notes: "Enjoying the time off. Still happy to answer questions about the old storage code.", channels: talkQuiet, tone: "warm"},
		{subject: "Why the storage format looks the way it does", notes: "Explained the odd header of the old format; it is written down nowhere.",
			channels: talkLive, promise: "Write down the history of the storage format in the docs", dueIn: 30, notPromise: true},
	},
}

// groupTopics are conversations with several members at once.
var groupTopics = []sampleTopic{
	{subject: "Release planning call for {v}", notes: "Scope for {v}, who writes the announcement, who watches the forum on release day.",
		channels: []string{"video"}, promise: "Send the notes of the {v} planning call", dueIn: 2,
		tags: []string{"maintainer", "release", "security"}},
	{subject: "Docs sprint", notes: "Sprint on the getting-started guide: five pull requests opened, two merged, one long argument about screenshots.",
		channels: []string{"video", "event"}, tone: "warm", promise: "Review what is left from the docs sprint", dueIn: 7,
		tags: []string{"docs", "translator", "mentor", "contributor"}},
	{subject: "Guild meetup", notes: "Meetup at the university: talks on translation workflows and accessibility, pizza after.",
		channels: talkMeet, tone: "warm", promise: "Send the slides and photos from the meetup", dueIn: 3},
	{subject: "Sponsors' round table", notes: "The sponsors compared notes on engineering time; all want sponsored work to land upstream, not in forks.",
		channels: []string{"video"}, promise: "Send the sponsors the list of issues that most need engineering time", dueIn: 10,
		tags: []string{"sponsor", "maintainer"}},
	{subject: "Design and accessibility review", notes: "Joint review of the settings page; agreed on labels under icons and a contrast check in CI.",
		channels: []string{"video"}, promise: "Write up the decisions of the settings review", dueIn: 4,
		tags: []string{"design", "accessibility"}},
	{subject: "Moderation team sync", notes: "Two warnings, one ban appeal, and the spam bots again. Nobody wants to be the only one on call at weekends.",
		channels: talkLive, tone: "neutral", promise: "Propose a weekend rota for moderation", dueIn: 7,
		tags: []string{"moderator"}},
	{subject: "Hallway chat at the summit", notes: "Met between talks; half an hour on what makes newcomers stay.", channels: []string{"in person", "event"}, tone: "warm"},
}
