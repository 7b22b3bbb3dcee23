// Package ui is the bubbletea dashboard of starflag: the ranking, stars,
// flags, seats and year screens, entry and setup. It imports model and the
// charm libraries, and reaches the database only through a small interface
// it declares itself. (The screens arrive with the dashboard issue.)
package ui
