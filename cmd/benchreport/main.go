// Command benchreport is make bench: it runs every benchmark, measures how
// Rapport starts with the large record against a bare Fyne window
// (cmd/barewindow) in the same run, and prints one table of what was
// measured against the budgets of the design. It exits 1 when a budget is
// missed.
//
// It is a Go program rather than a script because it parses the benchmarks'
// output, takes medians and writes the table, and because it watches the
// windows through Xlib (cgo): the X server tells it when a program's window
// is mapped and each time the window is drawn into (the DAMAGE extension),
// and it reads the window's pixels then, in a few milliseconds. Polling
// with xdotool and ImageMagick's import would measure in steps of 50 ms or
// more, and reading the window in a loop kept the X server and this program
// busy on the cores the program measured was starting on.
//
// First frame is the time from starting the program to the first capture of
// its mapped window that shows drawn content: at least three distinct
// colours (the background, text and the text's anti-aliasing), where a
// window not drawn yet is one colour. The time is taken after that capture
// returns, so it is an upper bound by one capture (a few milliseconds).
// Memory is the process's VmRSS and VmHWM (/proc/PID/status) once the window
// has shown content and settled for -settle. Each program runs -runs times,
// alternating, after one warm-up run each that is not counted (it fills the
// system's file cache, and Rapport takes the day's backup of the record in
// it, as it does at the first start of each day); the table shows medians.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"rapport/model"
	"rapport/storage"
)

// budget is what the design allows a benchmark.
type budget struct {
	pattern *regexp.Regexp // matches the benchmark's name, without its -N suffix
	metric  string         // the metric compared: "p95-ms", or "ns/op" for the mean
	limit   time.Duration
	source  string // where the budget is written
}

// budgets maps benchmarks to their budgets, the first match winning.
// DESIGN.md's table names the screens; the list pages, counts and logging
// budgets are those docs/benchmarks.md has held the benchmarks to since
// they were written. A benchmark with no budget is shown for information.
var budgets = []budget{
	{regexp.MustCompile(`^BenchmarkGlobalSearch`), "p95-ms", 15 * time.Millisecond, "DESIGN.md: global search, p95"},
	{regexp.MustCompile(`^BenchmarkToday`), "p95-ms", 20 * time.Millisecond, "DESIGN.md: today view"},
	{regexp.MustCompile(`^BenchmarkTimeline`), "p95-ms", 10 * time.Millisecond, "DESIGN.md: a member's timeline"},
	{regexp.MustCompile(`^BenchmarkExport20000$`), "ns/op", time.Second, "DESIGN.md: export 20,000 members as vCard"},
	{regexp.MustCompile(`^BenchmarkEncode20000$`), "ns/op", time.Second, "DESIGN.md: export 20,000 members as vCard (codec alone)"},
	{regexp.MustCompile(`^BenchmarkImport20000(Into20000)?$`), "ns/op", 3 * time.Second, "DESIGN.md: import the same file"},
	{regexp.MustCompile(`^BenchmarkHandoff/(whole|tag)$`), "ns/op", time.Second, "DESIGN.md: handoff document for the large record"},
	{regexp.MustCompile(`^BenchmarkMembersScroll`), "p95-ms", 5 * time.Millisecond, "docs/benchmarks.md: a page of the members list"},
	{regexp.MustCompile(`^BenchmarkMembersPage`), "p95-ms", 5 * time.Millisecond, "docs/benchmarks.md: a page of the members list"},
	{regexp.MustCompile(`^BenchmarkSearchAsYouType`), "p95-ms", 15 * time.Millisecond, "docs/benchmarks.md: search as you type"},
	{regexp.MustCompile(`^BenchmarkCountMembers/tag\+text`), "p95-ms", 15 * time.Millisecond, "docs/benchmarks.md: a count per keystroke"},
	{regexp.MustCompile(`^BenchmarkCreateConversation`), "p95-ms", 5 * time.Millisecond, "docs/benchmarks.md: log a conversation"},
	{regexp.MustCompile(`^BenchmarkFeedbackBoard`), "p95-ms", 20 * time.Millisecond, "docs/benchmarks.md: the feedback board"},
	{regexp.MustCompile(`^BenchmarkSuggestFeedback`), "p95-ms", 15 * time.Millisecond, "docs/benchmarks.md: suggestions per keystroke"},
	{regexp.MustCompile(`^BenchmarkFeedbackReport`), "p95-ms", 200 * time.Millisecond, "docs/benchmarks.md: a team's report"},
}

