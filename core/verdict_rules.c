/* verdict_rules.c - end of capture: bind what is left, make sessions for
 * streams negotiated before the capture, then judge every session and track
 * against /work/briefs/verdict_rules.md.  One function per rule, listed in
 * one table with the kind of track it applies to. */
#include "correlator_internal.h"

#include <stdarg.h>
#include <string.h>

#include "sdp.h"
#include "transport.h"

#define MA_QUERY_WINDOW_S 135.0   /* 125 s query interval + 10 s response */
#define MA_LEAVE_GRACE_S 2.0      /* RFC 2236 last-member query: 2 x 1 s */
#define MA_STOP_MARGIN_S 5.0      /* media "stopped" when silent this long */

typedef struct {
    ma_correlator *c;
    gint64 end_ns;
    ma_session *s;
    ma_track *t;              /* NULL for session rules */
} rule_ctx;

/* ---- facts: key/value strings for a message template ---- */

typedef struct {
    GPtrArray *kv; /* char*, owned, key, value, ... */
} facts;

static void fact(facts *f, const char *key, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* key and fmt cannot be swapped silently: G_GNUC_PRINTF(3, 4) under -Wformat=2
 * rejects a non-literal format and extra arguments for a literal key. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static void fact(facts *f, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_ptr_array_add(f->kv, g_strdup(key));
    g_ptr_array_add(f->kv, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

static void fact_addr(facts *f, const char *key, const ma_addr *a)
{
    char buf[MA_ADDR_STRLEN];
    fact(f, key, "%s", ma_addr_to_str(a, buf));
}

/* "239.1.1.1:8860", "[ff3e::1]:5000" */
static void fact_addr_port(facts *f, const char *key, const ma_addr *a, int port)
{
    char buf[MA_ADDR_STRLEN];
    ma_addr_to_str(a, buf);
    if (a->family == 6)
        fact(f, key, "[%s]:%d", buf, port);
    else
        fact(f, key, "%s:%d", buf, port);
}

static void facts_init(facts *f)
{
    f->kv = g_ptr_array_new_with_free_func(g_free);
}

static ma_verdict *emit(rule_ctx *x, ma_verdict_id id, const ma_flow *flow, facts *f)
{
    g_ptr_array_add(f->kv, NULL);
    ma_verdict *v = ma_verdict_new(id, x->s != NULL ? x->s->id : 0,
                                   x->t != NULL ? x->t->index : MA_VERDICT_NO_TRACK,
                                   flow != NULL ? flow->id : 0, (const char *const *)f->kv->pdata);
    g_ptr_array_free(f->kv, TRUE);
    f->kv = NULL;
    g_ptr_array_add(x->c->verdicts, v);
    if (x->s != NULL)
        g_ptr_array_add(x->s->verdicts, v);
    return v;
}

/* ---- common questions about a track ---- */

static gboolean play_ok(const ma_session *s)
{
    return ma_corr_is_2xx(s->play_status);
}

static gint64 stop_ns(const rule_ctx *x)
{
    return x->s->teardown_frame != 0 ? x->s->teardown_ns : x->end_ns;
}

static double secs(gint64 ns)
{
    return (double)ns / 1e9;
}

static const ma_corr_flow *rtp_flow(const ma_track *t)
{
    return (const ma_corr_flow *)t->rtp_flow;
}

static gboolean is_client(const ma_track *t, const ma_membership_event *ev)
{
    return ma_correlator_event_role(t->session, t, ev) == MA_HOST_CLIENT;
}

static const ma_membership_event *first_event(const ma_track *t, gboolean client_only,
                                              gboolean joins)
{
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if ((ev->kind != MA_CHANGE_LEAVE) == joins && (!client_only || is_client(t, ev)))
            return ev;
    }
    return NULL;
}

static const ma_membership_event *last_event(const ma_track *t, gboolean client_only,
                                             gboolean joins)
{
    for (guint i = t->memberships->len; i > 0; i--) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i - 1);
        if ((ev->kind != MA_CHANGE_LEAVE) == joins && (!client_only || is_client(t, ev)))
            return ev;
    }
    return NULL;
}

static gboolean from_camera(const ma_track *t, const ma_addr *a)
{
    return ma_addr_equal(a, &t->source) || ma_addr_equal(a, &t->session->server);
}

/* MA207's condition, shared with MA312 which it replaces. */
static const ma_membership_event *expired_after(const rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_flow *f = t->rtp_flow;
    const ma_thresholds *th = &x->c->th;
    if (f == NULL || f->stats == NULL)
        return NULL;
    const ma_membership_event *rep = last_event(t, TRUE, TRUE);
    if (rep == NULL || rep->ts_ns > f->last_ns)
        return NULL;
    double after = secs(f->last_ns - rep->ts_ns);
    if (after < th->membership_interval_s - th->expiry_tolerance_s ||
        after > th->membership_interval_s + th->expiry_tolerance_s)
        return NULL;
    if (x->s->teardown_frame != 0 && f->last_ns >= x->s->teardown_ns)
        return NULL;
    if (secs(x->end_ns - f->last_ns) < MA_STOP_MARGIN_S)
        return NULL;
    return rep;
}

static char *describe_spec(const ma_transport_spec *s)
{
    return s != NULL ? ma_transport_spec_describe(s) : g_strdup("(no Transport)");
}

static const char *status_reason(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 453: return "Not Enough Bandwidth";
    case 454: return "Session Not Found";
    case 455: return "Method Not Valid in This State";
    case 459: return "Aggregate Operation Not Allowed";
    case 461: return "Unsupported Transport";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "";
    }
}

