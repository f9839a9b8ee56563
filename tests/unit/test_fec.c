/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_fec.c - SMPTE 2022-1 / RFC 2733 FEC headers (fec.c) and FEC streams
 * tied to their media flow (correlator_fec.c), with exact figures. */
#include <math.h>
#include <string.h>

#include "corr_sim.h"
#include "fec.h"

#define SRC "10.9.97.80"
#define MGROUP "239.1.1.10"
#define MPORT 5004

/* RTP (PT pt, seq, SSRC ssrc) + a 2022-1 FEC header (row: D 1) + 8 bytes. */
static gsize fec_bytes(uint8_t *b, int pt, uint16_t seq, uint32_t ssrc, uint16_t snbase,
                       gboolean row, uint8_t offset, uint8_t na)
{
    memset(b, 0, 36);
    b[0] = 0x80;
    b[1] = (uint8_t)pt;
    b[2] = (uint8_t)(seq >> 8);
    b[3] = (uint8_t)seq;
    for (int i = 0; i < 4; i++)
        b[8 + i] = (uint8_t)(ssrc >> (24 - 8 * i));
    uint8_t *h = b + 12;
    h[0] = (uint8_t)(snbase >> 8);
    h[1] = (uint8_t)snbase;
    h[3] = 188;       /* length recovery */
    h[4] = 0x80 | 33; /* E, PT recovery */
    h[12] = row ? 0x40 : 0x00;
    h[13] = offset;
    h[14] = na;
    return 36;
}

