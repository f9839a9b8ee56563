/* SPDX-License-Identifier: GPL-2.0-or-later */
/* metrics_sessions.c - per RTSP session (state, keep-alives), per group
 * (members, joins and leaves by host role) and per querier families. */
#include "metrics_priv.h"

static const char *const session_states[] = {"setup", "playing", "torn_down", "timed_out"};
enum { ST_SETUP, ST_PLAYING, ST_TORN_DOWN, ST_TIMED_OUT };

static gint64 last_request_ns(const ma_session *s)
{
    gint64 last = s->play_reply_ns;
    if (s->request_ns->len > 0)
        last = MAX(last, g_array_index(s->request_ns, gint64, s->request_ns->len - 1));
    return last;
}

/* The RFC 2326 session timeout: ;timeout= of the reply, else the default. */
static double session_timeout_s(const ma_thresholds *th, const ma_session *s)
{
    return s->timeout_s > 0 ? s->timeout_s : th->default_session_timeout_s;
}

static int session_state(const ma_thresholds *th, const ma_session *s, gint64 now_ns)
{
    if (s->teardown_frame != 0)
        return ST_TORN_DOWN;
    if (s->play_status < 200 || s->play_status >= 300)
        return ST_SETUP;
    if (ma_metrics_age_s(last_request_ns(s), now_ns) > session_timeout_s(th, s))
        return ST_TIMED_OUT;
    return ST_PLAYING;
}

typedef enum { S_KEEPALIVES, S_LAST_REQUEST_AGE } session_figure;

static double session_value(const ma_session *s, session_figure fig, gint64 now_ns)
{
    if (fig == S_KEEPALIVES)
        return (double)(s->keepalives->len + s->keepalives_trimmed);
    return ma_metrics_age_s(last_request_ns(s), now_ns);
}

/* One sample per session seen in RTSP (a session negotiated before the
 * capture has no state, keep-alives or requests to tell). */
static void session_family(ma_om *w, const GPtrArray *ss, const char *name, ma_om_type type,
                           const char *unit, const char *help, session_figure fig, gint64 now_ns)
{
    ma_om_family(w, name, type, unit, help);
    for (guint i = 0; i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        if (s->outside_capture)
            continue;
        ma_labels l;
        ma_labels_init(&l);
        ma_labels_add_session(&l, s);
        ma_om_sample(w, ma_labels_kv(&l), session_value(s, fig, now_ns));
        ma_labels_clear(&l);
    }
}

void ma_metrics_render_sessions(const ma_correlator *c, const ma_thresholds *th, gint64 now_ns,
                                ma_om *w)
{
    const GPtrArray *ss = ma_correlator_sessions(c);
    ma_om_family(w, MA_METRICS_PREFIX "session_state", MA_OM_GAUGE, NULL,
                 "RTSP session state: 1 for the state it is in (setup, playing, torn_down, timed_out)");
    for (guint i = 0; i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        if (s->outside_capture)
            continue; /* no RTSP seen: no state to tell */
        int now_state = session_state(th, s, now_ns);
        for (int k = 0; k < (int)G_N_ELEMENTS(session_states); k++) {
            ma_labels l;
            ma_labels_init(&l);
            ma_labels_add_session(&l, s);
            ma_labels_add(&l, "state", session_states[k]);
            ma_om_sample(w, ma_labels_kv(&l), k == now_state);
            ma_labels_clear(&l);
        }
    }
    session_family(w, ss, MA_METRICS_PREFIX "session_keepalives", MA_OM_COUNTER, NULL,
                   "OPTIONS / GET_PARAMETER keep-alive requests inside the RTSP session",
                   S_KEEPALIVES, now_ns);
    session_family(w, ss, MA_METRICS_PREFIX "session_last_request_age_seconds", MA_OM_GAUGE,
                   "seconds",
                   "Seconds since the session's last request (or PLAY reply); 0 before PLAY",
                   S_LAST_REQUEST_AGE, now_ns);
}

/* ---- groups ---- */


/* The sender's role for the sessions that use ev's group: the most telling
 * one (client before camera before a switch before anybody else). */