/* ---- negotiation ---- */

static void rule_setup_failed(rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->setup_status == 0 || ma_corr_is_2xx(t->setup_status))
        return;
    facts f;
    facts_init(&f);
    fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
    fact(&f, "status", "%d", t->setup_status);
    fact(&f, "reason", "%s", status_reason(t->setup_status));
    fact(&f, "frame", "%u", t->setup_reply_frame);
    fact(&f, "note", "%s", t->setup_status == 461 ? ": server does not offer this transport" : "");
    ma_verdict *v = emit(x, MA_V_SETUP_FAILED, NULL, &f);
    ma_verdict_add_frame(v, t->setup_request_frame);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}

static gboolean asked_multicast(const ma_track *t)
{
    return t->requested != NULL && t->requested->cast == MA_CAST_MULTICAST &&
           ma_corr_is_2xx(t->setup_status) && t->reply != NULL;
}

static void emit_answer(rule_ctx *x, ma_verdict_id id)
{
    const ma_track *t = x->t;
    facts f;
    facts_init(&f);
    char *req = describe_spec(t->requested), *rep = describe_spec(t->reply);
    fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
    fact(&f, "requested", "%s", req);
    fact(&f, "reply", "%s", rep);
    fact(&f, "frame", "%u", t->setup_reply_frame);
    g_free(req);
    g_free(rep);
    ma_verdict *v = emit(x, id, NULL, &f);
    ma_verdict_add_frame(v, t->setup_request_frame);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}

static void rule_answered_unicast(rule_ctx *x)
{
    if (asked_multicast(x->t) && !x->t->multicast && !x->t->interleaved)
        emit_answer(x, MA_V_ANSWERED_UNICAST);
}

static void rule_answered_interleaved(rule_ctx *x)
{
    if (asked_multicast(x->t) && x->t->interleaved)
        emit_answer(x, MA_V_ANSWERED_INTERLEAVED);
}

static void rule_sdp_disagree(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_transport_spec *r = t->reply;
    const ma_sdp_media *md = t->sdp_media;
    if (!t->multicast || r == NULL || md == NULL || !ma_corr_is_2xx(t->setup_status))
        return;
    const ma_sdp_conn *sc = ma_sdp_media_conn(x->s->sdp, md);
    GString *sdp = g_string_new(NULL), *rep = g_string_new(NULL);
    char a[MA_ADDR_STRLEN], b[MA_ADDR_STRLEN];
    if (sc != NULL && sc->present && ma_addr_is_multicast(&sc->addr) && r->destination.present &&
        ma_addr_is_set(&r->destination.addr) && !ma_addr_equal(&sc->addr, &r->destination.addr)) {
        g_string_append_printf(sdp, "%sgroup %s", sdp->len ? ", " : "", ma_addr_to_str(&sc->addr, a));
        g_string_append_printf(rep, "%sgroup %s", rep->len ? ", " : "",
                               ma_addr_to_str(&r->destination.addr, b));
    }
    if (md->port > 0 && r->port.present && r->port.lo != md->port) {
        g_string_append_printf(sdp, "%sport %d", sdp->len ? ", " : "", md->port);
        g_string_append_printf(rep, "%sport %d", rep->len ? ", " : "", r->port.lo);
    }
    if (sc != NULL && sc->present && sc->ttl >= 0 && r->ttl >= 0 && sc->ttl != r->ttl) {
        g_string_append_printf(sdp, "%sttl %d", sdp->len ? ", " : "", sc->ttl);
        g_string_append_printf(rep, "%sttl %d", rep->len ? ", " : "", r->ttl);
    }
    if (sdp->len > 0) {
        facts f;
        facts_init(&f);
        fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
        fact(&f, "sdp", "%s", sdp->str);
        fact(&f, "reply", "%s", rep->str);
        fact(&f, "frame", "%u", t->setup_reply_frame);
        ma_verdict *v = emit(x, MA_V_SDP_SETUP_DISAGREE, NULL, &f);
        ma_verdict_add_frame(v, x->s->describe_reply_frame);
        ma_verdict_add_frame(v, t->setup_reply_frame);
    }
    g_string_free(sdp, TRUE);
    g_string_free(rep, TRUE);
}

static void rule_before_capture(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_flow *fl = t->rtp_flow;
    if (!x->s->outside_capture || fl == NULL)
        return;
    facts f;
    facts_init(&f);
    fact_addr(&f, "source", &fl->src);
    fact_addr(&f, "group", &t->group);
    fact(&f, "port", "%d", t->rtp_port);
    fact(&f, "frame", "%u", fl->first_frame);
    ma_verdict *v = emit(x, MA_V_NEGOTIATION_BEFORE_CAPTURE, fl, &f);
    ma_verdict_add_frame(v, fl->first_frame);
}

