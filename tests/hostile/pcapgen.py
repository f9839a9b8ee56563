# SPDX-License-Identifier: GPL-2.0-or-later
"""pcapgen.py - frames for the hostile-input tests, written with the standard
library only: Ethernet + IPv4 + UDP/TCP/IGMP with correct checksums, and a
classic pcap writer that streams records (a flood of a million frames never
sits in memory)."""
import struct

ETH_IPV4 = 0x0800


def inet_sum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ip4(text):
    return bytes(int(x) for x in text.split("."))


def mcast_mac(group):
    g = ip4(group)
    return bytes([0x01, 0x00, 0x5E, g[1] & 0x7F, g[2], g[3]])


def eth(dst_mac, src_mac, payload, ethertype=ETH_IPV4):
    return dst_mac + src_mac + struct.pack("!H", ethertype) + payload


def ipv4(src, dst, proto, payload, ttl=64, ident=0, frag=0, options=b""):
    ihl = 5 + len(options) // 4
    hdr = bytearray(struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(payload), ident,
                                frag, ttl, proto, 0, ip4(src), ip4(dst)) + options)
    hdr[10:12] = struct.pack("!H", inet_sum(bytes(hdr)))
    return bytes(hdr) + payload


def udp(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def tcp(src, dst, sport, dport, seq, payload, flags=0x18, ack=1):
    hdr = bytearray(struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0))
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(hdr) + len(payload))
    hdr[16:18] = struct.pack("!H", inet_sum(pseudo + bytes(hdr) + payload))
    return bytes(hdr) + payload


def igmpv3_report(records):
    """records: [(type, group, [sources])]"""
    body = b""
    for rtype, group, sources in records:
        body += struct.pack("!BBH4s", rtype, 0, len(sources), ip4(group))
        body += b"".join(ip4(s) for s in sources)
    msg = bytearray(struct.pack("!BBHHH", 0x22, 0, 0, 0, len(records)) + body)
    msg[2:4] = struct.pack("!H", inet_sum(bytes(msg)))
    return bytes(msg)


ROUTER_ALERT = bytes([148, 4, 0, 0])

HOST_MAC = {}


def mac_of(addr):
    if addr not in HOST_MAC:
        HOST_MAC[addr] = bytes([0x02, 0, 0]) + ip4(addr)[1:]
    return HOST_MAC[addr]


def eth_ip4(src, dst, proto, payload, **kw):
    first = ip4(dst)[0]
    dmac = mcast_mac(dst) if 224 <= first <= 239 else mac_of(dst)
    return eth(dmac, mac_of(src), ipv4(src, dst, proto, payload, **kw))


class PcapWriter:
    """Classic pcap, microsecond timestamps, Ethernet."""

    def __init__(self, path, linktype=1, snaplen=262144):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype))
        self.frames = 0

    def add(self, ts_us, frame):
        self.f.write(struct.pack("<IIII", ts_us // 1000000, ts_us % 1000000, len(frame),
                                 len(frame)))
        self.f.write(frame)
        self.frames += 1

    def close(self):
        self.f.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
