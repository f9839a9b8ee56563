/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules.c - end of capture: bind what is left, make sessions for
 * streams negotiated before the capture (correlator_leftovers.c), then judge
 * every session and track against the verdict catalogue (verdicts.c: what
 * each code means; the README's verdict table).  One function per rule
 * (verdict_rules_negotiation.c, _membership.c, _media.c), listed here in one
 * table with the kind of track it applies to. */
#include "verdict_rules_internal.h"

/* ---- the table ---- */

typedef enum {
    ON_SESSION,     /* once per session */
    ON_SETUP,       /* every track with a SETUP reply */
    ON_NEGOTIATED,  /* tracks set up with 2xx, RTSP seen */
    ON_MCAST,       /* multicast tracks set up with 2xx, RTSP seen */
    ON_OUTSIDE,     /* tracks of sessions negotiated before the capture */
    ON_MEDIA,       /* every track with a known place for media (incl. outside) */
    ON_MCAST_MEDIA, /* multicast tracks incl. outside ones */
    ON_CAPTURE,     /* once per capture, after every session (MA9xx) */
    ON_GROUP,       /* once per group of the group-centric audit (ma_group) */
    ON_DESCRIBED,   /* tracks an SDP file or SAP describes (no RTSP) */
} rule_scope;

/* One row per catalogue entry, in catalogue order: the static assertion
 * below fails the build when a verdict has no row (a verdict nothing can
 * emit), and the unit test checks row i is verdict i. */
static const struct {
    ma_verdict_id id;
    rule_scope scope;
    void (*fn)(ma_rule_ctx *x);
} rules[] = {
    {MA_V_SETUP_FAILED, ON_SETUP, ma_rule_setup_failed},
    {MA_V_ANSWERED_UNICAST, ON_NEGOTIATED, ma_rule_answered_unicast},
    {MA_V_ANSWERED_INTERLEAVED, ON_NEGOTIATED, ma_rule_answered_interleaved},
    {MA_V_SDP_SETUP_DISAGREE, ON_MCAST, ma_rule_sdp_setup_disagree},
    {MA_V_NEGOTIATION_BEFORE_CAPTURE, ON_OUTSIDE, ma_rule_negotiation_before_capture},
    {MA_V_SESSION_TIMEOUT, ON_SESSION, ma_rule_session_timeout},
    {MA_V_NO_SESSION_PLAYED, ON_CAPTURE, ma_rule_no_session_played},
    {MA_V_RTSP_ERROR_REPLY, ON_SESSION, ma_rule_rtsp_error_reply},
    {MA_V_TRANSPORT_MALFORMED, ON_SETUP, ma_rule_transport_malformed},
    {MA_V_SAP_INTERVAL_LONG, ON_DESCRIBED, ma_rule_sap_interval_long},
    {MA_V_NOBODY_JOINED, ON_MCAST, ma_rule_nobody_joined},
    {MA_V_CLIENT_NEVER_JOINED, ON_MCAST, ma_rule_client_never_joined},
    {MA_V_JOIN_OTHER_GROUP, ON_MCAST, ma_rule_join_other_group},
    {MA_V_SSM_SOURCE_MISMATCH, ON_MCAST, ma_rule_ssm_source_mismatch},
    {MA_V_LEAVE_BEFORE_TEARDOWN, ON_MCAST, ma_rule_leave_before_teardown},
    {MA_V_NO_QUERIER, ON_MCAST, ma_rule_no_querier},
    {MA_V_MEMBERSHIP_EXPIRED, ON_MCAST, ma_rule_membership_expired},
    {MA_V_MIXED_VERSIONS, ON_SESSION, ma_rule_mixed_versions},
    {MA_V_LATE_JOIN, ON_MCAST, ma_rule_late_join},
    {MA_V_GROUP_NOBODY_JOINED, ON_GROUP, ma_rule_group_nobody_joined},
    {MA_V_GROUP_MEDIA_AFTER_LEAVE, ON_GROUP, ma_rule_group_media_after_leave},
    {MA_V_GROUP_LEAVE_WHILE_MEDIA, ON_GROUP, ma_rule_group_leave_while_media},
    {MA_V_GROUP_MEMBERSHIP_EXPIRED, ON_GROUP, ma_rule_group_membership_expired},
    {MA_V_GROUP_SSM_WITHOUT_SENDER, ON_GROUP, ma_rule_group_ssm_without_sender},
    {MA_V_DESCRIBED_JOIN_WITHOUT_SENDER, ON_DESCRIBED, ma_rule_described_join_without_sender},
    {MA_V_NO_MEDIA, ON_NEGOTIATED, ma_rule_no_media},
    {MA_V_MEDIA_WRONG_PORT, ON_MCAST, ma_rule_media_wrong_port},
    {MA_V_MEDIA_WRONG_GROUP, ON_MCAST, ma_rule_media_wrong_group},
    {MA_V_TTL_BELOW_NEGOTIATED, ON_MCAST_MEDIA, ma_rule_ttl_below_negotiated},
    {MA_V_TTL_ONE, ON_MCAST_MEDIA, ma_rule_ttl_one},
    {MA_V_LATE_FIRST_PACKET, ON_NEGOTIATED, ma_rule_late_first_packet},
    {MA_V_LOSS, ON_MEDIA, ma_rule_loss},
    {MA_V_JITTER, ON_MEDIA, ma_rule_jitter},
    {MA_V_MEDIA_AFTER_LEAVE, ON_MCAST, ma_rule_media_after_leave},
    {MA_V_NO_RTCP, ON_MEDIA, ma_rule_no_rtcp},
    {MA_V_REORDER_DUP, ON_MEDIA, ma_rule_reorder_duplicate},
    {MA_V_MEDIA_STOPPED, ON_MEDIA, ma_rule_media_stopped},
    {MA_V_UNEXPECTED_GROUP, ON_MCAST_MEDIA, ma_rule_unexpected_group},
    {MA_V_TS_SYNC_LOSS, ON_CAPTURE, ma_rule_ts_sync_loss},
    {MA_V_TS_CC_ERROR, ON_CAPTURE, ma_rule_ts_cc_error},
    {MA_V_TS_PAT_ERROR, ON_CAPTURE, ma_rule_ts_pat_error},
    {MA_V_TS_PMT_ERROR, ON_CAPTURE, ma_rule_ts_pmt_error},
    {MA_V_TTL_ONE_LOCAL, ON_MCAST_MEDIA, ma_rule_ttl_one_local},
    {MA_V_SSRC_CHANGED, ON_MEDIA, ma_rule_ssrc_changed},
    {MA_V_SLOW_ZAP, ON_GROUP, ma_rule_slow_zap},
    {MA_V_DESCRIBED_NO_MEDIA, ON_DESCRIBED, ma_rule_described_no_media},
    {MA_V_DESCRIBED_PT_UNMAPPED, ON_DESCRIBED, ma_rule_described_payload_unmapped},
    {MA_V_DESCRIBED_SOURCE_MISMATCH, ON_DESCRIBED, ma_rule_described_source_mismatch},
    {MA_V_SAP_MEDIA_AFTER_DELETION, ON_DESCRIBED, ma_rule_sap_media_after_deletion},
    {MA_V_LIMIT_REACHED, ON_CAPTURE, ma_rule_limit_reached},
    {MA_V_DECODE_DEGRADED, ON_CAPTURE, ma_rule_decode_degraded},
    {MA_V_NOTHING_TO_AUDIT, ON_CAPTURE, ma_rule_nothing_to_audit},
    {MA_V_CAPTURE_TRUNCATED, ON_CAPTURE, ma_rule_capture_truncated},
    {MA_V_EXPECTED_GROUP_ABSENT, ON_CAPTURE, ma_rule_expected_group_absent},
};
G_STATIC_ASSERT(G_N_ELEMENTS(rules) == MA_V__COUNT);

static gboolean in_scope(rule_scope scope, const ma_session *s, const ma_track *t)
{
    /* a track whose reply's Transport did not parse expects nothing: only MA120 judges it */
    gboolean ok =
        ma_corr_is_2xx(t->setup_status) && !s->outside_capture && t->transport_error == NULL;
    /* a described track has no RTSP to judge, but its media is judged as
     * any negotiated stream's (loss, jitter, TTL against the c= /ttl...) */
    gboolean described = ma_session_described(s);
    switch (scope) {
    case ON_SETUP: return t->setup_reply_frame != 0 && !s->outside_capture;
    case ON_NEGOTIATED: return ok;
    case ON_MCAST: return ok && t->multicast && ma_addr_is_set(&t->group);
    case ON_OUTSIDE: return s->outside_capture;
    case ON_MEDIA: return ok || s->outside_capture || described;
    case ON_MCAST_MEDIA: return (ok || s->outside_capture || described) && t->multicast;
    case ON_DESCRIBED: return described;
    default: return FALSE;
    }
}

static void judge_session(const ma_correlator *c, gint64 end_ns, const ma_session *s,
                          ma_verdict_sink *sink)
{
    ma_rule_ctx x = {c, end_ns, s, NULL, sink, NULL, NULL};
    for (gsize r = 0; r < G_N_ELEMENTS(rules); r++) {
        if (rules[r].scope == ON_CAPTURE || rules[r].scope == ON_GROUP)
            continue;
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

/* MA901: one verdict per table that filled up, not tied to a session. */
void ma_rule_limit_reached(ma_rule_ctx *x)
{
    for (int tb = 0; tb < MA_CORR_TABLE_COUNT; tb++) {
        if (x->c->limit_frame[tb] == 0)
            continue;
        ma_facts f;
        ma_facts_init(&f);
        ma_fact(&f, "table", "%s", ma_corr_table_name((ma_corr_table)tb));
        ma_fact(&f, "limit", "%u", ma_corr_table_limit(x->c, (ma_corr_table)tb));
        ma_fact(&f, "frame", "%u", x->c->limit_frame[tb]);
        ma_verdict *v = ma_rule_emit(x, MA_V_LIMIT_REACHED, NULL, &f);
        ma_verdict_add_frame(v, x->c->limit_frame[tb]);
    }
}

ma_verdict_id ma_rule_table_id(gsize row)
{
    return row < G_N_ELEMENTS(rules) ? rules[row].id : MA_V__COUNT;
}

void ma_judge(const ma_correlator *c, ma_verdict_sink *sink)
{
    ma_judge_at(c, c->end_ns, sink);
}

/* A group's rules, then the session rules that hold without a SETUP
 * (MA206); its media is judged with its outside-capture sessions.  Its
 * verdicts are tied to the group, not to a session. */
static void judge_group(const ma_correlator *c, gint64 end_ns, const ma_group *g,
                        ma_verdict_sink *sink)
{
    ma_rule_ctx x = {c, end_ns, NULL, NULL, sink, g, NULL};
    for (gsize r = 0; r < G_N_ELEMENTS(rules); r++)
        if (rules[r].scope == ON_GROUP)
            rules[r].fn(&x);
    ma_rule_group_no_querier(&x);
}

/* The session rules that hold for unicast RTP no SETUP negotiated (a replay,
 * a SIP call's media) once it passed the RTP validation: what the stream
 * delivered - loss (MA307), jitter (MA308), reordering and duplicates
 * (MA311), an SSRC change (MA341).  Not the rules about what a SETUP
 * promised: RTCP (MA310: whether the sender should send it is negotiated),
 * media that stopped before the session ended (MA312: there is no session
 * to end), the first packet's delay after PLAY (MA306), TTL against the
 * negotiated one (MA304).  Multicast RTP has its own outside-capture
 * session (correlator_leftovers.c) and is judged there. */
static void (*const unsignalled_rules[])(ma_rule_ctx *x) = {
    ma_rule_loss,
    ma_rule_jitter,
    ma_rule_reorder_duplicate,
    ma_rule_ssrc_changed,
};

static gboolean unsignalled_rtp(const ma_flow *f)
{
    return f->track == NULL && f->is_rtp && !f->is_rtcp && f->stats != NULL && !f->unrelated &&
           f->fec == NULL && !f->interleaved && !ma_addr_is_multicast(&f->dst);
}

static void judge_unsignalled(const ma_correlator *c, gint64 end_ns, const ma_flow *f,
                              ma_verdict_sink *sink)
{
    if (!unsignalled_rtp(f))
        return;
    ma_rule_ctx x = {c, end_ns, NULL, NULL, sink, NULL, f};
    for (gsize r = 0; r < G_N_ELEMENTS(unsignalled_rules); r++)
        unsignalled_rules[r](&x);
}

void ma_judge_at(const ma_correlator *c, gint64 end_ns, ma_verdict_sink *sink)
{
    for (guint i = 0; i < c->sessions->len; i++)
        judge_session(c, end_ns, g_ptr_array_index(c->sessions, i), sink);
    for (guint i = 0; i < c->groups->len; i++)
        judge_group(c, end_ns, g_ptr_array_index(c->groups, i), sink);
    for (guint i = 0; i < c->flows->len; i++)
        judge_unsignalled(c, end_ns, g_ptr_array_index(c->flows, i), sink);
    ma_rule_ctx x = {c, end_ns, NULL, NULL, sink, NULL, NULL};
    ma_rule_mixed_versions_capture(&x);
    for (gsize r = 0; r < G_N_ELEMENTS(rules); r++)
        if (rules[r].scope == ON_CAPTURE)
            rules[r].fn(&x);
}
