/* verdicts.c - the verdict catalogue (data, one row per code) and the
 * formatting of concluded verdicts.  The rules that decide when a verdict
 * fires live in verdict_rules.c; this file only says what each code means. */
#include "verdicts.h"

#include <string.h>

/* Rows are in ma_verdict_id order: ma_verdict_def_get() indexes by id, and
 * the unit test checks row i has id i. */
static const ma_verdict_def catalogue[] = {
    {MA_V_SETUP_FAILED, "MA101", "setup-failed", MA_SEV_ERROR, "SETUP failed",
     "SETUP of {url} was answered {status} {reason} (frame {frame}){note}",
     "The camera refused to set up the stream, so no media can flow. Check the RTSP URL, the "
     "credentials and the transport the client asks for (461: the server does not offer this "
     "transport, typically multicast not enabled in the camera's stream profile)."},
    {MA_V_ANSWERED_UNICAST, "MA102", "answered-unicast", MA_SEV_ERROR,
     "multicast asked, unicast answered",
     "SETUP of {url} asked for {requested} but the server answered unicast {reply} (frame {frame})",
     "The client asked for multicast but the camera answered with a unicast transport, so the "
     "stream will not go to the multicast group. Enable multicast for this stream profile on "
     "the camera (or use its multicast URL) and check that the client really requests multicast."},
    {MA_V_ANSWERED_INTERLEAVED, "MA103", "answered-interleaved", MA_SEV_ERROR,
     "multicast asked, TCP interleaved answered",
     "SETUP of {url} asked for {requested} but the server answered TCP interleaved {reply} "
     "(frame {frame})",
     "The client asked for multicast but the camera chose to send the media inside the RTSP TCP "
     "connection, which bypasses the multicast network entirely. Enable multicast on the "
     "camera's stream profile, or stop the client from falling back to RTSP over TCP."},
    {MA_V_SDP_SETUP_DISAGREE, "MA104", "sdp-setup-disagree", MA_SEV_WARNING,
     "SDP and SETUP reply disagree",
     "for {url} the SDP says {sdp} but the SETUP reply says {reply} (frame {frame})",
     "The DESCRIBE answer (SDP) and the SETUP answer name different multicast addresses, ports "
     "or TTL, so clients that trust the SDP will listen in the wrong place. Make the camera's "
     "multicast settings consistent, or make the client use the SETUP reply's Transport."},
    {MA_V_NEGOTIATION_BEFORE_CAPTURE, "MA105", "negotiation-before-capture", MA_SEV_INFO,
     "stream negotiated before the capture",
     "RTP from {source} to {group}:{port} (first frame {frame}) has no SETUP in the capture: it "
     "was negotiated before the capture started",
     "Media is flowing to a multicast group but the RTSP negotiation that asked for it is not in "
     "the capture, so the client and its join cannot be checked. Start the capture before the "
     "client opens the stream to audit the whole setup."},
    {MA_V_SESSION_TIMEOUT, "MA106", "session-timeout", MA_SEV_WARNING, "RTSP session timed out",
     "no request in session {session_id} for {gap} s (frames {from} to {to}), longer than its "
     "timeout of {timeout} s",
     "The client sent no keep-alive (OPTIONS, GET_PARAMETER) within the RTSP session timeout, so "
     "the camera may end the session and stop the stream. Make the client send keep-alives more "
     "often than the Session timeout (60 s by default)."},
    {MA_V_NOBODY_JOINED, "MA201", "nobody-joined", MA_SEV_WARNING, "nobody joined the group",
     "nobody joined {group} in the capture (SETUP reply frame {frame})",
     "No host sent an IGMP/MLD report for the stream's group, so a snooping switch or a router "
     "will not forward it to anybody. Check that the client joins the group (its multicast "
     "socket, IGMP version, firewall) and that the capture point sees its reports."},
    {MA_V_CLIENT_NEVER_JOINED, "MA202", "client-never-joined", MA_SEV_WARNING,
     "the client never joined",
     "the {who} {host} joined {group} (frame {frame}) but the client {client} never did",
     "Somebody else's join (often the camera's own) keeps the stream flowing only on that host's "
     "switch port; a snooping switch will not forward the group to the client. Fix the client's "
     "multicast join: its socket, its IGMP version, or a firewall dropping IGMP."},
    {MA_V_JOIN_OTHER_GROUP, "MA203", "join-other-group", MA_SEV_ERROR,
     "the client joined another group",
     "the client {client} joined {other} (frame {frame}) but never the negotiated group {group}",
     "The client subscribed to a different multicast group than the one the camera announced, "
     "so it listens where no stream is sent. Correct the group configured in the client (or the "
     "URL it opens) to match the SETUP reply."},
    {MA_V_SSM_SOURCE_MISMATCH, "MA204", "ssm-source-mismatch", MA_SEV_ERROR,
     "source-specific join does not match",
     "the client {client}'s join of {group} (frame {frame}) {detail}",
     "A source-specific (SSM) join only receives from the listed sources, and an SSM group "
     "cannot be joined without one, so the stream is filtered out. Configure the client's "
     "source to the camera's address, or use an any-source group outside 232/8 (ff3x::)."},
    {MA_V_LEAVE_BEFORE_TEARDOWN, "MA205", "leave-before-teardown", MA_SEV_WARNING,
     "the client left while playing",
     "the client {client} left {group} (frame {frame}) while the session was playing{teardown}",
     "The client gave up its membership while the RTSP session was still playing, so the switch "
     "stops forwarding the stream to it. Look for the client application closing or re-opening "
     "its multicast socket, or an interface change."},
    {MA_V_NO_QUERIER, "MA206", "no-querier", MA_SEV_WARNING, "no IGMP/MLD querier",
     "no IGMP/MLD query in the {covered} s captured after the first join of {group} (frame "
     "{frame}): memberships will expire about {gmi} s after the last report",
     "Without a querier nobody asks hosts to renew their membership, so snooping switches drop "
     "the group about 260 s (2 x 125 s + 10 s) after the last report and the stream stops. Enable "
     "an IGMP querier on the VLAN (switch or router), or make sure queries are not blocked."},
    {MA_V_MEMBERSHIP_EXPIRED, "MA207", "membership-expired", MA_SEV_ERROR,
     "membership expired",
     "media to {group} stopped (frame {frame}) {after} s after the client's last report (frame "
     "{report_frame}): the membership expired",
     "The stream stopped about 260 s (2 x 125 s + 10 s) after the client's last report, which "
     "is when a switch or router ages out a membership nobody refreshed. Provide an IGMP/MLD "
     "querier on the VLAN and let the queries and the client's reports through firewalls."},
    {MA_V_MIXED_VERSIONS, "MA208", "mixed-versions", MA_SEV_WARNING, "mixed IGMP/MLD versions",
     "{proto} versions {versions} seen in the capture (frames {frames})",
     "Hosts and queriers on the link speak different IGMP/MLD versions, so some fall back to an "
     "older version and source-specific joins or fast leaves stop working. Configure one version "
     "on the querier and the hosts (usually IGMPv3 / MLDv2)."},
    {MA_V_LATE_JOIN, "MA209", "late-join", MA_SEV_WARNING, "late join",
     "the client {client} joined {group} (frame {frame}) {latency} ms after the {after} (limit "
     "{limit} ms)",
     "The client joined the group long after the stream was started, so the picture starts late "
     "and the first frames are lost. Check the client application's start-up order and any "
     "delay in its multicast socket set-up."},
    {MA_V_NO_MEDIA, "MA301", "no-media", MA_SEV_ERROR, "no media",
     "no datagram reached {dest} in the capture (SETUP reply frame {frame})",
     "The stream was negotiated and started but no media packet reached its destination at the "
     "capture point. Check that the camera is really sending, that the switch forwards the group "
     "(IGMP snooping, querier) and that the capture point is on the media's path."},
    {MA_V_MEDIA_WRONG_PORT, "MA302", "media-wrong-port", MA_SEV_ERROR, "media on the wrong port",
     "media from {source} reached {group} on port {port} (frame {frame}) instead of the "
     "negotiated port {expected_port}",
     "The camera sends the stream to the right group but another UDP port than it negotiated, "
     "so the client listens on an empty port. Fix the camera's multicast port setting so that it "
     "matches what it announces in SETUP."},
    {MA_V_MEDIA_WRONG_GROUP, "MA303", "media-wrong-group", MA_SEV_ERROR,
     "media to the wrong group",
     "media from {source} went to {other} (frame {frame}) instead of the negotiated group {group}",
     "The camera sends the stream to another multicast group than it negotiated, so the client "
     "joins and listens on an empty group. Fix the camera's multicast address setting so that it "
     "matches what it announces in SETUP."},
    {MA_V_TTL_BELOW_NEGOTIATED, "MA304", "ttl-below-negotiated", MA_SEV_WARNING,
     "TTL below the negotiated ttl",
     "media to {group} arrives with IP TTL {ttl_min} (frame {frame}), below the negotiated ttl "
     "{ttl}{note}",
     "The packets carry a smaller TTL than the camera announced, so they may die before reaching "
     "routed clients. Raise the camera's multicast TTL (or check for an extra routing hop)."},
    {MA_V_TTL_ONE, "MA305", "ttl-one", MA_SEV_WARNING, "TTL 1",
     "media to {group} arrives with IP TTL 1 (frame {frame}): it cannot cross a router",
     "A multicast packet with TTL 1 never leaves its own subnet, so clients behind a router get "
     "nothing. Raise the camera's multicast TTL to the number of routed hops plus one."},
    {MA_V_LATE_FIRST_PACKET, "MA306", "late-first-packet", MA_SEV_WARNING, "late first packet",
     "the first media packet (frame {frame}) came {delay} ms after the PLAY reply (frame "
     "{play_frame}, limit {limit} ms)",
     "Media started long after the camera accepted PLAY, which the viewer sees as a slow start. "
     "Usual causes are a late join, a switch waiting for a query before forwarding, or a camera "
     "that starts its encoder only on PLAY."},
    {MA_V_LOSS, "MA307", "loss", MA_SEV_ERROR, "packet loss",
     "{lost} of {expected} RTP packets lost ({pct}%) on flow {flow} {src} -> {dst} (limit "
     "{limit}%)",
     "RTP sequence numbers are missing, so the picture shows artefacts or freezes. Look for "
     "congested or oversubscribed links, duplex mismatches or a capture point dropping packets."},
    {MA_V_JITTER, "MA308", "jitter", MA_SEV_WARNING, "jitter",
     "RTP jitter reached {jitter} ms on flow {flow} {src} -> {dst} (limit {limit} ms)",
     "Packets arrive with uneven spacing compared with their timestamps, which can overrun the "
     "client's jitter buffer. Video sends many packets per frame, so some jitter is normal; "
     "persistent high values point to congestion or queuing on the path."},
    {MA_V_MEDIA_AFTER_LEAVE, "MA309", "media-after-leave", MA_SEV_WARNING,
     "media after the leave",
     "RTP to {group} still arrives {after} s after the client {client}'s leave (frame {frame})",
     "After the client left the group the switch kept forwarding the stream, which wastes "
     "bandwidth and can flood ports. Enable IGMP snooping with fast-leave or a querier, or check "
     "whether another member on the port still wants the group."},
    {MA_V_NO_RTCP, "MA310", "no-rtcp", MA_SEV_WARNING, "no RTCP",
     "no RTCP from {source} reached {dest} while RTP flowed",
     "The camera sends RTP but no RTCP sender reports on the RTCP port, so clients cannot "
     "synchronise audio and video or measure the stream. Enable RTCP on the camera, or check "
     "that the RTCP port (RTP port + 1) is forwarded too."},
    {MA_V_REORDER_DUP, "MA311", "reorder-duplicate", MA_SEV_INFO,
     "reordered or duplicated packets",
     "flow {flow} {src} -> {dst}: {reordered} packets reordered, {duplicates} duplicated",
     "Some RTP packets arrived out of order or twice, which usually means two paths (a loop, "
     "redundant links or two capture points) carry the stream. Check for duplicate multicast "
     "routes and SPAN sessions."},
    {MA_V_MEDIA_STOPPED, "MA312", "media-stopped", MA_SEV_ERROR, "media stopped",
     "media to {dest} stopped at frame {frame}, {before} s before the {end}",
     "The stream stopped while the session was still supposed to run. Look at what happened in "
     "the seconds before: a leave, an expired membership, an RTSP session timeout, or the camera "
     "itself stopping."},
    {MA_V_UNEXPECTED_GROUP, "MA313", "unexpected-group", MA_SEV_ERROR, "unexpected group",
     "the stream is at {actual} but {expected} was expected",
     "The stream was negotiated at a different multicast address or port than the one the "
     "deployment expects, so viewers configured for it get nothing. Correct the camera's "
     "multicast settings or the expected address."},
    {MA_V_LIMIT_REACHED, "MA901", "limit-reached", MA_SEV_WARNING, "limit reached",
     "the {table} table is full ({limit} entries) at frame {frame}: figures are partial",
     "The capture holds more sessions or flows than the audit keeps in memory, so some were not "
     "analysed. Raise the limit or filter the capture to the cameras of interest."},
};

