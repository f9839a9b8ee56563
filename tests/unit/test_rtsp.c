/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rtsp.c - RTSP message parsing, stream framing and CSeq pairing. */
#include "rtsp.h"

#include <string.h>

/* The seed capture's exchange (a camera of the vendor in the notes). */
#define DESCRIBE_REQ                                                                  \
    "DESCRIBE rtsp://10.9.97.69:554/ISAPI/streaming/channels/101 RTSP/1.0\r\n"        \
    "CSeq: 3\r\n"                                                                     \
    "Accept: application/sdp\r\n"                                                    \
    "User-Agent: LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)\r\n"             \
    "\r\n"
#define R401                                                                          \
    "RTSP/1.0 401 Unauthorized\r\n"                                                   \
    "CSeq: 3\r\n"                                                                     \
    "WWW-Authenticate: Digest realm=\"IP Camera(C6220)\", "                           \
    "nonce=\"1f5b2f6e4d1a0c9b8e7d6c5b4a392817\", stale=\"FALSE\"\r\n"                 \
    "WWW-Authenticate: Basic realm=\"IP Camera(C6220)\"\r\n"                          \
    "Date:  Tue, Mar 05 2024 10:15:01 GMT\r\n"                                        \
    "\r\n"
#define DESCRIBE_AUTH                                                                 \
    "DESCRIBE rtsp://10.9.97.69:554/ISAPI/streaming/channels/101 RTSP/1.0\r\n"        \
    "CSeq: 4\r\n"                                                                     \
    "Authorization: Digest username=\"admin\", realm=\"IP Camera(C6220)\", "          \
    "nonce=\"1f5b2f6e4d1a0c9b8e7d6c5b4a392817\", "                                    \
    "uri=\"rtsp://10.9.97.69:554/ISAPI/streaming/channels/101\", "                    \
    "response=\"6629fae49393a05397450978507c4ef1\"\r\n"                               \
    "Accept: application/sdp\r\n"                                                    \
    "\r\n"
#define SDP_BODY                                                                      \
    "v=0\r\n"                                                                         \
    "o=- 1709633701 1709633701 IN IP4 10.9.97.69\r\n"                                 \
    "s=Media Presentation\r\n"                                                        \
    "e=NONE\r\n"                                                                      \
    "b=AS:5050\r\n"                                                                   \
    "t=0 0\r\n"                                                                       \
    "a=control:rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/?transportmode=multicast\r\n" \
    "m=video 0 RTP/AVP 96\r\n"                                                        \
    "c=IN IP4 0.0.0.0\r\n"                                                            \
    "b=AS:5000\r\n"                                                                   \
    "a=recvonly\r\n"                                                                  \
    "a=x-dimensions:1920,1080\r\n"                                                    \
    "a=control:rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/trackID=1?transportmode=multicast\r\n" \
    "a=rtpmap:96 H264/90000\r\n"                                                      \
    "a=fmtp:96 profile-level-id=420029; packetization-mode=1; "                       \
    "sprop-parameter-sets=Z00AKp2oHgCJ+WbgICAgQA==,aO48gA==\r\n"
#define SDP_LEN 507
#define R200_SDP                                                                      \
    "RTSP/1.0 200 OK\r\n"                                                             \
    "CSeq: 4\r\n"                                                                     \
    "Content-Type: application/sdp\r\n"                                               \
    "Content-Base: rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/\r\n"           \
    "Content-Length: 507\r\n"                                                         \
    "\r\n" SDP_BODY
#define SETUP_REQ                                                                     \
    "SETUP rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/trackID=1?transportmode=multicast RTSP/1.0\r\n" \
    "CSeq: 5\r\n"                                                                     \
    "Transport: RTP/AVP;multicast\r\n"                                                \
    "\r\n"
#define R_SETUP                                                                       \
    "RTSP/1.0 200 OK\r\n"                                                             \
    "CSeq: 5\r\n"                                                                     \
    "Session: 1273222592;timeout=60\r\n"                                              \
    "Transport: RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=128\r\n" \
    "\r\n"
#define PLAY_REQ                                                                      \
    "PLAY rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/ RTSP/1.0\r\n"           \
    "CSeq: 6\r\n"                                                                     \
    "Session: 1273222592\r\n"                                                         \
    "Range: npt=0.000-\r\n"                                                           \
    "\r\n"
#define R_PLAY                                                                        \
    "RTSP/1.0 200 OK\r\n"                                                             \
    "CSeq: 6\r\n"                                                                     \
    "Session: 1273222592\r\n"                                                         \
    "RTP-Info: url=rtsp://10.9.97.69:554/ISAPI/streaming/channels/101/trackID=1;seq=1;rtptime=0\r\n" \
    "\r\n"

#define ALL8 DESCRIBE_REQ R401 DESCRIBE_AUTH R200_SDP SETUP_REQ R_SETUP PLAY_REQ R_PLAY

static ma_rtsp_msg *parse_str(const char *s, GError **err)
{
    return ma_rtsp_msg_parse((const uint8_t *)s, strlen(s), err);
}

