/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator.h - from events to sessions, tracks, joins, flows and verdicts.
 *
 * session (RTSP client, server, URL, Session id)
 *   -> track (one SETUP: expected group, ports, ttl, source, ssrc; SDP media)
 *      -> flows to group:port (RTP) and port+1 (RTCP), with statistics
 *   joins/leaves of the track's group (by client, server/camera, other host)
 * plus: queriers seen, flows tied to no session, per-link IGMP/MLD versions.
 *
 * Incremental: each feed call says what the frame is (for the plugin's first
 * pass).  Final: ma_correlator_finish() judges and fills the verdict lists.
 * Every pointer returned stays valid until ma_correlator_free(). */
#ifndef MA_CORRELATOR_H
#define MA_CORRELATOR_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"
#include "decode_events.h"
#include "events.h"
#include "fec.h"
#include "flow_series.h"
#include "mpegts.h"
#include "rtp_stats.h"
#include "sdp.h"
#include "thresholds.h"
#include "transport.h"
#include "verdicts.h"

typedef enum {
    MA_ROLE_NONE = 0,
    MA_ROLE_DESCRIBE, /* DESCRIBE request or reply */
    MA_ROLE_SETUP_REQUEST,
    MA_ROLE_SETUP_REPLY,
    MA_ROLE_PLAY_REQUEST,
    MA_ROLE_PLAY_REPLY,
    MA_ROLE_KEEPALIVE, /* OPTIONS / GET_PARAMETER inside a session */
    MA_ROLE_TEARDOWN,  /* TEARDOWN request or reply */
    MA_ROLE_RTSP_OTHER,
    MA_ROLE_JOIN,
    MA_ROLE_LEAVE,
    MA_ROLE_MEMBERSHIP_REFRESH,
    MA_ROLE_QUERY,
    MA_ROLE_FIRST_MEDIA, /* first RTP packet of a track's flow */
    MA_ROLE_MEDIA,
    MA_ROLE_RTCP,
    MA_ROLE_UNBOUND_UDP, /* multicast UDP tied to no session */
    MA_ROLE_FEC,         /* an FEC packet of a media flow (fec.h) */
    MA_ROLE_SAP,         /* a SAP announcement or deletion (RFC 2974) */
} ma_frame_role;
const char *ma_frame_role_name(ma_frame_role r); /* "setup-reply", ... */

typedef enum {
    MA_HOST_CLIENT,   /* the RTSP client of the session */
    MA_HOST_SERVER,   /* the RTSP server (the camera) */
    MA_HOST_OTHER,    /* anybody else */
    MA_HOST_UNSPECIFIED, /* 0.0.0.0 / :: (a snooping switch or bridge) */
} ma_host_role;
const char *ma_host_role_name(ma_host_role r); /* "client", "camera", "other host", "unspecified" */

typedef struct {
    uint32_t frame;
    gint64 ts_ns;
    ma_addr host;
    ma_memb_proto proto;
    int version;
    ma_change_kind kind;      /* join, leave or refresh */
    int record_type;          /* 0 for v1/v2 */
    gboolean include_mode;
    guint n_sources;
    ma_addr *sources; /* the host's source list after the change */
    guint n_record_sources;
    ma_addr *record_sources; /* the sources the record carried (BLOCK, ALLOW, TO_IN ...) */
    ma_addr group;
    uint8_t host_mac[6];      /* sender's Ethernet address when known */
    gboolean host_mac_set;
    /* A refresh repeated unchanged (same host, group, record type and
     * sources) is folded into this one rather than stored again, so a flood
     * of refreshes never crowds out a join or leave: repeats counts the
     * folded ones, frame/ts_ns are the latest, repeat_first_frame this
     * event's own first frame (0 when nothing was folded). */
    guint repeats;
    uint32_t repeat_first_frame;
} ma_membership_event;

typedef struct {
    ma_addr addr;
    ma_memb_proto proto;
    int version;
    uint32_t first_frame, last_frame;
    gint64 first_ns, last_ns;
    guint count;
    double interval_s;        /* mean gap between general queries, 0 if one */
} ma_querier;

