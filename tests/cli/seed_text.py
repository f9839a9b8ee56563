#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""seed_text.py BIN SEED - the text report of the seed trace (a Hikvision
camera asked for multicast preview) tells the story a support engineer needs:
the camera 10.9.97.69 joined 239.255.255.200 (frame CAMERA_JOIN_FRAME) and the
client 10.9.97.42 never did, so the verdict is MA202 and the run WARNs."""
import re
import shutil
import subprocess
import sys

# The camera's IGMPv3 report in captures/hikvision-multicast-preview.pcap
# (mcast-gen --scenario hikvision-multicast-preview --seed 1); tshark agrees.
CAMERA_JOIN_FRAME = 11


def tshark_first_camera_join(seed):
    """The first IGMP report the camera sent, counted by Wireshark itself."""
    if shutil.which("tshark") is None:
        return None
    p = subprocess.run(["tshark", "-r", seed, "-Y", "igmp && ip.src == 10.9.97.69",
                        "-T", "fields", "-e", "frame.number"], capture_output=True, text=True)
    frames = p.stdout.split()
    return int(frames[0]) if frames else None


def main():
    binary, seed = sys.argv[1:3]
    p = subprocess.run([binary, "--color", "never", seed], capture_output=True, text=True)
    text = p.stdout
    print(text)
    problems = []

    def need(pattern, what):
        m = re.search(pattern, text, re.M)
        if m is None:
            problems.append("missing: %s (/%s/)" % (what, pattern))
        return m

    need(r"^Session 1: client 10\.9\.97\.42:\d+ -> camera 10\.9\.97\.69:554  rtsp://10\.9\.97\.69",
         "session headline")
    join = need(r"^ +(Joins +)?camera 10\.9\.97\.69 joined 239\.255\.255\.200 \(IGMPv3 "
                r"CHANGE_TO_EXCLUDE, any source\) frame (\d+) at \d+\.\d{3} s$", "camera join")
    need(r"^ +client 10\.9\.97\.42 never joined 239\.255\.255\.200$", "client never joined")
    need(r"^    Verdicts  WARN MA202 client-never-joined: .*10\.9\.97\.69.*10\.9\.97\.42",
         "MA202 verdict naming both hosts")
    need(r"^    DESCRIBE  frame 4 -> 401 Unauthorized \(frame 5\), retried with credentials -> "
         r"200 OK \(frame \d+\), SDP: video H264/90000, c=IN IP4 0\.0\.0\.0 \(group only in SETUP\)$",
         "DESCRIBE with the 401 challenge and the camera's c=0.0.0.0")
    need(r"^    SETUP     track 1 \(trackID=1\) frame \d+ -> 200 OK \(frame \d+\): multicast 239\.255\.255\.200 "
         r"ports 8860-8861 ttl 128$", "SETUP answered multicast")
    need(r"^    PLAY      frame \d+ -> 200 OK \(frame \d+\) at \d+\.\d{3} s$", "PLAY")
    need(r"^Result: WARN \(1 warning\) - 1 session, 2 flows, \d+ frames$", "WARN result line")
    if join is not None:
        frame = int(join.group(2))
        if frame != CAMERA_JOIN_FRAME:
            problems.append("camera join at frame %d, expected %d" % (frame, CAMERA_JOIN_FRAME))
        ws = tshark_first_camera_join(seed)
        if ws is not None and ws != frame:
            problems.append("camera join at frame %d, Wireshark says %d" % (frame, ws))
        if not re.search(r"MA202 .*\(frames? [^)]*\b%d\b" % frame, text, re.S):
            problems.append("MA202 does not cite frame %d" % frame)
    if p.returncode != 0:
        problems.append("exit %d, expected 0 (WARN is below --fail-on error)" % p.returncode)
    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("ok: seed text report")


if __name__ == "__main__":
    main()
