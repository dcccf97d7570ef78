package handoff

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"rapport/model"
)

// HTML writes d as one self-contained XHTML file: inline styles, no script,
// nothing loaded from elsewhere, well-formed XML, every text escaped. The
// narrative, the manager's Markdown, is rendered with its raw HTML left out
// and its images turned into links, so that opening the file loads nothing.
func HTML(w io.Writer, d model.HandoffDocument) error {
	bw := bufio.NewWriter(w)
	h := htmlWriter{w: bw}
	doc := newDocument(d)
	h.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
	h.raw(`<meta name="viewport" content="width=device-width, initial-scale=1"/>` + "\n")
	h.el("title", doc.title())
	h.raw("\n<style>" + style + "</style>\n</head>\n<body>\n<header>\n")
	h.el("h1", doc.title())
	h.el("p", doc.subtitle(), "subtitle")
	h.el("p", doc.status(), "status")
	h.raw("</header>\n")

	h.raw("<section class=\"narrative\">\n")
	h.el("h2", "In their words")
	if !doc.narrativeWritten() {
		h.el("p", notWrittenAtAll, "none")
	} else {
		for _, s := range model.NarrativeSections {
			h.raw("<div class=\"part\">\n")
			h.el("h3", s.Title)
			if text := strings.TrimSpace(d.Handoff.Narrative[s.Key]); text != "" {
				h.raw("<div class=\"written\">\n")
				if err := renderNarrative(bw, text); err != nil {
					return err
				}
				h.raw("</div>\n")
			} else {
				h.el("p", notWritten, "none")
			}
			h.raw("</div>\n")
		}
	}
	h.raw("</section>\n")

	a := d.Account
	if a.Members == 0 {
		h.raw("<section>\n")
		h.el("h2", "What the record holds")
		h.el("p", doc.noMembers(), "none")
		h.raw("</section>\n</body>\n</html>\n")
		return bw.Flush()
	}

	h.raw("<section class=\"key-members\">\n")
	h.el("h2", "Key members")
	if len(a.KeyMembers) == 0 {
		h.el("p", noKeyMembers, "none")
	}
	for _, km := range a.KeyMembers {
		m := km.Member
		h.raw("<article class=\"member\">\n")
		h.el("h3", doc.memberHeading(m))
		if about := memberAbout(m); about != "" {
			h.el("p", about, "about")
		}
		h.raw("<dl>\n")
		for _, f := range doc.memberFacts(km) {
			h.el("dt", f.label)
			h.multiline("dd", f.text)
		}
		if len(km.OpenPromises) > 0 {
			h.el("dt", "Open promises")
			h.raw("<dd><ul>\n")
			for _, pr := range km.OpenPromises {
				h.item(doc.promiseLine(pr, false), lateClass(pr))
			}
			h.raw("</ul></dd>\n")
		}
		if len(km.WaitingOn) > 0 {
			h.el("dt", "Waiting on")
			h.raw("<dd><ul>\n")
			for _, f := range km.WaitingOn {
				h.item(waitingOnLine(f), "")
			}
			h.raw("</ul></dd>\n")
		}
		if m.PrivateNotes != "" {
			h.el("dt", "Private notes (included by "+doc.from()+")", "private")
			h.multiline("dd", m.PrivateNotes, "private")
		}
		h.raw("</dl>\n</article>\n")
	}
	h.raw("</section>\n")

	h.raw("<section>\n")
	h.el("h2", "Open promises and follow-ups")
	h.list(len(a.OpenPromises), noPromises, func(i int) (line, string) {
		return doc.promiseLine(a.OpenPromises[i], true), lateClass(a.OpenPromises[i])
	})
	h.raw("</section>\n")

	h.raw("<section>\n")
	h.el("h2", "Feedback in flight")
	if len(a.FeedbackInFlight) == 0 {
		h.el("p", noFeedback, "none")
	}
	for _, t := range a.FeedbackInFlight {
		h.raw("<div class=\"team\">\n")
		h.el("h3", teamHeading(t.Team))
		h.list(len(t.Items), "", func(i int) (line, string) { return feedbackLine(t.Items[i]), "" })
		h.raw("</div>\n")
	}
	h.raw("</section>\n")

	h.raw("<section>\n")
	h.el("h2", "Waiting to hear back")
	h.list(len(a.WaitingToHear), noneWaiting, func(i int) (line, string) { return doc.hearBackLine(a.WaitingToHear[i]), "" })
	h.raw("</section>\n")

	h.raw("<section>\n")
	h.el("h2", "Going quiet")
	if len(a.GoingQuiet) > 0 {
		h.el("p", quietIntro, "intro")
	}
	h.list(len(a.GoingQuiet), noneQuiet, func(i int) (line, string) { return doc.quietLine(a.GoingQuiet[i]), "" })
	h.raw("</section>\n</body>\n</html>\n")
	return bw.Flush()
}

func lateClass(p model.HandoffPromise) string {
	if p.Late {
		return "late"
	}
	return ""
}

// htmlWriter writes elements whose text it escapes.
type htmlWriter struct{ w *bufio.Writer }

