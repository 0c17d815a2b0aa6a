// Package reports turns analysis results into charts and documents: tables, JSON, HTML, Markdown and spreadsheets.
package reports
