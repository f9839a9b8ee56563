/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_capture.c - the rules about the capture as a whole, so that
 * a CI gate cannot pass by accident: nothing to audit (MA920), a capture
 * cut short (MA921), an expected group that never appears (MA922), and
 * --require-session with no successful PLAY (MA107).  Not tied to a
 * session: session id 0. */
#include "verdict_rules_internal.h"

static const char *input_name(const ma_correlator *c)
{
    return c->input_name != NULL ? c->input_name : "the capture";
}

static gboolean has_media_flow(const ma_correlator *c)
{
    for (guint i = 0; i < c->flows->len; i++) {
        const ma_flow *f = g_ptr_array_index(c->flows, i);
        /* network control (mDNS, SSDP, ...) proves nothing about a stream;
         * validated unicast RTP (a call's media without its SIP) does */
        if ((ma_addr_is_multicast(&f->dst) || f->is_rtp || f->ts_raw) && !f->unrelated)
            return TRUE;
    }
    return FALSE;
}

/* MA920: no RTSP session (sessions negotiated before the capture count:
 * they come from multicast RTP), no multicast flow and no validated RTP flow, only network control
 * traffic (mDNS, SSDP, ...: the flows marked unrelated). */
void ma_rule_nothing_to_audit(ma_rule_ctx *x)
{
    const ma_correlator *c = x->c;
    /* a probe that retired what went idle did have something to audit */
    if (c->sessions->len > 0 || has_media_flow(c) || c->retired > 0)
        return;
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "input", "%s", input_name(c));
    if (c->input_told) /* the plugin does not tell: Wireshark counts frames itself */
        ma_fact(&f, "read", " (%" G_GUINT64_FORMAT " frame%s read)", c->input_frames,
                c->input_frames == 1 ? "" : "s");
    else
        ma_fact(&f, "read", "%s", "");
    ma_rule_emit(x, MA_V_NOTHING_TO_AUDIT, NULL, &f);
}

/* MA921: one per input the front end could not read to its end. */
void ma_rule_capture_truncated(ma_rule_ctx *x)
{
    for (guint i = 0; i < x->c->cuts->len; i++) {
        const ma_corr_cut *cut = &g_array_index(x->c->cuts, ma_corr_cut, i);
        ma_facts f;
        ma_facts_init(&f);
        ma_fact(&f, "input", "%s", cut->input);
        ma_fact(&f, "what", "%s", cut->unreadable ? "is unreadable" : "is truncated");
        ma_fact(&f, "frame", "%u", cut->after_frame);
        ma_verdict *v = ma_rule_emit(x, MA_V_CAPTURE_TRUNCATED, NULL, &f);
        ma_verdict_add_frame(v, cut->after_frame);
    }
}

static gboolean at_expected(const ma_thresholds *th, const ma_addr *a, int port)
{
    return ma_addr_equal(a, &th->expect_group) && (th->expect_port < 0 || port == th->expect_port);
}

/* The SETUP reply of the first track that negotiated the expected group, 0 if none. */
static uint32_t expected_setup_frame(const ma_correlator *c)
{
    for (guint i = 0; i < c->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(c->sessions, i);
        for (guint j = 0; j < s->tracks->len; j++) {
            const ma_track *t = g_ptr_array_index(s->tracks, j);
            if (t->multicast && at_expected(&c->th, &t->group, t->rtp_port))
                return t->setup_reply_frame;
        }
    }
    return 0;
}

/* MA922: --expect-group and no datagram went to that group (and port). */
void ma_rule_expected_group_absent(ma_rule_ctx *x)
{
    const ma_thresholds *th = &x->c->th;
    if (!th->expect_group_set)
        return;
    for (guint i = 0; i < x->c->flows->len; i++) {
        const ma_flow *fl = g_ptr_array_index(x->c->flows, i);
        if (at_expected(th, &fl->dst, fl->dport))
            return;
    }
    ma_facts f;
    ma_facts_init(&f);
    if (th->expect_port >= 0)
        ma_fact_addr_port(&f, "expected", &th->expect_group, th->expect_port);
    else
        ma_fact_addr(&f, "expected", &th->expect_group);
    uint32_t setup = expected_setup_frame(x->c);
    if (setup != 0)
        ma_fact(&f, "negotiated", " although a SETUP reply named it (frame %u)", setup);
    else
        ma_fact(&f, "negotiated", "%s", "; no SETUP reply named it either");
    ma_verdict *v = ma_rule_emit(x, MA_V_EXPECTED_GROUP_ABSENT, NULL, &f);
    ma_verdict_add_frame(v, setup);
}

/* MA107: --require-session and no session whose PLAY was answered 2xx.
 * The failed PLAY replies are the proof, and the message names the last. */
void ma_rule_no_session_played(ma_rule_ctx *x)
{
    const ma_correlator *c = x->c;
    if (!c->th.require_session)
        return;
    guint rtsp = 0;
    const ma_session *failed = NULL;
    for (guint i = 0; i < c->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(c->sessions, i);
        if (s->outside_capture)
            continue;
        rtsp++;
        if (ma_rule_play_ok(s))
            return;
        if (s->play_reply_frame != 0)
            failed = s;
    }
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "sessions", "%u", rtsp);
    ma_fact(&f, "plural", "%s", rtsp == 1 ? "" : "s");
    if (failed != NULL)
        ma_fact(&f, "detail", "; PLAY of session %u was answered %d (frame %u)", failed->id,
                failed->play_status, failed->play_reply_frame);
    else
        ma_fact(&f, "detail", "%s", rtsp > 0 ? "; none sent PLAY" : "");
    ma_verdict *v = ma_rule_emit(x, MA_V_NO_SESSION_PLAYED, NULL, &f);
    for (guint i = 0; i < c->sessions->len; i++) {
        const ma_session *s = g_ptr_array_index(c->sessions, i);
        if (!s->outside_capture)
            ma_verdict_add_frame(v, s->play_reply_frame);
    }
}

/* MA902: one verdict for the whole decode event table, citing the first
 * frame of each kind, so a capture with degradations never reads PASS. */
void ma_rule_decode_degraded(ma_rule_ctx *x)
{
    const ma_decode_events *t = &x->c->events;
    guint64 total = ma_decode_events_total(t);
    if (total == 0)
        return;
    GString *list = g_string_new(NULL);
    for (guint i = 0; i < MA_DE__COUNT; i++) {
        const ma_decode_event_tally *e = &t->e[i];
        if (e->count == 0)
            continue;
        g_string_append_printf(list, "%s%s %" G_GUINT64_FORMAT, list->len ? ", " : "",
                               ma_decode_event_def_get((ma_decode_event)i)->name, e->count);
        if (e->first_frame != 0)
            g_string_append_printf(list, " from frame %u", e->first_frame);
    }
    ma_facts f;
    ma_facts_init(&f);
    ma_fact(&f, "total", "%" G_GUINT64_FORMAT, total);
    ma_fact(&f, "plural", "%s", total == 1 ? "" : "s");
    ma_fact(&f, "events", "%s", list->str);
    g_string_free(list, TRUE);
    ma_verdict *v = ma_rule_emit(x, MA_V_DECODE_DEGRADED, NULL, &f);
    for (guint i = 0; i < MA_DE__COUNT; i++)
        ma_verdict_add_frame(v, t->e[i].first_frame);
}
