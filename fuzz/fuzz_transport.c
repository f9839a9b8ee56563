/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_transport.c - libFuzzer harness: a Transport header value through
 * ma_transport_parse, then what the reports and the correlator read from
 * each spec (ports, the description, the header written back). */
#include <stdint.h>
#include <string.h>

#include "transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a header value is a C string in the core: cut at the first NUL */
    char *value = g_strndup((const char *)data, size);
    gsize err_offset = 0;
    GError *err = NULL;
    ma_transport *t = ma_transport_parse(value, &err_offset, &err);
    if (t == NULL) {
        g_assert(err != NULL);
        g_assert(err_offset <= strlen(value));
        g_error_free(err);
        g_free(value);
        return 0;
    }
    g_assert(t->specs->len > 0);
    g_assert(ma_transport_first(t) == t->specs->pdata[0]);
    for (guint i = 0; i < t->specs->len; i++) {
        const ma_transport_spec *s = t->specs->pdata[i];
        int rtp = 0, rtcp = 0;
        (void)ma_transport_media_ports(s, &rtp, &rtcp);
        g_free(ma_transport_spec_describe(s));
        g_free(ma_transport_spec_header_text(s));
        ma_transport_spec_free(ma_transport_spec_copy(s));
    }
    ma_transport_free(t);
    g_free(value);
    return 0;
}
