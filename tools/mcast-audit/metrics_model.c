/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_model.c - the metrics model's state (metrics.h): per-flow windows,
 * bitrates, and which verdicts stand and were counted as raised. */
#include <stdarg.h>
#include <string.h>

#include "metrics_priv.h"

ma_metrics *ma_metrics_new(const ma_metrics_opts *opts)
{
    ma_metrics *m = g_new0(ma_metrics, 1);
    if (opts != NULL)
        m->opts = *opts;
    if (m->opts.max_flow_series == 0)
        m->opts.max_flow_series = MA_METRICS_DEFAULT_FLOW_SERIES;
    m->flows = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    m->standing = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    m->raised_count = g_new0(guint64, MA_V__COUNT);
    m->start_ns = g_get_real_time() * 1000;
    m->groups = g_hash_table_new_full(ma_addr_ghash, ma_addr_gequal, NULL, g_free);
    m->group_order = g_ptr_array_new();
    return m;
}

void ma_metrics_free(ma_metrics *m)
{
    if (m == NULL)
        return;
    g_hash_table_destroy(m->flows);
    g_hash_table_destroy(m->standing);
    g_ptr_array_unref(m->group_order);
    g_hash_table_destroy(m->groups);
    g_free(m->raised_count);
    g_free(m);
}

ma_metrics_flow *ma_metrics_flow_get(ma_metrics *m, guint flow_id)
{
    ma_metrics_flow *f = g_hash_table_lookup(m->flows, GUINT_TO_POINTER(flow_id));
    if (f == NULL) {
        f = g_new0(ma_metrics_flow, 1);
        g_hash_table_insert(m->flows, GUINT_TO_POINTER(flow_id), f);
    }
    return f;
}

void ma_metrics_note_udp(ma_metrics *m, const ma_frame_info *info)
{
    if (m == NULL || info == NULL || info->flow == NULL || info->flow->stats == NULL)
        return;
    ma_metrics_flow *f = ma_metrics_flow_get(m, info->flow->id);
    if (!f->window_seen || info->jitter_ms > f->jitter_window_max_ms)
        f->jitter_window_max_ms = info->jitter_ms;
    f->window_seen = TRUE;
    /* one arrival closes at most one MDI interval: looking after each is exact */
    ma_mdi_interval iv;
    if (!ma_mdi_closed_interval(ma_rtp_stats_mdi(info->flow->stats), &iv) ||
        iv.closed == f->mdi_closed)
        return;
    f->mdi_closed = iv.closed;
    f->mdi_df_last_ms = MAX(iv.df_ms, 0.0); /* -1: no drain rate, no DF */
    f->mdi_mlr_last = iv.mlr;
    if (!f->mdi_window_seen || f->mdi_df_last_ms > f->mdi_df_window_ms)
        f->mdi_df_window_ms = f->mdi_df_last_ms;
    if (!f->mdi_window_seen || iv.mlr > f->mdi_mlr_window)
        f->mdi_mlr_window = iv.mlr;
    f->mdi_window_seen = TRUE;
}

static char *verdict_key(const ma_verdict *v)
{
    if (ma_addr_is_set(&v->group)) {
        /* a group verdict: one per group and first proving frame (two
         * members leaving are two MA222), stable across judgements */
        char g[MA_ADDR_STRLEN];
        uint32_t first =
            v->frames != NULL && v->frames->len > 0 ? g_array_index(v->frames, uint32_t, 0) : 0;
        return g_strdup_printf("%s/group/%s/%u", v->def->code, ma_addr_to_str(&v->group, g), first);
    }
    return g_strdup_printf("%s/%u/%u/%u", v->def->code, v->session_id, v->track_index, v->flow_id);
}

static void update_bitrates(ma_metrics *m, const ma_correlator *c, gint64 now_ns)
{
    const GPtrArray *flows = ma_correlator_flows(c);
    for (guint i = 0; i < flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(flows, i);
        if (fl->stats == NULL || fl->is_rtcp)
            continue;
        ma_metrics_flow *f = ma_metrics_flow_get(m, fl->id);
        if (f->tick_ns != 0 && now_ns > f->tick_ns)
            f->bitrate_bps = (double)(fl->bytes - f->tick_bytes) * 8.0 * 1e9 /
                             (double)(now_ns - f->tick_ns);
        f->tick_bytes = fl->bytes;
        f->tick_ns = now_ns;
    }
}