static ma_rtsp_msg *parse_ok(const char *s)
{
    GError *err = NULL;
    ma_rtsp_msg *m = parse_str(s, &err);
    g_assert_no_error(err);
    g_assert_nonnull(m);
    return m;
}

static void parse_bad(const char *s, gsize len, int code)
{
    GError *err = NULL;
    ma_rtsp_msg *m = ma_rtsp_msg_parse((const uint8_t *)s, len, &err);
    g_assert_null(m);
    g_assert_error(err, MA_RTSP_ERROR, code);
    g_error_free(err);
}

/* ---------------- message parser ---------------- */

static void test_parse_describe(void)
{
    ma_rtsp_msg *m = parse_ok(DESCRIBE_REQ);
    g_assert_cmpint(m->kind, ==, MA_RTSP_REQUEST);
    g_assert_cmpint(m->version_major, ==, 1);
    g_assert_cmpint(m->version_minor, ==, 0);
    g_assert_cmpstr(m->method, ==, "DESCRIBE");
    g_assert_cmpstr(m->uri, ==, "rtsp://10.9.97.69:554/ISAPI/streaming/channels/101");
    g_assert_null(m->reason);
    g_assert_cmpuint(m->headers->len, ==, 3);
    g_assert_cmpint(m->cseq, ==, 3);
    g_assert_null(m->session_id);
    g_assert_cmpint(m->session_timeout, ==, -1);
    g_assert_null(m->body);
    g_assert_cmpuint(m->body_len, ==, 0);
    g_assert_cmpuint(m->wire_len, ==, 171);
    g_assert_cmpuint(m->wire_len, ==, strlen(DESCRIBE_REQ));
    g_assert_cmpstr(ma_rtsp_msg_header(m, "user-AGENT"), ==, "LibVLC/3.0.18 (LIVE555 Streaming Media v2016.11.28)");
    g_assert_null(ma_rtsp_msg_header(m, "Session"));
    g_assert_false(ma_rtsp_is_success(m));
    ma_rtsp_msg_free(m);
}

static void test_parse_401(void)
{
    ma_rtsp_msg *m = parse_ok(R401);
    g_assert_cmpint(m->kind, ==, MA_RTSP_RESPONSE);
    g_assert_cmpint(m->status, ==, 401);
    g_assert_cmpstr(m->reason, ==, "Unauthorized");
    g_assert_null(m->method);
    g_assert_cmpint(m->cseq, ==, 3);
    g_assert_cmpuint(m->headers->len, ==, 4);
    /* the first of two WWW-Authenticate headers; both kept in order */
    g_assert_cmpstr(ma_rtsp_msg_header(m, "WWW-Authenticate"), ==,
                    "Digest realm=\"IP Camera(C6220)\", nonce=\"1f5b2f6e4d1a0c9b8e7d6c5b4a392817\", stale=\"FALSE\"");
    const ma_rtsp_header *h = g_ptr_array_index(m->headers, 2);
    g_assert_cmpstr(h->name, ==, "WWW-Authenticate");
    g_assert_cmpstr(h->value, ==, "Basic realm=\"IP Camera(C6220)\"");
    g_assert_cmpstr(ma_rtsp_msg_header(m, "date"), ==, "Tue, Mar 05 2024 10:15:01 GMT");
    g_assert_false(ma_rtsp_is_success(m));
    ma_rtsp_msg_free(m);
}

static void test_parse_sdp_body(void)
{
    g_assert_cmpuint(strlen(SDP_BODY), ==, SDP_LEN);
    /* trailing bytes after the message are not part of it */
    ma_rtsp_msg *m = parse_ok(R200_SDP SETUP_REQ);
    g_assert_cmpint(m->status, ==, 200);
    g_assert_cmpstr(m->reason, ==, "OK");
    g_assert_true(ma_rtsp_is_success(m));
    g_assert_cmpint(m->cseq, ==, 4);
    g_assert_cmpuint(m->body_len, ==, 507);
    g_assert_cmpmem(m->body, m->body_len, SDP_BODY, SDP_LEN);
    g_assert_cmpint(m->body[507], ==, '\0');
    g_assert_cmpuint(m->wire_len, ==, strlen(R200_SDP));
    g_assert_cmpuint(m->wire_len, ==, 654);
    ma_rtsp_msg_free(m);
}

static void test_parse_rtsp2(void)
{
    ma_rtsp_msg *m = parse_ok("OPTIONS * RTSP/2.0\r\nCSeq: 1\r\nSupported: play.basic, play.scale\r\n\r\n");
    g_assert_cmpint(m->version_major, ==, 2);
    g_assert_cmpint(m->version_minor, ==, 0);
    g_assert_cmpstr(m->method, ==, "OPTIONS");
    g_assert_cmpstr(m->uri, ==, "*");
    g_assert_cmpint(m->cseq, ==, 1);
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/2.0 461 Unsupported Transport\r\nCSeq: 2\r\n\r\n");
    g_assert_cmpint(m->version_major, ==, 2);
    g_assert_cmpint(m->status, ==, 461);
    g_assert_cmpstr(m->reason, ==, "Unsupported Transport");
    ma_rtsp_msg_free(m);
    /* a missing reason phrase is tolerated */
    m = parse_ok("RTSP/1.0 200\r\nCSeq: 2\r\n\r\n");
    g_assert_cmpstr(m->reason, ==, "");
    ma_rtsp_msg_free(m);
}

