#!/usr/bin/env bash
# The screenshots in docs/quickstart.md and the README, taken in headless Chromium by dev/page-screenshot.sh (which also
# fails if a page asks the network for anything or draws no chart).
#
#   dev/screenshots.sh [JENKINS_BUILD_URL]
#
# Runs the demo (./edge-mlops demo) into a fresh folder and takes docs/images/demo-report.png of its report's top and
# docs/images/demo-report-gate.png of its last drift gate (the rolled-back version). With the
# address of a build's Edge MLOps page (e.g. http://127.0.0.1:8080/job/nightly/2/edge-mlops/, a build of
# examples/Jenkinsfile), also docs/images/jenkins-build-page.png of it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
images="$root/docs/images"
mkdir -p "$images"

run="$(mktemp -d /tmp/edge-mlops-screenshots.XXXXXX)"
"$root/edge-mlops" demo --work-dir "$run/demo" > "$run/demo.txt"
"$root/dev/page-screenshot.sh" "$run/demo/report/index.html" "$images/demo-report.png" 1280x1800
"$root/dev/page-screenshot.sh" "$run/demo/report/index.html" "$images/demo-report-gate.png" 1280x1400 .emo-drift-gate

if [[ $# -ge 1 ]]; then
  "$root/dev/page-screenshot.sh" "$1" "$images/jenkins-build-page.png" 1280x1800
fi
echo "screenshots: $(ls "$images"/*.png | tr '\n' ' ')" >&2