static void rule_session_timeout(rule_ctx *x)
{
    const ma_session *s = x->s;
    if (s->outside_capture || !play_ok(s))
        return;
    double timeout = s->timeout_s > 0 ? s->timeout_s : x->c->th.default_session_timeout_s;
    gint64 end = stop_ns(x);
    gint64 prev_ns = s->play_reply_ns, best = 0;
    uint32_t prev_frame = s->play_reply_frame, from = 0, to = 0;
    /* gaps between consecutive requests from the PLAY reply on, then to the end */
    for (guint i = 0; i <= s->request_ns->len; i++) {
        gboolean tail = i == s->request_ns->len;
        gint64 ns = tail ? end : g_array_index(s->request_ns, gint64, i);
        uint32_t fr = tail ? 0 : g_array_index(s->request_frames, uint32_t, i);
        if (ns <= prev_ns || ns > end)
            continue; /* before PLAY reply, or after TEARDOWN */
        if (ns - prev_ns > best) {
            best = ns - prev_ns;
            from = prev_frame;
            to = fr;
        }
        prev_ns = ns;
        prev_frame = fr;
    }
    if (secs(best) <= timeout)
        return;
    facts f;
    facts_init(&f);
    fact(&f, "session_id", "%s", s->session_id != NULL ? s->session_id : "?");
    fact(&f, "gap", "%.1f", secs(best));
    fact(&f, "from", "%u", from);
    if (to != 0)
        fact(&f, "to", "%u", to);
    else
        fact(&f, "to", "the end of the capture");
    fact(&f, "timeout", "%g", timeout);
    ma_verdict *v = emit(x, MA_V_SESSION_TIMEOUT, NULL, &f);
    ma_verdict_add_frame(v, from);
    ma_verdict_add_frame(v, to);
}

/* ---- membership ---- */

static void rule_nobody_joined(rule_ctx *x)
{
    if (first_event(x->t, FALSE, TRUE) != NULL)
        return;
    facts f;
    facts_init(&f);
    fact_addr(&f, "group", &x->t->group);
    fact(&f, "frame", "%u", x->t->setup_reply_frame);
    ma_verdict *v = emit(x, MA_V_NOBODY_JOINED, NULL, &f);
    ma_verdict_add_frame(v, x->t->setup_reply_frame);
}

static const char *who_name(ma_host_role r)
{
    switch (r) {
    case MA_HOST_SERVER: return "camera";
    case MA_HOST_UNSPECIFIED: return "unspecified sender";
    default: return "other host";
    }
}

static void rule_client_never_joined(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_membership_event *ev = first_event(t, FALSE, TRUE);
    if (ev == NULL || first_event(t, TRUE, TRUE) != NULL)
        return;
    facts f;
    facts_init(&f);
    fact(&f, "who", "%s", who_name(ma_correlator_event_role(x->s, t, ev)));
    fact_addr(&f, "host", &ev->host);
    fact_addr(&f, "group", &t->group);
    fact(&f, "frame", "%u", ev->frame);
    fact_addr(&f, "client", &x->s->client);
    ma_verdict *v = emit(x, MA_V_CLIENT_NEVER_JOINED, NULL, &f);
    ma_verdict_add_frame(v, ev->frame);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}

static gboolean group_of_session(const ma_session *s, const ma_addr *g)
{
    for (guint i = 0; i < s->tracks->len; i++) {
        const ma_track *t = g_ptr_array_index(s->tracks, i);
        if (t->multicast && ma_addr_equal(&t->group, g))
            return TRUE;
    }
    return FALSE;
}

static void rule_join_other_group(rule_ctx *x)
{
    const ma_track *t = x->t;
    if (first_event(t, TRUE, TRUE) != NULL)
        return;
    const GArray *all = x->c->memb_events;
    for (guint i = 0; i < all->len; i++) {
        const ma_membership_event *ev = &g_array_index(all, ma_membership_event, i);
        if (ev->kind != MA_CHANGE_JOIN || ev->ts_ns < t->setup_reply_ns ||
            ma_correlator_event_role(x->s, t, ev) != MA_HOST_CLIENT ||
            group_of_session(x->s, &ev->group))
            continue;
        facts f;
        facts_init(&f);
        fact_addr(&f, "client", &x->s->client);
        fact_addr(&f, "other", &ev->group);
        fact(&f, "frame", "%u", ev->frame);
        fact_addr(&f, "group", &t->group);
        ma_verdict *v = emit(x, MA_V_JOIN_OTHER_GROUP, NULL, &f);
        ma_verdict_add_frame(v, ev->frame);
        ma_verdict_add_frame(v, t->setup_reply_frame);
        return;
    }
}

static gboolean sources_contain(const ma_membership_event *ev, const ma_addr *a)
{
    for (guint i = 0; i < ev->n_sources; i++)
        if (ma_addr_equal(&ev->sources[i], a))
            return TRUE;
    return FALSE;
}

static void rule_ssm_mismatch(rule_ctx *x)
{
    const ma_track *t = x->t;
    char detail[256];
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if (ev->kind == MA_CHANGE_LEAVE || !is_client(t, ev))
            continue;
        char a[MA_ADDR_STRLEN], b[MA_ADDR_STRLEN];
        if (ev->include_mode && ev->n_sources > 0) {
            gboolean ok = sources_contain(ev, &t->source) ||
                          (t->rtp_flow != NULL && sources_contain(ev, &t->rtp_flow->src));
            if (ok)
                continue;
            g_snprintf(detail, sizeof detail,
                       "includes only %u source(s) starting with %s, not the media source %s",
                       ev->n_sources, ma_addr_to_str(&ev->sources[0], a),
                       ma_addr_to_str(t->rtp_flow != NULL ? &t->rtp_flow->src : &t->source, b));
        } else if (!ev->include_mode && ma_addr_is_ssm(&t->group)) {
            g_snprintf(detail, sizeof detail,
                       "is any-source (EXCLUDE {}) but %s is a source-specific (SSM) group",
                       ma_addr_to_str(&t->group, a));
        } else {
            continue;
        }
        facts f;
        facts_init(&f);
        fact_addr(&f, "client", &x->s->client);
        fact_addr(&f, "group", &t->group);
        fact(&f, "frame", "%u", ev->frame);
        fact(&f, "detail", "%s", detail);
        ma_verdict *v = emit(x, MA_V_SSM_SOURCE_MISMATCH, NULL, &f);
        ma_verdict_add_frame(v, ev->frame);
        return;
    }
}

