// Package resultfile writes psnbyod's results: every file appears under its name only when it is
// complete (WriteFileAtomic), as indented JSON (WriteJSON), as CSV whose text cells a spreadsheet
// will not run as formulas (WriteCSV, SafeCell), or as Snappy-compressed Parquet streamed from
// Arrow record batches (ParquetWriter). Table and TableColumn hold a small result table in memory
// with the column kinds (Kind) that the data contract's tables use too, and WriteTable writes one
// as CSV or Parquet (Format).
//
// It reads nothing: the readers of datasets are in package datasets, which the documents in
// package reports do not need. Importing this package makes arrow's default allocator one that
// grows buffers by doubling (see allocator.go), which the Parquet encoders need to write nullable
// columns in linear time.
package resultfile
