/* SPDX-License-Identifier: GPL-2.0-or-later */
/* querier.c - the multicast router's side and the hosts' answers: general
 * queries every 125 s (RFC 3376 defaults), current-state reports from each
 * member within the 10 s response time, group-specific queries after a
 * leave; plus the members' own state-change reports. */
#include "gen.h"

#include <string.h>

#define QUERY_INTERVAL_US GEN_S(125)

/* The record types of one message: for an any-source member (exclude mode)
 * and for an SSM member of one source (include mode).  Passed as a struct
 * with named fields so the two guint8s cannot be swapped by position. */
typedef struct {
    guint8 any_source, ssm;
} rec_types;

static gen_mrec record_for(const gen_member *m, rec_types types)
{
    gen_mrec r = { types.any_source, m->group, NULL, 0 };
    if (m->how == GEN_JOIN_V3_INCLUDE) {
        r.type = types.ssm;
        r.sources = &m->source;
        r.nsrc = 1;
    }
    return r;
}

static void send_v3ish(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t,
                       const gen_mrec *r)
{
    if (m->how == GEN_JOIN_MLDV2)
        gen_mldv2_report(cap, link, m->host, t, r, 1);
    else
        gen_igmpv3_report(cap, link, m->host, t, r, 1);
}

void gen_member_join(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t)
{
    if (m->how == GEN_JOIN_NONE)
        return;
    if (m->how == GEN_JOIN_V2) {
        gen_igmpv2_report(cap, link, m->host, t, &m->group);
        return;
    }
    gen_mrec r = record_for(m, (rec_types){ .any_source = GEN_TO_EX, .ssm = GEN_ALLOW });
    send_v3ish(cap, link, m, t, &r);
}

void gen_member_leave(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t)
{
    if (m->how == GEN_JOIN_NONE)
        return;
    if (m->how == GEN_JOIN_V2) {
        gen_igmpv2_leave(cap, link, m->host, t, &m->group);
        return;
    }
    /* Any-source leave is TO_IN {}; an SSM member blocks its source. */
    gen_mrec r = record_for(m, (rec_types){ .any_source = GEN_TO_IN, .ssm = GEN_BLOCK });
    send_v3ish(cap, link, m, t, &r);
}

void gen_member_refresh(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t)
{
    if (m->how == GEN_JOIN_NONE)
        return;
    if (m->how == GEN_JOIN_V2) {
        gen_igmpv2_report(cap, link, m->host, t, &m->group);
        return;
    }
    gen_mrec r = record_for(m, (rec_types){ .any_source = GEN_IS_EX, .ssm = GEN_IS_IN });
    send_v3ish(cap, link, m, t, &r);
}

static void send_query(gen_capture *cap, const gen_link *link, gen_host *q, gen_querier_kind kind,
                       guint64 t, const gen_addr *group)
{
    if (kind == GEN_QUERIER_MLDV2)
        gen_mldv2_query(cap, link, q, t, group);
    else
        gen_igmp_query(cap, link, q, t, kind == GEN_QUERIER_V2 ? 2 : 3, group);
}

static gboolean active(const gen_member *m, guint64 t)
{
    return m->how != GEN_JOIN_NONE && m->t_join <= t && t < m->t_leave;
}

/* Members of `group` (NULL: any) answer a query sent at t within max_us. */
static void answer(gen_capture *cap, const gen_link *link, GRand *rand, const GArray *members,
                   guint64 t, const gen_addr *group, guint64 max_us)
{
    if (max_us <= 10000)
        return; /* the capture ends before anyone could answer */
    for (guint i = 0; i < members->len; i++) {
        const gen_member *m = &g_array_index(members, gen_member, i);
        if (!active(m, t) || (group && memcmp(group->bytes, m->group.bytes, 16) != 0))
            continue;
        guint64 delay = 5000 + (guint64)g_rand_int_range(rand, 0, (gint32)(max_us - 5000));
        if (active(m, t + delay))
            gen_member_refresh(cap, link, m, t + delay);
    }
}

/* [t_first, t_end) as declared in gen.h; a swapped pair gives no queries,
 * which the querier scenarios' truth files (query counts) would catch. */
void gen_querier_run(gen_capture *cap, const gen_link *link, gen_host *querier, gen_querier_kind kind,
                     GRand *rand, const GArray *members,
                     guint64 t_first, guint64 t_end) // NOLINT(bugprone-easily-swappable-parameters)
{
    if (kind == GEN_QUERIER_NONE)
        return;
    for (guint64 t = t_first; t < t_end; t += QUERY_INTERVAL_US) {
        send_query(cap, link, querier, kind, t, NULL);
        answer(cap, link, rand, members, t, NULL, MIN(GEN_S(10), t_end - t));
    }
    /* Last-member queries: two, 1 s apart (RFC 2236/3376 defaults). */
    for (guint i = 0; i < members->len; i++) {
        const gen_member *m = &g_array_index(members, gen_member, i);
        if (m->how == GEN_JOIN_NONE || m->t_leave == G_MAXUINT64)
            continue;
        for (guint k = 0; k < 2; k++) {
            guint64 t = m->t_leave + 800 + GEN_S(k);
            if (t >= t_end)
                break;
            send_query(cap, link, querier, kind, t, &m->group);
            answer(cap, link, rand, members, t, &m->group, MIN(GEN_S(1), t_end - t));
        }
    }
}
