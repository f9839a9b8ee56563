/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdict_rules_internal.h - what the verdict rule files share (not API).
 * verdict_rules.c: the rule table and the driver; verdict_facts.c: message
 * facts and emitting; verdict_rules_negotiation.c (MA1xx),
 * verdict_rules_membership.c (MA2xx), verdict_rules_media.c (MA3xx): one
 * function per rule, named after its catalogue name (MA204
 * ssm-source-mismatch is ma_rule_ssm_source_mismatch).  The questions about
 * a track that binding asks too are the correlator's (correlator_track.c). */
#ifndef MA_VERDICT_RULES_INTERNAL_H
#define MA_VERDICT_RULES_INTERNAL_H

#include "correlator_internal.h"

#define MA_STOP_MARGIN_S 5.0      /* media "stopped" when silent this long */
/* RFC 3550 6.2: RTCP's minimum interval is 5 s, randomised to 0.5-1.5 times
 * that (6.3.1); three intervals are the least RTP must have lasted before
 * the absence of RTCP means anything (MA310). */
#define MA_RTCP_MIN_INTERVAL_S 5.0
#define MA_RTCP_INTERVALS_NEEDED 3
#define MA_LEAVE_GRACE_S 2.0 /* RFC 2236 last-member query: 2 x 1 s */

/* What a rule looks at: the whole capture, one session, one of its tracks,
 * all read only (binding is over when rules run), and where it writes. */
typedef struct {
    const ma_correlator *c;
    gint64 end_ns;
    const ma_session *s;      /* NULL for capture rules (MA9xx) */
    const ma_track *t;        /* NULL for session and capture rules */
    ma_verdict_sink *sink;
    const ma_group *g; /* group rules: the group (s, t: its first outside
                                 session and track, or NULL without media) */
    const ma_flow *flow; /* flows without a session (s, t NULL): the validated
                            RTP flow the media rules judge; else NULL */
} ma_rule_ctx;

/* ---- facts: key/value strings for a message template (verdict_facts.c) ---- */

typedef struct {
    GPtrArray *kv; /* char*, owned, key, value, ... */
} ma_facts;

