/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sdp.c - SDP parsing (RFC 8866), control URLs (RFC 2326 C.1.1),
 * source filters (RFC 4570) and the RFC 3551 static payload table. */
#include <string.h>

#include "sdp.h"

/* DESCRIBE reply body of a real camera (HIKVISION style), CRLF lines. */
static const char seed_sdp[] =
    "v=0\r\n"
    "o=- 1109162014219182 1109162014219192 IN IP4 0.0.0.0\r\n"
    "s=Media Presentation\r\n"
    "e=NONE\r\n"
    "b=AS:5050\r\n"
    "t=0 0\r\n"
    "a=control:rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/\r\n"
    "m=video 0 RTP/AVP 96\r\n"
    "c=IN IP4 0.0.0.0\r\n"
    "b=AS:5000\r\n"
    "a=recvonly\r\n"
    "a=x-dimensions:1920,1080\r\n"
    "a=control:rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/trackID=1\r\n"
    "a=rtpmap:96 H264/90000\r\n"
    "a=fmtp:96 profile-level-id=420029; packetization-mode=1; "
    "sprop-parameter-sets=Z00AKp2oHgCJ+WbgICAoAAADAAgAAAMBlCA=,aO48gA==\r\n"
    "a=Media_header:MEDIAINFO=494D4B48010100000400000100000000000000000000000000000000000000"
    "000000000000000000;\r\n"
    "a=appversion:1.0\r\n";

#define BASE "rtsp://10.9.97.69:554/ISAPI/streaming/channels/101"

static ma_sdp *parse_ok(const char *text)
{
    GError *err = NULL;
    ma_sdp *s = ma_sdp_parse(text, strlen(text), &err);
    g_assert_no_error(err);
    g_assert_nonnull(s);
    return s;
}

static ma_sdp_media *media(const ma_sdp *s, guint i)
{
    g_assert_cmpuint(i, <, s->media->len);
    return s->media->pdata[i];
}

static void check_seed(const ma_sdp *s)
{
    g_assert_cmpint(s->version, ==, 0);
    g_assert_cmpstr(s->origin, ==, "- 1109162014219182 1109162014219192 IN IP4 0.0.0.0");
    g_assert_cmpstr(s->session_name, ==, "Media Presentation");
    g_assert_false(s->conn.present);
    g_assert_cmpstr(s->control, ==, BASE "/");
    g_assert_cmpuint(s->source_filters->len, ==, 0);
    g_assert_cmpuint(s->skipped_lines, ==, 0);
    g_assert_cmpuint(s->media->len, ==, 1);
    const ma_sdp_media *m = media(s, 0);
    g_assert_cmpstr(m->media, ==, "video");
    g_assert_cmpint(m->port, ==, 0);
    g_assert_cmpint(m->port_count, ==, 1);
    g_assert_cmpstr(m->proto, ==, "RTP/AVP");
    g_assert_cmpuint(m->formats->len, ==, 1);
    g_assert_cmpstr(m->formats->pdata[0], ==, "96");
    g_assert_cmpstr(m->control, ==, BASE "/trackID=1");
    g_assert_cmpuint(m->rtpmaps->len, ==, 1);
    const ma_sdp_rtpmap *r = ma_sdp_rtpmap_for(m, 96);
    g_assert_nonnull(r);
    g_assert_cmpstr(r->encoding, ==, "H264");
    g_assert_cmpuint(r->clock_rate, ==, 90000);
    g_assert_null(r->params);
    const ma_sdp_conn *c = ma_sdp_media_conn(s, m);
    g_assert_true(c == &m->conn);
    g_assert_true(c->present);
    g_assert_cmpstr(c->nettype, ==, "IN");
    g_assert_cmpstr(c->addrtype, ==, "IP4");
    g_assert_cmpstr(c->address, ==, "0.0.0.0");
    g_assert_cmpint(c->addr.family, ==, 4);
    g_assert_true(ma_addr_is_unspecified(&c->addr));
    g_assert_cmpint(c->ttl, ==, -1);
    g_assert_cmpint(c->count, ==, 1);
    g_assert_cmpuint(ma_sdp_clock_rate(m, 96), ==, 90000);
    g_assert_cmpuint(ma_sdp_clock_rate(m, 97), ==, 0);   /* dynamic, no rtpmap: unknown */
    g_assert_cmpuint(ma_sdp_clock_rate(m, 0), ==, 8000); /* static PCMU */
}