static void test_parse_bad_start(void)
{
    static const char *const bad[] = {
        "RTSP/1.1 200 OK\r\n\r\n",
        "RTSP/3.0 200 OK\r\n\r\n",
        "RTSP/1.0 20 OK\r\n\r\n",
        "RTSP/1.0 abc OK\r\n\r\n",
        "RTSP/1.0 600 Weird\r\n\r\n",
        "RTSP/1.0\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "DESCRIBE rtsp://x\r\n\r\n",
        "DESCRIBE rtsp://x RTSP/1.0 extra\r\n\r\n",
        "DESC(RIBE rtsp://x RTSP/1.0\r\n\r\n",
        "hello\r\n\r\n",
        "\r\n\r\n",
        "OPTIONS * RTSP/1.0\r\nNo colon here\r\n\r\n",
        "OPTIONS * RTSP/1.0\r\n: empty name\r\n\r\n",
        "OPTIONS * RTSP/1.0\r\nBad Name: x\r\n\r\n",
        "OPTIONS * RTSP/1.0\r\n continuation first\r\n\r\n",
        "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n", /* no blank line */
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
        parse_bad(bad[i], strlen(bad[i]), MA_RTSP_ERROR_MALFORMED);
    parse_bad("", 0, MA_RTSP_ERROR_MALFORMED);
    g_assert_null(ma_rtsp_msg_parse(NULL, 5, NULL));
}

static void test_parse_continuation(void)
{
    ma_rtsp_msg *m = parse_ok("SETUP rtsp://cam/track1 RTSP/1.0\n"
                              "CSeq:7\n"
                              "Transport: RTP/AVP;multicast;\n"
                              "   destination=239.1.1.1;  \n"
                              "\tport=1-2\n"
                              "X-Empty:\n"
                              "\n");
    g_assert_cmpint(m->cseq, ==, 7);
    g_assert_cmpuint(m->headers->len, ==, 3);
    g_assert_cmpstr(ma_rtsp_msg_header(m, "transport"), ==, "RTP/AVP;multicast; destination=239.1.1.1; port=1-2");
    g_assert_cmpstr(ma_rtsp_msg_header(m, "X-Empty"), ==, "");
    g_assert_cmpuint(m->wire_len, ==, 118);
    ma_rtsp_msg_free(m);
}

static void test_parse_session(void)
{
    ma_rtsp_msg *m = parse_ok(R_SETUP);
    g_assert_cmpstr(m->session_id, ==, "1273222592");
    g_assert_cmpint(m->session_timeout, ==, 60);
    g_assert_cmpint(m->cseq, ==, 5);
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/1.0 200 OK\r\nCSeq: 12\r\nsession:  AbC-9 ; Timeout = 30 ;x=1\r\n\r\n");
    g_assert_cmpstr(m->session_id, ==, "AbC-9");
    g_assert_cmpint(m->session_timeout, ==, 30);
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/1.0 200 OK\r\nCSeq: x1\r\nSession: s;timeout=abc\r\n\r\n");
    g_assert_cmpint(m->cseq, ==, -1);
    g_assert_cmpstr(m->session_id, ==, "s");
    g_assert_cmpint(m->session_timeout, ==, -1);
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/1.0 200 OK\r\nCSeq: 9999999999\r\nSession: s;timeout=1000000000\r\n\r\n");
    g_assert_cmpint(m->cseq, ==, -1);         /* more than 9 digits */
    g_assert_cmpint(m->session_timeout, ==, -1);
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/1.0 200 OK\r\nSession: ;timeout=5\r\n\r\n");
    g_assert_null(m->session_id);
    g_assert_cmpint(m->session_timeout, ==, 5);
    ma_rtsp_msg_free(m);
    /* Empty and blank Session headers: no id, no timeout, no crash
     * (g_strsplit("") is an empty vector; this crashed both front ends). */
    m = parse_ok("RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession:\r\n\r\n");
    g_assert_null(m->session_id);
    g_assert_cmpint(m->session_timeout, ==, -1);
    g_assert_cmpint(m->cseq, ==, 3);
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession:   \t \r\n\r\n");
    g_assert_null(m->session_id);
    g_assert_cmpint(m->session_timeout, ==, -1);
    ma_rtsp_msg_free(m);
}

static void test_parse_content_length(void)
{
    static const char *const malformed[] = {
        "RTSP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n",
        "RTSP/1.0 200 OK\r\nContent-Length: abc\r\n\r\n",
        "RTSP/1.0 200 OK\r\nContent-Length: 12abc\r\n\r\n",
        "RTSP/1.0 200 OK\r\nContent-Length: +5\r\n\r\nabcde",
        "RTSP/1.0 200 OK\r\nContent-Length:\r\n\r\n",
        "RTSP/1.0 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "RTSP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nshort", /* body truncated */
    };
    for (gsize i = 0; i < G_N_ELEMENTS(malformed); i++)
        parse_bad(malformed[i], strlen(malformed[i]), MA_RTSP_ERROR_MALFORMED);
    parse_bad("RTSP/1.0 200 OK\r\nContent-Length: 16777217\r\n\r\n", 45, MA_RTSP_ERROR_TOO_LARGE);
    parse_bad("RTSP/1.0 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", 60, MA_RTSP_ERROR_TOO_LARGE);
    /* the same length twice is fine; 0 means no body */
    ma_rtsp_msg *m = parse_ok("RTSP/1.0 200 OK\r\nContent-Length: 3\r\ncontent-length: 3\r\n\r\nabcdef");
    g_assert_cmpuint(m->body_len, ==, 3);
    g_assert_cmpstr((const char *)m->body, ==, "abc");
    ma_rtsp_msg_free(m);
    m = parse_ok("RTSP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
    g_assert_null(m->body);
    ma_rtsp_msg_free(m);
}

static void test_parse_limits(void)
{
    GString *s = g_string_new("OPTIONS * RTSP/1.0\r\n");
    for (guint i = 0; i < MA_RTSP_MAX_HEADERS; i++)
        g_string_append_printf(s, "X-H%u: %u\r\n", i, i);
    g_string_append(s, "\r\n");
    ma_rtsp_msg *m = parse_ok(s->str);
    g_assert_cmpuint(m->headers->len, ==, 256);
    g_assert_cmpstr(ma_rtsp_msg_header(m, "x-h255"), ==, "255");
    ma_rtsp_msg_free(m);
    g_string_truncate(s, s->len - 2);
    g_string_append(s, "X-One-Too-Many: 1\r\n\r\n");
    parse_bad(s->str, s->len, MA_RTSP_ERROR_TOO_LARGE);

    g_string_assign(s, "OPTIONS * RTSP/1.0\r\nX-Pad: ");
    for (int i = 0; i < 70000; i++)
        g_string_append_c(s, 'a');
    g_string_append(s, "\r\n\r\n");
    parse_bad(s->str, s->len, MA_RTSP_ERROR_TOO_LARGE);
    g_string_free(s, TRUE);

    static const char nul[] = "OPTIONS * RTSP/1.0\r\nCSeq: 1\0 2\r\n\r\n";
    parse_bad(nul, sizeof nul - 1, MA_RTSP_ERROR_MALFORMED);
    /* a NUL in the body is data, not an error */
    static const char nul_body[] = "RTSP/1.0 200 OK\r\nContent-Length: 3\r\n\r\na\0b";
    m = ma_rtsp_msg_parse((const uint8_t *)nul_body, sizeof nul_body - 1, NULL);
    g_assert_nonnull(m);
    g_assert_cmpuint(m->body_len, ==, 3);
    g_assert_cmpint(m->body[1], ==, 0);
    ma_rtsp_msg_free(m);
}

/* ---------------- framer ---------------- */

typedef struct {
    GPtrArray *msgs;  /* ma_rtsp_msg* */
    GArray *frames;   /* guint pairs: channel, length */
} sink;

static void on_msg(ma_rtsp_msg *m, void *user) { g_ptr_array_add(((sink *)user)->msgs, m); }

/* Records channel and length, and the frame's last data byte (or 999 when
 * the framer skipped it unread). */
static void on_frame(unsigned channel, const uint8_t *data, gsize length, void *user)
{
    guint v[3] = {channel, (guint)length, data != NULL && length > 0 ? data[length - 1] : 999u};
    g_array_append_vals(((sink *)user)->frames, v, 3);
}

static void sink_init(sink *k)
{
    k->msgs = g_ptr_array_new_with_free_func((GDestroyNotify)ma_rtsp_msg_free);
    k->frames = g_array_new(FALSE, FALSE, sizeof(guint));
}

static void sink_clear(sink *k)
{
    g_ptr_array_unref(k->msgs);
    g_array_unref(k->frames);
}

static const ma_rtsp_msg *msg_at(const sink *k, guint i) { return g_ptr_array_index(k->msgs, i); }

static void feed_str(ma_rtsp_framer *f, const char *s, gsize len, sink *k)
{
    ma_rtsp_framer_feed(f, (const uint8_t *)s, len, on_msg, k);
}

static void feed_chunks(ma_rtsp_framer *f, const char *s, gsize len, gsize chunk, sink *k)
{
    for (gsize i = 0; i < len; i += chunk)
        feed_str(f, s + i, MIN(chunk, len - i), k);
}

/* The 8 messages of the seed's exchange, in order. */
static void assert_all8(const sink *k)
{
    static const int cseq[8] = {3, 3, 4, 4, 5, 5, 6, 6};
    static const char *const sizes[8] = {DESCRIBE_REQ, R401, DESCRIBE_AUTH, R200_SDP,
                                         SETUP_REQ, R_SETUP, PLAY_REQ, R_PLAY};
    g_assert_cmpuint(k->msgs->len, ==, 8);
    for (guint i = 0; i < 8; i++) {
        const ma_rtsp_msg *m = msg_at(k, i);
        g_assert_cmpint(m->kind, ==, i % 2 == 0 ? MA_RTSP_REQUEST : MA_RTSP_RESPONSE);
        g_assert_cmpint(m->cseq, ==, cseq[i]);
        g_assert_cmpuint(m->wire_len, ==, strlen(sizes[i]));
    }
    g_assert_cmpuint(msg_at(k, 3)->body_len, ==, SDP_LEN);
    g_assert_cmpstr(msg_at(k, 5)->session_id, ==, "1273222592");
}

static void test_framer_one_feed(void)
{
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(0);
    feed_str(f, ALL8, strlen(ALL8), &k);
    assert_all8(&k);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 0);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

static void test_framer_byte_by_byte(void)
{
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(0);
    feed_chunks(f, ALL8, strlen(ALL8), 1, &k);
    assert_all8(&k);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 0);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

/* Any split of the stream gives the same 8 messages. */
static void test_framer_random_splits(void)
{
    GRand *r = g_rand_new_with_seed(7);
    const char *all = ALL8;
    const gsize len = strlen(all);
    for (int it = 0; it < 300; it++) {
        sink k;
        sink_init(&k);
        ma_rtsp_framer *f = ma_rtsp_framer_new(0);
        for (gsize pos = 0; pos < len;) {
            gsize want = (gsize)g_rand_int_range(r, 1, 200); /* MIN() evaluates twice */
            gsize n = MIN(len - pos, want);
            feed_str(f, all + pos, n, &k);
            pos += n;
        }
        assert_all8(&k);
        g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
        ma_rtsp_framer_free(f);
        sink_clear(&k);
    }
    g_rand_free(r);
}

/* "$" frames between messages, their data holding text that looks like RTSP. */
static GByteArray *interleaved_stream(void)
{
    GByteArray *b = g_byte_array_new();
    static const uint8_t hdr0[4] = {'$', 0, 0x01, 0x00};   /* channel 0, 256 bytes */
    static const uint8_t hdr1[4] = {'$', 1, 0x00, 0x08};   /* channel 1, 8 bytes */
    static const char fake[] = "\r\n\r\nRTSP/1.0 200 OK\r\nCSeq: 99\r\n\r\n";
    uint8_t data[256];
    for (guint i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7u);
    memcpy(data + 100, fake, sizeof fake - 1);
    g_byte_array_append(b, (const guint8 *)R_SETUP, (guint)strlen(R_SETUP));
    g_byte_array_append(b, hdr0, 4);
    g_byte_array_append(b, data, sizeof data);
    g_byte_array_append(b, hdr1, 4);
    g_byte_array_append(b, data, 8);
    g_byte_array_append(b, (const guint8 *)"\r\n", 2); /* stray CRLF keep-alive */
    g_byte_array_append(b, (const guint8 *)R_PLAY, (guint)strlen(R_PLAY));
    return b;
}

static void check_interleaved(gsize chunk)
{
    sink k;
    sink_init(&k);
    GByteArray *b = interleaved_stream();
    ma_rtsp_framer *f = ma_rtsp_framer_new(0);
    ma_rtsp_framer_set_interleaved_cb(f, on_frame);
    feed_chunks(f, (const char *)b->data, b->len, chunk, &k);
    g_assert_cmpuint(k.msgs->len, ==, 2);
    g_assert_cmpint(msg_at(&k, 0)->cseq, ==, 5);
    g_assert_cmpint(msg_at(&k, 1)->cseq, ==, 6);
    g_assert_cmpuint(k.frames->len, ==, 6);
    g_assert_cmpuint(g_array_index(k.frames, guint, 0), ==, 0);
    g_assert_cmpuint(g_array_index(k.frames, guint, 1), ==, 256);
    g_assert_cmpuint(g_array_index(k.frames, guint, 2), ==,
                     (255u * 7u) & 0xffu); /* whole frame handed over */
    g_assert_cmpuint(g_array_index(k.frames, guint, 3), ==, 1);
    g_assert_cmpuint(g_array_index(k.frames, guint, 4), ==, 8);
    g_assert_cmpuint(g_array_index(k.frames, guint, 5), ==, 49);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 0);
    ma_rtsp_framer_free(f);
    /* a frame larger than the framer may hold is skipped unread, the rest still framed */
    g_array_set_size(k.frames, 0);
    g_ptr_array_set_size(k.msgs, 0);
    f = ma_rtsp_framer_new(200);
    ma_rtsp_framer_set_interleaved_cb(f, on_frame);
    feed_chunks(f, (const char *)b->data, b->len, chunk, &k);
    g_assert_cmpuint(k.msgs->len, ==, 2);
    g_assert_cmpuint(k.frames->len, ==, 6);
    g_assert_cmpuint(g_array_index(k.frames, guint, 2), ==, 999);
    g_assert_cmpuint(g_array_index(k.frames, guint, 5), ==, 49);
    ma_rtsp_framer_free(f);
    g_byte_array_unref(b);
    sink_clear(&k);
}

static void test_framer_interleaved(void)
{
    check_interleaved(100000); /* one feed */
    check_interleaved(1);      /* "$" header and data split across feeds */
    check_interleaved(7);
    check_interleaved(130);
}

/* The 4-byte "$" header on its own (the plugin gets whole frames). */
static void test_interleaved_header(void)
{
    static const uint8_t frame[] = {'$', 1, 0x05, 0xdc, 0x80};
    unsigned channel = 99;
    gsize length = 99;
    g_assert_true(ma_rtsp_interleaved_header(frame, sizeof frame, &channel, &length));
    g_assert_cmpuint(channel, ==, 1);
    g_assert_cmpuint(length, ==, 1500);
    channel = 99;
    g_assert_false(ma_rtsp_interleaved_header(frame, 3, &channel, &length));
    g_assert_false(ma_rtsp_interleaved_header((const uint8_t *)"RTSP", 4, &channel, &length));
    g_assert_false(ma_rtsp_interleaved_header(NULL, 4, &channel, &length));
    g_assert_cmpuint(channel, ==, 99); /* untouched when FALSE */
}

/* Lost bytes: the partial message is dropped, the tail of it is skipped,
 * the next message is found. */
static void test_framer_gap(void)
{
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(0);
    const char *r401 = R401;
    feed_str(f, r401, 30, &k);
    ma_rtsp_framer_gap(f);
    GString *rest = g_string_new(r401 + 50);
    g_string_append(rest, R200_SDP);
    feed_str(f, rest->str, rest->len, &k);
    g_assert_cmpuint(k.msgs->len, ==, 1);
    g_assert_cmpint(msg_at(&k, 0)->cseq, ==, 4);
    g_assert_cmpuint(msg_at(&k, 0)->body_len, ==, SDP_LEN);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 30 + strlen(R401) - 50);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 214);

    /* a gap inside an interleaved frame: position is lost, resync */
    static const uint8_t frame[6] = {'$', 0, 0x10, 0x00, 1, 2}; /* 4096 bytes announced */
    ma_rtsp_framer_feed(f, frame, sizeof frame, on_msg, &k);
    ma_rtsp_framer_gap(f);
    feed_str(f, R_PLAY, strlen(R_PLAY), &k);
    g_assert_cmpuint(k.msgs->len, ==, 2);
    g_assert_cmpint(msg_at(&k, 1)->cseq, ==, 6);
    /* a gap right before a message start: nothing skipped */
    ma_rtsp_framer_gap(f);
    feed_str(f, R_SETUP, strlen(R_SETUP), &k);
    g_assert_cmpuint(k.msgs->len, ==, 3);
    /* the unfinished frame (header + 2 bytes) was held to be read whole: dropped, counted */
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 214 + sizeof frame);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
    g_string_free(rest, TRUE);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

