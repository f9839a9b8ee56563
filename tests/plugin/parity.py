#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare the plugin's -z mcast_audit table with the CLI's JSON report.

usage: parity.py CLI_JSON PLUGIN_Z_OUTPUT PLUGIN_VERDICT_FRAMES [ADDRS LATENCIES [TS [FLOWS [FEC]]]]
Same verdict codes per session and overall, same packets/lost, MPEG-TS
(packets/cc errors/cc lost) and FEC (packets/lost per stream) cells per RTP
flow of each track, same overall result, and each verdict code shown on the same
frames (PLUGIN_VERDICT_FRAMES: "frame<TAB>code,code" lines from
tshark -2 -T fields -e frame.number -e mcast_audit.verdict).
ADDRS: "session, client, client6, server, server6, source, source6" of each
SETUP reply frame: the address-typed fields name the CLI's client, server
and expected source.  LATENCIES: "frame<TAB>seconds" of mcast_audit.join_latency
(a relative time): the CLI's join_latency_ms at the track's client_join_frame
(joins after the PLAY reply; before it the two count from different replies).
TS: "flow<TAB>packets<TAB>cc_errors<TAB>cc_lost" of every frame with
mcast_audit.ts.packets: the last of each flow equals the CLI's mpegts figures.
FLOWS: "flow, flow_role, flow_sender, clock_rate_source, flow_clock_rate,
rr_reports" rows of frames with one flow: the CLI's role, sender,
clock_rate_source, clock_rate and receiver_reports.reports of that flow.
FEC: "flow, direction, packets, lost, offset, NA" of every FEC frame: the
last of each FEC flow equals a stream of the CLI's flow.fec objects.
The rows of media flows without a session (unsignalled RTP, MPEG-TS over
UDP) under the table: the CLI's flows with no session, kind rtp or mpegts
(source, destination, datagrams, packets, expected, lost, duplicates,
reordered, jitter max, the flow's verdict codes, MPEG-TS cell).
Prints every difference."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import contracts  # noqa: E402  (tests/cli/contracts.py: the JSON schema check)


def num(v):
    return "-" if v is None else str(v)


def addr_port(addr, port):
    if addr is None:
        return "-"
    a = "[%s]" % addr if ":" in addr else addr
    return "%s:%s" % (a, "-" if port is None else port)


def ts_cell(f):
    """The table's MPEG-TS cell: packets/cc_errors/cc_lost, "-" without TS."""
    ts = f.get("mpegts")
    return "-" if not ts else "%d/%d/%d" % (ts["packets"], ts["cc_errors"], ts["cc_lost"])


def fec_cell(f):
    """The table's FEC cell: col:packets/lost,row:packets/lost, "-" without FEC."""
    fec = f.get("fec") or {}
    parts = ["%s:%d/%d" % (name, fec[d]["packets"], fec[d]["lost"])
             for d, name in (("column", "col"), ("row", "row")) if fec.get(d)]
    return ",".join(parts) or "-"


def cli_figures(doc):
    flows = {f["id"]: f for f in doc.get("flows", [])}
    codes, rows = {}, []
    for s in doc.get("sessions", []):
        codes[s["id"]] = sorted({v["code"] for v in s.get("verdicts", [])})
        for t in s.get("tracks", []):
            rtp = [flows[i] for i in t.get("flows", []) if i in flows and flows[i].get("kind") == "rtp"]
            if not rtp:
                # A track no RTP reached: its negotiated group:port, no figures.
                rows.append((s["id"], addr_port(t.get("group"), t.get("rtp_port")), "-", "-", "-", "-"))
            for f in rtp:
                rows.append((s["id"], addr_port(f["dst"], f["dport"]), num(f.get("packets")), num(f.get("lost")),
                             ts_cell(f), fec_cell(f)))
        if not s.get("tracks"):
            rows.append((s["id"], "-", "-", "-", "-", "-"))
    allc = sorted({v["code"] for v in doc.get("verdicts", [])})
    return codes, rows, allc, doc.get("result")


def plugin_figures(text):
    codes, rows, allc, result = {}, [], [], None
    for line in text.splitlines():
        f = line.split()
        if line.startswith("Verdicts:"):
            allc = sorted(set(f[1].split(","))) if f[1] != "-" else []
        elif line.startswith("Result:"):
            result = f[1]
        elif len(f) == 13 and f[0].isdigit():
            sid = int(f[0])
            rows.append((sid, f[3], f[4], f[5], f[11], f[12]))
            codes.setdefault(sid, set())
            if f[9] != "-":
                codes[sid].update(f[9].split(","))
    return {k: sorted(v) for k, v in codes.items()}, rows, allc, result


def cli_unbound_rows(doc):
    """The CLI's media flows tied to no session, as the plugin's rows under
    "Media flows without a session" (a multiset: flow ids are per front end)."""
    rows = []
    for f in doc.get("flows", []):
        if f.get("session") is not None or f.get("unrelated") or f.get("kind") not in ("rtp", "mpegts"):
            continue
        codes = sorted({v["code"] for v in doc.get("verdicts", []) if v.get("flow") == f["id"]})
        jit = f.get("jitter_max_ms")
        rows.append(("RTP" if f["kind"] == "rtp" else "MPEG-TS/UDP", addr_port(f["src"], f["sport"]),
                     addr_port(f["dst"], f["dport"]), str(f["datagrams"]), num(f.get("packets")),
                     num(f.get("expected")), num(f.get("lost")), num(f.get("duplicates")),
                     num(f.get("reordered")), "-" if jit is None else jit, ",".join(codes) or "-",
                     ts_cell(f)))
    return sorted(rows, key=lambda r: r[:9] + r[10:])


def plugin_unbound_rows(text):
    rows, inside = [], False
    for line in text.splitlines():
        f = line.split()
        if line.startswith("Media flows without a session"):
            inside = True
        elif inside and len(f) == 14 and f[0].isdigit():
            jit = f[10] if f[10] == "-" else float(f[10])
            codes = ",".join(sorted(f[11].split(","))) if f[11] != "-" else "-"
            rows.append((f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], jit, codes, f[13]))
    return sorted(rows, key=lambda r: r[:9] + r[10:])