static void test_seed_crlf(void)
{
    ma_sdp *s = parse_ok(seed_sdp);
    check_seed(s);
    ma_sdp_free(s);
}

static void test_seed_lf_and_garbage(void)
{
    /* LF-only, blank lines, leading garbage, trailing blanks, no final EOL */
    GString *t = g_string_new("garbage before\n\n");
    for (const char *p = seed_sdp; *p != '\0'; p++)
        if (*p != '\r')
            g_string_append_c(t, *p);
    g_string_replace(t, "s=Media Presentation\n", "s=Media Presentation  \n!!!\n", 1);
    g_string_truncate(t, t->len - 1);
    ma_sdp *s = parse_ok(t->str);
    g_assert_cmpuint(s->skipped_lines, ==, 2); /* "garbage before", "!!!" */
    s->skipped_lines = 0;
    check_seed(s);
    ma_sdp_free(s);
    g_string_free(t, TRUE);
}

static void test_seed_control_urls(void)
{
    ma_sdp *s = parse_ok(seed_sdp);
    const ma_sdp_media *m = media(s, 0);
    char *u = ma_sdp_media_control_url(s, m, BASE);
    g_assert_cmpstr(u, ==, BASE "/trackID=1"); /* absolute: as is */
    g_free(u);
    g_assert_true(ma_sdp_find_media_for_url(s, BASE "/trackID=1", BASE) == m);
    g_assert_true(ma_sdp_find_media_for_url(s, BASE "/trackID=1/", NULL) == m);
    g_assert_true(ma_sdp_find_media_for_url(
                      s, "rtsp://10.9.97.69/ISAPI/streaming/channels/101/trackID=1", BASE) == m);
    g_assert_null(ma_sdp_find_media_for_url(s, BASE "/trackID=2", BASE));
    g_assert_null(ma_sdp_find_media_for_url(s, NULL, BASE));
    ma_sdp_free(s);
}

static void expect_error(const char *text, gsize len, int code)
{
    GError *err = NULL;
    ma_sdp *s = ma_sdp_parse(text, len, &err);
    g_assert_null(s);
    g_assert_error(err, MA_SDP_ERROR, code);
    g_error_free(err);
}