/* A capture that starts mid-stream: the tail of an SDP body, a line that
 * starts like a method but is not one, and a start line split as "RTS|P/". */
static void test_framer_garbage_first(void)
{
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(0);
    static const char garbage[] = "ion=multicast\r\na=rtpmap:96 H264/90000\r\nPLAYER x\r\n\r\nRTS";
    feed_str(f, garbage, sizeof garbage - 1, &k);
    g_assert_cmpuint(k.msgs->len, ==, 0);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, sizeof garbage - 1 - 3);
    const char *setup = R_SETUP;
    feed_str(f, setup + 3, strlen(setup) - 3, &k);
    g_assert_cmpuint(k.msgs->len, ==, 1);
    g_assert_cmpint(msg_at(&k, 0)->cseq, ==, 5);
    g_assert_cmpuint(msg_at(&k, 0)->wire_len, ==, strlen(R_SETUP));
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 51);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 0);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

static void test_framer_oversize(void)
{
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(512);
    /* 700 bytes of header without an end, in 100-byte feeds: dropped when
     * the 6th feed passes 512 bytes; the 7th is skipped while resyncing. */
    GString *s = g_string_new("DESCRIBE rtsp://x RTSP/1.0\r\nX-Pad: ");
    while (s->len < 700)
        g_string_append_c(s, 'a');
    feed_chunks(f, s->str, s->len, 100, &k);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 1);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 100);
    feed_str(f, "\r\n\r\n" PLAY_REQ, 4 + strlen(PLAY_REQ), &k);
    g_assert_cmpuint(k.msgs->len, ==, 1);
    g_assert_cmpstr(msg_at(&k, 0)->method, ==, "PLAY");
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 104);

    /* a body larger than the buffer: counted, skipped exactly, in sync after */
    g_string_assign(s, "RTSP/1.0 200 OK\r\nCSeq: 9\r\nContent-Length: 2000\r\n\r\n");
    for (int i = 0; i < 2000; i++)
        g_string_append_c(s, 'b');
    g_string_append(s, R_PLAY);
    feed_chunks(f, s->str, s->len, 300, &k);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 2);
    g_assert_cmpuint(k.msgs->len, ==, 2);
    g_assert_cmpint(msg_at(&k, 1)->cseq, ==, 6);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 104);

    /* the same message in one feed fits no buffer limit: it is complete */
    feed_str(f, s->str, s->len, &k);
    g_assert_cmpuint(k.msgs->len, ==, 4);
    g_assert_cmpuint(msg_at(&k, 2)->body_len, ==, 2000);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 2);
    g_string_free(s, TRUE);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

