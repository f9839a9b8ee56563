/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_rtsp.c - RTSP messages -> sessions and tracks.
 *
 * A request from A:p to B:q belongs to the connection (client A, server B).
 * Replies are paired with their request by CSeq on that connection, because
 * a reply's meaning (SETUP reply, PLAY reply) comes from its request's
 * method.  A request carrying a known Session id joins that session even on
 * another connection (TEARDOWN often comes on a new one). */
#include "correlator_internal.h"

#include <stdlib.h>
#include <string.h>

#include "sdp.h"
#include "transport.h"

static void pending_free(gpointer p)
{
    ma_corr_pending *pd = p;
    if (pd == NULL)
        return;
    g_free(pd->method);
    g_free(pd->uri);
    g_free(pd);
}

void ma_corr_conn_free(gpointer p)
{
    ma_corr_conn *conn = p;
    ma_rtsp_pairing_free(conn->pairing);
    g_free(conn);
}

static gboolean method_is(const ma_rtsp_msg *m, const char *name)
{
    return m->method != NULL && g_ascii_strcasecmp(m->method, name) == 0;
}

static gboolean method_is_keepalive(const char *method)
{
    return method != NULL && (g_ascii_strcasecmp(method, "OPTIONS") == 0 ||
                              g_ascii_strcasecmp(method, "GET_PARAMETER") == 0 ||
                              g_ascii_strcasecmp(method, "SET_PARAMETER") == 0);
}

static ma_corr_conn *conn_get(ma_correlator *c, const ma_corr_key *key, gboolean create,
                              uint32_t frame)
{
    ma_corr_conn *conn = g_hash_table_lookup(c->conns, key);
    if (conn != NULL || !create)
        return conn;
    if (g_hash_table_size(c->conns) >= ma_corr_table_limit(c, MA_CORR_TABLE_CONNECTIONS)) {
        /* a flood of connections that never carry a session must not keep
         * a camera's out: the oldest of those goes first */
        GList *l = g_queue_pop_head_link(&c->idle_conns);
        if (l == NULL) {
            ma_corr_limit(c, MA_CORR_TABLE_CONNECTIONS, frame);
            return NULL;
        }
        ma_corr_conn *old = l->data;
        old->used = TRUE; /* out of the queue */
        g_hash_table_remove(c->conns, &old->key);
        ma_decode_events_raise(&c->events, MA_DE_RTSP_CONNECTION_EVICTED, frame);
    }
    conn = g_new0(ma_corr_conn, 1);
    conn->key = *key;
    conn->pairing = ma_rtsp_pairing_new(pending_free);
    conn->link.data = conn;
    g_hash_table_insert(c->conns, &conn->key, conn);
    g_queue_push_tail_link(&c->idle_conns, &conn->link);
    return conn;
}

static ma_session *session_by_id(ma_correlator *c, const ma_corr_key *k, const char *id)
{
    /* newest first: a camera may reuse ids across reboots */
    for (guint i = c->sessions->len; i > 0; i--) {
        ma_session *s = g_ptr_array_index(c->sessions, i - 1);
        if (s->session_id != NULL && strcmp(s->session_id, id) == 0 &&
            ma_addr_equal(&s->client, &k->src) && ma_addr_equal(&s->server, &k->dst))
            return s;
    }
    return NULL;
}

/* Does this request open a new session on a connection that had one? */
static gboolean starts_new_session(const ma_session *s, const ma_rtsp_msg *m)
{
    gboolean opening = method_is(m, "DESCRIBE") || method_is(m, "SETUP") ||
                       method_is(m, "ANNOUNCE");
    if (!opening)
        return FALSE;
    if (s->teardown_frame != 0)
        return TRUE;
    if (s->session_id != NULL && m->session_id == NULL)
        return TRUE; /* a second, independent session on the same connection */
    return s->session_id != NULL && m->session_id != NULL && strcmp(s->session_id, m->session_id) != 0;
}

/* The connection carries session s from now on (no longer evictable first). */
static void conn_tie(ma_correlator *c, ma_corr_conn *conn, ma_session *s)
{
    conn->session = s;
    if (!conn->used) {
        g_queue_unlink(&c->idle_conns, &conn->link);
        conn->used = TRUE;
    }
}

