package datasets

import (
	"encoding/binary"
	"errors"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/apache/arrow/go/v15/parquet/compress"
)

// The RLE/bit-packing hybrid decoder against the worked examples of the Parquet format's
// Encodings.md ("Run Length Encoding / Bit-Packing Hybrid"): the values 0 to 7 bit-packed in 3
// bits are the bytes 10001000 11000110 11111010; a repeated run is its count shifted left by one,
// then the value in as many bytes as the width needs.
func TestHybridDecoder(t *testing.T) {
	var h hybrid
	// One group of 8 packed values (header 1<<1|1), then a run of 5 fours (header 5<<1), then a
	// run of 300 ones (header 600 as a varint: 0xd8 0x04).
	h.init([]byte{0x03, 0x88, 0xc6, 0xfa, 0x0a, 0x04, 0xd8, 0x04, 0x01}, 3)
	got := make([]uint32, 8+5+300)
	if err := h.fill(got); err != nil {
		t.Fatal(err)
	}
	want := []uint32{0, 1, 2, 3, 4, 5, 6, 7, 4, 4, 4, 4, 4}
	for range 300 {
		want = append(want, 1)
	}
	if !slices.Equal(got, want) {
		t.Errorf("fill: got %v, want %v", got[:13], want[:13])
	}
	if err := h.fill(make([]uint32, 1)); !errors.Is(err, errPage) {
		t.Errorf("reading past the end: %v, want errPage", err)
	}

	// Definition levels (width 1): the packed byte 10110011 holds, lowest bit first, 1 1 0 0 1 1
	// 0 1; then a run of 70 zeros (header 140: 0x8c 0x01).
	h.init([]byte{0x03, 0xb3, 0x8c, 0x01, 0x00}, 1)
	type run struct {
		n   int
		one bool
	}
	var runs []run
	for total := 0; total < 78; {
		n, one, err := h.run(100)
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, run{n, one})
		total += n
	}
	wantRuns := []run{{2, true}, {2, false}, {2, true}, {1, false}, {1, true}, {70, false}}
	if !slices.Equal(runs, wantRuns) {
		t.Errorf("runs: got %v, want %v", runs, wantRuns)
	}
	// A run is cut at the length asked for.
	h.init([]byte{0x03, 0xff}, 1)
	if n, one, err := h.run(3); n != 3 || !one || err != nil {
		t.Errorf("run(3) of 8 ones: %d %v %v", n, one, err)
	}
	// 64 packed ones then a zero: runs longer than one 64-bit word.
	h.init([]byte{0x13, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00}, 1)
	if n, one, err := h.run(100); n != 64 || !one || err != nil {
		t.Errorf("64 packed ones: %d %v %v", n, one, err)
	}

	for _, c := range []struct {
		name  string
		data  []byte
		width uint
	}{
		{"a header cut short", []byte{0x80}, 3},
		{"a packed run past the end", []byte{0x05, 0x88, 0xc6, 0xfa}, 3}, // 2 groups need 6 bytes
		{"a repeated value cut short", []byte{0x0a}, 9},
		{"a repeated value wider than the width", []byte{0x0a, 0x08}, 3},
	} {
		h.init(c.data, c.width)
		if err := h.fill(make([]uint32, 4)); !errors.Is(err, errPage) {
			t.Errorf("%s: %v, want errPage", c.name, err)
		}
	}
}

// FuzzPageDecoder flips bytes in the pages of small survey files (plain and dictionary pages,
// v1 and v2, optional columns with nulls, RLE booleans, uncompressed so that the flips reach
// the encoded values, and Snappy) and reads them with our page decoder: it must never panic, and
// when it reads every batch itself (refusing none), the batches and errors must be those of the
// pqarrow path.
func FuzzPageDecoder(f *testing.F) {
	base := defaultSurveyRows(f)
	none, snappy := compress.Codecs.Uncompressed, compress.Codecs.Snappy
	var files [][]byte
	for _, s := range []parquetShape{
		{name: "plain, optional", rowGroup: 150, pageSize: 512, codec: none, allOptional: true},
		{name: "dictionary", rowGroup: 150, pageSize: 512, dict: true, codec: none},
		{name: "v2, RLE booleans", rowGroup: 150, pageSize: 1024, v2: true, boolRLE: true, dict: true, codec: none, allOptional: true},
		{name: "dictionary then plain", rowGroup: 300, pageSize: 256, dict: true, dictLimit: 64, codec: none},
		{name: "snappy", rowGroup: 150, dict: true, codec: snappy, allOptional: true},
	} {
		files = append(files, writeSurveyParquet(f, base, 300, s))
	}
	d0, err := Open(withSurvey(f, files[0]), "shape", 20)
	if err != nil {
		f.Fatal(err)
	}
	for i := range files {
		f.Add(uint8(i), uint32(0), byte(0), uint32(0), byte(0))
		f.Add(uint8(i), uint32(200), byte(0x01), uint32(3000), byte(0x80))
		f.Add(uint8(i), uint32(1500), byte(0xff), uint32(4500), byte(0x10))
	}
	f.Fuzz(func(t *testing.T, file uint8, at uint32, x byte, at2 uint32, x2 byte) {
		data := slices.Clone(files[int(file)%len(files)])
		footerStart := len(data) - 8 - int(binary.LittleEndian.Uint32(data[len(data)-8:]))
		if span := footerStart - 4; span > 0 {
			data[4+int(at%uint32(span))] ^= x
			data[4+int(at2%uint32(span))] ^= x2
		}
		// The other tables stay as they were opened: only the survey is read again.
		d := *d0
		d.FS = fstest.MapFS{"survey_responses.parquet": &fstest.MapFile{Data: data}}
		panics, fallbacks := pqPanics.Load(), directFallbacks.Load()
		own := scanDataset(&d, 1)
		if n := pqPanics.Load() - panics; n > 0 {
			t.Errorf("our page decoder panicked %d times", n)
		}
		if directFallbacks.Load() > fallbacks {
			// The decoder refused a batch, which the pqarrow path then read: on damaged pages
			// that path's outcome can vary from run to run (arrow reads its pooled buffers).
			return
		}
		parquetDirect = false
		ref := scanDataset(&d, 1)
		parquetDirect = true
		if own != ref {
			t.Errorf("our page decoder:\n%s\npqarrow:\n%s", own, ref)
		}
	})
}
