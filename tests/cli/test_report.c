/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_report.c - the three renderers on a correlator fed by hand-made
 * events (no capture file): a seed-like session where the camera joins the
 * group, the client never does, and one RTP packet of ten is lost. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "report.h"
#include "report_json_priv.h"

#define T0 G_GINT64_CONSTANT(1700000000000000000) /* 2023-11-14T22:13:20Z */
#define MS G_GINT64_CONSTANT(1000000)
#define CAMERA "10.9.97.69"
#define CLIENT "10.9.97.42"
#define GROUP "239.255.255.200"
#define BASE "rtsp://10.9.97.69:554/ISAPI/streaming/channels/101?a=1&b=<2>"

typedef struct {
    ma_thresholds th;
    ma_correlator *corr;
    ma_capture_stats st;
    const char *inputs[2];
    ma_report_ctx ctx;
} fixture;

static ma_addr addr(const char *text)
{
    ma_addr a;
    g_assert_true(ma_addr_parse(text, &a));
    return a;
}

static void rtsp(fixture *f, uint32_t frame, gboolean to_server, const char *text)
{
    GError *err = NULL;
    ma_rtsp_msg *msg = ma_rtsp_msg_parse((const uint8_t *)text, strlen(text), &err);
    g_assert_no_error(err);
    ma_ev_rtsp ev = {{frame, T0 + (gint64)frame * 10 * MS}, addr(to_server ? CLIENT : CAMERA),
                     addr(to_server ? CAMERA : CLIENT), to_server ? 60874 : 554,
                     to_server ? 554 : 60874, msg, -1};
    ma_correlator_rtsp(f->corr, &ev, NULL);
    ma_rtsp_msg_free(msg);
}