/* One IGMP/MLD message as it arrived, queries included: what the reports
 * list record by record (and a test compares with tshark's).  A message the
 * same in every field, record, source and checksum as the previous one from
 * the same sender to the same destination is folded into it (repeats, the
 * run's last frame and time), so a flood of identical refreshes is one
 * entry.  The list is bounded (a number of messages and of source
 * addresses, both scaled by the flow limit): what does not fit is counted
 * under the decode event membership.message_table_full. */
typedef struct {
    uint32_t frame; /* the run's first */
    gint64 ts_ns;
    uint32_t last_frame; /* the run's last: frame when nothing was folded */
    gint64 last_ns;
    guint repeats; /* identical messages folded in after the first */
    ma_addr src, dst;
    int ip_ttl; /* -1 unknown */
    gboolean router_alert;
    ma_memb_msg *msg; /* owned copy */
} ma_membership_message;

/* ---- the group-centric audit: multicast groups without an RTSP session ----
 *
 * Every multicast group that has members (IGMP/MLD reports) or listed
 * media but is the group of no RTSP track (static multicast: IPTV
 * head-ends, encoders, SMPTE 2110 senders) is audited on its own: who
 * joined and left when, with which version, mode and sources, the queriers,
 * the media flows to it, the zap time of each join (join to the first media
 * packet after it), and the group verdicts (verdict_rules_group.c).  Its
 * members summarise the capture-wide membership changes
 * (ma_correlator_memberships), which they index rather than copy. */
typedef struct {
    ma_addr host;
    ma_memb_proto proto;
    guint versions;         /* bit v: version v used for this group */
    int version;            /* the latest change's */
    gboolean include_mode;  /* the latest change's filter mode */
    guint n_sources;        /* the latest change's source list (borrowed from */
    const ma_addr *sources; /* the capture-wide change: valid until free) */
    uint32_t first_join_frame, last_leave_frame, last_report_frame; /* 0 none */
    gint64 first_join_ns, last_leave_ns, last_report_ns;
    guint joins, leaves, refreshes;  /* refreshes count folded repeats */
    gboolean member_at_end;          /* its latest change is not a leave */
    guint first_change, last_change; /* indices into ma_correlator_memberships */
    /* zap time of the first join: to the first media packet to the group
     * after it; -1 when no media followed, or media was already flowing
     * (zap_flowing: the last packet before the join came within
     * MA_ZAP_FLOWING_MS, so the join pulled nothing) */
    double zap_ms;
    uint32_t zap_frame; /* that first packet, 0 none */
    gboolean zap_flowing;
    /* every join (the first, and each after a leave) with a zap time, in
     * join order (ma_group_zap), and their summary: count, min, max and
     * the last's; MA360 judges each */
    GArray *zaps;
    guint n_zaps;
    double zap_min_ms, zap_max_ms, zap_last_ms;
} ma_group_member;

/* One join's zap time: its frame and time, the first media packet after it. */
typedef struct {
    uint32_t join_frame;
    gint64 join_ns;
    double zap_ms;
    uint32_t zap_frame;
} ma_group_zap;

typedef struct {
    ma_addr addr;
    GArray *members;     /* ma_group_member, by first change */
    GPtrArray *flows;    /* ma_flow* to the group (listed ones), not owned */
    GPtrArray *sessions; /* ma_session*: its outside_capture sessions (one per
                                 port with RTP), not owned; empty without media */
    uint32_t first_media_frame, last_media_frame; /* over its flows, 0 none */
    gint64 first_media_ns, last_media_ns;
    guint specific_queries; /* group(-and-source)-specific queries for it */
    GPtrArray *verdicts;    /* ma_verdict* about it (not owned), after finish */
} ma_group;
/* An RTP/TS packet within this long before a join: the stream was already
 * at the capture point, the join pulled nothing, there is no zap time. */
#define MA_ZAP_FLOWING_MS 200.0

typedef struct ma_track ma_track;
typedef struct ma_session ma_session;

