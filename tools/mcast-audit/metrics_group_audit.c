/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_group_audit.c - the group-centric audit (ma_group: multicast
 * groups without an RTSP session) as metric families labelled group: static
 * multicast or not, the zap time of its members' joins (each first join
 * and each join after a leave: how many, the last measured, the smallest
 * and the largest, and how many are above --max-zap), its media
 * packets and loss over all its flows, the age of its last media packet,
 * and its standing verdicts.  Members, joins and leaves are the group_*
 * families of every group (metrics_sessions.c). */
#include "metrics_priv.h"

#include "mpegts.h"
#include "rtp_stats.h"

/* A media flow's packets and loss: RTP packets and sequence numbers lost;
 * for MPEG-TS straight in UDP, datagrams and the TS packets the continuity
 * counters say are missing (its only loss figure). */
typedef struct {
    guint64 packets, lost;
} flow_count;

static flow_count flow_counts(const ma_flow *f)
{
    flow_count c = {0, 0};
    if (f->is_rtcp)
        return c;
    if (f->stats != NULL) {
        ma_rtp_summary s;
        ma_rtp_stats_summary(f->stats, &s);
        c.packets = s.packets;
        c.lost = s.lost > 0 ? (guint64)s.lost : 0;
    } else if (f->ts_raw && f->ts != NULL) {
        ma_ts_summary ts;
        ma_ts_stats_summary(f->ts, &ts);
        c.packets = f->datagrams;
        c.lost = ts.cc_lost;
    }
    return c;
}

void ma_metrics_group_flow_gone(ma_metrics *m, const ma_metrics_flow *f)
{
    group_figures *gf =
        ma_addr_is_set(&f->media_group) ? g_hash_table_lookup(m->groups, &f->media_group) : NULL;
    if (gf == NULL)
        return;
    gf->media_packets_retired += f->media_packets;
    gf->media_lost_retired += f->media_lost;
}

typedef struct {
    const ma_group *g;
    gboolean is_static;
    gboolean zapped;                         /* a join with a zap time */
    double zap_last_s, zap_min_s, zap_max_s; /* the latest join's, the smallest, the largest */
    guint zaps;                              /* joins with a zap time */
    guint zap_slow, zap_slow_joins;          /* members, joins above --max-zap */
    guint64 packets, lost;
    gint64 last_media_ns;
} group_row;

static void fill_row(ma_metrics *m, const ma_thresholds *th, group_row *r)
{
    const ma_group *g = r->g;
    r->is_static = TRUE;
    for (guint k = 0; k < g->sessions->len; k++)
        r->is_static &= ((const ma_session *)g_ptr_array_index(g->sessions, k))->static_multicast;
    gint64 last_join_ns = 0;
    for (guint k = 0; k < g->members->len; k++) {
        const ma_group_member *mb = &g_array_index(g->members, ma_group_member, k);
        gboolean slow = FALSE;
        /* every join's zap (the first, and each after a leave) */
        for (guint j = 0; mb->zaps != NULL && j < mb->zaps->len; j++) {
            const ma_group_zap *z = &g_array_index(mb->zaps, ma_group_zap, j);
            double s = z->zap_ms / 1e3;
            if (!r->zapped || z->join_ns >= last_join_ns) {
                last_join_ns = z->join_ns;
                r->zap_last_s = s;
            }
            r->zap_max_s = r->zapped ? MAX(r->zap_max_s, s) : s;
            r->zap_min_s = r->zapped ? MIN(r->zap_min_s, s) : s;
            r->zapped = TRUE;
            r->zaps++;
            if (z->zap_ms > th->max_zap_ms) {
                r->zap_slow_joins++;
                slow = TRUE;
            }
        }
        r->zap_slow += slow;
    }
    group_figures *gf = g_hash_table_lookup(m->groups, &g->addr);
    for (guint k = 0; k < g->flows->len; k++) {
        const ma_flow *f = g_ptr_array_index(g->flows, k);
        const flow_count fc = flow_counts(f);
        r->packets += fc.packets;
        r->lost += fc.lost;
        r->last_media_ns = MAX(r->last_media_ns, f->last_ns);
        ma_metrics_flow *mf = ma_metrics_flow_get(m, f->id);
        mf->media_group = g->addr;
        mf->media_packets = fc.packets;
        mf->media_lost = fc.lost;
    }
    if (gf != NULL) { /* what its retired flows counted stays counted */
        r->packets += gf->media_packets_retired;
        r->lost += gf->media_lost_retired;
        gf->media_lost_exported = MAX(gf->media_lost_exported, r->lost);
        r->lost = gf->media_lost_exported;
    }
}

typedef enum {
    A_STATIC,
    A_ZAP_LAST,
    A_ZAP_MIN,
    A_ZAP_MAX,
    A_ZAP_JOINS,
    A_ZAP_SLOW,
    A_ZAP_SLOW_JOINS,
    A_PACKETS,
    A_LOST,
    A_AGE,
} audit_figure;

