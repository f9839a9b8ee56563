#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""browser.py BIN [--expect CAPTURE=CODE[,CODE]:CHECK ...] [--save-screenshot PNG] CAPTURE...

Renders each capture's HTML report (mcast-audit --html) in a real headless
Chromium, driven through its DevTools protocol on 127.0.0.1, and checks:
  - the page loads with no console error, no uncaught exception and no
    error log entry (a blocked fetch would log one: the page forbids all);
  - the browser made no request but the page itself (no network, no fonts);
  - the DOM's verdict rows are exactly the verdict codes of the JSON report
    of the same run (as a multiset), and there is one ladder per JSON session
    with the session's id;
  - the screenshot is not blank (enough non-white pixels and colours, and
    the result badge in its colour);
  - one block per JSON group (the group-centric audit) with the JSON's
    figures (members, frames, zap time, queriers, flows, verdicts), each
    group verdict of the summary linking to it; the PINNED_GROUPS captures
    with their exact figures;
  - for the --expect captures: it prints (Page.printToPDF) to a summary page
    and at least a page per session.
--expect pins what a named capture must show beyond that: verdict codes, and
CHECKs by name (burst: a loss burst is marked; expired: the membership band
shows an expiry; missing-join: the ladder draws the client's missing join).
One browser serves every capture (a new tab each), so the whole captures/
folder takes a few seconds.  Needs Debian's chromium, python3-websocket and
python3-png (.ci/install-deps installs them).
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import png
import websocket

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
]
TIMEOUT_S = 30
VIEW_W, VIEW_H = 1200, 1600

# What the page reports about itself, evaluated in the page.
DOM_PROBE = """JSON.stringify({
  verdicts: [...document.querySelectorAll('#summary [data-verdict]')].map(e => e.dataset.verdict),
  ladders: [...document.querySelectorAll('svg.ladder')].map(e => Number(e.dataset.session)),
  ladderSteps: document.querySelectorAll('svg.ladder g.step').length,
  plots: document.querySelectorAll('svg.plots').length,
  panels: document.querySelectorAll('svg.plots [data-panel]').length,
  bursts: document.querySelectorAll('svg.plots .burst').length,
  expired: document.querySelectorAll('svg.plots rect.memb.expired').length,
  missingJoin: [...document.querySelectorAll('svg.ladder g.step.missing title')]
      .filter(t => t.textContent.startsWith('no IGMP/MLD report from the client')).length,
  result: document.getElementById('result') ? document.getElementById('result').dataset.result : null,
  brokenLinks: [...document.querySelectorAll('a[href^="#"]')]
      .filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length,
  groups: [...document.querySelectorAll('section.group')].map(g => ({
      id: g.id, group: g.dataset.group, static: g.dataset.static === '1',
      members: Number(g.dataset.members), firstMedia: Number(g.dataset.firstMediaFrame),
      queriers: Number(g.querySelector('[data-queriers]').dataset.queriers),
      flows: [...g.querySelectorAll('.flow')].map(f => Number(f.dataset.flow)),
      rows: [...g.querySelectorAll('tr.member')].map(m => Object.assign({}, m.dataset)),
      verdicts: [...g.querySelectorAll('[data-group-verdict]')].map(v => v.dataset.groupVerdict),
      visible: g.getBoundingClientRect().height > 0})),
  groupLinks: [...document.querySelectorAll('#summary a[href^="#group-"]')].length,
  described: [...document.querySelectorAll('section.described')].map(d => ({
      id: d.id, session: Number(d.dataset.session), origin: d.dataset.origin,
      sap: d.querySelector('[data-sap-announcements]') ?
          Object.assign({}, d.querySelector('[data-sap-announcements]').dataset) : null,
      tracks: [...d.querySelectorAll('tr.described-track')].map(t => Object.assign({}, t.dataset)),
      verdicts: [...d.querySelectorAll('[data-described-verdict]')].map(v => v.dataset.describedVerdict),
      visible: d.getBoundingClientRect().height > 0})),
  scripts: document.scripts.length,
  height: document.documentElement.scrollHeight
})"""


class Failure(Exception):
    pass


