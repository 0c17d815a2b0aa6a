package datasets

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// Hostile CSV, made in the test from the small valid dataset.

// csvErrors validates a dataset and returns its problems as one text (empty when valid).
func csvErrors(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	problems, err := validateParquet(t, fsys)
	if err != nil {
		return err.Error()
	}
	if problems == nil {
		return ""
	}
	return problems.Error()
}

func wantErrorText(t *testing.T, msg string, want ...string) {
	t.Helper()
	if msg == "" {
		t.Fatalf("accepted; want an error saying %q", want)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not say %q", msg, w)
		}
	}
}

func surveyWith(extra string) fstest.MapFS {
	fsys := dataset(nil)
	fsys["survey_responses.csv"] = &fstest.MapFile{Data: []byte(validTables["survey_responses.csv"] + extra)}
	return fsys
}

// A survey that is one long line with no newline is refused after MaxCSVRecord bytes, in time linear
// in what it reads (it was quadratic: 64 MB took 3 s, 1 GB over 10 minutes).
func TestCSVHeaderWithoutNewline(t *testing.T) {
	fsys := dataset(nil)
	fsys["survey_responses.csv"] = &fstest.MapFile{Data: bytes.Repeat([]byte("org_code,"), 8<<20/9)}
	wantErrorText(t, csvErrors(t, fsys), "survey_responses.csv: row 1", "a header line", "1048576 bytes")
}

// A data line longer than a block (4 MiB) is refused by the block reader; one longer than 1 MiB but
// within a block, by the tokeniser. Both name the line.
func TestCSVDataLineTooLong(t *testing.T) {
	for _, n := range []int{2 << 20, 9 << 20} {
		long := "E06000001,2013,9," + strings.Repeat("x", n) + "\n"
		msg := csvErrors(t, surveyWith(long))
		wantErrorText(t, msg, "survey_responses.csv", "line 5", "1048576 bytes")
	}
}

// An unclosed quote followed by many short lines cuts no block in quadratic time.
func TestCSVUnclosedQuoteManyLines(t *testing.T) {
	msg := csvErrors(t, surveyWith(`E06000001,2013,9,"`+strings.Repeat("a\n", 3<<20)))
	wantErrorText(t, msg, "survey_responses.csv", "line 5")
}

func TestTextFieldRules(t *testing.T) {
	orgs := validTables["organisations.csv"]
	cases := []struct{ name, from, to string }{
		{"name of 201 characters", "Hartlepool", strings.Repeat("é", 201)},
		{"NUL in a name", "Hartlepool", "Hartle\x00pool"},
		{"escape in a region", "North East", "North\x1b[31mEast"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := dataset(map[string]string{"organisations.csv": strings.Replace(orgs, c.from, c.to, 1)})
			msg := csvErrors(t, fsys)
			wantErrorText(t, msg, "organisations.csv: row 2")
			if !strings.Contains(msg, "at most 200 characters (found 201)") && !strings.Contains(msg, "without control characters") {
				t.Errorf("%q does not say which rule", msg)
			}
		})
	}
	// 200 characters are allowed.
	fsys := dataset(map[string]string{"organisations.csv": strings.Replace(orgs, "Hartlepool", strings.Repeat("é", 200), 1)})
	if msg := csvErrors(t, fsys); msg != "" {
		t.Fatal(msg)
	}
}

// One rule for every numeric field (decimalText): no spaces, digit separators, hexadecimal or words.
func TestOneNumericRule(t *testing.T) {
	bad := []string{"1_000", "0x1p-2", " 3", "3 ", "1,000", "Inf", "NaN", "1e", ".", "+"}
	for _, v := range bad {
		// A weight in the survey.
		msg := csvErrors(t, surveyWith("E07000223,2013,9,ict,true,7,7,7,\""+v+"\"\n"))
		wantErrorText(t, msg, "survey_responses.csv: row 5", "column weight")
		// A population and a spend in the small tables.
		fsys := dataset(map[string]string{"organisations.csv": strings.Replace(validTables["organisations.csv"], "93836", "\""+v+"\"", 1)})
		wantErrorText(t, csvErrors(t, fsys), "organisations.csv: row 2", "column population")
		fsys = dataset(map[string]string{"devices.csv": strings.Replace(validTables["devices.csv"], "150000.5", "\""+v+"\"", 1)})
		wantErrorText(t, csvErrors(t, fsys), "devices.csv: row 2", "column device_spend_gbp")
		// A score.
		msg = csvErrors(t, surveyWith("E07000223,2013,9,ict,true,\""+v+"\",7,7,1\n"))
		wantErrorText(t, msg, "column overall_satisfaction")
	}
	for _, v := range []string{"1.5e0", "0.25", "+2", "2.", ".5", "1E+2"} {
		if !decimalText([]byte(v)) {
			t.Errorf("%q refused", v)
		}
	}
}

// A small table larger than a quarter of the memory budget is refused before it is read whole.
func TestSmallTableOverBudget(t *testing.T) {
	defer SetMaxMemory(DefaultMaxMemory)
	SetMaxMemory(256) // organisations.csv is 130 bytes, over the 64 allowed
	problems, err := validateParquet(t, dataset(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(problems, ErrTooLarge) || !strings.Contains(problems.Error(), "--max-memory") {
		t.Fatalf("want a too-large error naming --max-memory, got %v", problems)
	}
}

// A survey year that devices and network lack is caught by validation, not later by a run, at the
// first row that has it: the valid survey's three data rows are rows 2–4 (row 1 is the header), so
// the first 2014 row is row 5.
func TestSurveyYearNotCovered(t *testing.T) {
	msg := csvErrors(t, surveyWith("E07000223,2014,9,ict,true,7,7,7,1\nE07000223,2014,10,ict,true,7,7,7,1\n"))
	wantErrorText(t, msg, "survey_responses.csv: row 5, column year", `"2014"`, "devices (2013) and network (2013)")
	if strings.Count(msg, "2014") != 1 {
		t.Errorf("the year is reported more than once: %s", msg)
	}
	// In Parquet, the row counts data rows and the row group is named: 300 rows in three groups of
	// 100, the third group's rows (201–300) in 2014.
	lines := strings.SplitAfter(surveyCSV(300), "\n")
	for i := 201; i <= 300; i++ {
		lines[i] = strings.Replace(lines[i], ",2013,", ",2014,", 1)
	}
	problems, err := validateParquet(t, parquetDataset(t, validOrgsParquet(t), parquetOf(t, strings.Join(lines, ""), SurveyColumns, 3)))
	if err != nil || problems == nil {
		t.Fatalf("accepted: %v", err)
	}
	wantErrorText(t, problems.Error(), "survey_responses.parquet: row-group 2, row 201, column year", `"2014"`)
}
