/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gen.h - shared types of the capture generator (tools/mcast-gen).
 *
 * The generator is an independent source of truth: it links only GLib and
 * libpcap, never core/, so a bug in the analyser cannot hide in the corpus.
 * Every packet is queued into a gen_capture with its timestamp; the capture
 * is sorted by time once at the end and written, and the ground truth of
 * each RTP flow is counted from the packets in the order they were written.
 */
#ifndef MA_GEN_H
#define MA_GEN_H

#include <glib.h>
#include <stdint.h>

/* 2026-01-15 10:00:00 UTC: every scenario starts here, in microseconds. */
#define GEN_EPOCH_US (G_GUINT64_CONSTANT(1768471200) * G_USEC_PER_SEC)
#define GEN_MS(x) ((guint64)(x) * 1000u)
#define GEN_S(x) ((guint64)(x) * 1000000u)

/* An IPv4 or IPv6 address, network byte order in bytes[]. */
typedef struct {
    int family; /* 4 or 6 */
    guint8 bytes[16];
} gen_addr;

gen_addr gen_addr_parse(const char *text); /* aborts on a bad literal: inputs are ours */
char *gen_addr_to_string(const gen_addr *a);
gboolean gen_addr_is_multicast(const gen_addr *a);

/* A host on the captured link: its MAC, address and IP id counter. */
typedef struct {
    guint8 mac[6];
    gen_addr addr;
    guint16 ip_id; /* next IPv4 identification */
} gen_host;

void gen_host_init(gen_host *h, const char *addr, const guint8 mac[6]);
/* MAC that a frame to `dst` carries: RFC 1112/2464 mapping for groups. */
void gen_dst_mac(const gen_addr *dst, const gen_host *unicast_peer, guint8 out[6]);

/* ------------------------------------------------------------------ */
/* pcap_writer.c: link + network + transport framing                  */

typedef struct {
    guint16 vlan; /* 0 = untagged, else 802.1Q VID */
} gen_link;

typedef struct {
    const gen_link *link;
    gen_host *src;          /* its ip_id advances */
    gen_addr dst;
    guint8 dst_mac[6];
    guint8 ttl;             /* IPv4 TTL / IPv6 hop limit */
    gboolean router_alert;  /* IPv4 option 148 / IPv6 hop-by-hop RA */
} gen_ip;

/* Each returns a complete Ethernet frame. */
GByteArray *gen_frame_udp(const gen_ip *ip, guint16 sport, guint16 dport,
                          const guint8 *payload, gsize len);
GByteArray *gen_frame_tcp(const gen_ip *ip, guint16 sport, guint16 dport, guint32 seq,
                          guint32 ack, guint8 flags, const guint8 *payload, gsize len);
GByteArray *gen_frame_igmp(const gen_ip *ip, const guint8 *msg, gsize len);
GByteArray *gen_frame_icmpv6(const gen_ip *ip, const guint8 *msg, gsize len);

#define GEN_TCP_FIN 0x01
#define GEN_TCP_SYN 0x02
#define GEN_TCP_PSH 0x08
#define GEN_TCP_ACK 0x10

/* ------------------------------------------------------------------ */
/* capture.c: time-ordered packet queue, pcap output, flow truth      */

/* mpegts_mux.c: an IPTV-like transport stream, 7 TS packets per datagram;
 * PAT + PMT lead every psi_every-th datagram except those in [gap_from, gap_to). */
#define GEN_TS_PER_DATAGRAM 7u
typedef struct {
    guint psi_every;
    guint gap_from, gap_to;
} gen_ts_layout;

/* What the continuity counters and PSI timing of the datagrams written show. */
typedef struct {
    gboolean any;
    guint last_index;
    guint64 first_us, last_us, last_psi_us;
    guint packets, cc_errors, cc_lost, psi_sections, psi_missed;
    double psi_interval_max_ms; /* PAT and PMT travel together: one figure for both */
} gen_ts_truth;

gboolean gen_ts_is_psi(const gen_ts_layout *l, guint i);
/* Datagram i's bytes (GEN_TS_PER_DATAGRAM * 188) into buf; returns the length. */
gsize gen_ts_datagram(const gen_ts_layout *l, guint i, guint8 *buf);
void gen_ts_truth_add(gen_ts_truth *t, const gen_ts_layout *l, guint i, guint64 t_us);
void gen_ts_truth_finish(gen_ts_truth *t);

