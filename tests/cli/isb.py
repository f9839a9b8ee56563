#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""isb.py BIN CAPTURES_DIR - the capture's real end from a pcapng Interface
Statistics Block (isb_endtime), on pcapng files crafted here from
expiry-capture-ends.pcap (the media stops 260.9 s after the client's only
report and the capture ends with it: MA207 "likely" from the timing):
- an ISB whose isb_endtime is 10 s after the last packet: the capture went
  on, so MA207 says the membership expired (not "likely") and MA206 counts
  the 10 s; the same little-endian or big-endian, nanosecond if_tsresol or
  microsecond times (dumpcap 4.0 writes microseconds whatever the IDB says),
  an if_tsoffset, gzip-compressed;
- an ISB ending with the last packet changes nothing;
- bad blocks (an option past its block, a trailing length that differs, an
  ISB of an interface never described, an absurd end time) are a warning
  naming the byte offset, never a crash, and the end time is not used."""
import gzip
import json
import os
import struct
import subprocess
import sys
import tempfile

import contracts

BIN = CAPS = None


def pcap_records(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack_from("<I", data, 0)[0]
    assert magic == 0xA1B2C3D4, hex(magic)  # the generator writes µs little-endian pcap
    out, off = [], 24
    while off + 16 <= len(data):
        sec, usec, caplen, wirelen = struct.unpack_from("<IIII", data, off)
        out.append((sec * 10**9 + usec * 1000, data[off + 16:off + 16 + caplen], wirelen))
        off += 16 + caplen
    return out


def block(e, btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack(e + "II", btype, n) + body + struct.pack(e + "I", n)


def opt(e, code, value):
    return struct.pack(e + "HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def pcapng(records, isb_ticks=None, e="<", units=10**9, tsresol=9, tsoffset=0, isb=None,
           idb=True, tail=None):
    shb = block(e, 0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1))
    out = shb
    if idb:
        opts = opt(e, 9, bytes([tsresol]))
        if tsoffset:
            opts += opt(e, 14, struct.pack(e + "q", tsoffset))
        out += block(e, 1, struct.pack(e + "HHI", 1, 0, 65535) + opts + opt(e, 0, b""))
    for ns, data, wire in records:
        t = (ns - tsoffset * 10**9) * units // 10**9
        out += block(e, 6, struct.pack(e + "IIIII", 0, t >> 32, t & 0xFFFFFFFF, len(data), wire) + data)
    if isb is not None:
        out += isb
    elif isb_ticks is not None:
        hi, lo = isb_ticks >> 32, isb_ticks & 0xFFFFFFFF
        body = struct.pack(e + "III", 0, hi, lo) + opt(e, 3, struct.pack(e + "II", hi, lo)) + opt(e, 0, b"")
        out += block(e, 5, body)
    if tail is not None:
        out += tail
    return out


def audit(path):
    p = subprocess.run([BIN, "--format", "json", path], capture_output=True)
    assert p.returncode in (0, 1), (path, p.returncode, p.stderr)
    r = contracts.check_json(p.stdout)["reports"][0]
    return r, {v["code"]: v for v in r["verdicts"]}


def expect_expired(path, what):
    r, v = audit(path)
    assert set(v) == {"MA206", "MA207"}, (what, sorted(v))
    assert v["MA207"]["message"].endswith("the membership expired"), (what, v["MA207"]["message"])
    assert "in the 271 s captured" in v["MA206"]["message"], (what, v["MA206"]["message"])
    assert r["capture"]["warnings"] == [], (what, r["capture"]["warnings"])


def expect_likely(path, what, warning=None, more=()):
    r, v = audit(path)
    assert set(v) == {"MA206", "MA207", *more}, (what, sorted(v))
    assert "likely expired" in v["MA207"]["message"], (what, v["MA207"]["message"])
    assert "in the 261 s captured" in v["MA206"]["message"], (what, v["MA206"]["message"])
    warns = r["capture"]["warnings"]
    if warning is None:
        assert warns == [], (what, warns)
    else:
        assert [w for w in warns if warning in w], (what, warns)
    return r


def main():
    global BIN, CAPS
    BIN, CAPS = sys.argv[1], sys.argv[2]
    recs = pcap_records(os.path.join(CAPS, "expiry-capture-ends.pcap"))
    last = recs[-1][0]
    later = last + 10 * 10**9
    with tempfile.TemporaryDirectory() as tmp:
        def write(name, data):
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            return path

        # the timing alone, as the pcap: "likely"
        expect_likely(write("plain.pcapng", pcapng(recs)), "no ISB")
        expect_likely(write("at-end.pcapng", pcapng(recs, isb_ticks=last)), "ISB at the last packet")
        expect_expired(write("ns.pcapng", pcapng(recs, isb_ticks=later)), "ns ISB")
        expect_expired(write("be.pcapng", pcapng(recs, isb_ticks=later, e=">")), "big-endian")
        expect_expired(write("us.pcapng", pcapng(recs, isb_ticks=later // 1000)), "µs ISB, ns IDB")
        expect_expired(write("us-idb.pcapng", pcapng(recs, isb_ticks=later // 1000, units=10**6, tsresol=6)),
                       "µs IDB")
        off = 1768471200  # if_tsoffset: times count from the scenario's epoch
        expect_expired(write("offset.pcapng",
                             pcapng(recs, isb_ticks=later - off * 10**9, tsoffset=off)), "if_tsoffset")
        gz = write("gz.pcapng.gz", gzip.compress(pcapng(recs, isb_ticks=later), mtime=0))
        expect_expired(gz, "gzip")

        e = "<"
        hi, lo = later >> 32, later & 0xFFFFFFFF
        good_opts = opt(e, 3, struct.pack(e + "II", hi, lo))
        # an option whose length runs past the block
        bad_opt = struct.pack(e + "III", 0, hi, lo) + struct.pack(e + "HH", 3, 200) + struct.pack(e + "II", hi, lo)
        expect_likely(write("bad-opt.pcapng", pcapng(recs, isb=block(e, 5, bad_opt))), "option past the block",
                      "an option runs past its block; its interface statistics are not used past it")
        # an ISB about interface 7 of a section that described one
        stray = struct.pack(e + "III", 7, hi, lo) + good_opts
        expect_likely(write("stray.pcapng", pcapng(recs, isb=block(e, 5, stray))), "unknown interface",
                      "interface statistics block of an interface never described")
        # an end a year after the packets, at either resolution
        year = last + 365 * 86400 * 10**9
        expect_likely(write("far.pcapng", pcapng(recs, isb_ticks=year)), "absurd end",
                      "isb_endtime is not near the packets' times at either resolution")
        # a trailing length that differs from the leading one: libpcap stops
        # there too (MA921), after every packet
        isb = bytearray(block(e, 5, struct.pack(e + "III", 0, hi, lo) + good_opts))
        isb[-4:] = struct.pack(e + "I", len(isb) + 4)
        r = expect_likely(write("tail.pcapng", pcapng(recs, isb=bytes(isb))), "trailing length",
                          "block's trailing length differs from its leading one", more=("MA921",))
        assert r["capture"]["frames"] == len(recs), r["capture"]
        # cut inside the ISB's header: the same, from the file's end
        cut = pcapng(recs, isb_ticks=later)[:-30]
        expect_likely(write("cut.pcapng", cut), "cut", "the file ends inside a block", more=("MA921",))
        # dumpcap's own: 4.0.17 wrote microseconds under an IDB saying nanoseconds
        real = os.path.join(CAPS, "real", "expiry-no-query.pcapng")
        r, v = audit(real)
        assert v["MA207"]["message"].endswith("273.0 s after the client's last report (frame 36): "
                                              "the membership expired"), v["MA207"]["message"]
        assert "in the 279 s captured" in v["MA206"]["message"], v["MA206"]["message"]
        n_blocks = 2 + len(recs)
        print("ok: %d packets, %d blocks: ISB 10 s after the last packet makes MA207 definitive "
              "(ns, us, big-endian, if_tsoffset, gzip); 5 bad blocks are warnings; real expiry-no-query: "
              "dumpcap's ISB 5.2 s after the media, MA207 proven" % (len(recs), n_blocks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
