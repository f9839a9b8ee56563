/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_described.c - sessions an SDP file (--sdp) or a SAP announcement
 * describes without RTSP, as metric families in the style of the group
 * audit's: per described track what it expects (origin, group, port,
 * payload types, clock rate, TTL, source) and whether media matched it,
 * and per SAP announcement its repeats, longest interval and deletion.
 * Their verdicts are verdicts_active with the session's labels. */
#include "metrics_priv.h"

#include "rtp_stats.h"

/* The labels that name a described track: who describes it, where to. */
static void track_labels(ma_labels *l, const ma_session *s, const ma_track *t)
{
    ma_labels_add(l, "origin", ma_session_origin_name(s->origin));
    ma_labels_add(l, "described_by", s->described_by);
    ma_labels_add_addr(l, "group", &t->group);
    ma_labels_addf(l, "port", "%d", t->rtp_port);
}

static void expected_labels(ma_labels *l, const ma_track *t)
{
    GString *pts = g_string_new(NULL);
    for (guint i = 0; t->described_pts != NULL && i < t->described_pts->len; i++)
        g_string_append_printf(pts, "%s%d", i ? "," : "", g_array_index(t->described_pts, int, i));
    ma_labels_add(l, "payload_types", pts->str);
    g_string_free(pts, TRUE);
    ma_labels_addf(l, "clock_rate", "%u", t->clock_rate);
    if (t->ttl >= 0)
        ma_labels_addf(l, "ttl", "%d", t->ttl);
    else
        ma_labels_add(l, "ttl", "none"); /* IPv6, or no /ttl */
    if (t->n_filter_sources > 0)
        ma_labels_add_addr(l, "source", &t->filter_sources[0]);
    else
        ma_labels_add(l, "source", "any");
}

static guint64 track_packets(const ma_track *t)
{
    if (t->rtp_flow == NULL || t->rtp_flow->stats == NULL)
        return 0;
    ma_rtp_summary s;
    ma_rtp_stats_summary(t->rtp_flow->stats, &s);
    return s.packets;
}

typedef enum { D_INFO, D_MATCHED, D_PACKETS } track_figure;

static const struct {
    track_figure fig;
    const char *name;
    ma_om_type type;
    const char *help;
} track_families[] = {
    {D_INFO, "described_track", MA_OM_GAUGE,
     "A track an SDP file or SAP announcement describes (value 1): what it expects"},
    {D_MATCHED, "described_track_media", MA_OM_GAUGE,
     "1 when RTP reached the described group:port (a flow matched), else 0 (MA365)"},
    {D_PACKETS, "described_track_packets", MA_OM_COUNTER,
     "RTP packets of the flow that matched the described group:port"},
};

static void render_tracks(const GPtrArray *ss, ma_om *w)
{
    for (gsize k = 0; k < G_N_ELEMENTS(track_families); k++) {
        char *name = g_strconcat(MA_METRICS_PREFIX, track_families[k].name, NULL);
        ma_om_family(w, name, track_families[k].type, NULL, track_families[k].help);
        g_free(name);
        for (guint i = 0; i < ss->len; i++) {
            const ma_session *s = g_ptr_array_index(ss, i);
            if (!ma_session_described(s))
                continue;
            for (guint j = 0; j < s->tracks->len; j++) {
                const ma_track *t = g_ptr_array_index(s->tracks, j);
                ma_labels l;
                ma_labels_init(&l);
                track_labels(&l, s, t);
                double v = 1;
                if (track_families[k].fig == D_INFO)
                    expected_labels(&l, t);
                else if (track_families[k].fig == D_MATCHED)
                    v = t->rtp_flow != NULL ? 1 : 0;
                else
                    v = (double)track_packets(t);
                ma_om_sample(w, ma_labels_kv(&l), v);
                ma_labels_clear(&l);
            }
        }
    }
}

typedef enum { P_ANNOUNCEMENTS, P_INTERVAL_MAX, P_DELETED, P_AGE } sap_figure;

static const struct {
    sap_figure fig;
    const char *name;
    ma_om_type type;
    const char *unit;
    const char *help;
} sap_families[] = {
    {P_ANNOUNCEMENTS, "sap_announcements", MA_OM_COUNTER, NULL,
     "SAP announcements (RFC 2974) of the session: the first and its repeats"},
    {P_INTERVAL_MAX, "sap_interval_max_seconds", MA_OM_GAUGE, "seconds",
     "Longest interval between two announcements (0 with one; MA149 past 4/3 of RFC 2974's)"},
    {P_DELETED, "sap_deleted", MA_OM_GAUGE, NULL,
     "1 once the announcement was deleted (T bit, RFC 2974 4), else 0"},
    {P_AGE, "sap_last_announcement_age_seconds", MA_OM_GAUGE, "seconds",
     "Seconds since the session's last announcement"},
};

static void render_sap(const GPtrArray *ss, gint64 now_ns, ma_om *w)
{
    for (gsize k = 0; k < G_N_ELEMENTS(sap_families); k++) {
        char *name = g_strconcat(MA_METRICS_PREFIX, sap_families[k].name, NULL);
        ma_om_family(w, name, sap_families[k].type, sap_families[k].unit, sap_families[k].help);
        g_free(name);
        for (guint i = 0; i < ss->len; i++) {
            const ma_session *s = g_ptr_array_index(ss, i);
            if (s->origin != MA_ORIGIN_SAP)
                continue;
            ma_labels l;
            ma_labels_init(&l);
            ma_labels_add_addr(&l, "origin", &s->sap.origin);
            ma_labels_addf(&l, "msg_id_hash", "0x%04x", s->sap.msg_id_hash);
            double v;
            switch (sap_families[k].fig) {
            case P_ANNOUNCEMENTS: v = s->sap.announcements; break;
            case P_INTERVAL_MAX: v = s->sap.interval_max_s; break;
            case P_DELETED: v = s->sap.deletion_frame != 0 ? 1 : 0; break;
            default: v = ma_metrics_age_s(s->sap.last_ns, now_ns); break;
            }
            ma_om_sample(w, ma_labels_kv(&l), v);
            ma_labels_clear(&l);
        }
    }
}

void ma_metrics_render_described(const ma_correlator *c, gint64 now_ns, ma_om *w)
{
    const GPtrArray *ss = ma_correlator_sessions(c);
    render_tracks(ss, w);
    render_sap(ss, now_ns, w);
}
