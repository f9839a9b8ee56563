/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proto.c - registration: the protocol, its fields, expert infos (one per
 * verdict of the core's catalogue and one per decode event kind) and the
 * postdissector handoff. */
#include "ma_plugin.h"

#include <epan/tap.h>

int proto_mcast_audit = -1;
int ma_tap_id = -1;
ma_hf_ids ma_hf;
int ett_ma = -1, ett_ma_session = -1, ett_ma_track = -1, ett_ma_flow = -1, ett_ma_verdict = -1,
    ett_ma_group = -1, ett_ma_member = -1;
expert_field ma_ei_verdict[MA_V__COUNT];
expert_field ma_ei_malformed = EI_INIT;
expert_field ma_ei_event[MA_DE__COUNT];

static dissector_handle_t ma_handle;

/* Shorthand for one hf_register_info row; every field is generated, so no
 * bitmask and no value strings except the FRAMENUM kinds. */
#define MA_HF(id, name, abbrev, type, display, strings, blurb) \
    { &ma_hf.id, { name, "mcast_audit." abbrev, type, display, strings, 0x0, blurb, HFILL } }

/* One field per line, as in Wireshark's dissectors: a table, not wrapped. */
/* clang-format off */
static hf_register_info ma_hf_info[] = {
    MA_HF(session, "Session", "session", FT_UINT32, BASE_DEC, NULL, "Audit session number (1-based, capture order)"),
    MA_HF(url, "URL", "url", FT_STRING, BASE_NONE, NULL, "First RTSP request URL of the session"),
    MA_HF(session_id, "RTSP Session", "session_id", FT_STRING, BASE_NONE, NULL, "RTSP Session header value"),
    MA_HF(client, "Client", "client", FT_IPv4, BASE_NONE, NULL, "RTSP client IPv4 address"),
    MA_HF(client6, "Client", "client6", FT_IPv6, BASE_NONE, NULL, "RTSP client IPv6 address"),
    MA_HF(server, "Server", "server", FT_IPv4, BASE_NONE, NULL, "RTSP server (camera) IPv4 address"),
    MA_HF(server6, "Server", "server6", FT_IPv6, BASE_NONE, NULL, "RTSP server (camera) IPv6 address"),
    MA_HF(outside_capture, "Negotiated before the capture", "outside_capture", FT_BOOLEAN, BASE_NONE, NULL,
          "Media seen without its SETUP in the capture"),
    MA_HF(track, "Track", "track", FT_UINT32, BASE_DEC, NULL, "Track number within the session, 1-based as users count SETUPs"),
    MA_HF(track_url, "Track URL", "track_url", FT_STRING, BASE_NONE, NULL, "SETUP URL"),
    MA_HF(multicast, "Multicast", "multicast", FT_BOOLEAN, BASE_NONE, NULL, "The track was negotiated as multicast"),
    MA_HF(transport_error, "Transport error", "transport_error", FT_STRING, BASE_NONE, NULL,
          "The SETUP reply's Transport is missing or does not parse (MA120): nothing is expected of the track"),
    MA_HF(group, "Group", "group", FT_IPv4, BASE_NONE, NULL, "Negotiated IPv4 destination (multicast group)"),
    MA_HF(group6, "Group", "group6", FT_IPv6, BASE_NONE, NULL, "Negotiated IPv6 destination (multicast group)"),
    MA_HF(port, "RTP port", "port", FT_UINT16, BASE_DEC, NULL, "Negotiated RTP port"),
    MA_HF(rtcp_port, "RTCP port", "rtcp_port", FT_UINT16, BASE_DEC, NULL, "Negotiated RTCP port"),
    MA_HF(ttl, "TTL", "ttl", FT_UINT8, BASE_DEC, NULL, "Negotiated multicast TTL"),
    MA_HF(source, "Expected source", "source", FT_IPv4, BASE_NONE, NULL, "Expected media source IPv4 address"),
    MA_HF(source6, "Expected source", "source6", FT_IPv6, BASE_NONE, NULL, "Expected media source IPv6 address"),
    MA_HF(encoding, "Encoding", "encoding", FT_STRING, BASE_NONE, NULL, "Encoding from the SDP"),
    MA_HF(clock_rate, "Clock rate", "clock_rate", FT_UINT32, BASE_DEC, NULL, "RTP clock rate (Hz), from the SDP"),
    MA_HF(role, "Role", "role", FT_STRING, BASE_NONE, NULL, "What this frame is for the session"),
    MA_HF(flow, "Flow", "flow", FT_UINT32, BASE_DEC, NULL, "UDP flow number (1-based, capture order)"),
    MA_HF(flow_role, "Flow role", "flow_role", FT_STRING, BASE_NONE, NULL,
          "What the flow is for its track: media, sender-rtcp, receiver-rtcp (a receiver's RTCP on the negotiated port), "
          "receiver-startup (a receiver's start-up datagrams to the group), other"),
    MA_HF(flow_sender, "Flow sender", "flow_sender", FT_STRING, BASE_NONE, NULL, "Who sends the flow: client, camera, other host"),
    MA_HF(clock_rate_flow, "Flow clock rate", "flow_clock_rate", FT_UINT32, BASE_DEC, NULL,
          "RTP clock rate (Hz) the flow's jitter uses"),
    MA_HF(clock_rate_inferred, "Clock rate inferred", "clock_rate_inferred", FT_BOOLEAN, BASE_NONE, NULL,
          "The clock rate was inferred (no SDP, dynamic payload type): the jitter rests on it"),
    MA_HF(clock_rate_source, "Clock rate from", "clock_rate_source", FT_STRING, BASE_NONE, NULL,
          "negotiated (SDP or static type), user (the clock_rates preference), timestamps or nal-header (inferred)"),
    MA_HF(rr_reports, "Receiver reports", "rr_reports", FT_UINT32, BASE_DEC, NULL,
          "RTCP report blocks about the track's media in this receiver's RTCP"),
    MA_HF(rr_fraction_lost, "Reported fraction lost", "rr_fraction_lost", FT_DOUBLE, BASE_NONE, NULL,
          "The receiver's last reported fraction lost (0..1, RFC 3550 6.4.1)"),
    MA_HF(rr_cumulative_lost, "Reported cumulative lost", "rr_cumulative_lost", FT_INT32, BASE_DEC, NULL,
          "The receiver's last reported cumulative number of packets lost"),
    MA_HF(rr_jitter, "Reported jitter (ms)", "rr_jitter", FT_DOUBLE, BASE_NONE, NULL,
          "The receiver's last reported interarrival jitter, in ms at the track's clock rate"),
    MA_HF(setup_frame, "SETUP reply in", "setup_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE),
          "Frame of the SETUP reply that negotiated this track"),
    MA_HF(play_frame, "PLAY reply in", "play_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE),
          "Frame of the PLAY reply"),
    MA_HF(join_frame, "Client join in", "join_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "First join of the group by the RTSP client"),
    MA_HF(any_join_frame, "First join (any host) in", "any_join_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "First join of the group by any host"),
    MA_HF(first_media_frame, "First media in", "first_media_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "First RTP packet of the track"),
    MA_HF(teardown_frame, "TEARDOWN in", "teardown_frame", FT_FRAMENUM, BASE_NONE, NULL, "TEARDOWN request"),
    MA_HF(join_latency, "Join latency", "join_latency", FT_RELATIVE_TIME, BASE_NONE, NULL,
          "Time from the PLAY reply (or SETUP reply) to this join, like tcp.analysis.ack_rtt"),
    MA_HF(since_play, "Time since PLAY reply", "since_play", FT_RELATIVE_TIME, BASE_NONE, NULL,
          "Time from the PLAY reply to this frame, like frame.time_delta"),
    MA_HF(packets, "RTP packets so far", "packets", FT_UINT64, BASE_DEC, NULL, "RTP packets of the flow up to this frame"),
    MA_HF(lost, "Lost so far", "lost", FT_INT64, BASE_DEC, NULL,
          "Sequence numbers never received up to this frame (RFC 3550 A.3, late arrivals fill holes)"),
    MA_HF(jitter, "Jitter (ms)", "jitter", FT_DOUBLE, BASE_NONE, NULL, "RFC 3550 A.8 running jitter at this frame"),
    MA_HF(ts_packets, "MPEG-TS packets so far", "ts.packets", FT_UINT64, BASE_DEC, NULL,
          "188-byte TS packets of the flow up to this frame (TS in RTP or straight in UDP)"),
    MA_HF(ts_cc_errors, "MPEG-TS CC errors so far", "ts.cc_errors", FT_UINT64, BASE_DEC, NULL,
          "Continuity-counter errors up to this frame (ETSI TR 101 290 1.4)"),
    MA_HF(ts_cc_lost, "MPEG-TS packets missing so far", "ts.cc_lost", FT_UINT64, BASE_DEC, NULL,
          "TS packets the continuity counters show missing up to this frame (raw UDP TS's loss)"),
    MA_HF(fec_direction, "FEC stream", "fec.direction", FT_STRING, BASE_NONE, NULL,
          "column (SMPTE 2022-1 D 0, media port + 2 or - 1) or row (D 1, port + 4): an FEC packet of a media flow"),
    MA_HF(fec_media_flow, "FEC of flow", "fec.media_flow", FT_UINT32, BASE_DEC, NULL,
          "The media flow (mcast_audit.flow) this FEC stream protects"),
    MA_HF(fec_packets, "FEC packets so far", "fec.packets", FT_UINT64, BASE_DEC, NULL,
          "FEC packets of the stream up to this frame"),
    MA_HF(fec_lost, "FEC lost so far", "fec.lost", FT_INT64, BASE_DEC, NULL,
          "FEC sequence numbers never received up to this frame (RFC 3550 A.3)"),
    MA_HF(fec_snbase, "FEC first SNBase", "fec.snbase", FT_UINT32, BASE_DEC, NULL,
          "SNBase of the stream's first FEC packet: the first media sequence number it protects"),
    MA_HF(fec_offset, "FEC offset (L)", "fec.offset", FT_UINT32, BASE_DEC, NULL,
          "SMPTE 2022-1 offset: L (columns) for column FEC, 1 for row FEC"),
    MA_HF(fec_na, "FEC NA", "fec.na", FT_UINT32, BASE_DEC, NULL,
          "SMPTE 2022-1 NA: media packets per FEC packet (D rows for column FEC, L for row FEC)"),
    MA_HF(verdict, "Verdict", "verdict", FT_STRING, BASE_NONE, NULL, "Verdict code this frame proves, e.g. MA202"),
    MA_HF(verdict_name, "Verdict name", "verdict_name", FT_STRING, BASE_NONE, NULL, "Verdict name, e.g. client-never-joined"),
    MA_HF(severity, "Severity", "severity", FT_STRING, BASE_NONE, NULL, "info, warning or error"),
    MA_HF(message, "Message", "message", FT_STRING, BASE_NONE, NULL, "Verdict message (same text as the CLI)"),
    MA_HF(explanation, "Explanation", "explanation", FT_STRING, BASE_NONE, NULL,
          "What the verdict means for the stream (the catalogue's first sentence, as the CLI prints)"),
    MA_HF(fix, "Usual fix", "fix", FT_STRING, BASE_NONE, NULL,
          "What usually fixes it (the catalogue's second sentence)"),
    MA_HF(session_verdicts, "Session verdicts", "session_verdicts", FT_STRING, BASE_NONE, NULL,
          "All verdict codes of the session, comma-separated"),
    MA_HF(result, "Session result", "result", FT_STRING, BASE_NONE, NULL, "PASS, WARN or FAIL for the session"),
    MA_HF(error, "Not understood", "error", FT_STRING, BASE_NONE, NULL, "Why the core could not parse a message"),
    MA_HF(judgement, "Judgement", "judgement", FT_STRING, BASE_NONE, NULL,
          "final (the whole capture was read), or provisional (live capture, judged at frame N): frames still come"),
    MA_HF(judged_frame, "Judged at frame", "judged_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "The last frame the provisional judgement had seen"),
    MA_HF(g_group, "Group", "group.addr", FT_IPv4, BASE_NONE, NULL,
          "IPv4 multicast group of the group-centric audit (a group without an RTSP session)"),
    MA_HF(g_group6, "Group", "group.addr6", FT_IPv6, BASE_NONE, NULL,
          "IPv6 multicast group of the group-centric audit (a group without an RTSP session)"),
    MA_HF(g_static, "Static multicast", "group.static", FT_BOOLEAN, BASE_NONE, NULL,
          "No RTSP session and no evidence of one: static multicast, not negotiated before the capture"),
    MA_HF(g_members, "Members", "group.members", FT_UINT32, BASE_DEC, NULL,
          "Hosts that sent an IGMP/MLD report or leave for the group in the capture"),
    MA_HF(g_first_join_frame, "First join in", "group.first_join_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "The group's first join by any member"),
    MA_HF(g_first_media_frame, "First media in", "group.first_media_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "The first media packet to the group"),
    MA_HF(g_last_media_frame, "Last media in", "group.last_media_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "The last media packet to the group"),
    MA_HF(g_verdicts, "Group verdicts", "group.verdicts", FT_STRING, BASE_NONE, NULL,
          "All verdict codes of the group, comma-separated (MA220-MA224, MA360, ...)"),
    MA_HF(g_member, "Member", "group.member", FT_IPv4, BASE_NONE, NULL, "The member that sent this IGMP message"),
    MA_HF(g_member6, "Member", "group.member6", FT_IPv6, BASE_NONE, NULL, "The member that sent this MLD message"),
    MA_HF(g_member_join_frame, "Member's first join in", "group.member.join_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "This member's first join of the group"),
    MA_HF(g_member_leave_frame, "Member's last leave in", "group.member.leave_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "This member's last leave of the group"),
    MA_HF(g_member_zap, "Zap time", "group.member.zap", FT_RELATIVE_TIME, BASE_NONE, NULL,
          "From this member's first join to the first media packet to the group after it (the IPTV zap time)"),
    MA_HF(g_member_zap_frame, "Zap: first packet in", "group.member.zap_frame", FT_FRAMENUM, BASE_NONE, NULL,
          "The first media packet after this member's first join"),
    MA_HF(g_member_at_end, "Member at the end", "group.member.at_end", FT_BOOLEAN, BASE_NONE, NULL,
          "The member's last change was no leave: still a member when the capture ends"),
};
/* clang-format on */

static int *ma_ett[] = {&ett_ma,         &ett_ma_session, &ett_ma_track, &ett_ma_flow,
                        &ett_ma_verdict, &ett_ma_group,   &ett_ma_member};

/* Expert group by catalogue family: negotiation problems are protocol
 * problems, membership and media ones are sequence problems. */
static int ma_ei_group(const ma_verdict_def *d)
{
    return d->code[2] == '1' ? PI_PROTOCOL : PI_SEQUENCE;
}

static int ma_ei_severity(ma_severity s)
{
    switch (s) {
    case MA_SEV_ERROR: return PI_ERROR;
    case MA_SEV_WARNING: return PI_WARN;
    default: return PI_NOTE;
    }
}

/* One expert info per catalogue entry, built from the catalogue so a new
 * verdict needs no change here. Names and the array live for the process. */
static void ma_register_expert(void)
{
    expert_module_t *em = expert_register_protocol(proto_mcast_audit);
    gsize n = ma_verdict_catalogue_size();
    ei_register_info *ei = g_new0(ei_register_info, n + 1 + MA_DE__COUNT);
    gsize k = 0;

    for (gsize i = 0; i < n && i < MA_V__COUNT; i++) {
        const ma_verdict_def *d = ma_verdict_def_get((ma_verdict_id)i);
        if (!d)
            continue;
        ma_ei_verdict[i].ei = EI_INIT_EI;
        ma_ei_verdict[i].hf = EI_INIT_HF;
        ei[k].ids = &ma_ei_verdict[i];
        ei[k].eiinfo = (expert_field_info){ g_strdup_printf("mcast_audit.%s", d->code), ma_ei_group(d),
                                            ma_ei_severity(d->severity), g_strdup(d->title), EXPFILL };
        k++;
    }
    ei[k].ids = &ma_ei_malformed;
    ei[k].eiinfo = (expert_field_info){ "mcast_audit.malformed", PI_MALFORMED, PI_WARN,
                                        "mcast-audit could not parse the message", EXPFILL };
    k++;
    /* The core's decode event table, row by row: "mcast_audit.event.igmp.bad_checksum". */
    for (guint i = 0; i < MA_DE__COUNT; i++) {
        const ma_decode_event_def *d = ma_decode_event_def_get((ma_decode_event)i);
        gboolean checksum = g_str_has_suffix(d->name, ".bad_checksum");
        ma_ei_event[i].ei = EI_INIT_EI;
        ma_ei_event[i].hf = EI_INIT_HF;
        ei[k].ids = &ma_ei_event[i];
        ei[k].eiinfo = (expert_field_info){g_strdup_printf("mcast_audit.event.%s", d->name),
                                           checksum ? PI_CHECKSUM : PI_MALFORMED, PI_WARN,
                                           g_strdup(d->explanation), EXPFILL};
        k++;
    }
    expert_register_field_array(em, ei, (int)k);
}

void proto_register_mcast_audit(void)
{
    proto_mcast_audit = proto_register_protocol("Multicast Session Audit", "MCAST-AUDIT", "mcast_audit");
    proto_register_field_array(proto_mcast_audit, ma_hf_info, array_length(ma_hf_info));
    proto_register_subtree_array(ma_ett, array_length(ma_ett));
    ma_register_expert();
    ma_prefs_register(proto_mcast_audit);
    ma_tap_id = register_tap("mcast_audit");
    register_init_routine(ma_state_init);
    register_cleanup_routine(ma_state_cleanup);
    register_postseq_cleanup_routine(ma_state_sequence_done);
    ma_rtp_conv_register();
    ma_stats_register();
}

static int dissect_mcast_audit(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    ma_pframe frame;
    gboolean have;

    if (!PINFO_FD_VISITED(pinfo)) {
        /* First pass: the only place the core is fed, in capture order. */
        ma_state_note_frame(pinfo->num, ma_pinfo_ts_ns(pinfo));
        have = ma_feed_frame(tvb, pinfo, &frame);
        if (have)
            ma_frames_put(pinfo->num, ma_pinfo_ts_ns(pinfo), &frame);
        if (tree) /* shown (tshark in one pass): as judged so far */
            ma_state_judge_provisional();
    } else {
        /* A frame dissected again: final once the whole capture has been
         * read; during a live capture, judged again as frames came. */
        if (ma_state_sequence_complete())
            ma_state_finish();
        else
            ma_state_judge_provisional();
        have = ma_frames_get(pinfo->num, ma_pinfo_ts_ns(pinfo), &frame);
    }
    const GPtrArray *verdicts = ma_state_frame_verdicts(pinfo->num);
    /* a folded IGMP/MLD repeat (no event of its own) still shows its group */
    if (!have && !verdicts && !ma_frame_groups_unplaced(pinfo))
        return 0;
    /* the tap reads it after this frame's dissection: packet scope */
    ma_pframe *pf = have ? wmem_memdup(pinfo->pool, &frame, sizeof frame) : NULL;
    ma_tree_add(tvb, pinfo, tree, pf, verdicts);
    tap_queue_packet(ma_tap_id, pinfo, pf);
    /* a dissector returns int; a tvb never exceeds INT_MAX bytes */
    return (int)tvb_captured_length(tvb);
}

void proto_reg_handoff_mcast_audit(void)
{
    ma_handle = create_dissector_handle(dissect_mcast_audit, proto_mcast_audit);
    /* No wanted fields: the plugin reads the frame's bytes (feed.c), so
     * Wireshark builds no protocol tree for it. */
    register_postdissector(ma_handle);
}
