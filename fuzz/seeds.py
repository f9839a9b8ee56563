# SPDX-License-Identifier: GPL-2.0-or-later
"""seeds.py - the fuzz harnesses' seed corpora, extracted from the shipped
captures at build time (so no binary corpus is committed):

    seeds.py OUTDIR CAPTURE_OR_DIR... [--hand DIR]

Writes OUTDIR/<harness>/<sha1> for every harness in fuzz/CMakeLists.txt,
each in the input format its harness documents: RTSP messages and the
Transport values and SDP bodies they carry, each direction of an RTSP
connection as one stream, IGMP and MLD messages (MLD with its IPv6 source
and destination), RTP/RTCP flows and whole captures as records
(fuzz_records.h), single frames with their link type first (fuzz_link.h),
and the Ethernet frames also re-framed as raw IP, Linux cooked v1/v2 and
BSD loopback so that every link type starts with valid frames.  --hand
adds the hand-made seeds of DIR/<harness>/*.  Standard library only."""
import hashlib
import os
import re
import struct
import sys

# fuzz_link.h: the index of each DLT in fuzz_dlts[]
DLT_INDEX = {0: 0, 1: 1, 12: 2, 14: 3, 101: 4, 108: 5, 113: 6, 228: 7, 229: 8, 276: 9}
HARNESSES = ("rtsp_message", "rtsp_framer", "transport", "sdp", "igmp", "mld", "rtp",
             "correlator", "decode_frame", "sap")
SAP_PORT = 9875  # RFC 2974: fuzz_sap's seeds are the datagrams to it
RTSP_PORTS = (554, 8554)
MAX_SEED = 65536          # bytes: the harnesses' -max_len
MAX_FRAMES_PER_FLOW = 4   # decode_frame seeds per UDP flow or IGMP/MLD sender
MAX_RTSP_FRAMES = 12      # per TCP connection direction
MAX_RTP_RECORDS = 64      # datagrams per rtp seed
MAX_RTP_SEED = 8192       # fuzz/harnesses.txt: the rtp harness's -max_len (2 datagrams at least)
MAX_CORRELATOR_SEED = 8192      # fuzz/harnesses.txt: the correlator's -max_len
MAX_CORRELATOR_DATAGRAMS = 6    # per UDP flow


