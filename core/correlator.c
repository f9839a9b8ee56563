/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator.c - the correlator object: its tables, their limits, the public
 * getters and the names of frame and host roles.  The feed functions live in
 * correlator_rtsp.c, correlator_membership.c and correlator_media.c; the
 * verdict rules in verdict_rules.c. */
#include "correlator_internal.h"

#include <string.h>

#include "transport.h"

static const char *const role_names[] = {
    [MA_ROLE_NONE] = "none",
    [MA_ROLE_DESCRIBE] = "describe",
    [MA_ROLE_SETUP_REQUEST] = "setup-request",
    [MA_ROLE_SETUP_REPLY] = "setup-reply",
    [MA_ROLE_PLAY_REQUEST] = "play-request",
    [MA_ROLE_PLAY_REPLY] = "play-reply",
    [MA_ROLE_KEEPALIVE] = "keepalive",
    [MA_ROLE_TEARDOWN] = "teardown",
    [MA_ROLE_RTSP_OTHER] = "rtsp-other",
    [MA_ROLE_JOIN] = "join",
    [MA_ROLE_LEAVE] = "leave",
    [MA_ROLE_MEMBERSHIP_REFRESH] = "membership-refresh",
    [MA_ROLE_QUERY] = "query",
    [MA_ROLE_FIRST_MEDIA] = "first-media",
    [MA_ROLE_MEDIA] = "media",
    [MA_ROLE_RTCP] = "rtcp",
    [MA_ROLE_UNBOUND_UDP] = "unbound-udp",
    [MA_ROLE_FEC] = "fec",
    [MA_ROLE_SAP] = "sap",
};

const char *ma_frame_role_name(ma_frame_role r)
{
    if ((int)r < 0 || (gsize)r >= G_N_ELEMENTS(role_names) || role_names[r] == NULL)
        return "unknown";
    return role_names[r];
}

const char *ma_host_role_name(ma_host_role r)
{
    switch (r) {
    case MA_HOST_CLIENT: return "client";
    case MA_HOST_SERVER: return "camera";
    case MA_HOST_OTHER: return "other host";
    case MA_HOST_UNSPECIFIED: return "unspecified";
    default: return "unknown";
    }
}

ma_host_role ma_correlator_host_role(const ma_session *s, const ma_track *t, const ma_addr *host)
{
    if (s != NULL && ma_addr_is_set(&s->client) && ma_addr_equal(host, &s->client))
        return MA_HOST_CLIENT;
    if (s != NULL && ma_addr_is_set(&s->server) && ma_addr_equal(host, &s->server))
        return MA_HOST_SERVER;
    if (t != NULL && ma_addr_is_set(&t->source) && ma_addr_equal(host, &t->source))
        return MA_HOST_SERVER;
    if (ma_addr_is_unspecified(host))
        return MA_HOST_UNSPECIFIED;
    return MA_HOST_OTHER;
}

static gboolean is_link_local6(const ma_addr *a)
{
    return a->family == 6 && a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80;
}

ma_host_role ma_correlator_event_role(const ma_session *s, const ma_track *t,
                                      const ma_membership_event *ev)
{
    ma_host_role r = ma_correlator_host_role(s, t, &ev->host);
    if (r != MA_HOST_OTHER || s == NULL || !ev->host_mac_set || !is_link_local6(&ev->host))
        return r;
    if (s->client_mac_set && memcmp(s->client_mac, ev->host_mac, 6) == 0)
        return MA_HOST_CLIENT;
    if (s->server_mac_set && memcmp(s->server_mac, ev->host_mac, 6) == 0)
        return MA_HOST_SERVER;
    return r;
}

/* ---- keys ---- */

