/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdicts.h - the verdict catalogue: one table of stable codes.
 * Codes never change meaning once shipped; CI jobs and plugin filters key on them.
 * MA1xx negotiation (RTSP/SDP), MA2xx group membership (IGMP/MLD),
 * MA3xx media delivery (UDP/RTP/RTCP), MA9xx the capture and the audit itself. */
#ifndef MA_VERDICTS_H
#define MA_VERDICTS_H

#include <glib.h>
#include <stdint.h>
#include "addr.h"

typedef enum {
    MA_SEV_INFO = 0,
    MA_SEV_WARNING = 1,
    MA_SEV_ERROR = 2,
} ma_severity;

typedef enum {
    MA_V_SETUP_FAILED,               /* MA101 SETUP answered non-2xx (461: transport not offered) */
    MA_V_ANSWERED_UNICAST,           /* MA102 multicast asked, unicast answered */
    MA_V_ANSWERED_INTERLEAVED,       /* MA103 TCP interleaved instead of multicast */
    MA_V_SDP_SETUP_DISAGREE,         /* MA104 SDP c=/m= and SETUP reply disagree */
    MA_V_NEGOTIATION_BEFORE_CAPTURE, /* MA105 media whose SETUP lies before the capture */
    MA_V_SESSION_TIMEOUT,            /* MA106 RTSP session timeout passed without keep-alive */
    MA_V_NO_SESSION_PLAYED,          /* MA107 --require-session and no PLAY answered 2xx */
    MA_V_RTSP_ERROR_REPLY,           /* MA108 a request of a session answered 454/455/457/459/5xx */
    MA_V_TRANSPORT_MALFORMED, /* MA120 2xx SETUP reply whose Transport is missing or does not parse */
    /* MA149 a SAP announcement repeated less often than RFC 2974 3.1 allows */
    MA_V_SAP_INTERVAL_LONG,
    MA_V_NOBODY_JOINED,         /* MA201 no membership report for the group at all */
    MA_V_CLIENT_NEVER_JOINED,   /* MA202 only the camera / another host joined */
    MA_V_JOIN_OTHER_GROUP,      /* MA203 client joined a group other than negotiated */
    MA_V_SSM_SOURCE_MISMATCH,   /* MA204 INCLUDE sources do not contain the media source */
    MA_V_LEAVE_BEFORE_TEARDOWN, /* MA205 client left while the session was playing */
    MA_V_NO_QUERIER,            /* MA206 no IGMP/MLD query seen during the session */
    MA_V_MEMBERSHIP_EXPIRED,    /* MA207 media stopped ~260 s after the client's last report */
    MA_V_MIXED_VERSIONS,        /* MA208 IGMP/MLD versions mixed on one link */
    MA_V_LATE_JOIN,             /* MA209 client joined later than --max-join-latency after PLAY */
    /* the group-centric audit: groups without an RTSP session (verdict_rules_group.c) */
    MA_V_GROUP_NOBODY_JOINED,      /* MA220 static multicast that no host joined */
    MA_V_GROUP_MEDIA_AFTER_LEAVE,  /* MA221 media still arrives after the last member left */
    MA_V_GROUP_LEAVE_WHILE_MEDIA,  /* MA222 a member left while media flowed */
    MA_V_GROUP_MEMBERSHIP_EXPIRED, /* MA223 media stopped ~260 s after the last member's report */
    MA_V_GROUP_SSM_WITHOUT_SENDER, /* MA224 an SSM join lacks the sender, or is any-source */
    /* MA239 a join of a group an SDP file or SAP describes lacks its sender */
    MA_V_DESCRIBED_JOIN_WITHOUT_SENDER,
    MA_V_NO_MEDIA,             /* MA301 nothing reached group:port */
    MA_V_MEDIA_WRONG_PORT,     /* MA302 media to the group but another port */
    MA_V_MEDIA_WRONG_GROUP,    /* MA303 media from the server to another group */
    MA_V_TTL_BELOW_NEGOTIATED, /* MA304 media IP TTL below the negotiated ttl */
    MA_V_TTL_ONE,              /* MA305 media IP TTL 1 cannot cross a router */
    MA_V_LATE_FIRST_PACKET,    /* MA306 first media long after PLAY */
    MA_V_LOSS,                 /* MA307 loss above threshold */
    MA_V_JITTER,               /* MA308 jitter above threshold */
    MA_V_MEDIA_AFTER_LEAVE,    /* MA309 media still flowing after the client's leave */
    MA_V_NO_RTCP,              /* MA310 no RTCP on port+1 */
    MA_V_REORDER_DUP,          /* MA311 packets reordered or duplicated */
    MA_V_MEDIA_STOPPED,        /* MA312 media stopped before TEARDOWN / end of capture */
    MA_V_UNEXPECTED_GROUP,     /* MA313 stream not at the --expect-group address/port */
    MA_V_TS_SYNC_LOSS,         /* MA314 MPEG-TS packets without the 0x47 sync byte (TR 101 290) */
    MA_V_TS_CC_ERROR,          /* MA315 MPEG-TS continuity-counter errors (TR 101 290 1.4) */
    MA_V_TS_PAT_ERROR,         /* MA316 no PAT for over 0.5 s, or a bad PID 0 (TR 101 290 1.3) */
    MA_V_TS_PMT_ERROR,         /* MA317 no PMT for over 0.5 s (TR 101 290 1.5) */
    MA_V_TTL_ONE_LOCAL,        /* MA340 TTL 1, but camera and client 0 router hops apart */
    MA_V_SSRC_CHANGED,         /* MA341 the media's SSRC changed within the flow */
    MA_V_SLOW_ZAP,             /* MA360 join to first media packet above --max-zap */
    /* MA365 nothing reached a group:port an SDP file or SAP describes;
     * MA366 RTP with a payload type the description does not list;
     * MA368 media from a source the a=source-filter does not allow */
    MA_V_DESCRIBED_NO_MEDIA,
    MA_V_DESCRIBED_PT_UNMAPPED,
    MA_V_DESCRIBED_SOURCE_MISMATCH,
    /* MA369 media still flowing after its SAP deletion */
    MA_V_SAP_MEDIA_AFTER_DELETION,
    MA_V_LIMIT_REACHED,         /* MA901 a state table was full: figures are partial */
    MA_V_DECODE_DEGRADED,       /* MA902 decode events: input skipped, refused or dropped */
    MA_V_NOTHING_TO_AUDIT,      /* MA920 no RTSP session and no multicast flow at all */
    MA_V_CAPTURE_TRUNCATED,     /* MA921 the capture ended inside a packet / unreadable */
    MA_V_EXPECTED_GROUP_ABSENT, /* MA922 --expect-group and nothing at that group:port */
    MA_V__COUNT
} ma_verdict_id;

