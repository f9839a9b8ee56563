/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_transport.c - Transport header parsing (RFC 2326 12.39, RFC 7826 18.54). */
#include "transport.h"

#include <string.h>

static ma_transport *parse_ok(const char *value)
{
    GError *err = NULL;
    gsize off = 12345;
    ma_transport *t = ma_transport_parse(value, &off, &err);
    g_assert_no_error(err);
    g_assert_nonnull(t);
    g_assert_cmpuint(off, ==, 12345); /* untouched on success */
    return t;
}

static void assert_addr(const ma_tp_host *h, int family, const char *text)
{
    char buf[MA_ADDR_STRLEN];
    g_assert_true(h->present);
    g_assert_cmpint(h->addr.family, ==, family);
    g_assert_cmpstr(ma_addr_to_str(&h->addr, buf), ==, text);
}

static void assert_describe(const ma_transport_spec *s, const char *want)
{
    char *d = ma_transport_spec_describe(s);
    g_assert_cmpstr(d, ==, want);
    g_free(d);
}

/* The seed camera's SETUP reply: Wireshark 4.0 registers no RTP for it. */
static void test_vendor_multicast(void)
{
    ma_transport *t = parse_ok("RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=128");
    const ma_transport_spec *s = ma_transport_first(t);
    int rtp = 0, rtcp = 0;
    g_assert_cmpuint(t->specs->len, ==, 1);
    g_assert_cmpstr(s->protocol, ==, "RTP");
    g_assert_cmpstr(s->profile, ==, "AVP");
    g_assert_cmpint(s->lower, ==, MA_LOWER_DEFAULT_UDP);
    g_assert_null(s->lower_text);
    g_assert_cmpint(s->cast, ==, MA_CAST_MULTICAST);
    assert_addr(&s->destination, 4, "239.255.255.200");
    g_assert_cmpstr(s->destination.host, ==, "239.255.255.200");
    g_assert_cmpint(s->destination.port, ==, -1);
    g_assert_false(s->source.present);
    g_assert_true(s->port.present);
    g_assert_cmpint(s->port.lo, ==, 8860);
    g_assert_cmpint(s->port.hi, ==, 8861);
    g_assert_false(s->client_port.present);
    g_assert_false(s->server_port.present);
    g_assert_false(s->interleaved.present);
    g_assert_cmpint(s->ttl, ==, 128);
    g_assert_cmpint(s->layers, ==, -1);
    g_assert_cmpuint(s->n_ssrc, ==, 0);
    g_assert_cmpuint(s->modes->len, ==, 0);
    g_assert_false(s->append);
    g_assert_cmpuint(s->unknown->len, ==, 0);
    g_assert_true(ma_transport_media_ports(s, &rtp, &rtcp));
    g_assert_cmpint(rtp, ==, 8860);
    g_assert_cmpint(rtcp, ==, 8861);
    assert_describe(s, "RTP/AVP multicast 239.255.255.200 port=8860-8861 ttl=128");
    ma_transport_free(t);
}

static void test_gst_multicast(void)
{
    ma_transport *t = parse_ok("RTP/AVP;multicast;destination=224.3.0.1;ttl=1;port=5000-5001;mode=\"PLAY\"");
    const ma_transport_spec *s = ma_transport_first(t);
    assert_addr(&s->destination, 4, "224.3.0.1");
    g_assert_cmpint(s->ttl, ==, 1);
    g_assert_cmpint(s->port.lo, ==, 5000);
    g_assert_cmpint(s->port.hi, ==, 5001);
    g_assert_cmpuint(s->modes->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(s->modes, 0), ==, "PLAY");
    assert_describe(s, "RTP/AVP multicast 224.3.0.1 port=5000-5001 ttl=1 mode=PLAY");
    ma_transport_free(t);
}

static void test_unicast_ssrc(void)
{
    ma_transport *t = parse_ok("RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=4D8F2A1B");
    const ma_transport_spec *s = ma_transport_first(t);
    int rtp = 0, rtcp = 0;
    g_assert_cmpint(s->cast, ==, MA_CAST_UNICAST);
    g_assert_false(s->destination.present);
    g_assert_cmpint(s->client_port.lo, ==, 4588);
    g_assert_cmpint(s->client_port.hi, ==, 4589);
    g_assert_cmpint(s->server_port.lo, ==, 6256);
    g_assert_cmpint(s->server_port.hi, ==, 6257);
    g_assert_cmpuint(s->n_ssrc, ==, 1);
    g_assert_cmpuint(s->ssrc[0], ==, 0x4D8F2A1Bu);
    /* no port=: client_port is the pair the media goes to */
    g_assert_true(ma_transport_media_ports(s, &rtp, &rtcp));
    g_assert_cmpint(rtp, ==, 4588);
    g_assert_cmpint(rtcp, ==, 4589);
    assert_describe(s, "RTP/AVP unicast client_port=4588-4589 server_port=6256-6257 ssrc=4D8F2A1B");
    ma_transport_free(t);
}

