/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fec_source.c - SMPTE 2022-1 FEC of a media RTP stream: L columns by D rows.
 * For each matrix of L x D media packets (in sending order), one row FEC
 * packet per row (D = 1, offset 1, NA = L) to the media port + 4 right after
 * the row, and one column FEC packet per column (D = 0, offset L, NA = D) to
 * the media port + 2 after the matrix.  Each carries the RFC 2733 header with
 * the 2022-1 extension and the XOR of the protected packets' payloads,
 * lengths, payload types and timestamps, so a decoder could really recover
 * a packet.  FEC comes from what the camera sent, before the impairments;
 * its own losses are the layout's, by FEC packet index. */
#include "gen.h"

#include <string.h>

#define FEC_HDR 16u
#define FEC_PT 96u /* dynamic: what Wireshark's 2dparityfec.enable decodes */

typedef struct {
    guint8 payload[GEN_RTP_MAX];
    gsize len;
    guint16 len_xor;
    guint8 pt_xor;
    guint32 ts_xor;
} parity;

static void parity_add(parity *x, const guint8 *rtp, gsize n)
{
    gsize len = n - 12u;
    for (gsize i = 0; i < len; i++)
        x->payload[i] ^= rtp[12 + i];
    x->len = MAX(x->len, len);
    x->len_xor ^= (guint16)len;
    x->pt_xor ^= rtp[1] & 0x7f;
    x->ts_xor ^=
        ((guint32)rtp[4] << 24) | ((guint32)rtp[5] << 16) | ((guint32)rtp[6] << 8) | rtp[7];
}

typedef struct {
    gen_capture *cap;
    const gen_ip *ip;
    guint16 sport, dport;
    int flow;
    guint32 seq; /* next extended sequence number */
    guint index; /* FEC packets made so far */
    const guint *lost;
    guint n_lost;
} fec_out;

/* Is the FEC packet being made one the layout loses? */
static gboolean lost(const fec_out *o)
{
    for (guint i = 0; i < o->n_lost; i++)
        if (o->lost[i] == o->index + 1u) /* 1-based: 0 ends the list */
            return TRUE;
    return FALSE;
}

/* What one FEC header says besides the parity. */
typedef struct {
    guint16 snbase;
    gboolean row;
    guint8 offset, na;
    guint32 ts; /* the RTP timestamp: the last protected packet's */
} fec_fields;

static void emit(fec_out *o, guint64 t, const parity *x, const fec_fields *k)
{
    guint8 b[12 + FEC_HDR + GEN_RTP_MAX];
    guint16 seq = (guint16)o->seq;
    b[0] = 0x80;
    b[1] = FEC_PT;
    b[2] = (guint8)(seq >> 8);
    b[3] = (guint8)seq;
    b[4] = (guint8)(k->ts >> 24);
    b[5] = (guint8)(k->ts >> 16);
    b[6] = (guint8)(k->ts >> 8);
    b[7] = (guint8)k->ts;
    memset(b + 8, 0, 4); /* SSRC 0, as SMPTE 2022-1 sends it */
    guint8 *h = b + 12;
    h[0] = (guint8)(k->snbase >> 8);
    h[1] = (guint8)k->snbase;
    h[2] = (guint8)(x->len_xor >> 8);
    h[3] = (guint8)x->len_xor;
    h[4] = (guint8)(0x80 | x->pt_xor); /* E: the 2022-1 extension follows */
    h[5] = h[6] = h[7] = 0;            /* mask 0 */
    h[8] = (guint8)(x->ts_xor >> 24);
    h[9] = (guint8)(x->ts_xor >> 16);
    h[10] = (guint8)(x->ts_xor >> 8);
    h[11] = (guint8)x->ts_xor;
    h[12] = k->row ? 0x40 : 0x00; /* X 0, D, type 0 (XOR), index 0 */
    h[13] = k->offset;
    h[14] = k->na;
    h[15] = 0; /* SNBase ext */
    memcpy(h + FEC_HDR, x->payload, x->len);
    if (!lost(o))
        gen_capture_add(o->cap, t,
                        gen_frame_udp(o->ip, o->sport, o->dport, b, 12 + FEC_HDR + x->len), o->flow,
                        o->seq);
    o->seq++;
    o->index++;
}

void gen_fec_emit(gen_capture *cap, const gen_ip *ip, const gen_fec_layout *l,
                  const gen_fec_flows *fl, const gen_rtp_cfg *cfg, const GArray *sent)
{
    guint L = l->columns, D = l->rows;
    fec_out col = {cap,
                   ip,
                   fl->sport + 2,
                   fl->dport + 2,
                   fl->column_flow,
                   l->column_seq0,
                   0,
                   l->column_lost,
                   G_N_ELEMENTS(l->column_lost)};
    fec_out row = {cap,
                   ip,
                   fl->sport + 4,
                   fl->dport + 4,
                   fl->row_flow,
                   l->row_seq0,
                   0,
                   l->row_lost,
                   G_N_ELEMENTS(l->row_lost)};
    guint8 buf[GEN_RTP_MAX];
    for (guint base = 0; base + L * D <= sent->len; base += L * D) {
        parity *cols = g_new0(parity, L);
        guint64 t_last = 0;
        guint32 ts_last = 0;
        for (guint r = 0; r < D; r++) {
            parity rx;
            memset(&rx, 0, sizeof rx);
            for (guint c = 0; c < L; c++) {
                const gen_rtp_pkt *p = &g_array_index(sent, gen_rtp_pkt, base + r * L + c);
                gsize n = gen_rtp_bytes(cfg, p, buf);
                parity_add(&rx, buf, n);
                parity_add(&cols[c], buf, n);
                t_last = p->t_us;
                ts_last = p->ts;
            }
            fec_fields k = {(guint16)g_array_index(sent, gen_rtp_pkt, base + r * L).ext_seq, TRUE,
                            1, (guint8)L, ts_last};
            emit(&row, t_last + 50u, &rx, &k);
        }
        for (guint c = 0; c < L; c++) {
            fec_fields k = {(guint16)g_array_index(sent, gen_rtp_pkt, base + c).ext_seq, FALSE,
                            (guint8)L, (guint8)D, ts_last};
            emit(&col, t_last + 100u + 100u * (guint64)c, &cols[c], &k);
        }
        g_free(cols);
    }
}
