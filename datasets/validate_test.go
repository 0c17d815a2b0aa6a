package datasets

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// A tiny valid dataset, written by hand.
var validTables = map[string]string{
	"organisations.csv": `org_code,name,org_type,region,population,employees
E06000001,Hartlepool,unitary,North East,93836,1030
E07000223,Adur,district,South East,64187,220
`,
	"devices.csv": `org_code,year,employees,corporate_laptops,corporate_desktops,corporate_smartphones,corporate_tablets,byod_enrolled,byod_solution,device_spend_gbp
E06000001,2013,1030,400,300,250,40,150,container,150000.5
E07000223,2013,220,90,70,60,10,0,none,30000
`,
	"network.csv": `org_code,year,sites,network_spend_gbp,procurement,psn_status,byod_restricted,compliance_spend_gbp
E06000001,2013,25,125000,standalone,compliant,true,40000
E07000223,2013,6,30000,regional_framework,pending,0,5000
`,
	"survey_responses.csv": `org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight
E06000001,2013,1,frontline,true,5,4,,1
E06000001,2013,2,office,false,3,,6,1.5
E07000223,2013,1,ict,1,7,7,7,0.8
`,
}

func dataset(overrides map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, text := range validTables {
		fs[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range overrides {
		if text == "" {
			delete(fs, name)
			continue
		}
		fs[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fs
}

func validateFS(t *testing.T, fsys fstest.MapFS) (Summary, error) {
	t.Helper()
	d, err := Open(fsys, "test", 50)
	if err != nil {
		return Summary{}, err
	}
	return Validate(context.Background(), d, SurveyScan{Workers: 2, MaxErrors: 50})
}

func TestValidDataset(t *testing.T) {
	s, err := validateFS(t, dataset(nil))
	if err != nil {
		t.Fatal(err)
	}
	// Counted by hand from validTables.
	if s.Rows[TableSurvey] != 3 || s.Rows[TableOrganisations] != 2 || s.SurveyOrgYears != 2 || s.RestrictedOrgYears != 1 {
		t.Errorf("summary = %+v", s)
	}
	if len(s.Years) != 1 || s.Years[0] != 2013 {
		t.Errorf("years = %v, want [2013]", s.Years)
	}
}

// Each planted error must be reported with its file, row, column and value.
func TestPlantedErrors(t *testing.T) {
	tests := []struct {
		Name     string
		File     string
		Text     string
		Want     []string // substrings that must all appear in one reported error, per error
		Sentinel error
	}{
		{"score out of range", "survey_responses.csv", validTables["survey_responses.csv"] + "E06000001,2013,3,office,false,9,,,1\n",
			[]string{"survey_responses.csv: row 5, column overall_satisfaction: value \"9\": an integer from 1 to 7"}, ErrInvalidValue},
		{"unknown org", "survey_responses.csv", validTables["survey_responses.csv"] + "E99999999,2013,3,office,false,4,,,1\n",
			[]string{"row 5, column org_code: value \"E99999999\": an org_code present in organisations"}, ErrUnknownCode},
		{"duplicate respondent", "survey_responses.csv", validTables["survey_responses.csv"] + "E06000001,2013,2,office,false,4,,,1\n",
			[]string{"row 5, column respondent_id: value \"2\"", "unique within (org_code E06000001, year 2013)"}, ErrDuplicateKey},
		{"bad weight and staff group", "survey_responses.csv", validTables["survey_responses.csv"] + "E06000001,2013,3,chef,false,4,,,0\n",
			[]string{"row 5, column staff_group: value \"chef\"", "row 5, column weight: value \"0\": a finite number > 0"}, ErrInvalidValue},
		{"bad year", "network.csv", validTables["network.csv"] + "E06000001,1999,25,125000,standalone,compliant,false,0\n",
			[]string{"network.csv: row 4, column year: value \"1999\": an integer from 2000 to 2100"}, ErrInvalidValue},
		{"duplicate org-year", "devices.csv", validTables["devices.csv"] + "E06000001,2013,1030,400,300,250,40,150,container,1\n",
			[]string{"devices.csv: row 4, column org_code, year", "also on row 2"}, ErrDuplicateKey},
		{"enrolled above employees", "devices.csv", strings.Replace(validTables["devices.csv"], "1030,400,300,250,40,150", "1030,400,300,250,40,2000", 1),
			[]string{"devices.csv: row 2, column byod_enrolled: value \"2000\": byod_enrolled ≤ employees (1030)"}, ErrInvalidValue},
		{"bad org type", "organisations.csv", strings.Replace(validTables["organisations.csv"], "district", "parish", 1),
			[]string{"organisations.csv: row 3, column org_type: value \"parish\": one of county"}, ErrInvalidValue},
		{"bad boolean", "network.csv", strings.Replace(validTables["network.csv"], "true", "yes", 1),
			[]string{"network.csv: row 2, column byod_restricted: value \"yes\": true or false"}, ErrInvalidValue},
		{"missing column", "network.csv", strings.Replace(validTables["network.csv"], "psn_status", "psn", 1),
			[]string{"network.csv: row 1, column psn_status", "missing required column(s) psn_status"}, ErrMissingColumn},
		{"ragged row", "survey_responses.csv", validTables["survey_responses.csv"] + "E06000001,2013,3\n",
			[]string{"survey_responses.csv: row 5", "9 fields as in the header, found 3"}, ErrMalformed},
		{"bad quoting", "survey_responses.csv", validTables["survey_responses.csv"] + "E06000001,2013,3,\"office,false,4,,,1\n",
			[]string{"survey_responses.csv: row 5", "never closes"}, ErrMalformed},
		{"not UTF-8", "organisations.csv", strings.Replace(validTables["organisations.csv"], "Adur", "Ad\xffur", 1),
			[]string{"organisations.csv: row 3, column name", "UTF-8 text"}, ErrMalformed},
		{"empty file", "devices.csv", "\n", []string{"devices.csv: empty file"}, ErrNoRows},
		{"header only", "survey_responses.csv", strings.SplitAfter(validTables["survey_responses.csv"], "\n")[0],
			[]string{"survey_responses.csv", "no rows"}, ErrNoRows},
		{"missing table", "network.csv", "", []string{"table network is missing"}, ErrMissingTable},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			_, err := validateFS(t, dataset(map[string]string{tt.File: tt.Text}))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("got %v, want a *ValidationError", err)
			}
			if !errors.Is(err, tt.Sentinel) {
				t.Errorf("errors.Is(err, %v) is false: %v", tt.Sentinel, err)
			}
			msg := err.Error()
			for _, w := range tt.Want {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not mention %q:\n%s", w, msg)
				}
			}
		})
	}
}