typedef struct {
    char *src, *dst;
    guint16 sport, dport;
    gboolean rtcp;
    int channel; /* interleaved channel (RTP over the RTSP connection), -1 for UDP */
    guint32 ssrc;
    guint8 payload_type;
    guint8 ttl;
    /* counted at write time from the written order */
    guint packets, expected, lost, duplicates, reordered;
    /* MPEG-TS carried (NULL none): in RTP, datagram index = ext_seq - ts_seq0;
     * raw_ts: straight in UDP, ext_seq is the datagram index */
    const gen_ts_layout *ts;
    gboolean raw_ts;
    guint32 ts_seq0;
    gen_ts_truth ts_truth;
    /* set where the truth names more than the kind (NULL / 0: not written) */
    const char *role; /* "receiver-rtcp", "receiver-startup": who sends what */
    gboolean udp;     /* plain datagrams (start-up bytes): kind "udp", no RTP figures */
    guint rr_reports; /* receiver reports about the media in this RTCP flow */
    guint8 rr_fraction_lost_last;
    gint32 rr_cumulative_lost_last;
    guint32 rr_jitter_last; /* timestamp units */
    guint32 rr_clock;       /* the media's clock rate, for rr_jitter_last in ms */
    /* an FEC stream (kind "fec"): its direction and layout, the media's port */
    const char *fec_dir; /* "column", "row"; NULL: not FEC */
    guint fec_offset, fec_na;
    guint16 fec_media_dport;
} gen_flow;

typedef struct gen_capture gen_capture;

/* link_wrap.c: the capture over another link layer or inside a tunnel. */
typedef enum {
    GEN_WRAP_NONE,
    GEN_WRAP_PPPOE,    /* Ethernet, PPPoE session frames (RFC 2516) */
    GEN_WRAP_PPP,      /* DLT_PPP with HDLC-like framing (RFC 1662) */
    GEN_WRAP_NFLOG,    /* DLT_NFLOG */
    GEN_WRAP_WLAN,     /* DLT_IEEE802_11: QoS data + LLC/SNAP */
    GEN_WRAP_RADIOTAP, /* the same behind a radiotap header */
    GEN_WRAP_VXLAN,    /* Ethernet in VXLAN (UDP 4789) between two VTEPs */
    GEN_WRAP_GRE,      /* Ethernet over GRE (protocol type 0x6558) */
} gen_wrap;
int gen_wrap_dlt(gen_wrap w);
/* The frame as w carries it (a new reference; index: its place in the capture). */
GByteArray *gen_wrap_frame(gen_wrap w, const GByteArray *frame, guint index);
void gen_capture_set_wrap(gen_capture *cap, gen_wrap w);

gen_capture *gen_capture_new(void);
void gen_capture_free(gen_capture *cap);
/* Takes ownership of frame.  flow = -1 for non-RTP frames; ext_seq is the
 * RTP sequence number extended to 32 bits (the generator never wraps it
 * without counting). */
void gen_capture_add(gen_capture *cap, guint64 t_us, GByteArray *frame, int flow, guint32 ext_seq);
int gen_capture_add_flow(gen_capture *cap, const gen_flow *tmpl);
/* Sorts, writes the pcap and fills the flows' figures. */
gboolean gen_capture_write(gen_capture *cap, const char *path, GError **error);
GPtrArray *gen_capture_flows(gen_capture *cap); /* of gen_flow* */

/* Figures the truth file states besides the flows. */
typedef struct {
    guint rtsp_messages;
    guint membership_records;
    guint queries;
    guint udp_other_flows;     /* UDP that is not media (lan_noise.c): distinct flows */
    guint udp_other_datagrams; /* and their datagrams */
} gen_counts;
gen_counts *gen_capture_counts(gen_capture *cap);

/* ------------------------------------------------------------------ */
/* tcp_conn.c: one TCP connection (RTSP control)                       */