static void test_tcp_interleaved(void)
{
    ma_transport *t = parse_ok("RTP/AVP/TCP;interleaved=0-1");
    const ma_transport_spec *s = ma_transport_first(t);
    g_assert_cmpint(s->lower, ==, MA_LOWER_TCP);
    g_assert_cmpstr(s->lower_text, ==, "TCP");
    g_assert_cmpint(s->cast, ==, MA_CAST_UNSPECIFIED);
    g_assert_true(s->interleaved.present);
    g_assert_cmpint(s->interleaved.lo, ==, 0);
    g_assert_cmpint(s->interleaved.hi, ==, 1);
    g_assert_false(ma_transport_media_ports(s, NULL, NULL));
    assert_describe(s, "RTP/AVP/TCP interleaved=0-1");
    ma_transport_free(t);
}

static void test_savp_unknown(void)
{
    ma_transport *t = parse_ok("RTP/SAVP;unicast;client_port=5000-5001;MIKEY=AQAFgM0XflABAAAAAAAAAAAAAAsAyO+/;RTCP-mux");
    const ma_transport_spec *s = ma_transport_first(t);
    g_assert_cmpstr(s->profile, ==, "SAVP");
    g_assert_cmpuint(s->unknown->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(s->unknown, 0), ==, "MIKEY=AQAFgM0XflABAAAAAAAAAAAAAAsAyO+/");
    g_assert_cmpstr(g_ptr_array_index(s->unknown, 1), ==, "RTCP-mux");
    assert_describe(s, "RTP/SAVP unicast client_port=5000-5001");
    ma_transport_free(t);
}

/* RFC 2326 section 12.39's example request, and a comma inside quotes. */
static void test_alternatives(void)
{
    ma_transport *t = parse_ok("RTP/AVP;multicast;ttl=127;mode=\"PLAY\",\r\n RTP/AVP;unicast;client_port=3456-3457;mode=\"PLAY\"");
    g_assert_cmpuint(t->specs->len, ==, 2);
    const ma_transport_spec *a = g_ptr_array_index(t->specs, 0);
    const ma_transport_spec *b = g_ptr_array_index(t->specs, 1);
    g_assert_cmpint(a->cast, ==, MA_CAST_MULTICAST);
    g_assert_cmpint(a->ttl, ==, 127);
    g_assert_cmpint(b->cast, ==, MA_CAST_UNICAST);
    g_assert_cmpint(b->client_port.lo, ==, 3456);
    g_assert_cmpstr(g_ptr_array_index(b->modes, 0), ==, "PLAY");
    ma_transport_free(t);

    t = parse_ok("RTP/AVP;unicast;mode=\"PLAY, record\";client_port=1-2;x-note=\"a,b;c\", RTP/AVP/TCP;interleaved=2-3,");
    g_assert_cmpuint(t->specs->len, ==, 2);
    a = g_ptr_array_index(t->specs, 0);
    b = g_ptr_array_index(t->specs, 1);
    g_assert_cmpuint(a->modes->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(a->modes, 0), ==, "PLAY");
    g_assert_cmpstr(g_ptr_array_index(a->modes, 1), ==, "RECORD");
    g_assert_cmpint(a->client_port.hi, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(a->unknown, 0), ==, "x-note=\"a,b;c\"");
    g_assert_cmpint(b->interleaved.lo, ==, 2);
    g_assert_cmpint(b->interleaved.hi, ==, 3);
    ma_transport_free(t);
}