static const struct {
    audit_figure fig;
    const char *name;
    ma_om_type type;
    const char *unit;
    const char *help;
} families[] = {
    {A_STATIC, "group_static", MA_OM_GAUGE, NULL,
     "Groups without an RTSP session: 1 static multicast, 0 a stream negotiated before the "
     "capture"},
    {A_ZAP_LAST, "group_zap_seconds", MA_OM_GAUGE, "seconds",
     "Zap time (a join to the first media packet after it) of the group's latest measured join"},
    {A_ZAP_MIN, "group_zap_min_seconds", MA_OM_GAUGE, "seconds",
     "Smallest zap time of the group's joins (each first join and each join after a leave)"},
    {A_ZAP_MAX, "group_zap_max_seconds", MA_OM_GAUGE, "seconds",
     "Largest zap time of the group's joins (each first join and each join after a leave)"},
    {A_ZAP_JOINS, "group_zap_joins", MA_OM_GAUGE, NULL,
     "Joins of the group with a zap time measured (of the membership changes held)"},
    {A_ZAP_SLOW, "group_zap_slow_members", MA_OM_GAUGE, NULL,
     "Members of the group with a join whose zap time is above --max-zap (MA360)"},
    {A_ZAP_SLOW_JOINS, "group_zap_slow_joins", MA_OM_GAUGE, NULL,
     "Joins of the group whose zap time is above --max-zap (one MA360 each)"},
    {A_PACKETS, "group_media_packets", MA_OM_COUNTER, NULL,
     "Media packets to the group over all its flows (RTP packets; MPEG-TS in UDP: datagrams)"},
    {A_LOST, "group_media_lost_packets", MA_OM_COUNTER, NULL,
     "Media lost on the group's flows (RTP sequence numbers; MPEG-TS in UDP: TS packets by the "
     "continuity counters); never decreases"},
    {A_AGE, "group_media_last_packet_age_seconds", MA_OM_GAUGE, "seconds",
     "Seconds since the group's last media packet"},
};

void ma_metrics_render_group_audit(ma_metrics *m, const ma_correlator *c, const ma_thresholds *th,
                                   gint64 now_ns, ma_om *w)
{
    const GPtrArray *gs = ma_correlator_groups(c);
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(group_row));
    for (guint i = 0; gs != NULL && i < gs->len; i++) {
        group_row r = {.g = g_ptr_array_index(gs, i)};
        fill_row(m, th, &r);
        g_array_append_val(rows, r);
    }
    for (gsize k = 0; k < G_N_ELEMENTS(families); k++) {
        char *name = g_strconcat(MA_METRICS_PREFIX, families[k].name, NULL);
        ma_om_family(w, name, families[k].type, families[k].unit, families[k].help);
        g_free(name);
        for (guint i = 0; i < rows->len; i++) {
            const group_row *r = &g_array_index(rows, group_row, i);
            double v;
            switch (families[k].fig) {
            case A_STATIC: v = r->is_static ? 1 : 0; break;
            case A_ZAP_LAST: v = r->zap_last_s; break;
            case A_ZAP_MIN: v = r->zap_min_s; break;
            case A_ZAP_MAX: v = r->zap_max_s; break;
            case A_ZAP_JOINS: v = r->zaps; break;
            case A_ZAP_SLOW: v = r->zap_slow; break;
            case A_ZAP_SLOW_JOINS: v = r->zap_slow_joins; break;
            case A_PACKETS: v = (double)r->packets; break;
            case A_LOST: v = (double)r->lost; break;
            default: v = ma_metrics_age_s(r->last_media_ns, now_ns); break;
            }
            /* no zap time measured, no media: no sample rather than a 0 */
            if (((families[k].fig == A_ZAP_LAST || families[k].fig == A_ZAP_MIN ||
                  families[k].fig == A_ZAP_MAX) &&
                 !r->zapped) ||
                (families[k].fig == A_AGE && r->last_media_ns == 0))
                continue;
            ma_labels l;
            ma_labels_init(&l);
            ma_labels_add_addr(&l, "group", &r->g->addr);
            ma_om_sample(w, ma_labels_kv(&l), v);
            ma_labels_clear(&l);
        }
    }
    g_array_free(rows, TRUE);
}

void ma_metrics_render_group_verdicts(const ma_metrics *m, const ma_correlator *c, ma_om *w)
{
    /* (group, code) -> standing verdicts that count, in the groups' order */
    const GPtrArray *gs = ma_correlator_groups(c);
    guint n_groups = gs != NULL ? gs->len : 0;
    if (n_groups == 0)
        return;
    guint *count = g_new0(guint, (gsize)n_groups * MA_V__COUNT);
    GHashTableIter it;
    gpointer val;
    g_hash_table_iter_init(&it, m->standing);
    while (g_hash_table_iter_next(&it, NULL, &val)) {
        const ma_metrics_standing *st = val;
        if (!st->counted || !ma_addr_is_set(&st->group))
            continue;
        for (guint i = 0; i < n_groups; i++)
            if (ma_addr_equal(&((const ma_group *)g_ptr_array_index(gs, i))->addr, &st->group)) {
                count[(gsize)i * MA_V__COUNT + st->id]++;
                break;
            }
    }
    for (guint i = 0; i < n_groups; i++)
        for (int id = 0; id < MA_V__COUNT; id++) {
            guint n = count[(gsize)i * MA_V__COUNT + (gsize)id];
            if (n == 0)
                continue;
            const ma_verdict_def *d = ma_verdict_def_get((ma_verdict_id)id);
            ma_labels l;
            ma_labels_init(&l);
            ma_labels_add(&l, "code", d->code);
            ma_labels_add(&l, "name", d->name);
            ma_labels_add(&l, "severity", ma_severity_name(d->severity));
            ma_labels_add_addr(&l, "group", &((const ma_group *)g_ptr_array_index(gs, i))->addr);
            ma_om_sample(w, ma_labels_kv(&l), n);
            ma_labels_clear(&l);
        }
    g_free(count);
}
