// Package ui is the bubbletea dashboard of starflag: the ranking, stars,
// flags, seats and year pages, presentation, entry, setup and the quarter
// picker. It imports model and the charm libraries, and reaches the
// database only through the Data interface it declares. README.md in this
// folder gives its shape and conventions.
package ui
