/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rtp_tshark.c - our Wireshark-compatible figures against tshark
 * itself: a generated H.264-like stream (5 packets per 30 fps frame, one
 * timestamp per frame, marker on the last, exponential network delay) is
 * written to a pcap, tshark -z rtp,streams analyses it, and its Pkts, Lost,
 * Min/Mean/Max Delta and Min/Mean/Max Jitter must equal ours to the 3
 * decimals it prints.  Skipped when tshark is not installed. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "rtp_stats.h"

#define SSRC 0x11223344u

typedef struct {
    gint64 arrival_ns;
    uint16_t seq;
    uint32_t ts;
    gboolean marker;
    guint len; /* RTP packet length */
} gen_pkt;

enum { CLEAN, LOSSY, REORDER };

/* 3000 packets from seq 65000 (so the sequence wraps), 90 kHz. */
static GArray *generate(int mode, guint32 seed)
{
    GRand *r = g_rand_new_with_seed(seed);
    GArray *a = g_array_new(FALSE, TRUE, sizeof(gen_pkt));
    gint64 last = 0;
    for (int i = 0; i < 3000; i++) {
        int frame = i / 5, k = i % 5;
        gen_pkt p;
        double delay_ns = -log(1.0 - g_rand_double(r)) * 2e6;
        p.seq = (uint16_t)(65000 + i);
        p.ts = 123456u + (uint32_t)frame * 3000u;
        p.marker = k == 4;
        p.len = 12 + (guint)g_rand_int_range(r, 1000, 1400);
        p.arrival_ns = 1000000000LL + frame * 33333333LL + k * 1000000LL + (gint64)delay_ns;
        if (mode != CLEAN && g_rand_double(r) < (mode == LOSSY ? 0.02 : 0.01))
            continue;
        g_array_append_val(a, p);
    }
    if (mode == REORDER) {
        for (guint j = 0; j + 1 < a->len; j += 37) {
            gen_pkt t = g_array_index(a, gen_pkt, j);
            g_array_index(a, gen_pkt, j) = g_array_index(a, gen_pkt, j + 1);
            g_array_index(a, gen_pkt, j + 1) = t;
        }
        for (guint j = 200; j <= 900; j += 700) {
            gen_pkt dup = g_array_index(a, gen_pkt, j);
            g_array_insert_val(a, j + 1, dup);
        }
    }
    for (guint j = 0; j < a->len; j++) { /* capture times never go back */
        gen_pkt *p = &g_array_index(a, gen_pkt, j);
        if (p->arrival_ns <= last)
            p->arrival_ns = last + 1000;
        last = p->arrival_ns;
    }
    g_rand_free(r);
    return a;
}

static void put16(GByteArray *b, guint v)
{
    guint8 x[2] = {(guint8)(v >> 8), (guint8)v};
    g_byte_array_append(b, x, 2);
}

static void put32(GByteArray *b, guint32 v)
{
    put16(b, v >> 16);
    put16(b, v & 0xFFFF);
}

/* Ethernet + IPv4 (10.0.0.2 -> 239.255.255.200) + UDP 5000 -> 8860 + RTP. */
static GByteArray *frame_of(const gen_pkt *p)
{
    static const guint8 eth[] = {0x01, 0x00, 0x5e, 0x7f, 0xff, 0xc8, 0x02, 0, 0, 0, 0, 2, 0x08, 0x00};
    static const guint8 ip_addrs[] = {10, 0, 0, 2, 239, 255, 255, 200};
    GByteArray *b = g_byte_array_new();
    guint8 zero[1400] = {0};
    g_byte_array_append(b, eth, sizeof eth);
    put16(b, 0x4500);
    put16(b, 20 + 8 + p->len);
    put32(b, 0);
    put16(b, 0x0111); /* TTL 1, UDP */
    put16(b, 0);
    g_byte_array_append(b, ip_addrs, sizeof ip_addrs);
    put16(b, 5000);
    put16(b, 8860);
    put16(b, 8 + p->len);
    put16(b, 0);
    put16(b, 0x8000 | (p->marker ? 0x80 : 0) | 96);
    put16(b, p->seq);
    put32(b, p->ts);
    put32(b, SSRC);
    g_byte_array_append(b, zero, p->len - 12);
    return b;
}