typedef struct {
    gen_capture *cap;
    const gen_link *link;
    gen_host *cli, *srv;
    guint16 cport, sport;
    guint32 cseq, sseq;   /* next sequence number of each side */
    gsize segment_size;   /* 0 = one segment per message */
    int retransmit_segment; /* >= 0: that segment of the next send goes twice */
    guint8 cli_ttl;       /* IP TTL of the client's segments as captured (64 - hops) */
    int flow;        /* truth flow of the data segments being sent (interleaved RTP), -1 none */
    guint32 ext_seq; /* and its extended sequence number */
} gen_tcp;

void gen_tcp_init(gen_tcp *tcp, gen_capture *cap, const gen_link *link, gen_host *cli,
                  guint16 cport, gen_host *srv, guint16 sport);
/* Three-way handshake at t; returns the time it completes. */
guint64 gen_tcp_open(gen_tcp *tcp, guint64 t);
/* Sends bytes; returns the time of the last segment. */
guint64 gen_tcp_send(gen_tcp *tcp, gboolean from_client, guint64 t, const guint8 *data, gsize len);
guint64 gen_tcp_close(gen_tcp *tcp, gboolean from_client, guint64 t);
/* A pure ACK of everything the other side sent so far. */
void gen_tcp_ack(gen_tcp *tcp, gboolean from_client, guint64 t);

/* ------------------------------------------------------------------ */
/* rtsp_script.c: RTSP message text over a gen_tcp                     */

typedef struct {
    gen_tcp *tcp;
    gen_counts *counts;
    guint cseq;           /* CSeq of the last request */
    const char *user_agent;
    const char *server;   /* Server: header of replies, NULL = none */
    char *session;        /* Session id once SETUP succeeded, owned */
} gen_rtsp;

void gen_rtsp_init(gen_rtsp *r, gen_tcp *tcp, gen_counts *counts);
void gen_rtsp_clear(gen_rtsp *r);
/* headers: extra CRLF-terminated lines (may be NULL). Returns the send time. */
guint64 gen_rtsp_request(gen_rtsp *r, guint64 t, const char *method, const char *url,
                         const char *headers);
/* Reply to the last request; body may be NULL (then no Content-Type). */
guint64 gen_rtsp_reply(gen_rtsp *r, guint64 t, int code, const char *reason,
                       const char *headers, const char *content_type, const char *body);
/* Authorization header line answering realm/nonce for method+uri (RFC 2617 MD5). */
char *gen_rtsp_digest(const char *method, const char *uri, const char *realm, const char *nonce);
/* Raw bytes on the RTSP connection (interleaved $ frames). */
void gen_rtsp_raw(gen_rtsp *r, gboolean from_client, guint64 t, const guint8 *data, gsize len);

/* ------------------------------------------------------------------ */
/* igmp.c / mld.c: membership reports, leaves and queries               */

/* RFC 3376 / RFC 3810 record types. */
enum { GEN_IS_IN = 1, GEN_IS_EX = 2, GEN_TO_IN = 3, GEN_TO_EX = 4, GEN_ALLOW = 5, GEN_BLOCK = 6 };

typedef struct {
    guint8 type;
    gen_addr group;
    const gen_addr *sources;
    guint nsrc;
} gen_mrec;

/* Each adds one frame and counts records/queries in the capture's counts. */
void gen_igmpv3_report(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                       const gen_mrec *recs, guint n);
void gen_igmpv2_report(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, const gen_addr *group);
void gen_igmpv2_leave(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, const gen_addr *group);
/* version 2 or 3; group NULL = general query. */
void gen_igmp_query(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, int version,
                    const gen_addr *group);

/* MLDv2: h must carry the host's link-local address (RFC 3810 5.2.13). */
void gen_mldv2_report(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t,
                      const gen_mrec *recs, guint n);
void gen_mldv2_query(gen_capture *cap, const gen_link *link, gen_host *h, guint64 t, const gen_addr *group);

/* ------------------------------------------------------------------ */
/* rtp_source.c: camera-like RTP + RTCP sender reports                  */

typedef struct {
    guint64 t_us;       /* when it is on the wire */
    guint32 ext_seq;    /* seq0 + packet index: never wraps inside the generator */
    guint32 ts;         /* RTP timestamp */
    guint16 len;        /* RTP payload bytes */
    guint8 kind;        /* payload shape, see rtp_source.c */
    gboolean marker;
} gen_rtp_pkt;

