// Package benchmark computes per-organisation-per-year KPIs from streamed survey batches and the device and network tables, peer groups, nearest neighbours, positions and funnel-plot limits.
package benchmark
