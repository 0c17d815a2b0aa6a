// Package datasets owns data at rest: the tables of the data contract, their readers for CSV and
// Parquet with located validation errors and the embedded default dataset. Result files are written
// by package resultfile.
//
// A dataset is a folder (any fs.FS) holding four tables, organisations, survey_responses, devices
// and network, each as NAME.parquet or NAME.csv; when both exist the Parquet file wins. The small
// tables are read whole; survey responses are streamed in batches of bounded size so that memory
// does not grow with the file.
//
// CSV files are tokenised by this package rather than by arrow's CSV reader: arrow's reader stops
// at the first bad value without saying where it was, and reads on one core. Ours splits the file
// into blocks at line boundaries, parses them on every core into the contract's typed columns, and
// reports every error (up to a limit) with file, row, column, value and what was expected. Parquet
// is read through arrow's pqarrow.
package datasets