typedef struct {
    gboolean audio;      /* FALSE: H.264 camera at 25 fps; TRUE: sparse PCMU */
    guint8 pt;
    guint32 clock;
    guint32 ssrc;
    guint16 seq0;
    guint32 ts0;
    guint gop;           /* frames from key frame to key frame */
    guint audio_interval_ms;
    const guint *opening; /* Ethernet frame lengths of the first packets (seed), one per frame */
    gsize n_opening;
    guint frame_overhead; /* Ethernet+IP+UDP+RTP bytes: payload = frame length - this */
    const gen_ts_layout *ts; /* MPEG-TS (RFC 2250, PT 33): one datagram every 10 ms */
} gen_rtp_cfg;

/* Packets a camera sends between t_start and t_end, in send order. */
GArray *gen_rtp_schedule(const gen_rtp_cfg *cfg, GRand *rand, guint64 t_start, guint64 t_end);
/* One RTP packet's bytes (header + payload shaped by kind) into buf. */
#define GEN_RTP_MAX (12 + 4096)
#define GEN_TS_INTERVAL_US 10000u /* TS datagrams: one per 10 ms (1.05 Mbit/s) */
gsize gen_rtp_bytes(const gen_rtp_cfg *cfg, const gen_rtp_pkt *p, guint8 buf[GEN_RTP_MAX]);
/* The RTCP SR + SDES CNAME gen_rtcp_emit_sr sends, into b; returns its length. */
gsize gen_rtcp_sr_bytes(const gen_rtp_cfg *cfg, const GArray *sent, guint64 t_start, guint64 t,
                        guint8 b[64]);
/* A receiver's RTCP RR + SDES CNAME at t (RFC 3550 6.4.2): one report block
 * about `media` (its SSRC) from what the receiver got of `wire` before t;
 * prev_expected/prev_received carry the last report's figures (fraction
 * lost is per interval).  Fills the flow's rr_* truth; returns the length. */
typedef struct {
    guint32 ssrc;   /* the receiver's own */
    guint32 jitter; /* reported jitter, timestamp units */
    guint32 prev_expected, prev_received;
} gen_rr_state;
gsize gen_rtcp_rr_bytes(gen_rr_state *st, const gen_rtp_cfg *media, const GArray *wire, guint64 t,
                        gen_flow *truth, guint8 b[64]);
/* Writes pkts as RTP datagrams of `flow` (ip carries src, dst, ttl). */
void gen_rtp_emit(gen_capture *cap, int flow, const gen_ip *ip, guint16 sport, guint16 dport,
                  const gen_rtp_cfg *cfg, const GArray *pkts);
/* RTCP SR + SDES CNAME at t describing what `sent` (pre-impairment) holds
 * before t. Counted in `flow`. */
void gen_rtcp_emit_sr(gen_capture *cap, int flow, const gen_ip *ip, guint16 sport, guint16 dport,
                      const gen_rtp_cfg *cfg, const GArray *sent, guint64 t_start, guint64 t);

/* fec_source.c: SMPTE 2022-1 column FEC (media port + 2) and row FEC
 * (port + 4) of the packets a camera sent; losses by FEC packet index,
 * 1-based (0 ends a list). */
typedef struct {
    guint columns, rows; /* L, D */
    guint16 column_seq0, row_seq0;
    guint column_lost[4], row_lost[4];
} gen_fec_layout;
typedef struct {
    guint16 sport, dport; /* the media's */
    int column_flow, row_flow;
} gen_fec_flows;
void gen_fec_emit(gen_capture *cap, const gen_ip *ip, const gen_fec_layout *l,
                  const gen_fec_flows *fl, const gen_rtp_cfg *cfg, const GArray *sent);

/* ------------------------------------------------------------------ */
/* impair.c: loss, duplicates, reordering, delay jitter                 */

typedef struct {
    double loss_pct;        /* independent random loss */
    guint bursts;           /* number of loss bursts */
    guint burst_min, burst_max;
    double dup_pct;
    double reorder_pct;     /* packets delayed past 1..3 successors */
    guint jitter_max_ms;    /* per-frame extra delay 0..max, order kept */
} gen_impair;

