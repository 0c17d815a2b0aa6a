// Package effect estimates what BYOD restrictions did to staff satisfaction with ICT: a two-way
// fixed-effects difference-in-differences with organisation-clustered errors, a cluster bootstrap, an
// event study and per-year comparisons.
package effect