static void rule_leave_before_teardown(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_session *s = x->s;
    if (!play_ok(s))
        return;
    for (guint i = 0; i < t->memberships->len; i++) {
        const ma_membership_event *ev = &g_array_index(t->memberships, ma_membership_event, i);
        if (ev->kind != MA_CHANGE_LEAVE || !is_client(t, ev) || ev->ts_ns <= s->play_reply_ns)
            continue;
        if (s->teardown_frame != 0 && ev->ts_ns >= s->teardown_ns)
            return;
        facts f;
        facts_init(&f);
        fact_addr(&f, "client", &s->client);
        fact_addr(&f, "group", &t->group);
        fact(&f, "frame", "%u", ev->frame);
        if (s->teardown_frame != 0)
            fact(&f, "teardown", ", before TEARDOWN (frame %u)", s->teardown_frame);
        else
            fact(&f, "teardown", "%s", "; no TEARDOWN followed");
        ma_verdict *v = emit(x, MA_V_LEAVE_BEFORE_TEARDOWN, NULL, &f);
        ma_verdict_add_frame(v, ev->frame);
        ma_verdict_add_frame(v, s->teardown_frame);
        return;
    }
}

static void rule_no_querier(rule_ctx *x)
{
    const ma_membership_event *ev = first_event(x->t, FALSE, TRUE);
    if (x->c->queriers->len > 0 || ev == NULL)
        return;
    double covered = secs(x->end_ns - ev->ts_ns);
    if (covered < MA_QUERY_WINDOW_S)
        return; /* too short to tell whether a querier exists */
    facts f;
    facts_init(&f);
    fact(&f, "covered", "%.0f", covered);
    fact_addr(&f, "group", &x->t->group);
    fact(&f, "frame", "%u", ev->frame);
    fact(&f, "gmi", "%g", x->c->th.membership_interval_s);
    ma_verdict *v = emit(x, MA_V_NO_QUERIER, NULL, &f);
    ma_verdict_add_frame(v, ev->frame);
}

static void rule_membership_expired(rule_ctx *x)
{
    const ma_membership_event *rep = expired_after(x);
    if (rep == NULL)
        return;
    const ma_flow *fl = x->t->rtp_flow;
    facts f;
    facts_init(&f);
    fact_addr(&f, "group", &x->t->group);
    fact(&f, "frame", "%u", fl->last_frame);
    fact(&f, "after", "%.1f", secs(fl->last_ns - rep->ts_ns));
    fact(&f, "report_frame", "%u", rep->frame);
    ma_verdict *v = emit(x, MA_V_MEMBERSHIP_EXPIRED, fl, &f);
    ma_verdict_add_frame(v, rep->frame);
    ma_verdict_add_frame(v, fl->last_frame);
}

static void rule_mixed_versions(rule_ctx *x)
{
    gboolean multicast = FALSE;
    for (guint i = 0; i < x->s->tracks->len; i++)
        multicast |= ((const ma_track *)g_ptr_array_index(x->s->tracks, i))->multicast;
    if (!multicast || x->s->outside_capture)
        return;
    for (int p = 0; p < 2; p++) {
        guint mask = x->c->versions[p];
        if ((mask & (mask - 1)) == 0)
            continue; /* zero or one version */
        GString *vers = g_string_new(NULL), *frames = g_string_new(NULL);
        for (int v = 1; v <= 3; v++) {
            if ((mask & (1u << (unsigned)v)) == 0)
                continue;
            g_string_append_printf(vers, "%s%d", vers->len ? ", " : "", v);
            g_string_append_printf(frames, "%s%u", frames->len ? ", " : "", x->c->version_frame[p][v]);
        }
        facts f;
        facts_init(&f);
        fact(&f, "proto", "%s", p == 1 ? "MLD" : "IGMP");
        fact(&f, "versions", "%s", vers->str);
        fact(&f, "frames", "%s", frames->str);
        ma_verdict *v = emit(x, MA_V_MIXED_VERSIONS, NULL, &f);
        for (int k = 1; k <= 3; k++)
            if ((mask & (1u << (unsigned)k)) != 0)
                ma_verdict_add_frame(v, x->c->version_frame[p][k]);
        g_string_free(vers, TRUE);
        g_string_free(frames, TRUE);
    }
}

static void rule_late_join(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_membership_event *ev = first_event(t, TRUE, TRUE);
    if (ev == NULL)
        return;
    gboolean play = play_ok(x->s);
    gint64 ref = play ? x->s->play_reply_ns : t->setup_reply_ns;
    uint32_t ref_frame = play ? x->s->play_reply_frame : t->setup_reply_frame;
    double ms = ma_corr_ms(ref, ev->ts_ns);
    if (ms <= x->c->th.max_join_latency_ms)
        return;
    facts f;
    facts_init(&f);
    fact_addr(&f, "client", &x->s->client);
    fact_addr(&f, "group", &t->group);
    fact(&f, "frame", "%u", ev->frame);
    fact(&f, "latency", "%.0f", ms);
    fact(&f, "after", "%s reply (frame %u)", play ? "PLAY" : "SETUP", ref_frame);
    fact(&f, "limit", "%g", x->c->th.max_join_latency_ms);
    ma_verdict *v = emit(x, MA_V_LATE_JOIN, NULL, &f);
    ma_verdict_add_frame(v, ref_frame);
    ma_verdict_add_frame(v, ev->frame);
}