static void write_pcap(const char *path, const GArray *a)
{
    FILE *f = fopen(path, "wb");
    const guint32 hdr[] = {0xa1b23c4d, 2 | (4u << 16), 0, 0, 65535, 1}; /* ns, v2.4, Ethernet */
    g_assert_nonnull(f);
    g_assert_cmpuint(fwrite(hdr, sizeof hdr, 1, f), ==, 1);
    for (guint j = 0; j < a->len; j++) {
        const gen_pkt *p = &g_array_index(a, gen_pkt, j);
        GByteArray *b = frame_of(p);
        guint32 rec[4] = {(guint32)(p->arrival_ns / 1000000000LL), (guint32)(p->arrival_ns % 1000000000LL), b->len,
                          b->len};
        g_assert_cmpuint(fwrite(rec, sizeof rec, 1, f), ==, 1);
        g_assert_cmpuint(fwrite(b->data, b->len, 1, f), ==, 1);
        g_byte_array_free(b, TRUE);
    }
    g_assert_cmpint(fclose(f), ==, 0);
}

/* The tshark row of our SSRC, split on blanks. */
static char **tshark_row(const char *pcap)
{
    char *argv[] = {"tshark", "-r", (char *)pcap, "-q", "-d", "udp.port==8860,rtp", "-d", "rtp.pt==96,h264",
                    "-z", "rtp,streams", NULL};
    char *out = NULL, **lines, **row = NULL;
    GError *err = NULL;
    gint status = 0;
    g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, &err));
    g_assert_no_error(err);
    lines = g_strsplit(out, "\n", -1);
    for (char **l = lines; *l && row == NULL; l++)
        if (strstr(*l, "0x11223344"))
            row = g_strsplit_set(g_strstrip(*l), " ", -1);
    g_strfreev(lines);
    g_free(out);
    g_assert_nonnull(row);
    return row;
}

/* tshark's major.minor ("TShark (Wireshark) 4.4.19 ..."): its RTP analysis
 * changed between releases, so the comparison must know which one runs. */
static guint tshark_version(void)
{
    char *argv[] = {"tshark", "--version", NULL};
    char *out = NULL;
    guint major = 0, minor = 0;
    gint status = 0;
    g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, NULL));
    const char *v = out ? strstr(out, "(Wireshark) ") : NULL;
    g_assert_nonnull(v);
    g_assert_cmpint(sscanf(v, "(Wireshark) %u.%u", &major, &minor), ==, 2);
    g_free(out);
    return major * 100 + minor;
}

/* Tokens that are not empty (several blanks separate columns). */
static GPtrArray *tokens(char **row)
{
    GPtrArray *t = g_ptr_array_new();
    for (char **c = row; *c; c++)
        if (**c)
            g_ptr_array_add(t, *c);
    return t;
}

