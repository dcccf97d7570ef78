package main

/*
#cgo LDFLAGS: -lX11
#include <stdint.h>
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>

// A window that goes away between two calls is no reason to exit, which is
// what Xlib's default handler does.
static int ignore_errors(Display *d, XErrorEvent *e) { return 0; }

static Display *open_display(const char *name) {
	XSetErrorHandler(ignore_errors);
	return XOpenDisplay(name);
}

// find_window returns the viewable top-level window of process pid
// (_NET_WM_PID, which GLFW sets), or 0.
static Window find_window(Display *d, unsigned long pid) {
	Atom pid_atom = XInternAtom(d, "_NET_WM_PID", True);
	if (pid_atom == None) return 0;
	Window root = DefaultRootWindow(d), r, p, *kids = NULL, found = 0;
	unsigned int n = 0;
	if (!XQueryTree(d, root, &r, &p, &kids, &n)) return 0;
	for (unsigned int i = 0; i < n && !found; i++) {
		XWindowAttributes a;
		if (!XGetWindowAttributes(d, kids[i], &a) || a.map_state != IsViewable) continue;
		Atom type; int format; unsigned long items, after; unsigned char *prop = NULL;
		if (XGetWindowProperty(d, kids[i], pid_atom, 0, 1, False, XA_CARDINAL,
				&type, &format, &items, &after, &prop) == Success && prop != NULL) {
			// Format 32 properties come back as longs.
			if (items == 1 && *(unsigned long *)prop == pid) found = kids[i];
			XFree(prop);
		}
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
	"unsafe"
)

// display is a connection to an X server, to watch a program's window.
type display struct{ d *C.Display }

func openDisplay(name string) (*display, error) {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	d := C.open_display(cname)
	if d == nil {
		return nil, errors.New("cannot open display " + name)
	}
	return &display{d: d}, nil
}

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
