/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_groups.c - the group-centric audit: every multicast group with
 * members or media but no RTSP track (static multicast) gets an ma_group
 * at the end of the capture, and, while frames arrive, the zap time of each
 * host's first join to a group (join to the first media packet after it,
 * the IPTV probes' headline figure).
 *
 * Zap time needs the packet after the join, which the flows' first/last
 * figures do not keep: each group seen carries its last media packet and the
 * joins still waiting for one (bounded like the flow table). */
#include "correlator_internal.h"

#include "udp_control.h"

/* One join of a host to a group (its first, or one after a leave), and
 * the packet that answered it. */
typedef struct {
    ma_addr group, host;
    int proto;
    uint32_t join_frame;
    gint64 join_ns;
    uint32_t first_frame; /* 0: waiting */
    gint64 first_ns;
    guint flow_id;
    gboolean flowing; /* media already arrived just before the join */
} zap_entry;

typedef struct {
    uint32_t last_frame; /* the group's last media packet, 0 none yet */
    gint64 last_ns;
    GArray *waiting;   /* guint indices of its zap entries with no packet yet */
    GHashTable *hosts; /* (host, proto) joined now: a repeated join is not a new zap */
} zap_group;

static void zap_group_free(gpointer p)
{
    zap_group *zg = p;
    g_array_free(zg->waiting, TRUE);
    g_hash_table_destroy(zg->hosts);
    g_free(zg);
}

void ma_corr_groups_init(ma_correlator *c)
{
    c->zaps = g_array_new(FALSE, TRUE, sizeof(zap_entry));
    c->zap_groups = g_hash_table_new_full(ma_addr_ghash, ma_addr_gequal, g_free, zap_group_free);
    c->groups = g_ptr_array_new_with_free_func(ma_corr_group_free);
    c->groups_refused = g_hash_table_new_full(ma_addr_ghash, ma_addr_gequal, g_free, NULL);
}

void ma_corr_groups_free(ma_correlator *c)
{
    g_array_free(c->zaps, TRUE);
    g_hash_table_destroy(c->zap_groups);
    g_ptr_array_free(c->groups, TRUE);
    g_hash_table_destroy(c->groups_refused);
}

static void member_clear(gpointer p)
{
    ma_group_member *m = p;
    if (m->zaps != NULL)
        g_array_free(m->zaps, TRUE);
}

void ma_corr_group_free(gpointer p)
{
    ma_group *g = p;
    g_array_free(g->members, TRUE);
    g_ptr_array_free(g->flows, TRUE);
    g_ptr_array_free(g->sessions, TRUE);
    g_ptr_array_free(g->verdicts, TRUE);
    g_free(g);
}

static zap_group *zap_group_get(ma_correlator *c, const ma_addr *group)
{
    zap_group *zg = g_hash_table_lookup(c->zap_groups, group);
    if (zg != NULL || g_hash_table_size(c->zap_groups) >= c->th.max_flows)
        return zg;
    zg = g_new0(zap_group, 1);
    zg->waiting = g_array_new(FALSE, FALSE, sizeof(guint));
    zg->hosts = g_hash_table_new_full(ma_corr_host_hash, ma_corr_host_equal, g_free, NULL);
    g_hash_table_insert(c->zap_groups, g_memdup2(group, sizeof *group), zg);
    return zg;
}

void ma_corr_zap_join(ma_correlator *c, const ma_membership_event *ev)
{
    zap_group *zg = zap_group_get(c, &ev->group);
    ma_corr_host k = {ev->host, (int)ev->proto};
    if (zg == NULL || g_hash_table_contains(zg->hosts, &k))
        return; /* joined already (no leave since): measured */
    if (c->zaps->len >= ma_corr_table_limit(c, MA_CORR_TABLE_MEMBERSHIPS))
        return;
    g_hash_table_add(zg->hosts, g_memdup2(&k, sizeof k));
    zap_entry z = {.group = ev->group,
                   .host = ev->host,
                   .proto = (int)ev->proto,
                   .join_frame = ev->frame,
                   .join_ns = ev->ts_ns};
    z.flowing = zg->last_frame != 0 && ma_ms_between(zg->last_ns, ev->ts_ns) <= MA_ZAP_FLOWING_MS;
    guint at = c->zaps->len;
    if (!z.flowing)
        g_array_append_val(zg->waiting, at);
    g_array_append_val(c->zaps, z);
}

