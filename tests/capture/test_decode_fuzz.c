/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_decode_fuzz.c - random and mutated frames through every link type:
 * the decoders must count each frame once and never read outside it (run
 * under ASan/UBSan in the asan preset).  Seeded, so failures repeat. */
#include <pcap/pcap.h>
#include <string.h>
#include "pkt.h"

#define ROUNDS 4000

/* Valid frames of every kind we decode, to be mutated. */
static GPtrArray *seeds(void)
{
    GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    static const char rtsp[] = "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 4\r\n\r\nv=0\n$\0\0\2ab";
    static const uint8_t igmp[16] = { 0x22, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 239, 2, 2, 2 };
    static const uint8_t mld[28] = { 143, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0xff, 0x15 };
    static const uint8_t hbh[8] = { 58, 0, 5, 2, 0, 0, 1, 0 };
    static const uint8_t ra[4] = { 148, 4, 0, 0 };
    g_ptr_array_add(a, pk_eth_udp4("10.0.0.1", "239.1.1.1", 1, 2, 64, "\x80\x60\0\1", 4));
    g_ptr_array_add(a, pk_eth_tcp4("10.0.0.1", "10.0.0.2", 554, 4000, 7, PK_ACK, rtsp, sizeof rtsp - 1));
    GByteArray *b = pk_bytes(igmp, sizeof igmp);
    GByteArray *ip = pk_ipv4_full("10.0.0.2", "224.0.0.22", IPPROTO_IGMP, 1, 3, 0, ra, 4, b);
    g_ptr_array_add(a, pk_eth(NULL, 0, 0x0800, ip));
    g_byte_array_unref(ip);
    g_byte_array_unref(b);
    b = pk_bytes(mld, sizeof mld);
    ip = pk_ipv6("fe80::1", "ff02::16", 0, 1, hbh, 8, b);
    g_ptr_array_add(a, pk_eth(NULL, 0, 0x86dd, ip));
    g_byte_array_unref(ip);
    g_byte_array_unref(b);
    b = pk_udp(1, 2, "0123456789abcdef0123456789abcdef", 32);
    ip = pk_ipv4_full("10.0.0.1", "239.1.1.1", IPPROTO_UDP, 5, 9, 0x2000, NULL, 0, b); /* first fragment */
    g_ptr_array_add(a, pk_eth(NULL, 0, 0x0800, ip));
    g_byte_array_unref(ip);
    g_byte_array_unref(b);
    return a;
}

static void test_fuzz(void)
{
    static const int dlts[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_NULL, DLT_LOOP,
                                DLT_IPV4, DLT_IPV6 };
    /* MA_FUZZ_SEED / MA_FUZZ_ROUNDS let a developer run longer campaigns */
    const char *env_seed = g_getenv("MA_FUZZ_SEED"), *env_rounds = g_getenv("MA_FUZZ_ROUNDS");
    guint32 seed = env_seed ? (guint32)g_ascii_strtoull(env_seed, NULL, 10) : 20260115u;
    guint rounds = env_rounds ? (guint)g_ascii_strtoull(env_rounds, NULL, 10) : ROUNDS;
    GRand *rng = g_rand_new_with_seed(seed);
    GPtrArray *base = seeds();
    rec r;
    rec_init(&r, NULL);
    guint64 frames = 0;
    for (guint i = 0; i < rounds; i++) {
        int dlt = dlts[g_rand_int_range(rng, 0, G_N_ELEMENTS(dlts))];
        GByteArray *f;
        if (i % 2) {
            /* a valid frame with a few bytes changed and maybe cut short */
            GByteArray *s = base->pdata[g_rand_int_range(rng, 0, (gint32)base->len)];
            f = pk_bytes(s->data, s->len);
            dlt = DLT_EN10MB;
            for (int k = g_rand_int_range(rng, 1, 4); k > 0; k--)
                f->data[g_rand_int_range(rng, 0, (gint32)f->len)] = (uint8_t)g_rand_int(rng);
            if (g_rand_boolean(rng))
                g_byte_array_set_size(f, (guint)g_rand_int_range(rng, 0, (gint32)f->len + 1));
        } else {
            f = g_byte_array_new();
            for (int n = g_rand_int_range(rng, 0, 160); n > 0; n--) {
                uint8_t byte = (uint8_t)g_rand_int(rng);
                g_byte_array_append(f, &byte, 1);
            }
            if (f->len > 0 && g_rand_boolean(rng))
                f->data[0] = g_rand_boolean(rng) ? 0x45 : 0x60; /* look like IP */
        }
        ma_dec_result res = rec_frame_free(&r, dlt, (gint64)i * 1000000, f);
        g_assert_cmpint(res, >=, MA_DEC_EVENT);
        g_assert_cmpint(res, <=, MA_DEC_HELD);
        frames++;
    }
    ma_decoder_flush(r.dec);
    g_assert_cmpuint(r.st.dec.frames, ==, frames);
    g_assert_cmpuint(r.st.dec.undecoded + r.st.dec.malformed, <=, frames);
    g_assert_cmpuint(r.st.dec.malformed, >, 0);
    rec_clear(&r);
    g_ptr_array_unref(base);
    g_rand_free(rng);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/fuzz", test_fuzz);
    return g_test_run();
}
