/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_group.c - the group-centric audit's verdicts (MA220-MA224,
 * MA360): multicast groups with members or media but no RTSP session
 * (ma_group, correlator_groups.c).  There is no client and no SETUP: every
 * member is a receiver, the media's sender is whoever sends to the group.
 * Where a session rule holds without a SETUP it is called as it is (MA206
 * no querier, MA208 mixed versions; loss, jitter and the other media rules
 * judge the group's flows through their outside-capture sessions). */
#include "verdict_rules_internal.h"

static const ma_group_member *member(const ma_group *g, guint i)
{
    return &g_array_index(g->members, ma_group_member, i);
}

/* Joined (or already a member: a refresh) at some point in the capture. */
static gboolean ever_joined(const ma_group_member *m)
{
    return m->first_join_frame != 0 || m->refreshes > 0;
}

static const ma_flow *first_flow(const ma_group *g)
{
    return g->flows->len > 0 ? g_ptr_array_index(g->flows, 0) : NULL;
}

/* Static multicast only: media of a session set up before the capture had
 * its joins before it too. */
static gboolean all_static(const ma_group *g)
{
    for (guint i = 0; i < g->sessions->len; i++)
        if (!((const ma_session *)g_ptr_array_index(g->sessions, i))->static_multicast)
            return FALSE;
    return TRUE;
}

void ma_rule_group_nobody_joined(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    const ma_flow *fl = first_flow(g);
    if (fl == NULL || !all_static(g))
        return;
    for (guint i = 0; i < g->members->len; i++)
        if (ever_joined(member(g, i)))
            return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "source", &fl->src);
    ma_fact_addr(&f, "group", &g->addr);
    ma_fact(&f, "first", "%u", g->first_media_frame);
    ma_fact(&f, "last", "%u", g->last_media_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_GROUP_NOBODY_JOINED, fl, &f);
    ma_verdict_add_frame(v, g->first_media_frame);
}

/* The member whose leave came last, when every member has left; NULL else. */
static const ma_group_member *last_leaver(const ma_group *g)
{
    const ma_group_member *last = NULL;
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = member(g, i);
        if (m->member_at_end)
            return NULL;
        if (m->last_leave_frame != 0 && (last == NULL || m->last_leave_ns > last->last_leave_ns))
            last = m;
    }
    return last;
}

void ma_rule_group_media_after_leave(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    const ma_group_member *m = last_leaver(g);
    if (m == NULL || g->last_media_frame == 0)
        return;
    double after = ma_rule_secs(g->last_media_ns - m->last_leave_ns);
    if (after <= MA_LEAVE_GRACE_S)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &g->addr);
    ma_fact(&f, "after", "%.1f", after);
    ma_fact_addr(&f, "host", &m->host);
    ma_fact(&f, "frame", "%u", m->last_leave_frame);
    ma_fact(&f, "last", "%u", g->last_media_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_GROUP_MEDIA_AFTER_LEAVE, first_flow(g), &f);
    ma_verdict_add_frame(v, m->last_leave_frame);
    ma_verdict_add_frame(v, g->last_media_frame);
}

static const char *leave_how(const ma_membership_event *ev)
{
    if (ev->record_type != 0)
        return ma_record_type_name(ev->record_type);
    return ev->proto == MA_PROTO_MLD ? "MLDv1 done" : "IGMPv2 leave";
}

/* Each member's first leave while the group's media flowed (media before
 * and after it); the members still joined then are counted by replaying
 * the group's changes. */
void ma_rule_group_leave_while_media(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    if (g->last_media_frame == 0 || g->members->len == 0)
        return;
    const GArray *all = x->c->memb_events;
    GHashTable *joined = g_hash_table_new(ma_addr_ghash, ma_addr_gequal);
    GHashTable *told = g_hash_table_new(ma_addr_ghash, ma_addr_gequal);
    guint from = member(g, 0)->first_change;
    for (guint i = from; i < all->len; i++) {
        const ma_membership_event *ev = &g_array_index(all, ma_membership_event, i);
        if (!ma_addr_equal(&ev->group, &g->addr))
            continue;
        if (ev->kind != MA_CHANGE_LEAVE) {
            g_hash_table_add(joined, (gpointer)&ev->host);
            continue;
        }
        g_hash_table_remove(joined, &ev->host);
        if (ev->ts_ns <= g->first_media_ns || ev->ts_ns >= g->last_media_ns ||
            g_hash_table_contains(told, &ev->host))
            continue;
        g_hash_table_add(told, (gpointer)&ev->host);
        guint left = g_hash_table_size(joined);
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "host", &ev->host);
        ma_fact_addr(&f, "group", &g->addr);
        ma_fact(&f, "frame", "%u", ev->frame);
        ma_fact(&f, "how", "%s", leave_how(ev));
        if (left == 0)
            ma_fact(&f, "others", "%s", "; no member remained");
        else
            ma_fact(&f, "others", "; %u other member%s remained", left, left == 1 ? "" : "s");
        ma_verdict *v = ma_rule_emit(x, MA_V_GROUP_LEAVE_WHILE_MEDIA, first_flow(g), &f);
        ma_verdict_add_frame(v, ev->frame);
    }
    g_hash_table_destroy(told);
    g_hash_table_destroy(joined);
}

/* MA223: media stopped one membership interval after the last report of
 * the last member, which never left (the MA207 window, without a client). */