static uint16_t inet_checksum(const uint8_t *p, gsize len)
{
    guint32 sum = 0;
    for (gsize i = 0; i + 1 < len; i += 2)
        sum += (guint32)(p[i] << 8 | p[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* IGMPv3 report from the camera: CHANGE_TO_EXCLUDE {} for the group. */
static void camera_join(fixture *f, uint32_t frame)
{
    uint8_t m[16] = {0x22, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 239, 255, 255, 200};
    uint16_t ck = inet_checksum(m, sizeof m);
    m[2] = (uint8_t)(ck >> 8);
    m[3] = (uint8_t)ck;
    GError *err = NULL;
    ma_memb_msg *msg = ma_igmp_parse(m, sizeof m, &err);
    g_assert_no_error(err);
    ma_ev_membership ev = {{frame, T0 + (gint64)frame * 10 * MS}, addr(CAMERA), addr("224.0.0.22"), 1, TRUE,
                           msg};
    ma_correlator_membership(f->corr, &ev, NULL);
    ma_memb_msg_free(msg);
}

static void udp(fixture *f, uint32_t frame, uint16_t port, const uint8_t *p, gsize len)
{
    ma_ev_udp ev = {{frame, T0 + (gint64)frame * 10 * MS}, addr(CAMERA), addr(GROUP), port, port, 128,
                    p, len, len};
    ma_correlator_udp(f->corr, &ev, NULL);
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
static void rtp(fixture *f, uint32_t frame, uint16_t seq)
{
    uint8_t p[112] = {0x80, 96, (uint8_t)(seq >> 8), (uint8_t)seq, 0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44};
    guint32 ts = (guint32)seq * 3600u; /* 25 frames/s at 90 kHz */
    p[4] = (uint8_t)(ts >> 24);
    p[5] = (uint8_t)(ts >> 16);
    p[6] = (uint8_t)(ts >> 8);
    p[7] = (uint8_t)ts;
    udp(f, frame, 8860, p, sizeof p);
}

static void rtcp_sr(fixture *f, uint32_t frame)
{
    const uint8_t p[28] = {0x80, 200, 0, 6, 0x11, 0x22, 0x33, 0x44};
    udp(f, frame, 8861, p, sizeof p);
}

static const char sdp_reply[] =
    "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: 133\r\n\r\n"
    "v=0\r\no=- 1 1 IN IP4 10.9.97.69\r\ns=Media\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
    "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n";

static void negotiate(fixture *f)
{
    g_assert_cmpuint(strlen(strstr(sdp_reply, "v=0")), ==, 133);
    rtsp(f, 1, TRUE, "DESCRIBE " BASE " RTSP/1.0\r\nCSeq: 3\r\nAccept: application/sdp\r\n\r\n");
    rtsp(f, 2, FALSE, sdp_reply);
    rtsp(f, 3, TRUE, "SETUP " BASE "/trackID=1 RTSP/1.0\r\nCSeq: 4\r\n"
                     "Transport: RTP/AVP;multicast\r\n\r\n");
    rtsp(f, 4, FALSE, "RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 12345678;timeout=60\r\n"
                      "Transport: RTP/AVP;multicast;destination=" GROUP
                      ";port=8860-8861;ttl=128\r\n\r\n");
    rtsp(f, 5, TRUE, "PLAY " BASE " RTSP/1.0\r\nCSeq: 5\r\nSession: 12345678\r\n\r\n");
    rtsp(f, 6, FALSE, "RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 12345678\r\n\r\n");
}

/* Frames 8-16: seq 100..109 without 105 (9 packets, 1 lost); 17: RTCP. */
static void fixture_setup(fixture *f, gconstpointer data)
{
    ma_thresholds_init(&f->th);
    f->corr = ma_correlator_new(&f->th);
    negotiate(f);
    camera_join(f, 7);
    uint32_t frame = 8;
    for (uint16_t seq = 100; seq < 110; seq++)
        if (seq != 105)
            rtp(f, frame++, seq);
    rtcp_sr(f, frame);
    ma_correlator_finish(f->corr, T0 + (gint64)frame * 10 * MS);
    memset(&f->st, 0, sizeof f->st);
    f->st.dec.frames = frame;
    f->st.dec.first_ns = T0 + 10 * MS; /* frame 1 */
    f->st.dec.last_ns = T0 + (gint64)frame * 10 * MS;
    f->st.warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(f->st.warnings, g_strdup("a capture warning with \x1b[31m escape"));
    f->inputs[0] = "test.pcap";
    f->inputs[1] = NULL;
    ma_report_ctx ctx = {f->inputs, f->corr, &f->st, &f->th, FALSE, FALSE, FALSE, FALSE};
    f->ctx = ctx;
}

static void fixture_teardown(fixture *f, gconstpointer data)
{
    g_ptr_array_free(f->st.warnings, TRUE);
    ma_correlator_free(f->corr);
}

static ma_report_set one_report(const ma_report_ctx *ctx)
{
    ma_report_set set = {ctx, 1, FALSE};
    return set;
}

static char *render_text(const ma_report_ctx *ctx)
{
    GString *out = g_string_new(NULL);
    ma_report_set set = one_report(ctx);
    ma_report_text(&set, out);
    return g_string_free(out, FALSE);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (strstr(haystack, needle) == NULL)
        g_error("expected \"%s\" in:\n%s", needle, haystack);
}

static void test_text_story(fixture *f, gconstpointer data)
{
    char *text = render_text(&f->ctx);
    if (g_test_verbose())
        g_printerr("%s", text);
    assert_contains(text, "Session 1: client 10.9.97.42:60874 -> camera 10.9.97.69:554  " BASE);
    assert_contains(text, "    DESCRIBE  frame 1 -> 200 OK (frame 2), SDP: video H264/90000, "
                          "c=IN IP4 0.0.0.0 (group only in SETUP)\n");
    assert_contains(
        text, "    SETUP     track 1 (trackID=1) frame 3 -> 200 OK (frame 4): multicast " GROUP
              " ports 8860-8861 ttl 128\n");
    /* PLAY reply at frame 6 = 50 ms after frame 1 */
    assert_contains(text, "    PLAY      frame 5 -> 200 OK (frame 6) at 0.050 s\n");
    assert_contains(text, "    Joins     camera 10.9.97.69 joined " GROUP
                          " (IGMPv3 CHANGE_TO_EXCLUDE, any source) frame 7 at 0.060 s\n");
    assert_contains(text, "              client 10.9.97.42 never joined " GROUP "\n");
    assert_contains(text, "    Media     10.9.97.69:8860 -> " GROUP ":8860 RTP PT 96 H264 SSRC "
                          "0x11223344: first packet frame 8, 20.0 ms after PLAY\n");
    assert_contains(text, "              packets 9  lost 1 (10.00%)  duplicates 0  reordered 0");
    assert_contains(text, "TTL 128\n");
    assert_contains(text, "RTCP 10.9.97.69:8861 -> " GROUP ":8861: 1 RTCP packet\n");
    assert_contains(text, "    TEARDOWN  none in the capture\n");
    assert_contains(text, "    Verdicts  WARN MA202 client-never-joined: ");
    assert_contains(text, "ERROR MA307 loss: ");
    assert_contains(text, "Queriers  none seen");
    /* the terminal escape of the capture warning is neutralised */
    g_assert_null(strchr(text, '\x1b'));
    assert_contains(text, "    Warnings  a capture warning with \xef\xbf\xbd[31m escape\n");
    g_assert_true(g_str_has_suffix(text, "Result: FAIL (1 error, 1 warning) - 1 session, "
                                         "2 flows, 17 frames\n"));
    g_free(text);
}

static void test_text_quiet_color(fixture *f, gconstpointer data)
{
    f->ctx.quiet = TRUE;
    f->ctx.color = TRUE;
    char *text = render_text(&f->ctx);
    g_assert_cmpstr(text, ==, "Result: \033[31mFAIL\033[0m (1 error, 1 warning) - 1 session, "
                              "2 flows, 17 frames\n");
    g_free(text);
}

/* With MA_CONTRACT_DIR set, every document rendered here is also written
 * there, for cli.test_report.contracts to check against the schemas. */
static void keep_for_contract(const char *ext, const GString *doc)
{
    static guint n;
    const char *dir = g_getenv("MA_CONTRACT_DIR");
    if (dir == NULL)
        return;
    char *name = g_strdup_printf("%s/test_report-%u.%s", dir, n++, ext);
    g_assert_true(g_file_set_contents(name, doc->str, (gssize)doc->len, NULL));
    g_free(name);
}

static JsonObject *parse_set(const ma_report_set *set, JsonParser *parser)
{
    GString *out = g_string_new(NULL);
    ma_report_json(set, out);
    keep_for_contract("json", out);
    GError *err = NULL;
    json_parser_load_from_data(parser, out->str, (gssize)out->len, &err);
    g_assert_no_error(err);
    g_string_free(out, TRUE);
    return json_node_get_object(json_parser_get_root(parser));
}

/* The document of one report; *report is its only reports[] element. */
static JsonObject *parse_json(const ma_report_ctx *ctx, JsonParser *parser, JsonObject **report)
{
    ma_report_set set = one_report(ctx);
    JsonObject *root = parse_set(&set, parser);
    JsonArray *reports = json_object_get_array_member(root, "reports");
    g_assert_cmpuint(json_array_get_length(reports), ==, 1);
    *report = json_array_get_object_element(reports, 0);
    return root;
}

static void test_json_document(fixture *f, gconstpointer data)
{
    JsonParser *parser = json_parser_new();
    JsonObject *rep = NULL;
    JsonObject *root = parse_json(&f->ctx, parser, &rep);
    g_assert_cmpstr(json_object_get_string_member(root, "schema"), ==, "mcast-audit/2");
    g_assert_false(json_object_get_boolean_member(root, "merged"));
    g_assert_cmpstr(json_array_get_string_element(json_object_get_array_member(rep, "inputs"), 0),
                    ==, "test.pcap");
    g_assert_cmpstr(json_object_get_string_member(rep, "result"), ==, "FAIL");
    JsonObject *cap = json_object_get_object_member(rep, "capture");
    g_assert_cmpint(json_object_get_int_member(cap, "frames"), ==, 17);
    g_assert_cmpstr(json_object_get_string_member(cap, "start"), ==, "2023-11-14T22:13:20.010000Z");
    g_assert_cmpfloat_with_epsilon(json_object_get_double_member(cap, "duration_s"), 0.16, 1e-9);
    JsonObject *th = json_object_get_object_member(root, "thresholds");
    g_assert_cmpfloat(json_object_get_double_member(th, "max_jitter_ms"), ==, 30.0);
    g_assert_true(json_object_get_null_member(th, "expect_group"));
    g_assert_cmpstr(json_object_get_string_member(root, "result"), ==, "FAIL");
    g_assert_cmpint(json_object_get_int_member(root, "exit_code"), ==, 1);
    g_object_unref(parser);
}

static void test_json_session(fixture *f, gconstpointer data)
{
    JsonParser *parser = json_parser_new();
    JsonObject *root = NULL;
    parse_json(&f->ctx, parser, &root);
    JsonArray *ss = json_object_get_array_member(root, "sessions");
    g_assert_cmpuint(json_array_get_length(ss), ==, 1);
    JsonObject *s = json_array_get_object_element(ss, 0);
    g_assert_cmpstr(json_object_get_string_member(s, "client"), ==, CLIENT);
    g_assert_cmpint(json_object_get_int_member(s, "client_port"), ==, 60874);
    g_assert_cmpstr(json_object_get_string_member(s, "session_id"), ==, "12345678");
    g_assert_cmpint(json_object_get_int_member(s, "timeout_s"), ==, 60);
    JsonObject *fr = json_object_get_object_member(s, "frames");
    g_assert_cmpint(json_object_get_int_member(fr, "play_reply"), ==, 6);
    g_assert_true(json_object_get_null_member(fr, "teardown"));
    JsonObject *t = json_array_get_object_element(json_object_get_array_member(s, "tracks"), 0);
    g_assert_cmpstr(json_object_get_string_member(t, "group"), ==, GROUP);
    g_assert_cmpint(json_object_get_int_member(t, "rtp_port"), ==, 8860);
    g_assert_cmpint(json_object_get_int_member(t, "ttl"), ==, 128);
    g_assert_cmpstr(json_object_get_string_member(t, "transport"), ==,
                    "RTP/AVP;multicast;destination=" GROUP ";port=8860-8861;ttl=128");
    g_assert_cmpstr(json_object_get_string_member(t, "encoding"), ==, "H264");
    g_assert_true(json_object_get_null_member(t, "client_join_frame"));
    g_assert_true(json_object_get_null_member(t, "join_latency_ms"));
    g_assert_cmpfloat_with_epsilon(json_object_get_double_member(t, "first_media_after_play_ms"),
                                   20.0, 1e-9);
    JsonObject *m = json_array_get_object_element(json_object_get_array_member(t, "memberships"), 0);
    g_assert_cmpstr(json_object_get_string_member(m, "role"), ==, "camera");
    g_assert_cmpstr(json_object_get_string_member(m, "record"), ==, "TO_EX");
    g_assert_cmpstr(json_object_get_string_member(m, "mode"), ==, "exclude");
    g_assert_cmpfloat_with_epsilon(json_object_get_double_member(m, "time"), 0.06, 1e-9);
    JsonArray *vs = json_object_get_array_member(s, "verdicts");
    g_assert_cmpuint(json_array_get_length(vs), ==, 2);
    g_object_unref(parser);
}

static void test_json_flows(fixture *f, gconstpointer data)
{
    JsonParser *parser = json_parser_new();
    JsonObject *root = NULL;
    parse_json(&f->ctx, parser, &root);
    JsonArray *fs = json_object_get_array_member(root, "flows");
    g_assert_cmpuint(json_array_get_length(fs), ==, 2);
    JsonObject *r = json_array_get_object_element(fs, 0);
    g_assert_cmpstr(json_object_get_string_member(r, "kind"), ==, "rtp");
    g_assert_cmpint(json_object_get_int_member(r, "packets"), ==, 9);
    g_assert_cmpint(json_object_get_int_member(r, "expected"), ==, 10);
    g_assert_cmpint(json_object_get_int_member(r, "lost"), ==, 1);
    g_assert_cmpstr(json_object_get_string_member(r, "ssrc"), ==, "0x11223344");
    g_assert_cmpint(json_object_get_int_member(r, "session"), ==, 1);
    g_assert_cmpint(json_object_get_int_member(r, "ttl_min"), ==, 128);
    JsonObject *c = json_array_get_object_element(fs, 1);
    g_assert_cmpstr(json_object_get_string_member(c, "kind"), ==, "rtcp");
    g_assert_true(json_object_get_null_member(c, "packets"));
    g_assert_cmpint(json_object_get_int_member(c, "datagrams"), ==, 1);
    JsonArray *vs = json_object_get_array_member(root, "verdicts");
    JsonObject *v = json_array_get_object_element(vs, 0);
    g_assert_cmpstr(json_object_get_string_member(v, "code"), ==, "MA202");
    g_assert_cmpstr(json_object_get_string_member(v, "severity"), ==, "warning");
    g_object_unref(parser);
}

/* Collects what a well-formed JUnit document says. */
typedef struct {
    guint testcases, failures;
    GString *failure_types;
    const char *suite_failures;
} junit_seen;

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters) GMarkup signature
static void junit_start(GMarkupParseContext *pc, const char *el, const char **names,
                        const char **values, gpointer user, GError **err)
{
    junit_seen *s = user;
    if (strcmp(el, "testcase") == 0)
        s->testcases++;
    for (guint i = 0; names[i] != NULL; i++) {
        if (strcmp(el, "failure") == 0 && strcmp(names[i], "type") == 0)
            g_string_append_printf(s->failure_types, "%s ", values[i]);
        if (strcmp(el, "testcase") == 0 && strcmp(names[i], "name") == 0)
            g_assert_cmpstr(values[i], ==, "track 1: " BASE "/trackID=1");
    }
    s->failures += strcmp(el, "failure") == 0;
}

static void test_junit(fixture *f, gconstpointer data)
{
    GString *out = g_string_new(NULL);
    ma_report_set set = one_report(&f->ctx);
    ma_report_junit(&set, out);
    keep_for_contract("xml", out);
    assert_contains(out->str, "<testsuite id=\"0\" name=\"test.pcap\" package=\"mcast-audit\" "
                              "tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" "
                              "time=\"0.160\" timestamp=\"2023-11-14T22:13:20\" hostname=\"");
    assert_contains(out->str, "<property name=\"tool.version\" value=\"" MA_REPORT_VERSION "\"/>");
    assert_contains(out->str, "<property name=\"threshold.max_jitter_ms\" value=\"30\"/>");
    assert_contains(out->str, "<property name=\"threshold.fail_on\" value=\"error\"/>");
    assert_contains(out->str, "<failure type=\"MA307\" message=\"MA307 loss: ");
    assert_contains(out->str, "a=1&amp;b=&lt;2&gt;");
    assert_contains(out->str, "<system-out>warning MA202 client-never-joined: ");
    const GMarkupParser mp = {junit_start, NULL, NULL, NULL, NULL};
    junit_seen seen = {0, 0, g_string_new(NULL), NULL};
    GMarkupParseContext *pc = g_markup_parse_context_new(&mp, 0, &seen, NULL);
    GError *err = NULL;
    g_markup_parse_context_parse(pc, out->str, (gssize)out->len, &err);
    g_assert_no_error(err);
    g_markup_parse_context_end_parse(pc, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(seen.testcases, ==, 1);
    g_assert_cmpuint(seen.failures, ==, 1);
    g_assert_cmpstr(seen.failure_types->str, ==, "MA307 ");
    g_markup_parse_context_free(pc);
    g_string_free(seen.failure_types, TRUE);
    g_string_free(out, TRUE);
}

/* --fail-on warning turns the MA202 warning into a failure too. */
static void test_fail_on_warning(fixture *f, gconstpointer data)
{
    g_assert_cmpint(ma_report_result(f->corr, &f->th), ==, MA_RESULT_FAIL);
    f->th.fail_on = MA_SEV_WARNING;
    GString *out = g_string_new(NULL);
    ma_report_set set = one_report(&f->ctx);
    ma_report_junit(&set, out);
    /* one <failure> for the track: the error first, the warning named after it */
    assert_contains(out->str, "<failure type=\"MA307\" message=\"MA307 loss: ");
    assert_contains(out->str, " (and 1 more: MA202)\">error MA307 loss: ");
    assert_contains(out->str, "\nwarning MA202 client-never-joined: ");
    g_assert_null(strstr(out->str, "<failure type=\"MA202\""));
    g_assert_null(strstr(out->str, "<system-out>"));
    g_string_free(out, TRUE);
}

static void test_safe_utf8(void)
{
    char *s = ma_report_safe_utf8("ok\ttab \x1b[2J bad\xff \xc2\x9b end");
    g_assert_cmpstr(s, ==, "ok\ttab \xef\xbf\xbd[2J bad\xef\xbf\xbd \xef\xbf\xbd end");
    g_free(s);
    g_assert_null(ma_report_safe_utf8(NULL));
}

/* Two files: one report each, a summary line, the worst result. */
static void test_two_files(fixture *f, gconstpointer data)
{
    ma_correlator *empty = ma_correlator_new(&f->th);
    ma_correlator_set_input(empty, "empty.pcap", 0);
    ma_correlator_finish(empty, T0);
    const char *names[] = {"empty.pcap", NULL};
    ma_report_ctx ctxs[2] = {f->ctx, {names, empty, NULL, &f->th, FALSE, FALSE, FALSE, FALSE}};
    ma_report_set set = {ctxs, 2, FALSE};
    GString *out = g_string_new(NULL);
    ma_report_text(&set, out);
    assert_contains(out->str,
                    "mcast-audit " MA_REPORT_VERSION ": test.pcap  (17 frames, 0.160 s)\n");
    assert_contains(out->str, "Result for test.pcap: FAIL (1 error, 1 warning) - 1 session, "
                              "2 flows, 17 frames\n");
    assert_contains(out->str,
                    "mcast-audit " MA_REPORT_VERSION ": empty.pcap  (0 frames, 0.000 s)\n");
    assert_contains(out->str, "    Verdicts  ERROR MA920 nothing-to-audit: empty.pcap holds no "
                              "RTSP session, no multicast flow and no RTP flow (0 frames read)\n");
    g_assert_true(g_str_has_suffix(out->str, "Result for empty.pcap: FAIL (1 error) - 0 sessions, "
                                             "0 flows, 0 frames\n\n"
                                             "Result: FAIL - 2 files: 2 FAIL, 0 WARN, 0 PASS\n"));
    g_string_truncate(out, 0);
    ma_report_junit(&set, out);
    keep_for_contract("xml", out);
    assert_contains(out->str,
                    "<testsuites name=\"mcast-audit\" tests=\"2\" failures=\"2\" "
                    "errors=\"0\" time=\"0.160\">\n  <testsuite id=\"0\" name=\"test.pcap\"");
    assert_contains(out->str, "<testsuite id=\"1\" name=\"empty.pcap\" package=\"mcast-audit\" "
                              "tests=\"1\" failures=\"1\"");
    assert_contains(out->str, "<testcase classname=\"mcast-audit.capture\" name=\"capture\" "
                              "time=\"0.000\">\n      <failure type=\"MA920\"");
    g_string_free(out, TRUE);
    JsonParser *parser = json_parser_new();
    JsonObject *root = parse_set(&set, parser);
    JsonArray *reports = json_object_get_array_member(root, "reports");
    g_assert_cmpuint(json_array_get_length(reports), ==, 2);
    JsonObject *second = json_array_get_object_element(reports, 1);
    g_assert_cmpstr(json_object_get_string_member(second, "result"), ==, "FAIL");
    JsonObject *v =
        json_array_get_object_element(json_object_get_array_member(second, "verdicts"), 0);
    g_assert_cmpstr(json_object_get_string_member(v, "code"), ==, "MA920");
    g_assert_cmpstr(json_object_get_string_member(root, "result"), ==, "FAIL");
    g_assert_cmpint(json_object_get_int_member(root, "exit_code"), ==, 1);
    g_object_unref(parser);
    ma_correlator_free(empty);
}

static void test_result_rule(void)
{
    ma_thresholds th;
    ma_thresholds_init(&th);
    ma_correlator *c = ma_correlator_new(&th);
    ma_correlator_finish(c, T0);
    /* nothing to audit is not a pass: MA920 is an error */
    const GPtrArray *vs = ma_correlator_verdicts(c);
    g_assert_cmpuint(vs->len, ==, 1);
    g_assert_cmpstr(((const ma_verdict *)g_ptr_array_index(vs, 0))->def->code, ==, "MA920");
    g_assert_cmpint(ma_report_result(c, &th), ==, MA_RESULT_FAIL);
    g_assert_cmpint(ma_result_exit_code(MA_RESULT_PASS), ==, 0);
    g_assert_cmpint(ma_result_exit_code(MA_RESULT_WARN), ==, 0);
    g_assert_cmpint(ma_result_exit_code(MA_RESULT_FAIL), ==, 1);
    ma_correlator_free(c);
}

static void test_shorten_numbers(void)
{
    char *s = ma_json_shorten_numbers("{\"a\" : 0.10000000000000001, \"s\" : \"1.50000\\\"2.0\", "
                                      "\"b\" : 2000000.0, \"c\" : -12, \"d\" : 1e-07}");
    g_assert_cmpstr(s, ==, "{\"a\" : 0.1, \"s\" : \"1.50000\\\"2.0\", \"b\" : 2000000.0, "
                           "\"c\" : -12, \"d\" : 1e-07}");
    g_free(s);
}

static guint count_of(const char *haystack, const char *needle)
{
    guint n = 0;
    for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The HTML page: verdicts linked to their proof, the ladder's steps in the
 * verdicts' colours, the plots fed by the flow's series, capture text escaped. */
static void test_html(fixture *f, gconstpointer data)
{
    GString *out = g_string_new(NULL);
    ma_report_html(&f->ctx, out);
    const char *html = out->str;
    if (g_test_verbose())
        g_printerr("%s", html);
    g_assert_true(g_str_has_prefix(html, "<!DOCTYPE html>\n"));
    g_assert_cmpuint(count_of(html, "<tr class=\"verdict\" data-verdict=\"MA202\">"), ==, 1);
    g_assert_cmpuint(count_of(html, "<tr class=\"verdict\" data-verdict=\"MA307\">"), ==, 1);
    g_assert_cmpuint(count_of(html, "data-verdict="), ==, 2);
    assert_contains(html, "<div class=\"result FAIL\" id=\"result\" data-result=\"FAIL\">");
    g_assert_cmpuint(count_of(html, "<svg class=\"ladder\" data-session=\"1\""), ==, 1);
    /* MA202 cites the SETUP reply (4) and the camera's join (7): both in its colour */
    assert_contains(html, "<g class=\"step\" id=\"s1-f7\" data-frame=\"7\" data-severity=\"warning\">");
    assert_contains(html, "<g class=\"step\" id=\"s1-f4\" data-frame=\"4\" data-severity=\"warning\">");
    assert_contains(html, "<g class=\"step\" id=\"s1-f5\" data-frame=\"5\"><title>");
    assert_contains(html, "<g class=\"step missing\" data-severity=\"warning\"><title>no IGMP/MLD "
                          "report from the client");
    assert_contains(html, ">first RTP packet, PT 96, 20.0 ms after PLAY</text>");
    /* MA202's link opens the ladder step, MA307's the loss panel */
    assert_contains(html, "<a href=\"#s1-f4\">show proof");
    assert_contains(html, "<a href=\"#flow-1-loss\">show proof");
    assert_contains(html, "<g class=\"panel\" id=\"flow-1-loss\" data-panel=\"loss\">");
    /* seq 105 missing: found by the packet of frame 13, one burst of 1 */
    g_assert_cmpuint(count_of(html, "<rect class=\"loss\""), ==, 1);
    assert_contains(html, "<title>1 lost, longest burst 1</title>");
    g_assert_cmpuint(count_of(html, "class=\"burst\""), ==, 0);
    /* the camera's membership from frame 7 on */
    assert_contains(html, "<g class=\"band\" id=\"flow-1-band\"");
    assert_contains(html, "<rect class=\"memb joined\"");
    /* capture text escaped; nothing that could run or fetch */
    assert_contains(html, "channels/101?a=1&amp;b=&lt;2&gt;");
    g_assert_null(strstr(html, "b=<2>"));
    g_assert_null(strchr(html, '\x1b'));
    g_assert_null(strstr(html, "<script"));
    g_assert_cmpuint(count_of(html, "http:"), ==, count_of(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    g_assert_null(strstr(html, "https:"));
    g_assert_null(strstr(html, "src="));
    g_assert_cmpuint(count_of(html, "href=\""), ==, count_of(html, "href=\"#"));
    g_string_free(out, TRUE);
}

/* The series the plots come from: fed by the same per-packet figures. */
static void test_flow_series(fixture *f, gconstpointer data)
{
    const ma_flow *fl = g_ptr_array_index(ma_correlator_flows(f->corr), 0);
    g_assert_nonnull(fl->series);
    guint64 packets = 0, bytes = 0, lost = 0;
    for (guint i = 0; i < ma_flow_series_len(fl->series); i++) {
        const ma_series_col *c = ma_flow_series_col(fl->series, i);
        packets += c->packets;
        bytes += c->bytes;
        lost += c->lost;
        if (c->packets > 0) {
            g_assert_cmpint(c->ttl_min, ==, 128);
            g_assert_cmpint(c->ttl_max, ==, 128);
        }
    }
    g_assert_cmpuint(packets, ==, 9);
    g_assert_cmpuint(bytes, ==, 9 * 112);
    g_assert_cmpuint(lost, ==, 1);
    /* 10 ms apart, 1 ms columns: frame 8 at column 0, frame 16 at column 80 */
    g_assert_cmpint(ma_flow_series_width_ns(fl->series), ==, MS);
    g_assert_cmpuint(ma_flow_series_len(fl->series), ==, 81);
    g_assert_cmpuint(ma_flow_series_col(fl->series, 50)->lost, ==, 1); /* frame 13 */
    g_assert_cmpfloat_with_epsilon(ma_flow_series_col(fl->series, 10)->gap_max, 10.0, 1e-6);
    g_assert_null(((const ma_flow *)g_ptr_array_index(ma_correlator_flows(f->corr), 1))->series);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/report/text/story", test_text_story);
    ADD("/report/text/quiet-color", test_text_quiet_color);
    ADD("/report/json/document", test_json_document);
    ADD("/report/json/session", test_json_session);
    ADD("/report/json/flows", test_json_flows);
    ADD("/report/junit", test_junit);
    ADD("/report/fail-on-warning", test_fail_on_warning);
    ADD("/report/html", test_html);
    ADD("/report/flow-series", test_flow_series);
    ADD("/report/two-files", test_two_files);
    g_test_add_func("/report/safe-utf8", test_safe_utf8);
    g_test_add_func("/report/result-rule", test_result_rule);
    g_test_add_func("/report/json/shorten-numbers", test_shorten_numbers);
    return g_test_run();
}