// Ratios of the start-up budgets (DESIGN.md) to the bare window.
const (
	firstFrameRatio = 1.2
	memoryRatio     = 1.5
	largeDemoLimit  = 60 * time.Second // the large record is made within a minute
)

type options struct {
	rapport, bare, db  string
	runs               int
	settle             time.Duration
	bench, benchtime   string
	count              int
	packages           string
	noBench, noStartup bool
	goCmd              string
	stdout, stderr     io.Writer
}

func main() {
	o := options{stdout: os.Stdout, stderr: os.Stderr}
	flag.StringVar(&o.rapport, "rapport", "bin/rapport", "the Rapport binary to measure")
	flag.StringVar(&o.bare, "bare", "bin/barewindow", "the bare Fyne window to measure it against (cmd/barewindow)")
	flag.StringVar(&o.db, "db", "", "the large record to open; made with 'rapport demo --large' in a temporary folder when empty")
	flag.IntVar(&o.runs, "runs", 5, "start-up runs of each program")
	flag.DurationVar(&o.settle, "settle", 3*time.Second, "how long a window settles before its memory is read")
	flag.StringVar(&o.bench, "bench", ".", "the benchmarks to run (go test -bench)")
	flag.StringVar(&o.benchtime, "benchtime", "1s", "go test -benchtime")
	flag.IntVar(&o.count, "count", 1, "go test -count: each benchmark's runs; the table shows their median")
	flag.StringVar(&o.packages, "packages", "./model/... ./storage/... ./app/...", "the packages whose benchmarks run")
	flag.BoolVar(&o.noBench, "no-benchmarks", false, "measure the start-up only")
	flag.BoolVar(&o.noStartup, "no-startup", false, "run the benchmarks only")
	flag.StringVar(&o.goCmd, "go", "go", "the go command")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	missed, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(2)
	}
	if missed > 0 {
		fmt.Fprintf(os.Stderr, "benchreport: %d budget(s) missed\n", missed)
		os.Exit(1)
	}
}

// row is one line of the table.
type row struct {
	what, measured, budget, ratio, pass string
}

// run measures what o asks, prints the table and returns how many budgets
// were missed.
func run(ctx context.Context, o options) (int, error) {
	var rows []row
	if !o.noStartup {
		db := o.db
		if db == "" {
			dir, err := os.MkdirTemp("", "rapport-benchreport-")
			if err != nil {
				return 0, err
			}
			defer os.RemoveAll(dir)
			db = filepath.Join(dir, "large.db")
			fmt.Fprintln(o.stderr, "== making the large record: rapport demo --large")
			start := time.Now()
			cmd := exec.CommandContext(ctx, o.rapport, "demo", "--large", "--db", db)
			cmd.Stdout, cmd.Stderr = io.Discard, o.stderr
			if err := cmd.Run(); err != nil {
				return 0, fmt.Errorf("rapport demo --large: %w", err)
			}
			took := time.Since(start)
			fmt.Fprintln(o.stderr)
			rows = append(rows, limitRow("rapport demo --large (20,000 members, 200,000 conversations, …)", took, largeDemoLimit))
		}
		if err := nameManager(ctx, db); err != nil {
			return 0, err
		}
		r, err := measureStartup(ctx, o, db)
		if err != nil {
			return 0, fmt.Errorf("start-up: %w", err)
		}
		rows = append(rows, r...)
	}
	if !o.noBench {
		results, err := runBenchmarks(ctx, o)
		if err != nil {
			return 0, err
		}
		rows = append(rows, benchRows(results)...)
	}
	fmt.Fprintf(o.stdout, "Measured on %s, %d cores, %s %s/%s.\n\n", time.Now().UTC().Format("2 January 2006"),
		runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	printTable(o.stdout, rows)
	missed := 0
	for _, r := range rows {
		if r.pass == "no" {
			missed++
		}
	}
	return missed, nil
}

// nameManager names the manager of the record at db when nobody is named
// yet (rapport demo --large names nobody), so that Rapport opens on the
// record's Today and not on the welcome that asks for a name.
func nameManager(ctx context.Context, db string) error {
	st, err := storage.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.Me(ctx); err == nil {
		return nil
	} else if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	_, err = st.SetMe(ctx, "Sam Rivera")
	return err
}

// printTable writes rows as a Markdown table.
func printTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| what | measured | budget | ratio | pass |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", r.what, r.measured, r.budget, r.ratio, r.pass)
	}
}

