/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtp.c - RTP fixed header (RFC 3550 section 5.1) and RTCP compound packets
 * (sections 6.4-6.6).  Every length is checked against the datagram before
 * it is read: input comes straight off the wire. */
#include "rtp.h"

#include <stdarg.h>
#include <string.h>

#include "bigendian.h"

G_DEFINE_QUARK(ma-rtp-error-quark, ma_rtp_error)

#define RTP_FIXED_LEN 12u
#define RTCP_HDR_LEN 4u
#define RTCP_REPORT_BLOCK_LEN 24u
#define RTCP_SENDER_INFO_LEN 20u /* NTP 8 + RTP ts 4 + packets 4 + octets 4 */
#define SDES_CNAME 1u

static gboolean fail(GError **err, ma_rtp_error_code code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static gboolean fail(GError **err, ma_rtp_error_code code, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(err, MA_RTP_ERROR, (gint)code, msg);
    g_free(msg);
    return FALSE;
}

/* ---------------------------------------------------------------- RTP */

/* CSRC list and extension header: fills header_len, fails on overrun. */
static gboolean rtp_parse_variable(const uint8_t *data, gsize len, ma_rtp_hdr *h, GError **err)
{
    gsize off = RTP_FIXED_LEN;
    gsize csrc_bytes = (gsize)h->csrc_count * 4u;
    if (len - off < csrc_bytes)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTP CSRC list needs %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " left",
                    csrc_bytes, len - off);
    for (int i = 0; i < h->csrc_count; i++)
        h->csrc[i] = ma_rd32(data + off + (gsize)i * 4u);
    off += csrc_bytes;
    if (h->extension) {
        if (len - off < 4u)
            return fail(err, MA_RTP_ERROR_TRUNCATED,
                        "RTP extension header needs %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " left",
                        (gsize)4u, len - off);
        h->ext_profile = ma_rd16(data + off);
        h->ext_len = (gsize)ma_rd16(data + off + 2) * 4u;
        off += 4u;
        if (len - off < h->ext_len)
            return fail(err, MA_RTP_ERROR_TRUNCATED,
                        "RTP extension needs %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " left",
                        h->ext_len, len - off);
        off += h->ext_len;
    }
    h->header_len = off;
    return TRUE;
}

gboolean ma_rtp_parse(const uint8_t *data, gsize len, ma_rtp_hdr *out, GError **err)
{
    ma_rtp_hdr h;
    memset(&h, 0, sizeof h);
    if (data == NULL || len < RTP_FIXED_LEN)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTP header needs %" G_GSIZE_FORMAT " bytes, datagram has %" G_GSIZE_FORMAT,
                    (gsize)RTP_FIXED_LEN, data == NULL ? 0 : len);
    h.version = data[0] >> 6;
    if (h.version != 2)
        return fail(err, MA_RTP_ERROR_MALFORMED, "RTP version %d (expected 2)", h.version);
    h.padding = (data[0] & 0x20) != 0;
    h.extension = (data[0] & 0x10) != 0;
    h.csrc_count = data[0] & 0x0f;
    h.marker = (data[1] & 0x80) != 0;
    h.payload_type = data[1] & 0x7f;
    h.seq = ma_rd16(data + 2);
    h.timestamp = ma_rd32(data + 4);
    h.ssrc = ma_rd32(data + 8);
    if (!rtp_parse_variable(data, len, &h, err))
        return FALSE;
    if (h.padding) {
        /* RFC 3550 5.1: the last octet counts the padding, itself included,
         * so it is at least 1 and cannot reach into the header. */
        h.padding_len = data[len - 1];
        if (h.padding_len == 0 || h.padding_len > len - h.header_len)
            return fail(err, MA_RTP_ERROR_MALFORMED,
                        "RTP padding count %" G_GSIZE_FORMAT " invalid for %" G_GSIZE_FORMAT " bytes after the header",
                        h.padding_len, len - h.header_len);
    }
    h.payload_len = len - h.header_len - h.padding_len;
    *out = h;
    return TRUE;
}