/* ---- media ---- */

static void fact_dest(facts *f, const ma_track *t, gboolean rtcp)
{
    int port = rtcp ? t->rtcp_port : t->rtp_port;
    if (t->interleaved)
        fact(f, "dest", "interleaved channel %d", rtcp ? t->channel_rtcp : t->channel_rtp);
    else
        fact_addr_port(f, "dest", t->multicast ? &t->group : &t->session->client, port);
}

static void rule_no_media(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_session *s = x->s;
    if (!(play_ok(s) || s->play_reply_frame == 0))
        return;
    /* never asked to play and torn down: the client gave up, nothing was due */
    if (s->play_request_frame == 0 && s->teardown_frame != 0)
        return;
    if (t->interleaved ? t->interleaved_frames > 0 : t->rtp_flow != NULL)
        return;
    /* media went elsewhere: MA302/MA303 name where, "no media" would mislead */
    for (guint i = 0; i < t->flows->len; i++)
        if (((const ma_flow *)g_ptr_array_index(t->flows, i))->track == NULL)
            return;
    facts f;
    facts_init(&f);
    fact_dest(&f, t, FALSE);
    fact(&f, "frame", "%u", t->setup_reply_frame);
    ma_verdict *v = emit(x, MA_V_NO_MEDIA, NULL, &f);
    ma_verdict_add_frame(v, t->setup_reply_frame);
    ma_verdict_add_frame(v, s->play_reply_frame);
}

/* A flow that is the track's group on another port, from the camera. */
static gboolean is_wrong_port(const ma_track *t, const ma_flow *f)
{
    return f->track == NULL && from_camera(t, &f->src) && ma_addr_equal(&f->dst, &t->group) &&
           f->dport != t->rtp_port && f->dport != t->rtcp_port;
}

static void rule_wrong_port(rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->rtp_flow != NULL)
        return;
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (!is_wrong_port(t, fl))
            continue;
        facts f;
        facts_init(&f);
        fact_addr(&f, "source", &fl->src);
        fact_addr(&f, "group", &t->group);
        fact(&f, "port", "%u", fl->dport);
        fact(&f, "frame", "%u", fl->first_frame);
        fact(&f, "expected_port", "%d", t->rtp_port);
        ma_verdict *v = emit(x, MA_V_MEDIA_WRONG_PORT, fl, &f);
        ma_verdict_add_frame(v, t->setup_reply_frame);
        ma_verdict_add_frame(v, fl->first_frame);
        return;
    }
}

static void rule_wrong_group(rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->rtp_flow != NULL)
        return;
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (fl->track != NULL || ma_addr_equal(&fl->dst, &t->group))
            continue;
        facts f;
        facts_init(&f);
        fact_addr(&f, "source", &fl->src);
        fact_addr_port(&f, "other", &fl->dst, fl->dport);
        fact(&f, "frame", "%u", fl->first_frame);
        fact_addr(&f, "group", &t->group);
        ma_verdict *v = emit(x, MA_V_MEDIA_WRONG_GROUP, fl, &f);
        ma_verdict_add_frame(v, t->setup_reply_frame);
        ma_verdict_add_frame(v, fl->first_frame);
        return;
    }
}

static void rule_ttl_below(rule_ctx *x)
{
    const ma_corr_flow *fl = rtp_flow(x->t);
    if (fl == NULL || x->t->ttl < 0 || fl->pub.ttl_min < 0 || fl->pub.ttl_min >= x->t->ttl)
        return;
    facts f;
    facts_init(&f);
    fact_addr(&f, "group", &x->t->group);
    fact(&f, "ttl_min", "%d", fl->pub.ttl_min);
    fact(&f, "frame", "%u", fl->ttl_min_frame);
    fact(&f, "ttl", "%d", x->t->ttl);
    fact(&f, "note", "%s", fl->pub.ttl_min == 1 ? ": TTL 1 cannot cross a router" : "");
    ma_verdict *v = emit(x, MA_V_TTL_BELOW_NEGOTIATED, &fl->pub, &f);
    ma_verdict_add_frame(v, x->t->setup_reply_frame);
    ma_verdict_add_frame(v, fl->ttl_min_frame);
}

static void rule_ttl_one(rule_ctx *x)
{
    const ma_corr_flow *fl = rtp_flow(x->t);
    if (fl == NULL || fl->pub.ttl_min != 1)
        return;
    facts f;
    facts_init(&f);
    fact_addr(&f, "group", &x->t->group);
    fact(&f, "frame", "%u", fl->ttl_min_frame);
    ma_verdict *v = emit(x, MA_V_TTL_ONE, &fl->pub, &f);
    ma_verdict_add_frame(v, fl->ttl_min_frame);
}

static void rule_late_first_packet(rule_ctx *x)
{
    const ma_track *t = x->t;
    if (!play_ok(x->s) || t->first_media_frame == 0)
        return;
    double ms = ma_corr_ms(x->s->play_reply_ns, t->first_media_ns);
    if (ms <= x->c->th.max_first_packet_ms)
        return;
    facts f;
    facts_init(&f);
    fact(&f, "frame", "%u", t->first_media_frame);
    fact(&f, "delay", "%.0f", ms);
    fact(&f, "play_frame", "%u", x->s->play_reply_frame);
    fact(&f, "limit", "%g", x->c->th.max_first_packet_ms);
    ma_verdict *v = emit(x, MA_V_LATE_FIRST_PACKET, t->rtp_flow, &f);
    ma_verdict_add_frame(v, x->s->play_reply_frame);
    ma_verdict_add_frame(v, t->first_media_frame);
}