static void test_rfc7826_dest_addr(void)
{
    int rtp = 0, rtcp = 0;
    ma_transport *t = parse_ok("RTP/AVP/UDP;unicast;dest_addr=\":4588\"/\":4589\"");
    const ma_transport_spec *s = ma_transport_first(t);
    g_assert_cmpint(s->lower, ==, MA_LOWER_UDP);
    g_assert_true(s->destination.present);
    g_assert_null(s->destination.host);
    g_assert_cmpint(s->destination.addr.family, ==, 0);
    g_assert_cmpint(s->destination.port, ==, 4588);
    g_assert_cmpint(s->destination.port2, ==, 4589);
    g_assert_true(ma_transport_media_ports(s, &rtp, &rtcp));
    g_assert_cmpint(rtp, ==, 4588);
    g_assert_cmpint(rtcp, ==, 4589);
    assert_describe(s, "RTP/AVP/UDP unicast :4588");
    ma_transport_free(t);

    t = parse_ok("RTP/AVP/UDP;unicast;dest_addr=\"192.0.2.5:3456\"/\"192.0.2.5:3457\";src_addr=\"198.51.100.1:6256\"/\"198.51.100.1:6257\";ssrc=0A13C760/2F1B8C3D;mode=play");
    s = ma_transport_first(t);
    assert_addr(&s->destination, 4, "192.0.2.5");
    g_assert_cmpstr(s->destination.host, ==, "192.0.2.5");
    g_assert_cmpint(s->destination.port, ==, 3456);
    g_assert_cmpint(s->destination.port2, ==, 3457);
    assert_addr(&s->source, 4, "198.51.100.1");
    g_assert_cmpint(s->source.port, ==, 6256);
    g_assert_cmpuint(s->n_ssrc, ==, 2);
    g_assert_cmpuint(s->ssrc[0], ==, 0x0A13C760u);
    g_assert_cmpuint(s->ssrc[1], ==, 0x2F1B8C3Du);
    g_assert_cmpstr(g_ptr_array_index(s->modes, 0), ==, "PLAY");
    assert_describe(s, "RTP/AVP/UDP unicast 192.0.2.5:3456 source=198.51.100.1:6256 ssrc=0A13C760/2F1B8C3D mode=PLAY");
    ma_transport_free(t);

    t = parse_ok("RTP/AVP/UDP;unicast;dest_addr=\"[2001:db8::1]:5000\"");
    s = ma_transport_first(t);
    assert_addr(&s->destination, 6, "2001:db8::1");
    g_assert_cmpstr(s->destination.host, ==, "2001:db8::1");
    g_assert_cmpint(s->destination.port, ==, 5000);
    g_assert_cmpint(s->destination.port2, ==, -1);
    g_assert_true(ma_transport_media_ports(s, &rtp, &rtcp));
    g_assert_cmpint(rtp, ==, 5000);
    g_assert_cmpint(rtcp, ==, 5001);
    assert_describe(s, "RTP/AVP/UDP unicast [2001:db8::1]:5000");
    ma_transport_free(t);
}

static void test_destination_forms(void)
{
    ma_transport *t = parse_ok("RTP/AVP;multicast;destination=ff15::1;port=9000-9001");
    const ma_transport_spec *s = ma_transport_first(t);
    assert_addr(&s->destination, 6, "ff15::1");
    g_assert_cmpint(s->destination.port, ==, -1);
    assert_describe(s, "RTP/AVP multicast ff15::1 port=9000-9001");
    ma_transport_free(t);

    t = parse_ok("RTP/AVP;multicast;destination=[ff15::2];port=9000");
    s = ma_transport_first(t);
    assert_addr(&s->destination, 6, "ff15::2");
    g_assert_cmpint(s->port.lo, ==, 9000);
    g_assert_cmpint(s->port.hi, ==, 9000);
    ma_transport_free(t);

    t = parse_ok("RTP/AVP;unicast;destination=client-7.example.net;source=10.9.97.69");
    s = ma_transport_first(t);
    g_assert_cmpstr(s->destination.host, ==, "client-7.example.net");
    g_assert_cmpint(s->destination.addr.family, ==, 0);
    assert_addr(&s->source, 4, "10.9.97.69");
    assert_describe(s, "RTP/AVP unicast client-7.example.net source=10.9.97.69");
    ma_transport_free(t);

    t = parse_ok("RTP/AVP;multicast;destination;append;layers=2");
    s = ma_transport_first(t);
    g_assert_true(s->destination.present);
    g_assert_null(s->destination.host);
    g_assert_true(s->append);
    g_assert_cmpint(s->layers, ==, 2);
    assert_describe(s, "RTP/AVP multicast (client) layers=2 append");
    ma_transport_free(t);
}

