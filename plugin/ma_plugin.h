/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ma_plugin.h - shared declarations of the Wireshark plugin's files.
 *
 * The plugin is a front end of the core like the CLI: it hands each frame's
 * bytes to the core's frame decoder (feed.c), keeps the core's
 * answer per frame (state.c), and renders it (tree.c, stats.c).  It holds no
 * protocol knowledge of its own. */
#ifndef MA_PLUGIN_H
#define MA_PLUGIN_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "correlator.h"
#include "ma_version.h"
#include "result.h"

/* ---- registration (proto.c) ---- */
extern int proto_mcast_audit;
extern int ma_tap_id;

typedef struct {
    int session, url, session_id, client, client6, server, server6, outside_capture;
    int track, track_url, multicast, group, group6, port, rtcp_port, ttl, source, source6,
        transport_error;
    int encoding, clock_rate;
    int role, flow, flow_role, flow_sender;
    int clock_rate_flow, clock_rate_inferred, clock_rate_source;
    int rr_reports, rr_fraction_lost, rr_cumulative_lost, rr_jitter;
    int setup_frame, play_frame, join_frame, any_join_frame, first_media_frame, teardown_frame;
    int join_latency, since_play;
    int packets, lost, jitter;
    int ts_packets, ts_cc_errors, ts_cc_lost;
    int fec_direction, fec_media_flow, fec_packets, fec_lost, fec_snbase, fec_offset, fec_na;
    int verdict, verdict_name, severity, message, explanation, fix, session_verdicts, result, error;
    int judgement, judged_frame;
    /* the group-centric audit (tree_group.c): mcast_audit.group.* */
    int g_group, g_group6, g_static, g_members, g_first_join_frame, g_first_media_frame,
        g_last_media_frame, g_verdicts, g_member, g_member6, g_member_join_frame,
        g_member_leave_frame, g_member_zap, g_member_zap_frame, g_member_at_end;
} ma_hf_ids;
extern ma_hf_ids ma_hf;

extern int ett_ma, ett_ma_session, ett_ma_track, ett_ma_flow, ett_ma_verdict, ett_ma_group,
    ett_ma_member;
extern expert_field ma_ei_verdict[MA_V__COUNT];
extern expert_field ma_ei_malformed;
extern expert_field ma_ei_event[MA_DE__COUNT]; /* one per decode event kind */

void proto_register_mcast_audit(void);
void proto_reg_handoff_mcast_audit(void);

/* ---- preferences (prefs.c) ---- */
void ma_prefs_register(int proto);
/* The thresholds the preferences say, defaults where a value is invalid. */
void ma_prefs_thresholds(ma_thresholds *out);
/* The sdp_files preference: each file's streams described in c (no RTSP). */
void ma_prefs_describe(ma_correlator *c);

/* ---- per-frame answer of the core, built in the first pass (feed.c, frames.c) ---- */
#define MA_PFRAME_MAX_INFOS 4

typedef struct {
    guint n_infos;                       /* events of this frame the core placed */
    /* .flow is NULL: the core may forget an unbound flow for a track's (a
     * full table), so the frame keeps its flow's id instead */
    ma_frame_info infos[MA_PFRAME_MAX_INFOS];
    guint flow_ids[MA_PFRAME_MAX_INFOS]; /* 0: none */
    char *error;                         /* why a message did not parse (file scope) */
} ma_pframe;

/* A frame's capture time in nanoseconds, as the core is fed it (feed.c)
 * and as the per-frame answers recompute from it (frames.c). */
#define MA_NS_PER_S G_GINT64_CONSTANT(1000000000)
static inline gint64 ma_pinfo_ts_ns(const packet_info *pinfo)
{
    return (gint64)pinfo->abs_ts.secs * MA_NS_PER_S + pinfo->abs_ts.nsecs;
}

/* The per-frame answers, kept compactly for the file's life (frames.c):
 * put once per frame in the first pass, in frame order; get fills out and
 * says whether the frame has one.  ts_ns: the frame's ma_pinfo_ts_ns. */
