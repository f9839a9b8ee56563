#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""membership_tshark.py BIN TSHARK CAPTURE - every IGMP/MLD message of the
capture, record by record, as mcast-audit's JSON lists it
("membership_messages") and as tshark decodes it, must agree.

Compared per message: frame, sender, destination, IP TTL, router alert,
protocol, version, type, group, S flag / QRV / QQIC of v3 queries, query
sources, each record (type, group, sources, aux data length), checksum value
and status (good, bad, unchecked).  mcast-audit folds a message identical to
the previous one from the same sender into it (repeats, last_frame): the
same fold is applied to tshark's messages (they are "expanded" by counting
them), so the run of 70,000 identical refreshes is one entry on both sides
and every frame of it is still accounted for.  Only membership types count
(IGMP 0x11 0x12 0x16 0x17 0x22; ICMPv6 130 131 132 143): tshark decodes
mtrace and DVMRP as IGMP too, and mcast-audit does not list them."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import contracts  # noqa: E402

IGMP_TYPES = {0x11, 0x12, 0x16, 0x17, 0x22}
MLD_TYPES = {130, 131, 132, 143}
FIELDS = ["frame.number", "ip.src", "ip.dst", "ip.ttl", "ip.opt.ra", "ipv6.src", "ipv6.dst",
          "ipv6.hlim", "ipv6.opt.router_alert",
          "igmp.type", "igmp.version", "igmp.maddr", "igmp.num_src", "igmp.saddr",
          "igmp.record_type", "igmp.aux_data_len", "igmp.s", "igmp.qrv", "igmp.qqic",
          "igmp.checksum", "igmp.checksum.status", "igmp.num_grp_recs",
          "icmpv6.type", "icmpv6.checksum", "icmpv6.checksum.status",
          "icmpv6.mld.multicast_address", "icmpv6.mld.flag.s", "icmpv6.mld.flag.qrv",
          "icmpv6.mld.qqi", "icmpv6.mld.nb_sources", "icmpv6.mld.source_address",
          "icmpv6.mldr.nb_mcast_records", "icmpv6.mldr.mar.record_type",
          "icmpv6.mldr.mar.multicast_address", "icmpv6.mldr.mar.nb_sources",
          "icmpv6.mldr.mar.source_address", "icmpv6.mldr.mar.aux_data_len"]
STATUS = {"0": "bad", "1": "good", "2": "unchecked"}


def tshark_messages(exe, cap):
    args = [exe, "-r", cap, "-Y", "igmp or icmpv6.type == 130 or icmpv6.type == 131 or icmpv6.type == 132 or icmpv6.type == 143",
            "-T", "json"]
    for f in FIELDS:
        args += ["-e", f]
    p = subprocess.run(args, capture_output=True, text=True, check=False)
    if p.returncode != 0:
        raise RuntimeError("tshark failed: %s" % p.stderr)
    out = []
    for pkt in json.loads(p.stdout or "[]"):
        f = pkt["_source"]["layers"]
        m = one(f)
        if m is not None:
            out.append(m)
    return out


def last(f, name, default=None):
    """The innermost occurrence (tunnels: VXLAN and GRE carry two IP headers)."""
    v = f.get(name)
    return v[-1] if v else default


def ints(f, name):
    return [int(x, 0) for x in f.get(name, [])]


def split(values, counts):
    """values cut into consecutive lists of counts[i] each."""
    out, at = [], 0
    for n in counts:
        out.append(values[at:at + n])
        at += n
    assert at == len(values), (values, counts)
    return out


