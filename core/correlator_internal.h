/* SPDX-License-Identifier: GPL-2.0-or-later */
/* correlator_internal.h - state shared by the correlator's files (not API).
 * correlator.c: object, tables, getters; correlator_rtsp.c: sessions and
 * tracks; correlator_membership.c: joins, leaves, queriers;
 * correlator_media.c: UDP flows and binding; correlator_track.c: questions
 * about a track (client? camera? first join?); correlator_leftovers.c:
 * strays and streams negotiated before the capture; verdict_rules*.c:
 * verdicts. */
#ifndef MA_CORRELATOR_INTERNAL_H
#define MA_CORRELATOR_INTERNAL_H

#include "correlator.h"
#include "decode_events.h"
#include "membership.h"
#include "rtp_probe.h"
#include "rtp.h"
#include "rtsp.h"

#define MA_NS_PER_MS G_GINT64_CONSTANT(1000000)
#define MA_NS_PER_S G_GINT64_CONSTANT(1000000000)

/* One direction-independent 4-tuple: flows (src -> dst) and RTSP
 * connections (client -> server) use the same key. */
typedef struct {
    ma_addr src, dst;
    uint16_t sport, dport;
} ma_corr_key;

/* A flow with the bookkeeping the public struct does not show.  pub comes
 * first so ma_flow* and ma_corr_flow* convert both ways. */
typedef struct {
    ma_flow pub;
    ma_corr_key key;
    GPtrArray *tracks;      /* ma_track*: every track it serves (shared groups) */
    guint pending_first;    /* tracks of it still without a first media frame */
    gboolean explained;     /* accounted for by a track's MA302/MA303 */
    guint64 rtp_ok;         /* datagrams that parsed as RTP */
    guint64 rtcp_like;      /* datagrams that parsed as RTCP */
    uint32_t ttl_min_frame; /* first frame with the lowest TTL (MA304/MA305 proof) */
    ma_rtp_probe probe;     /* unbound flows: RTP only once validated */
    guint mdi_seen;         /* ma_rtp_last.mdi_intervals at the last packet */
    guint ts_run;           /* raw TS: datagrams in a row that looked like TS */
    gpointer zap;           /* correlator_groups.c: its group's zap record, NULL none */
    gboolean zap_looked;    /* zap found once: not looked up again per packet */
    ma_fec_stats *fec_trial; /* FEC-looking packets not yet tied to a media flow */
    guint fec_run;           /* of them in a row */
} ma_corr_flow;

/* A host speaking one protocol (IGMP or MLD): a hash key for the tables kept
 * per sender (correlator_messages.c) and per joining host (correlator_groups.c). */
typedef struct {
    ma_addr host;
    int proto;
} ma_corr_host;
guint ma_corr_host_hash(gconstpointer p);
gboolean ma_corr_host_equal(gconstpointer a, gconstpointer b);

/* One RTSP TCP connection and the requests waiting for their reply. */
typedef struct {
    ma_corr_key key;        /* src = client, dst = server */
    ma_session *session;    /* the session its last request belonged to */
    ma_rtsp_pairing *pairing; /* CSeq -> ma_corr_pending* */
    gboolean used;            /* ever tied to a session; else in the correlator's idle_conns */
    GList link;               /* in idle_conns while !used */
} ma_corr_conn;

typedef struct {
    char *method;
    uint32_t frame;
    gint64 ns;
    ma_session *session;
    ma_track *track;        /* SETUP: the track it created */
    char *uri;
} ma_corr_pending;

/* Tables with a bound (MA901 names them). */
typedef enum {
    MA_CORR_TABLE_SESSIONS,
    MA_CORR_TABLE_FLOWS,
    MA_CORR_TABLE_MEMBERSHIPS,
    MA_CORR_TABLE_QUERIERS,      /* bounded like flows */
    MA_CORR_TABLE_CONNECTIONS,   /* RTSP TCP connections: MA_CORR_CONNS_PER_SESSION per session */
    MA_CORR_TABLE_MEMB_MESSAGES, /* IGMP/MLD messages listed (ma_membership_message) */
    MA_CORR_TABLE_GROUPS, /* the group-centric audit's groups: one per MA_CORR_FLOWS_PER_GROUP flow slots */
    MA_CORR_TABLE_COUNT
} ma_corr_table;

