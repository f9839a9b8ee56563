/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture_correlator.c - ma_capture_run(): the capture side feeding a core
 * correlator (kept apart so the decoder tests can use their own sink). */
#include "capture_internal.h"

static void to_rtsp(void *c, const ma_ev_rtsp *ev) { ma_correlator_rtsp(c, ev, NULL); }
static void to_membership(void *c, const ma_ev_membership *ev) { ma_correlator_membership(c, ev, NULL); }
static void to_udp(void *c, const ma_ev_udp *ev) { ma_correlator_udp(c, ev, NULL); }
static void to_interleaved(void *c, const ma_ev_interleaved *ev) { ma_correlator_interleaved(c, ev, NULL); }

/* With an observer: the correlator's answer for the datagram goes to it. */
typedef struct {
    ma_correlator *corr;
    const ma_capture_opts *opts;
} observed;

static void to_udp_observed(void *p, const ma_ev_udp *ev)
{
    const observed *o = p;
    ma_frame_info info;
    ma_correlator_udp(o->corr, ev, &info);
    o->opts->on_udp(o->opts->on_udp_data, &info);
}
static void to_rtsp_o(void *p, const ma_ev_rtsp *ev) { to_rtsp(((observed *)p)->corr, ev); }
static void to_membership_o(void *p, const ma_ev_membership *ev) { to_membership(((observed *)p)->corr, ev); }
static void to_interleaved_o(void *p, const ma_ev_interleaved *ev) { to_interleaved(((observed *)p)->corr, ev); }
static void to_host_mac(void *c, const ma_addr *ip, const uint8_t mac[6]) { ma_correlator_host_mac(c, ip, mac); }
static void to_host_mac_o(void *p, const ma_addr *ip, const uint8_t mac[6]) { to_host_mac(((observed *)p)->corr, ip, mac); }

void ma_capture_tell_correlator(ma_correlator *corr, const ma_capture_stats *st,
                                const char *input_name)
{
    ma_correlator_set_input(corr, input_name, st->dec.frames);
    ma_correlator_add_decode_events(corr, &st->dec.events);
    for (guint i = 0; st->cuts != NULL && i < st->cuts->len; i++) {
        const ma_capture_cut *cut = &g_array_index(st->cuts, ma_capture_cut, i);
        uint32_t frame = cut->after_frame > G_MAXUINT32 ? G_MAXUINT32 : (uint32_t)cut->after_frame;
        ma_correlator_capture_cut(corr, cut->input, frame, cut->unreadable);
    }
}

gboolean ma_capture_run(const ma_capture_opts *opts, ma_correlator *corr,
                        ma_capture_stats *st, GError **err)
{
    if (opts->on_udp != NULL) {
        observed o = { corr, opts };
        ma_sink sink = {
            to_rtsp_o, to_membership_o, to_udp_observed, to_interleaved_o, &o, to_host_mac_o, NULL};
        return ma_capture_run_sink(opts, &sink, st, err);
    }
    ma_sink sink = {to_rtsp, to_membership, to_udp, to_interleaved, corr, to_host_mac, NULL};
    return ma_capture_run_sink(opts, &sink, st, err);
}
