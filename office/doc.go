// Package office is what the secretariat does with the database: import a
// score file, export a document (for the command line and the dashboard's x
// alike) and give the dashboard its data. It joins store, model, exchange and
// ui, so that main only parses the command line and dispatches, and store and
// ui never import each other.
package office
