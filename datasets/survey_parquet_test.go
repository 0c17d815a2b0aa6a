package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/psnbyod/psnbyod/datasets/contract"
)

// surveyDigest scans the survey of d and hashes every value of every batch, in order.
func surveyDigest(t *testing.T, d *Dataset) ([32]byte, int64) {
	t.Helper()
	h := sha256.New()
	n, err := d.ScanSurvey(context.Background(), SurveyScan{}, func(b *contract.SurveyBatch) error {
		for _, col := range []any{b.Org, b.Year, b.RespondentID, b.StaffGroup, b.UsesBYOD, b.Overall, b.Remote, b.Device, b.Weight} {
			if err := binary.Write(h, binary.LittleEndian, col); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, n
}

// openDefaultParquet opens the embedded default dataset, whose survey is Parquet.
func openDefaultParquet(t testing.TB) *Dataset {
	t.Helper()
	d, err := Open(Default(), DefaultName, 0)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if d.Files[TableSurvey].Format != FormatParquet {
		t.Fatal("the default survey is not Parquet")
	}
	return d
}

// TestSurveyColumnsMatchRows checks that the column-by-column conversion of valid Parquet batches
// gives exactly what the row-by-row conversion gives, nulls included, on the default dataset.
func TestSurveyColumnsMatchRows(t *testing.T) {
	fast, n := surveyDigest(t, openDefaultParquet(t))
	surveyFastPath = false
	defer func() { surveyFastPath = true }()
	slow, m := surveyDigest(t, openDefaultParquet(t))
	if n != m || fast != slow {
		t.Errorf("column by column: %d rows, digest %x; row by row: %d rows, digest %x", n, fast, m, slow)
	}
}

// TestPooledBatchesAreNotReadAfterRelease reads the default survey with pooled memory that is
// overwritten as soon as arrow releases it, and with plain Go memory that is never reused: the same
// values must come out, or the reader keeps something of a batch after its release.
func TestPooledBatchesAreNotReadAfterRelease(t *testing.T) {
	saved := readAllocator
	defer func() { readAllocator = saved }()
	readAllocator = &poolAllocator{poison: true}
	pooled, n := surveyDigest(t, openDefaultParquet(t))
	readAllocator = memory.NewGoAllocator()
	plain, m := surveyDigest(t, openDefaultParquet(t))
	if n != m || pooled != plain {
		t.Errorf("pooled and poisoned: %d rows, digest %x; plain: %d rows, digest %x", n, pooled, m, plain)
	}
}
