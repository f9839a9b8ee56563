/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_described.c - sessions an SDP describes without RTSP: a file
 * the user gave (mcast-audit --sdp) or a SAP announcement (RFC 2974).  Each
 * m= section with a multicast c= and a port becomes a track that expects
 * what a SETUP reply would have said: group, RTP port (RTCP on port + 1,
 * RFC 3550 11), TTL (c= /ttl, RFC 8866 5.7), payload types and clock rate
 * (m= formats, a=rtpmap), and the source (a=source-filter, RFC 4570). */
#include "correlator_internal.h"

#include <string.h>

const char *ma_session_origin_name(ma_session_origin o)
{
    switch (o) {
    case MA_ORIGIN_SDP_FILE: return "sdp-file";
    case MA_ORIGIN_SAP: return "sap";
    default: return "rtsp";
    }
}

/* RFC 4570 3: a media-level filter replaces the session-level ones; the
 * filter's destination is the group or "*" (every c= of that level); with
 * a number of addresses (c= /count) it names one of them, or the base as
 * written. */
static const ma_sdp_source_filter *filter_for(const ma_sdp *sdp, const ma_sdp_media *m,
                                              const ma_sdp_conn *conn, const ma_addr *group)
{
    const GPtrArray *level = m->source_filters->len > 0 ? m->source_filters : sdp->source_filters;
    for (guint i = 0; i < level->len; i++) {
        const ma_sdp_source_filter *f = g_ptr_array_index(level, i);
        ma_addr dest;
        if (strcmp(f->dest, "*") == 0 ||
            (conn->count <= 1 && g_ascii_strcasecmp(f->dest, conn->address) == 0) ||
            (ma_addr_parse(f->dest, &dest) && ma_addr_equal(&dest, group)))
            return f;
    }
    return NULL;
}

static void expect_filter(ma_track *t, const ma_sdp_source_filter *f)
{
    if (f == NULL)
        return;
    t->filter_include = f->include;
    t->filter_sources = g_new0(ma_addr, f->sources->len > 0 ? f->sources->len : 1);
    for (guint i = 0; i < f->sources->len; i++) {
        ma_addr a;
        if (ma_addr_parse(g_ptr_array_index(f->sources, i), &a))
            t->filter_sources[t->n_filter_sources++] = a;
    }
    /* the camera of an SSM stream is the source it names */
    if (t->filter_include && t->n_filter_sources > 0)
        t->source = t->filter_sources[0];
}

static void expect_formats(ma_track *t, const ma_sdp_media *m)
{
    t->described_pts = g_array_new(FALSE, FALSE, sizeof(int));
    for (guint i = 0; i < m->formats->len; i++) {
        gint64 pt = -1;
        if (g_ascii_string_to_signed(g_ptr_array_index(m->formats, i), 10, 0, 127, &pt, NULL)) {
            int v = (int)pt;
            g_array_append_val(t->described_pts, v);
        }
    }
    ma_corr_track_expect_payload(t, m);
}

/* Can this media be audited: a multicast group and a port? */
static const ma_sdp_conn *media_group(const ma_sdp *sdp, const ma_sdp_media *m)
{
    const ma_sdp_conn *conn = ma_sdp_media_conn(sdp, m);
    if (conn == NULL || !ma_addr_is_multicast(&conn->addr) || m->port <= 0 || m->port >= 65535)
        return NULL;
    return conn;
}

static void describe_track(ma_correlator *c, ma_session *s, const ma_sdp *sdp,
                           const ma_sdp_media *m, const ma_sdp_conn *conn, const ma_addr *group,
                           int port)
{
    ma_track *t = ma_corr_track_new(s);
    t->sdp_media = m;
    t->from_sdp = TRUE;
    t->multicast = TRUE;
    t->group = *group;
    t->rtp_port = port;
    t->rtcp_port = port + 1;
    t->ttl = conn->ttl;
    t->url = m->control != NULL ? g_strdup(m->control) : NULL;
    expect_filter(t, filter_for(sdp, m, conn, group));
    expect_formats(t, m);
    if (!ma_addr_is_set(&s->server) && ma_addr_is_set(&t->source))
        s->server = t->source;
    ma_corr_track_attach_memberships(c, t);
    ma_corr_bind_track(c, t);
}

ma_session *ma_correlator_describe(ma_correlator *c, ma_sdp *sdp, ma_session_origin origin,
                                   const char *described_by, uint32_t frame, const char **why)
{
    const char *dummy = NULL;
    const char **reason = why != NULL ? why : &dummy;
    *reason = NULL;
    guint usable = 0;
    for (guint i = 0; sdp != NULL && i < sdp->media->len; i++)
        usable += media_group(sdp, g_ptr_array_index(sdp->media, i)) != NULL;
    if (c == NULL || c->finished || sdp == NULL || usable == 0) {
        *reason = "no m= section with a multicast c= address and a port";
        ma_sdp_free(sdp);
        return NULL;
    }
    ma_session *s = ma_corr_session_new(c, NULL, 0, NULL, 0, frame);
    if (s == NULL) {
        *reason = "the session table is full";
        ma_sdp_free(sdp);
        return NULL;
    }
    s->origin = origin == MA_ORIGIN_RTSP ? MA_ORIGIN_SDP_FILE : origin;
    s->described_by = g_strdup(described_by);
    s->described_frame = frame;
    s->sdp = sdp;
    for (guint i = 0; i < sdp->media->len; i++) {
        const ma_sdp_media *m = g_ptr_array_index(sdp->media, i);
        const ma_sdp_conn *conn = media_group(sdp, m);
        /* RFC 8866 5.7: c= /count is that many groups, each a track of
         * its own; with as many ports (m= port/count, 5.14) address k
         * takes port + 2k, else they share the port */
        for (guint k = 0; conn != NULL && k < (guint)MAX(conn->count, 1); k++) {
            ma_addr group;
            if (!ma_sdp_conn_addr(conn, k, &group))
                break; /* the parser checked the range: not reached */
            int port = m->port_count == conn->count ? m->port + 2 * (int)k : m->port;
            if (port >= 65535)
                break;
            describe_track(c, s, sdp, m, conn, &group, port);
        }
    }
    return s;
}

gboolean ma_corr_track_described_pt(const ma_track *t, int payload_type)
{
    for (guint i = 0; t->described_pts != NULL && i < t->described_pts->len; i++)
        if (g_array_index(t->described_pts, int, i) == payload_type)
            return TRUE;
    return FALSE;
}

gboolean ma_corr_track_filter_allows(const ma_track *t, const ma_addr *src)
{
    if (t->n_filter_sources == 0)
        return TRUE;
    gboolean listed = FALSE;
    for (guint i = 0; i < t->n_filter_sources && !listed; i++)
        listed = ma_addr_equal(&t->filter_sources[i], src);
    return t->filter_include ? listed : !listed;
}
