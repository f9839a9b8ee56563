/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_fec.c - an FEC stream is part of its media flow, not a flow
 * (nor a session) of its own.
 *
 * A datagram of a flow no track claims is an FEC candidate when it is RTP
 * with a dynamic payload type whose payload starts with a SMPTE 2022-1 FEC
 * header (fec.h: E set, XOR type, mask 0 ...), or with a plain RFC 2733
 * header when the media's SDP names that payload type 2dparityfec,
 * parityfec or ulpfec.  After MA_RTP_PROBE_SEQUENTIAL such packets in a
 * row it is tied to the RTP flow from the same source address to the same
 * destination at port - 2 (column), port - 4 (row) or port + 1 (the FEC
 * port - 1 convention), with the same source port or one moved alike.
 * From then on all its datagrams are counted as that media flow's FEC:
 * its RTP figures, gathered while it looked like any RTP flow, are
 * dropped, so it never becomes an unbound RTP "session". */
#include "correlator_internal.h"

#include <string.h>

#include "fec.h"
#include "sdp.h"

/* FEC port minus media port, in the order tried. */
static const int port_deltas[] = {2, 4, -1};

static gboolean is_fec_encoding(const char *enc)
{
    return enc != NULL &&
           (g_ascii_strcasecmp(enc, "2dparityfec") == 0 ||
            g_ascii_strcasecmp(enc, "parityfec") == 0 || g_ascii_strcasecmp(enc, "ulpfec") == 0);
}

/* Does the SDP of the media flow's session name pt an FEC format? */
static gboolean sdp_names_fec(const ma_flow *media, int pt)
{
    const ma_track *t = media->track;
    if (t == NULL || t->session == NULL || t->session->sdp == NULL)
        return FALSE;
    const GPtrArray *ms = t->session->sdp->media;
    for (guint i = 0; ms != NULL && i < ms->len; i++) {
        const ma_sdp_rtpmap *r = ma_sdp_rtpmap_for(g_ptr_array_index(ms, i), pt);
        if (r != NULL && is_fec_encoding(r->encoding))
            return TRUE;
    }
    return FALSE;
}

static gboolean media_candidate(const ma_corr_flow *m, const ma_corr_flow *f)
{
    const ma_flow *p = &m->pub;
    return m != f && p->fec == NULL && m->fec_trial == NULL && !p->interleaved && !p->is_rtcp &&
           p->stats != NULL && (p->is_rtp || p->track != NULL);
}

/* The media flow f's FEC protects, *delta its port offset; NULL none yet. */
static ma_corr_flow *find_media(ma_correlator *c, const ma_corr_flow *f, int *delta)
{
    for (gsize i = 0; i < G_N_ELEMENTS(port_deltas); i++) {
        int d = port_deltas[i];
        int dport = (int)f->key.dport - d;
        if (dport <= 0 || dport > 65535)
            continue;
        int sports[2] = {(int)f->key.sport - d, (int)f->key.sport};
        for (gsize j = 0; j < G_N_ELEMENTS(sports); j++) {
            if (sports[j] <= 0 || sports[j] > 65535)
                continue;
            ma_corr_key key = {f->key.src, f->key.dst, (uint16_t)sports[j], (uint16_t)dport};
            ma_corr_flow *m = g_hash_table_lookup(c->flow_index, &key);
            if (m != NULL && media_candidate(m, f)) {
                *delta = d;
                return m;
            }
        }
    }
    return NULL;
}

static void trial_reset(ma_corr_flow *f)
{
    ma_fec_stats_free(f->fec_trial);
    f->fec_trial = NULL;
    f->fec_run = 0;
}

