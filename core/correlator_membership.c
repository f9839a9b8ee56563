/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_membership.c - IGMP/MLD messages -> joins, leaves, refreshes
 * (per host, through ma_memb_tracker) and queriers.
 *
 * Every change is kept capture-wide, because a track's group is only known
 * at its SETUP reply while the camera's or client's join may come before;
 * the track then picks up the earlier changes of its group. */
#include "correlator_internal.h"

#include <string.h>

static void note_version(ma_correlator *c, const ma_memb_msg *m, uint32_t frame)
{
    int p = m->proto == MA_PROTO_MLD ? 1 : 0;
    if (m->version < 1 || m->version > 3)
        return;
    guint bit = 1u << (unsigned)m->version;
    if ((c->versions[p] & bit) == 0) {
        c->versions[p] |= bit;
        c->version_frame[p][m->version] = frame;
    }
}

static ma_corr_querier *querier_get(ma_correlator *c, const ma_ev_membership *ev)
{
    for (guint i = 0; i < c->queriers->len; i++) {
        ma_corr_querier *q = g_ptr_array_index(c->queriers, i);
        if (q->pub.proto == ev->msg->proto && ma_addr_equal(&q->pub.addr, &ev->src))
            return q;
    }
    if (c->queriers->len >= ma_corr_table_limit(c, MA_CORR_TABLE_QUERIERS)) {
        ma_corr_limit(c, MA_CORR_TABLE_QUERIERS, ev->meta.frame);
        return NULL;
    }
    ma_corr_querier *q = g_new0(ma_corr_querier, 1);
    q->pub.addr = ev->src;
    q->pub.proto = ev->msg->proto;
    q->pub.first_frame = ev->meta.frame;
    q->pub.first_ns = ev->meta.ts_ns;
    g_ptr_array_add(c->queriers, q);
    return q;
}

static void on_query(ma_correlator *c, const ma_ev_membership *ev)
{
    ma_corr_querier *q = querier_get(c, ev);
    if (q == NULL)
        return;
    q->pub.version = ev->msg->version;
    q->pub.count++;
    q->pub.last_frame = ev->meta.frame;
    q->pub.last_ns = ev->meta.ts_ns;
    /* the query interval is the spacing of general queries only; group
     * specific ones answer leaves and would shorten it */
    if (ma_addr_is_set(&ev->msg->group) && !ma_addr_is_unspecified(&ev->msg->group))
        return;
    if (q->general_count == 0)
        q->first_general_ns = ev->meta.ts_ns;
    q->last_general_ns = ev->meta.ts_ns;
    q->general_count++;
    if (q->general_count > 1)
        q->pub.interval_s = (double)(q->last_general_ns - q->first_general_ns) / 1e9 /
                            (double)(q->general_count - 1);
}

void ma_corr_track_add_membership(ma_track *t, const ma_membership_event *ev)
{
    g_array_append_val(t->memberships, *ev);
    ma_membership_event *copy = &g_array_index(t->memberships, ma_membership_event, t->memberships->len - 1);
    /* the track's copy owns its sources: the capture-wide list may retire the original */
    copy->sources = ev->n_sources > 0 ? g_memdup2(ev->sources, ev->n_sources * sizeof(ma_addr)) : NULL;
    copy->record_sources =
        ev->n_record_sources > 0
            ? g_memdup2(ev->record_sources, ev->n_record_sources * sizeof(ma_addr))
            : NULL;
    ma_host_role role = ma_correlator_event_role(t->session, t, ev);
    if (ev->kind != MA_CHANGE_LEAVE && t->first_join_frame == 0)
        t->first_join_frame = ev->frame;
    if (role != MA_HOST_CLIENT)
        return;
    if (ev->kind == MA_CHANGE_JOIN && t->client_join_frame == 0)
        t->client_join_frame = ev->frame;
    if (ev->kind == MA_CHANGE_LEAVE && t->client_leave_frame == 0)
        t->client_leave_frame = ev->frame;
}

void ma_corr_track_attach_memberships(ma_correlator *c, ma_track *t)
{
    /* a track set up again starts over, so nothing is counted twice */
    g_array_set_size(t->memberships, 0);
    t->first_join_frame = t->client_join_frame = t->client_leave_frame = 0;
    for (guint i = 0; i < c->memb_events->len; i++) {
        const ma_membership_event *ev = &g_array_index(c->memb_events, ma_membership_event, i);
        if (ma_addr_equal(&ev->group, &t->group))
            ma_corr_track_add_membership(t, ev);
    }
}

