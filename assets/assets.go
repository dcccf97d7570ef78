// Package assets holds the resources embedded in the Rapport binary: the icon,
// drawn by hand in icon.svg and rendered to icon.png at 512×512 with
//
//	rsvg-convert -w 512 -h 512 icon.svg -o icon.png
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is Rapport's application icon: two speech bubbles in conversation.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
