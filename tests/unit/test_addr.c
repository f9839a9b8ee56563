/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_addr.c - address parsing, classes, hashing. */
#include "addr.h"

static void test_parse_format(void)
{
    ma_addr a;
    char buf[MA_ADDR_STRLEN];
    g_assert_true(ma_addr_parse("239.255.255.200", &a));
    g_assert_cmpint(a.family, ==, 4);
    g_assert_cmpstr(ma_addr_to_str(&a, buf), ==, "239.255.255.200");
    g_assert_true(ma_addr_parse("ff15::101", &a));
    g_assert_cmpint(a.family, ==, 6);
    g_assert_cmpstr(ma_addr_to_str(&a, buf), ==, "ff15::101");
    g_assert_false(ma_addr_parse("239.255.255.256", &a));
    g_assert_false(ma_addr_parse("", &a));
    g_assert_false(ma_addr_parse(NULL, &a));
    g_assert_true(ma_addr_parse_len("10.9.97.69:554", 10, &a));
    g_assert_cmpstr(ma_addr_to_str(&a, buf), ==, "10.9.97.69");
    g_assert_false(ma_addr_parse_len("1.2.3.4", 0, &a));
    g_assert_cmpstr(ma_addr_to_str(NULL, buf), ==, "-");
}

/* host:port with IPv6 in brackets: verdict messages and the CLI's reports. */
static void test_port_to_str(void)
{
    ma_addr a;
    char *s;
    g_assert_true(ma_addr_parse("239.1.1.1", &a));
    s = ma_addr_port_to_str(&a, 8860);
    g_assert_cmpstr(s, ==, "239.1.1.1:8860");
    g_free(s);
    g_assert_true(ma_addr_parse("ff3e::1", &a));
    s = ma_addr_port_to_str(&a, 5000);
    g_assert_cmpstr(s, ==, "[ff3e::1]:5000");
    g_free(s);
    s = ma_addr_port_to_str(NULL, 0);
    g_assert_cmpstr(s, ==, "-:0");
    g_free(s);
}

static void test_classes(void)
{
    ma_addr a;
    uint8_t mac[6];
    g_assert_true(ma_addr_parse("239.255.255.200", &a));
    g_assert_true(ma_addr_is_multicast(&a));
    g_assert_false(ma_addr_is_ssm(&a));
    g_assert_true(ma_addr_multicast_mac(&a, mac));
    /* RFC 1112: low 23 bits; 255 & 0x7f = 0x7f */
    g_assert_cmpint(mac[0], ==, 0x01); g_assert_cmpint(mac[2], ==, 0x5e);
    g_assert_cmpint(mac[3], ==, 0x7f); g_assert_cmpint(mac[4], ==, 0xff); g_assert_cmpint(mac[5], ==, 0xc8);
    g_assert_true(ma_addr_parse("232.1.2.3", &a));
    g_assert_true(ma_addr_is_ssm(&a));
    g_assert_true(ma_addr_parse("10.9.97.42", &a));
    g_assert_false(ma_addr_is_multicast(&a));
    g_assert_false(ma_addr_multicast_mac(&a, mac));
    g_assert_true(ma_addr_parse("0.0.0.0", &a));
    g_assert_true(ma_addr_is_unspecified(&a));
    g_assert_true(ma_addr_parse("ff3e::8000:1", &a));
    g_assert_true(ma_addr_is_ssm(&a));
    g_assert_true(ma_addr_multicast_mac(&a, mac));
    g_assert_cmpint(mac[0], ==, 0x33); g_assert_cmpint(mac[5], ==, 0x01);
}

static void test_hash_equal(void)
{
    ma_addr a, b, c;
    g_assert_true(ma_addr_parse("10.0.0.1", &a));
    g_assert_true(ma_addr_parse("10.0.0.1", &b));
    g_assert_true(ma_addr_parse("::ffff:10.0.0.1", &c));
    g_assert_true(ma_addr_equal(&a, &b));
    g_assert_cmpuint(ma_addr_hash(&a), ==, ma_addr_hash(&b));
    g_assert_false(ma_addr_equal(&a, &c)); /* v4-mapped is a different family */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/addr/parse_format", test_parse_format);
    g_test_add_func("/addr/port_to_str", test_port_to_str);
    g_test_add_func("/addr/classes", test_classes);
    g_test_add_func("/addr/hash_equal", test_hash_equal);
    return g_test_run();
}