static ma_frame_role change_role(ma_change_kind k)
{
    switch (k) {
    case MA_CHANGE_JOIN: return MA_ROLE_JOIN;
    case MA_CHANGE_LEAVE: return MA_ROLE_LEAVE;
    default: return MA_ROLE_MEMBERSHIP_REFRESH;
    }
}

/* Which role wins when one report makes several changes: a join says most. */
static int role_rank(ma_frame_role r)
{
    return r == MA_ROLE_JOIN ? 3 : r == MA_ROLE_LEAVE ? 2 : r == MA_ROLE_MEMBERSHIP_REFRESH ? 1 : 0;
}

static void describe_change(const ma_membership_event *ev, ma_track *t, ma_frame_info *info)
{
    ma_frame_role role = change_role(ev->kind);
    gboolean client = ma_correlator_event_role(t->session, t, ev) == MA_HOST_CLIENT;
    gboolean had_client = info->track != NULL &&
                          ma_correlator_event_role(info->session, info->track, ev) == MA_HOST_CLIENT;
    /* prefer the session where the sender is the client, then the stronger role */
    if (info->track != NULL && (had_client && !client))
        return;
    if (info->track != NULL && had_client == client && role_rank(role) <= role_rank(info->role))
        return;
    info->role = role;
    info->session = t->session;
    info->track = t;
    info->join_latency_ms = -1.0;
    if (!client || ev->kind != MA_CHANGE_JOIN)
        return;
    const ma_session *s = t->session;
    gint64 ref = ma_corr_is_2xx(s->play_status) ? s->play_reply_ns : t->setup_reply_ns;
    double ms = ma_ms_between(ref, ev->ts_ns);
    info->join_latency_ms = ms > 0.0 ? ms : 0.0; /* joined before PLAY: no delay */
}

static void apply_to_tracks(ma_correlator *c, const ma_membership_event *ev, ma_frame_info *info)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++) {
            ma_track *t = g_ptr_array_index(s->tracks, j);
            if (!t->multicast || !ma_corr_track_set_up(t) || !ma_addr_equal(&t->group, &ev->group))
                continue;
            ma_corr_track_add_membership(t, ev);
            if (info != NULL)
                describe_change(ev, t, info);
        }
    }
    if (info != NULL && info->track == NULL && role_rank(change_role(ev->kind)) > role_rank(info->role))
        info->role = change_role(ev->kind);
}

/* ---- folding repeated refreshes ---- */

typedef struct {
    ma_addr host, group;
    int proto;
} memb_key;

static guint memb_key_hash(gconstpointer p)
{
    const memb_key *k = p;
    return ma_addr_hash(&k->host) * 31u + ma_addr_hash(&k->group) + (guint)k->proto;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a GEqualFunc */
static gboolean memb_key_equal(gconstpointer a, gconstpointer b)
{
    const memb_key *x = a, *y = b;
    return x->proto == y->proto && ma_addr_equal(&x->host, &y->host) &&
           ma_addr_equal(&x->group, &y->group);
}

GHashTable *ma_corr_memb_last_new(void)
{
    return g_hash_table_new_full(memb_key_hash, memb_key_equal, g_free, NULL);
}

static gboolean same_addrs(guint na, const ma_addr *a, guint nb, const ma_addr *b)
{
    if (na != nb)
        return FALSE;
    for (guint i = 0; i < na; i++)
        if (!ma_addr_equal(&a[i], &b[i]))
            return FALSE;
    return TRUE;
}

/* Does e say nothing that prev (the same host's latest change for the
 * group) did not: both refreshes, same version, record type, mode and
 * sources? */
static gboolean repeats(const ma_membership_event *prev, const ma_membership_event *e)
{
    return prev->kind == MA_CHANGE_REFRESH && e->kind == MA_CHANGE_REFRESH &&
           prev->version == e->version && prev->record_type == e->record_type &&
           prev->include_mode == e->include_mode &&
           same_addrs(prev->n_sources, prev->sources, e->n_sources, e->sources) &&
           same_addrs(prev->n_record_sources, prev->record_sources, e->n_record_sources,
                      e->record_sources);
}

static void note_repeat(ma_membership_event *m, const ma_membership_event *e)
{
    if (m->repeats == 0)
        m->repeat_first_frame = m->frame;
    m->repeats++;
    m->frame = e->frame;
    m->ts_ns = e->ts_ns;
}

/* Fold e into the stored change it repeats, and into the tracks' copies
 * (the latest of that host in each track of the group).  FALSE: e is news. */
static gboolean fold_repeat(ma_correlator *c, const ma_membership_event *e, ma_frame_info *info)
{
    memb_key k = {e->host, e->group, (int)e->proto};
    guint at = GPOINTER_TO_UINT(g_hash_table_lookup(c->memb_last, &k));
    if (at == 0 || at > c->memb_events->len)
        return FALSE;
    ma_membership_event *prev = &g_array_index(c->memb_events, ma_membership_event, at - 1);
    if (!repeats(prev, e))
        return FALSE;
    uint32_t old_frame = prev->frame;
    note_repeat(prev, e);
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++) {
            ma_track *t = g_ptr_array_index(s->tracks, j);
            if (!t->multicast || !ma_corr_track_set_up(t) || !ma_addr_equal(&t->group, &e->group))
                continue;
            for (guint n = t->memberships->len; n > 0; n--) {
                ma_membership_event *m = &g_array_index(t->memberships, ma_membership_event, n - 1);
                if (m->frame == old_frame && ma_addr_equal(&m->host, &e->host)) {
                    note_repeat(m, e);
                    break;
                }
            }
            if (info != NULL)
                describe_change(prev, t, info);
        }
    }
    return TRUE;
}

