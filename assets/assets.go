// Package assets holds the resources embedded in the Rapport binary: the icon,
// drawn by hand in icon.svg and rendered with
//
//	rsvg-convert -w 128 -h 128 icon.svg -o icon-128.png
//	rsvg-convert -w 512 -h 512 icon.svg -o icon.png
//
// icon.png, at 512×512, is the packages' icon (FyneApp.toml), from which
// launchers take the sizes they show.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon-128.png
var iconPNG []byte

// Icon is Rapport's application icon, two speech bubbles in conversation, at
// 128×128: the window's icon and the welcome's (64 points). A window's icon
// goes to the X server pixel by pixel when the window is made, and window
// managers show it at 16 to 64 pixels; at 512×512 it cost the first frame
// about 7 ms.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
