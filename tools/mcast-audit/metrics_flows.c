/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_flows.c - the per-RTP-flow families: RFC 3550 counts, jitter,
 * RFC 4445 MDI, bitrate and silence, labelled with the flow's place in its
 * session (group, port, source, ssrc, session url, camera, client). */
#include "metrics_priv.h"

typedef struct {
    const ma_flow *flow;
    ma_rtp_summary sum;
    ma_metrics_flow *mf;
    ma_labels labels;
} exported_flow;

typedef enum {
    F_PACKETS,
    F_EXPECTED,
    F_LOST,
    F_DUPLICATES,
    F_REORDERED,
    F_BYTES,
    F_JITTER,
    F_JITTER_MAX,
    F_MDI_DF,
    F_MDI_MLR,
    F_MDI_DF_INTERVAL,
    F_MDI_MLR_INTERVAL,
    F_BITRATE,
    F_AGE,
} flow_figure;

static const struct {
    flow_figure fig;
    const char *name;
    ma_om_type type;
    const char *unit;
    const char *help;
} families[] = {
    {F_PACKETS, "rtp_packets", MA_OM_COUNTER, NULL, "RTP packets received, duplicates included"},
    {F_EXPECTED, "rtp_expected_packets", MA_OM_COUNTER, NULL,
     "RTP packets expected from the sequence numbers (RFC 3550 A.3)"},
    {F_LOST, "rtp_lost_packets", MA_OM_COUNTER, NULL,
     "RTP sequence numbers never received (never decreases: a late packet's hole stays counted)"},
    {F_DUPLICATES, "rtp_duplicate_packets", MA_OM_COUNTER, NULL,
     "RTP packets whose sequence number was already received"},
    {F_REORDERED, "rtp_reordered_packets", MA_OM_COUNTER, NULL,
     "RTP packets that arrived after a higher sequence number"},
    {F_BYTES, "rtp_payload_bytes", MA_OM_COUNTER, "bytes", "UDP payload bytes of the flow"},
    {F_JITTER, "rtp_jitter_seconds", MA_OM_GAUGE, "seconds",
     "Current RFC 3550 interarrival jitter (0 when the clock rate is unknown)"},
    {F_JITTER_MAX, "rtp_jitter_max_seconds", MA_OM_GAUGE, "seconds",
     "Largest RFC 3550 jitter since the last scrape"},
    {F_MDI_DF, "rtp_mdi_delay_factor_seconds", MA_OM_GAUGE, "seconds",
     "RFC 4445 MDI delay factor, largest over all the flow's intervals (--mdi-interval)"},
    {F_MDI_MLR, "rtp_mdi_media_loss_rate", MA_OM_GAUGE, NULL,
     "RFC 4445 MDI media loss rate in packets per second, largest over all the flow's intervals"},
    {F_MDI_DF_INTERVAL, "rtp_mdi_interval_delay_factor_seconds", MA_OM_GAUGE, "seconds",
     "RFC 4445 MDI delay factor, largest over the intervals that ended since the last scrape "
     "(else the last interval's; 0 before the first ends)"},
    {F_MDI_MLR_INTERVAL, "rtp_mdi_interval_media_loss_rate", MA_OM_GAUGE, NULL,
     "RFC 4445 MDI media loss rate (packets/s), largest over the intervals that ended since the "
     "last scrape (else the last interval's)"},
    {F_BITRATE, "rtp_throughput_bytes_per_second", MA_OM_GAUGE, NULL,
     "UDP payload bytes per second over the last second"},
    {F_AGE, "rtp_last_packet_age_seconds", MA_OM_GAUGE, "seconds",
     "Seconds since the flow's last packet"},
};

