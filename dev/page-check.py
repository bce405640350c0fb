#!/usr/bin/env python3
"""Loads a page in headless Chromium over the DevTools protocol (a pipe, no extra packages) and reports what a reader
of a static report relies on: every network request the page itself made, how many SVG charts it drew, and a
full-page screenshot.

    dev/page-check.py URL OUT.png WIDTH HEIGHT [SELECTOR]

With SELECTOR (CSS), the screenshot starts at the last element it matches, e.g. the last drift gate block.

Prints one JSON object: {"requests": [...urls other than file: and data:...], "charts": N, "polylines": N}.
Only the page's own requests are seen (events of its tab), not the browser's background services.
"""
import base64, json, os, subprocess, sys

url, out, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
selector = sys.argv[5] if len(sys.argv) > 5 else None
to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()
# Chromium reads commands on fd 3 and writes answers on fd 4.
chrome = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
     "--remote-debugging-pipe", "--user-data-dir=" + os.environ.get("PROFILE_DIR", "/tmp/page-check-profile")],
    # Popen closes every descriptor not listed here after preexec_fn, so 3 and 4 are listed as well.
    pass_fds=(3, 4, to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL, preexec_fn=lambda: (os.dup2(to_chrome_r, 3), os.dup2(from_chrome_w, 4)))
os.close(to_chrome_r)
os.close(from_chrome_w)
reader = os.fdopen(from_chrome_r, "rb")
buffer = b""
next_id = 0
events = []


def send(method, params=None, session=None):
    global next_id
    next_id += 1
    message = {"id": next_id, "method": method, "params": params or {}}
    if session:
        message["sessionId"] = session
    os.write(to_chrome_w, json.dumps(message).encode() + b"\0")
    return wait(lambda m: m.get("id") == next_id)


def wait(matches):
    global buffer
    while True:
        while b"\0" not in buffer:
            chunk = reader.read1(65536)
            if not chunk:
                raise SystemExit("page-check: chromium closed the pipe")
            buffer += chunk
        raw, buffer = buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "error" in message:
            raise SystemExit("page-check: " + json.dumps(message["error"]))
        if matches(message):
            return message
        events.append(message)


target = send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
send("Network.enable", session=session)
send("Page.enable", session=session)
send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                            "mobile": False}, session=session)
send("Page.navigate", {"url": url}, session=session)
wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
counts = send("Runtime.evaluate", {"expression": "JSON.stringify([document.querySelectorAll('svg').length,"
                                   "document.querySelectorAll('svg polyline').length])", "returnByValue": True},
              session=session)["result"]["result"]["value"]
if selector:
    send("Runtime.evaluate", {"expression": "(() => { const all = document.querySelectorAll(" + json.dumps(selector)
                              + "); if (all.length) all[all.length - 1].scrollIntoView(); })()"}, session=session)
shot = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session=session)
with open(out, "wb") as f:
    f.write(base64.b64decode(shot["result"]["data"]))
requests = [e["params"]["request"]["url"] for e in events
            if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == session]
try:
    send("Browser.close")
except SystemExit:
    pass
chrome.wait(timeout=30)
svg, polylines = json.loads(counts)
print(json.dumps({"requests": [u for u in requests if not u.startswith(("file:", "data:"))],
                  "charts": svg, "polylines": polylines}))
