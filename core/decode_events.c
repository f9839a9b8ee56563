/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode_events.c - the decode event catalogue (one row per name: the one
 * place each name and its explanation are written) and the counting. */
#include "decode_events.h"

#include <string.h>

static const ma_decode_event_def catalogue[] = {
    [MA_DE_LINK_MALFORMED] =
        {.id = MA_DE_LINK_MALFORMED,
         .name = "link.malformed",
         .explanation = "a raw-IP frame (link type RAW) was empty or its IP version was neither "
                        "4 nor 6: the frame was skipped"},
    [MA_DE_IPV4_MALFORMED] = {.id = MA_DE_IPV4_MALFORMED,
                              .name = "ipv4.malformed",
                              .explanation = "an IPv4 header was cut short, or its lengths or "
                                             "options were impossible: the frame was "
                                             "skipped"},
    [MA_DE_IPV4_BAD_CHECKSUM] = {.id = MA_DE_IPV4_BAD_CHECKSUM,
                                 .name = "ipv4.bad_checksum",
                                 .explanation = "an IPv4 header checksum did not verify: the "
                                                "packet was decoded anyway, its content may "
                                                "be corrupt"},
    [MA_DE_IPV6_MALFORMED] = {.id = MA_DE_IPV6_MALFORMED,
                              .name = "ipv6.malformed",
                              .explanation = "an IPv6 header or extension header was cut short or "
                                             "impossible: the frame was skipped"},
    [MA_DE_UDP_MALFORMED] = {.id = MA_DE_UDP_MALFORMED,
                             .name = "udp.malformed",
                             .explanation = "a UDP header was cut short or its length disagreed "
                                            "with the IP length: the datagram was "
                                            "skipped"},
    [MA_DE_TCP_MALFORMED] = {.id = MA_DE_TCP_MALFORMED,
                             .name = "tcp.malformed",
                             .explanation = "a TCP header was cut short or its data offset was "
                                            "impossible: the segment was skipped"},
    [MA_DE_IGMP_MALFORMED] =
        {.id = MA_DE_IGMP_MALFORMED,
         .name = "igmp.malformed",
         .explanation =
             "an IGMP message was cut short or its records did not fit: the message was skipped, a "
             "join or leave in it is not seen"},
    [MA_DE_MLD_MALFORMED] =
        {.id = MA_DE_MLD_MALFORMED,
         .name = "mld.malformed",
         .explanation =
             "an MLD message was cut short or its records did not fit: the message was skipped, a "
             "join or leave in it is not seen"},
    [MA_DE_FRAGMENT_MALFORMED] =
        {.id = MA_DE_FRAGMENT_MALFORMED,
         .name = "fragment.malformed",
         .explanation = "an IP fragment had an impossible length or offset: it was dropped"},
    [MA_DE_FRAGMENT_OVERLAP] =
        {.id = MA_DE_FRAGMENT_OVERLAP,
         .name = "fragment.overlap",
         .explanation =
             "an IP fragment overlapped earlier ones with different bytes or a different end: the "
             "whole datagram was dropped"},
    [MA_DE_FRAGMENT_TIMEOUT] = {.id = MA_DE_FRAGMENT_TIMEOUT,
                                .name = "fragment.timeout",
                                .explanation = "an IP datagram was still incomplete 30 s after its "
                                               "first fragment, or at the end of the "
                                               "capture: its fragments were dropped"},
    [MA_DE_FRAGMENT_TABLE_FULL] =
        {.id = MA_DE_FRAGMENT_TABLE_FULL,
         .name = "fragment.table_full",
         .explanation =
             "more IP datagrams were in reassembly than the decoder keeps (256): one was dropped, "
             "the least recently touched of those that repeated bytes, else of those not yet "
             "trusted (a lone fragment from a sender with no reassembled datagram), else of all"},
    [MA_DE_TCP_GAP] = {.id = MA_DE_TCP_GAP,
                       .name = "tcp.gap",
                       .explanation =
                           "bytes of an RTSP TCP connection were missing (not captured, or cut by "
                           "the snap length) "
                           "and the wait was given up: RTSP was resynchronised after the gap"},
    [MA_DE_TCP_CONNECTION_EVICTED] = {.id = MA_DE_TCP_CONNECTION_EVICTED,
                                      .name = "tcp.connection_evicted",
                                      .explanation = "more TCP connections on RTSP ports were open "
                                                     "than the decoder keeps (4096): the least "
                                                     "recently used one was forgotten"},
    [MA_DE_RTSP_BAD_START_LINE] =
        {.id = MA_DE_RTSP_BAD_START_LINE,
         .name = "rtsp.bad_start_line",
         .explanation =
             "a line where an RTSP message should start was not a request or status line: it was "
             "skipped up to the next message"},
    [MA_DE_RTSP_NOT_TEXT] =
        {.id = MA_DE_RTSP_NOT_TEXT,
         .name = "rtsp.not_text",
         .explanation =
             "binary data stood where an RTSP message or interleaved frame should start: it was "
             "skipped up to the next message"},
    [MA_DE_RTSP_MALFORMED_HEADER] =
        {.id = MA_DE_RTSP_MALFORMED_HEADER,
         .name = "rtsp.malformed_header",
         .explanation =
             "an RTSP message's header section did not parse (a line without a colon, a bad "
             "Content-Length, too many headers): the message was refused"},
    [MA_DE_RTSP_HEADER_TOO_LONG] = {.id = MA_DE_RTSP_HEADER_TOO_LONG,
                                    .name = "rtsp.header_too_long",
                                    .explanation = "an RTSP header section went on past 64 KiB (or "
                                                   "the reassembly bound) without its blank "
                                                   "line: it was dropped and RTSP resynchronised"},
    [MA_DE_RTSP_MESSAGE_TOO_LARGE] =
        {.id = MA_DE_RTSP_MESSAGE_TOO_LARGE,
         .name = "rtsp.message_too_large",
         .explanation =
             "an RTSP message's body was larger than the framer holds: it was skipped unread"},
    [MA_DE_IGMP_BAD_CHECKSUM] =
        {.id = MA_DE_IGMP_BAD_CHECKSUM,
         .name = "igmp.bad_checksum",
         .explanation =
             "an IGMP checksum did not verify: the message was used anyway, it may be corrupt (or "
             "rewritten by a device on the path)"},
    [MA_DE_MLD_BAD_CHECKSUM] =
        {.id = MA_DE_MLD_BAD_CHECKSUM,
         .name = "mld.bad_checksum",
         .explanation =
             "an MLD checksum (with its IPv6 pseudo-header) did not verify: the message was used "
             "anyway, it may be corrupt"},
    [MA_DE_FLOW_EVICTED] =
        {.id = MA_DE_FLOW_EVICTED,
         .name = "flow.evicted",
         .explanation =
             "the flow table was full: a flow tied to no session, the least recently seen, was "
             "forgotten to make room"},
    [MA_DE_FLOW_TABLE_FULL] = {.id = MA_DE_FLOW_TABLE_FULL,
                               .name = "flow.table_full",
                               .explanation = "the flow table was full of flows that could not be "
                                              "forgotten: a datagram's new flow was "
                                              "not analysed"},
    [MA_DE_MEMBERSHIP_TABLE_FULL] =
        {.id = MA_DE_MEMBERSHIP_TABLE_FULL,
         .name = "membership.table_full",
         .explanation =
             "the membership change table was full: a join, leave or refresh was not recorded"},
    [MA_DE_SESSION_TABLE_FULL] =
        {.id = MA_DE_SESSION_TABLE_FULL,
         .name = "session.table_full",
         .explanation =
             "the RTSP session table was full: a new session's messages were not analysed"},
    [MA_DE_RTSP_CONNECTION_EVICTED] =
        {.id = MA_DE_RTSP_CONNECTION_EVICTED,
         .name = "rtsp.connection_evicted",
         .explanation =
             "the RTSP connection table was full: a connection, one that never carried a session "
             "first, was forgotten with its unanswered requests"},
    [MA_DE_RTSP_CONNECTION_TABLE_FULL] =
        {.id = MA_DE_RTSP_CONNECTION_TABLE_FULL,
         .name = "rtsp.connection_table_full",
         .explanation =
             "the RTSP connection table was full of connections with sessions: a new connection's "
             "messages were not analysed"},
    [MA_DE_QUERIER_TABLE_FULL] =
        {.id = MA_DE_QUERIER_TABLE_FULL,
         .name = "querier.table_full",
         .explanation = "the querier table was full: a querier's queries were not recorded"},
    [MA_DE_MEMBERSHIP_MESSAGE_TABLE_FULL] =
        {.id = MA_DE_MEMBERSHIP_MESSAGE_TABLE_FULL,
         .name = "membership.message_table_full",
         .explanation = "the listing of IGMP/MLD messages was full: a message (not a repeat) was "
                        "not listed; its joins and leaves still count"},
    [MA_DE_ETHERNET_MALFORMED] =
        {.id = MA_DE_ETHERNET_MALFORMED,
         .name = "ethernet.malformed",
         .explanation = "an Ethernet header was shorter than its 14 bytes: the frame was skipped"},
    [MA_DE_VLAN_MALFORMED] = {.id = MA_DE_VLAN_MALFORMED,
                              .name = "vlan.malformed",
                              .explanation = "an 802.1Q/802.1ad VLAN tag was cut short, or more "
                                             "than 8 tags were stacked: the frame was skipped"},
    [MA_DE_SLL_MALFORMED] =
        {.id = MA_DE_SLL_MALFORMED,
         .name = "sll.malformed",
         .explanation =
             "a Linux cooked (SLL) header was shorter than its 16 bytes: the frame was skipped"},
    [MA_DE_SLL2_MALFORMED] = {.id = MA_DE_SLL2_MALFORMED,
                              .name = "sll2.malformed",
                              .explanation = "a Linux cooked v2 (SLL2) header was shorter than its "
                                             "20 bytes: the frame was skipped"},
    [MA_DE_LOOPBACK_MALFORMED] = {.id = MA_DE_LOOPBACK_MALFORMED,
                                  .name = "loopback.malformed",
                                  .explanation =
                                      "a BSD loopback (NULL/LOOP) frame was shorter than its "
                                      "4-byte address family: the frame was skipped"},
    [MA_DE_PPP_MALFORMED] =
        {.id = MA_DE_PPP_MALFORMED,
         .name = "ppp.malformed",
         .explanation = "a PPP frame ended before its protocol field: the frame was skipped"},
    [MA_DE_PPPOE_MALFORMED] =
        {.id = MA_DE_PPPOE_MALFORMED,
         .name = "pppoe.malformed",
         .explanation =
             "a PPPoE header was cut short, was not a session frame (version 1, type 1, code 0) or "
             "claimed more bytes than the frame holds: the frame was skipped"},
    [MA_DE_NFLOG_MALFORMED] = {.id = MA_DE_NFLOG_MALFORMED,
                               .name = "nflog.malformed",
                               .explanation =
                                   "an NFLOG header was cut short, not version 0, or one of its "
                                   "attributes had an impossible length: the frame was skipped"},
    [MA_DE_WLAN_MALFORMED] =
        {.id = MA_DE_WLAN_MALFORMED,
         .name = "wlan.malformed",
         .explanation = "an 802.11 data frame's MAC header or LLC/SNAP header was cut short, or "
                        "its protocol version was not 0: the frame was skipped"},
    [MA_DE_RADIOTAP_MALFORMED] =
        {.id = MA_DE_RADIOTAP_MALFORMED,
         .name = "radiotap.malformed",
         .explanation =
             "a radiotap header was cut short, its length ran past the frame, its presence bitmaps "
             "did not end, or the FCS it announced was missing: the frame was skipped"},
    [MA_DE_VXLAN_MALFORMED] =
        {.id = MA_DE_VXLAN_MALFORMED,
         .name = "vxlan.malformed",
         .explanation =
             "a VXLAN header (UDP 4789) was shorter than its 8 bytes: the inner frame was skipped"},
    [MA_DE_GRE_MALFORMED] = {.id = MA_DE_GRE_MALFORMED,
                             .name = "gre.malformed",
                             .explanation =
                                 "a GRE header with its checksum, key and sequence words ran past "
                                 "the packet: the inner packet was skipped"},
    [MA_DE_TUNNEL_TOO_DEEP] = {.id = MA_DE_TUNNEL_TOO_DEEP,
                               .name = "tunnel.too_deep",
                               .explanation = "tunnels were nested deeper than the decoder follows "
                                              "(4): the innermost frame was skipped"},
    [MA_DE_GROUP_TABLE_FULL] =
        {.id = MA_DE_GROUP_TABLE_FULL,
         .name = "group.table_full",
         .explanation = "the group-centric audit's table was full: a multicast group without an "
                        "RTSP session was not audited"},
    [MA_DE_SAP_TRUNCATED] = {.id = MA_DE_SAP_TRUNCATED,
                             .name = "sap.truncated",
                             .explanation = "a SAP datagram (RFC 2974) ended inside its header, "
                                            "originating source or authentication data: it was "
                                            "skipped, its session is not described by it"},
    [MA_DE_SAP_BAD_VERSION] = {.id = MA_DE_SAP_BAD_VERSION,
                               .name = "sap.bad_version",
                               .explanation = "a datagram to a SAP group and port had a version "
                                              "other than 1 (RFC 2974 6): it was skipped"},
    [MA_DE_SAP_ENCRYPTED] = {.id = MA_DE_SAP_ENCRYPTED,
                             .name = "sap.encrypted",
                             .explanation = "a SAP announcement was encrypted (E bit): its SDP "
                                            "cannot be read, its stream is audited as static "
                                            "multicast"},
    [MA_DE_SAP_COMPRESSED] = {.id = MA_DE_SAP_COMPRESSED,
                              .name = "sap.compressed",
                              .explanation = "a SAP announcement was zlib-compressed (C bit), "
                                             "which is not decoded: its stream is audited as "
                                             "static multicast"},
    [MA_DE_SAP_NOT_SDP] = {.id = MA_DE_SAP_NOT_SDP,
                           .name = "sap.not_sdp",
                           .explanation = "a SAP announcement's payload was not application/sdp, "
                                          "or its SDP did not parse or described no multicast "
                                          "stream (c= and m= port): it describes nothing"},
    [MA_DE_SAP_AUTH_UNVERIFIED] = {.id = MA_DE_SAP_AUTH_UNVERIFIED,
                                   .name = "sap.auth_unverified",
                                   .explanation = "a SAP message carried authentication data "
                                                  "(RFC 2974 auth len), which is not verified: "
                                                  "its SDP was used as if unsigned"},
    /* The CLI refuses a bad --sdp FILE (exit 2); a preference cannot refuse,
     * so the plugin counts it here instead of ignoring it. */
    [MA_DE_SDP_FILE_REFUSED] = {.id = MA_DE_SDP_FILE_REFUSED,
                                .name = "sdp.file_refused",
                                .explanation = "a file of the sdp_files preference could not be "
                                               "read, was over 64 KiB or did not parse strictly "
                                               "(RFC 8866): its streams are not expected"},
    /* The CLI refuses such a capture at once (exit 2); Wireshark reads it,
     * so the plugin counts each frame the core could not audit. */
    [MA_DE_LINK_UNSUPPORTED] = {.id = MA_DE_LINK_UNSUPPORTED,
                                .name = "link.unsupported",
                                .explanation = "a frame's link type (its Wireshark encapsulation) "
                                               "is not one the frame decoder reads: the frame was "
                                               "not audited"},
};
G_STATIC_ASSERT(G_N_ELEMENTS(catalogue) == MA_DE__COUNT);

