package app

import (
	"context"

	"rapport/model"
)

// maxCachedPages bounds how many pages of members a list keeps in memory; pages
// far from what is on screen are dropped and fetched again when scrolled back to.
const maxCachedPages = 40

// memberPager feeds a virtual list with members fetched page by page from the
// store. Every method runs on Fyne's goroutine; only the store calls run in the
// background, and their results are applied back on Fyne's goroutine.
type memberPager struct {
	u        *UI
	filter   model.MemberFilter // Text, Tag and Trashed; Offset and Limit are set per page
	pageSize int

	gen     int // bumped on every load; only the latest load's result is applied
	dataGen int // the load the pages in memory came from; older page fetches are dropped
	loaded  bool
	count   int
	pages   map[int][]model.Member
	loading map[int]bool

	// changed runs after a page or the count arrives, so the list can refresh.
	changed func()
}

func newMemberPager(u *UI, trashed bool, changed func()) *memberPager {
	return &memberPager{
		u:        u,
		filter:   model.MemberFilter{Trashed: trashed},
		pageSize: model.DefaultPageSize,
		pages:    map[int][]model.Member{},
		loading:  map[int]bool{},
		changed:  changed,
	}
}

// length is how many members the list holds; zero until the first count arrives.
func (p *memberPager) length() int { return p.count }

// item returns the member at index i when its page is in memory; otherwise it asks
// for the page and reports false, and changed runs once the page is there.
func (p *memberPager) item(i int) (model.Member, bool) {
	if i < 0 || i >= p.count {
		return model.Member{}, false
	}
	page, off := i/p.pageSize, i%p.pageSize
	if ms, ok := p.pages[page]; ok {
		if off < len(ms) {
			return ms[off], true
		}
		return model.Member{}, false
	}
	p.fetch(page)
	return model.Member{}, false
}

// indexOf returns where the member with id sits among the pages in memory, or -1.
func (p *memberPager) indexOf(id int64) int {
	for page, ms := range p.pages {
		for off, m := range ms {
			if m.ID == id {
				return page*p.pageSize + off
			}
		}
	}
	return -1
}

func (p *memberPager) fetch(page int) {
	if p.loading[page] {
		return
	}
	p.loading[page] = true
	gen, f := p.dataGen, p.filter
	f.Offset, f.Limit = page*p.pageSize, p.pageSize
	p.u.background(func(ctx context.Context, st Store) func() {
		ms, err := st.Members(ctx, f)
		return func() {
			if gen != p.dataGen {
				return
			}
			delete(p.loading, page)
			if err != nil {
				p.u.showError(err)
				return
			}
			p.pages[page] = ms
			p.evict(page)
			p.changed()
		}
	})
}

// evict drops the pages farthest from the one just fetched once too many are held.
func (p *memberPager) evict(near int) {
	for len(p.pages) > maxCachedPages {
		far, dist := -1, -1
		for page := range p.pages {
			d := page - near
			if d < 0 {
				d = -d
			}
			if d > dist {
				far, dist = page, d
			}
		}
		delete(p.pages, far)
	}
}

// setFilter starts over with another search text or tag. What the list shows stays
// until the new count and first page arrive, so typing does not make it flicker.
func (p *memberPager) setFilter(text, tag string, then func()) {
	f := p.filter
	f.Text, f.Tag = text, tag
	p.load(f, []int{0}, then)
}

// reload fetches the count and the pages in memory again, after the record changed.
func (p *memberPager) reload(then func()) {
	pages := make([]int, 0, len(p.pages)+1)
	for page := range p.pages {
		pages = append(pages, page)
	}
	if len(pages) == 0 {
		pages = append(pages, 0)
	}
	p.load(p.filter, pages, then)
}

func (p *memberPager) load(f model.MemberFilter, pages []int, then func()) {
	p.gen++
	gen := p.gen
	size := p.pageSize
	p.u.background(func(ctx context.Context, st Store) func() {
		count, err := st.CountMembers(ctx, f)
		got := map[int][]model.Member{}
		for _, page := range pages {
			if err != nil || page*size >= count {
				break
			}
			pf := f
			pf.Offset, pf.Limit = page*size, size
			var ms []model.Member
			ms, err = st.Members(ctx, pf)
			got[page] = ms
		}
		return func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				p.u.showError(err)
				return
			}
			p.dataGen = gen
			p.filter = f
			p.count = count
			p.pages = got
			p.loading = map[int]bool{}
			p.loaded = true
			p.changed()
			if then != nil {
				then()
			}
		}
	})
}
