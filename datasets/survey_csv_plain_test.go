package datasets

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

const plainSurveyHeader = "org_code,year,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight\n"

// parseSurveyBlockBothWays parses data (survey records after the header) with the plain-record fast
// path and with the general path alone, and fails the test unless the two agree on every value,
// record count, row number and error.
func parseSurveyBlockBothWays(t *testing.T, header string, data []byte) surveyResult {
	t.Helper()
	d, err := Open(dataset(nil), "test", 50)
	if err != nil {
		t.Fatal(err)
	}
	errs := &errorList{Limit: 50}
	hdr, ok := csvHeader("survey_responses.csv", []byte(header), SurveyColumns, nil, errs)
	if !ok {
		t.Fatalf("header: %v", errs.Err())
	}
	b := &csvBlock{data: data, firstLine: 2}
	fast := d.parseSurveyBlock("survey_responses.csv", b, hdr, true)
	general := d.parseSurveyBlock("survey_responses.csv", b, hdr, false)
	if fast.records != general.records {
		t.Fatalf("%q: %d records by the fast path, %d by the general one", data, fast.records, general.records)
	}
	if !reflect.DeepEqual(batchRows(fast.batch), batchRows(general.batch)) {
		t.Fatalf("%q: values differ\nfast:    %v\ngeneral: %v", data, batchRows(fast.batch), batchRows(general.batch))
	}
	if !reflect.DeepEqual(fast.rowOf, general.rowOf) {
		t.Fatalf("%q: row numbers differ: fast %v, general %v", data, fast.rowOf, general.rowOf)
	}
	if len(fast.errs) != len(general.errs) {
		t.Fatalf("%q: %d errors by the fast path, %d by the general one\nfast:    %v\ngeneral: %v", data, len(fast.errs), len(general.errs), fast.errs, general.errs)
	}
	for i := range fast.errs {
		if *fast.errs[i] != *general.errs[i] {
			t.Fatalf("%q: error %d differs\nfast:    %v\ngeneral: %v", data, i, fast.errs[i], general.errs[i])
		}
	}
	return fast
}

// batchRows lists a batch row by row, so that two batches compare by value (the weight by its
// bits: -0 and 0 differ, NaN would equal itself).
func batchRows(b *contract.SurveyBatch) []string {
	rows := make([]string, len(b.Org))
	for i := range b.Org {
		rows[i] = fmt.Sprintf("%d %d %d %d %t %d %d %d %x", b.Org[i], b.Year[i], b.RespondentID[i], b.StaffGroup[i],
			b.UsesBYOD[i], b.Overall[i], b.Remote[i], b.Device[i], b.Weight[i])
	}
	return rows
}