static void test_framer_malformed(void)
{
    static const char *const bad[] = {
        "RTSP/1.0 200 OK\r\nCSeq: 7\r\nContent-Length: -5\r\n\r\n",
        "RTSP/1.0 200 OK\r\nCSeq: 7\r\nContent-Length: 99999999999\r\n\r\n",
        "RTSP/1.0 200 OK\r\nCSeq: 7\r\nContent-Length: abc\r\n\r\n",
        "RTSP/1.1 200 OK\r\nCSeq: 7\r\n\r\n",
        "DESCRIBE rtsp://x\r\nCSeq: 7\r\n\r\n",
    };
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        sink k;
        sink_init(&k);
        ma_rtsp_framer *f = ma_rtsp_framer_new(0);
        GString *s = g_string_new(R_SETUP);
        g_string_append(s, bad[i]);
        g_string_append(s, R_PLAY);
        feed_str(f, s->str, s->len, &k);
        g_assert_cmpuint(k.msgs->len, ==, 2);
        g_assert_cmpint(msg_at(&k, 0)->cseq, ==, 5);
        g_assert_cmpint(msg_at(&k, 1)->cseq, ==, 6);
        g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 1);
        /* the bad start line is dropped, the rest skipped by the resync */
        gsize first = (gsize)(strchr(bad[i], '\n') - bad[i]) + 1;
        g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, strlen(bad[i]) - first);
        g_string_free(s, TRUE);
        ma_rtsp_framer_free(f);
        sink_clear(&k);
    }
    /* binary where a message should start: error, resync at the next line */
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(0);
    feed_str(f, R_SETUP "\x01\x02\x03\n" R_PLAY, strlen(R_SETUP) + 4 + strlen(R_PLAY), &k);
    g_assert_cmpuint(k.msgs->len, ==, 2);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 1);
    g_assert_cmpuint(ma_rtsp_framer_skipped_bytes(f), ==, 4);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

