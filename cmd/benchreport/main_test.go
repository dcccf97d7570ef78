package main

import (
	"slices"
	"strings"
	"testing"
)

const benchOutput = `goos: linux
goarch: amd64
pkg: rapport/storage
cpu: AMD EPYC
BenchmarkToday-2                 	     225	   5370000 ns/op	         7.390 p95-ms	  123456 B/op	    1234 allocs/op
BenchmarkTimeline/busiest/offset=0-2         	    1700	    690000 ns/op	         1.070 p95-ms	   20480 B/op	     300 allocs/op
BenchmarkExport20000-2   	       1	1200000000 ns/op	371000000 B/op	 5000000 allocs/op
BenchmarkCountMembers/all-2   	    1000	    910000 ns/op	         1.230 p95-ms	     500 B/op	      20 allocs/op
--- BENCH: BenchmarkSomething-2
    some_test.go:12: a log line
PASS
ok  	rapport/storage	60.1s
pkg: rapport/storage/vcard
BenchmarkEncode20000-2   	       5	 200000000 ns/op
`

func TestParseBenchAndRows(t *testing.T) {
	results := parseBench(strings.NewReader(benchOutput))
	var names []string
	for _, r := range results {
		names = append(names, r.pkg+" "+r.name)
	}
	want := []string{
		"rapport/storage BenchmarkToday", "rapport/storage BenchmarkTimeline/busiest/offset=0",
		"rapport/storage BenchmarkExport20000", "rapport/storage BenchmarkCountMembers/all",
		"rapport/storage/vcard BenchmarkEncode20000",
	}
	if !slices.Equal(names, want) {
		t.Fatalf("parsed %q, want %q", names, want)
	}
	if got := results[0].metrics["p95-ms"]; got != 7.39 {
		t.Errorf("Today's p95-ms = %v, want 7.39", got)
	}
	rows := benchRows(results)
	wantRows := []row{
		{"storage BenchmarkToday", "p95 7.39 ms, 120.6 KiB/op", "≤ 20 ms (DESIGN.md: today view)", "0.37", "yes"},
		{"storage BenchmarkTimeline/busiest/offset=0", "p95 1.07 ms, 20.0 KiB/op", "≤ 10 ms (DESIGN.md: a member's timeline)", "0.11", "yes"},
		{"storage BenchmarkExport20000", "mean 1.20 s, 353.8 MiB/op", "≤ 1.00 s (DESIGN.md: export 20,000 members as vCard)", "1.20", "no"},
		{"storage BenchmarkCountMembers/all", "p95 1.23 ms, 500 B/op", "—", "—", "—"},
		{"storage/vcard BenchmarkEncode20000", "mean 200 ms", "≤ 1.00 s (DESIGN.md: export 20,000 members as vCard (codec alone))", "0.20", "yes"},
	}
	for i, w := range wantRows {
		if i >= len(rows) || rows[i] != w {
			t.Errorf("row %d = %+v\nwant %+v", i, rows[min(i, len(rows)-1)], w)
		}
	}
}

func TestMedianResults(t *testing.T) {
	runs := parseBench(strings.NewReader(`pkg: rapport/storage
BenchmarkImport20000-2   1   3100000000 ns/op   10 B/op
BenchmarkToday-2   100   5000000 ns/op   7.0 p95-ms
BenchmarkImport20000-2   1   2500000000 ns/op   30 B/op
BenchmarkImport20000-2   1   2700000000 ns/op   20 B/op
`))
	got := medianResults(runs)
	if len(got) != 2 || got[0].name != "BenchmarkImport20000" || got[0].metrics["ns/op"] != 2.7e9 || got[0].metrics["B/op"] != 20 ||
		got[1].name != "BenchmarkToday" {
		t.Errorf("medianResults = %+v, want Import20000 at 2.7 s and 20 B/op, then Today", got)
	}
}

func TestMedianStartup(t *testing.T) {
	got := medianStartup([]startup{{300, 10, 30}, {100, 30, 10}, {200, 20, 20}})
	if want := (startup{200, 20, 20}); got != want {
		t.Errorf("medianStartup = %+v, want %+v", got, want)
	}
}
