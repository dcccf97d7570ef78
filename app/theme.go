package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Accent colours, taken from the icon: a deep teal on light backgrounds and a
// lighter one that keeps its contrast on dark backgrounds.
var (
	accentLight = color.NRGBA{R: 0x2a, G: 0x7f, B: 0x6f, A: 0xff} // #2A7F6F
	accentDark  = color.NRGBA{R: 0x4f, G: 0xb3, B: 0xa0, A: 0xff} // #4FB3A0
)

// rapportTheme is Fyne's default theme with Rapport's accent colour. It follows the
// light or dark variant the system asks for.
type rapportTheme struct{ fyne.Theme }

// NewTheme returns Rapport's theme: Fyne's default look with a teal accent,
// following the system's light or dark variant.
func NewTheme() fyne.Theme {
	return rapportTheme{Theme: theme.DefaultTheme()}
}

func (t rapportTheme) Color(name fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	accent := accentLight
	if v == theme.VariantDark {
		accent = accentDark
	}
	withAlpha := func(a uint8) color.Color {
		c := accent
		c.A = a
		return c
	}
	switch name {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return accent
	case theme.ColorNameFocus:
		return withAlpha(0x7f)
	case theme.ColorNameSelection:
		return withAlpha(0x40)
	case theme.ColorNameForegroundOnPrimary:
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x0c, G: 0x1f, B: 0x1b, A: 0xff}
		}
		return color.White
	}
	return t.Theme.Color(name, v)
}
