package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/psnbyod/psnbyod/datasets"
)

// memoryFlag is --max-memory: the memory one table read may use, as bytes or with a unit (KiB, MiB,
// GiB; K, M, G and KB, MB, GB are read as the binary units too).
type memoryFlag int64

func (m *memoryFlag) String() string {
	if m == nil || *m == 0 {
		return "1GiB"
	}
	return strconv.FormatInt(int64(*m), 10)
}

func (m *memoryFlag) Set(s string) error {
	n, err := parseBytes(s)
	if err != nil {
		return err
	}
	*m = memoryFlag(n)
	datasets.SetMaxMemory(n)
	return nil
}

func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("expected a memory size such as 1GiB, 512MiB or a number of bytes, got %q", s)
	}
	if n*mult < 16<<20 {
		return 0, fmt.Errorf("expected at least 16MiB, got %q", s)
	}
	return n * mult, nil
}

// registerMaxMemory adds --max-memory to a command's flags, every command having one, and puts the
// budget back to its default until the flag is given.
func registerMaxMemory(fs *flag.FlagSet) {
	datasets.SetMaxMemory(datasets.DefaultMaxMemory)
	fs.Var(new(memoryFlag), "max-memory", "memory budget of one table read or model run, e.g. 512MiB or 4GiB (default 1GiB); more is refused, before starting, with an error")
}