G_STATIC_ASSERT(G_N_ELEMENTS(catalogue) == MA_V__COUNT);

const ma_verdict_def *ma_verdict_def_get(ma_verdict_id id)
{
    if ((int)id < 0 || id >= MA_V__COUNT)
        return NULL;
    return &catalogue[id];
}

const ma_verdict_def *ma_verdict_def_by_code(const char *code)
{
    if (code == NULL)
        return NULL;
    for (gsize i = 0; i < G_N_ELEMENTS(catalogue); i++) {
        if (g_ascii_strcasecmp(catalogue[i].code, code) == 0 ||
            strcmp(catalogue[i].name, code) == 0)
            return &catalogue[i];
    }
    return NULL;
}

gsize ma_verdict_catalogue_size(void)
{
    return G_N_ELEMENTS(catalogue);
}

static const char *const severity_names[] = {"info", "warning", "error"};

const char *ma_severity_name(ma_severity s)
{
    if ((int)s < 0 || (gsize)s >= G_N_ELEMENTS(severity_names))
        return "unknown";
    return severity_names[s];
}

gboolean ma_severity_parse(const char *text, ma_severity *out)
{
    if (text == NULL)
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(severity_names); i++) {
        if (g_ascii_strcasecmp(text, severity_names[i]) == 0) {
            if (out != NULL)
                *out = (ma_severity)i;
            return TRUE;
        }
    }
    /* "warn" is what people type on the command line */
    if (g_ascii_strcasecmp(text, "warn") == 0) {
        if (out != NULL)
            *out = MA_SEV_WARNING;
        return TRUE;
    }
    return FALSE;
}

