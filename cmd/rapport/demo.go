package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"rapport/model"
	"rapport/storage"
)

// sampleTag marks the sample members that demo --force adds beside real ones,
// so that they can be found, and trashed, together.
const sampleTag = "sample"

// demo is "rapport demo [--db PATH] [--force]": it adds the sample community to
// the record. An empty record gets it whole; a record that already has members
// gets it only with --force, and then beside them: each sample member is added
// with the tag "sample", one whose name the record already holds is skipped,
// and nothing is removed or changed.
func demo(ctx context.Context, db string, args []string, stdout io.Writer) error {
	fs := newFlagSet("demo")
	fs.StringVar(&db, "db", db, "")
	force := fs.Bool("force", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected %q after demo", fs.Arg(0))}
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	msg, err := loadDemo(ctx, st, *force)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, msg)
	return nil
}

// loadDemo adds the sample community to st and says what it did.
func loadDemo(ctx context.Context, st *storage.Store, force bool) (string, error) {
	err := st.LoadSample(ctx)
	if err == nil {
		n, err := st.CountMembers(ctx, model.MemberFilter{})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("Added the sample community (%d members) to %s.", n, st.Path()), nil
	}
	if !errors.Is(err, model.ErrConflict) { // ErrConflict: the record already has members
		return "", err
	}
	if !force {
		living, err := st.CountMembers(ctx, model.MemberFilter{})
		if err != nil {
			return "", err
		}
		trashed, err := st.CountMembers(ctx, model.MemberFilter{Trashed: true})
		if err != nil {
			return "", err
		}
		return "", fmt.Errorf("%s already holds %s; the sample community goes into an empty record. "+
			"Name a new file with --db PATH, or add --force to add the sample members beside them "+
			"(tagged %q; nothing is removed)", st.Path(), members(living, trashed), sampleTag)
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
