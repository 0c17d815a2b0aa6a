package datasets

import (
	"io/fs"
	"sort"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// Dataset is an opened dataset folder: the small tables read and validated, and the survey table
// ready to stream.
type Dataset struct {
	FS       fs.FS
	Name     string // how to name the folder to a user
	Files    map[string]TableFile
	Orgs     []Organisation
	OrgIndex map[string]int32
	Devices  []contract.DeviceYear
	Network  []contract.NetworkYear
	// Synthetic is true for the embedded default dataset, whose survey, devices and network tables
	// are made up: every output made from it must say so.
	Synthetic bool

	surveyRowGroupEnds []int64
}

// Open finds the four tables in fsys and reads and validates the small ones. Problems with the data
// are returned together as one *ValidationError listing at most maxErrors of them (0 or less
// means DefaultMaxErrors); other failures (a file that cannot be opened) are returned as they are.
func Open(fsys fs.FS, name string, maxErrors int) (*Dataset, error) {
	errs := &errorList{Limit: maxErrors}
	d := &Dataset{FS: fsys, Name: name, Files: map[string]TableFile{}}
	for _, t := range contract.Tables {
		tf, err := findTable(fsys, t)
		if err != nil {
			var fe *FieldError
			if ok := asFieldError(err, &fe); ok {
				errs.Add(fe)
				continue
			}
			return nil, err
		}
		d.Files[t] = tf
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var err error
	if d.Orgs, err = readOrganisations(fsys, d.Files[TableOrganisations], errs); err != nil {
		return nil, err
	}
	d.OrgIndex = orgIndex(d.Orgs)
	if d.Devices, err = readDevices(fsys, d.Files[TableDevices], d.OrgIndex, errs); err != nil {
		return nil, err
	}
	if d.Network, err = readNetwork(fsys, d.Files[TableNetwork], d.OrgIndex, errs); err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

func asFieldError(err error, target **FieldError) bool {
	fe, ok := err.(*FieldError)
	if ok {
		*target = fe
	}
	return ok
}

// SmallTables returns the organisations, devices and network tables as read.
func (d *Dataset) SmallTables() contract.SmallTables {
	return contract.SmallTables{Orgs: d.Orgs, Devices: d.Devices, Network: d.Network}
}

// surveyRowGroup finds the row group of a survey row (from 1) when the table is Parquet.
func (d *Dataset) surveyRowGroup(row int64) int {
	if len(d.surveyRowGroupEnds) == 0 {
		return 0
	}
	return rowGroupOf(d.surveyRowGroupEnds, row)
}

// Summarise builds the summary of a dataset whose survey table has been scanned: surveyRows is the
// number of responses and surveyOrgYears the distinct (org, year) pairs among them.
func (d *Dataset) Summarise(surveyRows int64, surveyOrgYears int, surveyYears []int32) Summary {
	s := Summary{
		Dataset:             d.Name,
		Synthetic:           d.Synthetic,
		Files:               map[string]string{},
		Rows:                map[string]int64{TableOrganisations: int64(len(d.Orgs)), TableDevices: int64(len(d.Devices)), TableNetwork: int64(len(d.Network)), TableSurvey: surveyRows},
		Organisations:       len(d.Orgs),
		OrganisationsByType: map[string]int{},
		SurveyOrgYears:      surveyOrgYears,
	}
	if d.Synthetic {
		s.Note = contract.SyntheticNote
	}
	for t, tf := range d.Files {
		s.Files[t] = tf.Path
	}
	for _, o := range d.Orgs {
		s.OrganisationsByType[o.Type]++
	}
	years := map[int32]bool{}
	for _, y := range surveyYears {
		years[y] = true
	}
	for _, r := range d.Devices {
		years[r.Year] = true
	}
	for _, r := range d.Network {
		years[r.Year] = true
		if r.BYODRestricted {
			s.RestrictedOrgYears++
		}
	}
	for y := range years {
		s.Years = append(s.Years, y)
	}
	sort.Slice(s.Years, func(i, j int) bool { return s.Years[i] < s.Years[j] })
	return s
}

// ReadOrganisations reads and validates only the organisations table of a folder. Problems with the
// data are returned as one *ValidationError listing at most maxErrors of them (0 or less
// means DefaultMaxErrors).
func ReadOrganisations(fsys fs.FS, maxErrors int) ([]Organisation, error) {
	errs := &errorList{Limit: maxErrors}
	tf, err := findTable(fsys, TableOrganisations)
	if err != nil {
		return nil, err
	}
	orgs, err := readOrganisations(fsys, tf, errs)
	if err != nil {
		return nil, err
	}
	return orgs, errs.Err()
}