static void fact_flow(facts *f, const ma_flow *fl)
{
    fact(f, "flow", "%u", fl->id);
    fact_addr_port(f, "src", &fl->src, fl->sport);
    fact_addr_port(f, "dst", &fl->dst, fl->dport);
}

static ma_verdict *emit_flow(rule_ctx *x, ma_verdict_id id, const ma_flow *fl, facts *f)
{
    fact_flow(f, fl);
    ma_verdict *v = emit(x, id, fl, f);
    ma_verdict_add_frame(v, fl->first_frame);
    ma_verdict_add_frame(v, fl->last_frame);
    return v;
}

static void rule_loss(rule_ctx *x)
{
    ma_rtp_summary sum;
    if (!ma_track_rtp_summary(x->t, &sum) || sum.expected == 0 || sum.lost <= 0)
        return;
    double pct = (double)sum.lost * 100.0 / (double)sum.expected;
    if (pct <= x->c->th.max_loss_pct)
        return;
    facts f;
    facts_init(&f);
    fact(&f, "lost", "%" G_GINT64_FORMAT, sum.lost);
    fact(&f, "expected", "%" G_GUINT64_FORMAT, sum.expected);
    fact(&f, "pct", "%.2f", pct);
    fact(&f, "limit", "%g", x->c->th.max_loss_pct);
    emit_flow(x, MA_V_LOSS, x->t->rtp_flow, &f);
}

static void rule_jitter(rule_ctx *x)
{
    ma_rtp_summary sum;
    if (!ma_track_rtp_summary(x->t, &sum) || sum.clock_rate == 0 || !sum.jitter_known ||
        sum.jitter_max_ms <= x->c->th.max_jitter_ms)
        return;
    facts f;
    facts_init(&f);
    fact(&f, "jitter", "%.1f", sum.jitter_max_ms);
    fact(&f, "limit", "%g", x->c->th.max_jitter_ms);
    emit_flow(x, MA_V_JITTER, x->t->rtp_flow, &f);
}

static void rule_media_after_leave(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_membership_event *leave = last_event(t, TRUE, FALSE);
    const ma_membership_event *join = last_event(t, TRUE, TRUE);
    const ma_flow *fl = t->rtp_flow;
    if (leave == NULL || fl == NULL || (join != NULL && join->ts_ns > leave->ts_ns))
        return;
    double after = secs(fl->last_ns - leave->ts_ns);
    if (after <= MA_LEAVE_GRACE_S)
        return;
    facts f;
    facts_init(&f);
    fact_addr(&f, "group", &t->group);
    fact(&f, "after", "%.1f", after);
    fact_addr(&f, "client", &x->s->client);
    fact(&f, "frame", "%u", leave->frame);
    ma_verdict *v = emit(x, MA_V_MEDIA_AFTER_LEAVE, fl, &f);
    ma_verdict_add_frame(v, leave->frame);
    ma_verdict_add_frame(v, fl->last_frame);
}

static void rule_no_rtcp(rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_corr_flow *rf = rtp_flow(t);
    if (rf == NULL || rf->rtp_ok == 0 || rf->pub.rtcp_packets > 0)
        return; /* RTCP muxed on the RTP port (RFC 5761) counts */
    for (guint i = 0; i < t->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(t->flows, i);
        if (fl->is_rtcp && fl->rtcp_packets > 0 &&
            (from_camera(t, &fl->src) || ma_addr_equal(&fl->src, &rf->pub.src)))
            return;
    }
    facts f;
    facts_init(&f);
    fact_addr(&f, "source", &rf->pub.src);
    fact_dest(&f, t, TRUE);
    ma_verdict *v = emit(x, MA_V_NO_RTCP, &rf->pub, &f);
    ma_verdict_add_frame(v, rf->pub.first_frame);
}

static void rule_reorder_dup(rule_ctx *x)
{
    ma_rtp_summary sum;
    if (!ma_track_rtp_summary(x->t, &sum) || (sum.reordered == 0 && sum.duplicates == 0))
        return;
    facts f;
    facts_init(&f);
    fact(&f, "reordered", "%" G_GUINT64_FORMAT, sum.reordered);
    fact(&f, "duplicates", "%" G_GUINT64_FORMAT, sum.duplicates);
    emit_flow(x, MA_V_REORDER_DUP, x->t->rtp_flow, &f);
}

static void rule_media_stopped(rule_ctx *x)
{
    const ma_flow *fl = x->t->rtp_flow;
    if (fl == NULL || fl->stats == NULL || expired_after(x) != NULL)
        return;
    gint64 stop = stop_ns(x);
    if (secs(stop - fl->last_ns) <= MA_STOP_MARGIN_S)
        return;
    facts f;
    facts_init(&f);
    fact_addr_port(&f, "dest", &fl->dst, fl->dport);
    fact(&f, "frame", "%u", fl->last_frame);
    fact(&f, "before", "%.1f", secs(stop - fl->last_ns));
    if (x->s->teardown_frame != 0)
        fact(&f, "end", "TEARDOWN (frame %u)", x->s->teardown_frame);
    else
        fact(&f, "end", "%s", "end of the capture");
    ma_verdict *v = emit(x, MA_V_MEDIA_STOPPED, fl, &f);
    ma_verdict_add_frame(v, fl->last_frame);
    ma_verdict_add_frame(v, x->s->teardown_frame);
}