/* Where a session's expectations come from: an RTSP SETUP in the capture
 * (or media whose negotiation lies before it: outside_capture), an SDP file
 * the user gave (mcast-audit --sdp, the plugin's sdp_files), or a SAP
 * announcement in the capture (RFC 2974).  A described session has no RTSP:
 * each media description of its SDP is a track audited as if a SETUP had
 * negotiated it (group, port, payload type and clock rate, TTL, the
 * a=source-filter source). */
typedef enum {
    MA_ORIGIN_RTSP = 0,
    MA_ORIGIN_SDP_FILE,
    MA_ORIGIN_SAP,
} ma_session_origin;
const char *ma_session_origin_name(ma_session_origin o); /* "rtsp", "sdp-file", "sap" */

/* One RTSP message of a session, in capture order: what the report's ladder
 * diagram draws (retries and 401s included).  The method is the request's
 * (for a reply: the request it answers), cut to fit; capture text, so
 * renderers escape it. */
typedef struct {
    uint32_t frame;
    gint64 ts_ns;
    gboolean is_reply;        /* server -> client */
    char method[16];
    int status;               /* replies; 0 for requests */
} ma_rtsp_step;
/* Steps kept per session; later ones are counted in steps_dropped. */
#define MA_SESSION_MAX_STEPS 256u
/* What a flow bound to a track is, by who sends it where.  Every multicast
 * receiver sends its RTCP to the group's RTCP port (RFC 3550 section 6), and
 * some (GStreamer's rtspsrc) send a few datagrams to the group's RTP port when
 * they start, to open firewalls: neither is media from another source. */
typedef enum {
    MA_FLOW_ROLE_NONE,             /* bound to no track */
    MA_FLOW_ROLE_MEDIA,            /* the camera's RTP */
    MA_FLOW_ROLE_SENDER_RTCP,      /* the camera's RTCP */
    MA_FLOW_ROLE_RECEIVER_RTCP,    /* a receiver's RTCP on the negotiated RTCP port */
    MA_FLOW_ROLE_RECEIVER_STARTUP, /* a receiver's start-up datagrams to the RTP port */
    MA_FLOW_ROLE_OTHER,            /* another source on the track's ports */
} ma_flow_role;

typedef struct ma_flow ma_flow;
struct ma_flow {
    guint id;                 /* 1-based, stable in capture order */
    ma_addr src, dst;
    uint16_t sport, dport;
    gboolean is_rtcp;
    gboolean is_rtp;          /* payload parsed as RTP (bound by a track or looks like it) */
    ma_track *track;          /* NULL for unbound flows */
    uint32_t first_frame, last_frame;
    gint64 first_ns, last_ns;
    guint64 datagrams;        /* all UDP datagrams of the flow */
    guint64 bytes;            /* UDP payload bytes */
    int ttl_min, ttl_max;     /* IP TTL seen, -1 unknown */
    guint64 rtp_errors;       /* datagrams that did not parse as RTP/RTCP */
    guint64 rtcp_packets;     /* for RTCP flows */
    /* SSRC changes within the flow (a camera restarting its RTP sender):
     * the statistics restart for each new source (rtp_stats.h). */
    guint ssrc_changes;
    uint32_t ssrc_change_frame;   /* the first change, 0 none */
    uint32_t ssrc_before, ssrc_after; /* around the first change */
    uint32_t ssrc_current;
    /* Receiver reports in this RTCP flow about the track's media (a
     * receiver's own view of what reached it: RFC 3550 6.4.2). */
    struct {
        guint reports;            /* report blocks about the media's SSRC */
        uint32_t about_ssrc;
        uint8_t fraction_lost_last, fraction_lost_max; /* /256 */
        int32_t cumulative_lost_last;
        uint32_t jitter_last, jitter_max;  /* RTP timestamp units */
        uint32_t last_frame;
    } rr;
    ma_rtp_stats *stats;      /* RTP flows */
    ma_flow_series *series;   /* RTP flows' figures over time; NULL past
                                 MA_CORR_MAX_SERIES flows (ma_correlator_series_skipped) */
    uint32_t ssrc;
    int payload_type;
    gboolean interleaved;     /* RTP/RTCP in "$" frames on the RTSP TCP connection
                                 (src/dst and ports are the connection's) */
    int channel;              /* its interleaved channel, -1 for UDP flows */
    const char *control;      /* "LLMNR", "mDNS", ... (udp_control.h): network
                                 control that is never media unless negotiated */
    /* MPEG-TS carried by the flow (mpegts.h): in RTP (PT 33, or MP2T in the
     * SDP) or straight in the datagrams (ts_raw: validated as two TS
     * datagrams in a row; its loss is the counters' cc_lost); NULL none. */
    ma_ts_stats *ts;
    gboolean ts_raw;
    gboolean unrelated;       /* after finish: tied to no session, neither
                                 validated RTP/RTCP nor media-like multicast:
                                 counted, not listed (--list-udp lists it) */
    /* Forward error correction (fec.h).  An FEC stream (SMPTE 2022-1 column
     * FEC at the media port + 2, row FEC at + 4, or the port - 1 some
     * head-ends use) from the media's source is no flow of its own: fec
     * holds its figures and fec_for the media flow it protects (NULL once
     * that flow was forgotten); the media flow names its streams. */
    ma_fec_stats *fec;
    ma_fec_dir fec_dir;
    int fec_port_delta; /* FEC port minus media port: 2, 4 or -1 */
    ma_flow *fec_for;
    ma_flow *fec_column, *fec_row;
};