static void test_errors(void)
{
    GError *err = NULL;
    expect_error("", 0, MA_SDP_ERROR_NO_VERSION);
    expect_error(NULL, 10, MA_SDP_ERROR_NO_VERSION);
    expect_error("hello\r\nworld\r\n", 14, MA_SDP_ERROR_NO_VERSION);
    expect_error("v=1\r\n", 5, MA_SDP_ERROR_VERSION);
    g_assert_null(ma_sdp_parse("o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n", 29, &err));
    g_assert_error(err, MA_SDP_ERROR, MA_SDP_ERROR_NO_VERSION);
    g_assert_cmpstr(err->message, ==, "SDP: first line is 'o=', expected 'v=0' (RFC 8866 5.1)");
    g_clear_error(&err);

    char *big = g_malloc(MA_SDP_MAX_BYTES + 1);
    memset(big, 'x', MA_SDP_MAX_BYTES + 1);
    memcpy(big, "v=0\n", 4);
    expect_error(big, MA_SDP_MAX_BYTES + 1, MA_SDP_ERROR_TOO_LARGE);
    memset(big, '\n', MA_SDP_MAX_LINES + 4); /* 2049 newlines */
    memcpy(big, "v=0\n", 4);
    expect_error(big, MA_SDP_MAX_LINES + 4, MA_SDP_ERROR_TOO_LARGE);
    g_free(big);
    /* the length is honoured: text after len is not read */
    ma_sdp *s = ma_sdp_parse("v=0\r\ns=cut here", 8, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(s->session_name, ==, "c");
    ma_sdp_free(s);
}

static void test_connection_lines(void)
{
    ma_sdp *s = parse_ok("v=0\r\n"
                         "c=IN IP4 239.255.255.200/128\r\n"
                         "m=video 8860 RTP/AVP 96\r\n"
                         "c=IN IP4 224.2.1.1/127/3\r\n"
                         "c=IN IP4 224.9.9.9/1\r\n" /* second c=: first one kept */
                         "m=video 8862 RTP/AVP 96\r\n"
                         "c=IN IP6 ff15::101/3\r\n"
                         "m=audio 8864 RTP/AVP 0\r\n"
                         "c=IN IP4 224.2.1.1/300\r\n" /* ttl > 255: skipped */
                         "m=audio 8866 RTP/AVP 0\r\n"
                         "c=IN IP4 mcast.example.net\r\n"
                         "m=audio 8868 RTP/AVP 0\r\n"
                         "c=IN IP6 ff15::1/1/2\r\n" /* IPv6 has no ttl: skipped */
                         "c=IN IP4\r\n");
    char buf[MA_ADDR_STRLEN];
    g_assert_true(s->conn.present);
    g_assert_cmpstr(ma_addr_to_str(&s->conn.addr, buf), ==, "239.255.255.200");
    g_assert_cmpint(s->conn.ttl, ==, 128);
    g_assert_cmpint(s->conn.count, ==, 1);
    const ma_sdp_conn *c = ma_sdp_media_conn(s, media(s, 0));
    g_assert_cmpstr(c->address, ==, "224.2.1.1");
    g_assert_cmpint(c->ttl, ==, 127);
    g_assert_cmpint(c->count, ==, 3);
    c = ma_sdp_media_conn(s, media(s, 1));
    g_assert_cmpstr(ma_addr_to_str(&c->addr, buf), ==, "ff15::101");
    g_assert_cmpstr(c->addrtype, ==, "IP6");
    g_assert_cmpint(c->ttl, ==, -1);
    g_assert_cmpint(c->count, ==, 3);
    c = ma_sdp_media_conn(s, media(s, 2));
    g_assert_true(c == &s->conn); /* falls back to the session c= */
    c = ma_sdp_media_conn(s, media(s, 3));
    g_assert_cmpstr(c->address, ==, "mcast.example.net");
    g_assert_false(ma_addr_is_set(&c->addr));
    g_assert_false(media(s, 4)->conn.present);
    g_assert_cmpuint(s->skipped_lines, ==, 4);
    g_assert_null(ma_sdp_media_conn(NULL, NULL));
    ma_sdp_free(s);
}

/* RFC 8866 5.7's number of addresses: each address of the range, and the
 * counts the parser refuses (skipped lines; strict: the line's reason). */
static void test_connection_counts(void)
{
    ma_sdp *s = parse_ok("v=0\r\n"
                         "c=IN IP4 233.252.0.9/127/2\r\n" /* session level: refused */
                         "m=audio 5004 RTP/AVP 0\r\n"
                         "c=IN IP4 233.252.0.1/127/3\r\n"
                         "m=audio 5006 RTP/AVP 0\r\n"
                         "c=IN IP6 ff15::1:ff/3\r\n" /* carries into the next byte */
                         "m=audio 5008 RTP/AVP 0\r\n"
                         "c=IN IP4 233.252.0.1/3\r\n" /* IPv4: the TTL comes first */
                         "m=audio 5010 RTP/AVP 0\r\n"
                         "c=IN IP4 239.255.255.255/1/2\r\n" /* past 239/8: refused */
                         "m=audio 5012 RTP/AVP 0\r\n"
                         "c=IN IP6 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/2\r\n" /* carries out */
                         "m=audio 5014 RTP/AVP 0\r\n"
                         "c=IN IP4 233.252.0.1/127/65\r\n" /* over MA_SDP_MAX_CONN_ADDRS */
                         "m=audio 5016 RTP/AVP 0\r\n"
                         "c=IN IP4 10.0.0.1/127/2\r\n" /* unicast */
                         "m=audio 5018 RTP/AVP 0\r\n"
                         "c=IN IP4 mcast.example.net/127/2\r\n"); /* no literal */
    char buf[MA_ADDR_STRLEN];
    ma_addr a;
    g_assert_false(s->conn.present);
    const ma_sdp_conn *c = ma_sdp_media_conn(s, media(s, 0));
    g_assert_cmpint(c->count, ==, 3);
    g_assert_cmpint(c->ttl, ==, 127);
    for (guint i = 0; i < 3; i++) {
        g_assert_true(ma_sdp_conn_addr(c, i, &a));
        char want[32];
        g_snprintf(want, sizeof want, "233.252.0.%u", i + 1);
        g_assert_cmpstr(ma_addr_to_str(&a, buf), ==, want);
    }
    g_assert_false(ma_sdp_conn_addr(c, 3, &a));
    c = ma_sdp_media_conn(s, media(s, 1));
    g_assert_cmpint(c->count, ==, 3);
    g_assert_cmpint(c->ttl, ==, -1);
    g_assert_true(ma_sdp_conn_addr(c, 2, &a));
    g_assert_cmpstr(ma_addr_to_str(&a, buf), ==, "ff15::1:101");
    c = ma_sdp_media_conn(s, media(s, 2));
    g_assert_cmpint(c->count, ==, 1);
    g_assert_cmpint(c->ttl, ==, 3);
    for (guint i = 3; i < 8; i++)
        g_assert_false(media(s, i)->conn.present);
    g_assert_cmpuint(s->skipped_lines, ==, 6);
    ma_sdp_free(s);

    static const struct {
        const char *line, *why;
    } refused[] = {
        {"c=IN IP4 233.252.0.9/127/2", "a number of addresses in a session-level c= (RFC 8866 5.7: "
                                       "media level only)"},
        {"m=audio 5004 RTP/AVP 0\nc=IN IP4 239.255.255.255/1/2",
         "c= number of addresses runs past the multicast range"},
        {"m=audio 5004 RTP/AVP 0\nc=IN IP4 233.252.0.1/127/65",
         "c= number of addresses over the limit of 64"},
        {"m=audio 5004 RTP/AVP 0\nc=IN IP6 ff15::1/65535",
         "c= number of addresses over the limit of 64"},
        {"m=audio 5004 RTP/AVP 0\nc=IN IP4 10.0.0.1/127/2",
         "c= number of addresses for an address that is not a multicast literal (RFC 8866 5.7)"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(refused); i++) {
        char *text = g_strdup_printf("v=0\n%s\n", refused[i].line);
        GError *err = NULL;
        g_assert_null(ma_sdp_parse_strict(text, strlen(text), &err));
        g_assert_nonnull(err);
        g_assert_nonnull(strstr(err->message, refused[i].why));
        g_error_free(err);
        g_free(text);
    }
}

static void test_media_and_rtpmap_lines(void)
{
    ma_sdp *s = parse_ok("v=0\r\n"
                         "a=rtpmap:96 H264/90000\r\n" /* session level: skipped */
                         "m=audio 49170/2 RTP/AVP 0 97\r\n"
                         "a=rtpmap:97 L16/48000/2\r\n"
                         "a=rtpmap:97 L16/8000\r\n"   /* duplicate PT: skipped */
                         "a=rtpmap:128 X/9000\r\n"    /* PT > 127 */
                         "a=rtpmap:98 H265/0\r\n"     /* rate 0 */
                         "a=rtpmap:99 H264\r\n"       /* no rate */
                         "a=rtpmap:x H264/90000\r\n"
                         "m=video abc RTP/AVP 96\r\n" /* bad port: section skipped */
                         "a=rtpmap:96 H264/90000\r\n"
                         "a=control:trackID=9\r\n"
                         "m=video 8860 RTP/AVP 96\r\n"
                         "a=rtpmap:96 H264/90000\r\n"
                         "m=video 70000 RTP/AVP 96\r\n"
                         "m=video 1/0 RTP/AVP 96\r\n"
                         "m=video 2\r\n");
    g_assert_cmpuint(s->media->len, ==, 2);
    ma_sdp_media *a = media(s, 0);
    g_assert_cmpstr(a->media, ==, "audio");
    g_assert_cmpint(a->port, ==, 49170);
    g_assert_cmpint(a->port_count, ==, 2);
    g_assert_cmpuint(a->formats->len, ==, 2);
    g_assert_cmpuint(a->rtpmaps->len, ==, 1);
    const ma_sdp_rtpmap *r = ma_sdp_rtpmap_for(a, 97);
    g_assert_cmpstr(r->encoding, ==, "L16");
    g_assert_cmpuint(r->clock_rate, ==, 48000);
    g_assert_cmpstr(r->params, ==, "2");
    g_assert_cmpuint(ma_sdp_clock_rate(a, 0), ==, 8000);
    g_assert_null(a->control);
    ma_sdp_media *v = media(s, 1);
    g_assert_cmpint(v->port, ==, 8860);
    g_assert_null(v->control); /* trackID=9 belonged to the skipped section */
    g_assert_cmpuint(ma_sdp_clock_rate(v, 96), ==, 90000);
    /* 1 session rtpmap + 5 bad rtpmaps + bad m= and its 2 lines + 3 bad m= */
    g_assert_cmpuint(s->skipped_lines, ==, 12);
    ma_sdp_free(s);
}

static void test_source_filters(void)
{
    ma_sdp *s = parse_ok("v=0\r\n"
                         "a=source-filter: incl IN IP4 232.3.4.5 192.0.2.10 192.0.2.11\r\n"
                         "a=source-filter: both IN IP4 232.3.4.5 192.0.2.10\r\n"
                         "a=source-filter: incl IN IP4 232.3.4.5\r\n"
                         "m=video 5004 RTP/AVP 96\r\n"
                         "a=source-filter:excl IN * * 192.0.2.99\r\n");
    g_assert_cmpuint(s->source_filters->len, ==, 1);
    const ma_sdp_source_filter *f = s->source_filters->pdata[0];
    g_assert_true(f->include);
    g_assert_cmpstr(f->dest, ==, "232.3.4.5");
    g_assert_cmpuint(f->sources->len, ==, 2);
    g_assert_cmpstr(f->sources->pdata[0], ==, "192.0.2.10");
    g_assert_cmpstr(f->sources->pdata[1], ==, "192.0.2.11");
    const ma_sdp_media *m = media(s, 0);
    g_assert_cmpuint(m->source_filters->len, ==, 1);
    f = m->source_filters->pdata[0];
    g_assert_false(f->include);
    g_assert_cmpstr(f->dest, ==, "*");
    g_assert_cmpstr(f->sources->pdata[0], ==, "192.0.2.99");
    g_assert_cmpuint(s->skipped_lines, ==, 2);
    ma_sdp_free(s);
}

static void check_url(const ma_sdp *s, guint mi, const char *base, const char *want)
{
    char *u = ma_sdp_media_control_url(s, media(s, mi), base);
    g_assert_cmpstr(u, ==, want);
    g_free(u);
}

static void test_relative_controls(void)
{
    ma_sdp *s = parse_ok("v=0\r\n"
                         "a=control:*\r\n"
                         "m=video 0 RTP/AVP 96\r\na=control:trackID=1\r\n"
                         "m=audio 0 RTP/AVP 0\r\na=control:/trackID=2\r\n"
                         "m=audio 0 RTP/AVP 8\r\na=control:*\r\n"
                         "m=audio 0 RTP/AVP 8\r\n");
    check_url(s, 0, BASE, BASE "/trackID=1");
    check_url(s, 0, BASE "/", BASE "/trackID=1");
    check_url(s, 1, BASE "//", BASE "/trackID=2");
    check_url(s, 2, BASE, BASE);
    check_url(s, 3, BASE "/", BASE "/");
    check_url(s, 0, NULL, NULL); /* relative, no base, session control "*" */
    g_assert_true(ma_sdp_find_media_for_url(s, "rtsp://10.9.97.69/ISAPI/streaming/channels/101/"
                                               "trackID=2", BASE) == media(s, 1));
    g_assert_true(ma_sdp_find_media_for_url(s, "RTSP://admin:pw@10.9.97.69:554/ISAPI/streaming/"
                                               "channels/101/trackID=1/", BASE) == media(s, 0));
    g_assert_null(ma_sdp_find_media_for_url(s, "rtsp://10.9.97.69:8554/ISAPI/streaming/"
                                               "channels/101/trackID=1", BASE));
    g_assert_null(ma_sdp_find_media_for_url(s, BASE "/trackID=3", BASE));
    ma_sdp_free(s);

    /* base from an absolute session-level control when none is given */
    s = parse_ok("v=0\r\na=control:rtsp://cam/live/\r\nm=video 0 RTP/AVP 96\r\n"
                 "a=control:track1\r\nm=audio 0 RTP/AVP 0\r\na=control:track2\r\n");
    check_url(s, 1, NULL, "rtsp://cam/live/track2");
    g_assert_true(ma_sdp_find_media_for_url(s, "rtsp://cam:554/live/track2", NULL) ==
                  media(s, 1));
    ma_sdp_free(s);

    /* one media without a=control matches any URL */
    s = parse_ok("v=0\nm=video 0 RTP/AVP 96\n");
    g_assert_true(ma_sdp_find_media_for_url(s, "rtsp://x/y/whatever", NULL) == media(s, 0));
    g_assert_true(ma_sdp_find_media_for_url(s, NULL, NULL) == media(s, 0));
    ma_sdp_free(s);
    s = parse_ok("v=0\n");
    g_assert_null(ma_sdp_find_media_for_url(s, "rtsp://x/y", NULL));
    ma_sdp_free(s);
}

static void test_static_payload_table(void)
{
    static const struct { int pt; const char *enc; guint rate; } t[] = {
        {0, "PCMU", 8000},   {3, "GSM", 8000},     {4, "G723", 8000},   {5, "DVI4", 8000},
        {6, "DVI4", 16000},  {7, "LPC", 8000},     {8, "PCMA", 8000},   {9, "G722", 8000},
        {10, "L16", 44100},  {11, "L16", 44100},   {12, "QCELP", 8000}, {13, "CN", 8000},
        {14, "MPA", 90000},  {15, "G728", 8000},   {16, "DVI4", 11025}, {17, "DVI4", 22050},
        {18, "G729", 8000},  {25, "CelB", 90000},  {26, "JPEG", 90000}, {28, "nv", 90000},
        {31, "H261", 90000}, {32, "MPV", 90000},   {33, "MP2T", 90000}, {34, "H263", 90000},
    };
    static const int unassigned[] = {-1, 1, 2, 19, 24, 27, 35, 72, 96, 127, 128, 100000};
    for (guint i = 0; i < G_N_ELEMENTS(t); i++) {
        g_assert_cmpstr(ma_rtp_static_encoding(t[i].pt), ==, t[i].enc);
        g_assert_cmpuint(ma_rtp_static_clock_rate(t[i].pt), ==, t[i].rate);
    }
    for (guint i = 0; i < G_N_ELEMENTS(unassigned); i++) {
        g_assert_null(ma_rtp_static_encoding(unassigned[i]));
        g_assert_cmpuint(ma_rtp_static_clock_rate(unassigned[i]), ==, 0);
    }
    /* an rtpmap overrides the static table */
    ma_sdp *s = parse_ok("v=0\nm=audio 0 RTP/AVP 0\na=rtpmap:0 PCMU/16000\n");
    g_assert_cmpuint(ma_sdp_clock_rate(media(s, 0), 0), ==, 16000);
    ma_sdp_free(s);
    g_assert_cmpuint(ma_sdp_clock_rate(NULL, 33), ==, 90000);
}

static void test_bounds(void)
{
    GString *t = g_string_new("v=0\n");
    for (int i = 0; i < MA_SDP_MAX_MEDIA + 6; i++)
        g_string_append_printf(t, "m=video %d RTP/AVP 96\na=control:t%d\n", 5000 + i, i);
    g_string_append(t, "m=video 1 RTP/AVP");
    for (int i = 0; i < 200; i++)
        g_string_append_printf(t, " %d", i);
    g_string_append(t, "\na=control:");
    for (int i = 0; i < MA_SDP_MAX_LINE_LEN; i++)
        g_string_append_c(t, 'x');
    g_string_append(t, "\n");
    g_string_append_len(t, "a=control:nul\0here\n", 19);
    ma_sdp *s = ma_sdp_parse(t->str, t->len, NULL);
    g_assert_nonnull(s);
    g_assert_cmpuint(s->media->len, ==, MA_SDP_MAX_MEDIA);
    g_assert_cmpstr(media(s, MA_SDP_MAX_MEDIA - 1)->control, ==, "t63");
    /* 6 m= + 6 a= beyond the limit, the 200-format m= (also beyond), the
     * over-long line and the line with a NUL */
    g_assert_cmpuint(s->skipped_lines, ==, 6 * 2 + 1 + 2);
    ma_sdp_free(s);
    g_string_free(t, TRUE);

    t = g_string_new("v=0\nm=video 1 RTP/AVP");
    for (int i = 0; i < 200; i++)
        g_string_append_printf(t, " %d", i);
    s = parse_ok(t->str);
    g_assert_cmpuint(media(s, 0)->formats->len, ==, MA_SDP_MAX_FORMATS);
    ma_sdp_free(s);
    g_string_free(t, TRUE);
}

/* Mutated and random descriptions: never crash (ASan), NULL iff error,
 * and the query functions cope with whatever was parsed. */
static void test_fuzz(void)
{
    static const char alphabet[] = "vmcatos=/: \r\n0123456789IP46N*.-trackID";
    GRand *rnd = g_rand_new_with_seed(424242);
    gsize seed_len = strlen(seed_sdp);
    guint parsed = 0;
    for (guint iter = 0; iter < 20000; iter++) {
        gsize len;
        char *buf;
        if (iter % 2 == 0) {
            len = seed_len;
            buf = g_memdup2(seed_sdp, len);
            for (int k = g_rand_int_range(rnd, 1, 8); k > 0; k--)
                buf[g_rand_int_range(rnd, 0, (gint32)len)] =
                    (iter % 4 == 0) ? (char)g_rand_int(rnd)
                                    : alphabet[g_rand_int_range(rnd, 0, sizeof alphabet - 1)];
            len = (gsize)g_rand_int_range(rnd, 0, (gint32)len + 1);
        } else {
            len = (gsize)g_rand_int_range(rnd, 0, 300);
            buf = g_malloc(len + 1);
            memcpy(buf, "v=0\n", MIN(len, 4));
            for (gsize i = 4; i < len; i++)
                buf[i] = alphabet[g_rand_int_range(rnd, 0, sizeof alphabet - 1)];
        }
        GError *err = NULL;
        ma_sdp *s = ma_sdp_parse(buf, len, &err);
        g_assert_true((s == NULL) == (err != NULL));
        if (s != NULL) {
            parsed++;
            for (guint i = 0; i < s->media->len; i++) {
                char *u = ma_sdp_media_control_url(s, media(s, i), BASE);
                (void)ma_sdp_find_media_for_url(s, u, BASE);
                (void)ma_sdp_clock_rate(media(s, i), 96);
                (void)ma_sdp_media_conn(s, media(s, i));
                g_free(u);
            }
        }
        ma_sdp_free(s);
        g_clear_error(&err);
        g_free(buf);
    }
    g_rand_free(rnd);
    g_assert_cmpuint(parsed, >, 5000);
}

/* ST 2110 style file (what --sdp reads): strict parsing accepts it whole and
 * names the line of the first thing it would skip. */
static void test_strict(void)
{
    static const char st2110[] = "v=0\n"
                                 "o=- 1 1 IN IP4 192.0.2.10\n"
                                 "s=cam 1\n"
                                 "t=0 0\n"
                                 "m=video 5004 RTP/AVP 96\n"
                                 "c=IN IP4 232.1.1.1/32\n"
                                 "a=source-filter: incl IN IP4 232.1.1.1 192.0.2.10\n"
                                 "a=rtpmap:96 raw/90000\n";
    GError *err = NULL;
    ma_sdp *s = ma_sdp_parse_strict(st2110, strlen(st2110), &err);
    g_assert_no_error(err);
    g_assert_cmpuint(s->media->len, ==, 1);
    const ma_sdp_media *m = media(s, 0);
    g_assert_cmpuint(m->line, ==, 5);
    g_assert_cmpint(m->conn.ttl, ==, 32);
    g_assert_cmpuint(m->source_filters->len, ==, 1);
    ma_sdp_free(s);
    static const char *const bad[][2] = {
        {"v=0\ns=x\nm=video 5004 RTP/AVP 96\nc=IN IP4 232.1.1.1/300\n",
         "line 4: malformed, repeated or over a limit: 'c=IN IP4 232.1.1.1/300'"},
        {"v=0\ns=x\nm=video x RTP/AVP 96\na=rtpmap:96 raw/90000\n",
         "line 3: malformed, repeated or over a limit: 'm=video x RTP/AVP 96'"},
        {"v=0\r\nhello\r\n", "line 2: not a '<letter>=<value>' line (RFC 8866 5): 'hello'"},
        {"\n\no=- 1 1 IN IP4 0.0.0.0\n",
         "line 3: SDP: first line is 'o=', expected 'v=0' (RFC 8866 5.1)"},
        {"v=0\nm=audio 5000 RTP/AVP 0\na=rtpmap:0 PCMU\n",
         "line 3: malformed, repeated or over a limit: 'a=rtpmap:0 PCMU'"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_null(ma_sdp_parse_strict(bad[i][0], strlen(bad[i][0]), &err));
        g_assert_nonnull(err);
        g_assert_cmpstr(err->message, ==, bad[i][1]);
        g_clear_error(&err);
        /* the lenient parser skips (and counts) the same line */
        s = ma_sdp_parse(bad[i][0], strlen(bad[i][0]), &err);
        static const guint skipped[] = {1, 2, 1, 0, 1}; /* the refused m= takes its a= along */
        if (s != NULL)
            g_assert_cmpuint(s->skipped_lines, ==, skipped[i]);
        else
            g_assert_cmpuint(skipped[i], ==, 0);
        g_clear_error(&err);
        ma_sdp_free(s);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sdp/seed_crlf", test_seed_crlf);
    g_test_add_func("/sdp/seed_lf_and_garbage", test_seed_lf_and_garbage);
    g_test_add_func("/sdp/seed_control_urls", test_seed_control_urls);
    g_test_add_func("/sdp/errors", test_errors);
    g_test_add_func("/sdp/connection_lines", test_connection_lines);
    g_test_add_func("/sdp/connection_counts", test_connection_counts);
    g_test_add_func("/sdp/media_and_rtpmap_lines", test_media_and_rtpmap_lines);
    g_test_add_func("/sdp/source_filters", test_source_filters);
    g_test_add_func("/sdp/relative_controls", test_relative_controls);
    g_test_add_func("/sdp/static_payload_table", test_static_payload_table);
    g_test_add_func("/sdp/bounds", test_bounds);
    g_test_add_func("/sdp/strict", test_strict);
    g_test_add_func("/sdp/fuzz", test_fuzz);
    return g_test_run();
}