typedef struct {
    ma_verdict_id id;
    const char *code;        /* "MA202" */
    const char *name;        /* "client-never-joined": stable, for filters */
    ma_severity severity;
    const char *title;       /* short headline */
    /* one-line message with {placeholders} filled from key/value facts */
    const char *message_template;
    const char *explanation; /* two sentences for support staff, with the usual fix */
    /* The rule itself waits for time to pass (a timeout, an interval of
     * silence): once it stands, its evidence is complete, so a running
     * judgement (a probe) may count it at once. */
    gboolean time_based;
} ma_verdict_def;

const ma_verdict_def *ma_verdict_def_get(ma_verdict_id id);
/* By code ("MA202", case-insensitive) or by name ("client-never-joined"). */
const ma_verdict_def *ma_verdict_def_by_code(const char *code);
gsize ma_verdict_catalogue_size(void);
/* The explanation's two sentences apart: what the verdict means (the first,
 * *cause_len bytes with its period) and the usual fix (returned, pointing
 * into d->explanation; "" when there is no second sentence). */
const char *ma_verdict_def_fix(const ma_verdict_def *d, gsize *cause_len);
const char *ma_severity_name(ma_severity s); /* "info", "warning", "error" */
gboolean ma_severity_parse(const char *text, ma_severity *out);

/* Fill {key} placeholders of a template; unknown keys stay as written.
 * keys/values are parallel NULL-terminated arrays. */
char *ma_verdict_format(const char *tmpl, const char *const *keys, const char *const *values);

/* Pass as track_index when a verdict concerns the whole session (JSON null). */
#define MA_VERDICT_NO_TRACK G_MAXUINT

/* One concluded verdict. Frames prove it (1-based frame numbers). */
typedef struct {
    const ma_verdict_def *def;
    char *message;
    GArray *frames; /* uint32_t, ascending, no duplicates, no 0 */
    guint session_id; /* 0 = not tied to a session */
    guint track_index; /* within the session, 0 = first; MA_VERDICT_NO_TRACK = none */
    guint flow_id;     /* 0 = not tied to a flow */
    gboolean has_track; /* FALSE when track_index == MA_VERDICT_NO_TRACK */
    ma_addr group;      /* a group-centric verdict's group (ma_group), unset else */
} ma_verdict;

/* facts: NULL-terminated list of key, value, key, value ..., NULL */
ma_verdict *ma_verdict_new(ma_verdict_id id, guint session_id, guint track_index, guint flow_id,
                           const char *const *facts);
/* Adds a proving frame, keeping the list sorted; 0 and repeats are ignored. */
void ma_verdict_add_frame(ma_verdict *v, uint32_t frame);
/* Orders verdicts by session id, then code, then track, then flow (for g_ptr_array_sort). */
gint ma_verdict_compare(gconstpointer a, gconstpointer b);
void ma_verdict_free(ma_verdict *v);

#endif