static ma_host_role event_role(GPtrArray *tracks, const ma_membership_event *ev)
{
    static const int rank[] = {[MA_HOST_CLIENT] = 3, [MA_HOST_SERVER] = 2,
                               [MA_HOST_UNSPECIFIED] = 1, [MA_HOST_OTHER] = 0};
    ma_host_role best = ma_addr_is_unspecified(&ev->host) ? MA_HOST_UNSPECIFIED : MA_HOST_OTHER;
    for (guint i = 0; tracks != NULL && i < tracks->len; i++) {
        const ma_track *t = g_ptr_array_index(tracks, i);
        ma_host_role r = ma_correlator_event_role(t->session, t, ev);
        if (rank[r] > rank[best])
            best = r;
    }
    return best;
}

static GHashTable *tracks_by_group(const ma_correlator *c)
{
    GHashTable *h = g_hash_table_new_full(ma_addr_ghash, ma_addr_gequal, NULL,
                                          (GDestroyNotify)g_ptr_array_unref);
    const GPtrArray *ss = ma_correlator_sessions(c);
    for (guint i = 0; i < ss->len; i++) {
        const ma_session *s = g_ptr_array_index(ss, i);
        for (guint k = 0; k < s->tracks->len; k++) {
            ma_track *t = g_ptr_array_index(s->tracks, k);
            if (!t->multicast || !ma_addr_is_set(&t->group))
                continue;
            GPtrArray *a = g_hash_table_lookup(h, &t->group);
            if (a == NULL) {
                a = g_ptr_array_new();
                g_hash_table_insert(h, &t->group, a);
            }
            g_ptr_array_add(a, t);
        }
    }
    return h;
}

static group_figures *group_of(GHashTable *groups, GPtrArray *order, const ma_addr *g)
{
    group_figures *gf = g_hash_table_lookup(groups, g);
    if (gf == NULL) {
        gf = g_new0(group_figures, 1);
        gf->group = *g;
        g_hash_table_insert(groups, &gf->group, gf);
        g_ptr_array_add(order, gf);
    }
    return gf;
}

typedef struct {
    ma_addr host, group;
} host_group;