static void test_parse(void)
{
    uint8_t b[64];
    gsize n = fec_bytes(b, 96, 7, 0, 0x1234, FALSE, 5, 4);
    ma_fec_hdr h;
    GError *err = NULL;
    g_assert_true(ma_fec_parse(b + 12, n - 12, &h, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(h.snbase_low, ==, 0x1234);
    g_assert_cmpuint(h.length_recovery, ==, 188);
    g_assert_true(h.extension);
    g_assert_cmpuint(h.pt_recovery, ==, 33);
    g_assert_false(h.d);
    g_assert_cmpuint(h.offset, ==, 5);
    g_assert_cmpuint(h.na, ==, 4);
    g_assert_cmpuint(h.header_len, ==, 16);
    g_assert_true(ma_fec_plausible(&h));
    /* cut inside the RFC 2733 part, then inside the extension */
    g_assert_false(ma_fec_parse(b + 12, 11, &h, &err));
    g_assert_error(err, MA_RTP_ERROR, MA_RTP_ERROR_TRUNCATED);
    g_assert_nonnull(strstr(err->message, "offset 0"));
    g_clear_error(&err);
    g_assert_false(ma_fec_parse(b + 12, 15, &h, &err));
    g_assert_nonnull(strstr(err->message, "offset 12"));
    g_clear_error(&err);
    g_assert_false(ma_fec_parse(NULL, 0, &h, NULL));
    /* what 2022-1 never sends */
    fec_bytes(b, 96, 7, 0, 1, TRUE, 5, 5); /* a row's offset is 1 */
    g_assert_true(ma_fec_parse(b + 12, 24, &h, NULL));
    g_assert_false(ma_fec_plausible(&h));
    fec_bytes(b, 96, 7, 0, 1, FALSE, 5, 0); /* NA 0 */
    g_assert_true(ma_fec_parse(b + 12, 24, &h, NULL));
    g_assert_false(ma_fec_plausible(&h));
    fec_bytes(b, 96, 7, 0, 1, FALSE, 5, 4);
    b[12 + 6] = 1; /* a mask */
    g_assert_true(ma_fec_parse(b + 12, 24, &h, NULL));
    g_assert_false(ma_fec_plausible(&h));
    b[12 + 4] &= 0x7f; /* plain RFC 2733 with that mask */
    g_assert_true(ma_fec_parse(b + 12, 24, &h, NULL));
    g_assert_true(ma_fec_plausible(&h));
    g_assert_cmpuint(h.header_len, ==, 12);
    g_assert_true(ma_fec_dynamic_pt(96) && ma_fec_dynamic_pt(127));
    g_assert_false(ma_fec_dynamic_pt(33) || ma_fec_dynamic_pt(128));
}

static void test_stats(void)
{
    ma_fec_stats *s = ma_fec_stats_new();
    uint8_t b[64];
    for (uint16_t seq = 65530; seq != 10; seq++) { /* wraps; 65533 and 3 lost */
        if (seq == 65533 || seq == 3)
            continue;
        fec_bytes(b, 96, seq, 0, (uint16_t)(seq * 5u), FALSE, 5, 4);
        ma_rtp_hdr r;
        ma_fec_hdr h;
        g_assert_true(ma_rtp_parse(b, 36, &r, NULL));
        g_assert_true(ma_fec_parse(b + r.header_len, r.payload_len, &h, NULL));
        ma_fec_stats_add(s, &r, seq == 5 ? NULL : &h, 100u + seq);
    }
    ma_fec_summary o;
    ma_fec_stats_summary(s, &o);
    g_assert_cmpuint(o.packets, ==, 14);
    g_assert_cmpuint(o.expected, ==, 16);
    g_assert_cmpint(o.lost, ==, 2);
    g_assert_cmpuint(o.header_errors, ==, 1);
    g_assert_true(o.smpte);
    g_assert_cmpint(o.dir, ==, MA_FEC_COLUMN);
    g_assert_cmpuint(o.snbase_first, ==, (uint16_t)(65530u * 5u));
    g_assert_cmpuint(o.offset, ==, 5);
    g_assert_cmpuint(o.na, ==, 4);
    g_assert_cmpint(o.payload_type, ==, 96);
    g_assert_cmpuint(o.first_frame, ==, 100u + 65530u);
    ma_fec_stats_free(s);
    ma_fec_stats_free(NULL);
}

/* Static multicast media to MPORT with column FEC at +2 (one lost), row FEC
 * at +4, and an H.264-like neighbour at +6 that is not FEC: the FEC streams
 * are the media flow's, no RTP flow, no session, not unrelated. */
static void test_tied(void)
{
    sim s;
    sim_init(&s, NULL);
    uint8_t b[64];
    guint col = 0, row = 0;
    for (int i = 0; i < 40; i++) {
        double t = 0.01 * i;
        sim_rtp(&s, t, SRC, MPORT, MGROUP, MPORT, 16, (uint16_t)(100 + i), (uint32_t)(900 * i));
        if (i % 5 == 4) { /* a row of 5 */
            gsize n = fec_bytes(b, 96, (uint16_t)(500 + row), 0, (uint16_t)(96 + i), TRUE, 1, 5);
            sim_udp(&s, t + 0.001, SRC, MPORT + 4, MGROUP, MPORT + 4, 16, b, n);
            if (row == 1) {
                g_assert_cmpint(s.info.role, ==, MA_ROLE_FEC);
                g_assert_true(s.info.fec_media != NULL && s.info.fec_media->dport == MPORT);
                g_assert_cmpuint(s.info.fec_packets, ==, 2);
            }
            row++;
        }
        if (i % 20 == 19) { /* a 5 x 4 matrix: 5 columns */
            for (int c = 0; c < 5; c++, col++) {
                gsize n = fec_bytes(b, 97, (uint16_t)(700 + col), 0x1234abcd,
                                    (uint16_t)(100 + i - 19 + c), FALSE, 5, 4);
                if (col != 3)
                    sim_udp(&s, t + 0.002 + 0.0001 * c, SRC, MPORT + 2, MGROUP, MPORT + 2, 16, b,
                            n);
            }
        }
        uint8_t v[200];
        gsize n = rtp_bytes(v, 98, (uint16_t)(3000 + i), (uint32_t)(900 * i), 0x55);
        sim_udp(&s, t + 0.003, SRC, MPORT + 6, MGROUP, MPORT + 6, 16, v, n);
    }
    sim_finish(&s, 1.0);
    const GPtrArray *fl = ma_correlator_flows(s.c);
    const ma_flow *media = NULL;
    guint rtp_flows = 0;
    for (guint i = 0; i < fl->len; i++) {
        const ma_flow *f = g_ptr_array_index(fl, i);
        rtp_flows += f->is_rtp;
        if (f->dport == MPORT)
            media = f;
        if (f->dport == MPORT + 2 || f->dport == MPORT + 4) {
            g_assert_nonnull(f->fec);
            g_assert_true(f->fec_for == media);
            g_assert_false(f->is_rtp);
            g_assert_false(f->unrelated);
            g_assert_null(f->stats);
        }
        if (f->dport == MPORT + 6)
            g_assert_null(f->fec);
    }
    g_assert_cmpuint(rtp_flows, ==, 2); /* the media and its neighbour */
    ma_fec_summary o;
    const ma_flow *ff = NULL;
    g_assert_true(ma_flow_fec_summary(media, MA_FEC_COLUMN, &o, &ff));
    g_assert_cmpuint(ff->dport, ==, MPORT + 2);
    g_assert_cmpint(ff->fec_port_delta, ==, 2);
    g_assert_cmpuint(o.packets, ==, 9);
    g_assert_cmpuint(o.expected, ==, 10);
    g_assert_cmpint(o.lost, ==, 1);
    g_assert_cmpuint(o.offset, ==, 5);
    g_assert_cmpuint(o.na, ==, 4);
    g_assert_cmphex(o.ssrc, ==, 0x1234abcd);
    g_assert_true(ma_flow_fec_summary(media, MA_FEC_ROW, &o, &ff));
    g_assert_cmpint(ff->fec_port_delta, ==, 4);
    g_assert_cmpuint(o.packets, ==, 8);
    g_assert_cmpint(o.lost, ==, 0);
    g_assert_cmpint(o.dir, ==, MA_FEC_ROW);
    g_assert_cmpuint(o.na, ==, 5);
    /* one static-multicast session for the group's media port, none for FEC */
    const GPtrArray *ss = ma_correlator_sessions(s.c);
    guint media_tracks = 0;
    for (guint i = 0; i < ss->len; i++) {
        const ma_session *x = g_ptr_array_index(ss, i);
        const ma_track *t = g_ptr_array_index(x->tracks, 0);
        g_assert_true(t->rtp_port == MPORT || t->rtp_port == MPORT + 6);
        media_tracks++;
    }
    g_assert_cmpuint(media_tracks, ==, 2);
    sim_free(&s);
}

/* FEC at the media port - 1, and FEC-looking packets with no media beside
 * them: tied in the first case, plain (validated) RTP in the second. */
static void test_port_minus_one_and_alone(void)
{
    sim s;
    sim_init(&s, NULL);
    uint8_t b[64];
    for (int i = 0; i < 10; i++) {
        double t = 0.01 * i;
        sim_rtp(&s, t, SRC, MPORT, MGROUP, MPORT, 16, (uint16_t)(100 + i), (uint32_t)(900 * i));
        gsize n = fec_bytes(b, 96, (uint16_t)(10 + i), 0, (uint16_t)(100 + i), TRUE, 1, 5);
        sim_udp(&s, t + 0.001, SRC, MPORT - 1, MGROUP, MPORT - 1, 16, b, n);
        sim_udp(&s, t + 0.002, SRC, 7000, MGROUP, 7000, 16, b, n);
    }
    sim_finish(&s, 1.0);
    const GPtrArray *fl = ma_correlator_flows(s.c);
    for (guint i = 0; i < fl->len; i++) {
        const ma_flow *f = g_ptr_array_index(fl, i);
        if (f->dport == MPORT - 1) {
            g_assert_nonnull(f->fec);
            g_assert_cmpint(f->fec_port_delta, ==, -1);
            g_assert_cmpuint(f->fec_for->dport, ==, MPORT);
            g_assert_true(f->fec_for->fec_row == f);
        }
        if (f->dport == 7000) {
            g_assert_null(f->fec);
            g_assert_true(f->is_rtp);
        }
    }
    sim_free(&s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fec/parse", test_parse);
    g_test_add_func("/fec/stats", test_stats);
    g_test_add_func("/fec/tied", test_tied);
    g_test_add_func("/fec/port_minus_one_and_alone", test_port_minus_one_and_alone);
    return g_test_run();
}
