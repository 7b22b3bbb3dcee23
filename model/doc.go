// Package model is the domain of starflag: units, quarters, sections, exact
// scores and every rule of the 摘星夺旗 assessment (ranking, stars, flags,
// warnings, seat order, seating chart, annual view), plus the pure file
// formats (CSV import and export) built on them.
//
// It imports only the standard library and does no I/O: the store loads and
// saves, the command line and the dashboard display, and all of them call the
// same functions here, so every rule is a table test without a database.
// docs/rules.md states every rule with its defaults.
package model