static void compare(int mode)
{
    GArray *a = generate(mode, 20240607u + (guint32)mode);
    char *dir = g_dir_make_tmp("ma-rtp-XXXXXX", NULL);
    char *pcap = g_build_filename(dir, "rtp.pcap", NULL);
    ma_rtp_stats *s = ma_rtp_stats_new(90000);
    ma_rtp_summary o;
    char **row;
    GPtrArray *t;
    char *tshark = g_find_program_in_path("tshark");
    if (tshark == NULL) {
        g_test_skip("tshark not installed");
        goto out;
    }
    g_free(tshark);
    for (guint j = 0; j < a->len; j++) {
        const gen_pkt *p = &g_array_index(a, gen_pkt, j);
        ma_rtp_hdr h = {.version = 2, .payload_type = 96, .seq = p->seq, .timestamp = p->ts, .ssrc = SSRC,
                        .marker = p->marker};
        ma_rtp_stats_add(s, &h, p->arrival_ns, p->len);
    }
    ma_rtp_stats_summary(s, &o);
    write_pcap(pcap, a);
    row = tshark_row(pcap);
    t = tokens(row);
    g_assert_cmpuint(t->len, >=, 17);
    g_assert_cmpstr(g_ptr_array_index(t, 7), ==, "h264");
    g_assert_cmpuint(g_ascii_strtoull(g_ptr_array_index(t, 8), NULL, 10), ==, o.packets);
    gint64 ts_lost = g_ascii_strtoll(g_ptr_array_index(t, 9), NULL, 10);
    double ts_jitter_mean = g_ascii_strtod(g_ptr_array_index(t, 15), NULL);
    double ts_jitter_max = g_ascii_strtod(g_ptr_array_index(t, 16), NULL);
    guint version = tshark_version();
    g_test_message("ours: lost %" G_GINT64_FORMAT " dup %" G_GUINT64_FORMAT " reordered %" G_GUINT64_FORMAT
                   ", jitter mean/max %.3f/%.3f; tshark %u.%u: Lost %s, jitter mean/max %s/%s",
                   o.lost, o.duplicates, o.reordered, o.jitter_mean_ms, o.jitter_max_ms, version / 100,
                   version % 100, (char *)g_ptr_array_index(t, 9), (char *)g_ptr_array_index(t, 15),
                   (char *)g_ptr_array_index(t, 16));
    /* Deltas agree in every release, reordered or not. */
    g_assert_cmpfloat_with_epsilon(g_ascii_strtod(g_ptr_array_index(t, 11), NULL), o.gap_min_ms, 0.0005001);
    g_assert_cmpfloat_with_epsilon(g_ascii_strtod(g_ptr_array_index(t, 12), NULL), o.gap_mean_ms, 0.0005001);
    g_assert_cmpfloat_with_epsilon(g_ascii_strtod(g_ptr_array_index(t, 13), NULL), o.gap_max_ms, 0.0005001);
    g_assert_cmpfloat_with_epsilon(g_ascii_strtod(g_ptr_array_index(t, 14), NULL), o.jitter_min_ms, 0.0005001);
    /* the RFC jitter equals Wireshark's running jitter: 90 kHz and no
     * timestamp behind the first */
    g_assert_cmpfloat_with_epsilon(o.jitter_ts / 90.0, o.jitter_ms, 1e-6);
    if (mode != REORDER) { /* without reordering or duplicates, every release agrees with us */
        g_assert_cmpint(o.lost, ==, o.ws_lost);
        g_assert_cmpint(ts_lost, ==, o.lost);
        g_assert_cmpfloat_with_epsilon(ts_jitter_mean, o.jitter_mean_ms, 0.0005001);
        g_assert_cmpfloat_with_epsilon(ts_jitter_max, o.jitter_max_ms, 0.0005001);
        goto done;
    }
    /* Our own figures for this stream, the same whatever tshark is installed. */
    g_assert_cmpint(o.lost, ==, 36);
    g_assert_cmpint(o.duplicates, ==, 2);
    g_assert_cmpint(o.reordered, ==, 81);
    if (version < 402) {
        /* 4.0: last-arrived seq - first + 1 + 65536 x "wraps" - received; a
         * number below the first after a higher one counts as a wrap. */
        g_assert_cmpint(o.ws_lost, ==, 65569);
        g_assert_cmpint(ts_lost, ==, o.ws_lost);
        g_assert_cmpfloat_with_epsilon(ts_jitter_mean, o.jitter_mean_ms, 0.0005001);
        g_assert_cmpfloat_with_epsilon(ts_jitter_max, o.jitter_max_ms, 0.0005001);
    } else if (version >= 404) {
        /* 4.4 and 4.6: highest - lowest extended seq + 1 - received: no false
         * wrap, but duplicates still count as received (36 - 2).  Their
         * mean/max jitter differ from 4.0's with reordering as well. */
        g_assert_cmpint(ts_lost, ==, 34);
        g_assert_cmpint(ts_lost, ==, (gint64)o.expected - (gint64)o.packets);
        g_assert_cmpfloat_with_epsilon(ts_jitter_mean, 2.280, 0.0005001);
        g_assert_cmpfloat_with_epsilon(ts_jitter_max, 5.380, 0.0005001);
    } else {
        g_test_message("tshark %u.%u: its figures with reordering are not known here", version / 100,
                       version % 100);
    }
done:
    g_ptr_array_free(t, TRUE);
    g_strfreev(row);
    g_remove(pcap);
out:
    g_rmdir(dir);
    g_free(pcap);
    g_free(dir);
    ma_rtp_stats_free(s);
    g_array_free(a, TRUE);
}

static void test_clean(void)
{
    compare(CLEAN);
}

static void test_lossy(void)
{
    compare(LOSSY);
}

static void test_reorder(void)
{
    compare(REORDER);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rtp-tshark/clean", test_clean);
    g_test_add_func("/rtp-tshark/lossy", test_lossy);
    g_test_add_func("/rtp-tshark/reorder-duplicates", test_reorder);
    return g_test_run();
}