void ma_corr_zap_leave(ma_correlator *c, const ma_membership_event *ev)
{
    zap_group *zg = g_hash_table_lookup(c->zap_groups, &ev->group);
    ma_corr_host k = {ev->host, (int)ev->proto};
    if (zg != NULL)
        g_hash_table_remove(zg->hosts, &k);
}

/* RTCP (version 2, an RTCP packet type where RTP has marker and payload
 * type: core/rtp.c's RFC 5761 rule) is not the media a join pulls. */
static gboolean looks_like_rtcp(const ma_ev_udp *ev)
{
    return ev->payload_len >= 2 && (ev->payload[0] >> 6) == 2 &&
           ma_rtp_looks_like_rtcp(ev->payload, ev->payload_len);
}

void ma_corr_zap_media(ma_correlator *c, const ma_ev_udp *ev, ma_corr_flow *f)
{
    if (looks_like_rtcp(ev))
        return;
    /* Looked up once per flow, not per packet: a flow's group never changes
     * and zap_groups only grows until the correlator is freed. */
    if (!f->zap_looked) {
        f->zap = zap_group_get(c, &ev->dst);
        f->zap_looked = f->zap != NULL;
    }
    zap_group *zg = f->zap;
    if (zg == NULL)
        return;
    guint flow_id = f->pub.id;
    zg->last_frame = ev->meta.frame;
    zg->last_ns = ev->meta.ts_ns;
    for (guint i = 0; i < zg->waiting->len; i++) {
        zap_entry *z = &g_array_index(c->zaps, zap_entry, g_array_index(zg->waiting, guint, i));
        z->first_frame = ev->meta.frame;
        z->first_ns = ev->meta.ts_ns;
        z->flow_id = flow_id;
    }
    g_array_set_size(zg->waiting, 0);
}

/* ---- at the end: the groups ---- */

/* Link-local scopes, SSDP and the like: network control, not streams. */
static gboolean control_group(const ma_addr *g)
{
    static const uint8_t ssdp[4] = {239, 255, 255, 250};
    if (ma_udp_control_name(g, 0, 0) != NULL)
        return TRUE;
    if (g->family == 4)
        return memcmp(g->bytes, ssdp, 4) == 0;
    /* ff0X::c, SSDP in every scope */
    for (int i = 2; i < 15; i++)
        if (g->bytes[i] != 0)
            return FALSE;
    return g->bytes[15] == 0x0c;
}

static gboolean rtsp_group(const ma_correlator *c, const ma_addr *g)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(c->sessions, i);
        if (s->outside_capture)
            continue;
        for (guint j = 0; j < s->tracks->len; j++) {
            const ma_track *t = g_ptr_array_index(s->tracks, j);
            if (t->multicast && ma_corr_track_set_up(t) && ma_addr_equal(&t->group, g))
                return TRUE;
        }
    }
    return FALSE;
}

/* The groups are rebuilt at every provisional judgement (correlator_live.c)
 * and a refused group is named by each of its membership changes and flows:
 * the decode event counts a group address once, at the first frame naming
 * it, and not again while every later build refuses it too (refused: this
 * build's set; c->groups_refused the last build's).  The sets hold only
 * addresses the tables still name, so they stay bounded as those do. */
static void group_refused(ma_correlator *c, GHashTable *refused, const ma_addr *addr,
                          uint32_t frame)
{
    if (g_hash_table_contains(refused, addr))
        return;
    g_hash_table_add(refused, g_memdup2(addr, sizeof *addr));
    if (!g_hash_table_contains(c->groups_refused, addr))
        ma_corr_limit(c, MA_CORR_TABLE_GROUPS, frame);
}

/* index: address -> ma_group* of this build; refused: see group_refused */
static ma_group *group_get(ma_correlator *c,
                           GHashTable *index, // NOLINT(bugprone-easily-swappable-parameters)
                           GHashTable *refused, const ma_addr *addr, uint32_t frame)
{
    ma_group *g = g_hash_table_lookup(index, addr);
    if (g != NULL)
        return g;
    if (control_group(addr) || rtsp_group(c, addr))
        return NULL;
    if (c->groups->len >= ma_corr_table_limit(c, MA_CORR_TABLE_GROUPS)) {
        group_refused(c, refused, addr, frame);
        return NULL;
    }
    g = g_new0(ma_group, 1);
    g->addr = *addr;
    g->members = g_array_new(FALSE, TRUE, sizeof(ma_group_member));
    g_array_set_clear_func(g->members, member_clear);
    g->flows = g_ptr_array_new();
    g->sessions = g_ptr_array_new();
    g->verdicts = g_ptr_array_new();
    g_ptr_array_add(c->groups, g);
    g_hash_table_insert(index, &g->addr, g);
    return g;
}

