package main

/*
#cgo LDFLAGS: -lX11 -lXdamage
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>

// A window that goes away between two calls is no reason to exit, which is
// what Xlib's default handler does.
static int ignore_errors(Display *d, XErrorEvent *e) { return 0; }

static int damage_event_base;

// open_display opens the display, checks that it has the DAMAGE extension,
// and asks for the root window's events, among them every top-level window
// being mapped.
static Display *open_display(const char *name) {
	XSetErrorHandler(ignore_errors);
	Display *d = XOpenDisplay(name);
	if (d == NULL) return NULL;
	int error_base;
	if (!XDamageQueryExtension(d, &damage_event_base, &error_base)) {
		XCloseDisplay(d);
		return NULL;
	}
	XSelectInput(d, DefaultRootWindow(d), SubstructureNotifyMask);
	XFlush(d);
	return d;
}

// forget_events drops the events of earlier windows.
static void forget_events(Display *d) { XSync(d, True); }

// Kinds of event next_event returns.
enum { EVENT_NONE, EVENT_MAPPED, EVENT_DAMAGED };

// next_event waits up to timeout_ms for a top-level window to be mapped
// (setting *mapped) or a watched window to be drawn into.
static int next_event(Display *d, int timeout_ms, Window *mapped) {
	if (XPending(d) == 0) {
		struct pollfd p = { ConnectionNumber(d), POLLIN, 0 };
		if (poll(&p, 1, timeout_ms) <= 0) return EVENT_NONE;
	}
	while (XPending(d) > 0) {
		XEvent e;
		XNextEvent(d, &e);
		if (e.type == MapNotify) {
			*mapped = e.xmap.window;
			return EVENT_MAPPED;
		}
		if (e.type == damage_event_base + XDamageNotify) return EVENT_DAMAGED;
	}
	return EVENT_NONE;
}

// watch_drawing reports drawing into w as events; the damage it returns
// is given to drawn after each such event, and to stop_watching.
static Damage watch_drawing(Display *d, Window w) {
	Damage dmg = XDamageCreate(d, w, XDamageReportNonEmpty);
	XFlush(d);
	return dmg;
}

// drawn takes note of the drawing reported so far, so that the next drawing
// is reported again.
static void drawn(Display *d, Damage dmg) { XDamageSubtract(d, dmg, None, None); }

static void stop_watching(Display *d, Damage dmg) { XDamageDestroy(d, dmg); XSync(d, False); }

// window_pid is the process that owns w (_NET_WM_PID, which GLFW sets), or 0.
static unsigned long window_pid(Display *d, Window w) {
	Atom pid_atom = XInternAtom(d, "_NET_WM_PID", True);
	if (pid_atom == None) return 0;
	Atom type; int format; unsigned long items, after, pid = 0; unsigned char *prop = NULL;
	if (XGetWindowProperty(d, w, pid_atom, 0, 1, False, XA_CARDINAL,
			&type, &format, &items, &after, &prop) == Success && prop != NULL) {
		// Format 32 properties come back as longs.
		if (items == 1) pid = *(unsigned long *)prop;
		XFree(prop);
	}
	return pid;
}

// find_window returns the viewable top-level window of process pid
// (_NET_WM_PID, which GLFW sets), or 0.
static Window find_window(Display *d, unsigned long pid) {
	Window root = DefaultRootWindow(d), r, p, *kids = NULL, found = 0;
	unsigned int n = 0;
	if (!XQueryTree(d, root, &r, &p, &kids, &n)) return 0;
	for (unsigned int i = 0; i < n && !found; i++) {
		XWindowAttributes a;
		if (!XGetWindowAttributes(d, kids[i], &a) || a.map_state != IsViewable) continue;
		if (window_pid(d, kids[i]) == pid) found = kids[i];
	}
	if (kids) XFree(kids);
	return found;
}

// colours reads the window's pixels and counts their distinct values, up to
// max (at most 64); -1 when the window cannot be read.
static int colours(Display *d, Window w, int max) {
	XWindowAttributes a;
	if (max > 64) max = 64;
	if (!XGetWindowAttributes(d, w, &a) || a.width <= 0 || a.height <= 0) return -1;
	XImage *img = XGetImage(d, w, 0, 0, a.width, a.height, AllPlanes, ZPixmap);
	if (img == NULL) return -1;
	unsigned long seen[64];
	int n = 0;
	for (int y = 0; y < a.height && n < max; y++) {
		for (int x = 0; x < a.width && n < max; x++) {
			unsigned long px = img->bits_per_pixel == 32
				? ((uint32_t *)(img->data + y * img->bytes_per_line))[x] & 0xffffff
				: XGetPixel(img, x, y);
			int k = 0;
			while (k < n && seen[k] != px) k++;
			if (k == n) seen[n++] = px;
		}
	}
	XDestroyImage(img);
	return n;
}
*/
import "C"

import (
	"errors"
	"time"
	"unsafe"
)

// display is a connection to an X server, to watch a program's window.
type display struct{ d *C.Display }

// openDisplay connects to the X server name, which must have the DAMAGE
// extension (Xvfb has it), and listens for top-level windows being mapped.
func openDisplay(name string) (*display, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	d := C.open_display(cname)
	if d == nil {
		return nil, errors.New("cannot open display " + name + " with the DAMAGE extension")
	}
	return &display{d: d}, nil
}

// Events next waits for (or none, when it times out).
const (
	eventMapped  = C.EVENT_MAPPED  // a top-level window was mapped
	eventDamaged = C.EVENT_DAMAGED // a watched window was drawn into
)

// forgetEvents drops the events of windows before.
func (x *display) forgetEvents() { C.forget_events(x.d) }

// next waits up to timeout for an event: a top-level window mapped (which
// it returns) or a window watched with watchDrawing drawn into. The X
// server sends both, so waiting costs no CPU.
func (x *display) next(timeout time.Duration) (event int, mapped uint64) {
	var w C.Window
	ev := C.next_event(x.d, C.int(timeout.Milliseconds()), &w)
	return int(ev), uint64(w)
}

// pid is the process that owns window w, or 0 when it does not say.
func (x *display) pid(w uint64) int { return int(C.window_pid(x.d, C.Window(w))) }

// damage watches a window's drawing (the DAMAGE extension).
type damage C.Damage

// watchDrawing has next report each drawing into w, until stopWatching.
func (x *display) watchDrawing(w uint64) damage { return damage(C.watch_drawing(x.d, C.Window(w))) }

// drawn notes the drawing reported so far, so that the next is reported.
func (x *display) drawn(d damage) { C.drawn(x.d, C.Damage(d)) }

func (x *display) stopWatching(d damage) { C.stop_watching(x.d, C.Damage(d)) }

func (x *display) close() { C.XCloseDisplay(x.d) }

// window is the viewable window of process pid, or 0 while it has none.
func (x *display) window(pid int) uint64 {
	return uint64(C.find_window(x.d, C.ulong(pid)))
}

// colours counts the distinct colours the window shows, up to max; -1 when
// it cannot be read.
func (x *display) colours(w uint64, max int) int {
	return int(C.colours(x.d, C.Window(w), C.int(max)))
}
