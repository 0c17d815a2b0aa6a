#!/usr/bin/env bash
# Runs the notebooks in this folder headless, with the GoNB kernel, and fails if any cell fails or a
# notebook shows no chart. Installs what is missing first, and only that, so a second run is quick:
#   - Debian's jupyter-nbconvert and jupyter-client (apt-get; needs root or sudo);
#   - GoNB and goimports, built from a pinned tools module in the cache folder below;
#   - the GoNB kernel spec, in the cache folder's own Jupyter data folder.
#
# Usage: notebooks/run.sh [OUT]
#   OUT receives the executed copies of the notebooks (default: a new temporary folder, removed at the
#   end unless KEEP_OUTPUTS=1). The committed .ipynb files are never written.
#
# Environment:
#   PSNBYOD_NOTEBOOKS_CACHE  where the tools live (default ${XDG_CACHE_HOME:-$HOME/.cache}/psnbyod-notebooks)
#   NOTEBOOKS                which notebooks to run, by name without .ipynb (default: every one here)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
gonb_version=v0.11.1
goimports_version=v0.52.0
cache=${PSNBYOD_NOTEBOOKS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/psnbyod-notebooks}
if [ -n "${NOTEBOOKS:-}" ]; then
  notebooks=$NOTEBOOKS
else
  notebooks=$(cd "$here" && for f in *.ipynb; do echo "${f%.ipynb}"; done)
fi

# GoNB compiles every cell with the go on PATH: use this machine's Go, never a downloaded toolchain.
export GOTOOLCHAIN=local
# The kernel spec must be found in the same place at install and at run time.
export JUPYTER_DATA_DIR=$cache/jupyter
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then export PATH=/usr/local/go/bin:$PATH; fi
command -v go >/dev/null 2>&1 || { echo "run.sh: Go is not installed: install Go 1.26 or later" >&2; exit 1; }
# The kernel needs gonb and goimports on its PATH, and go itself.
export PATH=$cache/bin:$PATH

say() { echo "notebooks: $*" >&2; }

# 1. Jupyter, from Debian. /usr/bin/jupyter runs on Debian's Python, whatever python3 is first on PATH.
jupyter=/usr/bin/jupyter
if ! dpkg -s jupyter-nbconvert jupyter-client >/dev/null 2>&1 || [ ! -x "$jupyter" ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  say "installing jupyter-nbconvert and jupyter-client with apt-get"
  if ! apt-cache show jupyter-nbconvert >/dev/null 2>&1; then $sudo apt-get update -q; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    jupyter-nbconvert jupyter-client >/dev/null
fi

# 2. GoNB and goimports, pinned. The module proxy lists no versions of gonb, so `go install ...@latest`
# fails; `go get -tool` of an exact version in a tools module of our own works.
mkdir -p "$cache/bin" "$cache/mod"
stamp=$cache/bin/.versions
want="gonb $gonb_version goimports $goimports_version go $(go env GOVERSION)"
if [ ! -x "$cache/bin/gonb" ] || [ ! -x "$cache/bin/goimports" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "building gonb $gonb_version and goimports $goimports_version into $cache/bin"
  (
    cd "$cache/mod"
    rm -f go.mod go.sum
    go mod init psnbyod-notebook-tools >/dev/null 2>&1
    go get -tool "github.com/janpfeifer/gonb@$gonb_version"
    go build -o "$cache/bin/gonb" github.com/janpfeifer/gonb
  )
  GOBIN=$cache/bin go install "golang.org/x/tools/cmd/goimports@$goimports_version"
  echo "$want" >"$stamp"
  rm -rf "$JUPYTER_DATA_DIR/kernels/gonb" # the spec names the binary: reinstall it below
fi

# 3. The kernel spec. --force_deps: gopls is optional (it only serves completion in an editor).
if [ ! -f "$JUPYTER_DATA_DIR/kernels/gonb/kernel.json" ]; then
  say "installing the GoNB kernel spec into $JUPYTER_DATA_DIR"
  gonb --install --raw_error --force_deps >/dev/null 2>&1 || gonb --install --raw_error --force_deps
fi

# 4. Execute each notebook into OUT, never in place.
if [ $# -ge 1 ]; then
  out=$1
  mkdir -p "$out"
else
  out=$(mktemp -d)
  if [ "${KEEP_OUTPUTS:-0}" != 1 ]; then trap 'rm -rf "$out"' EXIT; fi
fi
status=0
for nb in $notebooks; do
  start=$(date +%s)
  say "executing $nb.ipynb"
  if ! "$jupyter" nbconvert --to notebook --execute \
      --ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout=600 \
      --output-dir "$out" "$here/$nb.ipynb" >"$out/$nb.log" 2>&1; then
    cat "$out/$nb.log" >&2
    say "FAILED: $nb.ipynb (a cell failed; the log is above)"
    status=1
    continue
  fi
  # nbconvert fails on a cell that does not compile, but GoNB v0.11.1 reports a cell whose program
  # panics or exits non-zero (and a failed ! command) only as text on stderr ending in "exit status
  # N", and goes on to the next cell. So read the outputs too. And a notebook that runs but draws
  # nothing has lost its point: each must show at least one chart.
  charts=$(/usr/bin/python3 - "$out/$nb.ipynb" <<'EOF'
import json, re, sys
nb = json.load(open(sys.argv[1]))
failed = re.compile(r"^(exit status [0-9]+|panic: .*|fatal error: .*)$", re.M)
charts = 0
for i, cell in enumerate(nb["cells"]):
    for o in cell.get("outputs", []):
        kind = o.get("output_type")
        if kind == "error":
            sys.exit("cell %d failed: %s: %s" % (i + 1, o.get("ename", ""), o.get("evalue", "")))
        if kind == "stream" and o.get("name") == "stderr":
            text = "".join(o.get("text", ""))
            if failed.search(text):
                sys.exit("cell %d failed:\n%s" % (i + 1, text))
        data = o.get("data", {})
        if "image/png" in data or "image/svg+xml" in data:
            charts += 1
print(charts)
EOF
  ) || { say "FAILED: $nb.ipynb"; status=1; continue; }
  if [ "$charts" -lt 1 ]; then
    say "FAILED: $nb.ipynb ran but showed no chart"
    status=1
    continue
  fi
  say "ok: $nb.ipynb ($charts charts, $(($(date +%s) - start)) s)"
done
if [ "$status" -ne 0 ]; then exit "$status"; fi
say "all notebooks ran; executed copies in $out"
