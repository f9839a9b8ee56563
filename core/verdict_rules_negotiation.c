/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_negotiation.c - MA1xx: what RTSP SETUP/PLAY and the SDP
 * negotiated, and whether the session was kept alive. */
#include "verdict_rules_internal.h"

#include "rtsp.h"
#include "sdp.h"
#include "transport.h"

static char *describe_spec(const ma_transport_spec *s)
{
    return s != NULL ? ma_transport_spec_describe(s) : g_strdup("(no Transport)");
}

/* ---- negotiation ---- */

void ma_rule_setup_failed(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->setup_status == 0 || ma_corr_is_2xx(t->setup_status))
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
    ma_fact(&f, "status", "%d", t->setup_status);
    ma_fact(&f, "reason", "%s", ma_rtsp_reason_phrase(t->setup_status));
    ma_fact(&f, "frame", "%u", t->setup_reply_frame);
    ma_fact(&f, "note", "%s", t->setup_status == 461 ? ": server does not offer this transport" : "");
    ma_verdict *v = ma_rule_emit(x, MA_V_SETUP_FAILED, NULL, &f);
    ma_verdict_add_frame(v, t->setup_request_frame);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}

static gboolean asked_multicast(const ma_track *t)
{
    return t->requested != NULL && t->requested->cast == MA_CAST_MULTICAST &&
           ma_corr_is_2xx(t->setup_status) && t->reply != NULL;
}

static void emit_answer(ma_rule_ctx *x, ma_verdict_id id)
{
    const ma_track *t = x->t;
    ma_facts f;
    ma_facts_init(&f);
    char *req = describe_spec(t->requested), *rep = describe_spec(t->reply);
    ma_fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
    ma_fact(&f, "requested", "%s", req);
    ma_fact(&f, "reply", "%s", rep);
    ma_fact(&f, "frame", "%u", t->setup_reply_frame);
    g_free(req);
    g_free(rep);
    ma_verdict *v = ma_rule_emit(x, id, NULL, &f);
    ma_verdict_add_frame(v, t->setup_request_frame);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}

void ma_rule_answered_unicast(ma_rule_ctx *x)
{
    if (asked_multicast(x->t) && !x->t->multicast && !x->t->interleaved)
        emit_answer(x, MA_V_ANSWERED_UNICAST);
}

void ma_rule_answered_interleaved(ma_rule_ctx *x)
{
    if (asked_multicast(x->t) && x->t->interleaved)
        emit_answer(x, MA_V_ANSWERED_INTERLEAVED);
}

void ma_rule_sdp_setup_disagree(ma_rule_ctx *x)
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
        ma_facts f;
        ma_facts_init(&f);
        ma_fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
        ma_fact(&f, "sdp", "%s", sdp->str);
        ma_fact(&f, "reply", "%s", rep->str);
        ma_fact(&f, "frame", "%u", t->setup_reply_frame);
        ma_verdict *v = ma_rule_emit(x, MA_V_SDP_SETUP_DISAGREE, NULL, &f);
        ma_verdict_add_frame(v, x->s->describe_reply_frame);
        ma_verdict_add_frame(v, t->setup_reply_frame);
    }
    g_string_free(sdp, TRUE);
    g_string_free(rep, TRUE);
}

void ma_rule_negotiation_before_capture(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    const ma_flow *fl = t->rtp_flow;
    if (!x->s->outside_capture || x->s->static_multicast || fl == NULL)
        return; /* static multicast was never negotiated */
    ma_facts f;
    ma_facts_init(&f);
    ma_fact_addr(&f, "source", &fl->src);
    ma_fact_addr(&f, "group", &t->group);
    ma_fact(&f, "port", "%d", t->rtp_port);
    ma_fact(&f, "frame", "%u", fl->first_frame);
    ma_verdict *v = ma_rule_emit(x, MA_V_NEGOTIATION_BEFORE_CAPTURE, fl, &f);
    ma_verdict_add_frame(v, fl->first_frame);
    ma_verdict_add_frame(v, x->s->rtsp_evidence_frame); /* the RTSP naming a session */
}

