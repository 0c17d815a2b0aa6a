// Package sector models questions no single council can answer: how many councils miss a compliance deadline when certifications queue for review, and whether a crowd-funded advisory group can pay its staff.
package sector
