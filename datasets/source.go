package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/psnbyod/psnbyod/datasets/resultfile"
)

// Format is how a table is stored.
type Format = resultfile.Format

// Table formats.
const (
	FormatCSV     = resultfile.FormatCSV
	FormatParquet = resultfile.FormatParquet
)

// TableFile is where a table lives in a dataset folder.
type TableFile struct {
	Table  string
	Path   string // the file's name within the folder, as errors show it
	Format Format
	Size   int64
}

// findTable picks NAME.parquet, else NAME.csv, in fsys.
func findTable(fsys fs.FS, table string) (TableFile, error) {
	for _, f := range []Format{FormatParquet, FormatCSV} {
		path := table + "." + string(f)
		st, err := fs.Stat(fsys, path)
		if err == nil {
			if st.IsDir() {
				return TableFile{}, &FieldError{Loc: Location{File: path, RowGroup: -1}, Expected: "a file, found a folder", Err: ErrMissingTable}
			}
			return TableFile{Table: table, Path: path, Format: f, Size: st.Size()}, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return TableFile{}, fmt.Errorf("looking for %s: %w", path, err)
		}
	}
	return TableFile{}, &FieldError{
		Loc:      Location{File: table + ".csv", RowGroup: -1},
		Expected: fmt.Sprintf("table %s is missing: expected %s.parquet or %s.csv in the dataset folder", table, table, table),
		Err:      ErrMissingTable,
	}
}

// readerAtSeeker is what the Parquet reader needs from a file.
type readerAtSeeker interface {
	io.Reader
	io.ReaderAt
	io.Seeker
}

// openRandomAccess opens a file for the Parquet reader. Files of os.DirFS and embed.FS allow random
// access already; anything else is read into memory.
func openRandomAccess(fsys fs.FS, path string) (readerAtSeeker, io.Closer, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if ras, ok := f.(readerAtSeeker); ok {
		return ras, f, nil
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, nil, err
	}
	return bytes.NewReader(data), io.NopCloser(nil), nil
}
