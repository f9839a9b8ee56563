/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_retire.c - a probe that runs for weeks forgets what has been
 * idle: sessions and flows with nothing since the cut-off, the capture-wide
 * membership changes older than it, and, in sessions that live on, the
 * membership refreshes and requests older than it (correlator_live.h).
 * Never used by the plugin or a file audit: retiring invalidates pointers. */
#include "correlator_live.h"

#include "correlator_internal.h"

static gboolean same_host_group(const ma_membership_event *a, const ma_membership_event *b)
{
    return ma_addr_equal(&a->host, &b->host) && ma_addr_equal(&a->group, &b->group);
}

static gint64 latest(gint64 a, gint64 b)
{
    return a > b ? a : b;
}

/* The newest thing that happened in s: requests, replies, media, reports,
 * and for a SAP session its announcements and deletion (an announced stream
 * not sent yet is alive while it is announced).  A session an SDP file
 * describes (--sdp) is the user's expectation, not traffic: it never goes
 * idle, or a probe would forget it (and its MA365) a tick after starting. */
static gint64 session_last_ns(const ma_session *s)
{
    if (s->origin == MA_ORIGIN_SDP_FILE)
        return G_MAXINT64;
    gint64 last = latest(s->play_reply_ns, s->teardown_ns);
    if (s->origin == MA_ORIGIN_SAP)
        last = latest(last, latest(s->sap.last_ns, s->sap.deletion_ns));
    if (s->request_ns->len > 0)
        last = latest(last, g_array_index(s->request_ns, gint64, s->request_ns->len - 1));
    for (guint i = 0; i < s->tracks->len; i++) {
        const ma_track *t = g_ptr_array_index(s->tracks, i);
        last = latest(last, t->setup_reply_ns);
        for (guint k = 0; k < t->flows->len; k++)
            last = latest(last, ((const ma_flow *)g_ptr_array_index(t->flows, k))->last_ns);
        if (t->memberships->len > 0)
            last = latest(last, g_array_index(t->memberships, ma_membership_event,
                                              t->memberships->len - 1).ts_ns);
    }
    return last;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GHRFunc
static gboolean pending_of(gpointer key, gpointer value, gpointer ud)
{
    (void)key;
    return ((const ma_corr_pending *)value)->session == ud;
}

/* Nothing may point at s any more: connections, their waiting requests, flows. */
static void unlink_session(ma_correlator *c, ma_session *s)
{
    GHashTableIter it;
    gpointer val;
    g_hash_table_iter_init(&it, c->conns);
    while (g_hash_table_iter_next(&it, NULL, &val)) {
        ma_corr_conn *conn = val;
        (void)ma_rtsp_pairing_drop_if(conn->pairing, pending_of, s);
        if (conn->session == s)
            g_hash_table_iter_remove(&it);
    }
    for (guint i = 0; i < s->tracks->len; i++) {
        ma_track *t = g_ptr_array_index(s->tracks, i);
        for (guint k = 0; k < t->flows->len; k++) {
            ma_corr_flow *f = g_ptr_array_index(t->flows, k);
            g_ptr_array_remove(f->tracks, t);
            if (f->pub.track == t)
                f->pub.track = f->tracks->len > 0 ? g_ptr_array_index(f->tracks, 0) : NULL;
            if (f->pub.track == NULL)
                f->explained = FALSE;
        }
    }
}

static guint retire_sessions(ma_correlator *c, gint64 before_ns)
{
    guint n = 0;
    for (guint i = c->sessions->len; i > 0; i--) {
        ma_session *s = g_ptr_array_index(c->sessions, i - 1);
        if (session_last_ns(s) >= before_ns)
            continue;
        unlink_session(c, s);
        ma_corr_sap_forget(c, s);
        g_ptr_array_remove_index(c->sessions, i - 1); /* keeps the id order */
        n++;
    }
    return n;
}

static guint retire_flows(ma_correlator *c, gint64 before_ns)
{
    guint n = 0;
    for (guint i = c->flows->len; i > 0; i--) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i - 1);
        if (f->pub.last_ns >= before_ns || f->tracks->len > 0)
            continue;
        ma_corr_fec_unlink(f);
        g_hash_table_remove(c->flow_index, &f->key);
        g_ptr_array_remove_index(c->flows, i - 1);
        n++;
    }
    return n;
}

