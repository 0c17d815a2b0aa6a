package datasets

import (
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestTokenizer(t *testing.T) {
	tests := []struct {
		Name  string
		Input string
		Want  [][]string // records; nil entry means an error on that record
		Lines []int64
	}{
		{Name: "simple", Input: "a,b,c\n1,2,3\n", Want: [][]string{{"a", "b", "c"}, {"1", "2", "3"}}, Lines: []int64{1, 2}},
		{Name: "crlf", Input: "a,b\r\n1,2\r\n", Want: [][]string{{"a", "b"}, {"1", "2"}}, Lines: []int64{1, 2}},
		{Name: "no final newline", Input: "a,b\n1,2", Want: [][]string{{"a", "b"}, {"1", "2"}}},
		{Name: "empty fields", Input: ",,\n", Want: [][]string{{"", "", ""}}},
		{Name: "trailing comma at end", Input: "a,", Want: [][]string{{"a", ""}}},
		{Name: "quoted comma", Input: `"a,b",c` + "\n", Want: [][]string{{"a,b", "c"}}},
		{Name: "doubled quote", Input: `"say ""hi""",x` + "\n", Want: [][]string{{`say "hi"`, "x"}}},
		{Name: "quoted newline", Input: "\"a\nb\",c\nd,e\n", Want: [][]string{{"a\nb", "c"}, {"d", "e"}}, Lines: []int64{1, 3}},
		{Name: "blank lines skipped", Input: "a\n\n\r\nb\n", Want: [][]string{{"a"}, {"b"}}, Lines: []int64{1, 4}},
		{Name: "bare quote", Input: "a\"b,c\nd,e\n", Want: [][]string{nil, {"d", "e"}}},
		{Name: "text after quote", Input: "\"a\"b,c\nd,e\n", Want: [][]string{nil, {"d", "e"}}},
		{Name: "unterminated", Input: "\"abc,d\n", Want: [][]string{nil}},
		{Name: "quoted crlf", Input: "\"a\"\r\nb\r\n", Want: [][]string{{"a"}, {"b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			tok := newCSVTokenizer([]byte(tt.Input), 1)
			for i, want := range tt.Want {
				fields, line, err := tok.next()
				if want == nil {
					if err == nil {
						t.Fatalf("record %d: got %q, want an error", i, fields)
					}
					continue
				}
				if err != nil {
					t.Fatalf("record %d: %v", i, err)
				}
				got := make([]string, len(fields))
				for j, f := range fields {
					got[j] = string(f)
				}
				if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
					t.Errorf("record %d = %q, want %q", i, got, want)
				}
				if tt.Lines != nil && line != tt.Lines[i] {
					t.Errorf("record %d starts on line %d, want %d", i, line, tt.Lines[i])
				}
			}
			if _, _, err := tok.next(); err != io.EOF {
				t.Errorf("after the last record: %v, want io.EOF", err)
			}
		})
	}
}

func TestSplitPoint(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"a,b\nc,d\ne", 8},
		{"a\n\"x\ny\"\n", 8},
		{"a\n\"x\ny", 2},
		{"abc", 0},
	}
	for _, tt := range tests {
		if got := splitPoint([]byte(tt.in)); got != tt.want {
			t.Errorf("splitPoint(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestBlockReaderReassembles checks that cutting a file into small blocks at record boundaries
// loses and repeats nothing, including records with quoted newlines across a cut.
func TestBlockReaderReassembles(t *testing.T) {
	var sb strings.Builder
	for i := 0; i < 500; i++ {
		if i%7 == 0 {
			sb.WriteString("\"multi\nline, quoted\",")
		} else {
			sb.WriteString("plain,")
		}
		sb.WriteString(strings.Repeat("x", i%13))
		sb.WriteString("\n")
	}
	input := sb.String()
	br := newCSVBlockReader(strings.NewReader(input), 1, nil)
	br.size = 64
	var got strings.Builder
	var records int
	lastLine := int64(1)
	for {
		b, err := br.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if b.firstLine != lastLine {
			t.Fatalf("block %d starts on line %d, want %d", b.seq, b.firstLine, lastLine)
		}
		lastLine += int64(strings.Count(string(b.data), "\n"))
		got.Write(b.data)
		tok := newCSVTokenizer(b.data, b.firstLine)
		for {
			_, _, err := tok.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("block %d: %v (a cut fell inside quotes)", b.seq, err)
			}
			records++
		}
	}
	if got.String() != input {
		t.Fatal("blocks do not reassemble to the input")
	}
	if records != 500 {
		t.Fatalf("%d records, want 500", records)
	}
}

func TestParseInt(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true}, {"42", 42, true}, {"-7", -7, true}, {"+3", 3, true},
		{"9223372036854775807", 9223372036854775807, true}, {"-9223372036854775808", -9223372036854775808, true},
		{"9223372036854775808", 0, false}, {"", 0, false}, {"-", 0, false}, {"1.0", 0, false}, {"1e3", 0, false}, {" 1", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseInt([]byte(tt.in))
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseInt(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseBoolAndFloat(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "TRUE": true, "True": true, "1": true, "false": false, "FALSE": false, "0": false} {
		if got, ok := parseBool([]byte(in)); !ok || got != want {
			t.Errorf("parseBool(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"yes", "", "2", "t"} {
		if _, ok := parseBool([]byte(in)); ok {
			t.Errorf("parseBool(%q) accepted", in)
		}
	}
	for _, in := range []string{"NaN", "Inf", "-Inf", "", "abc"} {
		if _, ok := parseFloat([]byte(in)); ok {
			t.Errorf("parseFloat(%q) accepted", in)
		}
	}
	if v, ok := parseFloat([]byte("1.25e2")); !ok || v != 125 {
		t.Errorf("parseFloat(1.25e2) = %v, %v", v, ok)
	}
}

// respondentKeys must agree with a plain map on every pattern of ids: dense, sparse, descending,
// negative and huge, across groups, including the move from bitmap to hash set.
func TestRespondentKeys(t *testing.T) {
	var k respondentKeys
	type key struct {
		org, year int32
		id        int64
	}
	seen := map[key]bool{}
	check := func(org, year int32, id int64) {
		want := !seen[key{org, year, id}]
		seen[key{org, year, id}] = true
		if got := k.add(org, year, id); got != want {
			t.Fatalf("add(%d, %d, %d) = %v, want %v", org, year, id, got, want)
		}
	}
	for i := int64(1); i <= 3000; i++ {
		check(0, 2013, i)
		check(1, 2013, 3001-i)
		check(2, 2014, i*1_000_003) // sparse: moves to the hash set
		check(int32(i%5), 2015, 10_000_000_000+i*7)
		check(3, 2016, -i)
		check(4, 2016, 1<<62-i)
	}
	for i := int64(1); i <= 3000; i += 97 { // every one a repeat
		check(0, 2013, i)
		check(1, 2013, i)
		check(2, 2014, i*1_000_003)
		check(int32(i%5), 2015, 10_000_000_000+i*7)
		check(3, 2016, -i)
		check(4, 2016, 1<<62-i)
	}
}

// The fast decimal path must give exactly what strconv.ParseFloat gives.
func TestParseSimpleDecimalMatchesStrconv(t *testing.T) {
	cases := []string{"1", "0.5", "1.2345", "-17", "+3.25", "0.1", "0.3", "123456789012345", "1.00000000000001",
		"999999999999999", "0.000001", "4.7999", "2.675", "1e5", "1.2.3", "", "-", ".", "5.", ".5", "1234567890123456"}
	for _, c := range cases {
		want, werr := strconv.ParseFloat(c, 64)
		got, ok := parseFloat([]byte(c))
		if (werr == nil) != ok || (ok && got != want) {
			t.Errorf("parseFloat(%q) = %v, %v; strconv gives %v, %v", c, got, ok, want, werr)
		}
	}
}

// FuzzParseFloat checks the fast path against strconv on any input.
func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"1.5", "-0.25", "123.456", "0.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := strconv.ParseFloat(s, 64)
		got, ok := parseFloat([]byte(s))
		if werr == nil && !math.IsNaN(want) && !math.IsInf(want, 0) {
			if !ok || got != want {
				t.Fatalf("parseFloat(%q) = %v, %v; strconv %v", s, got, ok, want)
			}
		} else if ok {
			t.Fatalf("parseFloat(%q) accepted %v; strconv: %v, %v", s, got, want, werr)
		}
	})
}
