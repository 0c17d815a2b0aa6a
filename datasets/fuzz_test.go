package datasets

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"testing"
)

// FuzzTokenizerMatchesEncodingCSV checks our tokeniser against the standard library's reader on
// any input the latter accepts (without carriage returns, which encoding/csv rewrites inside
// quoted fields): both must give the same records.
func FuzzTokenizerMatchesEncodingCSV(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"a,b\",\"c\"\"d\"\n", "x\n\ny\n", "\"multi\nline\",z\n", ",\n,,\n", "a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.IndexByte(data, '\r') >= 0 {
			return
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		want, err := r.ReadAll()
		if err != nil {
			return
		}
		tok := newCSVTokenizer(data, 1)
		for i, rec := range want {
			fields, _, err := tok.next()
			if err != nil {
				t.Fatalf("record %d: %v; encoding/csv read %q", i, err, rec)
			}
			if len(fields) != len(rec) {
				t.Fatalf("record %d: %d fields, encoding/csv %d (%q)", i, len(fields), len(rec), rec)
			}
			for j := range rec {
				if string(fields[j]) != rec[j] {
					t.Fatalf("record %d field %d: %q, encoding/csv %q", i, j, fields[j], rec[j])
				}
			}
		}
		if fields, _, err := tok.next(); err != io.EOF {
			t.Fatalf("extra record %q (%v) after encoding/csv's %d", fields, err, len(want))
		}
	})
}

// FuzzSurveyCSV feeds arbitrary bytes as the survey table: the reader must never panic, and must
// either accept the file or explain what is wrong with it.
func FuzzSurveyCSV(f *testing.F) {
	f.Add([]byte(validTables["survey_responses.csv"]))
	f.Add([]byte("org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight\n\"E06000001\",2013,1,ict,TRUE,7,,,1e0\r\n"))
	f.Add([]byte("org_code\n"))
	f.Add([]byte{0xff, 0xfe, '\n'})
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := dataset(nil)
		fsys["survey_responses.csv"].Data = data
		d, err := Open(fsys, "fuzz", 20)
		if err != nil {
			t.Fatal(err) // the small tables are valid
		}
		s, err := Validate(context.Background(), d, SurveyScan{Workers: 2, MaxErrors: 20})
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.List) == 0 {
				t.Fatalf("error without located problems: %v", err)
			}
			return
		}
		if s.Rows[TableSurvey] == 0 {
			t.Fatal("accepted a survey table with no rows")
		}
	})
}