/* A 60 KiB header section fed byte by byte: linear, not quadratic, and the
 * 64 KiB bound applies even with a larger buffer. */
static void test_framer_large_head(void)
{
    sink k;
    sink_init(&k);
    ma_rtsp_framer *f = ma_rtsp_framer_new(1u << 20);
    GString *s = g_string_new("OPTIONS * RTSP/1.0\r\nCSeq: 2\r\nX-Pad: ");
    while (s->len < 60000)
        g_string_append_c(s, 'p');
    g_string_append(s, "\r\n\r\n");
    feed_chunks(f, s->str, s->len, 1, &k);
    g_assert_cmpuint(k.msgs->len, ==, 1);
    g_assert_cmpuint(msg_at(&k, 0)->wire_len, ==, 60004);
    g_assert_cmpuint(strlen(ma_rtsp_msg_header(msg_at(&k, 0), "X-Pad")), ==, 60000 - 36);
    g_string_truncate(s, s->len - 4);
    while (s->len < 70000)
        g_string_append_c(s, 'p');
    feed_chunks(f, s->str, s->len, 1000, &k);
    g_assert_cmpuint(ma_rtsp_framer_errors(f), ==, 1);
    g_assert_cmpuint(k.msgs->len, ==, 1);
    g_string_free(s, TRUE);
    ma_rtsp_framer_free(f);
    sink_clear(&k);
}