const ma_decode_event_def *ma_decode_event_def_get(ma_decode_event id)
{
    if ((guint)id >= MA_DE__COUNT)
        return NULL;
    return &catalogue[id];
}

const ma_decode_event_def *ma_decode_event_def_by_name(const char *name)
{
    for (gsize i = 0; name != NULL && i < G_N_ELEMENTS(catalogue); i++)
        if (strcmp(catalogue[i].name, name) == 0)
            return &catalogue[i];
    return NULL;
}

void ma_decode_events_raise_n(ma_decode_events *t, ma_decode_event id, uint32_t frame, guint64 n)
{
    if (t == NULL || (guint)id >= MA_DE__COUNT || n == 0)
        return;
    ma_decode_event_tally *e = &t->e[id];
    if (frame != 0 && (e->first_frame == 0 || frame < e->first_frame))
        e->first_frame = frame;
    e->count = e->count > G_MAXUINT64 - n ? G_MAXUINT64 : e->count + n;
}

void ma_decode_events_raise(ma_decode_events *t, ma_decode_event id, uint32_t frame)
{
    ma_decode_events_raise_n(t, id, frame, 1);
}

void ma_decode_events_add(ma_decode_events *into, const ma_decode_events *from)
{
    for (guint i = 0; into != NULL && from != NULL && i < MA_DE__COUNT; i++)
        ma_decode_events_raise_n(into, (ma_decode_event)i, from->e[i].first_frame,
                                 from->e[i].count);
}

guint ma_decode_events_kinds(const ma_decode_events *t)
{
    guint n = 0;
    for (guint i = 0; t != NULL && i < MA_DE__COUNT; i++)
        n += t->e[i].count > 0;
    return n;
}

guint64 ma_decode_events_total(const ma_decode_events *t)
{
    guint64 n = 0;
    for (guint i = 0; t != NULL && i < MA_DE__COUNT; i++)
        n += t->e[i].count;
    return n;
}