struct ma_track {
    ma_session *session;
    guint index;              /* 0-based within the session */
    char *url;                /* SETUP URL */
    uint32_t setup_request_frame, setup_reply_frame;
    gint64 setup_reply_ns;
    int setup_status;         /* 0 when no reply seen */
    ma_transport_spec *requested; /* first spec of the request, or NULL */
    ma_transport_spec *reply;     /* spec of the reply, or NULL */
    /* A 2xx reply whose Transport is missing or does not parse (MA120): the
     * parser's message ("offset 27: ..."), its byte offset (-1: no header)
     * and the header as sent; the track then expects nothing (no group, no
     * ports, not "unicast") and its media cannot be judged. */
    char *transport_error;
    int transport_error_offset;
    char *transport_text;
    /* what the track expects media to look like (reply, else SDP fallback) */
    gboolean multicast;
    gboolean interleaved;
    ma_addr group;
    int rtp_port, rtcp_port;  /* -1 unknown */
    /* unicast: the reply's server_port= pair, where the client's RTCP
     * receiver reports go (RFC 3550 6: to the sender's RTCP port); -1 unknown */
    int server_rtp_port, server_rtcp_port;
    int ttl;                  /* -1 unknown */
    ma_addr source;           /* expected media source (reply source=, else server) */
    uint32_t ssrc; gboolean ssrc_set;
    gboolean from_sdp;        /* group/port taken from the SDP */
    const ma_sdp_media *sdp_media; /* NULL when no SDP or not found */
    int payload_type;         /* first SDP format, -1 unknown */
    char *encoding;           /* from rtpmap or static table, NULL unknown */
    guint clock_rate;         /* 0 unknown */
    /* evidence */
    GArray *memberships;      /* ma_membership_event for this group, all hosts */
    /* described tracks (ma_session_origin): the m= line's formats as payload
     * types, and the a=source-filter (RFC 4570) for its group: include or
     * exclude these sources (n_filter_sources 0: no filter) */
    GArray *described_pts; /* int, NULL for RTSP tracks */
    gboolean filter_include;
    guint n_filter_sources;
    ma_addr *filter_sources;
    uint32_t client_join_frame;  /* first join by the client, 0 if none */
    uint32_t first_join_frame;   /* first join by anybody */
    uint32_t client_leave_frame;
    uint32_t first_media_frame;
    gint64 first_media_ns;
    GPtrArray *flows;         /* ma_flow*: media + rtcp + strays (wrong port) */
    ma_flow *rtp_flow;        /* the main RTP flow, or NULL */
    ma_flow *rtcp_flow;
    /* TCP interleaved tracks: the channels of the reply, and what came on them */
    int channel_rtp, channel_rtcp;   /* -1 unknown */
    guint64 interleaved_frames;      /* $ frames on channel_rtp */
    guint64 interleaved_bytes;
};