// Records the fast path reads and records it must hand to the general path: each is parsed both
// ways, alone, after a plain record, before one, and all of them together in shuffled orders.
var plainSurveyCases = []string{
	// plain
	"E06000001,2013,1,frontline,true,5,4,,1\n",
	"E06000001,2013,2,office,false,3,,6,1.5\n",
	"E07000223,2013,1,ict,1,7,7,7,0.8\n",
	"E07000223,2016,123456789012345678,manager,0,1,1,1,0.8379\n",
	"E07000223,2011,3,other,TRUE,2,,,.5\n",
	"E06000001,2012,4,other,False,2,3,4,7.\n",
	"E06000001,2012,5,ict,fAlSe,6,5,4,123456789012345\n",
	"E06000001,2012,6,ict,true,6,5,4,1.23456789012345\r\n",
	"E06000001,2012,7,ict,true,6,5,4,00001.000\n",
	"E06000001,2012,8,ict,true,6,5,4,0.0000000000001\n",
	"E06000001,0002013,9,ict,true,6,5,4,1\n",
	"E07000223,2013,10,office,FALSE,1,2,3,4\n",
	"E07000223,2013,11,frontline,True,1,2,3,4\n",
	"E07000223,2013,12,other,1,1,2,3,4\n",
	// not plain, but valid
	"E06000001,2012,10,ict,true,6,5,4,1234567890123456\n",
	"E06000001,2012,11,ict,true,6,5,4,1e0\n",
	"E06000001,2012,12,ict,true,6,5,4,+1\n",
	"E06000001,+2012,13,ict,true,6,5,4,1\n",
	"E06000001,2012,1234567890123456789,ict,true,6,5,4,1\n",
	"E06000001,2012,14,ict,true,07,5,4,1\n",
	"E06000001,2012,15,ict,true,6,NULL,null,1\n",
	"E06000001,2012,16,ict,true,6,+5,4,1\n",
	"\"E06000001\",2012,17,\"ict\",true,6,5,4,1\n",
	"E06000001,\"2012\",18,ict,true,6,5,4,\"1\"\n",
	"\n",
	"\r\n",
	"\n\n\r\n",
	// problems
	"E06000001,2012,19,ict,true,6,5,4,0\n",
	"E06000001,2012,20,ict,true,6,5,4,-1\n",
	"E06000001,2012,21,ict,true,6,5,4,\n",
	"E06000001,2012,22,ict,true,6,5,4,1,\n",
	"E06000001,2012,23,ict,true,6,5,4\n",
	"E06000001,2012,24,ict,true,8,5,4,1\n",
	"E06000001,2012,25,ict,true,0,5,4,1\n",
	"E06000001,2012,26,ict,true,,5,4,1\n",
	"E06000001,2012,27,ict,true,6,9,4,1\n",
	"E06000001,2012,28,ict,true,6,5,55,1\n",
	"E06000001,2012,29,ICT,true,6,5,4,1\n",
	"E06000001,2012,30,ict ,true,6,5,4,1\n",
	"E06000001,2012,31,ict,yes,6,5,4,1\n",
	"E06000001,2012,32,ict,truee,6,5,4,1\n",
	"E06000001,1999,33,ict,true,6,5,4,1\n",
	"E06000001,2012,,ict,true,6,5,4,1\n",
	"E06000001,2012,-34,ict,true,6,5,4,1\n",
	"E06000001,2012,12345678901234567890,ict,true,6,5,4,1\n",
	"E06000002,2012,35,ict,true,6,5,4,1\n",
	"E0600000,2012,36,ict,true,6,5,4,1\n",
	"E06000001x,2012,36,ict,true,6,5,4,1\n",
	",2012,37,ict,true,6,5,4,1\n",
	"E06000001,2012,38,ict,true,6,5,4,1\rx\n",
	"E06000001,2012,39,ict,true,6,5,4,1\r\r\n",
	"E06000001,2012,40,ict,true,6,5,4,1.2.3\n",
	"E06000001,2012,41,ict,true,6,5,4,1\"\n",
	"E06\"000001,2012,42,ict,true,6,5,4,1\n",
	"E06000001\r,2012,43,ict,true,6,5,4,1\n",
	"E06000001,2012,44,\xffict,true,6,5,4,1\n",
	"E06000001,2012,45,ict,true,6,5,4,1\xff\n",
	"E06000001,2012,46,ict,true,6,5,4,\"1\n2\"\n",
	"E06000001,2012,47,frontlines,true,6,5,4,1\n",
	"E06000001,2012,48,ict,true,6,5,4,1 \n",
	" E06000001,2012,49,ict,true,6,5,4,1\n",
	"E06000001,2012,50,office,,6,5,4,1\n",
	"E06000001,2012,51,office,true1,6,5,4,1\n",
	"E06000001,2012,52,offic,true,6,5,4,1\n",
	"E06000001,2012,53,managers,true,6,5,4,1\n",
	"E06000001,2012,54,frontlin,true,6,5,4,1\n",
	"E06000001,2012,55,,true,6,5,4,1\n",
}

func TestPlainSurveyRecordsMatchGeneralPath(t *testing.T) {
	plainRecord := plainSurveyCases[0]
	for _, c := range plainSurveyCases {
		for _, data := range []string{c, plainRecord + c, c + plainRecord, plainRecord + c + plainRecord,
			strings.TrimSuffix(c, "\n"), plainRecord + strings.TrimSuffix(c, "\n")} {
			parseSurveyBlockBothWays(t, plainSurveyHeader, []byte(data))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		cases := append([]string(nil), plainSurveyCases...)
		rng.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })
		parseSurveyBlockBothWays(t, plainSurveyHeader, []byte(strings.Join(cases[:1+rng.IntN(len(cases))], "")))
	}
}

