#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""gst-rtsp-server (through python3-gi) offering its test streams by multicast only.

Run by record.sh inside the camera namespace. Mounts:
  /cam   H.264 320x240 15 fps, about 150 kbit/s (one RTP packet per slice, several per frame)
  /slow  H.264 160x120 5 fps, about 20 kbit/s (for the 260 s membership-expiry recording)
The address pool hands out the groups 239.77.0.1..239.77.0.9, ports 5000..5099, TTL 1 (the
server's default, which is what cameras built on it send)."""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

PIPELINES = {
    "/cam": "( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=15/1"
            " ! x264enc tune=zerolatency speed-preset=ultrafast bitrate=150 key-int-max=30"
            " ! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 mtu=1200 config-interval=1 )",
    "/slow": "( videotestsrc is-live=true pattern=ball ! video/x-raw,width=160,height=120,framerate=5/1"
             " ! x264enc tune=zerolatency speed-preset=ultrafast bitrate=20 key-int-max=10"
             " ! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 mtu=1200 config-interval=1 )",
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", default="8554")
    ap.add_argument("--ttl", type=int, default=1)
    args = ap.parse_args()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_service(args.port)
    mounts = server.get_mount_points()
    for path, launch in PIPELINES.items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch)
        factory.set_shared(True)
        factory.set_protocols(GstRtsp.RTSPLowerTrans.UDP_MCAST)
        pool = GstRtspServer.RTSPAddressPool()
        if not pool.add_range("239.77.0.1", "239.77.0.9", 5000, 5099, args.ttl):
            sys.exit("gst_server.py: cannot add the address range")
        factory.set_address_pool(pool)
        mounts.add_factory(path, factory)
    if server.attach(None) == 0:
        sys.exit("gst_server.py: cannot listen on port " + args.port)
    print("gst_server.py: listening on", args.port, flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