def check_unbound(doc, text, errors):
    """Same rows; jitter max within the rounding of the JSON (4 decimals) and
    the table (3)."""
    want, got = cli_unbound_rows(doc), plugin_unbound_rows(text)
    same = len(want) == len(got) and all(
        w[:9] + w[10:] == g[:9] + g[10:] and
        (w[9] == g[9] if "-" in (w[9], g[9]) else abs(w[9] - g[9]) <= 0.00051)
        for w, g in zip(want, got))
    if not same:
        errors.append("media flows without a session: CLI %s plugin %s" % (want, got))
    return len(want)


def cli_frames(doc):
    out = {}
    for v in doc.get("verdicts", []):
        if v.get("frames"):  # a verdict with no proving frame (MA920) is on no frame
            out.setdefault(v["code"], set()).update(v["frames"])
    return {k: sorted(v) for k, v in out.items()}


def plugin_frames(text):
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[1]:
            for code in parts[1].split(","):
                out.setdefault(code, set()).add(int(parts[0]))
    return {k: sorted(v) for k, v in out.items()}


def check_addresses(doc, text, errors):
    sessions = {s["id"]: s for s in doc.get("sessions", [])}
    seen = 0
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[0]:
            continue
        s = sessions.get(int(f[0]))
        if s is None:
            errors.append("addresses: plugin session %s not in the CLI report" % f[0])
            continue
        seen += 1
        got = {"client": f[1] or f[2] or None, "server": f[3] or f[4] or None}
        for key in ("client", "server"):
            if got[key] != s.get(key):
                errors.append("session %s %s: CLI %s plugin %s" % (f[0], key, s.get(key), got[key]))
        sources = {t.get("source") for t in s.get("tracks", []) if t.get("source")}
        src = f[5] or f[6] or None
        if src is not None and src not in sources:
            errors.append("session %s source: CLI %s plugin %s" % (f[0], sorted(sources), src))
    return seen


def check_latencies(doc, text, errors):
    plugin = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) == 2 and f[1]:
            plugin[int(f[0])] = float(f[1].split(",")[0])
    n = 0
    for s in doc.get("sessions", []):
        for t in s.get("tracks", []):
            ms, frame = t.get("join_latency_ms"), t.get("client_join_frame")
            # A join before the PLAY reply: the CLI counts from PLAY (negative), the
            # plugin's first pass from the SETUP reply (PLAY not seen yet): not comparable.
            if ms is None or frame is None or ms < 0:
                continue
            n += 1
            if frame not in plugin or abs(plugin[frame] * 1000.0 - ms) > 1e-3:
                errors.append("join latency at frame %d: CLI %s ms plugin %s s" % (frame, ms, plugin.get(frame)))
    return n


def check_mpegts(doc, text, errors):
    last = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) == 4 and f[0]:
            last[int(f[0].split(",")[0])] = tuple(int(v.split(",")[0]) for v in f[1:])
    cli = {fl["id"]: (fl["mpegts"]["packets"], fl["mpegts"]["cc_errors"], fl["mpegts"]["cc_lost"])
           for fl in doc.get("flows", []) if fl.get("mpegts")}
    if cli != last:
        errors.append("MPEG-TS (packets, cc_errors, cc_lost) per flow: CLI %s plugin %s" % (cli, last))
    return len(cli)