func (h htmlWriter) raw(s string) { h.w.WriteString(s) }

// open writes a start tag, with a class when one is given.
func (h htmlWriter) open(tag string, class ...string) {
	h.raw("<" + tag)
	if len(class) > 0 && class[0] != "" {
		h.raw(` class="` + escape(class[0]) + `"`)
	}
	h.raw(">")
}

// el writes an element holding text.
func (h htmlWriter) el(tag, text string, class ...string) {
	h.open(tag, class...)
	h.raw(escape(text) + "</" + tag + ">\n")
}

// multiline writes an element holding a text that keeps its lines.
func (h htmlWriter) multiline(tag, text string, class ...string) {
	h.open(tag, class...)
	for i, line := range strings.Split(strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n"), "\n") {
		if i > 0 {
			h.raw("<br/>")
		}
		h.raw(escape(line))
	}
	h.raw("</" + tag + ">\n")
}

// item writes a list item with its lead set apart.
func (h htmlWriter) item(l line, class string) {
	h.open("li", class)
	if l.lead != "" {
		h.raw(`<span class="lead">` + escape(oneLine(l.lead)) + `</span>`)
	}
	h.raw(escape(oneLine(l.rest)) + "</li>\n")
}

// list writes n items, or the sentence that says there are none.
func (h htmlWriter) list(n int, none string, item func(i int) (l line, class string)) {
	if n == 0 {
		if none != "" {
			h.el("p", none, "none")
		}
		return
	}
	h.raw("<ul>\n")
	for i := range n {
		h.item(item(i))
	}
	h.raw("</ul>\n")
}

// escape makes s text of an XHTML file: the five markup characters as
// references, and what XML cannot hold (control characters, invalid UTF-8)
// as the replacement character.
func escape(s string) string {
	s = xmlText(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlText replaces what an XML document cannot hold (control characters
// other than tab and line breaks, U+FFFE, U+FFFF, invalid UTF-8) by U+FFFD,
// and line breaks by "\n".
func xmlText(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if !xmlChar(r) || r == '\r' {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case !xmlChar(r):
			return utf8.RuneError
		}
		return r
	}, s)
}

// xmlChar reports whether XML 1.0 allows r (utf8.RuneError stands for
// invalid UTF-8 and is allowed: it is what replaces it).
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}

// narrative renders the manager's Markdown as XHTML: CommonMark, raw HTML
// left out (goldmark's default), dangerous links dropped.
var narrative = goldmark.New(
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(imagesAsLinks{}, 100))),
	goldmark.WithRendererOptions(html.WithXHTML()),
)

func renderNarrative(w io.Writer, text string) error {
	var buf bytes.Buffer
	if err := narrative.Convert([]byte(xmlText(text)), &buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// imagesAsLinks turns each image of the narrative into a link to it, so that
// the document loads nothing when it is opened.
type imagesAsLinks struct{}

func (imagesAsLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var images []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			images = append(images, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if link.ChildCount() == 0 {
			link.AppendChild(link, ast.NewString([]byte("image")))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// style is the document's whole look: readable on screen, and on paper
// without a block cut across pages.
const style = `
:root { color-scheme: light; }
body { font-family: Georgia, "DejaVu Serif", "Times New Roman", serif; font-size: 12pt; line-height: 1.5;
  color: #1d1d1f; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
h1, h2, h3, dt, .subtitle { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.8em; margin: 0 0 .2em; color: #3b2a6b; }
h2 { font-size: 1.35em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #d9d2ec; color: #3b2a6b; }
h3 { font-size: 1.1em; margin: 1.2em 0 .3em; }
header { border-bottom: 1px solid #ccc; padding-bottom: .8em; }
.subtitle { font-size: 1.05em; color: #444; margin: 0; }
.status { font-size: .9em; color: #555; margin: .4em 0 0; }
.none { color: #666; font-style: italic; }
.written { margin-left: .2em; }
.written h1, .written h2, .written h3, .written h4 { font-size: 1em; border: 0; margin: .8em 0 .2em; color: inherit; }
.written blockquote, dd.private { border-left: 3px solid #d9d2ec; margin: .5em 0; padding-left: .8em; color: #333; }
.written pre { white-space: pre-wrap; background: #f6f6f6; padding: .5em; }
.member { border: 1px solid #ddd; border-radius: 6px; padding: .2em 1em .6em; margin: 1em 0; }
.member h3 { margin-top: .6em; }
.about { color: #555; margin: 0 0 .4em; }
dl { margin: 0; }
dt { font-weight: bold; font-size: .85em; color: #3b2a6b; margin-top: .5em; }
dd { margin: .1em 0 0 0; }
dd ul { margin: 0; padding-left: 1.2em; }
ul { padding-left: 1.4em; }
li { margin: .15em 0; }
.lead { font-weight: bold; }
li.late .lead { color: #8a1c1c; }
dt.private { color: #8a1c1c; }
a { color: #3b2a6b; }
@media print {
  body { font-size: 10.5pt; margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .member, .part, .team, li, blockquote, dd { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; }
}
`