static const char *lookup_value(const char *key, gsize key_len, const char *const *keys,
                                const char *const *values)
{
    if (keys == NULL || values == NULL)
        return NULL;
    for (gsize i = 0; keys[i] != NULL && values[i] != NULL; i++) {
        if (strlen(keys[i]) == key_len && strncmp(keys[i], key, key_len) == 0)
            return values[i];
    }
    return NULL;
}

char *ma_verdict_format(const char *tmpl, const char *const *keys, const char *const *values)
{
    GString *out = g_string_new(NULL);
    const char *p = tmpl != NULL ? tmpl : "";

    while (*p != '\0') {
        const char *open = strchr(p, '{');
        if (open == NULL) {
            g_string_append(out, p);
            break;
        }
        g_string_append_len(out, p, open - p);
        const char *close = strchr(open + 1, '}');
        if (close == NULL) { /* unterminated: copy the rest as written */
            g_string_append(out, open);
            break;
        }
        const char *val = lookup_value(open + 1, (gsize)(close - open - 1), keys, values);
        if (val != NULL)
            g_string_append(out, val);
        else
            g_string_append_len(out, open, close - open + 1);
        p = close + 1;
    }
    return g_string_free(out, FALSE);
}

/* Three guint ids in ma_verdict's field order (public API, kept stable); the
 * one production caller (verdict_rules.c emit) passes them from named fields. */
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
ma_verdict *ma_verdict_new(ma_verdict_id id, guint session_id, guint track_index, guint flow_id,
                           const char *const *facts)
{
    const ma_verdict_def *def = ma_verdict_def_get(id);
    g_return_val_if_fail(def != NULL, NULL);

    /* Split the key, value, ... list into the parallel arrays format wants. */
    GPtrArray *keys = g_ptr_array_new();
    GPtrArray *values = g_ptr_array_new();
    for (gsize i = 0; facts != NULL && facts[i] != NULL && facts[i + 1] != NULL; i += 2) {
        g_ptr_array_add(keys, (gpointer)facts[i]);
        g_ptr_array_add(values, (gpointer)facts[i + 1]);
    }
    g_ptr_array_add(keys, NULL);
    g_ptr_array_add(values, NULL);

    ma_verdict *v = g_new0(ma_verdict, 1);
    v->def = def;
    v->message = ma_verdict_format(def->message_template, (const char *const *)keys->pdata,
                                   (const char *const *)values->pdata);
    v->frames = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    v->session_id = session_id;
    v->track_index = track_index;
    v->has_track = track_index != MA_VERDICT_NO_TRACK;
    v->flow_id = flow_id;
    g_ptr_array_free(keys, TRUE);
    g_ptr_array_free(values, TRUE);
    return v;
}