/* ---------------- pairing ---------------- */

static void test_pairing(void)
{
    ma_rtsp_pairing *p = ma_rtsp_pairing_new(g_free);
    ma_rtsp_pairing_add(p, 3, g_strdup("DESCRIBE"));
    ma_rtsp_pairing_add(p, 4, g_strdup("DESCRIBE-auth"));
    ma_rtsp_pairing_add(p, 4, g_strdup("DESCRIBE-again")); /* replaces, frees the old */
    ma_rtsp_pairing_add(p, -1, g_strdup("no cseq"));      /* freed at once */
    g_assert_cmpuint(ma_rtsp_pairing_size(p), ==, 2);
    char *r = ma_rtsp_pairing_take(p, 4);
    g_assert_cmpstr(r, ==, "DESCRIBE-again");
    g_free(r);
    g_assert_null(ma_rtsp_pairing_take(p, 4));
    g_assert_null(ma_rtsp_pairing_take(p, 5));
    g_assert_null(ma_rtsp_pairing_take(p, -1));
    ma_rtsp_pairing_add(p, 0, g_strdup("cseq zero")); /* key 0 is a NULL pointer key */
    r = ma_rtsp_pairing_take(p, 0);
    g_assert_cmpstr(r, ==, "cseq zero");
    g_free(r);
    for (int i = 100; i < 100 + (int)MA_RTSP_PAIRING_MAX; i++)
        ma_rtsp_pairing_add(p, i, g_strdup_printf("req %d", i));
    /* full: CSeq 3 (the lowest) was forgotten to make room */
    g_assert_cmpuint(ma_rtsp_pairing_size(p), ==, MA_RTSP_PAIRING_MAX);
    g_assert_null(ma_rtsp_pairing_take(p, 3));
    r = ma_rtsp_pairing_take(p, 100);
    g_assert_cmpstr(r, ==, "req 100");
    g_free(r);
    ma_rtsp_pairing_free(p); /* frees the rest */
}

