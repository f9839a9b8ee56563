/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fec.c - see fec.h.  The sequence accounting of an FEC stream is the media
 * flows' (rtp_loss.c: RFC 3550 A.1 with exact holes), so "lost" means the
 * same thing for media and for its FEC. */
#include "fec.h"

#include "bigendian.h"
#include "rtp_loss.h"

struct ma_fec_stats {
    ma_rtp_loss seq;
    ma_fec_summary sum; /* everything but the sequence figures */
    gboolean have_header;
};

const char *ma_fec_dir_name(ma_fec_dir d)
{
    return d == MA_FEC_ROW ? "row" : "column";
}

gboolean ma_fec_parse(const uint8_t *p, gsize len, ma_fec_hdr *out, GError **err)
{
    ma_fec_hdr h = {0};
    if (p == NULL || len < MA_FEC_RFC2733_LEN) {
        g_set_error(err, MA_RTP_ERROR, MA_RTP_ERROR_TRUNCATED,
                    "offset 0: the FEC header needs %u bytes, the payload has %" G_GSIZE_FORMAT,
                    MA_FEC_RFC2733_LEN, p == NULL ? 0 : len);
        return FALSE;
    }
    h.snbase_low = ma_rd16(p);
    h.length_recovery = ma_rd16(p + 2);
    h.extension = (p[4] & 0x80) != 0;
    h.pt_recovery = p[4] & 0x7f;
    h.mask = ((uint32_t)p[5] << 16) | ((uint32_t)p[6] << 8) | p[7];
    h.ts_recovery = ma_rd32(p + 8);
    h.header_len = MA_FEC_RFC2733_LEN;
    if (h.extension) {
        if (len < MA_FEC_RFC2733_LEN + MA_FEC_SMPTE_EXT_LEN) {
            g_set_error(err, MA_RTP_ERROR, MA_RTP_ERROR_TRUNCATED,
                        "offset %u: the SMPTE 2022-1 extension needs %u bytes, %" G_GSIZE_FORMAT
                        " left",
                        MA_FEC_RFC2733_LEN, MA_FEC_SMPTE_EXT_LEN, len - MA_FEC_RFC2733_LEN);
            return FALSE;
        }
        const uint8_t *e = p + MA_FEC_RFC2733_LEN;
        h.x = (e[0] & 0x80) != 0;
        h.d = (e[0] & 0x40) != 0;
        h.type = (e[0] >> 3) & 0x07;
        h.index = e[0] & 0x07;
        h.offset = e[1];
        h.na = e[2];
        h.snbase_ext = e[3];
        h.header_len += MA_FEC_SMPTE_EXT_LEN;
    }
    *out = h;
    return TRUE;
}

gboolean ma_fec_plausible(const ma_fec_hdr *h)
{
    if (!h->extension)
        return h->mask != 0; /* RFC 2733: the mask names the packets protected */
    if (h->x || h->type != 0 || h->index != 0 || h->mask != 0 || h->na == 0 || h->offset == 0)
        return FALSE;
    return !h->d || h->offset == 1; /* a row is consecutive packets */
}

gboolean ma_fec_dynamic_pt(int payload_type)
{
    return payload_type >= 96 && payload_type <= 127;
}

ma_fec_stats *ma_fec_stats_new(void)
{
    ma_fec_stats *s = g_new0(ma_fec_stats, 1);
    ma_rtp_loss_init(&s->seq);
    s->sum.payload_type = -1;
    return s;
}

void ma_fec_stats_free(ma_fec_stats *s)
{
    if (s == NULL)
        return;
    ma_rtp_loss_clear(&s->seq);
    g_free(s);
}

static void note_header(ma_fec_stats *s, const ma_fec_hdr *h)
{
    ma_fec_summary *o = &s->sum;
    ma_fec_dir dir = h->extension && h->d ? MA_FEC_ROW : MA_FEC_COLUMN;
    if (!s->have_header) {
        s->have_header = TRUE;
        o->smpte = h->extension;
        o->dir = dir;
        o->snbase_first = h->snbase_low | ((uint32_t)h->snbase_ext << 16);
        o->offset = h->offset;
        o->na = h->na;
        o->type = h->type;
        return;
    }
    if (dir != o->dir || h->offset != o->offset || h->na != o->na)
        o->layout_changes++;
}

void ma_fec_stats_add(ma_fec_stats *s, const ma_rtp_hdr *rtp, const ma_fec_hdr *h, uint32_t frame)
{
    if (s == NULL || rtp == NULL)
        return;
    ma_fec_summary *o = &s->sum;
    if (o->packets++ == 0) {
        o->first_frame = frame;
        o->ssrc = rtp->ssrc;
        o->payload_type = rtp->payload_type;
    }
    o->last_frame = frame;
    (void)ma_rtp_loss_add(&s->seq, rtp->seq);
    if (h == NULL || !ma_fec_plausible(h))
        o->header_errors++;
    else
        note_header(s, h);
}

void ma_fec_stats_summary(const ma_fec_stats *s, ma_fec_summary *out)
{
    *out = s->sum;
    out->expected = ma_rtp_loss_expected(&s->seq);
    out->lost = ma_rtp_loss_lost(&s->seq);
    out->duplicates = s->seq.duplicates;
    out->reordered = s->seq.reordered;
}