void ma_frames_clear(void);
void ma_frames_put(guint32 frame, gint64 ts_ns, const ma_pframe *pf);
gboolean ma_frames_get(guint32 frame, gint64 ts_ns, ma_pframe *out);
/* Events held in compact records, and frames kept whole (for the tests). */
typedef struct {
    guint records, whole;
} ma_frames_count;
ma_frames_count ma_frames_usage(void);

void ma_state_init(void);
void ma_state_cleanup(void);
ma_correlator *ma_state_correlator(void);
/* Every frame of the first pass passes its number and time here: the
 * capture's end so far. */
void ma_state_note_frame(guint32 num, gint64 ts_ns);
/* The postseq routine: Wireshark's first pass over the capture is over. */
void ma_state_sequence_done(void);
/* TRUE once the whole capture has been read: the judgement can be final. */
gboolean ma_state_sequence_complete(void);
/* Judge the whole capture once; TRUE when verdicts are available. */
gboolean ma_state_finish(void);
gboolean ma_state_finished(void);
/* While frames still come: judge as if the capture ended at the last frame
 * (the probe's judgement, correlator_live.h), again when frames came since
 * and a second of capture time has passed.  Ignored once finished. */
void ma_state_judge_provisional(void);
gboolean ma_state_judged(void);      /* finally or provisionally */
guint32 ma_state_judged_frame(void); /* the provisional judgement's last frame; 0 when final */
/* Verdicts (ma_verdict*) that frame proves, or NULL; only once judged, and
 * (provisional) valid until the next judgement. */
const GPtrArray *ma_state_frame_verdicts(guint32 frame);
/* Worst verdict severity of a session (or track when track >= 0), -1 none. */
int ma_state_worst(const ma_session *s, int track);
/* "MA202,MA310" for a session (track >= 0: that track), "" if none (wmem scope). */
char *ma_state_codes(wmem_allocator_t *scope, const ma_session *s, int track);
const char *ma_state_result_name(int worst_severity);

/* ---- first pass: the frame's bytes -> the core's frame decoder (feed.c) ---- */
/* A new decoder for a new dissection (the init routine), and its end. */
void ma_feed_init(void);
void ma_feed_cleanup(void);
/* Decode the frame (tvb: the whole frame) and fill out with the core's
 * answers; FALSE when the frame holds nothing the core placed and no error. */
gboolean ma_feed_frame(tvbuff_t *tvb, packet_info *pinfo, ma_pframe *out);
/* The first pass is over: held TCP data and unfinished fragments resolved. */
void ma_feed_end(void);
/* The decoder's decode events so far, added to c's table (before a judgement). */
void ma_feed_events_to_correlator(ma_correlator *c);

/* ---- decode the negotiated ports as RTP/RTCP (rtp_conversations.c) ---- */
void ma_rtp_conv_setup(packet_info *pinfo, const ma_track *t);
/* A flow no track claims, once the core's probation validated it as RTP
 * (and knows a dynamic payload type's clock rate): decoded as RTP from its
 * first frame.  Every UDP frame's flow in the first pass. */
void ma_rtp_conv_flow(packet_info *pinfo, const ma_flow *f);
void ma_rtp_conv_register(void); /* its per-file state */

/* ---- rendering (tree.c, stats.c) ---- */
void ma_tree_add(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const ma_pframe *pf,
                 const GPtrArray *verdicts);
/* Generated items (tree.c), shared by tree_group.c: the item marked
 * generated; a string (nothing when empty); an address as hf4 (IPv4) or
 * hf6 (IPv6); a time in ms as a relative time; a frame link (nothing for 0). */
proto_item *ma_gen(proto_item *pi);
void ma_add_str(proto_tree *t, int hf, tvbuff_t *tvb, const char *s);
void ma_add_addr(proto_tree *t, int hf4, int hf6, tvbuff_t *tvb, const ma_addr *a);
void ma_add_latency(proto_tree *t, int hf, tvbuff_t *tvb, double ms);
void ma_add_frame(proto_tree *t, int hf, tvbuff_t *tvb, uint32_t frame);
/* The "Group" subtrees of a frame (tree_group.c): the groups of the
 * group-centric audit its IGMP/MLD message is about (with the sending
 * member) or its media flow goes to.  Only once judged. */