// The fast path reads the values a person reads in the record, worked out by hand.
func TestPlainSurveyRecordValues(t *testing.T) {
	res := parseSurveyBlockBothWays(t, plainSurveyHeader, []byte(
		"E07000223,2016,123456789012345678,manager,0,1,,7,0.8379\r\n"+
			"E06000001,2011,3,other,TRUE,2,6,,.5"))
	got := batchRows(res.batch)
	want := []string{
		fmt.Sprintf("1 2016 123456789012345678 %d false 1 0 7 %x", contract.StaffManager, 0.8379),
		fmt.Sprintf("0 2011 3 %d true 2 6 0 %x", contract.StaffOther, 0.5),
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// With the columns in another order, or another column added, every record goes the general way,
// with the same results.
func TestPlainSurveyOtherLayouts(t *testing.T) {
	reordered := "year,org_code,respondent_id,staff_group,uses_byod,overall_satisfaction,remote_access_satisfaction,device_satisfaction,weight\n"
	res := parseSurveyBlockBothWays(t, reordered, []byte("2013,E06000001,1,frontline,true,5,4,,1\n"))
	if len(res.batch.Org) != 1 || len(res.errs) != 0 {
		t.Fatalf("reordered columns: %d rows, errors %v", len(res.batch.Org), res.errs)
	}
	extra := strings.TrimSuffix(plainSurveyHeader, "\n") + ",comment\n"
	res = parseSurveyBlockBothWays(t, extra, []byte("E06000001,2013,1,frontline,true,5,4,,1,hello\n"))
	if len(res.batch.Org) != 1 || len(res.errs) != 0 {
		t.Fatalf("extra column: %d rows, errors %v", len(res.batch.Org), res.errs)
	}
}

// FuzzPlainSurveyRecords checks on any block of records that the fast path and the general path
// give the same values, row numbers and errors.
func FuzzPlainSurveyRecords(f *testing.F) {
	for _, c := range plainSurveyCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(strings.Join(plainSurveyCases, "")))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseSurveyBlockBothWays(t, plainSurveyHeader, data)
	})
}

// BenchmarkParseSurveyBlock parses one block (up to 4 MiB) of a generated survey file, the work of
// one job of the CSV reader: with the plain-record fast path and with the general path alone.
func BenchmarkParseSurveyBlock(b *testing.B) {
	d, err := Open(dataset(nil), "bench", 0)
	if err != nil {
		b.Fatal(err)
	}
	// Rows in the generator's form for the two organisations of the small dataset.
	staff := []string{"frontline", "office", "manager", "ict", "other"}
	rng := rand.New(rand.NewPCG(3, 4))
	var sb strings.Builder
	for i := 0; sb.Len() < csvBlockSize-100; i++ {
		code := "E06000001"
		if i/5000%2 == 1 {
			code = "E07000223"
		}
		score := func() string {
			if rng.IntN(10) == 0 {
				return ""
			}
			return fmt.Sprint(1 + rng.IntN(7))
		}
		fmt.Fprintf(&sb, "%s,%d,%d,%s,%t,%d,%s,%s,%.4g\n", code, 2011+i/50000%6, 1+i%5000, staff[rng.IntN(5)], rng.IntN(3) == 0,
			1+rng.IntN(7), score(), score(), 0.5+rng.Float64())
	}
	data := []byte(sb.String())
	errs := &errorList{Limit: 1}
	hdr, _ := csvHeader("survey_responses.csv", []byte(plainSurveyHeader), SurveyColumns, nil, errs)
	for _, plain := range []bool{true, false} {
		b.Run(fmt.Sprintf("plain=%t", plain), func(b *testing.B) {
			var rows int64
			for range b.N {
				res := d.parseSurveyBlock("survey_responses.csv", &csvBlock{data: data, firstLine: 2}, hdr, plain)
				if len(res.errs) > 0 {
					b.Fatal(res.errs[0])
				}
				rows = res.records
				releaseSurveyBatch(res.batch)
			}
			b.SetBytes(int64(len(data)))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows)/float64(b.N), "ns/row")
		})
	}
}

// A word set finds each of its words (with the comma), whether or not another word starts with the
// same two bytes, and nothing else.
func TestPlainWordSet(t *testing.T) {
	words := []string{"office", "offer", "ict", "x"}
	s := newPlainWordSet(words, func(w string) (uint8, bool) { return uint8(len(w)), true })
	pad := strings.Repeat(" ", 16)
	at := func(text string) *plainWord {
		b := []byte(text + pad)
		return s.find(binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]))
	}
	for _, w := range words {
		p := at(w + ",7,")
		if p == nil || p.len != len(w)+1 || int(p.value) != len(w) {
			t.Errorf("%q: found %+v", w, p)
		}
	}
	for _, text := range []string{"offic,", "offers,", "office", "ic,", "ict ,", "x", "xy,", ",", "Office,"} {
		if p := at(text); p != nil {
			t.Errorf("%q: found %+v, want nothing", text, p)
		}
	}
}
