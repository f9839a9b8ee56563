#!/usr/bin/env python3
"""Compare the plugin's -z mcast_audit table with the CLI's JSON report.

usage: parity.py CLI_JSON PLUGIN_Z_OUTPUT
Same verdict codes per session and overall, same packets/lost per track
(the track's RTP flow), same overall result.  Prints every difference."""
import json
import sys


def cli_figures(doc):
    flows = {f["id"]: f for f in doc.get("flows", [])}
    codes, tracks = {}, {}
    for s in doc.get("sessions", []):
        codes[s["id"]] = sorted({v["code"] for v in s.get("verdicts", [])})
        for t in s.get("tracks", []):
            rtp = [flows[i] for i in t.get("flows", []) if i in flows and flows[i].get("kind") == "rtp"]
            pk = str(rtp[0]["packets"]) if rtp and rtp[0].get("packets") is not None else "-"
            lo = str(rtp[0]["lost"]) if rtp and rtp[0].get("lost") is not None else "-"
            group = t.get("group")
            port = t.get("rtp_port")
            if group is None:
                gp = "-"
            else:
                g = "[%s]" % group if ":" in group else group
                gp = "%s:%s" % (g, port if port is not None else "-")
            tracks[(s["id"], t["index"])] = (gp, pk, lo)
    allc = sorted({v["code"] for v in doc.get("verdicts", [])})
    return codes, tracks, allc, doc.get("result")


def plugin_figures(text):
    codes, rows, allc, result = {}, [], [], None
    for line in text.splitlines():
        f = line.split()
        if line.startswith("Verdicts:"):
            allc = sorted(set(f[1].split(","))) if f[1] != "-" else []
        elif line.startswith("Result:"):
            result = f[1]
        elif len(f) == 11 and f[0].isdigit():
            sid = int(f[0])
            rows.append((sid, f[3], f[4], f[5]))
            codes.setdefault(sid, set())
            if f[9] != "-":
                codes[sid].update(f[9].split(","))
    return {k: sorted(v) for k, v in codes.items()}, rows, allc, result


def main():
    with open(sys.argv[1]) as fh:
        cli = cli_figures(json.load(fh))
    with open(sys.argv[2]) as fh:
        plug = plugin_figures(fh.read())
    errors = []
    if cli[0] != plug[0]:
        errors.append("verdicts per session: CLI %s plugin %s" % (cli[0], plug[0]))
    # Tracks in session order; the plugin prints them in the same order.
    cli_rows = [(sid, gp, pk, lo) for (sid, _), (gp, pk, lo) in sorted(cli[1].items())]
    if cli_rows != plug[1]:
        errors.append("tracks (session, group:port, packets, lost): CLI %s plugin %s" % (cli_rows, plug[1]))
    if cli[2] != plug[2]:
        errors.append("all verdicts: CLI %s plugin %s" % (cli[2], plug[2]))
    if cli[3] != plug[3]:
        errors.append("result: CLI %s plugin %s" % (cli[3], plug[3]))
    for e in errors:
        print("FAIL: " + e)
    if not errors:
        print("ok: %d sessions, %d tracks, verdicts %s, result %s" % (len(cli[0]), len(cli_rows), ",".join(cli[2]) or "-", cli[3]))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