void ma_tree_groups(proto_tree *mt, packet_info *pinfo, tvbuff_t *tvb, const ma_pframe *pf);
/* The groups of the group-centric audit a frame is about (frame_groups.c):
 * fn is called for each, with the member that sent its IGMP/MLD report or
 * leave (NULL for a query or media).  Only once judged. */
typedef void (*ma_frame_group_fn)(const ma_group *g, const ma_addr *member, gpointer user);
void ma_frame_groups(const packet_info *pinfo, const ma_pframe *pf, ma_frame_group_fn fn,
                     gpointer user);
/* TRUE when a frame the core placed nothing on is still about a group: an
 * IGMP/MLD repeat folded into its run.  Only once judged. */
gboolean ma_frame_groups_unplaced(const packet_info *pinfo);
void ma_stats_register(void);       /* -z mcast_audit: text table (stats.c) */
void ma_stats_table_register(void); /* -z mcast_audit,table: GUI table (stats_table.c) */
/* The group rows under the text table's result (stats_groups.c): nothing
 * when every group had an RTSP session.  After ma_state_finish. */
void ma_stats_print_groups(void);

/* One row of the statistics (stats_rows.c): an RTP flow of a track, a track
 * without RTP or a session without tracks (session rows); a group of the
 * group-centric audit (group rows); a media flow tied to no session (flow
 * rows).  Text cells, "-" when unknown (no RTP; no clock rate, hence no
 * jitter) or not a figure of that kind of row, so that every rendering
 * prints the same words. */
typedef struct {
    guint session; /* 0: a group or flow row */
    char client[MA_ADDR_STRLEN], server[MA_ADDR_STRLEN];
    char group_port[96]; /* the flow's destination:port, the track's group:port, the group */
    char packets[24], lost[24], duplicates[24], reordered[24];
    char jitter_max_ms[32]; /* "%.3f" */
    char ts[64];            /* MPEG-TS "packets/cc_errors/cc_lost", "-" none */
    char fec[96];           /* FEC "col:packets/lost,row:packets/lost", "-" none */
    const char *codes;      /* "MA202,MA310", "-" if none */
    const char *result;     /* PASS, WARN or FAIL */
    /* the row's flow (session and flow rows): id, RTP or MPEG-TS/UDP, source
     * address:port, datagrams, expected packets (RTP) */
    char flow[16], kind[16], source[96], datagrams[24], expected[24];
    /* group rows: static multicast (yes/no), members, joins, leaves, the
     * first join's frame and its zap time in ms, the first media frame */
    char is_static[8], members[16], joins[16], leaves[16], first_join[16], zap_ms[32],
        first_media[16];
} ma_stats_row;

/* Called per row; the row (and its codes) is valid only during the call. */
typedef void (*ma_stats_row_fn)(const ma_stats_row *row, gpointer user);
/* Every row of session s in table order (judged state: call after finish). */
void ma_stats_session_rows(const ma_session *s, ma_stats_row_fn fn, gpointer user);

/* The figure cells (packets ... jitter, MPEG-TS, FEC) of a flow tied to
 * no session, formatted as a track's (stats_rows.c). */
void ma_stats_flow_cells(ma_stats_row *r, const ma_flow *f);
/* The rows of media flows tied to no session (unsignalled RTP, MPEG-TS over
 * UDP) under the text table's result (stats_flows.c); after ma_state_finish. */
void ma_stats_print_flows(void);
/* Media the CLI lists under "Flows tied to no session" with figures: not
 * an FEC stream (shown with its media), not unrelated UDP, not RTCP. */
gboolean ma_stats_flow_is_unbound_media(const ma_flow *f);
/* The row of such a flow, and the row of a group of the group-centric
 * audit (judged state: after finish). */
void ma_stats_flow_row(const ma_flow *f, ma_stats_row_fn fn, gpointer user);
void ma_stats_group_row(const ma_group *g, ma_stats_row_fn fn, gpointer user);

#endif