/* Applies the impairments to pkts (send order in, arrival order not
 * guaranteed out: the capture sorts by time). First and last packets are
 * never lost. */
void gen_impair_apply(const gen_impair *imp, GRand *rand, GArray *pkts);

/* ------------------------------------------------------------------ */
/* membership: who is a member when (session.c records, querier.c answers) */

typedef enum { GEN_JOIN_NONE, GEN_JOIN_V2, GEN_JOIN_V3, GEN_JOIN_V3_INCLUDE, GEN_JOIN_MLDV2 } gen_join;
typedef enum { GEN_QUERIER_NONE, GEN_QUERIER_V2, GEN_QUERIER_V3, GEN_QUERIER_MLDV2 } gen_querier_kind;

typedef struct {
    gen_host *host;       /* the address it reports from (link-local for MLD) */
    gen_join how;
    gen_addr group;
    gen_addr source;      /* INCLUDE joins */
    guint64 t_join, t_leave; /* G_MAXUINT64: never left */
} gen_member;

/* querier.c: general queries every 125 s from t_first to t_end, answered by
 * the members active then; group-specific queries after each leave. */
void gen_querier_run(gen_capture *cap, const gen_link *link, gen_host *querier, gen_querier_kind kind,
                     GRand *rand, const GArray *members, guint64 t_first, guint64 t_end);
/* Sends a member's join (state change) or leave at t. */
void gen_member_join(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t);
void gen_member_leave(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t);
void gen_member_refresh(gen_capture *cap, const gen_link *link, const gen_member *m, guint64 t);

/* ------------------------------------------------------------------ */
/* session.c: one camera/client RTSP session with its media            */

typedef enum {
    GEN_END_TEARDOWN,  /* media until TEARDOWN, then leave and close */
    GEN_END_CAPTURE,   /* capture stops while media still flows (seed) */
    GEN_END_EXPIRY,    /* membership expires 260.9 s after the last report */
    GEN_END_EXPIRY_CUT, /* the same, and the capture ends with the last media packet */
    GEN_END_TIMEOUT,   /* server drops the session: no keep-alive */
} gen_end_mode;

typedef enum {
    GEN_ANSWER_MULTICAST,
    GEN_ANSWER_461,
    GEN_ANSWER_INTERLEAVED,
    GEN_ANSWER_UNICAST,
    GEN_ANSWER_EMPTY_TTL, /* 200 with the multicast Transport but "ttl=" empty: does not parse */
    GEN_ANSWER_TCP, /* interleaved asked and answered: RTP/RTCP in $ frames on the RTSP connection */
} gen_answer;

typedef struct {
    const char *client_ip, *camera_ip, *group;
    guint8 client_mac_last, camera_mac_last;
    guint16 client_port, rtp_port;
    guint8 reply_ttl, media_ttl;
    guint8 client_hops;       /* routers between the client and the capture point */
    const char *media_group;  /* NULL = negotiated group */
    guint16 media_port;       /* 0 = negotiated port */
    gboolean auth;            /* DESCRIBE 401 first, Digest afterwards */
    gboolean audio;           /* sparse PCMU instead of H.264 video */
    const gen_ts_layout *mpegts; /* MPEG-TS over RTP (PT 33, MP2T in the SDP) instead */
    const gen_fec_layout *fec;   /* SMPTE 2022-1 FEC beside the media, NULL none */
    gboolean gst_style;       /* gst-rtsp-server Transport wording */
    const char *ssm_source;   /* reply source= and SSM group */
    gen_answer answer;
    gboolean unicast_asked; /* GEN_ANSWER_UNICAST to a request for unicast only */
    gboolean client_rtcp;   /* unicast: the client's receiver reports to server_port+1 */
    guint session_timeout_s;
    guint keepalive_s;        /* GET_PARAMETER interval, 0 = none */
    guint segment_size;       /* tiny TCP segments; 0 = whole messages */
    gen_join client_join;
    const char *client_join_source; /* INCLUDE source the client names */
    gint64 join_after_play_ms; /* G_MININT64: right after the SETUP reply */
    gint64 leave_after_play_ms; /* -1: after TEARDOWN, -2: never */
    gboolean camera_joins;
    guint media_ms;
    gboolean seed_opening;    /* the seed's exact first frame lengths */
    guint16 seq0;             /* 0 = from the seeded generator */
    gen_impair impair;
    gen_end_mode end;
    gboolean media_only;      /* capture starts after PLAY: media + RTCP only */
    gboolean receiver_rtcp;   /* the client sends RTCP RRs from the group's RTCP port to it */
    gboolean receiver_startup; /* the client sends 5 datagrams to group:RTP port after PLAY */
    guint ssrc_change_ms;      /* 0 none; else the camera's RTP sender restarts (new SSRC,
                                 sequence and timestamp) this long after the media starts */
} gen_session_cfg;