/* ---------------- fuzz ---------------- */

static void drop_msg(ma_rtsp_msg *m, void *user)
{
    guint *n = user;
    g_assert_cmpuint(m->wire_len, >=, 12);
    g_assert_true(m->kind == MA_RTSP_REQUEST || m->kind == MA_RTSP_RESPONSE);
    (*n)++;
    ma_rtsp_msg_free(m);
}

static void fuzz_one(GRand *r, const uint8_t *data, gsize len, guint *emitted)
{
    GError *err = NULL;
    ma_rtsp_msg *m = ma_rtsp_msg_parse(data, len, &err);
    if (m != NULL) {
        g_assert_no_error(err);
        g_assert_cmpuint(m->wire_len, <=, len);
        ma_rtsp_msg_free(m);
    } else {
        g_assert_nonnull(err);
        g_error_free(err);
    }
    ma_rtsp_framer *f = ma_rtsp_framer_new((gsize)g_rand_int_range(r, 64, 4096));
    for (gsize pos = 0; pos < len;) {
        gsize want = (gsize)g_rand_int_range(r, 1, 300); /* MIN() evaluates twice */
        gsize n = MIN(len - pos, want);
        ma_rtsp_framer_feed(f, data + pos, n, drop_msg, emitted);
        if (g_rand_int_range(r, 0, 50) == 0)
            ma_rtsp_framer_gap(f);
        pos += n;
    }
    ma_rtsp_framer_free(f);
}

static void test_fuzz(void)
{
    GRand *r = g_rand_new_with_seed(20240305);
    guint emitted = 0;
    uint8_t buf[700];
    for (int it = 0; it < 3000; it++) { /* random bytes, some RTSP-ish */
        gsize len = (gsize)g_rand_int_range(r, 0, (gint32)sizeof buf);
        for (gsize i = 0; i < len; i++)
            buf[i] = (uint8_t)g_rand_int_range(r, 0, 256);
        if (len > 20 && g_rand_boolean(r))
            memcpy(buf, "RTSP/1.0 200 OK\r\n", 17);
        fuzz_one(r, buf, len, &emitted);
    }
    const char alphabet[] = "\r\n\r\n$:; \t0123456789-RTSP/.\x00\xff";
    for (int it = 0; it < 3000; it++) { /* mutated valid stream */
        GByteArray *b = g_byte_array_new();
        g_byte_array_append(b, (const guint8 *)ALL8, (guint)strlen(ALL8));
        int edits = g_rand_int_range(r, 1, 8);
        for (int e = 0; e < edits; e++) {
            guint pos = (guint)g_rand_int_range(r, 0, (gint32)b->len);
            guint8 ch = (guint8)alphabet[g_rand_int_range(r, 0, (gint32)sizeof alphabet - 1)];
            switch (g_rand_int_range(r, 0, 3)) {
            case 0: g_byte_array_remove_index(b, pos); break;
            case 1: b->data[pos] = ch; break;
            default: {
                g_byte_array_append(b, &ch, 1); /* grow, then shift the tail */
                memmove(b->data + pos + 1, b->data + pos, b->len - pos - 1);
                b->data[pos] = ch;
            }
            }
        }
        fuzz_one(r, b->data, b->len, &emitted);
        g_byte_array_unref(b);
    }
    g_rand_free(r);
    /* mutations leave most of the 8 messages intact */
    g_assert_cmpuint(emitted, >, 3000 * 4);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rtsp/parse/describe", test_parse_describe);
    g_test_add_func("/rtsp/parse/401", test_parse_401);
    g_test_add_func("/rtsp/parse/sdp_body", test_parse_sdp_body);
    g_test_add_func("/rtsp/parse/rtsp2", test_parse_rtsp2);
    g_test_add_func("/rtsp/parse/bad_start", test_parse_bad_start);
    g_test_add_func("/rtsp/parse/continuation", test_parse_continuation);
    g_test_add_func("/rtsp/parse/session", test_parse_session);
    g_test_add_func("/rtsp/parse/content_length", test_parse_content_length);
    g_test_add_func("/rtsp/parse/limits", test_parse_limits);
    g_test_add_func("/rtsp/framer/one_feed", test_framer_one_feed);
    g_test_add_func("/rtsp/framer/byte_by_byte", test_framer_byte_by_byte);
    g_test_add_func("/rtsp/framer/random_splits", test_framer_random_splits);
    g_test_add_func("/rtsp/framer/interleaved", test_framer_interleaved);
    g_test_add_func("/rtsp/interleaved_header", test_interleaved_header);
    g_test_add_func("/rtsp/framer/gap", test_framer_gap);
    g_test_add_func("/rtsp/framer/garbage_first", test_framer_garbage_first);
    g_test_add_func("/rtsp/framer/oversize", test_framer_oversize);
    g_test_add_func("/rtsp/framer/malformed", test_framer_malformed);
    g_test_add_func("/rtsp/framer/large_head", test_framer_large_head);
    g_test_add_func("/rtsp/pairing", test_pairing);
    g_test_add_func("/rtsp/fuzz", test_fuzz);
    return g_test_run();
}
