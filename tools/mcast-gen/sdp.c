/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sdp.c - the text the cameras negotiate with: SDP bodies (RFC 4566) in the
 * seed vendor's shape (c=0.0.0.0, m= port 0: group only in the SETUP reply)
 * and the Transport headers of SETUP requests and replies (RFC 2326 12.39). */
#include "gen.h"

#include <string.h>

static const char *ipver(const gen_session_cfg *c)
{
    return strchr(c->camera_ip, ':') ? "IP6 ::" : "IP4 0.0.0.0";
}

char *gen_sdp(const gen_session_cfg *c, const char *base)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "v=0\r\no=- 1109162014219182 1109162014219192 IN %s\r\n", ipver(c));
    g_string_append(s, "s=Media Presentation\r\ne=NONE\r\n");
    g_string_append_printf(s, "b=AS:%s\r\nt=0 0\r\na=control:%s/\r\n", c->audio ? "114" : "5050", base);
    if (c->mpegts) { /* RFC 2250: PT 33, MP2T/90000 */
        g_string_append_printf(s,
                               "m=video 0 RTP/AVP 33\r\nc=IN %s\r\nb=AS:1100\r\na=recvonly\r\n"
                               "a=control:%s/trackID=1\r\na=rtpmap:33 MP2T/90000\r\n",
                               ipver(c), base);
    } else if (c->audio) {
        g_string_append_printf(s, "m=audio 0 RTP/AVP 0\r\nc=IN %s\r\nb=AS:64\r\na=recvonly\r\n"
                                  "a=control:%s/trackID=1\r\na=rtpmap:0 PCMU/8000\r\n",
                               ipver(c), base);
    } else {
        static const gen_video_format video = { GEN_VIDEO_WIDTH, GEN_VIDEO_HEIGHT, GEN_VIDEO_FPS };
        char *fmtp = gen_h264_fmtp(&video);
        g_string_append_printf(s, "m=video 0 RTP/AVP 96\r\nc=IN %s\r\nb=AS:5000\r\na=recvonly\r\n"
                                  "a=x-dimensions:%u,%u\r\na=control:%s/trackID=1\r\n"
                                  "a=rtpmap:96 H264/90000\r\na=fmtp:96 %s\r\n",
                               ipver(c), GEN_VIDEO_WIDTH, GEN_VIDEO_HEIGHT, base, fmtp);
        g_free(fmtp);
    }
    return g_string_free(s, FALSE);
}

char *gen_transport_request(const gen_session_cfg *c)
{
    if (c->answer == GEN_ANSWER_UNICAST && c->unicast_asked)
        return g_strdup_printf("RTP/AVP;unicast;client_port=%u-%u", GEN_UNICAST_CLIENT_PORT,
                               GEN_UNICAST_CLIENT_PORT + 1);
    if (c->answer == GEN_ANSWER_UNICAST) {
        /* Multicast first, unicast as the fallback the camera picks. */
        return g_strdup_printf("RTP/AVP;multicast,RTP/AVP;unicast;client_port=%u-%u",
                               GEN_UNICAST_CLIENT_PORT, GEN_UNICAST_CLIENT_PORT + 1);
    }
    if (c->answer == GEN_ANSWER_TCP)
        return g_strdup("RTP/AVP/TCP;unicast;interleaved=0-1");
    return g_strdup("RTP/AVP;multicast");
}

char *gen_transport_reply(const gen_session_cfg *c, guint32 ssrc)
{
    guint p = c->rtp_port;
    switch (c->answer) {
    case GEN_ANSWER_UNICAST:
        return g_strdup_printf("RTP/AVP;unicast;client_port=%u-%u;server_port=%u-%u;ssrc=%08X;mode=\"play\"",
                               GEN_UNICAST_CLIENT_PORT, GEN_UNICAST_CLIENT_PORT + 1,
                               GEN_UNICAST_SERVER_PORT, GEN_UNICAST_SERVER_PORT + 1, ssrc);
    case GEN_ANSWER_INTERLEAVED:
    case GEN_ANSWER_TCP:
        return g_strdup_printf("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=%08X;mode=\"play\"", ssrc);
    case GEN_ANSWER_461:
        return NULL;
    case GEN_ANSWER_EMPTY_TTL: /* seen in the field: the camera's ttl setting left blank */
        return g_strdup_printf("RTP/AVP;multicast;destination=%s;port=%u-%u;ttl=", c->group, p,
                               p + 1);
    case GEN_ANSWER_MULTICAST:
        break;
    }
    if (c->gst_style)
        return g_strdup_printf("RTP/AVP;multicast;destination=%s;ttl=%u;port=%u-%u;mode=\"PLAY\"",
                               c->group, c->reply_ttl, p, p + 1);
    if (c->ssm_source)
        return g_strdup_printf("RTP/AVP;multicast;destination=%s;source=%s;port=%u-%u;ttl=%u",
                               c->group, c->ssm_source, p, p + 1, c->reply_ttl);
    return g_strdup_printf("RTP/AVP;multicast;destination=%s;port=%u-%u;ttl=%u",
                           c->group, p, p + 1, c->reply_ttl);
}