/* An error answer to a request of a session (RFC 2326 7.1.1 / RFC 7826
 * 17: 454 Session Not Found, 455 Method Not Valid in This State, 457
 * Invalid Range, 459 Aggregate Operation Not Allowed, any 5xx). */
typedef struct {
    char *method; /* of the request */
    int status;
    uint32_t request_frame, reply_frame;
    gint64 reply_ns;
} ma_rtsp_error_reply;

struct ma_session {
    guint id;                 /* 1-based in capture order */
    ma_session_origin origin;
    char *described_by;       /* sdp-file: the file's name; sap: the announcer and msg id */
    uint32_t described_frame; /* sap: the first announcement's frame; 0 for a file */
    /* sap: the announcement's repeats (RFC 2974 3: the same message id hash
     * from the same originating source), their intervals, and its deletion */
    struct {
        ma_addr origin;
        uint16_t msg_id_hash;
        guint announcements;
        uint32_t first_frame, last_frame;
        gint64 first_ns, last_ns;
        double interval_min_s, interval_max_s, interval_mean_s; /* between repeats; 0 if one */
        uint32_t interval_max_from, interval_max_to; /* the announcements around the longest */
        guint size;              /* bytes of the SAP message (RFC 2974 3.1's ad_size) */
        uint32_t deletion_frame; /* 0: never deleted */
        gint64 deletion_ns;
    } sap;
    ma_addr client, server;
    uint16_t client_port, server_port;
    uint8_t client_mac[6], server_mac[6]; /* from ma_correlator_host_mac, when told */
    gboolean client_mac_set, server_mac_set;
    char *url;                /* first request URL (DESCRIBE or SETUP) */
    char *session_id;         /* Session header value */
    int timeout_s;            /* ;timeout=, else -1 (default applies) */
    gboolean outside_capture; /* synthesised from media with no RTSP seen */
    /* outside_capture only: the frame of an RTSP message naming a session
     * to or from the media's source (a keep-alive of a session set up
     * before the capture), 0 none.  Without one the stream is static
     * multicast (an encoder or head-end sending to a fixed group), not
     * "negotiated before the capture". */
    uint32_t rtsp_evidence_frame;
    gboolean static_multicast; /* outside_capture and rtsp_evidence_frame == 0 */
    uint32_t first_frame;
    uint32_t describe_frame, describe_reply_frame;
    int describe_status;
    guint auth_challenges;    /* 401 replies */
    uint32_t auth_challenge_frame; /* the first 401 reply, 0 if none */
    ma_sdp *sdp;              /* from the DESCRIBE reply */
    char *content_base;
    uint32_t play_request_frame, play_reply_frame;
    gint64 play_reply_ns;
    int play_status;
    uint32_t teardown_frame;
    gint64 teardown_ns;
    GArray *keepalives;       /* uint32 frames of OPTIONS/GET_PARAMETER requests */
    GArray *keepalive_ns;     /* gint64 */
    GArray *request_frames;   /* uint32 frames of every request of the session (MA106) */
    GArray *request_ns;       /* gint64, parallel */
    /* a long-running probe drops requests older than its idle time
     * (ma_correlator_retire): the newest dropped one, and how many keep-alives */
    gint64 requests_trimmed_ns;
    uint32_t requests_trimmed_frame;
    guint keepalives_trimmed;
    GPtrArray *tracks;        /* ma_track* */
    GPtrArray *verdicts;      /* ma_verdict*, after finish */
    GArray *steps;            /* ma_rtsp_step, at most MA_SESSION_MAX_STEPS */
    guint steps_dropped;
    /* Lowest IP TTL of the RTSP messages each way, -1 none seen: the router
     * hops between the camera and the capture point and between the client
     * and the capture point (initial TTL 64/128/255 minus this). */
    int server_ttl_min, client_ttl_min;
    uint32_t server_ttl_frame, client_ttl_frame;
    GArray *error_replies; /* ma_rtsp_error_reply, in capture order */
};