/* A host's older reports say nothing its latest one does not: drop the
 * refreshes before the cut-off that a later change of the same host follows. */
static void trim_refreshes(GArray *evs, gint64 before_ns)
{
    for (guint i = evs->len; i > 0; i--) {
        const ma_membership_event *ev = &g_array_index(evs, ma_membership_event, i - 1);
        if (ev->kind != MA_CHANGE_REFRESH || ev->ts_ns >= before_ns)
            continue;
        gboolean later = FALSE;
        for (guint k = i; k < evs->len && !later; k++)
            later = same_host_group(&g_array_index(evs, ma_membership_event, k), ev);
        if (later)
            g_array_remove_index(evs, i - 1);
    }
}

/* Requests before the cut-off: the session-timeout rule measures gaps from
 * the last one dropped (requests_trimmed_ns) instead. */
static void trim_requests(ma_session *s, gint64 before_ns)
{
    guint n = 0;
    while (n + 1 < s->request_ns->len && g_array_index(s->request_ns, gint64, n) < before_ns)
        n++; /* always keep the newest */
    if (n == 0)
        return;
    s->requests_trimmed_ns = g_array_index(s->request_ns, gint64, n - 1);
    s->requests_trimmed_frame = g_array_index(s->request_frames, uint32_t, n - 1);
    g_array_remove_range(s->request_ns, 0, n);
    g_array_remove_range(s->request_frames, 0, n);
    guint k = 0;
    while (k + 1 < s->keepalive_ns->len && g_array_index(s->keepalive_ns, gint64, k) < before_ns)
        k++;
    s->keepalives_trimmed += k;
    g_array_remove_range(s->keepalive_ns, 0, k);
    g_array_remove_range(s->keepalives, 0, k);
}

/* The capture-wide changes before the cut-off go (the tracks keep their own
 * copies); a host silent since then is forgotten by the tracker too, so its
 * next report, for a new session, is a join again. */
static void retire_memberships(ma_correlator *c, gint64 before_ns)
{
    GArray *evs = c->memb_events;
    guint old = 0;
    while (old < evs->len && g_array_index(evs, ma_membership_event, old).ts_ns < before_ns)
        old++;
    for (guint i = 0; i < old; i++) {
        const ma_membership_event *ev = &g_array_index(evs, ma_membership_event, i);
        gboolean later = FALSE;
        for (guint k = i + 1; k < evs->len && !later; k++)
            later = same_host_group(&g_array_index(evs, ma_membership_event, k), ev);
        if (!later)
            ma_memb_tracker_forget(c->memb, &ev->host, &ev->group);
    }
    g_array_remove_range(evs, 0, old);
    g_hash_table_remove_all(c->memb_last); /* indices moved: nothing folds across a retirement */
}

guint ma_correlator_retire(ma_correlator *c, gint64 before_ns)
{
    if (c == NULL || c->finished)
        return 0;
    /* the groups point at flows, sessions and membership changes that may
     * go now: the next provisional judgement rebuilds them */
    g_ptr_array_set_size(c->groups, 0);
    guint n = retire_sessions(c, before_ns);
    n += retire_flows(c, before_ns);
    retire_memberships(c, before_ns);
    ma_corr_messages_retire(c, before_ns);
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        trim_requests(s, before_ns);
        for (guint k = 0; k < s->tracks->len; k++)
            trim_refreshes(((ma_track *)g_ptr_array_index(s->tracks, k))->memberships, before_ns);
    }
    /* the tables have room again: a later MA901 is news */
    for (int tb = 0; tb < MA_CORR_TABLE_COUNT; tb++)
        if (ma_corr_table_usage_now(c, (ma_corr_table)tb) < ma_corr_table_limit(c, (ma_corr_table)tb))
            c->limit_frame[tb] = 0;
    c->retired += n;
    return n;
}

guint64 ma_correlator_retired(const ma_correlator *c)
{
    return c != NULL ? c->retired : 0;
}
