/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verdicts.c - the verdict catalogue (data, one row per code) and the
 * formatting of concluded verdicts.  The rules that decide when a verdict
 * fires live in verdict_rules.c; this file only says what each code means. */
#include "verdicts.h"

#include <string.h>

/* One row per ma_verdict_id, designated by it; rows stay in id order (and the
 * unit test checks row i has id i) so the table reads like the enum. */
static const ma_verdict_def catalogue[] = {
    [MA_V_SETUP_FAILED] =
        {
            .id = MA_V_SETUP_FAILED,
            .code = "MA101",
            .name = "setup-failed",
            .severity = MA_SEV_ERROR,
            .title = "SETUP failed",
            .message_template =
                "SETUP of {url} was answered {status} {reason} (frame {frame}){note}",
            .explanation =
                "The camera refused to set up the stream, so no media can flow. Check the RTSP "
                "URL, "
                "the credentials and the transport the client asks for (461: the server does not "
                "offer this transport, typically multicast not enabled in the camera's stream "
                "profile).",
        },
    [MA_V_ANSWERED_UNICAST] =
        {
            .id = MA_V_ANSWERED_UNICAST,
            .code = "MA102",
            .name = "answered-unicast",
            .severity = MA_SEV_ERROR,
            .title = "multicast asked, unicast answered",
            .message_template = "SETUP of {url} asked for {requested} but the server answered "
                                "unicast {reply} (frame "
                                "{frame})",
            .explanation =
                "The client asked for multicast but the camera answered with a unicast transport, "
                "so "
                "the stream will not go to the multicast group. Enable multicast for this stream "
                "profile on the camera (or use its multicast URL) and check that the client really "
                "requests multicast.",
        },
    [MA_V_ANSWERED_INTERLEAVED] =
        {
            .id = MA_V_ANSWERED_INTERLEAVED,
            .code = "MA103",
            .name = "answered-interleaved",
            .severity = MA_SEV_ERROR,
            .title = "multicast asked, TCP interleaved answered",
            .message_template = "SETUP of {url} asked for {requested} but the server answered TCP "
                                "interleaved {reply} "
                                "(frame {frame})",
            .explanation =
                "The client asked for multicast but the camera chose to send the media inside the "
                "RTSP TCP connection, which bypasses the multicast network entirely. Enable "
                "multicast "
                "on the camera's stream profile, or stop the client from falling back to RTSP over "
                "TCP.",
        },
    [MA_V_SDP_SETUP_DISAGREE] =
        {
            .id = MA_V_SDP_SETUP_DISAGREE,
            .code = "MA104",
            .name = "sdp-setup-disagree",
            .severity = MA_SEV_WARNING,
            .title = "SDP and SETUP reply disagree",
            .message_template =
                "for {url} the SDP says {sdp} but the SETUP reply says {reply} (frame {frame})",
            .explanation =
                "The DESCRIBE answer (SDP) and the SETUP answer name different multicast "
                "addresses, "
                "ports or TTL, so clients that trust the SDP will listen in the wrong place. Make "
                "the "
                "camera's multicast settings consistent, or make the client use the SETUP reply's "
                "Transport.",
        },
    [MA_V_NEGOTIATION_BEFORE_CAPTURE] =
        {
            .id = MA_V_NEGOTIATION_BEFORE_CAPTURE,
            .code = "MA105",
            .name = "negotiation-before-capture",
            .severity = MA_SEV_INFO,
            .title = "stream negotiated before the capture",
            .message_template =
                "RTP from {source} to {group}:{port} (first frame {frame}) has no SETUP in the "
                "capture: it was negotiated before the capture started",
            .explanation = "Media is flowing to a multicast group but the RTSP negotiation that "
                           "asked for it is "
                           "not in the capture, so the client and its join cannot be checked. "
                           "Start the capture "
                           "before the client opens the stream to audit the whole setup.",
        },
    [MA_V_SESSION_TIMEOUT] =
        {
            .id = MA_V_SESSION_TIMEOUT,
            .code = "MA106",
            .name = "session-timeout",
            .time_based = TRUE,
            .severity = MA_SEV_WARNING,
            .title = "RTSP session timed out",
            .message_template = "no request in session {session_id} for {gap} s (frames {from} to "
                                "{to}), longer than "
                                "its timeout of {timeout} s{proof}",
            .explanation =
                "The client sent no keep-alive (OPTIONS, GET_PARAMETER) within the RTSP session "
                "timeout, so the camera may end the session and stop the stream. Make the client "
                "send "
                "keep-alives more often than the Session timeout (60 s by default).",
        },
    [MA_V_NO_SESSION_PLAYED] =
        {
            .id = MA_V_NO_SESSION_PLAYED,
            .code = "MA107",
            .name = "no-session-played",
            .severity = MA_SEV_ERROR,
            .title = "no RTSP session played",
            .message_template =
                "--require-session: no PLAY was answered 2xx in the capture ({sessions} "
                "RTSP session{plural} seen{detail})",
            .explanation =
                "The gate needs at least one stream that was negotiated and started, and "
                "this capture has none: the client never got as far as a successful PLAY, "
                "or the capture missed the RTSP exchange. Start the capture before the "
                "client opens the stream and check the RTSP answers listed in the report.",
        },
    [MA_V_RTSP_ERROR_REPLY] =
        {
            .id = MA_V_RTSP_ERROR_REPLY,
            .code = "MA108",
            .name = "rtsp-error-reply",
            .severity = MA_SEV_WARNING,
            .title = "RTSP request answered with an error",
            .message_template =
                "{method} (frame {request}) in session {session_id} was answered {status} "
                "{reason} (frame {frame}){meaning}",
            .explanation =
                "The camera refused a request of a running session: 454 Session Not Found "
                "means the camera had already dropped the session (usually a missed "
                "keep-alive), 455 and 459 a request the session's state does not allow, 457"
                " a bad Range, 5xx a camera fault. Fix the client's keep-alive or request "
                "order, or look at the camera's log for 5xx.",
        },
    [MA_V_TRANSPORT_MALFORMED] =
        {
            .id = MA_V_TRANSPORT_MALFORMED,
            .code = "MA120",
            .name = "transport-malformed",
            .severity = MA_SEV_ERROR,
            .title = "SETUP reply Transport does not parse",
            .message_template = "the SETUP reply for {url} (frame {frame}) {problem}: where the "
                                "media goes is unknown",
            .explanation = "The camera accepted the SETUP but its Transport header, which must say "
                           "where and how "
                           "the media is sent, is missing or malformed, so clients may guess "
                           "wrongly or give up. "
                           "Fix the camera's RTSP server (firmware) or its stream settings so that "
                           "it answers a "
                           "valid Transport (RFC 2326 section 12.39).",
        },
    [MA_V_SAP_INTERVAL_LONG] =
        {
            .id = MA_V_SAP_INTERVAL_LONG,
            .code = "MA149",
            .name = "sap-interval-long",
            .severity = MA_SEV_WARNING,
            .title = "SAP announcement repeated too rarely",
            .message_template = "{described} {detail}, more than the {limit} s an RFC 2974 "
                                "announcer waits (4/3 of its {interval} s interval)",
            .explanation =
                "RFC 2974 section 3.1 repeats an announcement every max(300 s, its share of a "
                "4000 bit/s SAP bandwidth) with a random offset of up to a third, so a longer "
                "silence means announcements were lost or the announcer stopped, and receivers "
                "drop the session from their cache after ten intervals or an hour (section 4). "
                "Check the announcer and the multicast path of the SAP group to the receivers.",
        },
    [MA_V_NOBODY_JOINED] =
        {
            .id = MA_V_NOBODY_JOINED,
            .code = "MA201",
            .name = "nobody-joined",
            .severity = MA_SEV_WARNING,
            .title = "nobody joined the group",
            .message_template = "nobody joined {group} in the capture (SETUP reply frame {frame})",
            .explanation =
                "No host sent an IGMP/MLD report for the stream's group, so a snooping switch or a "
                "router will not forward it to anybody. Check that the client joins the group (its "
                "multicast socket, IGMP version, firewall) and that the capture point sees its "
                "reports.",
        },
    [MA_V_CLIENT_NEVER_JOINED] =
        {
            .id = MA_V_CLIENT_NEVER_JOINED,
            .code = "MA202",
            .name = "client-never-joined",
            .severity = MA_SEV_WARNING,
            .title = "the client never joined",
            .message_template =
                "the {who} {host} joined {group} (frame {frame}) but the client {client} never did",
            .explanation =
                "Somebody else's join (often the camera's own) keeps the stream flowing only on "
                "that "
                "host's switch port; a snooping switch will not forward the group to the client. "
                "Fix "
                "the client's multicast join: its socket, its IGMP version, or a firewall dropping "
                "IGMP.",
        },
    [MA_V_JOIN_OTHER_GROUP] =
        {
            .id = MA_V_JOIN_OTHER_GROUP,
            .code = "MA203",
            .name = "join-other-group",
            .severity = MA_SEV_ERROR,
            .title = "the client joined another group",
            .message_template =
                "the client {client} joined {other} (frame {frame}) but never the negotiated group "
                "{group}",
            .explanation =
                "The client subscribed to a different multicast group than the one the camera "
                "announced, so it listens where no stream is sent. Correct the group configured in "
                "the client (or the URL it opens) to match the SETUP reply.",
        },
    [MA_V_SSM_SOURCE_MISMATCH] =
        {
            .id = MA_V_SSM_SOURCE_MISMATCH,
            .code = "MA204",
            .name = "ssm-source-mismatch",
            .severity = MA_SEV_ERROR,
            .title = "source-specific join does not match",
            .message_template = "the client {client}'s join of {group} (frame {frame}) {detail}",
            .explanation = "A source-specific (SSM) join only receives from the listed sources, "
                           "and an SSM group "
                           "cannot be joined without one, so the stream is filtered out. Configure "
                           "the client's "
                           "source to the camera's address, or use an any-source group outside "
                           "232/8 (ff3x::).",
        },
    [MA_V_LEAVE_BEFORE_TEARDOWN] =
        {
            .id = MA_V_LEAVE_BEFORE_TEARDOWN,
            .code = "MA205",
            .name = "leave-before-teardown",
            .severity = MA_SEV_WARNING,
            .title = "the client left while playing",
            .message_template =
                "the client {client} left {group} (frame {frame}) while the session was "
                "playing{teardown}",
            .explanation = "The client gave up its membership while the RTSP session was still "
                           "playing, so the "
                           "switch stops forwarding the stream to it. Look for the client "
                           "application closing or "
                           "re-opening its multicast socket, or an interface change.",
        },
    [MA_V_NO_QUERIER] =
        {
            .id = MA_V_NO_QUERIER,
            .code = "MA206",
            .name = "no-querier",
            .severity = MA_SEV_WARNING,
            .title = "no IGMP/MLD querier",
            .message_template =
                "no IGMP/MLD query in the {covered} s captured after the first join of {group} "
                "(frame "
                "{frame}): memberships will expire about {gmi} s after the last report",
            .explanation = "Without a querier nobody asks hosts to renew their membership, so "
                           "snooping switches "
                           "drop the group about 260 s (2 x 125 s + 10 s) after the last report "
                           "and the stream "
                           "stops. Enable an IGMP querier on the VLAN (switch or router), or make "
                           "sure queries "
                           "are not blocked.",
        },
    [MA_V_MEMBERSHIP_EXPIRED] =
        {
            .id = MA_V_MEMBERSHIP_EXPIRED,
            .code = "MA207",
            .name = "membership-expired",
            .time_based = TRUE,
            .severity = MA_SEV_ERROR,
            .title = "membership expired",
            .message_template =
                "media to {group} stopped (frame {frame}) {after} s after the client's last report "
                "(frame {report_frame}): the membership {how}",
            .explanation =
                "The stream stopped about 260 s (2 x 125 s + 10 s) after the client's last report, "
                "which is when a switch or router ages out a membership nobody refreshed. Provide "
                "an "
                "IGMP/MLD querier on the VLAN and let the queries and the client's reports through "
                "firewalls.",
        },
    [MA_V_MIXED_VERSIONS] =
        {
            .id = MA_V_MIXED_VERSIONS,
            .code = "MA208",
            .name = "mixed-versions",
            .severity = MA_SEV_WARNING,
            .title = "mixed IGMP/MLD versions",
            .message_template = "{proto} versions {versions} seen in the capture (frames {frames})",
            .explanation = "Hosts and queriers on the link speak different IGMP/MLD versions, so "
                           "some fall back "
                           "to an older version and source-specific joins or fast leaves stop "
                           "working. Configure "
                           "one version on the querier and the hosts (usually IGMPv3 / MLDv2).",
        },
    [MA_V_LATE_JOIN] =
        {
            .id = MA_V_LATE_JOIN,
            .code = "MA209",
            .name = "late-join",
            .severity = MA_SEV_WARNING,
            .title = "late join",
            .message_template =
                "the client {client} joined {group} (frame {frame}) {latency} ms after the {after} "
                "(limit {limit} ms)",
            .explanation =
                "The client joined the group long after the stream was started, so the picture "
                "starts "
                "late and the first frames are lost. Check the client application's start-up order "
                "and any delay in its multicast socket set-up.",
        },
    [MA_V_GROUP_NOBODY_JOINED] =
        {
            .id = MA_V_GROUP_NOBODY_JOINED,
            .code = "MA220",
            .name = "group-nobody-joined",
            .severity = MA_SEV_WARNING,
            .title = "static multicast nobody joined",
            .message_template = "media from {source} to {group} (frames {first} to {last}) has no "
                                "RTSP session and no host joined the group in the capture",
            .explanation =
                "The stream is sent to a fixed group, but no receiver asked for it, so a snooping "
                "switch floods it (no snooping) or the capture point sits before the receivers. "
                "Check that the receivers join the group (their IGMP/MLD version, a firewall "
                "dropping IGMP) and that the capture point sees their reports.",
        },
    [MA_V_GROUP_MEDIA_AFTER_LEAVE] =
        {
            .id = MA_V_GROUP_MEDIA_AFTER_LEAVE,
            .code = "MA221",
            .name = "group-media-after-leave",
            .severity = MA_SEV_WARNING,
            .title = "media after the last leave",
            .message_template = "media to {group} still arrives {after} s after its last member "
                                "{host} left (frame {frame}), last packet frame {last}",
            .explanation =
                "Nobody is a member of the group any more, yet the stream keeps coming, which "
                "wastes bandwidth and floods ports. Enable IGMP/MLD snooping with a querier (and "
                "fast leave) on the switches, or look for a member the capture does not see.",
        },
    [MA_V_GROUP_LEAVE_WHILE_MEDIA] =
        {
            .id = MA_V_GROUP_LEAVE_WHILE_MEDIA,
            .code = "MA222",
            .name = "group-leave-while-media",
            .severity = MA_SEV_INFO,
            .title = "a member left while media flowed",
            .message_template =
                "{host} left {group} (frame {frame}, {how}) while media flowed to it{others}",
            .explanation =
                "A receiver gave up the group while the stream was running: a viewer changing "
                "channel or closing its player, or a socket closed by accident. If the receiver "
                "should still be watching, look at its application and interface around that "
                "frame.",
        },
    [MA_V_GROUP_MEMBERSHIP_EXPIRED] =
        {
            .id = MA_V_GROUP_MEMBERSHIP_EXPIRED,
            .code = "MA223",
            .name = "group-membership-expired",
            .time_based = TRUE,
            .severity = MA_SEV_ERROR,
            .title = "static multicast membership expired",
            .message_template = "media to {group} stopped (frame {frame}) {after} s after the last "
                                "report of its last member {host} (frame {report_frame}), which "
                                "never left: the membership {how}",
            .explanation =
                "The stream stopped about 260 s (2 x 125 s + 10 s) after the last receiver's last "
                "report, which is when a switch or router ages out a membership nobody refreshed. "
                "Provide an IGMP/MLD querier on the VLAN and let the queries and the receivers' "
                "reports through firewalls.",
        },
    [MA_V_GROUP_SSM_WITHOUT_SENDER] =
        {
            .id = MA_V_GROUP_SSM_WITHOUT_SENDER,
            .code = "MA224",
            .name = "group-ssm-without-sender",
            .severity = MA_SEV_ERROR,
            .title = "source-specific join without the sender",
            .message_template = "{host}'s join of {group} (frame {frame}) {detail}",
            .explanation =
                "A source-specific (SSM) join only receives from the sources it lists, and an SSM "
                "group cannot be joined without one, so the receiver gets nothing of this stream. "
                "Configure the receiver's source to the sender's address, or use an any-source "
                "group outside 232/8 (ff3x::).",
        },
    [MA_V_DESCRIBED_JOIN_WITHOUT_SENDER] =
        {
            .id = MA_V_DESCRIBED_JOIN_WITHOUT_SENDER,
            .code = "MA239",
            .name = "described-join-without-sender",
            .severity = MA_SEV_ERROR,
            .title = "join of a described group without its sender",
            .message_template = "{host}'s join of {group} (frame {frame}) includes only {sources}, "
                                "not {sender}, which sends the stream {described} describes",
            .explanation =
                "A source-specific join only receives from the sources it lists, so this receiver "
                "gets nothing of the stream that actually reaches the group. Make the sender and "
                "the description's a=source-filter agree, then the receiver's source with them.",
        },
    [MA_V_NO_MEDIA] =
        {
            .id = MA_V_NO_MEDIA,
            .code = "MA301",
            .name = "no-media",
            .severity = MA_SEV_ERROR,
            .title = "no media",
            .message_template =
                "no datagram reached {dest} in the capture (SETUP reply frame {frame})",
            .explanation =
                "The stream was negotiated and started but no media packet reached its destination "
                "at "
                "the capture point. Check that the camera is really sending, that the switch "
                "forwards "
                "the group (IGMP snooping, querier) and that the capture point is on the media's "
                "path.",
        },
    [MA_V_MEDIA_WRONG_PORT] =
        {
            .id = MA_V_MEDIA_WRONG_PORT,
            .code = "MA302",
            .name = "media-wrong-port",
            .severity = MA_SEV_ERROR,
            .title = "media on the wrong port",
            .message_template =
                "media from {source} reached {group} on port {port} (frame {frame}) instead of the "
                "negotiated port {expected_port}",
            .explanation =
                "The camera sends the stream to the right group but another UDP port than it "
                "negotiated, so the client listens on an empty port. Fix the camera's multicast "
                "port "
                "setting so that it matches what it announces in SETUP.",
        },
    [MA_V_MEDIA_WRONG_GROUP] =
        {
            .id = MA_V_MEDIA_WRONG_GROUP,
            .code = "MA303",
            .name = "media-wrong-group",
            .severity = MA_SEV_ERROR,
            .title = "media to the wrong group",
            .message_template = "media from {source} went to {other} (frame {frame}) instead of "
                                "the negotiated group "
                                "{group}",
            .explanation =
                "The camera sends the stream to another multicast group than it negotiated, so the "
                "client joins and listens on an empty group. Fix the camera's multicast address "
                "setting so that it matches what it announces in SETUP.",
        },
    [MA_V_TTL_BELOW_NEGOTIATED] =
        {
            .id = MA_V_TTL_BELOW_NEGOTIATED,
            .code = "MA304",
            .name = "ttl-below-negotiated",
            .severity = MA_SEV_WARNING,
            .title = "TTL below the negotiated ttl",
            .message_template = "media to {group} arrives with IP TTL {ttl_min} (frame {frame}), "
                                "below the negotiated "
                                "ttl {ttl}{note}",
            .explanation =
                "The packets carry a smaller TTL than the camera announced, so they may die before "
                "reaching routed clients. Raise the camera's multicast TTL (or check for an extra "
                "routing hop).",
        },
    [MA_V_TTL_ONE] =
        {
            .id = MA_V_TTL_ONE,
            .code = "MA305",
            .name = "ttl-one",
            .severity = MA_SEV_WARNING,
            .title = "TTL 1",
            .message_template =
                "media to {group} arrives with IP TTL 1 (frame {frame}): it cannot cross a router",
            .explanation =
                "A multicast packet with TTL 1 never leaves its own subnet, so clients behind a "
                "router get nothing. Raise the camera's multicast TTL to the number of routed hops "
                "plus one.",
        },
    [MA_V_LATE_FIRST_PACKET] =
        {
            .id = MA_V_LATE_FIRST_PACKET,
            .code = "MA306",
            .name = "late-first-packet",
            .severity = MA_SEV_WARNING,
            .title = "late first packet",
            .message_template = "the first media packet (frame {frame}) came {delay} ms after the "
                                "PLAY reply (frame "
                                "{play_frame}, limit {limit} ms)",
            .explanation = "Media started long after the camera accepted PLAY, which the viewer "
                           "sees as a slow "
                           "start. Usual causes are a late join, a switch waiting for a query "
                           "before forwarding, "
                           "or a camera that starts its encoder only on PLAY.",
        },
    [MA_V_LOSS] =
        {
            .id = MA_V_LOSS,
            .code = "MA307",
            .name = "loss",
            .severity = MA_SEV_ERROR,
            .title = "packet loss",
            .message_template = "{lost} of {expected} RTP packets lost ({pct}%) on flow {flow} "
                                "{src} -> {dst} (limit "
                                "{limit}%){bursts}",
            .explanation =
                "RTP sequence numbers are missing, so the picture shows artefacts or freezes. Look "
                "for congested or oversubscribed links, duplex mismatches or a capture point "
                "dropping "
                "packets.",
        },
    [MA_V_JITTER] =
        {
            .id = MA_V_JITTER,
            .code = "MA308",
            .name = "jitter",
            .severity = MA_SEV_WARNING,
            .title = "jitter",
            .message_template = "RTP jitter reached {jitter} ms on flow {flow} {src} -> {dst} "
                                "(limit {limit} ms){peak}",
            .explanation =
                "Packets arrive with uneven spacing compared with their timestamps, which can "
                "overrun "
                "the client's jitter buffer. Video sends many packets per frame, so some jitter is "
                "normal; persistent high values point to congestion or queuing on the path.",
        },
    [MA_V_MEDIA_AFTER_LEAVE] =
        {
            .id = MA_V_MEDIA_AFTER_LEAVE,
            .code = "MA309",
            .name = "media-after-leave",
            .severity = MA_SEV_WARNING,
            .title = "media after the leave",
            .message_template =
                "RTP to {group} still arrives {after} s after the client {client}'s leave (frame "
                "{frame})",
            .explanation = "After the client left the group the switch kept forwarding the stream, "
                           "which wastes "
                           "bandwidth and can flood ports. Enable IGMP snooping with fast-leave or "
                           "a querier, or "
                           "check whether another member on the port still wants the group.",
        },
    [MA_V_NO_RTCP] =
        {
            .id = MA_V_NO_RTCP,
            .code = "MA310",
            .name = "no-rtcp",
            .severity = MA_SEV_WARNING,
            .title = "no RTCP",
            .message_template =
                "no RTCP from {source} reached {dest} while RTP flowed for {lasted} s "
                "(at least {needed} s, three RTCP intervals, are needed to tell)",
            .explanation =
                "The camera sends RTP but no RTCP sender reports on the RTCP port, so clients "
                "cannot "
                "synchronise audio and video or measure the stream. Enable RTCP on the camera, or "
                "check that the RTCP port (RTP port + 1) is forwarded too.",
        },
    [MA_V_REORDER_DUP] =
        {
            .id = MA_V_REORDER_DUP,
            .code = "MA311",
            .name = "reorder-duplicate",
            .severity = MA_SEV_INFO,
            .title = "reordered or duplicated packets",
            .message_template = "flow {flow} {src} -> {dst}: {reordered} packets reordered, "
                                "{duplicates} duplicated",
            .explanation =
                "Some RTP packets arrived out of order or twice, which usually means two paths (a "
                "loop, redundant links or two capture points) carry the stream. Check for "
                "duplicate "
                "multicast routes and SPAN sessions.",
        },
    [MA_V_MEDIA_STOPPED] =
        {
            .id = MA_V_MEDIA_STOPPED,
            .code = "MA312",
            .name = "media-stopped",
            .time_based = TRUE,
            .severity = MA_SEV_ERROR,
            .title = "media stopped",
            .message_template =
                "media to {dest} stopped at frame {frame}, {before} s before the {end}",
            .explanation =
                "The stream stopped while the session was still supposed to run. Look at what "
                "happened in the seconds before: a leave, an expired membership, an RTSP session "
                "timeout, or the camera itself stopping.",
        },
    [MA_V_UNEXPECTED_GROUP] =
        {
            .id = MA_V_UNEXPECTED_GROUP,
            .code = "MA313",
            .name = "unexpected-group",
            .severity = MA_SEV_ERROR,
            .title = "unexpected group",
            .message_template = "the stream is at {actual} but {expected} was expected",
            .explanation = "The stream was negotiated at a different multicast address or port "
                           "than the one the "
                           "deployment expects, so viewers configured for it get nothing. Correct "
                           "the camera's "
                           "multicast settings or the expected address.",
        },
    [MA_V_TS_SYNC_LOSS] =
        {
            .id = MA_V_TS_SYNC_LOSS,
            .code = "MA314",
            .name = "ts-sync-loss",
            .severity = MA_SEV_ERROR,
            .title = "MPEG-TS sync loss",
            .message_template =
                "flow {flow} {src} -> {dst}: {bad} of {packets} MPEG-TS packets without the 0x47 "
                "sync byte, sync lost {losses} time{s} (first at frame {frame}; ETSI TR 101 290 "
                "1.1/1.2)",
            .explanation =
                "The transport stream's packets do not start with the sync byte, so a decoder "
                "throws them away and the picture breaks up. Check the encoder or multiplexer's "
                "output and any device that rewrites the stream (a gateway packing TS into UDP or "
                "RTP).",
        },
    [MA_V_TS_CC_ERROR] =
        {
            .id = MA_V_TS_CC_ERROR,
            .code = "MA315",
            .name = "ts-cc-error",
            .severity = MA_SEV_ERROR,
            .title = "MPEG-TS continuity errors",
            .message_template =
                "flow {flow} {src} -> {dst}: {errors} MPEG-TS continuity-counter error{s}, "
                "{lost} TS packets missing by the counters ({pct} % of {packets}); the first at "
                "frame {frame} on PID {pid} (ETSI TR 101 290 1.4)",
            .explanation =
                "TS packets of a PID are missing or out of order, which viewers see as blocks, "
                "freezes or audio clicks; over raw UDP the counters are the only loss figure. Look "
                "for loss on the path (the same causes as RTP loss: congested links, snooping "
                "switches, Wi-Fi) or at the multiplexer if the datagrams themselves all arrived.",
        },
    [MA_V_TS_PAT_ERROR] =
        {
            .id = MA_V_TS_PAT_ERROR,
            .code = "MA316",
            .name = "ts-pat-error",
            .severity = MA_SEV_ERROR,
            .title = "MPEG-TS PAT error",
            .message_template =
                "flow {flow} {src} -> {dst}: {errors} PAT error{s}: {what} (first at frame "
                "{frame}; ETSI TR 101 290 1.3 wants a PAT on PID 0 at least every 0.5 s)",
            .explanation =
                "Without a regular Program Association Table a set-top box that tunes in cannot "
                "find the programme, so channel changes are slow or fail. Configure the "
                "multiplexer or streamer to repeat the PAT at least every 0.5 s (100 ms is usual).",
        },
    [MA_V_TS_PMT_ERROR] =
        {
            .id = MA_V_TS_PMT_ERROR,
            .code = "MA317",
            .name = "ts-pmt-error",
            .severity = MA_SEV_ERROR,
            .title = "MPEG-TS PMT error",
            .message_template =
                "flow {flow} {src} -> {dst}: {errors} PMT error{s}: {what} (first at frame "
                "{frame}, PID {pid}; ETSI TR 101 290 1.5 wants each PMT at least every 0.5 s)",
            .explanation =
                "Without a regular Program Map Table a receiver does not learn which PIDs carry "
                "the programme's video and audio, so it cannot start decoding. Configure the "
                "multiplexer to repeat every PMT the PAT names at least every 0.5 s.",
        },
    [MA_V_TTL_ONE_LOCAL] =
        {
            .id = MA_V_TTL_ONE_LOCAL,
            .code = "MA340",
            .name = "ttl-one-local",
            .severity = MA_SEV_INFO,
            .title = "TTL 1, fine here",
            .message_template =
                "media to {group} arrives with IP TTL 1 (frame {frame}), fine here: 0 router hops "
                "between the camera and the client (RTSP from the camera arrives with TTL "
                "{server_ttl} of {server_initial}, frame {server_frame}{client_note})",
            .explanation =
                "The camera's unicast RTSP packets arrive with their initial TTL, so no router "
                "lies "
                "between camera and client and TTL 1 multicast reaches it. Clients behind a router "
                "would get nothing: raise the camera's multicast TTL before routing the stream.",
        },
    [MA_V_SSRC_CHANGED] =
        {
            .id = MA_V_SSRC_CHANGED,
            .code = "MA341",
            .name = "ssrc-changed",
            .severity = MA_SEV_WARNING,
            .title = "SSRC changed",
            .message_template =
                "flow {flow} {src} -> {dst}: the SSRC changed from {before} to {after} at frame "
                "{frame}{more}; the figures restart for the new source",
            .explanation = "A new SSRC on the same flow means the camera restarted its RTP sender "
                           "(a reboot, an "
                           "encoder restart or a second sender on the same group and port); "
                           "viewers see a freeze "
                           "and must resynchronise. Look at the camera's log around that time.",
        },
    [MA_V_SLOW_ZAP] =
        {
            .id = MA_V_SLOW_ZAP,
            .code = "MA360",
            .name = "slow-zap",
            .severity = MA_SEV_WARNING,
            .title = "slow zap",
            .message_template = "{host} joined {group} (frame {frame}) and the first media packet "
                                "came {zap} ms later (frame {media_frame}; limit {limit} ms)",
            .explanation =
                "The time from a receiver's join to the first packet of the stream (the zap "
                "time) is what a viewer waits for a picture when changing channel. Look at the "
                "multicast routing on the way (PIM join latency, a snooping switch waiting for a "
                "query) and at where the stream enters the network.",
        },
    [MA_V_DESCRIBED_NO_MEDIA] =
        {
            .id = MA_V_DESCRIBED_NO_MEDIA,
            .code = "MA365",
            .name = "described-no-media",
            .severity = MA_SEV_ERROR,
            .title = "described stream never seen",
            .message_template = "no datagram reached {dest}, which {described} describes",
            .explanation =
                "An SDP file or a SAP announcement says a stream is sent to this group and port, "
                "but nothing reached it at the capture point. Check that the sender is on and "
                "sends where the description says, that the network forwards the group to the "
                "capture point (a join, IGMP snooping, PIM), and that the description is current.",
        },
    [MA_V_DESCRIBED_PT_UNMAPPED] =
        {
            .id = MA_V_DESCRIBED_PT_UNMAPPED,
            .code = "MA366",
            .name = "described-payload-unmapped",
            .severity = MA_SEV_WARNING,
            .title = "payload type not in the description",
            .message_template = "media to {dest} carries RTP payload type {pt} (frame {frame}), "
                                "which the m= line of {described} does not list ({formats})",
            .explanation =
                "A receiver that follows the description drops or misdecodes packets whose "
                "payload type its m= line and a=rtpmap do not map (RFC 8866 5.14). Make the "
                "sender's payload type and the SDP's m= format and a=rtpmap agree.",
        },
    [MA_V_DESCRIBED_SOURCE_MISMATCH] =
        {
            .id = MA_V_DESCRIBED_SOURCE_MISMATCH,
            .code = "MA368",
            .name = "described-source-mismatch",
            .severity = MA_SEV_ERROR,
            .title = "media from a source the description excludes",
            .message_template = "media to {dest} comes from {source} (frame {frame}), which the "
                                "a=source-filter of {described} does not allow ({filter})",
            .explanation =
                "The description's a=source-filter (RFC 4570) names the only sources a receiver "
                "accepts and joins, so receivers following it (SSM joins, ST 2110 receivers) drop "
                "this stream or are never sent it. Send from the described source, or correct "
                "the SDP file or the SAP announcement.",
        },
    [MA_V_SAP_MEDIA_AFTER_DELETION] =
        {
            .id = MA_V_SAP_MEDIA_AFTER_DELETION,
            .code = "MA369",
            .name = "sap-media-after-deletion",
            .severity = MA_SEV_WARNING,
            .title = "media after the SAP deletion",
            .message_template = "media to {dest} still arrives {after} s after {described} was "
                                "deleted (frame {frame}), last packet frame {last_frame}",
            .explanation =
                "A SAP deletion (RFC 2974 section 4) tells receivers the session is over, yet "
                "the sender goes on using the group's bandwidth for a stream nobody is told "
                "about. Stop the stream when its announcement is deleted, or announce it again.",
        },
    [MA_V_LIMIT_REACHED] =
        {
            .id = MA_V_LIMIT_REACHED,
            .code = "MA901",
            .name = "limit-reached",
            .severity = MA_SEV_WARNING,
            .title = "limit reached",
            .message_template =
                "the {table} table is full ({limit} entries) at frame {frame}: figures are partial",
            .explanation =
                "The capture holds more sessions or flows than the audit keeps in memory, so some "
                "were not analysed. Raise the limit or filter the capture to the cameras of "
                "interest.",
        },
    [MA_V_DECODE_DEGRADED] =
        {
            .id = MA_V_DECODE_DEGRADED,
            .code = "MA902",
            .name = "decode-degraded",
            .severity = MA_SEV_WARNING,
            .title = "decode degradations",
            .message_template = "{total} decode event{plural} ({events}): part of the input was "
                                "skipped, refused or dropped",
            .explanation =
                "Some packets or messages were malformed, failed their checksum, arrived with "
                "gaps or did not fit a table, so the figures may miss what they carried (the "
                "decode events name each kind with its first frame). Look at the first frame of "
                "each event: a bad capture point, a snap length too short or a hostile sender.",
        },
    [MA_V_NOTHING_TO_AUDIT] =
        {
            .id = MA_V_NOTHING_TO_AUDIT,
            .code = "MA920",
            .name = "nothing-to-audit",
            .severity = MA_SEV_ERROR,
            .title = "nothing to audit",
            .message_template =
                "{input} holds no RTSP session, no multicast flow and no RTP flow{read}",
            .explanation =
                "An empty capture, or one of the wrong interface or filter, proves nothing "
                "about the stream, so it must not pass a gate. Capture on the client's "
                "interface while it opens the stream, with a filter that keeps RTSP (TCP "
                "554/8554), IGMP/MLD and the multicast UDP.",
        },
    [MA_V_CAPTURE_TRUNCATED] =
        {
            .id = MA_V_CAPTURE_TRUNCATED,
            .code = "MA921",
            .name = "capture-truncated",
            .severity = MA_SEV_WARNING,
            .title = "capture truncated",
            .message_template = "{input} {what} after frame {frame}: what follows is not audited",
            .explanation =
                "The capture file ends inside a packet (copied while it was still being "
                "written, a full disk, a killed tcpdump) or cannot be read further, so the "
                "end of the streams is missing and figures cover only the part before. Stop"
                " the capture cleanly (tcpdump -U, SIGINT) before copying the file.",
        },
    [MA_V_EXPECTED_GROUP_ABSENT] =
        {
            .id = MA_V_EXPECTED_GROUP_ABSENT,
            .code = "MA922",
            .name = "expected-group-absent",
            .severity = MA_SEV_ERROR,
            .title = "expected group absent",
            .message_template = "--expect-group {expected}: no datagram went to it{negotiated}",
            .explanation =
                "The deployment expects the stream at this multicast group, but the capture"
                " shows no SETUP naming it and no media sent to it, so viewers configured "
                "for it get nothing. Check that the right camera and stream profile were "
                "captured and that its multicast address matches the expected one.",
        },
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

const char *ma_verdict_def_fix(const ma_verdict_def *d, gsize *cause_len)
{
    const char *e = d != NULL && d->explanation != NULL ? d->explanation : "";
    /* the catalogue test holds every explanation to two sentences, each
     * ending in ". " or at the end: the first ". " ends the cause */
    const char *stop = strstr(e, ". ");
    gsize len = stop != NULL ? (gsize)(stop - e) + 1 : strlen(e);
    if (cause_len != NULL)
        *cause_len = len;
    return stop != NULL ? stop + 2 : e + len;
}