/* (group, host, proto) -> index + 1 of its member: building stays linear */
typedef struct {
    ma_addr group, host;
    int proto;
} member_key;

static guint member_key_hash(gconstpointer p)
{
    const member_key *k = p;
    return (ma_addr_hash(&k->group) * 31u + ma_addr_hash(&k->host)) * 31u + (guint)k->proto;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a GEqualFunc */
static gboolean member_key_equal(gconstpointer a, gconstpointer b)
{
    const member_key *x = a, *y = b;
    return x->proto == y->proto && ma_addr_equal(&x->host, &y->host) &&
           ma_addr_equal(&x->group, &y->group);
}

static ma_group_member *member_find(ma_group *g, GHashTable *members, const ma_addr *host,
                                    int proto)
{
    member_key k = {g->addr, *host, proto};
    guint at = GPOINTER_TO_UINT(g_hash_table_lookup(members, &k));
    return at > 0 ? &g_array_index(g->members, ma_group_member, at - 1) : NULL;
}

static ma_group_member *member_get(ma_group *g, GHashTable *members, const ma_membership_event *ev,
                                   guint index)
{
    ma_group_member *found = member_find(g, members, &ev->host, (int)ev->proto);
    if (found != NULL)
        return found;
    ma_group_member m = {
        .host = ev->host, .proto = ev->proto, .first_change = index, .zap_ms = -1.0};
    g_array_append_val(g->members, m);
    member_key *k = g_new(member_key, 1);
    *k = (member_key){g->addr, ev->host, (int)ev->proto};
    g_hash_table_insert(members, k, GUINT_TO_POINTER(g->members->len));
    return &g_array_index(g->members, ma_group_member, g->members->len - 1);
}

static void add_change(ma_group *g, GHashTable *members, const ma_membership_event *ev, guint index)
{
    ma_group_member *m = member_get(g, members, ev, index);
    m->last_change = index;
    if (ev->version >= 1 && ev->version <= 3)
        m->versions |= 1u << (unsigned)ev->version;
    m->version = ev->version;
    m->include_mode = ev->include_mode;
    m->n_sources = ev->n_sources;
    m->sources = ev->sources;
    m->member_at_end = ev->kind != MA_CHANGE_LEAVE;
    switch (ev->kind) {
    case MA_CHANGE_JOIN:
        m->joins++;
        if (m->first_join_frame == 0) {
            m->first_join_frame = ev->frame;
            m->first_join_ns = ev->ts_ns;
        }
        break;
    case MA_CHANGE_LEAVE:
        m->leaves++;
        m->last_leave_frame = ev->frame;
        m->last_leave_ns = ev->ts_ns;
        return;
    default: m->refreshes += 1 + ev->repeats; break;
    }
    m->last_report_frame = ev->frame;
    m->last_report_ns = ev->ts_ns;
}

static const ma_flow *flow_by_id(const ma_correlator *c, guint id)
{
    for (guint i = 0; i < c->flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(c->flows, i);
        if (f->id == id)
            return f;
    }
    return NULL;
}

/* index: group address -> ma_group*; members: member_key -> index + 1 */
static void add_zaps(const ma_correlator *c,
                     GHashTable *index, // NOLINT(bugprone-easily-swappable-parameters)
                     GHashTable *members)
{
    for (guint i = 0; i < c->zaps->len; i++) {
        const zap_entry *z = &g_array_index(c->zaps, zap_entry, i);
        ma_group *g = g_hash_table_lookup(index, &z->group);
        ma_group_member *m = g != NULL ? member_find(g, members, &z->host, z->proto) : NULL;
        if (m == NULL)
            continue;
        const ma_flow *f = z->first_frame != 0 ? flow_by_id(c, z->flow_id) : NULL;
        /* the packet that answered must be media that is listed */
        gboolean measured = f != NULL && !f->unrelated && f->control == NULL;
        if (z->join_frame == m->first_join_frame) { /* the first join's, as before */
            m->zap_flowing = z->flowing;
            if (measured) {
                m->zap_frame = z->first_frame;
                m->zap_ms = ma_ms_between(z->join_ns, z->first_ns);
            }
        }
        if (!measured)
            continue;
        ma_group_zap gz = {z->join_frame, z->join_ns, ma_ms_between(z->join_ns, z->first_ns),
                           z->first_frame};
        if (m->zaps == NULL)
            m->zaps = g_array_new(FALSE, FALSE, sizeof(ma_group_zap));
        g_array_append_val(m->zaps, gz);
        m->zap_min_ms = m->n_zaps == 0 ? gz.zap_ms : MIN(m->zap_min_ms, gz.zap_ms);
        m->zap_max_ms = m->n_zaps == 0 ? gz.zap_ms : MAX(m->zap_max_ms, gz.zap_ms);
        m->zap_last_ms = gz.zap_ms;
        m->n_zaps++;
    }
}

static void add_flow(ma_group *g, ma_flow *f)
{
    g_ptr_array_add(g->flows, f);
    if (g->first_media_frame == 0 || f->first_ns < g->first_media_ns) {
        g->first_media_frame = f->first_frame;
        g->first_media_ns = f->first_ns;
    }
    if (f->last_ns >= g->last_media_ns) {
        g->last_media_frame = f->last_frame;
        g->last_media_ns = f->last_ns;
    }
    ma_session *s = f->track != NULL ? f->track->session : NULL;
    if (s != NULL && s->outside_capture && !g_ptr_array_find(g->sessions, s, NULL))
        g_ptr_array_add(g->sessions, s);
}

static void count_specific_queries(const ma_correlator *c, GHashTable *index)
{
    for (guint i = 0; i < c->memb_msgs->len; i++) {
        const ma_membership_message *mm = &g_array_index(c->memb_msgs, ma_membership_message, i);
        ma_group *g =
            mm->msg->kind == MA_MEMB_QUERY ? g_hash_table_lookup(index, &mm->msg->group) : NULL;
        if (g != NULL)
            g->specific_queries += mm->repeats + 1;
    }
}

void ma_corr_build_groups(ma_correlator *c)
{
    g_ptr_array_set_size(c->groups, 0); /* a provisional judgement's (correlator_live.c) go */
    GHashTable *index = g_hash_table_new(ma_addr_ghash, ma_addr_gequal);
    GHashTable *members = g_hash_table_new_full(member_key_hash, member_key_equal, g_free, NULL);
    GHashTable *refused = g_hash_table_new_full(ma_addr_ghash, ma_addr_gequal, g_free, NULL);
    for (guint i = 0; i < c->memb_events->len; i++) {
        const ma_membership_event *ev = &g_array_index(c->memb_events, ma_membership_event, i);
        ma_group *g = group_get(c, index, refused, &ev->group, ev->frame);
        if (g != NULL)
            add_change(g, members, ev, i);
    }
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *cf = g_ptr_array_index(c->flows, i);
        ma_flow *f = &cf->pub;
        /* media: validated RTP or RTCP, or MPEG-TS straight in UDP */
        gboolean media = f->is_rtp || f->is_rtcp || f->ts_raw;
        if (!media || !ma_addr_is_multicast(&f->dst) || f->unrelated || f->control != NULL ||
            f->interleaved || cf->explained)
            continue;
        if (f->track != NULL && !f->track->session->outside_capture)
            continue; /* an RTSP track's */
        ma_group *g = group_get(c, index, refused, &f->dst, f->first_frame);
        if (g != NULL)
            add_flow(g, f);
    }
    add_zaps(c, index, members);
    count_specific_queries(c, index);
    g_hash_table_destroy(c->groups_refused);
    c->groups_refused = refused;
    g_hash_table_destroy(members);
    g_hash_table_destroy(index);
}

const GPtrArray *ma_correlator_groups(const ma_correlator *c)
{
    return c->groups;
}

const ma_group *ma_corr_group_of(const ma_correlator *c, const ma_addr *addr)
{
    for (guint i = 0; i < c->groups->len; i++) {
        const ma_group *g = g_ptr_array_index(c->groups, i);
        if (ma_addr_equal(&g->addr, addr))
            return g;
    }
    return NULL;
}