// limitRow compares a duration with an absolute budget.
func limitRow(what string, took, limit time.Duration) row {
	ratio := float64(took) / float64(limit)
	return row{what, formatDuration(took), "≤ " + formatDuration(limit), fmt.Sprintf("%.2f", ratio), yesNo(ratio <= 1)}
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// formatDuration writes d with three significant digits in a readable unit.
func formatDuration(d time.Duration) string {
	switch {
	case d >= time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s"
	case d >= 10*time.Millisecond:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 0, 64) + " ms"
	default:
		return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 2, 64) + " ms"
	}
}

// benchResult is one line of go test -bench's output.
type benchResult struct {
	pkg, name string
	metrics   map[string]float64 // by unit: ns/op, B/op, allocs/op, p95-ms, …
}

// runBenchmarks runs every benchmark of o.packages once, echoing the output.
func runBenchmarks(ctx context.Context, o options) ([]benchResult, error) {
	// -p 1: one package's benchmarks at a time; two benchmark binaries at
	// once on a small machine would measure each other.
	args := append([]string{"test", "-p", "1", "-run", "^$", "-bench", o.bench, "-benchmem", "-benchtime", o.benchtime,
		"-count", strconv.Itoa(max(o.count, 1)), "-timeout", "120m"},
		strings.Fields(o.packages)...)
	fmt.Fprintf(o.stderr, "== %s %s\n", o.goCmd, strings.Join(args, " "))
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, o.goCmd, args...)
	cmd.Stdout = io.MultiWriter(&out, o.stderr)
	cmd.Stderr = o.stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("the benchmarks failed: %w", err)
	}
	return parseBench(&out), nil
}

var benchSuffix = regexp.MustCompile(`-\d+$`)

// parseBench reads go test -bench's output: "pkg:" lines name the package
// of the benchmark lines after them.
func parseBench(r io.Reader) []benchResult {
	var results []benchResult
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue // a benchmark's log line, not its result
		}
		res := benchResult{pkg: pkg, name: benchSuffix.ReplaceAllString(f[0], ""), metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			res.metrics[f[i+1]] = v
		}
		results = append(results, res)
	}
	return results
}

// medianResults makes the runs of each benchmark (go test -count) one
// result, each metric the median of its runs, in the order they first came.
func medianResults(results []benchResult) []benchResult {
	var order []string
	runs := map[string][]benchResult{}
	for _, r := range results {
		key := r.pkg + " " + r.name
		if _, seen := runs[key]; !seen {
			order = append(order, key)
		}
		runs[key] = append(runs[key], r)
	}
	out := make([]benchResult, 0, len(order))
	for _, key := range order {
		rs := runs[key]
		m := benchResult{pkg: rs[0].pkg, name: rs[0].name, metrics: map[string]float64{}}
		for unit := range rs[0].metrics {
			var v []float64
			for _, r := range rs {
				if x, ok := r.metrics[unit]; ok {
					v = append(v, x)
				}
			}
			slices.Sort(v)
			m.metrics[unit] = v[len(v)/2]
		}
		out = append(out, m)
	}
	return out
}

// benchRows compares each benchmark, the median of its runs, with its budget.
func benchRows(results []benchResult) []row {
	var rows []row
	for _, r := range medianResults(results) {
		what := strings.TrimPrefix(r.pkg, "rapport/") + " " + r.name
		b, ok := budgetOf(r.name)
		metric := "p95-ms"
		if ok {
			metric = b.metric
		}
		if _, has := r.metrics[metric]; !has {
			metric = "ns/op"
		}
		measured := time.Duration(r.metrics[metric] * float64(time.Millisecond))
		label := "p95 "
		if metric == "ns/op" {
			measured = time.Duration(r.metrics[metric])
			label = "mean "
		}
		text := label + formatDuration(measured)
		if bytes, has := r.metrics["B/op"]; has {
			text += fmt.Sprintf(", %s/op", formatBytes(bytes))
		}
		if !ok {
			rows = append(rows, row{what, text, "—", "—", "—"})
			continue
		}
		ratio := float64(measured) / float64(b.limit)
		rows = append(rows, row{what, text, fmt.Sprintf("≤ %s (%s)", formatDuration(b.limit), b.source),
			fmt.Sprintf("%.2f", ratio), yesNo(ratio <= 1)})
	}
	return rows
}

