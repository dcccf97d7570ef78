package storage

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rapport/model"
	"rapport/storage/vcard"
)

func TestMembersForExport(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	full := mustCreate(t, s, fullMember()) // Amara Okafor: maintainer, docs, Mentor
	bjorn := mustCreate(t, s, model.Member{Name: "björn Öberg", Tags: []string{"docs"}})
	chen := mustCreate(t, s, model.Member{Name: "Chen Wei", Tags: []string{"events"}})
	gone := mustCreate(t, s, model.Member{Name: "Dana Trashed", Tags: []string{"docs"}})
	if err := s.TrashMember(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		filter model.ExportFilter
		want   []string
		err    error
	}{
		{"all", model.ExportFilter{All: true}, []string{"Amara Okafor", "björn Öberg", "Chen Wei"}, nil},
		{"a tag, any case", model.ExportFilter{Tag: " DOCS "}, []string{"Amara Okafor", "björn Öberg"}, nil},
		{"an unused tag", model.ExportFilter{Tag: "nobody"}, nil, nil},
		{"a selection", model.ExportFilter{IDs: []int64{chen.ID, full.ID, chen.ID}}, []string{"Amara Okafor", "Chen Wei"}, nil},
		{"a selection within a tag", model.ExportFilter{Tag: "docs", IDs: []int64{chen.ID, bjorn.ID, gone.ID}}, []string{"björn Öberg"}, nil},
		{"a trashed member", model.ExportFilter{IDs: []int64{chen.ID, gone.ID, 99}}, nil, model.ErrNotFound},
		{"nothing said", model.ExportFilter{}, nil, model.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := s.MembersForExport(ctx, tt.filter)
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("MembersForExport(%+v) error = %v, want %v", tt.filter, err, tt.err)
			}
			if got := names(ms); !slices.Equal(got, tt.want) {
				t.Errorf("MembersForExport(%+v) = %v, want %v", tt.filter, got, tt.want)
			}
		})
	}
	ms, err := s.MembersForExport(ctx, model.ExportFilter{IDs: []int64{full.ID}})
	if err != nil || len(ms) != 1 {
		t.Fatalf("MembersForExport(full) = %v, %v", names(ms), err)
	}
	if d := memberDiff(ms[0], full); d != "" {
		t.Errorf("exported member not in full:\n%s", d)
	}
	if _, err := s.MembersForExport(ctx, model.ExportFilter{IDs: []int64{gone.ID, 99}}); err == nil ||
		!strings.Contains(err.Error(), "members "+strconv.FormatInt(gone.ID, 10)+", 99 are not in the record") {
		t.Errorf("error names the missing members: %v", err)
	}
}

// TestExportImportRoundTrip: a record exported as vCard and imported into
// an empty record holds the same members.
func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := MustOpenDB(t)
	mustCreate(t, src, fullMember())
	fillRecord(t, src, 40)
	exported, err := src.MembersForExport(ctx, model.ExportFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := vcard.Encode(&buf, exported, vcard.EncodeOptions{IncludePrivateNotes: true}); err != nil {
		t.Fatal(err)
	}
	cards, problems, err := vcard.Decode(&buf, "record.vcf")
	if err != nil || len(problems) > 0 {
		t.Fatalf("Decode: %v, %v", problems, err)
	}
	ms := make([]model.Member, len(cards))
	for i, c := range cards {
		ms[i] = c.Member
	}
	dst := MustOpenDB(t)
	p := mustPreview(t, dst, ms...)
	if p.New != len(exported) {
		t.Fatalf("preview into an empty record: %d new of %d", p.New, len(exported))
	}
	mustImport(t, dst, "record.vcf", p.Items)
	imported, err := dst.MembersForExport(ctx, model.ExportFilter{All: true})
	if err != nil || len(imported) != len(exported) {
		t.Fatalf("imported %d members (%v), want %d", len(imported), err, len(exported))
	}
	for i := range exported {
		if fingerprint(imported[i]) != fingerprint(exported[i]) {
			t.Errorf("member %q differs after export and import:\n%s", exported[i].Name,
				memberDiff(withStamps(imported[i], exported[i]), exported[i]))
		}
	}
	// Imported again, every card matches by its UID and changes nothing.
	p = mustPreview(t, dst, ms...)
	if p.ByRule[model.MatchUID] != len(ms) {
		t.Errorf("second preview: %v matched by rule, want all %d by UID", p.ByRule, len(ms))
	}
}
