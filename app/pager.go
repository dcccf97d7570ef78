package app

import (
	"context"

	"rapport/model"
)

// maxCachedPages bounds how many pages a list keeps in memory; pages far from
// what is on screen are dropped and fetched again when scrolled back to.
const maxCachedPages = 40

// pageSource is how a pager reads a list from the store: how many items the
// filter selects, and one page of them.
type pageSource[T, F any] struct {
	count func(ctx context.Context, st Store, f F) (int, error)
	page  func(ctx context.Context, st Store, f F, offset, limit int) ([]T, error)
	id    func(T) int64
}

// pager feeds a virtual list with items fetched page by page from the store.
// Every method runs on Fyne's goroutine; only the store calls run in the
// background, and their results are applied back on Fyne's goroutine.
type pager[T, F any] struct {
	u        *UI
	src      pageSource[T, F]
	filter   F // what the list shows; the page's offset and limit are set per page
	pageSize int

	gen     int // bumped on every load; only the latest load's result is applied
	dataGen int // the load the pages in memory came from; older page fetches are dropped
	loaded  bool
	count   int
	pages   map[int][]T
	loading map[int]bool

	// changed runs after a page or the count arrives, so the list can refresh.
	changed func()
}

func newPager[T, F any](u *UI, src pageSource[T, F], filter F, changed func()) *pager[T, F] {
	return &pager[T, F]{
		u:        u,
		src:      src,
		filter:   filter,
		pageSize: model.DefaultPageSize,
		pages:    map[int][]T{},
		loading:  map[int]bool{},
		changed:  changed,
	}
}

// memberPager feeds a list of living or trashed members, sorted by name.
type memberPager = pager[model.Member, model.MemberFilter]

var memberSource = pageSource[model.Member, model.MemberFilter]{
	count: func(ctx context.Context, st Store, f model.MemberFilter) (int, error) {
		return st.CountMembers(ctx, f)
	},
	page: func(ctx context.Context, st Store, f model.MemberFilter, offset, limit int) ([]model.Member, error) {
		f.Offset, f.Limit = offset, limit
		return st.Members(ctx, f)
	},
	id: func(m model.Member) int64 { return m.ID },
}

func newMemberPager(u *UI, trashed bool, changed func()) *memberPager {
	return newPager(u, memberSource, model.MemberFilter{Trashed: trashed}, changed)
}

// length is how many items the list holds; zero until the first count arrives.
func (p *pager[T, F]) length() int { return p.count }

// item returns the item at index i when its page is in memory; otherwise it asks
// for the page and reports false, and changed runs once the page is there.
func (p *pager[T, F]) item(i int) (T, bool) {
	var zero T
	if i < 0 || i >= p.count {
		return zero, false
	}
	page, off := i/p.pageSize, i%p.pageSize
	if items, ok := p.pages[page]; ok {
		if off < len(items) {
			return items[off], true
		}
		return zero, false
	}
	p.fetch(page)
	return zero, false
}

// indexOf returns where the item with id sits among the pages in memory, or -1.
func (p *pager[T, F]) indexOf(id int64) int {
	for page, items := range p.pages {
		for off, it := range items {
			if p.src.id(it) == id {
				return page*p.pageSize + off
			}
		}
	}
	return -1
}

func (p *pager[T, F]) fetch(page int) {
	if p.loading[page] {
		return
	}
	p.loading[page] = true
	gen, f, size := p.dataGen, p.filter, p.pageSize
	p.u.background(func(ctx context.Context, st Store) func() {
		items, err := p.src.page(ctx, st, f, page*size, size)
		return func() {
			if gen != p.dataGen {
				return
			}
			delete(p.loading, page)
			if err != nil {
				p.u.showError(err)
				return
			}
			p.pages[page] = items
			p.evict(page)
			p.changed()
		}
	})
}

// evict drops the pages farthest from the one just fetched once too many are held.
func (p *pager[T, F]) evict(near int) {
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

// setFilter starts over with another filter. What the list shows stays until
// the new count and first page arrive, so typing does not make it flicker.
func (p *pager[T, F]) setFilter(f F, then func()) {
	p.load(f, []int{0}, then)
}

// reload fetches the count and the pages in memory again, after the record changed.
func (p *pager[T, F]) reload(then func()) {
	pages := make([]int, 0, len(p.pages)+1)
	for page := range p.pages {
		pages = append(pages, page)
	}
	if len(pages) == 0 {
		pages = append(pages, 0)
	}
	p.load(p.filter, pages, then)
}

func (p *pager[T, F]) load(f F, pages []int, then func()) {
	p.gen++
	gen := p.gen
	size := p.pageSize
	src := p.src
	p.u.background(func(ctx context.Context, st Store) func() {
		count, err := src.count(ctx, st, f)
		got := map[int][]T{}
		for _, page := range pages {
			if err != nil || page*size >= count {
				break
			}
			var items []T
			items, err = src.page(ctx, st, f, page*size, size)
			got[page] = items
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
