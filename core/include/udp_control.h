/* SPDX-License-Identifier: GPL-2.0-or-later */
/* udp_control.h - UDP that is network control, never media: link-local
 * multicast (224.0.0.0/24, RFC 5771's Local Network Control Block; ff01::/16
 * and ff02::/16 with any flags, RFC 4291's interface- and link-local scopes) and the
 * well-known ports of name resolution, discovery, time and management.
 * Such a flow is RTP only when a SETUP or SDP negotiated it; otherwise it is
 * counted, not parsed and not listed (rtp_probe.h covers everything else). */
#ifndef MA_UDP_CONTROL_H
#define MA_UDP_CONTROL_H

#include <glib.h>
#include <stdint.h>

#include "addr.h"

/* What the datagram is ("LLMNR", "mDNS", "link-local multicast", ...), or
 * NULL when it may be media. */
const char *ma_udp_control_name(const ma_addr *dst, uint16_t sport, uint16_t dport);

#endif
