/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_correlator.c - ma_capture_run(): the capture side feeding a core
 * correlator (kept apart so the decoder tests can use their own sink). */
#include "capture_internal.h"

static void to_rtsp(void *c, const ma_ev_rtsp *ev) { ma_correlator_rtsp(c, ev, NULL); }
static void to_membership(void *c, const ma_ev_membership *ev) { ma_correlator_membership(c, ev, NULL); }
static void to_udp(void *c, const ma_ev_udp *ev) { ma_correlator_udp(c, ev, NULL); }
static void to_interleaved(void *c, const ma_ev_interleaved *ev) { ma_correlator_interleaved(c, ev, NULL); }
static void to_host_mac(void *c, const ma_addr *ip, const uint8_t mac[6]) { ma_correlator_host_mac(c, ip, mac); }

gboolean ma_capture_run(const ma_capture_opts *opts, ma_correlator *corr,
                        ma_capture_stats *st, GError **err)
{
    ma_sink sink = { to_rtsp, to_membership, to_udp, to_interleaved, corr, to_host_mac };
    return ma_capture_run_sink(opts, &sink, st, err);
}
