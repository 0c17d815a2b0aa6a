package archtest

import (
	"bufio"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/psnbyod/psnbyod"

// root is the module's folder, two up from this package.
var root = filepath.Join("..", "..")

// packages maps each package of the module (by its path within the module, such as "reports/chart")
// to the module packages it imports, test files aside.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
			return filepath.SkipDir
		}
		p, err := build.ImportDir(path, 0)
		if _, none := err.(*build.NoGoError); none {
			if len(p.TestGoFiles)+len(p.XTestGoFiles) == 0 {
				return nil
			}
		} else if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		var imports []string
		for _, imp := range p.Imports {
			if imp == module || strings.HasPrefix(imp, module+"/") {
				imports = append(imports, strings.TrimPrefix(strings.TrimPrefix(imp, module), "/"))
			}
		}
		pkgs[filepath.ToSlash(rel)] = imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("found only %d packages under %s; is the walk in the right folder?", len(pkgs), root)
	}
	return pkgs
}

// rule is one row of the table: the packages it is about and the ones they may import. A name
// ending in "/..." stands for the package and every package under it.
type rule struct {
	packages, mayImport []string
	anything            bool
}

var quoted = regexp.MustCompile("`([^`]+)`")

// table reads ARCHITECTURE.md's "Who may import whom" table.
func table(t *testing.T) []rule {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "ARCHITECTURE.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rules []rule
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == "## Who may import whom"
			continue
		case !in || !strings.HasPrefix(line, "| `"):
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 4 {
			t.Fatalf("ARCHITECTURE.md: table row %q has fewer than three cells", line)
		}
		var r rule
		for _, m := range quoted.FindAllStringSubmatch(cells[1], -1) {
			r.packages = append(r.packages, m[1])
		}
		may := strings.TrimSpace(cells[2])
		switch may {
		case "anything":
			r.anything = true
		case "nothing":
		default:
			for _, m := range quoted.FindAllStringSubmatch(may, -1) {
				r.mayImport = append(r.mayImport, m[1])
			}
			if len(r.mayImport) == 0 {
				t.Fatalf("ARCHITECTURE.md: row %q names no package it may import; write nothing, anything or `packages`", line)
			}
		}
		rules = append(rules, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal(`ARCHITECTURE.md has no table under "## Who may import whom"`)
	}
	return rules
}

func matches(pattern, pkg string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == base || strings.HasPrefix(pkg, base+"/")
	}
	return pkg == pattern
}

// TestImportsFollowTheTable checks every import of every package against its row.
func TestImportsFollowTheTable(t *testing.T) {
	rules := table(t)
	for pkg, imports := range packages(t) {
		var r *rule
		for i := range rules {
			if slices.Contains(rules[i].packages, pkg) {
				r = &rules[i]
				break
			}
		}
		if r == nil {
			t.Errorf("%s has no row in ARCHITECTURE.md's import table; add one saying what it may import", pkg)
			continue
		}
		if r.anything {
			continue
		}
		for _, imp := range imports {
			if !slices.ContainsFunc(r.mayImport, func(p string) bool { return matches(p, imp) }) {
				t.Errorf("%s imports %s, which its row in ARCHITECTURE.md does not allow (it may import %v)", pkg, imp, r.mayImport)
			}
		}
	}
}

// TestComputingReadsNoInputs checks what the table is for: nothing that computes or renders links
// the input readers, directly or through another package, so a program can compute from data it
// holds in memory and render results without them.
func TestComputingReadsNoInputs(t *testing.T) {
	pkgs := packages(t)
	allowed := []string{"analysis/...", "reports/...", "datasets/contract", "datasets/resultfile", "datasets/internal/arrowmem"}
	for pkg := range pkgs {
		if !matches("analysis/...", pkg) && !matches("reports/...", pkg) {
			continue
		}
		seen := map[string]string{} // dependency -> the package that imports it
		queue := []string{pkg}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, imp := range pkgs[p] {
				if _, ok := seen[imp]; !ok {
					seen[imp] = p
					queue = append(queue, imp)
				}
			}
		}
		for dep, via := range seen {
			if !slices.ContainsFunc(allowed, func(a string) bool { return matches(a, dep) }) {
				t.Errorf("%s depends on %s (imported by %s); computing and rendering must not need the input readers", pkg, dep, via)
			}
		}
	}
}