typedef struct {
    gen_capture *cap;
    GRand *rand;
    gen_link link;
    GArray *members;          /* gen_member, for the querier */
    GPtrArray *hosts;         /* gen_host*, owned: members point into it */
    guint64 t_end;            /* latest packet time so far */
    guint64 t_first_join;
    guint duration_s;         /* --duration: media length of bench scenarios, 0 = default */
    char *sdp_text;           /* owned: written as NAME.sdp beside the capture (--sdp), or NULL */
} gen_world;

/* Plays one session starting at t0; returns the time its last packet is sent. */
guint64 gen_session_run(gen_world *w, const gen_session_cfg *cfg, guint64 t0);
gen_host *gen_world_host(gen_world *w, const char *addr, guint8 mac_last);
/* The EUI-64 link-local twin of h (same MAC), for MLD. */
gen_host *gen_world_link_local(gen_world *w, const gen_host *h);

/* lan_noise.c: office-LAN UDP that is not media (LLMNR, mDNS, SSDP, DNS,
 * NTP, a heartbeat) beside an FTP login, from t0 */
void gen_lan_noise(gen_world *w, guint64 t0);
/* Just a DNS lookup and an NTP exchange (unicast, counted the same way). */
void gen_lan_noise_dns_ntp(gen_world *w, guint64 t0);

/* The video every camera sends: one source for the SDP, the SPS and the RTP clock. */
#define GEN_VIDEO_WIDTH 1920u
#define GEN_VIDEO_HEIGHT 1080u
#define GEN_VIDEO_FPS 25u

typedef struct {
    guint width, height; /* luma samples */
    guint fps;
} gen_video_format;

/* h264_params.c: the a=fmtp value of an H.264 camera (RFC 6184 8.1): profile-level-id,
 * packetization-mode and a valid SPS/PPS in sprop-parameter-sets. */
char *gen_h264_fmtp(const gen_video_format *v);

/* sdp.c: the session descriptions the cameras send */
char *gen_sdp(const gen_session_cfg *cfg, const char *base_url);
char *gen_transport_request(const gen_session_cfg *cfg);
char *gen_transport_reply(const gen_session_cfg *cfg, guint32 ssrc);
#define GEN_UNICAST_CLIENT_PORT 51372u
#define GEN_UNICAST_SERVER_PORT 8214u

/* ------------------------------------------------------------------ */
/* scenario.c / truth.c                                                 */

typedef struct {
    const char *name;
    const char *description;
    const char *const *verdicts; /* NULL-terminated codes a correct analyser gives */
    void (*build)(gen_world *w);
} gen_scenario;

const gen_scenario *gen_scenarios(gsize *n);
/* static_multicast.c: multicast with no RTSP (issue 16) */
void gen_static_multicast(gen_world *w);
void gen_static_expiry(gen_world *w);
/* described.c: streams an SDP file or SAP describes (issue 16) */
void gen_sdp_ssm_mismatch(gen_world *w);
void gen_sap_announced(gen_world *w);
void gen_sap_announced_ipv6(gen_world *w);
/* bench.c: large scenarios for bench/, not part of `all` nor of captures/. */
const gen_scenario *gen_bench_scenarios(gsize *n);
/* Either kind, by name. */
const gen_scenario *gen_scenario_find(const char *name);
gboolean gen_scenario_is_bench(const gen_scenario *sc);

/* Writes NAME.expected.json; duration_s != 0 is named in its command. */
gboolean gen_truth_write(const char *path, const gen_scenario *sc, guint32 seed, guint duration_s,
                         gen_capture *cap, GError **error);

#endif
