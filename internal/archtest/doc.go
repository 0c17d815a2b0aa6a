// Package archtest holds the module to ARCHITECTURE.md's table "Who may import whom": its test reads
// the table and the imports of every package (with go/build, as the compiler would see them, test
// files aside), and fails when a package imports a module package its row does not name, or when a
// package has no row. It has no code of its own.
package archtest