// Every bad row is reported, up to the limit, in file order.
func TestManyErrorsUpToLimit(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(validTables["survey_responses.csv"])
	for i := 0; i < 80; i++ {
		sb.WriteString("E06000001,2013,100,office,false,0,,,1\n")
	}
	d, err := Open(dataset(map[string]string{"survey_responses.csv": sb.String()}), "test", 10)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate(context.Background(), d, SurveyScan{MaxErrors: 10})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.List) != 10 || !ve.Truncated {
		t.Fatalf("got %v, want 10 errors and truncated", err)
	}
	for i, fe := range ve.List {
		if fe.Loc.Row != int64(5+i) {
			t.Errorf("error %d on row %d, want %d", i, fe.Loc.Row, 5+i)
		}
	}
}

func TestCSVExtrasAndOrder(t *testing.T) {
	// Columns in another order, an extra column, CRLF endings and a byte-order mark are all fine.
	orgs := "\xef\xbb\xbfemployees,org_code,note,name,org_type,region,population\r\n1030,E06000001,x,Hartlepool,unitary,North East,93836\r\n220,E07000223,,Adur,district,South East,64187\r\n"
	s, err := validateFS(t, dataset(map[string]string{"organisations.csv": orgs}))
	if err != nil {
		t.Fatal(err)
	}
	if s.Organisations != 2 {
		t.Errorf("organisations = %d, want 2", s.Organisations)
	}
}
