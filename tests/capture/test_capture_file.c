/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_capture_file.c - reading capture files through ma_capture_run:
 * merging several files by time with one frame numbering, pcapng, standard
 * input, bad inputs with their exact messages, a truncated last packet, a
 * real correlator fed end to end, and live capture on the loopback. */
#include <glib/gstdio.h>
#include <pcap/pcap.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include "capture.h"
#include "capture_internal.h"
#include "pkt.h"

#define NS(s, ns) (G_GINT64_CONSTANT(1000000000) * (s) + (ns))

static char *tmpdir;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

/* Write frames (GByteArray*) at the given ns timestamps. */
static char *write_pcap(const char *name, int dlt, GPtrArray *frames, const gint64 *ts)
{
    char *path = tmp_path(name);
    pcap_t *dead = pcap_open_dead_with_tstamp_precision(dlt, 65535, PCAP_TSTAMP_PRECISION_NANO);
    pcap_dumper_t *dump = pcap_dump_open(dead, path);
    g_assert_nonnull(dump);
    for (guint i = 0; i < frames->len; i++) {
        GByteArray *f = frames->pdata[i];
        struct pcap_pkthdr h = { .caplen = f->len, .len = f->len };
        h.ts.tv_sec = (time_t)(ts[i] / 1000000000);
        h.ts.tv_usec = (suseconds_t)(ts[i] % 1000000000);
        pcap_dump((u_char *)dump, &h, f->data);
    }
    pcap_dump_close(dump);
    pcap_close(dead);
    return path;
}

static GPtrArray *udp_frames(guint n, uint16_t first_sport, gboolean sll)
{
    GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    for (guint i = 0; i < n; i++) {
        GByteArray *e = pk_eth_udp4("10.0.0.1", "239.1.1.1", (uint16_t)(first_sport + 2 * i), 5004, 3, "\x80\x60", 2);
        if (sll) {
            GByteArray *ip = pk_bytes(e->data + 14, e->len - 14);
            g_byte_array_unref(e);
            e = pk_sll(0x0800, ip);
            g_byte_array_unref(ip);
        }
        g_ptr_array_add(a, e);
    }
    return a;
}

typedef struct {
    rec r;        /* events only: ma_capture_run_sink has its own decoder */
    ma_capture_stats st;
    GError *err;
    gboolean ok;
} run_result;

static void run(run_result *res, const char *const *files, const char *iface, double duration)
{
    memset(res, 0, sizeof *res);
    rec_init(&res->r, NULL);
    ma_capture_stats_init(&res->st);
    ma_capture_opts o = { .files = files, .iface = iface, .duration_s = duration };
    ma_sink sink = rec_sink(&res->r);
    res->ok = ma_capture_run_sink(&o, &sink, &res->st, &res->err);
}

static void run_clear(run_result *res)
{
    rec_clear(&res->r);
    ma_capture_stats_clear(&res->st);
    g_clear_error(&res->err);
}

static void test_merge(void)
{
    /* A: Ethernet, t = 1, 3, 5 s (+1 ns); B: Linux cooked, t = 2, 4 s */
    GPtrArray *fa = udp_frames(3, 1, FALSE), *fb = udp_frames(2, 2, TRUE);
    const gint64 ta[] = { NS(1, 1), NS(3, 1), NS(5, 1) }, tb[] = { NS(2, 2), NS(4, 2) };
    char *a = write_pcap("a.pcap", DLT_EN10MB, fa, ta);
    char *b = write_pcap("b.pcap", DLT_LINUX_SLL, fb, tb);
    const char *files[] = { a, b, NULL };
    run_result res;
    run(&res, files, NULL, 0);
    g_assert_no_error(res.err);
    g_assert_true(res.ok);
    g_assert_cmpuint(res.st.dec.frames, ==, 5);
    g_assert_cmpuint(res.r.events->len, ==, 5);
    for (guint i = 0; i < 5; i++) {
        const rec_event *e = rec_get(&res.r, i);
        g_assert_cmpuint(e->frame, ==, i + 1);
        g_assert_cmpuint(e->sport, ==, i + 1);
        g_assert_cmpint(e->ts_ns, ==, NS(i + 1, (i % 2) ? 2 : 1));
    }
    g_assert_cmpint(res.st.dec.first_ns, ==, NS(1, 1));
    g_assert_cmpint(res.st.dec.last_ns, ==, NS(5, 1));
    g_assert_false(res.st.truncated);
    g_assert_cmpuint(res.st.warnings->len, ==, 0);
    run_clear(&res);
    g_unlink(a);
    g_unlink(b);
    g_free(a);
    g_free(b);
    g_ptr_array_unref(fa);
    g_ptr_array_unref(fb);
}