static void remember_latest(ma_correlator *c, const ma_membership_event *e)
{
    memb_key *k = g_new(memb_key, 1);
    *k = (memb_key){e->host, e->group, (int)e->proto};
    g_hash_table_replace(c->memb_last, k, GUINT_TO_POINTER(c->memb_events->len));
}

/* The change ch of report ev as an event; its source lists are ch's (borrowed). */
static ma_membership_event event_of(const ma_ev_membership *ev, const ma_memb_change *ch)
{
    return (ma_membership_event){.frame = ev->meta.frame,
                                 .ts_ns = ev->meta.ts_ns,
                                 .host = ev->src,
                                 .proto = ev->msg->proto,
                                 .version = ev->msg->version,
                                 .kind = ch->kind,
                                 .record_type = ch->record_type,
                                 .include_mode = ch->include_mode,
                                 .n_sources = ch->n_sources,
                                 .sources = ch->sources,
                                 .group = ch->group,
                                 .n_record_sources = ch->n_record_sources,
                                 .record_sources = ch->record_sources};
}

static void on_report(ma_correlator *c, const ma_ev_membership *ev, ma_frame_info *info)
{
    GPtrArray *changes = ma_memb_tracker_apply(c->memb, &ev->src, ev->msg);
    for (guint i = 0; changes != NULL && i < changes->len; i++) {
        const ma_memb_change *ch = g_ptr_array_index(changes, i);
        ma_membership_event e = event_of(ev, ch);
        if (ch->kind == MA_CHANGE_REFRESH && fold_repeat(c, &e, info))
            continue;
        if (c->memb_events->len >= ma_corr_table_limit(c, MA_CORR_TABLE_MEMBERSHIPS)) {
            ma_corr_limit(c, MA_CORR_TABLE_MEMBERSHIPS, ev->meta.frame);
            break;
        }
        /* the stored event owns copies of the source lists */
        e.sources = ch->n_sources > 0 ? g_memdup2(ch->sources, sizeof(ma_addr) * ch->n_sources) : NULL;
        e.record_sources =
            ch->n_record_sources > 0
                ? g_memdup2(ch->record_sources, sizeof(ma_addr) * ch->n_record_sources)
                : NULL;
        e.host_mac_set = ma_corr_mac_of(c, &ev->src, e.host_mac);
        g_array_append_val(c->memb_events, e);
        remember_latest(c, &e);
        if (e.kind == MA_CHANGE_JOIN)
            ma_corr_zap_join(c, &e);
        else if (e.kind == MA_CHANGE_LEAVE)
            ma_corr_zap_leave(c, &e);
        apply_to_tracks(c, &e, info);
    }
    ma_memb_changes_free(changes);
}

void ma_correlator_membership(ma_correlator *c, const ma_ev_membership *ev, ma_frame_info *info)
{
    ma_frame_info_reset(info);
    if (c == NULL || c->finished || ev == NULL || ev->msg == NULL)
        return;
    ma_corr_note_time(c, &ev->meta);
    /* a bad checksum is counted, not fatal: the message is used (like
     * Wireshark, which shows it) so a corrupted copy never hides a join */
    if (ev->msg->checksum_checked && !ev->msg->checksum_ok)
        ma_decode_events_raise(&c->events,
                               ev->msg->proto == MA_PROTO_IGMP ? MA_DE_IGMP_BAD_CHECKSUM
                                                               : MA_DE_MLD_BAD_CHECKSUM,
                               ev->meta.frame);
    note_version(c, ev->msg, ev->meta.frame);
    ma_corr_messages_add(c, ev);
    if (ev->msg->kind == MA_MEMB_QUERY) {
        if (info != NULL)
            info->role = MA_ROLE_QUERY;
        on_query(c, ev);
        return;
    }
    on_report(c, ev, info);
}