/* Membership changes kept per flow slot: generous, but bounded. */
#define MA_CORR_MEMB_PER_FLOW 16u
/* IGMP/MLD messages listed per flow slot, and source addresses they may
 * hold in all per flow slot: a listing that a flood of distinct reports
 * cannot grow past a few MiB (repeats are folded and cost nothing). */
#define MA_CORR_MEMB_MESSAGES_PER_FLOW 2u
#define MA_CORR_MEMB_MESSAGE_ADDRS_PER_FLOW 64u
/* Groups audited without RTSP: one per 4 flow slots (1024 by default), so
 * a flood of distinct joins keeps the report (about 11 KiB of JSON tree a
 * group) inside the memory bound. */
#define MA_CORR_FLOWS_PER_GROUP 4u
/* RTSP connections are state too: bounded with the session limit. */
#define MA_CORR_CONNS_PER_SESSION 4u

/* An input the front end could not read to its end (MA921). */
typedef struct {
    char *input;
    uint32_t after_frame;
    gboolean unreadable;
} ma_corr_cut;

typedef struct {
    ma_querier pub;
    guint general_count;
    gint64 first_general_ns, last_general_ns;
} ma_corr_querier;

struct ma_correlator {
    ma_thresholds th;
    GPtrArray *sessions;    /* ma_session*, owned */
    GPtrArray *flows;       /* ma_corr_flow*, owned, id order */
    GPtrArray *queriers;    /* ma_corr_querier*, owned */
    GPtrArray *verdicts;    /* ma_verdict*, owned, sorted after finish */
    GHashTable *flow_index; /* ma_corr_key* -> ma_corr_flow* */
    GHashTable *conns;      /* ma_corr_key* -> ma_corr_conn* (owned) */
    GQueue idle_conns;      /* ma_corr_conn* never tied to a session, oldest first: evicted first */
    GHashTable *macs;       /* ma_addr* -> uint8_t[6], both owned */
    ma_memb_tracker *memb;
    GArray *memb_events;    /* ma_membership_event; owns the sources arrays */
    GHashTable *memb_last;  /* (proto, host, group) -> index + 1 of its latest memb_event */
    GArray *memb_msgs;      /* ma_membership_message, owned */
    GHashTable *memb_msg_last; /* (proto, sender) -> index + 1 of its latest memb_msg */
    guint64 memb_msg_addrs;    /* source addresses memb_msgs hold */
    GArray *zaps;              /* correlator_groups.c: each join per group (first, after a leave) */
    GHashTable *zap_groups;    /* ma_addr* -> its last media packet, joins waiting */
    GPtrArray *groups;         /* ma_group*, owned, after finish */
    /* correlator_groups.c: the group addresses the full group table refused
     * at the last build (ma_addr* set), so that the rebuild at every
     * provisional judgement counts a refusal once (group.table_full) */
    GHashTable *groups_refused;
    GArray *rtsp_named;        /* ma_addr of RTSP peers of messages naming an unknown session */
    uint32_t rtsp_named_frame; /* the first such message */
    guint versions[2];      /* per ma_memb_proto: bit v = version v seen */
    uint32_t version_frame[2][4]; /* first frame of each version */
    gboolean have_time;
    gint64 start_ns, end_ns;
    gboolean finished;
    guint series_kept, series_skipped; /* flows with and without a flow_series */
    guint next_session_id, next_flow_id; /* ids stay unique when objects retire */
    guint64 retired;        /* sessions and flows retired (correlator_retire.c) */
    /* MA901: which table filled first, at which frame (0 = never) */
    uint32_t limit_frame[MA_CORR_TABLE_COUNT];
    GArray *cuts;         /* ma_corr_cut (MA921) */
    char *input_name;     /* for capture-wide messages, NULL = "the capture" */
    guint64 input_frames; /* frames the front end read (told, for MA920) */
    gboolean input_told;  /* ma_correlator_set_input was called */
    ma_decode_events events; /* the core's own and (told) the front end's: MA902 */
    GHashTable *sap_index;   /* ma_corr_sap_key* -> ma_session* it described (correlator_sap.c) */
};

/* correlator_sap.c: SAP (RFC 2974) announcements become described sessions.
 * One announcement is its originating source and message id hash. */