/* pcapng by hand: section header, interface (Ethernet, ns resolution), two
 * enhanced packet blocks.  Little endian. */
static void le32(GByteArray *b, uint32_t v)
{
    uint8_t x[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    g_byte_array_append(b, x, 4);
}

static void test_pcapng(void)
{
    GByteArray *b = g_byte_array_new();
    le32(b, 0x0a0d0d0a); le32(b, 28); le32(b, 0x1a2b3c4d); le32(b, 1); /* v1.0 */
    le32(b, 0xffffffff); le32(b, 0xffffffff); le32(b, 28);
    /* IDB: linktype 1, snaplen; option if_tsresol (9) = 9, end of options */
    le32(b, 1); le32(b, 32); le32(b, 1); le32(b, 65535);
    le32(b, 9u | (1u << 16)); le32(b, 9); /* if_tsresol, 1 byte: 10^-9 */ le32(b, 0); le32(b, 32);
    GPtrArray *f = udp_frames(2, 7, FALSE);
    const gint64 ts[] = { NS(1700000000, 123456789), NS(1700000001, 5) };
    for (guint i = 0; i < f->len; i++) {
        GByteArray *p = f->pdata[i];
        guint pad = (4 - p->len % 4) % 4;
        guint total = 32 + p->len + pad;
        le32(b, 6); le32(b, total); le32(b, 0);
        le32(b, (uint32_t)((guint64)ts[i] >> 32)); le32(b, (uint32_t)ts[i]);
        le32(b, p->len); le32(b, p->len);
        g_byte_array_append(b, p->data, p->len);
        static const uint8_t zero[4];
        g_byte_array_append(b, zero, pad);
        le32(b, total);
    }
    char *path = tmp_path("x.pcapng");
    g_assert_true(g_file_set_contents(path, (const char *)b->data, b->len, NULL));
    const char *files[] = { path, NULL };
    run_result res;
    run(&res, files, NULL, 0);
    g_assert_no_error(res.err);
    g_assert_cmpuint(res.st.dec.frames, ==, 2);
    g_assert_cmpuint(res.r.events->len, ==, 2);
    g_assert_cmpint(rec_get(&res.r, 0)->ts_ns, ==, ts[0]);
    g_assert_cmpint(rec_get(&res.r, 1)->ts_ns, ==, ts[1]);
    g_assert_cmpuint(rec_get(&res.r, 1)->sport, ==, 9);
    run_clear(&res);
    g_unlink(path);
    g_free(path);
    g_ptr_array_unref(f);
    g_byte_array_unref(b);
}

static void expect_error(const char *const *files, const char *iface, int code, const char *msg)
{
    run_result res;
    run(&res, files, iface, 0);
    g_assert_false(res.ok);
    g_assert_error(res.err, MA_CAPTURE_ERROR, code);
    g_assert_cmpstr(res.err->message, ==, msg);
    g_assert_cmpuint(res.st.dec.frames, ==, 0);
    run_clear(&res);
}

static void test_bad_inputs(void)
{
    GPtrArray *f = udp_frames(3, 1, FALSE);
    const gint64 ts[] = { NS(1, 0), NS(2, 0), NS(3, 0) };
    char *good = write_pcap("good.pcap", DLT_EN10MB, f, ts);
    char *missing = tmp_path("missing.pcap"), *empty = tmp_path("empty.pcap");
    char *text = tmp_path("notes.txt"), *cut = tmp_path("cut.pcap"), *tiny = tmp_path("tiny");
    char *wifi = write_pcap("pktap.pcap", DLT_PKTAP, f, ts);
    g_assert_true(g_file_set_contents(empty, "", 0, NULL));
    g_assert_true(g_file_set_contents(text, "hello, this is not a capture\n", -1, NULL));
    g_assert_true(g_file_set_contents(tiny, "ab", 2, NULL));
    char *data;
    gsize len;
    g_assert_true(g_file_get_contents(good, &data, &len, NULL));
    g_assert_true(g_file_set_contents(cut, data, 12, NULL)); /* half a file header */
    g_free(data);

    char *m;
#define EXPECT(code, fmt, ...) do { m = g_strdup_printf(fmt, __VA_ARGS__); \
        const char *fl[] = { good, bad, NULL }; expect_error(fl, NULL, code, m); g_free(m); } while (0)
    const char *bad;
    bad = missing; EXPECT(MA_CAPTURE_ERROR_OPEN, "%s: No such file or directory", missing);
    bad = tmpdir; EXPECT(MA_CAPTURE_ERROR_OPEN, "%s: is a directory", tmpdir);
    bad = empty; EXPECT(MA_CAPTURE_ERROR_OPEN, "%s: empty file", empty);
    bad = text; EXPECT(MA_CAPTURE_ERROR_OPEN, "%s: not a pcap or pcapng file", text);
    bad = tiny; EXPECT(MA_CAPTURE_ERROR_OPEN, "%s: not a pcap or pcapng file", tiny);
    bad = cut; EXPECT(MA_CAPTURE_ERROR_OPEN, "%s: capture file header truncated", cut);
    bad = wifi;
    EXPECT(MA_CAPTURE_ERROR_LINKTYPE, "%s: link type PKTAP (258) is not supported; supported: %s",
           wifi, ma_decode_link_supported_list());
#undef EXPECT
    const char *both[] = { good, NULL };
    expect_error(both, "lo", MA_CAPTURE_ERROR_OPEN, "give capture files or an interface, not both");
    const char *none[] = { NULL };
    expect_error(none, NULL, MA_CAPTURE_ERROR_OPEN, "no capture file given");
    const char *two_stdin[] = { "-", good, "-", NULL };
    expect_error(two_stdin, NULL, MA_CAPTURE_ERROR_OPEN, "standard input (\"-\") given more than once");

    const char *paths[] = { good, missing, empty, text, cut, tiny, wifi };
    for (gsize i = 0; i < G_N_ELEMENTS(paths); i++)
        g_unlink(paths[i]);
    g_free(good); g_free(missing); g_free(empty); g_free(text); g_free(cut); g_free(tiny); g_free(wifi);
    g_ptr_array_unref(f);
}