static void rule_unexpected_group(rule_ctx *x)
{
    const ma_thresholds *th = &x->c->th;
    const ma_track *t = x->t;
    if (!th->expect_group_set || !ma_addr_is_set(&t->group))
        return;
    gboolean port_bad = th->expect_port >= 0 && t->rtp_port != th->expect_port;
    if (ma_addr_equal(&t->group, &th->expect_group) && !port_bad)
        return;
    facts f;
    facts_init(&f);
    fact_addr_port(&f, "actual", &t->group, t->rtp_port);
    if (th->expect_port >= 0)
        fact_addr_port(&f, "expected", &th->expect_group, th->expect_port);
    else
        fact_addr(&f, "expected", &th->expect_group);
    ma_verdict *v = emit(x, MA_V_UNEXPECTED_GROUP, NULL, &f);
    ma_verdict_add_frame(v, t->setup_reply_frame);
    if (t->rtp_flow != NULL)
        ma_verdict_add_frame(v, t->rtp_flow->first_frame);
}

/* ---- the table ---- */

typedef enum {
    ON_SESSION,     /* once per session */
    ON_SETUP,       /* every track with a SETUP reply */
    ON_NEGOTIATED,  /* tracks set up with 2xx, RTSP seen */
    ON_MCAST,       /* multicast tracks set up with 2xx, RTSP seen */
    ON_OUTSIDE,     /* tracks of sessions negotiated before the capture */
    ON_MEDIA,       /* every track with a known place for media (incl. outside) */
    ON_MCAST_MEDIA, /* multicast tracks incl. outside ones */
} rule_scope;

static const struct {
    ma_verdict_id id;
    rule_scope scope;
    void (*fn)(rule_ctx *x);
} rules[] = {
    {MA_V_SETUP_FAILED, ON_SETUP, rule_setup_failed},
    {MA_V_ANSWERED_UNICAST, ON_NEGOTIATED, rule_answered_unicast},
    {MA_V_ANSWERED_INTERLEAVED, ON_NEGOTIATED, rule_answered_interleaved},
    {MA_V_SDP_SETUP_DISAGREE, ON_MCAST, rule_sdp_disagree},
    {MA_V_NEGOTIATION_BEFORE_CAPTURE, ON_OUTSIDE, rule_before_capture},
    {MA_V_SESSION_TIMEOUT, ON_SESSION, rule_session_timeout},
    {MA_V_NOBODY_JOINED, ON_MCAST, rule_nobody_joined},
    {MA_V_CLIENT_NEVER_JOINED, ON_MCAST, rule_client_never_joined},
    {MA_V_JOIN_OTHER_GROUP, ON_MCAST, rule_join_other_group},
    {MA_V_SSM_SOURCE_MISMATCH, ON_MCAST, rule_ssm_mismatch},
    {MA_V_LEAVE_BEFORE_TEARDOWN, ON_MCAST, rule_leave_before_teardown},
    {MA_V_NO_QUERIER, ON_MCAST, rule_no_querier},
    {MA_V_MEMBERSHIP_EXPIRED, ON_MCAST, rule_membership_expired},
    {MA_V_MIXED_VERSIONS, ON_SESSION, rule_mixed_versions},
    {MA_V_LATE_JOIN, ON_MCAST, rule_late_join},
    {MA_V_NO_MEDIA, ON_NEGOTIATED, rule_no_media},
    {MA_V_MEDIA_WRONG_PORT, ON_MCAST, rule_wrong_port},
    {MA_V_MEDIA_WRONG_GROUP, ON_MCAST, rule_wrong_group},
    {MA_V_TTL_BELOW_NEGOTIATED, ON_MCAST_MEDIA, rule_ttl_below},
    {MA_V_TTL_ONE, ON_MCAST_MEDIA, rule_ttl_one},
    {MA_V_LATE_FIRST_PACKET, ON_NEGOTIATED, rule_late_first_packet},
    {MA_V_LOSS, ON_MEDIA, rule_loss},
    {MA_V_JITTER, ON_MEDIA, rule_jitter},
    {MA_V_MEDIA_AFTER_LEAVE, ON_MCAST, rule_media_after_leave},
    {MA_V_NO_RTCP, ON_MEDIA, rule_no_rtcp},
    {MA_V_REORDER_DUP, ON_MEDIA, rule_reorder_dup},
    {MA_V_MEDIA_STOPPED, ON_MEDIA, rule_media_stopped},
    {MA_V_UNEXPECTED_GROUP, ON_MCAST_MEDIA, rule_unexpected_group},
};

static gboolean in_scope(rule_scope scope, const ma_session *s, const ma_track *t)
{
    gboolean ok = ma_corr_is_2xx(t->setup_status) && !s->outside_capture;
    switch (scope) {
    case ON_SETUP: return t->setup_reply_frame != 0 && !s->outside_capture;
    case ON_NEGOTIATED: return ok;
    case ON_MCAST: return ok && t->multicast && ma_addr_is_set(&t->group);
    case ON_OUTSIDE: return s->outside_capture;
    case ON_MEDIA: return ok || s->outside_capture;
    case ON_MCAST_MEDIA: return (ok || s->outside_capture) && t->multicast;
    default: return FALSE;
    }
}

static void judge_session(ma_correlator *c, gint64 end_ns, ma_session *s)
{
    rule_ctx x = {c, end_ns, s, NULL};
    for (gsize r = 0; r < G_N_ELEMENTS(rules); r++) {
        if (rules[r].scope == ON_SESSION) {
            x.t = NULL;
            rules[r].fn(&x);
            continue;
        }
        for (guint i = 0; i < s->tracks->len; i++) {
            x.t = g_ptr_array_index(s->tracks, i);
            if (in_scope(rules[r].scope, s, x.t))
                rules[r].fn(&x);
        }
    }
}