static ma_session *session_for_request(ma_correlator *c, ma_corr_conn *conn,
                                       const ma_ev_rtsp *ev)
{
    const ma_rtsp_msg *m = ev->msg;
    if (m->session_id != NULL) {
        ma_session *s = session_by_id(c, &conn->key, m->session_id);
        if (s != NULL) {
            conn_tie(c, conn, s);
            return s;
        }
    }
    ma_session *s = conn->session;
    if (s != NULL && starts_new_session(s, m))
        s = NULL;
    if (s == NULL && (method_is(m, "DESCRIBE") || method_is(m, "SETUP") ||
                      method_is(m, "ANNOUNCE"))) {
        s = ma_corr_session_new(c, &ev->src, ev->sport, &ev->dst, ev->dport, ev->meta.frame);
    }
    if (s != NULL)
        conn_tie(c, conn, s);
    return s;
}

/* The first transport-spec of m's Transport header; NULL when it has none
 * or it does not parse (then *err, when asked for, says why). */
static ma_transport_spec *first_spec_of(const ma_rtsp_msg *m, GError **err, gsize *err_offset)
{
    const char *value = ma_rtsp_msg_header(m, "Transport");
    if (value == NULL)
        return NULL;
    ma_transport *tp = ma_transport_parse(value, err_offset, err);
    if (tp == NULL)
        return NULL;
    const ma_transport_spec *first = ma_transport_first(tp);
    ma_transport_spec *copy = first != NULL ? ma_transport_spec_copy(first) : NULL;
    ma_transport_free(tp);
    return copy;
}

/* A SETUP answered 401 and sent again is the same track, not a new one. */
static ma_track *track_for_setup(ma_session *s, const char *uri)
{
    for (guint i = 0; i < s->tracks->len; i++) {
        ma_track *t = g_ptr_array_index(s->tracks, i);
        if (t->setup_status == 401 && g_strcmp0(t->url, uri) == 0)
            return t;
    }
    return ma_corr_track_new(s);
}

static void on_setup_request(ma_session *s, const ma_ev_rtsp *ev, ma_corr_pending *pd,
                             ma_frame_info *info)
{
    ma_track *t = track_for_setup(s, ev->msg->uri);
    g_free(t->url);
    t->url = g_strdup(ev->msg->uri);
    t->setup_request_frame = ev->meta.frame;
    t->setup_status = 0;
    ma_transport_spec_free(t->requested);
    t->requested = first_spec_of(ev->msg, NULL, NULL);
    pd->track = t;
    if (info != NULL) {
        info->role = MA_ROLE_SETUP_REQUEST;
        info->track = t;
    }
}

static ma_frame_role request_role(ma_session *s, const ma_ev_rtsp *ev)
{
    const ma_rtsp_msg *m = ev->msg;
    if (method_is(m, "DESCRIBE")) {
        if (s->describe_frame == 0)
            s->describe_frame = ev->meta.frame;
        return MA_ROLE_DESCRIBE;
    }
    if (method_is(m, "PLAY")) {
        if (s->play_request_frame == 0)
            s->play_request_frame = ev->meta.frame;
        return MA_ROLE_PLAY_REQUEST;
    }
    if (method_is(m, "TEARDOWN")) {
        if (s->teardown_frame == 0) {
            s->teardown_frame = ev->meta.frame;
            s->teardown_ns = ev->meta.ts_ns;
        }
        return MA_ROLE_TEARDOWN;
    }
    if (method_is_keepalive(m->method) && s->session_id != NULL) {
        g_array_append_val(s->keepalives, ev->meta.frame);
        g_array_append_val(s->keepalive_ns, ev->meta.ts_ns);
        return MA_ROLE_KEEPALIVE;
    }
    return MA_ROLE_RTSP_OTHER;
}

/* The session's message log for the ladder diagram (bounded). */
static void add_step(ma_session *s, const ma_ev_meta *meta, const char *method, int status)
{
    if (s->steps->len >= MA_SESSION_MAX_STEPS) {
        s->steps_dropped++;
        return;
    }
    ma_rtsp_step st = {meta->frame, meta->ts_ns, status != 0, {0}, status};
    g_strlcpy(st.method, method != NULL ? method : "", sizeof st.method);
    g_array_append_val(s->steps, st);
}

