// Package study makes, in one pass over a dataset, everything a researcher publishes: KPIs, nearest
// neighbours, positions, funnels, the restriction effect and the validation summary.
package study