static double figure(exported_flow *e, flow_figure fig, gint64 now_ns)
{
    const ma_rtp_summary *s = &e->sum;
    switch (fig) {
    case F_PACKETS: return (double)s->packets;
    case F_EXPECTED: return (double)s->expected;
    case F_LOST:
        e->mf->lost_exported = MAX(e->mf->lost_exported, s->lost);
        return (double)e->mf->lost_exported;
    case F_DUPLICATES: return (double)s->duplicates;
    case F_REORDERED: return (double)s->reordered;
    case F_BYTES: return (double)e->flow->bytes;
    case F_JITTER: return s->jitter_ms / 1e3;
    case F_JITTER_MAX:
        return (e->mf->window_seen ? e->mf->jitter_window_max_ms : s->jitter_ms) / 1e3;
    case F_MDI_DF: return s->mdi_df_ms / 1e3;
    case F_MDI_MLR: return s->mdi_mlr;
    case F_MDI_DF_INTERVAL:
        return (e->mf->mdi_window_seen ? e->mf->mdi_df_window_ms : e->mf->mdi_df_last_ms) / 1e3;
    case F_MDI_MLR_INTERVAL:
        return e->mf->mdi_window_seen ? e->mf->mdi_mlr_window : e->mf->mdi_mlr_last;
    case F_BITRATE: return e->mf->bitrate_bps / 8.0;
    default: return ma_metrics_age_s(e->flow->last_ns, now_ns);
    }
}

static void flow_labels(ma_labels *l, const ma_flow *f)
{
    ma_labels_init(l);
    ma_labels_add_addr(l, "group", &f->dst);
    ma_labels_addf(l, "port", "%u", f->dport);
    ma_labels_add_addr(l, "source", &f->src);
    ma_labels_addf(l, "ssrc", "0x%08x", f->ssrc);
    ma_labels_add_session(l, f->track != NULL ? f->track->session : NULL);
}

void ma_metrics_render_flows(ma_metrics *m, const ma_correlator *c, gint64 now_ns, ma_om *w)
{
    const GPtrArray *flows = ma_correlator_flows(c);
    GArray *ex = g_array_new(FALSE, TRUE, sizeof(exported_flow));
    guint dropped = 0;
    for (guint i = 0; i < flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(flows, i);
        if (f->stats == NULL || f->is_rtcp)
            continue;
        if (ex->len >= m->opts.max_flow_series) {
            dropped++;
            continue;
        }
        exported_flow e = {.flow = f, .mf = ma_metrics_flow_get(m, f->id)};
        ma_rtp_stats_summary(f->stats, &e.sum);
        flow_labels(&e.labels, f);
        g_array_append_val(ex, e);
    }
    for (gsize k = 0; k < G_N_ELEMENTS(families); k++) {
        char *name = g_strconcat(MA_METRICS_PREFIX, families[k].name, NULL);
        ma_om_family(w, name, families[k].type, families[k].unit, families[k].help);
        g_free(name);
        for (guint i = 0; i < ex->len; i++) {
            exported_flow *e = &g_array_index(ex, exported_flow, i);
            ma_om_sample(w, ma_labels_kv(&e->labels), figure(e, families[k].fig, now_ns));
        }
    }
    ma_om_family(w, MA_METRICS_PREFIX "flow_series_dropped", MA_OM_GAUGE, NULL,
                 "RTP flows left out of the exposition (--max-flow-series reached)");
    ma_om_sample(w, NULL, dropped);
    ma_om_family(w, MA_METRICS_PREFIX "rtp_mdi_interval_seconds", MA_OM_GAUGE, "seconds",
                 "The RFC 4445 MDI measurement interval (--mdi-interval)");
    ma_om_sample(w, NULL, m->opts.th != NULL ? m->opts.th->mdi_interval_s : 1.0);
    for (guint i = 0; i < ex->len; i++) {
        exported_flow *e = &g_array_index(ex, exported_flow, i);
        e->mf->window_seen = FALSE; /* the since-the-last-scrape windows start again */
        e->mf->mdi_window_seen = FALSE;
        ma_labels_clear(&e->labels);
    }
    g_array_free(ex, TRUE);
}