/* Keep the lowest TTL one way: the farthest the capture point saw it come. */
static void note_ttl(int *ttl_min, uint32_t *frame, const ma_ev_rtsp *ev)
{
    if (ev->ip_ttl < 1 || ev->ip_ttl > 255 || (*ttl_min >= 0 && *ttl_min <= ev->ip_ttl))
        return;
    *ttl_min = ev->ip_ttl;
    *frame = ev->meta.frame;
}

static void on_request(ma_correlator *c, const ma_ev_rtsp *ev, ma_frame_info *info)
{
    const ma_rtsp_msg *m = ev->msg;
    ma_corr_key key = {ev->src, ev->dst, ev->sport, ev->dport};
    ma_corr_conn *conn = conn_get(c, &key, TRUE, ev->meta.frame);
    if (info != NULL)
        info->role = MA_ROLE_RTSP_OTHER;
    if (conn == NULL)
        return;
    ma_session *s = session_for_request(c, conn, ev);
    ma_corr_pending *pd = g_new0(ma_corr_pending, 1);
    pd->method = g_strdup(m->method);
    pd->uri = g_strdup(m->uri);
    pd->frame = ev->meta.frame;
    pd->ns = ev->meta.ts_ns;
    pd->session = s;
    if (s != NULL) {
        if (!s->client_mac_set)
            s->client_mac_set = ma_corr_mac_of(c, &ev->src, s->client_mac);
        note_ttl(&s->client_ttl_min, &s->client_ttl_frame, ev);
        if (s->url == NULL && m->uri != NULL && !method_is_keepalive(m->method))
            s->url = g_strdup(m->uri);
        g_array_append_val(s->request_frames, ev->meta.frame);
        g_array_append_val(s->request_ns, ev->meta.ts_ns);
        add_step(s, &ev->meta, m->method, 0);
        if (info != NULL)
            info->session = s;
        if (method_is(m, "SETUP"))
            on_setup_request(s, ev, pd, info);
        else if (info != NULL)
            info->role = request_role(s, ev);
        else
            (void)request_role(s, ev);
    }
    if (m->cseq >= 0)
        ma_rtsp_pairing_add(conn->pairing, m->cseq, pd);
    else
        pending_free(pd);
}

/* ---- replies ---- */

static void on_describe_reply(ma_session *s, const ma_ev_rtsp *ev, const ma_corr_pending *pd)
{
    const ma_rtsp_msg *m = ev->msg;
    s->describe_reply_frame = ev->meta.frame;
    s->describe_status = m->status;
    if (!ma_corr_is_2xx(m->status) || m->body == NULL || s->sdp != NULL)
        return;
    const char *ctype = ma_rtsp_msg_header(m, "Content-Type");
    if (ctype == NULL || g_ascii_strncasecmp(ctype, "application/sdp", 15) != 0)
        return;
    /* tracks keep pointers into the SDP, so the first one stays */
    s->sdp = ma_sdp_parse((const char *)m->body, m->body_len, NULL);
    const char *base = ma_rtsp_msg_header(m, "Content-Base");
    if (base == NULL)
        base = ma_rtsp_msg_header(m, "Content-Location");
    if (base == NULL)
        base = pd->uri;
    g_free(s->content_base);
    s->content_base = g_strdup(base);
}

static void on_setup_reply(ma_correlator *c, ma_session *s, const ma_ev_rtsp *ev, ma_track *t)
{
    const ma_rtsp_msg *m = ev->msg;
    t->setup_reply_frame = ev->meta.frame;
    t->setup_reply_ns = ev->meta.ts_ns;
    t->setup_status = m->status;
    ma_transport_spec_free(t->reply);
    g_clear_pointer(&t->transport_error, g_free);
    g_clear_pointer(&t->transport_text, g_free);
    t->transport_error_offset = -1;
    GError *err = NULL;
    gsize offset = 0;
    t->reply = first_spec_of(m, &err, &offset);
    if (!ma_corr_is_2xx(m->status)) {
        g_clear_error(&err);
        return;
    }
    if (m->session_timeout > 0)
        s->timeout_s = m->session_timeout;
    if (t->reply == NULL) {
        /* RFC 2326 12.39 / RFC 7826 18.54: the reply states the transport chosen */
        const char *value = ma_rtsp_msg_header(m, "Transport");
        t->transport_text = g_strdup(value);
        t->transport_error = g_strdup(err != NULL ? err->message : "no Transport header");
        t->transport_error_offset = err != NULL ? (int)MIN(offset, (gsize)G_MAXINT) : -1;
        g_clear_error(&err);
        return; /* nothing to expect: not unicast, no port -1, no binding */
    }
    ma_corr_track_expect(t);
    if (t->multicast)
        ma_corr_track_attach_memberships(c, t);
    ma_corr_bind_track(c, t);
}

