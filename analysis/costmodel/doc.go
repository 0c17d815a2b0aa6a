// Package costmodel appraises a council's options under uncertainty the Green Book way: scenario
// files, discounted cash flows, Monte Carlo, sensitivity and switching values.
package costmodel