static guint host_group_hash(gconstpointer p)
{
    const host_group *k = p;
    return ma_addr_hash(&k->host) * 31u + ma_addr_hash(&k->group);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GEqualFunc, symmetric
static gboolean host_group_equal(gconstpointer a, gconstpointer b)
{
    const host_group *x = a, *y = b;
    return ma_addr_equal(&x->host, &y->host) && ma_addr_equal(&x->group, &y->group);
}

/* Joins and leaves by role, counted as they come (the capture-wide list of
 * changes is retired as it ages; a counter must not go down). */
void ma_metrics_count_memberships(ma_metrics *m, const ma_correlator *c)
{
    const GArray *evs = ma_correlator_memberships(c);
    if (evs->len == 0 ||
        g_array_index(evs, ma_membership_event, evs->len - 1).frame <= m->memb_frame)
        return;
    GHashTable *by_group = tracks_by_group(c);
    for (guint i = 0; i < evs->len; i++) {
        const ma_membership_event *ev = &g_array_index(evs, ma_membership_event, i);
        if (ev->frame <= m->memb_frame)
            continue; /* counted at an earlier tick (one frame's changes come together) */
        group_figures *gf = group_of(m->groups, m->group_order, &ev->group);
        ma_host_role r = event_role(g_hash_table_lookup(by_group, &ev->group), ev);
        if (ev->kind == MA_CHANGE_JOIN)
            gf->joins[r]++;
        else if (ev->kind == MA_CHANGE_LEAVE)
            gf->leaves[r]++;
    }
    m->memb_frame = g_array_index(evs, ma_membership_event, evs->len - 1).frame;
    g_hash_table_destroy(by_group);
}

/* A group no session uses and no membership change names any more (they
 * retired) has no members: it leaves the model, so that groups coming and
 * going for weeks do not pile up; its join and leave series end with it. */
void ma_metrics_forget_groups(ma_metrics *m, const ma_correlator *c)
{
    GHashTable *by_group = tracks_by_group(c);
    GHashTable *named = g_hash_table_new(ma_addr_ghash, ma_addr_gequal);
    const GArray *evs = ma_correlator_memberships(c);
    for (guint i = 0; i < evs->len; i++)
        g_hash_table_add(named, &g_array_index(evs, ma_membership_event, i).group);
    for (guint i = m->group_order->len; i-- > 0;) {
        group_figures *gf = g_ptr_array_index(m->group_order, i);
        if (g_hash_table_contains(named, &gf->group) || g_hash_table_contains(by_group, &gf->group))
            continue;
        g_ptr_array_remove_index(m->group_order, i);
        g_hash_table_remove(m->groups, &gf->group); /* frees gf */
    }
    g_hash_table_destroy(named);
    g_hash_table_destroy(by_group);
}

/* A host is a member while its last change was no leave and its last report
 * is younger than the membership interval (RFC 3376 8.4: 260 s by default). */
static void count_members(ma_metrics *m, const ma_correlator *c, double gmi_s, gint64 now_ns)
{
    for (guint i = 0; i < m->group_order->len; i++)
        memset(((group_figures *)g_ptr_array_index(m->group_order, i))->members, 0,
               sizeof ((group_figures *)NULL)->members);
    GHashTable *by_group = tracks_by_group(c);
    GHashTable *last = g_hash_table_new_full(host_group_hash, host_group_equal, g_free, NULL);
    const GArray *evs = ma_correlator_memberships(c);
    for (guint i = 0; i < evs->len; i++) {
        const ma_membership_event *ev = &g_array_index(evs, ma_membership_event, i);
        host_group *k = g_new(host_group, 1);
        k->host = ev->host;
        k->group = ev->group;
        g_hash_table_insert(last, k, (gpointer)ev); /* events come in time order: the last wins */
    }
    GHashTableIter it;
    gpointer val;
    g_hash_table_iter_init(&it, last);
    while (g_hash_table_iter_next(&it, NULL, &val)) {
        const ma_membership_event *ev = val;
        if (ev->kind == MA_CHANGE_LEAVE || ma_metrics_age_s(ev->ts_ns, now_ns) > gmi_s)
            continue;
        group_figures *gf = group_of(m->groups, m->group_order, &ev->group);
        gf->members[event_role(g_hash_table_lookup(by_group, &ev->group), ev)]++;
    }
    g_hash_table_destroy(last);
    g_hash_table_destroy(by_group);
}

typedef enum { G_MEMBERS, G_JOINS, G_LEAVES } group_figure;

static double group_value(const group_figures *gf, group_figure fig, int role)
{
    switch (fig) {
    case G_MEMBERS: return gf->members[role];
    case G_JOINS: return (double)gf->joins[role];
    default: return (double)gf->leaves[role];
    }
}

static void group_family(ma_om *w, GPtrArray *order, const char *name, ma_om_type type,
                         const char *help, group_figure fig)
{
    ma_om_family(w, name, type, NULL, help);
    for (guint i = 0; i < order->len; i++) {
        const group_figures *gf = g_ptr_array_index(order, i);
        for (int r = 0; r < MA_ROLE_LABELS; r++) {
            ma_labels l;
            ma_labels_init(&l);
            ma_labels_add_addr(&l, "group", &gf->group);
            ma_labels_add(&l, "role", ma_metrics_role_label((ma_host_role)r));
            ma_om_sample(w, ma_labels_kv(&l), group_value(gf, fig, r));
            ma_labels_clear(&l);
        }
    }
}

void ma_metrics_render_groups(ma_metrics *m, const ma_correlator *c, double gmi_s, gint64 now_ns,
                              ma_om *w)
{
    ma_metrics_count_memberships(m, c);
    count_members(m, c, gmi_s, now_ns);
    GPtrArray *order = m->group_order;
    group_family(w, order, MA_METRICS_PREFIX "group_members", MA_OM_GAUGE,
                 "Hosts that are members of the group now (last report younger than the membership interval), by role",
                 G_MEMBERS);
    group_family(w, order, MA_METRICS_PREFIX "group_joins", MA_OM_COUNTER,
                 "IGMP/MLD joins of the group, by the sender's role (client, camera, other, unspecified)",
                 G_JOINS);
    group_family(w, order, MA_METRICS_PREFIX "group_leaves", MA_OM_COUNTER,
                 "IGMP/MLD leaves of the group, by the sender's role",
                 G_LEAVES);
}