static ma_frame_role reply_role(ma_correlator *c, ma_session *s, const ma_ev_rtsp *ev,
                                const ma_corr_pending *pd, ma_frame_info *info)
{
    const ma_rtsp_msg *m = ev->msg;
    const char *method = pd->method != NULL ? pd->method : "";
    if (g_ascii_strcasecmp(method, "DESCRIBE") == 0) {
        on_describe_reply(s, ev, pd);
        return MA_ROLE_DESCRIBE;
    }
    if (g_ascii_strcasecmp(method, "SETUP") == 0 && pd->track != NULL) {
        on_setup_reply(c, s, ev, pd->track);
        if (info != NULL)
            info->track = pd->track;
        return MA_ROLE_SETUP_REPLY;
    }
    if (g_ascii_strcasecmp(method, "PLAY") == 0) {
        /* keep the first successful PLAY reply: media is judged from it */
        if (s->play_reply_frame == 0 || !ma_corr_is_2xx(s->play_status)) {
            s->play_reply_frame = ev->meta.frame;
            s->play_reply_ns = ev->meta.ts_ns;
            s->play_status = m->status;
        }
        return MA_ROLE_PLAY_REPLY;
    }
    if (g_ascii_strcasecmp(method, "TEARDOWN") == 0)
        return MA_ROLE_TEARDOWN;
    if (method_is_keepalive(method) && s->session_id != NULL)
        return MA_ROLE_KEEPALIVE;
    return MA_ROLE_RTSP_OTHER;
}

static void on_reply(ma_correlator *c, const ma_ev_rtsp *ev, ma_frame_info *info)
{
    const ma_rtsp_msg *m = ev->msg;
    ma_corr_key key = {ev->dst, ev->src, ev->dport, ev->sport};
    ma_corr_conn *conn = conn_get(c, &key, FALSE, ev->meta.frame);
    if (info != NULL)
        info->role = MA_ROLE_RTSP_OTHER;
    if (conn == NULL)
        return;
    ma_corr_pending *pd = m->cseq >= 0 ? ma_rtsp_pairing_take(conn->pairing, m->cseq) : NULL;
    ma_session *s = pd != NULL ? pd->session : conn->session;
    if (info != NULL)
        info->session = s;
    if (s == NULL || pd == NULL) {
        pending_free(pd);
        return;
    }
    if (!s->server_mac_set)
        s->server_mac_set = ma_corr_mac_of(c, &ev->src, s->server_mac);
    add_step(s, &ev->meta, pd->method, m->status > 0 ? m->status : -1);
    note_ttl(&s->server_ttl_min, &s->server_ttl_frame, ev);
    if (m->status == 401 && s->auth_challenges++ == 0)
        s->auth_challenge_frame = ev->meta.frame;
    if (m->session_id != NULL && s->session_id == NULL && ma_corr_is_2xx(m->status))
        s->session_id = g_strdup(m->session_id);
    if (ma_rtsp_status_is_session_error(m->status)) {
        ma_rtsp_error_reply er = {g_strdup(pd->method != NULL ? pd->method : "?"), m->status,
                                  pd->frame, ev->meta.frame, ev->meta.ts_ns};
        g_array_append_val(s->error_replies, er);
    }
    ma_frame_role role = reply_role(c, s, ev, pd, info);
    if (info != NULL) {
        info->role = role;
        if (role == MA_ROLE_PLAY_REPLY)
            info->since_play_ms = 0.0;
    }
    pending_free(pd);
}

/* A message naming a session (Session header): both ends speak RTSP with
 * sessions, so media from either is not static multicast even when its
 * SETUP lies before the capture (correlator_leftovers.c asks). */
static void note_session_named(ma_correlator *c, const ma_ev_rtsp *ev)
{
    if (ev->msg->session_id == NULL)
        return;
    const ma_addr *ends[2] = {&ev->src, &ev->dst};
    for (int e = 0; e < 2; e++) {
        gboolean known = FALSE;
        for (guint i = 0; i < c->rtsp_named->len && !known; i++)
            known = ma_addr_equal(&g_array_index(c->rtsp_named, ma_addr, i), ends[e]);
        if (!known && c->rtsp_named->len < c->th.max_sessions)
            g_array_append_val(c->rtsp_named, *ends[e]);
    }
    if (c->rtsp_named_frame == 0)
        c->rtsp_named_frame = ev->meta.frame;
}

