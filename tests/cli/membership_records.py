#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""membership_records.py BIN TSHARK - the IGMP/MLD listing on what the
shipped captures do not have: bad checksums (IGMP and MLD), records with
auxiliary data and several sources, a group-and-source-specific IGMPv3 query,
IGMPv1, MLDv1, an MLDv2 query, and a folded run broken by a different
message.  The capture is written here; the listing must agree with tshark's
message by message (tests/gen/membership_tshark.py), and its figures are
checked exactly: entries, repeats, checksum statuses, decode events."""
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "hostile"))
sys.path.insert(0, os.path.join(HERE, "..", "gen"))
import contracts  # noqa: E402
import membership_tshark as mt  # noqa: E402
import pcapgen as pg  # noqa: E402

HOST, OTHER, QUERIER = "10.9.97.42", "10.9.97.43", "10.9.97.1"
H6 = bytes.fromhex("fe800000000000000000000000000042")
Q6 = bytes.fromhex("fe800000000000000000000000000001")
G6 = bytes.fromhex("ff150000000000000000000000efffc8")
S6 = bytes.fromhex("20010db8000000000000000000000069")
MLDV2_ALL = bytes.fromhex("ff020000000000000000000000000016")
ALL_NODES = bytes.fromhex("ff020000000000000000000000000001")


def igmp(body, bad=False):
    msg = bytearray(body)
    msg[2:4] = b"\0\0"
    ck = pg.inet_sum(bytes(msg))
    msg[2:4] = struct.pack("!H", ck ^ 0x5a5a if bad else ck)
    return bytes(msg)


def v3_report(records):
    """records: [(type, group, [sources], aux_words)]"""
    body = b""
    for rtype, group, sources, aux in records:
        body += struct.pack("!BBH4s", rtype, aux, len(sources), pg.ip4(group))
        body += b"".join(pg.ip4(s) for s in sources) + b"\xaa" * (4 * aux)
    return igmp(struct.pack("!BBHHH", 0x22, 0, 0, 0, len(records)) + body)


def v3_query(group, sources, s=True, qrv=2, qqic=125, mrc=100):
    return igmp(struct.pack("!BBH4sBBH", 0x11, mrc, 0, pg.ip4(group), (8 if s else 0) | qrv, qqic,
                            len(sources)) + b"".join(pg.ip4(x) for x in sources))


def v4(src, dst, msg):
    return pg.eth_ip4(src, dst, 2, msg, ttl=1, options=pg.ROUTER_ALERT)


def icmp6(src, dst, body, bad=False):
    msg = bytearray(body)
    pseudo = src + dst + struct.pack("!IxxxB", len(msg), 58)
    ck = pg.inet_sum(pseudo + bytes(msg))
    msg[2:4] = struct.pack("!H", ck ^ 0x1111 if bad else ck)
    return bytes(msg)


def v6(src, dst, msg):
    """IPv6 with a hop-by-hop router alert (RFC 2711), hop limit 1."""
    hbh = struct.pack("!BB", 58, 0) + bytes([5, 2, 0, 0, 1, 0])
    payload = hbh + msg
    ip = struct.pack("!IHBB", 0x60000000, len(payload), 0, 1) + src + dst
    dmac = bytes([0x33, 0x33]) + dst[12:]
    return pg.eth(dmac, bytes([2, 0, 0, 0, 0, src[15]]), ip + payload, ethertype=0x86DD)


def mldv2_report(records, bad=False, src=H6):
    body = b""
    for rtype, group, sources in records:
        body += struct.pack("!BBH", rtype, 0, len(sources)) + group + b"".join(sources)
    return v6(src, MLDV2_ALL, icmp6(src, MLDV2_ALL, struct.pack("!BBHHH", 143, 0, 0, 0, len(records))
                                    + body, bad))


FRAMES = [
    # 1, 2: the same IGMPv2 report, the second with a bad checksum: two entries
    v4(HOST, "239.1.1.1", igmp(struct.pack("!BBH4s", 0x16, 0, 0, pg.ip4("239.1.1.1")))),
    v4(HOST, "239.1.1.1", igmp(struct.pack("!BBH4s", 0x16, 0, 0, pg.ip4("239.1.1.1")), bad=True)),
    # 3: two records, sources and auxiliary data
    v4(OTHER, "224.0.0.22", v3_report([(5, "232.1.1.1", ["10.1.1.1", "10.1.1.2"], 1),
                                       (6, "232.1.1.1", ["10.1.1.3"], 0)])),
    # 4: a group-and-source-specific query
    v4(QUERIER, "232.1.1.1", v3_query("232.1.1.1", ["10.1.1.1", "10.1.1.3"])),
    # 5-7: frame 3 again, three times: folded into entry 3 (repeats 3)
    v4(OTHER, "224.0.0.22", v3_report([(5, "232.1.1.1", ["10.1.1.1", "10.1.1.2"], 1),
                                       (6, "232.1.1.1", ["10.1.1.3"], 0)])),
    v4(OTHER, "224.0.0.22", v3_report([(5, "232.1.1.1", ["10.1.1.1", "10.1.1.2"], 1),
                                       (6, "232.1.1.1", ["10.1.1.3"], 0)])),
    v4(OTHER, "224.0.0.22", v3_report([(5, "232.1.1.1", ["10.1.1.1", "10.1.1.2"], 1),
                                       (6, "232.1.1.1", ["10.1.1.3"], 0)])),
    # 8: IGMPv1 report, 9: IGMPv1 query (max resp 0), 10: IGMPv2 leave
    v4(HOST, "239.1.1.2", igmp(struct.pack("!BBH4s", 0x12, 0, 0, pg.ip4("239.1.1.2")))),
    v4(QUERIER, "224.0.0.1", igmp(struct.pack("!BBH4s", 0x11, 0, 0, pg.ip4("0.0.0.0")))),
    v4(HOST, "224.0.0.2", igmp(struct.pack("!BBH4s", 0x17, 0, 0, pg.ip4("239.1.1.1")))),
    # 11: MLDv2 report with a bad checksum, 12: MLDv1 report, 13: MLDv2 query with a source
    mldv2_report([(1, G6, [S6]), (4, bytes.fromhex("ff150000000000000000000000efffc9"), [])],
                 bad=True),
    v6(H6, G6, icmp6(H6, G6, struct.pack("!BBHHH16s", 131, 0, 0, 0, 0, G6))),
    v6(Q6, G6, icmp6(Q6, G6, struct.pack("!BBHHH16sBBH", 130, 0, 0, 1000, 0, G6, 2, 125, 1) + S6)),
    # 14: frame 1 again: not a repeat of frame 2 (the sender's latest), a new entry
    v4(HOST, "239.1.1.1", igmp(struct.pack("!BBH4s", 0x16, 0, 0, pg.ip4("239.1.1.1")))),
]


def main():
    binary, exe = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as d:
        cap = os.path.join(d, "records.pcap")
        with pg.PcapWriter(cap) as w:
            for i, fr in enumerate(FRAMES):
                w.add(1768471200000000 + i * 100000, fr)
        theirs = [{k: m[k] for k in mt.KEYS + ("frame", "repeats", "last_frame")}
                  for m in mt.fold(mt.tshark_messages(exe, cap))]
        mine = mt.ours(binary, cap)
        assert mine == theirs, "\n".join("%s\n%s\n" % (a, b) for a, b in zip(mine, theirs) if a != b)
        p = subprocess.run([binary, "--format", "json", cap], capture_output=True, text=True)
        (r,) = contracts.check_json(p.stdout)["reports"]
    got = [(m["frame"], m["repeats"], m["last_frame"], m["proto"], m["version"], m["kind"],
            m["checksum_status"]) for m in r["membership_messages"]]
    want = [(1, 0, 1, "IGMP", 2, "report", "good"), (2, 0, 2, "IGMP", 2, "report", "bad"),
            (3, 3, 7, "IGMP", 3, "report", "good"), (4, 0, 4, "IGMP", 3, "query", "good"),
            (8, 0, 8, "IGMP", 1, "report", "good"), (9, 0, 9, "IGMP", 1, "query", "good"),
            (10, 0, 10, "IGMP", 2, "leave", "good"), (11, 0, 11, "MLD", 2, "report", "bad"),
            (12, 0, 12, "MLD", 1, "report", "good"), (13, 0, 13, "MLD", 2, "query", "good"),
            (14, 0, 14, "IGMP", 2, "report", "good")]
    assert got == want, got
    rec = r["membership_messages"][2]["records"]
    assert [(x["name"], x["sources"], x["aux_words"]) for x in rec] == [
        ("ALLOW", ["10.1.1.1", "10.1.1.2"], 1), ("BLOCK", ["10.1.1.3"], 0)], rec
    q = r["membership_messages"][3]
    assert (q["group"], q["query_sources"], q["s_flag"], q["qrv"], q["qqi_s"], q["max_resp_ms"]) == (
        "232.1.1.1", ["10.1.1.1", "10.1.1.3"], True, 2, 125, 10000.0), q
    events = {e["name"]: (e["count"], e["first_frame"]) for e in r["capture"]["decode_events"]}
    assert events == {"igmp.bad_checksum": (1, 2), "mld.bad_checksum": (1, 11)}, events
    print("ok: 14 frames, 11 entries (one run of 4 folded), 2 bad checksums, agree with tshark")


if __name__ == "__main__":
    main()