gboolean ma_rtp_looks_like_rtcp(const uint8_t *data, gsize len)
{
    /* RFC 5761 section 4: RTCP packet types 192..223 fall where RTP has its
     * marker bit and payload type; RTP payload types 64..95 are avoided. */
    return data != NULL && len >= 2 && data[1] >= 192 && data[1] <= 223;
}

/* ---------------------------------------------------------------- RTCP */

static void read_report_block(const uint8_t *p, ma_rtcp_report_block *rb)
{
    uint32_t lost24 = ((uint32_t)p[5] << 16) | ((uint32_t)p[6] << 8) | p[7];
    rb->ssrc = ma_rd32(p);
    rb->fraction_lost = p[4];
    /* Sign-extend the 24-bit two's-complement cumulative loss: duplicates
     * can make it negative (RFC 3550 6.4.1). */
    rb->cumulative_lost = (lost24 & 0x800000u) ? (int32_t)lost24 - 0x1000000 : (int32_t)lost24;
    rb->ext_highest_seq = ma_rd32(p + 8);
    rb->jitter = ma_rd32(p + 12);
    rb->lsr = ma_rd32(p + 16);
    rb->dlsr = ma_rd32(p + 20);
}

/* body/blen: the packet after its 4-byte header, padding removed. */
static gboolean parse_sr_rr(const uint8_t *body, gsize blen, ma_rtcp_packet *pk, GError **err)
{
    gsize need = 4u + (pk->type == 200 ? RTCP_SENDER_INFO_LEN : 0u) + (gsize)pk->count * RTCP_REPORT_BLOCK_LEN;
    gsize off = 4u;
    if (blen < need)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTCP SR/RR needs %" G_GSIZE_FORMAT " bytes, packet has %" G_GSIZE_FORMAT, need, blen);
    pk->ssrc = ma_rd32(body);
    if (pk->type == 200) {
        pk->ntp_timestamp = ((uint64_t)ma_rd32(body + 4) << 32) | ma_rd32(body + 8);
        pk->rtp_timestamp = ma_rd32(body + 12);
        pk->sender_packets = ma_rd32(body + 16);
        pk->sender_octets = ma_rd32(body + 20);
        off += RTCP_SENDER_INFO_LEN;
    }
    for (int i = 0; i < pk->count; i++)
        read_report_block(body + off + (gsize)i * RTCP_REPORT_BLOCK_LEN, &pk->reports[i]);
    pk->n_reports = (guint)pk->count;
    return TRUE;
}

/* First SDES chunk only: its SSRC and CNAME item (RFC 3550 6.5). */
static gboolean parse_sdes(const uint8_t *body, gsize blen, ma_rtcp_packet *pk, GError **err)
{
    gsize off = 4u;
    if (pk->count == 0)
        return TRUE;
    if (blen < 4u)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTCP SDES chunk needs %" G_GSIZE_FORMAT " bytes, packet has %" G_GSIZE_FORMAT, (gsize)4u, blen);
    pk->ssrc = ma_rd32(body);
    while (off < blen && body[off] != 0) {
        gsize item_len;
        if (blen - off < 2u)
            return fail(err, MA_RTP_ERROR_TRUNCATED,
                        "RTCP SDES item header at offset %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " truncated", off, blen);
        item_len = body[off + 1];
        if (blen - off - 2u < item_len)
            return fail(err, MA_RTP_ERROR_TRUNCATED,
                        "RTCP SDES item of %" G_GSIZE_FORMAT " bytes overruns the packet (%" G_GSIZE_FORMAT " left)",
                        item_len, blen - off - 2u);
        if (body[off] == SDES_CNAME && pk->cname == NULL) {
            /* The text goes to reports and JSON: keep it valid UTF-8. */
            pk->cname = g_utf8_make_valid((const char *)body + off + 2u, (gssize)item_len);
        }
        off += 2u + item_len;
    }
    return TRUE;
}

static gboolean parse_first_ssrc(const uint8_t *body, gsize blen, ma_rtcp_packet *pk, GError **err)
{
    if (blen < 4u)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTCP packet type %d needs an SSRC, packet body has %" G_GSIZE_FORMAT " bytes",
                    pk->type, blen);
    pk->ssrc = ma_rd32(body);
    return TRUE;
}

