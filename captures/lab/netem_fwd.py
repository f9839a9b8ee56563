#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""netem's algorithm in user space, between two TAP devices, logging every decision.

This kernel has no sch_netem, so record.sh bridges the camera's switch (br0, tap A) and the
client's segment (br1, tap B) through this forwarder. Frames from B to A pass unchanged (except
IGMP with --drop-client-igmp, the "firewall"). Frames from A to B pass unchanged unless they are
RTP media (IPv4 UDP to a multicast group, even destination port, RTP version 2): to those it
applies, in this order and with netem's rules (net/sched/sch_netem.c, netem_enqueue):
  duplicate  a copy with probability --duplicate
  loss       dropped with probability --loss (a duplicated packet loses one copy)
  delay      --delay ms +/- --jitter ms, uniform (netem's tabledist without a table); the
             packet queue is sorted by send time, so jitter reorders, as netem does, unless
             --keep-order (each packet no earlier than the one before, as netem with a rate)
  reorder    with --reorder P and --gap N: after N-1 delayed packets, the next one is sent at
             once with probability P (netem's "reorder P gap N")
--drop-queries drops IGMP queries towards the client (a device in the path that filters them).
Random numbers come from one random.Random(--seed), so a run's decisions are reproducible
given the same arrival order. Every decision is one JSON line in --log:
  {"t": arrival s, "ssrc": .., "seq": .., "action": "pass"|"drop"|"dup", "delay_ms": ..}
and every packet actually written towards the client: {"t": .., "ssrc": .., "seq": .., "sent": 1}.
"""
import argparse
import fcntl
import heapq
import json
import os
import random
import select
import signal
import struct
import time

TUNSETIFF = 0x400454CA
IFF_TAP = 0x0002
IFF_NO_PI = 0x1000


def open_tap(name):
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
    return fd


def ipv4_payload(frame):
    """(ip header bytes, protocol, dst, l4 bytes) of an untagged IPv4 frame, else None."""
    if len(frame) < 34 or frame[12:14] != b"\x08\x00":
        return None
    ip = frame[14:]
    ihl = (ip[0] & 0x0F) * 4
    if ip[0] >> 4 != 4 or ihl < 20 or len(ip) < ihl:
        return None
    return ip[:ihl], ip[9], ip[16:20], ip[ihl:]


def rtp_key(frame):
    """(ssrc, seq) if the frame is RTP media to a group, else None."""
    p = ipv4_payload(frame)
    if p is None:
        return None
    _, proto, dst, l4 = p
    if proto != 17 or not 224 <= dst[0] <= 239 or len(l4) < 8 + 12:
        return None
    dport = struct.unpack("!H", l4[2:4])[0]
    rtp = l4[8:]
    if dport % 2 or rtp[0] >> 6 != 2:
        return None
    return struct.unpack("!I", rtp[8:12])[0], struct.unpack("!H", rtp[2:4])[0]


def igmp_type(frame):
    p = ipv4_payload(frame)
    if p is None or p[1] != 2 or not p[3]:
        return None
    return p[3][0]


class Netem:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.counter = 0
        self.last_send = 0.0

    def chance(self, p):
        # netem compares a 32-bit random number with the probability scaled to 2^32
        return p > 0 and self.rng.getrandbits(32) < int(p * 4294967295)

    def decide(self, now):
        """List of send times (empty: dropped) for one media packet, and the log action."""
        copies = 1 + (1 if self.chance(self.a.duplicate) else 0)
        if self.chance(self.a.loss):
            copies -= 1
        if copies == 0:
            return [], "drop", None
        times = []
        delay_ms = None
        for _ in range(copies):
            if self.a.gap == 0 or self.counter < self.a.gap - 1 or not self.chance(self.a.reorder):
                d = self.a.delay
                if self.a.jitter:
                    d += self.rng.uniform(-self.a.jitter, self.a.jitter)
                d = max(d, 0.0)
                t = now + d / 1000.0
                if self.a.keep_order:
                    t = max(t, self.last_send)
                self.last_send = max(self.last_send, t)
                self.counter += 1
                delay_ms = round((t - now) * 1000.0, 3)
            else:
                t = now  # reordered: sent at once, ahead of the delayed ones
                self.counter = 0
                delay_ms = 0.0
            times.append(t)
        return times, "dup" if copies == 2 else "pass", delay_ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--camera-tap", required=True)
    ap.add_argument("--client-tap", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--loss", type=float, default=0.0)
    ap.add_argument("--duplicate", type=float, default=0.0)
    ap.add_argument("--delay", type=float, default=0.0, help="ms")
    ap.add_argument("--jitter", type=float, default=0.0, help="ms")
    ap.add_argument("--keep-order", action="store_true")
    ap.add_argument("--reorder", type=float, default=0.0)
    ap.add_argument("--gap", type=int, default=0)
    ap.add_argument("--drop-client-igmp", action="store_true")
    ap.add_argument("--drop-queries", action="store_true")
    a = ap.parse_args()
    fa, fb = open_tap(a.camera_tap), open_tap(a.client_tap)
    log = open(a.log, "w", buffering=1)
    netem = Netem(a)
    queue = []  # (send time, order, frame, key)
    order = 0
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    t0 = time.time()
    while running[0]:
        timeout = max(0.0, queue[0][0] - time.time()) if queue else 0.5
        try:
            ready, _, _ = select.select([fa, fb], [], [], timeout)
        except InterruptedError:
            continue
        now = time.time()
        for fd in ready:
            frame = os.read(fd, 65536)
            if fd == fb:
                if a.drop_client_igmp and igmp_type(frame) is not None:
                    log.write(json.dumps({"t": round(now - t0, 6), "igmp": igmp_type(frame),
                                          "action": "drop", "dir": "to-camera"}) + "\n")
                    continue
                os.write(fa, frame)
                continue
            it = igmp_type(frame)
            if a.drop_queries and it == 0x11:
                log.write(json.dumps({"t": round(now - t0, 6), "igmp": it, "action": "drop",
                                      "dir": "to-client"}) + "\n")
                continue
            key = rtp_key(frame)
            if key is None:
                os.write(fb, frame)
                continue
            times, action, delay_ms = netem.decide(now)
            log.write(json.dumps({"t": round(now - t0, 6), "ssrc": key[0], "seq": key[1],
                                  "action": action, "delay_ms": delay_ms}) + "\n")
            for t in times:
                order += 1
                heapq.heappush(queue, (t, order, frame, key))
        now = time.time()
        while queue and queue[0][0] <= now:
            _, _, frame, key = heapq.heappop(queue)
            os.write(fb, frame)
            log.write(json.dumps({"t": round(now - t0, 6), "ssrc": key[0], "seq": key[1],
                                  "sent": 1}) + "\n")
    log.close()


if __name__ == "__main__":
    main()