class Browser:
    """One headless Chromium and a flat-session DevTools connection to it."""

    def __init__(self):
        exe = shutil.which("chromium")
        if exe is None:
            raise Failure("chromium not found (Debian package chromium; .ci/install-deps)")
        self.profile = tempfile.mkdtemp(prefix="ma-chromium-")
        self.proc = subprocess.Popen([exe, *CHROMIUM_FLAGS, "--user-data-dir=" + self.profile,
                                      "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + TIMEOUT_S
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if self.proc.poll() is not None:
                raise Failure("chromium exited with %d before listening" % self.proc.returncode)
            if time.monotonic() > deadline:
                raise Failure("chromium did not open its DevTools port")
            time.sleep(0.05)
        time.sleep(0.05)
        with open(port_file) as f:
            port, path = f.read().split("\n")[:2]
        self.ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path),
                                              timeout=TIMEOUT_S, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session is not None:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise Failure("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, session):
        for i, ev in enumerate(self.events):
            if ev.get("method") == method and ev.get("sessionId") == session:
                return self.events.pop(i)
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            ev = json.loads(self.ws.recv())
            if ev.get("method") == method and ev.get("sessionId") == session:
                return ev
            self.events.append(ev)
        raise Failure("no %s within %d s" % (method, TIMEOUT_S))

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:  # noqa: BLE001 - it is going away either way
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def load(browser, url, full=False, pdf=False):
    """Opens url in a new tab; returns (dom, png bytes, problems).  The
    screenshot is of the first screen at half scale (pypng decodes in pure
    Python), or with full of the whole first screen at full scale."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(domain + ".enable", session=session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": VIEW_W, "height": VIEW_H, "deviceScaleFactor": 1, "mobile": False},
                 session=session)
    browser.call("Emulation.setScrollbarsHidden", {"hidden": True}, session=session)
    browser.events.clear()
    browser.call("Page.navigate", {"url": url}, session=session)
    browser.wait_event("Page.loadEventFired", session)
    dom = json.loads(browser.call("Runtime.evaluate", {"expression": DOM_PROBE, "returnByValue": True},
                                  session=session)["result"]["value"])
    clip = {"x": 0, "y": 0, "width": VIEW_W, "height": VIEW_H, "scale": 1 if full else 0.5}
    shot = base64.b64decode(browser.call("Page.captureScreenshot", {"format": "png", "clip": clip},
                                         session=session)["data"])
    printed = None
    if pdf:
        printed = base64.b64decode(browser.call("Page.printToPDF", {"printBackground": True},
                                                session=session)["data"])
    problems = []
    for ev in browser.events:
        if ev.get("sessionId") != session:
            continue
        m, p = ev.get("method"), ev.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            problems.append("console %s: %s" % (p["type"], [a.get("value") for a in p.get("args", [])]))
        elif m == "Runtime.exceptionThrown":
            problems.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            problems.append("log %s: %s" % (p["entry"]["level"], p["entry"].get("text")))
        elif m == "Network.requestWillBeSent" and p.get("request", {}).get("url") != url:
            problems.append("network request: %s" % p["request"]["url"])
    browser.call("Target.closeTarget", {"targetId": target})
    return dom, shot, problems, printed


# The result badge's background (report_html.c's --ok, --warn, --err).
BADGE = {"PASS": (0x1e, 0x7b, 0x34), "WARN": (0xb2, 0x6a, 0x00), "FAIL": (0xc0, 0x26, 0x2d)}


def blankness(shot, badge):
    """(share of non-white pixels, distinct colours, pixels of the badge
    colour) of a PNG screenshot, from every 2nd pixel of every 2nd row (pure
    Python: keep it cheap)."""
    w, _, rows, info = png.Reader(bytes=shot).read()
    if info["bitdepth"] != 8 or info["planes"] < 3:
        raise Failure("screenshot is not 8-bit RGB(A): %s" % info)
    step = info["planes"]
    inked, colours, seen, badged = 0, set(), 0, 0
    for y, row in enumerate(rows):
        if y % 2:
            continue
        for x in range(0, w * step, 2 * step):
            seen += 1
            px = (row[x], row[x + 1], row[x + 2])
            if px != (255, 255, 255):
                inked += 1
            if px == badge:
                badged += 1
            if len(colours) < 4096:
                colours.add(px)
    return inked / float(seen), len(colours), badged


def pdf_pages(data):
    """Page objects in a PDF (not the /Pages tree nodes)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


# The figures a capture's group blocks must show, pinned (besides equalling
# its JSON): per group its address, then per member (host, versions, join,
# leave, last report frames, zap ms or None, member at the end).
PINNED_GROUPS = {
    "static-multicast": [("239.1.1.10", [("10.9.97.41", "IGMPv3", 1, 352, 292, "35.0", False),
                                         ("10.9.97.42", "IGMPv2", 150, 557, 530, None, False)])],
    "static-expiry": [("239.1.1.20", [("10.9.97.42", "IGMPv3", 1, 0, 1, "650.0", True)])],
}


def member_dom(m):
    """A member of the JSON report as the page's data-* attributes say it."""
    proto = m["proto"] + "v" + "+".join(str(v) for v in m["versions"])
    return {"host": m["host"], "versions": proto, "mode": m["mode"],
            "joinFrame": str(m["first_join_frame"] or 0), "leaveFrame": str(m["last_leave_frame"] or 0),
            "reportFrame": str(m["last_report_frame"] or 0), "joins": str(m["joins"]),
            "leaves": str(m["leaves"]), "refreshes": str(m["refreshes"]),
            "memberAtEnd": "1" if m["member_at_end"] else "0", "zapFrame": str(m["zap_frame"] or 0),
            **({"zapMs": "%.1f" % m["zap_ms"]} if m["zap_ms"] is not None else {}),
            # every join's zap (the first and each after a leave): count, min, max, last
            "zaps": str(m["zaps"]),
            **({"zapMinMs": "%.1f" % m["zap_min_ms"], "zapMaxMs": "%.1f" % m["zap_max_ms"],
                "zapLastMs": "%.1f" % m["zap_last_ms"]} if m["zaps"] else {})}


def check_groups(dom, report, name):
    """The group blocks show the JSON report's groups, figure for figure;
    the summary links each group verdict to its block; pinned captures show
    their pinned figures."""
    groups = report.get("groups", [])
    if len(dom["groups"]) != len(groups):
        raise Failure("%d group blocks, %d JSON groups" % (len(dom["groups"]), len(groups)))
    links = 0
    for i, (d, j) in enumerate(zip(dom["groups"], groups)):
        want = {"id": "group-%d" % (i + 1), "group": j["group"], "static": j["static_multicast"],
                "members": len(j["members"]), "firstMedia": j["first_media_frame"] or 0,
                "queriers": len(j["queriers"]), "flows": j["flows"],
                "rows": [member_dom(m) for m in j["members"]],
                "verdicts": [v["code"] for v in j["verdicts"]], "visible": True}
        for key, value in want.items():
            if d[key] != value:
                raise Failure("group %s %s: page %r, JSON %r" % (j["group"], key, d[key], value))
        links += 2 * len(j["verdicts"])  # its "where" and its "show proof"
    if dom["groupLinks"] != links:
        raise Failure("%d summary links to group blocks, %d group verdicts" % (dom["groupLinks"], links))
    for addr, members in PINNED_GROUPS.get(name, []):
        d = next((g for g in dom["groups"] if g["group"] == addr), None)
        if d is None:
            raise Failure("no block for group %s" % addr)
        got = [(r["host"], r["versions"], int(r["joinFrame"]), int(r["leaveFrame"]),
                int(r["reportFrame"]), r.get("zapMs"), r["memberAtEnd"] == "1") for r in d["rows"]]
        if got != members:
            raise Failure("group %s members %s, expected %s" % (addr, got, members))


def check_described(dom, report):
    """A block per described session (--sdp, SAP) with the JSON's origin,
    SAP figures, tracks (group, port, payload types, clock, TTL, matched
    flow) and verdicts."""
    sessions = [s for s in report["sessions"] if s.get("origin", "rtsp") != "rtsp"]
    if len(dom["described"]) != len(sessions):
        raise Failure("%d described blocks, %d described sessions" % (len(dom["described"]), len(sessions)))
    for d, s in zip(dom["described"], sessions):
        flows = {}
        for f in report["flows"]:
            if f["kind"] == "rtp" and f["session"] == s["id"]:
                flows.setdefault((f["dst"], f["dport"]), f["id"])
        sap = s.get("sap")
        want = {"id": "described-%d" % s["id"], "session": s["id"], "origin": s["origin"],
                "sap": None if sap is None else {
                    "sapAnnouncements": str(sap["announcements"]),
                    "sapFirstFrame": str(sap["first_frame"]), "sapLastFrame": str(sap["last_frame"]),
                    "sapIntervalMax": "%.3f" % sap["interval_max_s"],
                    "sapDeletionFrame": str(sap["deletion_frame"] or 0)},
                "tracks": [{"track": str(i + 1), "group": t["group"], "port": str(t["rtp_port"]),
                            "payloadTypes": ",".join(str(p) for p in t["described"]["payload_types"]),
                            "clockRate": str(t["clock_rate"]),
                            "ttl": str(t["ttl"] if t["ttl"] is not None else -1),
                            "flow": str(flows.get((t["group"], t["rtp_port"]), 0))}
                           for i, t in enumerate(s["tracks"])],
                "verdicts": [v["code"] for v in report["verdicts"] if v.get("session") == s["id"]],
                "visible": True}
        for key, value in want.items():
            if d[key] != value:
                raise Failure("described session %d %s: page %r, JSON %r" % (s["id"], key, d[key], value))


def audit(binary, capture, workdir):
    name = os.path.basename(capture).rsplit(".", 1)[0]
    js, html = os.path.join(workdir, name + ".json"), os.path.join(workdir, name + ".html")
    run = subprocess.run([binary, "--format", "json", "-o", js, "--html", html, capture],
                         capture_output=True, text=True, timeout=120)
    if run.returncode not in (0, 1):
        raise Failure("mcast-audit exited %d: %s" % (run.returncode, run.stderr.strip()))
    with open(js) as f:
        report = json.load(f)["reports"][0]  # mcast-audit/2: the one file's report
    return report, html


def check(browser, binary, capture, workdir, expect, save):
    report, html = audit(binary, capture, workdir)
    size = os.path.getsize(html)
    dom, shot, problems, printed = load(browser, "file://" + html, full=save is not None,
                                        pdf=expect is not None)
    if problems:
        raise Failure("; ".join(problems))
    want = sorted(v["code"] for v in report["verdicts"])
    if sorted(dom["verdicts"]) != want:
        raise Failure("verdicts in the DOM %s, in the JSON %s" % (sorted(dom["verdicts"]), want))
    sessions = [s["id"] for s in report["sessions"]]
    if dom["ladders"] != sessions:
        raise Failure("ladders for sessions %s, JSON sessions %s" % (dom["ladders"], sessions))
    if dom["result"] != report["result"]:
        raise Failure("result %s in the page, %s in the JSON" % (dom["result"], report["result"]))
    check_groups(dom, report, os.path.basename(capture).rsplit(".", 1)[0])
    check_described(dom, report)
    if dom["brokenLinks"] or dom["scripts"]:
        raise Failure("%d links to nowhere, %d scripts" % (dom["brokenLinks"], dom["scripts"]))
    # Not blank: text and figures drawn (a page with no session still has its
    # header, summary and text report: about 1.5 %), and the result badge in
    # its colour (the page's CSS applied).
    inked, colours, badged = blankness(shot, BADGE[report["result"]])
    if inked < 0.01 or colours < 16 or badged < 100:
        raise Failure("screenshot looks blank: %.1f%% inked, %d colours, %d badge pixels"
                      % (100 * inked, colours, badged))
    if expect is not None:
        codes, checks = expect
        missing = [c for c in codes if c not in dom["verdicts"]]
        if missing:
            raise Failure("expected verdicts %s not shown" % missing)
        # It prints: a PDF with the summary page and a page per session (print CSS).
        if not printed.startswith(b"%PDF") or pdf_pages(printed) < 1 + len(sessions):
            raise Failure("printed to %d PDF pages, expected at least %d"
                          % (pdf_pages(printed), 1 + len(sessions)))
        for c in checks:
            key = {"burst": "bursts", "expired": "expired", "missing-join": "missingJoin"}[c]
            if dom[key] < 1:
                raise Failure("expected %s in the page, found none" % c)
    if printed is not None:
        print("   %s prints to %d pages" % (os.path.basename(capture), pdf_pages(printed)))
    if save is not None:
        with open(save, "wb") as f:
            f.write(shot)
    print("ok %s: %d verdicts %s, %d ladders (%d steps), %d plots (%d panels), %d groups "
          "(%d members), %d bytes, screenshot %.0f%% inked / %d colours / %d badge pixels"
          % (os.path.basename(capture), len(want), ",".join(want) or "-", len(sessions),
             dom["ladderSteps"], dom["plots"], dom["panels"], len(dom["groups"]),
             sum(g["members"] for g in dom["groups"]), size, 100 * inked, colours, badged))


def parse_args(argv):
    binary, expects, save, captures = argv[0], {}, None, []
    i = 1
    while i < len(argv):
        if argv[i] == "--expect":
            name, rest = argv[i + 1].split("=", 1)
            codes, _, checks = rest.partition(":")
            expects[name] = ([c for c in codes.split(",") if c], [c for c in checks.split(",") if c])
            i += 2
        elif argv[i] == "--save-screenshot":
            save = argv[i + 1]
            i += 2
        else:
            captures.append(argv[i])
            i += 1
    return binary, expects, save, captures


def main(argv):
    binary, expects, save, captures = parse_args(argv[1:])
    if not captures:
        print("usage: browser.py BIN [--expect NAME=CODES:CHECKS] [--save-screenshot PNG] CAPTURE...",
              file=sys.stderr)
        return 2
    for name in expects:
        if not any(os.path.basename(c).startswith(name + ".") for c in captures):
            print("--expect %s: no such capture given" % name, file=sys.stderr)
            return 2
    failures = 0
    workdir = tempfile.mkdtemp(prefix="ma-html-")
    browser = Browser()
    try:
        for cap in captures:
            name = os.path.basename(cap).rsplit(".", 1)[0]
            try:
                check(browser, binary, cap, workdir, expects.get(name),
                      save if save is not None and cap == captures[0] else None)
            except (Failure, OSError, ValueError, KeyError, subprocess.TimeoutExpired) as e:
                failures += 1
                print("FAIL %s: %s" % (os.path.basename(cap), e))
    finally:
        browser.close()
        shutil.rmtree(workdir, ignore_errors=True)
    print("%d of %d captures passed" % (len(captures) - failures, len(captures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