/* Marks the verdicts standing now; counts those that stood long enough. */
static void update_standing(ma_metrics *m, const ma_correlator *c, gint64 now_ns)
{
    gboolean final = ma_correlator_finished(c);
    GHashTable *now = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const GPtrArray *vs = ma_correlator_verdicts(c);
    for (guint i = 0; i < vs->len; i++) {
        const ma_verdict *v = g_ptr_array_index(vs, i);
        char *key = verdict_key(v);
        ma_metrics_standing *st = g_hash_table_lookup(m->standing, key);
        if (st == NULL) {
            st = g_new0(ma_metrics_standing, 1);
            st->since_ns = now_ns;
            st->id = v->def->id;
            st->session_id = v->session_id;
            st->group = v->group;
            g_hash_table_insert(m->standing, g_strdup(key), st);
        }
        if (!st->counted && (final || v->def->time_based ||
                             ma_metrics_age_s(st->since_ns, now_ns) >= MA_METRICS_GRACE_S)) {
            st->counted = TRUE;
            m->raised_count[st->id]++;
            if (m->opts.on_verdict != NULL)
                m->opts.on_verdict(m->opts.on_verdict_data, v, TRUE);
        }
        g_hash_table_add(now, key);
    }
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, m->standing);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        if (g_hash_table_contains(now, key))
            continue;
        /* the next frames disproved it (a late join, RTCP after all) */
        g_hash_table_iter_remove(&it);
    }
    g_hash_table_destroy(now);
}

/* Flows the correlator no longer has (retired) leave the model too, so that
 * its tables follow the correlator's bound. */
static void forget_gone_flows(ma_metrics *m, const ma_correlator *c)
{
    if (g_hash_table_size(m->flows) <= ma_correlator_flows(c)->len)
        return;
    GHashTable *ids = g_hash_table_new(g_direct_hash, g_direct_equal);
    const GPtrArray *flows = ma_correlator_flows(c);
    for (guint i = 0; i < flows->len; i++)
        g_hash_table_add(ids, GUINT_TO_POINTER(((const ma_flow *)g_ptr_array_index(flows, i))->id));
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, m->flows);
    while (g_hash_table_iter_next(&it, &key, &val))
        if (!g_hash_table_contains(ids, key)) {
            ma_metrics_group_flow_gone(m, val);
            g_hash_table_iter_remove(&it);
        }
    g_hash_table_destroy(ids);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): now, then the older cut-off
void ma_metrics_tick(ma_metrics *m, ma_correlator *c, gint64 now_ns, gint64 retire_ns)
{
    ma_metrics_count_memberships(m, c); /* before the changes can retire */
    if (retire_ns > 0)
        (void)ma_correlator_retire(c, retire_ns);
    ma_correlator_judge_now(c, now_ns);
    update_standing(m, c, now_ns);
    forget_gone_flows(m, c);
    if (retire_ns > 0)
        ma_metrics_forget_groups(m, c);
    update_bitrates(m, c, now_ns);
}

guint ma_metrics_model_size(const ma_metrics *m)
{
    return g_hash_table_size(m->flows) + g_hash_table_size(m->standing) + m->group_order->len;
}

GHashTable *ma_metrics_active_counts(const ma_metrics *m)
{
    GHashTable *h = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTableIter it;
    gpointer val;
    g_hash_table_iter_init(&it, m->standing);
    while (g_hash_table_iter_next(&it, NULL, &val)) {
        const ma_metrics_standing *st = val;
        if (!st->counted || ma_addr_is_set(&st->group))
            continue;
        gpointer key = GSIZE_TO_POINTER(ma_metrics_active_key(st->session_id, st->id));
        g_hash_table_insert(h, key, GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(h, key)) + 1));
    }
    return h;
}

double ma_metrics_age_s(gint64 from_ns, gint64 now_ns)
{
    return from_ns > 0 && now_ns > from_ns ? (double)(now_ns - from_ns) / 1e9 : 0.0;
}

const char *ma_metrics_role_label(ma_host_role r)
{
    switch (r) {
    case MA_HOST_CLIENT: return "client";
    case MA_HOST_SERVER: return "camera";
    case MA_HOST_UNSPECIFIED: return "unspecified";
    default: return "other";
    }
}

/* ---- label sets ---- */

void ma_labels_init(ma_labels *l)
{
    memset(l, 0, sizeof *l);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): key then value, as in the text
void ma_labels_add(ma_labels *l, const char *key, const char *value)
{
    g_return_if_fail(l->n + 2 < G_N_ELEMENTS(l->kv) && l->n_owned < G_N_ELEMENTS(l->owned));
    char *v = g_strdup(value != NULL ? value : "");
    l->owned[l->n_owned++] = v;
    l->kv[l->n++] = key;
    l->kv[l->n++] = v;
    l->kv[l->n] = NULL;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): key then format
void ma_labels_addf(ma_labels *l, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *v = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ma_labels_add(l, key, v);
    g_free(v);
}

void ma_labels_add_addr(ma_labels *l, const char *key, const ma_addr *a)
{
    char buf[MA_ADDR_STRLEN];
    ma_labels_add(l, key, ma_addr_is_set(a) ? ma_addr_to_str(a, buf) : "");
}

void ma_labels_add_session(ma_labels *l, const ma_session *s)
{
    if (s == NULL)
        return;
    ma_labels_add(l, "session_url", s->url);
    ma_labels_add_addr(l, "camera", &s->server);
    ma_labels_add_addr(l, "client", &s->client);
}

void ma_labels_clear(ma_labels *l)
{
    for (guint i = 0; i < l->n_owned; i++)
        g_free(l->owned[i]);
    ma_labels_init(l);
}