void ma_verdict_add_frame(ma_verdict *v, uint32_t frame)
{
    if (v == NULL || frame == 0)
        return;
    guint pos = 0;
    while (pos < v->frames->len && g_array_index(v->frames, uint32_t, pos) < frame)
        pos++;
    if (pos < v->frames->len && g_array_index(v->frames, uint32_t, pos) == frame)
        return;
    g_array_insert_val(v->frames, pos, frame);
}

void ma_verdict_free(ma_verdict *v)
{
    if (v == NULL)
        return;
    g_free(v->message);
    g_array_free(v->frames, TRUE);
    g_free(v);
}

static int cmp_uint(guint a, guint b)
{
    return (a > b) - (a < b);
}

/* NOLINTNEXTLINE(bugprone-easily-swappable-parameters): GCompareFunc signature */
gint ma_verdict_compare(gconstpointer a, gconstpointer b)
{
    const ma_verdict *va = *(const ma_verdict *const *)a;
    const ma_verdict *vb = *(const ma_verdict *const *)b;
    int c = cmp_uint(va->session_id, vb->session_id);
    if (c == 0)
        c = strcmp(va->def->code, vb->def->code);
    if (c == 0)
        c = cmp_uint(va->track_index, vb->track_index);
    if (c == 0)
        c = cmp_uint(va->flow_id, vb->flow_id);
    return c;
}