/* Names are case-insensitive; LWS around separators; empty parameters. */
/* Back to header syntax (the CLI's JSON "transport"): parameters in a fixed
 * order, only the first ssrc, a dest_addr without host left out. */
static void test_header_text(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"RTP/AVP;ttl=128;port=8860-8861;multicast;destination=239.255.255.200",
         "RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=128"},
        {"RTP/AVP/TCP;unicast;interleaved=0-1", "RTP/AVP/TCP;unicast;interleaved=0-1"},
        {"RTP/AVP;unicast;client_port=4588;ssrc=0A13C760/2F1B8C3D;mode=\"PLAY,RECORD\"",
         "RTP/AVP;unicast;client_port=4588;ssrc=0A13C760;mode=PLAY,RECORD"},
        {"RTP/AVP/UDP;unicast;dest_addr=\":4588\";src_addr=\"198.51.100.1:6256\"",
         "RTP/AVP/UDP;unicast;src_addr=\"198.51.100.1:6256\""},
        {"RTP/AVP/UDP;unicast;dest_addr=\"[2001:db8::1]:5000\"",
         "RTP/AVP/UDP;unicast;dest_addr=\"[2001:db8::1]:5000\""},
        {"RTP/AVP;multicast;destination=ff15::efff:ffc8;port=8860-8861",
         "RTP/AVP;multicast;destination=ff15::efff:ffc8;port=8860-8861"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        ma_transport *t = parse_ok(cases[i].in);
        char *text = ma_transport_spec_header_text(ma_transport_first(t));
        g_assert_cmpstr(text, ==, cases[i].want);
        g_free(text);
        ma_transport_free(t);
    }
    g_assert_null(ma_transport_spec_header_text(NULL));
}

static void test_case_and_lws(void)
{
    ma_transport *t = parse_ok("  rtp/avp ; MULTICAST ;Destination = 239.1.1.1; PORT=1-2 ;TTL=5;Mode=play;; ");
    const ma_transport_spec *s = ma_transport_first(t);
    g_assert_cmpstr(s->protocol, ==, "rtp");
    g_assert_cmpint(s->cast, ==, MA_CAST_MULTICAST);
    assert_addr(&s->destination, 4, "239.1.1.1");
    g_assert_cmpint(s->port.lo, ==, 1);
    g_assert_cmpint(s->port.hi, ==, 2);
    g_assert_cmpint(s->ttl, ==, 5);
    g_assert_cmpstr(g_ptr_array_index(s->modes, 0), ==, "PLAY");
    ma_transport_free(t);
}

static void test_copy(void)
{
    ma_transport *t = parse_ok("RTP/AVP/TCP;unicast;destination=10.0.0.1;interleaved=4-5;ssrc=DEADBEEF;mode=\"PLAY\";foo=bar");
    ma_transport_spec *c = ma_transport_spec_copy(ma_transport_first(t));
    ma_transport_free(t); /* the copy must not share memory with the original */
    g_assert_cmpstr(c->protocol, ==, "RTP");
    g_assert_cmpstr(c->lower_text, ==, "TCP");
    g_assert_cmpstr(c->destination.host, ==, "10.0.0.1");
    g_assert_cmpint(c->interleaved.lo, ==, 4);
    g_assert_cmpuint(c->ssrc[0], ==, 0xDEADBEEFu);
    g_assert_cmpstr(g_ptr_array_index(c->modes, 0), ==, "PLAY");
    g_assert_cmpstr(g_ptr_array_index(c->unknown, 0), ==, "foo=bar");
    ma_transport_spec_free(c);
    g_assert_null(ma_transport_spec_copy(NULL));
    g_assert_null(ma_transport_first(NULL));
}

typedef struct {
    const char *value;
    gsize offset;
    const char *message; /* start of the error message after "offset N: " */
} bad_case;

