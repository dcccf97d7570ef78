package markdown

import (
	"strings"
	"testing"
)

func TestInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"a *b* _c_ `d` [e](f) <g>", `a \*b\* \_c\_ \` + "`" + `d\` + "`" + ` \[e\](f) \<g\>`},
		{"Q&A &amp; more", `Q\&A \&amp; more`},
		{"# not a heading", `\# not a heading`},
		{"- not a list", `\- not a list`},
		{"12. not a list", `12\. not a list`},
		{"4.9 is a version", "4.9 is a version"},
		{"  spaced\tout  ", "spaced out"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := Inline(tt.in); got != tt.want {
			t.Errorf("Inline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInlineSpacing checks that a line whose words are one space apart
// already is left as it is and that any other is spaced as strings.Fields
// would space it.
func TestInlineSpacing(t *testing.T) {
	for _, in := range []string{
		"", " ", "a", "plain words one space apart", " leading", "trailing ", "two  spaces",
		"a\ttab", "a\nnew line", "no-break\u00a0space", "em\u2003space", "\u3000ideographic", "café au lait",
	} {
		want := strings.Join(strings.Fields(in), " ")
		if got := Inline(in); got != want {
			t.Errorf("Inline(%q) = %q, want %q", in, got, want)
		}
		if got, want := spaced(in), want == in; got != want {
			t.Errorf("spaced(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBlock(t *testing.T) {
	tests := []struct{ in, prefix, want string }{
		{"one line", "> ", "> one line"},
		{"first\nsecond", "> ", "> first  \n> second"},
		{"para one\n\npara two", "> ", "> para one\n>\n> para two"},
		{"- a list?\r\n# a heading?", "", "\\- a list?  \n\\# a heading?"},
	}
	for _, tt := range tests {
		if got := Block(tt.in, tt.prefix); got != tt.want {
			t.Errorf("Block(%q, %q) = %q, want %q", tt.in, tt.prefix, got, tt.want)
		}
	}
}