const ma_group_member *ma_rule_group_expired_member(const ma_rule_ctx *x, gboolean *likely)
{
    const ma_group *g = x->g;
    if (g->last_media_frame == 0)
        return NULL;
    const ma_group_member *last = NULL;
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = member(g, i);
        if (!m->member_at_end || m->last_report_frame == 0)
            continue;
        if (last == NULL || m->last_report_ns > last->last_report_ns)
            last = m;
    }
    if (last == NULL || last->last_report_ns > g->last_media_ns ||
        !ma_rule_expiry_window(&x->c->th, ma_rule_secs(g->last_media_ns - last->last_report_ns)))
        return NULL;
    *likely = ma_rule_secs(x->end_ns - g->last_media_ns) < MA_STOP_MARGIN_S;
    /* the capture ends with the media: only the timing speaks, and a query
     * after the report would have renewed it */
    if (*likely && ma_rule_query_after(x->c, last->last_report_ns))
        return NULL;
    return last;
}

void ma_rule_group_membership_expired(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    gboolean likely = FALSE;
    const ma_group_member *m = ma_rule_group_expired_member(x, &likely);
    if (m == NULL)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "group", &g->addr);
    ma_fact(&f, "frame", "%u", g->last_media_frame);
    ma_fact(&f, "after", "%.1f", ma_rule_secs(g->last_media_ns - m->last_report_ns));
    ma_fact_addr(&f, "host", &m->host);
    ma_fact(&f, "report_frame", "%u", m->last_report_frame);
    ma_fact(&f, "how", "%s",
            likely ? "likely expired (the capture ends with the media, no query reached the "
                     "capture point after that report)"
                   : "expired");
    ma_verdict *v = ma_rule_emit(x, MA_V_GROUP_MEMBERSHIP_EXPIRED, first_flow(g), &f);
    ma_verdict_add_frame(v, m->last_report_frame);
    ma_verdict_add_frame(v, g->last_media_frame);
}

static gboolean sends_to_group(const ma_group *g, const ma_addr *src)
{
    for (guint i = 0; i < g->flows->len; i++)
        if (ma_addr_equal(&((const ma_flow *)g_ptr_array_index(g->flows, i))->src, src))
            return TRUE;
    return FALSE;
}

void ma_rule_group_ssm_without_sender(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    const ma_flow *fl = first_flow(g);
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = member(g, i);
        if (!m->member_at_end || m->first_join_frame == 0)
            continue;
        char detail[256], a[MA_ADDR_STRLEN], b[MA_ADDR_STRLEN];
        if (!m->include_mode && ma_addr_is_ssm(&g->addr)) {
            g_snprintf(detail, sizeof detail,
                       "is any-source (EXCLUDE {}) but %s is a source-specific (SSM) group",
                       ma_addr_to_str(&g->addr, a));
        } else if (m->include_mode && m->n_sources > 0 && fl != NULL) {
            gboolean ok = FALSE;
            for (guint k = 0; k < m->n_sources && !ok; k++)
                ok = sends_to_group(g, &m->sources[k]);
            if (ok)
                continue;
            g_snprintf(detail, sizeof detail,
                       "includes only %u source(s) starting with %s, not the sender %s",
                       m->n_sources, ma_addr_to_str(&m->sources[0], a),
                       ma_addr_to_str(&fl->src, b));
        } else {
            continue;
        }
        ma_facts f;
        ma_facts_init(&f);
        ma_fact_addr(&f, "host", &m->host);
        ma_fact_addr(&f, "group", &g->addr);
        ma_fact(&f, "frame", "%u", m->first_join_frame);
        ma_fact(&f, "detail", "%s", detail);
        ma_verdict *v = ma_rule_emit(x, MA_V_GROUP_SSM_WITHOUT_SENDER, fl, &f);
        ma_verdict_add_frame(v, m->first_join_frame);
    }
}

/* Each join's zap time (the first and every one after a leave) against
 * --max-zap: a slow re-join is as slow for the viewer as a slow first. */
void ma_rule_slow_zap(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = member(g, i);
        for (guint j = 0; m->zaps != NULL && j < m->zaps->len; j++) {
            const ma_group_zap *z = &g_array_index(m->zaps, ma_group_zap, j);
            if (z->zap_ms <= x->c->th.max_zap_ms)
                continue;
            ma_facts f;
            ma_facts_init(&f);
            ma_fact_addr(&f, "host", &m->host);
            ma_fact_addr(&f, "group", &g->addr);
            ma_fact(&f, "frame", "%u", z->join_frame);
            ma_fact(&f, "zap", "%.1f", z->zap_ms);
            ma_fact(&f, "media_frame", "%u", z->zap_frame);
            ma_fact(&f, "limit", "%g", x->c->th.max_zap_ms);
            ma_verdict *v = ma_rule_emit(x, MA_V_SLOW_ZAP, first_flow(g), &f);
            ma_verdict_add_frame(v, z->join_frame);
            ma_verdict_add_frame(v, z->zap_frame);
        }
    }
}

/* MA206 for a group: its first join stands for the track's. */
void ma_rule_group_no_querier(ma_rule_ctx *x)
{
    const ma_group *g = x->g;
    const ma_group_member *first = NULL;
    for (guint i = 0; i < g->members->len; i++) {
        const ma_group_member *m = member(g, i);
        if (m->first_join_frame != 0 && (first == NULL || m->first_join_ns < first->first_join_ns))
            first = m;
    }
    if (first != NULL)
        ma_rule_no_querier_after(x, &g->addr, first->first_join_frame, first->first_join_ns);
}