static const bad_case bad_cases[] = {
    {"", 0, "empty Transport header"},
    {"   ", 3, "empty Transport header"},
    {",", 1, "empty Transport header"},
    {"RTP/AVP;unicast;client_port=70000-70001", 28, "client_port 70000 out of range 0-65535"},
    {"RTP/AVP;port=abc", 13, "port: expected a number"},
    {"RTP/AVP;port=123456", 13, "port has more than 5 digits"},
    {"RTP/AVP;multicast;port=8861-8860", 28, "port range 8861-8860 is reversed"},
    {"RTP/AVP;multicast;port=8860-", 28, "port: expected a number"},
    {"RTP/AVP;multicast;ttl=300", 22, "ttl 300 out of range 0-255"},
    {"RTP/AVP;ttl", 11, "ttl needs a value"},
    {"RTP/AVP;layers=0", 15, "layers 0 below 1"},
    {"RTP/AVP;interleaved=0-256", 22, "interleaved 256 out of range 0-255"},
    {"RTP/AVP;ssrc=4D8F2A1", 13, "ssrc must be 8 hex digits"},
    {"RTP/AVP;ssrc=4D8F2A1B0", 13, "ssrc must be 8 hex digits"},
    {"RTP/AVP;ssrc=4D8F2A1G", 13, "ssrc must be 8 hex digits"},
    {"RTP/AVP;ssrc=4D8F2A1B/", 22, "ssrc must be 8 hex digits"},
    {"RTP/AVP;multicast;mode=\"PLAY", 23, "unterminated quoted string"},
    {"RTP/AVP;multicast;mode=\"PLAY,\"", 29, "mode: expected a method name"},
    {"RTP/AVP;x=\"abc", 10, "unterminated quoted string"},
    {"RTP/AVP;multicast;ttl=128 x", 26, "unexpected 'x' after ttl"},
    {"RTP/AVP;multicast;ttl=12x", 24, "unexpected 'x' after ttl"},
    {"RTP/AVP junk", 8, "unexpected 'j' after transport-spec"},
    {"RTP", 3, "expected '/' after \"RTP\""},
    {"RTP/", 4, "expected a profile"},
    {"RTP/AVP/", 8, "expected a lower transport"},
    {";ttl=1", 0, "expected a transport protocol"},
    {"RTP/AVP;=1", 8, "expected a parameter name"},
    {"RTP/AVP;multicast=1", 17, "multicast takes no value"},
    {"RTP/AVP/UDP;unicast;dest_addr=\"192.0.2.5:70000\"", 41, "port 70000 out of range 0-65535"},
    {"RTP/AVP;dest_addr=\"[2001:db8::1:5000\"", 19, "unterminated '['"},
    {"RTP/AVP;dest_addr=\"[10.1.1.1]:5000\"", 20, "bad IPv6 address in brackets"},
    {"RTP/AVP;dest_addr=\"\"", 19, "dest_addr: expected an address"},
    {"RTP/AVP;multicast;destination=239.255.255.300", 30, "bad IP address"},
    {"RTP/AVP;multicast;destination=ff15::1::2", 30, "bad IP address"},
    {"RTP/AVP;multicast;destination=bad!host", 33, "bad character in host name"},
    {"RTP/AVP;unicast,RTP", 19, "expected '/' after \"RTP\""},
    {"RTP/AVP;destination=", 20, "destination: expected an address"},
    {"RTP/AVP;destination=;ttl=1", 20, "destination: expected an address"},
    {"RTP/AVP;source=10.0.0.1:x", 24, "bad port"},
};

static void test_malformed(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
        const bad_case *b = &bad_cases[i];
        GError *err = NULL;
        gsize off = 9999;
        char *prefix = g_strdup_printf("offset %" G_GSIZE_FORMAT ": %s", b->offset, b->message);
        ma_transport *t = ma_transport_parse(b->value, &off, &err);
        if (t != NULL || off != b->offset || err == NULL || !g_str_has_prefix(err->message, prefix))
            g_test_message("case %" G_GSIZE_FORMAT " \"%s\": offset %" G_GSIZE_FORMAT " message \"%s\"",
                           i, b->value, off, err != NULL ? err->message : "(none)");
        g_assert_null(t);
        g_assert_error(err, MA_TRANSPORT_ERROR, 0);
        g_assert_cmpuint(off, ==, b->offset);
        g_assert_true(g_str_has_prefix(err->message, prefix));
        g_free(prefix);
        g_error_free(err);
    }
    /* NULL value and NULL out-parameters are allowed */
    g_assert_null(ma_transport_parse(NULL, NULL, NULL));
}

