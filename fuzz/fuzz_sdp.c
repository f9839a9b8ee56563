/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_sdp.c - libFuzzer harness: an SDP body through ma_sdp_parse_strict
 * and ma_sdp_parse, then
 * what the correlator asks of it (connection, control URLs against a base,
 * the media a SETUP URL names, clock rates and rtpmaps). */
#include <stdint.h>
#include <string.h>

#include "sdp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* ma_sdp_parse takes a length: no terminator, a private copy */
    char *text = g_memdup2(data, size);
    GError *err = NULL;
    /* the strict parser (--sdp files) walks the same lines: it fails with a
     * message, or agrees with the lenient one that nothing was skipped */
    ma_sdp *strict = ma_sdp_parse_strict(text, size, &err);
    g_assert((strict == NULL) == (err != NULL));
    g_clear_error(&err);
    ma_sdp *sdp = ma_sdp_parse(text, size, &err);
    g_assert(strict == NULL || (sdp != NULL && sdp->skipped_lines == 0 &&
                                sdp->media->len == strict->media->len));
    ma_sdp_free(strict);
    if (sdp == NULL) {
        g_assert(err != NULL);
        g_error_free(err);
        g_free(text);
        return 0;
    }
    static const char base[] = "rtsp://10.0.0.1:554/stream";
    for (guint i = 0; i < sdp->media->len; i++) {
        const ma_sdp_media *m = sdp->media->pdata[i];
        (void)ma_sdp_media_conn(sdp, m);
        char *url = ma_sdp_media_control_url(sdp, m, base);
        if (url != NULL)
            (void)ma_sdp_find_media_for_url(sdp, url, base);
        g_free(url);
        for (guint k = 0; k < m->formats->len; k++) {
            int pt = (int)g_ascii_strtoll(m->formats->pdata[k], NULL, 10);
            (void)ma_sdp_clock_rate(m, pt);
            (void)ma_sdp_rtpmap_for(m, pt);
            (void)ma_rtp_static_encoding(pt);
        }
    }
    (void)ma_sdp_find_media_for_url(sdp, "rtsp://10.0.0.1:554/stream/trackID=1", base);
    ma_sdp_free(sdp);
    g_free(text);
    return 0;
}
