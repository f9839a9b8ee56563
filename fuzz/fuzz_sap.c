/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_sap.c - libFuzzer harness: one SAP datagram (RFC 2974) through
 * ma_sap_parse, then through the correlator as it would arrive on
 * 224.2.127.254:9875: announced twice (a described session and a repeat),
 * deleted (the T bit set), followed by a datagram to the group it may
 * describe, and judged. */
#include <stdint.h>
#include <string.h>

#include "correlator.h"
#include "sap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void feed(ma_correlator *c, uint32_t frame, const ma_addr *dst, uint16_t port,
                 const uint8_t *p, gsize n)
{
    ma_addr src;
    (void)ma_addr_parse("10.0.0.5", &src);
    ma_ev_udp ev = {.meta = {frame, (gint64)frame * 1000000000},
                    .src = src,
                    .dst = *dst,
                    .sport = 40000,
                    .dport = port,
                    .ip_ttl = 255,
                    .payload = p,
                    .payload_len = n,
                    .payload_wire_len = n};
    ma_frame_info info;
    ma_correlator_udp(c, &ev, &info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a private copy of exactly size bytes: reads past it are caught */
    uint8_t *p = g_memdup2(data, size);
    ma_sap_msg m;
    ma_sap_status st = ma_sap_parse(p, size, &m);
    g_assert(st != MA_SAP_OK ||
             (m.payload != NULL && m.payload >= p && m.payload + m.payload_len <= p + size));
    (void)ma_sap_status_name(st);
    ma_thresholds th;
    ma_thresholds_init(&th);
    ma_correlator *c = ma_correlator_new(&th);
    ma_addr group;
    (void)ma_addr_parse("224.2.127.254", &group);
    feed(c, 1, &group, MA_SAP_PORT, p, size);
    feed(c, 2, &group, MA_SAP_PORT, p, size);
    if (size > 0)
        p[0] |= 0x04; /* T: the deletion of the same announcement */
    feed(c, 3, &group, MA_SAP_PORT, p, size);
    const GPtrArray *ss = ma_correlator_sessions(c);
    if (ss->len > 0) { /* RTP-like bytes to the group it described */
        const ma_session *s = g_ptr_array_index(ss, 0);
        const ma_track *t = s->tracks->len > 0 ? g_ptr_array_index(s->tracks, 0) : NULL;
        static const uint8_t rtp[12] = {0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2};
        if (t != NULL)
            feed(c, 4, &t->group, (uint16_t)t->rtp_port, rtp, sizeof rtp);
    }
    ma_correlator_finish(c, G_GINT64_CONSTANT(10) * 1000000000);
    ma_correlator_free(c);
    g_free(p);
    return 0;
}