/* What the feed calls answer about one frame. */
typedef struct {
    ma_frame_role role;
    ma_session *session;      /* NULL if unrelated */
    ma_track *track;
    ma_flow *flow;
    /* running figures for media frames, as of this frame */
    guint64 packets;
    gint64 lost;
    double jitter_ms;
    /* MPEG-TS figures of the flow as of this frame (ts: the flow carries TS) */
    gboolean ts;
    guint64 ts_packets, ts_cc_errors, ts_cc_lost;
    /* FEC packets (role fec): the FEC stream's figures as of this frame;
     * flow is the FEC flow, fec_media the media flow it protects (its track
     * and session are the frame's), NULL once forgotten */
    const ma_flow *fec_media;
    ma_fec_dir fec_dir;
    guint64 fec_packets;
    gint64 fec_lost;
    double since_play_ms;     /* -1 when unknown */
    double join_latency_ms;   /* for joins: since PLAY reply (or SETUP reply), -1 unknown */
} ma_frame_info;

/* Nothing known yet: no role, no ids, latencies -1 (info may be NULL). */
void ma_frame_info_reset(ma_frame_info *info);

/* Milliseconds from one capture time to another: the one rule for every
 * latency the core reports (since_play_ms, join_latency_ms, the verdicts'
 * figures), public so a front end that recomputes one (the plugin's
 * per-frame records) gets the very same double. */
double ma_ms_between(gint64 from_ns, gint64 to_ns);

typedef struct ma_correlator ma_correlator;

ma_correlator *ma_correlator_new(const ma_thresholds *th);
void ma_correlator_free(ma_correlator *c);

/* Optional: the Ethernet source address of frames from ip (front ends call
 * it before feeding an RTSP or IGMP/MLD event).  MLD reports always come
 * from link-local addresses (RFC 3810 section 5); the shared Ethernet
 * address is what ties them to the client's or camera's global address.
 * The latest address wins; the table is bounded by max_flows. */
void ma_correlator_host_mac(ma_correlator *c, const ma_addr *ip, const uint8_t mac[6]);

/* Feed events in capture order.  info may be NULL. */
void ma_correlator_rtsp(ma_correlator *c, const ma_ev_rtsp *ev, ma_frame_info *info);
void ma_correlator_membership(ma_correlator *c, const ma_ev_membership *ev, ma_frame_info *info);
void ma_correlator_udp(ma_correlator *c, const ma_ev_udp *ev, ma_frame_info *info);
void ma_correlator_interleaved(ma_correlator *c, const ma_ev_interleaved *ev, ma_frame_info *info);

/* The front end could not read all of an input: it ended inside a packet
 * (unreadable = FALSE) or failed to read (TRUE) after after_frame.  Judged
 * as MA921 at finish, so every report and the exit code see it. */
void ma_correlator_capture_cut(ma_correlator *c, const char *input, uint32_t after_frame,
                               gboolean unreadable);
/* What was read, for capture-wide verdicts: its name ("the capture" when
 * never told) and how many frames it held.  Call before finish. */
void ma_correlator_set_input(ma_correlator *c, const char *name, guint64 frames);

/* A degradation the front end survived at frame (a refused RTSP message, a
 * malformed membership message: decode_events.h), counted in the
 * correlator's decode event table; judged as MA902 at finish. */
void ma_correlator_decode_event(ma_correlator *c, ma_decode_event ev, uint32_t frame);
/* The front end's own table (its frame decoders'), added once before finish. */
void ma_correlator_add_decode_events(ma_correlator *c, const ma_decode_events *t);
/* Every decode event of the capture: the core's and what the front end told. */
const ma_decode_events *ma_correlator_decode_events(const ma_correlator *c);

/* A described session (ma_session_origin; not MA_ORIGIN_RTSP): one track
 * per m= section with a multicast c= and a port, expected from frame on (0:
 * from the start, a file given before the capture).  Takes sdp (parsed by
 * the caller: strictly for a user's file).  NULL when no media could be
 * described (*why says which) or the session table is full. */
