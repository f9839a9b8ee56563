#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""make_regressions.py DIR - writes the small regression captures kept in
tests/hostile/ (run once by hand; the files are committed so a change here
shows in review):

- empty-session.pcap: the 4-packet capture that crashed both front ends
  (SIGSEGV in read_session): a SETUP and PLAY whose replies and requests
  carry an empty or blank "Session:" header.
- empty-session.rtsp: the raw SETUP reply from it (the message alone).
- blank-headers.pcap: every header a front end or the core reads (CSeq,
  Session, Transport, Content-Type, Content-Base, Content-Location, RTP-Info,
  Content-Length) sent empty or blank, in a DESCRIBE/SETUP/PLAY exchange."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pcapgen as pg  # noqa: E402

CLIENT, CAMERA = "10.9.97.42", "10.9.97.69"
URL = "rtsp://10.9.97.69:554/ch1"
T0 = 1768471200 * 1000000  # 2026-01-15 10:00:00 UTC, like captures/

SETUP_REPLY = (b"RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: \r\n"
               b"Transport: RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=128\r\n"
               b"\r\n")


def conversation(path, messages):
    """messages: [(from_client, bytes)] on one TCP connection, 10 ms apart."""
    seq = {True: 1000, False: 5000}
    with pg.PcapWriter(path) as w:
        for i, (from_client, msg) in enumerate(messages):
            src, dst = (CLIENT, CAMERA) if from_client else (CAMERA, CLIENT)
            sport, dport = (60874, 554) if from_client else (554, 60874)
            seg = pg.tcp(src, dst, sport, dport, seq[from_client], msg, ack=seq[not from_client])
            w.add(T0 + i * 10000, pg.eth_ip4(src, dst, 6, seg))
            seq[from_client] += len(msg)


def empty_session(path):
    conversation(path, [
        (True, b"SETUP " + URL.encode() + b"/trackID=1 RTSP/1.0\r\nCSeq: 3\r\n"
               b"Transport: RTP/AVP;multicast\r\n\r\n"),
        (False, SETUP_REPLY),
        (True, b"PLAY " + URL.encode() + b" RTSP/1.0\r\nCSeq: 4\r\nSession:\r\n\r\n"),
        (False, b"RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: \t \r\n\r\n"),
    ])


def blank_headers(path):
    sdp = b"v=0\r\no=- 1 1 IN IP4 10.9.97.69\r\ns=x\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
    conversation(path, [
        (True, b"DESCRIBE " + URL.encode() + b" RTSP/1.0\r\nCSeq: 2\r\nAccept:\r\n\r\n"),
        (False, b"RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type:\r\nContent-Base: \r\n"
                b"Content-Location:\r\nContent-Length: %d\r\n\r\n" % len(sdp) + sdp),
        (True, b"SETUP " + URL.encode() + b"/trackID=1 RTSP/1.0\r\nCSeq:\r\nTransport:\r\n\r\n"),
        (False, b"RTSP/1.0 200 OK\r\nCSeq: \r\nSession:\r\nTransport: \r\n\r\n"),
        (True, b"PLAY " + URL.encode() + b" RTSP/1.0\r\nCSeq: 4\r\nSession: ;\r\nRange:\r\n\r\n"),
        (False, b"RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: ;timeout=\r\nRTP-Info:\r\n"
                b"Content-Length:\r\n\r\n"),
    ])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    empty_session(os.path.join(out, "empty-session.pcap"))
    with open(os.path.join(out, "empty-session.rtsp"), "wb") as f:
        f.write(SETUP_REPLY)
    blank_headers(os.path.join(out, "blank-headers.pcap"))


if __name__ == "__main__":
    main()