gboolean ma_corr_rtsp_named(const ma_correlator *c, const ma_addr *a, uint32_t *frame)
{
    for (guint i = 0; i < c->rtsp_named->len; i++)
        if (ma_addr_equal(&g_array_index(c->rtsp_named, ma_addr, i), a)) {
            *frame = c->rtsp_named_frame;
            return TRUE;
        }
    return FALSE;
}

void ma_correlator_rtsp(ma_correlator *c, const ma_ev_rtsp *ev, ma_frame_info *info)
{
    ma_frame_info_reset(info);
    if (c == NULL || c->finished || ev == NULL || ev->msg == NULL)
        return;
    ma_corr_note_time(c, &ev->meta);
    note_session_named(c, ev);
    if (ev->msg->kind == MA_RTSP_REQUEST)
        on_request(c, ev, info);
    else
        on_reply(c, ev, info);
}

/* ---- interleaved data ---- */

static ma_track *track_for_channel(ma_session *s, unsigned channel, gboolean *rtcp)
{
    for (guint i = 0; s != NULL && i < s->tracks->len; i++) {
        ma_track *t = g_ptr_array_index(s->tracks, i);
        if (t->channel_rtp >= 0 && (unsigned)t->channel_rtp == channel) {
            *rtcp = FALSE;
            return t;
        }
        if (t->channel_rtcp >= 0 && (unsigned)t->channel_rtcp == channel) {
            *rtcp = TRUE;
            return t;
        }
    }
    return NULL;
}

void ma_correlator_interleaved(ma_correlator *c, const ma_ev_interleaved *ev, ma_frame_info *info)
{
    ma_frame_info_reset(info);
    if (c == NULL || c->finished || ev == NULL)
        return;
    ma_corr_note_time(c, &ev->meta);
    /* data flows both ways on the connection: try server -> client first */
    ma_corr_key key = {ev->dst, ev->src, ev->dport, ev->sport};
    ma_corr_conn *conn = conn_get(c, &key, FALSE, ev->meta.frame);
    if (conn == NULL) {
        ma_corr_key back = {ev->src, ev->dst, ev->sport, ev->dport};
        conn = conn_get(c, &back, FALSE, ev->meta.frame);
    }
    if (conn == NULL || conn->session == NULL)
        return;
    gboolean rtcp = FALSE;
    ma_track *t = track_for_channel(conn->session, ev->channel, &rtcp);
    if (info != NULL) {
        info->session = conn->session;
        info->track = t;
        info->role = MA_ROLE_MEDIA;
    }
    if (t == NULL)
        return;
    if (ev->payload != NULL && ev->length > 0) {
        if (!rtcp) {
            t->interleaved_frames++;
            t->interleaved_bytes += ev->length;
        }
        (void)ma_corr_interleaved_media(c, t, rtcp, ev, info);
        return;
    }
    if (rtcp) {
        if (info != NULL)
            info->role = MA_ROLE_RTCP;
        return;
    }
    t->interleaved_frames++;
    t->interleaved_bytes += ev->length;
    if (t->first_media_frame == 0) {
        t->first_media_frame = ev->meta.frame;
        t->first_media_ns = ev->meta.ts_ns;
        if (info != NULL)
            info->role = MA_ROLE_FIRST_MEDIA;
    }
    if (info != NULL) {
        info->packets = t->interleaved_frames;
        if (t->session->play_reply_frame != 0)
            info->since_play_ms = ma_ms_between(t->session->play_reply_ns, ev->meta.ts_ns);
    }
}

/* ---- what a track expects (verdict_rules.md, "A multicast track") ---- */

static const ma_sdp_media *track_sdp_media(const ma_track *t)
{
    const ma_session *s = t->session;
    if (s->sdp == NULL || t->url == NULL)
        return NULL;
    return ma_sdp_find_media_for_url(s->sdp, t->url, s->content_base != NULL ? s->content_base : s->url);
}