typedef struct {
    ma_addr origin;
    uint16_t msg_id_hash;
} ma_corr_sap_key;
guint ma_corr_sap_key_hash(gconstpointer p);
gboolean ma_corr_sap_key_equal(gconstpointer a, gconstpointer b);
/* A datagram to a SAP group and port: read it (decode events for what is
 * refused), describe or repeat or delete its session.  FALSE: not SAP. */
gboolean ma_corr_sap_datagram(ma_correlator *c, const ma_ev_udp *ev, ma_frame_info *info);
/* Sessions retire: forget their index entries. */
void ma_corr_sap_forget(ma_correlator *c, const ma_session *s);

/* correlator.c */
void ma_corr_note_time(ma_correlator *c, const ma_ev_meta *m);
ma_session *ma_corr_session_new(ma_correlator *c, const ma_addr *client, uint16_t cport,
                                const ma_addr *server, uint16_t sport, uint32_t frame);
ma_track *ma_corr_track_new(ma_session *s);
void ma_corr_limit(ma_correlator *c, ma_corr_table table, uint32_t frame);
const char *ma_corr_table_name(ma_corr_table table);
guint ma_corr_table_limit(const ma_correlator *c, ma_corr_table table);
guint ma_corr_table_usage_now(const ma_correlator *c, ma_corr_table table); /* entries in use */
guint ma_corr_key_hash(gconstpointer k);
gboolean ma_corr_key_equal(gconstpointer a, gconstpointer b);
gboolean ma_corr_is_2xx(int status);
double ma_corr_ms(gint64 from_ns, gint64 to_ns);

/* The Ethernet address last told for ip: copies it to out, FALSE if unknown. */
gboolean ma_corr_mac_of(const ma_correlator *c, const ma_addr *ip, uint8_t out[6]);

/* correlator_membership.c */
GHashTable *ma_corr_memb_last_new(void);
void ma_corr_track_add_membership(ma_track *t, const ma_membership_event *ev);
void ma_corr_track_attach_memberships(ma_correlator *c, ma_track *t);

/* correlator_messages.c: the record-by-record listing of IGMP/MLD messages */
void ma_corr_messages_init(ma_correlator *c);
void ma_corr_messages_free(ma_correlator *c);
void ma_corr_messages_add(ma_correlator *c, const ma_ev_membership *ev);
void ma_corr_messages_retire(ma_correlator *c, gint64 before_ns);

/* correlator_groups.c: the group-centric audit */
void ma_corr_groups_init(ma_correlator *c);
void ma_corr_groups_free(ma_correlator *c);
void ma_corr_group_free(gpointer p);
/* A join (ev, stored): its host's first to the group waits for its first packet. */
void ma_corr_zap_join(ma_correlator *c, const ma_membership_event *ev);
/* A leave: the host's next join is measured again. */
void ma_corr_zap_leave(ma_correlator *c, const ma_membership_event *ev);
/* A datagram to a multicast group (flow flow_id): the group's last packet, and
 * the first after each waiting join. */
void ma_corr_zap_media(ma_correlator *c, const ma_ev_udp *ev, ma_corr_flow *f);
/* After binding (and at each provisional judgement): the groups without an
 * RTSP track, replacing those built before. */
void ma_corr_build_groups(ma_correlator *c);
const ma_group *ma_corr_group_of(const ma_correlator *c, const ma_addr *addr);

/* correlator_media.c */
void ma_corr_flow_bind(ma_corr_flow *f, ma_track *t, gboolean rtcp);
void ma_corr_bind_track(ma_correlator *c, ma_track *t);
void ma_corr_flow_free(gpointer p);
/* One interleaved frame whose payload was read, for track t's RTP (or
 * RTCP) channel: figures as for UDP; fills info, returns the frame's role. */
ma_frame_role ma_corr_interleaved_media(ma_correlator *c, ma_track *t, gboolean rtcp,
                                        const ma_ev_interleaved *ev, ma_frame_info *info);
/* After binding: mark the flows that are counted, not listed. */
void ma_corr_mark_unrelated(ma_correlator *c);
/* End of input: each series gets its open MDI interval. */
void ma_corr_flows_finish(ma_correlator *c);
/* Forget the RTP figures an unbound flow gathered (it was no RTP source). */
void ma_corr_drop_rtp(ma_correlator *c, ma_corr_flow *f);