static gboolean parse_body(const uint8_t *body, gsize blen, ma_rtcp_packet *pk, GError **err)
{
    switch (pk->type) {
    case 200:
    case 201:
        return parse_sr_rr(body, blen, pk, err);
    case 202:
        return parse_sdes(body, blen, pk, err);
    case 203:
        return pk->count == 0 ? TRUE : parse_first_ssrc(body, blen, pk, err);
    case 204:
        return parse_first_ssrc(body, blen, pk, err);
    default:
        return TRUE; /* kept with its type and count only */
    }
}

/* One packet at data[0..avail): fills pk and *used; the length field is
 * (words - 1), RFC 3550 6.4.1. */
static gboolean parse_one(const uint8_t *data, gsize avail, gsize off, ma_rtcp_packet *pk, gsize *used,
                          GError **err)
{
    gsize plen, blen;
    if (avail < RTCP_HDR_LEN)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTCP header at offset %" G_GSIZE_FORMAT " truncated (%" G_GSIZE_FORMAT " bytes left)", off,
                    avail);
    if ((data[0] >> 6) != 2)
        return fail(err, MA_RTP_ERROR_MALFORMED, "RTCP version %u at offset %" G_GSIZE_FORMAT " (expected 2)",
                    (unsigned)(data[0] >> 6), off);
    plen = ((gsize)ma_rd16(data + 2) + 1u) * 4u;
    if (plen > avail)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTCP length field says %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " left", plen, avail);
    pk->type = data[1];
    pk->count = data[0] & 0x1f;
    blen = plen - RTCP_HDR_LEN;
    if (data[0] & 0x20) {
        gsize pad = data[plen - 1];
        if (pad == 0 || pad > blen)
            return fail(err, MA_RTP_ERROR_MALFORMED,
                        "RTCP padding count %" G_GSIZE_FORMAT " invalid for a %" G_GSIZE_FORMAT "-byte body", pad, blen);
        blen -= pad;
    }
    *used = plen;
    return parse_body(data + RTCP_HDR_LEN, blen, pk, err);
}

gboolean ma_rtcp_parse(const uint8_t *data, gsize len, ma_rtcp_compound *out, GError **err)
{
    GArray *pkts;
    gsize off = 0;
    memset(out, 0, sizeof *out);
    if (data == NULL || len < RTCP_HDR_LEN)
        return fail(err, MA_RTP_ERROR_TRUNCATED,
                    "RTCP needs %" G_GSIZE_FORMAT " bytes, datagram has %" G_GSIZE_FORMAT, (gsize)RTCP_HDR_LEN,
                    data == NULL ? 0 : len);
    /* RFC 3550 6.1 wants SR or RR first; we accept any RTCP type (some
     * stacks send SDES or BYE alone) but not an RTP packet. */
    if (!ma_rtp_looks_like_rtcp(data, len))
        return fail(err, MA_RTP_ERROR_MALFORMED,
                    "first packet type %u is not RTCP (192..223)", (unsigned)data[1]);
    pkts = g_array_new(FALSE, TRUE, sizeof(ma_rtcp_packet));
    while (off < len) {
        ma_rtcp_packet pk;
        gsize used = 0;
        memset(&pk, 0, sizeof pk);
        if (!parse_one(data + off, len - off, off, &pk, &used, err)) {
            g_free(pk.cname);
            for (guint i = 0; i < pkts->len; i++)
                g_free(g_array_index(pkts, ma_rtcp_packet, i).cname);
            g_array_free(pkts, TRUE);
            return FALSE;
        }
        g_array_append_val(pkts, pk);
        off += used;
    }
    out->n_packets = pkts->len;
    out->packets = (ma_rtcp_packet *)(void *)g_array_free(pkts, FALSE);
    return TRUE;
}

void ma_rtcp_compound_clear(ma_rtcp_compound *c)
{
    if (c == NULL)
        return;
    for (guint i = 0; i < c->n_packets; i++)
        g_free(c->packets[i].cname);
    g_free(c->packets);
    c->packets = NULL;
    c->n_packets = 0;
}