/* A valid 3-packet capture with its end chopped. */
static void check_truncated(gsize chop, const char *name)
{
    GPtrArray *f = udp_frames(3, 1, FALSE);
    const gint64 ts[] = { NS(1, 0), NS(2, 0), NS(3, 0) };
    char *path = write_pcap(name, DLT_EN10MB, f, ts);
    char *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_assert_true(g_file_set_contents(path, data, (gssize)(len - chop), NULL));
    g_free(data);
    const char *files[] = { path, NULL };
    run_result res;
    run(&res, files, NULL, 0);
    g_assert_no_error(res.err);
    g_assert_true(res.ok);
    g_assert_true(res.st.truncated);
    g_assert_cmpuint(res.st.dec.frames, ==, 2);
    g_assert_cmpuint(res.r.events->len, ==, 2);
    g_assert_cmpuint(res.st.warnings->len, ==, 1);
    char *want = g_strdup_printf("%s: capture truncated after frame 2; sessions up to there are reported", path);
    g_assert_cmpstr(res.st.warnings->pdata[0], ==, want);
    g_free(want);
    run_clear(&res);
    g_unlink(path);
    g_free(path);
    g_ptr_array_unref(f);
}

static void test_truncated(void)
{
    /* frames are 14+20+8+2 = 44 bytes after a 16-byte record header */
    check_truncated(5, "cut-data.pcap");     /* inside the last packet's data */
    check_truncated(44 + 6, "cut-hdr.pcap"); /* inside the last record header */
}