/* ---- before judging: strays and streams negotiated before the capture ---- */

static gboolean group_of_any_track(const ma_correlator *c, const ma_addr *g)
{
    for (guint i = 0; i < c->sessions->len; i++)
        if (group_of_session(g_ptr_array_index(c->sessions, i), g))
            return TRUE;
    return FALSE;
}

/* Unbound flows that a silent track's MA302/MA303 explains become its strays. */
static void collect_strays(ma_correlator *c, ma_track *t)
{
    if (t->rtp_flow != NULL || !t->multicast || !ma_corr_is_2xx(t->setup_status))
        return;
    gboolean to_group = FALSE;
    for (guint pass = 0; pass < 2; pass++) {
        for (guint i = 0; i < c->flows->len; i++) {
            ma_corr_flow *f = g_ptr_array_index(c->flows, i);
            const ma_flow *p = &f->pub;
            if (p->track != NULL || !ma_addr_is_multicast(&p->dst) || !from_camera(t, &p->src))
                continue;
            gboolean stray = pass == 0 ? is_wrong_port(t, p)
                                       : !to_group && !ma_addr_equal(&p->dst, &t->group) &&
                                             !group_of_any_track(c, &p->dst);
            if (!stray)
                continue;
            to_group |= pass == 0;
            f->explained = TRUE;
            g_ptr_array_add(t->flows, f);
        }
    }
}

static gboolean looks_like_rtp(const ma_corr_flow *f)
{
    return f->pub.track == NULL && !f->explained && f->pub.stats != NULL &&
           ma_addr_is_multicast(&f->pub.dst) && f->rtp_ok >= MA_RTP_MIN_SEQUENTIAL &&
           f->rtp_ok > f->pub.rtp_errors + f->rtcp_like;
}

static ma_track *outside_track_for(ma_correlator *c, const ma_corr_flow *f)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        if (!s->outside_capture)
            continue;
        ma_track *t = g_ptr_array_index(s->tracks, 0);
        if (ma_addr_equal(&t->group, &f->pub.dst) && t->rtp_port == f->pub.dport)
            return t;
    }
    ma_session *s = ma_corr_session_new(c, NULL, 0, &f->pub.src, 0, f->pub.first_frame);
    if (s == NULL)
        return NULL;
    s->outside_capture = TRUE;
    ma_track *t = ma_corr_track_new(s);
    t->multicast = TRUE;
    t->group = f->pub.dst;
    t->rtp_port = f->pub.dport;
    t->rtcp_port = f->pub.dport + 1;
    t->source = f->pub.src;
    t->payload_type = f->pub.payload_type;
    t->encoding = g_strdup(ma_rtp_static_encoding(t->payload_type));
    t->clock_rate = ma_rtp_static_clock_rate(t->payload_type);
    return t;
}

static void synthesize_outside(ma_correlator *c)
{
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        if (!looks_like_rtp(f))
            continue;
        ma_track *t = outside_track_for(c, f);
        if (t != NULL)
            ma_corr_flow_bind(f, t, FALSE);
    }
    /* their RTCP: group:port+1, not otherwise bound */
    for (guint i = 0; i < c->flows->len; i++) {
        ma_corr_flow *f = g_ptr_array_index(c->flows, i);
        if (f->pub.track != NULL || f->explained || !ma_addr_is_multicast(&f->pub.dst))
            continue;
        for (guint j = 0; j < c->sessions->len; j++) {
            ma_session *s = g_ptr_array_index(c->sessions, j);
            ma_track *t = s->outside_capture ? g_ptr_array_index(s->tracks, 0) : NULL;
            if (t != NULL && ma_addr_equal(&t->group, &f->pub.dst) && t->rtcp_port == f->pub.dport) {
                ma_corr_flow_bind(f, t, TRUE);
                break;
            }
        }
    }
}

static void judge_limits(ma_correlator *c)
{
    rule_ctx x = {c, c->end_ns, NULL, NULL};
    for (int tb = 0; tb < MA_CORR_TABLE_COUNT; tb++) {
        if (c->limit_frame[tb] == 0)
            continue;
        facts f;
        facts_init(&f);
        fact(&f, "table", "%s", ma_corr_table_name((ma_corr_table)tb));
        fact(&f, "limit", "%u", ma_corr_table_limit(c, (ma_corr_table)tb));
        fact(&f, "frame", "%u", c->limit_frame[tb]);
        ma_verdict *v = emit(&x, MA_V_LIMIT_REACHED, NULL, &f);
        ma_verdict_add_frame(v, c->limit_frame[tb]);
    }
}

void ma_corr_judge(ma_correlator *c, gint64 end_ns)
{
    guint rtsp_sessions = c->sessions->len;
    for (guint i = 0; i < rtsp_sessions; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++)
            collect_strays(c, g_ptr_array_index(s->tracks, j));
    }
    synthesize_outside(c);
    for (guint i = 0; i < c->sessions->len; i++)
        judge_session(c, end_ns, g_ptr_array_index(c->sessions, i));
    judge_limits(c);
    g_ptr_array_sort(c->verdicts, ma_verdict_compare);
    for (guint i = 0; i < c->sessions->len; i++) {
        ma_session *s = g_ptr_array_index(c->sessions, i);
        g_ptr_array_sort(s->verdicts, ma_verdict_compare);
    }
}