static void tie(ma_correlator *c, ma_corr_flow *f, ma_corr_flow *m, int delta, const ma_fec_hdr *h)
{
    ma_flow *p = &f->pub;
    p->fec = f->fec_trial;
    f->fec_trial = NULL;
    p->fec_for = &m->pub;
    p->fec_port_delta = delta;
    /* the extension's D bit says which; RFC 2733 alone: by the port */
    p->fec_dir = h->extension ? (h->d ? MA_FEC_ROW : MA_FEC_COLUMN)
                              : (delta == 4 ? MA_FEC_ROW : MA_FEC_COLUMN);
    if (p->fec_dir == MA_FEC_ROW && m->pub.fec_row == NULL)
        m->pub.fec_row = p;
    else if (p->fec_dir == MA_FEC_COLUMN && m->pub.fec_column == NULL)
        m->pub.fec_column = p;
    /* what the probe gathered described no media source */
    ma_corr_drop_rtp(c, f);
    memset(&f->probe, 0, sizeof f->probe);
    p->is_rtp = FALSE;
    p->is_rtcp = FALSE;
    p->rtp_errors = 0;
}

gboolean ma_corr_fec_datagram(ma_correlator *c, ma_corr_flow *f, const ma_ev_udp *ev)
{
    ma_flow *p = &f->pub;
    ma_rtp_hdr r;
    ma_fec_hdr h;
    gboolean rtp = ma_rtp_parse(ev->payload, ev->payload_len, &r, NULL);
    /* ma_rtp_parse checked header + payload against the datagram */
    gboolean hdr = rtp && ma_fec_parse(ev->payload + r.header_len, r.payload_len, &h, NULL);
    if (p->fec != NULL) { /* tied: every datagram is this stream's */
        if (rtp)
            ma_fec_stats_add(p->fec, &r, hdr ? &h : NULL, ev->meta.frame);
        else
            p->rtp_errors++;
        return TRUE;
    }
    if (!hdr || !ma_fec_dynamic_pt(r.payload_type) || !ma_fec_plausible(&h)) {
        trial_reset(f);
        return FALSE;
    }
    if (f->fec_trial != NULL) {
        ma_fec_summary s;
        ma_fec_stats_summary(f->fec_trial, &s);
        if (s.ssrc != r.ssrc || s.payload_type != r.payload_type)
            trial_reset(f); /* another sender: the run starts again */
    }
    if (f->fec_trial == NULL)
        f->fec_trial = ma_fec_stats_new();
    ma_fec_stats_add(f->fec_trial, &r, &h, ev->meta.frame);
    if (++f->fec_run < MA_RTP_PROBE_SEQUENTIAL)
        return FALSE;
    int delta = 0;
    ma_corr_flow *m = find_media(c, f, &delta);
    /* plain RFC 2733 parity looks like too much else: only when signalled */
    if (m == NULL || (!h.extension && !sdp_names_fec(&m->pub, r.payload_type)))
        return FALSE;
    tie(c, f, m, delta, &h);
    return TRUE;
}

void ma_corr_fec_unlink(ma_corr_flow *f)
{
    ma_flow *p = &f->pub;
    if (p->fec_for != NULL) {
        if (p->fec_for->fec_column == p)
            p->fec_for->fec_column = NULL;
        if (p->fec_for->fec_row == p)
            p->fec_for->fec_row = NULL;
        p->fec_for = NULL;
    }
    if (p->fec_column != NULL)
        p->fec_column->fec_for = NULL;
    if (p->fec_row != NULL)
        p->fec_row->fec_for = NULL;
    p->fec_column = p->fec_row = NULL;
}

gboolean ma_flow_fec_summary(const ma_flow *media, ma_fec_dir d, ma_fec_summary *out,
                             const ma_flow **fec_flow)
{
    const ma_flow *f = media == NULL ? NULL : d == MA_FEC_ROW ? media->fec_row : media->fec_column;
    if (fec_flow != NULL)
        *fec_flow = f;
    if (f == NULL || f->fec == NULL)
        return FALSE;
    ma_fec_stats_summary(f->fec, out);
    return TRUE;
}