func budgetOf(name string) (budget, bool) {
	for _, b := range budgets {
		if b.pattern.MatchString(name) {
			return b, true
		}
	}
	return budget{}, false
}

func formatBytes(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	default:
		return fmt.Sprintf("%.0f B", b)
	}
}

// startup is one start of a program.
type startup struct {
	firstFrame time.Duration
	rss, hwm   int64 // kB
}

// measureStartup runs the bare window and Rapport on db alternately under a
// private Xvfb and compares their medians.
func measureStartup(ctx context.Context, o options, db string) ([]row, error) {
	for _, p := range []string{o.rapport, o.bare} {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("%w (build it first: make bench does)", err)
		}
	}
	name, stopX, err := startXvfb(ctx)
	if err != nil {
		return nil, err
	}
	defer stopX()
	x, err := openDisplay(name)
	if err != nil {
		return nil, err
	}
	defer x.close()
	home, err := os.MkdirTemp("", "rapport-benchreport-home-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(home)
	env := []string{"DISPLAY=" + name, "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "PATH=" + os.Getenv("PATH")}
	bare := []string{o.bare}
	rapport := []string{o.rapport, "--db", db}

	fmt.Fprintln(o.stderr, "== warm-up runs (not counted)")
	if _, err := startOnce(ctx, o, x, bare, env, func() error { return nil }); err != nil {
		return nil, fmt.Errorf("bare window: %w", err)
	}
	if _, err := startOnce(ctx, o, x, rapport, env, func() error { return waitForDailyBackup(ctx, db) }); err != nil {
		return nil, fmt.Errorf("rapport: %w", err)
	}
	// The large record and its day's backup, just written, go to the disk
	// now rather than while the start-up is timed.
	syscall.Sync()
	var bareRuns, rapportRuns []startup
	for i := range o.runs {
		b, err := startOnce(ctx, o, x, bare, env, nil)
		if err != nil {
			return nil, fmt.Errorf("bare window: %w", err)
		}
		r, err := startOnce(ctx, o, x, rapport, env, nil)
		if err != nil {
			return nil, fmt.Errorf("rapport: %w", err)
		}
		fmt.Fprintf(o.stderr, "run %d: bare %v, %d kB; rapport %v, %d kB\n", i+1, b.firstFrame, b.rss, r.firstFrame, r.rss)
		bareRuns, rapportRuns = append(bareRuns, b), append(rapportRuns, r)
	}
	b, r := medianStartup(bareRuns), medianStartup(rapportRuns)
	n := fmt.Sprintf(" (median of %d)", o.runs)
	ratioRow := func(what, measured, limit string, ratio, allowed float64) row {
		budgetText, pass := "—", "—"
		if allowed > 0 {
			budgetText, pass = fmt.Sprintf("≤ %.1f × bare = %s", allowed, limit), yesNo(ratio <= allowed)
		}
		return row{what, measured, budgetText, fmt.Sprintf("%.2f × bare", ratio), pass}
	}
	return []row{
		{"first frame, bare Fyne window" + n, formatDuration(b.firstFrame), "—", "—", "—"},
		ratioRow("first frame, Rapport with the large record"+n, formatDuration(r.firstFrame),
			formatDuration(time.Duration(float64(b.firstFrame)*firstFrameRatio)),
			float64(r.firstFrame)/float64(b.firstFrame), firstFrameRatio),
		{"resident memory (VmRSS), bare Fyne window" + n, formatKB(b.rss), "—", "—", "—"},
		ratioRow("resident memory (VmRSS), Rapport with the large record"+n, formatKB(r.rss),
			formatKB(int64(float64(b.rss)*memoryRatio)), float64(r.rss)/float64(b.rss), memoryRatio),
		{"peak resident memory (VmHWM), bare Fyne window" + n, formatKB(b.hwm), "—", "—", "—"},
		ratioRow("peak resident memory (VmHWM), Rapport with the large record"+n, formatKB(r.hwm), "", float64(r.hwm)/float64(b.hwm), 0),
	}, nil
}

func formatKB(kb int64) string { return fmt.Sprintf("%.1f MiB", float64(kb)/1024) }

// medianStartup takes the median of each measure on its own.
func medianStartup(runs []startup) startup {
	median := func(v []int64) int64 {
		slices.Sort(v)
		return v[len(v)/2]
	}
	var ff, rss, hwm []int64
	for _, r := range runs {
		ff, rss, hwm = append(ff, int64(r.firstFrame)), append(rss, r.rss), append(hwm, r.hwm)
	}
	return startup{time.Duration(median(ff)), median(rss), median(hwm)}
}

// startOnce starts argv, waits for its first frame, lets it settle (or runs
// warm, when given, instead), reads its memory and ends it.
func startOnce(ctx context.Context, o options, x *display, argv, env []string, warm func() error) (startup, error) {
	var log bytes.Buffer
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &log, &log
	x.forgetEvents()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return startup{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	}()
	deadline := time.Now().Add(2 * time.Minute)
	var s startup
	var w uint64
	var dmg damage
	lookedUp := start
	for {
		select {
		case err := <-exited:
			exited <- err
			return s, fmt.Errorf("%s exited before its first frame (%v): %s", argv[0], err, log.String())
		case <-ctx.Done():
			return s, ctx.Err()
		default:
		}
		if time.Now().After(deadline) {
			return s, fmt.Errorf("%s showed no frame within 2 minutes: %s", argv[0], log.String())
		}
		// The window is read only when the X server says it was mapped or
		// drawn into: reading it over and over kept the server and this
		// program busy on the cores the program measured starts on.
		event, mapped := x.next(5 * time.Millisecond)
		switch {
		case w != 0 && event == eventDamaged:
			x.drawn(dmg)
		case w != 0:
			continue
		case event == eventMapped && x.pid(mapped) == cmd.Process.Pid:
			w = mapped
		case time.Since(lookedUp) > 100*time.Millisecond:
			// In case the window said whose it is only after it was mapped.
			lookedUp = time.Now()
			if w = x.window(cmd.Process.Pid); w == 0 {
				continue
			}
		default:
			continue
		}
		if dmg == 0 {
			// Found just now: watch its drawing, and read what it shows
			// already.
			dmg = x.watchDrawing(w)
			defer x.stopWatching(dmg)
		}
		if x.colours(w, 3) >= 3 {
			s.firstFrame = time.Since(start)
			break
		}
	}
	if warm != nil {
		if err := warm(); err != nil {
			return s, err
		}
	} else {
		time.Sleep(o.settle)
	}
	var err error
	s.rss, s.hwm, err = memoryOf(cmd.Process.Pid)
	return s, err
}

// memoryOf reads a process's resident set and its peak, in kB.
func memoryOf(pid int) (rss, hwm int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = v
		case "VmHWM:":
			hwm = v
		}
	}
	if rss == 0 || hwm == 0 {
		return 0, 0, fmt.Errorf("no VmRSS or VmHWM in /proc/%d/status", pid)
	}
	return rss, hwm, nil
}

