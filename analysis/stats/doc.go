// Package stats holds the few statistics that gonum lacks and that more than one analysis package
// needs: one place for each, checked against published reference values.
package stats
