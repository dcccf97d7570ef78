package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"rapport/model"
	"rapport/storage"
)

// sampleTag marks the sample members that demo --force adds beside real ones,
// so that they can be found, and trashed, together.
const sampleTag = "sample"

// demo is "rapport demo [--db PATH] [--force | --large]": it adds the sample
// community to the record. An empty record gets it whole, with two years of
// conversations and follow-ups; a record that already has members gets it
// only with --force, and then beside them: each sample member is added with
// the tag "sample", one whose name the record already holds is skipped, and
// nothing is removed or changed. --large fills an empty record with the large
// generated community instead, telling its progress on stderr.
func demo(ctx context.Context, db string, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo")
	fs.StringVar(&db, "db", db, "")
	force := fs.Bool("force", false, "")
	large := fs.Bool("large", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected %q after demo", fs.Arg(0))}
	}
	if *force && *large {
		return usageError{"--large goes only into an empty record: it does not take --force"}
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	var msg string
	if *large {
		msg, err = loadLarge(ctx, st, stderr)
	} else {
		msg, err = loadDemo(ctx, st, *force)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, msg)
	return nil
}

// largeSizes is what demo --large adds; tests make it smaller.
var largeSizes = storage.LargeRecord

// loadLarge fills st with the large generated community, updating one line
// of progress on stderr, and says what it did.
func loadLarge(ctx context.Context, st *storage.Store, stderr io.Writer) (string, error) {
	start := time.Now()
	shown := false
	err := st.LoadLarge(ctx, largeSizes, func(p storage.LargeProgress) {
		// The numbers only grow, so each line covers the one before.
		fmt.Fprintf(stderr, "\rmembers %d/%d  conversations %d/%d  follow-ups %d/%d  keep-in-touch %d/%d",
			p.Members, p.Sizes.Members, p.Conversations, p.Sizes.Conversations,
			p.FollowUps, p.Sizes.FollowUps, p.Contacts, p.Sizes.Members)
		shown = true
	})
	if shown {
		fmt.Fprintln(stderr)
	}
	if errors.Is(err, model.ErrConflict) {
		return "", refusal(ctx, st, "the large community goes into an empty record. Name a new file with --db PATH")
	}
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Added a large generated community (%d members, %d conversations, %d follow-ups) to %s in %.1f s.",
		largeSizes.Members, largeSizes.Conversations, largeSizes.FollowUps, st.Path(), time.Since(start).Seconds()), nil
}

// refusal says that st already holds members, and what to do instead.
func refusal(ctx context.Context, st *storage.Store, instead string) error {
	living, err := st.CountMembers(ctx, model.MemberFilter{})
	if err != nil {
		return err
	}
	trashed, err := st.CountMembers(ctx, model.MemberFilter{Trashed: true})
	if err != nil {
		return err
	}
	return fmt.Errorf("%s already holds %s; %s", st.Path(), members(living, trashed), instead)
}

// loadDemo adds the sample community to st and says what it did.
func loadDemo(ctx context.Context, st *storage.Store, force bool) (string, error) {
	err := st.LoadSample(ctx)
	if err == nil {
		n, err1 := st.CountMembers(ctx, model.MemberFilter{})
		c, err2 := st.CountConversations(ctx, model.ConversationFilter{})
		f, err3 := st.CountFollowUps(ctx, model.FollowUpFilter{})
		if err := errors.Join(err1, err2, err3); err != nil {
			return "", err
		}
		return fmt.Sprintf("Added the sample community (%d members, %d conversations, %d follow-ups) to %s.", n, c, f, st.Path()), nil
	}
	if !errors.Is(err, model.ErrConflict) { // ErrConflict: the record already has members
		return "", err
	}
	if !force {
		return "", refusal(ctx, st, fmt.Sprintf("the sample community goes into an empty record. "+
			"Name a new file with --db PATH, or add --force to add the sample members beside them "+
			"(tagged %q; nothing is removed)", sampleTag))
	}
	added, skipped := 0, 0
	for _, m := range model.SampleCommunity(st.Now()) {
		exists, err := hasMemberNamed(ctx, st, m.Name)
		if err != nil {
			return "", err
		}
		if exists {
			skipped++
			continue
		}
		m.Tags = append(m.Tags, sampleTag)
		if err := st.CreateMember(ctx, &m); err != nil {
			return "", fmt.Errorf("add sample member %s: %w", m.Name, err)
		}
		added++
	}
	msg := fmt.Sprintf("Added %d sample members, tagged %q, to %s beside its own.", added, sampleTag, st.Path())
	if skipped > 0 {
		msg += fmt.Sprintf(" Skipped %d whose names the record already holds.", skipped)
	}
	return msg, nil
}

// members says how many members a record holds, living and in the trash.
func members(living, trashed int) string {
	s := fmt.Sprintf("%d member", living)
	if living != 1 {
		s += "s"
	}
	if trashed > 0 {
		s += fmt.Sprintf(" (and %d in the trash)", trashed)
	}
	return s
}

// hasMemberNamed reports whether the record, living or trashed, has a member
// called exactly name.
func hasMemberNamed(ctx context.Context, st *storage.Store, name string) (bool, error) {
	for _, trashed := range []bool{false, true} {
		found, err := st.Members(ctx, model.MemberFilter{Text: name, Trashed: trashed, Limit: 100})
		if err != nil {
			return false, fmt.Errorf("look for %s: %w", name, err)
		}
		for _, m := range found {
			if strings.EqualFold(m.Name, name) {
				return true, nil
			}
		}
	}
	return false, nil
}
