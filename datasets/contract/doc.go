// Package contract is the data contract as Go types, and reads nothing: the table names, one row type
// per small table (Organisation, DeviceYear, NetworkYear), the survey's typed batch (SurveyBatch), how
// to ask for a survey scan (SurveyScan) and the summary of a valid dataset (Summary).
//
// Package datasets reads files into these types and validates them; the analysis packages and
// reports compute from them without importing the readers. The column rules, Arrow schemas and
// allowed codes stay with the readers in datasets, which check them.
package contract