def one(f):
    frame = int(f["frame.number"][0])
    if "igmp.type" in f:
        typ = int(last(f, "igmp.type"), 0)
        if typ not in IGMP_TYPES:
            return None
        m = {"proto": "IGMP", "src": last(f, "ip.src"), "dst": last(f, "ip.dst"),
             "ttl": int(last(f, "ip.ttl")), "router_alert": "ip.opt.ra" in f,
             "version": int(last(f, "igmp.version")), "type": typ,
             "checksum": "0x%04x" % int(last(f, "igmp.checksum"), 0),
             "checksum_status": STATUS[last(f, "igmp.checksum.status", "2")]}
        v3_query = typ == 0x11 and m["version"] == 3
        if typ == 0x22:
            counts = ints(f, "igmp.num_src")
            srcs = split(f.get("igmp.saddr", []), counts)
            types, groups, aux = ints(f, "igmp.record_type"), f.get("igmp.maddr", []), \
                ints(f, "igmp.aux_data_len")
            m["group"] = None
            m["records"] = [{"type": t, "group": g, "sources": s, "aux_words": a}
                            for t, g, s, a in zip(types, groups, srcs, aux)]
            assert len(m["records"]) == int(last(f, "igmp.num_grp_recs")), (frame, m)
        else:
            m["group"] = last(f, "igmp.maddr")
            m["records"] = None
        m["query_sources"] = f.get("igmp.saddr", []) if typ == 0x11 else None
        m["s_flag"] = (last(f, "igmp.s") in ("1", "True")) if v3_query else None
        m["qrv"] = int(last(f, "igmp.qrv")) if v3_query else None
        qqic = int(last(f, "igmp.qqic")) if v3_query else None
    else:
        typ = int(last(f, "icmpv6.type"))
        if typ not in MLD_TYPES:
            return None
        version = 2 if typ == 143 or (typ == 130 and "icmpv6.mld.flag.qrv" in f) else 1
        m = {"proto": "MLD", "src": last(f, "ipv6.src"), "dst": last(f, "ipv6.dst"),
             "ttl": int(last(f, "ipv6.hlim")), "router_alert": "ipv6.opt.router_alert" in f,
             "version": version, "type": typ,
             "checksum": "0x%04x" % int(last(f, "icmpv6.checksum"), 0),
             "checksum_status": STATUS[last(f, "icmpv6.checksum.status", "2")]}
        v3_query = typ == 130 and version == 2
        if typ == 143:
            counts = ints(f, "icmpv6.mldr.mar.nb_sources")
            srcs = split(f.get("icmpv6.mldr.mar.source_address", []), counts)
            m["group"] = None
            m["records"] = [{"type": t, "group": g, "sources": s, "aux_words": a} for t, g, s, a in zip(
                ints(f, "icmpv6.mldr.mar.record_type"), f.get("icmpv6.mldr.mar.multicast_address", []),
                srcs, ints(f, "icmpv6.mldr.mar.aux_data_len"))]
            assert len(m["records"]) == int(last(f, "icmpv6.mldr.nb_mcast_records")), (frame, m)
        else:
            m["group"] = last(f, "icmpv6.mld.multicast_address")
            m["records"] = None
        m["query_sources"] = f.get("icmpv6.mld.source_address", []) if typ == 130 else None
        m["s_flag"] = (last(f, "icmpv6.mld.flag.s") in ("1", "True")) if v3_query else None
        m["qrv"] = int(last(f, "icmpv6.mld.flag.qrv")) if v3_query else None
        qqic = int(last(f, "icmpv6.mld.qqi")) if v3_query else None
    # QQIC below 128 is the interval itself (RFC 3376 4.1.7); above, both
    # sides decode the floating form and only ours is compared by value
    m["qqi_s"] = qqic if qqic is None or qqic < 128 else "float"
    m["frame"] = frame
    return m


KEYS = ("src", "dst", "ttl", "router_alert", "proto", "version", "type", "group", "records",
        "query_sources", "s_flag", "qrv", "qqi_s", "checksum", "checksum_status")


def fold(msgs):
    """mcast-audit's fold (core/correlator_messages.c) on tshark's messages."""
    out, latest = [], {}
    for m in msgs:
        key = (m["proto"], m["src"])
        content = tuple(json.dumps(m[k], sort_keys=True) for k in KEYS)
        at = latest.get(key)
        if at is not None and out[at]["content"] == content:
            out[at]["repeats"] += 1
            out[at]["last_frame"] = m["frame"]
            continue
        e = dict(m, repeats=0, last_frame=m["frame"], content=content)
        latest[key] = len(out)
        out.append(e)
    return out


def ours(binary, cap):
    p = subprocess.run([binary, "--format", "json", cap], capture_output=True, text=True, check=False)
    assert p.returncode in (0, 1), (cap, p.returncode, p.stderr[-2000:])
    doc = contracts.check_json(p.stdout)
    (r,) = doc["reports"]
    events = {e["name"]: e["count"] for e in r["capture"]["decode_events"]}
    assert "membership.message_table_full" not in events, events
    out = []
    for m in r["membership_messages"]:
        e = {k: m[k] for k in KEYS + ("frame", "repeats", "last_frame")}
        if e["records"] is not None:
            e["records"] = [{k: x[k] for k in ("type", "group", "sources", "aux_words")}
                            for x in e["records"]]
        if e["qqi_s"] is not None and e["qqi_s"] >= 128:
            e["qqi_s"] = "float"
        out.append(e)
    return out


def main():
    binary, exe, cap = sys.argv[1:4]
    theirs = [{k: m[k] for k in KEYS + ("frame", "repeats", "last_frame")}
              for m in fold(tshark_messages(exe, cap))]
    mine = ours(binary, cap)
    bad = 0
    frames = sum(m["repeats"] + 1 for m in theirs)
    for i in range(max(len(mine), len(theirs))):
        a = mine[i] if i < len(mine) else None
        b = theirs[i] if i < len(theirs) else None
        if a != b:
            bad += 1
            if bad <= 10:
                print("entry %d differs:\n  mcast-audit %s\n  tshark      %s" % (i, a, b))
    if bad:
        print("%s: %d of %d entries differ" % (cap, bad, max(len(mine), len(theirs))))
        sys.exit(1)
    print("%s: %d IGMP/MLD messages in %d entries agree with tshark (%d folded repeats)" % (
        os.path.basename(cap), frames, len(mine), frames - len(mine)))


if __name__ == "__main__":
    main()