void ma_rule_session_timeout(ma_rule_ctx *x)
{
    const ma_session *s = x->s;
    if (s->outside_capture || !ma_rule_play_ok(s))
        return;
    double timeout = s->timeout_s > 0 ? s->timeout_s : x->c->th.default_session_timeout_s;
    gint64 end = ma_rule_stop_ns(x);
    gint64 prev_ns = s->play_reply_ns, best = 0;
    uint32_t prev_frame = s->play_reply_frame, from = 0, to = 0;
    if (s->requests_trimmed_ns > prev_ns) { /* a probe forgot older requests */
        prev_ns = s->requests_trimmed_ns;
        prev_frame = s->requests_trimmed_frame;
    }
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
    if (ma_rule_secs(best) <= timeout)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "session_id", "%s", s->session_id != NULL ? s->session_id : "?");
    ma_fact(&f, "gap", "%.1f", ma_rule_secs(best));
    ma_fact(&f, "from", "%u", from);
    if (to != 0)
        ma_fact(&f, "to", "%u", to);
    else
        ma_fact(&f, "to", "the end of the capture");
    ma_fact(&f, "timeout", "%g", timeout);
    /* The camera's 454 to the next request proves it dropped the session. */
    const ma_rtsp_error_reply *proof = NULL;
    for (guint i = 0; i < s->error_replies->len && proof == NULL; i++) {
        const ma_rtsp_error_reply *er = &g_array_index(s->error_replies, ma_rtsp_error_reply, i);
        if (er->status == 454 && er->request_frame >= from)
            proof = er;
    }
    if (proof != NULL)
        ma_fact(&f, "proof",
                "; the camera answered %s (frame %u) with 454 %s "
                "(frame %u): it had dropped the session",
                proof->method, proof->request_frame, ma_rtsp_reason_phrase(454),
                proof->reply_frame);
    else
        ma_fact(&f, "proof", "%s", "");
    ma_verdict *v = ma_rule_emit(x, MA_V_SESSION_TIMEOUT, NULL, &f);
    ma_verdict_add_frame(v, from);
    ma_verdict_add_frame(v, to);
    if (proof != NULL)
        ma_verdict_add_frame(v, proof->reply_frame);
}

/* MA108: one per error answer, except to SETUP (MA101 says it). */
void ma_rule_rtsp_error_reply(ma_rule_ctx *x)
{
    const ma_session *s = x->s;
    for (guint i = 0; i < s->error_replies->len; i++) {
        const ma_rtsp_error_reply *er = &g_array_index(s->error_replies, ma_rtsp_error_reply, i);
        if (g_ascii_strcasecmp(er->method, "SETUP") == 0)
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact(&f, "method", "%s", er->method);
        ma_fact(&f, "request", "%u", er->request_frame);
        ma_fact(&f, "session_id", "%s", s->session_id != NULL ? s->session_id : "?");
        ma_fact(&f, "status", "%d", er->status);
        ma_fact(&f, "reason", "%s", ma_rtsp_reason_phrase(er->status));
        ma_fact(&f, "frame", "%u", er->reply_frame);
        ma_fact(&f, "meaning", "%s",
                er->status == 454   ? ": the camera no longer knows the session"
                : er->status >= 500 ? ": a fault in the camera"
                                    : "");
        ma_verdict *v = ma_rule_emit(x, MA_V_RTSP_ERROR_REPLY, NULL, &f);
        ma_verdict_add_frame(v, er->request_frame);
        ma_verdict_add_frame(v, er->reply_frame);
    }
}

/* MA120: the reply accepted the SETUP but its Transport says nothing usable. */
void ma_rule_transport_malformed(ma_rule_ctx *x)
{
    const ma_track *t = x->t;
    if (t->transport_error == NULL || x->s->outside_capture)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "url", "%s", t->url != NULL ? t->url : "?");
    ma_fact(&f, "frame", "%u", t->setup_reply_frame);
    if (t->transport_text == NULL)
        ma_fact(&f, "problem", "has no Transport header");
    else
        ma_fact(&f, "problem", "has a Transport header that does not parse (%s) in \"%s\"",
                t->transport_error, t->transport_text);
    ma_verdict *v = ma_rule_emit(x, MA_V_TRANSPORT_MALFORMED, NULL, &f);
    ma_verdict_add_frame(v, t->setup_reply_frame);
}
