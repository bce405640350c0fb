#!/usr/bin/env bash
# Renders an HTML page in headless Chromium, saves a screenshot, and checks what a reader of a static report relies on:
# the page asks the network for nothing, and its charts are drawn.
#
#   dev/page-screenshot.sh PAGE OUT.png [WIDTHxHEIGHT] [SELECTOR]
#
# With SELECTOR (CSS), the screenshot starts at the last element it matches (e.g. .emo-drift-gate).
# PAGE is a file (the demo's report/index.html) or an http(s) address (a Jenkins build page on 127.0.0.1, whose own
# requests to 127.0.0.1 are allowed). dev/page-check.py drives Chromium over the DevTools protocol and sees every
# request of the page's tab; the script fails when the page asked any other address for anything, or drew no <svg>
# chart. Installs Debian's chromium first when it is missing (needs root or sudo).
set -euo pipefail

page="${1:?usage: dev/page-screenshot.sh PAGE OUT.png [WIDTHxHEIGHT] [SELECTOR]}"
out="${2:?usage: dev/page-screenshot.sh PAGE OUT.png [WIDTHxHEIGHT] [SELECTOR]}"
size="${3:-1280x2000}"
selector=(${4:+"$4"})
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  echo "page-screenshot: installing Debian's chromium" >&2
  sudo_cmd=""
  [[ "$(id -u)" == 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium >&2
fi

case "$page" in
  http://*|https://*) url="$page" ;;
  *) url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" ;;
esac
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
result="$(PROFILE_DIR="$profile" timeout 120 python3 "$here/page-check.py" "$url" "$out" "${size%x*}" "${size#*x}" "${selector[@]}")"

python3 - "$result" "$out" "$size" <<'PY'
import json, sys
result, out, size = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
outside = [u for u in result["requests"] if not u.startswith(("http://127.0.0.1", "http://localhost"))]
print(f"page-screenshot: {out} ({size}): {result['charts']} svg charts ({result['polylines']} lines), "
      f"{len(outside)} requests to the network", file=sys.stderr)
if outside:
    print("page-screenshot: the page asked the network for:\n  " + "\n  ".join(outside), file=sys.stderr)
    sys.exit(1)
if result["charts"] == 0:
    print("page-screenshot: no <svg> chart on the page", file=sys.stderr)
    sys.exit(1)
PY
