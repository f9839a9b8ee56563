#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""fragments.py BIN SEED - a fragment flood cannot push out a genuine
fragmented stream (issue 8 item 3, tools/mcast-audit/decode_fragments.c).

The genuine stream is the seed capture with every IPv4 datagram of the
camera's media (RTP and RTCP to the group) sent as three fragments and its
IGMP report as two, written at test time.  Alone, it must be audited exactly
as the seed is (every figure but frame numbers and flow ids) with no decode
event.  Then 100,000 bogus fragments are merged into it, in 100 bursts of
1,000, each burst between two fragments of a genuine datagram (after the
second fragment of a datagram for the even bursts: the datagram is then
trusted because its fragments form one run; after the first fragment for the
odd ones: trusted because its sender and group completed datagrams before).
A burst is 200 rounds of five bogus fragments, from 10.66.0.0/16 to the
camera's group and port, each round three datagrams:
  - a lone first fragment that never completes (a datagram "new");
  - the same middle fragment twice, identical (a datagram "suspect");
  - two fragments that overlap with different bytes (dropped at once,
    fragment.overlap).
A burst leaves 400 bogus datagrams in reassembly, more than the table's 256:
the old oldest-first eviction dropped the genuine datagram of every burst.
Now the genuine figures must be exactly those of the stream alone, and the
drops decode events with exact counts: 20,000 fragment.overlap; of the 40,000
bogus datagrams kept, those pushed out (fragment.table_full) and those left
incomplete at the end of the capture (fragment.timeout) add up to 40,000."""
import os
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import floods  # noqa: E402  (the seed reader, the audit, the frame-free figures)
import pcapgen as pg  # noqa: E402

GROUP, PORT = "239.255.255.200", 8860
ROUNDS_PER_BURST = 200
BURSTS = 100
FRAGMENTS_PER_ROUND = 5


def split_ipv4(frame):
    """Ethernet + IPv4 frame -> (eth header, ip header fields, payload)."""
    eth, ip = frame[:14], frame[14:]
    ihl = (ip[0] & 0x0F) * 4
    total = struct.unpack("!H", ip[2:4])[0]
    return eth, {"ttl": ip[8], "proto": ip[9], "src": ".".join(str(b) for b in ip[12:16]),
                 "dst": ".".join(str(b) for b in ip[16:20]), "options": bytes(ip[20:ihl])}, \
        bytes(ip[ihl:total])


def fragments(eth, h, payload, ident, cuts):
    """The datagram as IPv4 fragments cut at the offsets cuts (multiples of 8)."""
    bounds = [0] + cuts + [len(payload)]
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        more = hi < len(payload)
        frag = (0x2000 if more else 0) | (lo // 8)
        out.append(eth + pg.ipv4(h["src"], h["dst"], h["proto"], payload[lo:hi], ttl=h["ttl"],
                                 ident=ident, frag=frag, options=h["options"]))
    return out


def genuine_fragments(seed):
    """The seed's records with the media datagrams (UDP to the group) in three
    fragments and the IGMP reports in two: [(ts_us, [frames], kind)], kind
    'media', 'igmp' or None (a frame left whole)."""
    _, recs = floods.read_pcap(seed)
    out, ident = [], 0x4000
    for ts, data, _orig in recs:
        if data[12:14] != b"\x08\x00":
            out.append((ts, [data], None))
            continue
        eth, h, payload = split_ipv4(data)
        ident += 1
        if h["proto"] == 17 and h["dst"] == GROUP:
            third = max(8, len(payload) // 3 // 8 * 8)
            out.append((ts, fragments(eth, h, payload, ident, [third, 2 * third]), "media"))
        elif h["proto"] == 2:
            out.append((ts, fragments(eth, h, payload, ident, [8]), "igmp"))
        else:
            out.append((ts, [data], None))
    return out


def bogus_burst(burst):
    """One burst of ROUNDS_PER_BURST rounds, each from its own source."""
    for k in range(ROUNDS_PER_BURST):
        n = burst * ROUNDS_PER_BURST + k
        src = "10.66.%d.%d" % (n >> 8 & 0xFF, n & 0xFF)
        udp = struct.pack("!HHHH", 40000, PORT, 8 + 1200, 0) + bytes(56)
        yield pg.eth_ip4(src, GROUP, 17, udp, ident=1, frag=0x2000)                  # new
        middle = bytes([n & 0xFF]) * 16
        yield pg.eth_ip4(src, GROUP, 17, middle, ident=2, frag=0x2000 | 10)          # suspect:
        yield pg.eth_ip4(src, GROUP, 17, middle, ident=2, frag=0x2000 | 10)          # repeated
        yield pg.eth_ip4(src, GROUP, 17, bytes(16), ident=3, frag=0x2000)            # overlap:
        yield pg.eth_ip4(src, GROUP, 17, b"\xff" * 16, ident=3, frag=0x2000 | 1)     # differs


def write(path, recs, with_flood):
    """recs as a pcap; with_flood: a burst inside each of the first media
    datagrams (after the second fragment of the even ones, the first of the
    odd ones)."""
    burst = 0
    with pg.PcapWriter(path) as w:
        for ts, frames, kind in recs:
            for i, fr in enumerate(frames):
                w.add(ts, fr)
                if with_flood and kind == "media" and burst < BURSTS and \
                        i == (1 if burst % 2 == 0 else 0):
                    for b in bogus_burst(burst):
                        w.add(ts, b)
                    burst += 1
    assert not with_flood or burst == BURSTS, burst


def main():
    binary, seed = sys.argv[1], sys.argv[2]
    whole, _ = floods.audit(binary, seed)
    recs = genuine_fragments(seed)
    media = sum(1 for _, _, k in recs if k == "media")
    igmp = sum(1 for _, _, k in recs if k == "igmp")
    assert (media, igmp) == (269, 1), (media, igmp)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "fragmented.pcap")
        write(path, recs, False)
        alone, _ = floods.audit(binary, path)
        assert alone["capture"]["frames"] == 281 + 2 * media + igmp, alone["capture"]
        assert floods.events(alone) == {}, floods.events(alone)
        want = floods.genuine(whole)
        if floods.genuine(alone) != want:
            raise AssertionError("the fragmented seed is not audited as the seed")
        write(path, recs, True)
        flooded, rss_kib = floods.audit(binary, path)
        got = floods.genuine(flooded)
        if got != want:
            raise AssertionError("the flood changed the genuine session:\n%s" % (
                floods.json.dumps(got, indent=1)[:4000]))
        assert flooded["capture"]["frames"] == alone["capture"]["frames"] + \
            BURSTS * ROUNDS_PER_BURST * FRAGMENTS_PER_ROUND, flooded["capture"]
        ev = floods.events(flooded)
        rounds = BURSTS * ROUNDS_PER_BURST
        assert sorted(ev) == ["fragment.overlap", "fragment.table_full", "fragment.timeout"], ev
        assert ev["fragment.overlap"] == rounds, ev
        # the 40,000 kept: pushed out while the capture runs, or incomplete at
        # its end.  The last burst ends full (256: its genuine datagram and
        # 255 bogus), its last overlapping pair is dropped (255), then the
        # genuine datagram completes: 254 bogus are left, and every later
        # genuine datagram finds a free place and leaves it again.
        assert (ev["fragment.table_full"], ev["fragment.timeout"]) == (2 * rounds - 254, 254), ev
        codes = sorted(v["code"] for v in flooded["verdicts"])
        assert codes == ["MA202", "MA902"], codes
        print("genuine fragmented stream unchanged under 100,000 bogus fragments: "
              "events %s, peak RSS %.1f MiB" % (ev, rss_kib / 1024.0))
    print("ok")


if __name__ == "__main__":
    main()
