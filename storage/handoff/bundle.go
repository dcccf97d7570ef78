package handoff

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"rapport/model"
	"rapport/storage"
	"rapport/storage/ical"
	"rapport/storage/vcard"
)

// The files of a bundle.
const (
	BundleMarkdown   = "handoff.md"
	BundleHTML       = "handoff.html"
	BundleRecord     = "rapport.db"
	BundleKeyMembers = "key-members.vcf"
	BundlePromises   = "open-promises.ics"
)

// WriteBundle writes handoff id of st as a zip archive to w: the document
// as Markdown and as HTML; a copy of the record as of one moment, marked so
// that whoever opens it is asked to take it over; the key members as
// contact cards, with their private notes only where the manager ticked
// them in; and the open promises in scope as a calendar. The cards and the
// calendar are left out when there is nobody or nothing to put in them. A
// draft goes as it stands; a finished handoff as it was handed over.
//
// The copy of the record is made in a folder of its own, readable by the
// owner alone, and removed once in the archive.
func WriteBundle(ctx context.Context, st *storage.Store, id int64, w io.Writer) error {
	d, err := st.HandoffDocument(ctx, id)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "rapport-handoff-*") // 0700
	if err != nil {
		return fmt.Errorf("bundle handoff %d: %w", id, err)
	}
	defer os.RemoveAll(dir)
	record := filepath.Join(dir, BundleRecord)
	if err := snapshot(ctx, st, id, record); err != nil {
		return fmt.Errorf("bundle handoff %d: %w", id, err)
	}

	zw := zip.NewWriter(w)
	add := func(name string, write func(io.Writer) error) error {
		hdr := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: st.Now()}
		hdr.SetMode(0o600) // unzipped, the files are the successor's alone
		f, err := zw.CreateHeader(hdr)
		if err == nil {
			err = write(f)
		}
		if err != nil {
			return fmt.Errorf("bundle handoff %d: %s: %w", id, name, err)
		}
		return nil
	}
	if err := add(BundleMarkdown, func(w io.Writer) error { return Markdown(w, d) }); err != nil {
		return err
	}
	if err := add(BundleHTML, func(w io.Writer) error { return HTML(w, d) }); err != nil {
		return err
	}
	if err := add(BundleRecord, func(w io.Writer) error { return copyFile(w, record) }); err != nil {
		return err
	}
	if members := keyMembers(d); len(members) > 0 {
		if err := add(BundleKeyMembers, func(w io.Writer) error {
			return vcard.Encode(w, members, vcard.EncodeOptions{IncludePrivateNotes: true, Now: st.Now()})
		}); err != nil {
			return err
		}
	}
	// The calendar is written whole before it goes in, so that a handoff
	// without an open promise leaves it out rather than half of it.
	var cal bytes.Buffer
	switch err := ical.WriteFollowUps(&cal, openPromises(d), st.Now()); {
	case errors.Is(err, ical.ErrEmpty):
	case err != nil:
		return fmt.Errorf("bundle handoff %d: %s: %w", id, BundlePromises, err)
	default:
		if err := add(BundlePromises, func(w io.Writer) error { _, err := cal.WriteTo(w); return err }); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("bundle handoff %d: %w", id, err)
	}
	return nil
}

// snapshot copies the record to path (VACUUM INTO: as of one moment) and
// marks the copy as coming with handoff id, to be taken over.
func snapshot(ctx context.Context, st *storage.Store, id int64, path string) error {
	if err := st.Backup(ctx, path); err != nil {
		return err
	}
	cp, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	err = cp.MarkForTakeOver(ctx, id)
	if cerr := cp.Close(); err == nil {
		err = cerr
	}
	return err
}

func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// keyMembers are the key members as the document has them (those left in
// scope), their private notes kept only where the manager ticked them in.
func keyMembers(d model.HandoffDocument) []model.Member {
	private := map[int64]bool{}
	for _, km := range d.Handoff.KeyMembers {
		private[km.MemberID] = km.IncludePrivate
	}
	var ms []model.Member
	for _, hm := range d.Account.KeyMembers {
		m := hm.Member
		if !private[m.ID] {
			m.PrivateNotes = ""
		}
		ms = append(ms, m)
	}
	return ms
}

// openPromises are the open follow-ups of the document's account, with the
// names of their members.
func openPromises(d model.HandoffDocument) []model.FollowUpItem {
	items := make([]model.FollowUpItem, len(d.Account.OpenPromises))
	for i, p := range d.Account.OpenPromises {
		items[i] = model.FollowUpItem{FollowUp: p.FollowUp, Names: p.Names}
	}
	return items
}