// waitForDailyBackup waits until the day's backup Rapport takes at its first
// start of the day is in the backups folder beside db and stopped growing.
func waitForDailyBackup(ctx context.Context, db string) error {
	dir := filepath.Join(filepath.Dir(db), "backups")
	var last int64 = -1
	stable := 0
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
		matches, _ := filepath.Glob(filepath.Join(dir, "*-daily*.db"))
		if len(matches) == 0 {
			continue
		}
		var size int64
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil {
				size += info.Size()
			}
		}
		if size > 0 && size == last {
			if stable++; stable >= 4 {
				return nil
			}
		} else {
			stable = 0
		}
		last = size
	}
	return errors.New("rapport took no daily backup of the record within 3 minutes")
}

// startXvfb starts a private X server and returns its display name.
func startXvfb(ctx context.Context) (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		w.Close()
		return "", nil, fmt.Errorf("start Xvfb (apt-get install xvfb): %w", err)
	}
	w.Close()
	stop := func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			stop()
			return "", nil, errors.New("the virtual display (Xvfb) named no display")
		}
		return ":" + n, stop, nil
	case <-time.After(20 * time.Second):
		stop()
		return "", nil, errors.New("the virtual display (Xvfb) did not start within 20 s")
	case <-ctx.Done():
		stop()
		return "", nil, ctx.Err()
	}
}