guint ma_corr_key_hash(gconstpointer k)
{
    const ma_corr_key *key = k;
    guint h = ma_addr_hash(&key->src);
    h = h * 31u + ma_addr_hash(&key->dst);
    h = h * 31u + key->sport;
    return h * 31u + key->dport;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GEqualFunc, symmetric */
gboolean ma_corr_key_equal(gconstpointer a, gconstpointer b)
{
    const ma_corr_key *x = a, *y = b;
    return x->sport == y->sport && x->dport == y->dport && ma_addr_equal(&x->src, &y->src) &&
           ma_addr_equal(&x->dst, &y->dst);
}

guint ma_corr_host_hash(gconstpointer p)
{
    const ma_corr_host *k = p;
    return ma_addr_hash(&k->host) * 31u + (guint)k->proto;
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GEqualFunc, symmetric */
gboolean ma_corr_host_equal(gconstpointer a, gconstpointer b)
{
    const ma_corr_host *x = a, *y = b;
    return x->proto == y->proto && ma_addr_equal(&x->host, &y->host);
}

gboolean ma_corr_is_2xx(int status)
{
    return status >= 200 && status < 300;
}

double ma_ms_between(gint64 from_ns, gint64 to_ns)
{
    return (double)(to_ns - from_ns) / 1e6;
}

/* ---- object ---- */

static void memb_event_clear(gpointer p)
{
    ma_membership_event *ev = p;
    g_free(ev->sources);
    g_free(ev->record_sources);
}

static void track_free(gpointer p)
{
    ma_track *t = p;
    g_free(t->url);
    ma_transport_spec_free(t->requested);
    ma_transport_spec_free(t->reply);
    g_free(t->transport_error);
    g_free(t->transport_text);
    g_free(t->encoding);
    if (t->described_pts != NULL)
        g_array_free(t->described_pts, TRUE);
    g_free(t->filter_sources);
    g_array_free(t->memberships, TRUE); /* each copy owns its sources (retiring frees the originals) */
    g_ptr_array_free(t->flows, TRUE);
    g_free(t);
}

static void error_reply_clear(gpointer p)
{
    g_free(((ma_rtsp_error_reply *)p)->method);
}

static void session_free(gpointer p)
{
    ma_session *s = p;
    g_free(s->url);
    g_free(s->session_id);
    g_free(s->described_by);
    ma_sdp_free(s->sdp);
    g_free(s->content_base);
    g_array_free(s->keepalives, TRUE);
    g_array_free(s->keepalive_ns, TRUE);
    g_array_free(s->request_frames, TRUE);
    g_array_free(s->request_ns, TRUE);
    g_array_free(s->error_replies, TRUE);
    g_ptr_array_free(s->tracks, TRUE);
    g_array_free(s->steps, TRUE);
    g_ptr_array_free(s->verdicts, TRUE); /* not owning: c->verdicts owns them */
    g_free(s);
}

static void cut_clear(gpointer p)
{
    g_free(((ma_corr_cut *)p)->input);
}

ma_correlator *ma_correlator_new(const ma_thresholds *th)
{
    ma_correlator *c = g_new0(ma_correlator, 1);
    if (th != NULL)
        c->th = *th;
    else
        ma_thresholds_init(&c->th);
    c->sessions = g_ptr_array_new_with_free_func(session_free);
    c->flows = g_ptr_array_new_with_free_func(ma_corr_flow_free);
    c->queriers = g_ptr_array_new_with_free_func(g_free);
    c->verdicts = g_ptr_array_new_with_free_func((GDestroyNotify)ma_verdict_free);
    c->flow_index = g_hash_table_new(ma_corr_key_hash, ma_corr_key_equal);
    c->conns = g_hash_table_new_full(ma_corr_key_hash, ma_corr_key_equal, NULL, ma_corr_conn_free);
    c->macs = g_hash_table_new_full(ma_addr_ghash, ma_addr_gequal, g_free, g_free);
    c->memb = ma_memb_tracker_new();
    c->memb_events = g_array_new(FALSE, TRUE, sizeof(ma_membership_event));
    g_array_set_clear_func(c->memb_events, memb_event_clear);
    c->memb_last = ma_corr_memb_last_new();
    ma_corr_messages_init(c);
    ma_corr_groups_init(c);
    c->sap_index = g_hash_table_new_full(ma_corr_sap_key_hash, ma_corr_sap_key_equal, g_free, NULL);
    c->rtsp_named = g_array_new(FALSE, TRUE, sizeof(ma_addr));
    c->cuts = g_array_new(FALSE, TRUE, sizeof(ma_corr_cut));
    g_array_set_clear_func(c->cuts, cut_clear);
    return c;
}

void ma_correlator_free(ma_correlator *c)
{
    if (c == NULL)
        return;
    g_hash_table_destroy(c->conns);
    g_hash_table_destroy(c->flow_index);
    g_hash_table_destroy(c->macs);
    /* sessions hold non-owning verdict lists: free them before the verdicts */
    g_ptr_array_free(c->sessions, TRUE);
    g_ptr_array_free(c->flows, TRUE);
    g_ptr_array_free(c->queriers, TRUE);
    g_ptr_array_free(c->verdicts, TRUE);
    ma_memb_tracker_free(c->memb);
    g_array_free(c->memb_events, TRUE);
    g_hash_table_destroy(c->memb_last);
    ma_corr_messages_free(c);
    ma_corr_groups_free(c);
    g_hash_table_destroy(c->sap_index);
    g_array_free(c->rtsp_named, TRUE);
    g_array_free(c->cuts, TRUE);
    g_free(c->input_name);
    g_free(c);
}

void ma_correlator_host_mac(ma_correlator *c, const ma_addr *ip, const uint8_t mac[6])
{
    if (c == NULL || ip == NULL || mac == NULL || c->finished)
        return;
    uint8_t *known = g_hash_table_lookup(c->macs, ip);
    if (known != NULL) {
        memcpy(known, mac, 6);
        return;
    }
    if (g_hash_table_size(c->macs) >= c->th.max_flows)
        return; /* roles of link-local MLD senders may stay "other host" */
    g_hash_table_insert(c->macs, g_memdup2(ip, sizeof *ip), g_memdup2(mac, 6));
}

gboolean ma_corr_mac_of(const ma_correlator *c, const ma_addr *ip, uint8_t out[6])
{
    const uint8_t *mac = g_hash_table_lookup(c->macs, ip);
    if (mac == NULL)
        return FALSE;
    memcpy(out, mac, 6);
    return TRUE;
}

void ma_corr_note_time(ma_correlator *c, const ma_ev_meta *m)
{
    if (!c->have_time) {
        c->have_time = TRUE;
        c->start_ns = c->end_ns = m->ts_ns;
        return;
    }
    if (m->ts_ns < c->start_ns)
        c->start_ns = m->ts_ns;
    if (m->ts_ns > c->end_ns)
        c->end_ns = m->ts_ns;
}

void ma_frame_info_reset(ma_frame_info *info)
{
    if (info == NULL)
        return;
    memset(info, 0, sizeof *info);
    info->role = MA_ROLE_NONE;
    info->since_play_ms = -1.0;
    info->join_latency_ms = -1.0;
}

/* The decode event a refusal by each table is counted under. */
static const ma_decode_event table_event[MA_CORR_TABLE_COUNT] = {
    [MA_CORR_TABLE_SESSIONS] = MA_DE_SESSION_TABLE_FULL,
    [MA_CORR_TABLE_FLOWS] = MA_DE_FLOW_TABLE_FULL,
    [MA_CORR_TABLE_MEMBERSHIPS] = MA_DE_MEMBERSHIP_TABLE_FULL,
    [MA_CORR_TABLE_QUERIERS] = MA_DE_QUERIER_TABLE_FULL,
    [MA_CORR_TABLE_CONNECTIONS] = MA_DE_RTSP_CONNECTION_TABLE_FULL,
    [MA_CORR_TABLE_MEMB_MESSAGES] = MA_DE_MEMBERSHIP_MESSAGE_TABLE_FULL,
    [MA_CORR_TABLE_GROUPS] = MA_DE_GROUP_TABLE_FULL,
};

void ma_corr_limit(ma_correlator *c, ma_corr_table table, uint32_t frame)
{
    ma_decode_events_raise(&c->events, table_event[table], frame);
    /* frame 0 would read as "never": remember at least frame 1 */
    if (c->limit_frame[table] == 0)
        c->limit_frame[table] = frame != 0 ? frame : 1;
}

const char *ma_corr_table_name(ma_corr_table table)
{
    switch (table) {
    case MA_CORR_TABLE_SESSIONS: return "session";
    case MA_CORR_TABLE_FLOWS: return "flow";
    case MA_CORR_TABLE_MEMBERSHIPS: return "membership";
    case MA_CORR_TABLE_QUERIERS: return "querier";
    case MA_CORR_TABLE_CONNECTIONS: return "RTSP connection";
    case MA_CORR_TABLE_MEMB_MESSAGES: return "membership message";
    case MA_CORR_TABLE_GROUPS: return "group";
    default: return "unknown";
    }
}

guint ma_corr_table_limit(const ma_correlator *c, ma_corr_table table)
{
    switch (table) {
    case MA_CORR_TABLE_SESSIONS: return c->th.max_sessions;
    case MA_CORR_TABLE_FLOWS:
    case MA_CORR_TABLE_QUERIERS: return c->th.max_flows;
    case MA_CORR_TABLE_CONNECTIONS: return c->th.max_sessions * MA_CORR_CONNS_PER_SESSION;
    case MA_CORR_TABLE_MEMB_MESSAGES: return c->th.max_flows * MA_CORR_MEMB_MESSAGES_PER_FLOW;
    case MA_CORR_TABLE_GROUPS: return c->th.max_flows / MA_CORR_FLOWS_PER_GROUP;
    default: return c->th.max_flows * MA_CORR_MEMB_PER_FLOW;
    }
}

ma_session *ma_corr_session_new(ma_correlator *c, const ma_addr *client, uint16_t cport,
                                const ma_addr *server, uint16_t sport, uint32_t frame)
{
    if (c->sessions->len >= c->th.max_sessions) {
        ma_corr_limit(c, MA_CORR_TABLE_SESSIONS, frame);
        return NULL;
    }
    ma_session *s = g_new0(ma_session, 1);
    s->id = ++c->next_session_id;
    if (client != NULL)
        s->client = *client;
    if (server != NULL)
        s->server = *server;
    s->client_port = cport;
    s->server_port = sport;
    s->timeout_s = -1;
    s->server_ttl_min = -1;
    s->client_ttl_min = -1;
    s->first_frame = frame;
    s->keepalives = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    s->keepalive_ns = g_array_new(FALSE, FALSE, sizeof(gint64));
    s->request_frames = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    s->request_ns = g_array_new(FALSE, FALSE, sizeof(gint64));
    s->error_replies = g_array_new(FALSE, TRUE, sizeof(ma_rtsp_error_reply));
    g_array_set_clear_func(s->error_replies, error_reply_clear);
    s->tracks = g_ptr_array_new_with_free_func(track_free);
    s->steps = g_array_new(FALSE, TRUE, sizeof(ma_rtsp_step));
    s->verdicts = g_ptr_array_new();
    g_ptr_array_add(c->sessions, s);
    return s;
}

ma_track *ma_corr_track_new(ma_session *s)
{
    ma_track *t = g_new0(ma_track, 1);
    t->session = s;
    t->index = s->tracks->len;
    t->rtp_port = t->rtcp_port = -1;
    t->server_rtp_port = t->server_rtcp_port = -1;
    t->ttl = -1;
    t->payload_type = -1;
    t->channel_rtp = t->channel_rtcp = -1;
    t->transport_error_offset = -1;
    t->memberships = g_array_new(FALSE, TRUE, sizeof(ma_membership_event));
    g_array_set_clear_func(t->memberships, memb_event_clear);
    t->flows = g_ptr_array_new();
    g_ptr_array_add(s->tracks, t);
    return t;
}

/* ---- getters ---- */

const GPtrArray *ma_correlator_sessions(const ma_correlator *c)
{
    return c->sessions;
}

const GPtrArray *ma_correlator_flows(const ma_correlator *c)
{
    return c->flows; /* ma_corr_flow starts with its ma_flow */
}

const GPtrArray *ma_correlator_queriers(const ma_correlator *c)
{
    return c->queriers; /* ma_corr_querier starts with its ma_querier */
}

const GPtrArray *ma_correlator_verdicts(const ma_correlator *c)
{
    return c->verdicts;
}

const GArray *ma_correlator_memberships(const ma_correlator *c)
{
    return c->memb_events;
}

const GArray *ma_correlator_membership_messages(const ma_correlator *c)
{
    return c->memb_msgs;
}

int ma_correlator_worst_severity(const ma_correlator *c)
{
    int worst = -1;
    for (guint i = 0; i < c->verdicts->len; i++) {
        const ma_verdict *v = g_ptr_array_index(c->verdicts, i);
        if ((int)v->def->severity > worst)
            worst = (int)v->def->severity;
    }
    return worst;
}

gint64 ma_correlator_start_ns(const ma_correlator *c)
{
    return c->start_ns;
}

gint64 ma_correlator_end_ns(const ma_correlator *c)
{
    return c->end_ns;
}

guint ma_correlator_memb_versions(const ma_correlator *c, ma_memb_proto proto)
{
    return proto == MA_PROTO_MLD ? c->versions[1] : c->versions[0];
}

guint ma_correlator_series_skipped(const ma_correlator *c)
{
    return c->series_skipped;
}

gboolean ma_track_rtp_summary(const ma_track *t, ma_rtp_summary *out)
{
    if (t == NULL || t->rtp_flow == NULL || t->rtp_flow->stats == NULL)
        return FALSE;
    ma_rtp_stats_summary(t->rtp_flow->stats, out);
    return TRUE;
}

ma_session *ma_corr_session_by_id(const ma_correlator *c, guint id)
{
    /* ids ascend with the index; retired sessions leave gaps below it */
    guint hi = MIN(id, c->sessions->len);
    for (guint i = hi; i > 0; i--) {
        ma_session *s = g_ptr_array_index(c->sessions, i - 1);
        if (s->id == id)
            return s;
        if (s->id < id)
            break;
    }
    return NULL;
}

/* The correlator owns the verdicts; each session lists its own (not owning),
 * both sorted by ma_verdict_compare. */
void ma_corr_file_verdicts(ma_correlator *c, ma_verdict_sink *sink)
{
    /* a provisional judgement's verdicts (correlator_live.c) are replaced */
    for (guint i = 0; i < c->sessions->len; i++)
        g_ptr_array_set_size(((ma_session *)g_ptr_array_index(c->sessions, i))->verdicts, 0);
    g_ptr_array_set_size(c->verdicts, 0);
    for (guint i = 0; i < c->groups->len; i++)
        g_ptr_array_set_size(((ma_group *)g_ptr_array_index(c->groups, i))->verdicts, 0);
    for (guint i = 0; i < sink->verdicts->len; i++) {
        ma_verdict *v = g_ptr_array_index(sink->verdicts, i);
        g_ptr_array_add(c->verdicts, v);
        ma_session *s = ma_corr_session_by_id(c, v->session_id);
        if (s != NULL)
            g_ptr_array_add(s->verdicts, v);
        for (guint k = 0; ma_addr_is_set(&v->group) && k < c->groups->len; k++) {
            ma_group *g = g_ptr_array_index(c->groups, k);
            if (ma_addr_equal(&g->addr, &v->group))
                g_ptr_array_add(g->verdicts, v);
        }
    }
    g_ptr_array_free(sink->verdicts, TRUE);
    g_ptr_array_sort(c->verdicts, ma_verdict_compare);
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        g_ptr_array_sort(s->verdicts, ma_verdict_compare);
    }
}

void ma_correlator_capture_cut(ma_correlator *c, const char *input, uint32_t after_frame,
                               gboolean unreadable)
{
    if (c == NULL || c->finished)
        return;
    ma_corr_cut cut = {g_strdup(input != NULL ? input : "the capture"), after_frame, unreadable};
    g_array_append_val(c->cuts, cut);
}

void ma_correlator_set_input(ma_correlator *c, const char *name, guint64 frames)
{
    if (c == NULL || c->finished)
        return;
    g_free(c->input_name);
    c->input_name = g_strdup(name);
    c->input_frames = frames;
    c->input_told = TRUE;
}

void ma_correlator_decode_event(ma_correlator *c, ma_decode_event ev, uint32_t frame)
{
    if (c != NULL && !c->finished)
        ma_decode_events_raise(&c->events, ev, frame);
}

void ma_correlator_add_decode_events(ma_correlator *c, const ma_decode_events *t)
{
    if (c != NULL && !c->finished)
        ma_decode_events_add(&c->events, t);
}

const ma_decode_events *ma_correlator_decode_events(const ma_correlator *c)
{
    return c != NULL ? &c->events : NULL;
}

void ma_correlator_finish(ma_correlator *c, gint64 end_ns)
{
    if (c->finished)
        return;
    c->finished = TRUE;
    if (!c->have_time) {
        c->have_time = TRUE;
        c->start_ns = end_ns;
    }
    if (end_ns > c->end_ns || c->end_ns == 0)
        c->end_ns = end_ns;
    /* First settle what belongs where, then judge the settled state. */
    ma_corr_flows_finish(c);
    ma_corr_bind_leftovers(c);
    ma_corr_build_groups(c);
    ma_verdict_sink sink = {g_ptr_array_new()};
    ma_judge(c, &sink);
    ma_corr_file_verdicts(c, &sink);
}