static void test_stdin(void)
{
    if (g_test_subprocess()) {
        GPtrArray *f = udp_frames(3, 1, FALSE);
        const gint64 ts[] = { NS(1, 0), NS(2, 0), NS(3, 0) };
        char *path = write_pcap("stdin.pcap", DLT_EN10MB, f, ts);
        g_assert_nonnull(freopen(path, "rb", stdin));
        const char *files[] = { "-", NULL };
        run_result res;
        run(&res, files, NULL, 0);
        g_assert_no_error(res.err);
        g_assert_cmpuint(res.st.dec.frames, ==, 3);
        g_assert_cmpuint(res.r.events->len, ==, 3);
        run_clear(&res);
        g_unlink(path);
        g_free(path);
        g_ptr_array_unref(f);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

static void test_stdin_empty(void)
{
    if (g_test_subprocess()) {
        g_assert_nonnull(freopen("/dev/null", "rb", stdin));
        const char *files[] = { "-", NULL };
        expect_error(files, NULL, MA_CAPTURE_ERROR_OPEN, "standard input: empty input");
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
}

static void test_progress(void)
{
    if (g_test_subprocess()) {
        ma_progress pr = { .enabled = TRUE };
        ma_progress_tick(&pr, 1234, 50000000, 200000000);
        ma_progress_tick(&pr, 1300, 60000000, 200000000); /* within 0.5 s: silent */
        ma_progress_done(&pr);
        ma_progress quiet = { .enabled = FALSE };
        ma_progress_tick(&quiet, 1, 1, 2);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("\rmcast-audit:  25%  50.0/200.0 MB  1234 frames \r\033[K");
}

/* ---- live capture on the loopback (needs root / CAP_NET_RAW) ---- */

static gpointer send_udp(gpointer port_p)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)GPOINTER_TO_UINT(port_p)) };
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_usleep(400 * 1000); /* let the capture start */
    for (int i = 0; i < 5; i++)
        (void)sendto(fd, "\x80\x60live", 6, 0, (struct sockaddr *)&to, sizeof to);
    close(fd);
    return NULL;
}

static void test_live_loopback(void)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *probe = pcap_create("lo", errbuf);
    int rc = probe ? pcap_activate(probe) : -1;
    if (probe)
        pcap_close(probe);
    if (rc < 0) {
        g_test_skip("cannot capture on lo here (needs root or CAP_NET_RAW)");
        return;
    }
    guint port = 47000 + (guint)(getpid() % 1000);
    GThread *t = g_thread_new("sender", send_udp, GUINT_TO_POINTER(port));
    run_result res;
    run(&res, NULL, "lo", 1.5);
    g_thread_join(t);
    g_assert_no_error(res.err);
    g_assert_true(res.ok);
    g_assert_true(res.st.interrupted); /* the duration ended it */
    guint n = 0;
    for (guint i = 0; i < res.r.events->len; i++) {
        const rec_event *e = rec_get(&res.r, i);
        if (e->kind == REC_UDP && e->dport == port) {
            n++;
            g_assert_cmpstr(e->dst, ==, "127.0.0.1");
            g_assert_cmpuint(e->payload_len, ==, 6);
        }
    }
    g_assert_cmpuint(n, ==, 5);
    run_clear(&res);
}

static void test_live_bad_interface(void)
{
    run_result res;
    run(&res, NULL, "nosuchif0", 0.1);
    g_assert_false(res.ok);
    g_assert_error(res.err, MA_CAPTURE_ERROR, MA_CAPTURE_ERROR_LIVE);
    g_assert_true(g_str_has_prefix(res.err->message, "nosuchif0: "));
    run_clear(&res);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("ma-capture-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/capture/merge", test_merge);
    g_test_add_func("/capture/pcapng", test_pcapng);
    g_test_add_func("/capture/bad-inputs", test_bad_inputs);
    g_test_add_func("/capture/truncated", test_truncated);
    g_test_add_func("/capture/stdin", test_stdin);
    g_test_add_func("/capture/stdin-empty", test_stdin_empty);
    g_test_add_func("/capture/progress", test_progress);
    g_test_add_func("/capture/live-loopback", test_live_loopback);
    g_test_add_func("/capture/live-bad-interface", test_live_bad_interface);
    int rc = g_test_run();
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return rc;
}