ma_session *ma_correlator_describe(ma_correlator *c, ma_sdp *sdp, ma_session_origin origin,
                                   const char *described_by, uint32_t frame, const char **why);
/* The session has no RTSP: an SDP file or SAP describes it. */
static inline gboolean ma_session_described(const ma_session *s)
{
    return s->origin != MA_ORIGIN_RTSP;
}

/* End of input: capture ended at end_ns.  Judges every session and fills
 * the verdict lists.  Call once; feeding after it is ignored. */
void ma_correlator_finish(ma_correlator *c, gint64 end_ns);

const GPtrArray *ma_correlator_sessions(const ma_correlator *c);   /* ma_session* */
const GPtrArray *ma_correlator_flows(const ma_correlator *c);      /* ma_flow*, all */
const GPtrArray *ma_correlator_queriers(const ma_correlator *c);   /* ma_querier* */
const GPtrArray *ma_correlator_verdicts(const ma_correlator *c);   /* ma_verdict*, all, sorted by session */
/* Worst severity among verdicts, or -1 when there are none. */
int ma_correlator_worst_severity(const ma_correlator *c);
gint64 ma_correlator_start_ns(const ma_correlator *c);
/* IGMP or MLD versions seen in reports and queries: bit v set for version v. */
guint ma_correlator_memb_versions(const ma_correlator *c, ma_memb_proto proto);
/* Every membership change seen, capture-wide (ma_membership_event). */
const GArray *ma_correlator_memberships(const ma_correlator *c);
/* Every IGMP/MLD message seen, repeats folded (ma_membership_message), in
 * the order of their first frames. */
const GArray *ma_correlator_membership_messages(const ma_correlator *c);
/* The group-centric audit (ma_group*), after finish, by group address
 * order of first appearance; empty when every group had an RTSP session. */
const GPtrArray *ma_correlator_groups(const ma_correlator *c);
/* Role of host for a session (track may be NULL): client, camera (server or
 * the track's expected source), unspecified (0.0.0.0/::) or other. */
ma_host_role ma_correlator_host_role(const ma_session *s, const ma_track *t, const ma_addr *host);
/* Role of a membership event's sender: as ma_correlator_host_role, and an
 * IPv6 link-local sender (MLD reports always are) whose Ethernet address is
 * the client's or camera's gets that role.  Renderers should use this one. */
ma_host_role ma_correlator_event_role(const ma_session *s, const ma_track *t,
                                      const ma_membership_event *ev);
gint64 ma_correlator_end_ns(const ma_correlator *c);
/* Time series are kept for the first MA_CORR_MAX_SERIES RTP flows (about
 * 32 KiB each); this many RTP flows had none. */
#define MA_CORR_MAX_SERIES 256u
guint ma_correlator_series_skipped(const ma_correlator *c);
/* The flow's role for track t (NULL: its first track, f->track), and who
 * sends it (client, camera, other host) as seen from t's session. */
ma_flow_role ma_correlator_flow_role(const ma_flow *f, const ma_track *t, ma_host_role *sender);
const char *ma_flow_role_name(ma_flow_role r); /* "media", "receiver-rtcp", ... */
/* Receiver-report jitter of an RTCP flow in ms (its track's clock rate);
 * FALSE when no report or no clock rate. */
typedef struct {
    double last_ms, max_ms;
} ma_rr_jitter;
gboolean ma_correlator_rr_jitter_ms(const ma_flow *f, ma_rr_jitter *out);
/* The flow's MPEG-TS figures (mpegts.h): FALSE when it carries no TS that
 * counts (raw TS not validated, RTP not validated). */
gboolean ma_flow_ts_summary(const ma_flow *f, ma_ts_summary *out);
/* The FEC stream of a media flow in direction d (fec.h): FALSE when none;
 * *fec_flow (may be NULL) receives the FEC flow. */
gboolean ma_flow_fec_summary(const ma_flow *media, ma_fec_dir d, ma_fec_summary *out,
                             const ma_flow **fec_flow);
/* Track figures summarised for reports: the track's main RTP flow summary. */
gboolean ma_track_rtp_summary(const ma_track *t, ma_rtp_summary *out);

#endif