def check_flows(doc, text, errors):
    """Each flow's (role, sender, clock source, clock rate, receiver reports),
    compared as a multiset: flow ids are numbered per front end and differ
    where the plugin also sees a tunnel's outer datagrams (VXLAN, GRE)."""
    def cli_row(c):
        rr = c.get("receiver_reports") or {}
        return (c["role"], c.get("sender") or "", c.get("clock_rate_source") or "",
                str(c["clock_rate"]) if c.get("clock_rate_source") else "",
                str(rr["reports"]) if rr else "")
    want = sorted(cli_row(f) for f in doc.get("flows", [])
                  if f.get("role") not in (None, "none") and f.get("datagrams"))
    got = []
    for line in text.splitlines():
        f = line.split("\t")
        f += [""] * (6 - len(f))
        if f[0]:
            got.append(tuple(f[1:6]))
    got.sort()
    if got != want:
        errors.append("flows (role, sender, clock source, clock rate, receiver reports): CLI %s plugin %s"
                      % (want, got))
    return len(got)


def check_fec(doc, text, errors):
    """The last FEC frame of each FEC flow: (direction, packets, lost, offset, NA)
    equal the CLI's fec streams of the media flows (a multiset: ids differ)."""
    last = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) == 6 and f[0]:
            last[f[0]] = (f[1], int(f[2]), int(f[3]), f[4], f[5])
    want = sorted((d, s["packets"], s["lost"], num(s["offset"]), num(s["na"]))
                  for fl in doc.get("flows", []) if fl.get("fec")
                  for d, s in fl["fec"].items() if s)
    want = [tuple("" if v == "-" else v for v in w) for w in want]
    got = sorted(last.values())
    if got != want:
        errors.append("FEC streams (direction, packets, lost, offset, NA): CLI %s plugin %s" % (want, got))
    return len(got)


def main():
    with open(sys.argv[1]) as fh:
        whole = contracts.check_json(fh.read())
    doc = whole["reports"][0]  # one capture: one report
    cli = cli_figures(doc)
    with open(sys.argv[3]) as fh:
        pframes = plugin_frames(fh.read())
    if cli_frames(doc) != pframes:
        print("FAIL: verdict frames: CLI %s plugin %s" % (cli_frames(doc), pframes))
        return 1
    with open(sys.argv[2]) as fh:
        plug_text = fh.read()
    plug = plugin_figures(plug_text)
    errors = []
    if cli[0] != plug[0]:
        errors.append("verdicts per session: CLI %s plugin %s" % (cli[0], plug[0]))
    # Rows in session, track, flow order: the plugin prints them alike.
    cli_rows = cli[1]
    if cli_rows != plug[1]:
        errors.append("RTP rows (session, group:port, packets, lost, TS, FEC): CLI %s plugin %s"
                      % (cli_rows, plug[1]))
    if cli[2] != plug[2]:
        errors.append("all verdicts: CLI %s plugin %s" % (cli[2], plug[2]))
    if cli[3] != plug[3]:
        errors.append("result: CLI %s plugin %s" % (cli[3], plug[3]))
    nunbound = check_unbound(doc, plug_text, errors)
    naddr = nlat = nflows = 0
    if len(sys.argv) > 5:
        with open(sys.argv[4]) as fh:
            naddr = check_addresses(doc, fh.read(), errors)
        with open(sys.argv[5]) as fh:
            nlat = check_latencies(doc, fh.read(), errors)
    nts = 0
    if len(sys.argv) > 6:
        with open(sys.argv[6]) as fh:
            nts = check_mpegts(doc, fh.read(), errors)
    if len(sys.argv) > 7:
        with open(sys.argv[7]) as fh:
            nflows = check_flows(doc, fh.read(), errors)
    nfec = 0
    if len(sys.argv) > 8:
        with open(sys.argv[8]) as fh:
            nfec = check_fec(doc, fh.read(), errors)
    for e in errors:
        print("FAIL: " + e)
    if not errors:
        print("ok: %d sessions, %d RTP rows, verdicts %s, result %s, %d address rows, %d join latencies, "
              "%d TS flows, %d flow roles, %d FEC streams, %d media flows without a session"
              % (len(cli[0]), len(cli_rows), ",".join(cli[2]) or "-", cli[3], naddr, nlat, nts, nflows, nfec,
                 nunbound))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