void ma_facts_init(ma_facts *f);
void ma_fact(ma_facts *f, const char *key, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void ma_fact_addr(ma_facts *f, const char *key, const ma_addr *a);
/* "239.1.1.1:8860", "[ff3e::1]:5000" */
void ma_fact_addr_port(ma_facts *f, const char *key, const ma_addr *a, int port);
/* flow, src and dst of a flow's message: "3", "10.0.0.1:5004", "239.1.1.1:5004" */
void ma_fact_flow(ma_facts *f, const ma_flow *fl);
/* Make the verdict (its facts are consumed) for x's session and track and
 * put it in x's sink; flow may be NULL.  The caller adds the frames. */
ma_verdict *ma_rule_emit(const ma_rule_ctx *x, ma_verdict_id id, const ma_flow *flow, ma_facts *f);

/* ---- common questions about a track (verdict_rules.c) ---- */

static inline gboolean ma_rule_play_ok(const ma_session *s)
{
    return ma_corr_is_2xx(s->play_status);
}

static inline gint64 ma_rule_stop_ns(const ma_rule_ctx *x)
{
    return x->s->teardown_frame != 0 ? x->s->teardown_ns : x->end_ns;
}

static inline double ma_rule_secs(gint64 ns)
{
    return (double)ns / 1e9;
}

static inline const ma_corr_flow *ma_rule_rtp_flow(const ma_track *t)
{
    return (const ma_corr_flow *)t->rtp_flow;
}

/* The RTP flow a media rule judges: the track's main one, or the flow
 * without a session x was made for (NULL: none). */
static inline const ma_flow *ma_rule_media_flow(const ma_rule_ctx *x)
{
    return x->t != NULL ? x->t->rtp_flow : x->flow;
}

/* Its figures; FALSE when there is no such flow or it has no RTP. */
static inline gboolean ma_rule_media_summary(const ma_rule_ctx *x, ma_rtp_summary *out)
{
    const ma_flow *fl = ma_rule_media_flow(x);
    if (fl == NULL || fl->stats == NULL)
        return FALSE;
    ma_rtp_stats_summary(fl->stats, out);
    return TRUE;
}

/* ---- the rules, in catalogue order (verdict_rules_<family>.c) ---- */

void ma_rule_setup_failed(ma_rule_ctx *x);          /* MA101 */
void ma_rule_answered_unicast(ma_rule_ctx *x);      /* MA102 */
void ma_rule_answered_interleaved(ma_rule_ctx *x);  /* MA103 */
void ma_rule_sdp_setup_disagree(ma_rule_ctx *x);          /* MA104 */
void ma_rule_negotiation_before_capture(ma_rule_ctx *x);        /* MA105 */
void ma_rule_session_timeout(ma_rule_ctx *x);       /* MA106 */
void ma_rule_no_session_played(ma_rule_ctx *x);     /* MA107 (verdict_rules_capture.c) */
void ma_rule_rtsp_error_reply(ma_rule_ctx *x);      /* MA108 */
void ma_rule_transport_malformed(ma_rule_ctx *x);   /* MA120 */

void ma_rule_nobody_joined(ma_rule_ctx *x);         /* MA201 */
void ma_rule_client_never_joined(ma_rule_ctx *x);   /* MA202 */
void ma_rule_join_other_group(ma_rule_ctx *x);      /* MA203 */
void ma_rule_ssm_source_mismatch(ma_rule_ctx *x);          /* MA204 */
void ma_rule_leave_before_teardown(ma_rule_ctx *x); /* MA205 */
void ma_rule_no_querier(ma_rule_ctx *x);            /* MA206 */
void ma_rule_membership_expired(ma_rule_ctx *x);    /* MA207 */
/* MA207's condition, shared with MA312 which it replaces: the client's last
 * report when media stopped about one membership interval after it; *likely
 * when the capture ends with the media (so the stop itself is not seen). */
const ma_membership_event *ma_rule_membership_expired_report(const ma_rule_ctx *x,
                                                             gboolean *likely);
void ma_rule_mixed_versions(ma_rule_ctx *x);        /* MA208 */
void ma_rule_late_join(ma_rule_ctx *x);             /* MA209 */
/* Shared by MA207 and MA223: is after_s (last report to the media's stop)
 * one membership interval, give or take the tolerance? */
gboolean ma_rule_expiry_window(const ma_thresholds *th, double after_s);
/* Did any query reach the capture point after t? */
gboolean ma_rule_query_after(const ma_correlator *c, gint64 t);
/* MA206 for group, whose first join was frame at ns (a track's or a group's). */
void ma_rule_no_querier_after(ma_rule_ctx *x, const ma_addr *group, uint32_t frame, gint64 ns);
/* MA208 once for the capture, tied to no session: when no RTSP multicast
 * session judges it and the group-centric audit has groups. */
void ma_rule_mixed_versions_capture(ma_rule_ctx *x);

/* verdict_rules_group.c: once per group of the group-centric audit (x->g) */
void ma_rule_group_nobody_joined(ma_rule_ctx *x);      /* MA220 */
void ma_rule_group_media_after_leave(ma_rule_ctx *x);  /* MA221 */
void ma_rule_group_leave_while_media(ma_rule_ctx *x);  /* MA222 */
void ma_rule_group_membership_expired(ma_rule_ctx *x); /* MA223 */
/* MA223's condition (MA312 asks it for static multicast, as MA207's) */
const ma_group_member *ma_rule_group_expired_member(const ma_rule_ctx *x, gboolean *likely);
void ma_rule_group_ssm_without_sender(ma_rule_ctx *x); /* MA224 */
void ma_rule_slow_zap(ma_rule_ctx *x);                 /* MA360 */
void ma_rule_group_no_querier(ma_rule_ctx *x);         /* MA206 for a group */

/* verdict_rules_described.c: tracks an SDP file or SAP describes */
/* {described}: "the SDP file F", "the SAP announcement 10.0.0.1 msg id 0x1234" */
void ma_fact_described(ma_facts *f, const ma_session *s);
void ma_rule_described_join_without_sender(ma_rule_ctx *x); /* MA239 */
void ma_rule_described_no_media(ma_rule_ctx *x);            /* MA365 */
void ma_rule_described_payload_unmapped(ma_rule_ctx *x);    /* MA366 */
void ma_rule_described_source_mismatch(ma_rule_ctx *x);     /* MA368 */
/* verdict_rules_sap.c: tracks a SAP announcement describes */
void ma_rule_sap_interval_long(ma_rule_ctx *x);        /* MA149 */
void ma_rule_sap_media_after_deletion(ma_rule_ctx *x); /* MA369 */

void ma_rule_no_media(ma_rule_ctx *x);              /* MA301 */
void ma_rule_media_wrong_port(ma_rule_ctx *x);            /* MA302 */
void ma_rule_media_wrong_group(ma_rule_ctx *x);           /* MA303 */
void ma_rule_ttl_below_negotiated(ma_rule_ctx *x);             /* MA304 */
void ma_rule_ttl_one(ma_rule_ctx *x);               /* MA305 */
void ma_rule_late_first_packet(ma_rule_ctx *x);     /* MA306 */
void ma_rule_loss(ma_rule_ctx *x);                  /* MA307 */
void ma_rule_jitter(ma_rule_ctx *x);                /* MA308 */
void ma_rule_media_after_leave(ma_rule_ctx *x);     /* MA309 */
void ma_rule_no_rtcp(ma_rule_ctx *x);               /* MA310 */
void ma_rule_reorder_duplicate(ma_rule_ctx *x);           /* MA311 */
void ma_rule_media_stopped(ma_rule_ctx *x);         /* MA312 */
void ma_rule_unexpected_group(ma_rule_ctx *x);      /* MA313 */
/* verdict_rules_mpegts.c: once per capture over every flow that carries TS
 * (bound or not: raw UDP TS has no session), tied to the flow's track */
void ma_rule_ts_sync_loss(ma_rule_ctx *x);          /* MA314 */
void ma_rule_ts_cc_error(ma_rule_ctx *x);           /* MA315 */
void ma_rule_ts_pat_error(ma_rule_ctx *x);          /* MA316 */
void ma_rule_ts_pmt_error(ma_rule_ctx *x);          /* MA317 */
void ma_rule_ttl_one_local(ma_rule_ctx *x);         /* MA340 */
void ma_rule_ssrc_changed(ma_rule_ctx *x);          /* MA341 */

void ma_rule_limit_reached(ma_rule_ctx *x);         /* MA901 */
void ma_rule_decode_degraded(ma_rule_ctx *x);       /* MA902 */
/* verdict_rules_capture.c: once per capture, not tied to a session */
void ma_rule_nothing_to_audit(ma_rule_ctx *x);      /* MA920 */
void ma_rule_capture_truncated(ma_rule_ctx *x);     /* MA921 */
void ma_rule_expected_group_absent(ma_rule_ctx *x); /* MA922 */

/* The verdict of rule-table row `row` (MA_V__COUNT past the end): the unit
 * test checks row i judges verdict i. */
ma_verdict_id ma_rule_table_id(gsize row);

#endif