/* correlator_fec.c: FEC streams tied to their media flow.  TRUE when the
 * datagram of f (bound to no track, no network control) is FEC of a media
 * flow (tied now or before): counted there and nowhere else. */
gboolean ma_corr_fec_datagram(ma_correlator *c, ma_corr_flow *f, const ma_ev_udp *ev);
/* f is about to be freed: no FEC stream or media flow keeps pointing at it. */
void ma_corr_fec_unlink(ma_corr_flow *f);

/* correlator_track.c: questions about a track that binding and the rules share.
 * ev is from the track's client (not the camera or another host). */
gboolean ma_corr_track_is_client(const ma_track *t, const ma_membership_event *ev);
/* First / last join (joins) or leave (!joins), of the client only or of anyone. */
const ma_membership_event *ma_corr_track_first_event(const ma_track *t, gboolean client_only,
                                                    gboolean joins);
const ma_membership_event *ma_corr_track_last_event(const ma_track *t, gboolean client_only,
                                                   gboolean joins);
/* a is the track's source or the session's server. */
gboolean ma_corr_track_from_camera(const ma_track *t, const ma_addr *a);
/* correlator_receivers.c: note the report blocks a receiver's RTCP gives
 * about the track's media. */
void ma_corr_receiver_reports(ma_corr_flow *f, const ma_rtcp_compound *cmp, uint32_t frame);
/* g is the group of one of s's multicast tracks. */
gboolean ma_corr_session_has_group(const ma_session *s, const ma_addr *g);
/* A flow that is the track's group on another port, from the camera. */
gboolean ma_corr_track_wrong_port(const ma_track *t, const ma_flow *f);

/* correlator_rtsp.c */
void ma_corr_track_expect(ma_track *t);
/* The payload type, encoding and clock rate a media description gives
 * (its first format; rtpmap, else RFC 3551's static table). */
void ma_corr_track_expect_payload(ma_track *t, const ma_sdp_media *md);
void ma_corr_conn_free(gpointer p);
/* Did an RTSP message naming a session (Session header) come from or go to
 * a?  *frame: the first message naming one. */
gboolean ma_corr_rtsp_named(const ma_correlator *c, const ma_addr *a, uint32_t *frame);

/* A track that expects media: its SETUP was answered (RTSP), or an SDP
 * file or SAP describes it (no SETUP at all). */
static inline gboolean ma_corr_track_set_up(const ma_track *t)
{
    return t->setup_reply_frame != 0 || ma_session_described(t->session);
}

/* correlator_described.c: a described track's questions (correlator.h:
 * ma_correlator_describe).  Is the payload type one of its m= formats? */
gboolean ma_corr_track_described_pt(const ma_track *t, int payload_type);
/* Does its a=source-filter let src send (TRUE without a filter)? */
gboolean ma_corr_track_filter_allows(const ma_track *t, const ma_addr *src);

/* correlator_leftovers.c: at the end, before judging, bind the flows a silent
 * track explains (its strays) and give multicast RTP that no SETUP
 * announced a session "negotiated before the capture". */
void ma_corr_bind_leftovers(ma_correlator *c);

/* Where the judge writes: every verdict it makes (owned), in the order made.
 * ma_correlator_finish files them with the correlator and their sessions. */
typedef struct {
    GPtrArray *verdicts;
} ma_verdict_sink;

/* verdict_rules.c: judge the bound, finished state, which it only reads,
 * into sink: every rule of the table on every session and track in scope. */
void ma_judge(const ma_correlator *c, ma_verdict_sink *sink);
/* The same as if the capture ended at end_ns (a running probe's provisional
 * judgement: correlator_live.c). */
void ma_judge_at(const ma_correlator *c, gint64 end_ns, ma_verdict_sink *sink);
/* correlator.c: replaces the correlator's verdicts with the sink's, files
 * them with their sessions (sorted) and frees the sink's array. */
void ma_corr_file_verdicts(ma_correlator *c, ma_verdict_sink *sink);
/* The session with that id, or NULL (none, or retired). */
ma_session *ma_corr_session_by_id(const ma_correlator *c, guint id);

#endif