static void test_limits(void)
{
    GString *v = g_string_new("RTP/AVP;ssrc=");
    GError *err = NULL;
    gsize off = 0;
    for (int i = 0; i < 17; i++)
        g_string_append_printf(v, "%s%08X", i ? "/" : "", (unsigned)i);
    /* 17 ssrc values: the 17th (at 13 + 16 * 9) is refused */
    g_assert_null(ma_transport_parse(v->str, &off, &err));
    g_assert_cmpuint(off, ==, 13 + 16 * 9);
    g_clear_error(&err);
    g_string_assign(v, "");
    for (int i = 0; i < 65; i++)
        g_string_append(v, "RTP/AVP,");
    g_assert_null(ma_transport_parse(v->str, &off, &err));
    g_assert_cmpuint(off, ==, 64 * 8);
    g_clear_error(&err);
    /* 33 unknown parameters "x0".."x32": the 33rd is refused */
    g_string_assign(v, "RTP/AVP");
    for (int i = 0; i < 33; i++)
        g_string_append_printf(v, ";x%d", i);
    g_assert_null(ma_transport_parse(v->str, &off, &err));
    g_assert_cmpuint(off, ==, strlen("RTP/AVP;x0;x1;x2;x3;x4;x5;x6;x7;x8;x9") +
                                  22 * 4 + 1);
    g_assert_true(g_str_has_suffix(err->message, "more than 32 unknown parameters"));
    g_clear_error(&err);
    g_string_free(v, TRUE);
}

/* Random mutations of valid headers: never crash, errors always carry an
 * offset inside the string. */
static void test_fuzz(void)
{
    static const char *const seeds[] = {
        "RTP/AVP;multicast;destination=239.255.255.200;port=8860-8861;ttl=128",
        "RTP/AVP/UDP;unicast;dest_addr=\"[2001:db8::1]:5000\"/\":5001\";mode=\"PLAY,RECORD\"",
        "RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=4D8F2A1B, RTP/AVP/TCP;interleaved=0-1",
    };
    const char alphabet[] = "\";,=/-:[] \t\r\nabcRTP0123456789\\";
    GRand *r = g_rand_new_with_seed(20240305);
    guint ok = 0, bad = 0;
    for (int it = 0; it < 20000; it++) {
        GString *s = g_string_new(seeds[it % G_N_ELEMENTS(seeds)]);
        int edits = g_rand_int_range(r, 1, 5);
        for (int e = 0; e < edits; e++) {
            guint pos = (guint)g_rand_int_range(r, 0, (gint32)s->len + 1);
            char ch = alphabet[g_rand_int_range(r, 0, (gint32)sizeof alphabet - 1)];
            switch (g_rand_int_range(r, 0, 3)) {
            case 0: g_string_insert_c(s, pos, ch); break;
            case 1: if (pos < s->len) g_string_erase(s, pos, 1); break;
            default: if (pos < s->len) s->str[pos] = ch; break;
            }
        }
        GError *err = NULL;
        gsize off = 0;
        ma_transport *t = ma_transport_parse(s->str, &off, &err);
        if (t != NULL) {
            g_assert_no_error(err);
            g_assert_cmpuint(t->specs->len, >=, 1);
            for (guint i = 0; i < t->specs->len; i++)
                g_free(ma_transport_spec_describe(g_ptr_array_index(t->specs, i)));
            ma_transport_free(t);
            ok++;
        } else {
            g_assert_nonnull(err);
            g_assert_cmpuint(off, <=, s->len);
            g_error_free(err);
            bad++;
        }
        g_string_free(s, TRUE);
    }
    g_rand_free(r);
    g_assert_cmpuint(ok + bad, ==, 20000);
    g_assert_cmpuint(ok, >, 0);
    g_assert_cmpuint(bad, >, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/transport/vendor_multicast", test_vendor_multicast);
    g_test_add_func("/transport/gst_multicast", test_gst_multicast);
    g_test_add_func("/transport/unicast_ssrc", test_unicast_ssrc);
    g_test_add_func("/transport/tcp_interleaved", test_tcp_interleaved);
    g_test_add_func("/transport/savp_unknown", test_savp_unknown);
    g_test_add_func("/transport/alternatives", test_alternatives);
    g_test_add_func("/transport/rfc7826_dest_addr", test_rfc7826_dest_addr);
    g_test_add_func("/transport/destination_forms", test_destination_forms);
    g_test_add_func("/transport/header_text", test_header_text);
    g_test_add_func("/transport/case_and_lws", test_case_and_lws);
    g_test_add_func("/transport/copy", test_copy);
    g_test_add_func("/transport/malformed", test_malformed);
    g_test_add_func("/transport/limits", test_limits);
    g_test_add_func("/transport/fuzz", test_fuzz);
    return g_test_run();
}