def read_pcap(path):
    """[(dlt, ts_ns, bytes)]: classic pcap (either byte order, us or ns) or pcapng."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        import gzip
        data = gzip.decompress(data)
    magic = data[:4]
    out = []
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = "<" if magic[0] in (0xd4, 0x4d) else ">"
        ns = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
        dlt = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
        off = 24
        while off + 16 <= len(data):
            sec, frac, incl, _ = struct.unpack(e + "IIII", data[off:off + 16])
            off += 16
            out.append((dlt, sec * 10**9 + (frac if ns else frac * 1000), data[off:off + incl]))
            off += incl
        return out
    if magic == b"\x0a\x0d\x0d\x0a":
        e = "<" if data[8:12] == b"\x4d\x3c\x2b\x1a" else ">"
        links = []
        off = 0
        while off + 12 <= len(data):
            btype, blen = struct.unpack(e + "II", data[off:off + 8])
            if blen < 12:
                break
            body = data[off + 8:off + blen - 4]
            if btype == 1:    # interface description
                links.append(struct.unpack(e + "H", body[:2])[0])
            elif btype == 6:  # enhanced packet
                ifc, hi, lo, cap = struct.unpack(e + "IIII", body[:16])
                if ifc < len(links):
                    out.append((links[ifc], ((hi << 32) | lo) * 1000, body[20:20 + cap]))
            off += blen
        return out
    return []


def ip_of_ethernet(frame):
    """(ethertype, IP bytes) after Ethernet and any VLAN tags, or None."""
    off = 12
    while off + 2 <= len(frame):
        et = struct.unpack("!H", frame[off:off + 2])[0]
        if et in (0x8100, 0x88a8):
            off += 4
            continue
        return et, frame[off + 2:]
    return None


def ip_of(dlt, frame):
    if dlt == 1:
        return ip_of_ethernet(frame)
    if dlt in (12, 14, 101, 228, 229):
        return (0x86dd if frame[:1] and frame[0] >> 4 == 6 else 0x0800), frame
    if dlt == 113 and len(frame) >= 16:
        return struct.unpack("!H", frame[14:16])[0], frame[16:]
    if dlt == 276 and len(frame) >= 20:
        return struct.unpack("!H", frame[0:2])[0], frame[20:]
    return None


def transport_of(et, ip):
    """(proto, src, dst, payload-after-IP-headers) of an unfragmented datagram, or None."""
    if et == 0x0800 and len(ip) >= 20 and ip[0] >> 4 == 4:
        ihl = (ip[0] & 15) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        if struct.unpack("!H", ip[6:8])[0] & 0x3FFF:
            return None
        return ip[9], ip[12:16], ip[16:20], ip[ihl:max(ihl, min(total, len(ip)))]
    if et == 0x86dd and len(ip) >= 40 and ip[0] >> 4 == 6:
        nxt, off = ip[6], 40
        end = min(len(ip), 40 + struct.unpack("!H", ip[4:6])[0])
        while nxt in (0, 43, 60) and off + 8 <= end:  # hop-by-hop, routing, destination
            nxt, off = ip[off], off + 8 + ip[off + 1] * 8
        if nxt == 44:
            return None
        return nxt, ip[8:24], ip[24:40], ip[off:end]
    return None


def reframe(et, ip):
    """The same IP packet under the other link types: [(dlt, frame)]."""
    v6 = et == 0x86dd
    af = struct.pack("<I", 30 if v6 else 2)  # BSD AF_INET6 (Linux/FreeBSD: 10/28; any works)
    return [
        (12, ip), (229 if v6 else 228, ip), (101, ip),
        (0, af + ip), (108, struct.pack(">I", 30 if v6 else 2) + ip),
        (113, struct.pack("!HHH8sH", 0, 1, 6, b"\x02\0\0\0\0\x01\0\0", et) + ip),
        (276, struct.pack("!HHIHBB8s", et, 0, 2, 1, 0, 6, b"\x02\0\0\0\0\x01\0\0") + ip),
    ]


def records(items):
    """fuzz_records.h framing of [(ts_ns, bytes)]."""
    out, prev = b"", None
    for ts, b in items:
        dt = 0 if prev is None else max(0, min(255, (ts - prev) // 10**6))
        prev = ts if prev is None else prev + dt * 10**6
        b = b[:65535]
        out += struct.pack("!BH", dt, len(b)) + b
    return out


RTSP_START = re.compile(rb"^(RTSP/\d\.\d |[A-Z_]{3,20} \S+ RTSP/\d\.\d\r?\n)")


class Corpus:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = {h: 0 for h in HARNESSES}
        for h in HARNESSES:
            os.makedirs(os.path.join(outdir, h), exist_ok=True)

    def add(self, harness, data):
        if not data or len(data) > MAX_SEED:
            return
        path = os.path.join(self.outdir, harness, hashlib.sha1(data).hexdigest())
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.count[harness] += 1


def rtsp_parts(c, stream):
    """Messages of one RTSP stream direction: the message, Transport values, SDP bodies."""
    for m in re.finditer(rb"(?:RTSP/\d\.\d |[A-Z_]{3,20} \S+ RTSP/\d\.\d\r?\n)", stream):
        head_end = stream.find(b"\r\n\r\n", m.start())
        if head_end < 0:
            continue
        head = stream[m.start():head_end + 4]
        cl = re.search(rb"(?im)^content-length:\s*(\d+)", head)
        body = stream[head_end + 4:head_end + 4 + int(cl.group(1))] if cl else b""
        c.add("rtsp_message", head + body)
        for t in re.finditer(rb"(?im)^transport:[ \t]*(.*?)\r?$", head):
            c.add("transport", t.group(1))
        if body and re.search(rb"(?im)^content-type:\s*application/sdp", head):
            c.add("sdp", body)


def extract(c, path, serial):
    pkts = read_pcap(path)
    if not pkts:
        return
    dlt0 = pkts[0][0]
    if dlt0 not in DLT_INDEX:
        return
    streams, flows, frames_per_flow = {}, {}, {}
    reframed = 0
    for dlt, ts, frame in pkts:
        got = ip_of(dlt, frame)
        if got is None:
            continue
        et, ip = got
        t = transport_of(et, ip)
        if t is None:
            c.add("decode_frame", bytes([DLT_INDEX[dlt]]) + frame)
            continue
        proto, src, dst, pl = t
        key = (proto, src, dst, pl[:4] if proto in (6, 17) else b"")
        if proto == 17 and len(pl) >= 8:
            sport, dport = struct.unpack("!HH", pl[:4])
            flows.setdefault(key, []).append((ts, pl[8:]))
            if dport == SAP_PORT:
                c.add("sap", pl[8:])
        elif proto == 6 and len(pl) >= 20:
            sport, dport = struct.unpack("!HH", pl[:4])
            data = pl[(pl[12] >> 4) * 4:]
            if (sport in RTSP_PORTS or dport in RTSP_PORTS) and data:
                s = streams.setdefault((src, dst, sport, dport), bytearray())
                if len(s) < MAX_SEED:
                    s += data
                if RTSP_START.match(data):
                    c.add("rtsp_message", data)
        elif proto == 2:
            c.add("igmp", pl)
        elif proto == 58 and pl[:1] and pl[0] in (130, 131, 132, 143):
            c.add("mld", src + dst + pl)
        n = frames_per_flow.get(key, 0)
        if n < (MAX_RTSP_FRAMES if proto == 6 else MAX_FRAMES_PER_FLOW):
            frames_per_flow[key] = n + 1
            c.add("decode_frame", bytes([DLT_INDEX[dlt]]) + frame)
            if dlt == 1 and reframed < 4:
                reframed += 1
                for odlt, oframe in reframe(et, ip):
                    c.add("decode_frame", bytes([DLT_INDEX[odlt]]) + oframe)
    for s in streams.values():
        c.add("rtsp_framer", b"\x00" + bytes(s))
        c.add("rtsp_framer", b"\x05" + bytes(s))  # small bound, gaps
        rtsp_parts(c, bytes(s))
    for i, items in enumerate(flows.values()):
        if len(items) >= 2:
            n = 2
            while n < min(len(items), MAX_RTP_RECORDS) and \
                    len(records(items[:n + 1])) + 1 <= MAX_RTP_SEED:
                n += 1
            c.add("rtp", bytes([2 + (i & 1) * 0x80]) + records(items[:n]))
    # The capture's start as the correlator's input: every frame that is
    # not UDP (RTSP, IGMP, MLD) and the first few datagrams of each UDP flow,
    # within MAX_CORRELATOR_SEED bytes (the audit costs per byte: small
    # inputs keep the executions fast).
    picked, per_flow = [], {}
    for dlt, ts, frame in pkts:
        got = ip_of(dlt, frame)
        t = transport_of(*got) if got else None
        key = (t[0], t[1], t[2], t[3][:4]) if t and t[0] == 17 else None
        if key is not None:
            per_flow[key] = per_flow.get(key, 0) + 1
            if per_flow[key] > MAX_CORRELATOR_DATAGRAMS:
                continue
        picked.append((ts, frame))
    n = 0
    while n < len(picked) and len(records(picked[:n + 1])) + 1 <= MAX_CORRELATOR_SEED:
        n += 1
    body = records(picked[:n])
    # One capture in four renders a report (mode bits 6-7 zero), the four
    # formats in turn (bits 4-5); the others are judged only
    # (fuzz_correlator.c).
    render = (serial // 4) % 4 << 4 if serial % 4 == 0 else 0x40
    c.add("correlator", bytes([DLT_INDEX[dlt0] | render]) + body)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    outdir, inputs, hand = argv[1], [], None
    args = argv[2:]
    while args:
        a = args.pop(0)
        if a == "--hand":
            hand = args.pop(0)
        elif os.path.isdir(a):
            for root, _, files in sorted(os.walk(a)):
                inputs += [os.path.join(root, f) for f in sorted(files)
                           if f.endswith((".pcap", ".pcapng", ".pcap.gz"))]
        else:
            inputs.append(a)
    c = Corpus(outdir)
    for serial, path in enumerate(inputs):
        extract(c, path, serial)
    if hand:
        for h in HARNESSES:
            d = os.path.join(hand, h)
            for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
                with open(os.path.join(d, f), "rb") as fp:
                    c.add(h, fp.read())
    print("seeds: " + ", ".join("%s %d" % (h, c.count[h]) for h in HARNESSES)
          + " (from %d captures)" % len(inputs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