void ma_corr_track_expect_payload(ma_track *t, const ma_sdp_media *md)
{
    if (md == NULL || md->formats == NULL || md->formats->len == 0)
        return;
    char *end = NULL;
    const char *fmt = g_ptr_array_index(md->formats, 0);
    long pt = strtol(fmt, &end, 10);
    if (end == fmt || *end != '\0' || pt < 0 || pt > 127)
        return;
    t->payload_type = (int)pt;
    const ma_sdp_rtpmap *map = ma_sdp_rtpmap_for(md, t->payload_type);
    const char *enc = map != NULL ? map->encoding : ma_rtp_static_encoding(t->payload_type);
    g_free(t->encoding);
    t->encoding = g_strdup(enc);
    t->clock_rate = ma_sdp_clock_rate(md, t->payload_type);
}

static gboolean reply_is_interleaved(const ma_transport_spec *r)
{
    return r != NULL && (r->lower == MA_LOWER_TCP || r->interleaved.present);
}

static void expect_ports(ma_track *t, const ma_transport_spec *r, const ma_sdp_media *md)
{
    const ma_port_range *order[2] = {NULL, NULL};
    if (r != NULL) {
        /* multicast: port= then client_port= (seen in the field); unicast: client_port= */
        order[0] = t->multicast ? &r->port : &r->client_port;
        order[1] = t->multicast ? &r->client_port : &r->port;
    }
    for (int i = 0; i < 2; i++) {
        if (order[i] != NULL && order[i]->present && order[i]->lo > 0) {
            t->rtp_port = order[i]->lo;
            t->rtcp_port = order[i]->hi != order[i]->lo ? order[i]->hi : order[i]->lo + 1;
            return;
        }
    }
    if (md != NULL && md->port > 0 && md->port < 65535) {
        t->rtp_port = md->port;
        t->rtcp_port = md->port + 1;
        t->from_sdp = TRUE;
    }
}

void ma_corr_track_expect(ma_track *t)
{
    const ma_transport_spec *r = t->reply;
    const ma_sdp_media *md = track_sdp_media(t);
    const ma_sdp_conn *sc = md != NULL ? ma_sdp_media_conn(t->session->sdp, md) : NULL;
    gboolean sdp_mcast = sc != NULL && sc->present && ma_addr_is_multicast(&sc->addr);
    gboolean reply_group = r != NULL && r->destination.present && ma_addr_is_set(&r->destination.addr);

    t->sdp_media = md;
    t->interleaved = reply_is_interleaved(r);
    /* the reply says multicast; or says no cast but names a multicast
     * destination; or names no group and the track's SDP c= is multicast */
    gboolean said = r != NULL && r->cast == MA_CAST_MULTICAST;
    gboolean implied = r != NULL && r->cast == MA_CAST_UNSPECIFIED && reply_group &&
                       ma_addr_is_multicast(&r->destination.addr);
    gboolean from_sdp = !t->interleaved && (r == NULL || r->cast != MA_CAST_UNICAST) &&
                        !reply_group && sdp_mcast;
    t->multicast = said || implied || from_sdp;

    if (reply_group && t->multicast) {
        t->group = r->destination.addr;
    } else if (t->multicast && sdp_mcast) {
        t->group = sc->addr;
        t->from_sdp = TRUE;
    }
    if (t->interleaved) {
        if (r->interleaved.present) {
            t->channel_rtp = r->interleaved.lo;
            t->channel_rtcp = r->interleaved.hi != r->interleaved.lo ? r->interleaved.hi
                                                                     : r->interleaved.lo + 1;
        }
    } else {
        expect_ports(t, r, md);
        if (!t->multicast && r != NULL && r->server_port.present && r->server_port.lo > 0) {
            t->server_rtp_port = r->server_port.lo;
            t->server_rtcp_port =
                r->server_port.hi != r->server_port.lo ? r->server_port.hi : r->server_port.lo + 1;
        }
    }
    if (r != NULL && r->ttl >= 0)
        t->ttl = r->ttl;
    else if (sc != NULL && sc->present && sc->ttl >= 0)
        t->ttl = sc->ttl;
    if (r != NULL && r->source.present && ma_addr_is_set(&r->source.addr))
        t->source = r->source.addr;
    else
        t->source = t->session->server;
    if (r != NULL && r->n_ssrc > 0) {
        t->ssrc = r->ssrc[0];
        t->ssrc_set = TRUE;
    }
    ma_corr_track_expect_payload(t, md);
}
