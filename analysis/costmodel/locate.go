package costmodel

import (
	"strconv"
	"strings"
)

// locator maps field paths such as "inputs.uptake.min" or "options[1].lines[0].years" to the line
// of the scenario file that sets them. The TOML decoder does not report key positions, so the
// locator scans the source for table headers and keys itself; it only needs to be right for the
// files people write (one key per line, inline tables on one line), and a field it cannot find
// falls back to the line of its nearest located parent.
type locator struct {
	lines map[string]int
}

func newLocator(src string) *locator {
	l := &locator{lines: map[string]int{}}
	table := ""
	counts := map[string]int{} // array-of-tables path (without final index) → elements so far
	resolve := func(dotted string) string {
		var path string
		for _, part := range splitKey(dotted) {
			if path != "" {
				path += "."
			}
			path += part
			if c, ok := counts[path]; ok {
				path += "[" + strconv.Itoa(c-1) + "]"
			}
		}
		return path
	}
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(stripComment(raw))
		n := i + 1
		switch {
		case line == "":
		case strings.HasPrefix(line, "[["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "[["), "]]"))
			parts := splitKey(name)
			parent := resolve(strings.Join(parts[:len(parts)-1], "."))
			base := parts[len(parts)-1]
			if parent != "" {
				base = parent + "." + base
			}
			idx := counts[base]
			counts[base] = idx + 1
			table = base + "[" + strconv.Itoa(idx) + "]"
			l.set(table, n)
		case strings.HasPrefix(line, "["):
			table = resolve(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "["), "]")))
			l.set(table, n)
		default:
			eq := strings.IndexByte(line, '=')
			if eq <= 0 {
				continue // continuation of a multi-line array
			}
			key := join(table, strings.Join(splitKey(line[:eq]), "."))
			l.set(key, n)
			value := strings.TrimSpace(line[eq+1:])
			if strings.HasPrefix(value, "{") {
				// Inline table: record each of its keys on this line too.
				for _, k := range inlineKeys(value) {
					l.set(key+"."+k, n)
				}
			}
		}
	}
	return l
}

func (l *locator) set(path string, line int) {
	if _, ok := l.lines[path]; !ok {
		l.lines[path] = line
	}
}

// line returns the line of path, or of its nearest located parent, or 0.
func (l *locator) line(path string) int {
	for path != "" {
		if n, ok := l.lines[path]; ok {
			return n
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			break
		}
		path = path[:cut]
	}
	return 0
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// splitKey splits a dotted TOML key, removing quotes and spaces around each part.
func splitKey(s string) []string {
	var parts []string
	for _, p := range strings.Split(s, ".") {
		p = strings.Trim(strings.TrimSpace(p), `"'`)
		if p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// inlineKeys returns the keys at the top level of an inline table such as { dist = "pert", min = 1 }.
func inlineKeys(s string) []string {
	var keys []string
	depth, start := 0, 0
	inStr := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr != 0:
			if c == inStr {
				inStr = 0
			}
		case c == '"' || c == '\'':
			inStr = c
		case c == '{' || c == '[':
			depth++
			if depth == 1 {
				start = i + 1
			}
		case c == '}' || c == ']':
			depth--
		case c == ',' && depth == 1:
			start = i + 1
		case c == '=' && depth == 1:
			keys = append(keys, strings.Trim(strings.TrimSpace(s[start:i]), `"'`))
		}
	}
	return keys
}

// stripComment removes a # comment that is not inside a string.
func stripComment(s string) string {
	inStr := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr != 0:
			if c == '\\' && inStr == '"' {
				i++
			} else if c == inStr {
				inStr = 0
			}
		case c == '"' || c == '\'':
			inStr = c
		case c == '#':
			return s[:i]
		}
	}
	return s
}
