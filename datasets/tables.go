package datasets

import (
	"fmt"
	"io/fs"
	"math"
	"strings"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// readOrganisations reads and validates the organisations table.
func readOrganisations(fsys fs.FS, tf TableFile, errs *errorList) ([]Organisation, error) {
	var orgs []Organisation
	first := map[string]int64{}
	_, err := readSmallTable(fsys, tf, organisationColumns, organisationOptionalColumns, errs, func(loc Location, cells []cell) {
		cols := append(organisationColumns[:len(organisationColumns):len(organisationColumns)], organisationOptionalColumns...)
		r := rowReader{loc: loc, cells: cells, cols: cols, errs: errs, ok: true}
		o := Organisation{
			Code:       r.text(0),
			Name:       r.text(1),
			Type:       r.enum(2, orgTypes),
			Region:     r.text(3),
			Population: r.count(4),
			Employees:  r.count(5),
		}
		o.AreaKm2, o.HasArea = r.amount(6)
		if !cells[7].null {
			v, ok := parseFloat([]byte(cells[7].s))
			if !ok {
				r.fail(7, cells[7].s, "a finite number", ErrInvalidValue)
			}
			o.DeprivationScore, o.HasDeprivation = v, ok
		}
		if !cells[8].null {
			o.Nation = strings.TrimSpace(cells[8].s)
		}
		if o.OlderShare, o.HasOlderShare = r.amount(9); o.HasOlderShare && o.OlderShare > 1 {
			r.fail(9, cells[9].s, "a share between 0 and 1", ErrInvalidValue)
			o.HasOlderShare = false
		}
		if o.Code != "" {
			if row, dup := first[o.Code]; dup {
				r.ok = false
				errs.Add(&FieldError{Loc: loc, Column: "org_code", Value: o.Code,
					Expected: fmt.Sprintf("a unique org_code; it is also on row %d", row), Err: ErrDuplicateKey})
			} else {
				first[o.Code] = loc.Row
			}
		}
		if r.ok {
			orgs = append(orgs, o)
		}
	})
	return orgs, err
}

// readDevices reads and validates the devices table.
func readDevices(fsys fs.FS, tf TableFile, index map[string]int32, errs *errorList) ([]contract.DeviceYear, error) {
	var rows []contract.DeviceYear
	var keys orgYearKeys
	_, err := readSmallTable(fsys, tf, DeviceColumns, nil, errs, func(loc Location, cells []cell) {
		r := rowReader{loc: loc, cells: cells, cols: DeviceColumns, errs: errs, ok: true}
		d := contract.DeviceYear{
			Org:                  r.orgCode(0, index),
			Year:                 r.year(1),
			Employees:            r.count(2),
			CorporateLaptops:     r.count(3),
			CorporateDesktops:    r.count(4),
			CorporateSmartphones: r.count(5),
			CorporateTablets:     r.count(6),
			BYODEnrolled:         r.count(7),
			BYODSolution:         r.enum(8, byodSolutions),
		}
		d.DeviceSpendGBP, _ = r.amount(9)
		if r.ok && d.BYODEnrolled > d.Employees {
			r.fail(7, cells[7].s, fmt.Sprintf("byod_enrolled ≤ employees (%d)", d.Employees), ErrInvalidValue)
		}
		keys.check(&r, d.Org, d.Year, 0, 1)
		if r.ok {
			rows = append(rows, d)
		}
	})
	return rows, err
}

// readNetwork reads and validates the network table.
func readNetwork(fsys fs.FS, tf TableFile, index map[string]int32, errs *errorList) ([]contract.NetworkYear, error) {
	var rows []contract.NetworkYear
	var keys orgYearKeys
	_, err := readSmallTable(fsys, tf, NetworkColumns, nil, errs, func(loc Location, cells []cell) {
		r := rowReader{loc: loc, cells: cells, cols: NetworkColumns, errs: errs, ok: true}
		n := contract.NetworkYear{
			Org:            r.orgCode(0, index),
			Year:           r.year(1),
			Sites:          r.count(2),
			Procurement:    r.enum(4, procurements),
			PSNStatus:      r.enum(5, psnStatuses),
			BYODRestricted: r.boolean(6),
		}
		n.NetworkSpendGBP, _ = r.amount(3)
		n.ComplianceSpendGBP, _ = r.amount(7)
		keys.check(&r, n.Org, n.Year, 0, 1)
		if r.ok {
			rows = append(rows, n)
		}
	})
	return rows, err
}

// orgIndex maps org codes to their positions.
func orgIndex(orgs []Organisation) map[string]int32 {
	m := make(map[string]int32, len(orgs))
	for i, o := range orgs {
		if i > math.MaxInt32 {
			break
		}
		m[o.Code] = int32(i)
	}
	return m
}
